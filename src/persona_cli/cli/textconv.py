"""`persona textconv FILE`: the canonical form of a persona, for `git diff` and `git log -p`.

Git runs this on both versions of every changed `*.yaml` file marked `diff=persona` in
`.gitattributes`. Whatever the file holds, it must print something and exit 0: a failing
textconv aborts the whole `git diff`. A file that is not a readable persona is printed as it
is, after a first line saying why, so the diff still shows what happened to it.

`persona textconv FILE` itself is answered before typer starts (`cli._textconv`, called
from `cli.main`); this command is the same work for every other spelling (`--`, `--help`).

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start.
"""

from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import handle_errors


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
    from persona_cli.cli._textconv import write

    write(file)
