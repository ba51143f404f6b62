"""The two shortcuts the lint engine takes for speed give what the long way gives.

- A rule the configuration sets no option for gets its option model's defaults without
  validation (building each option model's validator cost more than linting a file).
- A file read only as context for the reported ones (pre-commit passes the staged files, the
  rest of the repository is context) is read for its ids, facts and statements, and its own
  rules do not run.

Each is checked against the long way: every rule's defaults against a validation of an empty
table, and every example file linted alone in its set against the whole set linted at once.
"""

from __future__ import annotations

import datetime as dt

import pytest

from persona_cli.io.discovery import discover
from persona_cli.io.settings import Settings
from persona_cli.lint.engine import Engine, lint
from persona_cli.lint.rules.catalogue import REGISTRY
from tests.conftest import EXAMPLES

TODAY = dt.date(2026, 6, 1)


@pytest.mark.parametrize("code", sorted(code for code, rule in REGISTRY.items() if rule.Options))
def test_unconfigured_options_are_the_validated_defaults(code: str) -> None:
    options = REGISTRY[code].Options
    assert options is not None
    built = options.model_construct()
    validated = options.model_validate({})
    assert built == validated, f"{code}: defaults differ from a validated empty table"
    assert built.model_dump() == validated.model_dump()


#: Example sets with cross-file facts: ids, parents, committees, duplicates, cycles.
SETS = [
    ("personas", ["personas", "segments"]),
    ("extends", ["extends"]),
    ("public-service", ["public-service"]),
    ("duplicate-id", ["invalid/duplicate-id"]),
    ("extends-cycle", ["invalid/extends-cycle"]),
]


@pytest.mark.parametrize(("label", "folders"), SETS, ids=[label for label, _ in SETS])
def test_a_file_linted_in_its_set_reports_what_the_whole_set_reports(
    label: str, folders: list[str]
) -> None:
    engine = Engine.build(Settings(), today=TODAY)
    every = discover(folders, cwd=EXAMPLES)
    whole = lint(every, engine=engine)
    assert whole.findings or label == "public-service", f"{label}: the set has no finding"
    for source in every:
        alone = lint([source], engine=engine, context=every)
        expected = [f for f in whole.findings if f.path == source.display]
        assert alone.findings == expected, f"{label}: {source.display}"
        assert alone.personas == [s for s in whole.personas if s.path == source.display]
