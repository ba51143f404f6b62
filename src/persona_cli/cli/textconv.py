"""`persona textconv FILE`: the canonical form of a persona, for `git diff` and `git log -p`.

Git runs this on both versions of every changed `*.yaml` file marked `diff=persona` in
`.gitattributes`. Whatever the file holds, it must print something and exit 0: a failing
textconv aborts the whole `git diff`. A file that is not a readable persona is printed as it
is, after a first line saying why, so the diff still shows what happened to it.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import handle_errors
from persona_cli.domain.errors import UsageError


@handle_errors
def textconv(
    file: Annotated[
        Path,
        typer.Argument(help="The persona file (git passes a temporary copy of each version)."),
    ],
) -> None:
    """Print a persona as sorted `field: value` lines, so that `git diff` shows meaning.

    Set up: `*.yaml diff=persona` in .gitattributes, then
    `git config diff.persona.textconv "persona textconv"`. A file with any loader finding
    (a duplicate key, a refused tag...) is printed as it is, after a first line saying why.
    Exit code: 0, or 2 when FILE does not exist or cannot be opened.
    """
    from persona_cli.domain.canonical import lines
    from persona_cli.domain.hidden import escape_json, reveal
    from persona_cli.domain.load_problems import SPECIAL_FILE, SYMLINK_LOOP
    from persona_cli.io.file_read import read_regular
    from persona_cli.verbs.diff import read_persona

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
