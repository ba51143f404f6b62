"""How complete a persona is: the share of the fields its kind is counted on that say something.

Which fields count, for which kinds, and in which groups comes from the field table
(`fields/`), which also gives each counted field the lint rule that reports it missing and
the briefings that read it: a persona at 100% has no missing-field findings and no gaps box,
and each missing field is one finding and one gap. The constants below are views of that
table for the modules that group fields by section.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from persona_cli.domain import fields
from persona_cli.domain.fields import GROUPS, LENS_TEAMS

# Re-exported: the modules that address persona data by path spell the type from here.
from persona_cli.domain.fields import FieldPath as FieldPath  # noqa: PLC0414
from persona_cli.domain.result import PersonaScore


def _in(section: str) -> tuple[FieldPath, ...]:
    return tuple(
        row.keys for row in fields.FIELDS.values() if row.groups and row.keys[0] == section
    )


EMOTIONAL: tuple[FieldPath, ...] = _in("whole_person")
DECISION: tuple[FieldPath, ...] = _in("decision")
INTERNAL: tuple[FieldPath, ...] = _in("internal")

#: Every field of each team's lens, by name.
LENSES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {team: tuple(path[2] for path in _in("lenses") if path[1] == team) for team in LENS_TEAMS}
)

#: The risk fields inside the lenses, by team.
LENS_RISK: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        team: tuple(
            row.name
            for row in fields.FIELDS.values()
            if "risk" in row.groups and row.keys[:2] == ("lenses", team)
        )
        for team in LENS_TEAMS
    }
)

_KINDS: tuple[str, ...] = ("buyer", "individual", "user", "internal")

#: Team lenses each kind must be able to fill.
TEAMS_BY_KIND: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {kind: tuple(t for t in LENS_TEAMS if kind in fields.LENS_KINDS[t]) for kind in _KINDS}
)

#: Decision fields each kind needs: the committee role matters only to those who buy.
DECISION_BY_KIND: Mapping[str, tuple[FieldPath, ...]] = MappingProxyType(
    {
        kind: tuple(row.keys for row in fields.counted(kind) if row.keys[0] == "decision")
        for kind in _KINDS
    }
)


def filled(value: Any) -> bool:
    """A value counts as filled when it says something: not null, blank or an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(filled(item) for item in value)
    if isinstance(value, dict):
        return any(filled(item) for item in value.values())
    return True


def get(data: dict[str, Any], path: FieldPath) -> Any:
    current: Any = data
    for key in path:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current


def decision_fields(kind: str, teams: frozenset[str] | None) -> tuple[FieldPath, ...]:
    """The decision fields a persona of `kind` written for `teams` is judged on."""
    return tuple(row.keys for row in fields.counted(kind, teams) if row.keys[0] == "decision")


def lens_fields(team: str) -> tuple[FieldPath, ...]:
    return tuple(("lenses", team, name) for name in LENSES[team])


def groups(kind: str, teams: frozenset[str] | None = None) -> dict[str, tuple[FieldPath, ...]]:
    """The field groups that count towards completeness for a persona of `kind` written for
    `teams` (None: the kind decides), in the order scores list them; a field may count in
    two (a lens risk field: risk and its team)."""
    rows = fields.counted(kind, teams)
    result = {name: tuple(row.keys for row in rows if name in row.groups) for name in GROUPS}
    return {name: paths for name, paths in result.items() if paths}


def score(data: dict[str, Any], *, path: str, teams: frozenset[str] | None = None) -> PersonaScore:
    """Completeness of a validated persona's data (merged with its parent if it extends),
    written for `teams` (its resolved teams; None: the kind decides which fields count)."""
    kind = str(data.get("kind", ""))
    parts: dict[str, float] = {}
    every: dict[FieldPath, bool] = {}
    for name, paths in groups(kind, teams).items():
        states = [filled(get(data, field)) for field in paths]
        parts[name] = sum(states) / len(states)
        every.update(zip(paths, states, strict=True))
    total = sum(every.values()) / len(every) if every else 1.0
    return PersonaScore(
        path=path,
        id=str(data.get("id", "")),
        name=str(data.get("name", "")),
        kind=kind,
        status=str(data.get("status") or "draft"),
        completeness=total,
        parts=parts,
        missing=tuple(".".join(field) for field, ok in every.items() if not ok),
        teams=teams,
    )
