"""QA regressions for segments, committee briefings, `persona diff` and `persona age` on
segment files: one test per bug found, each pinning the behaviour that was wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli, git_in, run_persona

SEGMENT = "segments/mid-market-fintech.yaml"


def _git(repo: Path, *args: str, date: str = "2026-11-01T12:00:00+00:00") -> None:
    git_in(repo, *args, date=date)


@pytest.fixture
def examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of examples/personas and examples/segments, as a new user starts."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    monkeypatch.delenv("GIT_WORK_TREE", raising=False)
    root = tmp_path / "work"
    shutil.copytree(EXAMPLES / "personas", root / "personas")
    shutil.copytree(EXAMPLES / "segments", root / "segments")
    return root


@pytest.fixture
def committed(examples: Path) -> Path:
    _git(examples, "init", "-q", "-b", "main")
    _git(examples, "add", "-A")
    _git(examples, "commit", "-q", "-m", "personas and segments")
    return examples


def test_folder_in_place_of_a_briefing_file_is_a_usage_error(examples: Path) -> None:
    # Was: IsADirectoryError from the rename, exit 3 "internal error", and a .tmp file left.
    blocked = examples / "out" / "sales" / "segments" / "mid-market-fintech.md"
    blocked.mkdir(parents=True)
    run = run_persona("render", "--team", "sales", "--segment", "all", "--out", "out", cwd=examples)
    assert run.exit_code == 2, run.stderr
    assert "is a folder where a briefing file goes" in run.stderr
    assert "mid-market-fintech.md" in run.stderr
    assert "internal error" not in run.stderr
    assert [p.name for p in blocked.parent.iterdir()] == ["mid-market-fintech.md"]


def test_segment_all_names_the_problem_of_an_invalid_segment(examples: Path) -> None:
    # Was: "segments/bad.yaml: not a valid segment" with neither the line nor the reason.
    (examples / "segments" / "bad.yaml").write_text(
        "schema_version: 1\nid: bad\nname: Bad\nkind: segment\ncomittee: []\n", encoding="utf-8"
    )
    run = cli("render", "--team", "sales", "--segment", "all", "--out", "out", cwd=examples)
    assert run.exit_code == 2
    assert "segments/bad.yaml: line 5: unknown key 'comittee'" in run.stderr
    assert not (examples / "out").exists()


def test_segment_with_a_yaml_error_is_reported_with_its_line(examples: Path) -> None:
    # Was: "segments/bad.yaml: did not find expected ',' ..." without the line.
    (examples / "segments" / "bad.yaml").write_text(
        "schema_version: 1\nid: bad\nname: [unclosed\nkind: segment\n", encoding="utf-8"
    )
    run = cli("render", "--team", "sales", "--segment", "bad", cwd=examples)
    assert run.exit_code == 2
    assert "segments/bad.yaml: line 4: did not find expected ','" in run.stderr


def test_diff_summary_counts_a_changed_segment_as_a_segment(committed: Path) -> None:
    # Was: "1 persona changed" when only the segment file changed.
    path = committed / SEGMENT
    path.write_text(
        path.read_text(encoding="utf-8").replace("influence: 2\n", "influence: 3\n"),
        encoding="utf-8",
    )
    run = cli("diff", "--no-color", cwd=committed)
    assert run.exit_code == 0, run.stderr
    assert "the working tree: 1 segment changed, 1 change (1 behaviour-change)." in run.stdout
    persona = committed / "personas" / "cfo-mid-market.yaml"
    persona.write_text(
        persona.read_text(encoding="utf-8").replace(
            "last_reviewed: 2026-10-28", "last_reviewed: 2026-11-20"
        ),
        encoding="utf-8",
    )
    both = cli("diff", "--format", "markdown", cwd=committed)
    assert "1 persona and 1 segment changed, 2 changes" in both.stdout


def test_age_of_segments_alone_does_not_count_zero_personas(committed: Path) -> None:
    # Was: "0 personas and 1 segment: 1 fresh."
    run = run_persona("age", "segments/", "--now", "2026-11-23", cwd=committed)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.rstrip().endswith("\n1 segment: 1 fresh.")


def test_github_age_annotation_calls_a_stale_segment_a_segment(committed: Path) -> None:
    # Was: "title=stale persona" on the segment file's annotation.
    run = run_persona("age", "--now", "2027-06-01", "--format", "github", cwd=committed)
    assert run.exit_code == 0, run.stderr
    lines = [line for line in run.stdout.splitlines() if line.startswith("::warning")]
    (segment,) = [line for line in lines if f"file={SEGMENT}," in line]
    assert "title=stale segment::" in segment
    assert all("title=stale persona::" in line for line in lines if line != segment)


def test_link_base_links_paths_in_the_repository_when_run_from_outside_it(
    committed: Path,
) -> None:
    # Was: paths relative to the cwd, e.g. https://x/blob/main/work/segments/... from the
    # folder above the repository.
    run = run_persona(
        "report", "--format", "json", "--now", "2026-11-23",
        "--link-base", "https://gh.example/acme/p/blob/main", "work/personas",
        cwd=committed.parent,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    report = run.json()
    segment = report["segments"]["segments"][0]
    assert segment["href"] == f"https://gh.example/acme/p/blob/main/{SEGMENT}"
    hrefs = {row["href"] for row in report["completeness"]["personas"]}
    assert "https://gh.example/acme/p/blob/main/personas/cfo-mid-market.yaml" in hrefs


def test_report_names_an_invalid_segment_instead_of_saying_there_is_none(
    examples: Path,
) -> None:
    # Was: note "no segments: no file with kind: segment among the paths" for a segment
    # file with a schema error, which the committee section then silently left out.
    path = examples / SEGMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("influence: 5", "influence: 9", 1), encoding="utf-8")
    run = cli("report", "--format", "json", "--now", "2026-11-23", cwd=examples)
    assert run.exit_code == 0, run.stderr
    segments = run.json()["segments"]
    assert segments["segments"] == []
    assert segments["note"] == (
        f"not shown, not a valid segment (see the lint findings): {SEGMENT}"
    )


def test_committee_size_min_above_max_names_the_rule_not_option_question_mark(
    examples: Path,
) -> None:
    # Was: "bad value for option '?' of rule C001 (committee-size): min (12) must not ..."
    (examples / ".persona.toml").write_text(
        "[rules.committee-size]\nmin = 12\nmax = 3\n", encoding="utf-8"
    )
    run = cli("lint", "segments/", cwd=examples)
    assert run.exit_code == 2
    assert "'?'" not in run.stderr
    assert (
        ".persona.toml:1: bad options of rule C001 (committee-size): "
        "min (12) must not exceed max (3)" in run.stderr
    )


def test_segment_id_used_by_two_files_is_an_error_for_one_id_too(examples: Path) -> None:
    # Was: `--segment all` refused the duplicate id but `--segment ID` silently briefed
    # whichever file came first.
    shutil.copy(examples / SEGMENT, examples / "segments" / "copy.yaml")
    run = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=examples)
    assert run.exit_code == 2
    assert "segment id 'mid-market-fintech' is also used by segments/copy.yaml" in run.stderr
    assert run.stdout == ""


def test_shallow_clone_warning_counts_segments_apart(committed: Path, tmp_path: Path) -> None:
    # Was: "history is shallow: 8 personas unchanged ..." for 7 personas and 1 segment.
    (committed / "notes.txt").write_text("a later commit\n", encoding="utf-8")
    _git(committed, "add", "notes.txt")
    _git(committed, "commit", "-q", "-m", "later", date="2026-11-05T12:00:00+00:00")
    clone = tmp_path / "shallow"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{committed}", str(clone))
    run = run_persona("age", "--now", "2026-11-23", cwd=clone)
    assert run.exit_code == 0, run.stderr
    assert "history is shallow: 7 personas and 1 segment unchanged since" in run.stderr
    assert run.stdout.rstrip().endswith("7 personas and 1 segment: 8 unknown.")


def test_write_failure_names_the_path_in_the_way(examples: Path) -> None:
    # Was: "out: cannot write briefings: File exists", without the file that is in the way.
    (examples / "out" / "sales").mkdir(parents=True)
    (examples / "out" / "sales" / "segments").write_text("", encoding="utf-8")
    run = cli("render", "--team", "sales", "--segment", "all", "--out", "out", cwd=examples)
    assert run.exit_code == 2
    assert "out/sales/segments: cannot write briefings: File exists" in run.stderr


def test_check_of_one_up_to_date_briefing_is_singular(examples: Path) -> None:
    # Was: "1 briefing files are up to date".
    args = ("render", "--team", "sales", "--segment", "mid-market-fintech", "--out", "out")
    assert cli(*args, cwd=examples).exit_code == 0
    run = cli(*args, "--check", cwd=examples)
    assert run.exit_code == 0
    assert "1 briefing file is up to date" in run.stderr


def test_a_misspelt_segment_kind_is_told_that_segment_exists(examples: Path) -> None:
    # Was: "kind: 'Segment' is not allowed; input should be 'buyer', 'user', 'internal' or
    # 'individual'": read as a persona, with no word that 'segment' is the kind meant.
    (examples / "segments" / "capital.yaml").write_text(
        "schema_version: 1\nid: capital\nname: Cap\nkind: Segment\n", encoding="utf-8"
    )
    run = cli("lint", "segments/capital.yaml", cwd=examples)
    assert run.exit_code == 1
    assert (
        "segments/capital.yaml:4:7: S003 [error] kind: 'Segment' is not allowed; input should "
        "be 'buyer', 'user', 'internal' or 'individual', or 'segment' in a segment file"
    ) in run.stdout


def test_markdown_diff_row_of_an_added_segment_says_segment(committed: Path) -> None:
    # Was: the whole-file row of a new segment read "| (persona) | added | ...".
    (committed / "segments" / "other.yaml").write_text(
        "schema_version: 1\nid: other\nname: Other\nkind: segment\n", encoding="utf-8"
    )
    run = cli("diff", "--format", "markdown", cwd=committed)
    assert run.exit_code == 0, run.stderr
    assert "| (segment) | added |  | Other | lifecycle |" in run.stdout


def test_report_findings_of_a_segment_file_carry_the_segment_name(examples: Path) -> None:
    # Was: "name": null for a segment file with findings (the HTML showed its id).
    path = examples / SEGMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("persona: platform-engineer", "persona: ghost"), encoding="utf-8")
    run = cli("report", "--format", "json", "--now", "2026-11-23", cwd=examples)
    assert run.exit_code == 0, run.stderr
    (entry,) = [f for f in run.json()["findings"]["files"] if f["path"] == SEGMENT]
    assert (entry["id"], entry["name"]) == ("mid-market-fintech", "Mid-market fintech")
    assert [f["code"] for f in entry["findings"]] == ["C004"]


def test_committee_briefing_says_when_a_persona_has_two_seats(examples: Path) -> None:
    # Was: the second seat (here the CFO as blocker) was dropped without a word.
    path = examples / SEGMENT
    text = path.read_text(encoding="utf-8")
    seat = "  - persona: cfo-mid-market\n    role: blocker\n    influence: 2\n\nevidence:"
    path.write_text(text.replace("\nevidence:", seat, 1), encoding="utf-8")
    run = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=examples)
    assert run.exit_code == 0, run.stderr
    assert (
        "> - 'cfo-mid-market' has 2 seats; only the first is shown: keep one seat per persona"
        in run.stdout
    )
    assert run.stdout.count("| Payback Paul, CFO |") == 1


def test_segment_folder_alone_is_refused_rather_than_every_member_missing(
    examples: Path,
) -> None:
    # Was: `render --segment all segments/` briefed every seat as "'cfo-mid-market' has no
    # persona in the set: write it or fix the id" although personas/ holds them all.
    run = cli("render", "--team", "sales", "--segment", "all", "segments/", cwd=examples)
    assert run.exit_code == 2
    assert "no persona files in segments/" in run.stderr
    assert "pass the persona folder too" in run.stderr
    both = cli("render", "--team", "sales", "--segment", "all", "personas/", "segments/",
               cwd=examples)  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert "has no persona in the set" not in both.stdout
