"""Committee rules (C001-C006): segment files and their buying committees, judged over the
whole set of segments and personas."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.rules.common import SetCase, case_id, check_set, engine

ROLES = ("economic_buyer", "legal_security", "champion", "technical_evaluator", "user", "user")


def segment(
    seats: list[tuple[str, str, int]], *, segment_id: str = "seg", firmographics: str = ""
) -> str:
    """A segment whose `committee` key is on line 5; seat i's `persona` value sits at line
    6 + 3i, column 14. Firmographics go after the committee so they move nothing."""
    text = f"schema_version: 1\nid: {segment_id}\nname: {segment_id.title()}\nkind: segment\n"
    if seats:
        text += "committee:\n"
        for persona, role, influence in seats:
            text += f"  - persona: {persona}\n    role: {role}\n    influence: {influence}\n"
    return text + firmographics


def seats(count: int) -> list[tuple[str, str, int]]:
    """`count` seats of distinct personas, the first one the economic buyer."""
    return [(f"p{i}", ROLES[i % len(ROLES)], 3) for i in range(count)]


def persona(
    persona_id: str, *, segment_id: str = "", decision: str = "low", status: str = ""
) -> str:
    """A persona: `segment` value at line 5, column 10 when given."""
    text = f"schema_version: 1\nid: {persona_id}\nname: {persona_id.title()}\nkind: buyer\n"
    if segment_id:
        text += f"segment: {segment_id}\n"
    if status:
        text += f"status: {status}\n"
    return text + f"decision:\n  risk_tolerance: {decision}\n"


#: A persona that extends another (`extends` value at line 5, column 10) and sets nothing else.
CHILD = "schema_version: 1\nid: {id}\nname: Child {id}\nkind: buyer\nextends: {parent}\n"


def seat(index: int) -> tuple[int, int]:
    return 6 + 3 * index, 14


BIG = "firmographics:\n  employee_range:\n    min: 1000\n"
SMALL = "firmographics:\n  employee_range:\n    min: 50\n    max: 400\n"
RICH = "firmographics:\n  revenue_range:\n    min: 200\n"
NO_RISK = [("cfo", "economic_buyer", 5), ("vpe", "champion", 3)]
WITH_RISK = [*NO_RISK, ("buyer-ops", "procurement", 3)]

CASES = [
    # C001 committee-size: 6 to 10 seats by default, reported on the `committee` key.
    SetCase(
        "too-small",
        "C001",
        [segment(seats(5))],
        [("seg.yaml", 5, 1, "C001")],
        message="the committee has 5 seats, fewer than 6; B2B purchases are decided by 6 to 10",
    ),
    SetCase("six", "C001", [segment(seats(6))], []),
    SetCase("ten", "C001", [segment(seats(10))], []),
    SetCase(
        "too-big",
        "C001",
        [segment(seats(11))],
        [("seg.yaml", 5, 1, "C001")],
        message="more than 10",
    ),
    SetCase(
        "no-committee-is-zero-seats",
        "C001",
        [segment([])],
        [("seg.yaml", 1, 1, "C001")],
        message="the committee has 0 seats",
    ),
    SetCase("option-min-max", "C001", [segment(seats(3))], [], options={"min": 2, "max": 4}),
    SetCase(
        "option-max",
        "C001",
        [segment(seats(5))],
        [("seg.yaml", 5, 1, "C001")],
        options={"min": 2, "max": 4},
        message="more than 4",
    ),
    SetCase("personas-are-not-segments", "C001", [persona("p1")], []),
    # C002 no-economic-buyer: reported on the `committee` key.
    SetCase(
        "missing",
        "C002",
        [segment([("vpe", "champion", 3), ("ciso", "legal_security", 5)])],
        [("seg.yaml", 5, 1, "C002")],
        message="no seat has role economic_buyer; add the persona who signs the budget",
    ),
    SetCase("present", "C002", [segment(seats(2))], []),
    SetCase("no-committee-left-to-C001", "C002", [segment([])], []),
    # C003 no-risk-view: deal size from the firmographics' lower bounds.
    SetCase(
        "large-accounts",
        "C003",
        [segment(NO_RISK, firmographics=BIG)],
        [("seg.yaml", 5, 1, "C003")],
        message="accounts with 1000+ employees run security, legal or procurement reviews, "
        "but no seat has role legal_security or procurement",
    ),
    SetCase(
        "rich-accounts",
        "C003",
        [segment(NO_RISK, firmographics=RICH)],
        [("seg.yaml", 5, 1, "C003")],
        message="revenue from 200M USD",
    ),
    SetCase("procurement-holds-it", "C003", [segment(WITH_RISK, firmographics=BIG)], []),
    SetCase(
        "legal-security-holds-it",
        "C003",
        [segment([*NO_RISK, ("ciso", "legal_security", 5)], firmographics=BIG)],
        [],
    ),
    SetCase("small-accounts", "C003", [segment(NO_RISK, firmographics=SMALL)], []),
    SetCase("no-firmographics-not-judged", "C003", [segment(NO_RISK)], []),
    SetCase(
        "option-threshold",
        "C003",
        [segment(NO_RISK, firmographics=BIG)],
        [],
        options={"employees-min": 2000},
    ),
    SetCase(
        "option-lower-threshold",
        "C003",
        [segment(NO_RISK, firmographics=SMALL)],
        [("seg.yaml", 5, 1, "C003")],
        options={"employees-min": 50},
        message="50+ employees",
    ),
    # C004 unknown-member: reported on the seat's `persona`.
    SetCase(
        "unknown",
        "C004",
        [segment([("cfo", "economic_buyer", 5), ("vpee", "champion", 3)]), persona("cfo")],
        [("seg.yaml", *seat(1), "C004")],
        message="no persona has id 'vpee'; check the id or add that persona",
    ),
    SetCase(
        "near-miss",
        "C004",
        [segment([("cfo-mid-markt", "economic_buyer", 5)]), persona("cfo-mid-market")],
        [("seg.yaml", *seat(0), "C004")],
        message="did you mean 'cfo-mid-market'?",
    ),
    SetCase(
        "retired",
        "C004",
        [segment([("cfo", "economic_buyer", 5)]), persona("cfo", status="retired")],
        [("seg.yaml", *seat(0), "C004")],
        message="persona 'cfo' is retired (cfo.yaml); seat its successor or remove the seat",
    ),
    SetCase("no-personas-linted", "C004", [segment([("cfo", "economic_buyer", 5)])], []),
    SetCase(
        "exists",
        "C004",
        [segment([("cfo", "economic_buyer", 5)]), persona("cfo")],
        [],
    ),
    # C005 same-mindset: same role and influence, identical decision sections.
    SetCase(
        "identical-decisions",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "legal_security", 4)]),
            persona("ciso-a"),
            persona("ciso-b"),
        ],
        [("seg.yaml", *seat(1), "C005")],
        message="'ciso-b' and 'ciso-a' (line 6) are both legal_security with influence 4 and "
        "decide identically",
    ),
    SetCase(
        "different-mindsets",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "legal_security", 4)]),
            persona("ciso-a"),
            persona("ciso-b", decision="high"),
        ],
        [],
    ),
    SetCase(
        "different-influence",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "legal_security", 2)]),
            persona("ciso-a"),
            persona("ciso-b"),
        ],
        [],
    ),
    SetCase(
        "different-roles",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "blocker", 4)]),
            persona("ciso-a"),
            persona("ciso-b"),
        ],
        [],
    ),
    SetCase(
        # A child inherits its parent's decision section: merged, the two decide identically.
        "inherited-decision",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "legal_security", 4)]),
            persona("ciso-a"),
            CHILD.format(id="ciso-b", parent="ciso-a"),
        ],
        [("seg.yaml", *seat(1), "C005")],
        message="'ciso-b' and 'ciso-a' (line 6) are both legal_security",
    ),
    SetCase(
        "child-overrides-decision",
        "C005",
        [
            segment([("ciso-a", "legal_security", 4), ("ciso-b", "legal_security", 4)]),
            persona("ciso-a"),
            CHILD.format(id="ciso-b", parent="ciso-a") + "decision:\n  risk_tolerance: high\n",
        ],
        [],
    ),
    SetCase(
        "seated-twice",
        "C005",
        [segment([("cfo", "economic_buyer", 5), ("cfo", "influencer", 2)]), persona("cfo")],
        [("seg.yaml", *seat(1), "C005")],
        message="persona 'cfo' already has a seat (line 6); one seat per persona",
    ),
    # C006 segment-mismatch: both directions.
    SetCase(
        "persona-not-seated",
        "C006",
        [
            segment([("cfo", "economic_buyer", 5)]),
            persona("cfo", segment_id="seg"),
            persona("ciso", segment_id="seg"),
        ],
        [("ciso.yaml", 5, 10, "C006")],
        message="segment 'seg' has no committee seat for 'ciso' (seg.yaml); add a seat there",
    ),
    SetCase(
        "seated-in-another-segment",
        "C006",
        [
            segment([("cfo", "economic_buyer", 5)]),
            segment([("cfo", "economic_buyer", 5)], segment_id="other"),
            persona("cfo", segment_id="other"),
        ],
        [("seg.yaml", *seat(0), "C006")],
        message="persona 'cfo' says segment 'other' (cfo.yaml), not 'seg'; fix one of the two",
    ),
    SetCase(
        "unknown-segment",
        "C006",
        [segment([("cfo", "economic_buyer", 5)]), persona("ciso", segment_id="segg")],
        [("ciso.yaml", 5, 10, "C006")],
        message="no segment has id 'segg'; did you mean 'seg'?",
    ),
    SetCase(
        "agree",
        "C006",
        [segment([("cfo", "economic_buyer", 5)]), persona("cfo", segment_id="seg")],
        [],
    ),
    SetCase(
        "no-segment-field-may-sit-anywhere",
        "C006",
        [segment([("cfo", "economic_buyer", 5)]), persona("cfo")],
        [],
    ),
    SetCase(
        # An inherited segment is the child's: it needs a seat too, reported on `extends`.
        "inherited-segment",
        "C006",
        [
            segment([("cfo", "economic_buyer", 5)]),
            persona("cfo", segment_id="seg"),
            CHILD.format(id="cfo-acme", parent="cfo"),
        ],
        [("cfo-acme.yaml", 5, 10, "C006")],
        message="segment 'seg' has no committee seat for 'cfo-acme' (seg.yaml)",
    ),
    SetCase(
        "child-seated-in-the-inherited-segment",
        "C006",
        [
            segment([("cfo", "economic_buyer", 5), ("cfo-acme", "champion", 3)]),
            persona("cfo", segment_id="seg"),
            CHILD.format(id="cfo-acme", parent="cfo"),
        ],
        [],
    ),
    SetCase("no-segments-in-use", "C006", [persona("cfo", segment_id="seg")], []),
    SetCase(
        "retired-persona-not-judged",
        "C006",
        [
            segment([("cfo", "economic_buyer", 5)]),
            persona("ciso", segment_id="seg", status="retired"),
        ],
        [],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_committee_rule(case: SetCase, tmp_path: Path) -> None:
    check_set(case, tmp_path)


def test_committee_size_rejects_min_over_max() -> None:
    with pytest.raises(ValidationError, match=r"min \(9\) must not exceed max \(7\)"):
        engine("C001", options={"min": 9, "max": 7})
