"""`persona list`: a table of the personas with their completeness and freshness.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

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
    warn,
)
from persona_cli.domain.errors import ExitCode
from persona_cli.reporters import LIST_FORMATS

Sort = Literal["id", "age", "completeness"]


@handle_errors
def list_(
    paths: PathsArgument = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", help="Only this kind: buyer, user, internal, individual (repeatable)."
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            help="Only this status: draft, validated, retired (repeatable) [default: all but "
            "retired].",
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", help="Only personas this owner owns (repeatable; any case)."),
    ] = None,
    include_retired: Annotated[
        bool | None,
        typer.Option(
            "--include-retired/--skip-retired", help="List retired personas too [default: skip]."
        ),
    ] = None,
    sort: Annotated[
        Sort,
        typer.Option(help="Order: id, age (oldest first) or completeness (least complete first)."),
    ] = "id",
    output_format: Annotated[str, format_option(LIST_FORMATS)] = "text",
    now: Annotated[
        str | None,
        typer.Option(help="Compute ages as of this date (YYYY-MM-DD, UTC) [default: today]."),
    ] = None,
    git_age: Annotated[
        bool,
        typer.Option("--age/--no-age", help="Look up each persona's age in git history."),
    ] = True,
    config: ConfigOption = None,
    color: ColorOption = None,
) -> None:
    """List personas: id, name, kind, status, owners, completeness (as persona lint scores
    it) and age (as persona age judges it).

    Files that cannot be read are listed too, marked, with the first problem (file:line).
    Exit codes: 0, 2 for usage or config errors or when a listed file could not be read in
    full (after printing the whole list).
    """
    import datetime as dt

    from persona_cli.cli._common import load_settings
    from persona_cli.cli._lint_run import parse_date
    from persona_cli.load.sources import select_sources
    from persona_cli.reporters.listing import LIST_REPORTERS
    from persona_cli.verbs import listing

    cwd = Path.cwd()
    kinds = listing.check_choice(kind or [], listing.kinds(), "--kind")
    statuses = listing.check_choice(status or [], listing.statuses(), "--status")
    _check_options(
        sort=sort, git_age=git_age, now=now, statuses=statuses, include_retired=include_retired
    )
    check_color(color, output_format)
    today = parse_date(now) or dt.datetime.now(dt.UTC).date()
    settings = load_settings(config=config, cwd=cwd)
    filters = listing.Filters(
        kinds=kinds,
        statuses=statuses,
        owners=tuple(owner or ()),
        include_retired=settings.include_retired if include_retired is None else include_retired,
    )
    targets, context = select_sources(paths, settings, cwd)
    result = listing.list_personas(
        targets,
        context=context,
        filters=filters,
        sort=sort,
        now=today,
        cwd=cwd,
        with_age=git_age,
    )
    for warning in result.warnings:
        say(f"persona: warning: {warning}")
    LIST_REPORTERS[output_format](sys.stdout, color=color).report(result)
    if result.problems:
        raise typer.Exit(int(ExitCode.USAGE))


def _check_options(
    *,
    sort: str,
    git_age: bool,
    now: str | None,
    statuses: tuple[str, ...],
    include_retired: bool | None,
) -> None:
    """Options that contradict each other are an error; one that does nothing, a warning."""
    from persona_cli.domain.errors import UsageError

    if sort == "age" and not git_age:
        raise UsageError(
            "--sort age orders by age, which --no-age turns off",
            hint="drop --no-age, or sort by id or completeness",
        )
    if now is not None and not git_age:
        warn("--now sets the date ages are computed for; with --no-age it does nothing")
    if statuses and include_retired is not None:
        if include_retired is False and "retired" in statuses:
            raise UsageError(
                "--skip-retired and --status retired contradict each other",
                hint="drop one of them",
            )
        flag = "--include-retired" if include_retired else "--skip-retired"
        warn(f"{flag} does nothing with --status: the statuses given decide what is listed")
