"""`persona show`'s work, without typer: the typer command (`cli.show`) parses the options
and calls `run`; `cli.main` calls it directly for `persona show ID` (no option), so that run
never imports typer. tests/test_fast_path.py checks `run`'s defaults against typer's parse.
"""

from __future__ import annotations

import sys
from pathlib import Path

from persona_cli.domain.errors import ExitCode


def run(
    *,
    persona: str,
    team: str | None = None,
    output_format: str = "text",
    now: str | None = None,
    git_age: bool = True,
    config: Path | None = None,
    color: bool | None = None,
) -> int:
    """The persona, shown; the exit code."""
    import datetime as dt

    from persona_cli.cli._lint_run import parse_date
    from persona_cli.cli._plain import check_color, load_settings, say, warn
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
    return int(ExitCode.OK)
