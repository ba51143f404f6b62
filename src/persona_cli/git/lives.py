"""The lives of a persona id: what `persona log ID` shows once the file is gone, or was
deleted and later re-created under the same id.

A life ends at the commit that deleted the file holding the id (named `ID.yaml` or
`ID.yml` in the persona folders, or holding `id: ID` under another name) and begins at the
commit that created it; `history.walk`, started at the deleting commit's parent, follows
the life through its renames. Lives are searched newest first: from HEAD for a persona
that is gone, from the parent of its creation for an earlier life of one that is present.

A file deleted in the same commit that adds another file holding the id is a move git did
not pair (the persona lives on), not a deletion. Searches follow the first parent, like the
walk: a deletion made on a branch is dated by the merge that brought it.

Searching costs one more `git log` over the persona folders per life, and it stops at the
first deletion it finds. A shallow clone hides what happened before its oldest commit:
`Lives.shallow` says so, and the caller says that history is incomplete.

Plain records out (`Lives`, `Life`, `Deletion`, the walk's `history.Change`s) and the blob
reader they were found with; `verbs.log` turns them into log lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from persona_cli.domain.errors import GitError
from persona_cli.git import history

if TYPE_CHECKING:
    from persona_cli.git.plumbing import Repository

_GLOB = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class Deletion:
    """The commit that deleted the file holding the id, and that file's last version."""

    commit: history.Commit
    path: str  # repository-relative
    blob: str


@dataclass(slots=True)
class Life:
    """One life of the id: its deletion (None for the life present at HEAD) and its
    changes, newest first, back to its creation or a shallow clone's boundary."""

    deletion: Deletion | None
    history: history.PersonaHistory


@dataclass(slots=True)
class Lives:
    lives: list[Life] = field(default_factory=list)
    #: True when the clone is shallow and the search reached its oldest commit: an older
    #: life (or the deletion itself) may be in history that was not fetched.
    shallow: bool = False


class LifeSearch:
    """Deletion searches and walks in one repository, sharing one blob reader."""

    def __init__(self, repo: Repository, ident: str, specs: Sequence[str], warn: list[str]) -> None:
        self.repo = repo
        self.ident = ident
        self.specs = list(specs)
        self.warnings = warn
        self.blobs = history.Blobs(repo)
        self.boundary = history.shallow_commits(repo)
        self.ignored = history.ignored_revisions(repo, warn.append)

    def holds(self, path: str, blob: str | None) -> bool:
        """True when this version is the persona: by file name, else by the id inside."""
        if blob is None or not path.endswith((".yaml", ".yml")):
            return False
        if PurePosixPath(path).stem == self.ident:
            return True
        # Most deleted files are other personas: a byte test spares parsing them.
        if self.ident.encode() not in self.blobs.raw(blob):
            return False
        data = self.blobs.data(blob)
        return data is not None and data.get("id") == self.ident

    def deletion(self, start: str) -> Deletion | None:
        """The newest first-parent commit from `start` that deleted the file holding the id."""
        with _stream(self.repo, self.specs, start) as commits:
            for commit, entries in commits:
                gone = [
                    e for e in entries if e.status == "D" and self.holds(e.old_path, e.old_blob)
                ]
                if not gone or any(
                    e.status in ("A", "R", "C") and self.holds(e.path, e.new_blob) for e in entries
                ):
                    continue
                assert gone[0].old_blob is not None  # holds() is False without a blob
                return Deletion(commit, gone[0].old_path, gone[0].old_blob)
        return None

    def life(self, deletion: Deletion) -> Life:
        start = deletion.commit.parents[0]
        found = history.walk(
            self.repo,
            [deletion.path],
            blobs=self.blobs,
            ignored=self.ignored,
            stop_when_resolved=False,
            warn=self.warnings.append,
            start=start,
        )[deletion.path]
        return Life(deletion, found)

    def before(self, creation: history.Commit) -> str | None:
        """Where the search for an older life starts: the creating commit's first parent,
        or None when there is none (the first commit, or a shallow clone's boundary)."""
        if creation.sha in self.boundary or not creation.parents:
            return None
        return creation.parents[0]

    def before_sha(self, sha: str) -> str | None:
        """`before` for a commit known by its sha only (the oldest line of a log result)."""
        parents = self.repo.run("rev-list", "--parents", "-n", "1", sha).split()[1:]
        return None if sha in self.boundary or not parents else parents[0]

    def lives(self, start: str | None) -> Lives:
        """Every life whose deletion is reachable from `start`, newest first."""
        out = Lives()
        while start is not None:
            deletion = self.deletion(start)
            if deletion is None:
                out.shallow = bool(self.boundary)
                break
            life = self.life(deletion)
            out.lives.append(life)
            oldest = _creation(life.history)
            if oldest is None:
                out.shallow = bool(self.boundary)  # the life runs past the fetched history
                break
            start = self.before(oldest)
        return out


def _creation(found: history.PersonaHistory) -> history.Commit | None:
    """The commit that created the persona, when the walk reached it (not a boundary)."""
    changes = found.changes
    if found.at_boundary or not changes or any(c.kind == "boundary" for c in changes):
        return None
    return changes[-1].commit if changes[-1].kind in ("created", "unreadable") else None


@contextmanager
def _stream(
    repo: Repository, specs: Sequence[str], start: str
) -> Iterator[Iterator[tuple[history.Commit, list[history._Entry]]]]:
    """The commits of one `git log` from `start`, stopped (killed) when the caller is done."""
    popen = history._log(repo, specs, start=start)
    assert popen.stdout is not None
    stdout = popen.stdout
    finished = False

    def commits() -> Iterator[tuple[history.Commit, list[history._Entry]]]:
        nonlocal finished
        yield from history._commits(stdout)
        finished = True

    try:
        yield commits()
    finally:
        if not finished:
            popen.kill()
        stderr = popen.stderr.read() if popen.stderr is not None else b""
        stdout.close()
        code = popen.wait()
    if finished and code != 0:
        detail = history._text(stderr).strip().splitlines()
        raise GitError(f"git log failed: {detail[0] if detail else f'exit status {code}'}")


def folder_specs(folders: Sequence[Path], root: Path) -> list[str]:
    """The persona folders as pathspecs: each configured path relative to the repository
    root, cut before its first glob character (a folder that is gone now is kept: its
    personas are in history). The whole repository when none lies inside it."""
    specs: list[str] = []
    for folder in folders:
        parts: list[str] = []
        for part in Path(os.path.abspath(folder)).parts:  # noqa: PTH100 - may not exist
            if _GLOB & set(part):
                break
            parts.append(part)
        try:
            inside = Path(*parts).resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        spec = ":/" if inside == "." else f":(literal){inside}"
        if spec not in specs:
            specs.append(spec)
    return specs or [":/"]
