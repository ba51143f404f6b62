"""A cache of parsed persona files keyed by their git blob id, kept inside `.git`.

A blob id names exact bytes, so the parse of a blob never goes stale; only a new parser
can change it, and the cache is emptied when the parser changes: another Python, another
version of this package or of ruamel.yaml (and its libyaml), or the parse path's source.
Reviewing a pull request runs `persona diff` again and again over the same blobs, and parsing
(libyaml compose plus the Python walk, ~1 ms per file) is most of a large diff's time; a
cached parse is one indexed read and a decompression.

The cache is an optimisation only: any problem (read-only `.git`, a locked or corrupt
database, `PERSONA_CLI_NO_CACHE=1`) turns it off for the run and nothing else changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

#: What a parse gives: the data of a readable persona, or why it is not one (`LINE:COL msg`).
Read = dict[str, Any] | str

#: Rows kept; beyond this the oldest are dropped (a row is ~5 KB for a complete persona).
MAX_ROWS = 10_000
#: Folder (inside the git directory) and file name.
FOLDER = "persona-cli"
FILE = "parse-cache.sqlite3"
DISABLE_ENV = "PERSONA_CLI_NO_CACHE"


def blob_sha(raw: bytes) -> str:
    """The git blob id of `raw` (what `git hash-object` prints), for working-tree files."""
    header = b"blob %d\0" % len(raw)
    return hashlib.sha1(header + raw, usedforsecurity=False).hexdigest()


def encode(read: Read) -> bytes | None:
    """The stored form of a parse, or None when it holds values marshal cannot keep."""
    try:
        return zlib.compress(marshal.dumps(read), 1)
    except ValueError:
        return None


def decode(stored: bytes) -> Read:
    value: Read = marshal.loads(zlib.decompress(stored))
    return value


def versions() -> tuple[str, ...]:
    """What a stored Read depends on besides the bytes: Python (marshal's format is its
    own), this package, and the parser (ruamel.yaml and the libyaml its C extension wraps)."""
    import sys

    from persona_cli import __version__
    from persona_cli.io.yaml_compose import parser_versions

    return (sys.version, str(marshal.version), __version__, *parser_versions())


def _parser_version() -> str:
    """Changes whenever `versions()` or the source of the parse path changes."""
    digest = hashlib.sha1(repr(versions()).encode(), usedforsecurity=False)
    package = Path(__file__).resolve().parent.parent
    for name in (
        "io/yaml_compose.py",
        "io/yaml_read.py",
        "io/file_read.py",
        "verbs/diff.py",
        "git/blobcache.py",
    ):
        with contextlib.suppress(OSError):
            digest.update((package / name).read_bytes())
    return digest.hexdigest()


class ParseCache:
    """Parsed persona files by blob id. `ParseCache.open(git_dir)` never raises."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @property
    def enabled(self) -> bool:
        return self._db is not None

    @classmethod
    def disabled(cls) -> ParseCache:
        return cls(None)

    @classmethod
    def open(cls, git_dir: Path) -> ParseCache:
        if os.environ.get(DISABLE_ENV, "").strip() not in {"", "0"}:
            return cls.disabled()
        import sqlite3

        path = git_dir / FOLDER / FILE
        for attempt in range(2):
            try:
                path.parent.mkdir(exist_ok=True)
                connection = sqlite3.connect(path, timeout=2, isolation_level=None)
                cls._prepare(connection)
                return cls(connection)
            except sqlite3.DatabaseError:
                # Corrupt or not a database: start again once, from an empty file.
                with contextlib.suppress(OSError):
                    path.unlink()
                if attempt:
                    return cls.disabled()
            except (sqlite3.Error, OSError):
                return cls.disabled()
        return cls.disabled()  # pragma: no cover - the loop always returns

    @staticmethod
    def _prepare(connection: sqlite3.Connection) -> None:
        connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        connection.execute("CREATE TABLE IF NOT EXISTS reads (sha TEXT PRIMARY KEY, value BLOB)")
        version = _parser_version()
        row = connection.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()
        if row is None or row[0] != version:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("DELETE FROM reads")
            connection.execute("INSERT OR REPLACE INTO meta VALUES ('parser', ?)", (version,))
            connection.execute("COMMIT")

    def get_many(self, shas: Iterable[str]) -> dict[str, Read]:
        """The cached parses among `shas` (missing ones are simply absent)."""
        wanted = sorted(set(shas))
        if self._db is None or not wanted:
            return {}
        import sqlite3

        found: dict[str, Read] = {}
        try:
            for start in range(0, len(wanted), 500):  # SQLite's parameter limit
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for sha, stored in self._db.execute(
                    f"SELECT sha, value FROM reads WHERE sha IN ({marks})",
                    chunk,
                ):
                    with contextlib.suppress(ValueError, TypeError, EOFError, zlib.error):
                        found[sha] = decode(stored)
        except sqlite3.Error:
            self.close()
            return {}
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store encoded parses (see `encode`); drops the oldest rows past MAX_ROWS."""
        rows = list(items)
        if self._db is None or not rows:
            return
        import sqlite3

        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO reads VALUES (?, ?)", rows)
            self._db.execute(
                "DELETE FROM reads WHERE rowid <= (SELECT MAX(rowid) FROM reads) - ?",
                (MAX_ROWS,),
            )
            self._db.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            self.close()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(Exception):
                self._db.close()
            self._db = None
