"""Missing whole-person, decision and lens fields (families W, R, L, N).

Each rule checks one field so that teams can select, ignore or re-grade them one by one;
the field tables live in `completeness.py`, shared with the completeness score.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field, field_validator

from persona_cli.domain import completeness
from persona_cli.domain.result import Severity
from persona_cli.domain.roles import CommitteeRole
from persona_cli.lint.rules.api import (
    BUYING_KINDS,
    EXTERNAL_KINDS,
    Hit,
    PersonaRule,
    RuleOptions,
    Target,
)


class MissingFieldRule(PersonaRule):
    """Base: report `field` when it is missing, null, blank or an empty list."""

    field: ClassVar[tuple[str, ...]]
    question: ClassVar[str]
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        if not completeness.filled(completeness.get(target.data, self.field)):
            dotted = ".".join(self.field)
            yield Hit(self.field, f"{dotted} is missing: {self.question}", anchor="key")


def _doc(field: str, why: str, failing: str, passing: str) -> str:
    return f"""{field} is missing or empty.

{why}

Failing:

{failing}

Passing:

{passing}
"""


class MissingMotivations(MissingFieldRule):
    __doc__ = _doc(
        "whole_person.motivations",
        "Emotion drives most decisions. Without what drives the person (recognition, safety, "
        "a promotion), the persona is a job description.",
        "    whole_person:\n      fears: [being blamed for a breach]",
        "    whole_person:\n      motivations: [being seen by the board as the adult in the "
        "room]\n      fears: [being blamed for a breach]",
    )
    code = "W001"
    name = "missing-motivations"
    family = "whole-person"
    field = ("whole_person", "motivations")
    question = "what drives this person personally, beyond the job description?"


class MissingFears(MissingFieldRule):
    __doc__ = _doc(
        "whole_person.fears",
        "Fears shape how people buy far more than feature lists: the loss they dread is what "
        "marketing must frame and sales must defuse.",
        "    whole_person:\n      motivations: [recognition]",
        "    whole_person:\n      motivations: [recognition]\n      fears: [owning a failed "
        "rollout in front of the CFO]",
    )
    code = "W002"
    name = "missing-fears"
    family = "whole-person"
    field = ("whole_person", "fears")
    question = "what are they afraid of for their career, team or reputation?"


class MissingCareerAmbitions(MissingFieldRule):
    __doc__ = _doc(
        "whole_person.career_ambitions",
        "People buy what moves their career; a purchase that makes the buyer look good "
        "moves faster.",
        "    whole_person: {}",
        "    whole_person:\n      career_ambitions: [move from VP to a first CTO role]",
    )
    code = "W003"
    name = "missing-career-ambitions"
    family = "whole-person"
    field = ("whole_person", "career_ambitions")
    question = "where do they want their career to go?"


class MissingExternalPressures(MissingFieldRule):
    __doc__ = _doc(
        "whole_person.external_pressures",
        "Boards, regulators, markets and peers push on people from outside the role; these "
        "pressures explain urgency and timing.",
        "    whole_person: {}",
        "    whole_person:\n      external_pressures: [a regulator's audit due in Q3]",
    )
    code = "W004"
    name = "missing-external-pressures"
    family = "whole-person"
    field = ("whole_person", "external_pressures")
    question = "what pushes on them from outside the role (board, regulators, market)?"


class MissingTrust(MissingFieldRule):
    __doc__ = _doc(
        "whole_person.trust",
        "A persona that needs overwhelming proof and one that tries anything new are "
        "different personas even with the same title.",
        "    whole_person: {}",
        "    whole_person:\n      trust: needs_proof",
    )
    code = "W005"
    name = "missing-trust"
    family = "whole-person"
    field = ("whole_person", "trust")
    question = "how do they trust vendors: needs_proof, cautious, open or early_adopter?"


_PUNCTUATION = re.compile(r"[^\w\s]")


def _normalise(text: str) -> str:
    return " ".join(_PUNCTUATION.sub("", text.casefold()).split())


class RestatedProfessional(PersonaRule):
    """A fear or motivation repeats a professional goal or pain word for word.

    Whole-person fields are there to capture what the job description does not: copying
    "reduce audit findings" from `goals` into `motivations` leaves the persona
    one-dimensional. Ask what the goal means to the person (recognition, safety, a
    promotion) and write that instead.

    Failing:

        goals: [reduce audit findings]
        whole_person:
          motivations: [Reduce audit findings.]

    Passing:

        goals: [reduce audit findings]
        whole_person:
          motivations: [being trusted by the board to run security without oversight]
    """

    code = "W006"
    name = "restated-professional"
    family = "whole-person"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        professional: dict[str, str] = {}
        for source in ("goals", "pains"):
            for item in target.data.get(source) or []:
                if isinstance(item, str) and item.strip():
                    professional.setdefault(_normalise(item), source)
        whole = target.data.get("whole_person") or {}
        for field in ("fears", "motivations"):
            for index, item in enumerate(whole.get(field) or []):
                origin = professional.get(_normalise(item)) if isinstance(item, str) else None
                if origin:
                    yield Hit(
                        ("whole_person", field, index),
                        f"whole_person.{field}[{index}] repeats an entry of {origin}; "
                        f"say what it means to the person, not the job",
                    )


def _decision_rule(
    code: str, field: str, why: str, example: str, kinds: frozenset[str], question: str
) -> type[MissingFieldRule]:
    name = f"missing-{field.replace('_', '-')}"
    doc = _doc(
        f"decision.{field}",
        why,
        "    decision: {}",
        f"    decision:\n      {field}: {example}",
    )
    return type(
        f"Missing{field.title().replace('_', '')}",
        (MissingFieldRule,),
        {
            "__doc__": doc,
            "__module__": __name__,
            "code": code,
            "name": name,
            "family": "risk",
            "field": ("decision", field),
            "question": question,
            "kinds": kinds,
        },
    )


DECISION_RULES: tuple[type[MissingFieldRule], ...] = (
    _decision_rule(
        "R001",
        "risk_tolerance",
        "Risk appetite separates the CISO who needs overwhelming proof from the trailblazer "
        "with the same title.",
        "low",
        EXTERNAL_KINDS,
        "how much risk will they take: low, medium or high?",
    ),
    _decision_rule(
        "R002",
        "adoption_stage",
        "Early adopters and laggards need different proof, pace and references.",
        "early_majority",
        EXTERNAL_KINDS,
        "innovator, early_adopter, early_majority, late_majority or laggard?",
    ),
    _decision_rule(
        "R003",
        "awareness",
        "Awareness level decides the message: an unaware buyer needs the problem named, a "
        "product-aware one needs proof against alternatives.",
        "solution_aware",
        EXTERNAL_KINDS,
        "unaware, problem_aware, solution_aware, product_aware or most_aware?",
    ),
    _decision_rule(
        "R004",
        "committee_role",
        "A B2B purchase involves six to ten decision makers; sales needs to know which seat "
        "this persona holds.",
        CommitteeRole.economic_buyer.value,
        BUYING_KINDS,
        "which seat do they hold in the buying committee?",
    ),
    _decision_rule(
        "R005",
        "proof_required",
        "Buyers finish most of the purchase before talking to a vendor; the proof they need "
        "has to be ready before they ask.",
        "[two references in regulated fintech, a SOC 2 report]",
        EXTERNAL_KINDS,
        "what proof do they need before they say yes?",
    ),
)

_LENS_QUESTIONS: dict[str, str] = {
    "loss_feared": "what loss do they fear most if the decision goes wrong?",
    "unspoken_objection": "what will they think but not say in the meeting?",
    "hesitation_triggers": "what makes them hesitate mid-cycle?",
    "authority_constraints": "who else must sign, and what are their limits?",
    "political_exposure": "what do they risk politically inside the organisation?",
    "regret_scenario": "what would regret look like if the decision fails?",
    "onboarding_risks": "what makes onboarding feel risky to them?",
    "churn_triggers": "which early failures would make them leave?",
    "churn_signals": "which behaviours show they are about to churn?",
}
_LENS_EXAMPLES: dict[str, str] = {
    "loss_feared": "being the executive named in the breach report",
    "unspoken_objection": "my team cannot absorb another tool this year",
    "hesitation_triggers": "[a reference call that goes badly]",
    "authority_constraints": "[spend over 50k needs the CFO]",
    "political_exposure": "championed the last tool that failed",
    "regret_scenario": "a failed audit traced to the new tool",
    "onboarding_risks": "[migration breaks existing evidence links]",
    "churn_triggers": "[the first audit export is rejected]",
    "churn_signals": "[stops logging in after the pilot]",
}


class MissingLensField(MissingFieldRule):
    """Base for lens risk fields: when the whole lens is missing, L001 reports it once."""

    def check(self, target: Target) -> Iterator[Hit]:
        if completeness.filled(completeness.get(target.data, self.field[:2])):
            yield from super().check(target)


def _lens_rule(code: str, team: str, field: str) -> type[MissingFieldRule]:
    kinds = frozenset(k for k, teams in completeness.TEAMS_BY_KIND.items() if team in teams)
    doc = _doc(
        f"lenses.{team}.{field}",
        f"A risk field of the {team} lens. Kinds that must fill it: "
        f"{', '.join(sorted(kinds))}. When the whole lens is missing, L001 reports that "
        "once instead.",
        f"    lenses:\n      {team}: {{}}",
        f"    lenses:\n      {team}:\n        {field}: {_LENS_EXAMPLES[field]}",
    )
    return type(
        f"Missing{field.title().replace('_', '')}",
        (MissingLensField,),
        {
            "__doc__": doc,
            "__module__": __name__,
            "code": code,
            "name": f"missing-{field.replace('_', '-')}",
            "family": "risk",
            "field": ("lenses", team, field),
            "question": _LENS_QUESTIONS[field],
            "kinds": kinds,
        },
    )


LENS_RISK_RULES: tuple[type[MissingFieldRule], ...] = tuple(
    _lens_rule(f"R{11 + index:03d}", team, field)
    for index, (team, field) in enumerate(
        (team, field) for team, fields in completeness.LENS_RISK.items() for field in fields
    )
)


DEFAULT_MIN_FIELDS: dict[str, int] = {"marketing": 3, "sales": 3, "product": 3, "support": 2}


class LensOptions(RuleOptions):
    min_fields: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_MIN_FIELDS),
        description="Fewest filled fields for each team's lens to count as usable; teams "
        "not listed keep their default.",
    )

    @field_validator("min_fields")
    @classmethod
    def _known_teams(cls, value: dict[str, int]) -> dict[str, int]:
        # A typo ("salse") would otherwise silently leave that lens at its default.
        unknown = sorted(set(value) - set(completeness.LENSES))
        if unknown:
            raise ValueError(
                f"unknown team {', '.join(repr(t) for t in unknown)}; "
                f"lens teams are {', '.join(completeness.LENSES)}"
            )
        return value


class LensMissing(PersonaRule):
    """A team lens the persona's kind needs is missing entirely.

    Marketing, sales, product and support each read the persona through their own lens;
    a persona that cannot fill a lens is not yet usable by that team. Buyers and individual
    profiles need all four lenses; users need marketing, product and support; internal
    personas need none.

    Failing (kind: buyer):

        lenses:
          marketing: {loss_feared: ..., unspoken_objection: ...}

    Passing:

        lenses:
          marketing: {...}
          sales: {...}
          product: {...}
          support: {...}
    """

    code = "L001"
    name = "lens-missing"
    family = "lenses"
    severity = Severity.warning
    kinds = EXTERNAL_KINDS

    def check(self, target: Target) -> Iterator[Hit]:
        for team in completeness.TEAMS_BY_KIND[target.persona.kind.value]:
            if not completeness.filled(completeness.get(target.data, ("lenses", team))):
                yield Hit(
                    ("lenses", team),
                    f"the {team} lens is missing: this persona is not yet usable by {team}",
                    anchor="key",
                )


class LensThin(PersonaRule):
    """A team lens has fewer filled fields than the configured minimum.

    A lens with one field gives a team a sentence, not a briefing. The minimum per team is
    the option `min-fields` (defaults: marketing 3, sales 3, product 3, support 2); teams it
    does not list keep their default.

    Failing:

        lenses:
          sales:
            hesitation_triggers: [budget freeze]

    Passing:

        lenses:
          sales:
            hesitation_triggers: [budget freeze]
            authority_constraints: [CFO signs above 50k]
            regret_scenario: a failed audit traced to the tool
    """

    code = "L002"
    name = "lens-thin"
    family = "lenses"
    severity = Severity.warning
    kinds = EXTERNAL_KINDS
    Options = LensOptions

    def check(self, target: Target) -> Iterator[Hit]:
        assert isinstance(self.options, LensOptions)
        for team in completeness.TEAMS_BY_KIND[target.persona.kind.value]:
            lens = completeness.get(target.data, ("lenses", team))
            if not completeness.filled(lens):
                continue  # L001's finding
            count = sum(
                completeness.filled(completeness.get(target.data, field))
                for field in completeness.lens_fields(team)
            )
            minimum = self.options.min_fields.get(team, DEFAULT_MIN_FIELDS[team])
            if count < minimum:
                yield Hit(
                    ("lenses", team),
                    f"the {team} lens has {count} of {len(completeness.LENSES[team])} fields "
                    f"filled (minimum {minimum}); {team} cannot rely on it yet",
                    anchor="key",
                )


class InternalWantsToKnow(MissingFieldRule):
    __doc__ = _doc(
        "internal.wants_to_know",
        "Internal personas are colleagues: whether they want the big picture or the tactics "
        "decides how every update to them is written. Applies to kind: internal.",
        "    kind: internal\n    internal: {}",
        "    kind: internal\n    internal:\n      wants_to_know: big_picture",
    )
    code = "N001"
    name = "missing-wants-to-know"
    family = "internal"
    field = ("internal", "wants_to_know")
    question = "do they want the big_picture, the tactics, or both?"
    kinds = frozenset({"internal"})


class InternalCollaborationTips(MissingFieldRule):
    __doc__ = _doc(
        "internal.collaboration_tips",
        "How to work well with this colleague: cadence, channel, what to bring to them. "
        "Applies to kind: internal.",
        "    kind: internal\n    internal:\n      wants_to_know: tactics",
        "    kind: internal\n    internal:\n      wants_to_know: tactics\n"
        "      collaboration_tips: [bring a one-page brief, not a deck]",
    )
    code = "N002"
    name = "missing-collaboration-tips"
    family = "internal"
    field = ("internal", "collaboration_tips")
    question = "how do colleagues work well with them?"
    kinds = frozenset({"internal"})


RULES: tuple[type[PersonaRule], ...] = (
    MissingMotivations,
    MissingFears,
    MissingCareerAmbitions,
    MissingExternalPressures,
    MissingTrust,
    RestatedProfessional,
    *DECISION_RULES,
    *LENS_RISK_RULES,
    LensMissing,
    LensThin,
    InternalWantsToKnow,
    InternalCollaborationTips,
)
