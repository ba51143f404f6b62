"""Evidence rules (E001-E006): claims trace to dated sources of more than one kind, and a
persona without any is a guess whatever its status.

Ages are judged as of TODAY, 2026-11-22.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import BUYER, Case, case_id, check

VALIDATED_WITHOUT_EVIDENCE = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    status: validated
    """

OLD_SURVEY = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    evidence:
      - id: survey-2024
        type: survey
        date: 2024-05-01
        summary: 300 CISOs on audit tooling
    """

#: Two entries from the last two months, one type: sales calls only.
SALES_CALLS = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    evidence:
      - {id: call-1, type: sales_call, date: 2026-09-01, summary: Acme discovery call}
      - {id: call-2, type: sales_call, date: 2026-10-01, summary: Globex demo}
    """

TWO_TYPES = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    evidence:
      - {id: call-1, type: sales_call, date: 2026-09-01, summary: Acme discovery call}
      - {id: interviews, type: interview, date: 2026-10-01, summary: 12 CISOs}
    """

CASES = [
    # E001 validated-without-evidence
    Case(
        "validated-without-evidence",
        "E001",
        VALIDATED_WITHOUT_EVIDENCE,
        [(5, 9, "E001")],
        message="status is validated but no evidence is listed",
    ),
    Case(
        "validated-with-empty-list",
        "E001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: validated
        evidence: []
        """,
        [(5, 9, "E001")],
    ),
    Case(
        "validated-with-evidence",
        "E001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: validated
        evidence:
          - {id: interviews, type: interview, date: 2026-10-01, summary: 12 CISOs}
        """,
        [],
    ),
    Case(
        "draft-without-evidence",
        "E001",
        VALIDATED_WITHOUT_EVIDENCE.replace("validated", "draft"),
        [],
    ),
    Case(
        "status-defaults-to-draft",
        "E001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        """,
        [],
    ),
    Case(
        "internal-kind-too",
        "E001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        status: validated
        """,
        [(5, 9, "E001")],
    ),
    Case(
        "individual-inherits-the-parents-evidence",
        "E001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        status: validated
        """,
        [],
        others=[BUYER],
    ),
    Case(
        "individual-of-a-draft-parent",
        "E001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        status: validated
        """,
        [(6, 9, "E001")],
        others=[VALIDATED_WITHOUT_EVIDENCE.replace("validated", "draft")],
    ),
    # E006 draft-without-evidence: every persona that is not validated (E001's) needs
    # evidence; the imported GitLab and 18F personas are all drafts without any.
    Case(
        "imported-draft-without-evidence",
        "E006",
        """\
        schema_version: 1
        id: compliance-cooper
        name: Compliance Cooper
        kind: buyer
        status: draft
        pains:
          - Tool and process sprawl
        """,
        [(1, 1, "E006")],
        message="evidence is missing: which research is this persona built on?",
    ),
    Case(
        "status-defaults-to-draft",
        "E006",
        """\
        schema_version: 1
        id: journalists
        name: Journalists
        kind: user
        pains: [Deadline pressures]
        """,
        [(1, 1, "E006")],
    ),
    Case(
        "empty-evidence-list",
        "E006",
        """\
        schema_version: 1
        id: journalists
        name: Journalists
        kind: user
        evidence: []
        """,
        [(5, 1, "E006")],
    ),
    Case(
        "internal-kind-too",
        "E006",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        """,
        [(1, 1, "E006")],
    ),
    Case("validated-is-E001s", "E006", VALIDATED_WITHOUT_EVIDENCE, []),
    Case("draft-with-evidence", "E006", OLD_SURVEY, []),
    Case(
        "retired-skipped",
        "E006",
        VALIDATED_WITHOUT_EVIDENCE.replace("validated", "retired"),
        [],
    ),
    Case(
        "individual-inherits-the-parents-evidence",
        "E006",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [],
        others=[BUYER],
    ),
    Case(
        "individual-of-a-parent-without-evidence",
        "E006",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [(1, 1, "E006")],
        others=[VALIDATED_WITHOUT_EVIDENCE.replace("validated", "draft")],
        elsewhere=[("ciso.yaml", 1, 1, "E006")],
    ),
    # E002 evidence-outdated: the newest entry counts (365 days by default).
    Case(
        "only-old-evidence",
        "E002",
        OLD_SURVEY,
        [(8, 11, "E002")],
        message="the newest evidence is 935 days old (limit 365)",
    ),
    Case(
        "exactly-at-the-limit",
        "E002",
        OLD_SURVEY.replace("2024-05-01", "2025-11-22"),
        [],
    ),
    Case(
        "one-day-over",
        "E002",
        OLD_SURVEY.replace("2024-05-01", "2025-11-21"),
        [(8, 11, "E002")],
        message="366 days old",
    ),
    Case("old-and-new", "E002", BUYER, []),
    Case(
        "points-at-the-newest-entry",
        "E002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        evidence:
          - {id: survey-2024, type: survey, date: 2024-05-01, summary: CISO survey}
          - {id: survey-2025, type: survey, date: 2025-02-01, summary: CISO survey}
          - {id: survey-2023, type: survey, date: 2023-05-01, summary: CISO survey}
        """,
        [(7, 43, "E002")],
    ),
    Case("no-evidence-is-E001s", "E002", VALIDATED_WITHOUT_EVIDENCE, []),
    Case(
        "option-max-age-days",
        "E002",
        TWO_TYPES,
        [(7, 45, "E002")],
        options={"max-age-days": 30},
        message="52 days old (limit 30)",
    ),
    Case("option-max-age-days-generous", "E002", OLD_SURVEY, [], options={"max-age-days": 1000}),
    Case(
        "retired-skipped",
        "E002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: retired
        evidence:
          - {id: survey-2024, type: survey, date: 2024-05-01, summary: CISO survey}
        """,
        [],
    ),
    Case(
        "retired-linted-with-include-retired",
        "E002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: retired
        evidence:
          - {id: survey-2024, type: survey, date: 2024-05-01, summary: CISO survey}
        """,
        [(7, 43, "E002")],
        include_retired=True,
    ),
    Case(
        "individual-replaces-the-parents-evidence",
        "E002",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        evidence:
          - {id: acme-call, type: sales_call, date: 2025-01-10, summary: Acme discovery}
        """,
        [(7, 45, "E002")],
        others=[BUYER],
    ),
    # E003 evidence-one-type (at least 2 types by default)
    Case(
        "one-type",
        "E003",
        SALES_CALLS,
        [(5, 1, "E003")],
        message="all 2 evidence entries are of type sales_call; add at least 2 types",
    ),
    Case("single-entry", "E003", OLD_SURVEY, [(5, 1, "E003")]),
    Case("two-types", "E003", TWO_TYPES, []),
    Case("no-evidence", "E003", VALIDATED_WITHOUT_EVIDENCE, []),
    Case(
        "option-min-types-raised",
        "E003",
        TWO_TYPES,
        [(5, 1, "E003")],
        options={"min-types": 3},
        message="add at least 3 types",
    ),
    Case("option-min-types-one", "E003", SALES_CALLS, [], options={"min-types": 1}),
    Case(
        "individual-inherits-the-parents-evidence",
        "E003",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [],
        others=[BUYER],
    ),
    # E004 unknown-evidence-ref
    Case(
        "dangling-reference",
        "E004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          quotes:
            - text: I sign nothing I cannot defend
              evidence: interviews-2025
        evidence:
          - {id: interviews-2026, type: interview, date: 2026-09-01, summary: 12 CISOs}
        """,
        [(8, 17, "E004")],
        message="quote cites evidence 'interviews-2025', which is not in evidence "
        "(known: interviews-2026)",
    ),
    Case(
        "no-evidence-at-all",
        "E004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          quotes:
            - "If it goes wrong, it is my signature on the certification."
            - {text: I sign nothing I cannot defend, evidence: interviews-2025}
        """,
        [(8, 56, "E004")],
        message="quote cites evidence 'interviews-2025', which is not in evidence",
    ),
    Case("known-reference", "E004", BUYER, []),
    Case(
        "plain-quotes-cite-nothing",
        "E004",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          quotes:
            - I sign nothing I cannot defend
            - {text: Show me three fintechs our size}
        """,
        [],
    ),
    Case(
        "individual-cites-the-parents-evidence",
        "E004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          quotes:
            - {text: Acme's auditor is new this year, evidence: win-loss-2026-h2}
        """,
        [],
        others=[BUYER],
    ),
    Case(
        "individual-replacing-evidence-orphans-the-parents-quote",
        "E004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        evidence:
          - {id: acme-call, type: sales_call, date: 2026-11-02, summary: Acme discovery}
        """,
        [(1, 1, "E004")],
        others=[BUYER],
        message="(known: acme-call)",
    ),
    # E005 duplicate-evidence-id
    Case(
        "duplicate",
        "E005",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        evidence:
          - {id: interviews, type: interview, date: 2026-09-01, summary: 12 CISOs}
          - {id: interviews, type: survey, date: 2026-10-01, summary: 300 CISOs}
          - {id: interviews, type: crm, date: 2026-10-20, summary: stage aging}
        """,
        [(7, 10, "E005"), (8, 10, "E005")],
        message="evidence id 'interviews' is already used by evidence[0]",
    ),
    Case("unique", "E005", TWO_TYPES, []),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_evidence_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
