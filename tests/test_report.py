"""`persona report`: the dashboard's data (the same judgements as age, lint and log), its
escaping, links, determinism, and the JSON shape; real files and real git repositories."""

from __future__ import annotations

import fnmatch
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from persona_cli.domain.result import PersonaScore
from persona_cli.reporters import svg
from persona_cli.verbs.report.links import Linker
from persona_cli.verbs.report.records import COLUMNS
from persona_cli.verbs.report.sections import heat_row
from tests.conftest import EXAMPLE_SEGMENT, ROOT, GitRepo, cli, copy_examples, run_persona
from tests.test_age import persona

NOW = "2026-06-01"
HOSTILE = "<script>alert(1)</script> {{ 7*7 }} & 'quotes'"


def internal(ident: str, name: str = "Enablement Erin") -> str:
    return (
        f"schema_version: 1\nid: {ident}\nname: {json.dumps(name)}\nkind: internal\n"
        "whole_person:\n  fears: [Reps ignore the new playbook]\n"
        "review:\n  owners: [erin@example.com]\n"
    )


def segment(ident: str, seats: list[tuple[str, str, int]]) -> str:
    lines = [
        "schema_version: 1",
        f"id: {ident}",
        "name: Mid-market fintech",
        "kind: segment",
        "description: Fintechs of 250 to 900 people.",
        "committee:",
    ]
    for member, role, influence in seats:
        lines += [f"  - persona: {member}", f"    role: {role}", f"    influence: {influence}"]
    lines += ["review:", "  owners: [maria@example.com]"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """Two personas and a segment: Carla created in January and given a new fear in March
    (a reformat in between), Erin (internal) created in May."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla", interval=90))
    repo.commit("Add Carla", "2026-01-10T09:00:00+00:00")
    repo.write(
        "personas/carla.yaml",
        "# a comment only\n" + persona("carla", interval=90),
    )
    repo.commit("Comment on Carla", "2026-02-01T09:00:00+00:00")
    fears = ("Being named in a breach disclosure", "Audit findings")
    repo.write("personas/carla.yaml", persona("carla", fears=fears, interval=90))
    repo.commit("Interviews: a new fear", "2026-03-01T09:00:00+00:00")
    repo.write("personas/erin.yaml", internal("erin"))
    repo.write(
        "segments/fintech.yaml",
        segment("fintech", [("carla", "legal_security", 5), ("ghost", "economic_buyer", 4)]),
    )
    repo.commit("Add Erin and the fintech segment", "2026-05-01T09:00:00+00:00")
    return repo


def report_json(root: Path, *args: str) -> dict[str, Any]:
    run = cli("report", "--format", "json", "--now", NOW, *args, cwd=root)
    assert run.exit_code == 0, run.stdout + run.stderr
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def html(root: Path, *args: str, out: str = "out/report") -> str:
    run = cli("report", "--out", out, "--now", NOW, *args, cwd=root)
    assert run.exit_code == 0, run.stdout + run.stderr
    return (root / out / "index.html").read_text(encoding="utf-8")


# --- the data -----------------------------------------------------------------------------------


def test_json_shape_and_every_section(repo: GitRepo) -> None:
    data = report_json(repo.root, "personas", "segments")
    assert list(data) == [
        "version",
        "now",
        "freshness",
        "completeness",
        "findings",
        "segments",
        "changes",
        "warnings",
    ]
    assert (data["version"], data["now"]) == (1, NOW)
    # Freshness is `persona age`'s judgement: Carla changed 2026-03-01, limit 90 -> stale.
    rows = {row["id"]: row for g in data["freshness"]["groups"] for row in g["personas"]}
    assert rows["carla"]["status"] == "stale"
    assert (rows["carla"]["age_days"], rows["carla"]["interval_days"]) == (92, 90)
    assert rows["carla"]["last_changed"] == "2026-03-01"
    assert rows["erin"]["status"] == "fresh"
    assert rows["fintech"]["kind"] == "segment"
    owners = [group["owners"] for group in data["freshness"]["groups"]]
    assert owners == ["maria@example.com", "erin@example.com"]
    # Completeness is kind aware: an internal persona's lenses are not applicable.
    heat = {row["id"]: row for row in data["completeness"]["personas"]}
    assert data["completeness"]["columns"] == list(COLUMNS)
    erin = {cell["column"]: cell["state"] for cell in heat["erin"]["cells"]}
    assert erin["decision"] == erin["sales"] == "not_applicable"
    carla = {cell["column"]: cell for cell in heat["carla"]["cells"]}
    assert carla["sales"]["state"] == "missing"
    assert carla["sales"]["share"] == 0
    assert "lenses.sales.objections" in carla["sales"]["missing"]
    assert carla["whole_person"]["state"] == "partial"
    # Findings come from the lint engine with the configured rules.
    files = {item["path"]: item for item in data["findings"]["files"]}
    assert "personas/carla.yaml" in files
    first = files["personas/carla.yaml"]["findings"][0]
    assert first["href"] == "personas/carla.yaml"
    assert sum(data["findings"]["counts"].values()) == sum(
        len(item["findings"]) for item in data["findings"]["files"]
    )
    # The committee: the missing persona is marked as such.
    (fintech,) = data["segments"]["segments"]
    members = {m["persona"]: m for m in fintech["committee"]}
    assert members["carla"]["state"] == "ok"
    assert members["carla"]["name"] == "Cautious Carla"
    assert members["ghost"]["state"] == "missing"
    # Changes: the comment-only commit does not count; newest first; section summaries.
    commits = data["changes"]["commits"]
    assert [c["subject"] for c in commits] == [
        "Add Erin and the fintech segment",
        "Interviews: a new fear",
        "Add Carla",
    ]
    assert commits[1]["personas"] == [
        {
            "id": "carla",
            "path": "personas/carla.yaml",
            "summary": commits[1]["personas"][0]["summary"],
        }
    ]
    assert commits[1]["personas"][0]["summary"].startswith("whole_person")
    assert {p["id"] for p in commits[0]["personas"]} == {"erin", "fintech"}
    assert all(p["summary"] == "created" for p in commits[0]["personas"])


def test_findings_agree_with_persona_lint(repo: GitRepo) -> None:
    lint = cli("lint", "--format", "json", "--now", NOW, "personas", "segments", cwd=repo.root)
    report = report_json(repo.root, "personas")
    expected = sorted((f["path"], f["line"], f["code"]) for f in lint.json()["findings"])
    got = sorted(
        (item["path"], f["line"], f["code"])
        for item in report["findings"]["files"]
        for f in item["findings"]
    )
    assert got == expected
    assert got


def test_changes_limit(repo: GitRepo) -> None:
    data = report_json(repo.root, "personas", "--changes", "1")
    assert [c["subject"] for c in data["changes"]["commits"]] == [
        "Add Erin and the fintech segment"
    ]
    assert data["changes"]["limit"] == 1


def test_uncommitted_edit_has_no_age(repo: GitRepo) -> None:
    repo.write("personas/erin.yaml", internal("erin", name="Erin, edited"))
    data = report_json(repo.root, "personas")
    rows = {row["id"]: row for g in data["freshness"]["groups"] for row in g["personas"]}
    assert (rows["erin"]["status"], rows["erin"]["age_days"]) == ("uncommitted", None)
    page = html(repo.root, "personas")
    assert "no age · uncommitted" in page


def test_outside_git_the_git_sections_say_so(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas" / "erin.yaml").write_text(internal("erin"), encoding="utf-8")
    data = report_json(tmp_path, "personas")
    assert data["freshness"]["available"] is False
    assert "not a git repository" in data["freshness"]["note"]
    assert data["changes"]["available"] is False
    assert "not a git repository" in data["changes"]["note"]
    assert data["completeness"]["personas"][0]["id"] == "erin"
    page = html(tmp_path, "personas")
    assert "not a git repository" in page
    assert "no segments" in page


# --- the page -----------------------------------------------------------------------------------


def test_page_is_self_contained_accessible_and_deterministic(repo: GitRepo) -> None:
    first = html(repo.root, "personas", "segments")
    second = html(repo.root, "personas", "segments")
    assert first == second
    assert first.startswith("<!DOCTYPE html>")
    # No script, no external resource: it opens from disk and needs no network.
    assert "<script" not in first.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", first)
    assert "<link" not in first
    # Three kinds of chart, each with a title and a description.
    for ident in ("freshness-chart", "completeness-chart", "committee-1"):
        assert f'id="{ident}"' in first
        assert f'id="{ident}-title"' in first
        assert f'id="{ident}-desc"' in first
    assert first.count('role="img"') == 3
    # Status and shares are text too, not colour only.
    assert "92 / 90 d · stale" in first
    assert ">n/a<" in first
    assert ">0%<" in first
    assert "nobody" in first  # committee columns with no one in them say so
    assert "no such persona" in first
    # The only date is the one given.
    assert f"judged as of {NOW}" in first
    assert re.findall(r"\d{4}-\d\d-\d\d", first.split("<footer>")[1]) == [NOW]


def test_page_template_ships_with_the_package_and_marks_nothing_safe() -> None:
    # The page's markup lives in package templates (not overridable, so no top-level copy);
    # each must be package data, or an installed wheel could not write the page.
    folder = ROOT / "src" / "persona_cli" / "reporters" / "templates"
    names = sorted(path.name for path in folder.iterdir())
    assert "report.html.j2" in names
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["persona_cli"]
    for name in names:
        assert any(fnmatch.fnmatch(f"reporters/templates/{name}", g) for g in globs), name
    # Autoescape does all the escaping: no value is let through as markup by the template.
    for path in folder.glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert "autoescape false" not in text, path.name


def test_jinja_is_loaded_only_to_write_the_page(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    probe = (
        "import sys\n"
        "from persona_cli.cli import app\n"
        "def run(*args):\n"
        "    try:\n"
        "        app(['report', '--now', '2026-06-01', *args])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    return 'jinja2' in sys.modules\n"
        "print(run('--format', 'json', '--jobs', '1'), file=sys.stderr)\n"
        "print(run('--out', 'out', '--jobs', '1'), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert proc.stderr.splitlines()[-2:] == ["False", "True"], proc.stderr
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_links_relative_to_the_report_folder(repo: GitRepo) -> None:
    page = html(repo.root, "personas")
    assert 'href="../../personas/carla.yaml"' in page


def test_link_base_makes_repository_urls_with_lines(repo: GitRepo) -> None:
    base = "https://github.com/org/repo/blob/main/"
    data = report_json(repo.root, "personas", "--link-base", base)
    file = next(f for f in data["findings"]["files"] if f["path"] == "personas/carla.yaml")
    line = next(f for f in file["findings"] if f["line"])
    assert line["href"] == f"{base}personas/carla.yaml#L{line['line']}"
    assert file["href"] == f"{base}personas/carla.yaml"
    # From a subfolder the path is still the repository's.
    sub = report_json(repo.root / "personas", ".", "--link-base", base.rstrip("/"))
    heat = sub["completeness"]["personas"][0]
    assert heat["href"].startswith(f"{base}personas/")


def test_everything_from_files_is_escaped(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/evil.yaml", internal("evil", name=HOSTILE))
    repo.write("segments/seg.yaml", segment("seg", [("evil", "champion", 3)]))
    repo.commit(f"Subject {HOSTILE}", "2026-05-01T09:00:00+00:00")
    page = html(repo.root, "personas", "segments")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ 7*7 }}" in page  # shown as written, never evaluated
    assert "7*7 }}</" in page or "7*7 }} " in page
    assert "&#x27;quotes&#x27;" in page
    data = report_json(repo.root, "personas", "segments")
    assert data["completeness"]["personas"][0]["name"] == HOSTILE


def test_writes_json_file_and_says_so(repo: GitRepo) -> None:
    run = cli("report", "--out", "out/r", "--format", "json", "--now", NOW, cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    written = json.loads((repo.root / "out/r/report.json").read_text(encoding="utf-8"))
    assert written["version"] == 1
    assert "out/r/report.json" in run.stdout


def test_bad_input_exits_2(repo: GitRepo, tmp_path: Path) -> None:
    no_out = run_persona("report", "personas", cwd=repo.root)
    assert no_out.exit_code == 2
    assert "--out is required" in no_out.stderr
    bad_date = run_persona("report", "--out", "o", "--now", "tomorrow", cwd=repo.root)
    assert bad_date.exit_code == 2
    assert "--now: 'tomorrow' is not a date" in bad_date.stderr
    (repo.root / "afile").write_text("x", encoding="utf-8")
    a_file = run_persona("report", "--out", "afile", "personas", cwd=repo.root)
    assert a_file.exit_code == 2
    assert "not a folder" in a_file.stderr
    missing = run_persona("report", "--out", "o", "nowhere", cwd=repo.root)
    assert missing.exit_code == 2
    assert "Traceback" not in missing.stderr
    bad_format = run_persona("report", "--out", "o", "--format", "pdf", cwd=repo.root)
    assert bad_format.exit_code == 2


def test_findings_do_not_fail_the_report(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    run = cli("report", "--out", "r", "--now", NOW, "personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    page = (tmp_path / "r/index.html").read_text(encoding="utf-8")
    assert "personas/broken.yaml" in page
    assert "sev-error" in page


# --- the pure pieces ------------------------------------------------------------------------------


def _score(kind: str, missing: tuple[str, ...]) -> PersonaScore:
    return PersonaScore("p.yaml", "p", "P", kind, "draft", 0.5, {}, missing)


def test_heat_row_is_kind_aware() -> None:
    user = heat_row(_score("user", ("decision.awareness",)), "p.yaml")
    cells = {cell.column: cell for cell in user.cells}
    assert cells["sales"].state == "not_applicable"  # a user does not sign
    assert cells["decision"].state == "partial"
    assert cells["decision"].share == pytest.approx(3 / 4)  # no committee_role for a user
    assert cells["marketing"].state == "complete"
    every = tuple(f"whole_person.{name}" for name in ("motivations", "fears"))
    buyer = heat_row(_score("buyer", every), "p.yaml")
    assert {c.column: c.share for c in buyer.cells}["whole_person"] == pytest.approx(3 / 5)


def test_linker(tmp_path: Path) -> None:
    target = tmp_path / "repo" / "personas" / "x.yaml"
    relative = Linker(out_dir=tmp_path / "repo" / "out" / "report")
    assert relative.href(target, 12) == "../../personas/x.yaml"
    based = Linker(tmp_path, base="https://h/o/r/blob/main", root=tmp_path / "repo")
    assert based.href(target, 12) == "https://h/o/r/blob/main/personas/x.yaml#L12"
    assert based.href(target) == "https://h/o/r/blob/main/personas/x.yaml"


def test_svg_charts_escape_and_label() -> None:
    groups = [
        svg.BarGroup(
            HOSTILE,
            (
                svg.Bar(HOSTILE, 500, 180, "stale", detail=HOSTILE, href='a.yaml?x="1"'),
                svg.Bar("New", None, 180, "untracked"),
            ),
        )
    ]
    chart = svg.freshness_chart(groups)
    assert "<script" not in chart
    assert "&lt;script&gt;" in chart
    assert 'href="a.yaml?x=&quot;1&quot;"' in chart
    assert "500 / 180 d · stale" in chart
    assert "»" in chart  # past the drawn scale
    assert "no age · untracked" in chart
    heat = svg.heatmap([svg.HeatRow("A", (svg.Cell(None), svg.Cell(0.0), svg.Cell(1.0)))], "xyz")
    assert (">n/a<" in heat, ">0%<" in heat, ">100%<" in heat) == (True, True, True)
    room = svg.committee(
        [svg.Band("Decides"), svg.Band("Uses", (svg.Node("Omar", "user", 2, missing=True),))],
        title="T",
        ident="c",
    )
    assert "nobody" in room
    assert 'stroke-dasharray="4 3"' in room
    assert "no such persona" in room
    assert svg.clip("abcdefghijklmnopqrstuvwxyz", 50, 10) == "abcdefg…"


def test_segments_beside_the_persona_folder_are_found(repo: GitRepo) -> None:
    # Only personas/ named: segments/ beside it is read too, as `persona render --segment`
    # finds it, and its file takes part in freshness and history.
    data = report_json(repo.root, "personas")
    assert [s["id"] for s in data["segments"]["segments"]] == ["fintech"]
    rows = {row["id"] for g in data["freshness"]["groups"] for row in g["personas"]}
    assert "fintech" in rows
    default = report_json(repo.root)  # the configured paths (personas/) and segments/
    assert [s["id"] for s in default["segments"]["segments"]] == ["fintech"]


def test_changes_skip_renames_reformats_and_ignored_revisions(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/old.yaml", persona("carla"))
    repo.commit("Add Carla", "2026-01-10T09:00:00+00:00")
    (repo.root / "personas/old.yaml").rename(repo.root / "personas/carla.yaml")
    repo.commit("Move Carla", "2026-02-01T09:00:00+00:00")
    fears = ("Audit findings",)
    repo.write("personas/carla.yaml", persona("carla", fears=fears))
    bulk = repo.commit("Bulk clean-up", "2026-03-01T09:00:00+00:00")
    repo.write(".git-blame-ignore-revs", bulk + "\n")
    repo.write("personas/carla.yaml", persona("carla", fears=fears, reviewed="2026-04-01"))
    repo.commit("Quarterly review", "2026-04-01T09:00:00+00:00")
    data = report_json(repo.root, "personas")
    commits = data["changes"]["commits"]
    assert [c["subject"] for c in commits] == ["Quarterly review", "Add Carla"]
    assert commits[0]["personas"][0]["summary"].startswith("review")
    assert commits[0]["date"] == "2026-04-01T09:00:00+00:00"
    assert commits[0]["author"] == "Maria Lopez"
    # The same commits `persona log` counts.
    log = cli("log", "carla", "--format", "json", cwd=repo.root).json()
    assert [c["commit"] for c in log["commits"]] == [c["commit"] for c in commits]
    none = report_json(repo.root, "personas", "--changes", "0")
    assert (none["changes"]["available"], none["changes"]["commits"]) == (False, [])


def test_every_chart_is_well_formed_svg(repo: GitRepo) -> None:
    from xml.etree import ElementTree

    page = html(repo.root, "personas", "segments")
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    assert len(charts) == 3
    for chart in charts:
        root = ElementTree.fromstring(chart)
        ns = "{http://www.w3.org/2000/svg}"
        assert root.find(f"{ns}title") is not None
        assert root.find(f"{ns}desc") is not None
        assert root.get("role") == "img"


def test_history_walk_stops_when_asked(repo: GitRepo) -> None:
    """`walk(until=...)` ends the one `git log` early; `persona report` asks it to stop once
    it holds the newest N commits that changed a meaning."""
    from persona_cli.git import history, open_repository

    git_repo = open_repository(repo.root)
    try:
        paths = ["personas/carla.yaml", "personas/erin.yaml"]
        calls: list[int] = []

        def stop_after_two(found: object) -> bool:
            calls.append(1)
            return len(calls) == 2

        walked = history.walk(
            git_repo,
            paths,
            blobs=history.Blobs(git_repo),
            stop_when_resolved=False,
            warn=lambda message: None,
            until=stop_after_two,
        )
        full = history.walk(
            git_repo,
            paths,
            blobs=history.Blobs(git_repo),
            stop_when_resolved=False,
            warn=lambda message: None,
        )
    finally:
        git_repo.close()
    assert len(calls) == 2
    # Newest two commits only: Erin's creation, then Carla's new fear; not her older history.
    assert [c.commit.subject for c in walked["personas/carla.yaml"].changes] == [
        "Interviews: a new fear"
    ]
    assert [c.commit.subject for c in full["personas/carla.yaml"].changes] == [
        "Interviews: a new fear",
        "Comment on Carla",
        "Add Carla",
    ]
    assert walked["personas/erin.yaml"].last_change is not None


def test_link_base_links_paths_in_the_repository_when_run_from_outside_it(
    committed_example_set: Path,
) -> None:
    # Was: paths relative to the cwd, e.g. https://x/blob/main/work/segments/... from the
    # folder above the repository.
    run = run_persona(
        "report", "--format", "json", "--now", "2026-11-23",
        "--link-base", "https://gh.example/acme/p/blob/main", "work/personas",
        cwd=committed_example_set.parent,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    report = run.json()
    segment = report["segments"]["segments"][0]
    assert segment["href"] == f"https://gh.example/acme/p/blob/main/{EXAMPLE_SEGMENT}"
    hrefs = {row["href"] for row in report["completeness"]["personas"]}
    assert "https://gh.example/acme/p/blob/main/personas/cfo-mid-market.yaml" in hrefs


def test_report_names_an_invalid_segment_instead_of_saying_there_is_none(
    example_set: Path,
) -> None:
    # Was: note "no segments: no file with kind: segment among the paths" for a segment
    # file with a schema error, which the committee section then silently left out.
    path = example_set / EXAMPLE_SEGMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("influence: 5", "influence: 9", 1), encoding="utf-8")
    run = cli("report", "--format", "json", "--now", "2026-11-23", cwd=example_set)
    assert run.exit_code == 0, run.stderr
    segments = run.json()["segments"]
    assert segments["segments"] == []
    assert segments["note"] == (
        f"not shown, not a valid segment (see the lint findings): {EXAMPLE_SEGMENT}"
    )


def test_report_findings_of_a_segment_file_carry_the_segment_name(example_set: Path) -> None:
    # Was: "name": null for a segment file with findings (the HTML showed its id).
    path = example_set / EXAMPLE_SEGMENT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("persona: platform-engineer", "persona: ghost"), encoding="utf-8")
    run = cli("report", "--format", "json", "--now", "2026-11-23", cwd=example_set)
    assert run.exit_code == 0, run.stderr
    (entry,) = [f for f in run.json()["findings"]["files"] if f["path"] == EXAMPLE_SEGMENT]
    assert (entry["id"], entry["name"]) == ("mid-market-fintech", "Mid-market fintech")
    assert [f["code"] for f in entry["findings"]] == ["C004"]
