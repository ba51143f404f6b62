"""Freshness rules (F001-F004): someone owns the persona and refreshed it recently.

Ages are judged as of TODAY, 2026-11-22; 180 days earlier is 2026-05-26.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import BUYER, Case, case_id, check

NO_REVIEW = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    """

OWNERS_ONLY = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    review:
      owners: [maria@example.com]
    """

#: Reviewed exactly 180 days ago: still within the default interval.
REVIEWED_180_DAYS_AGO = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    review:
      last_reviewed: 2026-05-26
    """

REVIEWED_181_DAYS_AGO = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    review:
      last_reviewed: 2026-05-25
    """

RETIRED_NO_REVIEW = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    status: retired
    """

REVIEWED_IN_THE_FUTURE = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    review:
      last_reviewed: 2027-01-15
    """

REVIEWED_TODAY = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    review:
      last_reviewed: 2026-11-22
    """

CASES = [
    # F001 missing-last-reviewed
    Case(
        "no-review-points-at-first-key",
        "F001",
        NO_REVIEW,
        [(1, 1, "F001")],
        message="review.last_reviewed is missing",
    ),
    Case("owners-only", "F001", OWNERS_ONLY, [(5, 1, "F001")]),
    Case(
        "null",
        "F001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        review:
          owners: [maria@example.com]
          last_reviewed:
        """,
        [(7, 3, "F001")],
    ),
    Case("present", "F001", REVIEWED_180_DAYS_AGO, []),
    Case("retired-skipped", "F001", RETIRED_NO_REVIEW, []),
    Case(
        "retired-linted-with-include-retired",
        "F001",
        RETIRED_NO_REVIEW,
        [(1, 1, "F001")],
        include_retired=True,
    ),
    Case(
        # Review is never inherited (each file is owned and reviewed on its own, as `persona
        # age` reads it): a profile of a reviewed persona still records its own review.
        "a-child-is-reviewed-on-its-own",
        "F001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [(1, 1, "F001")],
        others=[BUYER],
    ),
    # F002 review-overdue: older than review.interval_days (180 by default)
    Case(
        "one-day-over",
        "F002",
        REVIEWED_181_DAYS_AGO,
        [(6, 18, "F002")],
        message="last reviewed 181 days ago, over the 180-day interval",
    ),
    Case("exactly-at-the-interval", "F002", REVIEWED_180_DAYS_AGO, []),
    Case(
        "own-interval",
        "F002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        review:
          last_reviewed: 2026-10-15
          interval_days: 30
        """,
        [(6, 18, "F002")],
        message="last reviewed 38 days ago, over the 30-day interval",
    ),
    Case(
        "own-longer-interval",
        "F002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        review:
          last_reviewed: 2026-03-01
          interval_days: 365
        """,
        [],
    ),
    Case("never-reviewed-is-F001s", "F002", OWNERS_ONLY, []),
    Case(
        "future-is-F003s",
        "F002",
        REVIEWED_IN_THE_FUTURE,
        [],
    ),
    Case(
        "individual-refreshes-an-overdue-parent",
        "F002",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        review:
          last_reviewed: 2026-11-02
        """,
        [],
        others=[REVIEWED_181_DAYS_AGO],
        elsewhere=[("ciso.yaml", 6, 18, "F002")],
    ),
    Case(
        "a-child-does-not-inherit-an-overdue-review",
        "F002",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [],
        others=[REVIEWED_181_DAYS_AGO],
        elsewhere=[("ciso.yaml", 6, 18, "F002")],
    ),
    # F003 future-date: review and evidence dates after today
    Case(
        "future-review",
        "F003",
        REVIEWED_IN_THE_FUTURE,
        [(6, 18, "F003")],
        message="last_reviewed 2027-01-15 is in the future (today is 2026-11-22)",
    ),
    Case("today-is-not-future", "F003", REVIEWED_TODAY, []),
    Case(
        "future-evidence",
        "F003",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        evidence:
          - id: interviews
            type: interview
            date: 2026-09-14
            summary: 12 CISOs on audit preparation
          - id: survey-2027
            type: survey
            date: 2026-11-23
            summary: a survey still in the field
        review:
          last_reviewed: 2026-11-22
        """,
        [(12, 11, "F003")],
        message="evidence 'survey-2027' is dated 2026-11-23, in the future",
    ),
    Case("past-dates", "F003", BUYER, []),
    # F004 missing-owner
    Case(
        "review-without-owners",
        "F004",
        REVIEWED_180_DAYS_AGO,
        [(5, 1, "F004")],
        message="no owner: add review.owners",
    ),
    Case("no-review-points-at-first-key", "F004", NO_REVIEW, [(1, 1, "F004")]),
    Case("present", "F004", OWNERS_ONLY, []),
    Case(
        "internal-kind-too",
        "F004",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        """,
        [(1, 1, "F004")],
    ),
    Case(
        "a-child-names-its-own-owners",
        "F004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        review:
          last_reviewed: 2026-11-02
        """,
        [(6, 1, "F004")],
        others=[BUYER],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_freshness_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
