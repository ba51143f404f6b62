"""`persona diff`: what changed in what personas say, field by field, between two sides.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start.
"""

from typing import Annotated

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    format_option,
    handle_errors,
    with_separator,
)
from persona_cli.reporters import DIFF_FORMATS


@with_separator
@handle_errors
def diff(
    ctx: typer.Context,
    arguments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REV_A REV_B -- PATHS",
            help="Nothing: HEAD against the working tree. One revision: it against the "
            "working tree. Two (or A..B): between them. Then files or folders to narrow to "
            "(default: `paths` from the configuration, else personas/). As in git, "
            "everything after -- is a path, and a name that is both a revision and a path "
            "needs --.",
            show_default=False,
        ),
    ] = None,
    staged: Annotated[
        bool,
        typer.Option("--staged", "--cached", help="Compare HEAD (or REV_A) with the index."),
    ] = False,
    order: Annotated[
        bool, typer.Option("--order", help="Also report lists whose items were reordered.")
    ] = False,
    output_format: Annotated[str, format_option(DIFF_FORMATS)] = "text",
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when there are changes (like git diff)."),
    ] = False,
    cache: Annotated[
        bool,
        typer.Option(
            "--cache/--no-cache",
            help="Keep parsed files by blob id in .git/persona-cli/ to skip parsing them "
            "again (also off with PERSONA_CLI_NO_CACHE=1).",
        ),
    ] = True,
    config: ConfigOption = None,
    color: ColorOption = None,
) -> None:
    """Show what changed in personas, field by field: reformatting is no change, lists are
    compared as sets, renames are followed, each change is classified.

    Exit codes: 0 done (with --exit-code: no changes), 1 changes (with --exit-code only),
    2 usage or git error, 3 internal error.
    """
    from persona_cli.cli._common import AFTER_SEPARATOR
    from persona_cli.cli._diff_main import run

    code = run(
        arguments=arguments,
        staged=staged,
        order=order,
        output_format=output_format,
        exit_code=exit_code,
        cache=cache,
        config=config,
        color=color,
        after=ctx.meta.get(AFTER_SEPARATOR),
    )
    if code:
        raise typer.Exit(code)
