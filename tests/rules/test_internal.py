"""Internal-persona rules (N001-N002): how to inform and work with a colleague."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import INTERNAL, Case, case_id, check

TIPS_ONLY = """\
    schema_version: 1
    id: enablement
    name: Enablement Erin
    kind: internal
    internal:
      collaboration_tips: [bring a recorded call, not a research deck]
    """

WANTS_TO_KNOW_ONLY = """\
    schema_version: 1
    id: enablement
    name: Enablement Erin
    kind: internal
    internal:
      wants_to_know: big_picture
    """

BUYER_WITHOUT_INTERNAL = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    """

CASES = [
    Case(
        "missing",
        "N001",
        TIPS_ONLY,
        [(5, 1, "N001")],
        message="internal.wants_to_know is missing: do they want the big picture, the tactics, "
        "or both?",
    ),
    Case(
        "no-section-points-at-first-key",
        "N001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        """,
        [(1, 1, "N001")],
    ),
    Case(
        "null",
        "N001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        internal:
          wants_to_know:
          collaboration_tips: [bring a recorded call, not a research deck]
        """,
        [(6, 3, "N001")],
    ),
    Case("present", "N001", WANTS_TO_KNOW_ONLY, []),
    Case("complete", "N001", INTERNAL, []),
    Case("buyer-exempt", "N001", BUYER_WITHOUT_INTERNAL, []),
    Case(
        "user-exempt",
        "N001",
        """\
        schema_version: 1
        id: engineer
        name: On-call Omar
        kind: user
        """,
        [],
    ),
    Case(
        "retired-skipped",
        "N001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        status: retired
        """,
        [],
    ),
    Case(
        "retired-linted-with-include-retired",
        "N001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        status: retired
        """,
        [(1, 1, "N001")],
        include_retired=True,
    ),
    Case(
        "missing",
        "N002",
        WANTS_TO_KNOW_ONLY,
        [(5, 1, "N002")],
        message="internal.collaboration_tips is missing: what should a colleague know to work "
        "well with them?",
    ),
    Case(
        "blank-entries-only",
        "N002",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        internal:
          wants_to_know: tactics
          collaboration_tips: [" "]
        """,
        [(7, 3, "N002")],
    ),
    Case("present", "N002", TIPS_ONLY, []),
    Case("buyer-exempt", "N002", BUYER_WITHOUT_INTERNAL, []),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_internal_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
