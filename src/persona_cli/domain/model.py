"""The persona model: one YAML file is one `Persona`.

Field names are the contract every other command relies on. Only `schema_version`, `id`,
`name` and `kind` are required: completeness (the emotional, risk and lens fields) is the
linter's job, so a draft persona still loads. Every field carries a description because the
descriptions become editor tooltips through the exported JSON Schema.

Optional fields default to `None` (not `[]`) so that "missing" and "present but empty" stay
distinguishable for the lint rules.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

# Defined apart (no Pydantic needed to order or label roles); part of the model's names.
from persona_cli.domain.roles import CommitteeRole as CommitteeRole  # noqa: PLC0414

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SCHEMA_VERSION = 1
DEFAULT_INTERVAL_DAYS = 180

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
TextList = list[str]


class Kind(StrEnum):
    buyer = "buyer"
    user = "user"
    internal = "internal"
    individual = "individual"


class Status(StrEnum):
    draft = "draft"
    validated = "validated"
    retired = "retired"


class Trust(StrEnum):
    needs_proof = "needs_proof"
    cautious = "cautious"
    open = "open"
    early_adopter = "early_adopter"


class RiskTolerance(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"


class AdoptionStage(StrEnum):
    innovator = "innovator"
    early_adopter = "early_adopter"
    early_majority = "early_majority"
    late_majority = "late_majority"
    laggard = "laggard"


class Awareness(StrEnum):
    unaware = "unaware"
    problem_aware = "problem_aware"
    solution_aware = "solution_aware"
    product_aware = "product_aware"
    most_aware = "most_aware"


class WantsToKnow(StrEnum):
    big_picture = "big_picture"
    tactics = "tactics"
    both = "both"


class EvidenceType(StrEnum):
    interview = "interview"
    survey = "survey"
    win_loss = "win_loss"
    crm = "crm"
    support_tickets = "support_tickets"
    analytics = "analytics"
    sales_call = "sales_call"
    secondary = "secondary"


class _Part(BaseModel):
    """Base for every object in a persona: unknown keys are errors, values are not coerced
    across types beyond pydantic's lax defaults (a number is never silently a string)."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Role(_Part):
    """The job: what the title says, before the whole person."""

    titles: TextList | None = Field(
        None, description="Job titles this persona goes by, e.g. 'CISO', 'Head of Security'."
    )
    seniority: str | None = Field(
        None,
        description="Seniority level, e.g. 'C-level', 'VP', 'manager', 'individual contributor'.",
    )
    department: str | None = Field(None, description="Department or function, e.g. 'Security'.")
    reports_to: str | None = Field(None, description="Who this persona reports to, e.g. 'CEO'.")
    responsibilities: TextList | None = Field(
        None, description="What this persona is accountable for day to day."
    )
    decisions_owned: TextList | None = Field(
        None, description="Decisions this persona makes or signs off alone."
    )
    measured_by: TextList | None = Field(
        None, description="The metrics this persona's performance is judged on."
    )


class JobToBeDone(_Part):
    """A job story: when <situation>, I want <motivation>, so that <outcome>."""

    when: str = Field(description="The situation that triggers the job.")
    want: str = Field(description="What the persona wants to do or have in that situation.")
    so_that: str | None = Field(None, description="The outcome the persona is after.")


class Quote(_Part):
    """A verbatim quote tied to the evidence it came from."""

    text: str = Field(description="The words as the person said them.")
    evidence: Slug | None = Field(
        None, description="The `id` of the evidence entry this quote comes from."
    )


def _quote_form(value: Any) -> str:
    return QUOTE_OBJECT if isinstance(value, dict | Quote) else QUOTE_TEXT


#: Union tags of a quote item; they appear in validation error locations and are stripped.
QUOTE_TEXT, QUOTE_OBJECT = "quote-text", "quote-object"
QuoteItem = Annotated[
    Annotated[str, Tag(QUOTE_TEXT)] | Annotated[Quote, Tag(QUOTE_OBJECT)],
    Discriminator(_quote_form),
]


class WholePerson(_Part):
    """The emotional fields: the person behind the title (career, fears, trust, pressures)."""

    motivations: TextList | None = Field(
        None, description="What drives this person personally, beyond the job description."
    )
    fears: TextList | None = Field(
        None, description="What this person is afraid of: for their career, team or reputation."
    )
    career_ambitions: TextList | None = Field(
        None, description="Where this person wants their career to go and what would help them."
    )
    external_pressures: TextList | None = Field(
        None,
        description="Pressures from outside the role: board, regulators, market, peers, family.",
    )
    trust: Trust | None = Field(
        None,
        description="How this person trusts vendors and new claims: needs_proof, cautious, "
        "open or early_adopter.",
    )
    quotes: list[QuoteItem] | None = Field(
        None,
        description="Verbatim quotes from research; a plain string or {text, evidence} "
        "naming the evidence id it came from.",
    )


class Decision(_Part):
    """Risk and decision behaviour: how this persona buys, not what their title says."""

    risk_tolerance: RiskTolerance | None = Field(
        None, description="Appetite for risk in a purchase decision: low, medium or high."
    )
    adoption_stage: AdoptionStage | None = Field(
        None,
        description="Where this persona sits on the adoption curve: innovator, early_adopter, "
        "early_majority, late_majority or laggard.",
    )
    awareness: Awareness | None = Field(
        None,
        description="Awareness level: unaware, problem_aware, solution_aware, product_aware "
        "or most_aware.",
    )
    committee_role: CommitteeRole | None = Field(
        None, description="The part this persona plays in a buying committee."
    )
    proof_required: TextList | None = Field(
        None,
        description="The proof this persona needs before saying yes (references, pilots, audits).",
    )
    decision_criteria: TextList | None = Field(
        None, description="The criteria this persona actually decides on, in their words."
    )


class MarketingLens(_Part):
    """Marketing frames risk."""

    loss_feared: str | None = Field(
        None, description="The loss this buyer fears most if the decision goes wrong."
    )
    unspoken_objection: str | None = Field(
        None, description="What they will think but not say aloud in the meeting."
    )
    justification_language: TextList | None = Field(
        None, description="The words they need to justify the decision to others."
    )
    comparison_set: TextList | None = Field(
        None,
        description="The alternatives they compare against, including 'do nothing'.",
    )


class Objection(_Part):
    """An objection sales will hear, with the answer that resolves it."""

    objection: str = Field(description="The objection as the buyer would phrase it.")
    response: str | None = Field(None, description="The answer that resolves it.")


class SalesLens(_Part):
    """Sales resolves hesitation."""

    hesitation_triggers: TextList | None = Field(
        None, description="What makes this persona hesitate mid-cycle."
    )
    authority_constraints: TextList | None = Field(
        None, description="Limits on their authority: who else must sign, spending limits."
    )
    political_exposure: str | None = Field(
        None, description="What this person risks politically inside the organisation."
    )
    regret_scenario: str | None = Field(
        None, description="What regret would look like for them if the decision fails."
    )
    objections: list[Objection] | None = Field(
        None, description="Objections with the responses that resolve them."
    )


class ProductLens(_Part):
    """Product reduces friction."""

    onboarding_risks: TextList | None = Field(
        None, description="What makes onboarding feel risky to this persona."
    )
    success_signals: TextList | None = Field(
        None, description="The signals that tell them 'this was the right decision'."
    )
    churn_triggers: TextList | None = Field(
        None, description="Early failures that would make them leave."
    )
    tradeoffs_accepted: TextList | None = Field(
        None, description="Trade-offs this persona tolerates."
    )
    tradeoffs_rejected: TextList | None = Field(
        None, description="Trade-offs this persona will not accept."
    )


class SupportLens(_Part):
    """Support detects expectation failure."""

    expectation_gaps: TextList | None = Field(
        None, description="Where what they expected and what they get tend to differ."
    )
    disappointment_language: TextList | None = Field(
        None, description="The words customers like this use when they are disappointed."
    )
    churn_signals: TextList | None = Field(
        None, description="Behaviours that signal this persona is about to churn."
    )


class Lenses(_Part):
    """One behavioural model read through four team lenses."""

    marketing: MarketingLens | None = Field(None, description="Marketing frames risk.")
    sales: SalesLens | None = Field(None, description="Sales resolves hesitation.")
    product: ProductLens | None = Field(None, description="Product reduces friction.")
    support: SupportLens | None = Field(None, description="Support detects expectation failure.")


class Internal(_Part):
    """For `kind: internal`: how to work with this colleague."""

    wants_to_know: WantsToKnow | None = Field(
        None, description="Whether they want the big_picture, the tactics, or both."
    )
    collaboration_tips: TextList | None = Field(
        None, description="How to work well with this colleague."
    )


class Evidence(_Part):
    """A dated research source behind the persona."""

    id: Slug = Field(description="Identifier of this evidence, unique within the persona.")
    type: EvidenceType = Field(
        description="Source type: interview, survey, win_loss, crm, support_tickets, analytics, "
        "sales_call or secondary."
    )
    date: dt.date = Field(description="When the evidence was gathered (YYYY-MM-DD).")
    summary: str = Field(description="What this evidence showed.")
    sample_size: Annotated[int, Field(ge=1)] | None = Field(
        None, description="How many people or records the evidence covers."
    )
    url: str | None = Field(None, description="Where the raw evidence lives.")


class Review(_Part):
    """Ownership and freshness: who keeps this persona true, and when they last checked."""

    owners: Annotated[TextList, Field(min_length=1)] | None = Field(
        None, description="Who owns this persona (names, emails or team handles); at least one."
    )
    last_reviewed: dt.date | None = Field(
        None,
        description="Date of the last refresh against new evidence (YYYY-MM-DD), not a date bump.",
    )
    interval_days: Annotated[int, Field(ge=1)] = Field(
        DEFAULT_INTERVAL_DAYS, description="Days after which the persona is stale (default 180)."
    )


class Persona(_Part):
    """A persona: one archetype of buyer, user, colleague, or a real individual's profile."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Persona",
        json_schema_extra={"$comment": "Generated by `persona schema`; do not edit by hand."},
    )

    schema_version: Literal[1] = Field(description="Version of this file format; always 1.")
    id: Slug = Field(description="Slug identifying the persona; must equal the file name's stem.")
    name: str = Field(description="Human name of the persona, e.g. 'Cautious Carla, CISO'.")
    kind: Kind = Field(description="buyer, user, internal or individual.")
    status: Status = Field(
        Status.draft,
        description="draft (no evidence yet), validated (backed by evidence) or retired.",
    )
    summary: str | None = Field(None, description="One or two sentences anyone can read.")
    extends: Slug | None = Field(
        None,
        description="Id of a parent persona this one extends (an individual's profile "
        "overrides what differs).",
    )
    role: Role | None = Field(None, description="The job: titles, seniority, responsibilities.")
    segment: Slug | None = Field(
        None, description="Id of the account segment this persona belongs to."
    )
    goals: TextList | None = Field(None, description="Professional goals.")
    pains: TextList | None = Field(None, description="Professional pains.")
    jobs_to_be_done: list[JobToBeDone] | None = Field(
        None, description="Job stories: when <situation>, want <motivation>, so that <outcome>."
    )
    whole_person: WholePerson | None = Field(
        None, description="The emotional fields: motivations, fears, ambitions, pressures, trust."
    )
    decision: Decision | None = Field(
        None, description="Risk and decision behaviour: risk tolerance, awareness, committee role."
    )
    lenses: Lenses | None = Field(
        None, description="What marketing, sales, product and support each need to know."
    )
    internal: Internal | None = Field(
        None, description="For internal personas: how they like to be informed and worked with."
    )
    evidence: list[Evidence] | None = Field(
        None, description="Dated research sources behind this persona."
    )
    review: Review | None = Field(
        None, description="Owners and freshness: last_reviewed and interval_days."
    )


def persona_json_schema() -> dict[str, Any]:
    """The JSON Schema for one persona file, as committed in `schemas/persona.schema.json`."""
    schema = Persona.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
