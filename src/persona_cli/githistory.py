"""The only module that imports GitPython. Git failures become errors that say what to do."""

from __future__ import annotations

from pathlib import Path

from persona_cli.errors import GitError


def changed_files(ref: str, *, cwd: Path) -> set[Path]:
    """Files changed since `ref`'s merge base with HEAD: committed, staged, unstaged and
    untracked, as absolute paths. Like a pull request's diff against its base branch."""
    import git

    try:
        repo = git.Repo(cwd, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise GitError(
            f"{cwd}: not a git repository",
            hint="run inside the repository or drop --changed-since",
        ) from None
    if repo.working_tree_dir is None:
        raise GitError("the repository is bare", hint="run in a checkout with a work tree")
    root = Path(repo.working_tree_dir)
    try:
        base_commit = repo.commit(ref)
    except (git.BadName, git.BadObject, ValueError):
        shallow = (Path(repo.git_dir) / "shallow").exists()
        raise GitError(
            f"unknown revision '{ref}'",
            hint=(
                "the clone is shallow: fetch history (actions/checkout with fetch-depth: 0)"
                if shallow
                else "check the branch or commit name (git branch -a)"
            ),
        ) from None
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
