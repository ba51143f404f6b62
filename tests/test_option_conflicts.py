"""Options accepted together but meaning nothing together: an error (exit 2) when they
contradict each other, one warning line on stderr when one of them just does nothing.

One table for every command; each row runs the real CLI on a copy of the example personas
(and their segment), outside git or in a real repository with two commits."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import (
    EXAMPLES,
    cli,
    copy_examples,
    files_under,
    git_in,
    init_repo,
    use_pinned_git,
)

PERSONA = "cfo-mid-market"
SEGMENT = "mid-market-fintech"


@pytest.fixture
def plain(tmp_path: Path) -> Path:
    """The example personas and segment, outside any git repository."""
    copy_examples(tmp_path)
    (tmp_path / "segments").mkdir()
    source = EXAMPLES / "segments" / f"{SEGMENT}.yaml"
    (tmp_path / "segments" / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / ".persona.toml").write_text('paths = ["personas"]\n', "utf-8")
    return tmp_path


@pytest.fixture
def repo(plain: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The same files committed, then one persona's name changed in a second commit."""
    use_pinned_git(monkeypatch)  # the suite already clears GIT_DIR and GIT_WORK_TREE
    init_repo(plain, commit="personas")
    file = plain / "personas" / f"{PERSONA}.yaml"
    text = file.read_text("utf-8")
    file.write_text(text.replace("name: Payback Paul", "name: Prudent Paul", 1), "utf-8")
    git_in(plain, "commit", "-q", "-am", "rename")
    return plain


def worktree(folder: Path) -> list[str]:
    """The files below `folder`, but for git's own (persona diff keeps a cache there)."""
    return [name for name in files_under(folder) if not name.startswith(".git/")]


ERROR = "error"
WARNING = "warning"

CASES = [
    # (where, arguments, error or warning, what stderr says)
    # persona diff: revisions beyond what the comparison takes.
    ("repo", ["diff", "--staged", "HEAD~1", "HEAD"], ERROR, "--staged compares one revision"),
    ("repo", ["diff", "--staged", "HEAD~1..HEAD"], ERROR, "--staged compares one revision"),
    ("repo", ["diff", "HEAD~1", "HEAD", "HEAD"], ERROR, "'HEAD' would be a third revision"),
    # persona lint: report outputs.
    ("plain", ["lint", "-f", "json:"], ERROR, "--format json:: an empty file name was given"),
    ("plain", ["lint", "-f", "json:a.json", "-f", "sarif:a.json"], ERROR, "both write a.json"),
    ("plain", ["lint", "-f", "json", "-f", "sarif:x", "-o", "y"], ERROR, "--output applies"),
    ("plain", ["lint", "--color", "-f", "json"], WARNING, "--color: the json output has no col"),
    (
        "plain",
        ["lint", "--color", "-f", "json:r.json"],
        WARNING,
        "--color: every report is written to a file, and files get no colour; ignored",
    ),
    # persona list.
    ("plain", ["list", "--sort", "age", "--no-age"], ERROR, "--sort age orders by age, which"),
    (
        "plain",
        ["list", "--skip-retired", "--status", "retired"],
        ERROR,
        "--skip-retired and --status retired contradict each other",
    ),
    ("plain", ["list", "--skip-retired", "--status", "draft,retired"], ERROR, "contradict"),
    (
        "plain",
        ["list", "--include-retired", "--status", "draft"],
        WARNING,
        "--include-retired does nothing with --status: the statuses given decide",
    ),
    ("plain", ["list", "--skip-retired", "--status", "validated"], WARNING, "--skip-retired does"),
    ("plain", ["list", "--no-age", "--now", "2026-01-01"], WARNING, "with --no-age it does noth"),
    ("plain", ["list", "--color", "-f", "markdown"], WARNING, "the markdown output has no colour"),
    # persona show.
    ("plain", ["show", PERSONA, "--no-age", "--now", "2026-01-01"], WARNING, "--now sets the"),
    ("plain", ["show", PERSONA, "-t", "sales", "-f", "json"], WARNING, "--team narrows the text"),
    ("plain", ["show", PERSONA, "--color", "-f", "json"], WARNING, "the json output has no col"),
    # persona age and diff: colour on a format without colour.
    ("repo", ["age", "--color", "-f", "json"], WARNING, "--color: the json output has no colour"),
    ("repo", ["diff", "--color", "-f", "json"], WARNING, "--color: the json output has no colour"),
    ("repo", ["diff", "--color", "-f", "markdown"], WARNING, "the markdown output has no colour"),
    # persona review: evidence options with --no-evidence, even empty ones.
    (
        "plain",
        ["review", PERSONA, "--no-evidence", "--url", ""],
        ERROR,
        "--no-evidence records no evidence entry, so --url would do nothing",
    ),
    ("plain", ["review", PERSONA, "--no-evidence", "--by", ""], ERROR, "so --by would do nothing"),
    (
        "plain",
        ["review", PERSONA, "--no-evidence", "--evidence-type", "survey", "--sample-size", "3"],
        ERROR,
        "so --evidence-type, --sample-size would do nothing",
    ),
    # A persona named by its path: no configuration is read.
    (
        "plain",
        ["review", f"personas/{PERSONA}.yaml", "--no-evidence", "--config", ".persona.toml"],
        WARNING,
        f"--config: personas/{PERSONA}.yaml is named by its path, so no configuration is read",
    ),
    (
        "repo",
        ["log", f"personas/{PERSONA}.yaml", "--config", ".persona.toml"],
        WARNING,
        "is named by its path, so no configuration is read",
    ),
    # persona render.
    (
        "plain",
        ["render", "--list-teams", "--team", "sales", "--out", "docs", "--prune"],
        WARNING,
        "--list-teams only lists the teams; --team, --out, --prune ignored",
    ),
    (
        "plain",
        ["render", "--team", "sales", PERSONA, "--age"],
        WARNING,
        "--age: the personas are not in a git repository; the briefings show no ages",
    ),
    (
        "plain",
        ["render", "--team", "sales", "--segment", SEGMENT, "--no-age"],
        WARNING,
        "--age/--no-age: committee briefings show no ages; ignored",
    ),
    # --force and --prune where nothing is written or nothing is owned.
    ("plain", ["render", "--team", "sales", PERSONA, "--force"], WARNING, "--force: nothing is"),
    ("plain", ["report", "--format", "json", "--force"], WARNING, "--force: nothing is written"),
    (
        "plain",
        ["render", "--list-teams", "--out", ""],
        WARNING,
        "--list-teams only lists the teams; --out ignored",
    ),
    (
        "plain",
        ["render", "--list-teams", "--force"],
        WARNING,
        "--list-teams only lists the teams; --force ignored",
    ),
    (
        "plain",
        ["render", "--team", "sales", PERSONA, "--out", "docs", "--prune"],
        WARNING,
        "--prune: a render of some personas (ids, --kind, --status, --owner or --combined) "
        "owns no folder, so nothing is pruned",
    ),
    ("plain", ["render", "--team", "all", "--combined", "--out", "d", "--prune"], WARNING, "--pr"),
    (
        "plain",
        ["render", "--team", "sales", "--segment", SEGMENT, "--out", "docs", "--prune"],
        WARNING,
        "--prune: only --segment all owns the segments/ folders, so nothing is pruned",
    ),
    # persona rule.
    ("plain", ["rule", "S002", "--all"], WARNING, "--all lists every rule; 'S002' is not looked"),
]


@pytest.mark.parametrize(
    ("where", "args", "kind", "message"), CASES, ids=[" ".join(c[1]) for c in CASES]
)
def test_options_that_mean_nothing_together(
    request: pytest.FixtureRequest, where: str, args: list[str], kind: str, message: str
) -> None:
    folder: Path = request.getfixturevalue(where)
    before = worktree(folder)
    run = cli(*args, cwd=folder)
    lines = run.stderr.splitlines()
    if kind == ERROR:
        assert run.exit_code == 2, run.stdout + run.stderr
        assert lines == [lines[0]]
        assert lines[0].startswith("persona: error: ")
        assert message in lines[0]
        assert worktree(folder) == before  # refused before anything was written
    else:
        assert run.exit_code == 0, run.stdout + run.stderr
        warnings = [line for line in lines if message in line]
        assert len(warnings) == 1, run.stderr
        assert warnings[0].startswith("persona: warning: ")
        assert run.stdout or worktree(folder) != before  # the command still did its work


@pytest.mark.parametrize(
    ("where", "args"),
    [
        ("plain", ["render", "--team", "sales", PERSONA]),  # ages by default: no repo, no noise
        ("plain", ["render", "--list-teams"]),
        ("plain", ["list", "--no-age"]),
        ("plain", ["list", "--status", "draft"]),
        ("plain", ["show", PERSONA, "--team", "sales", "--no-age"]),
        ("plain", ["lint", "--color"]),
        ("plain", ["lint", "--no-color", "-f", "json"]),
        ("plain", ["rule", "S002"]),
        ("plain", ["review", PERSONA, "--no-evidence", "--config", ".persona.toml"]),
        ("repo", ["log", PERSONA, "--config", ".persona.toml"]),
        ("repo", ["render", "--team", "sales", PERSONA, "--age"]),
        ("repo", ["diff", "--staged", "HEAD~1"]),
        ("repo", ["age", "--color"]),
        ("plain", ["render", "--team", "all", "--out", "docs", "--prune", "--force"]),
        ("plain", ["render", "--team", "sales", "--segment", "all", "--out", "docs", "--prune"]),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_options_that_mean_something_together_are_quiet(
    request: pytest.FixtureRequest, where: str, args: list[str]
) -> None:
    folder: Path = request.getfixturevalue(where)
    run = cli(*args, cwd=folder)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "warning" not in run.stderr
    assert "error" not in run.stderr
