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

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from persona_cli.domain.roles import BLOCKING_ROLES as _BLOCKING
from persona_cli.domain.roles import COMMITTEE_ROLE_ORDER, CommitteeRole

#: Committee roles whose holder can veto the deal by the role alone.
BLOCKING_ROLES: tuple[str, ...] = tuple(role.value for role in _BLOCKING)
#: Influence (1-5) from which a low appetite for risk makes a member able to stall the deal.
HIGH_INFLUENCE = 4
#: Conflicts shown in full; the rest are listed by name (a committee of ten can have dozens).
CONFLICT_LIMIT = 6
#: Roles in the order the committee is shown when influence ties.
ROLE_ORDER: tuple[str, ...] = (*(role.value for role in COMMITTEE_ROLE_ORDER), "")
_RISK_LEVELS = {"low": 0, "medium": 1, "high": 2}

State = Literal["present", "missing", "retired"]


# --- input --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Seat:
    """One line of a segment's committee list."""

    persona: str
    role: str = ""
    influence: int | None = None
    notes: str = ""


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
    committee: tuple[Seat, ...] = ()
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
    seats: list[Seat] = []
    for item in data.get("committee") or ():
        if not isinstance(item, Mapping) or not item.get("persona"):
            continue
        influence = item.get("influence")
        seats.append(
            Seat(
                persona=str(item["persona"]),
                role=_text(item.get("role")),
                influence=influence if isinstance(influence, int) else None,
                notes=_text(item.get("notes")),
            )
        )
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
            date=_text(item.get("date")),
            type=_text(item.get("type")),
            summary=_text(item.get("summary")),
            sample_size=item.get("sample_size")
            if isinstance(item.get("sample_size"), int)
            else None,
        )
        for item in data.get("evidence") or ()
        if isinstance(item, Mapping)
    ]
    return SegmentInput(
        id=str(data.get("id") or ""),
        name=_text(data.get("name")) or str(data.get("id") or ""),
        description=_text(data.get("description")),
        firmographics=tuple(shown),
        owners=tuple(_text(owner) for owner in owners or () if _text(owner)),
        last_reviewed=_text(last),
        committee=tuple(seats),
        evidence=tuple(sorted(evidence, key=lambda e: (e.date, e.summary), reverse=True)),
    )


def _text(value: Any) -> str:
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
        return ", ".join(_text(item) for item in value if _text(item))
    return _text(value)


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


# --- building the view --------------------------------------------------------------------------


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
    present = [m for m in members if m.state == "present"]
    data = {m.persona: personas[m.persona] for m in present}
    conflicts = _conflicts(present, data)
    return CommitteeView(
        segment=segment,
        members=tuple(members),
        deciders=tuple(m for m in members if m.decides),
        blockers=tuple(m for m in members if m.blocks),
        conflicts=tuple(conflicts[:CONFLICT_LIMIT]),
        more_conflicts=tuple(conflicts[CONFLICT_LIMIT:]),
        gaps=tuple(_gaps(segment, members)),
    )


def _member_order(member: Member) -> tuple[int, int, str]:
    role = ROLE_ORDER.index(member.role) if member.role in ROLE_ORDER else len(ROLE_ORDER)
    return (-(member.influence or 0), role, member.persona)


def _member(seat: Seat, data: Mapping[str, Any] | None) -> Member:
    if data is None or data.get("status") == "retired":
        state: State = "missing" if data is None else "retired"
        return Member(
            persona=seat.persona,
            name=_text(data.get("name")) if data else seat.persona,
            state=state,
            role=seat.role,
            influence=seat.influence,
            notes=seat.notes,
            risk_tolerance="",
            trust="",
            decides=seat.role == CommitteeRole.economic_buyer,
            blocks=_role_blocks(seat.role),
            top_fear=None,
            top_objection=None,
            proof=(),
            missing=(),
        )
    decision = _part(data, "decision")
    role = seat.role or _text(decision.get("committee_role"))
    risk = _text(decision.get("risk_tolerance"))
    blocks = list(_role_blocks(role))
    if risk == "low" and (seat.influence or 0) >= HIGH_INFLUENCE:
        blocks.append(
            f"low appetite for risk with influence {seat.influence} of 5: can stall the deal "
            "without a formal veto"
        )
    fear = _top_fear(data)
    objection = _top_objection(data)
    proof = tuple(_items(decision.get("proof_required")))
    missing = [
        label
        for label, value in (("fears", fear), ("objections", objection), ("proof required", proof))
        if not value
    ]
    return Member(
        persona=seat.persona,
        name=_text(data.get("name")) or seat.persona,
        state="present",
        role=role,
        influence=seat.influence,
        notes=seat.notes,
        risk_tolerance=risk,
        trust=_text(_part(data, "whole_person").get("trust")),
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
    fears = _items(_part(data, "whole_person").get("fears"))
    if fears:
        return Said("whole_person.fears", fears[0])
    loss = _text(_part(_part(data, "lenses"), "marketing").get("loss_feared"))
    return Said("lenses.marketing.loss_feared", loss) if loss else None


def _top_objection(data: Mapping[str, Any]) -> Objection | None:
    for item in _part(_part(data, "lenses"), "sales").get("objections") or ():
        if isinstance(item, Mapping) and _text(item.get("objection")):
            return Objection(_text(item.get("objection")), _text(item.get("response")))
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


def _part(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name)
    return value if isinstance(value, Mapping) else {}


def _items(value: Any) -> list[str]:
    out: list[str] = []
    for item in value or ():
        text = _text(item.get("text") if isinstance(item, Mapping) else item)
        if text:
            out.append(text)
    return out


# --- conflicts ----------------------------------------------------------------------------------

#: Words that put a criterion on one side of a tension. A vocabulary of the domain, not names:
#: the view never looks at ids, titles or roles to decide that two members disagree (except
#: the economic buyer against the legal and security review, which the issue asks for).
THEMES: dict[str, re.Pattern[str]] = {
    "cost": re.compile(
        r"\b(costs?|costly|pric(e|es|ed|ing)|payback|budgets?|invoices?|spend(ing)?|roi|fees?|"
        r"cheap(er|est)?|discounts?|cash|savings?|escalators?|expensive|afford(able)?|"
        r"headcount|tco)\b|\$\d",
        re.IGNORECASE,
    ),
    "risk": re.compile(
        r"\b(risks?|risky|secur(e|ity)|audit(s|ed|or|ors)?|complian(ce|t)|breach(es)?|"
        r"(least[- ])?privileges?|read-only|regulat(or|ors|ory|ion|ed)|certif(y|ied|ication)|"
        r"veto|incidents?|penetration|pen tests?|soc ?2|pci|nydfs|gdpr|hipaa|iso ?27001|"
        r"safe(ty)?|liabilit(y|ies)|export)\b",
        re.IGNORECASE,
    ),
    "speed": re.compile(
        r"\b(fast(er|est)?|quick(ly|er)?|speed|rapid(ly)?|immediate(ly)?|asap|right away|"
        r"(in|within) (a|one|two) (days?|weeks?)|this (week|month|quarter))\b",
        re.IGNORECASE,
    ),
}
#: Themes that pull against each other, with the plain-words name of the tension.
OPPOSED: tuple[tuple[str, str, str], ...] = (
    ("cost", "risk", "Cost against risk"),
    ("speed", "risk", "Speed against proof"),
)
#: How many decision criteria must share a theme before it counts as the member's focus.
FOCUS_MIN = 2
_KIND_ORDER = ("risk-appetite", "cost-vs-risk", "speed-vs-risk", "tradeoff")


def themes(text: str) -> frozenset[str]:
    """The themes a piece of text touches."""
    return frozenset(name for name, pattern in THEMES.items() if pattern.search(text))


def focus(data: Mapping[str, Any]) -> str:
    """The theme most of a member's decision criteria are about ('' when none clearly is):
    at least FOCUS_MIN criteria, and more than any other theme (proof required breaks ties)."""
    decision = _part(data, "decision")
    criteria = _items(decision.get("decision_criteria"))
    proof = _items(decision.get("proof_required"))
    scores = {
        name: (
            sum(1 for item in criteria if name in themes(item)),
            sum(1 for item in proof if name in themes(item)),
        )
        for name in THEMES
    }
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    best, score = ranked[0]
    if score[0] < FOCUS_MIN or (len(ranked) > 1 and ranked[1][1] == score):
        return ""
    return best


def _conflicts(members: Sequence[Member], data: Mapping[str, Mapping[str, Any]]) -> list[Conflict]:
    found: list[Conflict] = []
    focuses = {m.persona: focus(data[m.persona]) for m in members}
    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            found.extend(_pair(first, second, data, focuses))
    weight = {m.persona: m.influence or 0 for m in members}
    found.sort(key=lambda c: (-(weight[c.a] + weight[c.b]), _KIND_ORDER.index(c.kind), c.a, c.b))
    return found


def _pair(
    first: Member,
    second: Member,
    data: Mapping[str, Mapping[str, Any]],
    focuses: Mapping[str, str],
) -> Iterable[Conflict]:
    levels = (_RISK_LEVELS.get(first.risk_tolerance), _RISK_LEVELS.get(second.risk_tolerance))
    if levels[0] is not None and levels[1] is not None and abs(levels[0] - levels[1]) >= 2:
        low, high = (first, second) if levels[0] < levels[1] else (second, first)
        yield _risk_appetite(low, high, data)
    for one, other in ((first, second), (second, first)):
        for side, against, title in OPPOSED:
            focused = focuses[one.persona] == side and focuses[other.persona] == against
            budget = (side, against) == ("cost", "risk") and _budget_against_fears(one, other, data)
            if focused or budget:
                yield _opposed(one, other, (side, against, title), data, focused=focused)
    yield from _tradeoffs(first, second, data)
    yield from _tradeoffs(second, first, data)


def _budget_against_fears(
    buyer: Member, reviewer: Member, data: Mapping[str, Mapping[str, Any]]
) -> bool:
    """The economic buyer decides on cost while the legal and security member is afraid:
    a tension even when the reviewer's criteria do not read as a clear risk focus."""
    if not (buyer.decides and reviewer.role == CommitteeRole.legal_security and reviewer.top_fear):
        return False
    criteria = _items(_part(data[buyer.persona], "decision").get("decision_criteria"))
    return any("cost" in themes(item) for item in criteria)


def _quotes(
    data: Mapping[str, Any], fields: Sequence[str], theme: str | None, limit: int = 2
) -> tuple[Said, ...]:
    """Up to `limit` items from `fields` (dotted paths), those about `theme` first."""
    pool: list[Said] = []
    for path in fields:
        value: Any = data
        for name in path.split("."):
            value = value.get(name) if isinstance(value, Mapping) else None
        pool.extend(Said(path, text) for text in _items(value))
    if theme is not None:
        pool.sort(key=lambda said: theme not in themes(said.text))  # stable: order kept
    return tuple(pool[:limit])


def _risk_appetite(low: Member, high: Member, data: Mapping[str, Mapping[str, Any]]) -> Conflict:
    careful = data[low.persona]
    bold = data[high.persona]
    careful_fields = ("decision.decision_criteria", "decision.proof_required")
    bold_fields = (
        "decision.proof_required",
        "decision.decision_criteria",
        "lenses.product.tradeoffs_accepted",
    )
    low_said = (
        Said("decision.risk_tolerance", low.risk_tolerance),
        *_quotes(careful, careful_fields, "risk", 1),
    )
    high_said = (
        Said("decision.risk_tolerance", high.risk_tolerance),
        *_quotes(bold, bold_fields, "speed", 1),
    )
    return Conflict(
        kind="risk-appetite",
        title="Appetite for risk",
        a=low.persona,
        a_name=low.name,
        a_said=low_said,
        b=high.persona,
        b_name=high.name,
        b_said=high_said,
        why=(
            f"{low.name} has a low appetite for risk and {high.name} a high one: what reads as "
            f"momentum to one reads as exposure to the other."
        ),
        suggestion=(
            f"Do not ask {low.name} to match {high.name}'s pace. Offer a staged plan: a small, "
            "reversible first step that brings the proof the careful side asks for, and the "
            f"wider rollout {high.name} wants, agreed in advance as the next step once that "
            "proof is in. Settle together what 'safe enough to expand' means."
        ),
    )


_SIDES = {
    "cost": ("decision.decision_criteria", "decision.proof_required"),
    "speed": ("decision.proof_required", "decision.decision_criteria"),
    "risk": ("decision.decision_criteria", "decision.proof_required"),
}
_SUGGESTIONS = {
    ("cost", "risk"): (
        "Build one business case for both: price what {b} fears (a failed audit, an "
        "incident, the rework) next to the savings {a} needs, and show the safeguards {b} "
        "asks for as lines in the cost model, not as extras. Bring {b}'s sign-off to {a} "
        "before the final price."
    ),
    ("speed", "risk"): (
        "Agree a time-boxed pilot: {b} sets the exit criteria and the proof it must produce, "
        "{a} gets a fixed date to plan around. Speed then comes from a short path to proof, "
        "not from skipping it."
    ),
}


def _opposed(
    one: Member,
    other: Member,
    tension: tuple[str, str, str],
    data: Mapping[str, Mapping[str, Any]],
    *,
    focused: bool,
) -> Conflict:
    side, against, title = tension
    if focused:
        why = f"{one.name} decides on {side}; {other.name} decides on {against}."
    else:  # the economic buyer's cost criteria against the legal and security member's fears
        why = (
            f"{one.name} signs the budget and decides on {side}; {other.name} holds the legal "
            "and security review and fears what a cheaper choice could expose."
        )
    a_said = _quotes(data[one.persona], _SIDES[side], side)
    if against == "risk" and other.role == CommitteeRole.legal_security and other.top_fear:
        b_said = (other.top_fear, *_quotes(data[other.persona], _SIDES[against], against, 1))
    else:
        b_said = _quotes(data[other.persona], _SIDES[against], against)
    return Conflict(
        kind=f"{side}-vs-{against}",
        title=title,
        a=one.persona,
        a_name=one.name,
        a_said=a_said,
        b=other.persona,
        b_name=other.name,
        b_said=b_said,
        why=why,
        suggestion=_SUGGESTIONS[(side, against)].format(a=one.name, b=other.name),
    )


_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "every",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "less",
        "no",
        "not",
        "of",
        "on",
        "one",
        "only",
        "or",
        "our",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "we",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "without",
    }
)
_WORD = re.compile(r"[a-z0-9$]+(?:[-'][a-z0-9]+)*")
#: A trade-off one member accepts matches one another rejects when they share at least this
#: many content words and this share of all their content words (Jaccard).
TRADEOFF_MIN_SHARED = 2
TRADEOFF_MIN_JACCARD = 0.25


def _content(text: str) -> frozenset[str]:
    words = (w.removesuffix("s") if len(w) > 4 else w for w in _WORD.findall(text.lower()))
    return frozenset(w for w in words if w not in _STOP and len(w) > 2)


def same_tradeoff(first: str, second: str) -> bool:
    """Whether two trade-off texts are about the same thing (shared content words)."""
    one, two = _content(first), _content(second)
    shared = one & two
    union = one | two
    return (
        len(shared) >= TRADEOFF_MIN_SHARED
        and bool(union)
        and len(shared) / len(union) >= TRADEOFF_MIN_JACCARD
    )


def _tradeoffs(
    accepts: Member, rejects: Member, data: Mapping[str, Mapping[str, Any]]
) -> Iterable[Conflict]:
    product_a = _part(_part(data[accepts.persona], "lenses"), "product")
    product_b = _part(_part(data[rejects.persona], "lenses"), "product")
    for taken in _items(product_a.get("tradeoffs_accepted")):
        for refused in _items(product_b.get("tradeoffs_rejected")):
            if same_tradeoff(taken, refused):
                yield Conflict(
                    kind="tradeoff",
                    title="A trade-off one accepts and the other rejects",
                    a=accepts.persona,
                    a_name=accepts.name,
                    a_said=(Said("lenses.product.tradeoffs_accepted", taken),),
                    b=rejects.persona,
                    b_name=rejects.name,
                    b_said=(Said("lenses.product.tradeoffs_rejected", refused),),
                    why=f"{accepts.name} will accept what {rejects.name} will not.",
                    suggestion=(
                        f"Do not sell this trade-off to the room as part of the package. Ask "
                        f"{rejects.name} which version they could live with, and offer it to "
                        f"{accepts.name} only as an option."
                    ),
                )
                return  # one per pair and direction is enough to start the conversation


__all__ = [
    "BLOCKING_ROLES",
    "HIGH_INFLUENCE",
    "CommitteeView",
    "Conflict",
    "Member",
    "Objection",
    "Said",
    "Seat",
    "SegmentInput",
    "build",
    "focus",
    "same_tradeoff",
    "segment_input",
    "themes",
]
