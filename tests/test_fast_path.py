"""`persona lint PATH...` runs without typer (`cli.main`); it must be the typer command.

pre-commit and an editor on save run `persona lint FILE...`, with no option, many times an
hour; `cli.main` calls the command's work (`cli._lint_main.run`) directly for those, so that
run never imports typer. Three things keep that honest:

- typer's own parse of the command's signature hands the command exactly the arguments the
  fast path hands `run` (paths, and every option at its default), for each argument list;
- only arguments typer would take as paths alone take the fast path (any option, `--`, or an
  empty argument goes through typer, which has the message for each);
- on real files the two paths answer alike: `persona lint -- PATH...` (the same arguments,
  through typer) prints the same output and exits with the same code.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from persona_cli.cli import lint as lint_command
from persona_cli.cli import plain_lint
from persona_cli.cli._lint_main import run
from tests.conftest import EXAMPLES, copy_examples, persona_env

ARGUMENT_LISTS = [
    [],
    ["personas/cfo-mid-market.yaml"],
    ["personas", "segments/x.yaml"],
    ["help"],
    ["personas/*.yaml", "a b.yaml", "ü.yaml"],
]


def typer_arguments(arguments: list[str]) -> dict[str, Any]:
    """The keyword arguments typer's parse of `persona lint ARGUMENTS` hands the command."""
    seen: dict[str, Any] = {}

    def record(**kwargs: Any) -> None:
        seen.update(kwargs)

    # The command's own signature and annotations: typer parses them as it does the command's.
    record.__signature__ = inspect.signature(lint_command.lint)  # type: ignore[attr-defined]
    record.__annotations__ = dict(lint_command.lint.__annotations__)
    application = typer.Typer()
    application.command("lint")(record)
    typer.main.get_command(application)(list(arguments), standalone_mode=False)
    return seen


def fast_arguments(arguments: list[str]) -> dict[str, Any]:
    """The keyword arguments `run` works with on the fast path: `paths`, then its defaults."""
    bound = inspect.signature(run).bind(paths=arguments or None)
    bound.apply_defaults()
    return dict(bound.arguments)


def test_the_command_and_its_work_take_the_same_parameters() -> None:
    command = list(inspect.signature(lint_command.lint).parameters)
    assert command == list(inspect.signature(run).parameters)


@pytest.mark.parametrize("arguments", ARGUMENT_LISTS, ids=lambda a: " ".join(a) or "(none)")
def test_the_fast_path_hands_run_what_typer_hands_the_command(arguments: list[str]) -> None:
    assert plain_lint(["lint", *arguments])
    assert fast_arguments(arguments) == typer_arguments(arguments)


@pytest.mark.parametrize(
    "arguments",
    [
        ["lint", "--format", "json", "personas"],
        ["lint", "-f", "json"],
        ["lint", "personas", "--no-baseline"],
        ["lint", "--", "personas"],
        ["lint", "-"],
        ["lint", ""],
        ["lint", "--help"],
        ["--debug", "lint", "personas"],
        ["list", "personas"],
        [],
    ],
    ids=lambda a: " ".join(repr(x) for x in a) or "(none)",
)
def test_anything_but_paths_goes_through_typer(arguments: list[str]) -> None:
    assert not plain_lint(arguments)


#: Run through the console script's entry point; typer's presence recorded on stderr's
#: last line.
_DRIVER = """
import sys
sys.argv = ["persona", *sys.argv[1:]]
from persona_cli.cli import main
code = main()
sys.stderr.write(f"typer imported: {'typer' in sys.modules}\\n")
sys.exit(code)
"""


def persona(arguments: list[str], cwd: Path) -> tuple[int, str, str, bool]:
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=persona_env(),
        check=False,
    )
    *messages, last = proc.stderr.splitlines(keepends=True)
    return proc.returncode, proc.stdout, "".join(messages), last.strip() == "typer imported: True"


@pytest.mark.parametrize(
    "paths",
    [
        ["personas/cfo-mid-market.yaml"],
        ["personas"],
        [],
        ["invalid/invalid-values.yaml", "invalid/missing-name.yaml"],
        ["invalid/duplicate-key.yaml"],
        ["no-such-file.yaml"],
    ],
    ids=lambda p: " ".join(p) or "(default paths)",
)
def test_a_plain_lint_answers_as_the_typer_command(tmp_path: Path, paths: list[str]) -> None:
    copy_examples(tmp_path)
    (tmp_path / "invalid").mkdir()
    for source in (EXAMPLES / "invalid").glob("*.yaml"):
        (tmp_path / "invalid" / source.name).write_bytes(source.read_bytes())
    fast = persona(["lint", *paths], tmp_path)
    typed = persona(["lint", "--", *paths], tmp_path)
    assert not fast[3], "persona lint PATH... imported typer"
    assert typed[3]
    assert fast[:3] == typed[:3]
    assert fast[0] in {0, 1, 2}
