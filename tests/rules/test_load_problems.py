"""The loading problems the reader and validator stamp (domain) and the lint rules that
document them (`persona rule CODE`) are one catalogue: same codes, names and severities."""

from __future__ import annotations

from persona_cli.domain import load_problems
from persona_cli.lint.rules.catalogue import REGISTRY


def test_every_loading_problem_is_a_documented_rule_with_the_same_name_and_severity() -> None:
    kinds = [
        value
        for value in vars(load_problems).values()
        if isinstance(value, load_problems.LoadProblem)
    ]
    assert {kind.code for kind in kinds} >= {"Y001", "Y011", "S001", "S002", "S003"}
    for kind in kinds:
        rule = REGISTRY[kind.code]
        assert (rule.name, rule.severity) == (kind.name, kind.severity), kind.code


def test_a_loading_problem_makes_a_finding_under_its_code() -> None:
    finding = load_problems.UNKNOWN_KEY.finding("p.yaml", 3, 5, "unknown key 'x'")
    assert (finding.code, finding.rule, finding.line, finding.column) == (
        "S002",
        "unknown-key",
        3,
        5,
    )
