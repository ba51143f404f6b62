"""When did each persona last change in meaning? One streamed `git log` pass answers for all.

`persona age` on a thousand personas must not start a thousand `git log -1 -- FILE`
processes, and it must not trust those either: a reformat, a comment, a rename or a commit
listed in `.git-blame-ignore-revs` is not a change of meaning. So:

- one `git log --first-parent -m --raw -z -M` over every YAML path, read from its stdout as
  it streams and stopped (the process killed) as soon as every persona is resolved;
- each touched version compared by its canonical digest (`canonical.digest`), blobs read
  through one persistent `git cat-file --batch` process (`plumbing`), and each blob parsed at
  most once (a digest cache keyed by blob sha; an unchanged blob is never parsed twice);
- renames followed backwards: each persona is tracked under the path it had in older
  commits. A delete and an add of the same meaning in one commit also count as a move, for
  the moves that git's similarity index misses because the file was reformatted too.

Merge commits: the walk follows the first parent and diffs a merge against it (`-m
--first-parent`). A persona changed on a branch therefore changes at the merge commit, with
the merge's committer date: that is when the change reached the main line, which is the
history a freshness check reads (and it is immune to the branch's old or rebased dates).

The number of git processes is constant: `ls-tree`, `ls-files`, `config`, `log`, and the
`cat-file` batch, whatever the number of personas.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from io import BufferedReader
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any, Literal

from persona_cli.domain import canonical
from persona_cli.domain.errors import GitError, UsageError
from persona_cli.git.plumbing import CommandFailed
from persona_cli.io.file_read import not_regular

if TYPE_CHECKING:
    import subprocess

    from persona_cli.git.plumbing import Repository

#: What one commit did to one persona. Only `created` and `changed` move `last_changed`.
ChangeKind = Literal[
    "created",  # the file appears, with no older version to compare with
    "changed",  # the canonical digest differs from the version before
    "reformatted",  # the bytes differ, the meaning does not (format, comments, key order)
    "renamed",  # the path changed, the meaning did not
    "ignored",  # the meaning changed in a commit listed in the ignore-revs file
    "unreadable",  # this version is not readable YAML; it is skipped
    "boundary",  # the first commit of a shallow clone: what came before is not fetched
]
COUNTED: frozenset[str] = frozenset({"created", "changed"})
#: How a working-tree file stands against HEAD (see `head_states`).
HeadState = Literal["committed", "uncommitted", "untracked"]

#: The remedy for shallow history, worded once for every message that needs it.
UNSHALLOW = "fetch full history (actions/checkout with fetch-depth: 0, or git fetch --unshallow)"
DEFAULT_IGNORE_REVS = ".git-blame-ignore-revs"

_SUFFIXES = (".yaml", ".yml")
_FILE_MODES = frozenset({"100644", "100755"})
# Record and field separators for --format: bytes that do not occur in shas, dates or names.
_RS, _FS = "\x1e", "\x1f"
_FORMAT = f"--format={_RS}%H{_FS}%P{_FS}%cI{_FS}%aN{_FS}%s"
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Commit:
    """The facts about a commit that `persona log` shows and `persona age` dates by."""

    sha: str
    parents: tuple[str, ...]
    committed: dt.datetime  # aware, in the committer's own offset
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


@dataclass(slots=True)
class Change:
    """One commit touching one persona, judged by meaning. `kind` of a change whose previous
    version was unreadable is settled when the walk reaches an older readable version."""

    commit: Commit
    path: str
    old_path: str | None
    old_blob: str | None
    new_blob: str
    kind: ChangeKind

    @property
    def counts(self) -> bool:
        return self.kind in COUNTED


@dataclass(slots=True)
class PersonaHistory:
    """What the walk learnt about the persona at `path` (its path at HEAD)."""

    path: str
    #: Newest first. With `stop_when_resolved`, only up to the change that resolved it.
    changes: list[Change] = field(default_factory=list)
    #: The newest change of meaning: its commit date is the persona's `last_changed`.
    last_change: Change | None = None
    #: True when the history ran into a shallow clone's boundary before `last_change` was
    #: found: the persona existed unchanged at the oldest fetched commit, no one knows since when.
    at_boundary: bool = False


@dataclass(frozen=True, slots=True)
class TreeState:
    """The blob of each path at HEAD and in the index (stage 0), from one process each."""

    head: dict[str, str]
    index: dict[str, str]
    conflicted: frozenset[str]
    has_head: bool


@dataclass(frozen=True, slots=True)
class _Entry:
    status: str
    old_blob: str | None
    new_blob: str | None
    old_path: str
    path: str


class Blobs:
    """Blob contents read through the persistent `cat-file --batch`, parsed at most once.

    Digests are cached for every blob; parsed data only on request (`persona log` needs it
    for one persona; `persona age` needs only digests, so memory stays flat on big repos)."""

    def __init__(self, repo: Repository) -> None:
        self._repo = repo
        self._digests: dict[str, str | None] = {}
        self._data: dict[str, dict[str, Any] | None] = {}

    def know(self, sha: str, digest: str, data: dict[str, Any] | None = None) -> None:
        """Seed the cache with a version parsed elsewhere (the working-tree file, which is
        usually HEAD's blob too): the walk then never parses it again."""
        self._digests[sha] = digest
        if data is not None:
            self._data[sha] = data

    def raw(self, sha: str) -> bytes:
        """The object's bytes (a blob, or a commit when the walk checks a boundary)."""
        found = self._repo.read_object(sha)
        if found is None:
            raise GitError(
                f"cannot read blob {sha[:12]}: git has no such object",
                hint="the repository may be incomplete; run git fsck",
            )
        return found[1]

    def data(self, sha: str) -> dict[str, Any] | None:
        """The parsed persona, or None when the version is not a readable YAML mapping."""
        if sha not in self._data:
            self._data[sha] = parse_bytes(self.raw(sha), sha)
        return self._data[sha]

    def digest(self, sha: str) -> str | None:
        if sha not in self._digests:
            data = self._data[sha] if sha in self._data else parse_bytes(self.raw(sha), sha)
            self._digests[sha] = None if data is None else canonical.digest(data)
        return self._digests[sha]


def parse_bytes(raw: bytes, label: str) -> dict[str, Any] | None:
    """A persona version's data, or None when it is not UTF-8 YAML holding a mapping, or
    is over the size limit (lint's Y007: the version is unreadable, never parsed)."""
    from persona_cli.io.file_read import DEFAULT_MAX_BYTES
    from persona_cli.io.yaml_build import plain_data

    if len(raw) > DEFAULT_MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # None for any loader finding too (a duplicate key...): it makes a version unreadable.
    return plain_data(text, label)


def blob_sha(raw: bytes, *, length: int = 40) -> str:
    """The object id git gives these bytes (`git hash-object`), for a cheap equality test."""
    header = b"blob %d\0" % len(raw)
    algorithm = hashlib.sha256 if length == 64 else hashlib.sha1
    return algorithm(header + raw, usedforsecurity=False).hexdigest()


# --- the repository's state ------------------------------------------------------------------


def _parents(paths: Sequence[str]) -> list[str]:
    """Folders holding `paths`, as pathspecs: fewer arguments than one per file."""
    folders = sorted({str(PurePosixPath(path).parent) for path in paths})
    return [f":(literal){folder}" if folder != "." else ":/" for folder in folders]


def tree_state(repo: Repository, paths: Sequence[str]) -> TreeState:
    """Blob shas of `paths` at HEAD and in the index, from one `ls-tree` and one `ls-files`."""
    wanted = set(paths)
    specs = _parents(paths)
    head: dict[str, str] = {}
    has_head = repo.has_head()
    try:
        if has_head and specs:
            listing = repo.run("ls-tree", "-r", "-z", "--full-tree", "HEAD", "--", *_plain(specs))
            for record in listing.split("\0"):
                meta, _, path = record.partition("\t")
                fields = meta.split()
                if path in wanted and len(fields) == 3 and fields[0] in _FILE_MODES:
                    head[path] = fields[2]
        index: dict[str, str] = {}
        conflicted: set[str] = set()
        if specs:
            listing = repo.run("ls-files", "-s", "-z", "--", *specs)
            for record in listing.split("\0"):
                meta, _, path = record.partition("\t")
                fields = meta.split()
                if path not in wanted or len(fields) != 3:
                    continue
                if fields[2] == "0":
                    index[path] = fields[1]
                else:
                    conflicted.add(path)
    except CommandFailed as failure:
        raise _git_error(failure, "reading HEAD and the index") from None
    return TreeState(head, index, frozenset(conflicted), has_head)


def _plain(specs: list[str]) -> list[str]:
    """`ls-tree` takes plain path prefixes, not pathspec magic."""
    out = []
    for spec in specs:
        if spec == ":/":
            return []
        out.append(spec.removeprefix(":(literal)") + "/")
    return out


def _git_error(failure: CommandFailed, what: str) -> GitError:
    return GitError(f"{what} failed: {failure.detail}")


def shallow_commits(repo: Repository) -> frozenset[str]:
    """The boundary commits of a shallow clone (their parents were not fetched)."""
    shallow = Path(repo.common_dir) / "shallow"
    try:
        text = shallow.read_text(encoding="ascii")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def ignored_revisions(repo: Repository, warn: Callable[[str], None]) -> frozenset[str]:
    """Commits that do not count: `.git-blame-ignore-revs` at the root (the name GitHub's blame
    view reads), plus every `blame.ignoreRevsFile` in the git config (an empty value resets the
    list, as in git). One sha per line; `#` starts a comment."""
    root = repo.root
    files: list[Path] = []
    default = root / DEFAULT_IGNORE_REVS
    if default.is_file():
        files.append(default)
    elif (what := not_regular(default)) is not None:
        warn(
            f"{DEFAULT_IGNORE_REVS}: {what}, not a regular file; no commits ignored from it "
            "(replace it with a file of commit ids, or remove it)"
        )
    configured = repo.run("config", "--get-all", "blame.ignoreRevsFile", check=False)
    for value in configured.splitlines():
        if not value.strip():
            files.clear()
            continue
        path = Path(value.strip()).expanduser()
        path = path if path.is_absolute() else root / path
        if path.is_file():
            if path not in files:
                files.append(path)
        else:
            what = not_regular(path) or "no such file"
            warn(f"blame.ignoreRevsFile {value.strip()}: {what}; no commits ignored from it")
    shas: set[str] = set()
    if files:
        from persona_cli.io import fileio  # the writers' module: only when there is a file
    for path in files:
        try:  # without blocking: a FIFO put in the file's place is refused, never waited on
            text = fileio.read(path)[0].decode("utf-8", errors="replace")
        except OSError as failure:
            warn(f"{path}: cannot read ({failure.strerror}); no commits ignored from it")
            continue
        except UsageError:
            warn(f"{path}: not a regular file; no commits ignored from it")
            continue
        for line in text.splitlines():
            token = line.split("#", 1)[0].strip().lower()
            if token and all(c in "0123456789abcdef" for c in token):
                shas.add(token)
    return frozenset(shas)


def _is_ignored(sha: str, ignored: frozenset[str]) -> bool:
    # Full shas match directly; an abbreviated entry (7+ characters) matches by prefix.
    return sha in ignored or any(len(p) >= 7 and sha.startswith(p) for p in ignored)


# --- the log stream -------------------------------------------------------------------------


def _pathspecs(paths: Sequence[str]) -> list[str]:
    """Every YAML file, not only the personas' current paths: a persona may have been renamed
    from anywhere, and git detects a rename only between paths the pathspec admits."""
    specs = [f":(glob)**/*{suffix}" for suffix in _SUFFIXES]
    specs += [f":(literal){p}" for p in paths if not p.endswith(_SUFFIXES)]
    return specs


def _tokens(stream: BufferedReader | IO[bytes]) -> Iterator[bytes]:
    """NUL-separated tokens of `git log -z`, read in chunks as git writes them."""
    rest = b""
    while True:
        chunk = stream.read1(_CHUNK) if isinstance(stream, BufferedReader) else stream.read(_CHUNK)
        if not chunk:
            break
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="surrogateescape")


def _commit(header: bytes) -> Commit:
    fields = header.decode("utf-8", errors="replace").lstrip("\n")[1:].split(_FS, 4)
    fields += [""] * (5 - len(fields))
    sha, parents, date, author, subject = fields
    return Commit(sha, tuple(parents.split()), dt.datetime.fromisoformat(date), author, subject)


def _commits(stream: BufferedReader | IO[bytes]) -> Iterator[tuple[Commit, list[_Entry]]]:
    """Commits with their raw diff entries, newest first, as they stream in."""
    tokens = _tokens(stream)
    commit: Commit | None = None
    entries: list[_Entry] = []
    for token in tokens:
        stripped = token.lstrip(b"\n")
        if stripped.startswith(_RS.encode()):
            if commit is not None:
                yield commit, entries
            commit, entries = _commit(stripped), []
        elif stripped.startswith(b":"):
            fields = stripped[1:].decode("ascii", errors="replace").split()
            if len(fields) < 5:
                continue
            old_mode, new_mode, old_blob, new_blob, status = fields[:5]
            first = _text(next(tokens, b""))
            second = _text(next(tokens, b"")) if status[:1] in ("R", "C") else first
            entries.append(
                _Entry(
                    status=status[:1],
                    old_blob=old_blob if old_mode in _FILE_MODES else None,
                    new_blob=new_blob if new_mode in _FILE_MODES else None,
                    old_path=first,
                    path=second,
                )
            )
    if commit is not None:
        yield commit, entries


# --- the walk --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Track:
    history: PersonaHistory
    path: str  # where the persona lived as of the commit being read
    #: (digest, change) of a version whose predecessor was unreadable: the change is judged
    #: against the next older readable version.
    pending: tuple[str, Change] | None = None


class _Walk:
    def __init__(
        self,
        *,
        blobs: Blobs,
        ignored: frozenset[str],
        boundary: frozenset[str],
        stop_when_resolved: bool,
        warn: Callable[[str], None],
    ) -> None:
        self.blobs = blobs
        self.ignored = ignored
        self.boundary = boundary
        self.stop_when_resolved = stop_when_resolved
        self.warn = warn
        self.active: dict[str, _Track] = {}  # current path -> track
        self.warned: set[str] = set()
        self.cut_off: dict[str, bool] = {}

    def digest(self, sha: str | None, path: str, commit: Commit) -> str | None:
        if sha is None:
            return None
        value = self.blobs.digest(sha)
        if value is None and sha not in self.warned:
            self.warned.add(sha)
            self.warn(
                f"{path} at {commit.short}: not readable YAML; that version is skipped "
                "(the versions before and after it are compared)"
            )
        return value

    def commit(self, commit: Commit, entries: list[_Entry]) -> None:
        moves: dict[str, str] = {}  # new path -> old path, applied after the whole commit
        deleted = [e for e in entries if e.status == "D" and e.old_blob is not None]
        for entry in entries:
            if entry.status == "D" or entry.path not in self.active:
                continue
            track = self.active[entry.path]
            older = self._judge(track, commit, entry, deleted)
            if older is None:
                del self.active[entry.path]
            elif older != entry.path:
                moves[entry.path] = older
        for new, old in moves.items():
            track = self.active.pop(new)
            track.path = old
            self.active[old] = track

    def _judge(
        self, track: _Track, commit: Commit, entry: _Entry, deleted: list[_Entry]
    ) -> str | None:
        """Judge `commit`'s change to the tracked persona; the path to follow further back,
        or None when this persona's walk is over."""
        history = track.history
        new = self.digest(entry.new_blob, entry.path, commit)
        if track.pending is not None and new is not None:
            pending_digest, pending = track.pending
            track.pending = None
            pending.kind = "reformatted" if pending_digest == new else self._changed(pending)
            if pending.counts and self._resolve(track, pending):
                return None
        change = Change(
            commit, entry.path, entry.old_path, entry.old_blob, entry.new_blob or "", "changed"
        )
        older: str | None = entry.old_path
        if entry.new_blob is None:
            change.kind = "unreadable"  # a symlink or submodule where the persona lives
            older = None if entry.status == "A" else older
        elif entry.status == "A" and self._cut_off(commit):
            change.kind, change.old_path, older = "boundary", None, None
        elif entry.status == "A":
            moved = self._moved_from(entry, new, deleted) if new is not None else None
            if moved is not None:
                deleted.remove(moved)
                change.kind, change.old_blob = "renamed", moved.old_blob
                change.old_path = older = moved.path
            else:
                # A creation counts even in an ignored commit: there is nothing older to credit.
                change.kind = "created" if new is not None else "unreadable"
                change.old_path = older = None
        elif new is None:
            change.kind = "unreadable"
        else:
            old = (
                new
                if entry.old_blob == entry.new_blob
                else None
                if entry.old_blob is None
                else self.blobs.digest(entry.old_blob)
            )
            if old is None:
                track.pending = (new, change)  # judged against the next readable version
            elif old != new:
                change.kind = self._changed(change)
            else:
                change.kind = "renamed" if entry.old_path != entry.path else "reformatted"
        history.changes.append(change)
        waiting = track.pending is not None and track.pending[1] is change
        if change.counts and not waiting and self._resolve(track, change):
            return None
        if older is None:
            self._finish(track, at_boundary=change.kind == "boundary")
        return older

    def _cut_off(self, commit: Commit) -> bool:
        """True for a shallow clone's boundary commit whose parents exist but were not fetched.
        git log shows such a commit as a root; its own object still names the parents, and a
        true root commit (the repository's first) is a real creation."""
        if commit.sha not in self.boundary:
            return False
        if commit.sha not in self.cut_off:
            header = self.blobs.raw(commit.sha).split(b"\n\n", 1)[0]
            self.cut_off[commit.sha] = any(
                line.startswith(b"parent ") for line in header.splitlines()
            )
        return self.cut_off[commit.sha]

    def _changed(self, change: Change) -> ChangeKind:
        return "ignored" if _is_ignored(change.commit.sha, self.ignored) else "changed"

    def _moved_from(self, entry: _Entry, new: str, deleted: list[_Entry]) -> _Entry | None:
        """A file deleted in the same commit with the same meaning: a move git did not pair."""
        for candidate in deleted:
            if candidate.old_path.endswith(_SUFFIXES) and (
                candidate.old_blob == entry.new_blob
                or self.blobs.digest(candidate.old_blob or "") == new
            ):
                return candidate
        return None

    def _resolve(self, track: _Track, change: Change) -> bool:
        """Record the newest counted change; True when the walk can drop this persona."""
        if track.history.last_change is None:
            track.history.last_change = change
        return self.stop_when_resolved

    def _finish(self, track: _Track, *, at_boundary: bool) -> None:
        """The persona's history is over (created, or the clone's first commit)."""
        if track.pending is not None:
            _, pending = track.pending
            track.pending = None
            if not at_boundary:
                # The first readable version: it counts, whatever came before it.
                pending.kind = "changed"
                self._resolve(track, pending)
        if track.history.last_change is None and at_boundary:
            track.history.at_boundary = True


def walk(
    repo: Repository,
    paths: Sequence[str],
    *,
    blobs: Blobs,
    ignored: frozenset[str] = frozenset(),
    stop_when_resolved: bool = True,
    warn: Callable[[str], None],
    until: Callable[[Mapping[str, PersonaHistory]], bool] | None = None,
    start: str = "HEAD",
) -> dict[str, PersonaHistory]:
    """The history of each persona at `paths` (repository-relative, present at `start`:
    HEAD, or the parent of the commit that deleted a persona).

    With `stop_when_resolved`, each persona's walk ends at its newest change of meaning and
    `git log` is stopped once all are resolved; otherwise it goes back to each creation.
    `until`, asked after each commit, stops the walk early when it returns True (`persona
    report` stops once it holds the newest N commits that changed a meaning); the histories
    then end at that commit."""
    histories = {path: PersonaHistory(path) for path in paths}
    if not histories:
        return histories
    state = _Walk(
        blobs=blobs,
        ignored=ignored,
        boundary=shallow_commits(repo),
        stop_when_resolved=stop_when_resolved,
        warn=warn,
    )
    state.active = {path: _Track(history, path) for path, history in histories.items()}
    popen = _log(repo, _pathspecs(paths), start=start)
    assert popen.stdout is not None
    finished = False
    try:
        for commit, entries in _commits(popen.stdout):
            state.commit(commit, entries)
            if not state.active or (until is not None and until(histories)):
                break  # every persona resolved: the rest of the history is not needed
        else:
            finished = True
    finally:
        if not finished:
            popen.kill()  # also on errors: a blocked git log would never exit
        stderr = popen.stderr.read() if popen.stderr is not None else b""
        popen.stdout.close()
        code = popen.wait()
    if finished and code != 0:
        detail = _text(stderr).strip().splitlines()
        raise GitError(f"git log failed: {detail[0] if detail else f'exit status {code}'}")
    for track in list(state.active.values()):
        state._finish(track, at_boundary=any(state.cut_off.values()))
    return histories


def _log(repo: Repository, specs: Sequence[str], *, start: str = "HEAD") -> subprocess.Popen[bytes]:
    """Start one `git log` from `start` over `specs`: the running process, read as it
    streams (the caller kills it when it stops early, and waits for it)."""
    config = [
        "log.showSignature=false",
        "log.showRoot=true",
        "core.quotePath=false",
        "i18n.logOutputEncoding=UTF-8",  # names and subjects are read as UTF-8
    ]
    return repo.stream(
        "log",
        "-m",
        "--first-parent",
        "--raw",
        "-z",
        "-M",
        "--no-abbrev",
        "--no-color",
        "--no-ext-diff",
        _FORMAT,
        start,
        "--",
        *specs,
        config=config,
    )


def relative(path: Path, root: Path) -> str:
    """`path` as git names it: relative to the work tree's root, with `/`."""
    try:
        # realpath, not resolve(): a symlink loop must not raise (it is a finding elsewhere)
        return Path(os.path.realpath(path)).relative_to(root).as_posix()
    except ValueError:
        raise GitError(
            f"{os.path.normpath(path)}: outside the repository at {root}",
            hint="give paths inside the repository, or run from the one the personas are in",
        ) from None


def head_states(
    state: TreeState, worktree: Mapping[str, tuple[str, str]], blobs: Blobs
) -> dict[str, HeadState]:
    """How each working-tree file (path -> (blob sha, digest)) stands against HEAD:

    - `untracked`: git knows nothing of it (not at HEAD, not staged);
    - `uncommitted`: staged or edited so that its meaning differs from HEAD (a new file that is
      staged is uncommitted too: it will be in the next commit);
    - `committed`: the working tree and the index say what HEAD says.

    Equal blob shas settle most files without parsing the HEAD version."""
    out: dict[str, HeadState] = {}
    for path, (sha, digest) in worktree.items():
        head = state.head.get(path)
        if head is None:
            out[path] = "uncommitted" if path in state.index else "untracked"
            continue
        staged = state.index.get(path, head)
        differs = path in state.conflicted or (
            staged != head and blobs.digest(staged) != blobs.digest(head)
        )
        if not differs and sha != head:
            differs = digest != blobs.digest(head)
        out[path] = "uncommitted" if differs else "committed"
    return out
