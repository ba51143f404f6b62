"""Evidence and freshness (families E and F): personas decay, and claims need sources.

Of companies that beat their goals, most had refreshed their personas within six months;
a persona with no evidence is a proto-persona, whatever its status says.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from persona_cli.domain import completeness
from persona_cli.domain.fields import FIELDS
from persona_cli.domain.model import DEFAULT_INTERVAL_DAYS, Quote, Status
from persona_cli.domain.result import Severity
from persona_cli.lint.rules.api import Hit, PersonaRule, RuleOptions, Target


class ValidatedWithoutEvidence(PersonaRule):
    """A persona marked `validated` lists no evidence.

    Validated means backed by research with real customers. Without evidence the persona is
    a draft built from guesses and anecdotes; add the interviews, surveys, win/loss or
    analytics behind it, or set `status: draft`.

    Failing:

        status: validated

    Passing:

        status: validated
        evidence:
          - id: interviews-2026-q3
            type: interview
            date: 2026-09-14
            summary: 12 CISOs on audit preparation
    """

    code = "E001"
    name = "validated-without-evidence"
    family = "evidence"
    severity = Severity.error

    def check(self, target: Target) -> Iterator[Hit]:
        if target.persona.status is Status.validated and not target.persona.evidence:
            yield Hit(
                ("status",),
                "status is validated but no evidence is listed; add the research behind it "
                "or set status: draft",
            )


_QUESTION = FIELDS["evidence"].question


class DraftWithoutEvidence(PersonaRule):
    """A persona that is not `validated` lists no evidence: it is a guess so far.

    A persona with no evidence is a proto-persona built from assumptions, whatever else it
    says; teams reading its briefings cannot tell which statements anyone checked. Add the
    interviews, surveys, win/loss, support tickets or analytics it rests on. Completeness
    counts evidence (group `evidence`, every kind), so a persona without any is never
    complete, and the overview briefing lists it among its gaps. Inherited evidence (through
    `extends`) counts. A `validated` persona without evidence is E001's (an error: its
    status says otherwise), not this rule's.

    Severity warning, as for every other field a persona needs: a warning does not fail
    lint by default (`fail-on = "error"`), and the finding is the honest state of a draft.
    A team that keeps proto-personas on purpose can grade it down
    (`[tool.persona.rules.E006] severity = "info"`) or ignore it for a folder
    (`per-file-ignores`).

    Failing:

        status: draft

    Passing:

        status: draft
        evidence:
          - id: interviews-2026-q3
            type: interview
            date: 2026-09-14
            summary: 12 CISOs on audit preparation
    """

    code = "E006"
    name = "draft-without-evidence"
    family = "evidence"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        if target.persona.status is Status.validated:
            return  # E001's
        if not completeness.filled(target.data.get("evidence")):
            yield Hit(
                ("evidence",),
                f"evidence is missing: {_QUESTION[0].lower()}{_QUESTION[1:]}",
                anchor="key",
            )


class EvidenceAgeOptions(RuleOptions):
    max_age_days: int = Field(365, ge=1, description="Oldest acceptable newest evidence.")


class EvidenceOutdated(PersonaRule):
    """The newest evidence is older than the limit (365 days by default).

    A refresh means new evidence from real customers, not a date bump. Option:
    `max-age-days`.

    Failing (today 2026-11-22):

        evidence:
          - {id: survey-2024, type: survey, date: 2024-05-01, summary: ...}

    Passing:

        evidence:
          - {id: survey-2024, type: survey, date: 2024-05-01, summary: ...}
          - {id: calls-2026, type: sales_call, date: 2026-10-02, summary: ...}
    """

    code = "E002"
    name = "evidence-outdated"
    family = "evidence"
    severity = Severity.warning
    Options = EvidenceAgeOptions

    def check(self, target: Target) -> Iterator[Hit]:
        assert isinstance(self.options, EvidenceAgeOptions)
        evidence = target.persona.evidence or []
        if not evidence:
            return
        newest = max(evidence, key=lambda item: item.date)
        age = (target.today - newest.date).days
        if age > self.options.max_age_days:
            index = evidence.index(newest)
            yield Hit(
                ("evidence", index, "date"),
                f"the newest evidence is {age} days old (limit {self.options.max_age_days}); "
                "gather new evidence from customers",
            )


class EvidenceTypeOptions(RuleOptions):
    min_types: int = Field(2, ge=1, description="Fewest distinct evidence types expected.")


class EvidenceOneType(PersonaRule):
    """All the evidence is of one type (for example only sales calls).

    One kind of source sees one side of the buyer: sales anecdotes miss the people who never
    talked to sales, analytics miss the why. Option: `min-types` (default 2).

    Failing:

        evidence:
          - {id: call-1, type: sales_call, date: 2026-09-01, summary: ...}
          - {id: call-2, type: sales_call, date: 2026-10-01, summary: ...}

    Passing:

        evidence:
          - {id: call-1, type: sales_call, date: 2026-09-01, summary: ...}
          - {id: interviews, type: interview, date: 2026-10-01, summary: ...}
    """

    code = "E003"
    name = "evidence-one-type"
    family = "evidence"
    severity = Severity.warning
    Options = EvidenceTypeOptions

    def check(self, target: Target) -> Iterator[Hit]:
        assert isinstance(self.options, EvidenceTypeOptions)
        evidence = target.persona.evidence or []
        types = sorted({item.type.value for item in evidence})
        if evidence and len(types) < self.options.min_types:
            yield Hit(
                ("evidence",),
                f"all {len(evidence)} evidence entries are of type {', '.join(types)}; "
                f"add at least {self.options.min_types} types (interviews, surveys, win/loss, "
                "analytics...)",
                anchor="key",
            )


class UnknownEvidenceRef(PersonaRule):
    """A quote names an evidence id that the persona does not list.

    Every claim should trace to its source; a dangling reference is usually a typo or
    evidence removed without updating the quotes.

    Failing:

        whole_person:
          quotes:
            - {text: "I sign nothing I cannot defend", evidence: interviews-2025}
        evidence:
          - {id: interviews-2026, type: interview, date: 2026-09-01, summary: ...}

    Passing: `evidence: interviews-2026` in the quote.
    """

    code = "E004"
    name = "unknown-evidence-ref"
    family = "evidence"
    severity = Severity.error

    def check(self, target: Target) -> Iterator[Hit]:
        known = {item.id for item in target.persona.evidence or []}
        whole = target.persona.whole_person
        for index, quote in enumerate((whole.quotes if whole else None) or []):
            if isinstance(quote, Quote) and quote.evidence and quote.evidence not in known:
                yield Hit(
                    ("whole_person", "quotes", index, "evidence"),
                    f"quote cites evidence '{quote.evidence}', which is not in evidence"
                    + (f" (known: {', '.join(sorted(known))})" if known else ""),
                )


class DuplicateEvidenceId(PersonaRule):
    """Two evidence entries share an id.

    Quotes cite evidence by id, so ids must be unique within a persona.

    Failing:

        evidence:
          - {id: interviews, type: interview, date: 2026-09-01, summary: ...}
          - {id: interviews, type: survey, date: 2026-10-01, summary: ...}

    Passing: `id: interviews-2026-09` and `id: survey-2026-10`.
    """

    code = "E005"
    name = "duplicate-evidence-id"
    family = "evidence"
    severity = Severity.error

    def check(self, target: Target) -> Iterator[Hit]:
        seen: dict[str, int] = {}
        for index, item in enumerate(target.persona.evidence or []):
            if item.id in seen:
                yield Hit(
                    ("evidence", index, "id"),
                    f"evidence id '{item.id}' is already used by evidence[{seen[item.id]}]",
                )
            seen.setdefault(item.id, index)


class MissingLastReviewed(PersonaRule):
    """`review.last_reviewed` is missing: nobody can tell when the persona was last checked.

    Record the date of the last refresh against new evidence.

    Failing:

        review:
          owners: [maria@example.com]

    Passing:

        review:
          owners: [maria@example.com]
          last_reviewed: 2026-11-02
    """

    code = "F001"
    name = "missing-last-reviewed"
    family = "freshness"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        review = target.persona.review
        if review is None or review.last_reviewed is None:
            yield Hit(
                ("review", "last_reviewed"),
                "review.last_reviewed is missing; record when the persona was last refreshed",
                anchor="key",
            )


class ReviewOverdue(PersonaRule):
    """The last review is older than `review.interval_days` (180 by default).

    Personas decay: buyers, markets and products move. Refresh it against new evidence
    (interviews, win/loss, support tickets), then update `last_reviewed`.

    Failing (today 2026-11-22):

        review:
          last_reviewed: 2026-03-01

    Passing:

        review:
          last_reviewed: 2026-10-15
    """

    code = "F002"
    name = "review-overdue"
    family = "freshness"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        review = target.persona.review
        if review is None or review.last_reviewed is None:
            return
        interval = review.interval_days or DEFAULT_INTERVAL_DAYS
        age = (target.today - review.last_reviewed).days
        if age > interval:
            yield Hit(
                ("review", "last_reviewed"),
                f"last reviewed {age} days ago, over the {interval}-day interval; refresh it "
                "against new evidence",
            )


class FutureDate(PersonaRule):
    """A review or evidence date is in the future.

    Usually a typo in the year or a date bumped ahead "to be safe"; either hides how old
    the persona really is.

    Failing (today 2026-11-22):

        review:
          last_reviewed: 2027-01-15

    Passing:

        review:
          last_reviewed: 2026-01-15
    """

    code = "F003"
    name = "future-date"
    family = "freshness"
    severity = Severity.error

    def check(self, target: Target) -> Iterator[Hit]:
        review = target.persona.review
        if review and review.last_reviewed and review.last_reviewed > target.today:
            yield Hit(
                ("review", "last_reviewed"),
                f"last_reviewed {review.last_reviewed} is in the future (today is {target.today})",
            )
        for index, item in enumerate(target.persona.evidence or []):
            if item.date > target.today:
                yield Hit(
                    ("evidence", index, "date"),
                    f"evidence '{item.id}' is dated {item.date}, in the future",
                )


class MissingOwner(PersonaRule):
    """The persona has no owner in `review.owners`.

    A persona nobody owns is a persona nobody refreshes.

    Failing:

        review:
          last_reviewed: 2026-11-02

    Passing:

        review:
          owners: ["@pmm-team"]
          last_reviewed: 2026-11-02
    """

    code = "F004"
    name = "missing-owner"
    family = "freshness"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        review = target.persona.review
        if review is None or not review.owners:
            yield Hit(
                ("review", "owners"),
                "no owner: add review.owners so someone keeps this persona fresh",
                anchor="key",
            )


RULES: tuple[type[PersonaRule], ...] = (
    ValidatedWithoutEvidence,
    DraftWithoutEvidence,
    EvidenceOutdated,
    EvidenceOneType,
    UnknownEvidenceRef,
    DuplicateEvidenceId,
    MissingLastReviewed,
    ReviewOverdue,
    FutureDate,
    MissingOwner,
)
