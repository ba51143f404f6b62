"""The `persona` command: composes one module per verb.

Nothing here imports pydantic, ruamel.yaml, jinja2 or git: commands import what they need
when they run, so `persona --help` and `persona --version` stay fast. Importing this module
does not import typer either: `persona --version`, `persona textconv FILE` (which git runs
once per blob) and the everyday commands given positional arguments only (`PLAIN`: `lint
FILE...`, `show ID`, `list`, `age`, `diff A B`) are answered without it. An invocation builds
only the command it runs (typer inspects every registered command's parameters when it
starts, ~1 ms each); the root help lists every command from the COMMANDS table without
building any. `app` (for tests and embedding) has them all.
"""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from persona_cli import __version__

if TYPE_CHECKING:
    import typer

#: Every command, in the order the help lists them (a workflow: start, check, tidy, look,
#: refresh, history, output, reference): name -> (module in persona_cli.cli, function, the
#: one-line summary the root help shows; the full text is the function's docstring).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("init", "init", "Set up a persona repository with an example and CI files."),
    "new": ("new", "new", "Start a persona file with every field its kind needs."),
    "import": ("import_", "import_", "Import personas from JSON, YAML, Markdown, CSV or HTML."),
    "lint": ("lint", "lint", "Validate and lint persona and segment files."),
    "fmt": ("fmt", "fmt", "Format persona files; comments stay with their keys."),
    "show": ("show", "show", "Show one persona in the terminal, gaps marked."),
    "list": ("list_", "list_", "List personas with completeness and age."),
    "review": ("review", "review", "Record a refresh: new evidence and last_reviewed."),
    "diff": ("diff", "diff", "Show what changed in personas, field by field."),
    "log": ("log", "log", "Show the commits that changed one persona's meaning."),
    "age": ("age", "age", "Show how long since each persona was refreshed."),
    "render": ("render", "render", "Render briefings for each team (and committees)."),
    "report": ("report", "report", "Write a static HTML dashboard of the persona set."),
    "rule": ("rule", "rule", "Explain a lint rule; --all lists the catalogue."),
    "config": ("config", "config", "Show the effective configuration and its sources."),
    "schema": ("schema", "schema", "Print the JSON Schema for persona or segment files."),
    "textconv": ("textconv", "textconv", "Print a persona's canonical form for git diff."),
}


def command(name: str) -> Callable[..., Any]:
    """The function behind command `name` (its module is imported now)."""
    module, function, _ = COMMANDS[name]
    found: Callable[..., Any] = getattr(
        importlib.import_module(f"persona_cli.cli.{module}"), function
    )
    return found


def _listed() -> None:  # pragma: no cover - an invocation builds the real command
    """A stand-in that only lists a command in the root help."""
    raise AssertionError("a listed-only command ran")


def build(only: str | None = None, *, listed: bool = False) -> "typer.Typer":
    """The app with every command (default), just `only`, or (with `listed`) every command
    as a name and a summary, enough for the root help."""
    import typer

    from persona_cli.cli._root import root

    application = typer.Typer(
        name="persona",
        help="Personas as code: validate, lint, diff, age and render personas kept as YAML in git.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        # Plain help: rich-formatted help would import rich on every --help (a third slower).
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    application.callback()(root)
    for name, (_, _, summary) in COMMANDS.items():
        if listed:
            application.command(name, short_help=summary)(_listed)
        elif only is None or name == only:
            function = command(name)
            # A command may ask for its own click class (diff: knowing what came after `--`).
            cls = getattr(function, "command_class", None)
            application.command(name, short_help=summary, cls=cls)(function)
    return application


def __getattr__(name: str) -> "typer.Typer":
    """`persona_cli.cli.app`: the whole app, built on first use."""
    if name == "app":
        globals()["app"] = built = build()
        return built
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _for(arguments: list[str]) -> "typer.Typer":
    """The app one invocation needs: the command it names, else the listing for the help
    (or for click's "No such command")."""
    wanted = next((arg for arg in arguments if not arg.startswith("-")), None)
    return build(wanted) if wanted in COMMANDS else build(listed=True)


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
    _no_pydantic_plugins()
    _tolerant_streams()
    if len(sys.argv) == 3 and sys.argv[1] == "textconv" and not sys.argv[2].startswith("-"):
        # Git runs it once per blob: answered without typer (the same work as the command).
        return _answer_textconv(sys.argv[2])

    interrupted = _catch_swallowed_interrupts()  # first: importing typer can be interrupted
    name = plain(sys.argv[1:])
    if name is not None:
        # `persona lint FILE...` (pre-commit, an editor on save), `show ID`, `list`, `age`,
        # `diff A B`: no option to parse, so run without typer (the defaults are the
        # command's).
        return _answer_plain(name, sys.argv[2:], interrupted)
    import typer
    from typer._click.exceptions import ClickException

    try:
        result = _for(sys.argv[1:])(standalone_mode=False)
    except ClickException as failure:
        if type(failure).__name__ == "NoArgsIsHelpError":  # bare `persona`: the help
            sys.stderr.write(failure.format_message() + "\n")
            return failure.exit_code
        named = next((arg for arg in sys.argv[1:] if arg in COMMANDS), None)
        usage = f"persona {named} --help" if named else "persona --help"
        message = failure.format_message().replace("Value error, ", "").rstrip(".")
        from persona_cli.domain.hidden import (
            reveal,  # an unknown option may hold a hidden character
        )

        sys.stderr.write(f"persona: error: {reveal(message)}; run '{usage}' for usage\n")
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
    if interrupted:
        sys.stderr.write("persona: error: interrupted\n")
        return 130
    return result if isinstance(result, int) else 0


#: Commands answered without typer when given positional arguments only (what pre-commit,
#: an editor on save and most terminal runs type): name -> (module in persona_cli.cli holding
#: the command's work as `run`, the positional parameter, whether it takes exactly one).
#: Each command function calls the same `run`; tests/test_fast_path.py holds the two equal.
PLAIN: dict[str, tuple[str, str, bool]] = {
    "lint": ("_lint_main", "paths", False),
    "show": ("_show_main", "persona", True),
    "list": ("_list_main", "paths", False),
    "age": ("_age_main", "paths", False),
    "diff": ("_diff_main", "arguments", False),
}


def plain(arguments: list[str]) -> str | None:
    """The command `persona ARGUMENTS` runs when it is one of PLAIN with positional
    arguments only (no option, no `--`, no empty argument, as many as it takes): nothing
    typer would parse, or report. None for anything else, which typer answers."""
    if not arguments or arguments[0] not in PLAIN:
        return None
    rest = arguments[1:]
    if not all(argument and not argument.startswith("-") for argument in rest):
        return None
    _, _, single = PLAIN[arguments[0]]
    if single and len(rest) != 1:
        return None
    return arguments[0]


def _answer_plain(name: str, rest: list[str], interrupted: list[bool]) -> int:
    """`persona NAME REST...` without typer: the command's work, exit code and messages, and
    a closed pipe or an interrupt handled as `main` handles them for any command."""
    import sys

    from persona_cli.cli._failures import exit_code

    module, parameter, single = PLAIN[name]
    value = rest[0] if single else (rest or None)
    try:
        run = importlib.import_module(f"persona_cli.cli.{module}").run
        code = int(run(**{parameter: value}))
    except (Exception, KeyboardInterrupt) as failure:  # as the command's `handle_errors`
        code = exit_code(failure)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    if interrupted:
        sys.stderr.write("persona: error: interrupted\n")
        return 130
    return code


def _answer_textconv(argument: str) -> int:
    """`persona textconv FILE`, exit code and closed pipe as for any command."""
    import sys

    from persona_cli.cli._textconv import run

    try:
        code = run(argument)
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    return code


def _no_pydantic_plugins() -> None:
    """Pydantic looks for plugins (through every installed package's entry points) when it
    builds its first validator: about a tenth of a one-file lint, for plugins that instrument
    an application's own models, not a command-line tool's. `PYDANTIC_DISABLE_PLUGINS` is
    pydantic's documented switch; a value the user exported is kept."""
    import os

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _tolerant_streams() -> None:
    """Characters the terminal's encoding lacks (`LC_ALL=C`, `PYTHONIOENCODING=ascii`) are
    printed as `\\u2502` escapes instead of ending the run with an encoding error, as
    Python's own stderr does."""
    import io
    import sys

    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            stream.reconfigure(errors="backslashreplace")


def _catch_swallowed_interrupts() -> list[bool]:
    """Ctrl-C landing inside a finalizer (a `__del__` of GitPython, say) is printed as
    "Exception ignored" and otherwise lost, so the run would go on and exit 0. Note it instead
    (quietly); `main` then exits 130. The list is empty until that happens."""
    import sys

    seen: list[bool] = []
    previous = sys.unraisablehook

    def hook(unraisable: "sys.UnraisableHookArgs") -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            seen.append(True)
            return
        previous(unraisable)

    sys.unraisablehook = hook
    return seen


def _closed_pipe() -> int:
    """The reader closed stdout (`persona age | head -1`): stop quietly, as git does."""
    import os
    import sys

    # Point stdout at /dev/null so the interpreter's final flush does not fail again.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0
