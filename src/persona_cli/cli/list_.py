"""`persona list`: a table of the personas with their completeness and freshness.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

from typing import Annotated

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    PathsArgument,
    format_option,
    handle_errors,
)
from persona_cli.cli._list_main import Sort
from persona_cli.reporters import LIST_FORMATS


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
    from persona_cli.cli._list_main import run

    code = run(
        paths=paths,
        kind=kind,
        status=status,
        owner=owner,
        include_retired=include_retired,
        sort=sort,
        output_format=output_format,
        now=now,
        git_age=git_age,
        config=config,
        color=color,
    )
    if code:
        raise typer.Exit(code)
