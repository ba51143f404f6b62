"""The two sides of `persona diff`: which persona files changed, and their bytes on each side.

One `git diff --raw -z -M` call lists the changed files with rename detection, whatever the
sides are (two trees, a tree and the index, a tree and the working tree); the blobs are then
read through one persistent `cat-file --batch` process (`plumbing`). So a diff costs three git
processes however many personas changed (four with the untracked listing).

Untracked persona files count as added when the new side is the working tree. `git diff`
leaves them out, but a persona author who has just written a new file expects to see it.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import GitError, UsageError
from persona_cli.git.blobcache import Read
from persona_cli.git.plumbing import CommandFailed, Repository, open_repository

if TYPE_CHECKING:
    from persona_cli.git.blobcache import ParseCache

#: How the working tree's version of a file is read, given its path and the path shown:
#: its bytes; None when it is gone; `LINE:COL message` when it is there but unreadable (a
#: FIFO, a symlink loop). The verb hands it in: git/ reads no working-tree file itself.
ReadFile = Callable[[Path, str], bytes | str | None]

#: The id of the empty tree: the old side of a repository with no commit yet.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
_NULL_SHA = "0" * 40
#: Regular files; symlinks (120000) and submodules (160000) are not persona files.
_FILE_MODES = frozenset({"100644", "100755"})
_SYMLINK_MODE = "120000"
_SUFFIXES = (".yaml", ".yml")
WORKING_TREE = "the working tree"
INDEX = "the index"


@dataclass(frozen=True, slots=True)
class FilePair:
    """Two versions of one persona file as git has them: raw bytes, None where the file does
    not exist on that side. `old_path` differs from `path` for a rename.

    `old_sha`/`new_sha` are the sides' git blob ids when known; `old_read`/`new_read` hold a
    side's parse taken from the cache (its bytes are then not read at all, and may be None).
    """

    path: str
    old_path: str
    old: bytes | None
    new: bytes | None
    old_sha: str | None = None
    new_sha: str | None = None
    old_read: Read | None = None
    new_read: Read | None = None

    @property
    def has_old(self) -> bool:
        return self.old is not None or self.old_read is not None

    @property
    def has_new(self) -> bool:
        return self.new is not None or self.new_read is not None


@dataclass(frozen=True, slots=True)
class Comparison:
    """What `persona diff` compares: labels for humans and the changed persona files."""

    old_label: str
    new_label: str
    files: list[FilePair]
    warnings: list[str] = field(default_factory=list)
    #: The parse cache the files' parses came from, to store new parses in (then close).
    cache: ParseCache | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    status: str
    old_mode: str
    new_mode: str
    old_sha: str
    new_sha: str
    old_path: str
    path: str


def _git_error(failure: CommandFailed, what: str) -> GitError:
    return GitError(f"{what} failed: {failure.detail}")


def _commit(repo: Repository, token: str) -> str | None:
    """The commit `token` names (a branch, tag, sha, `HEAD~2`...), or None."""
    return repo.commit(token)


def _unknown_revision(repo: Repository, token: str) -> GitError:
    return GitError(
        f"unknown revision '{token}'",
        hint=(
            "the clone is shallow: fetch history (actions/checkout with fetch-depth: 0, "
            "or git fetch --unshallow)"
            if repo.is_shallow()
            else "check the branch or commit name (git branch -a, git log --oneline); "
            f"for a path that no longer exists, put it after --: persona diff REV -- {token}"
        ),
    )


def _range(repo: Repository, token: str) -> tuple[str, str] | None:
    """`A..B` (the same as `A B`) or `A...B` (B against its merge base with A), as shas."""
    for separator in ("...", ".."):
        if separator in token:
            left, _, right = token.partition(separator)
            old, new = _commit(repo, left or "HEAD"), _commit(repo, right or "HEAD")
            if old is None or new is None:
                return None  # not a range: `../personas` is a path
            if separator == "...":
                try:
                    old = repo.run("merge-base", old, new).strip()
                except CommandFailed as failure:
                    if failure.status == 1 and not failure.stderr.strip():  # no common commit
                        a, b = left or "HEAD", right or "HEAD"
                        raise GitError(
                            f"'{token}': {a} and {b} have no commit in common, "
                            "so there is no merge base to compare from",
                            hint=f"compare the two directly: persona diff {a} {b}",
                        ) from None
                    raise _git_error(failure, f"git merge-base for '{token}'") from None
            return old, new
    return None


def _looks_like_path(token: str) -> bool:
    return "/" in token or token.endswith(_SUFFIXES) or any(c in token for c in "*?[")


def _separate_hint(token: str) -> str:
    return (
        f"use -- to separate revisions from paths: 'persona diff REV -- {token}' for the "
        f"path, 'persona diff {token} --' for the revision"
    )


def _too_many(token: str, limit: int) -> UsageError:
    if limit < 2:
        return UsageError(
            f"--staged compares one revision with the index; '{token}' would be a second one",
            hint="drop --staged to compare two revisions, or give one revision",
        )
    return UsageError(
        f"'{token}' would be a third revision; persona diff compares two",
        hint="give one or two revisions (or A..B), then paths; put paths after --",
    )


def _split(
    repo: Repository,
    cwd: Path,
    arguments: Sequence[str],
    *,
    limit: int,
    paths: Sequence[str] | None = None,
) -> tuple[list[tuple[str, str]], list[str]]:
    """Revisions (label, sha) and paths among the positional arguments, as git reads them.

    `paths` given (the arguments after `--`): every one of `arguments` must be a revision, and
    every one of `paths` is a path, even a name that is also a branch. Without `--`: leading
    arguments that name commits are revisions and the first that does not starts the paths;
    a name that is both a revision and a path is ambiguous (an error asking for `--`, as git
    says), and so is a revision after a path. More revisions than the comparison takes
    (two; one with --staged) are an error, never silently dropped or read as paths."""
    revisions: list[tuple[str, str]] = []
    found: list[str] = []
    for token in arguments:
        if paths is None and found:
            _after_a_path(repo, cwd, token, found[0])
            found.append(token)
            continue
        span = _range(repo, token)
        if span is not None:
            if limit < 2:
                raise _too_many(token, limit)
            if revisions:
                raise GitError(
                    f"'{token}' is a range; give it alone",
                    hint="persona diff A..B, or persona diff A B",
                )
            left, _, right = token.partition("..")
            revisions += [(left or "HEAD", span[0]), (right.lstrip(".") or "HEAD", span[1])]
            continue
        sha = _commit(repo, token)
        if paths is not None:  # before `--`: revisions only
            if sha is None:
                raise GitError(
                    f"bad revision '{token}'",
                    hint="before -- give revisions only, paths after it",
                )
        elif (cwd / token).exists():
            if sha is not None:
                raise UsageError(
                    f"ambiguous argument '{token}': both a revision and a path",
                    hint=_separate_hint(token),
                )
            found.append(token)
            continue
        elif sha is None:
            if not _looks_like_path(token):
                raise _unknown_revision(repo, token)
            found.append(token)
            continue
        if len(revisions) >= limit:
            raise _too_many(token, limit)
        revisions.append((token, sha))
    return revisions, [*found, *(paths or [])]


def _after_a_path(repo: Repository, cwd: Path, token: str, first: str) -> None:
    """Without `--`, what follows a path must be a path too: one that exists, or looks like
    one (a deleted file); a revision there, or a name that is neither, is an error."""
    exists = (cwd / token).exists()
    sha = _commit(repo, token)
    if exists and sha is not None:
        raise UsageError(
            f"ambiguous argument '{token}': both a revision and a path",
            hint=_separate_hint(token),
        )
    if exists or (sha is None and _looks_like_path(token)):
        return
    if sha is not None:
        raise UsageError(
            f"'{token}' is a revision after the path '{first}'",
            hint="give revisions first, then paths (persona diff REV -- PATH...)",
        )
    raise UsageError(
        f"'{token}': no such path here, and not a revision",
        hint=f"for a path that no longer exists, put it after --: persona diff REV -- {token}",
    )


def _pathspec(root: Path, cwd: Path, path: str | Path) -> str:
    """`path` (relative to `cwd`, or absolute) relative to the repository root."""
    absolute = (cwd / path).resolve()
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        raise GitError(
            f"{path}: outside the repository at {root}",
            hint="give paths inside the repository, or run from the one the personas are in",
        ) from None


def _matches(path: str, specs: Sequence[str]) -> bool:
    """Whether a repository path falls under one of `specs`, as a git pathspec would: the
    path itself, a folder above it, or a wildcard pattern (`*` also crosses folders). No
    specs means every path."""
    if not specs:
        return True
    for raw in specs:
        spec = raw.rstrip("/")
        if spec in {"", "."} or path == spec or path.startswith(spec + "/"):
            return True
        if any(char in spec for char in "*?[") and fnmatch.fnmatchcase(path, spec):
            return True
    return False


def _parse_raw(output: str) -> list[_Entry]:
    """Entries of `git diff --raw -z`: `:modes shas status NUL path NUL [new path NUL]`."""
    tokens = output.split("\0")
    entries: list[_Entry] = []
    index = 0
    while index < len(tokens):
        meta = tokens[index]
        index += 1
        if not meta.startswith(":"):
            continue
        old_mode, new_mode, old_sha, new_sha, status = meta[1:].split(" ")
        old_path = tokens[index]
        index += 1
        path = old_path
        if status[:1] in {"R", "C"}:
            path = tokens[index]
            index += 1
        entries.append(_Entry(status[:1], old_mode, new_mode, old_sha, new_sha, old_path, path))
    return entries


def _blob(repo: Repository, name: str) -> bytes | None:
    """A blob's bytes by sha or `rev:path`, through the persistent `cat-file --batch`."""
    found = repo.read_object(name)
    return found[1] if found is not None and found[0] == "blob" else None


def compare(
    cwd: Path,
    arguments: Sequence[str] = (),
    *,
    paths: Sequence[str] | None = None,
    staged: bool = False,
    default_paths: Sequence[Path] = (),
    keep: Callable[[Path], bool] | None = None,
    cache: bool = False,
    read_file: ReadFile,
) -> Comparison:
    """The persona files that differ between the sides `arguments` name, like `git diff`:
    nothing = HEAD against the working tree; one revision = it against the working tree;
    two = between them; `staged` = a revision (HEAD) against the index. `paths`, when given,
    are the arguments after `--`: all paths, and `arguments` all revisions (as git reads
    them). Paths (those, or those among the arguments) narrow the diff; without any,
    `default_paths` (the configured persona folders) do. `keep` filters files by absolute
    path (the configured excludes); `read_file` reads a working-tree version. With `cache`,
    the parse cache in the git directory is opened (handed back in the Comparison, to store
    new parses in); blobs whose parse it holds are not read: the parse travels in the
    FilePair."""
    from persona_cli.git.blobcache import ParseCache

    repo = open_repository(cwd, purpose="persona diff")
    store = ParseCache.open(repo.common_dir) if cache else None
    with repo:
        return _compare(
            repo, cwd.resolve(), (arguments, paths), staged, default_paths, keep, store, read_file
        )


def _compare(
    repo: Repository,
    cwd: Path,
    arguments: tuple[Sequence[str], Sequence[str] | None],
    staged: bool,
    default_paths: Sequence[Path],
    keep: Callable[[Path], bool] | None,
    cache: ParseCache | None,
    read_file: ReadFile,
) -> Comparison:
    root = repo.root.resolve()
    named, after = arguments
    revisions, paths = _split(repo, cwd, named, limit=1 if staged else 2, paths=after)
    if paths:
        specs = [_pathspec(root, cwd, path) for path in paths]
    else:
        specs = [_pathspec(root, cwd, path) for path in default_paths]

    if not revisions:
        head = _commit(repo, "HEAD")
        revisions = [("HEAD", head)] if head else [("HEAD (no commits yet)", EMPTY_TREE)]
    worktree = not staged and len(revisions) == 1
    old_label, old_sha = revisions[0]
    if staged:
        new_label, args = INDEX, ["--cached", old_sha]
    elif worktree:
        new_label, args = WORKING_TREE, [old_sha]
    else:
        new_label, args = revisions[1][0], [old_sha, revisions[1][1]]

    # No pathspec for git diff: a pathspec hides the other end of a rename, so paths are
    # matched here, on either end. Comparing trees is cheap; blobs are read only for matches.
    flags = ["--raw", "-z", "-M", "--no-abbrev", "--no-color", "--no-ext-diff", "--no-relative"]
    try:
        output = repo.run("diff", *flags, "--ignore-submodules", *args, "--")
        untracked = (
            repo.run("ls-files", "-z", "--others", "--exclude-standard", "--", *specs)
            if worktree
            else ""
        )
    except CommandFailed as failure:
        raise _git_error(failure, "git diff") from None

    def wanted(path: str) -> bool:
        return (
            path.endswith(_SUFFIXES)
            and _matches(path, specs)
            and (keep is None or keep(root / path))
        )

    entries = [
        entry for entry in _parse_raw(output) if wanted(entry.path) or wanted(entry.old_path)
    ]
    untracked_names = [name for name in untracked.split("\0") if name and wanted(name)]
    files = _file_pairs(repo, root, entries, untracked_names, worktree, old_sha, cache, read_file)
    shas = [old_sha] if len(revisions) == 1 else [old_sha, revisions[1][1]]
    sides = f"{old_label} or {new_label}"
    warnings = [
        f"{path}: matches no file in {sides}; "
        + ("an option goes before --" if path.startswith("-") else "check the path")
        for path, spec in zip(paths, specs if paths else [], strict=True)
        if not _found(repo, cwd / path, spec, shas, disk=len(revisions) == 1)
    ]
    return Comparison(old_label, new_label, files, warnings, cache)


def _found(repo: Repository, path: Path, spec: str, shas: Sequence[str], *, disk: bool) -> bool:
    """Whether a path the user gave names something on either side (or is a pattern): git
    reads a misspelt path, or an option written after `--`, as a path matching nothing, and
    the diff would only say "no changes". Costs git calls only for a path not on disk."""
    if spec in {"", "."} or any(char in spec for char in "*?["):
        return True
    if disk and (path.exists() or path.is_symlink()):
        return True
    if disk and repo.run("ls-files", "--", spec, check=False):  # staged, then removed from disk
        return True
    for sha in shas:
        try:
            repo.run("rev-parse", "--verify", "--quiet", f"{sha}:{spec}")
        except CommandFailed:
            continue
        return True
    return False


def _file_pairs(
    repo: Repository,
    root: Path,
    entries: list[_Entry],
    untracked_names: list[str],
    worktree: bool,
    old_sha: str,
    cache: ParseCache | None,
    read_file: ReadFile,
) -> list[FilePair]:
    """The two sides of every changed persona file: bytes read through git (or from disk
    for the working tree), or the parse from `cache` when it holds the blob."""
    from persona_cli.git.blobcache import blob_sha

    # Working-tree files are read now (cheap) so their blob ids can be looked up with the rest.
    on_disk: dict[str, tuple[bytes, str]] = {}
    refused: dict[str, str] = {}
    for name in [
        *(e.path for e in entries if (worktree or e.status == "U") and e.status != "D"),
        *untracked_names,
    ]:
        raw = read_file(root / name, name)
        if isinstance(raw, str):
            refused[name] = raw
        elif raw is not None:
            on_disk[name] = (raw, blob_sha(raw))
    known: dict[str, Read] = {}
    if cache is not None:
        ids = {sha for e in entries for sha in (e.old_sha, e.new_sha) if sha != _NULL_SHA}
        known = cache.get_many(ids | {sha for _, sha in on_disk.values()})
    # Every blob that will be read, read now in one batch (no round trip per blob).
    from_git = [(e.old_sha, e.old_mode) for e in entries]
    from_git += [(e.new_sha, e.new_mode) for e in entries if not (worktree or e.status == "U")]
    blobs = {
        sha: data
        for sha, (kind, data) in repo.read_objects(
            [
                sha
                for sha, mode in from_git
                if sha != _NULL_SHA and sha not in known and mode in {*_FILE_MODES, _SYMLINK_MODE}
            ]
        ).items()
        if kind == "blob"
    }

    def blob(sha: str) -> bytes | None:
        return blobs[sha] if sha in blobs else _blob(repo, sha)

    def side(sha: str, mode: str) -> tuple[bytes | None, str | None, Read | None]:
        """(bytes, blob id, cached parse) of a side git names by blob id; a symbolic link
        git holds where a persona file is (or was) is an unreadable side, not an absence:
        the persona was not deleted, and its fields cannot be compared."""
        if mode == _SYMLINK_MODE and sha != _NULL_SHA:
            target = (blob(sha) or b"").decode("utf-8", errors="replace")
            return (
                None,
                None,
                (
                    f"1:1 git holds a symbolic link to {target} there, not a file; "
                    "diff compares files only, so commit the file itself to compare it"
                ),
            )
        if mode not in _FILE_MODES or sha == _NULL_SHA:
            return None, None, None
        if sha in known:
            return None, sha, known[sha]
        raw = blob(sha)
        return raw, (sha if raw is not None else None), None

    def disk(path: str) -> tuple[bytes | None, str | None, Read | None]:
        if path in refused:
            return None, None, refused[path]
        if path not in on_disk:
            return None, None, None
        raw, sha = on_disk[path]
        return raw, sha, known.get(sha)

    files: list[FilePair] = []
    for entry in entries:
        old, old_id, old_read = side(entry.old_sha, entry.old_mode)
        if old_id is None and entry.status == "U":  # unmerged: the old side is in the old tree
            old = _blob(repo, f"{old_sha}:{entry.old_path}")
        if worktree or entry.status == "U":
            new, new_id, new_read = disk(entry.path) if entry.status != "D" else (None, None, None)
        else:
            new, new_id, new_read = side(entry.new_sha, entry.new_mode)
        if old is None and old_read is None and new is None and new_read is None:
            continue
        exists = new is not None or new_read is not None
        # A deleted persona is reported where it was.
        path = entry.path if exists or entry.status in {"R", "C"} else entry.old_path
        files.append(FilePair(path, entry.old_path, old, new, old_id, new_id, old_read, new_read))
    for name in untracked_names:
        new, new_id, new_read = disk(name)
        if new is not None:
            files.append(FilePair(name, name, None, new, None, new_id, None, new_read))
    return files
