"""Rows of the fields completeness counts and lint asks for: the whole person (every kind),
how they decide (the kinds outside the company), the four lenses (the kinds each team
briefs) and, for colleagues, how to work with them. Each row names its rule, why the field
matters and a filled example: the rule's documentation."""

from __future__ import annotations

from types import MappingProxyType

from persona_cli.domain.fields.base import (
    ALL_KINDS,
    BUYING_KINDS,
    BUYING_TEAMS,
    EXTERNAL_KINDS,
    INTERNAL_KINDS,
    OVERVIEW,
    FieldRow,
    counted,
    lens,
    row,
)
from persona_cli.domain.roles import CommitteeRole

#: The judged rows, in the model's order.
ROWS: tuple[FieldRow, ...] = (
    # The whole person: counted for every kind, colleagues included.
    row(
        "whole_person",
        "The emotional fields: motivations, fears, ambitions, pressures, trust.",
        "Who is the person behind the title?",
    ),
    row(
        "whole_person.motivations",
        "What drives this person personally, beyond the job description.",
        "What drives them personally, beyond the job description?",
        teams=(OVERVIEW,),
        judged=counted(
            "W001",
            ALL_KINDS,
            ("emotional",),
            "Emotion drives most decisions. Without what drives the person (recognition, "
            "safety, a promotion), the persona is a job description.",
            "[being seen by the board as the adult in the room]",
        ),
    ),
    row(
        "whole_person.fears",
        "What this person is afraid of: for their career, team or reputation.",
        "What are they afraid of, for their career, team or reputation?",
        teams=(OVERVIEW,),
        judged=counted(
            "W002",
            ALL_KINDS,
            ("emotional",),
            "Fears shape how people buy far more than feature lists: the loss they dread is "
            "what marketing must frame and sales must defuse.",
            "[owning a failed rollout in front of the CFO]",
        ),
    ),
    row(
        "whole_person.career_ambitions",
        "Where this person wants their career to go and what would help them.",
        "Where do they want their career to go next?",
        teams=(OVERVIEW,),
        judged=counted(
            "W003",
            ALL_KINDS,
            ("emotional",),
            "People buy what moves their career; a purchase that makes the buyer look good "
            "moves faster.",
            "[move from VP to a first CTO role]",
        ),
    ),
    row(
        "whole_person.external_pressures",
        "Pressures from outside the role: board, regulators, market, peers, family.",
        "Who presses on them from outside the role: board, regulators, market, peers, family?",
        teams=(OVERVIEW,),
        judged=counted(
            "W004",
            ALL_KINDS,
            ("emotional",),
            "Boards, regulators, markets and peers push on people from outside the role; "
            "these pressures explain urgency and timing.",
            "[a regulator's audit due in Q3]",
        ),
    ),
    row(
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
        judged=counted(
            "W005",
            ALL_KINDS,
            ("emotional",),
            "A persona that needs overwhelming proof and one that tries anything new are "
            "different personas even with the same title.",
            "needs_proof",
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
        "whole_person.quotes",
        "Verbatim quotes from research; a plain string or {text, evidence} naming the "
        "evidence id it came from.",
        "What have they said, word for word, in your research?",
    ),
    row(
        "whole_person.quotes.text",
        "The words as the person said them.",
        "What exactly did they say?",
    ),
    row(
        "whole_person.quotes.evidence",
        "The `id` of the evidence entry this quote comes from.",
        "Which evidence entry (its id) is the quote from?",
        prose=False,
    ),
    # Not counted: homes for what real persona sets record about the person.
    row(
        "whole_person.traits",
        "Personality traits, e.g. 'pragmatic', 'sceptical of hype'.",
        "What is their personality like?",
        teams=(OVERVIEW, "marketing"),
    ),
    row(
        "whole_person.behaviours",
        "Observed behaviours: what they do, as research saw it.",
        "What have you seen them do (not what they say they do)?",
        teams=("product",),
    ),
    # How they decide: risk fields for the kinds outside the company.
    row(
        "decision",
        "Risk and decision behaviour: risk tolerance, awareness, committee role.",
        "How do they decide, whatever their title says?",
    ),
    row(
        "decision.risk_tolerance",
        "Appetite for risk in a purchase decision: low, medium or high.",
        "How much risk will they accept in a purchase?",
        teams=(OVERVIEW,),
        judged=counted(
            "R001",
            EXTERNAL_KINDS,
            ("risk",),
            "Risk appetite separates the CISO who needs overwhelming proof from the "
            "trailblazer with the same title.",
            "low",
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
        "decision.adoption_stage",
        "Where this persona sits on the adoption curve: innovator, early_adopter, "
        "early_majority, late_majority or laggard.",
        "Do they try new things early, or wait until others prove them?",
        teams=(OVERVIEW,),
        judged=counted(
            "R002",
            EXTERNAL_KINDS,
            ("risk",),
            "Early adopters and laggards need different proof, pace and references.",
            "early_majority",
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
        "decision.awareness",
        "Awareness level: unaware, problem_aware, solution_aware, product_aware or most_aware.",
        "How aware are they of the problem, and of solutions like yours?",
        teams=(OVERVIEW, "marketing"),
        judged=counted(
            "R003",
            EXTERNAL_KINDS,
            ("risk",),
            "Awareness level decides the message: an unaware buyer needs the problem named, a "
            "product-aware one needs proof against alternatives.",
            "solution_aware",
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
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
        judged=counted(
            "R004",
            BUYING_KINDS,
            ("risk",),
            "A B2B purchase involves six to ten decision makers; sales needs to know which "
            "seat this persona holds.",
            CommitteeRole.economic_buyer.value,
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
        "decision.proof_required",
        "The proof this persona needs before saying yes (references, pilots, audits).",
        "What proof do they need before saying yes: references, pilots, audits?",
        teams=(OVERVIEW,),
        judged=counted(
            "R005",
            EXTERNAL_KINDS,
            ("risk",),
            "Buyers finish most of the purchase before talking to a vendor; the proof they "
            "need has to be ready before they ask.",
            "[two references in regulated fintech, a SOC 2 report]",
            needed_by=BUYING_TEAMS,
        ),
    ),
    row(
        "decision.decision_criteria",
        "The criteria this persona actually decides on, in their words.",
        "What do they actually decide on, in their own words?",
    ),
    # The four lenses: each counted for the kinds its team briefs.
    row(
        "lenses",
        "What marketing, sales, product and support each need to know.",
        "What do marketing, sales, product and support each need to know?",
    ),
    row(
        "lenses.marketing",
        "Marketing frames risk.",
        "Marketing frames risk: what loss do they fear, how will they justify the choice?",
    ),
    row(
        "lenses.marketing.loss_feared",
        "The loss this buyer fears most if the decision goes wrong.",
        "What loss do they fear most if the decision goes wrong?",
        teams=("marketing",),
        judged=lens(
            "marketing",
            "R011",
            "Marketing frames risk: the loss the buyer dreads is what the message must answer.",
            "being the executive named in the breach report",
            risk=True,
        ),
    ),
    row(
        "lenses.marketing.unspoken_objection",
        "What they will think but not say aloud in the meeting.",
        "What will they think but not say in the meeting?",
        teams=("marketing",),
        judged=lens(
            "marketing",
            "R012",
            "The objection nobody says aloud still decides the deal; marketing has to answer "
            "it before it is raised.",
            "my team cannot absorb another tool this year",
            risk=True,
        ),
    ),
    row(
        "lenses.marketing.justification_language",
        "The words they need to justify the decision to others.",
        "Which words do they need to justify the decision to others?",
        teams=("marketing",),
        judged=lens(
            "marketing",
            "L003",
            "A buyer has to sell the decision inside their company; marketing hands them the "
            "words to do it.",
            "[audit-ready by design, one less spreadsheet]",
            risk=False,
        ),
    ),
    row(
        "lenses.marketing.comparison_set",
        "The alternatives they compare against, including 'do nothing'.",
        "What will they compare you against, including doing nothing?",
        teams=("marketing",),
        judged=lens(
            "marketing",
            "L004",
            "Every offer is judged against alternatives, and doing nothing is usually the "
            "strongest one.",
            "[a GRC suite, the current spreadsheet, doing nothing]",
            risk=False,
        ),
    ),
    row(
        "lenses.sales",
        "Sales resolves hesitation.",
        "Sales resolves hesitation: what stalls the deal, and who else must agree?",
    ),
    row(
        "lenses.sales.hesitation_triggers",
        "What makes this persona hesitate mid-cycle.",
        "What makes them hesitate in the middle of the cycle?",
        teams=("sales",),
        judged=lens(
            "sales",
            "R013",
            "Sales resolves hesitation: knowing what stalls a deal mid-cycle lets them "
            "answer it before it does.",
            "[a reference call that goes badly]",
            risk=True,
        ),
    ),
    row(
        "lenses.sales.authority_constraints",
        "Limits on their authority: who else must sign, spending limits.",
        "Who else must sign, and how much can they spend alone?",
        teams=("sales",),
        judged=lens(
            "sales",
            "R014",
            "A deal the persona cannot sign alone needs the other signatures planned for.",
            "[spend over 50k needs the CFO]",
            risk=True,
        ),
    ),
    row(
        "lenses.sales.political_exposure",
        "What this person risks politically inside the organisation.",
        "What do they risk inside their organisation by backing this decision?",
        teams=("sales",),
        judged=lens(
            "sales",
            "R015",
            "Backing a purchase puts the buyer's standing at stake; sales must make that "
            "risk smaller, not ignore it.",
            "championed the last tool that failed",
            risk=True,
        ),
    ),
    row(
        "lenses.sales.regret_scenario",
        "What regret would look like for them if the decision fails.",
        "What would regret look like for them if the decision fails?",
        teams=("sales",),
        judged=lens(
            "sales",
            "R016",
            "Buyers weigh the regret of a failed decision more than its upside.",
            "a failed audit traced to the new tool",
            risk=True,
        ),
    ),
    row(
        "lenses.sales.objections",
        "Objections with the responses that resolve them.",
        "Which objections will sales hear, and what answer resolves each?",
        teams=("sales",),
        judged=lens(
            "sales",
            "L005",
            "Objections come in every deal; sales needs each with the answer that resolves it.",
            "[{objection: another tool to maintain, response: it replaces two}]",
            risk=False,
        ),
    ),
    row(
        "lenses.sales.objections.objection",
        "The objection as the buyer would phrase it.",
        "How would they phrase the objection?",
    ),
    row(
        "lenses.sales.objections.response",
        "The answer that resolves it.",
        "What answer resolves it?",
    ),
    row(
        "lenses.product",
        "Product reduces friction.",
        "Product reduces friction: what makes adopting it feel safe or risky?",
    ),
    row(
        "lenses.product.onboarding_risks",
        "What makes onboarding feel risky to this persona.",
        "What makes the first weeks with a new tool feel risky to them?",
        teams=("product",),
        judged=lens(
            "product",
            "R017",
            "Product reduces friction: the first weeks decide whether the tool stays.",
            "[migration breaks existing evidence links]",
            risk=True,
        ),
    ),
    row(
        "lenses.product.success_signals",
        "The signals that tell them 'this was the right decision'.",
        "What tells them 'this was the right decision'?",
        teams=("product",),
        judged=lens(
            "product",
            "L006",
            "The moment a customer knows they chose well is what onboarding must reach first.",
            "[the first audit closes without findings]",
            risk=False,
        ),
    ),
    row(
        "lenses.product.churn_triggers",
        "Early failures that would make them leave.",
        "Which early failures would make them leave?",
        teams=("product",),
        judged=lens(
            "product",
            "R018",
            "An early failure that ends the relationship is what product must prevent first.",
            "[the first audit export is rejected]",
            risk=True,
        ),
    ),
    row(
        "lenses.product.tradeoffs_accepted",
        "Trade-offs this persona tolerates.",
        "Which trade-offs will they live with?",
        teams=("product",),
        judged=lens(
            "product",
            "L007",
            "Knowing what they will put up with tells product where it may simplify.",
            "[fewer integrations if setup takes a day]",
            risk=False,
        ),
    ),
    row(
        "lenses.product.tradeoffs_rejected",
        "Trade-offs this persona will not accept.",
        "Which trade-offs will they refuse?",
        teams=("product",),
        judged=lens(
            "product",
            "L008",
            "A trade-off they refuse is a line product must not cross.",
            "[evidence stored outside the EU]",
            risk=False,
        ),
    ),
    row(
        "lenses.support",
        "Support detects expectation failure.",
        "Support detects expectation failure: where do promise and reality part?",
    ),
    row(
        "lenses.support.expectation_gaps",
        "Where what they expected and what they get tend to differ.",
        "Where does what they expected differ from what they get?",
        teams=("support",),
        judged=lens(
            "support",
            "L009",
            "Support detects expectation failure: it has to know where promise and product part.",
            "[expected audit exports to take one click]",
            risk=False,
        ),
    ),
    row(
        "lenses.support.disappointment_language",
        "The words customers like this use when they are disappointed.",
        "What words do they use when they are disappointed?",
        teams=("support",),
        judged=lens(
            "support",
            "L010",
            "Disappointment rarely says its name; support spots it by the words customers use.",
            "[this was supposed to save us time]",
            risk=False,
        ),
    ),
    row(
        "lenses.support.churn_signals",
        "Behaviours that signal this persona is about to churn.",
        "What do they do when they are about to leave?",
        teams=("support",),
        judged=lens(
            "support",
            "R019",
            "Customers leave quietly; support needs the behaviours that come before it.",
            "[stops logging in after the pilot]",
            risk=True,
        ),
    ),
    # Colleagues.
    row(
        "internal",
        "For internal personas: how they like to be informed and worked with.",
        "How do you work well with this colleague?",
    ),
    row(
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
        judged=counted(
            "N001",
            INTERNAL_KINDS,
            ("internal",),
            "Internal personas are colleagues: whether they want the big picture or the "
            "tactics decides how every update to them is written.",
            "big_picture",
        ),
    ),
    row(
        "internal.collaboration_tips",
        "How to work well with this colleague.",
        "What should a colleague know to work well with them?",
        teams=(OVERVIEW,),
        judged=counted(
            "N002",
            INTERNAL_KINDS,
            ("internal",),
            "How to work well with this colleague: cadence, channel, what to bring to them.",
            "[bring a one-page brief, not a deck]",
        ),
    ),
)
