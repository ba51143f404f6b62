"""The one question a strategist should answer in each field of a persona.

`persona new` writes each question as a comment above its field, so a new file reads as an
interview guide rather than a form. Keys are dotted field paths of the model (items of a list
of objects use the list's path: `evidence.date`); a test walks the model and fails when a
field has no question here, or a question names a field that no longer exists.

The questions ask for the person, not the job title (a persona of titles alone is the
failure lint exists to catch): the whole-person and risk fields are phrased as what someone
would only say to a trusted colleague.
"""

from __future__ import annotations

QUESTIONS: dict[str, str] = {
    # Identity and lifecycle.
    "schema_version": "Which version of the file format is this? Always 1.",
    "id": "What short slug names this persona? It must equal the file name.",
    "name": "What do people call this persona in meetings, e.g. 'Cautious Carla, CISO'?",
    "kind": "Is this a buyer, a user, a colleague (internal) or one real person (individual)?",
    "status": "Is it a draft, validated by evidence, or retired?",
    "summary": "Who is this, in one or two sentences anyone in the company can read?",
    "extends": "Which persona is this person an instance of (its id)?",
    "segment": "Which account segment does this persona belong to (the segment's id)?",
    # The job.
    "role": "What is the job, before the person?",
    "role.titles": "Which job titles does this persona go by?",
    "role.seniority": "How senior are they: C-level, VP, manager, individual contributor?",
    "role.department": "Which department or function do they work in?",
    "role.reports_to": "Who do they report to?",
    "role.responsibilities": "What are they accountable for day to day?",
    "role.decisions_owned": "Which decisions can they make or sign off alone?",
    "role.measured_by": "Which numbers is their performance judged on?",
    "goals": "What are they trying to achieve at work this year?",
    "pains": "What gets in their way at work today?",
    "jobs_to_be_done": "When does the need come up, what do they want then, and why?",
    "jobs_to_be_done.when": "In what situation does the job come up?",
    "jobs_to_be_done.want": "What do they want to do or have in that situation?",
    "jobs_to_be_done.so_that": "What outcome are they after?",
    # The whole person.
    "whole_person": "Who is the person behind the title?",
    "whole_person.motivations": "What drives them personally, beyond the job description?",
    "whole_person.fears": "What are they afraid of, for their career, team or reputation?",
    "whole_person.career_ambitions": "Where do they want their career to go next?",
    "whole_person.external_pressures": "Who presses on them from outside the role: board, "
    "regulators, market, peers, family?",
    "whole_person.trust": "How much proof do they need before they trust a vendor's claims?",
    "whole_person.quotes": "What have they said, word for word, in your research?",
    "whole_person.quotes.text": "What exactly did they say?",
    "whole_person.quotes.evidence": "Which evidence entry (its id) is the quote from?",
    # How they decide.
    "decision": "How do they decide, whatever their title says?",
    "decision.risk_tolerance": "How much risk will they accept in a purchase?",
    "decision.adoption_stage": "Do they try new things early, or wait until others prove them?",
    "decision.awareness": "How aware are they of the problem, and of solutions like yours?",
    "decision.committee_role": "What part do they play in the buying committee?",
    "decision.proof_required": "What proof do they need before saying yes: references, "
    "pilots, audits?",
    "decision.decision_criteria": "What do they actually decide on, in their own words?",
    # The four lenses.
    "lenses": "What do marketing, sales, product and support each need to know?",
    "lenses.marketing": "Marketing frames risk: what loss do they fear, how will they justify "
    "the choice?",
    "lenses.marketing.loss_feared": "What loss do they fear most if the decision goes wrong?",
    "lenses.marketing.unspoken_objection": "What will they think but not say in the meeting?",
    "lenses.marketing.justification_language": "Which words do they need to justify the "
    "decision to others?",
    "lenses.marketing.comparison_set": "What will they compare you against, including "
    "doing nothing?",
    "lenses.sales": "Sales resolves hesitation: what stalls the deal, and who else must agree?",
    "lenses.sales.hesitation_triggers": "What makes them hesitate in the middle of the cycle?",
    "lenses.sales.authority_constraints": "Who else must sign, and how much can they spend alone?",
    "lenses.sales.political_exposure": "What do they risk inside their organisation by backing "
    "this decision?",
    "lenses.sales.regret_scenario": "What would regret look like for them if the decision fails?",
    "lenses.sales.objections": "Which objections will sales hear, and what answer resolves each?",
    "lenses.sales.objections.objection": "How would they phrase the objection?",
    "lenses.sales.objections.response": "What answer resolves it?",
    "lenses.product": "Product reduces friction: what makes adopting it feel safe or risky?",
    "lenses.product.onboarding_risks": "What makes the first weeks with a new tool feel risky "
    "to them?",
    "lenses.product.success_signals": "What tells them 'this was the right decision'?",
    "lenses.product.churn_triggers": "Which early failures would make them leave?",
    "lenses.product.tradeoffs_accepted": "Which trade-offs will they live with?",
    "lenses.product.tradeoffs_rejected": "Which trade-offs will they refuse?",
    "lenses.support": "Support detects expectation failure: where do promise and reality part?",
    "lenses.support.expectation_gaps": "Where does what they expected differ from what they get?",
    "lenses.support.disappointment_language": "What words do they use when they are disappointed?",
    "lenses.support.churn_signals": "What do they do when they are about to leave?",
    # Colleagues.
    "internal": "How do you work well with this colleague?",
    "internal.wants_to_know": "Do they want the big picture, the tactics, or both?",
    "internal.collaboration_tips": "What should a colleague know to work well with them?",
    # Evidence and ownership.
    "evidence": "Which research is this persona built on?",
    "evidence.id": "What short id names this source, so quotes can cite it?",
    "evidence.type": "What kind of source is it?",
    "evidence.date": "When was it gathered (YYYY-MM-DD)?",
    "evidence.summary": "What did it show?",
    "evidence.sample_size": "How many people or records does it cover?",
    "evidence.url": "Where does the raw material live?",
    "review": "Who keeps this persona true, and when did they last check it?",
    "review.owners": "Who owns this persona and will refresh it (names, emails, team handles)?",
    "review.last_reviewed": "When was it last checked against new evidence (YYYY-MM-DD)?",
    "review.interval_days": "After how many days without a refresh is it stale?",
}


def question(path: str) -> str:
    """The question for a dotted field path (KeyError for a path the model does not have)."""
    return QUESTIONS[path]
