"""`persona age`: how long since each persona was refreshed, oldest first.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

from typing import Annotated

import typer

from persona_cli.cli._age_main import FailOn
from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    PathsArgument,
    format_option,
    handle_errors,
)
from persona_cli.reporters import AGE_FORMATS


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
    from persona_cli.cli._age_main import run

    code = run(
        paths=paths,
        now=now,
        fail_on=fail_on,
        output_format=output_format,
        config=config,
        color=color,
    )
    if code:
        raise typer.Exit(code)
