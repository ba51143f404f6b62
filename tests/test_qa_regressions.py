"""Regressions found in a hands-on QA pass: each test reproduces what a user ran into."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from persona_cli.io.yaml_read import MAX_DEPTH
from tests.conftest import EXAMPLES, MINIMAL, cli, run_persona, write

GIT_ENV = {
    "GIT_AUTHOR_NAME": "QA",
    "GIT_AUTHOR_EMAIL": "qa@example.com",
    "GIT_COMMITTER_NAME": "QA",
    "GIT_COMMITTER_EMAIL": "qa@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Flow nesting thousands deep: libyaml recursed until Python (or the C stack) gave up.
        (
            "schema_version: 1\nid: deep\nname: D\nkind: buyer\nsummary: "
            + "[" * 5000
            + "]" * 5000
            + "\n",
            5,
        ),
        # An unclosed flow sequence nested 400,000 deep crashed the process (exit 139).
        ("a: " + "[" * 400_000 + "\n", 1),
        # Block nesting: 300 indented mappings.
        ("id: deep\nrole:\n" + "".join("  " * (i + 1) + f"a{i}:\n" for i in range(300)), None),
    ],
)
def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path, text: str, line: int | None) -> None:
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    run = run_persona("lint", "--select", "Y", "--format", "json", "deep.yaml", cwd=tmp_path)
    assert run.exit_code == 1, run.stderr
    (finding,) = run.json()["findings"]
    assert finding["code"] == "Y001"
    assert f"more than {MAX_DEPTH} levels" in finding["message"]
    if line is not None:
        assert finding["line"] == line
    textconv = run_persona("textconv", "deep.yaml", cwd=tmp_path)
    assert textconv.exit_code == 0, textconv.stderr
    assert textconv.stdout.startswith("# persona textconv: not a readable persona (")


def test_normal_nesting_and_bracketed_text_still_load(tmp_path: Path) -> None:
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a") + "goals: ['[draft] [v2] {x}']\n")
    run = cli("lint", "--select", "Y", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr


def test_a_context_file_suppression_is_not_reported_unused(tmp_path: Path) -> None:
    """`persona lint one.yaml` (as pre-commit runs it) reported U002 on another file: that
    file's P001 finding was left out as context, so its suppression looked unused."""
    for source in (EXAMPLES / "personas").glob("*.yaml"):
        write(tmp_path, f"personas/{source.name}", source.read_text(encoding="utf-8"))
    run = cli("lint", "--format", "json", "personas/cfo-mid-market.yaml", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []
    # The file that carries the suppression still has it judged when it is linted itself.
    run = cli("lint", "--format", "json", "personas/head-of-sales-enablement.yaml", cwd=tmp_path)
    assert run.json()["findings"] == []


def test_changed_since_with_no_changes_reports_nothing(tmp_path: Path) -> None:
    for source in (EXAMPLES / "personas").glob("*.yaml"):
        write(tmp_path, f"personas/{source.name}", source.read_text(encoding="utf-8"))
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "personas")
    git(tmp_path, "commit", "-q", "-m", "personas")
    run = cli("lint", "--changed-since", "HEAD", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.stdout == "All checks passed: 0 files, no problems.\n"


def test_symlinked_and_broken_link_personas_are_shown_by_their_own_path(tmp_path: Path) -> None:
    write(tmp_path, "shared/carla.yaml", MINIMAL.format(id="carla"))
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "carla.yaml").symlink_to(tmp_path / "shared" / "carla.yaml")
    (tmp_path / "personas" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    run = cli("lint", "--select", "Y,I", "--format", "json", cwd=tmp_path)
    findings = run.json()["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [("personas/gone.yaml", "Y001")]
    assert "broken symbolic link" in findings[0]["message"]
    assert [p["path"] for p in run.json()["personas"]] == ["personas/carla.yaml"]


def test_unknown_rule_in_config_is_one_short_line(tmp_path: Path) -> None:
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, ".persona.toml", '[rules.nope]\nseverity = "info"\n')
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: .persona.toml:1: unknown rule 'nope' in [rules.nope]; "
        "run 'persona rule --all' for the codes and names\n"
    )


def test_bad_rule_option_message_has_no_pydantic_prefix(tmp_path: Path) -> None:
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, ".persona.toml", '[rules.Q001]\npatterns = ["("]\n')
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert "Value error" not in run.stderr
    assert "of rule Q001 (placeholder-text): '(' is not a regular expression" in run.stderr


def test_broken_pyproject_is_named_like_other_config_files(tmp_path: Path) -> None:
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, "pyproject.toml", "[tool.persona\n")
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith("persona: error: pyproject.toml:1:14: ")


def test_paths_outside_the_repository_read_the_same_in_every_command(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, "elsewhere/b.yaml", MINIMAL.format(id="b"))
    git(repo, "init", "-q")
    git(repo, "add", "personas")
    git(repo, "commit", "-q", "-m", "a")
    hint = "; give paths inside the repository, or run from the one the personas are in\n"
    for command in (("log", "../elsewhere/b.yaml"), ("age", "../elsewhere")):
        run = cli(*command, cwd=repo)
        assert run.exit_code == 2, command
        assert run.stderr.endswith(hint), run.stderr
        assert "/../" not in run.stderr


def test_a_tab_in_indentation_says_to_use_spaces() -> None:
    from persona_cli.io import yaml_read

    [finding] = yaml_read.load_text("whole_person:\n\tfears: [x]\n", "p.yaml").findings
    assert finding.code == "Y001"
    assert finding.message.endswith("indent with spaces, not tabs")


def test_an_unknown_team_in_min_fields_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / ".persona.toml").write_text("[rules.lens-thin]\nmin-fields = { salse = 2 }\n")
    run = run_persona("config", cwd=tmp_path)
    assert run.exit_code == 2
    assert "unknown team 'salse'" in run.stderr


def test_a_line_break_in_a_yaml_key_keeps_each_finding_on_one_line(tmp_path: Path) -> None:
    write(tmp_path, "p.yaml", MINIMAL.format(id="p") + '"bad\\nkey\\tx": 1\n')
    run = cli("lint", "--select", "S", "--no-color", "p.yaml", cwd=tmp_path)
    assert run.exit_code == 1
    first = run.stdout.splitlines()[0]
    assert first.startswith("p.yaml:5:1: S002 [error] unknown key 'bad\\nkey\\tx'")
    assert run.stdout.count("\n") == 2  # the finding and the summary
