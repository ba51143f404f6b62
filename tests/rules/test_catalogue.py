"""The tables cover the catalogue: a new persona or set rule without a table row fails here.

Also checks the complete personas in `common.py` pass every persona rule, which is what
lets rows use them as parents and as "present" cases.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_cli.lint.rules.api import PersonaRule, SetRule, TextRule
from persona_cli.lint.rules.catalogue import REGISTRY
from persona_cli.lint.rules.committee import CommitteeRule
from tests.rules import (
    test_committee,
    test_content,
    test_evidence,
    test_freshness,
    test_hidden,
    test_internal,
    test_lenses,
    test_quality,
    test_risk,
    test_set_level,
    test_whole_person,
)
from tests.rules.common import COMPLETE, INDIVIDUAL, Case, SetCase, lint_files

#: Each table module and the rule family its rows must belong to.
TABLES: dict[str, tuple[str, list[Case] | list[SetCase]]] = {
    "test_whole_person": ("whole-person", test_whole_person.CASES),
    "test_risk": ("risk", test_risk.CASES),
    "test_lenses": ("lenses", test_lenses.CASES),
    "test_internal": ("internal", test_internal.CASES),
    "test_evidence": ("evidence", test_evidence.CASES),
    "test_freshness": ("freshness", test_freshness.CASES),
    "test_quality": ("quality", test_quality.CASES),
    "test_hidden": ("quality", test_hidden.CASES),
    "test_set_level": ("set", test_set_level.CASES),
    "test_committee": ("committee", test_committee.CASES),
    "test_content": ("content", test_content.CASES),
}
ROWS: list[Case | SetCase] = [row for _, rows in TABLES.values() for row in rows]
#: Every code the tables must cover: the persona, text, set and committee rules.
RULE_CODES = sorted(
    code
    for code, rule in REGISTRY.items()
    if issubclass(rule, PersonaRule | TextRule | SetRule | CommitteeRule)
)
PERSONA_RULE_CODES = tuple(code for code, rule in REGISTRY.items() if issubclass(rule, PersonaRule))


def test_the_catalogue_has_persona_and_set_rules() -> None:
    # Guards the guard: an empty list would make the coverage tests below pass vacuously.
    assert {code[0] for code in RULE_CODES} == set("WRLNEFQPCM")


@pytest.mark.parametrize("code", RULE_CODES)
def test_every_rule_has_failing_passing_and_message_rows(code: str) -> None:
    rows = [row for row in ROWS if row.code == code]
    assert any(row.expected for row in rows), f"{code}: no row where the rule reports"
    assert any(not row.expected for row in rows), f"{code}: no row where the rule passes"
    assert any(row.message for row in rows), f"{code}: no row checks the message"


@pytest.mark.parametrize("module", sorted(TABLES))
def test_rows_sit_in_their_familys_table(module: str) -> None:
    family, rows = TABLES[module]
    strays = [row.code for row in rows if REGISTRY[row.code].family != family]
    assert not strays, f"{module} holds rows of other families: {strays}"


def test_rows_are_uniquely_named() -> None:
    names = [f"{row.code}-{row.id}" for row in ROWS]
    assert len(names) == len(set(names))


def test_rows_expect_only_their_own_code() -> None:
    for row in ROWS:
        assert all(hit[-1] == row.code for hit in row.expected), row.id


def test_complete_personas_pass_every_persona_rule(tmp_path: Path) -> None:
    texts = [*COMPLETE.values(), INDIVIDUAL]
    assert lint_files(tmp_path, PERSONA_RULE_CODES, texts) == []
