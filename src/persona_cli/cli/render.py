"""`persona render`: per-team briefings (Markdown or HTML) from the personas.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, folder_option, handle_errors, warn
from persona_cli.domain.errors import UsageError


@handle_errors
def render(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Persona ids to brief, and/or files, directories or globs to read personas "
            "from. Default: every persona in `paths` from the configuration, else personas/.",
            show_default=False,
        ),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option(
            "--team",
            "-t",
            help="Team to brief: overview, marketing, sales, product, support, a custom "
            "template's team, or all.",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Write DIR/<team>/<id>.md and DIR/<team>/README.md instead of printing.",
        ),
    ] = None,
    segment: Annotated[
        list[str] | None,
        typer.Option(
            "--segment",
            help="Write the committee briefing of this account segment (its id; repeatable, "
            "or all) instead of persona briefings; with --team sales, or a team with a custom "
            "<team>-committee.md.j2.",
            show_default=False,
        ),
    ] = None,
    combined: Annotated[
        bool, typer.Option("--combined", help="One document per team with every persona.")
    ] = False,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only personas of this kind (repeatable).")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", help="Only personas with this status (repeatable) [default: not retired]."
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", help="Only personas this owner owns (repeatable)."),
    ] = None,
    templates: Annotated[
        str | None,
        typer.Option(
            "--templates",
            metavar="DIR",
            help="Folder of custom <team>.md.j2 templates [default: templates/ next to the "
            "configuration, or in the current directory, when it holds *.md.j2].",
        ),
    ] = None,
    list_teams: Annotated[
        bool, typer.Option("--list-teams", help="List the teams and their templates, then exit.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Write nothing; exit 1 when files under --out differ from what would be "
            "rendered (for CI).",
        ),
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune",
            help="Remove briefing files under --out that no persona produces any more "
            "(deleted, renamed or retired ones; rendering the whole set only), if "
            "persona-cli wrote them and they are unchanged since.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace (or with --prune remove) files under --out that persona-cli did "
            "not write, or that were edited since, and record them as its own.",
        ),
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            help="Judge freshness as of this date and print it as the generation date "
            "(YYYY-MM-DD) [default: today, not printed]."
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help="md (Markdown) or html (standalone pages)."),
    ] = "md",
    git_age: Annotated[
        bool | None,
        typer.Option(
            "--age/--no-age",
            help="Show each persona's freshness from git history (inside a repository) "
            "[default: age].",
            show_default=False,
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Render briefings for marketing, sales, product, support (and an overview) from the
    personas, through sandboxed Jinja templates.

    Files under --out that persona-cli did not write (or that were edited since) are never
    replaced or removed without --force: a record of what it wrote is kept in
    DIR/.persona-cli-outputs.json.

    Exit codes: 0 done, 1 with --check when briefings are out of date or stale ones are
    left, 2 for usage, persona or template errors, or files in the way (nothing is written
    then); a persona that cannot be briefed (invalid, or a broken extends chain) is named
    on stderr and the others are written, then the run exits 2.
    """
    from persona_cli.cli._render_run import execute
    from persona_cli.verbs.render.options import Options

    if list_teams:
        given = (
            ("ids or paths", bool(targets)),
            ("--team", team is not None),
            ("--out", out is not None),
            ("--segment", bool(segment)),
            ("--combined", combined),
            ("--kind", bool(kind)),
            ("--status", bool(status)),
            ("--owner", bool(owner)),
            ("--check", check),
            ("--prune", prune),
            ("--force", force),
            ("--now", now is not None),
            ("--format", output_format != "md"),
            ("--age/--no-age", git_age is not None),
        )
        ignored = [name for name, present in given if present]
        if ignored:
            warn(f"--list-teams only lists the teams; {', '.join(ignored)} ignored")
    elif segment and git_age is not None:
        warn("--age/--no-age: committee briefings show no ages; ignored")
    options = Options(
        targets=targets or [],
        team=team,
        out=None if list_teams else folder_option(out, "--out"),  # ignored: not judged
        segments=segment or [],
        combined=combined,
        kinds=kind or [],
        statuses=status or [],
        owners=owner or [],
        templates=_folder(templates, "--templates"),
        list_teams=list_teams,
        check=check,
        prune=prune,
        force=force,
        now=now,
        output_format=output_format,
        git_age=git_age is not False,
        # Asked for by name: say so when there is no history to read ages from.
        explicit_age=git_age is True,
    )
    code = execute(options, config)
    if code:
        raise typer.Exit(code)


def _folder(value: str | None, option: str) -> Path | None:
    """A folder option; an empty one (an unset variable in a script) is refused, not read as
    the current folder, where --out would scatter team folders."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option}: an empty folder name was given", hint=f"pass {option} DIR")
    return Path(value)
