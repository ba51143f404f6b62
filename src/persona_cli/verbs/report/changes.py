"""Recent changes for the report: the newest commits that changed the meaning of a persona."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from persona_cli.domain.errors import GitError
from persona_cli.git import history, open_repository
from persona_cli.git.history import PersonaHistory
from persona_cli.io.discovery import SourceFile
from persona_cli.verbs.age import persona_id
from persona_cli.verbs.log import summarise_change
from persona_cli.verbs.report.records import DEFAULT_CHANGES, ChangedPersona, ChangeItem


class _Newest:
    """The walk's stop test for "the newest N commits that changed a meaning": notes each
    commit with a counted change in the order the log streams them (first parent, newest
    first, as `persona log` lists them) and says stop once it holds N. A change judged
    against an unreadable older version is settled later in the walk; one still open when
    the walk stops counts (an unreadable version in history is rare)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.order: dict[str, int] = {}
        self.read: dict[str, int] = {}

    def __call__(self, histories: Mapping[str, PersonaHistory]) -> bool:
        for path, found in histories.items():
            start = self.read.get(path, 0)
            if len(found.changes) == start:
                continue
            for change in found.changes[start:]:
                if change.counts:
                    self.order.setdefault(change.commit.sha, len(self.order))
            self.read[path] = len(found.changes)
        return len(self.order) >= self.limit

    def position(self, sha: str) -> int:
        return self.order.get(sha, len(self.order))


def recent_changes(
    sources: Sequence[SourceFile],
    *,
    cwd: Path,
    limit: int = DEFAULT_CHANGES,
    warn: Callable[[str], None],
) -> list[ChangeItem]:
    """The newest `limit` commits that changed the meaning of any file of the set, each with
    the one-line section summary per persona that `persona log` prints. Reformat-only,
    rename-only and ignored (`.git-blame-ignore-revs`) commits do not count, as in `log`."""
    try:
        repo = open_repository(cwd, purpose="persona report")
    except GitError:
        if not sources:
            raise
        repo = open_repository(sources[0].path.resolve().parent, purpose="persona report")
    try:
        root = repo.root.resolve()
        displays: dict[str, str] = {}
        for source in sources:
            try:
                displays[history.relative(source.path, root)] = source.display
            except GitError as failure:
                warn(str(failure))
        state = history.tree_state(repo, list(displays))
        at_head = [path for path in displays if path in state.head]
        if not at_head:
            return []
        blobs = history.Blobs(repo)
        ignored = history.ignored_revisions(repo, warn)
        newest = _Newest(limit)
        walked = history.walk(
            repo,
            at_head,
            blobs=blobs,
            ignored=ignored,
            stop_when_resolved=False,
            warn=warn,
            until=newest,
        )
        commits: dict[str, list[tuple[str, history.Change]]] = {}
        for path, found in walked.items():
            for change in found.changes:
                if change.counts:
                    commits.setdefault(change.commit.sha, []).append((path, change))
        chosen = sorted(commits.items(), key=lambda item: newest.position(item[0]))[:limit]
        items = []
        for _, pairs in chosen:
            commit = pairs[0][1].commit
            touched = []
            for path, change in sorted(pairs, key=lambda pair: displays[pair[0]]):
                new = blobs.data(change.new_blob) if change.new_blob else None
                old = blobs.data(change.old_blob) if change.old_blob else None
                summary = summarise_change(
                    change.kind,
                    old if change.kind == "changed" else None,
                    new if change.kind == "changed" else None,
                    path=change.path,
                    old_path=change.old_path,
                )
                touched.append(ChangedPersona(persona_id(new or {}, path), displays[path], summary))
            items.append(
                ChangeItem(
                    commit=commit.sha,
                    date=commit.committed,
                    author=commit.author,
                    subject=commit.subject,
                    personas=tuple(touched),
                )
            )
        return items
    finally:
        repo.close()
