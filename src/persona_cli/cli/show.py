"""`persona show ID`: one persona, readable in the terminal, with its gaps highlighted.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    check_color,
    format_option,
    handle_errors,
    say,
    warn,
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
    import datetime as dt

    from persona_cli.cli._common import load_settings
    from persona_cli.cli._lint_run import parse_date
    from persona_cli.domain.errors import UsageError
    from persona_cli.io.discovery import discover
    from persona_cli.load.sources import select_sources
    from persona_cli.reporters.listing import TextShowReporter, show_json
    from persona_cli.verbs import show as show_verb
    from persona_cli.verbs.listing import check_choice

    if now is not None and not git_age:
        warn("--now sets the date the age is computed for; with --no-age it does nothing")
    if team is not None and output_format == "json":
        warn("--team narrows the text view; the json output holds every lens")
    check_color(color, output_format)
    cwd = Path.cwd()
    lens = check_choice([team], list(show_verb.LENS_TITLES), "--team") if team else ()
    today = parse_date(now) or dt.datetime.now(dt.UTC).date()
    settings = load_settings(config=config, cwd=cwd)
    path = None
    if Path(persona).is_file() or persona.endswith((".yaml", ".yml")):
        named = discover([persona], cwd=cwd)
        path = named[0].display
        try:
            configured, _ = select_sources(None, settings, cwd)
        except UsageError:
            configured = []  # no personas/ folder: the file alone (and no parents)
        sources = [*named, *(s for s in configured if s.display != path)]
    else:
        sources, _ = select_sources(None, settings, cwd)
    view = show_verb.show(
        persona,
        sources,
        path=path,
        now=today,
        cwd=cwd,
        with_age=git_age,
        team=lens[0] if lens else None,
    )
    for warning in view.warnings:
        say(f"persona: warning: {warning}")
    if output_format == "json":
        show_json(view, sys.stdout)
    else:
        TextShowReporter(sys.stdout, color=color).report(view)
