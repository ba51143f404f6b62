"""`persona list`'s work, without typer: the typer command (`cli.list_`) parses the options
and calls `run`; `cli.main` calls it directly for `persona list [PATH...]` (no option), so that
run never imports typer. tests/test_fast_path.py checks `run`'s defaults against typer's parse.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from persona_cli.cli._plain import warn
from persona_cli.domain.errors import ExitCode

Sort = Literal["id", "age", "completeness"]


def run(
    *,
    paths: list[str] | None = None,
    kind: list[str] | None = None,
    status: list[str] | None = None,
    owner: list[str] | None = None,
    include_retired: bool | None = None,
    sort: Sort = "id",
    output_format: str = "text",
    now: str | None = None,
    git_age: bool = True,
    config: Path | None = None,
    color: bool | None = None,
) -> int:
    """The list, reported; the exit code (2 when a listed file could not be read in full)."""
    import datetime as dt

    from persona_cli.cli._lint_run import parse_date
    from persona_cli.cli._plain import check_color, load_settings, say
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
        return int(ExitCode.USAGE)
    return int(ExitCode.OK)


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
