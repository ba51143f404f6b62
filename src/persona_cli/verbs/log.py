"""What changed in one persona over time: `persona log`.

Every commit that touched the persona, back to its creation (or a shallow clone's
boundary), through renames; each line says what the commit did to the persona's meaning,
worded through the semantic diff so that `log` and `diff` agree. A persona that is gone, or
was deleted and later re-created under the same id, also shows its earlier lives: git finds
them (`git.lives`), this module words them. Nothing here prints.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.verbs.age import persona_id
from persona_cli.verbs.worktree import WorkTree, blob_shas, inside, open_worktree

if TYPE_CHECKING:
    from persona_cli.git.history import Blobs, Change
    from persona_cli.git.lives import Deletion, LifeSearch, Lives
    from persona_cli.io.discovery import SourceFile


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit in `persona log`: `counts` is False for the entries only `--all` shows."""

    sha: str
    committed: dt.datetime
    author: str
    subject: str
    kind: str
    counts: bool
    path: str
    old_path: str | None
    summary: str
    merge: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "commit": self.sha,
            "date": self.committed.isoformat(),
            "author": self.author,
            "subject": self.subject,
            "kind": self.kind,
            "counts": self.counts,
            "path": self.path,
            "old_path": self.old_path,
            "summary": self.summary,
            "merge": self.merge,
        }


@dataclass(frozen=True, slots=True)
class LogResult:
    """The history of one persona, newest first."""

    id: str
    path: str
    state: str
    entries: tuple[LogEntry, ...]
    #: What the working tree or index changes against HEAD, when the persona is uncommitted.
    uncommitted: str | None = None
    at_boundary: bool = False
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "id": self.id,
            "path": self.path,
            "state": self.state,
            "uncommitted": self.uncommitted,
            "shallow_boundary": self.at_boundary,
            "commits": [entry.as_dict() for entry in self.entries],
        }


def summarise_change(
    kind: str,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    *,
    path: str,
    old_path: str | None,
) -> str:
    """One line on what a commit did: the sections whose meaning changed (through the
    semantic diff, so `log` and `diff` agree), or why the commit does not count."""
    from persona_cli.verbs.diff_semantic import diff_personas
    from persona_cli.verbs.diff_summary import section_summary

    if kind == "created":
        return "created"
    if kind == "reformatted":
        return "reformat only (no change in meaning)"
    if kind == "renamed":
        return f"renamed from {old_path} (no change in meaning)"
    if kind == "unreadable":
        return "not readable YAML: this version is skipped"
    if kind == "boundary":
        return "oldest fetched commit of a shallow clone: earlier history not fetched"
    if old is None:
        sections = "previous version unreadable"
    else:
        moved = old_path if old_path and old_path != path else None
        changes = diff_personas(old, new, path=path, old_path=moved)
        sections = section_summary(changes) or "no section"
    return f"ignored (.git-blame-ignore-revs): {sections}" if kind == "ignored" else sections


def log_entry(change: Change, blobs: Blobs) -> LogEntry:
    def data(sha: str | None) -> dict[str, Any] | None:
        return blobs.data(sha) if sha else None

    wants_data = change.kind in ("changed", "ignored")
    summary = summarise_change(
        change.kind,
        data(change.old_blob) if wants_data else None,
        data(change.new_blob) if wants_data else None,
        path=change.path,
        old_path=change.old_path,
    )
    return LogEntry(
        sha=change.commit.sha,
        committed=change.commit.committed,
        author=change.commit.author,
        subject=change.commit.subject,
        kind=change.kind,
        counts=change.counts,
        path=change.path,
        old_path=change.old_path,
        summary=summary,
        merge=change.commit.is_merge,
    )


def persona_log(source: SourceFile, *, cwd: Path, all_changes: bool = False) -> LogResult:
    """`persona log`: every commit that touched the persona, back to its creation (or the
    shallow boundary), through renames; only changes of meaning unless `all_changes`."""
    tree = open_worktree([source], cwd, "persona log")
    try:
        return _log(tree, source, all_changes=all_changes)
    finally:
        tree.repo.close()


def _log(tree: WorkTree, source: SourceFile, *, all_changes: bool) -> LogResult:
    from persona_cli.domain import canonical
    from persona_cli.git import history

    warnings: list[str] = []
    from persona_cli.domain.errors import LoadError
    from persona_cli.io.file_read import read_regular

    raw = read_regular(source.path, source.display, max_bytes=None)
    if not isinstance(raw, bytes):
        raise LoadError(f"{source.display}: {raw.message}")
    path = inside(source.path, tree.root)
    if path is None:
        raise LoadError(
            f"{source.display}: links outside the repository (to "
            f"{os.path.realpath(source.path)}); git has no history of it here",
            hint="run persona log in the repository the file lives in",
        )
    from persona_cli.verbs.version_read import read_persona

    data = read_persona(raw, source.display)
    if isinstance(data, str):  # `LINE:COL message`, the loader's first finding
        where, _, why = data.partition(" ")
        raise LoadError(
            f"{source.display}:{where}: not readable YAML ({why})",
            hint=f"run persona lint {source.display} for every problem",
        )
    tree.files[path] = (source, data, history.blob_sha(raw), canonical.digest(data))
    state = history.tree_state(tree.repo, [path])
    blobs = history.Blobs(tree.repo)
    shas = blob_shas(tree, state)
    blobs.know(shas[path][0], shas[path][1], data)
    status = history.head_states(state, shas, blobs)[path]
    entries: list[LogEntry] = []
    boundary = False
    uncommitted = None
    if status == "uncommitted" and path in state.head:
        uncommitted = summarise_change(
            "changed", blobs.data(state.head[path]), data, path=path, old_path=None
        )
    if path in state.head:
        ignored = history.ignored_revisions(tree.repo, warnings.append)
        found = history.walk(
            tree.repo,
            [path],
            blobs=blobs,
            ignored=ignored,
            stop_when_resolved=False,
            warn=warnings.append,
        )[path]
        boundary = found.at_boundary or any(c.kind == "boundary" for c in found.changes)
        entries = [log_entry(c, blobs) for c in found.changes if all_changes or c.counts]
    if boundary:
        warnings.append(f"history is shallow: older commits are not fetched; {history.UNSHALLOW}")
    return LogResult(
        id=persona_id(data, path),
        path=source.display,
        state=status,
        entries=tuple(entries),
        uncommitted=uncommitted,
        at_boundary=boundary,
        warnings=tuple(warnings),
    )


def find_persona(ident: str, sources: Sequence[SourceFile]) -> SourceFile:
    """The persona file `ident` names: a path given as such, else the file whose stem is
    the id (the README's rule: the file name's stem is the persona's id)."""
    from persona_cli.domain.errors import UsageError

    if len(sources) == 1 and (ident.endswith((".yaml", ".yml")) or "/" in ident):
        return sources[0]
    found = [source for source in sources if source.path.stem == ident]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(
            f"'{ident}' matches {len(found)} files ({', '.join(s.display for s in found)})",
            hint="pass the path of the one you mean",
        )
    raise UsageError(
        f"no persona '{ident}' in the configured paths",
        hint="pass its id (the file name without .yaml) or the path of its file",
    )


# --- earlier lives: an id that was deleted (and maybe re-created) ----------------------------


def deleted_log(
    ident: str, *, folders: Sequence[Path], cwd: Path, all_changes: bool
) -> tuple[LogResult | None, bool]:
    """`persona log ID` for an id no file in the working tree has: every life of it, newest
    first, each opened by the commit that deleted it. (None, shallow) when no commit from
    HEAD deleted it; `shallow` then says the deletion may be in history not fetched."""
    from persona_cli.domain.errors import GitError
    from persona_cli.git import open_repository
    from persona_cli.git.lives import LifeSearch, folder_specs
    from persona_cli.io.discovery import display_path

    try:
        repo = open_repository(cwd, purpose="persona log")
    except GitError:
        return None, False  # no history to search: the caller's "no persona" error stands
    try:
        if not repo.has_head():
            return None, False
        root = repo.root.resolve()
        warnings: list[str] = []
        search = LifeSearch(repo, ident, folder_specs(folders, root), warnings)
        found = search.lives("HEAD")
        if not found.lives:
            return None, found.shallow
        entries = _entries(search, found, all_changes=all_changes)
        if found.shallow:
            warnings.append(_incomplete())
        last = found.lives[0].deletion
        assert last is not None
        return LogResult(
            id=ident,
            path=display_path(root / last.path, cwd),
            state="deleted",
            entries=tuple(entries),
            at_boundary=found.shallow,
            warnings=tuple(warnings),
        ), found.shallow
    finally:
        repo.close()


def with_earlier_lives(
    result: LogResult, *, folders: Sequence[Path], cwd: Path, all_changes: bool
) -> LogResult:
    """`result` (the life present at HEAD, or a file not committed yet) followed by the lives
    of the same id that were deleted before it was created again."""
    created = [e for e in result.entries if e.kind == "created"]
    # A file HEAD does not have yet: its earlier lives are all in history.
    new = not result.entries and result.uncommitted is None
    if not new and (result.at_boundary or not created or created[-1] is not result.entries[-1]):
        return result
    from persona_cli.git import open_repository
    from persona_cli.git.lives import LifeSearch, folder_specs

    repo = open_repository(cwd, purpose="persona log")
    try:
        if not repo.has_head():
            return result
        root = repo.root.resolve()
        warnings = list(result.warnings)
        search = LifeSearch(repo, result.id, folder_specs(folders, root), warnings)
        found = search.lives("HEAD" if new else search.before_sha(created[-1].sha))
        if not found.lives:
            return result
        entries = _entries(search, found, all_changes=all_changes)
        if found.shallow:
            warnings.append(_incomplete())
        return replace(
            result,
            entries=(*result.entries, *entries),
            at_boundary=found.shallow,
            warnings=tuple(dict.fromkeys(warnings)),  # the second search repeats the first's
        )
    finally:
        repo.close()


def _entries(search: LifeSearch, found: Lives, *, all_changes: bool) -> list[LogEntry]:
    out: list[LogEntry] = []
    for life in found.lives:
        if life.deletion is not None:
            out.append(_deleted_entry(life.deletion))
        out += [log_entry(c, search.blobs) for c in life.history.changes if all_changes or c.counts]
    return out


def _deleted_entry(deletion: Deletion) -> LogEntry:
    commit = deletion.commit
    return LogEntry(
        sha=commit.sha,
        committed=commit.committed,
        author=commit.author,
        subject=commit.subject,
        kind="deleted",
        counts=True,
        path=deletion.path,
        old_path=None,
        summary=f"deleted (last at {deletion.path})",
        merge=commit.is_merge,
    )


def _incomplete() -> str:
    from persona_cli.git.history import UNSHALLOW

    return f"history is shallow: older commits are not fetched; {UNSHALLOW}"
