"""`teams`: who a persona is written for decides what lint asks of it, what completeness
counts, which briefings `render --team all` writes and which heatmap cells are n/a."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from persona_cli.domain import teams as team_choice
from tests.conftest import cli, run_persona, write

#: The buying-decision rules: trust, risk tolerance, adoption, awareness, committee role,
#: proof.
BUYING = {"W005", "R001", "R002", "R003", "R004", "R005"}
#: Lens-field rules by team (L001/L002 are lens-level, reported per team in the message).
LENS = {
    "marketing": {"L003", "L004", "R011", "R012"},
    "sales": {"L005", "R013", "R014", "R015", "R016"},
    "product": {"L006", "L007", "L008", "R017", "R018"},
    "support": {"L009", "L010", "R019"},
}


def persona(ident: str, kind: str, teams: str | None = None, extends: str | None = None) -> str:
    lines = [
        "schema_version: 1",
        f"id: {ident}",
        f"name: {ident.title()}",
        f"kind: {kind}",
        "summary: Someone.",
    ]
    if teams is not None:
        lines.append(f"teams: {teams}")
    if extends is not None:
        lines.append(f"extends: {extends}")
    return "\n".join(lines) + "\n"


def lint_json(folder: Path) -> dict[str, object]:
    run = cli("lint", "--format", "json", "--fail-on", "never", "personas", cwd=folder)
    assert run.exit_code == 0, run.stderr
    data: dict[str, object] = run.json()
    return data


def codes_by_file(data: dict[str, object]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in data["findings"]:  # type: ignore[attr-defined]
        found.setdefault(Path(finding["path"]).stem, set()).add(finding["code"])
    return found


def lens_messages(data: dict[str, object], stem: str) -> set[str]:
    """The teams named by L001 findings of one file."""
    return {
        team
        for finding in data["findings"]  # type: ignore[attr-defined]
        if finding["code"] == "L001" and Path(finding["path"]).stem == stem
        for team in team_choice.LENS_TEAMS
        if f"the {team} lens" in finding["message"]
    }


def scores(data: dict[str, object]) -> dict[str, dict[str, object]]:
    return {Path(s["path"]).stem: s for s in data["personas"]}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("kind", "teams", "buying", "lenses"),
    [
        ("buyer", None, True, {"marketing", "sales", "product", "support"}),
        ("user", None, True, {"marketing", "product", "support"}),
        ("buyer", "[product]", False, {"product"}),
        ("user", "[product, support]", False, {"product", "support"}),
        ("buyer", "[sales]", True, {"sales"}),
        ("user", "[marketing]", True, {"marketing"}),
        ("user", "[sales]", True, set()),  # a user has no sales lens to fill
        ("buyer", "[product, finance]", False, {"product"}),
    ],
)
def test_rules_ask_only_what_the_teams_read(
    tmp_path: Path, kind: str, teams: str | None, buying: bool, lenses: set[str]
) -> None:
    write(tmp_path, "personas/p.yaml", persona("p", kind, teams))
    data = lint_json(tmp_path)
    found = codes_by_file(data)["p"]
    # A user has no committee role to state (R004 is for buying kinds only).
    buying_codes = BUYING if kind == "buyer" else BUYING - {"R004"}
    assert found & BUYING == (buying_codes if buying else set())
    for team, codes in LENS.items():
        expected = codes if team in lenses else set()
        assert found & codes == expected, team
    assert lens_messages(data, "p") == lenses
    # The core is asked of everyone.
    assert {"W001", "W002", "W003", "W004"} <= found


def test_completeness_counts_only_the_teams_fields(tmp_path: Path) -> None:
    product = textwrap.dedent(
        """\
        schema_version: 1
        id: clerk
        name: Council Clerk
        kind: buyer
        teams: [product]
        whole_person:
          motivations: [a quiet inbox]
          fears: [a complaint to the ombudsman]
          career_ambitions: [run the service desk]
          external_pressures: [statutory deadlines]
        lenses:
          product:
            onboarding_risks: [forms that time out]
            churn_triggers: [lost drafts]
            success_signals: [requests closed in a week]
            tradeoffs_accepted: [fewer options]
            tradeoffs_rejected: [paper forms]
        evidence:
          - {id: desk-visits, type: interview, date: 2026-10-01, summary: Six clerks observed}
        """
    )
    write(tmp_path, "personas/clerk.yaml", product)
    everyone = product.replace("teams: [product]\n", "").replace("id: clerk", "id: full")
    write(tmp_path, "personas/full.yaml", everyone)
    found = scores(lint_json(tmp_path))
    assert found["clerk"]["completeness"] == 1.0
    assert set(found["clerk"]["parts"]) == {"emotional", "risk", "product", "evidence"}  # type: ignore[arg-type]
    assert found["clerk"]["missing"] == []
    # The same fields without `teams`: 10 of the 28 fields a buyer is counted on.
    assert found["full"]["completeness"] == pytest.approx(10 / 28, abs=0.001)


def test_config_default_by_kind_and_by_path_and_persona_wins(tmp_path: Path) -> None:
    write(
        tmp_path,
        ".persona.toml",
        """\
        [teams-by-kind]
        user = ["product"]

        [teams-by-path]
        "personas/public/**" = ["support"]
        """,
    )
    write(tmp_path, "personas/by-kind.yaml", persona("by-kind", "user"))
    write(tmp_path, "personas/buyer.yaml", persona("buyer", "buyer"))
    write(tmp_path, "personas/public/by-path.yaml", persona("by-path", "user"))
    write(tmp_path, "personas/public/own.yaml", persona("own", "user", "[marketing]"))
    data = lint_json(tmp_path)
    found = codes_by_file(data)
    assert lens_messages(data, "by-kind") == {"product"}
    assert not BUYING & found["by-kind"]
    assert lens_messages(data, "buyer") == {"marketing", "sales", "product", "support"}
    assert lens_messages(data, "by-path") == {"support"}
    assert lens_messages(data, "own") == {"marketing"}
    assert BUYING - {"R004"} <= found["own"]  # a user has no committee role to state


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[teams-by-kind]\nuser = ["Product"]\n', "bad team name 'Product'"),
        ('[teams-by-kind]\nclient = ["product"]\n', "teams-by-kind"),
        ('teams-by-path = ["product"]\n', "teams-by-path"),
    ],
)
def test_bad_team_config_is_one_line(tmp_path: Path, toml: str, message: str) -> None:
    write(tmp_path, ".persona.toml", toml)
    write(tmp_path, "personas/p.yaml", persona("p", "user"))
    run = run_persona("lint", "personas", cwd=tmp_path)
    assert run.exit_code == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) <= 2
    assert "Traceback" not in run.stderr


def test_a_child_inherits_its_parents_teams(tmp_path: Path) -> None:
    write(tmp_path, "personas/parent.yaml", persona("parent", "buyer", "[product]"))
    write(tmp_path, "personas/child.yaml", persona("child", "buyer", extends="parent"))
    write(tmp_path, "personas/other.yaml", persona("other", "buyer", "[sales]", "parent"))
    write(
        tmp_path,
        "personas/added.yaml",
        persona("added", "buyer", extends="parent") + "add:\n  teams: [support]\n",
    )
    data = lint_json(tmp_path)
    assert lens_messages(data, "added") == {"product", "support"}
    assert lens_messages(data, "child") == {"product"}
    assert not BUYING & codes_by_file(data)["child"]
    assert lens_messages(data, "other") == {"sales"}


def test_unknown_team_is_reported_with_a_close_match(tmp_path: Path) -> None:
    write(tmp_path, "personas/p.yaml", persona("p", "user", "[product, sale, finance]"))
    run = cli("lint", "--select", "M004", "personas", cwd=tmp_path)
    lines = [line for line in run.stdout.splitlines() if "M004" in line]
    assert len(lines) == 2
    assert "team 'sale'" in lines[0] and "did you mean 'sales'?" in lines[0]
    assert "team 'finance'" in lines[1] and "custom-teams" in lines[1]
    write(tmp_path, ".persona.toml", '[rules.M004]\ncustom-teams = ["finance"]\n')
    run = cli("lint", "--select", "M004", "personas", cwd=tmp_path)
    assert [line for line in run.stdout.splitlines() if "M004" in line] == [
        line for line in lines if "'sale'" in line
    ]


def test_render_all_briefs_exactly_the_personas_teams(tmp_path: Path) -> None:
    write(tmp_path, "personas/clerk.yaml", persona("clerk", "buyer", "[product, support]"))
    write(tmp_path, "personas/buyer.yaml", persona("buyer", "buyer"))
    out = tmp_path / "out"
    run = cli("render", "--team", "all", "--out", out, "--no-age", "personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    briefed: dict[str, set[str]] = {}
    for path in out.glob("*/*.md"):
        if path.stem != "index":
            briefed.setdefault(path.stem, set()).add(path.parent.name)
    assert briefed["clerk"] == {"overview", "product", "support"}
    assert briefed["buyer"] == {"overview", "marketing", "sales", "product", "support"}


def test_render_all_follows_the_configured_default_as_lint_does(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", '[teams-by-kind]\nbuyer = ["sales"]\n')
    write(tmp_path, "personas/buyer.yaml", persona("buyer", "buyer"))
    write(tmp_path, "personas/own.yaml", persona("own", "buyer", "[product]"))
    out = tmp_path / "out"
    run = cli("render", "--team", "all", "--out", out, "--no-age", "personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    briefed: dict[str, set[str]] = {}
    for path in out.glob("*/*.md"):
        if path.stem not in ("index", "README"):
            briefed.setdefault(path.stem, set()).add(path.parent.name)
    assert briefed == {"buyer": {"overview", "sales"}, "own": {"overview", "product"}}


def test_render_one_team_the_persona_is_not_written_for(tmp_path: Path) -> None:
    write(tmp_path, "personas/clerk.yaml", persona("clerk", "buyer", "[product]"))
    run = run_persona("render", "--team", "sales", "--no-age", "personas", cwd=tmp_path)
    assert run.exit_code == 2
    assert "not written for sales" in run.stderr
    # Named by id, it is briefed anyway, as a kind the team does not brief is.
    run = cli("render", "--team", "sales", "--no-age", "clerk", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "Clerk" in run.stdout


def test_report_heatmap_shows_na_for_other_teams(tmp_path: Path) -> None:
    from persona_cli.io.discovery import discover
    from persona_cli.io.settings import Settings
    from persona_cli.lint.engine import Engine, lint
    from persona_cli.verbs.report.sections import heat_row

    write(tmp_path, "personas/clerk.yaml", persona("clerk", "buyer", "[product]"))
    write(tmp_path, "personas/buyer.yaml", persona("buyer", "buyer"))
    result = lint(
        discover(["personas"], cwd=tmp_path),
        engine=Engine.build(Settings(), today=dt.date(2026, 11, 22)),
        jobs=1,
    )
    rows = {score.id: heat_row(score, "#") for score in result.personas}
    clerk = {cell.column: cell.state for cell in rows["clerk"].cells}
    assert clerk["product"] == "missing"
    for column in ("marketing", "sales", "support", "decision"):
        assert clerk[column] == "not_applicable", column
    buyer = {cell.column: cell.state for cell in rows["buyer"].cells}
    assert "not_applicable" not in buyer.values()
