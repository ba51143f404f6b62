"""`persona age`'s work, without typer: the typer command (`cli.age`) parses the options and
calls `run`; `cli.main` calls it directly for `persona age [PATH...]` (no option), so that
run never imports typer. tests/test_fast_path.py checks `run`'s defaults against typer's parse.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

from persona_cli.domain.errors import ExitCode

FailOn = Literal["stale", "aging", "never"]


def run(
    *,
    paths: list[str] | None = None,
    now: str | None = None,
    fail_on: FailOn = "never",
    output_format: str | None = None,
    config: Path | None = None,
    color: bool | None = None,
) -> int:
    """The ages, reported; the exit code (1 with `fail_on` when a persona is at that level)."""
    import datetime as dt

    from persona_cli.cli._plain import check_color, load_settings, say
    from persona_cli.load.sources import select_sources
    from persona_cli.verbs.age import age as run_age

    name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    check_color(color, name)
    cwd = Path.cwd()
    if now is None:
        today = dt.datetime.now(dt.UTC).date()
    else:
        from persona_cli.cli._lint_run import parse_date

        today = parse_date(now) or dt.datetime.now(dt.UTC).date()
    settings = load_settings(config=config, cwd=cwd)
    targets, _ = select_sources(paths, settings, cwd, segments=True)
    result = run_age(targets, now=today, cwd=cwd, include_retired=settings.include_retired)
    for warning in result.warnings:
        say(f"persona: warning: {warning}")
    from persona_cli.reporters.age import AGE_REPORTERS

    AGE_REPORTERS[name](sys.stdout, color=color).report(result)
    if result.fails(fail_on):
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)
