"""`persona log ID`: the commits that changed what a persona says, newest first.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, format_option, handle_errors, say, warn

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
    author, subject and the sections it changed. Renames are followed, and so is a persona
    that was deleted (and every earlier life of an id that was deleted and re-created).

    Exit codes: 0, 2 for usage or git errors.
    """
    import json

    from persona_cli.cli._common import load_settings
    from persona_cli.domain.errors import UsageError
    from persona_cli.io.discovery import discover
    from persona_cli.load.sources import select_sources
    from persona_cli.reporters.age import log_text
    from persona_cli.verbs.log import deleted_log, find_persona, persona_log, with_earlier_lives

    cwd = Path.cwd()
    by_path = Path(persona).is_file() or persona.endswith((".yaml", ".yml"))
    listing: UsageError | None = None  # the configured folders themselves may be gone
    if by_path:
        if config is not None:
            warn(f"--config: {persona} is named by its path, so no configuration is read")
        candidates = discover([persona], cwd=cwd)
        folders = [candidate.path.parent for candidate in candidates]
    else:
        settings = load_settings(config=config, cwd=cwd)
        root = Path(settings.root) if settings.root else cwd
        folders = [root / path for path in settings.paths]
        try:
            candidates, _ = select_sources(None, settings, cwd)
        except UsageError as failure:
            candidates, listing = [], failure
    try:
        source = find_persona(persona, candidates)
    except UsageError as missing:
        if by_path or any(candidate.path.stem == persona for candidate in candidates):
            raise  # a path that is not a persona, or an ambiguous id
        found, shallow = deleted_log(persona, folders=folders, cwd=cwd, all_changes=all_commits)
        if found is None:
            raise _never_seen(listing or missing, shallow=shallow) from None
        result = found
    else:
        result = persona_log(source, cwd=cwd, all_changes=all_commits)
        result = with_earlier_lives(result, folders=folders, cwd=cwd, all_changes=all_commits)
    for warning in result.warnings:
        say(f"persona: warning: {warning}")
    if output_format == "json":
        from persona_cli.domain.hidden import escape_json

        sys.stdout.write(escape_json(json.dumps(result.as_dict(), indent=2, ensure_ascii=False)))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(log_text(result))


def _never_seen(error: Exception, *, shallow: bool) -> Exception:
    """Today's "no persona" error; in a shallow clone it adds that history is incomplete."""
    from persona_cli.domain.errors import PersonaError, UsageError
    from persona_cli.git.history import UNSHALLOW

    if not shallow or not isinstance(error, PersonaError):
        return error
    hint = f"{error.hint}; " if error.hint else ""
    return UsageError(
        error.message,
        hint=f"{hint}history is shallow, so it may have been deleted before the oldest "
        f"fetched commit: {UNSHALLOW}",
    )
