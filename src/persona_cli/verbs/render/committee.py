"""The committee view behind `persona render --team sales --segment ID`: who is in the room,
who decides, who can block, what each member fears, objects to and needs to see, and where
the members pull against each other.

Pure core: it takes one segment's committee list and the persona set (already merged with
their `extends` parents and filled, as `load.load_set` returns them) and returns a typed
view; it never reads files, prints or touches templates.

Why it looks like this:

- Complex purchases are made by committees of six to ten people with different stakes
  (the buyer finishes much of the journey before talking to a vendor), so a rep needs the
  committee on one page, not five briefings.
- Conflicts are derived from the data, never from names or titles: two members whose appetite
  for risk is two levels apart; one member's decision criteria about cost against another's
  about risk (or speed against risk); the economic buyer's cost criteria against the fears of
  the member holding the legal and security review; one member's accepted trade-off being
  another's rejected one. Each side is quoted in its own words (the field and its text).
- A member whose persona is missing or retired is a visible gap in the view, not a crash,
  because a committee list is often written before every persona exists.
- Persona text stays data: the view holds plain strings that the template escapes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any

from persona_cli.domain.roles import CommitteeRole
from persona_cli.domain.segment import CommitteeMember
from persona_cli.verbs.render.committee_model import (
    BLOCKING_ROLES,
    CONFLICT_LIMIT,
    HIGH_INFLUENCE,
    ROLE_ORDER,
    CommitteeView,
    Member,
    Objection,
    Said,
    SegmentInput,
    State,
    part_of,
    text_of,
    texts_of,
)
from persona_cli.verbs.render.conflicts import find_conflicts


def build(segment: SegmentInput, personas: Mapping[str, Mapping[str, Any]]) -> CommitteeView:
    """The committee view of `segment`; `personas` maps id to filled persona data (retired ones
    included, so a retired member can be told apart from a missing one)."""
    seen: set[str] = set()
    members: list[Member] = []
    for seat in segment.committee:
        if seat.persona in seen:
            continue  # the same persona twice is a lint finding; show it once
        seen.add(seat.persona)
        members.append(_member(seat, personas.get(seat.persona)))
    members.sort(key=_member_order)
    kinds = {
        m.persona: text_of(personas[m.persona].get("kind")) for m in members if m.state == "present"
    }
    members = short_names(members, kinds)
    present = [m for m in members if m.state == "present"]
    data = {m.persona: personas[m.persona] for m in present}
    conflicts = find_conflicts(present, data)
    return CommitteeView(
        segment=segment,
        members=tuple(members),
        deciders=tuple(m for m in members if m.decides),
        blockers=tuple(m for m in members if m.blocks),
        conflicts=tuple(conflicts[:CONFLICT_LIMIT]),
        more_conflicts=tuple(conflicts[CONFLICT_LIMIT:]),
        gaps=tuple(_gaps(segment, members)),
    )


_WORDS = re.compile(r"[^\W\d_][\w'-]*")


def first_name(name: str, *, person: bool = False) -> str:
    """The name a colleague would use after the introduction, or '' when the name gives none.

    'Carla' for 'Cautious Carla, CISO' and 'Omar' for 'On-call Omar' (an epithet that
    alliterates with the name comes first); 'Maria' for 'Maria Lopez, CFO' (a name before the
    title); 'Sasha' for 'Sasha (Software Developer)'. A name that may be a role ('Agency
    Chief', 'Engaged Citizen') gives '' unless `person` says it names a real individual
    ('Carla Diaz at Acme' gives 'Carla')."""
    titled = "," in name or "(" in name
    head = name.split(",", 1)[0].split("(", 1)[0].strip()
    words: list[str] = _WORDS.findall(head)
    if not words:
        return ""
    if len(words) > 1 and words[0][0].lower() == words[-1][0].lower():
        return words[-1]
    if len(words) == 1 or titled or person:
        return words[0]
    return ""


def short_names(members: Sequence[Member], kinds: Mapping[str, str] | None = None) -> list[Member]:
    """The members with `short` set: their first name (`kinds`, persona kind by id, says which
    name a real individual), unless the name gives none, two members share it or the member
    has no persona: then the name as written (the id for a missing one)."""
    kinds = kinds or {}
    firsts = {
        m.persona: (
            first_name(m.name, person=kinds.get(m.persona) == "individual")
            if m.state == "present"
            else ""
        )
        or m.name
        for m in members
    }
    counts: dict[str, int] = {}
    for first in firsts.values():
        counts[first.lower()] = counts.get(first.lower(), 0) + 1
    return [
        dataclasses.replace(
            m, short=firsts[m.persona] if counts[firsts[m.persona].lower()] == 1 else m.name
        )
        for m in members
    ]


def _member_order(member: Member) -> tuple[int, int, str]:
    role = ROLE_ORDER.index(member.role) if member.role in ROLE_ORDER else len(ROLE_ORDER)
    return (-(member.influence or 0), role, member.persona)


def _member(seat: CommitteeMember, data: Mapping[str, Any] | None) -> Member:
    if data is None or data.get("status") == "retired":
        state: State = "missing" if data is None else "retired"
        return Member(
            persona=seat.persona,
            name=text_of(data.get("name")) if data else seat.persona,
            state=state,
            role=seat.role.value,
            influence=seat.influence,
            notes=seat.notes or "",
            risk_tolerance="",
            trust="",
            decides=seat.role == CommitteeRole.economic_buyer,
            blocks=_role_blocks(seat.role),
            top_fear=None,
            top_objection=None,
            proof=(),
            missing=(),
        )
    decision = part_of(data, "decision")
    role = seat.role.value
    risk = text_of(decision.get("risk_tolerance"))
    blocks = list(_role_blocks(role))
    if risk == "low" and seat.influence >= HIGH_INFLUENCE:
        blocks.append(
            f"low appetite for risk with influence {seat.influence} of 5: can stall the deal "
            "without a formal veto"
        )
    fear = _top_fear(data)
    objection = _top_objection(data)
    proof = tuple(texts_of(decision.get("proof_required")))
    missing = [
        label
        for label, value in (("fears", fear), ("objections", objection), ("proof required", proof))
        if not value
    ]
    return Member(
        persona=seat.persona,
        name=text_of(data.get("name")) or seat.persona,
        state="present",
        role=role,
        influence=seat.influence,
        notes=seat.notes or "",
        risk_tolerance=risk,
        trust=text_of(part_of(data, "whole_person").get("trust")),
        decides=role == CommitteeRole.economic_buyer,
        blocks=tuple(blocks),
        top_fear=fear,
        top_objection=objection,
        proof=proof,
        missing=tuple(missing),
    )


_ROLE_BLOCKS: dict[str, str] = {
    CommitteeRole.blocker: "recorded as a blocker in this committee",
    CommitteeRole.legal_security: "holds the legal and security review, which can veto the deal",
    CommitteeRole.procurement: "runs procurement, which can stop the contract",
}


def _role_blocks(role: str) -> tuple[str, ...]:
    return (_ROLE_BLOCKS[role],) if role in BLOCKING_ROLES else ()


def _top_fear(data: Mapping[str, Any]) -> Said | None:
    """The first listed fear; else the loss the marketing lens says they fear most."""
    fears = texts_of(part_of(data, "whole_person").get("fears"))
    if fears:
        return Said("whole_person.fears", fears[0])
    loss = text_of(part_of(part_of(data, "lenses"), "marketing").get("loss_feared"))
    return Said("lenses.marketing.loss_feared", loss) if loss else None


def _top_objection(data: Mapping[str, Any]) -> Objection | None:
    for item in part_of(part_of(data, "lenses"), "sales").get("objections") or ():
        if isinstance(item, Mapping) and text_of(item.get("objection")):
            return Objection(text_of(item.get("objection")), text_of(item.get("response")))
    return None


def _gaps(segment: SegmentInput, members: Sequence[Member]) -> list[str]:
    gaps: list[str] = []
    if not members:
        gaps.append("the segment lists no committee members")
        return gaps
    if not any(m.decides for m in members):
        gaps.append("no economic buyer: nobody in the committee is recorded as signing the budget")
    for member in sorted(members, key=lambda m: m.persona):
        if member.state == "missing":
            gaps.append(f"'{member.persona}' has no persona in the set: write it or fix the id")
        elif member.state == "retired":
            gaps.append(f"'{member.persona}' is retired: replace it with a current persona")
        seats = sum(1 for seat in segment.committee if seat.persona == member.persona)
        if seats > 1:  # only the first seat is shown: say so rather than drop the others
            gaps.append(
                f"'{member.persona}' has {seats} seats; only the first is shown: "
                "keep one seat per persona"
            )
    return gaps
