"""Text quality rules (Q001-Q004): placeholders, generic statements, duplicates, empties.

These read only what the file's author wrote, so an individual profile is not blamed for
its parent's text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.rules.common import BUYER, Case, case_id, check, engine

PLACEHOLDERS = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla TBD
    kind: buyer
    summary: To be written (todo)
    pains:
      - "???"
      - n/a
      - xxx
      - "-"
      - ...
    lenses:
      marketing:
        loss_feared: Lorem ipsum dolor sit amet
    """

#: Text that looks like a placeholder only to a careless pattern, or sits in fields that
#: hold identifiers and links rather than prose.
NOT_PLACEHOLDERS = """\
    schema_version: 1
    id: todo-list-owner
    name: Tod the Mastodon admin
    kind: buyer
    segment: tbd-accounts
    summary: Orders XXXL hoodies for the team; budgets - and headcount - are fixed for FY27
    evidence:
      - id: tbd-interviews
        type: interview
        date: 2026-10-01
        summary: Twelve interviews on the audit backlog
        url: https://wiki.example.com/TODO/interviews
    """

WIP = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    summary: WIP, TBD after the interviews
    """

RETIRED_WIP = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    status: retired
    summary: WIP, TBD after the interviews
    """

GENERIC = """\
    schema_version: 1
    id: cio
    name: Innovative Ian
    kind: buyer
    goals:
      - Wants innovation
      - The CIO CARES ABOUT SECURITY a lot
      - wants innovation that removes the quarterly evidence hunt before audits
      - Wants innovations
    whole_person:
      motivations: [hates meetings]
    """

CASES = [
    # Q001 placeholder-text
    Case(
        "default-patterns",
        "Q001",
        PLACEHOLDERS,
        [
            (3, 7, "Q001"),
            (5, 10, "Q001"),
            (7, 5, "Q001"),
            (8, 5, "Q001"),
            (9, 5, "Q001"),
            (10, 5, "Q001"),
            (11, 5, "Q001"),
            (14, 18, "Q001"),
        ],
        message="summary holds placeholder text 'todo'; write the real content",
    ),
    Case("words-ids-and-links-are-not-placeholders", "Q001", NOT_PLACEHOLDERS, []),
    Case(
        "evidence-summary-is-prose",
        "Q001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        evidence:
          - id: interviews
            type: interview
            date: 2026-10-01
            summary: TBD
        """,
        [(9, 14, "Q001")],
        message="evidence[0].summary is only 'TBD', a placeholder",
    ),
    Case("complete", "Q001", BUYER, []),
    Case(
        "option-extend-patterns",
        "Q001",
        WIP,
        [(5, 10, "Q001")],
        options={"extend-patterns": [r"\bWIP\b"]},
        message="placeholder text 'WIP'",
    ),
    Case(
        "option-patterns-replace-the-defaults",
        "Q001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        summary: TBD after the interviews
        goals: [WIP]
        """,
        [(6, 9, "Q001")],
        options={"patterns": [r"\bWIP\b"]},
    ),
    Case("option-no-patterns", "Q001", WIP, [], options={"patterns": []}),
    Case("retired-skipped", "Q001", RETIRED_WIP, []),
    Case(
        "retired-linted-with-include-retired",
        "Q001",
        RETIRED_WIP,
        [(6, 10, "Q001")],
        include_retired=True,
    ),
    Case(
        "individual-not-blamed-for-the-parent",
        "Q001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        summary: Acme Pay's CISO since 2025
        """,
        [],
        others=[WIP],
        elsewhere=[("ciso.yaml", 5, 10, "Q001")],
    ),
    Case(
        "individual-own-text",
        "Q001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          fears: [TBD after the Acme call]
        """,
        [(7, 11, "Q001")],
        others=[BUYER],
    ),
    # Q002 generic-statement: short statements only (the phrase plus at most four words)
    Case(
        "default-phrases",
        "Q002",
        GENERIC,
        [(6, 5, "Q002"), (7, 5, "Q002")],
        message="'Wants innovation' is a generic statement that fits any persona",
    ),
    Case("complete", "Q002", BUYER, []),
    Case(
        "option-extend-phrases",
        "Q002",
        GENERIC,
        [(6, 5, "Q002"), (7, 5, "Q002"), (11, 17, "Q002")],
        options={"extend-phrases": ["hates meetings"]},
        message="'hates meetings' is a generic statement",
    ),
    Case(
        "option-phrases-replace-the-defaults",
        "Q002",
        GENERIC,
        [(11, 17, "Q002")],
        options={"phrases": ["hates meetings"], "shapes": False},
    ),
    # The shapes judge "Wants innovation" too; these rows are about the phrase list alone.
    Case("option-no-phrases", "Q002", GENERIC, [], options={"phrases": [], "shapes": False}),
    Case(
        "option-no-phrases-shapes-still-judge",
        "Q002",
        GENERIC,
        [(6, 5, "Q002")],
        options={"phrases": []},
        message="'Wants innovation' names no concrete object or outcome",
    ),
    Case(
        "lens-and-nested-text",
        "Q002",
        """\
        schema_version: 1
        id: cio
        name: Innovative Ian
        kind: buyer
        lenses:
          sales:
            objections:
              - objection: He wants to save money
                response: Show the cost of the manual evidence hunt last quarter
        """,
        [(8, 20, "Q002")],
    ),
    # Q003 duplicate-entry: within one list, ignoring case and spacing
    Case(
        "duplicates",
        "Q003",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        pains:
          - Manual evidence collection
          - manual   evidence COLLECTION
          - Auditors reject tool evidence
          - Manual evidence collection
        """,
        [(7, 5, "Q003"), (9, 5, "Q003")],
        message="pains[1] duplicates entry 0; remove one",
    ),
    Case(
        "nested-lists",
        "Q003",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          quotes:
            - I sign nothing I cannot defend
            - {text: I sign nothing I cannot defend}
            - I sign nothing I cannot defend
        lenses:
          sales:
            hesitation_triggers: [write access, budget freeze, Write access]
        """,
        [(9, 7, "Q003"), (12, 56, "Q003")],
        message="lenses.sales.hesitation_triggers[2] duplicates entry 0",
    ),
    Case(
        "same-entry-in-two-lists",
        "Q003",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        goals: [Pass the SOC 2 audit]
        pains: [Pass the SOC 2 audit]
        """,
        [],
    ),
    Case(
        "blank-entries-are-Q004s",
        "Q003",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        pains: ["", ""]
        """,
        [],
    ),
    Case("complete", "Q003", BUYER, []),
    Case(
        "individual-list-replaces-the-parents",
        "Q003",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        pains:
          - Evidence lives in screenshots and one analyst's memory
        """,
        [],
        others=[BUYER],
    ),
    # Q004 empty-value: present but empty, unless a missing-field rule reports it
    Case(
        "empty-values",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        summary: ""
        goals: []
        pains:
          - Manual evidence collection
          - "  "
        role: {}
        jobs_to_be_done:
          - when: a bank sends a 300-question review
            want: answers from evidence already collected
            so_that: ""
        """,
        [(5, 10, "Q004"), (6, 8, "Q004"), (9, 5, "Q004"), (10, 7, "Q004"), (14, 14, "Q004")],
        message="goals is an empty list; fill it or remove the key",
    ),
    Case(
        "unanswered-keys-are-questions-not-empty-answers",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        summary:
        role:
          titles:
          seniority:
        goals:
        jobs_to_be_done:
          - when: a bank sends a 300-question review
            want: answers from evidence already collected
            so_that:
        """,
        [],
    ),
    Case(
        "messages-name-the-path",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        evidence:
          - id: interviews
            type: interview
            date: 2026-10-01
            summary: Twelve CISOs on audit preparation
            url: ""
        """,
        [(10, 10, "Q004")],
        message="evidence[0].url has an empty value",
    ),
    Case(
        "fields-with-a-missing-field-rule-are-left-to-it",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          motivations: []
          trust:
        decision:
          committee_role:
        lenses:
          marketing:
            loss_feared: a qualified audit opinion
            unspoken_objection: ""
          sales: {}
        review:
          last_reviewed:
        """,
        [],
    ),
    Case(
        "blank-entry-beside-real-ones",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          fears:
            - being blamed for a breach
            - ""
        """,
        [(8, 7, "Q004")],
        message="whole_person.fears[1] has an empty entry",
    ),
    Case(
        "every-counted-lens-field-is-left-to-its-rule",
        "Q004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        lenses:
          marketing:
            loss_feared: a qualified audit opinion
            unspoken_objection: my team cannot absorb another tool
            comparison_set: []
          support:
            churn_signals: [a parallel spreadsheet again]
            disappointment_language: [""]
        """,
        [],
    ),
    Case(
        "user-sales-lens-is-not-L001s",
        "Q004",
        """\
        schema_version: 1
        id: engineer
        name: On-call Omar
        kind: user
        decision:
          committee_role:
        lenses:
          sales: {}
        """,
        [(8, 10, "Q004")],
        message="lenses.sales is empty",
    ),
    Case(
        "internal-decision-and-lens-fields-are-not-R-or-L",
        "Q004",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        decision:
          proof_required: []
        lenses:
          marketing:
            loss_feared: ""
        """,
        [(6, 19, "Q004"), (9, 18, "Q004")],
        message="decision.proof_required is an empty list",
    ),
    Case("complete", "Q004", BUYER, []),
    # The new homes for real content are prose where the field table says so, and extension
    # keys (x-...) are a team's own data that no rule reads.
    Case(
        "new-text-fields-are-prose",
        "Q001",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        company: {type: TBD, industry: local government}
        tools: [Excel, "???"]
        influences:
          channels:
            - {channel: LinkedIn, stage: TODO}
        messaging:
          support: [lorem ipsum]
        notes:
          - heading: A day in the life
            text: TBC after the diary study
        """,
        [(5, 17, "Q001"), (6, 16, "Q001"), (9, 34, "Q001"), (11, 13, "Q001"), (14, 11, "Q001")],
        message="company.type is only 'TBD', a placeholder",
    ),
    Case(
        "provenance-and-extensions-are-not-prose",
        "Q001",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        x-crm-id: TBD
        role:
          x-notes: [TODO, "???"]
        notes:
          - heading: Context
            text: From the diary study.
            x-status: TBD
        provenance:
          source: drafts/TODO/personas.md
          format: markdown
          location: N/A
        """,
        [],
    ),
    Case(
        "extensions-are-not-generic",
        "Q002",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        x-segment-notes: [Wants innovation]
        whole_person:
          traits: [Wants innovation]
        """,
        [(7, 12, "Q002")],
        message="'Wants innovation' is a generic statement",
    ),
    Case(
        "extensions-are-not-duplicates",
        "Q003",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        x-tags: [records, Records]
        tools: [Excel, excel]
        """,
        [(6, 16, "Q003")],
        message="tools[1] duplicates entry 0",
    ),
    Case(
        "extensions-are-not-empty-values",
        "Q004",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        x-tags: []
        background:
          x-notes: ""
          career: [""]
        """,
        [(8, 12, "Q004")],
        message="background.career[0] has an empty entry",
    ),
    # Q001 on real text: the 18F table's legend letters (B, D, N fill 9 of its 12 rows) and
    # whole-value placeholders in any text field, judged on the whole trimmed value.
    Case(
        "legend-letters-from-the-18f-table",
        "Q001",
        """\
        schema_version: 1
        id: omb-manager
        name: OMB Manager
        kind: user
        pains: [N]
        whole_person:
          behaviours: [B]
          traits: [D]
        """,
        [(5, 9, "Q001"), (7, 16, "Q001"), (8, 12, "Q001")],
        message="pains[0] is only 'N', a placeholder; write the real content",
    ),
    Case(
        "whole-value-placeholders-in-any-field",
        "Q001",
        """\
        schema_version: 1
        id: clerk
        name: Careful Clara
        kind: user
        goals: ["?", "??", "--", "N/A.", na, " tbc ", Fill me in!, placeholder]
        background:
          education: ["-"]
        company: {industry: ...}
        influences:
          trusted_sources: [n.a.]
        jobs_to_be_done:
          - want: file the quarterly report
            so_that: TODO
        notes:
          - heading: Pain points
            text: "…"
        """,
        [
            (5, 9, "Q001"),
            (5, 14, "Q001"),
            (5, 20, "Q001"),
            (5, 26, "Q001"),
            (5, 34, "Q001"),
            (5, 38, "Q001"),
            (5, 47, "Q001"),
            (5, 60, "Q001"),
            (7, 15, "Q001"),
            (8, 21, "Q001"),
            (10, 21, "Q001"),
            (13, 14, "Q001"),
            (16, 11, "Q001"),
        ],
        message="goals[3] is only 'N/A.', a placeholder",
    ),
    Case(
        "real-words-and-names-are-not-placeholders",
        "Q001",
        """\
        schema_version: 1
        id: journalists
        name: Journalists
        kind: user
        summary: NASA and NATO data, national statistics, A/B tests
        pains:
          - Deadline pressures
          - PGov not useful
          - Length of FOIA request timelines
        tools: [C, R, Go, Excel]
        whole_person:
          traits: [Uses data, Na, 钱]
        notes:
          - heading: segment
            text: "*"
        """,
        [(12, 23, "Q001")],
        message="whole_person.traits[1] is only 'Na', a placeholder",
    ),
    Case(
        "option-single-letters-off",
        "Q001",
        """\
        schema_version: 1
        id: omb-manager
        name: OMB Manager
        kind: user
        pains: [N, n/a]
        """,
        [(5, 12, "Q001")],
        options={"single-letters": False},
    ),
    Case(
        "option-extend-values",
        "Q001",
        """\
        schema_version: 1
        id: omb-manager
        name: OMB Manager
        kind: user
        pains: [See notes., n/a]
        """,
        [(5, 9, "Q001"), (5, 21, "Q001")],
        options={"extend-values": ["see notes"]},
        message="pains[0] is only 'See notes.', a placeholder",
    ),
    Case(
        "option-values-replace-the-defaults",
        "Q001",
        """\
        schema_version: 1
        id: omb-manager
        name: OMB Manager
        kind: user
        pains: [See notes, n/a, "-"]
        """,
        [(5, 9, "Q001"), (5, 25, "Q001")],
        options={"values": ["see notes"], "patterns": []},
    ),
    Case(
        "extension-legend-letters-are-not-read",
        "Q001",
        """\
        schema_version: 1
        id: omb-manager
        name: OMB Manager
        kind: user
        x-legend: [B, D, N]
        pains: [Finding data needed for work]
        """,
        [],
    ),
    # Q002 by shape, on statements from the GitLab handbook and FinOps personas.
    Case(
        "vague-adverb-pairs-and-outcomes",
        "Q002",
        """\
        schema_version: 1
        id: back-office-blake
        name: Back Office Blake
        kind: buyer
        goals:
          - Manage business operations effectively and efficiently
          - Increase productivity
          - Deliver innovative, market leading solutions cost effectively
          - Assess and understand all risks, then develop policies to keep risk tolerable
        pains:
          - Tool and process sprawl
          - The need to increase the speed of development
        whole_person:
          motivations:
            - Contributing to solving real problems
            - Contributing to a greater purpose/ mission
            - Career growth/learning (and the ability to fail/learn in a safe environment)
            - Leading organizational change
        """,
        [(6, 5, "Q002"), (7, 5, "Q002"), (8, 5, "Q002"), (15, 7, "Q002"), (16, 7, "Q002")],
        message="'Contributing to solving real problems' names no concrete object or outcome",
    ),
    Case(
        "adverb-pair-message",
        "Q002",
        """\
        schema_version: 1
        id: back-office-blake
        name: Back Office Blake
        kind: buyer
        goals: [Manage business operations effectively and efficiently]
        """,
        [(5, 9, "Q002")],
        message="rests on 'effectively and efficiently', which fits any persona",
    ),
    Case(
        "one-word-metrics",
        "Q002",
        """\
        schema_version: 1
        id: platform-perry
        name: Platform Perry
        kind: buyer
        role:
          measured_by:
            - Efficiency / Speed
            - Results / Speed (time to market)
            - Number of Incidents / Time to Respond & Mitigate
            - Unit Cost Economics
            - Revenue Growth
        """,
        [(7, 7, "Q002"), (8, 7, "Q002")],
        message="role.measured_by[0] names 'Efficiency', 'Speed', which say nothing measurable",
    ),
    Case(
        "a-jobs-outcome-is-judged-its-want-with-it",
        "Q002",
        """\
        schema_version: 1
        id: cameron
        name: Cameron
        kind: user
        jobs_to_be_done:
          - when: I'm supporting an audit
            want: the information to be available quickly and easily
            so_that: I can reduce the disruption of the evidence collection process
          - when: I'm monitoring my dashboards for security alerts or incidents
            want: to see everything I am monitoring in one tool
            so_that: I can do my job easier and more efficiently
        """,
        [(11, 14, "Q002")],
        message="rests on 'easier and more efficiently'",
    ),
    Case(
        "shapes-only-in-statement-fields",
        "Q002",
        """\
        schema_version: 1
        id: journalists
        name: Journalists
        kind: user
        summary: Contributing to solving real problems
        whole_person:
          traits: [Wants to impact the world]
        """,
        [],
    ),
    Case(
        "option-shapes-off",
        "Q002",
        """\
        schema_version: 1
        id: platform-perry
        name: Platform Perry
        kind: buyer
        goals: [Wants innovation, Increase productivity]
        role:
          measured_by: [Efficiency]
        """,
        [(5, 9, "Q002")],
        options={"shapes": False},
    ),
    Case(
        "option-extend-vague-words-and-metrics",
        "Q002",
        """\
        schema_version: 1
        id: platform-perry
        name: Platform Perry
        kind: buyer
        goals: [Modernise everything]
        role:
          measured_by: [Velocity, Deployments per week]
        """,
        [(5, 9, "Q002"), (7, 17, "Q002")],
        options={
            "extend-vague-words": ["modernise", "everything"],
            "extend-vague-metrics": ["velocity"],
        },
    ),
    Case(
        "option-fields",
        "Q002",
        """\
        schema_version: 1
        id: platform-perry
        name: Platform Perry
        kind: buyer
        goals: [Increase productivity]
        role:
          measured_by: [Efficiency]
        whole_person:
          traits: [Wants to impact the world]
        """,
        [(9, 12, "Q002")],
        options={"statement-fields": ["whole_person.traits"], "metric-fields": []},
    ),
    Case(
        "individual-own-text-only",
        "Q004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        summary: ""
        """,
        [(6, 10, "Q004")],
        others=[BUYER],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_quality_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


@pytest.mark.parametrize("option", ["patterns", "extend-patterns"])
def test_placeholder_patterns_must_compile(option: str) -> None:
    with pytest.raises(ValidationError, match=r"'\(' is not a regular expression"):
        engine("Q001", options={option: [r"\bWIP\b", "("]})


@pytest.mark.parametrize("option", ["statement-fields", "metric-fields"])
def test_generic_fields_must_be_persona_fields(option: str) -> None:
    with pytest.raises(ValidationError, match=r"unknown field 'role\.measuredby'"):
        engine("Q002", options={option: ["goals", "role.measuredby"]})
