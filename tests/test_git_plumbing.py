"""The git plumbing that `persona age`, `diff`, `log` and `report` use instead of GitPython:
opening a repository (and every way that fails), commands and their failures, the one
`cat-file --batch`, shallow clones and a missing git. Real repositories in tmp dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_cli.domain.errors import GitError
from persona_cli.git.plumbing import CommandFailed, open_repository
from tests.conftest import git_in, init_repo, run_persona, write

PERSONA = "schema_version: 1\nid: {ident}\nname: Cautious Carla\nkind: buyer\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of one persona."""
    root = tmp_path / "repo"
    write(root, "personas/carla.yaml", PERSONA.format(ident="carla"))
    init_repo(root, commit="add carla")
    write(root, "personas/carla.yaml", PERSONA.format(ident="carla") + "tags: [finance]\n")
    git_in(root, "commit", "-q", "-am", "tag carla", date="2026-02-01T12:00:00+00:00")
    return root


def open_error(path: Path, purpose: str = "persona age") -> GitError:
    with pytest.raises(GitError) as raised:
        open_repository(path, purpose=purpose)
    return raised.value


# --- opening ------------------------------------------------------------------------------


def test_a_folder_outside_any_repository_is_refused_with_the_fix(tmp_path: Path) -> None:
    failure = open_error(tmp_path, "persona diff")
    assert failure.message == f"{tmp_path}: not a git repository"
    assert failure.hint == "run inside the repository for persona diff"


def test_a_folder_that_does_not_exist_is_not_a_repository(tmp_path: Path) -> None:
    assert open_error(tmp_path / "gone").message == f"{tmp_path / 'gone'}: not a git repository"


def test_a_bare_repository_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git_in(tmp_path, "init", "-q", "--bare", str(bare))
    failure = open_error(bare)
    assert failure.message == "the repository is bare"
    assert failure.hint == "run in a checkout with a work tree"


def test_the_git_directory_itself_is_not_a_work_tree(repo: Path) -> None:
    failure = open_error(repo / ".git")
    assert failure.message == f"{repo / '.git'}: inside a git directory, not a work tree"
    assert failure.hint == "run in the work tree for persona age"


def test_a_subfolder_opens_the_repository_at_its_root(repo: Path) -> None:
    with open_repository(repo / "personas") as opened:
        assert opened.root == repo.resolve()
        assert opened.git_dir == (repo / ".git").resolve()
        assert opened.common_dir == (repo / ".git").resolve()
        assert not opened.is_shallow()


def test_a_linked_worktree_has_its_own_git_dir_and_the_shared_common_dir(
    repo: Path, tmp_path: Path
) -> None:
    linked = tmp_path / "linked"
    git_in(repo, "worktree", "add", "-q", str(linked))
    with open_repository(linked) as opened:
        assert opened.root == linked.resolve()
        assert opened.common_dir == (repo / ".git").resolve()
        assert opened.git_dir != opened.common_dir
        assert opened.read_object("HEAD:personas/carla.yaml") is not None


# --- commands and revisions -------------------------------------------------------------


def test_revisions_resolve_to_commits_or_none(repo: Path) -> None:
    head = git_in(repo, "rev-parse", "HEAD").strip()
    parent = git_in(repo, "rev-parse", "HEAD~1").strip()
    with open_repository(repo) as opened:
        assert opened.commit("HEAD") == head
        assert opened.commit("main~1") == parent
        assert opened.commit("no-such-branch") is None
        assert opened.commit("-n") is None  # an option-like name is a name, never an option
        blob = git_in(repo, "rev-parse", "HEAD:personas/carla.yaml").strip()
        assert opened.commit(blob) is None  # an object, but not a commit
        assert opened.has_head()


def test_a_repository_without_commits_has_no_head(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "empty", commit=None)
    with open_repository(root) as opened:
        assert not opened.has_head()
        assert opened.commit("HEAD") is None


def test_a_failing_command_says_what_git_said(repo: Path) -> None:
    with open_repository(repo) as opened:
        with pytest.raises(CommandFailed) as raised:
            opened.run("diff", "--raw", "no-such-revision", "--")
        assert raised.value.status == 128
        assert raised.value.detail.startswith("fatal: bad revision 'no-such-revision'")
        assert "fatal:" in str(raised.value)
        # Unchecked, the failure is an empty answer.
        assert opened.run("config", "--get", "no.such-key", check=False) == ""


def test_a_streamed_command_is_read_as_it_comes(repo: Path) -> None:
    with open_repository(repo) as opened:
        process = opened.stream("log", "--format=%s")
        out, _ = process.communicate()
        assert process.returncode == 0
        assert out.decode().split() == ["tag", "carla", "add", "carla"]


# --- objects ------------------------------------------------------------------------------


def test_objects_are_read_through_one_batch_by_id_or_by_revision_and_path(repo: Path) -> None:
    blob = git_in(repo, "rev-parse", "HEAD~1:personas/carla.yaml").strip()
    with open_repository(repo) as opened:
        assert opened.read_object(blob) == ("blob", PERSONA.format(ident="carla").encode())
        kind, data = opened.read_object("HEAD:personas/carla.yaml") or ("", b"")
        assert (kind, data.endswith(b"tags: [finance]\n")) == ("blob", True)
        kind, data = opened.read_object("HEAD") or ("", b"")
        assert kind == "commit"
        assert data.startswith(b"tree ")
        # Missing objects, a path the revision lacks, a name the batch cannot take.
        assert opened.read_object("0" * 40) is None
        assert opened.read_object("HEAD:personas/nobody.yaml") is None
        assert opened.read_object("no-such-branch:personas/carla.yaml") is None
        assert opened.read_object("HEAD\n:personas/carla.yaml") is None
        # Still answering after the misses; and again after close (a new batch).
        assert opened.read_object(blob) is not None
        opened.close()
        assert opened.read_object(blob) is not None
    # Leaving the `with` closed the batch; closing twice is harmless.
    opened.close()


def test_an_empty_object_reads_as_empty_bytes(repo: Path) -> None:
    write(repo, "personas/empty.yaml", "")
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", "empty")
    with open_repository(repo) as opened:
        assert opened.read_object("HEAD:personas/empty.yaml") == ("blob", b"")
        assert opened.read_object("HEAD:personas/carla.yaml") is not None


def test_many_objects_are_read_in_one_go_and_missing_ones_left_out(repo: Path) -> None:
    write(repo, "personas/empty.yaml", "")
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", "empty")
    old = git_in(repo, "rev-parse", "HEAD~2:personas/carla.yaml").strip()
    empty = git_in(repo, "rev-parse", "HEAD:personas/empty.yaml").strip()
    names = [old, "0" * 40, empty, "HEAD:personas/carla.yaml", old, "HEAD\n", "HEAD"]
    with open_repository(repo) as opened:
        found = opened.read_objects(names)
        assert list(found) == [old, empty, "HEAD:personas/carla.yaml", "HEAD"]
        assert found[old] == ("blob", PERSONA.format(ident="carla").encode())
        assert found[empty] == ("blob", b"")
        assert found["HEAD:personas/carla.yaml"][1].endswith(b"tags: [finance]\n")
        assert found["HEAD"][0] == "commit"
        # Each agrees with the one-by-one reader.
        for name, value in found.items():
            assert opened.read_object(name) == value
        assert opened.read_objects([]) == {}


# --- shallow clones and a missing git, through the commands -----------------------------


def test_a_shallow_clone_is_named_in_the_unknown_revision_hint(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git_in(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    with open_repository(clone) as opened:
        assert opened.is_shallow()
    run = run_persona("diff", "HEAD~1", "HEAD", cwd=clone)
    assert run.exit_code == 2
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith("persona: error: unknown revision 'HEAD~1'")
    assert "the clone is shallow" in run.stderr
    # age: the persona's last change is before the boundary, so its age is unknown.
    run = run_persona("age", "--now", "2026-06-01", cwd=clone)
    assert run.exit_code == 0, run.stderr
    assert "history is shallow" in run.stderr


@pytest.mark.parametrize("command", [("age",), ("diff", "HEAD~1", "HEAD"), ("log", "carla")])
def test_without_git_on_path_a_command_says_so_in_one_line(
    repo: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    nowhere = tmp_path / "no-git"
    nowhere.mkdir()
    run = run_persona(*command, cwd=repo, env={"PATH": str(nowhere)})
    assert run.exit_code == 2, run.stdout + run.stderr
    assert run.stderr.count("\n") == 1
    assert run.stderr.startswith("persona: error: git is not available: ")
    assert "install git and make sure it is on PATH" in run.stderr
    assert "Traceback" not in run.stderr


def test_without_git_on_path_opening_says_so(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-git"))
    failure = open_error(repo)
    assert failure.message.startswith("git is not available: ")
    assert failure.hint == "install git and make sure it is on PATH"


@pytest.mark.parametrize(
    "command",
    [
        ("age", "--now", "2026-06-01", "."),
        ("diff", "HEAD~1", "HEAD", "--", "."),
        ("log", "carla.yaml"),
    ],
)
def test_relative_git_dir_and_work_tree_are_read_from_where_the_command_runs(
    repo: Path, command: tuple[str, ...]
) -> None:
    """GIT_DIR and GIT_WORK_TREE relative to a subfolder (as a hook or script that changed
    folder has them) name the same repository for every git process the command starts,
    though those run at the repository's root."""
    env = {"GIT_DIR": "../.git", "GIT_WORK_TREE": ".."}
    plain = run_persona(*command, cwd=repo / "personas")
    run = run_persona(*command, cwd=repo / "personas", env=env)
    assert plain.exit_code == 0, plain.stderr
    assert (run.exit_code, run.stdout, run.stderr) == (0, plain.stdout, plain.stderr)


def test_a_repository_git_refuses_for_its_owner_says_so_with_git_s_fix(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git refuses a repository owned by another user (safe.directory); that is no reason
    to tell the user they are outside a repository. git's own switch makes it believe the
    owner differs, so no second user account is needed."""
    monkeypatch.setenv("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
    failure = open_error(repo / "personas")
    assert failure.message == (
        f"{repo / 'personas'}: git refuses the repository: "
        f"detected dubious ownership in repository at '{repo}'"
    )
    assert failure.hint == (
        f"if you trust its owner: git config --global --add safe.directory {repo}"
    )
    for command in (("age",), ("diff",), ("log", "carla")):
        run = run_persona(*command, cwd=repo)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert run.stderr.count("\n") == 1, run.stderr
        assert "dubious ownership" in run.stderr
        assert "safe.directory" in run.stderr


def test_a_relative_index_file_is_read_from_the_root_as_git_reads_it(repo: Path) -> None:
    """A pre-commit hook gets GIT_INDEX_FILE=.git/index; git reads it from the work tree's
    root (unlike GIT_DIR), so a hook that changed folder still diffs the index it commits."""
    write(repo, "personas/carla.yaml", PERSONA.format(ident="carla") + "tags: [staged]\n")
    git_in(repo, "add", "personas/carla.yaml")
    command = ("diff", "--staged", "--", ".")
    plain = run_persona(*command, cwd=repo / "personas")
    run = run_persona(*command, cwd=repo / "personas", env={"GIT_INDEX_FILE": ".git/index"})
    assert plain.exit_code == 0, plain.stderr
    assert "tags" in plain.stdout
    assert (run.exit_code, run.stdout, run.stderr) == (0, plain.stdout, plain.stderr)


@pytest.mark.parametrize(
    "name", ["line\u2028separator", "next\x85line", "form\x0cfeed", "group\x1dsep", "new\nline"]
)
def test_a_repository_whose_folder_name_holds_a_line_break_opens(tmp_path: Path, name: str) -> None:
    """git prints one path a line: only a newline ends one (str.splitlines would also break
    a name at U+2028, NEL, form feed or the separator controls), and a path that holds a
    newline is asked for alone."""
    root = tmp_path / name
    write(root, "personas/carla.yaml", PERSONA.format(ident="carla"))
    init_repo(root, commit="add carla")
    with open_repository(root / "personas") as opened:
        assert opened.root == root.resolve()
        assert opened.git_dir == (root / ".git").resolve()
    run = run_persona("log", "carla", cwd=root)
    assert run.exit_code == 0, run.stderr
    assert "add carla" in run.stdout
