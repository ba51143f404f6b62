"""The suite pins its environment, and the colour switches mean what they say in any.

Every test runs with `conftest.PINNED_ENV` applied, so a developer's `TERM=dumb`,
`NO_COLOR`, `FORCE_COLOR`, `COLUMNS` or CI variables change no result. The tests below run
the real command under such a hostile environment on purpose: `--color` gives colour even
on a dumb terminal (as `ls --color=always` does), and `--no-color` gives none even when
`FORCE_COLOR` asks for it.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from persona_cli.reporters.console import make_console
from tests.conftest import (
    PINNED_ENV,
    REQUIRE_SHARED_DATA,
    SHARED_DATA,
    copy_examples,
    init_repo,
    persona_bin,
    persona_env,
    require_shared_data,
    run_persona,
)

#: What a CI runner or an unusual shell may export; each one changed a result once.
HOSTILE = {
    "TERM": "dumb",
    "NO_COLOR": "1",
    "FORCE_COLOR": "1",
    "COLUMNS": "200",
    "LINES": "10",
    "CI": "true",
    "GITHUB_ACTIONS": "true",
}

#: Every command with `--color/--no-color`, each on output that has styled text.
COLOURED = [
    ("lint", "--format", "text"),
    ("list", "--no-age"),
    ("show", "ciso-risk-averse", "--no-age"),
    ("age", "--format", "text"),
    ("diff",),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples committed, then one persona renamed in the working tree (for `diff`)."""
    root = copy_examples(tmp_path_factory.mktemp("colour"))
    init_repo(root, commit="personas")
    target = root / "personas" / "ciso-risk-averse.yaml"
    text = target.read_text("utf-8")
    target.write_text(text.replace("name: ", "name: Renamed ", 1), "utf-8")
    return root


def test_the_suite_runs_in_the_pinned_environment() -> None:
    for name, value in PINNED_ENV.items():
        assert os.environ.get(name) == value, name


@pytest.mark.parametrize("command", COLOURED, ids=lambda command: command[0])
def test_color_forces_colour_even_on_a_dumb_terminal(repo: Path, command: tuple[str, ...]) -> None:
    run = run_persona(*command, "--color", cwd=repo, env=HOSTILE)
    assert run.exit_code in (0, 1), run.stderr
    assert "\x1b[" in run.stdout


@pytest.mark.parametrize("command", COLOURED, ids=lambda command: command[0])
def test_no_color_wins_over_force_color(repo: Path, command: tuple[str, ...]) -> None:
    run = run_persona(*command, "--no-color", cwd=repo, env={**HOSTILE, "TERM": "xterm"})
    assert run.exit_code in (0, 1), run.stderr
    assert run.stdout.strip()
    assert "\x1b" not in run.stdout


def test_force_color_alone_gives_colour_and_no_color_alone_none(repo: Path) -> None:
    forced = run_persona("list", "--no-age", cwd=repo, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.stdout
    plain = run_persona("list", "--no-age", cwd=repo, env={"NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout


def test_plain_output_is_the_same_under_a_hostile_environment(repo: Path) -> None:
    """Apart from the colour switches (honoured above) and GitHub Actions picking the
    `github` format where no format is given, nothing in the environment changes output."""
    for command in (("show", "ciso-risk-averse", "--no-age"), ("list", "--no-age")):
        calm = run_persona(*command, cwd=repo)
        hostile = run_persona(*command, "--no-color", cwd=repo, env=HOSTILE)
        assert (hostile.exit_code, hostile.stdout) == (calm.exit_code, calm.stdout)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize(
    "command",
    [
        ("age", "--format", "text"),
        ("show", "ciso-risk-averse", "--no-age"),
        ("list", "--no-age"),
        ("lint", "--format", "text"),
        ("diff",),
    ],
    ids=lambda command: command[0],
)
def test_a_terminal_without_unicode_gets_escapes_not_an_internal_error(
    repo: Path, command: tuple[str, ...], encoding: str
) -> None:
    """An ASCII or Latin-1 terminal (`LC_ALL=C` on an old system, `PYTHONIOENCODING`) cannot
    print the age bars or a middle dot: those come out as `\\u2502` escapes, exit as usual,
    instead of an encoding error reported as a bug (exit 3)."""
    proc = subprocess.run(
        [persona_bin(), *command],
        cwd=repo,
        env=persona_env({"PYTHONIOENCODING": encoding}),
        capture_output=True,
        check=False,
    )
    stderr = proc.stderr.decode(encoding)
    assert proc.returncode in (0, 1), stderr
    assert "internal error" not in stderr
    assert proc.stdout.decode(encoding).strip()


def test_missing_reference_data_skips_unless_the_environment_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = SHARED_DATA / "no-such-schema.json"
    monkeypatch.delenv(REQUIRE_SHARED_DATA, raising=False)  # CI exports it
    with pytest.raises(pytest.skip.Exception, match=REQUIRE_SHARED_DATA):
        require_shared_data(missing)
    monkeypatch.setenv(REQUIRE_SHARED_DATA, "1")
    with pytest.raises(pytest.fail.Exception, match="requires it"):
        require_shared_data(missing)


def test_ci_requires_the_reference_data_and_the_browser() -> None:
    script = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text("utf-8")
    assert f"export {REQUIRE_SHARED_DATA}=1" in script
    assert "export PERSONA_REQUIRE_BROWSER=1" in script


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_color_environment_variable_is_honoured_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The console passed no_color=False when neither --color nor --no-color was given,
    # which overrode NO_COLOR: `NO_COLOR=1 persona list` on a terminal was in colour.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = _Terminal()
    make_console(stream, color=None).print("[yellow]draft[/yellow]")
    assert "\x1b[33m" not in stream.getvalue()
    forced = _Terminal()
    make_console(forced, color=True).print("[yellow]draft[/yellow]")
    assert "\x1b[33m" in forced.getvalue()  # --color still wins over NO_COLOR
