"""Schema validation: every error at the exact line:column, with a useful message.

Each case is a YAML snippet in, expected (line, column, code) and a message fragment out.
"""

from __future__ import annotations

import pytest

from persona_cli.io.yaml_read import load_text
from persona_cli.load.validate import validate

HEAD = "schema_version: 1\nid: carla\nname: Carla\nkind: buyer\n"


def findings(body: str) -> list[tuple[int, int, str, str]]:
    document = load_text(HEAD + body, "carla.yaml").document
    assert document is not None
    model, found = validate(document, "carla.yaml")
    assert (model is None) == bool(found)
    return [(f.line, f.column, f.code, f.message) for f in found]


CASES = [
    # body, line, column, code, message fragment
    ("whole_person:\n  fers: [blamed]\n", 6, 3, "S002", "did you mean 'fears'?"),
    ("loss_feared: audit\n", 5, 1, "S002", "belongs under 'lenses.marketing'"),
    ("colour: blue\n", 5, 1, "S002", "remove it or check the spelling"),
    ("decision:\n  risk_tolerance: very low\n", 6, 19, "S003", "'low', 'medium' or 'high'"),
    ("goals: one goal\n", 5, 8, "S003", "expected a list"),
    ("role:\n  titles:\n    - 2026\n", 7, 7, "S003", "quote it if it is text"),
    ("review:\n  last_reviewed: 22/11/2026\n", 6, 18, "S003", "YYYY-MM-DD"),
    ("review:\n  owners: []\n", 6, 11, "S003", "at least one"),
    ("review:\n  interval_days: 0\n", 6, 18, "S003", "review.interval_days"),
    ("segment: Mid Market\n", 5, 10, "S003", "not a slug"),
    ("whole_person: scared\n", 5, 15, "S003", "expected a mapping"),
    (
        "evidence:\n  - id: e1\n    type: interview\n    date: 2026-01-01\n",
        6,
        5,
        "S001",
        "evidence[0] is missing required field 'summary'",
    ),
    (
        "evidence:\n  - id: e1\n    type: gut_feeling\n    date: 2026-01-01\n    summary: s\n",
        7,
        11,
        "S003",
        "evidence[0].type",
    ),
    (
        "lenses:\n  sales:\n    objections:\n      - response: we integrate\n",
        8,
        9,
        "S001",
        "lenses.sales.objections[0] is missing required field 'objection'",
    ),
    (
        "whole_person:\n  quotes:\n    - text: hi\n      evidnce: e1\n",
        8,
        7,
        "S002",
        "did you mean 'evidence'?",
    ),
    ("whole_person:\n  quotes:\n    - 42\n", 7, 7, "S003", "whole_person.quotes[0]"),
    ("jobs_to_be_done:\n  - when: audit\n", 6, 5, "S001", "missing required field 'want'"),
]


@pytest.mark.parametrize(("body", "line", "column", "code", "fragment"), CASES)
def test_schema_errors_are_located(
    body: str, line: int, column: int, code: str, fragment: str
) -> None:
    found = findings(body)
    assert [(ln, col, c) for ln, col, c, _ in found] == [(line, column, code)]
    assert fragment in found[0][3]


def test_missing_top_level_fields_point_at_the_first_key() -> None:
    document = load_text("# modeline\n\nkind: buyer\n", "x.yaml").document
    assert document is not None
    _, found = validate(document, "x.yaml")
    assert [(f.line, f.column, f.code) for f in found] == [(3, 1, "S001")] * 3
    assert {f.message for f in found} == {
        "missing required field 'schema_version'",
        "missing required field 'id'",
        "missing required field 'name'",
    }


def test_schema_version_must_be_one() -> None:
    document = load_text(HEAD.replace("schema_version: 1", "schema_version: 2"), "c.yaml")
    assert document.document is not None
    _, found = validate(document.document, "c.yaml")
    assert [(f.line, f.code) for f in found] == [(1, "S003")]
    assert "schema_version" in found[0].message


def test_a_draft_with_only_required_fields_is_valid() -> None:
    assert findings("") == []


def test_quotes_accept_text_and_objects() -> None:
    assert findings("whole_person:\n  quotes:\n    - plain words\n    - text: hi\n") == []


def test_refused_values_are_not_reported_twice() -> None:
    document = load_text(HEAD.replace("name: Carla", "name: !!python/name:os.system ''"), "c")
    assert [f.code for f in document.findings] == ["Y009"]
    assert document.document is not None
    _, found = validate(document.document, "c")
    assert found == []
