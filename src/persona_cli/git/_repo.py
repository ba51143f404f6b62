"""Opening a repository and resolving revisions, with errors that say what to do."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import GitError

if TYPE_CHECKING:
    import git


def open_repo(cwd: Path, *, purpose: str = "this command") -> git.Repo:
    """The repository containing `cwd`, or a GitError naming the fix."""
    try:
        import git
    except ImportError as failure:  # GitPython raises ImportError when git is missing
        raise GitError(
            f"git is not available: {failure}",
            hint="install git and make sure it is on PATH",
        ) from None
    try:
        repo = git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{cwd}: not a git repository",
            hint=f"run inside the repository for {purpose}",
        ) from None
    if repo.working_tree_dir is None:
        raise GitError("the repository is bare", hint="run in a checkout with a work tree")
    return repo


def is_shallow(repo: git.Repo) -> bool:
    return (Path(repo.git_dir) / "shallow").exists()


def resolve(repo: git.Repo, rev: str) -> git.Commit:
    """The commit `rev` names, or a GitError (mentioning shallow history when it applies)."""
    import git as gitmodule

    try:
        return repo.commit(rev)
    except (gitmodule.BadName, gitmodule.BadObject, ValueError):
        raise GitError(
            f"unknown revision '{rev}'",
            hint=(
                "the clone is shallow: fetch history (actions/checkout with fetch-depth: 0, "
                "or git fetch --unshallow)"
                if is_shallow(repo)
                else "check the branch or commit name (git branch -a, git log --oneline)"
            ),
        ) from None


def changed_files(ref: str, *, cwd: Path) -> set[Path]:
    """Files changed since `ref`'s merge base with HEAD: committed, staged, unstaged and
    untracked, as absolute paths. Like a pull request's diff against its base branch."""
    import git

    repo = open_repo(cwd, purpose="--changed-since")
    assert repo.working_tree_dir is not None
    root = Path(repo.working_tree_dir)
    base_commit = resolve(repo, ref)
    try:
        bases = repo.merge_base(base_commit, repo.head.commit)
        base = bases[0].hexsha if bases and bases[0] is not None else base_commit.hexsha
    except (ValueError, git.GitCommandError):
        base = base_commit.hexsha  # no HEAD yet, or unrelated histories
    try:
        names = repo.git.diff("--name-only", "-z", "--no-renames", base, "--").split("\0")
    except git.GitCommandError as failure:
        raise GitError(f"git diff against '{ref}' failed: {failure.stderr.strip()}") from None
    names.extend(repo.untracked_files)
    return {(root / name).resolve() for name in names if name}
