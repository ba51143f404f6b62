"""One row of the field table, the kinds and teams rows speak of, and the builders rows are
written with (`row`, `counted`, `lens`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: Dotted paths split into keys, as completeness and the rules address data.
FieldPath = tuple[str, ...]

#: The briefings that read persona fields: the overview (also used by custom teams) and the
#: four lens teams.
OVERVIEW = "overview"
LENS_TEAMS: tuple[str, ...] = ("marketing", "sales", "product", "support")

ALL_KINDS = frozenset({"buyer", "user", "internal", "individual"})
#: Personas outside the company: buyers, users and profiles of real individuals.
EXTERNAL_KINDS = frozenset({"buyer", "user", "individual"})
#: Those who sign or shape a purchase; a user is not the one who signs.
BUYING_KINDS = frozenset({"buyer", "individual"})
INTERNAL_KINDS = frozenset({"internal"})

#: The kinds each lens team briefs. A colleague (internal) is not sold to; a user is not the
#: one who signs, so the sales lens is not expected of users.
LENS_KINDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "marketing": EXTERNAL_KINDS,
        "sales": BUYING_KINDS,
        "product": EXTERNAL_KINDS,
        "support": EXTERNAL_KINDS,
    }
)

#: The teams a persona's buying decision is written for: trust, risk tolerance, adoption,
#: awareness, committee role and proof are asked of a persona only when one of them reads it.
BUYING_TEAMS = frozenset({"marketing", "sales"})

#: Completeness groups in the order scores list their parts.
GROUPS: tuple[str, ...] = ("emotional", "risk", *LENS_TEAMS, "internal", "evidence")

_NO_LABELS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldRow:
    """One persona field."""

    #: Dotted path in the model; items of a list of objects use the list's path
    #: (`evidence.date`).
    path: str
    #: The editor tooltip (JSON Schema description): what the field holds.
    description: str
    #: The one question a strategist answers in it (written by `persona new`, asked by lint).
    question: str
    #: Briefings that read it: `overview` and/or lens teams.
    teams: frozenset[str] = frozenset()
    #: Persona kinds whose completeness counts it (and whose lint reports it missing).
    counted_for: frozenset[str] = frozenset()
    #: Completeness groups it counts in (`emotional`, `risk`, a lens team, `internal`,
    #: `evidence`).
    groups: tuple[str, ...] = ()
    #: The teams whose briefing needs it: a persona whose `teams` names none of them is not
    #: judged on it. Empty for the core every persona is judged on (counted fields only).
    needed_by: frozenset[str] = frozenset()
    #: The lint rule code reported when it is missing (counted fields only).
    rule: str | None = None
    #: Why the field matters: the missing-field rule's documentation.
    why: str = ""
    #: A filled value as YAML, for the rule's passing example.
    example: str = ""
    #: How briefings print its values, where the raw value reads badly (`needs_proof`).
    value_labels: Mapping[str, str] = field(default_factory=lambda: _NO_LABELS)
    #: Whether its text is prose the text-quality rules read (placeholders, generic
    #: phrases); identifiers, links, enumerations, dates and source paths are not.
    prose: bool = True

    @property
    def keys(self) -> FieldPath:
        return tuple(self.path.split("."))

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def label(self) -> str:
        """The field in a briefing's gaps box: its description's first clause, lower-cased
        unless it starts with an acronym, without the closing full stop."""
        text = self.description.split(";")[0].rstrip(".")
        return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


@dataclass(frozen=True, slots=True)
class Judgement:
    """What makes a field counted: the kinds and groups it counts in, the rule that reports
    it missing, and that rule's documentation (why it matters, a filled example)."""

    rule: str
    kinds: frozenset[str]
    groups: tuple[str, ...]
    why: str
    example: str
    needed_by: frozenset[str] = frozenset()


def row(
    path: str,
    description: str,
    question: str,
    *,
    teams: tuple[str, ...] = (),
    value_labels: Mapping[str, str] = _NO_LABELS,
    judged: Judgement | None = None,
    prose: bool = True,
) -> FieldRow:
    """A row; `judged` for a field completeness counts, `teams` for the briefings reading it,
    `prose=False` for a field whose text is not prose (an id, a link, a source path)."""
    if judged is None:
        return FieldRow(
            path=path,
            description=description,
            question=question,
            teams=frozenset(teams),
            value_labels=value_labels,
            prose=prose,
        )
    return FieldRow(
        path=path,
        description=description,
        question=question,
        teams=frozenset(teams),
        value_labels=value_labels,
        prose=prose,
        counted_for=judged.kinds,
        groups=judged.groups,
        needed_by=judged.needed_by,
        rule=judged.rule,
        why=judged.why,
        example=judged.example,
    )


def counted(
    rule: str,
    kinds: frozenset[str],
    groups: tuple[str, ...],
    why: str,
    example: str,
    *,
    needed_by: frozenset[str] = frozenset(),
) -> Judgement:
    """A counted field; `needed_by` the teams that need it (empty: every persona's core)."""
    return Judgement(rule, kinds, groups, why, example, needed_by)


def lens(team: str, rule: str, why: str, example: str, *, risk: bool) -> Judgement:
    """A lens field: counted for the kinds its team briefs, in the team's group and, for a
    risk field, in the risk group too."""
    groups = ("risk", team) if risk else (team,)
    return Judgement(rule, LENS_KINDS[team], groups, why, example, frozenset({team}))
