"""The persona model: one YAML file is one `Persona`.

Field names are the contract every other command relies on. Only `schema_version`, `id`,
`name` and `kind` are required: completeness (the emotional, risk and lens fields) is the
linter's job, so a draft persona still loads. Every field carries a description because the
descriptions become editor tooltips through the exported JSON Schema; each text comes from the
field table (`fields/`), which also holds the field's question, teams and lint rule.

Optional fields default to `None` (not `[]`) so that "missing" and "present but empty" stay
distinguishable for the lint rules.

Keys starting with `x-` (the OpenAPI extension convention) are allowed at the top level and in
every part, holding any YAML value: teams keep their own data (or what an import could not
place) beside the model without tripping the schema. They are kept on each part as
`extensions`, never validated and never read by a rule; every other unknown key stays an error.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StringConstraints,
    Tag,
    create_model,
    model_validator,
)

from persona_cli.domain.fields import description as described

# Defined apart (no Pydantic needed to order or label roles); part of the model's names.
from persona_cli.domain.roles import CommitteeRole as CommitteeRole  # noqa: PLC0414

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
SCHEMA_VERSION = 1
DEFAULT_INTERVAL_DAYS = 180

#: Keys of this form are extensions: allowed anywhere, any value, ignored by every rule.
EXTENSION_PREFIX = "x-"
EXTENSION_PATTERN = "^x-"
#: How the JSON Schema admits extension keys, so editors accept them in every object.
EXTENSION_SCHEMA: dict[str, Any] = {
    "patternProperties": {
        EXTENSION_PATTERN: {
            "description": "An extension key (x-...): any value, kept by fmt and review, "
            "shown by show, ignored by lint."
        }
    }
}

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
TextList = list[str]


def is_extension(key: object) -> bool:
    """Whether a mapping key is an extension key (`x-...`)."""
    return isinstance(key, str) and key.startswith(EXTENSION_PREFIX)


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

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_enum_values=False,
        json_schema_extra=EXTENSION_SCHEMA,
        defer_build=True,
    )

    _extensions: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_extensions(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        """Set `x-` keys aside before validation, so every other unknown key is still
        reported at its own location, and keep them on the validated part."""
        if not isinstance(data, dict) or not any(map(is_extension, data)):
            return handler(data)
        extensions = {key: value for key, value in data.items() if is_extension(key)}
        part = handler({key: value for key, value in data.items() if key not in extensions})
        part._extensions = extensions
        return part

    @property
    def extensions(self) -> Mapping[str, Any]:
        """This part's `x-` keys and their values, in file order (not its parts')."""
        return self._extensions


class Role(_Part):
    """The job: what the title says, before the whole person."""

    titles: TextList | None = Field(None, description=described("role.titles"))
    seniority: str | None = Field(None, description=described("role.seniority"))
    department: str | None = Field(None, description=described("role.department"))
    reports_to: str | None = Field(None, description=described("role.reports_to"))
    responsibilities: TextList | None = Field(None, description=described("role.responsibilities"))
    decisions_owned: TextList | None = Field(None, description=described("role.decisions_owned"))
    measured_by: TextList | None = Field(None, description=described("role.measured_by"))
    buying_roles: TextList | None = Field(None, description=described("role.buying_roles"))


class Company(_Part):
    """The organisation the persona works in, as the persona describes it."""

    type: str | None = Field(None, description=described("company.type"))
    size: str | None = Field(None, description=described("company.size"))
    industry: str | None = Field(None, description=described("company.industry"))


class Background(_Part):
    """Where the persona comes from: education and career history."""

    education: TextList | None = Field(None, description=described("background.education"))
    career: TextList | None = Field(None, description=described("background.career"))


class JobToBeDone(_Part):
    """A job story: when <situation>, I want <motivation>, so that <outcome>; a job statement
    without a trigger leaves `when` out."""

    when: str | None = Field(None, description=described("jobs_to_be_done.when"))
    want: str = Field(description=described("jobs_to_be_done.want"))
    so_that: str | None = Field(None, description=described("jobs_to_be_done.so_that"))


class Quote(_Part):
    """A verbatim quote tied to the evidence it came from."""

    text: str = Field(description=described("whole_person.quotes.text"))
    evidence: Slug | None = Field(None, description=described("whole_person.quotes.evidence"))


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

    motivations: TextList | None = Field(None, description=described("whole_person.motivations"))
    fears: TextList | None = Field(None, description=described("whole_person.fears"))
    career_ambitions: TextList | None = Field(
        None, description=described("whole_person.career_ambitions")
    )
    external_pressures: TextList | None = Field(
        None, description=described("whole_person.external_pressures")
    )
    trust: Trust | None = Field(None, description=described("whole_person.trust"))
    quotes: list[QuoteItem] | None = Field(None, description=described("whole_person.quotes"))
    traits: TextList | None = Field(None, description=described("whole_person.traits"))
    behaviours: TextList | None = Field(None, description=described("whole_person.behaviours"))


class Decision(_Part):
    """Risk and decision behaviour: how this persona buys, not what their title says."""

    risk_tolerance: RiskTolerance | None = Field(
        None, description=described("decision.risk_tolerance")
    )
    adoption_stage: AdoptionStage | None = Field(
        None, description=described("decision.adoption_stage")
    )
    awareness: Awareness | None = Field(None, description=described("decision.awareness"))
    committee_role: CommitteeRole | None = Field(
        None, description=described("decision.committee_role")
    )
    proof_required: TextList | None = Field(None, description=described("decision.proof_required"))
    decision_criteria: TextList | None = Field(
        None, description=described("decision.decision_criteria")
    )


class MarketingLens(_Part):
    """Marketing frames risk."""

    loss_feared: str | None = Field(None, description=described("lenses.marketing.loss_feared"))
    unspoken_objection: str | None = Field(
        None, description=described("lenses.marketing.unspoken_objection")
    )
    justification_language: TextList | None = Field(
        None, description=described("lenses.marketing.justification_language")
    )
    comparison_set: TextList | None = Field(
        None, description=described("lenses.marketing.comparison_set")
    )


class Objection(_Part):
    """An objection sales will hear, with the answer that resolves it."""

    objection: str = Field(description=described("lenses.sales.objections.objection"))
    response: str | None = Field(None, description=described("lenses.sales.objections.response"))


class SalesLens(_Part):
    """Sales resolves hesitation."""

    hesitation_triggers: TextList | None = Field(
        None, description=described("lenses.sales.hesitation_triggers")
    )
    authority_constraints: TextList | None = Field(
        None, description=described("lenses.sales.authority_constraints")
    )
    political_exposure: str | None = Field(
        None, description=described("lenses.sales.political_exposure")
    )
    regret_scenario: str | None = Field(None, description=described("lenses.sales.regret_scenario"))
    objections: list[Objection] | None = Field(
        None, description=described("lenses.sales.objections")
    )


class ProductLens(_Part):
    """Product reduces friction."""

    onboarding_risks: TextList | None = Field(
        None, description=described("lenses.product.onboarding_risks")
    )
    success_signals: TextList | None = Field(
        None, description=described("lenses.product.success_signals")
    )
    churn_triggers: TextList | None = Field(
        None, description=described("lenses.product.churn_triggers")
    )
    tradeoffs_accepted: TextList | None = Field(
        None, description=described("lenses.product.tradeoffs_accepted")
    )
    tradeoffs_rejected: TextList | None = Field(
        None, description=described("lenses.product.tradeoffs_rejected")
    )


class SupportLens(_Part):
    """Support detects expectation failure."""

    expectation_gaps: TextList | None = Field(
        None, description=described("lenses.support.expectation_gaps")
    )
    disappointment_language: TextList | None = Field(
        None, description=described("lenses.support.disappointment_language")
    )
    churn_signals: TextList | None = Field(
        None, description=described("lenses.support.churn_signals")
    )


class Lenses(_Part):
    """One behavioural model read through four team lenses."""

    marketing: MarketingLens | None = Field(None, description=described("lenses.marketing"))
    sales: SalesLens | None = Field(None, description=described("lenses.sales"))
    product: ProductLens | None = Field(None, description=described("lenses.product"))
    support: SupportLens | None = Field(None, description=described("lenses.support"))


class Internal(_Part):
    """For `kind: internal`: how to work with this colleague."""

    wants_to_know: WantsToKnow | None = Field(None, description=described("internal.wants_to_know"))
    collaboration_tips: TextList | None = Field(
        None, description=described("internal.collaboration_tips")
    )


class Channel(_Part):
    """One place the persona learns from, at the buying-journey stage the source names."""

    channel: str = Field(description=described("influences.channels.channel"))
    stage: str | None = Field(None, description=described("influences.channels.stage"))


class Influences(_Part):
    """Where the persona learns and whom they listen to."""

    channels: list[Channel] | None = Field(None, description=described("influences.channels"))
    trusted_sources: TextList | None = Field(
        None, description=described("influences.trusted_sources")
    )


class Messaging(_Part):
    """The vendor's advice for each team: strategy and messages, not the persona's traits."""

    general: TextList | None = Field(None, description=described("messaging.general"))
    marketing: TextList | None = Field(None, description=described("messaging.marketing"))
    sales: TextList | None = Field(None, description=described("messaging.sales"))
    product: TextList | None = Field(None, description=described("messaging.product"))
    support: TextList | None = Field(None, description=described("messaging.support"))


class Note(_Part):
    """Headed free text: what the persona says that no field holds."""

    heading: str = Field(description=described("notes.heading"))
    text: str = Field(description=described("notes.text"))


class Evidence(_Part):
    """A dated research source behind the persona."""

    id: Slug = Field(description=described("evidence.id"))
    type: EvidenceType = Field(description=described("evidence.type"))
    date: dt.date = Field(description=described("evidence.date"))
    summary: str = Field(description=described("evidence.summary"))
    sample_size: Annotated[int, Field(ge=1)] | None = Field(
        None, description=described("evidence.sample_size")
    )
    url: str | None = Field(None, description=described("evidence.url"))


class Review(_Part):
    """Ownership and freshness: who keeps this persona true, and when they last checked."""

    owners: Annotated[TextList, Field(min_length=1)] | None = Field(
        None, description=described("review.owners")
    )
    last_reviewed: dt.date | None = Field(None, description=described("review.last_reviewed"))
    interval_days: Annotated[int, Field(ge=1)] = Field(
        DEFAULT_INTERVAL_DAYS, description=described("review.interval_days")
    )


class Provenance(_Part):
    """Where an imported persona came from."""

    source: str = Field(description=described("provenance.source"))
    format: str | None = Field(None, description=described("provenance.format"))
    location: str | None = Field(None, description=described("provenance.location"))
    imported: dt.date | None = Field(None, description=described("provenance.imported"))


class Persona(_Part):
    """A persona: one archetype of buyer, user, colleague, or a real individual's profile."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Persona",
        json_schema_extra={
            "$comment": "Generated by `persona schema`; do not edit by hand.",
            **EXTENSION_SCHEMA,
        },
    )

    schema_version: Literal[1] = Field(description=described("schema_version"))
    id: Slug = Field(description=described("id"))
    name: str = Field(description=described("name"))
    kind: Kind = Field(description=described("kind"))
    status: Status = Field(Status.draft, description=described("status"))
    summary: str | None = Field(None, description=described("summary"))
    teams: list[Slug] | None = Field(None, description=described("teams"))
    extends: Slug | None = Field(None, description=described("extends"))
    add: PersonaAdditions | None = Field(None, description=described("add"))
    role: Role | None = Field(None, description=described("role"))
    segment: Slug | None = Field(None, description=described("segment"))
    company: Company | None = Field(None, description=described("company"))
    background: Background | None = Field(None, description=described("background"))
    tools: TextList | None = Field(None, description=described("tools"))
    goals: TextList | None = Field(None, description=described("goals"))
    pains: TextList | None = Field(None, description=described("pains"))
    jobs_to_be_done: list[JobToBeDone] | None = Field(
        None, description=described("jobs_to_be_done")
    )
    whole_person: WholePerson | None = Field(None, description=described("whole_person"))
    decision: Decision | None = Field(None, description=described("decision"))
    lenses: Lenses | None = Field(None, description=described("lenses"))
    internal: Internal | None = Field(None, description=described("internal"))
    influences: Influences | None = Field(None, description=described("influences"))
    messaging: Messaging | None = Field(None, description=described("messaging"))
    notes: list[Note] | None = Field(None, description=described("notes"))
    evidence: list[Evidence] | None = Field(None, description=described("evidence"))
    review: Review | None = Field(None, description=described("review"))
    provenance: Provenance | None = Field(None, description=described("provenance"))


class Additions(_Part):
    """Base of every `add` mapping: lists a child appends to what it inherits. Each subclass
    mirrors one part of the persona (its list fields, and its parts that hold lists), built
    from the model by `_additions` so the two cannot drift."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        json_schema_extra={
            "patternProperties": {
                EXTENSION_PATTERN: {
                    "type": "array",
                    "description": "An extension list (x-...): appended to the inherited one "
                    "of the same name (duplicates dropped).",
                }
            }
        },
    )

    @model_validator(mode="after")
    def _extensions_are_lists(self) -> Additions:
        for key, value in self.extensions.items():
            if not isinstance(value, list):
                raise ValueError(f"'{key}' must be a list: `add` appends lists only")
        return self


#: Parts a child never inherits, so `add` has nothing to append to there.
NOT_ADDABLE = frozenset({"add", "review", "provenance"})


def _list_annotation(annotation: Any) -> bool:
    """Whether a field holds a list (`list[X] | None`, `Annotated[list[X], ...] | None`)."""
    for argument in (annotation, *typing.get_args(annotation)):
        inner = (
            typing.get_args(argument)[0] if typing.get_origin(argument) is Annotated else argument
        )
        if typing.get_origin(inner) is list:
            return True
    return False


def _part_of(annotation: Any) -> type[_Part] | None:
    """The part model of a `Part | None` field, if it is one."""
    for argument in (annotation, *typing.get_args(annotation)):
        if isinstance(argument, type) and issubclass(argument, _Part):
            return argument
    return None


def _additions(model: type[_Part], prefix: str = "") -> type[Additions] | None:
    """The `add` model mirroring `model`: each list field (its type and constraints as the
    model has them), each part that holds a list; None when `model` has no list at all."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if not prefix and name in NOT_ADDABLE:
            continue
        what = f"`{path}`"
        if _list_annotation(info.annotation):
            told = f"Appended to the inherited {what} (duplicates dropped). {info.description}"
            fields[name] = (info.annotation, Field(None, description=told))
            continue
        part = _part_of(info.annotation)
        inner = _additions(part, f"{path}.") if part is not None else None
        if inner is not None:
            described_as = f"Lists appended to the inherited {what}. "
            fields[name] = (
                inner | None,
                Field(None, description=described_as + str(info.description)),
            )
    if not fields:
        return None
    created: type[Additions] = create_model(
        f"{model.__name__}Additions",
        __base__=Additions,
        __doc__=f"Lists appended to the inherited {prefix.rstrip('.') or 'persona'}.",
        __module__=__name__,
        **fields,
    )
    return created


if typing.TYPE_CHECKING:

    class PersonaAdditions(Additions):
        """The `add` mapping (its fields are made from the model at import)."""

else:
    PersonaAdditions = _additions(Persona)
    assert PersonaAdditions is not None
    Persona.model_rebuild()


def persona_json_schema() -> dict[str, Any]:
    """The JSON Schema for one persona file, as committed in `schemas/persona.schema.json`."""
    schema = Persona.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
