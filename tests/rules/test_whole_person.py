"""Whole-person rules (W001-W006): the emotional fields, and fears that restate the job."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import BUYER, Case, case_id, check

#: Every whole-person field but one is filled; each W00x row removes a different one.
ALL_BUT_MOTIVATIONS = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    whole_person:
      fears: [being blamed for a breach]
      career_ambitions: [a board seat]
      external_pressures: [a regulator's audit due in Q3]
      trust: needs_proof
    """

EMPTY_SECTION = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    whole_person:
      quotes: [I sign nothing I cannot defend]
    """

CASES = [
    # W001 missing-motivations: the shape of every missing-field row.
    Case(
        "missing-from-section",
        "W001",
        ALL_BUT_MOTIVATIONS,
        [(5, 1, "W001")],
        message="whole_person.motivations is missing: what drives them personally, beyond the "
        "job description?",
    ),
    Case(
        "no-section-points-at-first-key",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        """,
        [(1, 1, "W001")],
    ),
    Case(
        "empty-list",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          motivations: []
        """,
        [(6, 3, "W001")],
    ),
    Case(
        "blank-entries-only",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          motivations:
            - ""
            - "   "
        """,
        [(6, 3, "W001")],
    ),
    Case(
        "null",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          motivations:
          fears: [being blamed for a breach]
        """,
        [(6, 3, "W001")],
    ),
    Case(
        "one-real-entry-is-enough",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          motivations: ["", being seen by the board as the adult in the room]
        """,
        [],
    ),
    Case(
        "internal-kind-too",
        "W001",
        """\
        schema_version: 1
        id: enablement
        name: Enablement Erin
        kind: internal
        whole_person:
          fears: [a launch her reps cannot explain]
        """,
        [(5, 1, "W001")],
    ),
    Case(
        "user-kind-too",
        "W001",
        """\
        schema_version: 1
        id: engineer
        name: On-call Omar
        kind: user
        """,
        [(1, 1, "W001")],
    ),
    Case(
        "retired-skipped",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: retired
        """,
        [],
    ),
    Case(
        "retired-linted-with-include-retired",
        "W001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: retired
        """,
        [(1, 1, "W001")],
        include_retired=True,
    ),
    Case(
        "individual-inherits-from-parent",
        "W001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          fears: [losing the sponsor bank]
        """,
        [],
        others=[BUYER],
    ),
    Case(
        "individual-emptying-the-parent-list",
        "W001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          motivations: []
        """,
        [(7, 3, "W001")],
        others=[BUYER],
    ),
    Case(
        "individual-and-parent-both-lack-it",
        "W001",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        """,
        [(1, 1, "W001")],
        others=[ALL_BUT_MOTIVATIONS],
        elsewhere=[("ciso.yaml", 5, 1, "W001")],
    ),
    # W002-W005: the same rule on the other four fields.
    Case("missing", "W002", EMPTY_SECTION, [(5, 1, "W002")], message="whole_person.fears"),
    Case("present", "W002", ALL_BUT_MOTIVATIONS, []),
    Case(
        "missing",
        "W003",
        EMPTY_SECTION,
        [(5, 1, "W003")],
        message="where do they want their career to go next?",
    ),
    Case("present", "W003", ALL_BUT_MOTIVATIONS, []),
    Case(
        "missing",
        "W004",
        EMPTY_SECTION,
        [(5, 1, "W004")],
        message="whole_person.external_pressures is missing",
    ),
    Case("present", "W004", ALL_BUT_MOTIVATIONS, []),
    Case(
        "missing",
        "W005",
        EMPTY_SECTION,
        [(5, 1, "W005")],
        message="how much proof do they need before they trust a vendor's claims?",
    ),
    Case(
        "null",
        "W005",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        whole_person:
          trust:
        """,
        [(6, 3, "W005")],
    ),
    Case("present", "W005", ALL_BUT_MOTIVATIONS, []),
    Case(
        "individual-overrides-trust",
        "W005",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          trust: open
        """,
        [],
        others=[BUYER],
    ),
    # W006 restated-professional: compared ignoring case, punctuation and spacing.
    Case(
        "motivation-restates-goal",
        "W006",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        goals:
          - reduce audit findings
        whole_person:
          motivations:
            - being trusted by the board
            - Reduce   audit findings!
        """,
        [(10, 7, "W006")],
        message="whole_person.motivations[1] repeats an entry of goals",
    ),
    Case(
        "fear-restates-pain",
        "W006",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        pains: [Manual evidence collection]
        whole_person:
          fears: [manual evidence collection.]
        """,
        [(7, 11, "W006")],
        message="repeats an entry of pains",
    ),
    Case(
        "says-what-it-means-to-the-person",
        "W006",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        goals: [reduce audit findings]
        whole_person:
          motivations: [reduce audit findings so the board stops second-guessing her]
        """,
        [],
    ),
    Case(
        "other-whole-person-fields-not-compared",
        "W006",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        goals: [become CISO of a public company]
        whole_person:
          career_ambitions: [become CISO of a public company]
        """,
        [],
    ),
    Case(
        "individual-restates-the-parents-goal",
        "W006",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        whole_person:
          fears:
            - Evidence lives in screenshots and one analyst's memory
        """,
        [(8, 7, "W006")],
        others=[BUYER],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_whole_person_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
