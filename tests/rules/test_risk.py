"""Risk rules: decision fields (R001-R005) and the lenses' risk fields (R011-R019)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rules.common import BUYER, Case, case_id, check

#: Decision fields all missing except adoption_stage.
DECISION_STUB = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    decision:
      adoption_stage: laggard
    """

DECISION_FULL = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    decision:
      risk_tolerance: low
      adoption_stage: late_majority
      awareness: solution_aware
      committee_role: legal_security
      proof_required: [two references at regulated fintechs]
    """

USER_DECISION = """\
    schema_version: 1
    id: engineer
    name: On-call Omar
    kind: user
    decision:
      adoption_stage: early_majority
    """

#: A colleague is not sold to: decision and lens sections without any risk field are fine.
INTERNAL_BARE = """\
    schema_version: 1
    id: enablement
    name: Enablement Erin
    kind: internal
    decision:
      decision_criteria: [does it shorten ramp time]
    lenses:
      marketing: {comparison_set: [the old playbook]}
      sales: {objections: [{objection: not this quarter}]}
      product: {success_signals: [reps use it on calls]}
      support: {expectation_gaps: [answers within the hour]}
    """

#: Each lens is filled (so L001 is quiet) but holds none of its risk fields.
LENSES_WITHOUT_RISK = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    lenses:
      marketing:
        comparison_set: [do nothing]
      sales:
        objections:
          - objection: too expensive
      product:
        success_signals: [the first audit passes]
      support:
        expectation_gaps: [same-day answers]
    """

USER_LENSES_WITHOUT_RISK = """\
    schema_version: 1
    id: engineer
    name: On-call Omar
    kind: user
    lenses:
      marketing:
        comparison_set: [his own scripts]
      sales:
        objections:
          - objection: not my budget
      product:
        success_signals: [fewer pages]
      support:
        expectation_gaps: [Terraform-aware checks]
    """

LENS_RISK_FULL = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    lenses:
      marketing:
        loss_feared: a qualified audit opinion
        unspoken_objection: my team cannot absorb another tool
      sales:
        hesitation_triggers: [a request for write access]
        authority_constraints: [the CFO signs above 50k]
        political_exposure: championed the last tool that failed
        regret_scenario: a failed audit traced to the tool
      product:
        onboarding_risks: [permissions she cannot explain]
        churn_triggers: [one rejected evidence export]
      support:
        churn_signals: [a parallel spreadsheet again]
    """

NO_LENSES = """\
    schema_version: 1
    id: ciso
    name: Cautious Carla
    kind: buyer
    """

CASES = [
    # R001-R005: decision fields, for the kinds that make buying decisions.
    Case(
        "missing",
        "R001",
        DECISION_STUB,
        [(5, 1, "R001")],
        message="decision.risk_tolerance is missing: how much risk will they accept in a purchase?",
    ),
    Case("no-section-points-at-first-key", "R001", NO_LENSES, [(1, 1, "R001")]),
    Case("present", "R001", DECISION_FULL, []),
    Case("user-needs-it", "R001", USER_DECISION, [(5, 1, "R001")]),
    Case("internal-exempt", "R001", INTERNAL_BARE, []),
    Case(
        "retired-skipped",
        "R001",
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
        "R001",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        status: retired
        """,
        [(1, 1, "R001")],
        include_retired=True,
    ),
    Case(
        "missing",
        "R002",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        decision:
          risk_tolerance: low
        """,
        [(5, 1, "R002")],
        message="decision.adoption_stage is missing",
    ),
    Case("present", "R002", DECISION_STUB, []),
    Case("internal-exempt", "R002", INTERNAL_BARE, []),
    Case("missing", "R003", DECISION_STUB, [(5, 1, "R003")], message="decision.awareness"),
    Case("present", "R003", DECISION_FULL, []),
    Case("user-needs-it", "R003", USER_DECISION, [(5, 1, "R003")]),
    Case("internal-exempt", "R003", INTERNAL_BARE, []),
    Case(
        "missing",
        "R004",
        DECISION_STUB,
        [(5, 1, "R004")],
        message="what part do they play in the buying committee?",
    ),
    Case("present", "R004", DECISION_FULL, []),
    Case("user-exempt", "R004", USER_DECISION, []),
    Case("internal-exempt", "R004", INTERNAL_BARE, []),
    Case(
        "individual-inherits-from-parent",
        "R004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        decision:
          risk_tolerance: medium
        """,
        [],
        others=[BUYER],
    ),
    Case(
        "individual-and-parent-both-lack-it",
        "R004",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        decision:
          risk_tolerance: medium
        """,
        [(6, 1, "R004")],
        others=[DECISION_STUB],
        elsewhere=[("ciso.yaml", 5, 1, "R004")],
    ),
    Case("missing", "R005", DECISION_STUB, [(5, 1, "R005")], message="what proof do they need"),
    Case(
        "empty-list",
        "R005",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        decision:
          proof_required: []
        """,
        [(6, 3, "R005")],
    ),
    Case("present", "R005", DECISION_FULL, []),
    Case("user-needs-it", "R005", USER_DECISION, [(5, 1, "R005")]),
    # R011-R019: a lens's risk fields, each reported with its question, also when the whole
    # lens is missing (L001 then says what that means for the team).
    Case(
        "missing",
        "R011",
        LENSES_WITHOUT_RISK,
        [(6, 3, "R011")],
        message="lenses.marketing.loss_feared is missing: what loss do they fear most",
    ),
    Case(
        "blank",
        "R011",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        lenses:
          marketing:
            loss_feared: "  "
            unspoken_objection: my team cannot absorb another tool
        """,
        [(7, 5, "R011")],
    ),
    Case("present", "R011", LENS_RISK_FULL, []),
    Case("whole-lens-missing-still-asks", "R011", NO_LENSES, [(1, 1, "R011")]),
    Case(
        "lens-with-only-blanks-still-asks",
        "R011",
        """\
        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
        lenses:
          marketing:
            loss_feared: ""
        """,
        [(7, 5, "R011")],
    ),
    Case("user-needs-it", "R011", USER_LENSES_WITHOUT_RISK, [(6, 3, "R011")]),
    Case("internal-exempt", "R011", INTERNAL_BARE, []),
    Case(
        "individual-inherits-from-parent",
        "R011",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso
        lenses:
          marketing:
            unspoken_objection: Acme's last GRC rollout cost her predecessor his job
        """,
        [],
        others=[BUYER],
    ),
    Case("missing", "R012", LENSES_WITHOUT_RISK, [(6, 3, "R012")], message="not say"),
    Case("present", "R012", LENS_RISK_FULL, []),
    Case("missing", "R013", LENSES_WITHOUT_RISK, [(8, 3, "R013")], message="hesitate"),
    Case("present", "R013", LENS_RISK_FULL, []),
    Case("user-exempt", "R013", USER_LENSES_WITHOUT_RISK, []),
    Case("internal-exempt", "R013", INTERNAL_BARE, []),
    Case("missing", "R014", LENSES_WITHOUT_RISK, [(8, 3, "R014")], message="who else must sign"),
    Case("present", "R014", LENS_RISK_FULL, []),
    Case("user-exempt", "R014", USER_LENSES_WITHOUT_RISK, []),
    Case(
        "missing",
        "R015",
        LENSES_WITHOUT_RISK,
        [(8, 3, "R015")],
        message="inside their organisation",
    ),
    Case("present", "R015", LENS_RISK_FULL, []),
    Case("user-exempt", "R015", USER_LENSES_WITHOUT_RISK, []),
    Case("missing", "R016", LENSES_WITHOUT_RISK, [(8, 3, "R016")], message="regret"),
    Case("present", "R016", LENS_RISK_FULL, []),
    Case("user-exempt", "R016", USER_LENSES_WITHOUT_RISK, []),
    Case("missing", "R017", LENSES_WITHOUT_RISK, [(11, 3, "R017")], message="onboarding"),
    Case("present", "R017", LENS_RISK_FULL, []),
    Case("user-needs-it", "R017", USER_LENSES_WITHOUT_RISK, [(11, 3, "R017")]),
    Case("internal-exempt", "R017", INTERNAL_BARE, []),
    Case("missing", "R018", LENSES_WITHOUT_RISK, [(11, 3, "R018")], message="early failures"),
    Case("present", "R018", LENS_RISK_FULL, []),
    Case("user-needs-it", "R018", USER_LENSES_WITHOUT_RISK, [(11, 3, "R018")]),
    Case("missing", "R019", LENSES_WITHOUT_RISK, [(13, 3, "R019")], message="about to leave"),
    Case("present", "R019", LENS_RISK_FULL, []),
    Case("user-needs-it", "R019", USER_LENSES_WITHOUT_RISK, [(13, 3, "R019")]),
    Case("internal-exempt", "R019", INTERNAL_BARE, []),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_risk_rule(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)
