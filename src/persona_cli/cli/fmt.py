"""`persona fmt`: rewrite persona files in one layout (schema key order, house indentation,
block lists, the schema modeline), keeping every comment.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, PathsArgument, handle_errors, say
from persona_cli.domain.errors import ExitCode


@handle_errors
def fmt(
    paths: PathsArgument = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 when a file would be reformatted."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Write nothing; print a unified diff of the changes, exit 1 when there are any.",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Format persona files: keys in the schema's order, 2-space indentation, block-style
    lists, the schema modeline on the first line. Comments stay with the keys they annotate;
    formatting twice changes nothing more.

    Exit codes: 0 done (or nothing to change), 1 with --check or --diff when a file would
    change, 2 when a file cannot be read or parsed (it is left untouched) or for usage errors.
    """
    from persona_cli.cli._common import load_settings
    from persona_cli.domain.hidden import reveal
    from persona_cli.load.sources import select_sources
    from persona_cli.verbs.fmt import format_files

    cwd = Path.cwd()
    settings = load_settings(config=config, cwd=cwd)
    targets, _ = select_sources(paths, settings, cwd)
    dry = check or diff
    result = format_files(targets, write=not dry)
    out = sys.stderr if diff else sys.stdout
    for item in result.failed:
        for finding in item.findings:
            where = f"{finding.path}:{finding.line}:{finding.column}"
            _error(f"{where}: {finding.code} {_one_line(finding.message)}; not formatted")
        if item.error and not item.findings:
            _error(item.error)
    for item in result.changed:
        if diff:
            sys.stdout.write(_unified(item.before, item.after or "", item.source.display))
        if check:
            out.write(f"Would reformat: {reveal(item.source.display)}\n")
        elif not diff:
            out.write(f"reformatted {reveal(item.source.display)}\n")
    no_modeline = [item.source.display for item in result.files if item.modeline_missing]
    if no_modeline:
        sys.stderr.write(
            f"persona: warning: no schemas/persona.schema.json above {reveal(no_modeline[0])}"
            + (f" and {len(no_modeline) - 1} more" if len(no_modeline) > 1 else "")
            + ": schema modeline not added; write the schema there with "
            "'persona schema -o schemas/persona.schema.json'\n"
        )
    out.write(_summary(len(result.changed), len(result.unchanged), len(result.failed), dry) + "\n")
    if result.failed:
        raise typer.Exit(int(ExitCode.USAGE))
    if dry and result.changed:
        raise typer.Exit(int(ExitCode.FINDINGS))


def _error(message: str) -> None:
    say(f"persona: error: {message}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"


def _summary(changed: int, unchanged: int, failed: int, dry: bool) -> str:
    """ruff's wording: `2 files reformatted, 3 files left unchanged`."""
    done = "already formatted" if dry else "left unchanged"
    parts = [f"{_files(changed)} {'would be reformatted' if dry else 'reformatted'}"]
    parts = parts if changed else []
    if unchanged or not (changed or failed):
        parts.append(f"{_files(unchanged)} {done}")
    if failed:
        parts.append(f"{_files(failed)} could not be formatted")
    return ", ".join(parts)


def _unified(before: str, after: str, display: str) -> str:
    import difflib

    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{display}",
        tofile=f"b/{display}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
