"""`persona diff`'s core: file versions in, semantic changes out.

Pure core: no git, no printing. The git side (`git.diffing`) hands over each changed file's
two versions as bytes (`FilePair`); this module parses them (on every core for a large diff,
with the parse cache for blobs seen before), pairs the renames git did not see, and hands
each pair of parsed versions to the semantic diff (`diff_semantic`). Reporters render the
`Change` records it returns.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain.canonical import digest
from persona_cli.git.blobcache import Read
from persona_cli.git.diffing import FilePair
from persona_cli.verbs.diff_changes import Change, unreadable
from persona_cli.verbs.diff_semantic import diff_personas, persona_id
from persona_cli.verbs.version_read import read_persona

if TYPE_CHECKING:
    from persona_cli.git.blobcache import ParseCache


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The changes between two sides, with labels for humans (`HEAD`, `the working tree`)."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...] = ()


def working_version(file: Path, display: str) -> bytes | str | None:
    """A working-tree file's bytes (`git.diffing`'s `ReadFile`); None when it is gone (or a
    folder); for a FIFO, a socket, a device or a symlink loop, why it is unreadable
    (`LINE:COL message`): it is reported as an unreadable version, and never opened."""
    from persona_cli.domain.load_problems import SPECIAL_FILE, SYMLINK_LOOP
    from persona_cli.io.file_read import read_regular

    if file.is_dir():
        return None
    raw = read_regular(file, display, max_bytes=None)
    if isinstance(raw, bytes):
        return raw
    if raw.code in (SPECIAL_FILE.code, SYMLINK_LOOP.code):
        return f"{raw.line}:{raw.column} {raw.message}"
    return None


@dataclass(frozen=True, slots=True)
class _Examined:
    """One file pair after parsing: the changes when both sides were readable personas,
    else the parsed sides (a deletion or an addition may still pair up as a rename).
    `fresh` holds the sides parsed here, encoded for the cache, by blob id."""

    pair: FilePair
    old: Read | None
    new: Read | None
    changes: list[Change] | None
    fresh: tuple[tuple[str, bytes], ...] = ()


def _side(
    raw: bytes | None, read: Read | None, sha: str | None, path: str, fresh: list[Any]
) -> Read | None:
    if read is not None or raw is None:
        return read
    parsed = read_persona(raw, path)
    if sha is not None:
        from persona_cli.git.blobcache import encode

        stored = encode(parsed)
        if stored is not None:
            fresh.append((sha, stored))
    return parsed


def _examine(pair: FilePair, order: bool) -> _Examined:
    fresh: list[tuple[str, bytes]] = []
    old = _side(pair.old, pair.old_read, pair.old_sha, pair.old_path, fresh)
    new = _side(pair.new, pair.new_read, pair.new_sha, pair.path, fresh)
    if isinstance(old, dict) and isinstance(new, dict):
        # Only the (small) changes travel back from a worker, not the parsed data.
        changes = diff_personas(old, new, path=pair.path, old_path=pair.old_path, order=order)
        return _Examined(pair, None, None, changes, tuple(fresh))
    return _Examined(pair, old, new, None, tuple(fresh))


def _parsed(pair: FilePair) -> bool:
    """Whether no side of `pair` needs parsing (absent, or its parse came from the cache)."""
    return (pair.old is None or pair.old_read is not None) and (
        pair.new is None or pair.new_read is not None
    )


def _examine_all(pairs: list[FilePair], order: bool, jobs: int | None) -> list[_Examined]:
    """Parsing dominates a large diff (libyaml composes every node), so big diffs parse on
    every core, as `persona lint` does; pairs whose parses came from the cache are compared
    here, without a worker."""
    from persona_cli.io.parallel import forked_map

    ready = [pair for pair in pairs if _parsed(pair)]
    todo = [pair for pair in pairs if not _parsed(pair)]
    examine = functools.partial(_examine, order=order)
    return [examine(pair) for pair in ready] + forked_map(examine, todo, jobs=jobs)


def _same(pair: FilePair) -> bool:
    """Same content in the same place: a mode change, or a stat-only difference."""
    if pair.old_path != pair.path:
        return False
    if pair.old_sha is not None and pair.old_sha == pair.new_sha:
        return True
    return pair.old is not None and pair.old == pair.new


def diff_files(
    pairs: Iterable[FilePair],
    *,
    order: bool = False,
    jobs: int | None = None,
    cache: ParseCache | None = None,
) -> list[Change]:
    """The changes in many files, in path order, with renames git did not see.

    Git finds a rename by text similarity, so a persona moved *and* reformatted, or moved
    without `git mv` (an untracked new file and a deleted old one), looks like a deletion
    plus an addition. A deleted and an added persona with the same canonical form are paired
    here as a rename, which is what the author did. `jobs` caps the worker processes
    (default: one per core; large diffs only). Parses made here are stored in `cache`.
    """
    todo = [pair for pair in pairs if not _same(pair)]
    examined = _examine_all(todo, order, jobs)
    if cache is not None:
        cache.put_many(entry for item in examined for entry in item.fresh)
    examined = _pair_renames(examined, order)
    changes: list[Change] = []
    for item in sorted(examined, key=lambda item: (item.pair.path, item.pair.old_path)):
        pair, old, new = item.pair, item.old, item.new
        if item.changes is not None:
            changes.extend(item.changes)
        elif isinstance(old, str) or isinstance(new, str):
            readable = new if isinstance(new, dict) else old if isinstance(old, dict) else None
            changes.append(
                unreadable(
                    path=pair.path,
                    persona=persona_id(readable, pair.path),
                    old=old if isinstance(old, str) else None,
                    new=new if isinstance(new, str) else None,
                )
            )
        else:
            changes.extend(
                diff_personas(old, new, path=pair.path, old_path=pair.old_path, order=order)
            )
    return changes


def _pair_renames(items: list[_Examined], order: bool) -> list[_Examined]:
    deleted: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if isinstance(item.old, dict) and item.new is None:
            deleted.setdefault(digest(item.old), []).append(index)
    if not deleted:
        return items
    merged: dict[int, _Examined] = {}
    dropped: set[int] = set()
    for index, item in enumerate(items):
        if item.old is None and isinstance(item.new, dict):
            candidates = deleted.get(digest(item.new))
            if candidates:
                gone_index = candidates.pop(0)
                gone = items[gone_index]
                pair = FilePair(item.pair.path, gone.pair.old_path, gone.pair.old, item.pair.new)
                assert isinstance(gone.old, dict)
                changes = diff_personas(
                    gone.old, item.new, path=pair.path, old_path=pair.old_path, order=order
                )
                merged[index] = _Examined(pair, None, None, changes)
                dropped.add(gone_index)
    return [merged.get(index, item) for index, item in enumerate(items) if index not in dropped]
