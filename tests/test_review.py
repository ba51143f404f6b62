"""`persona review`: a refresh edits only review and evidence, in place, and says the age.

Real files in temp dirs through the real CLI, and a real git repository for the age check.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli, git_in, init_repo, run_persona, write

TODAY = dt.datetime.now(dt.UTC).date()

CARLA = """\
# yaml-language-server: $schema=../schemas/persona.schema.json
schema_version: 1
id: carla
name: Cautious Carla   # the CISO
kind: buyer
status: draft

whole_person:
  fears:
    - 'Being named in a breach disclosure'  # quoted on purpose
    # the quieter one
    - Losing the board's confidence

# Research so far.
evidence:
  - id: ciso-interviews
    type: interview
    date: 2026-04-02
    summary: Seven CISO interviews.
  # a survey is planned for Q1

# Ownership.
review:
  owners:
    - maria@example.com  # PMM
  # checked quarterly
  last_reviewed: 2026-05-01   # after the spring round
  interval_days: 120
# end
"""


def added_and_removed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    added = [line[2:] for line in diff if line.startswith("+ ")]
    removed = [line[2:] for line in diff if line.startswith("- ")]
    return added, removed


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    write(tmp_path / "personas", "carla.yaml", CARLA)
    return tmp_path


def review(repo: Path, *args: str) -> tuple[int, str, str]:
    run = cli("review", *args, cwd=repo)
    return run.exit_code, run.stdout, run.stderr


def test_only_review_and_evidence_lines_change(repo: Path) -> None:
    code, out, err = review(
        repo,
        "carla",
        "--evidence-type",
        "survey",
        "--summary",
        "Survey of 140 security leaders: proof beats promises.",
        "--date",
        "2026-11-20",
        "--sample-size",
        "140",
        "--url",
        "https://research.example.com/s#results",
    )
    assert code == 0, err
    after = (repo / "personas" / "carla.yaml").read_text(encoding="utf-8")
    added, removed = added_and_removed(CARLA, after)
    assert removed == ["  last_reviewed: 2026-05-01   # after the spring round"]
    assert added == [
        "  - id: survey-2026-11-20",
        "    type: survey",
        "    date: 2026-11-20",
        "    summary: 'Survey of 140 security leaders: proof beats promises.'",
        "    sample_size: 140",
        "    url: https://research.example.com/s#results",
        "  last_reviewed: 2026-11-20   # after the spring round",
    ]
    # The new entry goes after the comment that ends the evidence list, not after `review`.
    assert "  # a survey is planned for Q1\n  - id: survey-2026-11-20\n" in after
    assert out.startswith(
        "personas/carla.yaml: review of 2026-11-20 recorded with evidence survey-2026-11-20\n"
    )


def test_prints_the_age_it_will_have(repo: Path) -> None:
    code, out, _ = review(repo, "carla", "--evidence-type", "crm", "--summary", "Pipeline data")
    assert code == 0
    due = TODAY + dt.timedelta(days=120)
    assert f"carla: fresh, 0 days since the last refresh; next review due {due} " in out
    assert "(every 120 days)" in out
    assert "status is draft; set it to validated" in out


def test_evidence_ids_are_unique_within_the_persona(repo: Path) -> None:
    for _ in range(3):
        code, _, err = review(
            repo, "carla", "--evidence-type", "win_loss", "--summary", "x", "--date", "2026-11-20"
        )
        assert code == 0, err
    text = (repo / "personas" / "carla.yaml").read_text(encoding="utf-8")
    assert "- id: win-loss-2026-11-20\n" in text
    assert "- id: win-loss-2026-11-20-2\n" in text
    assert "- id: win-loss-2026-11-20-3\n" in text
    assert cli("lint", "--select", "S,E", cwd=repo).exit_code == 0


def test_by_is_recorded_in_the_summary_not_the_owners(repo: Path) -> None:
    code, _, _ = review(
        repo, "carla", "--evidence-type", "interview", "--summary", "Two calls.", "--by", "Ana"
    )
    assert code == 0
    text = (repo / "personas" / "carla.yaml").read_text(encoding="utf-8")
    assert "    summary: Two calls. (reviewed by Ana)\n" in text
    assert "Ana" not in text.split("review:")[1]


def test_a_date_bump_needs_no_evidence_said_out_loud(repo: Path) -> None:
    code, _, err = review(repo, "carla")
    assert code == 2
    assert "a refresh is new evidence, not a date bump" in err
    assert "--no-evidence" in err
    assert (repo / "personas" / "carla.yaml").read_text(encoding="utf-8") == CARLA
    code, out, err = review(repo, "carla", "--no-evidence", "--date", "2026-11-01")
    assert code == 0, err
    added, removed = added_and_removed(
        CARLA, (repo / "personas" / "carla.yaml").read_text(encoding="utf-8")
    )
    assert added == ["  last_reviewed: 2026-11-01   # after the spring round"]
    assert len(removed) == 1
    assert "(no new evidence)" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--summary", "x"], "needs --evidence-type"),
        (["--evidence-type", "survey"], "needs --summary"),
        (["--evidence-type", "survey", "--summary", "  "], "needs --summary"),
        (["--no-evidence", "--summary", "x"], "--no-evidence records no evidence entry"),
        (["--evidence-type", "blog", "--summary", "x"], "'blog' is not one of interview"),
        (["--no-evidence", "--date", "2026-02-30"], "'2026-02-30' is not a date"),
        (["--no-evidence", "--date", "2999-01-01"], "is in the future"),
        (["--no-evidence", "--date", "2026-01-01"], "already 2026-05-01, after 2026-01-01"),
        (["--evidence-type", "survey", "--summary", "x", "--sample-size", "0"], "sample-size"),
    ],
)
def test_bad_options_are_usage_errors(repo: Path, args: list[str], message: str) -> None:
    run = run_persona("review", "carla", *args, cwd=repo)  # click's errors too, as users see them
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stderr.startswith("persona: error: ")
    assert len(run.stderr.splitlines()) == 1
    assert (repo / "personas" / "carla.yaml").read_text(encoding="utf-8") == CARLA


def test_an_unknown_id_suggests_the_near_miss(repo: Path) -> None:
    code, _, err = review(repo, "karla", "--no-evidence")
    assert code == 2
    assert "no persona 'karla' in the configured paths; did you mean 'carla'?" in err


def test_missing_review_and_evidence_are_added_in_schema_order(tmp_path: Path) -> None:
    text = (
        "schema_version: 1\nid: bob\nname: Bob\nkind: user\n\nwhole_person:\n  fears:\n"
        "    - Pager at 3am\n\ncustom: kept last\n"
    )
    path = write(tmp_path / "personas", "bob.yaml", text)
    code, _, err = review(
        tmp_path,
        "bob",
        "--evidence-type",
        "analytics",
        "--summary",
        "Usage",
        "--date",
        "2026-11-02",
    )
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == (
        "schema_version: 1\nid: bob\nname: Bob\nkind: user\n\nwhole_person:\n  fears:\n"
        "    - Pager at 3am\n\n"
        "evidence:\n  - id: analytics-2026-11-02\n    type: analytics\n    date: 2026-11-02\n"
        "    summary: Usage\n\n"
        "review:\n  last_reviewed: 2026-11-02\n\n"
        "custom: kept last\n"
    )


def test_empty_values_are_filled_keeping_their_comments(tmp_path: Path) -> None:
    text = (
        "schema_version: 1\r\nid: bob\r\nname: Bob\r\nkind: user\r\n"
        "evidence: []  # none yet\r\nreview:  # ownership\r\n  owners:\r\n    - x\r\n"
        "  # interval\r\n  interval_days: 90\r\n"
    )
    path = tmp_path / "personas" / "bob.yaml"
    path.parent.mkdir()
    path.write_bytes(text.encode())
    code, _, err = review(
        tmp_path, "bob", "--evidence-type", "survey", "--summary", "s", "--date", "2026-11-02"
    )
    assert code == 0, err
    assert path.read_bytes().decode() == (
        "schema_version: 1\r\nid: bob\r\nname: Bob\r\nkind: user\r\n"
        "evidence:  # none yet\r\n  - id: survey-2026-11-02\r\n    type: survey\r\n"
        "    date: 2026-11-02\r\n    summary: s\r\n"
        "review:  # ownership\r\n  owners:\r\n    - x\r\n  last_reviewed: 2026-11-02\r\n"
        "  # interval\r\n  interval_days: 90\r\n"
    )


def test_flow_style_evidence_is_refused_with_a_hint(tmp_path: Path) -> None:
    text = "schema_version: 1\nid: bob\nname: Bob\nkind: user\nevidence: [{id: a, type: crm}]\n"
    path = write(tmp_path / "personas", "bob.yaml", text)
    code, _, err = review(tmp_path, "bob", "--evidence-type", "crm", "--summary", "s")
    assert code == 2
    assert "flow style" in err and "persona fmt personas/bob.yaml" in err
    assert path.read_text(encoding="utf-8") == text


def test_a_file_that_does_not_parse_is_left_alone(tmp_path: Path) -> None:
    text = "schema_version: 1\nid: bob\nname: [Bob\n"
    path = write(tmp_path / "personas", "bob.yaml", text)
    code, _, err = review(tmp_path, "bob", "--no-evidence")
    assert code == 2
    assert "personas/bob.yaml:3:" in err and "Y001" in err and "not changed" in err
    assert path.read_text(encoding="utf-8") == text


def test_an_individual_profile_gets_its_own_review(tmp_path: Path) -> None:
    parent = write(tmp_path / "personas", "carla.yaml", CARLA)
    child_text = (
        "schema_version: 1\nid: carla-at-acme\nname: Carla at Acme\nkind: individual\n"
        "extends: carla\n"
    )
    child = write(tmp_path / "personas", "carla-at-acme.yaml", child_text)
    code, _, err = review(
        tmp_path, "carla-at-acme", "--evidence-type", "sales_call", "--summary", "Discovery call"
    )
    assert code == 0, err
    assert parent.read_text(encoding="utf-8") == CARLA
    assert child.read_text(encoding="utf-8").startswith(child_text + "evidence:\n")


def test_reviewing_a_formatted_file_keeps_it_formatted(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "personas", tmp_path / "personas")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "persona.schema.json").write_text("{}\n")
    before = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "personas").iterdir()}
    for name in before:
        ident = Path(name).stem
        code, _, err = review(tmp_path, ident, "--evidence-type", "survey", "--summary", "New")
        assert code == 0, (name, err)
    run = run_persona("fmt", "--check", "personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert cli("lint", "--select", "S,E,Y", cwd=tmp_path).exit_code == 0


def test_evidence_types_match_the_model() -> None:
    from persona_cli.cli.review import EVIDENCE_TYPES
    from persona_cli.domain.model import EvidenceType

    assert [member.value for member in EvidenceType] == EVIDENCE_TYPES


def test_persona_age_agrees_once_the_review_is_committed(repo: Path) -> None:
    noon = f"{TODAY.isoformat()}T12:00:00+00:00"
    init_repo(repo, commit="Carla", date="2026-05-01T12:00:00+00:00")
    run = run_persona(
        "review", "carla", "--evidence-type", "interview", "--summary", "Calls", cwd=repo
    )
    assert run.exit_code == 0, run.stderr
    git_in(repo, "commit", "-q", "-am", "Review Carla", date=noon)
    age = run_persona("age", "--format", "json", "--now", TODAY.isoformat(), cwd=repo)
    [row] = age.json()["personas"]
    assert (row["status"], row["age_days"]) == ("fresh", 0)
    assert f"carla: {row['status']}, {row['age_days']} days since the last refresh" in run.stdout


def test_an_empty_last_reviewed_is_filled_before_its_comment(tmp_path: Path) -> None:
    text = (
        "schema_version: 1\nid: d\nname: D\nkind: buyer\nevidence:\n- id: a\n  type: crm\n"
        "  date: 2026-01-01\n  summary: |\n    multi\n    line\n\n# review below\nreview:\n"
        "  last_reviewed:   # to fill\n  owners: [x]\n...\n"
    )
    path = write(tmp_path / "personas", "d.yaml", text)
    code, _, err = review(
        tmp_path, "d", "--evidence-type", "crm", "--summary", "n", "--date", "2026-11-02"
    )
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == text.replace(
        "    line\n\n",
        "    line\n- id: crm-2026-11-02\n  type: crm\n  date: 2026-11-02\n  summary: n\n\n",
    ).replace("last_reviewed:   # to fill", "last_reviewed: 2026-11-02   # to fill")


def test_review_names_the_line_of_an_evidence_that_is_not_a_list(tmp_path: Path) -> None:
    # "personas/carla.yaml: 'evidence' is not a list": no line to jump to.
    text = "schema_version: 1\nid: carla\nname: C\nkind: user\nevidence: none yet\n"
    write(tmp_path / "personas", "carla.yaml", text + "review:\n  - 2026-01-01\n")
    evidence = cli("review", "carla", "--evidence-type", "crm", "--summary", "s", cwd=tmp_path)
    assert evidence.exit_code == 2
    assert "personas/carla.yaml:5:11: 'evidence' is not a list" in evidence.stderr
    review = cli("review", "carla", "--no-evidence", cwd=tmp_path)
    assert review.exit_code == 2
    assert "personas/carla.yaml:7:3: 'review' is not a mapping" in review.stderr
