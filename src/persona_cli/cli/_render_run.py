"""`persona render` once its options are parsed: hand them to the core
(`verbs/render/run.py`) with what it shares with the other commands (the settings, how files
are found, how `--now` is read), then print the outcome. Imported when the command runs,
never for `--help`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.cli._common import say
from persona_cli.domain.errors import ExitCode
from persona_cli.domain.hidden import reveal

if TYPE_CHECKING:
    from persona_cli.io.settings import Settings
    from persona_cli.verbs.render.options import Options, Shared
    from persona_cli.verbs.render.templates import Team


def execute(options: Options, config: Path | None) -> int:
    """Render, then print, check or write. Returns 1 when --check finds stale files, 2 when
    a persona could not be briefed (the others are)."""
    from persona_cli.cli._common import load_settings
    from persona_cli.verbs.render.options import Printed, TeamList
    from persona_cli.verbs.render.outputs import Checked
    from persona_cli.verbs.render.run import run

    cwd = Path.cwd()
    outcome = run(options, shared(load_settings(config=config, cwd=cwd), cwd))
    if isinstance(outcome, TeamList):
        sys.stdout.write(reveal(list_teams_text(outcome.teams, cwd, outcome.ignored)))
    elif isinstance(outcome, Printed):
        sys.stdout.write(outcome.text)
    elif isinstance(outcome, Checked):
        if outcome.broken:
            return _not_briefed(outcome.broken)
        return 0 if outcome.up_to_date else 1
    else:
        removed = f", {outcome.removed} removed" if outcome.removed else ""
        what = "committee briefing files"
        if outcome.teams is not None:
            teams = outcome.teams
            what = f"briefing files for {teams} team{'s' if teams != 1 else ''}"
        sys.stdout.write(
            f"Wrote {outcome.written} of {outcome.total} {what} to {reveal(outcome.folder)}/ "
            f"({outcome.total - outcome.written} unchanged{removed}).\n"
        )
        if outcome.broken:
            return _not_briefed(outcome.broken)
    return 0


def _not_briefed(lines: Sequence[str]) -> int:
    """Each persona that could not be briefed on a line of its own, then how many: exit 2."""
    for line in lines:
        say(f"persona: error: {line}; not briefed")
    count = len(lines)
    say(
        f"persona: error: {count} persona{'s' if count != 1 else ''} not briefed (named "
        "above); run persona lint for every problem, fix them and render again"
    )
    return int(ExitCode.USAGE)


def shared(settings: Settings, cwd: Path) -> Shared:
    """What the render core shares with the other commands: file discovery as `persona lint`
    does it, `--now` as every command reads it, and stderr for its messages."""
    from persona_cli.cli._lint_run import parse_date
    from persona_cli.verbs.render.options import Shared

    return Shared(
        settings=settings,
        cwd=cwd,
        parse_date=parse_date,
        notify=notify,
    )


def notify(line: str) -> None:
    """A line from a core for the user, on stderr as the core worded it."""
    sys.stderr.write(f"{line}\n")


def list_teams_text(
    teams: dict[str, Team], cwd: Path, ignored: Sequence[tuple[Path, str]] = ()
) -> str:
    from persona_cli.verbs.render.outputs import shown
    from persona_cli.verbs.render.templates import BUILTIN_TEAMS

    lines = []
    order = {name: index for index, name in enumerate(BUILTIN_TEAMS)}
    for name in sorted(teams, key=lambda n: (order.get(n, len(BUILTIN_TEAMS)), n)):
        team = teams[name]
        where = "built-in" if team.builtin else shown(team.path, cwd)
        lines.append(f"{name:<12} {where}")
    for path, why in ignored:  # on stderr: stdout stays a plain list of teams
        where = f"{shown(path.parent, cwd)}/{path.name}"  # the link, not where it points
        say(f"persona: ignored {where}: {why}")
    return "\n".join(lines) + "\n"
