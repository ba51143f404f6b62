"""Start-up import discipline: each everyday command imports only what it needs.

Every run of `persona` pays for the modules it imports before doing anything: git runs
`persona textconv` once per blob, an editor runs `persona lint FILE` on each save. Each
command below runs in a fresh interpreter on a real persona repository, and its modules are
read from `sys.modules` when it ends; a heavy library it must not need fails the test with
the library's and the command's names. Adding an import at module level to a light path (a
model import in the textconv path, GitPython in lint) is what this catches.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_examples, git_in, init_repo, persona_env

#: Run in a fresh interpreter: `persona ARGS` through the console script's entry point,
#: then the names of the loaded modules written to the file named first.
_DRIVER = """
import json, os, sys
record = sys.argv[1]
sys.argv = ["persona", *sys.argv[2:]]
from persona_cli.cli import main
try:
    code = main()
except SystemExit as stop:
    code = stop.code
with open(record, "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules), "environ": dict(os.environ)}, out)
"""

#: The heavy libraries, as their top-level module names in `sys.modules`.
TYPER, PYDANTIC, RUAMEL, RICH, GITPYTHON, JINJA = (
    "typer",
    "pydantic",
    "ruamel.yaml",
    "rich",
    "git",
    "jinja2",
)

#: Every lint rule module: only lint, `persona rule` and a configuration file to check need it.
CATALOGUE = "persona_cli.lint.rules.catalogue"
#: Loaded when pydantic builds its first validator (it reads every installed package's entry
#: points through importlib.metadata): a command that validates no model must not get here.
#: Without a configuration file the settings are the model's defaults, never validated.
VALIDATOR = "pydantic.plugin._loader"
#: The lint baseline (reading, matching, writing): only a run that names a baseline needs it.
BASELINE = "persona_cli.lint.baseline"
#: Tracebacks are printed only for --debug; `textconv` runs once per blob.
TRACEBACK = "traceback"
#: What `persona textconv` (once per blob) does without, on a file that reads cleanly: the
#: dataclass machinery (dataclasses imports inspect, ast, tokenize: a tenth of its start-up),
#: pathlib (and the urllib and ipaddress it imports), threading, and the finding records and
#: the full reader, which only a file with a loading problem needs. (json it needs: the
#: canonical lines are JSON values.)
TEXTCONV_SPARES = {
    "dataclasses",
    "inspect",
    "ast",
    "tokenize",
    "pathlib",
    "urllib",
    "ipaddress",
    "threading",
    "persona_cli.domain.result",
    "persona_cli.domain.load_problems",
    "persona_cli.io.yaml_read",
}
#: What `persona age` and `diff` (no file written, each version read as data alone) do
#: without: the writers' module and the full reader with its loading problems. (`age` does
#: without the result records too; diff's change labels use the completeness groups.)
HISTORY_SPARES = {
    "persona_cli.io.fileio",
    "persona_cli.domain.load_problems",
    "persona_cli.io.yaml_read",
}

RESULT = "persona_cli.domain.result"

PERSONA = "personas/cfo-mid-market.yaml"

#: (arguments, exit codes it may end with, libraries it must not import). Output goes to a
#: pipe (not a terminal) and NO_COLOR is set, as in a script, an editor or pre-commit.
COMMANDS: list[tuple[tuple[str, ...], set[int], set[str]]] = [
    (("--version",), {0}, {TYPER, PYDANTIC, RUAMEL, RICH, GITPYTHON, JINJA}),
    (("--help",), {0}, {PYDANTIC, RUAMEL, RICH, GITPYTHON, JINJA}),
    (("lint", "--help"), {0}, {PYDANTIC, RUAMEL, RICH, GITPYTHON, JINJA}),
    (
        ("textconv", PERSONA),
        {0},
        {TYPER, PYDANTIC, RICH, GITPYTHON, JINJA, CATALOGUE, TRACEBACK, *TEXTCONV_SPARES},
    ),
    # Positional arguments only (pre-commit, an editor on save): no typer (`cli.PLAIN`).
    (("lint", PERSONA), {0, 1}, {TYPER, RICH, GITPYTHON, JINJA, BASELINE}),
    (("lint", "personas"), {0, 1}, {TYPER, RICH, GITPYTHON, JINJA, BASELINE}),
    (("lint", "--format", "json", "personas"), {0, 1}, {RICH, GITPYTHON, JINJA, BASELINE}),
    # Ages come from git through `git.plumbing`, never GitPython.
    (("show", "cfo-mid-market"), {0}, {TYPER, GITPYTHON, JINJA}),
    (("list", "personas", "--no-age"), {0}, {GITPYTHON, JINJA}),
    (("list", "personas"), {0}, {TYPER, GITPYTHON, JINJA}),
    # No configuration file here: nothing to check, so no pydantic at all (the settings are
    # a plain record), and git through `git.plumbing` (GitPython alone costs more to import
    # than these commands' work on a small set).
    (
        ("age", "personas"),
        {0, 1},
        {TYPER, PYDANTIC, RICH, GITPYTHON, JINJA, CATALOGUE, *HISTORY_SPARES, RESULT},
    ),
    (
        ("diff", "HEAD~1", "HEAD"),
        {0, 1},
        {TYPER, PYDANTIC, RICH, GITPYTHON, JINJA, CATALOGUE, *HISTORY_SPARES},
    ),
    (("log", "cfo-mid-market"), {0}, {GITPYTHON, JINJA, CATALOGUE, VALIDATOR}),
    (("rule", "Y002"), {0}, {GITPYTHON, JINJA}),
]


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples in a repository with two commits, the second renaming one persona."""
    root = init_repo(copy_examples(tmp_path_factory.mktemp("discipline")), commit="examples")
    target = root / PERSONA
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("\nname: ", "\nname: Renamed ", 1), encoding="utf-8")
    git_in(root, "commit", "-q", "-am", "rename", date="2026-02-01T12:00:00+00:00")
    return root


@pytest.fixture(scope="module")
def preloaded(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules the driver's interpreter holds before persona starts (its own start-up,
    a site hook): not persona's to avoid, so never counted against a command."""
    proc = subprocess.run(
        [sys.executable, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
        cwd=tmp_path_factory.mktemp("preloaded"),
        capture_output=True,
        text=True,
        env=persona_env(),
        check=True,
    )
    return set(json.loads(proc.stdout))


def imported(arguments: tuple[str, ...], cwd: Path) -> tuple[int, set[str]]:
    """The exit code of `persona ARGUMENTS` run from `cwd`, and the modules it imported."""
    record = cwd.parent / "modules.json"
    proc = subprocess.run(
        [sys.executable, "-c", _DRIVER, str(record), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=persona_env(),
        check=False,
    )
    assert record.exists(), f"persona {' '.join(arguments)} did not finish: {proc.stderr}"
    found = json.loads(record.read_text(encoding="utf-8"))
    record.unlink()
    return int(found["code"]), set(found["modules"])


@pytest.mark.parametrize(
    ("arguments", "codes", "forbidden"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS]
)
def test_a_command_imports_no_library_it_does_not_need(
    repository: Path,
    preloaded: set[str],
    arguments: tuple[str, ...],
    codes: set[int],
    forbidden: set[str],
) -> None:
    code, modules = imported(arguments, repository)
    assert code in codes, f"persona {' '.join(arguments)} exited {code}"
    heavy = sorted(
        name
        for name in forbidden - preloaded
        if any(m == name or m.startswith(f"{name}.") for m in modules)
    )
    assert not heavy, (
        f"`persona {' '.join(arguments)}` imported {', '.join(heavy)} at start-up; "
        "it does not need it: import it where it is used (inside the function), or keep "
        "the command on a path that does not reach it"
    )


def test_the_check_sees_a_heavy_import(repository: Path) -> None:
    """The driver does read what a command imports: lint does need pydantic (the model),
    and typer when it has an option to parse."""
    _, modules = imported(("lint", PERSONA), repository)
    assert PYDANTIC in modules
    _, modules = imported(("lint", "--format", "json", PERSONA), repository)
    assert TYPER in modules
    assert VALIDATOR in modules  # lint validates personas: the name is the one pydantic loads


def test_textconv_imports_the_reader_only_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    """The spares are real: a file with a loading problem (a duplicate key) takes the full
    reader and its findings, and a path given as `./FILE` takes pathlib (as typer would),
    and still prints the same."""
    (tmp_path / "dup.yaml").write_text("id: a\nid: b\n", encoding="utf-8")
    code, modules = imported(("textconv", "dup.yaml"), tmp_path)
    assert code == 0
    assert {"persona_cli.io.yaml_read", "persona_cli.domain.result", "dataclasses"} <= modules
    code, modules = imported(("textconv", "./dup.yaml"), tmp_path)
    assert code == 0
    assert "pathlib" in modules


@pytest.mark.parametrize("name", sorted({name for *_, forbidden in COMMANDS for name in forbidden}))
def test_every_forbidden_name_is_a_real_module(name: str) -> None:
    """A misspelt name would forbid nothing."""
    assert importlib.util.find_spec(name) is not None, name


def _environment_after(arguments: tuple[str, ...], cwd: Path, **extra: str) -> dict[str, str]:
    record = cwd.parent / "environ.json"
    env = {k: v for k, v in persona_env(extra).items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    subprocess.run(
        [sys.executable, "-c", _DRIVER, str(record), *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**env, **extra},
        check=False,
    )
    found: dict[str, str] = json.loads(record.read_text(encoding="utf-8"))["environ"]
    record.unlink()
    return found


def test_pydantic_looks_for_no_plugin_unless_told(repository: Path) -> None:
    """Pydantic scans every installed package's entry points for plugins when it builds its
    first validator (a tenth of a one-file lint); persona turns that off with pydantic's
    documented switch, and keeps a value the user exported."""
    assert (
        _environment_after(("lint", PERSONA), repository)["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    )
    kept = _environment_after(("lint", PERSONA), repository, PYDANTIC_DISABLE_PLUGINS="logfire")
    assert kept["PYDANTIC_DISABLE_PLUGINS"] == "logfire"


def test_a_configuration_file_is_still_validated_by_the_model(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """With a configuration file, age and diff do import pydantic: the file is checked by the
    model (a typo in it is an error, never ignored); GitPython stays out all the same."""
    root = init_repo(copy_examples(tmp_path_factory.mktemp("configured")), commit="examples")
    (root / ".persona.toml").write_text('paths = ["personas"]\n', encoding="utf-8")
    for arguments in (("age", "personas"), ("diff", "HEAD")):
        code, modules = imported(arguments, root)
        assert code in {0, 1}, arguments
        assert VALIDATOR in modules, arguments
        assert GITPYTHON not in modules, arguments
    (root / ".persona.toml").write_text('paths = ["personas"]\nfail-on = "eror"\n', "utf-8")
    code, _ = imported(("age", "personas"), root)
    assert code == 2
