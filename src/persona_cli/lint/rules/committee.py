"""Rules over account segments and their buying committees (family C).

A complex B2B purchase is decided by six to ten people with different stakes, and each
segment file maps that committee onto personas. These rules need the whole set (every
segment and every persona), so they run once, after each file was read, over a
`CommitteeView`: the few facts the linter kept about each file, with positions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from pydantic import Field, model_validator

from persona_cli.domain.result import Severity
from persona_cli.domain.roles import CommitteeRole
from persona_cli.domain.segment import CommitteeMember
from persona_cli.lint.rules.api import RuleOptions, SetHit
from persona_cli.lint.rules.base import Rule

Position = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SegmentFacts:
    """What the committee rules need from one valid segment file."""

    display: str
    id: str
    seats: tuple[CommitteeMember, ...]
    #: Where each seat's `persona` value sits (one per seat, in order).
    seat_positions: tuple[Position, ...]
    #: The `committee` key, or the file's first key when there is no committee.
    committee_position: Position
    revenue_min: int | None = None
    employees_min: int | None = None


@dataclass(frozen=True, slots=True)
class PersonaFacts:
    """What the committee rules need from one persona file (valid or not)."""

    display: str
    id: str
    status: str | None
    segment: str | None
    segment_position: Position
    #: The `decision` section in a canonical text form, None when absent or empty.
    decision: str | None


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A file of the set that could not be read at all (its id is taken to be its stem, the
    name lint requires it to have)."""

    stem: str
    display: str


@dataclass(frozen=True, slots=True)
class CommitteeView:
    """Every segment and persona of the set."""

    segments: tuple[SegmentFacts, ...]
    personas: tuple[PersonaFacts, ...]
    #: Files that failed to load: a seat naming one is not a typo to correct.
    unreadable: tuple[Unreadable, ...] = ()


class CommitteeRule(Rule):
    """A rule run once over every segment and persona of the set."""

    family = "committee"
    Options: ClassVar[type[RuleOptions]] = RuleOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        raise NotImplementedError


class SizeOptions(RuleOptions):
    min: int = Field(6, ge=0, description="Fewest seats a buying committee should have.")
    max: int = Field(10, ge=1, description="Most seats before the committee is a crowd.")

    @model_validator(mode="after")
    def _ordered(self) -> SizeOptions:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not exceed max ({self.max})")
        return self


class CommitteeSize(CommitteeRule):
    """A segment's buying committee has fewer than 6 or more than 10 seats.

    A complex B2B purchase involves six to ten decision makers; a committee of three leaves
    out people who can stop the deal, and one of fifteen has stopped being a map. A segment
    without a `committee` counts as zero seats. Reported on the `committee` key. Options:
    `min`, `max`.

    Failing:

        committee:
          - {persona: cfo-mid-market, role: economic_buyer, influence: 5}
          - {persona: ciso-risk-averse, role: legal_security, influence: 4}

    Passing: six to ten entries under `committee`.
    """

    code = "C001"
    name = "committee-size"
    severity = Severity.warning
    Options = SizeOptions

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        assert isinstance(self.options, SizeOptions)
        low, high = self.options.min, self.options.max
        for segment in view.segments:
            count = len(segment.seats)
            if low <= count <= high:
                continue
            bound = f"fewer than {low}" if count < low else f"more than {high}"
            yield SetHit(
                segment.display,
                *segment.committee_position,
                f"the committee has {count} seat{'s' if count != 1 else ''}, {bound}; "
                f"B2B purchases are decided by {low} to {high} people, map each of them",
            )


class NoEconomicBuyer(CommitteeRule):
    """A segment's committee has no `economic_buyer`.

    Someone signs the budget. A committee map without them tells sales whom to convince but
    not who decides. Reported on the `committee` key.

    Failing: no entry with `role: economic_buyer`.

    Passing:

        committee:
          - {persona: cfo-mid-market, role: economic_buyer, influence: 5}
    """

    code = "C002"
    name = "no-economic-buyer"

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        for segment in view.segments:
            if segment.seats and not any(
                s.role == CommitteeRole.economic_buyer for s in segment.seats
            ):
                yield SetHit(
                    segment.display,
                    *segment.committee_position,
                    f"no seat has role {CommitteeRole.economic_buyer}; add the persona who "
                    "signs the budget",
                )


class RiskViewOptions(RuleOptions):
    revenue_min: int = Field(
        100,
        ge=0,
        description="Annual revenue (USD millions) from which a deal needs a risk view.",
    )
    employees_min: int = Field(
        500, ge=0, description="Employee count from which a deal needs a risk view."
    )


class NoRiskView(CommitteeRule):
    """A large-deal segment's committee has no one holding the risk view.

    Deals at bigger accounts go through security review, legal and procurement; a committee
    without a `legal_security` or `procurement` seat hides who can block the deal late.
    Deal size comes from the firmographics: the rule applies when the segment's smallest
    accounts reach `revenue-min` (the lower bound of `revenue_range`, USD millions, default
    100) or `employees-min` (the lower bound of `employee_range`, default 500). A segment
    without those bounds is not judged. Reported on the `committee` key. Options:
    `revenue-min`, `employees-min`.

    Failing:

        firmographics:
          employee_range: {min: 1000}
        committee:
          - {persona: cfo, role: economic_buyer, influence: 5}

    Passing: the same with `- {persona: ciso, role: legal_security, influence: 4}`.
    """

    code = "C003"
    name = "no-risk-view"
    Options = RiskViewOptions

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        assert isinstance(self.options, RiskViewOptions)
        for segment in view.segments:
            if not segment.seats:
                continue
            reasons = []
            if segment.revenue_min is not None and segment.revenue_min >= self.options.revenue_min:
                reasons.append(f"revenue from {segment.revenue_min}M USD")
            if (
                segment.employees_min is not None
                and segment.employees_min >= self.options.employees_min
            ):
                reasons.append(f"{segment.employees_min}+ employees")
            if not reasons or any(
                s.role in {CommitteeRole.legal_security, CommitteeRole.procurement}
                for s in segment.seats
            ):
                continue
            yield SetHit(
                segment.display,
                *segment.committee_position,
                f"accounts with {' and '.join(reasons)} run security, legal or procurement "
                f"reviews, but no seat has role {CommitteeRole.legal_security} or "
                f"{CommitteeRole.procurement}; add who can block the deal on risk",
            )


class UnknownMember(CommitteeRule):
    """A committee seat names a persona that does not exist, is retired, or cannot be read.

    The committee map is only as true as the personas behind it: a seat for a missing or
    retired persona sends sales to prepare for someone the research no longer describes.
    When the seat's persona file exists but could not be read (a YAML error, a special
    file), the seat says so and names the file, with no guess at another id.
    Nothing is reported when the linted files hold no persona at all (only `segments/` was
    passed, and the configured paths hold no personas). Reported on the seat's `persona`.

    Failing:

        committee:
          - {persona: cfo-mid-markt, role: economic_buyer, influence: 5}

    Passing:

        committee:
          - {persona: cfo-mid-market, role: economic_buyer, influence: 5}
    """

    code = "C004"
    name = "unknown-member"

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        import difflib

        if not view.personas and not view.unreadable:
            return
        by_id: dict[str, PersonaFacts] = {}
        for facts in sorted(view.personas, key=lambda p: p.display):
            by_id.setdefault(facts.id, facts)
        broken: dict[str, str] = {}
        for file in sorted(view.unreadable, key=lambda u: u.display):
            broken.setdefault(file.stem, file.display)
        for segment in view.segments:
            for seat, position in zip(segment.seats, segment.seat_positions, strict=True):
                persona = by_id.get(seat.persona)
                if persona is None and seat.persona in broken:
                    # Its file is there but failed to load: no near miss to suggest.
                    where = broken[seat.persona]
                    message = (
                        f"persona '{seat.persona}': its file {where} could not be read; "
                        f"fix it first (persona lint {where} says why)"
                    )
                elif persona is None:
                    close = difflib.get_close_matches(seat.persona, list(by_id), n=1, cutoff=0.6)
                    hint = (
                        f"did you mean '{close[0]}'?"
                        if close
                        else "check the id or add that persona"
                    )
                    message = f"no persona has id '{seat.persona}'; {hint}"
                elif persona.status == "retired":
                    message = (
                        f"persona '{seat.persona}' is retired ({persona.display}); "
                        "seat its successor or remove the seat"
                    )
                else:
                    continue
                yield SetHit(segment.display, *position, message)


class SameMindset(CommitteeRule):
    """Two seats share role and influence and their personas decide identically.

    Same title, different mindset: two personas in one committee earn their places by
    behaving differently (risk tolerance, adoption stage, awareness, proof required). Two
    seats with the same role and influence whose personas have identical `decision`
    sections are one persona written twice; the same persona seated twice is reported
    too. A persona that extends another is compared as merged with its parents, so a child
    that inherits its whole `decision` decides as its parent does. Reported on the later
    seat's `persona`.

    Failing: `ciso-a` and `ciso-b`, both `role: legal_security, influence: 4`, whose
    `decision` sections are the same.

    Passing: the same seats where one persona is `risk_tolerance: low, trust: needs_proof`
    and the other an early adopter.
    """

    code = "C005"
    name = "same-mindset"
    severity = Severity.warning

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        decisions: dict[str, str | None] = {}
        for persona in sorted(view.personas, key=lambda p: p.display):
            decisions.setdefault(persona.id, persona.decision)
        for segment in view.segments:
            positions = segment.seat_positions
            seen: dict[str, int] = {}
            for index, seat in enumerate(segment.seats):
                earlier = seen.setdefault(seat.persona, index)
                if earlier != index:
                    yield SetHit(
                        segment.display,
                        *positions[index],
                        f"persona '{seat.persona}' already has a seat (line "
                        f"{positions[earlier][0]}); one seat per persona",
                    )
                    continue
                decision = decisions.get(seat.persona)
                if decision is None:
                    continue
                for at, other in enumerate(segment.seats[:index]):
                    if (
                        other.persona != seat.persona
                        and (other.role, other.influence) == (seat.role, seat.influence)
                        and decisions.get(other.persona) == decision
                    ):
                        yield SetHit(
                            segment.display,
                            *positions[index],
                            f"'{seat.persona}' and '{other.persona}' (line "
                            f"{positions[at][0]}) are both {seat.role} with "
                            f"influence {seat.influence} and decide identically; tell their "
                            "decision sections apart or keep one seat",
                        )
                        break


class SegmentMismatch(CommitteeRule):
    """A persona's `segment` and the segment's committee disagree.

    Both directions: a persona says `segment: X` but X's committee has no seat for it (or
    no segment X exists), and a committee seats a persona whose `segment` names another
    segment. A persona without a `segment` may sit in any committee, and nothing is
    reported when the linted files hold no segment at all (segments not in use, or not
    passed to `persona lint`). A persona that extends another is judged as merged with its
    parents: an inherited `segment` is its own, reported on its `extends`. Reported on the
    persona's `segment` value or on the seat's `persona`.

    Failing: `ciso.yaml` says `segment: mid-market-fintech`, and `mid-market-fintech.yaml`
    has no seat with `persona: ciso`.

    Passing: the committee of `mid-market-fintech.yaml` has
    `- {persona: ciso, role: legal_security, influence: 4}`.
    """

    code = "C006"
    name = "segment-mismatch"

    def check_committees(self, view: CommitteeView) -> Iterator[SetHit]:
        import difflib

        if not view.segments:
            return
        segments: dict[str, SegmentFacts] = {}
        for segment in sorted(view.segments, key=lambda s: s.display):
            segments.setdefault(segment.id, segment)
        by_id: dict[str, PersonaFacts] = {}
        for persona in sorted(view.personas, key=lambda p: p.display):
            by_id.setdefault(persona.id, persona)
        for persona in view.personas:
            if persona.segment is None or persona.status == "retired":
                continue
            home = segments.get(persona.segment)
            if home is None:
                close = difflib.get_close_matches(persona.segment, list(segments), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "check the segment id"
                yield SetHit(
                    persona.display,
                    *persona.segment_position,
                    f"no segment has id '{persona.segment}'; {hint}",
                )
            elif not any(seat.persona == persona.id for seat in home.seats):
                yield SetHit(
                    persona.display,
                    *persona.segment_position,
                    f"segment '{persona.segment}' has no committee seat for '{persona.id}' "
                    f"({home.display}); add a seat there or change this segment",
                )
        for segment in view.segments:
            for seat, position in zip(segment.seats, segment.seat_positions, strict=True):
                member = by_id.get(seat.persona)
                if member is None or member.segment is None or member.segment == segment.id:
                    continue
                yield SetHit(
                    segment.display,
                    *position,
                    f"persona '{seat.persona}' says segment '{member.segment}' "
                    f"({member.display}), not '{segment.id}'; fix one of the two",
                )


RULES: tuple[type[CommitteeRule], ...] = (
    CommitteeSize,
    NoEconomicBuyer,
    NoRiskView,
    UnknownMember,
    SameMindset,
    SegmentMismatch,
)
