"""The `persona` command: composes one module per verb.

Nothing here imports pydantic, ruamel.yaml, jinja2 or git: commands import what they need
when they run, so `persona --help` and `persona --version` stay fast.
"""

from typing import Annotated

import typer

from persona_cli import __version__
from persona_cli.cli import (
    age,
    config,
    diff,
    fmt,
    init,
    lint,
    list_,
    log,
    new,
    render,
    report,
    review,
    rule,
    schema,
    show,
    textconv,
)
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
app.command("fmt")(fmt.fmt)
app.command("review")(review.review)
app.command("list")(list_.list_)
app.command("show")(show.show)
app.command("init")(init.init)
app.command("new")(new.new)
app.command("report")(report.report)


def main() -> int:
    """Console-script entry point: every way out is one line on stderr and an exit code.

    Typer's standalone mode prints usage errors as a three-line box and turns a closed
    output pipe into exit 1 (the findings code); here a bad option is one line naming the
    option and the help command (exit 2), and a reader that stops early (`| head`) is not
    an error."""
    import sys

    if sys.argv[1:] in (["--version"], ["-V"]):
        # Answered before typer builds every command's parameters (most of the start-up).
        sys.stdout.write(f"persona-cli {__version__}\n")
        return 0

    from typer._click.exceptions import ClickException

    try:
        result = app(standalone_mode=False)
    except ClickException as failure:
        if type(failure).__name__ == "NoArgsIsHelpError":  # bare `persona`: the help
            sys.stderr.write(failure.format_message() + "\n")
            return failure.exit_code
        names = {info.name for info in app.registered_commands}
        command = next((arg for arg in sys.argv[1:] if arg in names), None)
        usage = f"persona {command} --help" if command else "persona --help"
        message = failure.format_message().replace("Value error, ", "").rstrip(".")
        sys.stderr.write(f"persona: error: {message}; run '{usage}' for usage\n")
        return failure.exit_code
    except typer.Abort:
        sys.stderr.write("persona: error: interrupted\n")
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return result if isinstance(result, int) else 0


def _closed_pipe() -> int:
    """The reader closed stdout (`persona age | head -1`): stop quietly, as git does."""
    import os
    import sys

    # Point stdout at /dev/null so the interpreter's final flush does not fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
