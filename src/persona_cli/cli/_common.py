"""What every command shares: error handling, exit codes, output streams.

Imports only the standard library and typer, so that `persona --help` stays fast.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from typer.core import TyperCommand

from persona_cli.cli._failures import exit_code
from persona_cli.cli._plain import (
    check_color,
    file_option,
    folder_option,
    load_settings,
    say,
    warn,
)

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


def with_separator(command: F) -> F:
    """Mark a command function to be built as a `SeparatorCommand` (see `cli.build`)."""
    command.__dict__["command_class"] = SeparatorCommand
    return command


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


#: Shared with the commands run without typer (`_plain`); importable from here as before.
__all__ = [
    "check_color",
    "file_option",
    "folder_option",
    "load_settings",
    "say",
    "warn",
]
