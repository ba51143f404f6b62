"""The field table: one row per persona field, the single place a field is described.

Everything else that speaks about a field reads it from here: the model's `Field(description=)`
(the JSON Schema tooltips), the question `persona new` writes above the field, the missing-field
lint rules and their messages, the completeness score, the gaps box of each team's briefing,
the labels briefings print for its values, and the README's field table. Adding a field is the
model attribute, a row here, and a template line if a team should read it.

Why the table is shaped this way:

- Completeness, lint and the briefings must agree by construction, so a row says once which
  kinds of persona are judged on it (`counted_for`), which rule reports it missing (`rule`),
  and which briefings read it (`teams`). A counted field always has a rule for exactly the
  kinds it is counted for (checked at import), so lint's missing-field findings, the score and
  every briefing's gaps are the same set seen from three places.
- Rows are in the model's order; completeness groups and gap boxes list fields in this order.
- This module imports nothing from the package but the committee roles: the model imports it
  for descriptions, so it must not import the model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from persona_cli.domain.roles import CommitteeRole

#: Dotted paths split into keys, as completeness and the rules address data.
FieldPath = tuple[str, ...]

#: The briefings that read persona fields: the overview (also used by custom teams) and the
#: four lens teams.
OVERVIEW = "overview"
LENS_TEAMS: tuple[str, ...] = ("marketing", "sales", "product", "support")

ALL_KINDS = frozenset({"buyer", "user", "internal", "individual"})
#: Personas outside the company: buyers, users and profiles of real individuals.
EXTERNAL_KINDS = frozenset({"buyer", "user", "individual"})
#: Those who sign or shape a purchase; a user is not the one who signs.
BUYING_KINDS = frozenset({"buyer", "individual"})
INTERNAL_KINDS = frozenset({"internal"})

#: The kinds each lens team briefs. A colleague (internal) is not sold to; a user is not the
#: one who signs, so the sales lens is not expected of users.
LENS_KINDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "marketing": EXTERNAL_KINDS,
        "sales": BUYING_KINDS,
        "product": EXTERNAL_KINDS,
        "support": EXTERNAL_KINDS,
    }
)

#: Completeness groups in the order scores list their parts.
GROUPS: tuple[str, ...] = ("emotional", "risk", *LENS_TEAMS, "internal")


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldRow:
    """One persona field."""

    #: Dotted path in the model; items of a list of objects use the list's path
    #: (`evidence.date`).
    path: str
    #: The editor tooltip (JSON Schema description): what the field holds.
    description: str
    #: The one question a strategist answers in it (written by `persona new`, asked by lint).
    question: str
    #: Briefings that read it: `overview` and/or lens teams.
    teams: frozenset[str] = frozenset()
    #: Persona kinds whose completeness counts it (and whose lint reports it missing).
    counted_for: frozenset[str] = frozenset()
    #: Completeness groups it counts in (`emotional`, `risk`, a lens team, `internal`).
    groups: tuple[str, ...] = ()
    #: The lint rule code reported when it is missing (counted fields only).
    rule: str | None = None
    #: Why the field matters: the missing-field rule's documentation.
    why: str = ""
    #: A filled value as YAML, for the rule's passing example.
    example: str = ""
    #: How briefings print its values, where the raw value reads badly (`needs_proof`).
    value_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def keys(self) -> FieldPath:
        return tuple(self.path.split("."))

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def label(self) -> str:
        """The field in a briefing's gaps box: its description's first clause, lower-cased
        unless it starts with an acronym, without the closing full stop."""
        text = self.description.split(";")[0].rstrip(".")
        return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _row(
    path: str,
    description: str,
    question: str,
    *,
    teams: tuple[str, ...] = (),
    **counted: object,
) -> FieldRow:
    return FieldRow(
        path=path,
        description=description,
        question=question,
        teams=frozenset(teams),
        **counted,  # type: ignore[arg-type]
    )


def _counted(
    rule: str,
    kinds: frozenset[str],
    groups: tuple[str, ...],
    why: str,
    example: str,
) -> dict[str, object]:
    return {"rule": rule, "counted_for": kinds, "groups": groups, "why": why, "example": example}


def _lens(team: str, rule: str, why: str, example: str, *, risk: bool) -> dict[str, object]:
    groups = ("risk", team) if risk else (team,)
    return _counted(rule, LENS_KINDS[team], groups, why, example)


_ROWS: tuple[FieldRow, ...] = (
    # Identity and lifecycle.
    _row(
        "schema_version",
        "Version of this file format; always 1.",
        "Which version of the file format is this? Always 1.",
    ),
    _row(
        "id",
        "Slug identifying the persona; must equal the file name's stem.",
        "What short slug names this persona? It must equal the file name.",
    ),
    _row(
        "name",
        "Human name of the persona, e.g. 'Cautious Carla, CISO'.",
        "What do people call this persona in meetings, e.g. 'Cautious Carla, CISO'?",
    ),
    _row(
        "kind",
        "buyer, user, internal or individual.",
        "Is this a buyer, a user, a colleague (internal) or one real person (individual)?",
    ),
    _row(
        "status",
        "draft (no evidence yet), validated (backed by evidence) or retired.",
        "Is it a draft, validated by evidence, or retired?",
    ),
    _row(
        "summary",
        "One or two sentences anyone can read.",
        "Who is this, in one or two sentences anyone in the company can read?",
    ),
    _row(
        "extends",
        "Id of a parent persona this one extends (an individual's profile overrides what differs).",
        "Which persona is this person an instance of (its id)?",
    ),
    # The job.
    _row(
        "role",
        "The job: titles, seniority, responsibilities.",
        "What is the job, before the person?",
    ),
    _row(
        "role.titles",
        "Job titles this persona goes by, e.g. 'CISO', 'Head of Security'.",
        "Which job titles does this persona go by?",
    ),
    _row(
        "role.seniority",
        "Seniority level, e.g. 'C-level', 'VP', 'manager', 'individual contributor'.",
        "How senior are they: C-level, VP, manager, individual contributor?",
    ),
    _row(
        "role.department",
        "Department or function, e.g. 'Security'.",
        "Which department or function do they work in?",
    ),
    _row(
        "role.reports_to",
        "Who this persona reports to, e.g. 'CEO'.",
        "Who do they report to?",
    ),
    _row(
        "role.responsibilities",
        "What this persona is accountable for day to day.",
        "What are they accountable for day to day?",
    ),
    _row(
        "role.decisions_owned",
        "Decisions this persona makes or signs off alone.",
        "Which decisions can they make or sign off alone?",
    ),
    _row(
        "role.measured_by",
        "The metrics this persona's performance is judged on.",
        "Which numbers is their performance judged on?",
    ),
    _row(
        "segment",
        "Id of the account segment this persona belongs to.",
        "Which account segment does this persona belong to (the segment's id)?",
    ),
    _row("goals", "Professional goals.", "What are they trying to achieve at work this year?"),
    _row("pains", "Professional pains.", "What gets in their way at work today?"),
    _row(
        "jobs_to_be_done",
        "Job stories: when <situation>, want <motivation>, so that <outcome>.",
        "When does the need come up, what do they want then, and why?",
    ),
    _row(
        "jobs_to_be_done.when",
        "The situation that triggers the job.",
        "In what situation does the job come up?",
    ),
    _row(
        "jobs_to_be_done.want",
        "What the persona wants to do or have in that situation.",
        "What do they want to do or have in that situation?",
    ),
    _row(
        "jobs_to_be_done.so_that",
        "The outcome the persona is after.",
        "What outcome are they after?",
    ),
    # The whole person: counted for every kind, colleagues included.
    _row(
        "whole_person",
        "The emotional fields: motivations, fears, ambitions, pressures, trust.",
        "Who is the person behind the title?",
    ),
    _row(
        "whole_person.motivations",
        "What drives this person personally, beyond the job description.",
        "What drives them personally, beyond the job description?",
        teams=(OVERVIEW,),
        **_counted(
            "W001",
            ALL_KINDS,
            ("emotional",),
            "Emotion drives most decisions. Without what drives the person (recognition, "
            "safety, a promotion), the persona is a job description.",
            "[being seen by the board as the adult in the room]",
        ),
    ),
    _row(
        "whole_person.fears",
        "What this person is afraid of: for their career, team or reputation.",
        "What are they afraid of, for their career, team or reputation?",
        teams=(OVERVIEW,),
        **_counted(
            "W002",
            ALL_KINDS,
            ("emotional",),
            "Fears shape how people buy far more than feature lists: the loss they dread is "
            "what marketing must frame and sales must defuse.",
            "[owning a failed rollout in front of the CFO]",
        ),
    ),
    _row(
        "whole_person.career_ambitions",
        "Where this person wants their career to go and what would help them.",
        "Where do they want their career to go next?",
        teams=(OVERVIEW,),
        **_counted(
            "W003",
            ALL_KINDS,
            ("emotional",),
            "People buy what moves their career; a purchase that makes the buyer look good "
            "moves faster.",
            "[move from VP to a first CTO role]",
        ),
    ),
    _row(
        "whole_person.external_pressures",
        "Pressures from outside the role: board, regulators, market, peers, family.",
        "Who presses on them from outside the role: board, regulators, market, peers, family?",
        teams=(OVERVIEW,),
        **_counted(
            "W004",
            ALL_KINDS,
            ("emotional",),
            "Boards, regulators, markets and peers push on people from outside the role; "
            "these pressures explain urgency and timing.",
            "[a regulator's audit due in Q3]",
        ),
    ),
    _row(
        "whole_person.trust",
        "How this person trusts vendors and new claims: needs_proof, cautious, open or "
        "early_adopter.",
        "How much proof do they need before they trust a vendor's claims?",
        teams=(OVERVIEW, "marketing"),
        value_labels=MappingProxyType(
            {
                "needs_proof": "needs proof before trusting a vendor",
                "cautious": "cautious",
                "open": "open to new vendors",
                "early_adopter": "early adopter",
            }
        ),
        **_counted(
            "W005",
            ALL_KINDS,
            ("emotional",),
            "A persona that needs overwhelming proof and one that tries anything new are "
            "different personas even with the same title.",
            "needs_proof",
        ),
    ),
    _row(
        "whole_person.quotes",
        "Verbatim quotes from research; a plain string or {text, evidence} naming the "
        "evidence id it came from.",
        "What have they said, word for word, in your research?",
    ),
    _row(
        "whole_person.quotes.text",
        "The words as the person said them.",
        "What exactly did they say?",
    ),
    _row(
        "whole_person.quotes.evidence",
        "The `id` of the evidence entry this quote comes from.",
        "Which evidence entry (its id) is the quote from?",
    ),
    # How they decide: risk fields for the kinds outside the company.
    _row(
        "decision",
        "Risk and decision behaviour: risk tolerance, awareness, committee role.",
        "How do they decide, whatever their title says?",
    ),
    _row(
        "decision.risk_tolerance",
        "Appetite for risk in a purchase decision: low, medium or high.",
        "How much risk will they accept in a purchase?",
        teams=(OVERVIEW,),
        **_counted(
            "R001",
            EXTERNAL_KINDS,
            ("risk",),
            "Risk appetite separates the CISO who needs overwhelming proof from the "
            "trailblazer with the same title.",
            "low",
        ),
    ),
    _row(
        "decision.adoption_stage",
        "Where this persona sits on the adoption curve: innovator, early_adopter, "
        "early_majority, late_majority or laggard.",
        "Do they try new things early, or wait until others prove them?",
        teams=(OVERVIEW,),
        **_counted(
            "R002",
            EXTERNAL_KINDS,
            ("risk",),
            "Early adopters and laggards need different proof, pace and references.",
            "early_majority",
        ),
    ),
    _row(
        "decision.awareness",
        "Awareness level: unaware, problem_aware, solution_aware, product_aware or most_aware.",
        "How aware are they of the problem, and of solutions like yours?",
        teams=(OVERVIEW, "marketing"),
        **_counted(
            "R003",
            EXTERNAL_KINDS,
            ("risk",),
            "Awareness level decides the message: an unaware buyer needs the problem named, a "
            "product-aware one needs proof against alternatives.",
            "solution_aware",
        ),
    ),
    _row(
        "decision.committee_role",
        "The part this persona plays in a buying committee.",
        "What part do they play in the buying committee?",
        teams=(OVERVIEW, "sales"),
        value_labels=MappingProxyType(
            {
                CommitteeRole.economic_buyer: "economic buyer (signs the budget)",
                CommitteeRole.technical_evaluator: "technical evaluator",
                CommitteeRole.legal_security: "legal and security review",
            }
        ),
        **_counted(
            "R004",
            BUYING_KINDS,
            ("risk",),
            "A B2B purchase involves six to ten decision makers; sales needs to know which "
            "seat this persona holds.",
            CommitteeRole.economic_buyer.value,
        ),
    ),
    _row(
        "decision.proof_required",
        "The proof this persona needs before saying yes (references, pilots, audits).",
        "What proof do they need before saying yes: references, pilots, audits?",
        teams=(OVERVIEW,),
        **_counted(
            "R005",
            EXTERNAL_KINDS,
            ("risk",),
            "Buyers finish most of the purchase before talking to a vendor; the proof they "
            "need has to be ready before they ask.",
            "[two references in regulated fintech, a SOC 2 report]",
        ),
    ),
    _row(
        "decision.decision_criteria",
        "The criteria this persona actually decides on, in their words.",
        "What do they actually decide on, in their own words?",
    ),
    # The four lenses: each counted for the kinds its team briefs.
    _row(
        "lenses",
        "What marketing, sales, product and support each need to know.",
        "What do marketing, sales, product and support each need to know?",
    ),
    _row(
        "lenses.marketing",
        "Marketing frames risk.",
        "Marketing frames risk: what loss do they fear, how will they justify the choice?",
    ),
    _row(
        "lenses.marketing.loss_feared",
        "The loss this buyer fears most if the decision goes wrong.",
        "What loss do they fear most if the decision goes wrong?",
        teams=("marketing",),
        **_lens(
            "marketing",
            "R011",
            "Marketing frames risk: the loss the buyer dreads is what the message must answer.",
            "being the executive named in the breach report",
            risk=True,
        ),
    ),
    _row(
        "lenses.marketing.unspoken_objection",
        "What they will think but not say aloud in the meeting.",
        "What will they think but not say in the meeting?",
        teams=("marketing",),
        **_lens(
            "marketing",
            "R012",
            "The objection nobody says aloud still decides the deal; marketing has to answer "
            "it before it is raised.",
            "my team cannot absorb another tool this year",
            risk=True,
        ),
    ),
    _row(
        "lenses.marketing.justification_language",
        "The words they need to justify the decision to others.",
        "Which words do they need to justify the decision to others?",
        teams=("marketing",),
        **_lens(
            "marketing",
            "L003",
            "A buyer has to sell the decision inside their company; marketing hands them the "
            "words to do it.",
            "[audit-ready by design, one less spreadsheet]",
            risk=False,
        ),
    ),
    _row(
        "lenses.marketing.comparison_set",
        "The alternatives they compare against, including 'do nothing'.",
        "What will they compare you against, including doing nothing?",
        teams=("marketing",),
        **_lens(
            "marketing",
            "L004",
            "Every offer is judged against alternatives, and doing nothing is usually the "
            "strongest one.",
            "[a GRC suite, the current spreadsheet, doing nothing]",
            risk=False,
        ),
    ),
    _row(
        "lenses.sales",
        "Sales resolves hesitation.",
        "Sales resolves hesitation: what stalls the deal, and who else must agree?",
    ),
    _row(
        "lenses.sales.hesitation_triggers",
        "What makes this persona hesitate mid-cycle.",
        "What makes them hesitate in the middle of the cycle?",
        teams=("sales",),
        **_lens(
            "sales",
            "R013",
            "Sales resolves hesitation: knowing what stalls a deal mid-cycle lets them "
            "answer it before it does.",
            "[a reference call that goes badly]",
            risk=True,
        ),
    ),
    _row(
        "lenses.sales.authority_constraints",
        "Limits on their authority: who else must sign, spending limits.",
        "Who else must sign, and how much can they spend alone?",
        teams=("sales",),
        **_lens(
            "sales",
            "R014",
            "A deal the persona cannot sign alone needs the other signatures planned for.",
            "[spend over 50k needs the CFO]",
            risk=True,
        ),
    ),
    _row(
        "lenses.sales.political_exposure",
        "What this person risks politically inside the organisation.",
        "What do they risk inside their organisation by backing this decision?",
        teams=("sales",),
        **_lens(
            "sales",
            "R015",
            "Backing a purchase puts the buyer's standing at stake; sales must make that "
            "risk smaller, not ignore it.",
            "championed the last tool that failed",
            risk=True,
        ),
    ),
    _row(
        "lenses.sales.regret_scenario",
        "What regret would look like for them if the decision fails.",
        "What would regret look like for them if the decision fails?",
        teams=("sales",),
        **_lens(
            "sales",
            "R016",
            "Buyers weigh the regret of a failed decision more than its upside.",
            "a failed audit traced to the new tool",
            risk=True,
        ),
    ),
    _row(
        "lenses.sales.objections",
        "Objections with the responses that resolve them.",
        "Which objections will sales hear, and what answer resolves each?",
        teams=("sales",),
        **_lens(
            "sales",
            "L005",
            "Objections come in every deal; sales needs each with the answer that resolves it.",
            "[{objection: another tool to maintain, response: it replaces two}]",
            risk=False,
        ),
    ),
    _row(
        "lenses.sales.objections.objection",
        "The objection as the buyer would phrase it.",
        "How would they phrase the objection?",
    ),
    _row(
        "lenses.sales.objections.response",
        "The answer that resolves it.",
        "What answer resolves it?",
    ),
    _row(
        "lenses.product",
        "Product reduces friction.",
        "Product reduces friction: what makes adopting it feel safe or risky?",
    ),
    _row(
        "lenses.product.onboarding_risks",
        "What makes onboarding feel risky to this persona.",
        "What makes the first weeks with a new tool feel risky to them?",
        teams=("product",),
        **_lens(
            "product",
            "R017",
            "Product reduces friction: the first weeks decide whether the tool stays.",
            "[migration breaks existing evidence links]",
            risk=True,
        ),
    ),
    _row(
        "lenses.product.success_signals",
        "The signals that tell them 'this was the right decision'.",
        "What tells them 'this was the right decision'?",
        teams=("product",),
        **_lens(
            "product",
            "L006",
            "The moment a customer knows they chose well is what onboarding must reach first.",
            "[the first audit closes without findings]",
            risk=False,
        ),
    ),
    _row(
        "lenses.product.churn_triggers",
        "Early failures that would make them leave.",
        "Which early failures would make them leave?",
        teams=("product",),
        **_lens(
            "product",
            "R018",
            "An early failure that ends the relationship is what product must prevent first.",
            "[the first audit export is rejected]",
            risk=True,
        ),
    ),
    _row(
        "lenses.product.tradeoffs_accepted",
        "Trade-offs this persona tolerates.",
        "Which trade-offs will they live with?",
        teams=("product",),
        **_lens(
            "product",
            "L007",
            "Knowing what they will put up with tells product where it may simplify.",
            "[fewer integrations if setup takes a day]",
            risk=False,
        ),
    ),
    _row(
        "lenses.product.tradeoffs_rejected",
        "Trade-offs this persona will not accept.",
        "Which trade-offs will they refuse?",
        teams=("product",),
        **_lens(
            "product",
            "L008",
            "A trade-off they refuse is a line product must not cross.",
            "[evidence stored outside the EU]",
            risk=False,
        ),
    ),
    _row(
        "lenses.support",
        "Support detects expectation failure.",
        "Support detects expectation failure: where do promise and reality part?",
    ),
    _row(
        "lenses.support.expectation_gaps",
        "Where what they expected and what they get tend to differ.",
        "Where does what they expected differ from what they get?",
        teams=("support",),
        **_lens(
            "support",
            "L009",
            "Support detects expectation failure: it has to know where promise and product part.",
            "[expected audit exports to take one click]",
            risk=False,
        ),
    ),
    _row(
        "lenses.support.disappointment_language",
        "The words customers like this use when they are disappointed.",
        "What words do they use when they are disappointed?",
        teams=("support",),
        **_lens(
            "support",
            "L010",
            "Disappointment rarely says its name; support spots it by the words customers use.",
            "[this was supposed to save us time]",
            risk=False,
        ),
    ),
    _row(
        "lenses.support.churn_signals",
        "Behaviours that signal this persona is about to churn.",
        "What do they do when they are about to leave?",
        teams=("support",),
        **_lens(
            "support",
            "R019",
            "Customers leave quietly; support needs the behaviours that come before it.",
            "[stops logging in after the pilot]",
            risk=True,
        ),
    ),
    # Colleagues.
    _row(
        "internal",
        "For internal personas: how they like to be informed and worked with.",
        "How do you work well with this colleague?",
    ),
    _row(
        "internal.wants_to_know",
        "Whether they want the big_picture, the tactics, or both.",
        "Do they want the big picture, the tactics, or both?",
        teams=(OVERVIEW,),
        value_labels=MappingProxyType(
            {
                "big_picture": "the big picture",
                "tactics": "the tactics",
                "both": "both the big picture and the tactics",
            }
        ),
        **_counted(
            "N001",
            INTERNAL_KINDS,
            ("internal",),
            "Internal personas are colleagues: whether they want the big picture or the "
            "tactics decides how every update to them is written.",
            "big_picture",
        ),
    ),
    _row(
        "internal.collaboration_tips",
        "How to work well with this colleague.",
        "What should a colleague know to work well with them?",
        teams=(OVERVIEW,),
        **_counted(
            "N002",
            INTERNAL_KINDS,
            ("internal",),
            "How to work well with this colleague: cadence, channel, what to bring to them.",
            "[bring a one-page brief, not a deck]",
        ),
    ),
    # Evidence and ownership: judged by the evidence and freshness rules (E, F), not by
    # completeness; every briefing shows them in its header and footer.
    _row(
        "evidence",
        "Dated research sources behind this persona.",
        "Which research is this persona built on?",
    ),
    _row(
        "evidence.id",
        "Identifier of this evidence, unique within the persona.",
        "What short id names this source, so quotes can cite it?",
    ),
    _row(
        "evidence.type",
        "Source type: interview, survey, win_loss, crm, support_tickets, analytics, "
        "sales_call or secondary.",
        "What kind of source is it?",
        value_labels=MappingProxyType(
            {
                "win_loss": "win/loss",
                "crm": "CRM",
                "sales_call": "sales call",
                "support_tickets": "support tickets",
                "secondary": "secondary research",
            }
        ),
    ),
    _row(
        "evidence.date",
        "When the evidence was gathered (YYYY-MM-DD).",
        "When was it gathered (YYYY-MM-DD)?",
    ),
    _row("evidence.summary", "What this evidence showed.", "What did it show?"),
    _row(
        "evidence.sample_size",
        "How many people or records the evidence covers.",
        "How many people or records does it cover?",
    ),
    _row("evidence.url", "Where the raw evidence lives.", "Where does the raw material live?"),
    _row(
        "review",
        "Owners and freshness: last_reviewed and interval_days.",
        "Who keeps this persona true, and when did they last check it?",
    ),
    _row(
        "review.owners",
        "Who owns this persona (names, emails or team handles); at least one.",
        "Who owns this persona and will refresh it (names, emails, team handles)?",
    ),
    _row(
        "review.last_reviewed",
        "Date of the last refresh against new evidence (YYYY-MM-DD), not a date bump.",
        "When was it last checked against new evidence (YYYY-MM-DD)?",
    ),
    _row(
        "review.interval_days",
        "Days after which the persona is stale (default 180).",
        "After how many days without a refresh is it stale?",
    ),
)

#: Every persona field by dotted path, in the model's order.
FIELDS: Mapping[str, FieldRow] = MappingProxyType({row.path: row for row in _ROWS})


def _check(rows: tuple[FieldRow, ...]) -> None:
    """The invariants agreement rests on; a bad row fails at import, not in a golden."""
    assert len(FIELDS) == len(rows), "duplicate field path"
    codes = [row.rule for row in rows if row.rule]
    assert len(codes) == len(set(codes)), "two fields share a rule code"
    for row in rows:
        counted = bool(row.counted_for)
        assert counted == bool(row.rule) == bool(row.groups), row.path
        assert not counted or (row.why and row.example and row.teams), row.path
        assert set(row.groups) <= set(GROUPS), row.path
        assert row.teams <= {OVERVIEW, *LENS_TEAMS}, row.path


_check(_ROWS)


def row(path: str) -> FieldRow:
    """The row of a dotted field path (KeyError for a path the model does not have)."""
    return FIELDS[path]


def description(path: str) -> str:
    """The model's description of a field: its JSON Schema tooltip."""
    return FIELDS[path].description


def counted(kind: str) -> tuple[FieldRow, ...]:
    """The fields completeness counts (and lint reports missing) for a persona of `kind`."""
    return tuple(row for row in _ROWS if kind in row.counted_for)


def read_by(team: str) -> tuple[FieldRow, ...]:
    """The counted fields a team's briefing reads (custom teams read what the overview reads),
    the team's own lens fields first."""
    team = team if team in LENS_TEAMS else OVERVIEW
    own = f"lenses.{team}."
    rows = [row for row in _ROWS if row.counted_for and team in row.teams]
    return tuple(sorted(rows, key=lambda row: not row.path.startswith(own)))


def briefed(team: str, kind: str) -> bool:
    """Whether `team` briefs personas of `kind` unasked: a lens team only the kinds its lens
    is counted for; the overview and custom teams everyone."""
    return team not in LENS_KINDS or kind in LENS_KINDS[team]


def briefing_fields(team: str, kind: str) -> tuple[FieldRow, ...]:
    """The fields whose absence `team`'s briefing of a `kind` persona names in its gaps box:
    the fields it reads that completeness counts for the kind, so the box lists exactly the
    missing-field findings that concern the team. A persona named by id for a team that does
    not brief its kind (a user's sales briefing) has no counted fields there; its box then
    names the team's empty lens fields, so the briefing still says why it is thin."""
    rows = read_by(team)
    if briefed(team, kind):
        return tuple(row for row in rows if kind in row.counted_for)
    return tuple(row for row in rows if row.path.startswith(f"lenses.{team}."))


def value_label(value: str) -> str | None:
    """How briefings print an enumerated value, when a row names it."""
    return _VALUE_LABELS.get(value)


_VALUE_LABELS: Mapping[str, str] = MappingProxyType(
    {value: text for row in _ROWS for value, text in row.value_labels.items()}
)
