"""Rows of the fields that say who the persona is and how it is kept: identity, the job,
goals, job stories, evidence and review. Described and asked by `persona new`, but not counted
by completeness: a persona of job titles alone is the failure lint exists to catch, and
evidence and review are judged by the evidence and freshness rules (E, F)."""

from __future__ import annotations

from types import MappingProxyType

from persona_cli.domain.fields.base import FieldRow, row

#: The rows before the whole person, in the model's order.
HEAD: tuple[FieldRow, ...] = (
    # Identity and lifecycle.
    row(
        "schema_version",
        "Version of this file format; always 1.",
        "Which version of the file format is this? Always 1.",
    ),
    row(
        "id",
        "Slug identifying the persona; must equal the file name's stem.",
        "What short slug names this persona? It must equal the file name.",
    ),
    row(
        "name",
        "Human name of the persona, e.g. 'Cautious Carla, CISO'.",
        "What do people call this persona in meetings, e.g. 'Cautious Carla, CISO'?",
    ),
    row(
        "kind",
        "buyer, user, internal or individual.",
        "Is this a buyer, a user, a colleague (internal) or one real person (individual)?",
    ),
    row(
        "status",
        "draft (no evidence yet), validated (backed by evidence) or retired.",
        "Is it a draft, validated by evidence, or retired?",
    ),
    row(
        "summary",
        "One or two sentences anyone can read.",
        "Who is this, in one or two sentences anyone in the company can read?",
    ),
    row(
        "extends",
        "Id of a parent persona this one extends (an individual's profile overrides what differs).",
        "Which persona is this person an instance of (its id)?",
    ),
    # The job.
    row(
        "role",
        "The job: titles, seniority, responsibilities.",
        "What is the job, before the person?",
    ),
    row(
        "role.titles",
        "Job titles this persona goes by, e.g. 'CISO', 'Head of Security'.",
        "Which job titles does this persona go by?",
    ),
    row(
        "role.seniority",
        "Seniority level, e.g. 'C-level', 'VP', 'manager', 'individual contributor'.",
        "How senior are they: C-level, VP, manager, individual contributor?",
    ),
    row(
        "role.department",
        "Department or function, e.g. 'Security'.",
        "Which department or function do they work in?",
    ),
    row(
        "role.reports_to",
        "Who this persona reports to, e.g. 'CEO'.",
        "Who do they report to?",
    ),
    row(
        "role.responsibilities",
        "What this persona is accountable for day to day.",
        "What are they accountable for day to day?",
    ),
    row(
        "role.decisions_owned",
        "Decisions this persona makes or signs off alone.",
        "Which decisions can they make or sign off alone?",
    ),
    row(
        "role.measured_by",
        "The metrics this persona's performance is judged on.",
        "Which numbers is their performance judged on?",
    ),
    row(
        "segment",
        "Id of the account segment this persona belongs to.",
        "Which account segment does this persona belong to (the segment's id)?",
    ),
    row("goals", "Professional goals.", "What are they trying to achieve at work this year?"),
    row("pains", "Professional pains.", "What gets in their way at work today?"),
    row(
        "jobs_to_be_done",
        "Job stories: when <situation>, want <motivation>, so that <outcome>.",
        "When does the need come up, what do they want then, and why?",
    ),
    row(
        "jobs_to_be_done.when",
        "The situation that triggers the job.",
        "In what situation does the job come up?",
    ),
    row(
        "jobs_to_be_done.want",
        "What the persona wants to do or have in that situation.",
        "What do they want to do or have in that situation?",
    ),
    row(
        "jobs_to_be_done.so_that",
        "The outcome the persona is after.",
        "What outcome are they after?",
    ),
)

#: The rows after the colleague section, in the model's order.
TAIL: tuple[FieldRow, ...] = (
    # Evidence and ownership: every briefing shows them in its header and footer.
    row(
        "evidence",
        "Dated research sources behind this persona.",
        "Which research is this persona built on?",
    ),
    row(
        "evidence.id",
        "Identifier of this evidence, unique within the persona.",
        "What short id names this source, so quotes can cite it?",
    ),
    row(
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
    row(
        "evidence.date",
        "When the evidence was gathered (YYYY-MM-DD).",
        "When was it gathered (YYYY-MM-DD)?",
    ),
    row("evidence.summary", "What this evidence showed.", "What did it show?"),
    row(
        "evidence.sample_size",
        "How many people or records the evidence covers.",
        "How many people or records does it cover?",
    ),
    row("evidence.url", "Where the raw evidence lives.", "Where does the raw material live?"),
    row(
        "review",
        "Owners and freshness: last_reviewed and interval_days.",
        "Who keeps this persona true, and when did they last check it?",
    ),
    row(
        "review.owners",
        "Who owns this persona (names, emails or team handles); at least one.",
        "Who owns this persona and will refresh it (names, emails, team handles)?",
    ),
    row(
        "review.last_reviewed",
        "Date of the last refresh against new evidence (YYYY-MM-DD), not a date bump.",
        "When was it last checked against new evidence (YYYY-MM-DD)?",
    ),
    row(
        "review.interval_days",
        "Days after which the persona is stale (default 180).",
        "After how many days without a refresh is it stale?",
    ),
)
