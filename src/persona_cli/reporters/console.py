"""The one rich console every human-readable reporter writes through.

Settings shared by all terminal output: no wrapping (output is the same at any width and
greppable), no highlighting or emoji guesses, colour on a terminal unless `--no-color` or
`NO_COLOR`. `--color` forces colour even where the terminal says it has none (`TERM=dumb`), as
`ls --color=always` does; `--no-color` writes no escape code at all, whatever `FORCE_COLOR`
says. A reader that closes the pipe early (`persona age | head -1`) raises
BrokenPipeError, which the CLI turns into a quiet exit; rich's own handling would exit 1,
the code that means "findings".
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Literal, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def make_console(stream: TextIO, *, color: bool | None) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    system: Literal["auto", "standard"] = "auto"
    if color and os.environ.get("TERM", "").lower() in {"dumb", "unknown"}:
        system = "standard"  # rich detects no colour on a dumb terminal: asked for, so given
    return _Console(
        file=stream,
        # None leaves NO_COLOR, FORCE_COLOR and the terminal check to rich; --color and
        # --no-color override them (not a terminal means no style codes, bold included).
        no_color=None if color is None else not color,
        force_terminal=color,
        color_system=system,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
