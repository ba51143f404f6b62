"""The field table: one row per persona field, the single place a field is described.

Everything else that speaks about a field reads it from here: the model's `Field(description=)`
(the JSON Schema tooltips), the question `persona new` writes above the field, the missing-field
lint rules and their messages, the completeness score, the gaps box of each team's briefing,
the labels briefings print for its values, and the README's field table (`readme.py`). Adding
a field is the model attribute, a row here, and a template line if a team should read it.

Why the table is shaped this way:

- Completeness, lint and the briefings must agree by construction, so a row says once which
  kinds of persona are judged on it (`counted_for`), which rule reports it missing (`rule`),
  and which briefings read it (`teams`). A counted field always has a rule for exactly the
  kinds it is counted for (checked at import), so lint's missing-field findings, the score and
  every briefing's gaps are the same set seen from three places.
- Rows are in the model's order; completeness groups and gap boxes list fields in this order.
  They are written in two modules: `judged.py` (the fields completeness counts) and
  `profile.py` (identity, job, evidence and review), with the row type in `base.py`.
- The package imports nothing from persona_cli but the committee roles: the model imports it
  for descriptions, so it must not import the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from persona_cli.domain.fields import judged, profile
from persona_cli.domain.fields.base import (
    ALL_KINDS,
    BUYING_KINDS,
    BUYING_TEAMS,
    EXTERNAL_KINDS,
    GROUPS,
    INTERNAL_KINDS,
    LENS_KINDS,
    LENS_TEAMS,
    OVERVIEW,
    FieldPath,
    FieldRow,
)

__all__ = [
    "ALL_KINDS",
    "BUYING_KINDS",
    "BUYING_TEAMS",
    "EXTERNAL_KINDS",
    "FIELDS",
    "GROUPS",
    "INTERNAL_KINDS",
    "LENS_KINDS",
    "LENS_TEAMS",
    "OVERVIEW",
    "FieldPath",
    "FieldRow",
    "briefed",
    "briefing_fields",
    "counted",
    "description",
    "needed",
    "read_by",
    "row",
    "value_label",
]

_ROWS: tuple[FieldRow, ...] = (*profile.HEAD, *judged.ROWS, *profile.TAIL)

#: Every persona field by dotted path, in the model's order.
FIELDS: Mapping[str, FieldRow] = MappingProxyType({row.path: row for row in _ROWS})


def _check(rows: tuple[FieldRow, ...]) -> None:
    """The invariants agreement rests on; a bad row fails at import, not in a golden."""
    assert len(FIELDS) == len(rows), "duplicate field path"
    codes = [row.rule for row in rows if row.rule]
    assert len(codes) == len(set(codes)), "two fields share a rule code"
    for row in rows:
        counted = bool(row.counted_for)
        assert counted == bool(row.rule) == bool(row.groups), row.path
        assert not counted or (row.why and row.example and row.teams), row.path
        assert set(row.groups) <= set(GROUPS), row.path
        assert row.teams <= {OVERVIEW, *LENS_TEAMS}, row.path
        assert row.needed_by <= set(LENS_TEAMS), row.path


_check(_ROWS)


def row(path: str) -> FieldRow:
    """The row of a dotted field path (KeyError for a path the model does not have)."""
    return FIELDS[path]


def description(path: str) -> str:
    """The model's description of a field: its JSON Schema tooltip."""
    return FIELDS[path].description


def counted(kind: str, teams: frozenset[str] | None = None) -> tuple[FieldRow, ...]:
    """The fields completeness counts (and lint reports missing) for a persona of `kind`
    written for `teams` (None: the kind's default, every field counted for the kind)."""
    return tuple(row for row in _ROWS if kind in row.counted_for and needed(row, teams))


def needed(row: FieldRow, teams: frozenset[str] | None) -> bool:
    """Whether a persona written for `teams` needs `row` (None: the kind decides alone)."""
    return teams is None or not row.needed_by or bool(row.needed_by & teams)


def read_by(team: str) -> tuple[FieldRow, ...]:
    """The counted fields a team's briefing reads (custom teams read what the overview reads),
    the team's own lens fields first."""
    team = team if team in LENS_TEAMS else OVERVIEW
    own = f"lenses.{team}."
    rows = [row for row in _ROWS if row.counted_for and team in row.teams]
    return tuple(sorted(rows, key=lambda row: not row.path.startswith(own)))


def briefed(team: str, kind: str) -> bool:
    """Whether `team` briefs personas of `kind` unasked: a lens team only the kinds its lens
    is counted for; the overview and custom teams everyone."""
    return team not in LENS_KINDS or kind in LENS_KINDS[team]


def briefing_fields(team: str, kind: str) -> tuple[FieldRow, ...]:
    """The fields whose absence `team`'s briefing of a `kind` persona names in its gaps box:
    the fields it reads that completeness counts for the kind, so the box lists exactly the
    missing-field findings that concern the team. A persona named by id for a team that does
    not brief its kind (a user's sales briefing) has no counted fields there; its box then
    names the team's empty lens fields, so the briefing still says why it is thin."""
    rows = read_by(team)
    if briefed(team, kind):
        return tuple(row for row in rows if kind in row.counted_for)
    return tuple(row for row in rows if row.path.startswith(f"lenses.{team}."))


def value_label(value: str) -> str | None:
    """How briefings print an enumerated value, when a row names it."""
    return _VALUE_LABELS.get(value)


_VALUE_LABELS: Mapping[str, str] = MappingProxyType(
    {value: text for row in _ROWS for value, text in row.value_labels.items()}
)
