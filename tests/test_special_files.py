"""FIFOs, sockets, symlink loops and links out of the repository: findings, never hangs.

Only regular files are opened. Each test makes the real thing (`os.mkfifo`, a bound
`AF_UNIX` socket, real symbolic links, a real git repository) and runs the installed CLI
with a timeout, so a regression that blocks on a FIFO fails instead of hanging the suite."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import (
    EXAMPLES,
    MINIMAL,
    cli,
    copy_examples,
    git_in,
    init_repo,
    persona_process,
    write,
)

IDS = {
    "cfo-mid-market",
    "ciso-risk-averse",
    "cto-mid-market",
    "head-of-sales-enablement",
    "platform-engineer",
    "procurement-lead",
    "vp-engineering",
}


def persona(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed CLI, pinned environment, and a timeout so a hang is a failure."""
    return persona_process(*args, cwd=cwd)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example personas, committed in a git repository."""
    copy_examples(tmp_path)
    init_repo(tmp_path, commit="Add personas")
    return tmp_path


@pytest.fixture
def short_tmp() -> Iterator[Path]:
    """A folder with a short path: a socket's path must fit in about 100 bytes."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pcs") as folder:
        yield Path(folder)


def make_fifo(path: Path) -> None:
    os.mkfifo(path)


def make_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays


def make_device_link(path: Path) -> None:
    path.symlink_to(os.devnull)  # a character device, reached through a link


SPECIAL: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (make_fifo, "a FIFO (named pipe)"),
    "socket": (make_socket, "a socket"),
    "device": (make_device_link, "a character device"),
}


def findings(run: subprocess.CompletedProcess[str]) -> dict[str, list[str]]:
    by_path: dict[str, list[str]] = {}
    for finding in json.loads(run.stdout)["findings"]:
        by_path.setdefault(finding["path"], []).append(finding["code"])
    return by_path


@pytest.mark.parametrize("kind", sorted(SPECIAL))
def test_a_special_file_is_a_finding_and_the_run_goes_on(short_tmp: Path, kind: str) -> None:
    make, words = SPECIAL[kind]
    copy_examples(short_tmp)
    make(short_tmp / "personas" / "pipe.yaml")

    lint = persona("lint", "--format", "json", cwd=short_tmp)
    assert lint.returncode == 1, lint.stderr
    found = findings(lint)
    assert found["personas/pipe.yaml"] == ["Y010"]
    message = next(f["message"] for f in json.loads(lint.stdout)["findings"] if f["code"] == "Y010")
    assert f"is {words}, not a regular file" in message
    assert json.loads(lint.stdout)["files"] == len(IDS) + 1  # every other file was read and linted

    # Named on the command line: the same finding, not "no such file".
    named = persona("lint", "personas/pipe.yaml", cwd=short_tmp)
    assert named.returncode == 1, named.stderr
    assert "personas/pipe.yaml:1:1: Y010" in named.stdout

    listed = persona("list", "--format", "json", "--no-age", cwd=short_tmp)
    assert listed.returncode == 2, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)["personas"]}
    assert set(rows) == IDS | {"pipe"}
    assert rows["pipe"]["problem"]["code"] == "Y010"

    fmt = persona("fmt", "--check", cwd=short_tmp)
    assert fmt.returncode == 2
    assert "personas/pipe.yaml:1:1: Y010" in fmt.stderr
    assert f"{len(IDS)} files already formatted" in fmt.stdout + fmt.stderr

    shown = persona("show", "pipe", cwd=short_tmp)
    assert shown.returncode == 2
    assert shown.stderr.startswith("persona: error: personas/pipe.yaml:1:1: Y010")

    reviewed = persona("review", "pipe", "--no-evidence", cwd=short_tmp)
    assert reviewed.returncode == 2
    assert "personas/pipe.yaml:1:1: Y010" in reviewed.stderr

    textconv = persona("textconv", "personas/pipe.yaml", cwd=short_tmp)
    assert textconv.returncode == 0, textconv.stderr
    assert textconv.stdout.startswith("# persona textconv: not a readable persona (Y010 ")

    # persona new reads every file's id line to refuse a taken id: it must not block either.
    created = persona("new", "fresh-face", "--kind", "buyer", cwd=short_tmp)
    assert created.returncode == 0, created.stderr


def test_a_fifo_in_a_repository_is_skipped_by_age_and_render(repo: Path) -> None:
    os.mkfifo(repo / "personas" / "pipe.yaml")
    aged = persona("age", "--format", "json", "--now", "2026-01-02", cwd=repo)
    assert aged.returncode == 0, aged.stderr
    assert {row["id"] for row in json.loads(aged.stdout)["personas"]} == IDS
    assert "personas/pipe.yaml: the path is a FIFO (named pipe)" in aged.stderr
    render = persona("render", "--team", "sales", "--out", str(repo / "out"), cwd=repo)
    assert render.returncode == 2  # render refuses an unreadable persona, naming it
    assert "personas/pipe.yaml" in render.stderr and "Traceback" not in render.stderr
    diff = persona("diff", cwd=repo)
    assert diff.returncode == 0, diff.stderr


def test_a_symlink_loop_is_a_finding_on_that_path(repo: Path) -> None:
    personas = repo / "personas"
    (personas / "a.yaml").symlink_to("b.yaml")
    (personas / "b.yaml").symlink_to("a.yaml")
    (personas / "self.yaml").symlink_to("self.yaml")  # a link that is its own target
    # A folder linked to its parent: the walk does not follow it round and round.
    (personas / "team").mkdir()
    (personas / "team" / "up").symlink_to("..")

    lint = persona("lint", "--format", "json", cwd=repo)
    assert lint.returncode == 1, lint.stderr
    found = findings(lint)
    for name in ("a", "b", "self"):
        assert found[f"personas/{name}.yaml"] == ["Y011"]
    assert not any(path.startswith("personas/team/") for path in found)
    assert json.loads(lint.stdout)["files"] == len(IDS) + 3

    named = persona("lint", "personas/a.yaml", cwd=repo)
    assert named.returncode == 1, named.stderr
    assert "personas/a.yaml:1:1: Y011" in named.stdout

    listed = persona("list", "--format", "json", cwd=repo)
    assert listed.returncode == 2, listed.stderr
    rows = {row["id"]: row for row in json.loads(listed.stdout)["personas"]}
    assert rows["a"]["problem"]["code"] == "Y011"
    assert rows["cfo-mid-market"]["age"]["status"] == "fresh"

    aged = persona("age", "--format", "json", "--now", "2026-01-02", cwd=repo)
    assert aged.returncode == 0, aged.stderr
    assert {row["id"] for row in json.loads(aged.stdout)["personas"]} == IDS

    for command in (["fmt", "--check"], ["show", "a"], ["review", "a", "--no-evidence"]):
        run = persona(*command, cwd=repo)
        assert run.returncode == 2, (command, run.stdout, run.stderr)
        assert "personas/a.yaml:1:1: Y011" in run.stderr, command

    report = persona("report", "--out", str(repo / "site"), cwd=repo)
    assert report.returncode == 0, report.stderr
    assert "symbolic link loop" in report.stderr


def test_a_looping_folder_named_on_the_command_line_is_a_finding(repo: Path) -> None:
    (repo / "loop").symlink_to("loop")
    run = persona("lint", "loop", "personas/cfo-mid-market.yaml", "--format", "json", cwd=repo)
    assert run.returncode == 1, run.stderr
    assert findings(run).get("loop") == ["Y011"]


@pytest.mark.parametrize("output", ["json", "markdown", "github", "text"])
def test_age_reports_a_persona_linked_outside_the_repository_as_unknown(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, output: str
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    outside = elsewhere / "omar.yaml"
    text = (repo / "personas" / "platform-engineer.yaml").read_text("utf-8")
    outside.write_text(text.replace("id: platform-engineer", "id: omar"), "utf-8")
    (repo / "personas" / "omar.yaml").symlink_to(outside)

    run = persona("age", "--format", output, "--now", "2026-01-02", cwd=repo)
    assert run.returncode == 0, run.stderr
    reason = "links outside the repository"
    if output == "json":
        rows = {row["id"]: row for row in json.loads(run.stdout)["personas"]}
        assert set(rows) == IDS | {"omar"}
        assert rows["omar"]["status"] == "unknown"
        assert reason in rows["omar"]["reason"] and str(outside.resolve()) in rows["omar"]["reason"]
        assert all(rows[i]["status"] == "fresh" and rows[i]["reason"] is None for i in IDS)
    elif output == "github":
        assert "::warning file=personas/omar.yaml,title=persona age unknown::omar: " in run.stdout
        assert reason in run.stdout
    else:
        line = next(line for line in run.stdout.splitlines() if "omar" in line)
        assert "unknown" in line and reason in line
        assert run.stdout.count("fresh") >= len(IDS)
    assert "have no commit that created them" not in run.stderr

    # persona log on that one file says why, naming it.
    log = persona("log", "omar", cwd=repo)
    assert log.returncode == 2
    assert log.stderr.startswith("persona: error: personas/omar.yaml: links outside the repository")


@pytest.mark.parametrize("kind", ["fifo", "loop"])
def test_diff_reports_a_tracked_file_turned_special_as_unreadable_not_deleted(
    repo: Path, kind: str
) -> None:
    path = repo / "personas" / "vp-engineering.yaml"
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(path.name)
    for output in ("text", "json", "markdown"):
        run = persona("diff", "--format", output, cwd=repo)
        assert run.returncode == 0, run.stderr
        assert "unreadable" in run.stdout and "deleted" not in run.stdout, output
    (change,) = json.loads(persona("diff", "--format", "json", cwd=repo).stdout)["changes"]
    assert (change["kind"], change["persona"]) == ("unreadable", "vp-engineering")
    words = "a FIFO (named pipe)" if kind == "fifo" else "a symbolic link loop"
    assert f"the path is {words}" in change["new"]


def test_the_editing_reader_refuses_a_fifo_put_in_a_files_place(tmp_path: Path) -> None:
    """fmt and review look at a path before reading it; a FIFO swapped in between is still
    refused by the reader itself (opened without blocking, checked on the descriptor)."""
    fifo = tmp_path / "swapped.yaml"
    os.mkfifo(fifo)
    code = (
        "import sys; from pathlib import Path; from persona_cli.io import fileio\n"
        "from persona_cli.domain.errors import UsageError\n"
        "try:\n    fileio.read(Path(sys.argv[1]))\n"
        "except UsageError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(fifo)],
        capture_output=True,
        text=True,
        timeout=20,
        check=True,
    )
    assert "swapped.yaml: not a regular file" in done.stdout


def _config_fifo(path: Path) -> None:
    os.mkfifo(path)


def _config_folder(path: Path) -> None:
    path.mkdir()


def _config_broken_link(path: Path) -> None:
    path.symlink_to("settings.toml")


def _config_loop(path: Path) -> None:
    path.symlink_to(path.name)


CONFIG_TAKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_config_fifo, "a FIFO (named pipe)"),
    "folder": (_config_folder, "a folder"),
    "broken-link": (_config_broken_link, "a broken symbolic link to settings.toml"),
    "loop": (_config_loop, "a symbolic link loop"),
}


@pytest.mark.parametrize("kind", sorted(CONFIG_TAKEN))
@pytest.mark.parametrize("name", [".persona.toml", "pyproject.toml"])
def test_a_config_file_that_is_not_a_file_is_an_error_not_ignored(
    repo: Path, kind: str, name: str
) -> None:
    """The user's settings may be meant to be there: passing over the path silently would
    lint with the defaults (or a config further up) and never say so."""
    make, what = CONFIG_TAKEN[kind]
    make(repo / name)
    for command in (["config"], ["lint"], ["list", "--no-age"]):
        run = persona(*command, cwd=repo)
        assert run.returncode == 2, (command, run.stdout, run.stderr)
        assert run.stderr.startswith(f"persona: error: {name}: {what}, not a regular file"), (
            run.stderr
        )
        assert len(run.stderr.strip().splitlines()) == 1


def test_config_option_naming_a_fifo_says_what_it_is(repo: Path) -> None:
    os.mkfifo(repo / "settings.toml")
    run = persona("lint", "--config", "settings.toml", cwd=repo)
    assert run.returncode == 2
    assert "settings.toml: a FIFO (named pipe), not a regular file" in run.stderr
    assert "no such file" not in run.stderr


def test_new_from_a_fifo_parent_writes_nothing(repo: Path) -> None:
    (repo / "personas" / "cto-mid-market.yaml").unlink()
    os.mkfifo(repo / "personas" / "cto-mid-market.yaml")
    run = persona("new", "ana-at-acme", "--from", "cto-mid-market", cwd=repo)
    assert run.returncode == 2, run.stdout
    assert "--from: personas/cto-mid-market.yaml:1:1: Y010" in run.stderr, run.stderr
    assert not (repo / "personas" / "ana-at-acme.yaml").exists()


@pytest.mark.parametrize("kind", ["fifo", "loop"])
def test_render_segment_whose_file_is_special_names_the_file(repo: Path, kind: str) -> None:
    """Not 'no segment has id ...': the file is there, it cannot be read."""
    (repo / "segments").mkdir()
    path = repo / "segments" / "mid-market-fintech.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(path.name)
    code = {"fifo": "Y010", "loop": "Y011"}[kind]
    run = persona(
        "render", "--team", "sales", "--segment", "mid-market-fintech", "--out", "out", cwd=repo
    )
    assert run.returncode == 2, run.stdout
    assert run.stderr.startswith(f"persona: error: segments/mid-market-fintech.yaml: {code} ")
    assert "no segment has id" not in run.stderr
    assert not (repo / "out").exists()


def test_a_special_ignore_revs_file_is_named_not_passed_over(repo: Path) -> None:
    """`.git-blame-ignore-revs` as a FIFO: the commits listed for it are not ignored, and
    age and log say why instead of acting as if the file were absent."""
    os.mkfifo(repo / ".git-blame-ignore-revs")
    for command in (["age", "--now", "2026-01-02"], ["log", "cto-mid-market"]):
        run = persona(*command, cwd=repo)
        assert run.returncode == 0, run.stderr
        assert (
            "warning: .git-blame-ignore-revs: a FIFO (named pipe), not a regular file; "
            "no commits ignored from it"
        ) in run.stderr, (command, run.stderr)
    (repo / ".git-blame-ignore-revs").unlink()
    os.mkfifo(repo / "revs")
    git_in(repo, "config", "blame.ignoreRevsFile", "revs")
    run = persona("age", "--now", "2026-01-02", cwd=repo)
    assert run.returncode == 0, run.stderr
    assert "blame.ignoreRevsFile revs: a FIFO (named pipe); no commits ignored" in run.stderr


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("marketing.md.j2", ["--team", "marketing"]),
        ("_header.md.j2", ["--team", "sales"]),
        ("briefing.css", ["--team", "sales", "--format", "html"]),
        ("committee.md.j2", ["--team", "sales", "--segment", "mid-market-fintech"]),
    ],
)
def test_a_custom_template_that_is_a_fifo_is_an_error_not_the_built_in(
    repo: Path, name: str, args: list[str]
) -> None:
    """The built-in template was used in the FIFO's place (with at most a warning), so the
    briefings were not what the repository's template says."""
    (repo / "segments").mkdir()
    segment = EXAMPLES / "segments" / "mid-market-fintech.yaml"
    (repo / "segments" / segment.name).write_text(segment.read_text("utf-8"), "utf-8")
    (repo / "templates").mkdir()
    os.mkfifo(repo / "templates" / name)
    run = persona("render", *args, "--out", "out", cwd=repo)
    assert run.returncode == 2, run.stdout + run.stderr
    assert run.stderr.startswith(
        f"persona: error: templates/{name}: a FIFO (named pipe), not a regular file; "
        "the built-in template would be used in its place"
    ), run.stderr
    assert not (repo / "out").exists()


@pytest.mark.parametrize("force", [False, True])
def test_init_over_a_fifo_says_what_it_is_and_never_suggests_force(
    tmp_path: Path, force: bool
) -> None:
    """--force never replaces a FIFO: suggesting it sent the user round in a circle."""
    os.mkfifo(tmp_path / ".gitattributes")
    run = persona("init", *(["--force"] if force else []), cwd=tmp_path)
    assert run.returncode == 2
    assert ".gitattributes (a FIFO (named pipe), not a regular file)" in run.stderr, run.stderr
    assert "pass --force" not in run.stderr
    assert "--force overwrites regular files only" in run.stderr
    assert not (tmp_path / ".persona.toml").exists()


def test_diff_reports_a_persona_committed_as_a_symlink_as_unreadable_not_deleted(
    repo: Path,
) -> None:
    """A persona file replaced by a link (to the file moved elsewhere) and committed: git
    holds the link, so the persona cannot be compared, but it was not deleted either."""
    (repo / "shared").mkdir()
    git_in(repo, "mv", "personas/cto-mid-market.yaml", "shared/cto-mid-market.yaml")
    (repo / "personas" / "cto-mid-market.yaml").symlink_to("../shared/cto-mid-market.yaml")
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", "Share the CTO persona")
    run = persona("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert run.returncode == 0, run.stderr
    (change,) = json.loads(run.stdout)["changes"]
    assert (change["kind"], change["persona"]) == ("unreadable", "cto-mid-market")
    assert change["new"].startswith(
        "1:1 git holds a symbolic link to ../shared/cto-mid-market.yaml there, not a file"
    )
    text = persona("diff", "HEAD~1", "HEAD", cwd=repo)
    assert "deleted" not in text.stdout and "unreadable" in text.stdout
    assert "personas/cto-mid-market.yaml at HEAD: not a readable persona" in text.stderr


def test_a_broken_link_named_on_the_command_line_is_a_finding_not_no_such_file(
    repo: Path,
) -> None:
    """In a folder a broken link was a Y001 naming the link's target; named as an argument
    it was 'no such file or directory', which sends the user looking for a typo."""
    (repo / "personas" / "gone.yaml").symlink_to("moved-away.yaml")
    for command in (["lint"], ["fmt"], ["show"], ["list", "--no-age"]):
        run = persona(*command, "personas/gone.yaml", cwd=repo)
        assert run.returncode in (1, 2), (command, run.stderr)
        output = run.stdout + run.stderr
        assert "personas/gone.yaml:1:1: Y001" in output, (command, output)
        assert "broken symbolic link to moved-away.yaml" in output
        assert "no such file or directory" not in output


def test_a_symlink_loop_in_the_persona_folder_is_a_finding_on_that_file(tmp_path: Path) -> None:
    # `persona list` / `fmt` / `lint` crashed with "RuntimeError: Symlink loop from ...", then
    # stopped the whole run with exit 2; now the loop is a Y011 on its path, the rest is read.
    write(
        tmp_path / "personas", "carla.yaml", "schema_version: 1\nid: carla\nname: C\nkind: user\n"
    )
    (tmp_path / "personas" / "loop.yaml").symlink_to("loop.yaml")
    listed = cli("list", "--no-age", cwd=tmp_path)
    assert listed.exit_code == 2, listed.stderr
    assert "personas/loop.yaml:1:1: Y011 the path is a symbolic link loop" in listed.stdout
    assert listed.stdout.startswith("ID") and "\ncarla " in listed.stdout
    formatted = cli("fmt", cwd=tmp_path)
    assert formatted.exit_code == 2, formatted.stderr
    assert "personas/loop.yaml:1:1: Y011" in formatted.stderr
    linted = cli("lint", cwd=tmp_path)
    assert linted.exit_code == 1, linted.stderr
    assert "personas/loop.yaml:1:1: Y011" in linted.stdout


def test_symlinked_and_broken_link_personas_are_shown_by_their_own_path(tmp_path: Path) -> None:
    """A symlinked persona was shown by its target's path, and a broken link was not named as
    one."""
    write(tmp_path, "shared/carla.yaml", MINIMAL.format(id="carla"))
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "carla.yaml").symlink_to(tmp_path / "shared" / "carla.yaml")
    (tmp_path / "personas" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    run = cli("lint", "--select", "Y,I", "--format", "json", cwd=tmp_path)
    findings = run.json()["findings"]
    assert [(f["path"], f["code"]) for f in findings] == [("personas/gone.yaml", "Y001")]
    assert "broken symbolic link" in findings[0]["message"]
    assert [p["path"] for p in run.json()["personas"]] == ["personas/carla.yaml"]
