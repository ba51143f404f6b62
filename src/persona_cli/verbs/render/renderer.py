"""`persona render`: per-team briefings from the persona set, through Jinja templates.

Pure core: it reads persona files and templates and returns the documents to write; it never
prints and never touches argv. The CLI decides where the text goes (`cli/render.py`).

Why it looks like this:

- Teams read one persona through different lenses (marketing frames risk, sales resolves hesitation,
  product reduces friction, support detects expectation failure), and most of them never
  open YAML, so each team gets its own template and every field it lacks is named in a
  visible "gaps" box instead of a blank heading.
- Persona text is data, never template: values reach Jinja only through the context, so a
  field holding `{{ 7*7 }}` renders literally. Templates run in Jinja's sandbox with
  `StrictUndefined`, so a typo or a reach into Python internals fails loudly, with the
  template's file and line, before anything is written.
- Output must be checkable in CI (`--check`), so rendering is deterministic: personas sorted
  by id, no timestamps unless the caller pins `today`.

Invalid persona files are an error (exit 2, naming the file and `persona lint`), not a skip:
a briefing set that silently drops a broken persona would pass `--check` while being wrong.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import functools
import os
import re
import signal
import traceback
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain import completeness
from persona_cli.domain.errors import LoadError, TemplateError, UsageError
from persona_cli.domain.hidden import reveal
from persona_cli.domain.roles import CommitteeRole
from persona_cli.io import fileio
from persona_cli.io.parallel import forked_map
from persona_cli.verbs.render.committee import ROLE_ORDER

if TYPE_CHECKING:
    from collections.abc import Mapping

    import jinja2
    from pydantic import BaseModel

    from persona_cli.io.discovery import SourceFile
    from persona_cli.load.extends import Link
    from persona_cli.verbs.age import AgeResult
    from persona_cli.verbs.render.committee import SegmentInput

#: Where the built-in templates live (package data, so a wheel carries them).
BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
#: The built-in teams, in the order `--team all` renders and `--list-teams` prints them.
BUILTIN_TEAMS: tuple[str, ...] = ("overview", "marketing", "sales", "product", "support")
TEAM_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TEMPLATE_SUFFIX = ".md.j2"
FORMATS: tuple[str, ...] = ("md", "html")
#: Committee briefings (`--segment`): built in for this team, in this template; a custom
#: `<team>-committee.md.j2` adds one for another team (or overrides sales').
COMMITTEE_TEAM = "sales"
COMMITTEE_TEMPLATE = "committee.md.j2"
COMMITTEE_SUFFIX = "-committee"
#: The index of a team's committee briefings (`--segment all --out`).
SEGMENTS_INDEX = "_segments_index.md.j2"
#: Committee members shown per role before "and N more", so a big set stays readable.
COMMITTEE_LIMIT = 6
#: The loader's size limit (`file_read.DEFAULT_MAX_BYTES`), repeated to keep imports lazy.
DEFAULT_MAX_BYTES = 1024 * 1024


# --- loading the set ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Loaded:
    """One valid persona: its file, its data merged with its `extends` parent, filled."""

    source: SourceFile
    id: str
    data: dict[str, Any]


def load_set(sources: Sequence[SourceFile]) -> list[Loaded]:
    """Read, validate and merge every persona; sorted by id.

    Raises LoadError naming the invalid files (exit 2): `persona lint` says why.
    """
    from persona_cli.domain.model import Persona

    raw: dict[str, tuple[SourceFile, _Read]] = {}
    broken: list[str] = []
    read = forked_map(_read_persona, list(sources))
    for source, found in zip(sources, read, strict=True):
        if isinstance(found, str):
            continue  # _SEGMENT: a segment file beside the personas; `--segment` reads it
        if found is None:
            broken.append(source.display)
            continue
        persona_id = found[0]
        if persona_id in raw:
            raise LoadError(
                f"{source.display}: id '{persona_id}' is also used by {raw[persona_id][0].display}",
                hint="ids must be unique; run persona lint to see the duplicates",
            )
        raw[persona_id] = (source, found)
    if broken:
        shown = ", ".join(broken[:5]) + (f" and {len(broken) - 5} more" if len(broken) > 5 else "")
        raise LoadError(
            f"{shown}: not a valid persona",
            hint=f"run persona lint {broken[0]} to see why, or exclude the file",
        )
    from persona_cli.load.extends import Link

    # Each persona's own data for the walk: as its file sets it when it extends another,
    # filled otherwise (a root's fields as set are read again only when it is merged).
    links = {
        persona_id: Link(persona_id, found[1], found[3] or found[2], True, (source, found))
        for persona_id, (source, found) in raw.items()
    }
    loaded: list[Loaded] = []
    for persona_id in sorted(raw):
        source, (_, _, filled, _) = raw[persona_id]
        if filled is not None:
            loaded.append(Loaded(source, persona_id, filled))
            continue
        persona = Persona.model_validate(_merged(persona_id, links))
        loaded.append(Loaded(source, persona_id, fill(persona.model_dump(mode="python"))))
    return loaded


#: What a worker sends back for a `kind: segment` file: not a persona, not an error.
_SEGMENT = "segment"
#: What a worker sends back for a persona: its id, the id it extends, its filled data (unless
#: it extends another, which needs the whole set first) and, when it extends, the fields its
#: file sets. Plain values only: a pydantic model costs five times as much to send back.
_Read = tuple[str, str | None, dict[str, Any] | None, dict[str, Any] | None]


def _read_persona(source: SourceFile) -> _Read | str | None:
    """One file read in a worker (so the filling happens on every core too): see `_Read`;
    `_SEGMENT` for a segment file, None when it is not a valid persona."""
    persona, document = _validated(source)
    if persona is None:
        return _SEGMENT if isinstance(document, str) else None
    if persona.extends:
        return persona.id, persona.extends, None, document.data
    return persona.id, None, fill(persona.model_dump(mode="python")), None


def _validated(source: SourceFile) -> tuple[Any, Any]:
    """(persona model, document), or (None, `_SEGMENT` | document | None)."""
    from persona_cli.io.yaml_read import load_file, load_text
    from persona_cli.load.validate import validate

    loaded = _load(source, load_file, load_text)
    document = loaded.document
    if document is None:
        return None, None
    if isinstance(document.data, dict) and document.data.get("kind") == "segment":
        return None, _SEGMENT
    if loaded.findings:  # a duplicate key or a refused tag: what lint reads differs from the file
        return None, document
    persona, _ = validate(document, source.display)
    return persona, document


def _load(source: SourceFile, load_file: Any, load_text: Any) -> Any:
    """The loaded document (and the loader's findings) without the span index (render never
    points at a line of a persona); anything unusual (not UTF-8, too large, unreadable) goes
    through `load_file` for its checks."""
    from persona_cli.io.file_read import read_regular  # never opens a FIFO, a socket or a device

    raw = read_regular(source.path, source.display, max_bytes=DEFAULT_MAX_BYTES)
    if isinstance(raw, bytes):
        try:
            return load_text(raw.decode("utf-8"), source.display, locations=False)
        except UnicodeDecodeError:
            pass
    return load_file(source.path, source.display)


def _merged(persona_id: str, links: Mapping[str, Link[tuple[SourceFile, _Read]]]) -> dict[str, Any]:
    """The persona's data over its parent chain's (the same merge `persona lint` uses)."""
    from persona_cli.load import extends

    resolution = extends.resolve(links[persona_id], links)
    problem = resolution.problem
    if isinstance(problem, extends.Cycle):
        raise LoadError(
            f"{links[persona_id].item[0].display}: extends loops back on itself "
            f"({' -> '.join(problem.ids)})",
            hint="run persona lint to see the cycle",
        )
    if isinstance(problem, extends.UnknownParent):
        raise LoadError(
            f"{links[problem.child].item[0].display}: extends '{problem.parent}', "
            "but no persona has that id",
            hint="run persona lint to see why",
        )
    chain: list[dict[str, Any]] = []
    for link in resolution.chain:
        source, (_, _, _, data) = link.item
        if data is None:
            # A parent that extends nothing came back filled; the fields its file sets are
            # what it passes on, so read it again here (only parents of individuals).
            persona, _ = _validated(source)
            if persona is None:  # changed on disk since the workers read it
                raise LoadError(
                    f"{source.display}: changed while rendering; it is no longer a valid persona",
                    hint=f"run persona lint {source.display}, then render again",
                )
            data = persona.model_dump(mode="python", exclude_unset=True)
        chain.append(data)
    return extends.merge_all(chain)


# --- filling defaults ---------------------------------------------------------------------------


def _shape(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """('model'|'models'|'list'|'scalar', model) for a field's annotation."""
    from pydantic import BaseModel

    def strip(value: Any) -> Any:
        while typing.get_origin(value) is typing.Annotated:
            value = typing.get_args(value)[0]
        args = [a for a in typing.get_args(value) if a is not type(None)]
        if typing.get_origin(value) in (typing.Union, types.UnionType):
            return strip(args[0]) if len(args) == 1 else value
        return value

    inner = strip(annotation)
    if typing.get_origin(inner) is list:
        item = strip(typing.get_args(inner)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        return "list", None
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "model", inner
    return "scalar", None


_SHAPES: dict[type[Any], list[tuple[str, str, type[BaseModel] | None, Any]]] = {}


def _fields(model: type[BaseModel]) -> list[tuple[str, str, type[BaseModel] | None, Any]]:
    cached = _SHAPES.get(model)
    if cached is None:
        cached = []
        for name, info in model.model_fields.items():
            shape, sub = _shape(info.annotation)
            default = info.default if isinstance(info.default, int | str) else ""
            cached.append((name, shape, sub, default))
        _SHAPES[model] = cached
    return cached


def fill(data: dict[str, Any], model: type[BaseModel] | None = None) -> dict[str, Any]:
    """Plain dicts and lists with every known field present: missing text is "", missing lists
    are [], missing parts are filled mappings. Templates can then write
    `persona.lenses.sales.hesitation_triggers` for any persona, while an unknown name still
    fails under StrictUndefined. Enums become their plain string values."""
    if model is None:
        from persona_cli.domain.model import Persona

        model = Persona
    out: dict[str, Any] = {}
    for name, shape, sub, default in _fields(model):
        value = data.get(name)
        if shape == "model":
            assert sub is not None
            out[name] = fill(value if isinstance(value, dict) else {}, sub)
        elif shape == "models":
            assert sub is not None
            out[name] = [fill(item, sub) for item in value or ()]
        elif shape == "list":
            # Blank items are dropped and blank text is "": a template's `{% if value %}`
            # would print a heading over nothing (the gaps box already names the field).
            if name == "quotes":
                out[name] = [q for q in map(_quote, value or ()) if not _blank(q["text"])]
            else:
                out[name] = [_plain(item) for item in value or () if not _blank(item)]
        else:
            out[name] = default if value is None or _blank(value) else _plain(value)
    return out


def _blank(value: Any) -> bool:
    return type(value) is str and not value.strip()


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _quote(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return {"text": item.get("text") or "", "evidence": item.get("evidence") or ""}
    return {"text": str(item), "evidence": ""}


# --- gaps ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Gap:
    """A field a team needs that the persona lacks, with its plain-language description."""

    field: str
    label: str


#: Fields beyond a team's lens that its briefing builds on.
_EXTRA: dict[str, tuple[completeness.FieldPath, ...]] = {
    "marketing": (("decision", "awareness"), ("whole_person", "trust")),
    "sales": (("decision", "committee_role"),),
    "product": (("jobs_to_be_done",),),
    "support": (),
}
_OVERVIEW_TAIL: tuple[completeness.FieldPath, ...] = (
    ("evidence",),
    ("review", "owners"),
    ("review", "last_reviewed"),
)


def team_fields(team: str, kind: str) -> tuple[completeness.FieldPath, ...]:
    """The fields a briefing for `team` needs: its lens, else (overview and custom teams)
    the whole-person and decision fields the persona's kind needs."""
    if team in completeness.LENSES:
        return completeness.lens_fields(team) + _EXTRA.get(team, ())
    internal = completeness.INTERNAL if kind == "internal" else ()
    decision = completeness.DECISION_BY_KIND.get(kind, ())
    return completeness.EMOTIONAL + decision + internal + _OVERVIEW_TAIL


def gaps(data: dict[str, Any], team: str) -> list[Gap]:
    """What `team` would need from this persona that it does not say."""
    kind = str(data.get("kind", ""))
    return [
        Gap(".".join(path), _describe(path))
        for path in team_fields(team, kind)
        if not completeness.filled(completeness.get(data, path))
    ]


def _describe(path: completeness.FieldPath) -> str:
    """The model's description of the field (the editor tooltip), lower-cased, no dot."""
    from persona_cli.domain.model import Persona

    model: Any = Persona
    description = path[-1].replace("_", " ")
    for name in path:
        info = model.model_fields.get(name) if model is not None else None
        if info is None:
            break
        description = info.description or description
        model = _shape(info.annotation)[1]
    text = description.split(";")[0].rstrip(".")
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


# --- templates ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Team:
    """A team whose briefing template exists: built in, or a file in the templates folder."""

    name: str
    path: Path
    builtin: bool


def find_templates(custom: Path | None) -> dict[str, Team]:
    """Built-in teams, overridden or extended by `custom/<team>.md.j2` (a slug). Files whose
    name starts with `_` are partials (headers, macros), not teams."""
    teams = {
        name: Team(name, BUILTIN_DIR / f"{name}{TEMPLATE_SUFFIX}", True) for name in BUILTIN_TEAMS
    }
    if custom is not None:
        for path in sorted(custom.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name.removesuffix(TEMPLATE_SUFFIX)
            if name.startswith("_") or not TEAM_PATTERN.match(name) or is_committee(name):
                continue
            if path.is_file():
                teams[name] = Team(name, path, False)
    return teams


def ignored_templates(custom: Path | None) -> list[tuple[Path, str]]:
    """Templates in the custom folder that cannot be a team, each with why: a name that is
    not a slug (`Finance.md.j2`, `customer_success.md.j2`), or not a file (a folder, a broken
    link). Ignored, and said so when asked."""
    if custom is None:
        return []
    ignored = []
    for path in sorted(custom.glob(f"*{TEMPLATE_SUFFIX}")):
        name = path.name.removesuffix(TEMPLATE_SUFFIX)
        if name.startswith("_"):
            continue
        if not TEAM_PATTERN.match(name):
            why = "not a team name; rename it to a lowercase slug (a-z, 0-9 and -)"
            if _slug(name) != name:
                why += f", e.g. {_slug(name)}{TEMPLATE_SUFFIX}"
            ignored.append((path, why))
        elif not path.is_file():
            what = fileio.not_regular(path) or "not a readable file"
            ignored.append((path, f"{what}, not a regular file"))
    return ignored


def refuse_unreadable_templates(custom: Path | None) -> None:
    """A file of the custom folder in a built-in template's place (a team's, a partial, the
    HTML page's files) that is not a regular file (a FIFO, a folder, a broken link): an
    error, since the built-in one would silently be used instead. (Other names are not
    templates render uses; `ignored_templates` names them.)"""
    if custom is None:
        return
    for name in sorted(path.name for path in BUILTIN_DIR.iterdir()):
        what = fileio.not_regular(custom / name)
        if what is not None:
            folder = _display(custom, Request([], [], [], dt.date.min))
            raise TemplateError(
                f"{folder}/{name}: {what}, not a regular file; the built-in template would be "
                "used in its place, so nothing was rendered",
                hint="replace it with a template file, or remove it",
            )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "team"


def is_committee(name: str) -> bool:
    """`committee` and `<team>-committee` templates brief a segment, not a persona."""
    return name == "committee" or name.endswith(COMMITTEE_SUFFIX)


def committee_template(team: str, custom: Path | None) -> str | None:
    """The template that briefs `team` on a segment's committee: a custom
    `<team>-committee.md.j2`, else the built-in `committee.md.j2` for sales; None otherwise."""
    own = f"{team}{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}"
    if custom is not None and (custom / own).is_file():
        return own
    return COMMITTEE_TEMPLATE if team == COMMITTEE_TEAM else None


def committee_teams(name: str, custom: Path | None) -> list[str]:
    """The teams `--team NAME --segment ID` briefs: sales (built in), any team with a custom
    `<team>-committee.md.j2`, or all of those for `all`."""
    available = [COMMITTEE_TEAM]
    if custom is not None:
        for path in sorted(custom.glob(f"*{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}")):
            team = path.name.removesuffix(f"{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}")
            if TEAM_PATTERN.match(team) and team not in available:
                available.append(team)
    if name == "all":
        return available
    if name in available:
        return [name]
    if not TEAM_PATTERN.match(name):
        raise UsageError(
            f"--team: unknown team '{name}'", hint=f"choose one of: all, {', '.join(available)}"
        )
    raise UsageError(
        f"--segment: no committee template for team '{name}'",
        hint=f"committee briefings are built in for {COMMITTEE_TEAM}; add "
        f"templates/{name}{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX} to write one for {name}",
    )


def holds_templates(folder: Path) -> bool:
    """A folder of briefing templates: `*.md.j2`, or only the HTML page's own files (a repo
    that restyles the pages overrides nothing else, and was silently ignored)."""
    return folder.is_dir() and (
        any(folder.glob(f"*{TEMPLATE_SUFFIX}"))
        or any(os.path.lexists(folder / name) for name in PAGE_FILES)
    )


#: The HTML page's template and style sheet, which a custom folder may override alone.
PAGE_FILES: tuple[str, ...] = ("_page.html.j2", "briefing.css")


def _label(value: Any) -> str:
    text = str(value)
    return _LABELS.get(text, text.replace("_", " "))


_LABELS = {
    "needs_proof": "needs proof before trusting a vendor",
    "cautious": "cautious",
    "open": "open to new vendors",
    "early_adopter": "early adopter",
    CommitteeRole.economic_buyer: "economic buyer (signs the budget)",
    CommitteeRole.technical_evaluator: "technical evaluator",
    CommitteeRole.legal_security: "legal and security review",
    "big_picture": "the big picture",
    "tactics": "the tactics",
    "both": "both the big picture and the tactics",
    "win_loss": "win/loss",
    "crm": "CRM",
    "sales_call": "sales call",
    "support_tickets": "support tickets",
    "secondary": "secondary research",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|(&(?=#?\w+;))")
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")
_TRAILING_HASHES = re.compile(r"#+$")


def md(value: Any) -> str:
    """Inline Markdown text; cached, since each persona's text is rendered once per team."""
    if isinstance(value, str):
        return _md_text(value)
    return "" if value is None else _md_text(str(_plain(value)))


@functools.lru_cache(maxsize=65536)
def _md_text(value: str) -> str:
    """Inline Markdown text: special characters escaped, newlines folded into spaces, so
    persona text can neither start a heading, list or quote nor break a table. Hidden
    characters are shown first (`<U+202E>`), so none is folded away as a space."""
    text = " ".join(reveal(value).split())
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if text.endswith("#"):  # at the end of a heading, a run of # is the heading's closing mark
        text = _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(0)), text)
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


def cell(value: Any) -> str:
    """A table cell: escaped like `md` (pipes and newlines included); empty shows as a dash."""
    text = md(value)
    return text or "-"


def bullets(items: Iterable[Any] | None, prefix: str = "- ") -> str:
    """A Markdown bullet list, one escaped item per line (quotes show their text)."""
    lines = []
    for item in items or ():
        text = item.get("text", "") if isinstance(item, dict) else item
        if completeness.filled(text):
            lines.append(prefix + md(text))
    return "\n".join(lines)


def date(value: Any, fmt: str = "long") -> str:
    """A date as '28 October 2026' (`long`), ISO (`iso`) or any strftime format."""
    if value is None or value == "":
        return ""
    return _date_text(value if isinstance(value, dt.date) else str(value), fmt)


@functools.lru_cache(maxsize=4096)
def _date_text(value: dt.date | str, fmt: str) -> str:
    """`date`, cached: a set's briefings print the same few review and evidence dates
    thousands of times, and strftime is slow."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if fmt == "long":
        return f"{day.day} {day:%B %Y}"
    if fmt == "iso":
        return day.isoformat()
    return day.strftime(fmt)


def percent(value: Any, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage: 0.42 -> '42%'."""
    return f"{float(value) * 100:.{digits}f}%"


#: The documented filters, by name (the README lists them).
FILTERS: dict[str, Callable[..., str]] = {
    "bullets": bullets,
    "md": md,
    "cell": cell,
    "date": date,
    "percent": percent,
    "label": _label,
}


def environment(custom: Path | None, *, html: bool = False) -> jinja2.Environment:
    """The sandboxed environment: custom folder first, then the built-ins (so a custom
    template can include the built-in partials, and override them)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    folders = [BUILTIN_DIR] if custom is None else [custom, BUILTIN_DIR]
    sandbox = _sandbox()
    options: dict[str, Any] = {
        "autoescape": html,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    env = sandbox(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(sandbox, options),
        **options,
    )
    env.filters.update(FILTERS)
    return env


#: Set to any value to keep compiled templates (and parses, see blobcache) out of caches.
NO_CACHE_ENV = "PERSONA_CLI_NO_CACHE"


def _bytecode_cache(sandbox: type[jinja2.Environment], options: dict[str, Any]) -> Any:
    """Compiled templates kept between runs in `$XDG_CACHE_HOME/persona-cli/templates/`
    (else `~/.cache/...`): compiling the built-in set takes about 0.1 s, a quarter of a
    `render --check` on a small repository. Jinja keys each entry by template file and checks
    the source's checksum, so an edited template is compiled afresh; the folder's name
    fingerprints what else shapes the compiled code (Jinja and Python versions, the options,
    the operators the sandbox intercepts). A cache that cannot be read or written is skipped,
    never an error. None when turned off (`PERSONA_CLI_NO_CACHE`)."""
    import hashlib
    import sys

    import jinja2
    from jinja2.bccache import Bucket, FileSystemBytecodeCache

    if os.environ.get(NO_CACHE_ENV):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    intercepted = sorted(getattr(sandbox, "intercepted_binops", ()))
    fingerprint = repr((jinja2.__version__, sys.version, sorted(options.items()), intercepted))
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
    folder = Path(base) / "persona-cli" / "templates" / digest

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):  # unreadable or corrupt
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache(str(folder))


@functools.cache
def _sandbox() -> type[jinja2.Environment]:
    """Jinja's sandbox, with a shortcut for the lookup templates make most: `persona.name`
    on a plain dict. The sandbox tries the attribute first and falls back to the item through
    a caught AttributeError, about a third of the templating time. For a plain dict and a name
    that is not one of dict's own attributes, that attribute lookup can only fail, so going
    straight to the item gives the same answer (and the same Undefined when the key is
    missing); every other lookup takes the sandbox's own path, checks included."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    dict_attributes = frozenset(dir(dict))

    # Immutable: `persona.update(...)` or `personas.pop()` in one briefing would change what
    # the next one sees, and which briefings share a worker depends on the core count.
    class PersonaSandbox(ImmutableSandboxedEnvironment):
        # A huge power runs in one C call that neither the timer nor the memory limit stops.
        intercepted_binops = frozenset({"**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _huge_power(left, right):
                raise SecurityError(f"{left} ** {right} is too large a number for a template")
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute not in dict_attributes:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return PersonaSandbox


#: The largest integer power a template may compute, in bits (about 300,000 digits).
MAX_POWER_BITS = 1_000_000


def _huge_power(base: Any, exponent: Any) -> bool:
    if type(base) is not int or type(exponent) is not int or exponent <= 1:
        return False
    return abs(base) > 1 and base.bit_length() * exponent > MAX_POWER_BITS


# --- rendering ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Document:
    """One rendered output: a path relative to the output folder, and its text."""

    path: str
    text: str


@dataclass(slots=True)
class Request:
    """What to render: teams, personas, format and the date to judge by."""

    teams: list[Team]
    personas: list[Loaded]
    everyone: list[Loaded]
    today: dt.date
    generated: dt.date | None = None
    ages: dict[str, dict[str, Any]] | None = None
    output_format: str = "md"
    combined: bool = False
    custom: Path | None = None
    cwd: Path = field(default_factory=Path.cwd)
    #: Personas were named by id: brief them even for a team whose lens their kind lacks.
    explicit: bool = False


def applies(team: str, kind: str) -> bool:
    """Lens teams brief only the kinds whose lens they read (no sales briefing for an
    internal colleague); the overview and custom teams brief everyone."""
    if team in completeness.LENSES:
        return team in completeness.TEAMS_BY_KIND.get(kind, ())
    return True


class _Renderer:
    """Templates compiled once per run, and the set-wide facts every briefing shares."""

    def __init__(self, request: Request) -> None:
        self.request = request
        env = environment(request.custom)
        self.templates = {team.name: _compile(env, team, request) for team in request.teams}
        self.paths = {team.name: team.path for team in request.teams}
        self.index = _compile_named(env, "_index.md.j2", request)
        _preload_partials(env)
        if request.output_format == "html":  # once, before the workers fork; errors early
            _page("", "", request)
            _page("", "", request, back={"href": "index.html", "label": "All briefings"})
        self.everyone = [item.data for item in request.everyone if item.data["status"] != "retired"]
        self.committees = _committees(self.everyone)
        self.kin = _kin([item.data for item in request.everyone])

    def job(self, job: tuple[str, int]) -> str:
        team, index = job
        return self.briefing(team, self.request.personas[index])

    def briefing(self, team: str, item: Loaded) -> str:
        request = self.request
        context = {
            "persona": item.data,
            "gaps": gaps(item.data, team),
            "personas": self.everyone,
            "committee": _committee(item.data, self.committees, self.kin.get(item.id, ())),
            "today": request.today,
            "generated": request.generated,
            "age": (request.ages or {}).get(item.id),
            "team": team,
        }
        try:
            text = _run(self.templates[team], context, self.paths[team], request)
        except TemplateError as failure:  # a template may fail on one persona's data only
            raise TemplateError(
                f"{failure.message} (rendering {item.source.display})", hint=failure.hint
            ) from None
        if request.output_format == "html" and not request.combined:
            back = {"href": "index.html", "label": f"All {team} briefings"}
            return _page(text, f"{item.data['name']} - {team}", request, back=back)
        return text


def _preload_partials(env: jinja2.Environment) -> None:
    """Compile the partials (`_header.md.j2` and the like) before the workers fork: each of
    them would otherwise compile every partial its templates include, once per core. A
    partial that fails to compile is left for the template that includes it to report."""
    import jinja2

    for name in env.list_templates(filter_func=lambda name: name.startswith("_")):
        if name.endswith(TEMPLATE_SUFFIX):
            with contextlib.suppress(
                jinja2.TemplateError, OSError, UnicodeDecodeError, RecursionError
            ):
                env.get_template(name)


def render(request: Request) -> list[Document]:
    """Every document of the request, rendered in memory (nothing is written here)."""
    with limits():
        return _render(request)


def _render(request: Request) -> list[Document]:
    renderer = _Renderer(request)
    jobs = [
        (team.name, index)
        for team in request.teams
        for index, item in enumerate(request.personas)
        if request.explicit or applies(team.name, item.data["kind"])
    ]
    texts = iter(forked_map(renderer.job, jobs))
    by_team: dict[str, list[tuple[Loaded, str]]] = {team.name: [] for team in request.teams}
    for team_name, index in jobs:
        by_team[team_name].append((request.personas[index], next(texts)))
    documents: list[Document] = []
    extension = "html" if request.output_format == "html" else "md"
    for team in request.teams:
        rendered = by_team[team.name]
        index_context = {
            "team": team.name,
            "entries": [
                {"persona": item.data, "age": (request.ages or {}).get(item.id), "file": item.id}
                for item, _ in rendered
            ],
            "today": request.today,
            "generated": request.generated,
            "combined": request.combined,
            "extension": extension,
        }
        index_text = _run(renderer.index, index_context, _partial(request, "_index.md.j2"), request)
        if request.combined:
            body = "\n---\n\n".join([index_text, *(text for _, text in rendered)])
            documents.append(_document(f"{team.name}", body, request, title=team.name))
            continue
        documents.extend(
            Document(f"{team.name}/{item.id}.{extension}", text) for item, text in rendered
        )
        index_name = "index" if request.output_format == "html" else "README"
        documents.append(
            _document(f"{team.name}/{index_name}", index_text, request, title=team.name)
        )
    return documents


def render_committees(
    request: Request, segments: Sequence[SegmentInput], teams: Sequence[str], *, index: bool = False
) -> list[Document]:
    """One committee briefing per team and segment, `<team>/segments/<id>.md` (or `.html`),
    and with `index` the folder's index (`README.md` or `index.html`: one row per segment).
    Members are joined with `request.everyone` (retired personas included, so a retired
    member shows as such); nothing is written here."""
    with limits():
        return _render_committees(request, segments, teams, index=index)


def _render_committees(
    request: Request, segments: Sequence[SegmentInput], teams: Sequence[str], *, index: bool
) -> list[Document]:
    from persona_cli.verbs.render.committee import build

    env = environment(request.custom)
    personas = {item.id: item.data for item in request.everyone}
    documents: list[Document] = []
    for team in teams:
        entries: list[dict[str, Any]] = []
        name = committee_template(team, request.custom)
        if name is None:
            raise UsageError(f"--segment: no committee template for team '{team}'")
        template = _compile_named(env, name, request)
        for segment in segments:
            if not TEAM_PATTERN.match(segment.id):  # ids are validated slugs; second lock
                raise UsageError(f"segment id '{segment.id}' is not a slug")
            view = build(segment, personas)
            context = {
                "committee": view.context(),
                "team": team,
                "today": request.today,
                "generated": request.generated,
            }
            text = _run(template, context, _partial(request, name), request)
            stem = f"{team}/segments/{segment.id}"
            documents.append(
                _document(stem, text, request, title=f"{segment.name} - {team} committee")
            )
            entries.append(
                {
                    "segment": view.context()["segment"],
                    "seats": len(view.members),
                    "missing": sum(1 for member in view.members if member.state != "present"),
                    "file": segment.id,
                }
            )
        if index:
            documents.append(_segments_index(env, team, entries, request))
    return documents


def _segments_index(
    env: jinja2.Environment, team: str, entries: list[dict[str, Any]], request: Request
) -> Document:
    """`<team>/segments/README.md` (or `index.html`): each segment, linked, with its seats."""
    template = _compile_named(env, SEGMENTS_INDEX, request)
    context = {
        "team": team,
        "entries": entries,
        "generated": request.generated,
        "extension": "html" if request.output_format == "html" else "md",
    }
    text = _run(template, context, _partial(request, SEGMENTS_INDEX), request)
    name = "index" if request.output_format == "html" else "README"
    title = f"{team} committee briefings"
    return _document(f"{team}/segments/{name}", text, request, title=title)


def _document(stem: str, text: str, request: Request, *, title: str) -> Document:
    if request.output_format != "html":
        return Document(f"{stem}.md", text)
    return Document(f"{stem}.html", _page(text, title, request))


def _page(text: str, title: str, request: Request, *, back: dict[str, str] | None = None) -> str:
    """The HTML page around a briefing; a custom `_page.html.j2` that fails reports its file
    and line like any template (it was an internal error)."""
    import jinja2
    from markupsafe import Markup

    from persona_cli.verbs.render.markdown_html import to_html

    try:
        body = Markup(to_html(text))  # markdown-it-py escapes all text (raw HTML off)
        return _page_template(request.custom).render(title=reveal(title), body=body, back=back)
    except (jinja2.TemplateError, RecursionError) as failure:
        raise _template_error(failure, _partial(request, _PAGE), request) from None
    except (OSError, UnicodeDecodeError) as failure:
        shown = _display(_partial(request, _PAGE), request)
        raise TemplateError(f"{shown}: cannot read: {failure}") from None
    except Exception as failure:  # a filter or operator given a value it cannot use
        if not _template_frame(failure):
            raise
        raise _template_error(failure, _partial(request, _PAGE), request) from None


_PAGE = PAGE_FILES[0]


@functools.cache
def _page_template(custom: Path | None) -> jinja2.Template:
    """The page around each HTML briefing, compiled once per run and folder (autoescape on:
    the title is persona text)."""
    return environment(custom, html=True).get_template(_PAGE)


def _committees(
    everyone: list[dict[str, Any]],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """segment -> committee role -> members (by id), computed once per run."""
    by_segment: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for data in everyone:
        if data["segment"]:
            role = data["decision"]["committee_role"] or ""
            by_segment.setdefault(data["segment"], {}).setdefault(role, []).append(data)
    return by_segment


def _kin(everyone: list[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], ...]]:
    """For each persona in an `extends` family, the others of that family (its parents and
    the profiles that extend it, or it and its parents' other profiles): one person seen at
    two levels of detail, not two seats of a committee. Personas no one extends are absent."""
    by_id = {data["id"]: data for data in everyone}
    roots: dict[str, list[dict[str, Any]]] = {}
    for data in everyone:
        if not data["extends"]:
            continue
        root, seen = data, {data["id"]}
        while root["extends"] in by_id and root["extends"] not in seen:
            root = by_id[root["extends"]]
            seen.add(root["id"])
        family = roots.setdefault(root["id"], [root])
        family.append(data)
    return {
        data["id"]: tuple(other for other in family if other["id"] != data["id"])
        for family in roots.values()
        for data in family
    }


def _committee(
    data: dict[str, Any],
    committees: dict[str, dict[str, list[dict[str, Any]]]],
    kin: Sequence[dict[str, Any]] = (),
) -> list[Any]:
    """The others in this persona's segment, by committee role: a list of
    {role, members (at most COMMITTEE_LIMIT), more (how many were left out)}. The persona's
    own `extends` family (`kin`) is not the rest of its committee."""
    roles = committees.get(data["segment"]) if data["segment"] else None
    if not roles:
        return []
    skip = {data["id"], *(other["id"] for other in kin)}
    groups = []
    for role in ROLE_ORDER:
        members = roles.get(role)
        if not members:
            continue
        others = [m for m in members[: COMMITTEE_LIMIT + len(skip)] if m["id"] not in skip]
        seated = [
            other
            for other in (data, *kin)
            if other["status"] != "retired"
            and other["segment"] == data["segment"]
            and (other["decision"]["committee_role"] or "") == role
        ]
        total = len(members) - len(seated)
        shown = others[:COMMITTEE_LIMIT]
        if shown:
            groups.append({"role": role, "members": shown, "more": max(0, total - len(shown))})
    return groups


def _display(path: Path, request: Request) -> str:
    try:
        return path.resolve().relative_to(request.cwd.resolve()).as_posix()
    except ValueError:
        pass
    try:
        return "persona_cli/templates/" + path.resolve().relative_to(BUILTIN_DIR).as_posix()
    except ValueError:
        return path.as_posix()


def _partial(request: Request, name: str) -> Path:
    if request.custom is not None and (request.custom / name).is_file():
        return request.custom / name
    return BUILTIN_DIR / name


def _compile(env: jinja2.Environment, team: Team, request: Request) -> jinja2.Template:
    return _compile_named(env, team.path.name, request)


def _compile_named(env: jinja2.Environment, name: str, request: Request) -> jinja2.Template:
    """Compile once per run (the loader looks in the custom folder first, as find_templates
    does); syntax errors surface here, before any persona is rendered."""
    import jinja2

    try:
        return env.get_template(name)
    except (jinja2.TemplateError, RecursionError) as failure:
        raise _template_error(failure, _partial(request, name), request) from None
    except (OSError, UnicodeDecodeError) as failure:
        raise TemplateError(
            f"{_display(_partial(request, name), request)}: cannot read: {failure}"
        ) from None


#: What one template may use beyond what the process held when rendering began: address
#: space (an expression such as `"a" * 10**10` fails with MemoryError instead of exhausting
#: the machine) and seconds per briefing (a loop of loops stops).
TEMPLATE_MEMORY = 2 << 30
TEMPLATE_SECONDS = 30.0
#: Set while `limits()` holds: `_run` arms the per-briefing timer only then (forked workers
#: inherit it, the handler and the memory limit; a timer is not inherited, so each arms its own).
_LIMITED = False


class TemplateTimeout(Exception):
    """A briefing's template ran longer than TEMPLATE_SECONDS."""


def _on_alarm(signum: int, frame: types.FrameType | None) -> None:
    raise TemplateTimeout(f"more than {TEMPLATE_SECONDS:g} s")


@contextlib.contextmanager
def limits() -> Iterator[None]:
    """Bound what templates may use while rendering: TEMPLATE_MEMORY more address space (an
    RLIMIT_AS soft limit, restored afterwards) and TEMPLATE_SECONDS per briefing (SIGALRM).
    Best effort: where the platform or thread does not allow it, rendering runs unbounded."""
    global _LIMITED  # noqa: PLW0603 - read by _run in this process and forked workers
    if _LIMITED:
        yield
        return
    restore_memory = _limit_memory()
    try:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    except (ValueError, AttributeError, OSError):  # not the main thread, or no SIGALRM
        previous = None
    _LIMITED = previous is not None
    try:
        yield
    finally:
        _LIMITED = False
        if previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        restore_memory()


def _limit_memory() -> Callable[[], None]:
    """Lower the address-space soft limit to what the process maps now plus TEMPLATE_MEMORY;
    returns how to put it back."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", "rb") as statm:  # noqa: PTH123 - one read, no Path
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        wanted = mapped + TEMPLATE_MEMORY
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return lambda: None  # already as tight
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        return lambda: None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def _timer() -> Iterator[None]:
    if not _LIMITED:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, TEMPLATE_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


_BLANK_RUNS = re.compile(r"\n\n\n+")  # not \n{3,}: a literal prefix is searched 15x faster


def _run(template: jinja2.Template, context: dict[str, Any], path: Path, request: Request) -> str:
    """Render one document; runs of blank lines (left by sections a persona lacks) fold into
    one, so templates can stay readable without whitespace gymnastics."""
    import jinja2

    try:
        with _timer():
            text = template.render(context)
        # Whatever a template prints, filtered or not (`{{ persona.name }}` in a custom
        # template), a hidden character reaches the briefing as `<U+202E>`, never raw: in
        # Markdown that is text, and the HTML page escapes it.
        return reveal(_BLANK_RUNS.sub("\n\n", text).strip("\n")) + "\n"
    except (jinja2.TemplateError, RecursionError) as failure:
        raise _template_error(failure, path, request) from None
    except Exception as failure:  # a filter or operator given a value it cannot use
        if not _template_frame(failure):
            raise
        raise _template_error(failure, path, request) from None


def _template_frame(failure: BaseException) -> traceback.FrameSummary | None:
    """The innermost template line in the failure's traceback (Jinja maps its frames back
    to the template file and line), or None when it did not happen in a template."""
    for frame in reversed(traceback.extract_tb(failure.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame
    return None


def _template_error(failure: Exception, path: Path, request: Request) -> TemplateError:
    """`file:line: message` for syntax errors, undefined names and sandbox violations."""
    import jinja2
    from jinja2.exceptions import SecurityError

    where, line = path, None
    if isinstance(failure, jinja2.TemplateSyntaxError):
        line = failure.lineno
        if failure.filename:
            where = Path(failure.filename)
        message = failure.message or str(failure)
    else:
        message = str(failure)
        frame = _template_frame(failure)
        if frame is not None:
            where, line = Path(frame.filename), frame.lineno
    if isinstance(failure, MemoryError):
        message = (
            f"the template needs more than {TEMPLATE_MEMORY >> 30} GiB of memory (a value "
            "repeated or padded too many times?); templates run with that much to spare"
        )
    elif isinstance(failure, TemplateTimeout):
        message = (
            f"the template ran for more than {TEMPLATE_SECONDS:g} s on one briefing (a loop "
            "too large?); templates get that long per briefing"
        )
    elif not isinstance(failure, jinja2.TemplateError | RecursionError):
        if len(message) > 160:  # it may quote a whole persona's evidence
            message = message[:150] + "..."
        message = (
            f"{type(failure).__name__}: {message}; check the values and arguments this line "
            "gives its filters and operators (the filters are listed in the README)"
        )
    elif isinstance(failure, SecurityError):
        message = f"unsafe template: {message} (templates run in a sandbox)"
    elif isinstance(failure, jinja2.UndefinedError):
        message = f"{message}; check the name against the template context in the README"
    elif isinstance(failure, jinja2.TemplateNotFound):
        message = f"template not found: {failure.name}"
    elif isinstance(failure, RecursionError):
        message = (
            "the template calls itself without end (an include, extends, import or macro "
            "that comes back to this template); break the loop"
        )
    location = _display(where, request) + (f":{line}" if line else "")
    return TemplateError(f"{location}: {message}", hint="no files were written")


# --- selection ----------------------------------------------------------------------------------


def choose_teams(name: str, known: dict[str, Team], custom: Path | None = None) -> list[Team]:
    """`all` (built-ins in their order, then custom teams by name) or one known team."""
    if name == "all":
        rest = sorted(set(known) - set(BUILTIN_TEAMS))
        return [known[team] for team in (*BUILTIN_TEAMS, *rest)]
    if not TEAM_PATTERN.match(name) or name not in known:
        for path, why in ignored_templates(custom):
            if path.name.removesuffix(TEMPLATE_SUFFIX).lower() == name.lower():
                folder = _display(path.parent, Request([], [], [], dt.date.min))
                shown = f"{folder}/{path.name}"  # the link itself, not where it points
                raise UsageError(f"--team: {shown} is ignored: {why}")
        raise UsageError(
            f"--team: unknown team '{name}'",
            hint=f"choose one of: all, {', '.join(known)} (persona render --list-teams)",
        )
    return [known[name]]


def select(
    everyone: list[Loaded],
    *,
    ids: Sequence[str],
    kinds: Sequence[str],
    statuses: Sequence[str],
    owners: Sequence[str],
    include_retired: bool,
) -> list[Loaded]:
    """The personas to brief: named ids (unknown ones are an error with a suggestion), then
    the kind, status and owner filters; retired personas only when asked for."""
    by_id = {item.id: item for item in everyone}
    for ident in ids:
        if ident not in by_id:
            close = difflib.get_close_matches(ident, list(by_id), n=1, cutoff=0.6)
            raise UsageError(
                f"no persona '{ident}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "pass an id (the file name without .yaml) from the configured paths",
            )
    chosen = [by_id[i] for i in sorted(set(ids))] if ids else list(everyone)
    lowered = {owner.lower() for owner in owners}
    return [
        item
        for item in chosen
        if (not kinds or item.data["kind"] in kinds)
        and (
            item.data["status"] in statuses
            if statuses
            else include_retired or item.data["status"] != "retired" or bool(ids)
        )
        and (not owners or lowered & {o.lower() for o in item.data["review"]["owners"]})
    ]


def ages(result: AgeResult) -> dict[str, dict[str, Any]]:
    """The freshness record templates see as `age`, by persona id."""
    return {
        row.id: {
            "status": row.status,
            "age_days": row.age_days,
            "interval_days": row.interval_days,
            "last_changed": row.last_changed,
            "last_reviewed": row.last_reviewed,
            "refreshed": row.refreshed,
        }
        for row in result.personas
    }


def freshness(
    sources: Sequence[SourceFile], *, now: dt.date, include_retired: bool = True
) -> dict[str, dict[str, Any]] | None:
    """Each persona's age from git, or None when the files are not inside a repository."""
    if not sources:
        return None
    from persona_cli.domain.errors import GitError
    from persona_cli.verbs.age import age

    try:
        result = age(
            sources,
            now=now,
            cwd=sources[0].path.resolve().parent,
            include_retired=include_retired,
        )
    except GitError:
        return None
    return ages(result)


__all__ = [
    "BUILTIN_TEAMS",
    "FILTERS",
    "Document",
    "Gap",
    "Loaded",
    "Request",
    "Team",
    "applies",
    "choose_teams",
    "committee_teams",
    "committee_template",
    "fill",
    "find_templates",
    "freshness",
    "gaps",
    "load_set",
    "render",
    "render_committees",
    "select",
]
