"""What persona rules and set rules are built from: typed options, the target a rule sees,
the hits it yields. Separate from `base.py` because it needs pydantic and the model, which
the loader's own codes do not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from persona_cli.domain import teams as team_choice
from persona_cli.domain.fields import FIELDS
from persona_cli.domain.model import Persona, is_extension
from persona_cli.lint.rules.base import Rule


class RuleOptions(BaseModel):
    """Typed options of a rule; configured as `[tool.persona.rules.CODE]` in kebab-case."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=lambda name: name.replace("_", "-"),
        populate_by_name=True,
        # Built on first use: only `persona lint` (and a configured rule table) needs them.
        defer_build=True,
    )


#: Kinds of persona, as strings, for rule applicability.
ALL_KINDS = frozenset({"buyer", "user", "internal", "individual"})
EXTERNAL_KINDS = frozenset({"buyer", "user", "individual"})
BUYING_KINDS = frozenset({"buyer", "individual"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a persona rule sees: the validated persona and its raw data (both merged with
    the `extends` parent chain when it names one), the file's own data (what its author
    wrote), and the date to judge freshness against."""

    persona: Persona
    data: dict[str, Any]
    own: dict[str, Any]
    today: dt.date
    #: Every prose string the file's author wrote, with its path (ids, links and enums
    #: left out); computed once for the text rules.
    prose: tuple[tuple[tuple[str | int, ...], str], ...] = ()
    #: The teams the persona is written for (its `teams`, else the config's default);
    #: None when its kind decides, as without `teams`.
    teams: frozenset[str] | None = None

    @property
    def lens_teams(self) -> tuple[str, ...]:
        """The lens teams whose lens this persona must fill."""
        return team_choice.lens_teams(self.persona.kind.value, self.teams)


def prose_strings(value: Any) -> list[tuple[tuple[str | int, ...], str]]:
    """Every prose string in `value` with its path, in document order: the field table says
    which fields hold prose (`FieldRow.prose`), so identifiers, links, enumerations, dates and
    an import's source paths are left out, and every new text field is read without a list to
    keep up. Extension keys (`x-...`) are never read: their values are the team's own data.
    (A list built by plain recursion: a generator per node cost a tenth of linting a file.)"""
    found: list[tuple[tuple[str | int, ...], str]] = []

    def visit(value: Any, where: tuple[str | int, ...], field: str) -> None:
        if isinstance(value, str):
            row = FIELDS.get(field)
            if row is None or row.prose:
                found.append((where, value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if not is_extension(key):
                    visit(item, (*where, key), f"{field}.{key}" if field else key)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*where, index), field)

    visit(value, (), "")
    return found


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule's finding before the engine locates it and stamps code and severity.

    `anchor` says where in the file it points: the `value` at `path`, the `key` at `path`,
    or (for a missing field) the key of the nearest existing parent."""

    path: tuple[str | int, ...]
    message: str
    anchor: Literal["value", "key"] = "value"


class PersonaRule(Rule):
    """A rule run on one persona at a time."""

    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: The kinds of persona this rule applies to.
    kinds: ClassVar[frozenset[str]] = ALL_KINDS
    #: The teams whose need the rule speaks for: it runs on a persona written for teams
    #: (`teams`, or the config's default) only when one of them is among those. Empty: all.
    needed_by: ClassVar[frozenset[str]] = frozenset()
    #: Whether the rule reads `Target.prose`; the engine collects it only if one does.
    uses_prose: ClassVar[bool] = False

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def applies(self, persona: Persona, teams: frozenset[str] | None = None) -> bool:
        """Whether the rule runs on `persona`, written for `teams` (None: its kind decides)."""
        if persona.kind.value not in self.kinds:
            return False
        return teams is None or not self.needed_by or bool(self.needed_by & teams)

    def check(self, target: Target) -> Iterator[Hit]:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class TextHit:
    """A text rule's finding: 1-based line and column in the file's text."""

    line: int
    column: int
    message: str


class TextRule(Rule):
    """A rule run on the text of every file that could be decoded, persona or segment,
    whether or not it parses: what it looks for is in the characters themselves, keys and
    comments included, and it is reported where it sits."""

    Options: ClassVar[type[RuleOptions]] = RuleOptions
    #: Whether it also reports inside extension entries (`x-...` keys and their values), a
    #: team's own data that the other rules leave alone: a rule about what a reviewer
    #: cannot see (a bidirectional control) is about the file, whatever key holds it.
    reads_extensions: ClassVar[bool] = False

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def check_text(self, text: str) -> Iterator[TextHit]:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Statement:
    """One prose entry a persona's file states itself (not inherited), as set-level rules
    compare them: its field (dotted, without list indexes: `whole_person.fears`; an entry
    under `add` counts in the field it is added to), its path in the file, its text and
    where it is."""

    field: str
    path: tuple[str | int, ...]
    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Member:
    """One persona of the set, as set-level rules see it."""

    display: str
    id: str
    name: str | None
    kind: str | None
    status: str | None
    name_position: tuple[int, int]
    kind_position: tuple[int, int]
    #: The id of the persona it extends, if any.
    extends: str | None = None
    #: Its own statements in the fields some set rule compares (`SetRule.statement_fields`).
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True, slots=True)
class SetHit:
    display: str
    line: int
    column: int
    message: str
    field_path: str | None = None


class SetRule(Rule):
    """A rule run once over the whole set of personas."""

    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def statement_fields(self) -> frozenset[str]:
        """The fields (dotted, as `Statement.field`) whose entries the rule compares; the
        engine collects them for each member only when a rule asks."""
        return frozenset()

    def check_set(self, members: list[Member]) -> Iterator[SetHit]:
        raise NotImplementedError
