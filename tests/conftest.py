"""Shared helpers: run the real CLI (in-process and as a subprocess) and write persona files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from persona_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
#: Reference data kept beside the checkout (not shipped with it): a test that needs a file from
#: here skips without it, unless PERSONA_REQUIRE_SHARED_DATA=1 (CI sets it), then it fails.
SHARED_DATA = ROOT.parent / "shared" / "data"
REQUIRE_SHARED_DATA = "PERSONA_REQUIRE_SHARED_DATA"


def require_shared_data(path: Path) -> Path:
    """`path` (under SHARED_DATA) when it is a file; else skip the test, or fail it when the
    environment says the data is expected."""
    if path.is_file():
        return path
    reason = f"reference data not available at {path}"
    if os.environ.get(REQUIRE_SHARED_DATA) == "1":
        pytest.fail(f"{reason}, and {REQUIRE_SHARED_DATA}=1 requires it")
    pytest.skip(f"{reason}; set {REQUIRE_SHARED_DATA}=1 to make this a failure")


MINIMAL = """\
schema_version: 1
id: {id}
name: Test Persona
kind: buyer
"""


#: What the suite's environment says, whatever the caller's shell exported: no colour request
#: either way, a terminal that has colours, no width, not CI, no GitHub Actions, no user or
#: system git configuration, no repository chosen by the environment, and no persona-cli switch.
#: A test that needs one of these sets it itself (monkeypatch, or `env=` on a subprocess).
PINNED_ENV: dict[str, str | None] = {
    "TERM": "xterm-256color",
    "NO_COLOR": None,
    "FORCE_COLOR": None,
    "PY_COLORS": None,
    "CLICOLOR": None,
    "CLICOLOR_FORCE": None,
    "COLORTERM": None,
    "TTY_COMPATIBLE": None,
    "TTY_INTERACTIVE": None,
    "COLUMNS": None,
    "LINES": None,
    "TERMINAL_WIDTH": None,
    "JUPYTER_COLUMNS": None,
    "JUPYTER_LINES": None,
    "UNICODE_VERSION": None,
    "PYTHONIOENCODING": None,
    "_TYPER_FORCE_DISABLE_TERMINAL": None,
    "_TYPER_STANDARD_TRACEBACK": None,
    "TYPER_USE_RICH": None,
    "CI": None,
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_DIR": None,
    "GIT_WORK_TREE": None,
    "GIT_INDEX_FILE": None,
    "GIT_OBJECT_DIRECTORY": None,
    "GIT_ALTERNATE_OBJECT_DIRECTORIES": None,
    "GIT_CEILING_DIRECTORIES": None,
    "GIT_NAMESPACE": None,
    "PERSONA_CLI_NO_CACHE": None,
    "PERSONA_CLI_TEST_PAUSE_BEFORE_WRITE": None,
}


def pin_environment(patch: pytest.MonkeyPatch) -> None:
    """Set or remove every variable of PINNED_ENV (undone when `patch` is)."""
    for name, value in PINNED_ENV.items():
        if value is None:
            patch.delenv(name, raising=False)
        else:
            patch.setenv(name, value)


@pytest.fixture(autouse=True, scope="session")
def _pinned_session_environment() -> Iterator[None]:
    """The pinned environment for session- and module-scoped fixtures too."""
    with pytest.MonkeyPatch.context() as patch:
        pin_environment(patch)
        yield


@pytest.fixture(autouse=True)
def _pinned_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pinned again for each test, so one that changed `os.environ` by hand leaks nothing."""
    pin_environment(monkeypatch)


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled templates go to `$XDG_CACHE_HOME/persona-cli/`: the suite gets its own, so a
    run neither reads a developer's cache nor leaves one in the home folder."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `persona ARGS` in-process (fast) from `cwd`."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if result.exit_code == 2 and result.stderr.startswith("Usage: "):
        pytest.fail(
            "a usage error run through CliRunner shows click's box, which no user sees: "
            "run it through the entry point (`run_persona`) and assert on its one line"
        )
    return Run(result.exit_code, result.stdout, result.stderr)


def persona_bin() -> str:
    return str(Path(sys.executable).with_name("persona"))


def persona_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment `run_persona` gives the command: the test's (pinned by the fixtures
    above, plus what the test set on purpose), no colour, 200 columns, then `extra`."""
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(extra or {})}


def run_persona(
    *args: str | Path, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run the installed `persona` console script as a user would; `env` adds to or
    overrides the pinned environment (`persona_env`)."""
    proc = subprocess.run(
        [persona_bin(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=persona_env(env),
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def persona_process(
    *args: str | Path, cwd: Path, timeout: float = 20
) -> subprocess.CompletedProcess[str]:
    """The installed CLI in the pinned environment (no colour, 200 columns), with a timeout
    so that a hang (a FIFO opened for reading) is a failure, not a stuck suite. Output that
    is not UTF-8 (textconv prints an unreadable file's raw bytes) is kept, escaped."""
    return subprocess.run(
        [persona_bin(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        env=persona_env(),
        timeout=timeout,
        check=False,
    )


#: The date a test repository's commits get unless the test says otherwise.
GIT_DATE = "2026-01-01T12:00:00+00:00"


def pinned_git_env(date: str = GIT_DATE) -> dict[str, str]:
    """Git settings for a test repository: no user or system config, one pinned author and
    committer, commits dated `date` (ISO 8601 with offset)."""
    return {
        "GIT_CONFIG_GLOBAL": "/dev/null",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Maria Lopez",
        "GIT_AUTHOR_EMAIL": "maria@example.com",
        "GIT_COMMITTER_NAME": "Maria Lopez",
        "GIT_COMMITTER_EMAIL": "maria@example.com",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }


def use_pinned_git(patch: pytest.MonkeyPatch, date: str = GIT_DATE) -> None:
    """`pinned_git_env(date)` for the rest of the test: commands the test runs in-process or
    as the installed CLI commit and read history as that author at that date."""
    for name, value in pinned_git_env(date).items():
        patch.setenv(name, value)


def git_in(repo: Path, *args: str, date: str = GIT_DATE, check: bool = True) -> str:
    """Run `git ARGS` in `repo` and return what it printed: the one way the suite runs git.

    It runs as the pinned author and committer, dated `date`, with no user or system git
    configuration (`pinned_git_env`), in the test's environment otherwise: pinned by the
    fixtures above, so no GIT_DIR or the like leaks in, and PYTHONPATH stays, so a textconv
    driver that git starts runs this checkout's code."""
    proc = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **pinned_git_env(date)},
        capture_output=True,
        text=True,
        check=check,
    )
    return proc.stdout


def init_repo(root: Path, *, commit: str | None = "initial", date: str = GIT_DATE) -> Path:
    """`root` (made if missing) as a new repository on branch `main`; unless `commit` is
    None, everything in it committed with that message at `date`. Returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    git_in(root, "init", "-q", "-b", "main")
    if commit is not None:
        git_in(root, "add", "-A")
        git_in(root, "commit", "-q", "-m", commit, date=date)
    return root


class GitRepo:
    """A real repository on `main` for tests that build a history: every commit gets the
    date it is given."""

    def __init__(self, root: Path) -> None:
        self.root = init_repo(root, commit=None)

    def git(self, *args: str, date: str = GIT_DATE) -> str:
        return git_in(self.root, *args, date=date).strip()

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def commit(self, message: str, date: str, *paths: str) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tmp_personas(tmp_path: Path) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir()
    return folder


def copy_examples(folder: Path, *, segments: bool = False) -> Path:
    """`folder/personas/` holding a copy of the example personas (and, with `segments`,
    `folder/segments/` holding the example segments), outside any git repository; returns
    `folder`."""
    kinds = ("personas", "segments") if segments else ("personas",)
    for kind in kinds:
        (folder / kind).mkdir(parents=True)
        for source in (EXAMPLES / kind).glob("*.yaml"):
            (folder / kind / source.name).write_text(source.read_text("utf-8"), "utf-8")
    return folder


#: The example segment, relative to a copy of the examples (`example_set`).
EXAMPLE_SEGMENT = "segments/mid-market-fintech.yaml"


@pytest.fixture
def example_set(tmp_path: Path) -> Path:
    """`work/` holding a copy of the example personas and segments, as a new user starts;
    outside any git repository."""
    return copy_examples(tmp_path / "work", segments=True)


@pytest.fixture
def committed_example_set(example_set: Path) -> Path:
    """`example_set` as a repository on `main`, everything committed on 1 November 2026."""
    return init_repo(example_set, commit="personas and segments", date="2026-11-01T12:00:00+00:00")


def files_under(folder: Path) -> list[str]:
    """Every file below `folder`, as sorted POSIX paths relative to it; an output folder's
    record of what persona-cli wrote is left out (tests/test_output_ownership.py covers it)."""
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".persona-cli-outputs.json"
    )
