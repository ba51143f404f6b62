"""`persona diff`: what changed in what personas say, field by field, between two sides.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start.
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
    separated,
    with_separator,
)
from persona_cli.domain.errors import ExitCode
from persona_cli.reporters import DIFF_FORMATS


def warn(message: str) -> None:
    say(f"persona: warning: {message}")


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
    from persona_cli.cli._common import load_settings
    from persona_cli.git.diffing import compare
    from persona_cli.load.sources import segment_folders
    from persona_cli.verbs.diff import DiffResult, diff_files, working_version

    check_color(color, output_format)
    cwd = Path.cwd()
    settings = load_settings(config=config, cwd=cwd)
    root = Path(settings.root) if settings.root else cwd
    configured = [root / path for path in settings.paths]
    configured += [
        folder
        for folder in segment_folders(configured, settings, cwd)
        if folder.resolve() not in {path.resolve() for path in configured}
    ]

    def keep(file: Path) -> bool:
        from persona_cli.io.discovery import key_of  # a symlink loop is a finding, not a crash

        try:
            relative = key_of(file).relative_to(root.resolve()).as_posix()
        except ValueError:
            relative = key_of(file).as_posix()
        return not settings.excluded(relative)

    revisions, paths = separated(arguments, ctx)
    comparison = compare(
        cwd,
        revisions,
        paths=paths,
        staged=staged,
        default_paths=configured,
        keep=keep,
        cache=cache,
        read_file=working_version,
    )
    for message in comparison.warnings:
        warn(message)
    try:
        changes = diff_files(comparison.files, order=order, cache=comparison.cache)
    finally:
        if comparison.cache is not None:
            comparison.cache.close()
    result = DiffResult(comparison.old_label, comparison.new_label, tuple(changes))
    for change in changes:
        if change.kind == "unreadable":
            for label, problem in ((result.old_label, change.old), (result.new_label, change.new)):
                if problem:
                    warn(
                        f"{change.path} at {label}: not a readable persona ({problem}); "
                        "its field changes cannot be shown"
                    )
    if not changes and not arguments and not any(path.exists() for path in configured):
        warn(
            f"no persona folder here ({', '.join(settings.paths)}); pass paths, or set "
            "`paths` in .persona.toml"
        )
    from persona_cli.reporters.diff import DIFF_REPORTERS

    DIFF_REPORTERS[output_format](sys.stdout, color=color).report(result)
    if exit_code and changes:
        raise typer.Exit(int(ExitCode.FINDINGS))
