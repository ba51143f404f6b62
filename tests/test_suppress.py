"""`# persona: ignore[...]` comments: where they apply, and the findings about them."""

from __future__ import annotations

from pathlib import Path

from persona_cli.io.discovery import discover
from persona_cli.io.settings import Settings
from persona_cli.lint import suppress
from persona_cli.lint.engine import Engine, lint
from tests.conftest import cli, copy_examples, write


def test_parse_trailing_standalone_and_file_level() -> None:
    text = (
        "# persona: ignore[W001] whole file, interviews in March\n"
        "# yaml-language-server: $schema=x\n"
        "id: carla  # persona: ignore[I001, Q001] migrating ids\n"
        "# persona: ignore[W002]\n"
        "\n"
        "name: Carla\n"
        "summary: 'a # persona: ignore[Q004] in text'\n"
    )
    found = suppress.parse(text)
    assert [(s.line, s.target, s.codes, s.reason) for s in found] == [
        (1, None, ("W001",), "whole file, interviews in March"),
        (3, 3, ("I001", "Q001"), "migrating ids"),
        (4, 6, ("W002",), ""),
        (7, 7, ("Q004",), "in text'"),
    ]


HEAD = "schema_version: 1\nid: carla\nname: Carla\nkind: internal\n"


def run(folder: Path, *codes: str) -> list[tuple[int, str]]:
    engine = Engine.build(Settings(select=codes or ("ALL",)))
    result = lint(discover([str(folder)], cwd=folder.parent), engine=engine)
    return [(f.line, f.code) for f in result.sorted_findings()]


def test_a_trailing_comment_silences_that_line_only(tmp_personas: Path) -> None:
    write(
        tmp_personas,
        "carla.yaml",
        HEAD.replace("kind: internal", "kind: internal  # persona: ignore[P001] only one team")
        + "summary: ''\n",
    )
    # P001 (line 4) is silenced; Q004 on line 5 is not.
    assert run(tmp_personas, "P001", "Q004", "U") == [(5, "Q004")]


def test_missing_reason_and_unused_and_unknown_codes_are_reported(tmp_personas: Path) -> None:
    write(
        tmp_personas,
        "carla.yaml",
        HEAD.replace("kind: internal", "kind: internal  # persona: ignore[P001]")
        + "summary: fine  # persona: ignore[Q004] nothing to hide\n"
        + "goals: [x]  # persona: ignore[Q0O4] typo\n",
    )
    assert run(tmp_personas, "P001", "Q004", "U") == [
        (4, "U001"),
        (5, "U002"),
        (6, "U003"),
    ]


def test_file_level_suppression_by_rule_name(tmp_personas: Path) -> None:
    write(
        tmp_personas,
        "carla.yaml",
        "# persona: ignore[internal-count] a single internal persona on purpose\n" + HEAD,
    )
    assert run(tmp_personas, "P001", "U") == []


def test_unselected_suppression_findings_are_not_reported(tmp_personas: Path) -> None:
    write(tmp_personas, "carla.yaml", HEAD + "summary: x  # persona: ignore[Q004]\n")
    assert run(tmp_personas, "Q004") == []


def test_a_context_file_suppression_is_not_reported_unused(tmp_path: Path) -> None:
    """`persona lint one.yaml` (as pre-commit runs it) reported U002 on another file: that
    file's P001 finding was left out as context, so its suppression looked unused."""
    copy_examples(tmp_path)
    run = cli("lint", "--format", "json", "personas/cfo-mid-market.yaml", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []
    # The file that carries the suppression still has it judged when it is linted itself.
    run = cli("lint", "--format", "json", "personas/head-of-sales-enablement.yaml", cwd=tmp_path)
    assert run.json()["findings"] == []
