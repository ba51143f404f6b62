"""`persona lint`: validate and lint persona files.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which cost `--help` about 15 ms.
"""

from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    PathsArgument,
    handle_errors,
)
from persona_cli.cli._lint_main import FailOn
from persona_cli.reporters import LINT_REPORTERS


@handle_errors
def lint(
    paths: PathsArgument = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format, repeatable: {', '.join(LINT_REPORTERS)}; NAME:FILE writes a "
            "file (NAME:- prints). Default: text (github under GitHub Actions).",
            autocompletion=lambda: list(LINT_REPORTERS),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the (single) report to this file (- for stdout).",
        ),
    ] = None,
    config: ConfigOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity [default: error]."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to run (comma-separated; replaces config)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to skip (comma-separated; replaces config)."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to run in addition to `select`."),
    ] = None,
    include_retired: Annotated[
        bool | None,
        typer.Option(
            "--include-retired/--skip-retired", help="Lint retired personas too [default: skip]."
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            help="Report only personas changed since this git ref (cross-file checks still "
            "see the whole set)."
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help="Judge freshness as of this date (YYYY-MM-DD) [default: today]."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(min=1, help="Files larger than this many bytes are refused."),
    ] = 1024 * 1024,
    color: ColorOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Report and fail only on findings not recorded in this baseline (replaces "
            "`baseline` from the configuration).",
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[
        bool,
        typer.Option("--no-baseline", help="Ignore the configured baseline: report everything."),
    ] = False,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Record every current finding in FILE (JSON) and exit 0; entries of files "
            "not linted now are kept.",
            show_default=False,
        ),
    ] = None,
    prune_baseline: Annotated[
        bool,
        typer.Option(
            "--prune-baseline",
            help="Drop the baseline's entries that no longer match a finding (never adds).",
        ),
    ] = False,
) -> None:
    """Lint persona files: schema, whole-person and risk fields, lenses, evidence, freshness.

    With a baseline (`--baseline FILE` or `baseline` in the configuration), findings
    recorded in it are not reported and do not fail the run; they are matched by file,
    rule and field, not by line.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or config error,
    3 internal error.
    """
    from persona_cli.cli._lint_main import run

    code = run(
        paths=paths,
        output_format=output_format,
        output=output,
        config=config,
        fail_on=fail_on,
        select=select,
        ignore=ignore,
        extend_select=extend_select,
        include_retired=include_retired,
        changed_since=changed_since,
        now=now,
        jobs=jobs,
        max_bytes=max_bytes,
        color=color,
        baseline=baseline,
        no_baseline=no_baseline,
        write_baseline=write_baseline,
        prune_baseline=prune_baseline,
    )
    if code:
        raise typer.Exit(code)
