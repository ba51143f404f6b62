"""What every command shares: error handling, exit codes, output streams.

Imports only the standard library and typer, so that `persona --help` stays fast.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand

from persona_cli.cli._failures import exit_code
from persona_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from persona_cli.io.settings import Settings

#: Options and arguments several commands share, declared once so their help cannot drift.
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration file (default: .persona.toml or pyproject.toml found upward).",
    ),
]
ColorOption = Annotated[
    bool | None,
    typer.Option("--color/--no-color", help="Force or disable colour (default: auto)."),
]
PathsArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, directories (searched recursively for *.yaml, *.yml) or globs. "
        "Default: `paths` from the configuration, else personas/.",
        show_default=False,
    ),
]

P = ParamSpec("P")
R = TypeVar("R")
F = TypeVar("F", bound=Callable[..., Any])

#: `ctx.meta` key: how many positional arguments came after `--` (None: there was no `--`).
AFTER_SEPARATOR = "persona_cli.after_separator"


class SeparatorCommand(TyperCommand):
    """A command that knows which of its arguments came after `--`.

    Click takes `--` out of the arguments it hands over, so `persona diff HEAD -- personas`
    and `persona diff HEAD personas` would look the same; git reads everything after `--` as
    a path. Before the usual parse, this finds the `--` that ends the options (not one given
    as an option's value, as in `--format --`) by parsing what precedes each `--` with the
    command's own parser: the first one whose prefix parses cleanly is the separator.
    Everything after it is positional, so it is the tail of the command's last argument."""

    # `ctx` is typer's click Context; typed loosely so no private module is imported for it.
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[AFTER_SEPARATOR] = self._after_separator(ctx, args)
        return super().parse_args(ctx, args)

    def _after_separator(self, ctx: Any, args: list[str]) -> int | None:
        for index, token in enumerate(args):
            if token != "--":
                continue
            try:
                self.make_parser(ctx).parse_args(args=list(args[:index]))
            except Exception:  # an option still wants its value: this `--` is that value
                continue
            return len(args) - index - 1
        return None


def load_settings(*, config: Path | None = None, cwd: Path | None = None) -> Settings:
    """The effective settings (`--config`, else the discovered file, else the defaults), with
    selectors and `[rules.CODE]` tables checked against the lint rule catalogue. The reading
    is io's, the catalogue lint's; a command is where the two meet."""
    from persona_cli.io import config as configuration

    if configuration.config_path(config=config, cwd=cwd) is None:
        # No file, nothing to check: the catalogue (every rule module) is not imported.
        return configuration.default_settings()
    from persona_cli.lint.rules.catalogue import REGISTRY

    return configuration.load_settings(rules=REGISTRY, config=config, cwd=cwd)


def separated(values: list[str] | None, ctx: typer.Context) -> tuple[list[str], list[str] | None]:
    """A `SeparatorCommand`'s last argument split at `--`: (before, after), after None when
    there was no `--`."""
    found = list(values or [])
    after = ctx.meta.get(AFTER_SEPARATOR)
    if after is None:
        return found, None
    count = min(int(after), len(found))
    return found[: len(found) - count], found[len(found) - count :]


def with_separator(command: F) -> F:
    """Mark a command function to be built as a `SeparatorCommand` (see `cli.build`)."""
    command.__dict__["command_class"] = SeparatorCommand
    return command


def warn(message: str) -> None:
    """One warning line on stderr: an option accepted but doing nothing here, and the like."""
    say(f"persona: warning: {message}")


def say(line: str) -> None:
    """One line on stderr with hidden characters shown as `<U+202E>`: messages name files
    and quote persona text, and either can hold a bidirectional override."""
    from persona_cli.domain.hidden import reveal

    sys.stderr.write(f"{reveal(line)}\n")


def check_color(color: bool | None, terminal_format: str | None) -> None:
    """`--color` forces colour on the text output; where nothing prints as text (json,
    markdown, or every report written to a file) it would do nothing: say so."""
    if not color or terminal_format == "text":
        return
    if terminal_format is None:
        warn("--color: every report is written to a file, and files get no colour; ignored")
    else:
        warn(f"--color: the {terminal_format} output has no colour; ignored")


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Map domain errors to a one-line message and exit code; anything else is a bug (3)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except (Exception, KeyboardInterrupt) as failure:
            raise typer.Exit(exit_code(failure)) from None

    return wrapper


def file_option(value: str | None, option: str) -> Path | None:
    """A report file option: `-` is stdout (None, as when it is left out), the way most
    tools read it, never a file named `-`; an empty one (an unset variable in a script) is
    refused, not read as the current folder."""
    if value is None or value == "-":
        return None
    if not value.strip():
        raise UsageError(
            f"{option}: an empty file name was given",
            hint=f"pass {option} FILE, or leave it out (or pass -) for stdout",
        )
    return _home(value)


def _home(value: str) -> Path:
    """A leading `~` is the home folder: shells leave it alone in `--out=~/x` (zsh, POSIX
    sh), and a folder named `~` in a repository is never what was meant. (os.path: unlike
    Path.expanduser, it does not raise where no home folder is known.)"""
    return Path(os.path.expanduser(value))  # noqa: PTH111


def folder_option(value: str | None, option: str) -> Path | None:
    """An output folder option: an empty one (an unset variable in a script) is refused, not
    read as the current folder, where the files would scatter; `-` too, since a folder
    cannot be stdout (and one named `-` is surely a mistake); and one that is, or is below,
    a file."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option}: an empty folder name was given", hint=f"pass {option} DIR")
    if value == "-":
        raise UsageError(
            f"{option} -: {option} takes a folder to write files into, not stdout",
            hint=f"pass {option} DIR, or leave {option} out to print",
        )
    folder = _home(value)
    for above in (folder, *folder.parents):  # a file in the way: say so, before any work
        if above.exists() and not above.is_dir():
            where = "exists and is not a folder" if above == folder else f"{above} is a file"
            raise UsageError(
                f"{option} {value}: {where}", hint=f"pass {option} DIR, a folder or a new path"
            )
    return folder


def format_option(choices: Sequence[str], *, note: str = "") -> Any:
    """The `-f/--format` option of a command, checked against a registry's names (so help
    cannot drift from the code). Use as `Annotated[str, format_option(NAMES)]`."""
    names = list(choices)

    def check(value: str | None) -> str | None:
        return None if value is None else choice(value, names, "--format")

    return typer.Option(
        "--format",
        "-f",
        help=f"Output format: {', '.join(names)}.{' ' + note if note else ''}",
        callback=check,
        autocompletion=lambda: names,
    )


def choice(value: str, choices: list[str], option: str) -> str:
    """Validate an option against a registry's keys (so help cannot drift from the code)."""
    if value not in choices:
        raise typer.BadParameter(f"'{value}' is not one of {', '.join(choices)}", param_hint=option)
    return value
