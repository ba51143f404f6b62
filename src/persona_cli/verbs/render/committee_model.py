"""The committee view's records: a segment's committee as read from its file (the input)
and the view built from it (members, conflicts, gaps), with the constants both sides share.
Plain frozen records holding plain strings, so persona text stays data the template escapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Literal

from pydantic import ValidationError

from persona_cli.domain.roles import BLOCKING_ROLES as _BLOCKING
from persona_cli.domain.roles import COMMITTEE_ROLE_ORDER
from persona_cli.domain.segment import CommitteeMember

#: Committee roles whose holder can veto the deal by the role alone.
BLOCKING_ROLES: tuple[str, ...] = tuple(role.value for role in _BLOCKING)
#: Influence (1-5) from which a low appetite for risk makes a member able to stall the deal.
HIGH_INFLUENCE = 4
#: Conflicts shown in full; the rest are listed by name (a committee of ten can have dozens).
CONFLICT_LIMIT = 6
#: Roles in the order the committee is shown when influence ties.
ROLE_ORDER: tuple[str, ...] = (*(role.value for role in COMMITTEE_ROLE_ORDER), "")

State = Literal["present", "missing", "retired"]


# --- input --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SegmentEvidence:
    """A dated research source behind the segment."""

    date: str
    type: str
    summary: str
    sample_size: int | None = None


@dataclass(frozen=True, slots=True)
class SegmentInput:
    """What the view needs from a segment file."""

    id: str
    name: str
    description: str = ""
    #: (label, value in plain words), e.g. ("Annual revenue", "$30M to $150M").
    firmographics: tuple[tuple[str, str], ...] = ()
    owners: tuple[str, ...] = ()
    last_reviewed: str = ""
    #: The seats, as the segment model holds them (the one model of a committee seat).
    committee: tuple[CommitteeMember, ...] = ()
    evidence: tuple[SegmentEvidence, ...] = ()


_FIRMOGRAPHIC_LABELS = {
    "revenue_range": "Annual revenue",
    "employee_range": "Employees",
    "verticals": "Verticals",
    "regions": "Regions",
}


def segment_input(data: Mapping[str, Any]) -> SegmentInput:
    """A segment's plain data (the model dumped to dicts and lists) as the view's input.

    Tolerant by design: the segment model validates the file; here a missing part is empty.
    """
    seats: list[CommitteeMember] = []
    for item in data.get("committee") or ():
        try:
            seats.append(CommitteeMember.model_validate(item))
        except ValidationError:
            continue  # not a seat (no persona, no role): lint reports it
    firmographics = data.get("firmographics") or {}
    shown: list[tuple[str, str]] = []
    if isinstance(firmographics, Mapping):
        extra = sorted(set(firmographics) - set(_FIRMOGRAPHIC_LABELS))
        for key in (*_FIRMOGRAPHIC_LABELS, *extra):
            text = _firmographic(key, firmographics.get(key))
            if text:
                label = _FIRMOGRAPHIC_LABELS.get(key, key.replace("_", " ").capitalize())
                shown.append((label, text))
    review = data.get("review") or {}
    owners = review.get("owners") if isinstance(review, Mapping) else None
    last = review.get("last_reviewed") if isinstance(review, Mapping) else None
    evidence = [
        SegmentEvidence(
            date=text_of(item.get("date")),
            type=text_of(item.get("type")),
            summary=text_of(item.get("summary")),
            sample_size=item.get("sample_size")
            if isinstance(item.get("sample_size"), int)
            else None,
        )
        for item in data.get("evidence") or ()
        if isinstance(item, Mapping)
    ]
    return SegmentInput(
        id=str(data.get("id") or ""),
        name=text_of(data.get("name")) or str(data.get("id") or ""),
        description=text_of(data.get("description")),
        firmographics=tuple(shown),
        owners=tuple(text_of(owner) for owner in owners or () if text_of(owner)),
        last_reviewed=text_of(last),
        committee=tuple(seats),
        evidence=tuple(sorted(evidence, key=lambda e: (e.date, e.summary), reverse=True)),
    )


def text_of(value: Any) -> str:
    """A value as trimmed text: "" for nothing, an enum as its plain value."""
    if value is None:
        return ""
    plain = getattr(value, "value", value)  # enums as their plain value
    return str(plain).strip()


def _firmographic(key: str, value: Any) -> str:
    """A range or list in plain words: revenue {min: 30, max: 150} -> '$30M to $150M'."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        low, high = value.get("min"), value.get("max")
        if not isinstance(low, int) and not isinstance(high, int):
            return ""
        money = key == "revenue_range"

        def shown(number: int) -> str:
            return f"${number:,}M" if money else f"{number:,}"

        if isinstance(low, int) and isinstance(high, int):
            return f"{shown(low)} to {shown(high)}"
        if isinstance(low, int):
            return f"{shown(low)} or more"
        return f"up to {shown(high)}" if isinstance(high, int) else ""
    if isinstance(value, list | tuple):
        return ", ".join(text_of(item) for item in value if text_of(item))
    return text_of(value)


# --- output -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Said:
    """A member's own words: the field they come from and its text."""

    field: str
    text: str


@dataclass(frozen=True, slots=True)
class Objection:
    objection: str
    response: str


@dataclass(frozen=True, slots=True)
class Member:
    """One seat at the table, joined with its persona (when the persona exists and is live)."""

    persona: str
    name: str
    state: State
    role: str
    influence: int | None
    notes: str
    risk_tolerance: str
    trust: str
    decides: bool
    #: Why this member can block the deal; empty when they cannot.
    blocks: tuple[str, ...]
    top_fear: Said | None
    top_objection: Objection | None
    proof: tuple[str, ...]
    #: What the member's persona does not say that the briefing would show.
    missing: tuple[str, ...]
    #: How sentences name the member once the page has introduced them by `name`: the first
    #: name ("Carla" for "Cautious Carla, CISO"), or `name` when that would be ambiguous.
    short: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two members pulling in different directions, each in their own words."""

    kind: str
    title: str
    a: str
    a_name: str
    a_said: tuple[Said, ...]
    b: str
    b_name: str
    b_said: tuple[Said, ...]
    why: str
    suggestion: str
    #: The members as sentences name them (`Member.short`).
    a_short: str = ""
    b_short: str = ""


@dataclass(frozen=True, slots=True)
class CommitteeView:
    segment: SegmentInput
    members: tuple[Member, ...]
    deciders: tuple[Member, ...]
    blockers: tuple[Member, ...]
    #: The tensions that weigh most (combined influence), at most CONFLICT_LIMIT.
    conflicts: tuple[Conflict, ...]
    #: The rest, so a large committee's page stays readable but nothing is hidden.
    more_conflicts: tuple[Conflict, ...]
    #: Committee-level gaps: no economic buyer, missing or retired personas, no members.
    gaps: tuple[str, ...]

    def context(self) -> dict[str, Any]:
        """Plain mappings and lists for the template (like the persona data)."""
        return asdict(self)


# --- reading plain data -------------------------------------------------------------------------


def part_of(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """A part of filled persona data (`decision`, `lenses`...); empty when it is not one."""
    value = data.get(name)
    return value if isinstance(value, Mapping) else {}


def texts_of(value: Any) -> list[str]:
    """The non-blank texts of a list field (a quote or evidence item gives its `text`)."""
    out: list[str] = []
    for item in value or ():
        text = text_of(item.get("text") if isinstance(item, Mapping) else item)
        if text:
            out.append(text)
    return out
