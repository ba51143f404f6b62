"""The `persona` command: composes one module per verb.

Nothing here imports pydantic, ruamel.yaml, jinja2 or git: commands import what they need
when they run, so `persona --help` and `persona --version` stay fast.
"""

from typing import Annotated

import typer

from persona_cli import __version__
from persona_cli.cli import age, config, diff, lint, log, render, rule, schema, textconv
from persona_cli.cli._common import State

app = typer.Typer(
    name="persona",
    help="Personas as code: validate, lint, diff, age and render personas kept as YAML in git.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich-formatted help would import rich on every --help (a third slower).
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"persona-cli {__version__}")
        raise typer.Exit()


@app.callback()
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


app.command("lint")(lint.lint)
app.command("schema")(schema.schema)
app.command("rule")(rule.rule)
app.command("config")(config.config)
app.command("diff")(diff.diff)
app.command("textconv")(textconv.textconv)
app.command("age")(age.age)
app.command("log")(log.log)
app.command("render")(render.render)


def main() -> int:
    """Console-script entry point."""
    app()
    return 0
