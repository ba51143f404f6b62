"""`persona diff` reads its arguments as git does: after `--` everything is a path (even a
branch's name), before it everything is a revision; without `--` a name that is both is an
error asking for it; revisions beyond what the comparison takes are an error, never dropped.

A real repository: personas/carla.yaml committed twice (the name changed), and a branch named
`personas` (the folder's name) at the first commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import cli, git_in, init_repo, run_persona, use_pinned_git, write

FIRST = """\
schema_version: 1
id: carla
name: Cautious Carla
kind: buyer
"""
SECOND = FIRST.replace("Cautious Carla", "Careful Carla")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    use_pinned_git(monkeypatch)  # the suite already clears GIT_DIR and GIT_WORK_TREE
    init_repo(tmp_path, commit=None)
    write(tmp_path, "personas/carla.yaml", FIRST)
    git_in(tmp_path, "add", "-A")
    git_in(tmp_path, "commit", "-q", "-m", "carla")
    git_in(tmp_path, "branch", "personas")
    write(tmp_path, "personas/carla.yaml", SECOND)
    git_in(tmp_path, "commit", "-q", "-am", "rename carla")
    return tmp_path


CHANGED = "personas/carla.yaml (carla): name ~1"
SAME = "No persona changes between HEAD and the working tree."
AMBIGUOUS = "ambiguous argument 'personas': both a revision and a path; use -- to separate"

CASES = [
    # (arguments, exit code, text in stdout or stderr)
    # After `--`, a branch's name is a path: HEAD against the working tree, no change.
    (["HEAD", "--", "personas"], 0, SAME),
    (["HEAD~1", "--", "personas"], 0, CHANGED),
    (["HEAD~1", "--", "personas/carla.yaml", "personas"], 0, "HEAD~1 -> the working tree"),
    # Before `--`, the same name is the branch.
    (["personas", "--"], 0, "personas -> the working tree: 1 persona changed"),
    (["personas", "HEAD", "--"], 0, "personas -> HEAD: 1 persona changed"),
    # `--` ends the options: what follows is a path, even `--exit-code` or a second `--`.
    (["--format", "json", "HEAD~1", "--", "personas"], 0, '"field": "name"'),
    (["HEAD~1", "--format", "json", "--", "personas"], 0, '"field": "name"'),
    (["--format=json", "HEAD~1", "--", "personas"], 0, '"field": "name"'),
    (["-fjson", "HEAD~1", "--", "personas"], 0, '"field": "name"'),
    (["-f", "json", "--", "personas"], 0, '"changes": []'),
    # Without `--`, both a revision and a path: git's error, not a guess.
    (["personas"], 2, AMBIGUOUS),
    (["HEAD", "personas"], 2, AMBIGUOUS),
    (["HEAD~1", "personas/carla.yaml", "personas"], 2, AMBIGUOUS),
    (["./personas"], 0, "No persona changes between HEAD"),  # a slash: only a path
    # Before `--`, only revisions.
    (["nosuch", "--", "personas"], 2, "bad revision 'nosuch'; before -- give revisions only"),
    (["personas/carla.yaml", "--"], 2, "bad revision 'personas/carla.yaml'"),
    # Revisions beyond what the comparison takes.
    (["--staged", "HEAD~1", "HEAD"], 2, "--staged compares one revision with the index; 'HEAD'"),
    (["--cached", "HEAD~1", "HEAD", "--", "personas"], 2, "--staged compares one revision"),
    (["--staged", "HEAD~1..HEAD"], 2, "--staged compares one revision with the index"),
    (["HEAD~1", "HEAD", "main"], 2, "'main' would be a third revision"),
    (["HEAD~1", "HEAD", "main", "--"], 2, "'main' would be a third revision"),
    (["HEAD~1..HEAD", "main"], 2, "'main' would be a third revision"),
    # Without `--`, after a path: paths only.
    (["HEAD~1", "personas/carla.yaml", "main"], 2, "'main' is a revision after the path"),
    (["HEAD~1", "personas/carla.yaml", "gone"], 2, "'gone': no such path here, and not a rev"),
    # One revision with --staged is fine.
    (["--staged", "HEAD~1", "--", "personas"], 0, "HEAD~1 -> the index: 1 persona changed"),
]


@pytest.mark.parametrize(("args", "code", "text"), CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_diff_arguments_as_git_reads_them(
    repo: Path, args: list[str], code: int, text: str
) -> None:
    run = cli("diff", *args, cwd=repo)
    assert run.exit_code == code, run.stdout + run.stderr
    assert text in (run.stdout if code == 0 else run.stderr)
    if code:
        assert run.stderr.startswith("persona: error: ")
        assert run.stdout == ""
    else:
        assert run.stderr == ""


def test_the_installed_command_sees_the_separator(repo: Path) -> None:
    """Through the console script too (its own argument handling runs first)."""
    run = run_persona("diff", "HEAD", "--", "personas", cwd=repo)
    assert (run.exit_code, run.stdout.strip(), run.stderr) == (0, SAME, "")
    run = run_persona("diff", "personas", cwd=repo)
    assert run.exit_code == 2
    assert "'persona diff HEAD -- personas' for the path" not in run.stderr
    assert "'persona diff REV -- personas' for the path" in run.stderr
    assert "'persona diff personas --' for the revision" in run.stderr


def test_a_separator_given_as_an_option_value_is_that_value(repo: Path) -> None:
    """`--format --`: the `--` is the (bad) format, not the separator; the next one is."""
    run = run_persona("diff", "--format", "--", "HEAD", cwd=repo)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: Invalid value for --format: '--' is not one of text, markdown, json; "
        "run 'persona diff --help' for usage\n"
    )


NOWHERE = "matches no file in {sides}; {what}"
PATHS_THAT_MATCH_NOTHING = [
    # (arguments, what stdout says, the paths warned about and the sides named)
    # `--` ends the options: what follows is a path, even `--exit-code` or a second `--`.
    (["HEAD~1", "--", "--exit-code"], "No persona changes between HEAD~1", ["--exit-code"]),
    (["HEAD~1", "--", "--", "personas"], CHANGED, ["--"]),
    (["--", "--staged"], SAME, ["--staged"]),
    (["--", "HEAD"], SAME, ["HEAD"]),  # a path named HEAD (none here): nothing to compare
    (["HEAD~1", "personas/carla.yaml", "old/gone.yaml"], CHANGED, ["old/gone.yaml"]),
    (["HEAD~1", "--", "gone"], "No persona changes between HEAD~1", ["gone"]),
    (["HEAD~1", "HEAD", "--", "personas/carl.yaml"], "No persona changes", ["personas/carl.yaml"]),
]


@pytest.mark.parametrize(
    ("args", "text", "missing"),
    PATHS_THAT_MATCH_NOTHING,
    ids=[" ".join(a) for a, _, _ in PATHS_THAT_MATCH_NOTHING],
)
def test_a_path_that_matches_no_file_on_either_side_is_named(
    repo: Path, args: list[str], text: str, missing: list[str]
) -> None:
    """A misspelt path (or an option written after `--`) read as git reads it would say
    only "No persona changes": a CI check passing on a typo. It is still a path, and the
    exit code is git's, but a warning names it."""
    run = cli("diff", *args, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert text in run.stdout
    two = "HEAD" in args and "HEAD~1" in args
    sides = (
        "HEAD~1 or HEAD"
        if two
        else f"{'HEAD~1' if 'HEAD~1' in args else 'HEAD'} or the working tree"
    )
    assert run.stderr.splitlines() == [
        f"persona: warning: {path}: "
        + NOWHERE.format(
            sides=sides,
            what="an option goes before --" if path.startswith("-") else "check the path",
        )
        for path in missing
    ]


def test_a_path_found_on_one_side_only_is_no_typo(repo: Path) -> None:
    """Deleted since the revision, staged and removed from disk, or a pattern: no warning."""
    git_in(repo, "rm", "-q", "personas/carla.yaml")
    gone = cli("diff", "HEAD", "--", "personas/carla.yaml", cwd=repo)
    assert gone.exit_code == 0 and gone.stderr == "", gone.stderr
    assert "carla" in gone.stdout
    write(repo, "personas/dana.yaml", FIRST.replace("carla", "dana"))
    git_in(repo, "add", "personas/dana.yaml")
    (repo / "personas" / "dana.yaml").unlink()
    staged = cli("diff", "--staged", "--", "personas/dana.yaml", cwd=repo)
    assert staged.exit_code == 0 and staged.stderr == "", staged.stderr
    pattern = cli("diff", "HEAD~1", "--", "personas/*.yml", cwd=repo)
    assert pattern.exit_code == 0 and pattern.stderr == "", pattern.stderr


def test_a_three_dot_range_without_a_merge_base_says_so_and_what_to_run(repo: Path) -> None:
    """`A...B` compares B with the commit A and B share; unrelated histories share none
    (git merge-base exits 1 and prints nothing), which the message says in words."""
    git_in(repo, "checkout", "-q", "--orphan", "lonely")
    git_in(repo, "commit", "-q", "-m", "unrelated history")
    git_in(repo, "checkout", "-q", "main")
    run = run_persona("diff", "main...lonely", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert run.stderr == (
        "persona: error: 'main...lonely': main and lonely have no commit in common, "
        "so there is no merge base to compare from; "
        "compare the two directly: persona diff main lonely\n"
    )
