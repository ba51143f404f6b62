"""`persona age`: how long since each persona was refreshed, oldest first.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import os
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    PathsArgument,
    check_color,
    format_option,
    handle_errors,
    say,
)
from persona_cli.domain.errors import ExitCode
from persona_cli.reporters import AGE_FORMATS

FailOn = Literal["stale", "aging", "never"]


@handle_errors
def age(
    paths: PathsArgument = None,
    now: Annotated[
        str | None,
        typer.Option(help="Compute ages as of this date (YYYY-MM-DD, UTC) [default: today]."),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a persona is stale (or aging or stale, with aging)."),
    ] = "never",
    output_format: Annotated[
        str | None,
        format_option(AGE_FORMATS, note="Default: text (github under GitHub Actions)."),
    ] = None,
    config: ConfigOption = None,
    color: ColorOption = None,
) -> None:
    """Show how long since each persona changed in meaning or was reviewed, against its
    review.interval_days (180 by default), grouped by owner.

    Reformat-only and comment-only commits, pure renames and commits listed in
    .git-blame-ignore-revs do not count as changes. Exit codes: 0, 1 with --fail-on when a
    persona is at that level, 2 for usage or git errors.
    """
    import datetime as dt

    from persona_cli.cli._common import load_settings
    from persona_cli.cli._lint_run import parse_date
    from persona_cli.load.sources import select_sources
    from persona_cli.verbs.age import age as run_age

    name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    check_color(color, name)
    cwd = Path.cwd()
    today = parse_date(now) or dt.datetime.now(dt.UTC).date()
    settings = load_settings(config=config, cwd=cwd)
    targets, _ = select_sources(paths, settings, cwd, segments=True)
    result = run_age(targets, now=today, cwd=cwd, include_retired=settings.include_retired)
    for warning in result.warnings:
        say(f"persona: warning: {warning}")
    from persona_cli.reporters.age import AGE_REPORTERS

    AGE_REPORTERS[name](sys.stdout, color=color).report(result)
    if result.fails(fail_on):
        raise typer.Exit(int(ExitCode.FINDINGS))
