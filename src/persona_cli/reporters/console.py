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

#: A piece of a line: its text, or (text, rich style).
Piece = str | tuple[str, str]


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


def writes_plain(stream: TextIO, *, color: bool | None) -> bool:
    """True when a console on `stream` would write no escape code at all: `--no-color`, or
    (left to rich) a stream that is not a terminal, with neither FORCE_COLOR nor
    TTY_COMPATIBLE=1 saying otherwise. Where in doubt, False: rich decides."""
    if color is not None:
        return not color
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible == "0":
        return True
    if compatible == "1" or os.environ.get("FORCE_COLOR") is not None:
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is None or not isatty()
    except ValueError:  # a closed stream is no terminal
        return True


class LineWriter:
    """Styled lines, written by rich only when they need it.

    Where the output gets no escape code (a pipe, a file, `--no-color`), a line of printable
    text is exactly what rich would write, so it is written as it is and rich is never
    imported: `persona lint` in an editor, pre-commit or CI starts a third faster. A line
    holding a tab or a control character (which rich expands or drops) still goes through
    rich, as every line does on a terminal."""

    def __init__(self, stream: TextIO, *, color: bool | None) -> None:
        self.stream = stream
        self.color = color
        self.plain = writes_plain(stream, color=color)
        self._console: Console | None = None

    def line(self, *pieces: Piece) -> None:
        parts = [(piece, "") if isinstance(piece, str) else piece for piece in pieces]
        text = "".join(part for part, _ in parts)
        if self.plain and text.isprintable():
            self.stream.write(f"{text}\n")
            return
        from rich.text import Text

        if self._console is None:
            self._console = make_console(self.stream, color=self.color)
        self._console.print(Text.assemble(*parts))

    def flush(self) -> None:
        self.stream.flush()
