"""`persona textconv`'s work, without typer: git runs it once per blob of every changed
persona in a `git diff` or `git log -p`, so `persona textconv FILE` is answered here before
typer starts (`cli.main`); the typer command (`cli.textconv`) calls the same `write`.

Imports only the standard library, the YAML walk and the canonical form: no model, no git,
and, for a file that reads cleanly, no findings and no pathlib (`tests/test_import_discipline.py`
holds the list). What only a failure needs is imported where it fails.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def run(argument: str) -> int:
    """`persona textconv ARGUMENT` with the exit code and messages of the typer command."""
    try:
        write(as_path(argument))
    except (Exception, KeyboardInterrupt) as failure:
        from persona_cli.cli._failures import exit_code

        return exit_code(failure)
    return 0


def as_path(argument: str) -> Path | str:
    """`argument` as the typer command takes it, a `Path` (which drops `.` parts and repeated
    and trailing slashes), or the string itself where that `Path` would print the same: git
    passes a plain temporary file name, read then without importing pathlib."""
    parts = argument.split("/")
    if os.sep == "/" and argument and "." not in parts and "" not in parts[1:]:
        return argument
    from pathlib import Path

    return Path(argument)


def write(file: Path | str) -> None:
    """Print `file` as sorted `field: value` lines; one that is not a readable persona is
    printed as it is, after a first line saying why."""
    from persona_cli.domain.canonical import lines
    from persona_cli.domain.hidden import escape_json, reveal
    from persona_cli.io.file_read import read_regular
    from persona_cli.verbs.version_read import read_persona

    out = sys.stdout
    raw = read_regular(file, str(file), max_bytes=None)
    if not isinstance(raw, bytes):
        from persona_cli.domain.errors import UsageError
        from persona_cli.domain.load_problems import SPECIAL_FILE, SYMLINK_LOOP

        if raw.code in (SPECIAL_FILE.code, SYMLINK_LOOP.code):
            # Nothing to print but why: a FIFO is never opened, a loop holds no text.
            out.write(f"# persona textconv: not a readable persona ({raw.code} {raw.message})\n")
            return
        raise UsageError(f"{file}: {raw.message}", hint="check the path")
    data = read_persona(raw, str(file))
    if isinstance(data, dict):
        # Values are JSON: a hidden character (a bidirectional override) shows as `\u202e`
        # in the diff instead of reordering it; one in a key, the same way.
        out.writelines(f"{escape_json(line)}\n" for line in lines(data))
        return
    out.write(f"# persona textconv: not a readable persona ({reveal(data)})\n")
    out.flush()
    sys.stdout.buffer.write(_shown(raw))
    sys.stdout.buffer.flush()


def _shown(raw: bytes) -> bytes:
    """An unreadable file's text as `git diff` should show it: hidden characters (a
    bidirectional override, an escape sequence) as `<U+202E>`, line endings and a leading
    byte-order mark kept. A file that is not UTF-8 is shown as its raw bytes: it still diffs
    as itself."""
    from persona_cli.domain.hidden import reveal

    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        return raw
    return bom + "\r\n".join(reveal(part) for part in text.split("\r\n")).encode("utf-8")
