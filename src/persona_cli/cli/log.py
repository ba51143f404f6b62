"""`persona log ID`: the commits that changed what a persona says, newest first.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, format_option, handle_errors

FORMATS = ["text", "json"]


@handle_errors
def log(
    persona: Annotated[
        str,
        typer.Argument(
            help="The persona's id (its file name without .yaml, looked up in the configured "
            "paths) or the path of its file.",
            show_default=False,
        ),
    ],
    all_commits: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also show commits that changed no meaning: reformat-only, rename-only, "
            "ignored revisions and unreadable versions, each marked as such.",
        ),
    ] = False,
    output_format: Annotated[str, format_option(FORMATS)] = "text",
    config: ConfigOption = None,
) -> None:
    """Show the history of one persona: each commit that changed its meaning, with date,
    author, subject and the sections it changed. Renames are followed.

    Exit codes: 0, 2 for usage or git errors.
    """
    import json

    from persona_cli.aging import find_persona, persona_log
    from persona_cli.cli._lint_run import select_sources
    from persona_cli.config import load_settings
    from persona_cli.discovery import discover
    from persona_cli.reporters.age import log_text

    cwd = Path.cwd()
    if Path(persona).is_file() or persona.endswith((".yaml", ".yml")):
        candidates = discover([persona], cwd=cwd)
    else:
        candidates, _ = select_sources(None, load_settings(config=config, cwd=cwd), cwd)
    source = find_persona(persona, candidates)
    result = persona_log(source, cwd=cwd, all_changes=all_commits)
    for warning in result.warnings:
        sys.stderr.write(f"persona: warning: {warning}\n")
    if output_format == "json":
        json.dump(result.as_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(log_text(result))
