"""The everyday commands given positional arguments only run without typer (`cli.main`);
each must answer exactly as its typer command.

pre-commit and an editor on save run `persona lint FILE...`; a strategist types `persona show
ID`, `persona list`, `persona age`. `cli.main` calls those commands' work (`run` in the module
`cli.PLAIN` names) directly, so that run never imports typer. Three things keep it honest:

- typer's own parse of each command's signature hands the command exactly the arguments the
  fast path hands `run` (the positional ones, and every option at its default);
- only arguments typer would take as positional alone take the fast path (any option, `--`,
  an empty argument, or a wrong count goes through typer, which has the message for each);
- on real files the two paths answer alike: `persona CMD -- ARGS` (the same arguments,
  through typer) prints the same output and exits with the same code.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main

from persona_cli.cli import PLAIN, command, plain
from tests.conftest import EXAMPLES, copy_examples, git_in, init_repo, persona_env


def work(name: str) -> Callable[..., int]:
    """The command's work, as the fast path calls it."""
    found: Callable[..., int] = importlib.import_module(f"persona_cli.cli.{PLAIN[name][0]}").run
    return found


#: (command, positional arguments) typer and the fast path must read alike.
ARGUMENT_LISTS = [
    ("lint", []),
    ("lint", ["personas/cfo-mid-market.yaml"]),
    ("lint", ["personas", "segments/x.yaml"]),
    ("lint", ["help"]),
    ("lint", ["personas/*.yaml", "a b.yaml", "ü.yaml"]),
    ("show", ["cfo-mid-market"]),
    ("show", ["personas/cfo-mid-market.yaml"]),
    ("list", []),
    ("list", ["personas", "more"]),
    ("age", []),
    ("age", ["personas/cfo-mid-market.yaml"]),
    ("diff", []),
    ("diff", ["HEAD~1", "HEAD"]),
    ("diff", ["HEAD", "personas"]),
]


def typer_arguments(name: str, arguments: list[str]) -> dict[str, Any]:
    """The keyword arguments typer's parse of `persona NAME ARGUMENTS` hands the command."""
    function = command(name)
    seen: dict[str, Any] = {}

    def record(**kwargs: Any) -> None:
        seen.update(kwargs)

    # The command's own signature and annotations: typer parses them as it does the command's.
    record.__signature__ = inspect.signature(function)  # type: ignore[attr-defined]
    record.__annotations__ = dict(function.__annotations__)
    application = typer.Typer()
    application.command(name)(record)
    typer.main.get_command(application)(list(arguments), standalone_mode=False)
    return {key: value for key, value in seen.items() if key not in CONTEXT}


def fast_arguments(name: str, arguments: list[str]) -> dict[str, Any]:
    """The keyword arguments `run` works with on the fast path: the positional ones, then
    its defaults."""
    _, parameter, single = PLAIN[name]
    value = arguments[0] if single else (arguments or None)
    bound = inspect.signature(work(name)).bind(**{parameter: value})
    bound.apply_defaults()
    return {key: value for key, value in bound.arguments.items() if key not in CONTEXT}


#: Parameters only one side has: typer's context (the command reads where `--` was from it)
#: and what `run` is told of it instead (None on the fast path: no `--` there).
CONTEXT = {"ctx", "after"}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_each_command_and_its_work_take_the_same_parameters(name: str) -> None:
    command_parameters = [p for p in inspect.signature(command(name)).parameters if p != "ctx"]
    work_parameters = [p for p in inspect.signature(work(name)).parameters if p != "after"]
    assert command_parameters == work_parameters


@pytest.mark.parametrize(
    ("name", "arguments"), ARGUMENT_LISTS, ids=[f"{n} {' '.join(a)}" for n, a in ARGUMENT_LISTS]
)
def test_the_fast_path_hands_run_what_typer_hands_the_command(
    name: str, arguments: list[str]
) -> None:
    assert plain([name, *arguments]) == name
    assert fast_arguments(name, arguments) == typer_arguments(name, arguments)


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
        ["show"],
        ["show", "a", "b"],
        ["show", "--team", "sales", "a"],
        ["list", "--no-age"],
        ["age", "--fail-on", "stale"],
        ["diff", "--", "personas"],
        ["diff", "HEAD", "--exit-code"],
        ["render"],
        [],
    ],
    ids=lambda a: " ".join(repr(x) for x in a) or "(none)",
)
def test_anything_else_goes_through_typer(arguments: list[str]) -> None:
    assert plain(arguments) is None


#: Run through the console script's entry point; whether typer was imported, on stderr's
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


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples (and the invalid ones, in `invalid/`) in a repository: one commit as
    they are, one renaming a persona, and uncommitted edits."""
    root = copy_examples(tmp_path_factory.mktemp("fast"))
    (root / "invalid").mkdir()
    for source in (EXAMPLES / "invalid").glob("*.yaml"):
        (root / "invalid" / source.name).write_bytes(source.read_bytes())
    init_repo(root, commit="examples")
    cfo = root / "personas" / "cfo-mid-market.yaml"
    cfo.write_text(cfo.read_text("utf-8").replace("\nname: ", "\nname: Renamed ", 1), "utf-8")
    git_in(root, "commit", "-q", "-am", "rename", date="2026-02-01T12:00:00+00:00")
    # Uncommitted: a comment (no change of meaning) and an edit to another persona.
    cfo.write_text(cfo.read_text("utf-8") + "# edited\n", "utf-8")
    other = sorted((root / "personas").glob("*.yaml"))[-1]
    other.write_text(other.read_text("utf-8").replace("\nname: ", "\nname: Edited ", 1), "utf-8")
    return root


#: The same run through typer: `--` before the positional arguments (they stay positional),
#: or for `diff` (where `--` starts the paths) an option at its default.
def through_typer(arguments: list[str]) -> list[str]:
    if arguments[0] == "diff":
        return ["diff", "--cache", *arguments[1:]]
    return [arguments[0], "--", *arguments[1:]]


ANSWERS = [
    ["lint", "personas/cfo-mid-market.yaml"],
    ["lint", "personas"],
    ["lint"],
    ["lint", "invalid/invalid-values.yaml", "invalid/missing-name.yaml"],
    ["lint", "invalid/duplicate-key.yaml"],
    ["lint", "no-such-file.yaml"],
    ["show", "cfo-mid-market"],
    ["show", "personas/cfo-mid-market.yaml"],
    ["show", "no-such-persona"],
    ["list"],
    ["list", "personas", "invalid"],
    ["age"],
    ["age", "personas/cfo-mid-market.yaml"],
    ["diff"],
    ["diff", "HEAD"],
    ["diff", "HEAD", "personas/cfo-mid-market.yaml"],
    ["diff", "HEAD~1"],
    ["diff", "no-such-revision", "HEAD"],
]


@pytest.mark.parametrize("arguments", ANSWERS, ids=" ".join)
def test_a_plain_command_answers_as_the_typer_command(
    repository: Path, arguments: list[str]
) -> None:
    fast = persona(arguments, repository)
    typed = persona(through_typer(arguments), repository)
    assert not fast[3], f"persona {' '.join(arguments)} imported typer"
    assert typed[3]
    assert fast[:3] == typed[:3]
    assert fast[0] in {0, 1, 2}


@pytest.mark.parametrize(
    ("arguments", "option"),
    [
        (["lint", "--jobs", "0", "personas"], "'--jobs'"),
        (["lint", "--max-bytes", "0"], "'--max-bytes'"),
        (["age", "--fail-on", "bogus"], "'--fail-on'"),
        (["show"], "'ID'"),
    ],
    ids=" ".join,
)
def test_a_bad_option_is_typer_s_one_line_usage_error(
    repository: Path, arguments: list[str], option: str
) -> None:
    code, stdout, stderr, typer_imported = persona(arguments, repository)
    assert typer_imported
    assert code == 2
    assert stdout == ""
    assert stderr.count("\n") == 1, stderr
    assert option in stderr
    assert f"run 'persona {arguments[0]} --help' for usage" in stderr


_TWICE = """
import sys
from persona_cli.cli import main
codes = []
for _ in range(2):
    sys.argv = ["persona", *sys.argv[1:]] if not codes else sys.argv
    codes.append(main())
print(codes)
"""


@pytest.mark.parametrize(
    "arguments",
    [["textconv", "personas/cfo-mid-market.yaml"], ["lint", "personas/cfo-mid-market.yaml"]],
    ids=["textconv", "lint"],
)
def test_main_answers_twice_in_one_process(tmp_path: Path, arguments: list[str]) -> None:
    """An editor or a test harness may call `main` more than once: the fast paths' own
    modules (`cli._textconv`, `cli._plain`) must not replace the functions that call them."""
    root = copy_examples(tmp_path / "repo")
    proc = subprocess.run(
        [sys.executable, "-c", _TWICE, *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        env=persona_env(),
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[0, 0]"
