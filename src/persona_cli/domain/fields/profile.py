"""Rows of the fields that say who the persona is and how it is kept: identity, the job,
goals, job stories, evidence and review. Described and asked by `persona new`, but not counted
by completeness (a persona of job titles alone is the failure lint exists to catch; review is
judged by the freshness rules, F), except evidence: a persona needs research behind it, so
completeness counts it (group `evidence`, every kind) and E006 reports it missing (E001 when
the persona says it is validated)."""

from __future__ import annotations

from types import MappingProxyType

from persona_cli.domain.fields.base import ALL_KINDS, OVERVIEW, FieldRow, counted, row

#: The rows before the whole person, in the model's order.
HEAD: tuple[FieldRow, ...] = (
    # Identity and lifecycle.
    row(
        "schema_version",
        "Version of this file format; always 1.",
        "Which version of the file format is this? Always 1.",
        prose=False,
    ),
    row(
        "id",
        "Slug identifying the persona; must equal the file name's stem.",
        "What short slug names this persona? It must equal the file name.",
        prose=False,
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
        prose=False,
    ),
    row(
        "status",
        "draft (no evidence yet), validated (backed by evidence) or retired.",
        "Is it a draft, validated by evidence, or retired?",
        prose=False,
    ),
    row(
        "summary",
        "One or two sentences anyone can read.",
        "Who is this, in one or two sentences anyone in the company can read?",
    ),
    row(
        "teams",
        "The teams this persona is written for: marketing, sales, product, support or a "
        "custom team's slug. Lint and completeness then ask only for what those teams read "
        "(lens fields of the lens teams listed; trust, risk tolerance, adoption, awareness, "
        "committee role and proof only when sales or marketing is listed), and "
        "`render --team all` briefs exactly them. When absent: the config's "
        "`teams-by-path` / `teams-by-kind`, else the kind's default (every lens team that "
        "briefs the kind). Inherited through `extends`.",
        "Which teams is this persona written for (marketing, sales, product, support)?",
        prose=False,
    ),
    row(
        "extends",
        "Id of a parent persona this one inherits from, of any kind. Parts (mappings) merge "
        "key by key; a text or a list set here replaces the parent's. Not inherited: id, name, "
        "kind, status, review, provenance, extends and add. Evidence is inherited.",
        "Which persona does this one build on (its id)?",
        prose=False,
    ),
    row(
        "add",
        "Lists appended to what this persona inherits through `extends`, shaped like the "
        "persona (e.g. goals, role.titles, whole_person.fears); duplicates are dropped.",
        "Which items does this persona add to its parent's lists?",
        prose=False,
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
        teams=("sales",),
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
        teams=("sales",),
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
        teams=("sales",),
    ),
    row(
        "role.measured_by",
        "The metrics this persona's performance is judged on.",
        "Which numbers is their performance judged on?",
        teams=("sales",),
    ),
    row(
        "role.buying_roles",
        "The buying roles this persona plays, in the order the research ranks them, e.g. "
        "'influencer', 'decision-maker', 'initiator', 'user'.",
        "Which roles do they play in a purchase, most important first?",
        teams=(OVERVIEW, "sales"),
    ),
    row(
        "segment",
        "Id of the account segment this persona belongs to.",
        "Which account segment does this persona belong to (the segment's id)?",
        prose=False,
    ),
    # Where they work and come from: context real persona sets record beside the job.
    row(
        "company",
        "The organisation this persona works in: type, size, industry.",
        "What kind of organisation do they work in?",
    ),
    row(
        "company.type",
        "Type of organisation, e.g. 'enterprise', 'startup', 'public sector agency'.",
        "What type of organisation is it: enterprise, startup, agency, non-profit?",
        teams=(OVERVIEW, "sales"),
    ),
    row(
        "company.size",
        "How big the organisation is, e.g. '500-2,000 employees'.",
        "How big is it (employees, revenue)?",
        teams=(OVERVIEW, "sales"),
    ),
    row(
        "company.industry",
        "The organisation's industry or sector, e.g. 'fintech', 'local government'.",
        "Which industry or sector is it in?",
        teams=(OVERVIEW, "sales"),
    ),
    row(
        "background",
        "Where this persona comes from: education and career history.",
        "How did they get here?",
    ),
    row(
        "background.education",
        "Education and training, e.g. 'BSc Computer Science'.",
        "What education or training do they have?",
        teams=(OVERVIEW,),
    ),
    row(
        "background.career",
        "Career history: earlier roles and how they got to this one.",
        "Which roles did they hold before this one?",
        teams=(OVERVIEW,),
    ),
    row(
        "tools",
        "Tools and technologies this persona uses, e.g. 'Jira', 'Terraform', 'Excel'.",
        "Which tools and technologies do they use every week?",
        teams=("product", "support"),
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
        "The situation that triggers the job; leave it out for a job statement without a trigger.",
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
    # Where they learn, and what the vendor says to them: read by the teams that reach them.
    row(
        "influences",
        "Where this persona learns and whom they trust: channels, trusted sources.",
        "Where do they learn, and whom do they listen to?",
    ),
    row(
        "influences.channels",
        "Where they learn, by buying-journey stage where known: {channel, stage}.",
        "Where do they go to learn about problems and products, and at which stage?",
        teams=("marketing",),
    ),
    row(
        "influences.channels.channel",
        "The channel, e.g. 'analyst reports', 'peer reviews', 'conferences'.",
        "Which channel is it?",
    ),
    row(
        "influences.channels.stage",
        "The buying-journey stage it serves, e.g. 'awareness', 'consideration', 'decision'.",
        "At which stage of the buying journey do they use it?",
    ),
    row(
        "influences.trusted_sources",
        "People and sources they trust and listen to, e.g. 'peers in the CISO forum'.",
        "Whom do they trust and listen to?",
        teams=("marketing", "sales"),
    ),
    row(
        "messaging",
        "The vendor's advice per team: strategy and messages, kept apart from the persona.",
        "What should each team say to this persona, and how?",
    ),
    row(
        "messaging.general",
        "Messages and strategy every team should use with this persona.",
        "What should every team say to them?",
        teams=(OVERVIEW,),
    ),
    row(
        "messaging.marketing",
        "How marketing should reach this persona: messages, strategy, content.",
        "How should marketing reach them?",
        teams=("marketing",),
    ),
    row(
        "messaging.sales",
        "How sales should talk to this persona: messages, strategy, plays.",
        "How should sales talk to them?",
        teams=("sales",),
    ),
    row(
        "messaging.product",
        "How product should serve this persona: priorities, strategy.",
        "What should product do for them?",
        teams=("product",),
    ),
    row(
        "messaging.support",
        "How support should help this persona: tone, strategy.",
        "How should support help them?",
        teams=("support",),
    ),
    row(
        "notes",
        "Headed free text for what no field holds: {heading, text}.",
        "What else do you know about them that no field holds?",
        teams=(OVERVIEW,),
    ),
    row(
        "notes.heading",
        "The note's heading, e.g. the source's section name.",
        "Under which heading?",
    ),
    row("notes.text", "The note's text.", "What does the note say?"),
    # Evidence and ownership: every briefing shows them in its header and footer.
    row(
        "evidence",
        "Dated research sources behind this persona.",
        "Which research is this persona built on?",
        teams=(OVERVIEW,),
        judged=counted(
            "E006",
            ALL_KINDS,
            ("evidence",),
            "A persona with no evidence is a proto-persona built from guesses, whatever else "
            "it says: every field may be an assumption nobody checked. Interviews, surveys, "
            "win/loss, support tickets or analytics make it something teams can rely on.",
            "[{id: interviews-2026-q3, type: interview, date: 2026-09-14, summary: 12 CISOs "
            "on audit preparation}]",
        ),
    ),
    row(
        "evidence.id",
        "Identifier of this evidence, unique within the persona.",
        "What short id names this source, so quotes can cite it?",
        prose=False,
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
        prose=False,
    ),
    row(
        "evidence.date",
        "When the evidence was gathered (YYYY-MM-DD).",
        "When was it gathered (YYYY-MM-DD)?",
        prose=False,
    ),
    row("evidence.summary", "What this evidence showed.", "What did it show?"),
    row(
        "evidence.sample_size",
        "How many people or records the evidence covers.",
        "How many people or records does it cover?",
        prose=False,
    ),
    row(
        "evidence.url",
        "Where the raw evidence lives.",
        "Where does the raw material live?",
        prose=False,
    ),
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
        prose=False,
    ),
    row(
        "review.interval_days",
        "Days after which the persona is stale (default 180).",
        "After how many days without a refresh is it stale?",
        prose=False,
    ),
    # Provenance: written by `persona import`, shown in the overview's footer.
    row(
        "provenance",
        "Where an imported persona came from: source, format, location, imported.",
        "Where did this persona come from, if it was imported?",
        teams=(OVERVIEW,),
    ),
    row(
        "provenance.source",
        "The source file's path as given to the import.",
        "Which file was it imported from?",
        prose=False,
    ),
    row(
        "provenance.format",
        "The source's format, e.g. 'persona-library', 'markdown', 'csv'.",
        "In which format was the source?",
        prose=False,
    ),
    row(
        "provenance.location",
        "Where in the source the persona was, e.g. 'line 12', 'row 3', '$.personas[2]'.",
        "Where in the source was it?",
        prose=False,
    ),
    row(
        "provenance.imported",
        "When it was imported (YYYY-MM-DD).",
        "When was it imported (YYYY-MM-DD)?",
        prose=False,
    ),
)
