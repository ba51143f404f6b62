"""Output folders know what they own: `render --out` and `report --out` replace or prune only
files persona-cli wrote and nobody edited since (a record of them is kept in the folder),
never a person's; they refuse an output folder among the personas; `report --link-base`
takes only http(s) URLs or relative paths; the report's element ids are unique.

Real files in temp folders, a real git repository where history matters, the real CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from persona_cli.io import fileio
from persona_cli.io.ownership import RECORD
from tests.conftest import EXAMPLES, Run, cli, copy_examples, git_in, init_repo, persona_bin

NOW = "2026-11-22"
TEAMS = ("render", "--team", "all", "--now", NOW, "--no-age")


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A working folder (outside git) with the example personas and segments."""
    folder = copy_examples(tmp_path / "work")
    (folder / "segments").mkdir()
    for source in (EXAMPLES / "segments").glob("*.yaml"):
        (folder / "segments" / source.name).write_text(source.read_text("utf-8"), "utf-8")
    return folder


def render(work: Path, *extra: str) -> tuple[int, str, str]:
    result = cli(*TEAMS, "--out", "docs", *extra, "personas", cwd=work)
    return result.exit_code, result.stdout, result.stderr


def run_limited(*args: str, cwd: Path) -> Run:
    """The real command in a process, stopped after a while: a FIFO that is read hangs."""
    proc = subprocess.run(
        [persona_bin(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        timeout=60,
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def record(folder: Path) -> dict[str, str]:
    data = json.loads((folder / RECORD).read_text("utf-8"))
    assert data["version"] == 1
    files: dict[str, str] = data["files"]
    return files


# --- writing: a file persona-cli did not write is never replaced ----------------------------


def test_render_refuses_to_replace_a_file_a_person_wrote_and_writes_nothing(work: Path) -> None:
    mine = work / "docs" / "sales" / "README.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# Our sales notes\n", "utf-8")
    code, _, err = render(work)
    assert code == 2
    assert "docs/sales/README.md: not written by persona-cli; left as it is" in err
    assert "--force" in err
    assert mine.read_text("utf-8") == "# Our sales notes\n"
    # All or nothing: no other briefing, and no record, was written.
    assert sorted(p.name for p in (work / "docs").rglob("*")) == ["README.md", "sales"]


def test_a_checkout_with_crlf_line_endings_is_no_edit(work: Path) -> None:
    """Git for Windows checks text files out with CRLF (core.autocrlf=true, its default):
    every committed briefing then read as "edited since persona-cli wrote it", so render
    refused (exit 2) and --check failed on a clean clone."""
    assert render(work)[0] == 0
    init_repo(work, commit="Personas and briefings")
    git_in(work, "config", "core.autocrlf", "true")
    for path in (work / "docs").rglob("*.md"):
        path.unlink()
    git_in(work, "checkout", "--", "docs")
    briefing = work / "docs" / "sales" / "cfo-mid-market.md"
    assert b"\r\n" in briefing.read_bytes()  # the checkout really converted the endings
    check = cli(*TEAMS, "--out", "docs", "--check", "personas", cwd=work)
    assert check.exit_code == 0, check.stderr
    code, out, err = render(work)
    assert code == 0, err
    assert "Wrote 0 of" in out
    # An edit is still an edit, whatever the line endings.
    briefing.write_bytes(briefing.read_bytes().replace(b"Paul", b"Pauline", 1))
    code, _, err = render(work)
    assert code == 2
    assert "docs/sales/cfo-mid-market.md: edited since persona-cli wrote it" in err


def test_render_refuses_to_replace_a_briefing_edited_by_hand(work: Path) -> None:
    assert render(work)[0] == 0
    briefing = work / "docs" / "product" / "platform-engineer.md"
    briefing.write_text(briefing.read_text("utf-8") + "\nOur own note.\n", "utf-8")
    (work / "personas" / "platform-engineer.yaml").write_text(
        (work / "personas" / "platform-engineer.yaml")
        .read_text("utf-8")
        .replace("name: ", "name: Renamed ", 1),
        "utf-8",
    )
    code, _, err = render(work)
    assert code == 2
    assert "docs/product/platform-engineer.md: edited since persona-cli wrote it" in err
    assert briefing.read_text("utf-8").endswith("Our own note.\n")
    # Nothing else was updated either, though the rename changes other briefings too.
    assert "Renamed" not in (work / "docs" / "overview" / "README.md").read_text("utf-8")


def test_several_files_in_the_way_are_each_named(work: Path) -> None:
    for team in ("sales", "support"):
        (work / "docs" / team).mkdir(parents=True)
        (work / "docs" / team / "README.md").write_text("mine\n", "utf-8")
    code, _, err = render(work)
    assert code == 2
    assert "docs/sales/README.md: not written by persona-cli" in err
    assert "docs/support/README.md: not written by persona-cli" in err
    assert "2 files under docs/ are not persona-cli's to replace; nothing written" in err


def test_force_takes_a_file_over_and_records_it(work: Path) -> None:
    mine = work / "docs" / "sales" / "README.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("mine\n", "utf-8")
    code, _, err = render(work, "--force")
    assert code == 0, err
    assert mine.read_text("utf-8").startswith("# Sales briefings")
    assert "sales/README.md" in record(work / "docs")
    assert render(work)[0] == 0  # persona-cli's now: later runs need no --force


def test_rerun_and_briefings_rewritten_when_the_personas_change(work: Path) -> None:
    assert render(work)[0] == 0
    files = record(work / "docs")
    assert len(files) == 35 and all(re.fullmatch(r"[0-9a-f]{64}", v) for v in files.values())
    persona = work / "personas" / "platform-engineer.yaml"
    persona.write_text(persona.read_text("utf-8").replace("name: ", "name: Renamed ", 1), "utf-8")
    code, _, err = render(work)
    assert code == 0, err
    assert "Renamed" in (work / "docs" / "product" / "platform-engineer.md").read_text("utf-8")
    assert record(work / "docs") != files


def test_report_refuses_to_replace_a_hand_written_index(work: Path) -> None:
    site = work / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>our team site</p>\n", "utf-8")
    refused = cli("report", "--out", site, "--now", NOW, "personas", cwd=work)
    assert refused.exit_code == 2
    assert "site/index.html: not written by persona-cli; left as it is" in refused.stderr
    assert (site / "index.html").read_text("utf-8") == "<p>our team site</p>\n"
    assert not (site / RECORD).exists()
    forced = cli("report", "--out", site, "--now", NOW, "--force", "personas", cwd=work)
    assert forced.exit_code == 0, forced.stderr
    assert (site / "index.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert list(record(site)) == ["index.html"]
    again = cli("report", "--out", site, "--now", NOW, "personas", cwd=work)
    assert again.exit_code == 0, again.stderr
    (site / "index.html").write_text("edited\n", "utf-8")
    edited = cli("report", "--out", site, "--now", NOW, "personas", cwd=work)
    assert edited.exit_code == 2
    assert "site/index.html: edited since persona-cli wrote it" in edited.stderr


def test_a_special_file_in_the_way_is_refused_not_read(work: Path) -> None:
    """A FIFO where a briefing goes would hang a read: it is not persona-cli's file."""
    fifo = work / "docs" / "sales" / "README.md"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    result = run_limited(*TEAMS, "--out", "docs", "personas", cwd=work)
    assert result.exit_code == 2
    assert "docs/sales/README.md: not written by persona-cli" in result.stderr


# --- pruning: only unchanged files persona-cli wrote ------------------------------------------


def test_prune_keeps_a_persons_file_and_does_not_call_it_stale(work: Path) -> None:
    assert render(work)[0] == 0
    playbook = work / "docs" / "sales" / "playbook.md"
    playbook.write_text("# Our playbook\n", "utf-8")
    for extra in ((), ("--prune",), ("--prune", "--force")):
        code, out, err = render(work, *extra)
        assert code == 0, err
        assert "playbook" not in err and "removed" not in out
        assert playbook.read_text("utf-8") == "# Our playbook\n"
    check = cli(*TEAMS, "--out", "docs", "--check", "personas", cwd=work)
    assert check.exit_code == 0, check.stderr
    assert "playbook" not in check.stderr


def test_prune_removes_its_own_stale_briefing_but_keeps_an_edited_one(work: Path) -> None:
    assert render(work)[0] == 0
    (work / "personas" / "platform-engineer.yaml").unlink()
    edited = work / "docs" / "product" / "platform-engineer.md"
    edited.write_text(edited.read_text("utf-8") + "\nNotes from the interview.\n", "utf-8")
    untouched = work / "docs" / "overview" / "platform-engineer.md"

    warned = render(work)
    assert warned[0] == 0
    assert (
        "docs/overview/platform-engineer.md: no persona is briefed here any more; " in (warned[2])
    )
    assert (
        "docs/product/platform-engineer.md: no persona is briefed here any more; it was "
        in (warned[2])
    )
    check = cli(*TEAMS, "--out", "docs", "--check", "personas", cwd=work)
    assert check.exit_code == 1
    assert "would remove docs/overview/platform-engineer.md" in check.stderr
    assert "would remove docs/product/platform-engineer.md" not in check.stderr
    assert "docs/product/platform-engineer.md: no persona is briefed here any more, but" in (
        check.stderr
    )

    code, _, err = render(work, "--prune")
    assert code == 2
    assert "docs/product/platform-engineer.md: no persona is briefed here any more, but it " in (
        err
    )
    assert "edited since persona-cli wrote it; left as it is and nothing written" in err
    assert edited.exists() and untouched.exists()  # nothing removed: all or nothing

    code, out, err = render(work, "--prune", "--force")
    assert code == 0, err
    assert not edited.exists() and not untouched.exists()
    assert "removed)" in out
    assert not any("platform-engineer" in name for name in record(work / "docs"))


# --- migration: folders written before the record existed -----------------------------------


def test_identical_files_are_adopted_and_others_need_force_once(work: Path) -> None:
    assert render(work)[0] == 0
    (work / "docs" / RECORD).unlink()  # as an earlier version left the folder
    code, out, err = render(work)
    assert code == 0, err
    assert err == ""  # adopted silently
    assert "(35 unchanged)" in out
    assert len(record(work / "docs")) == 35

    (work / "docs" / RECORD).unlink()
    code, _, err = render(work, "--now", "2026-11-23")  # every briefing changes
    assert code == 2
    assert "not persona-cli's to replace" in err
    assert render(work, "--now", "2026-11-23", "--force")[0] == 0
    assert render(work, "--now", "2026-11-24")[0] == 0


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[]", b'{"version": 99, "files": {}}', b'{"version": 1, "files": {"../x": 1}}'],
)
def test_a_corrupt_record_owns_nothing_and_is_rewritten(work: Path, content: bytes) -> None:
    assert render(work)[0] == 0
    (work / "docs" / RECORD).write_bytes(content)
    code, _, err = render(work)  # every file is identical: adopted
    assert code == 0, err
    assert f"warning: docs/{RECORD} " in err and "read as owning no file" in err
    assert len(record(work / "docs")) == 35
    (work / "docs" / RECORD).write_bytes(content)
    code, _, err = render(work, "--now", "2026-11-23")
    assert code == 2
    assert "Traceback" not in err


def test_a_record_that_is_a_fifo_is_a_warning_not_a_hang(work: Path) -> None:
    (work / "docs").mkdir()
    os.mkfifo(work / "docs" / RECORD)
    result = run_limited(*TEAMS, "--out", "docs", "personas", cwd=work)
    assert "is not a regular file" in result.stderr
    assert result.exit_code == 0, result.stderr
    assert len(record(work / "docs")) == 35


def test_a_record_that_is_a_folder_is_refused_before_anything_is_written(work: Path) -> None:
    (work / "docs" / RECORD).mkdir(parents=True)
    for args in ((*TEAMS, "--out", "docs", "personas"), ("report", "--out", "docs", "personas")):
        result = cli(*args, cwd=work)
        assert result.exit_code == 2
        assert f"docs/{RECORD}: is a folder where persona-cli keeps the record" in result.stderr
    assert [p.name for p in (work / "docs").iterdir()] == [RECORD]


def test_render_then_segments_into_one_folder_twice_as_make_run_does(work: Path) -> None:
    teams = (*TEAMS, "--out", "out", "--prune", "personas")
    committees = ("render", "--team", "sales", "--segment", "all", "--out", "out", "--prune")
    for _ in range(2):
        first = cli(*teams, cwd=work)
        assert first.exit_code == 0, first.stderr
        second = cli(*committees, "--now", NOW, "personas", cwd=work)
        assert second.exit_code == 0, second.stderr
        assert first.stderr == "" and second.stderr == ""
    files = record(work / "out")
    assert "sales/segments/mid-market-fintech.md" in files and "sales/README.md" in files
    assert len(files) == 37


def test_renders_into_one_folder_at_once_keep_every_record_entry(work: Path) -> None:
    """Each run reads the record, adds its files and writes it back: run at the same moment
    (CI jobs, `make -j`), the last one to write would drop the others' entries, and the
    files it dropped would then count as a person's. The pause holds each run between
    reading and writing the record, so the runs overlap every time; the lock makes them
    take turns."""
    env = {**os.environ, "NO_COLOR": "1", fileio.PAUSE_ENV: "0.6"}
    runs = [
        subprocess.Popen(
            [persona_bin(), "render", "--team", team, "--now", NOW, "--no-age", "--out", "docs"],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for team in ("sales", "product", "marketing")
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr
    on_disk = sorted(
        path.relative_to(work / "docs").as_posix() for path in (work / "docs").rglob("*.md")
    )
    assert sorted(record(work / "docs")) == on_disk
    assert {name.split("/")[0] for name in on_disk} == {"sales", "product", "marketing"}


@pytest.mark.parametrize(
    ("args", "target"),
    [
        ((*TEAMS, "--out", "docs", "personas"), "docs/sales/ciso-risk-averse.md"),
        (("report", "--out", "site", "personas"), "site/index.html"),
        (("lint", "-f", "json:out/lint.json", "personas"), "out/lint.json"),
        (("schema", "-o", "out/persona.schema.json"), "out/persona.schema.json"),
    ],
    ids=["render", "report", "lint", "schema"],
)
def test_a_replaced_output_keeps_its_mode_and_a_read_only_one_is_refused(
    work: Path, args: tuple[str, ...], target: str
) -> None:
    """Replacing by rename makes a new file: it must keep the old one's mode, or a report
    a person made private (0600) would become world-readable; a read-only one (0444) is
    refused, as fmt refuses a read-only persona, even where the rename would succeed."""
    first = cli(*args, cwd=work)
    assert first.exit_code in (0, 1), first.stderr
    path = work / target
    for persona in (work / "personas").glob("*.yaml"):  # every output changes
        text = persona.read_text("utf-8")
        persona.write_text(text.replace("\nname: ", "\nname: Renamed ", 1), "utf-8")
    path.write_text(path.read_text("utf-8") + " ", "utf-8")
    if "schema" not in args:  # a file edited since it was written needs --force
        args = (*args, "--force") if args[0] in ("render", "report") else args
    path.chmod(0o600)
    second = cli(*args, cwd=work)
    assert second.exit_code in (0, 1), second.stderr
    assert path.stat().st_mode & 0o777 == 0o600
    assert not path.read_text("utf-8").endswith(" ")
    path.write_text(path.read_text("utf-8") + " ", "utf-8")
    path.chmod(0o444)
    before = path.read_bytes()
    third = cli(*args, cwd=work)
    assert third.exit_code == 2
    assert "read-only" in third.stderr and target in third.stderr
    assert path.read_bytes() == before


# --- the output folder is not among the inputs ----------------------------------------------


@pytest.mark.parametrize(
    ("out", "folder", "what"),
    [
        ("personas", "personas", "is the persona"),
        ("personas/briefings", "personas", "is inside the persona"),
        ("segments/x", "segments", "is inside the segment"),
    ],
)
def test_render_and_report_refuse_an_output_folder_among_the_inputs(
    work: Path, out: str, folder: str, what: str
) -> None:
    before = sorted(p.name for p in (work / folder).iterdir())
    for args in ((*TEAMS, "--out", out, "personas"), ("report", "--out", out, "personas")):
        result = cli(*args, cwd=work)
        assert result.exit_code == 2
        assert f"--out {out} {what} folder {folder}" in result.stderr
    committee = cli("render", "--team", "sales", "--segment", "all", "--out", out, cwd=work)
    assert committee.exit_code == 2
    assert sorted(p.name for p in (work / folder).iterdir()) == before


def test_output_folder_reached_through_a_symlink_or_the_configuration_is_refused(
    work: Path,
) -> None:
    (work / "link").symlink_to(work / "personas")
    result = cli(*TEAMS, "--out", "link/briefings", "personas", cwd=work)
    assert result.exit_code == 2
    assert "is inside the persona folder personas" in result.stderr
    # The configured paths count even when other paths are given; a file's folder too.
    (work / "people").mkdir()
    (work / ".persona.toml").write_text('paths = ["people"]\n', "utf-8")
    configured = cli(*TEAMS, "--out", "people/out", "personas", cwd=work)
    assert configured.exit_code == 2
    assert "is inside the persona folder people" in configured.stderr
    one_file = cli(*TEAMS, "--out", "personas/o", "personas/cfo-mid-market.yaml", cwd=work)
    assert one_file.exit_code == 2
    glob = cli(*TEAMS, "--out", "personas/o", "personas/*.yaml", cwd=work)
    assert glob.exit_code == 2
    assert not (work / "personas" / "o").exists() and not (work / "people" / "out").exists()


def test_a_team_folder_that_would_land_in_the_persona_folder_is_refused(work: Path) -> None:
    """`--out .` with a custom team named `personas` would write into personas/."""
    (work / "templates").mkdir()
    (work / "templates" / "personas.md.j2").write_text("{{ persona.name }}\n", "utf-8")
    result = cli(*TEAMS[:2], "personas", "--out", ".", "personas", cwd=work)
    assert result.exit_code == 2
    assert "--out .: files would be written to personas, in the persona folder personas" in (
        result.stderr
    )
    assert not list((work / "personas").glob("*.md"))


def test_messages_name_a_link_as_given_not_where_it_points(work: Path) -> None:
    """A link was shown as its target: `--out plink` read "--out personas is the persona
    folder", and a record linked to a persona warned that the persona "is not valid JSON"."""
    (work / "plink").symlink_to("personas")
    result = cli(*TEAMS, "--out", "plink", cwd=work)
    assert result.exit_code == 2
    assert "--out plink is the persona folder personas" in result.stderr
    (work / "docs").mkdir()
    persona = work / "personas" / "cfo-mid-market.yaml"
    before = persona.read_bytes()
    (work / "docs" / RECORD).symlink_to("../personas/cfo-mid-market.yaml")
    code, _, err = render(work)
    assert code == 0, err
    assert f"warning: docs/{RECORD} is not valid JSON" in err
    assert "personas/cfo-mid-market.yaml" not in err
    assert persona.read_bytes() == before  # the link is replaced, never written through
    assert not (work / "docs" / RECORD).is_symlink()


def test_personas_at_the_top_of_the_repository_leave_room_for_an_output_folder(
    tmp_path: Path,
) -> None:
    """`paths = ["."]` (personas beside the configuration) made every folder of the
    repository "inside the persona folder", so no --out there was accepted, not even the
    out/ the message suggested. The top folder itself is still refused, and so is a folder
    that holds persona files."""
    for source in (EXAMPLES / "personas").glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / "segments").mkdir()
    for source in (EXAMPLES / "segments").glob("*.yaml"):
        (tmp_path / "segments" / source.name).write_text(source.read_text("utf-8"), "utf-8")
    (tmp_path / ".persona.toml").write_text('paths = ["."]\n', "utf-8")
    rendered = cli(*TEAMS, "--out", "docs", cwd=tmp_path)
    assert rendered.exit_code == 0, rendered.stderr
    assert (tmp_path / "docs" / "sales" / "cfo-mid-market.md").is_file()
    explicit = cli(*TEAMS, "--out", "out/briefings", ".", cwd=tmp_path)
    assert explicit.exit_code == 0, explicit.stderr
    committee = cli("render", "--team", "sales", "--segment", "all", "--out", "docs", cwd=tmp_path)
    assert committee.exit_code == 0, committee.stderr
    site = cli("report", "--out", "site", "--now", NOW, cwd=tmp_path)
    assert site.exit_code == 0, site.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    assert cli("lint", "--now", NOW, cwd=tmp_path).exit_code == 0  # nothing read back
    # Still refused: the top folder itself, a folder holding personas, the segments.
    (tmp_path / "team-a").mkdir()
    (tmp_path / "cfo-mid-market.yaml").rename(tmp_path / "team-a" / "cfo-mid-market.yaml")
    for out, message in (
        (".", "--out . is the persona folder ."),
        ("team-a", "--out team-a holds persona or segment files (team-a/cfo-mid-market.yaml)"),
        ("segments", "--out segments is the segment folder segments"),
    ):
        for args in ((*TEAMS, "--out", out), ("report", "--out", out, "--now", NOW)):
            refused = cli(*args, cwd=tmp_path)
            assert refused.exit_code == 2, (args, refused.stdout)
            assert message in refused.stderr, (args, refused.stderr)
    assert sorted(p.name for p in (tmp_path / "team-a").iterdir()) == ["cfo-mid-market.yaml"]


def test_a_persona_folder_given_from_inside_it_is_still_the_persona_folder(work: Path) -> None:
    """Without a configuration, the top is the repository's, not the current folder: run
    from inside personas/, `--out briefings .` is still inside the persona folder."""
    init_repo(work, commit=None)
    inside = cli(*TEAMS, "--out", "briefings", ".", cwd=work / "personas")
    assert inside.exit_code == 2
    assert "--out briefings is inside the persona folder ." in inside.stderr
    assert not (work / "personas" / "briefings").exists()
    top = cli(*TEAMS, "--out", "docs", "personas", cwd=work)
    assert top.exit_code == 0, top.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report", "--out", ""), "--out: an empty folder name was given"),
        (("report", "--format", "json", "--out", "-"), "--out -: --out takes a folder"),
        ((*TEAMS, "--out", "-"), "--out -: --out takes a folder"),
    ],
)
def test_an_empty_or_dash_output_folder_is_refused_not_read_as_here(
    work: Path, args: tuple[str, ...], message: str
) -> None:
    """`--out "$UNSET"` once wrote report's index.html into the current folder, and
    `--out -` a folder named `-`."""
    before = sorted(p.name for p in work.iterdir())
    result = cli(*args, cwd=work)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in work.iterdir()) == before


@pytest.mark.parametrize("out", ["notes.txt", "notes.txt/sub"])
@pytest.mark.parametrize(
    "args",
    [
        (*TEAMS, "--out"),
        (*TEAMS, "--check", "--out"),
        ("render", "--team", "sales", "--segment", "all", "--out"),
        ("report", "--out"),
    ],
)
def test_an_output_folder_that_is_a_file_is_named_as_such(
    work: Path, args: tuple[str, ...], out: str
) -> None:
    """It read "notes.txt/marketing: cannot write briefings: Not a directory", or for the
    report "cannot read it ...; fix its permissions"."""
    (work / "notes.txt").write_text("mine\n", "utf-8")
    result = cli(*args, out, cwd=work)
    assert result.exit_code == 2
    where = "exists and is not a folder" if out == "notes.txt" else "notes.txt is a file"
    assert result.stderr.startswith(f"persona: error: --out {out}: {where}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert (work / "notes.txt").read_text("utf-8") == "mine\n"


def test_a_team_folder_linking_elsewhere_is_named_with_what_to_do(work: Path) -> None:
    """It read "refusing to write sales/cfo-mid-market.md: it is outside docs", naming
    neither the link nor a way out."""
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    (work / "docs").mkdir()
    (work / "docs" / "sales").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = render(work)
    assert code == 2
    assert err.startswith(
        f"persona: error: docs/sales: links outside docs (to {elsewhere.resolve()}); "
    )
    assert "refusing to write sales/" in err
    assert err.rstrip().endswith("make it a plain folder, or pick another --out")
    assert list(elsewhere.iterdir()) == []


def test_a_folder_where_the_report_file_goes_is_named(work: Path) -> None:
    (work / "site" / "index.html").mkdir(parents=True)
    result = cli("report", "--out", "site", "--now", NOW, cwd=work)
    assert result.exit_code == 2
    assert "--out site: site/index.html is a folder, not a file; choose a file path, or move " in (
        result.stderr
    )


# --- report --link-base ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "base",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<b>x</b>",
        "file:///etc/",
        "//evil.example/",
        "ftp://host/",
        "https:no-host",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "/\\evil.example",
        "",
    ],
)
def test_link_base_refuses_anything_but_http_urls_and_relative_paths(work: Path, base: str) -> None:
    result = cli("report", "--out", "site", "--link-base", base, "personas", cwd=work)
    assert result.exit_code == 2
    assert "--link-base" in result.stderr
    assert not (work / "site").exists()


@pytest.mark.parametrize(
    "base", ["https://github.com/org/repo/blob/main/", "http://git.example/r/", "../repo/"]
)
def test_link_base_takes_http_urls_and_relative_paths(work: Path, base: str) -> None:
    result = cli("report", "--format", "json", "--link-base", base, "personas", cwd=work)
    assert result.exit_code == 0, result.stderr
    assert base.rstrip("/") + "/" in result.stdout


# --- the report's element ids -----------------------------------------------------------------


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.append(value)
            if name == "href" and value is not None and value.startswith("#"):
                self.links.append(value[1:])


def test_every_element_id_in_the_report_is_unique(work: Path) -> None:
    """With history, so that every chart is drawn (freshness needs git)."""
    init_repo(work, commit="Personas")
    result = cli("report", "--out", "site", "--now", NOW, "personas", cwd=work)
    assert result.exit_code == 0, result.stderr
    parser = _Ids()
    parser.feed((work / "site" / "index.html").read_text("utf-8"))
    twice = [ident for ident, count in Counter(parser.ids).items() if count > 1]
    assert twice == []
    for chart in ("freshness-chart", "completeness-chart", "freshness", "completeness"):
        assert chart in parser.ids
    assert set(parser.links) <= set(parser.ids)  # every in-page link has its target
