"""The text of a new persona file: the model's fields, each under its question.

Pure functions from a request to file text; `persona new` (`verbs.new`) decides where it
goes. Why it looks like this:

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
"""

from __future__ import annotations

import json
import re
import textwrap
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from persona_cli import __version__
from persona_cli.domain import completeness, guidance

if TYPE_CHECKING:
    from pydantic import BaseModel

FieldPath = tuple[str, ...]

SCHEMA_FILE = "persona.schema.json"
#: Where editors find the schema when the repository holds no copy of it.
SCHEMA_URL = (
    f"https://raw.githubusercontent.com/persona-cli/persona-cli/v{__version__}/schemas/"
    f"{SCHEMA_FILE}"
)
MODELINE = "# yaml-language-server: $schema="
WIDTH = 100
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
#: Fields `persona new` never writes: `--from` writes `extends`, `persona import` the
#: provenance of what it imports (and a child's `add`).
_NOT_WRITTEN = frozenset({("extends",), ("add",), ("provenance",)})
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
            # `add` mirrors the persona's lists, not fields of its own: one field, no rows below.
            below = () if path == ("add",) else fields(sub, path)
            result.append(Field(path, "model", children=below))
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


def comment_lines(text: str, indent: str) -> list[str]:
    """`text` as `# ` comment lines wrapped to the house width at `indent`."""
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
            lines += comment_lines(self.questions.get(item.path) or question(item), indent)
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
        return [comment_out(line) for line in self.block(item, depth, commented=True)]

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


def comment_out(line: str) -> str:
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
        if path in _NOT_WRITTEN:
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
        *comment_lines(
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
        *comment_lines(
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
