"""The gaps box: each field a team's briefing reads that the persona leaves empty, named in
plain words, so a team that never opens YAML sees what is missing instead of a blank heading.

Which fields a briefing reads, and for which kinds of persona their absence counts, comes from
the field table (`domain/fields/`): the box lists exactly the missing-field findings lint
reports for that team's fields, and completeness counts each of them missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from persona_cli.domain import completeness, fields


@dataclass(frozen=True, slots=True)
class Gap:
    """A field a team needs that the persona lacks, with its plain-language description."""

    field: str
    label: str


def gaps(data: dict[str, Any], team: str) -> list[Gap]:
    """What `team` would need from this persona that it does not say."""
    kind = str(data.get("kind", ""))
    chosen = written_for(data)
    return [
        Gap(row.path, row.label)
        for row in fields.briefing_fields(team, kind)
        if fields.needed(row, chosen) and not completeness.filled(completeness.get(data, row.keys))
    ]


def written_for(data: dict[str, Any]) -> frozenset[str] | None:
    """The teams a persona's own (merged) `teams` names; None when it names none (filled
    data has an empty list then)."""
    teams = data.get("teams")
    return frozenset(teams) if isinstance(teams, list) and teams else None
