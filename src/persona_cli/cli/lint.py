"""`persona lint`: validate and lint persona files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from persona_cli.cli._common import choice, handle_errors
from persona_cli.errors import ExitCode, UsageError
from persona_cli.reporters import LINT_REPORTERS

DEFAULT_PATHS = ["personas"]
FailOn = Literal["error", "warning", "info", "never"]


def _check_format(value: str) -> str:
    return choice(value, list(LINT_REPORTERS), "--format")


@handle_errors
def lint(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories (searched recursively for *.yaml, *.yml) or globs.",
            show_default="personas/",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format: {', '.join(LINT_REPORTERS)}.",
            callback=_check_format,
            autocompletion=lambda: list(LINT_REPORTERS),
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file instead of stdout."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding is at or above this severity."),
    ] = "error",
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(min=1, help="Files larger than this many bytes are refused."),
    ] = 1024 * 1024,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force or disable colour (default: auto)."),
    ] = None,
) -> None:
    """Validate persona files against the schema and report problems at file:line:col.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 internal error.
    """
    from persona_cli import reporters
    from persona_cli.discovery import discover
    from persona_cli.linter import lint as run_lint
    from persona_cli.result import Severity

    sources = discover(paths or DEFAULT_PATHS)
    result = run_lint(sources, jobs=jobs, max_bytes=max_bytes)
    reporter_class = reporters.get(output_format)
    if output is None:
        reporter_class(sys.stdout, color=color).report(result)
    else:
        try:
            with output.open("w", encoding="utf-8") as stream:
                reporter_class(stream, color=False).report(result)
        except OSError as failure:
            raise UsageError(
                f"{output}: cannot write the report: {failure.strerror or failure}"
            ) from None
    level = None if fail_on == "never" else Severity[fail_on]
    if result.fails(level):
        raise typer.Exit(int(ExitCode.FINDINGS))
