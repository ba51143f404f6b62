"""`persona show ID`: one persona, readable in the terminal, with its gaps highlighted.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

from typing import Annotated

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    format_option,
    handle_errors,
)

FORMATS = ["text", "json"]


@handle_errors
def show(
    persona: Annotated[
        str,
        typer.Argument(
            help="The persona's id (looked up in the configured paths) or the path of its file.",
            show_default=False,
            metavar="ID",
        ),
    ],
    team: Annotated[
        str | None,
        typer.Option(
            "--team",
            "-t",
            help="Show only this team's lens: marketing, sales, product or support "
            "[default: every lens the persona's kind needs or fills].",
        ),
    ] = None,
    output_format: Annotated[str, format_option(FORMATS)] = "text",
    now: Annotated[
        str | None,
        typer.Option(help="Compute the age as of this date (YYYY-MM-DD, UTC) [default: today]."),
    ] = None,
    git_age: Annotated[
        bool,
        typer.Option("--age/--no-age", help="Look up the persona's age in git history."),
    ] = True,
    config: ConfigOption = None,
    color: ColorOption = None,
) -> None:
    """Show one persona: who they are, how they decide, each team's lens, evidence and
    review, with every field its kind needs but lacks marked as a gap. A persona that
    extends another is shown merged with its parents, inherited values marked.

    Exit codes: 0, 2 for an unknown id, an invalid persona, a broken `extends` chain, or
    usage and config errors.
    """
    from persona_cli.cli._show_main import run

    run(
        persona=persona,
        team=team,
        output_format=output_format,
        now=now,
        git_age=git_age,
        config=config,
        color=color,
    )
