"""Segment files end to end (not the committee briefing, not the report): the model and its
committed JSON Schema, lint telling segments from personas, the loader other commands use,
and `persona diff` / `persona age` on segments in real git repositories (pinned dates)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from persona_cli.domain.errors import LoadError, UsageError
from persona_cli.domain.model import CommitteeRole
from persona_cli.domain.segment import is_segment, segment_json_schema
from persona_cli.io.discovery import discover
from persona_cli.load.segments import find_segment, load_segments, looks_like_segment
from tests.conftest import (
    EXAMPLE_SEGMENT,
    EXAMPLES,
    ROOT,
    cli,
    copy_examples,
    git_in,
    init_repo,
    run_persona,
)

COMMITTED = ROOT / "schemas" / "segment.schema.json"
PACKAGED = ROOT / "src" / "persona_cli" / "data" / "segment.schema.json"
EXAMPLE = EXAMPLES / "segments" / "mid-market-fintech.yaml"
TODAY = "2026-11-22"

SEGMENT = """\
schema_version: 1
id: mid-market
name: Mid-market
kind: segment
firmographics:
  employee_range:
    min: 250
    max: 900
committee:
  - persona: cfo
    role: economic_buyer
    influence: 5
    notes: Signs above 50k.
  - persona: ciso
    role: legal_security
    influence: 4
  - persona: vpe
    role: champion
    influence: 3
review:
  owners: [maria@example.com]
  last_reviewed: 2026-01-10
"""


def _schema_text() -> str:
    return json.dumps(segment_json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- schema ---------------------------------------------------------------------------------


def test_committed_segment_schema_matches_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == _schema_text(), "run `make schema`"


def test_packaged_segment_schema_matches_the_committed_copy() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_schema_command_prints_the_segment_schema_and_refuses_unknown_types() -> None:
    run = cli("schema", "--type", "segment")
    assert run.exit_code == 0
    assert run.stdout == _schema_text()
    wrong = cli("schema", "--type", "account")
    assert wrong.exit_code == 2
    assert "--type: 'account' is not one of persona, segment" in wrong.stderr


def test_segment_schema_describes_every_property_and_forbids_unknown_keys() -> None:
    schema = segment_json_schema()
    assert sorted(schema["required"]) == ["id", "kind", "name", "schema_version"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["kind"]["const"] == "segment"
    member = schema["$defs"]["CommitteeMember"]["properties"]
    assert (member["influence"]["minimum"], member["influence"]["maximum"]) == (1, 5)
    for name, definition in [("Segment", schema), *schema["$defs"].items()]:
        for prop, body in definition.get("properties", {}).items():
            assert body.get("description"), f"{name}.{prop} has no description"


def _check_jsonschema() -> str:
    exe = Path(sys.executable).with_name("check-jsonschema")
    found = str(exe) if exe.exists() else shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return found


def test_check_jsonschema_accepts_the_example_segment_and_rejects_a_bad_one(
    tmp_path: Path,
) -> None:
    ok = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(COMMITTED), str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(SEGMENT.replace("influence: 5", "influence: 9"), encoding="utf-8")
    rejected = subprocess.run(
        [_check_jsonschema(), "--schemafile", str(COMMITTED), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert rejected.returncode == 1


def test_the_example_segment_has_the_segment_modeline_and_seats_the_example_buyers() -> None:
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schemas/segment.schema.json"
    [loaded] = load_segments(discover([str(EXAMPLES / "segments")]))
    seated = {seat.persona for seat in loaded.segment.committee or []}
    buyers = {
        path.stem
        for path in (EXAMPLES / "personas").glob("*.yaml")
        if "kind: buyer" in path.read_text(encoding="utf-8")
    }
    assert buyers <= seated
    assert 6 <= len(seated) <= 10


def test_examples_lint_clean_together() -> None:
    run = run_persona(
        "lint",
        "examples/personas",
        "examples/segments",
        "--now",
        TODAY,
        "--fail-on",
        "info",
        cwd=ROOT,
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "All checks passed: 8 files" in run.stdout


# --- lint -----------------------------------------------------------------------------------


def test_a_segment_is_validated_against_the_segment_model_at_line_and_column(
    tmp_path: Path,
) -> None:
    text = SEGMENT.replace("role: champion", "role: sponsor").replace(
        "    notes: Signs above 50k.", "    note: Signs above 50k."
    )
    (tmp_path / "mid-market.yaml").write_text(text + "summary: not a segment field\n")
    run = cli("lint", ".", "--format", "json", "--select", "Y,S,I", cwd=tmp_path)
    assert run.exit_code == 1
    found = [(f["line"], f["column"], f["code"], f["message"]) for f in run.json()["findings"]]
    assert found == [
        (13, 5, "S002", "unknown key 'note' in committee[0]; did you mean 'notes'?"),
        (18, 11, "S003", found[1][3]),
        (23, 1, "S002", found[2][3]),
    ]
    assert found[1][3].startswith("committee[2].role: 'sponsor' is not allowed")
    assert found[2][3].startswith("unknown key 'summary' in the segment")


def test_a_valid_segment_draws_no_persona_findings(tmp_path: Path) -> None:
    (tmp_path / "mid-market.yaml").write_text(SEGMENT)
    run = cli("lint", ".", "--format", "json", "--now", TODAY, "--ignore", "C", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout
    report = run.json()
    assert report["findings"] == []
    assert report["personas"] == []  # a segment is not scored as a persona


def test_segment_ids_are_checked_against_file_names_and_each_other(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "mid-market.yaml").write_text(SEGMENT)
    (tmp_path / "b" / "mid-market.yaml").write_text(SEGMENT)
    (tmp_path / "b" / "other.yaml").write_text(SEGMENT)
    run = cli("lint", ".", "--format", "json", "--select", "I", cwd=tmp_path)
    found = {(f["path"], f["code"]) for f in run.json()["findings"]}
    assert found == {
        ("b/mid-market.yaml", "I002"),
        ("b/other.yaml", "I001"),
        ("b/other.yaml", "I002"),
    }


def test_a_segment_may_share_an_id_with_a_persona(tmp_path: Path) -> None:
    (tmp_path / "segments").mkdir()
    (tmp_path / "personas").mkdir()
    (tmp_path / "segments" / "mid-market.yaml").write_text(SEGMENT)
    (tmp_path / "personas" / "mid-market.yaml").write_text(
        "schema_version: 1\nid: mid-market\nname: Mia\nkind: buyer\n"
    )
    run = cli("lint", ".", "--format", "json", "--select", "I", cwd=tmp_path)
    assert run.json()["findings"] == []


def test_suppressions_work_in_segment_files(tmp_path: Path) -> None:
    text = SEGMENT.replace(
        "committee:\n", "committee:  # persona: ignore[C001] a three-seat committee by design\n"
    )
    (tmp_path / "mid-market.yaml").write_text(text)
    run = cli("lint", ".", "--format", "json", "--select", "C001,U", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout
    assert run.json()["findings"] == []


def test_committee_rules_take_options_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "mid-market.yaml").write_text(SEGMENT)
    (tmp_path / ".persona.toml").write_text(
        'paths = ["."]\n[rules.committee-size]\nmin = 2\nmax = 3\n'
    )
    assert cli("lint", "--select", "C001", cwd=tmp_path).exit_code == 0
    (tmp_path / ".persona.toml").write_text('paths = ["."]\n[rules.C001]\nmin = 4\n')
    run = cli("lint", "--select", "C001", cwd=tmp_path)
    assert run.exit_code == 0  # C001 is a warning; it does not fail the default run
    assert "mid-market.yaml:9:1: C001" in run.stdout
    assert "the committee has 3 seats, fewer than 4" in run.stdout


def test_rule_documentation_for_a_committee_rule() -> None:
    run = cli("rule", "C003")
    assert run.exit_code == 0
    assert "no-risk-view" in run.stdout
    assert "employees-min = 500" in run.stdout


# --- loader ---------------------------------------------------------------------------------


def test_load_segments_skips_personas_and_invalid_segments(tmp_path: Path) -> None:
    (tmp_path / "mid-market.yaml").write_text(SEGMENT)
    (tmp_path / "broken.yaml").write_text(
        SEGMENT.replace("id: mid-market", "id: broken").replace("influence: 3", "influence: high")
    )
    (tmp_path / "cfo.yaml").write_text("schema_version: 1\nid: cfo\nname: Paul\nkind: buyer\n")
    sources = discover([str(tmp_path)])
    [loaded] = load_segments(sources)
    assert loaded.segment.id == "mid-market"
    assert loaded.display.endswith("mid-market.yaml")
    assert loaded.line_of(("committee", 1)) == 14
    assert loaded.segment.committee is not None
    assert loaded.segment.committee[0].role is CommitteeRole.economic_buyer
    assert find_segment(sources, "mid-market") == loaded
    with pytest.raises(UsageError, match="no segment has id 'mid-markt'") as missing:
        find_segment(sources, "mid-markt")
    assert "did you mean 'mid-market'?" in str(missing.value)
    with pytest.raises(LoadError, match=r"broken.yaml: line 19: committee\[2\].influence"):
        find_segment(sources, "broken")


def test_segment_detection() -> None:
    assert is_segment({"kind": "segment"})
    assert not is_segment({"kind": "buyer"})
    assert not is_segment(["kind", "segment"])
    assert looks_like_segment("id: x\nkind: 'segment'  # the committee\n")
    assert not looks_like_segment("id: x\nkind: buyer\nsegment: mid-market\n")
    assert not looks_like_segment("nested:\n  kind: segment\n")


# --- diff and age on real git repositories ------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "segments").mkdir(parents=True)
    return init_repo(folder, commit=None)


def _commit(repo: Path, text: str, date: str) -> None:
    (repo / "segments" / "mid-market.yaml").write_text(text, encoding="utf-8")
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", f"segment as of {date}", date=date)


def _changes(repo: Path, *args: str) -> list[tuple[str, str, str]]:
    run = cli("diff", "--format", "json", *args, cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    return [(c["field"], c["kind"], c["class"]) for c in run.json()["changes"]]


def test_diff_keys_committee_seats_by_persona_and_classifies_them(repo: Path) -> None:
    _commit(repo, SEGMENT, "2026-01-10T12:00:00+00:00")
    edited = (
        SEGMENT.replace(  # the CISO's seat removed
            "  - persona: ciso\n    role: legal_security\n    influence: 4\n", ""
        )
        .replace("role: champion\n    influence: 3", "role: champion\n    influence: 4")
        .replace("Signs above 50k.", "Signs above 150k.")
        .replace(
            "review:",  # a procurement seat added
            "  - persona: buyer-ops\n    role: procurement\n    influence: 3\nreview:",
        )
    )
    (repo / "segments" / "mid-market.yaml").write_text(edited, encoding="utf-8")
    assert _changes(repo, "--", "segments") == [
        ("committee[buyer-ops]", "added", "new-insight"),
        ("committee[cfo].notes", "changed", "edit"),
        ("committee[ciso]", "removed", "removed-insight"),
        ("committee[vpe].influence", "changed", "behaviour-change"),
    ]


def test_reordering_committee_seats_is_no_change(repo: Path) -> None:
    _commit(repo, SEGMENT, "2026-01-10T12:00:00+00:00")
    cfo = (
        "  - persona: cfo\n    role: economic_buyer\n    influence: 5\n"
        "    notes: Signs above 50k.\n"
    )
    moved = SEGMENT.replace(cfo, "").replace("review:", cfo + "review:")
    assert moved != SEGMENT
    (repo / "segments" / "mid-market.yaml").write_text(moved, encoding="utf-8")
    run = cli("diff", "--exit-code", "--", "segments", cwd=repo)
    assert run.exit_code == 0, run.stdout
    assert _changes(repo, "--order", "--", "segments") == [("committee", "reordered", "edit")]


def test_age_of_a_segment_follows_review_and_meaningful_commits(repo: Path) -> None:
    _commit(repo, SEGMENT, "2026-01-10T12:00:00+00:00")
    # A reformat (flow style for the firmographics) is not a refresh.
    _commit(
        repo,
        SEGMENT.replace(
            "  employee_range:\n    min: 250\n    max: 900\n",
            "  employee_range: {min: 250, max: 900}\n",
        ),
        "2026-03-01T12:00:00+00:00",
    )
    run = cli("age", "segments", "--format", "json", "--now", "2026-08-01", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    [row] = run.json()["personas"]
    assert (row["id"], row["last_changed"], row["last_reviewed"]) == (
        "mid-market",
        "2026-01-10",
        "2026-01-10",
    )
    assert (row["age_days"], row["status"]) == (203, "stale")
    # Removing a seat changes what the segment says: a change of meaning, dated by git.
    _commit(
        repo,
        SEGMENT.replace("  - persona: vpe\n    role: champion\n    influence: 3\n", ""),
        "2026-07-01T12:00:00+00:00",
    )
    run = cli("age", "segments", "--format", "json", "--now", "2026-08-01", cwd=repo)
    [row] = run.json()["personas"]
    assert (row["last_changed"], row["age_days"], row["status"]) == ("2026-07-01", 31, "fresh")


def _example_repo(tmp_path: Path) -> Path:
    return copy_examples(tmp_path, segments=True)


def test_lint_without_paths_checks_the_segments_folder_beside_the_personas(
    tmp_path: Path,
) -> None:
    root = _example_repo(tmp_path)
    clean = cli("lint", "--format", "json", cwd=root)
    assert clean.exit_code == 0, clean.stdout
    segment = root / "segments" / "mid-market-fintech.yaml"
    text = segment.read_text(encoding="utf-8")
    segment.write_text(text.replace("persona: procurement-lead", "persona: procurement-leed"))
    run = cli("lint", "--format", "json", cwd=root)
    assert run.exit_code == 1
    codes = {(f["path"], f["code"]) for f in run.json()["findings"]}
    assert ("segments/mid-market-fintech.yaml", "C004") in codes


def test_a_persona_linted_alone_is_checked_against_the_committees_beside_it(
    tmp_path: Path,
) -> None:
    root = _example_repo(tmp_path)
    persona = root / "personas" / "cfo-mid-market.yaml"
    text = persona.read_text(encoding="utf-8")
    persona.write_text(text.replace("segment: mid-market-fintech", "segment: enterprise-bank"))
    run = cli("lint", "--format", "json", "personas/cfo-mid-market.yaml", cwd=root)
    assert run.exit_code == 1
    findings = run.json()["findings"]
    assert {f["path"] for f in findings} == {"personas/cfo-mid-market.yaml"}
    assert "C006" in {f["code"] for f in findings}


def test_age_without_paths_covers_the_segments_folder(tmp_path: Path) -> None:
    root = _example_repo(tmp_path)
    init_repo(root, commit="all", date="2026-10-01T12:00:00+00:00")
    run = run_persona("age", "--now", "2026-11-23", "--format", "json", cwd=root)
    assert run.exit_code == 0, run.stderr
    ages = {entry["id"]: entry for entry in run.json()["personas"]}
    assert ages["mid-market-fintech"]["path"] == "segments/mid-market-fintech.yaml"
    assert len(ages) == 8
    text = run_persona("age", "--now", "2026-11-23", cwd=root)
    assert text.stdout.rstrip().endswith("7 personas and 1 segment: 8 fresh.")


def test_diff_without_paths_covers_segments_and_names_them(repo: Path) -> None:
    (repo / "personas").mkdir()
    (repo / "personas" / "cfo.yaml").write_text(
        "schema_version: 1\nid: cfo\nname: Payback Paul\nkind: buyer\n", encoding="utf-8"
    )
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", "a persona", date="2026-01-10T12:00:00+00:00")
    (repo / "segments" / "mid-market.yaml").write_text(SEGMENT, encoding="utf-8")
    run = cli("diff", "--no-color", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "segments/mid-market.yaml" in run.stdout
    assert "new segment" in run.stdout
    assert "new persona" not in run.stdout


def test_fmt_orders_a_segment_by_the_segment_model_and_adds_no_persona_modeline(
    tmp_path: Path,
) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "persona.schema.json").write_text("{}", encoding="utf-8")
    write_to = tmp_path / "segments" / "mid-market.yaml"
    write_to.parent.mkdir()
    shuffled = (
        "review:  # who keeps it current\n"
        "  owners: [maria]\n"
        "committee:\n"
        "  - persona: cfo\n"
        "    role: economic_buyer\n"
        "    influence: 5\n"
        "# the segment's identity\n"
        "id: mid-market\n"
        "description: Fintechs of 250 to 900 people.\n"
        "schema_version: 1\n"
        "kind: segment\n"
        "name: Mid-market\n"
    )
    write_to.write_text(shuffled, encoding="utf-8")
    run = cli("fmt", "segments/mid-market.yaml", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    text = write_to.read_text(encoding="utf-8")
    keys = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert keys == ["schema_version", "id", "name", "kind", "description", "committee", "review"]
    assert "yaml-language-server" not in text
    assert "# the segment's identity\nid: mid-market\n" in text
    assert "review:  # who keeps it current\n" in text


def test_diff_summary_counts_a_changed_segment_as_a_segment(committed_example_set: Path) -> None:
    # Was: "1 persona changed" when only the segment file changed.
    path = committed_example_set / EXAMPLE_SEGMENT
    path.write_text(
        path.read_text(encoding="utf-8").replace("influence: 2\n", "influence: 3\n"),
        encoding="utf-8",
    )
    run = cli("diff", "--no-color", cwd=committed_example_set)
    assert run.exit_code == 0, run.stderr
    assert "the working tree: 1 segment changed, 1 change (1 behaviour-change)." in run.stdout
    persona = committed_example_set / "personas" / "cfo-mid-market.yaml"
    persona.write_text(
        persona.read_text(encoding="utf-8").replace(
            "last_reviewed: 2026-10-28", "last_reviewed: 2026-11-20"
        ),
        encoding="utf-8",
    )
    both = cli("diff", "--format", "markdown", cwd=committed_example_set)
    assert "1 persona and 1 segment changed, 2 changes" in both.stdout


def test_age_of_segments_alone_does_not_count_zero_personas(committed_example_set: Path) -> None:
    # Was: "0 personas and 1 segment: 1 fresh."
    run = run_persona("age", "segments/", "--now", "2026-11-23", cwd=committed_example_set)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.rstrip().endswith("\n1 segment: 1 fresh.")


def test_github_age_annotation_calls_a_stale_segment_a_segment(committed_example_set: Path) -> None:
    # Was: "title=stale persona" on the segment file's annotation.
    run = run_persona("age", "--now", "2027-06-01", "--format", "github", cwd=committed_example_set)
    assert run.exit_code == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("::warning")]
    (segment,) = [line for line in lines if f"file={EXAMPLE_SEGMENT}," in line]
    assert "title=stale segment::" in segment
    assert all("title=stale persona::" in line for line in lines if line != segment)


def test_shallow_clone_warning_counts_segments_apart(
    committed_example_set: Path, tmp_path: Path
) -> None:
    # Was: "history is shallow: 8 personas unchanged ..." for 7 personas and 1 segment.
    (committed_example_set / "notes.txt").write_text("a later commit\n", encoding="utf-8")
    git_in(committed_example_set, "add", "notes.txt")
    git_in(committed_example_set, "commit", "-q", "-m", "later", date="2026-11-05T12:00:00+00:00")
    clone = tmp_path / "shallow"
    git_in(tmp_path, "clone", "-q", "--depth", "1", f"file://{committed_example_set}", str(clone))
    run = run_persona("age", "--now", "2026-11-23", cwd=clone)
    assert run.exit_code == 0, run.stderr
    assert "history is shallow: 7 personas and 1 segment unchanged since" in run.stderr
    assert run.stdout.rstrip().endswith("7 personas and 1 segment: 8 unknown.")


def test_a_misspelt_segment_kind_is_told_that_segment_exists(example_set: Path) -> None:
    # Was: "kind: 'Segment' is not allowed; input should be 'buyer', 'user', 'internal' or
    # 'individual'": read as a persona, with no word that 'segment' is the kind meant.
    (example_set / "segments" / "capital.yaml").write_text(
        "schema_version: 1\nid: capital\nname: Cap\nkind: Segment\n", encoding="utf-8"
    )
    run = cli("lint", "segments/capital.yaml", cwd=example_set)
    assert run.exit_code == 1
    assert (
        "segments/capital.yaml:4:7: S003 [error] kind: 'Segment' is not allowed; input should "
        "be 'buyer', 'user', 'internal' or 'individual', or 'segment' in a segment file"
    ) in run.stdout


def test_markdown_diff_row_of_an_added_segment_says_segment(committed_example_set: Path) -> None:
    # Was: the whole-file row of a new segment read "| (persona) | added | ...".
    (committed_example_set / "segments" / "other.yaml").write_text(
        "schema_version: 1\nid: other\nname: Other\nkind: segment\n", encoding="utf-8"
    )
    run = cli("diff", "--format", "markdown", cwd=committed_example_set)
    assert run.exit_code == 0, run.stderr
    assert "| (segment) | added |  | Other | lifecycle |" in run.stdout
