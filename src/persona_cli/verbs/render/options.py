"""What a `persona render` run is asked to do, and what it hands back: the options as parsed,
what it shares with the other commands (passed in, so this core never imports the command
layer), and the outcomes the command layer prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError
from persona_cli.verbs.render.outputs import GLOB_CHARS, Checked, Notify, Written
from persona_cli.verbs.render.templates import FORMATS

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings
    from persona_cli.verbs.render.templates import Team


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """`persona render`'s options, as the command line gave them."""

    targets: list[str]
    team: str | None
    out: Path | None
    combined: bool = False
    #: Segment ids (or `all`): committee briefings instead of persona briefings.
    segments: list[str]
    kinds: list[str]
    statuses: list[str]
    owners: list[str]
    templates: Path | None
    list_teams: bool = False
    check: bool = False
    prune: bool = False
    force: bool = False
    #: `--now`, unparsed: it is read only once the personas are loaded (`--list-teams`
    #: ignores it).
    now: str | None = None
    output_format: str = "md"
    git_age: bool = True
    #: `--age` was asked for by name: say so when there is no history to read ages from.
    explicit_age: bool = False


@dataclass(frozen=True, slots=True)
class Shared:
    """What the command layer hands the render core: the settings and folder, how `--now` is
    read (as every command reads it), and where lines for the user go. Files are found by
    the load stage (`load.sources`), as for every command."""

    settings: Settings
    cwd: Path
    parse_date: Callable[[str | None], dt.date | None]
    notify: Notify


@dataclass(frozen=True, slots=True)
class TeamList:
    """`--list-teams`: the teams with their templates, and the custom templates ignored (with
    why)."""

    teams: dict[str, Team]
    ignored: list[tuple[Path, str]]


@dataclass(frozen=True, slots=True)
class Printed:
    """One document for stdout (no --out)."""

    text: str


Outcome = TeamList | Printed | Checked | Written


def split_targets(targets: list[str], cwd: Path) -> tuple[list[str], list[str]]:
    """Paths (existing files or folders, globs, *.yaml names, anything with a slash) and ids."""
    paths: list[str] = []
    ids: list[str] = []
    for target in targets:
        candidate = Path(target) if Path(target).is_absolute() else cwd / target
        if (
            candidate.exists()
            or "/" in target
            or GLOB_CHARS & set(target)
            or target.endswith((".yaml", ".yml"))
        ):
            paths.append(target)
        else:
            ids.append(target)
    return paths, ids


def persona_sources(paths: list[str], shared: Shared) -> list[SourceFile]:
    """The persona files given (minus the configured excludes), else the configured set."""
    from persona_cli.io.discovery import discover

    if paths:
        excluded = shared.settings.excluded
        return [s for s in discover(paths, cwd=shared.cwd) if not excluded(s.display)]
    from persona_cli.load.sources import select_sources

    return select_sources(None, shared.settings, shared.cwd)[0]


def check_options(options: Options, notify: Notify) -> None:
    """Option values and combinations that cannot work, refused before any file is read."""
    if options.output_format not in FORMATS:
        raise UsageError(f"--format: '{options.output_format}' is not one of md, html")
    valid_kinds = ("buyer", "user", "internal", "individual")
    for value in options.kinds:
        if value not in valid_kinds:
            raise UsageError(f"--kind: '{value}' is not one of {', '.join(valid_kinds)}")
    for value in options.statuses:
        if value not in ("draft", "validated", "retired"):
            raise UsageError(f"--status: '{value}' is not one of draft, validated, retired")
    out = options.out
    if options.check and out is None:
        raise UsageError("--check compares files under --out", hint="add --out DIR")
    if options.prune and (out is None or options.check):
        raise UsageError(
            "--prune removes stale briefings while writing under --out",
            hint="add --out DIR" if out is None else "drop --check: --check writes nothing",
        )
    if options.force and out is None:
        notify("persona: warning: --force: nothing is written without --out; ignored")
