"""Choosing what to brief: the teams (`--team`) and the personas (ids, `--kind`,
`--status`, `--owner`, retired ones only when asked for)."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from pathlib import Path

from persona_cli.domain.errors import UsageError
from persona_cli.verbs.render.load import Loaded
from persona_cli.verbs.render.templates import (
    BUILTIN_TEAMS,
    TEAM_PATTERN,
    TEMPLATE_SUFFIX,
    Team,
    display,
    ignored_templates,
)


def choose_teams(name: str, known: dict[str, Team], custom: Path | None = None) -> list[Team]:
    """`all` (built-ins in their order, then custom teams by name) or one known team."""
    if name == "all":
        rest = sorted(set(known) - set(BUILTIN_TEAMS))
        return [known[team] for team in (*BUILTIN_TEAMS, *rest)]
    if not TEAM_PATTERN.match(name) or name not in known:
        for path, why in ignored_templates(custom):
            if path.name.removesuffix(TEMPLATE_SUFFIX).lower() == name.lower():
                folder = display(path.parent, Path.cwd())
                shown = f"{folder}/{path.name}"  # the link itself, not where it points
                raise UsageError(f"--team: {shown} is ignored: {why}")
        raise UsageError(
            f"--team: unknown team '{name}'",
            hint=f"choose one of: all, {', '.join(known)} (persona render --list-teams)",
        )
    return [known[name]]


def select(
    everyone: list[Loaded],
    *,
    ids: Sequence[str],
    kinds: Sequence[str],
    statuses: Sequence[str],
    owners: Sequence[str],
    include_retired: bool,
) -> list[Loaded]:
    """The personas to brief: named ids (unknown ones are an error with a suggestion), then
    the kind, status and owner filters; retired personas only when asked for."""
    by_id = {item.id: item for item in everyone}
    for ident in ids:
        if ident not in by_id:
            close = difflib.get_close_matches(ident, list(by_id), n=1, cutoff=0.6)
            raise UsageError(
                f"no persona '{ident}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "pass an id (the file name without .yaml) from the configured paths",
            )
    chosen = [by_id[i] for i in sorted(set(ids))] if ids else list(everyone)
    lowered = {owner.lower() for owner in owners}
    return [
        item
        for item in chosen
        if (not kinds or item.data["kind"] in kinds)
        and (
            item.data["status"] in statuses
            if statuses
            else include_retired or item.data["status"] != "retired" or bool(ids)
        )
        and (not owners or lowered & {o.lower() for o in item.data["review"]["owners"]})
    ]
