"""`persona textconv`'s work, without typer: git runs it once per blob of every changed
persona in a `git diff` or `git log -p`, so `persona textconv FILE` is answered here before
typer starts (`cli.main`); the typer command (`cli.textconv`) calls the same `write`.

Imports only the standard library, the YAML loader and the canonical form: no model, no git.
"""

from __future__ import annotations

import sys
from pathlib import Path

from persona_cli.domain.errors import UsageError


def run(argument: str) -> int:
    """`persona textconv ARGUMENT` with the exit code and messages of the typer command."""
    from persona_cli.cli._failures import exit_code

    try:
        write(Path(argument))
    except (Exception, KeyboardInterrupt) as failure:
        return exit_code(failure)
    return 0


def write(file: Path) -> None:
    """Print `file` as sorted `field: value` lines; one that is not a readable persona is
    printed as it is, after a first line saying why."""
    from persona_cli.domain.canonical import lines
    from persona_cli.domain.hidden import escape_json, reveal
    from persona_cli.domain.load_problems import SPECIAL_FILE, SYMLINK_LOOP
    from persona_cli.io.file_read import read_regular
    from persona_cli.verbs.version_read import read_persona

    out = sys.stdout
    raw = read_regular(file, str(file), max_bytes=None)
    if not isinstance(raw, bytes):
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
