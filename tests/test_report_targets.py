"""Report files never replace what persona-cli reads: an input, a persona or segment file of
the configured set, the configuration, or any YAML file; and two reports never share a file.
Each case runs the real CLI on real files (links included) and checks that nothing changed."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli, copy_examples, files_under, run_persona

PERSONA = "personas/ciso-risk-averse.yaml"
OTHER = "personas/cto-mid-market.yaml"
SEGMENT = "segments/mid-market-fintech.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Example personas, a segment beside them and a configuration, outside git."""
    copy_examples(tmp_path)
    (tmp_path / "segments").mkdir()
    (tmp_path / SEGMENT).write_text((EXAMPLES / SEGMENT).read_text("utf-8"), "utf-8")
    (tmp_path / ".persona.toml").write_text('paths = ["personas"]\n', "utf-8")
    (tmp_path / "hard.json").hardlink_to(tmp_path / OTHER)
    (tmp_path / "link.json").symlink_to(OTHER)
    (tmp_path / "segment-link.json").symlink_to(SEGMENT)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in files_under(folder)}


REFUSED = [
    # (arguments, what stderr says)
    (
        ["lint", "-o", PERSONA],
        f"--output {PERSONA} (text): refusing to write a report over a persona or segment file "
        "(an input)",
    ),
    (["lint", "--output", "notes.yaml"], "refusing to write a report to a YAML file (.yaml"),
    (["lint", "-f", "sarif:personas/x.yaml"], "--format sarif:personas/x.yaml: refusing"),
    (["lint", "-f", "json:out/Report.YML"], "to a YAML file (.YML"),
    (
        ["lint", "-f", f"json:{OTHER}"],
        "over a persona or segment file (an input); choose another path",
    ),
    # An input named alone: the others are still the configured set's persona files.
    (["lint", PERSONA, "-f", f"json:{OTHER}"], "over a persona or segment file in the configured"),
    (
        ["lint", "-o", SEGMENT],
        "over a persona or segment file (an input)",
    ),  # no paths: segments are linted
    (["lint", PERSONA, "-o", "segment-link.json"], "over a persona or segment file"),
    (["lint", "-o", ".persona.toml"], "over the configuration file"),
    # Links: a symlink and a hard link to a persona are that persona.
    (["lint", "-o", "link.json"], "--output link.json (text): refusing to write a report over"),
    (["lint", "-f", "json:hard.json"], "--format json:hard.json: refusing to write a report over"),
    (["lint", "-f", "sarif:./personas/../hard.json"], "refusing to write a report over"),
    # Two reports to one file, however the path is spelled.
    (
        ["lint", "-f", "json:a.json", "-f", "sarif:a.json"],
        "--format json:a.json and --format sarif:a.json both write a.json",
    ),
    (["lint", "-f", "json:a.json", "-f", "sarif:./a.json"], "both write a.json"),
    (["lint", "-f", "json:out/a.json", "-f", "junit:out/../out/a.json"], "both write"),
    (["lint", "-o", "a.json", "-f", "sarif:a.json"], "--format sarif:a.json and --output a.json"),
    (["lint", "-f", "json:", "-f", "text"], "--format json:: an empty file name was given"),
    # The schema is no report, but it never replaces a persona either.
    (["schema", "-o", PERSONA], "refusing to write the schema over a persona or segment file"),
    (["schema", "-o", "hard.json"], "refusing to write the schema over a persona or segment"),
    (["schema", "-o", "persona.schema.yaml"], "refusing to write the schema to a YAML file"),
]


@pytest.mark.parametrize(("args", "message"), REFUSED, ids=[" ".join(a) for a, _ in REFUSED])
def test_a_report_target_that_is_read_is_refused(repo: Path, args: list[str], message: str) -> None:
    before = snapshot(repo)
    run = cli(*args, cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert message in run.stderr
    assert run.stderr.startswith("persona: error: ")
    assert run.stderr.count("\n") == 1
    assert snapshot(repo) == before  # nothing written, nothing replaced


def test_the_same_file_through_a_hard_link_is_one_target(repo: Path) -> None:
    (repo / "b.json").write_text("{}", "utf-8")
    (repo / "c.json").hardlink_to(repo / "b.json")
    run = cli("lint", "-f", "json:b.json", "-f", "sarif:c.json", cwd=repo)
    assert run.exit_code == 2
    assert "--format json:b.json and --format sarif:c.json both write c.json" in run.stderr
    assert (repo / "b.json").read_text("utf-8") == "{}"


def test_the_installed_command_refuses_too_and_leaves_the_persona(repo: Path) -> None:
    before = (repo / PERSONA).read_bytes()
    run = run_persona("lint", "-o", PERSONA, cwd=repo)
    assert run.exit_code == 2
    assert "refusing to write a report over a persona or segment file (an input)" in run.stderr
    assert "e.g. report.txt" in run.stderr
    assert (repo / PERSONA).read_bytes() == before


def test_report_files_elsewhere_are_written(repo: Path) -> None:
    run = cli("lint", "-f", "json:out/r.json", "-f", "sarif:out/r.sarif", "-f", "text", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert (repo / "out" / "r.json").read_text("utf-8").startswith("{")
    assert '"version": "2.1.0"' in (repo / "out" / "r.sarif").read_text("utf-8")
    # Written atomically: no temporary file is left beside the reports.
    assert files_under(repo / "out") == ["r.json", "r.sarif"]


def test_the_schema_is_written_where_nothing_is_read(repo: Path) -> None:
    (repo / "schemas").mkdir()
    run = cli("schema", "-o", "schemas/persona.schema.json", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert '"$schema"' in (repo / "schemas" / "persona.schema.json").read_text("utf-8")


def test_report_json_never_replaces_an_input_linked_into_the_folder(repo: Path) -> None:
    (repo / "site").mkdir()
    (repo / "site" / "report.json").hardlink_to(repo / PERSONA)
    before = (repo / PERSONA).read_bytes()
    run = cli("report", "--format", "json", "--out", "site", cwd=repo)
    assert run.exit_code == 2
    assert "--out site: refusing to write a report over a persona or segment file" in run.stderr
    assert (repo / PERSONA).read_bytes() == before


def test_a_device_or_a_named_pipe_is_written_to_not_replaced(repo: Path) -> None:
    """Atomic writes rename a temp file over the target: over /dev/null or a pipe that would
    replace the device (as root) or the pipe. Such targets get the report as a stream."""
    run = cli("lint", "-f", "json:/dev/null", "-f", "sarif:/dev/null", cwd=repo)
    assert run.exit_code == 0, run.stderr  # a sink takes any number of reports
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert cli("schema", "-o", "/dev/null", cwd=repo).exit_code == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)

    pipe = repo / "report.pipe"
    os.mkfifo(pipe)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_text("utf-8")))
    reader.start()
    run = cli("lint", "-f", f"json:{pipe.name}", cwd=repo)
    reader.join(timeout=30)
    assert run.exit_code == 0, run.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert received and '"findings"' in received[0]


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "-f", "json:{link}"],
        ["lint", "-o", "{link}"],
        ["schema", "-o", "{link}"],
        ["lint", "-f", "sarif:{link}", "-f", "text"],
    ],
)
def test_a_report_file_that_is_a_symbolic_link_is_written_through(
    repo: Path, args: list[str]
) -> None:
    """A report path that is a symlink (reports kept in another folder, a dangling link to a
    file not made yet) keeps the link and the file it points to gets the report, as a shell's
    `>` does; replacing the link by a file would lose what the user set up."""
    (repo / "kept").mkdir()
    (repo / "kept" / "old.json").write_text("old\n", "utf-8")
    for name, points_to in (("report.json", "kept/old.json"), ("new.json", "kept/new.json")):
        (repo / name).symlink_to(points_to)
        run = cli(*(arg.format(link=name) for arg in args), cwd=repo)
        assert run.exit_code in (0, 1), run.stderr
        assert (repo / name).is_symlink()
        assert (repo / name).readlink() == Path(points_to)
        assert (repo / points_to).read_text("utf-8") not in ("", "old\n")
    assert files_under(repo / "kept") == ["new.json", "old.json"]


def test_a_report_link_to_a_missing_folder_or_a_loop_is_an_error_and_makes_nothing(
    repo: Path,
) -> None:
    """Written through, a dangling link must not make folders where it points (a shell's `>`
    does not either), and a link loop is named; the links stay as they were."""
    outside = repo / "gone" / "deeper"
    (repo / "dangling.json").symlink_to(outside / "r.json")
    (repo / "loop.json").symlink_to("loop.json")
    for name, says in (("dangling.json", "No such file or directory"), ("loop.json", "loop")):
        for args in (["lint", "-f", f"json:{name}"], ["schema", "-o", name]):
            run = cli(*args, cwd=repo)
            assert run.exit_code == 2, run.stderr
            assert f"{name}: cannot write" in run.stderr and says in run.stderr
            assert (repo / name).is_symlink()
    assert not (repo / "gone").exists()


# --- `-` is stdout, an empty name is a mistake ----------------------------------------------


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["lint", "-o", "-"], "Completeness:"),
        (["lint", "-f", "json", "-o", "-"], "{"),
        (["lint", "-f", "json:-"], "{"),
        (["lint", "-f", "json:-", "-f", "sarif:out.sarif"], "{"),
        (["schema", "-o", "-"], "{"),
    ],
)
def test_a_dash_is_stdout_not_a_file_named_dash(repo: Path, args: list[str], start: str) -> None:
    """`-o -` is how many tools say stdout; a file named `-` left in the repository is not
    what anyone means (and a pipeline reading stdout would get nothing)."""
    run = cli(*args, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.lstrip().startswith(start)
    assert not (repo / "-").exists()


EMPTY_OR_DASH = [
    (["lint", "-o", ""], "--output: an empty file name was given"),
    (["schema", "-o", ""], "--output: an empty file name was given"),
    (["lint", "-f", "json:-", "-f", "sarif:-"], "formats json, sarif would all print to stdout"),
    (["lint", "-f", "json", "-f", "sarif:-"], "formats json, sarif would all print to stdout"),
    (
        ["lint", "-f", "json:-", "-o", "r.json"],
        "--format json:- sends the report to stdout and --output r.json to a file",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"), EMPTY_OR_DASH, ids=[" ".join(a) for a, _ in EMPTY_OR_DASH]
)
def test_an_empty_report_file_name_or_two_reports_to_stdout_are_refused(
    repo: Path, args: list[str], message: str
) -> None:
    before = snapshot(repo)
    run = cli(*args, cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert snapshot(repo) == before


FOLDERS_IN_THE_WAY = [
    (["lint", "-o", "personas"], "--output personas (text): personas is a folder, not a file"),
    (["lint", "-f", "text", "-f", "json:segments/"], "--format json:segments/: segments is a f"),
    (["schema", "-o", "segments"], "--output segments: segments is a folder, not a file"),
    (["lint", "-o", ".persona.toml/r.json"], "(text): .persona.toml is a file, not a folder"),
    (["schema", "-o", "hard.json/x.json"], "--output hard.json/x.json: hard.json is a file"),
]


@pytest.mark.parametrize(
    ("args", "message"), FOLDERS_IN_THE_WAY, ids=[" ".join(a) for a, _ in FOLDERS_IN_THE_WAY]
)
def test_a_report_file_that_is_a_folder_or_below_a_file_is_refused_first(
    repo: Path, args: list[str], message: str
) -> None:
    """Found only when writing, after linting and after the other reports were printed:
    "personas: cannot write: Is a directory", or "cannot write the report: File exists"."""
    before = snapshot(repo)
    run = cli(*args, cwd=repo)
    assert run.exit_code == 2
    assert run.stdout == ""  # refused before any report was printed
    assert run.stderr.startswith("persona: error: ")
    assert message in run.stderr, run.stderr
    assert run.stderr.count("\n") == 1
    assert snapshot(repo) == before


def test_a_home_folder_in_name_file_is_expanded(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shell expands `~` at the start of a word only: `-f json:~/r.json` reached
    persona-cli as is and made a folder named `~` in the repository."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    run = cli("lint", "-f", "json:~/r.json", "-f", "text", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert (home / "r.json").read_text("utf-8").startswith("{")
    # `--opt=~/x` is left alone by zsh (and by bash in POSIX mode) too.
    assert cli("schema", "--output=~/s.json", cwd=repo).exit_code == 0
    assert (home / "s.json").is_file()
    rendered = cli("render", "--team", "sales", "--out=~/docs", "--now", "2026-01-01", cwd=repo)
    assert rendered.exit_code == 0, rendered.stderr
    assert (home / "docs" / "sales" / "README.md").is_file()
    assert not (repo / "~").exists()
