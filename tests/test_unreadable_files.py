"""One rule for every command: a file with any loader finding is unreadable.

A duplicate key, a refused tag, an alias bomb or bad encoding make `lint` refuse a file; every
other command must treat it the same way instead of showing the first value of a duplicate
as if the file held it. Real files, real git repositories, the installed CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, copy_examples, git_in, init_repo, persona_process

GOOD = """\
schema_version: 1
id: carla
name: Cautious Carla
kind: buyer
status: validated
review:
  owners: [maria@example.com]
  last_reviewed: 2026-01-01
"""

#: Each loader finding, as the bytes of carla.yaml, with its code and line.
BROKEN: dict[str, tuple[bytes, str, int]] = {
    "duplicate-key": (
        GOOD.replace("name: Cautious Carla\n", "name: Old Name\nname: Cautious Carla\n").encode(),
        "Y002",
        4,
    ),
    "unsafe-tag": (
        GOOD.replace("name: Cautious Carla", "name: !!python/object:os.system Old Name").encode(),
        "Y009",
        3,
    ),
    "not-utf8": (GOOD.replace("Cautious Carla", "Old Nam\xe9").encode("latin-1"), "Y006", 3),
    "alias-bomb": (
        GOOD.encode()
        + b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{b}: &{b} [{', '.join(['*' + a] * 10)}]\n".encode()
            for a, b in zip("abcdef", "bcdefg", strict=True)
        ),
        "Y008",
        0,  # the line depends on where the budget runs out
    ),
}


def persona(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed CLI, pinned environment, and a timeout so a hang is a failure."""
    return persona_process(*args, cwd=cwd)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository with personas/carla.yaml (valid) and paul.yaml committed."""
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "carla.yaml").write_text(GOOD, "utf-8")
    (tmp_path / "personas" / "paul.yaml").write_text(
        GOOD.replace("carla", "paul").replace("Cautious Carla", "Payback Paul"), "utf-8"
    )
    init_repo(tmp_path, commit="Add personas")
    return tmp_path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_file_with_a_loader_finding_is_unreadable_for_every_command(
    repo: Path, case: str
) -> None:
    raw, code, line = BROKEN[case]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    where = f"personas/carla.yaml:{line}:" if line else "personas/carla.yaml:"

    lint = persona("lint", "--format", "json", cwd=repo)
    assert lint.returncode == 1, lint.stderr
    assert code in {finding["code"] for finding in json.loads(lint.stdout)["findings"]}

    listed = persona("list", cwd=repo)
    assert listed.returncode == 2, listed.stdout + listed.stderr
    assert "Old Name" not in listed.stdout
    row = next(line for line in listed.stdout.splitlines() if line.startswith("carla "))
    assert "unreadable" in row
    assert f"✗ {where}" in listed.stdout and code in listed.stdout
    assert "Payback Paul" in listed.stdout  # the rest is still listed

    listed_json = persona("list", "--format", "json", cwd=repo)
    assert listed_json.returncode == 2
    rows = {row["id"]: row for row in json.loads(listed_json.stdout)["personas"]}
    assert rows["carla"]["name"] is None and rows["carla"]["problem"]["code"] == code

    shown = persona("show", "carla", cwd=repo)
    assert shown.returncode == 2
    assert shown.stdout == ""
    assert shown.stderr.startswith(f"persona: error: {where}")
    assert code in shown.stderr and "Traceback" not in shown.stderr

    textconv = persona("textconv", "personas/carla.yaml", cwd=repo)
    assert textconv.returncode == 0, textconv.stderr
    header, _, rest = textconv.stdout.partition("\n")
    assert header.startswith("# persona textconv: not a readable persona (")
    assert rest.encode("utf-8", errors="surrogateescape") == raw  # the raw text, unchanged
    assert "name: " not in header


@pytest.mark.parametrize("output", ["text", "json", "markdown"])
def test_diff_reports_a_duplicate_key_as_unreadable_at_that_revision(
    repo: Path, output: str
) -> None:
    raw, _, _ = BROKEN["duplicate-key"]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    run = persona("diff", "--format", output, cwd=repo)
    assert run.returncode == 0, run.stderr
    assert "duplicate key 'name'" in run.stdout
    assert "Old Name" not in run.stdout  # the first value is never shown as the new name
    if output == "json":
        (change,) = json.loads(run.stdout)["changes"]
        assert (change["kind"], change["persona"]) == ("unreadable", "carla")
        assert change["old"] is None and change["new"] == (
            "4:1 duplicate key 'name' (first defined at line 3); merge the two entries"
        )
    else:
        assert "unreadable" in run.stdout
    assert "at the working tree: not a readable persona" in run.stderr

    # Committed, the broken version is unreadable at that revision too.
    git_in(repo, "commit", "-q", "-am", "Break carla")
    history = persona("diff", "HEAD~1", "HEAD", "--format", output, cwd=repo)
    assert history.returncode == 0, history.stderr
    assert "duplicate key 'name'" in history.stdout and "Old Name" not in history.stdout


def test_age_and_log_skip_a_file_with_a_duplicate_key(repo: Path) -> None:
    raw, _, _ = BROKEN["duplicate-key"]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    aged = persona("age", "--format", "json", "--now", "2026-02-01", cwd=repo)
    assert aged.returncode == 0, aged.stderr
    ids = [row["id"] for row in json.loads(aged.stdout)["personas"]]
    assert ids == ["paul"]
    assert (
        "personas/carla.yaml:4:1: not readable YAML (duplicate key 'name' (first defined at "
        "line 3); merge the two entries); "
        "skipped" in aged.stderr
    )
    log = persona("log", "carla", cwd=repo)
    assert log.returncode == 2
    assert log.stderr.startswith(
        "persona: error: personas/carla.yaml:4:1: not readable YAML (duplicate key 'name'"
    )


def test_a_committee_seat_whose_file_failed_to_load_names_the_file(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    (tmp_path / "segments").mkdir()
    segment = (EXAMPLES / "segments" / "mid-market-fintech.yaml").read_text("utf-8")
    (tmp_path / "segments" / "mid-market-fintech.yaml").write_text(segment, "utf-8")
    cto = tmp_path / "personas" / "cto-mid-market.yaml"
    cto.write_text(cto.read_text("utf-8") + "id: [cto\n", "utf-8")
    run = persona("lint", "--format", "json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    findings = json.loads(run.stdout)["findings"]
    (c004,) = [f for f in findings if f["code"] == "C004"]
    assert c004["path"] == "segments/mid-market-fintech.yaml"
    assert "'cto-mid-market'" in c004["message"]
    assert "its file personas/cto-mid-market.yaml could not be read" in c004["message"]
    assert "did you mean" not in c004["message"]
    assert "cfo-mid-market" not in c004["message"]
    # A seat naming nobody still gets its near miss.
    (tmp_path / "segments" / "mid-market-fintech.yaml").write_text(
        segment.replace("persona: vp-engineering", "persona: vp-engineerin"), "utf-8"
    )
    again = json.loads(persona("lint", "--format", "json", cwd=tmp_path).stdout)
    messages = [f["message"] for f in again["findings"] if f["code"] == "C004"]
    assert any("did you mean 'vp-engineering'?" in message for message in messages)


def test_lint_does_not_score_and_report_does_not_show_a_misread_file(repo: Path) -> None:
    raw, _, _ = BROKEN["duplicate-key"]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    lint = persona("lint", "--format", "json", cwd=repo)
    assert lint.returncode == 1
    # Its rules still ran (the Y002 is there), but no completeness is claimed for it.
    assert [row["id"] for row in json.loads(lint.stdout)["personas"]] == ["paul"]
    report = persona("report", "--out", str(repo / "site"), cwd=repo)
    assert report.returncode == 0, report.stderr
    page = (repo / "site" / "index.html").read_text("utf-8")
    assert "Old Name" not in page
    assert "personas/carla.yaml" in page  # listed among the files lint could not score


def test_a_committee_seat_whose_file_has_a_duplicate_key_is_not_seated(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    (tmp_path / "segments").mkdir()
    segment = (EXAMPLES / "segments" / "mid-market-fintech.yaml").read_text("utf-8")
    (tmp_path / "segments" / "mid-market-fintech.yaml").write_text(segment, "utf-8")
    cto = tmp_path / "personas" / "cto-mid-market.yaml"
    cto.write_text(cto.read_text("utf-8").replace("\nkind: buyer\n", "\nkind: buyer\nkind: user\n"))
    run = persona("lint", "--format", "json", cwd=tmp_path)
    found = json.loads(run.stdout)["findings"]
    assert {f["code"] for f in found if f["path"] == "personas/cto-mid-market.yaml"} >= {"Y002"}
    (c004,) = [f for f in found if f["code"] == "C004"]
    assert "its file personas/cto-mid-market.yaml could not be read" in c004["message"]


CHILD = """\
schema_version: 1
id: carla-at-acme
name: Carla at Acme
kind: individual
status: draft
extends: carla
"""


@pytest.mark.parametrize("case", ["duplicate-key", "not-utf8"])
def test_a_child_of_an_unreadable_parent_is_told_so_by_show_and_list(repo: Path, case: str) -> None:
    """The parent exists: 'no persona has that id' (and a did-you-mean to another persona)
    would send the user to fix the child's `extends` instead of the parent's file."""
    raw, code, line = BROKEN[case]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    (repo / "personas" / "carla-at-acme.yaml").write_text(CHILD, "utf-8")
    why = f"extends 'carla', whose file personas/carla.yaml cannot be read ({code} at line {line}"

    shown = persona("show", "carla-at-acme", "--no-age", cwd=repo)
    assert shown.returncode == 2
    assert why in shown.stderr, shown.stderr
    assert "persona lint personas/carla.yaml" in shown.stderr
    assert "no persona has that id" not in shown.stderr and "fix `extends`" not in shown.stderr

    listed = persona("list", "--no-age", cwd=repo)
    assert listed.returncode == 2
    assert f"✗ personas/carla-at-acme.yaml:6:10: I005 {why}" in listed.stdout, listed.stdout
    assert "did you mean" not in listed.stdout


@pytest.mark.parametrize("case", ["duplicate-key", "unsafe-tag", "not-utf8"])
def test_new_from_an_unreadable_parent_writes_nothing(repo: Path, case: str) -> None:
    raw, code, line = BROKEN[case]
    (repo / "personas" / "carla.yaml").write_bytes(raw)
    run = persona("new", "carla-at-acme", "--from", "carla", cwd=repo)
    assert run.returncode == 2, run.stdout
    assert run.stderr.startswith(f"persona: error: --from: personas/carla.yaml:{line}:"), run.stderr
    assert code in run.stderr and "persona lint personas/carla.yaml" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (repo / "personas" / "carla-at-acme.yaml").exists()


def test_a_version_over_the_size_limit_is_unreadable_in_history(repo: Path) -> None:
    """lint, list and show refuse a file over the size limit (Y007); diff and log parsed
    such a version all the same and showed its fields as if it were a persona."""
    carla = repo / "personas" / "carla.yaml"
    padding = "".join(f"# padding line {n}: far beyond a page of text\n" for n in range(30000))
    carla.write_text(GOOD.replace("Cautious Carla", "Old Name") + padding, "utf-8")
    assert carla.stat().st_size > 1024 * 1024
    git_in(repo, "commit", "-q", "-am", "An export that grew")
    carla.write_text(GOOD, "utf-8")
    git_in(repo, "commit", "-q", "-am", "Back to a page")

    diff = persona("diff", "HEAD~2", "HEAD~1", "--format", "json", cwd=repo)
    assert diff.returncode == 0, diff.stderr
    (change,) = json.loads(diff.stdout)["changes"]
    assert change["kind"] == "unreadable"
    assert "bytes, over the 1,048,576-byte limit" in change["new"]
    assert "Old Name" not in diff.stdout

    log = persona("log", "carla", "--all", cwd=repo)
    assert log.returncode == 0, log.stderr
    assert "Old Name" not in log.stdout and "name ~" not in log.stdout, log.stdout
    assert "not readable YAML; that version is skipped" in log.stderr
