"""The gaps box: each field a team's briefing builds on that the persona leaves empty, named
in plain words, so a team that never opens YAML sees what is missing instead of a blank
heading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from persona_cli.domain import completeness
from persona_cli.domain.field_descriptions import describe


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
        Gap(".".join(path), describe(path))
        for path in team_fields(team, kind)
        if not completeness.filled(completeness.get(data, path))
    ]
