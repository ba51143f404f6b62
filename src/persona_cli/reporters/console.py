"""The one rich console every human-readable reporter writes through.

Settings shared by all terminal output: no wrapping (output is the same at any width and
greppable), no highlighting or emoji guesses, colour on a terminal unless `--no-color` or
`NO_COLOR`. A reader that closes the pipe early (`persona age | head -1`) raises
BrokenPipeError, which the CLI turns into a quiet exit; rich's own handling would exit 1,
the code that means "findings".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def make_console(stream: TextIO, *, color: bool | None) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    return _Console(
        file=stream,
        # None leaves NO_COLOR to rich; --color / --no-color override it.
        no_color=None if color is None else not color,
        force_terminal=True if color else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )
