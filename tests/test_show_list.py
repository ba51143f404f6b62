"""`persona list` and `persona show`: goldens, filters, the JSON shape, ages from a real git
repository, unreadable files, unknown ids, escaping and plain output. Real files in temp
dirs, the real CLI, no mocks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_golden import CASES, outputs, workspace
from tests.conftest import EXAMPLES, MINIMAL, cli, git_in, run_persona, write
from tests.regenerate_golden import GOLDEN

CLI_GOLDEN = GOLDEN / "cli"

DRAFT = """\
schema_version: 1
id: {id}
name: {name}
kind: {kind}
status: {status}
review:
  owners: [{owner}]
  last_reviewed: 2026-01-10
"""


def persona(folder: Path, ident: str, **fields: str) -> Path:
    values = {
        "id": ident,
        "name": "Test Persona",
        "kind": "buyer",
        "status": "draft",
        "owner": "maria@example.com",
        **fields,
    }
    return write(folder, f"{ident}.yaml", DRAFT.format(**values))


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder outside git with personas/ holding a copy of the examples."""
    shutil.copytree(EXAMPLES / "personas", tmp_path / "personas")
    return tmp_path


# --- goldens ----------------------------------------------------------------------------------


def test_goldens_match() -> None:
    current = outputs()
    assert sorted(p.name for p in CLI_GOLDEN.iterdir()) == sorted(CASES), "run `make golden`"
    for name, text in current.items():
        assert text == (CLI_GOLDEN / name).read_text("utf-8"), (
            f"tests/golden/cli/{name} differs; run `make golden` and review the diff"
        )


def test_show_goldens_fit_80_columns_without_escape_codes() -> None:
    for name in CASES:
        if name.startswith("show") and name.endswith(".txt"):
            text = (CLI_GOLDEN / name).read_text("utf-8")
            assert "\x1b" not in text
            assert max(len(line.rstrip()) for line in text.splitlines()) <= 80, name


def test_show_prints_markup_literally_and_marks_inherited_values() -> None:
    text = (CLI_GOLDEN / "show-individual.txt").read_text("utf-8")
    assert "Carla Diaz at Acme Bank [bold]CISO[/]" in text
    assert "[red]three[/red]" in text
    assert "Repeating the [/] audit finding" in text
    # Wholly inherited panels say so in the title; mixed panels mark each inherited field.
    assert "Role · ↳ inherited from ciso-risk-averse" in text
    assert "↳ inherited from ciso-risk-averse" in text.split("Whole person")[1]
    assert "extends       ciso-risk-averse" in text


def test_show_json_records_merge_and_inheritance() -> None:
    import json

    data = json.loads((CLI_GOLDEN / "show-individual.json").read_text("utf-8"))
    assert data["version"] == 1
    assert data["extends"] == ["ciso-risk-averse"]
    assert data["inherited"]["role.titles"] == "ciso-risk-averse"
    assert "whole_person.fears" not in data["inherited"]  # overridden by the profile
    assert data["persona"]["whole_person"]["trust"] == "cautious"
    assert data["persona"]["role"]["titles"][0] == "CISO"  # merged from the parent
    assert data["completeness"]["score"] == 1.0
    assert data["gaps"] == []
    assert data["age"] is None


def test_show_marks_gaps_and_never_draws_an_empty_panel() -> None:
    text = (CLI_GOLDEN / "show-proto-persona.txt").read_text("utf-8")
    assert "✗ 26 gaps marked below" in text
    assert "Sales lens: resolves hesitation · ✗ 5 missing" in text
    assert "unspoken objection      ✗ missing: what they will think but not say aloud" in text
    assert "proto-persona (a draft)" in text
    for panel in text.split("╭─")[1:]:
        body = [line for line in panel.splitlines()[1:] if line.startswith("│")]
        assert any(line.strip("│ ") for line in body), panel


# --- persona list -----------------------------------------------------------------------------


def test_list_json_shape_is_stable() -> None:
    with workspace() as work:
        run = cli("list", "--format", "json", cwd=work)
    assert run.exit_code == 0, run.stderr
    document = run.json()
    assert set(document) == {"version", "personas"}
    assert document["version"] == 1
    for row in document["personas"]:
        assert set(row) == {
            "id",
            "path",
            "name",
            "kind",
            "status",
            "owners",
            "completeness",
            "age",
            "problem",
        }
        assert row["age"] is None  # a temp folder: not inside a git repository
    assert [row["id"] for row in document["personas"]] == sorted(
        row["id"] for row in document["personas"]
    )


def test_list_completeness_is_lints_score() -> None:
    with workspace() as work:
        listed = cli("list", "--format", "json", "--no-age", cwd=work).json()
        linted = cli("lint", "--format", "json", "personas", cwd=work).json()
    scores = {row["path"]: row["completeness"] for row in linted["personas"]}
    assert {row["path"]: row["completeness"] for row in listed["personas"]} == scores
    assert scores["personas/proto-persona.yaml"] < 0.2
    assert scores["personas/carla-at-acme-bank.yaml"] == 1.0  # merged with its parent


def test_list_filters(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    persona(folder, "buyer-a", owner="maria@example.com")
    persona(folder, "buyer-b", status="validated", owner="Sam@example.com")
    persona(folder, "user-a", kind="user", owner="jordan.kim@example.com")
    persona(folder, "colleague", kind="internal", status="validated")

    def ids(*args: str) -> list[str]:
        run = cli("list", "--no-age", "--format", "json", *args, cwd=tmp_path)
        assert run.exit_code == 0, run.stderr
        return [row["id"] for row in run.json()["personas"]]

    assert ids("--kind", "buyer") == ["buyer-a", "buyer-b"]
    assert ids("--kind", "user,internal") == ["colleague", "user-a"]
    assert ids("--kind", "user", "--kind", "internal") == ["colleague", "user-a"]
    assert ids("--owner", "JORDAN.KIM@example.com") == ["user-a"]
    assert ids("--owner", "sam@example.com", "--owner", "jordan.kim@example.com") == [
        "buyer-b",
        "user-a",
    ]
    assert ids("--status", "validated") == ["buyer-b", "colleague"]
    assert ids("--status", "validated", "--kind", "buyer") == ["buyer-b"]
    assert ids("--owner", "sam@example.com", "--kind", "user") == []


def test_list_and_show_leave_segment_files_out(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    persona(folder, "buyer-a")
    write(folder, "fintech.yaml", "schema_version: 1\nid: fintech\nname: Fintech\nkind: segment\n")
    run = cli("list", "--no-age", "--format", "json", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert [row["id"] for row in run.json()["personas"]] == ["buyer-a"]
    assert cli("show", "fintech", cwd=tmp_path).exit_code == 2


def test_list_empty_result_and_owner_near_miss(work: Path) -> None:
    run = cli("list", "--no-age", "--owner", "jordan.kim@exmple.com", cwd=work)
    assert run.exit_code == 0
    assert run.stdout.startswith("0 personas matched the filters.")
    assert "did you mean 'jordan.kim@example.com'?" in run.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "byuer"], "--kind: 'byuer' is not one of buyer, user, internal, individual"),
        (["--status", "valid"], "--status: 'valid' is not one of draft, validated, retired"),
        (["--sort", "name"], "Invalid value for '--sort'"),
        (["--format", "yaml"], "'yaml' is not one of text, json, markdown"),
    ],
)
def test_list_bad_option_values(work: Path, args: list[str], message: str) -> None:
    run = run_persona("list", *args, cwd=work)
    assert run.exit_code == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_list_bad_kind_suggests_the_near_miss(work: Path) -> None:
    run = cli("list", "--kind", "byuer", cwd=work)
    assert run.exit_code == 2
    assert "did you mean 'buyer'?" in run.stderr


def test_list_skips_retired_like_lint(work: Path) -> None:
    persona(work / "personas", "old-buyer", status="retired")
    run = cli("list", "--no-age", cwd=work)
    assert "old-buyer" not in run.stdout
    assert "1 retired not shown (--include-retired)" in run.stdout
    assert "old-buyer" in cli("list", "--no-age", "--include-retired", cwd=work).stdout
    assert "old-buyer" in cli("list", "--no-age", "--status", "retired", cwd=work).stdout
    write(work, ".persona.toml", "include-retired = true\n")
    assert "old-buyer" in cli("list", "--no-age", cwd=work).stdout


def test_list_reports_unreadable_and_invalid_files_and_exits_2(work: Path) -> None:
    write(work, "personas/broken.yaml", "schema_version: 1\nid: broken\nname: [unclosed\n")
    persona(work / "personas", "bad-kind", kind="byuer")
    run = cli("list", "--no-age", cwd=work)
    assert run.exit_code == 2
    assert "ciso-risk-averse" in run.stdout  # the rest is still listed
    lines = run.stdout.splitlines()
    assert any(line.startswith("broken ") and "✗ unreadable" in line for line in lines)
    assert any(line.startswith("bad-kind ") and "✗ invalid" in line for line in lines)
    assert "✗ personas/broken.yaml:3:16: Y001 " in run.stdout
    assert "✗ personas/bad-kind.yaml:4:7: " in run.stdout
    document = cli("list", "--no-age", "--format", "json", cwd=work)
    assert document.exit_code == 2
    rows = {row["id"]: row for row in document.json()["personas"]}
    assert rows["broken"]["problem"]["line"] == 3
    assert rows["broken"]["kind"] is None and rows["broken"]["completeness"] is None
    assert rows["bad-kind"]["problem"]["code"].startswith("S")
    assert rows["ciso-risk-averse"]["problem"] is None


def test_list_unknown_parent_is_a_problem(work: Path) -> None:
    write(
        work,
        "personas/carla.yaml",
        "schema_version: 1\nid: carla\nname: Carla\nkind: individual\nextends: cisco-risk-averse\n",
    )
    run = cli("list", "--no-age", "--format", "json", cwd=work)
    assert run.exit_code == 2
    row = next(r for r in run.json()["personas"] if r["id"] == "carla")
    assert row["completeness"] is None
    assert "did you mean 'ciso-risk-averse'?" in row["problem"]["message"]


def test_list_outside_git_says_so_once(work: Path) -> None:
    run = cli("list", cwd=work)
    assert run.exit_code == 0
    assert run.stdout.count("not a git repository") == 1
    assert all(line.endswith("  -") for line in run.stdout.splitlines()[1:6])


def test_list_markdown_escapes_cells(work: Path) -> None:
    persona(work / "personas", "pipe", name="A | B <b>")
    run = cli("list", "--no-age", "--format", "markdown", cwd=work)
    assert "| A \\| B &lt;b&gt; |" in run.stdout


def test_list_formats_match_the_registry() -> None:
    from persona_cli.reporters import LIST_FORMATS
    from persona_cli.reporters.listing import LIST_REPORTERS

    assert set(LIST_FORMATS) == set(LIST_REPORTERS)


# --- ages from a real repository --------------------------------------------------------------


def test_list_and_show_ages_from_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = repo / "personas"
    folder.mkdir(parents=True)
    git_in(repo, "init", "-q", "-b", "main")
    persona(folder, "old", owner="a@example.com")
    persona(folder, "recent", owner="b@example.com")
    git_in(repo, "add", "personas/old.yaml")
    git_in(repo, "commit", "-q", "-m", "old", date="2025-01-01T12:00:00+00:00")
    git_in(repo, "add", "personas/recent.yaml")
    git_in(repo, "commit", "-q", "-m", "recent", date="2026-05-01T12:00:00+00:00")
    persona(folder, "new")  # never committed

    run = cli("list", "--now", "2026-06-01", "--sort", "age", "--format", "json", cwd=repo)
    assert run.exit_code == 0, run.stderr
    rows = run.json()["personas"]
    assert [row["id"] for row in rows] == ["old", "recent", "new"]
    # last_reviewed 2026-01-10 is later than the 2025 commit: refreshed then (as persona age).
    assert rows[0]["age"] == {"status": "aging", "age_days": 142, "refreshed": "2026-01-10"}
    assert rows[1]["age"] == {"status": "fresh", "age_days": 31, "refreshed": "2026-05-01"}
    assert rows[2]["age"]["status"] == "untracked"
    text = cli("list", "--now", "2026-06-01", cwd=repo).stdout
    assert "aging 142d" in text and "untracked" in text

    ages = cli("age", "--now", "2026-06-01", "--format", "json", cwd=repo).json()
    assert {r["id"]: r["status"] for r in ages["personas"]} == {
        row["id"]: row["age"]["status"] for row in rows
    }

    shown = cli("show", "old", "--now", "2026-06-01", cwd=repo)
    assert shown.exit_code == 0, shown.stderr
    assert "aging, 142 days since the last refresh (2026-01-10)" in shown.stdout


# --- persona show -------------------------------------------------------------------------------


def test_show_unknown_id_suggests_near_misses(work: Path) -> None:
    run = run_persona("show", "ciso-risk-avers", cwd=work)
    assert run.exit_code == 2
    assert run.stderr.startswith("persona: error: no persona 'ciso-risk-avers'")
    assert "did you mean 'ciso-risk-averse'?" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    unknown = run_persona("show", "zzz", cwd=work)
    assert unknown.exit_code == 2
    assert "run 'persona list' for the ids" in unknown.stderr


def test_show_by_path_and_by_id_agree(work: Path) -> None:
    by_id = cli("show", "vp-engineering", "--no-age", cwd=work)
    by_path = cli("show", "personas/vp-engineering.yaml", "--no-age", cwd=work)
    assert by_id.exit_code == by_path.exit_code == 0
    assert by_id.stdout == by_path.stdout


def test_show_invalid_persona_names_file_and_line(work: Path) -> None:
    persona(work / "personas", "bad-kind", kind="byuer")
    run = run_persona("show", "bad-kind", cwd=work)
    assert run.exit_code == 2
    assert run.stderr.startswith("persona: error: personas/bad-kind.yaml:4:7: ")
    assert "run persona lint personas/bad-kind.yaml" in run.stderr


def test_show_plain_without_a_terminal_and_colour_when_forced(work: Path) -> None:
    plain = run_persona("show", "ciso-risk-averse", "--no-age", cwd=work)
    assert plain.exit_code == 0
    assert "\x1b" not in plain.stdout
    assert "Cautious Carla, CISO" in plain.stdout
    coloured = run_persona("show", "ciso-risk-averse", "--no-age", "--color", cwd=work)
    assert "\x1b[" in coloured.stdout


def test_show_neutralises_control_characters(work: Path) -> None:
    write(
        work,
        "personas/evil.yaml",
        'schema_version: 1\nid: evil\nname: "Eve \\e[31mred\\e[0m \\a"\nkind: buyer\n'
        'summary: "[link=file:///etc/passwd]x[/link] \\e]0;title\\a"\n',
    )
    run = cli("show", "evil", "--no-age", cwd=work)
    assert run.exit_code == 0, run.stderr
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout
    assert "Eve \\x1b[31mred\\x1b[0m \\x07" in run.stdout
    assert "[link=file:///etc/passwd]x[/link]" in run.stdout
    listed = cli("list", "--no-age", cwd=work)
    assert "Eve \\x1b[31mred\\x1b[0m \\x07" in listed.stdout
    assert "\x1b" not in listed.stdout


def test_show_gap_for_missing_owner_and_review(work: Path) -> None:
    write(work, "personas/bare.yaml", MINIMAL.format(id="bare"))
    run = cli("show", "bare", "--no-age", cwd=work)
    assert run.exit_code == 0, run.stderr
    assert "owners        ✗ none" in run.stdout
    assert "reviewed      ✗ never" in run.stdout
    assert "Whole person · ✗ 5 missing" in run.stdout
    assert "Evidence · ✗ 1 missing" in run.stdout


def test_show_json_for_a_buyer(work: Path) -> None:
    run = cli("show", "cfo-mid-market", "--format", "json", "--no-age", cwd=work)
    assert run.exit_code == 0, run.stderr
    data = run.json()
    assert data["id"] == "cfo-mid-market"
    assert data["path"] == "personas/cfo-mid-market.yaml"
    assert data["extends"] == [] and data["inherited"] == {}
    assert data["persona"]["review"]["last_reviewed"] == "2026-10-28"
    assert set(data["completeness"]["parts"]) == {
        "emotional",
        "risk",
        "marketing",
        "sales",
        "product",
        "support",
        "evidence",
    }


def test_show_team_keeps_one_lens(work: Path) -> None:
    run = cli("show", "ciso-risk-averse", "--no-age", "--team", "sales", cwd=work)
    assert run.exit_code == 0, run.stderr
    assert "Sales lens" in run.stdout
    assert "Marketing lens" not in run.stdout and "Support lens" not in run.stdout
    assert "Whole person" in run.stdout and "Evidence" in run.stdout
    bad = cli("show", "ciso-risk-averse", "--team", "sale", cwd=work)
    assert bad.exit_code == 2
    assert "--team: 'sale' is not one of marketing, sales, product, support" in bad.stderr
    assert "did you mean 'sales'?" in bad.stderr


def test_show_extends_cycle_points_at_the_extends_line(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "invalid" / "extends-cycle", tmp_path / "personas")
    run = cli("show", "cycle-a", cwd=tmp_path)
    assert run.exit_code == 2
    assert "personas/cycle-a.yaml:7:10: I004 extends loops back on itself" in run.stderr
    assert "break the chain at one persona" in run.stderr
    listed = cli("list", "--no-age", cwd=tmp_path)
    assert listed.exit_code == 2
    assert "✗ personas/cycle-b.yaml:7:10: I004 " in listed.stdout


def test_an_invalid_parent_is_named_as_such(work: Path) -> None:
    persona(work / "personas", "parent", kind="byuer")
    write(
        work,
        "personas/child.yaml",
        "schema_version: 1\nid: child\nname: Child\nkind: individual\nextends: parent\n",
    )
    run = cli("show", "child", cwd=work)
    assert run.exit_code == 2
    assert "personas/child.yaml:5:10: I005 extends 'parent', which is not a valid persona" in (
        run.stderr
    )
    assert "fix that file first (persona lint personas/parent.yaml says why)" in run.stderr


def test_show_and_review_hints_quote_a_path_with_spaces(tmp_path: Path) -> None:
    # "run persona fmt my personas/carla.yaml first" cannot be pasted into a shell.
    folder = tmp_path / "my personas"
    write(folder, "carla.yaml", "schema_version: 1\nid: carla\nname: C\nkind: user\n")
    with (folder / "carla.yaml").open("a") as stream:
        stream.write("evidence: [{id: a, type: crm, date: 2026-01-01, summary: s}]\n")
    write(folder, "bad.yaml", "schema_version: 1\nid: bad\nname: B\nkind: alien\n")
    review = cli(
        "review", "my personas/carla.yaml", "--evidence-type", "crm", "--summary", "s", cwd=tmp_path
    )
    assert review.exit_code == 2
    assert "run persona fmt 'my personas/carla.yaml' first" in review.stderr
    show = cli("show", "my personas/bad.yaml", cwd=tmp_path)
    assert show.exit_code == 2
    assert "run persona lint 'my personas/bad.yaml' for every problem" in show.stderr


def test_show_keeps_summary_paragraphs_and_prints_job_statements_as_written(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "personas",
        "ops-lead.yaml",
        """\
        schema_version: 1
        id: ops-lead
        name: Ops Lead
        kind: user
        summary: |-
          Runs the floor
          every day.

          Second paragraph.
        jobs_to_be_done:
          - want: 'Manage, coordinate, and facilitate the plan'
          - want: I want to see every open ticket
          - want: to close the month on time
          - when: the quarter closes
            want: I am the one who signs off
        """,
    )
    run = cli("show", "ops-lead", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "Runs the floor every day.\n\nSecond paragraph.\n" in run.stdout
    assert "Manage, coordinate, and facilitate the plan" in run.stdout
    assert "I want Manage" not in run.stdout
    assert "I want I want" not in run.stdout
    assert "I want to see every open ticket" in run.stdout
    assert "I want to close the month on time" in run.stdout
    assert "When the quarter closes: I am the one who signs off" in run.stdout
