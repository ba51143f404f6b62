"""The root callback: `--version` and `--debug`, the options before any command.

Apart from `cli/__init__.py` so that importing the package (the console script's entry
point) does not import typer: `persona textconv FILE` and `persona --version` never need it.
"""

from typing import Annotated

import typer

from persona_cli import __version__
from persona_cli.cli._failures import State


def _version(value: bool) -> None:
    if value:
        typer.echo(f"persona-cli {__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for errors (for bug reports).")
    ] = False,
) -> None:
    """Personas as code: validate, lint, diff, age and render personas kept as YAML in git."""
    State.debug = debug
