"""What `persona new` and `persona init` write: pure functions from a request to file texts.

Nothing here writes a file or prints; the commands hand the plans to `fileio.write`.

Why it looks like this:

- The fields a new persona holds come from the model (their order, nesting and allowed
  values) and from `completeness` (which of them its kind needs), so a new field or a change
  to the kind table reaches `persona new` without an edit here. Each field's comment is its
  question from `guidance`.
- A new persona must pass the schema and fail the completeness rules until it is filled, so
  `persona lint` is the to-do list: unanswered fields are written empty (`fears:` is null,
  which the schema accepts and the missing-field rules report), and lists of objects get a
  commented example item instead of an empty one.
- An individual profile (`--from`) overrides its persona only where one real person differs:
  its suggestions are commented out, because an empty mapping written live would replace
  the parent's values in the merge.
- `.persona.toml` is generated from the settings defaults and the rule registry, so the file
  `persona init` writes always spells out the defaults of the version that wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import textwrap
import tomllib
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from persona_cli import __version__
from persona_cli.domain import completeness, guidance
from persona_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.fileio import Snapshot
    from persona_cli.io.settings import Settings

FieldPath = tuple[str, ...]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
INIT_DIR = DATA_DIR / "init"
SCHEMA_FILE = "persona.schema.json"
#: Where editors find the schema when the repository holds no copy of it.
SCHEMA_URL = (
    f"https://raw.githubusercontent.com/persona-cli/persona-cli/v{__version__}/schemas/"
    f"{SCHEMA_FILE}"
)
MODELINE = "# yaml-language-server: $schema="
WIDTH = 100
#: Files larger than this are not personas (the loader's own limit).
DEFAULT_MAX_BYTES = 1024 * 1024
KINDS: tuple[str, ...] = ("buyer", "user", "internal", "individual")

#: What one real person usually differs in from the persona they are an instance of: how
#: they personally decide and feel, their politics and the objections you will hear from
#: them. Everything else is inherited (market to personas, sell to people).
#: `review.last_reviewed` is left to `persona review`, which records it with new evidence.
INDIVIDUAL_OVERRIDES: tuple[str, ...] = (
    "summary",
    "role.titles",
    "role.reports_to",
    "role.decisions_owned",
    "whole_person.motivations",
    "whole_person.fears",
    "whole_person.career_ambitions",
    "whole_person.external_pressures",
    "whole_person.trust",
    "whole_person.quotes",
    "decision.risk_tolerance",
    "decision.committee_role",
    "decision.proof_required",
    "lenses.sales.hesitation_triggers",
    "lenses.sales.authority_constraints",
    "lenses.sales.political_exposure",
    "lenses.sales.objections",
    "evidence",
    "review.owners",
)
#: An individual's name is a real person's, not an archetype's.
INDIVIDUAL_NAME_QUESTION = "Who is this person: their name, and their role at which company?"
#: Fields whose comment would only restate a value `persona new` fills in itself.
_SELF_EVIDENT = frozenset({("schema_version",), ("id",), ("kind",)})
#: The keys that say what the file is; written together at the top.
_IDENTITY = frozenset({*_SELF_EVIDENT, ("name",), ("status",), ("extends",)})


# --- the model as a tree of fields ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the model: its path, shape, allowed values and sub-fields.

    `shape` is `model` (a nested mapping), `items` (a list of mappings), `list` (a list of
    text) or `scalar`."""

    path: FieldPath
    shape: str
    choices: tuple[str, ...] = ()
    children: tuple[Field, ...] = ()

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _strip(annotation: Any) -> Any:
    """The type inside Annotated[...] and Optional[...]."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return _strip(args[0])
    return annotation


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model of a field or of one member of a union (a quote is text or an object)."""
    from pydantic import BaseModel

    inner = _strip(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return inner
    if typing.get_origin(inner) in (typing.Union, types.UnionType):
        for arg in typing.get_args(inner):
            found = _submodel(arg)
            if found is not None:
                return found
    return None


def fields(model: type[BaseModel] | None = None, prefix: FieldPath = ()) -> tuple[Field, ...]:
    """Every field of the persona model, in the model's (and the schema's) order."""
    if model is None:
        from persona_cli.domain.model import Persona

        model = Persona
    result: list[Field] = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        inner = _strip(info.annotation)
        if typing.get_origin(inner) is list:
            item = _submodel(typing.get_args(inner)[0])
            if item is not None:
                result.append(Field(path, "items", children=fields(item, path)))
            else:
                result.append(Field(path, "list"))
            continue
        sub = _submodel(inner)
        if sub is not None:
            result.append(Field(path, "model", children=fields(sub, path)))
            continue
        choices: tuple[str, ...] = ()
        if isinstance(inner, type) and issubclass(inner, Enum):
            choices = tuple(str(member.value) for member in inner)
        result.append(Field(path, "scalar", choices=choices))
    return tuple(result)


def walk(tree: Sequence[Field]) -> Iterator[Field]:
    """Every field of `tree`, parents before their children."""
    for item in tree:
        yield item
        yield from walk(item.children)


def question(item: Field) -> str:
    """The field's guidance question, with its allowed values when it has a fixed set."""
    text = guidance.question(item.dotted)
    if item.choices:
        text += f" One of: {', '.join(item.choices)}."
    return text


# --- YAML text ------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'()&/+_@-]*")
_RESERVED = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def yaml_string(text: str) -> str:
    """`text` as a YAML scalar: plain when that reads back as the same string, else
    double-quoted."""
    plain = (
        _PLAIN.fullmatch(text) is not None
        and text == text.strip()
        and text.lower() not in _RESERVED
        and ": " not in text
        and " #" not in text
    )
    if plain:
        return text
    # JSON's escapes are YAML's; characters YAML forbids raw (controls) are escaped too.
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + "".join(_escape(char) for char in body) + '"'


def _escape(char: str) -> str:
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _comment(text: str, indent: str) -> list[str]:
    width = max(WIDTH - len(indent) - 2, 40)
    wrapped = textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False)
    return [f"{indent}# {line}" for line in wrapped]


def _slug_words(persona_id: str) -> str:
    return " ".join(word.capitalize() for word in persona_id.split("-") if word)


def placeholder_name(persona_id: str) -> str:
    """The name written when none is given: readable, and flagged by `persona lint` (Q001)
    until someone writes the name people actually use."""
    return f"TODO {_slug_words(persona_id)}"


class _Writer:
    """Builds persona YAML from the field tree: questions above fields, two-space nesting,
    lists indented under their key (the style of examples/personas)."""

    def __init__(self, values: dict[FieldPath, Any], keep: frozenset[FieldPath] | None) -> None:
        self.values = values
        #: Paths to write (with their ancestors); None: every field passed in.
        self.keep = keep
        #: Questions that read differently in this kind of file.
        self.questions: dict[FieldPath, str] = {}

    def valued(self, item: Field) -> bool:
        return any(path[: len(item.path)] == item.path for path in self.values)

    def kept(self, item: Field) -> bool:
        if self.keep is None:
            return True
        return any(path[: len(item.path)] == item.path for path in self.keep)

    def block(self, item: Field, depth: int, *, commented: bool) -> list[str]:
        """The lines of one field: its question, its key and value or sub-fields. With
        `commented`, the caller comments out the whole block, so example items are written
        plain."""
        indent = "  " * depth
        lines: list[str] = []
        if item.path not in _SELF_EVIDENT:
            lines += _comment(self.questions.get(item.path) or question(item), indent)
        if item.path in self.values:
            lines += self.value(item, self.values[item.path], indent)
        elif item.shape == "model":
            lines.append(f"{indent}{item.name}:")
            for child in item.children:
                if self.kept(child):
                    lines += self.child(child, depth + 1, commented=commented)
        elif item.shape == "items":
            lines.append(f"{indent}{item.name}:")
            inner = "  " * (depth + 1)
            example = self.example(item)
            # Commented at the item's indentation, so removing "# " restores the YAML.
            lines += [f"{inner}{line}" if commented else f"{inner}# {line}" for line in example]
        else:
            lines.append(f"{indent}{item.name}:")
        return lines

    def child(self, item: Field, depth: int, *, commented: bool) -> list[str]:
        """A field inside a block: live, or (for an individual's suggestions) commented out
        when nothing in it has a value."""
        if commented or self.keep is None or self.valued(item):
            return self.block(item, depth, commented=commented)
        return [_comment_out(line) for line in self.block(item, depth, commented=True)]

    def value(self, item: Field, value: Any, indent: str) -> list[str]:
        if isinstance(value, list):
            return [f"{indent}{item.name}:", *(f"{indent}  - {yaml_string(v)}" for v in value)]
        shown = str(value) if isinstance(value, int) else yaml_string(str(value))
        return [f"{indent}{item.name}: {shown}"]

    def example(self, item: Field) -> list[str]:
        """One example item of a list of objects, each key followed by its question."""
        keys = [f"{'- ' if i == 0 else '  '}{child.name}:" for i, child in enumerate(item.children)]
        width = max(len(key) for key in keys) + 2
        return [
            f"{key:<{width}}# {question(child)}"
            for key, child in zip(keys, item.children, strict=True)
        ]

    def top(self, tree: Sequence[Field]) -> list[str]:
        """The whole file body: identity keys together, a blank line before every other
        top-level field."""
        lines: list[str] = []
        after_identity = True
        for item in tree:
            if not self.kept(item):
                continue
            identity = item.path in _IDENTITY
            if not (identity and after_identity):
                lines.append("")
            after_identity = identity
            lines += self.child(item, 0, commented=False)
        return lines


def _comment_out(line: str) -> str:
    """Comment out a line of YAML at column 0, so uncommenting restores it exactly."""
    return f"# {line}" if line else "#"


def needed_fields(kind: str) -> frozenset[FieldPath]:
    """The fields a persona of `kind` needs (the completeness table)."""
    return frozenset(path for group in completeness.groups(kind).values() for path in group)


def _anyone() -> frozenset[FieldPath]:
    return frozenset(path for kind in KINDS for path in needed_fields(kind))


def template_fields(kind: str) -> frozenset[FieldPath]:
    """The fields `persona new --kind KIND` writes: every general field, and of the sections
    that completeness judges (whole person, decision, lenses, colleague), those this kind
    needs, plus the fields no kind is judged on (quotes, decision criteria). `segment` goes
    with the committee role: it groups personas into buying committees."""
    needed = needed_fields(kind)
    anyone = _anyone()
    chosen: set[FieldPath] = set()
    for item in walk(fields()):
        path = item.path
        if path == ("extends",):
            continue
        if path == ("segment",):
            if ("decision", "committee_role") in needed:
                chosen.add(path)
            continue
        if len(path) > 1 and path[:-1] not in chosen:
            continue
        judged = any(p[: len(path)] == path for p in anyone)
        if judged and not any(p[: len(path)] == path for p in needed):
            continue  # a section or field that only other kinds are judged on
        chosen.add(path)
    return frozenset(chosen)


def persona_text(
    *,
    persona_id: str,
    kind: str,
    name: str,
    owners: Sequence[str],
    schema: str,
    display: str,
) -> str:
    """A new persona of `kind` with every field it needs, each under its question."""
    from persona_cli.domain.model import DEFAULT_INTERVAL_DAYS

    values: dict[FieldPath, Any] = {
        ("schema_version",): 1,
        ("id",): persona_id,
        ("name",): name,
        ("kind",): kind,
        ("status",): "draft",
        ("review", "interval_days"): DEFAULT_INTERVAL_DAYS,
    }
    if owners:
        values[("review", "owners")] = list(owners)
    keep = template_fields(kind)
    writer = _Writer(values, None)
    tree = _pruned(fields(), keep)
    article = "An" if kind in ("internal", "individual") else "A"  # "a user", "a buyer"
    header = [
        f"{MODELINE}{schema}",
        *_comment(
            f"{article} {kind} persona, started by `persona new`. Answer the question above "
            "each field in the words your research gave you, and delete what you cannot "
            f"answer yet. `persona lint {display}` lists what is left.",
            "",
        ),
    ]
    return "\n".join([*header, *writer.top(tree)]) + "\n"


def individual_text(
    *,
    persona_id: str,
    parent_id: str,
    parent_name: str | None,
    name: str,
    owners: Sequence[str],
    schema: str,
) -> str:
    """A profile of one real person that `extends` a persona: the required keys live, the
    fields worth overriding as commented suggestions."""
    values: dict[FieldPath, Any] = {
        ("schema_version",): 1,
        ("id",): persona_id,
        ("name",): name,
        ("kind",): "individual",
        ("status",): "draft",
        ("extends",): parent_id,
    }
    if owners:
        values[("review", "owners")] = list(owners)
    suggested = {tuple(path.split(".")) for path in INDIVIDUAL_OVERRIDES}
    keep = frozenset({*values, *suggested})
    writer = _Writer(values, keep)
    writer.questions[("name",)] = INDIVIDUAL_NAME_QUESTION
    parent = f"{parent_id} ({parent_name})" if parent_name else parent_id
    header = [
        f"{MODELINE}{schema}",
        *_comment(
            f"One real person, profiled by sales: everything not written here comes from the "
            f"persona {parent}. Sell to people, not personas: uncomment and fill only what is "
            "different about this person (remove the first '# ' of each line), and delete "
            "the rest.",
            "",
        ),
    ]
    return "\n".join([*header, *writer.top(fields())]) + "\n"


def _pruned(tree: Sequence[Field], keep: frozenset[FieldPath]) -> tuple[Field, ...]:
    return tuple(
        Field(item.path, item.shape, item.choices, _pruned(item.children, keep))
        if item.shape == "model"
        else item
        for item in tree
        if item.path in keep
    )


# --- persona new ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NewPlan:
    """A persona file to create, and what to tell the author about it."""

    path: Path
    display: str
    text: str
    kind: str
    parent: str | None
    #: The folder it lands in is outside the configured paths: lint will not see it by default.
    outside: bool


@dataclass(frozen=True, slots=True)
class _Known:
    """A persona file in the set, by an id it answers to."""

    path: Path
    display: str


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_id(persona_id: str, what: str = "id") -> None:
    """A persona id is the model's slug, and names the file."""
    from persona_cli.domain.model import SLUG_PATTERN

    if re.fullmatch(SLUG_PATTERN, persona_id):
        return
    given = persona_id
    if persona_id.endswith((".yaml", ".yml")) or "/" in persona_id:
        given = PurePath(persona_id).stem  # a path where the id goes: its file name is the id
    fixed = _slugify(given)
    hint = (
        f"ids are lower-case letters, digits and hyphens (the file name without .yaml), "
        f"e.g. '{fixed}'"
        if fixed
        else "ids are lower-case letters, digits and hyphens, e.g. 'ciso-risk-averse'"
    )
    raise UsageError(f"'{persona_id}' is not a valid {what}", hint=hint)


def _bases(settings: Settings, cwd: Path) -> list[Path]:
    """The folders the configured `paths` point into (a glob's fixed prefix, a file's folder)."""
    root = Path(settings.root) if settings.root else cwd
    bases: list[Path] = []
    for raw in settings.paths:
        parts = Path(raw).parts
        fixed = list(parts[: next((i for i, p in enumerate(parts) if _globby(p)), None)])
        base = root.joinpath(*fixed) if fixed else root
        if len(fixed) == len(parts) and Path(raw).suffix in (".yaml", ".yml"):
            base = base.parent
        bases.append(base)
    return bases


def _globby(part: str) -> bool:
    return any(char in part for char in "*?[")


#: A top-level `id:` line: enough to find ids without parsing every file of a large set.
_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def _known_ids(folders: Sequence[Path], cwd: Path) -> dict[str, _Known]:
    """Every persona id in `folders`: each file's stem and the `id` it declares (read from
    its top-level `id:` line; a file that is not a persona still reserves its stem)."""
    from persona_cli.io.discovery import discover
    from persona_cli.io.file_read import read_regular

    found: dict[str, _Known] = {}
    sources: list[SourceFile] = []
    for folder in dict.fromkeys(folders):
        if folder.is_dir():
            try:
                sources += discover([str(folder)], cwd=cwd)
            except UsageError:  # a folder without persona files yet
                continue
    for source in sources:
        idents = [source.path.stem]
        raw = read_regular(source.path, source.display, max_bytes=DEFAULT_MAX_BYTES)
        if isinstance(raw, bytes):  # never a FIFO, a socket or a device
            text = raw.decode("utf-8", errors="replace")
            idents += [match[2] for match in _ID_LINE.finditer(text)]
        for ident in idents:
            found.setdefault(ident, _Known(source.path, source.display))
    return found


def _parent_name(parent: _Known) -> str | None:
    """The `name` the `--from` parent declares; LoadError when its file cannot be read (any
    loader finding, as for every command): a profile must not start from a parent whose
    values are not what the file unambiguously holds."""
    import shlex

    from persona_cli.domain.errors import LoadError
    from persona_cli.io.yaml_read import load_file  # never opens a FIFO, a socket or a device

    loaded = load_file(parent.path, parent.display)
    problem = loaded.problem
    if problem is not None:
        raise LoadError(
            f"--from: {parent.display}:{problem.line}:{problem.column}: {problem.code} "
            f"{problem.message}; the parent cannot be read, nothing written",
            hint=f"fix it first (persona lint {shlex.quote(parent.display)} says why)",
        )
    data = loaded.document.data if loaded.document is not None else {}
    name = data.get("name")
    return name if isinstance(name, str) else None


def schema_reference(folder: Path) -> str:
    """The modeline's `$schema` for a persona written in `folder`: what its neighbours use,
    else the repository's `schemas/persona.schema.json` relative to the folder, else the
    schema of this version online."""
    folder = folder.resolve() if folder.exists() else Path(os.path.abspath(folder))  # noqa: PTH100
    if folder.is_dir():
        for sibling in sorted(folder.iterdir()):
            if sibling.suffix not in (".yaml", ".yml") or not sibling.is_file():
                continue
            try:
                with sibling.open(encoding="utf-8") as stream:
                    first = stream.readline().strip()
            except (OSError, UnicodeDecodeError):
                continue
            if first.startswith(MODELINE) and len(first) > len(MODELINE):
                return first[len(MODELINE) :]
    for parent in (folder, *folder.parents):
        candidate = parent / "schemas" / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
        if (parent / ".git").exists():
            break
    return SCHEMA_URL


def plan_new(
    *,
    persona_id: str,
    kind: str | None,
    parent: str | None,
    name: str | None,
    owners: Sequence[str],
    directory: Path | None,
    settings: Settings,
    cwd: Path,
) -> NewPlan:
    """Check the request against the persona set and build the file to write."""
    import difflib

    from persona_cli.io.discovery import display_path

    check_id(persona_id)
    if parent is not None:
        check_id(parent, "--from id")
        if kind not in (None, "individual"):
            raise UsageError(
                f"--from makes an individual profile, not a {kind}",
                hint="drop --kind, or pass --kind individual",
            )
        kind = "individual"
    if kind is None:
        raise UsageError(
            "missing option --kind", hint=f"choose one of {', '.join(KINDS)}, or pass --from"
        )
    if kind not in KINDS:
        raise UsageError(f"--kind: '{kind}' is not one of {', '.join(KINDS)}")
    chosen_name = (name or "").strip() or placeholder_name(persona_id)
    if name is not None and not name.strip():
        raise UsageError("--name is empty", hint="give the name people use, or leave it out")
    clean_owners = [owner.strip() for owner in owners]
    if any(not owner for owner in clean_owners):
        raise UsageError("--owner is empty", hint="give a name, an email or a team handle")
    from persona_cli.domain import hidden

    for option, value in [("--name", name or ""), *(("--owner", o) for o in clean_owners)]:
        if (problem := hidden.in_argument(option, value)) is not None:
            raise UsageError(problem, hint="retype the text (if it was pasted, the copy held it)")

    bases = _bases(settings, cwd)
    folder = directory if directory is not None else bases[0]
    folder = folder if folder.is_absolute() else cwd / folder
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{display_path(folder, cwd)}: not a directory", hint="check --dir")
    known = _known_ids([*bases, folder], cwd)
    path = folder / f"{persona_id}.yaml"
    display = display_path(path, cwd)
    if path.exists():
        raise UsageError(
            f"{display}: already exists; nothing written",
            hint="choose another id, or edit that file",
        )
    if persona_id in known:
        raise UsageError(
            f"id '{persona_id}' is already used by {known[persona_id].display}; nothing written",
            hint="ids must be unique in the set: choose another id",
        )
    parent_name: str | None = None
    if parent is not None:
        if parent not in known:
            close = difflib.get_close_matches(parent, list(known), n=1, cutoff=0.6)
            raise UsageError(
                f"--from: no persona '{parent}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "pass the id (file name without .yaml) of a persona in the configured paths",
            )
        parent_name = _parent_name(known[parent])
    schema = schema_reference(folder)
    if parent is not None:
        text = individual_text(
            persona_id=persona_id,
            parent_id=parent,
            parent_name=parent_name,
            name=chosen_name,
            owners=clean_owners,
            schema=schema,
        )
    else:
        text = persona_text(
            persona_id=persona_id,
            kind=kind,
            name=chosen_name,
            owners=clean_owners,
            schema=schema,
            display=display,
        )
    resolved = Path(os.path.abspath(folder))  # noqa: PTH100
    outside = directory is not None and not any(
        resolved == Path(os.path.abspath(base)) or Path(os.path.abspath(base)) in resolved.parents  # noqa: PTH100
        for base in bases
    )
    return NewPlan(
        path=path,
        display=display,
        text=text,
        kind=kind,
        parent=parent,
        outside=outside,
    )


# --- .persona.toml --------------------------------------------------------------------------------


def _setting_help() -> dict[str, str]:
    from persona_cli.io.config import KEYS
    from persona_cli.io.settings import ConfigFile

    return {key: ConfigFile.model_fields[name].description or "" for key, name in KEYS.items()}


#: One comment per setting, for the generated `.persona.toml`: the model's descriptions.
SETTING_HELP: dict[str, str] = _setting_help()


def _section(doc: Any, text: str) -> None:
    """A blank line, then `text` as wrapped comment lines."""
    import tomlkit

    doc.add(tomlkit.nl())
    for line in _comment(text, ""):
        doc.add(tomlkit.comment(line.removeprefix("# ")))


def persona_toml(*, examples: bool = False) -> str:
    """The `.persona.toml` that `persona init` writes: every setting with its default and the
    model's description. The example tables (per-file-ignores, the rules that take options,
    with their defaults) are commented out; `examples=True` leaves them on (for the test
    that they are valid)."""
    import tomlkit

    from persona_cli.io.config import KEYS, default_settings, describe
    from persona_cli.io.settings import ConfigFile
    from persona_cli.io.tomlwrite import dumps, fill
    from persona_cli.lint.rules.catalogue import REGISTRY

    settings = tomlkit.document()
    for line in (
        "persona-cli configuration, read by every persona command run in this folder",
        "or below it. Every setting is written out with its default value: change",
        "what you need. `persona config` shows the effective values and where each",
        "one comes from.",
    ):
        settings.add(tomlkit.comment(line))
    tables = tomlkit.document()
    for key, default, _ in describe(default_settings()):
        if key == "per-file-ignores":
            _section(tables, SETTING_HELP[key])
            [example] = ConfigFile.model_fields[KEYS[key]].examples or [{}]
            example_table = tomlkit.table()
            fill(example_table, list(example.items()), width=WIDTH - 2)
            tables.append(key, example_table)
            example_table.trivia.indent = ""  # right below its comment
        elif key == "rules":
            _section(tables, SETTING_HELP[key])
            rules = tomlkit.table(is_super_table=True)
            for code, rule in REGISTRY.items():
                if rule.Options is None or not rule.Options.model_fields:
                    continue
                table = tomlkit.table()
                table.add("severity", rule.severity.name)
                defaults = rule.Options().model_dump(mode="json", by_alias=True)
                for name, info in rule.Options.model_fields.items():
                    alias = info.alias or name
                    for line in _comment(info.description or "", ""):
                        table.add(tomlkit.comment(line.removeprefix("# ")))
                    fill(table, [(alias, defaults[alias])], width=WIDTH - 2)
                table.comment(rule.name)
                table.trivia.comment_ws = "  "
                rules.append(code, table)
            tables.append(key, rules)
        else:
            _section(settings, SETTING_HELP[key])
            fill(settings, [(key, default)], width=WIDTH - 2)
    extra = dumps(tables)
    if not examples:
        extra = "".join(
            line
            if line.startswith("#") or not line.strip()
            else _comment_out(line.rstrip("\n")) + "\n"
            for line in extra.splitlines(keepends=True)
        )
    return dumps(settings) + extra


# --- persona init ---------------------------------------------------------------------------------

STARTER_ID = "ciso-risk-averse"
#: The starter's last_reviewed as written in the packaged file; every date in it is moved by
#: the same number of days so that the review is today and the evidence weeks before it.
STARTER_ANCHOR = dt.date(2026, 10, 28)
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
GITATTRIBUTES_LINES = ("{dir}/**/*.yaml diff=persona", "{dir}/**/*.yml diff=persona")
TEXTCONV_COMMAND = 'git config diff.persona.textconv "persona textconv"'


@dataclass(frozen=True, slots=True)
class ScaffoldFile:
    """A file `persona init` writes: where, what, and one line on what it is for."""

    path: str
    text: str
    purpose: str


@dataclass(frozen=True, slots=True)
class InitStep:
    """What happens to one file: `create`, `overwrite` (with --force), `append` (lines added
    to an existing .gitattributes), `unchanged` (already as it would be written), or
    `conflict` (exists; nothing is written)."""

    file: ScaffoldFile
    target: Path
    action: str
    text: str
    snapshot: Snapshot | None = None


@dataclass(frozen=True, slots=True)
class InitPlan:
    directory: Path
    steps: tuple[InitStep, ...]
    #: Why writing would lose something, one short reason per file (empty: go ahead).
    conflicts: tuple[str, ...]
    #: The repository `directory` is in, if any: GitHub and pre-commit read their files
    #: only at its root.
    git_root: Path | None


def _data(name: str) -> str:
    return (INIT_DIR / name).read_text(encoding="utf-8").replace("@VERSION@", __version__)


def starter_persona(today: dt.date) -> str:
    """The packaged example buyer with its dates moved so that it was reviewed `today`."""
    shift = today - STARTER_ANCHOR

    def move(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match[1]) + shift).isoformat()

    return _DATE.sub(move, _data("starter-persona.yaml"))


def schema_json() -> str:
    """The JSON Schema as `persona schema` prints it."""
    from persona_cli.domain.model import persona_json_schema

    return json.dumps(persona_json_schema(), indent=2, ensure_ascii=False) + "\n"


def scaffold_files(today: dt.date) -> tuple[ScaffoldFile, ...]:
    """Every file of a new persona repository, in the order they are reported."""
    from persona_cli.io.settings import DEFAULT_PATHS

    personas = DEFAULT_PATHS[0]
    attributes = "".join(line.format(dir=personas) + "\n" for line in GITATTRIBUTES_LINES)
    return (
        ScaffoldFile(".persona.toml", persona_toml(), "settings, every default written out"),
        ScaffoldFile(
            f"{personas}/{STARTER_ID}.yaml",
            starter_persona(today),
            "a complete example buyer to learn the format from",
        ),
        ScaffoldFile(
            f"schemas/{SCHEMA_FILE}", schema_json(), "the schema editors complete fields from"
        ),
        ScaffoldFile(
            "templates/README.md",
            _data("templates-README.md"),
            "how to override the briefing templates",
        ),
        ScaffoldFile(
            ".pre-commit-config.yaml",
            _data("pre-commit-config.yaml").replace("@PERSONAS@", personas),
            "persona-fmt and persona-lint on every commit",
        ),
        ScaffoldFile(
            ".github/workflows/personas.yml",
            _data("personas.yml"),
            "lint and diff on pull requests, age every week",
        ),
        ScaffoldFile(".gitattributes", attributes, "git diff shows what a change means"),
    )


def _git_root(directory: Path) -> Path | None:
    return next((f for f in (directory, *directory.parents) if (f / ".git").exists()), None)


def _persona_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "persona" in tool


def plan_init(directory: Path, *, force: bool, today: dt.date) -> InitPlan:
    """What `persona init` would do in `directory`: nothing is lost without `--force`."""
    from persona_cli.io import fileio

    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: not a directory", hint="pass a folder to create or fill")
    given = directory
    directory = Path(os.path.abspath(directory))  # noqa: PTH100
    steps: list[InitStep] = []
    conflicts: list[str] = []
    for item in scaffold_files(today):
        target = directory / item.path
        blocked = next(
            (parent for parent in target.parents if parent.is_file() or parent == directory),
            directory,
        )
        if blocked != directory:  # checked before anything is written: no half-done init
            raise UsageError(
                f"{(given / blocked.relative_to(directory)).as_posix()}: is a file, and "
                f"persona init needs a folder there for {item.path}; nothing written",
                hint="rename or move that file, then run persona init again",
            )
        if not target.exists() and not target.is_symlink():
            steps.append(InitStep(item, target, "create", item.text))
            continue
        if not target.is_file():
            what = fileio.not_regular(target) or "not a regular file"
            conflicts.append(f"{item.path} ({what}, not a regular file)")
            steps.append(InitStep(item, target, "conflict", item.text))
            continue
        # A link (a shared .gitattributes) is written through and stays a link, as fmt does.
        raw, snapshot = fileio.read(target.resolve())
        current = raw.decode("utf-8", errors="replace")
        if current == item.text:
            steps.append(InitStep(item, target, "unchanged", item.text, snapshot))
        elif item.path == ".gitattributes":
            # Lines only add to what is there, so an existing file is extended, not replaced.
            present = set(current.splitlines())
            missing = [line for line in item.text.splitlines() if line not in present]
            if not missing:
                steps.append(InitStep(item, target, "unchanged", current, snapshot))
            else:
                glue = "" if not current or current.endswith("\n") else "\n"
                text = current + glue + "".join(line + "\n" for line in missing)
                steps.append(InitStep(item, target, "append", text, snapshot))
        elif force:
            steps.append(InitStep(item, target, "overwrite", item.text, snapshot))
        else:
            conflicts.append(item.path)
            steps.append(InitStep(item, target, "conflict", item.text, snapshot))
    pyproject = directory / "pyproject.toml"
    if not force and pyproject.is_file() and _persona_table(pyproject):
        conflicts.append("pyproject.toml (has [tool.persona], which .persona.toml would hide)")
    return InitPlan(directory, tuple(steps), tuple(conflicts), _git_root(directory))
