"""Content rules (M001-M004): a note that belongs in a field, buying roles that contradict
the committee role, a channel listed twice, a team nobody briefs. None reports a field as
missing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.rules.common import BUYER, USER, Case, case_id, check, lint_files

HEAD = """\
    schema_version: 1
    id: clerk
    name: Careful Clara
    kind: user
"""

CASES = [
    # M001 note-belongs-in-field
    Case(
        "headings-that-name-fields",
        "M001",
        HEAD
        + """\
    notes:
      - heading: Pain points
        text: Chasing colleagues for evidence before every audit.
      - heading: "  TOOLS:"
        text: Excel and the council's records system.
      - heading: Career_history
        text: Ten years in the records office.
    """,
        [(6, 14, "M001"), (8, 14, "M001"), (10, 14, "M001")],
        message="notes[0] is headed 'Pain points', which is what `pains` holds; move its "
        "text into pains",
    ),
    Case(
        "tools-heading-names-tools",
        "M001",
        HEAD
        + """\
    notes:
      - heading: Tools and technologies
        text: Excel.
    """,
        [(6, 14, "M001")],
        message="which is what `tools` holds",
    ),
    Case(
        "headings-no-field-holds",
        "M001",
        HEAD
        + """\
    notes:
      - heading: A day in the life
        text: Starts at 7:30 with the overnight requests.
      - heading: Pain points in procurement
        text: Three quotes for anything over 5,000 pounds.
    tools: [Excel]
    """,
        [],
    ),
    Case("complete-user", "M001", USER, []),
    # M002 buying-roles-disagree
    Case(
        "seat-not-among-the-buying-roles",
        "M002",
        HEAD
        + """\
    role:
      buying_roles: [Influencer, Decision-maker, Initiator]
    decision:
      committee_role: blocker
    """,
        [(8, 19, "M002")],
        message="decision.committee_role is blocker, but role.buying_roles names Influencer "
        "(influencer), Decision-maker (economic_buyer); make the two agree",
    ),
    Case(
        "seat-among-the-buying-roles",
        "M002",
        HEAD
        + """\
    role:
      buying_roles: [Influencer, decision maker, User]
    decision:
      committee_role: economic_buyer
    """,
        [],
    ),
    Case(
        "buying-roles-with-no-seat",
        "M002",
        HEAD
        + """\
    role:
      buying_roles: [Initiator]
    decision:
      committee_role: champion
    """,
        [],
    ),
    Case(
        "only-one-of-the-two",
        "M002",
        HEAD
        + """\
    role:
      buying_roles: [Gatekeeper]
    """,
        [],
    ),
    Case("complete-buyer", "M002", BUYER, []),
    # M003 duplicate-channel
    Case(
        "same-channel-same-stage",
        "M003",
        HEAD
        + """\
    influences:
      channels:
        - {channel: Peer reviews, stage: consideration}
        - {channel: LinkedIn}
        - {channel: " peer  REVIEWS", stage: Consideration}
        - {channel: linkedin}
    """,
        [(9, 7, "M003"), (10, 7, "M003")],
        message="influences.channels[2] repeats channel 'peer  REVIEWS' at stage "
        "'Consideration' (entry 0); remove one",
    ),
    Case(
        "same-channel-other-stage",
        "M003",
        HEAD
        + """\
    influences:
      channels:
        - {channel: Peer reviews, stage: consideration}
        - {channel: Peer reviews, stage: decision}
        - {channel: Peer reviews}
    """,
        [],
    ),
    # M004 unknown-team
    Case(
        "a-typo-and-a-custom-team",
        "M004",
        HEAD
        + """\
    teams: [product, sale, customer-success]
    """,
        [(5, 18, "M004"), (5, 24, "M004")],
        message="team 'sale' has no built-in briefing and is not a configured custom team; "
        "did you mean 'sales'?",
    ),
    Case(
        "a-configured-custom-team",
        "M004",
        HEAD
        + """\
    teams: [support, customer-success]
    """,
        [],
        options={"custom-teams": ["customer-success"]},
    ),
    Case("built-in-teams", "M004", HEAD + "    teams: [marketing, sales, product, support]\n", []),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


def _example(code: str, which: str) -> str:
    """The YAML under `Failing:` or `Passing:` in the rule's documentation."""
    from persona_cli.lint.rules.catalogue import REGISTRY

    text = REGISTRY[code].documentation()
    after = text.split(f"{which}:\n", 1)[1]
    return textwrap.dedent(after.split("Passing:\n", 1)[0]).strip() + "\n"


@pytest.mark.parametrize("code", ["M001", "M002", "M003", "M004"])
def test_the_documented_examples_fail_and_pass(code: str, tmp_path: Path) -> None:
    for which, expected in (("Failing", True), ("Passing", False)):
        head = textwrap.dedent(HEAD).replace("clerk", f"clerk-{which.lower()}")
        body = head + _example(code, which)
        found = lint_files(tmp_path / which, code, [body])
        assert bool(found) == expected, (which, body, found)
