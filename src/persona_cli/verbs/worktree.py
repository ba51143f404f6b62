"""The working-tree side of `persona age` and `persona log`: the repository the personas
are in, each file as git names it, and the blob ids git would give the files.

Both verbs read the persona files here, then ask git (`git.history`) what happened to them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from persona_cli.git import Repository
    from persona_cli.git.history import TreeState
    from persona_cli.io.discovery import SourceFile


@dataclass(slots=True)
class WorkTree:
    """The working-tree side of the personas: parsed data, blob shas and digests."""

    root: Path
    repo: Repository
    warnings: list[str] = field(default_factory=list)
    #: repository-relative path -> (source, data, blob sha, digest)
    files: dict[str, tuple[SourceFile, dict[str, Any], str, str]] = field(default_factory=dict)


def open_worktree(sources: Sequence[SourceFile], cwd: Path, purpose: str) -> WorkTree:
    """The repository around `cwd`, as git would pick it; when `cwd` is outside any, the one
    around the first persona (so `persona age ~/work/personas/` works from anywhere)."""
    from persona_cli.domain.errors import GitError
    from persona_cli.git import open_repository

    try:
        repo = open_repository(cwd, purpose=purpose)
    except GitError:
        if not sources:
            raise
        repo = open_repository(Path(os.path.realpath(sources[0].path)).parent, purpose=purpose)
    return WorkTree(repo.root.resolve(), repo)


def inside(file: Path, root: Path) -> str | None:
    """`file` as git names it; None when it is a link (or inside a linked folder) whose
    target lies outside the repository. A path outside the repository as written is an
    error (the user named a file git cannot age)."""
    from persona_cli.git.history import relative

    target = Path(os.path.realpath(file))
    try:
        return target.relative_to(root).as_posix()
    except ValueError:
        pass
    written = Path(os.path.abspath(file))  # noqa: PTH100 - links not followed
    for base in (root, Path(os.path.abspath(root))):  # noqa: PTH100
        if written.is_relative_to(base):
            return None
    return relative(file, root)  # raises the GitError that names the path


def blob_shas(tree: WorkTree, state: TreeState) -> dict[str, tuple[str, str]]:
    """path -> (blob sha, digest); sha-256 repositories get sha-256 blob ids."""
    length = len(next(iter(state.head.values()), "x" * 40))
    if length == 40:
        return {path: (sha, digest) for path, (_, _, sha, digest) in tree.files.items()}
    from persona_cli.git.history import blob_sha

    return {
        path: (blob_sha(source.path.read_bytes(), length=length), digest)
        for path, (source, _, _, digest) in tree.files.items()
    }
