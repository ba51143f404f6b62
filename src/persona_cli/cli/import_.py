"""`persona import`: bring an existing persona set in whole (JSON, YAML, Markdown, tables,
CSV, HTML), every statement in a field or in notes."""

from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, folder_option, handle_errors

#: The model's kinds (the core checks them again).
KINDS = ("buyer", "user", "internal", "individual")
#: The readers' names in detection order, for the help without importing them (a test keeps
#: this equal to the registry, `verbs/importing/readers.READERS`).
FORMATS = (
    "persona-library",
    "data-list",
    "markdown-table",
    "markdown-file",
    "markdown-page",
    "csv",
    "html",
)


@handle_errors
def import_(
    sources: Annotated[
        list[Path],
        typer.Argument(
            metavar="SOURCE...",
            help="Files or folders to import (a folder: every file in it, recursively).",
            show_default=False,
        ),
    ],
    source_format: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="FORMAT",
            help=f"The sources' format: {', '.join(FORMATS)} (default: detected from each "
            "file's content).",
        ),
    ] = None,
    map_file: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAP.toml",
            help='Your own labels: [labels] "My Messaging" = "messaging.sales".',
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            metavar="DIR",
            help="Folder to write to (default: the first configured path, else personas/).",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print every statement with where it would go; write nothing."
        ),
    ] = False,
    kind: Annotated[
        str | None,
        typer.Option(
            metavar="KIND",
            help="Kind of every imported persona (default: what the source says, else user).",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace personas imported before from the same place.")
    ] = False,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="Report format: text or json.")
    ] = "text",
    config: ConfigOption = None,
) -> None:
    """Import personas from existing documents: one draft persona file per persona found.

    Formats are detected from each file's content (or named with --from). Every statement
    goes to a model field through the label table (extend it with --map) or to `notes`
    under its own heading: nothing is dropped. Each persona records its provenance and
    starts as status: draft. Files are written all or nothing. Exit codes: 0 imported
    (warnings do not fail), 2 bad input (unreadable or unknown source, bad map, existing
    file without --force; nothing written), 3 internal error.
    """
    import sys

    from persona_cli.cli._common import load_settings
    from persona_cli.domain.errors import UsageError
    from persona_cli.domain.hidden import reveal
    from persona_cli.verbs.importing.document import SourceError
    from persona_cli.verbs.importing.mapfile import read_map
    from persona_cli.verbs.importing.report import as_json, text
    from persona_cli.verbs.importing.run import plan_import, source_display, write_plan
    from persona_cli.verbs.importing.writer import today
    from persona_cli.verbs.new import _bases

    if output_format not in ("text", "json"):
        raise UsageError(f"--format: '{output_format}' is not one of text, json")
    cwd = Path.cwd()
    folder = folder_option(out, "--out")
    if folder is None:
        folder = _bases(load_settings(config=config, cwd=cwd), cwd)[0]
    labels = None
    if map_file is not None:
        labels = read_map(map_file, source_display(map_file.absolute(), cwd))
    try:
        plan = plan_import(
            sources,
            reader_name=source_format,
            labels=labels,
            out=folder,
            kind=kind,
            force=force,
            cwd=cwd,
            today=today(),
        )
    except SourceError as failure:
        raise UsageError(str(failure)) from None
    if not dry_run:
        write_plan(plan, force=force)
    if output_format == "json":
        sys.stdout.write(as_json(plan, dry_run=dry_run))
    else:
        sys.stdout.write(reveal(text(plan, dry_run=dry_run)))
