"""`persona lint` end to end: configuration, formats, GitHub integration, git history."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, cli, copy_examples, git_in, init_repo, run_persona, write

#: When the repositories here are committed.
DATE = "2026-11-01T12:00:00+00:00"


def test_config_selects_grades_and_ignores_per_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".persona.toml",
        """\
        select = ["S", "W"]
        ignore = ["W003"]
        fail-on = "warning"

        [per-file-ignores]
        "personas/drafts/**" = ["W"]

        [rules.missing-trust]
        severity = "info"
        """,
    )
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    write(tmp_path, "personas/drafts/dan.yaml", MINIMAL.format(id="dan"))
    run = cli("lint", "--format", "json", cwd=tmp_path)
    assert run.exit_code == 1  # warnings fail under fail-on = "warning"
    found = {(f["path"], f["code"], f["severity"]) for f in run.json()["findings"]}
    assert found == {
        ("personas/carla.yaml", "W001", "warning"),
        ("personas/carla.yaml", "W002", "warning"),
        ("personas/carla.yaml", "W004", "warning"),
        ("personas/carla.yaml", "W005", "info"),
    }
    # Command-line options win over the file.
    assert cli("lint", "--fail-on", "error", cwd=tmp_path).exit_code == 0
    only = cli("lint", "--select", "W005", "--format", "json", cwd=tmp_path).json()
    assert {f["code"] for f in only["findings"]} == {"W005"}


def test_config_paths_and_exclude(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.persona]\npaths = ["people"]\nexclude = ["people/old/*"]\n',
    )
    write(tmp_path, "people/carla.yaml", MINIMAL.format(id="carla"))
    write(tmp_path, "people/old/broken.yaml", "not: [valid")
    (tmp_path / "sub").mkdir()
    run = cli("lint", "--select", "Y,S", "--format", "json", cwd=tmp_path / "sub")
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.json()["files"] == 1


def test_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", 'exlude = ["x"]\n')
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    run = run_persona("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert "exlude" in run.stderr
    assert "did you mean 'exclude'?" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_several_formats_in_one_run(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla") + "goals: x\n")
    run = cli(
        "lint",
        *("--select", "S"),
        *("--format", "github", "--format", "sarif:out/results.sarif"),
        *("--format", "junit:out/junit.xml"),
        cwd=tmp_path,
    )
    assert run.exit_code == 1
    assert run.stdout.startswith("::error file=personas/carla.yaml,line=5,col=8,title=S003")
    sarif = json.loads((tmp_path / "out" / "results.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "S003"
    assert "<testsuites" in (tmp_path / "out" / "junit.xml").read_text()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "text", "--format", "json"], "would all print to stdout"),
        (["--format", "json", "--format", "sarif:x", "--output", "y"], "--output applies"),
        (["--format", "yaml"], "'yaml' is not one of"),
        (["--now", "yesterday"], "--now: 'yesterday' is not a date"),
        (["--select", "Z9"], "no rule or prefix 'Z9'"),
    ],
)
def test_option_errors(tmp_path: Path, args: list[str], fragment: str) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    run = run_persona("lint", *args, cwd=tmp_path)
    assert run.exit_code == 2
    assert fragment in run.stderr
    assert "Traceback" not in run.stderr


def test_github_actions_defaults_to_annotations_and_writes_the_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = cli("lint", "--select", "W001", "--now", "2026-11-22", cwd=tmp_path)
    assert run.exit_code == 0  # warnings only
    assert run.stdout.startswith("::warning file=personas/carla.yaml")
    text = summary.read_text()
    assert text.startswith("# earlier step\n")
    assert "carla" in text
    assert "|" in text


def test_changed_since_reports_only_changed_personas(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo, "personas/base.yaml", MINIMAL.format(id="base") + "goals: x\n")
    write(repo, "personas/carla.yaml", MINIMAL.format(id="carla"))
    init_repo(repo, commit="start", date=DATE)
    git_in(repo, "checkout", "-q", "-b", "feature")
    write(repo, "personas/dan.yaml", MINIMAL.format(id="dan") + "extends: base\ngoals: y\n")
    write(repo, "personas/carla.yaml", MINIMAL.format(id="carla") + "pains: z\n")
    run = cli("lint", "--select", "S,I", "--changed-since", "main", "--format", "json", cwd=repo)
    found = {(f["path"], f["code"]) for f in run.json()["findings"]}
    # base.yaml is broken too, but unchanged; dan's `extends: base` still resolves.
    assert found == {("personas/carla.yaml", "S003"), ("personas/dan.yaml", "S003")}


def test_changed_since_errors_say_what_to_do(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    outside = run_persona("lint", "--changed-since", "main", cwd=tmp_path)
    assert outside.exit_code == 2
    assert "not a git repository" in outside.stderr
    init_repo(tmp_path, commit="start", date=DATE)
    unknown = run_persona("lint", "--changed-since", "origin/nope", cwd=tmp_path)
    assert unknown.exit_code == 2
    assert "unknown revision 'origin/nope'" in unknown.stderr


def test_changed_since_with_no_changes_reports_nothing(tmp_path: Path) -> None:
    """`lint --changed-since HEAD` with nothing changed lints no file and says so in one line."""
    init_repo(copy_examples(tmp_path), commit="personas")
    run = cli("lint", "--changed-since", "HEAD", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.stdout == "All checks passed: 0 files, no problems.\n"
