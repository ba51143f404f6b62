"""`persona age` on real git repositories made in temp dirs: pinned authors and dates, no mocks.

Each test builds the history it is about (reformat-only commits, renames, ignored revisions,
merges, shallow clones, time zones) and checks the JSON the command prints.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import (
    MINIMAL,
    ROOT,
    GitRepo,
    Run,
    cli,
    git_in,
    init_repo,
    persona_bin,
    persona_env,
    run_persona,
    write,
)


def persona(
    ident: str,
    *,
    fears: tuple[str, ...] = ("Being named in a breach disclosure",),
    owners: tuple[str, ...] = ("maria@example.com",),
    reviewed: str | None = None,
    interval: int | None = None,
) -> str:
    """A small persona in block style; the tests vary its meaning through `fears`."""
    lines = [
        "schema_version: 1",
        f"id: {ident}",
        "name: Cautious Carla",
        "kind: buyer",
        "whole_person:",
        "  fears:",
        *(f"    - {fear}" for fear in fears),
    ]
    review = [f"    - {owner}" for owner in owners]
    lines += ["review:", "  owners:", *review] if owners else ["review:"]
    if reviewed:
        lines.append(f"  last_reviewed: {reviewed}")
    if interval:
        lines.append(f"  interval_days: {interval}")
    return "\n".join(lines) + "\n"


def reformatted(
    ident: str,
    *,
    fears: tuple[str, ...] = ("Being named in a breach disclosure",),
    owners: tuple[str, ...] = ("maria@example.com",),
    reviewed: str | None = None,
    interval: int | None = None,
) -> str:
    """The same meaning as `persona(ident, ...)` written differently: flow style, reversed key
    order, quotes and a comment. Every line differs, so git sees no similarity either."""
    review = [f"owners: [{', '.join(json.dumps(owner) for owner in owners)}]"] if owners else []
    if reviewed:
        review.append(f"last_reviewed: '{reviewed}'")
    if interval:
        review.append(f"interval_days: {interval}")
    lines = [
        "# reformatted: flow style, other key order, quotes and a comment",
        f"review: {{{', '.join(review)}}}",
        f"whole_person: {{fears: [{', '.join(json.dumps(fear) for fear in fears)}]}}",
        "kind: 'buyer'",
        'name: "Cautious Carla"',
        f'id: "{ident}"',
        "schema_version: 1",
    ]
    return "\n".join(lines) + "\n"


def age(repo: Path, *args: str) -> Run:
    return cli("age", *args, cwd=repo)


def ages(repo: Path, *args: str, now: str = "2026-06-01") -> dict[str, dict[str, Any]]:
    run = age(repo, "--format", "json", "--now", now, *args)
    assert run.exit_code == 0, run.stdout + run.stderr
    return {row["id"]: row for row in run.json()["personas"]}


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "repo")


def test_reformat_and_comment_only_commits_do_not_count(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.commit("Add Carla", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", reformatted("carla"))
    repo.commit("Reformat", "2026-03-01T09:00:00+00:00")
    repo.write("personas/carla.yaml", "# a comment\n" + reformatted("carla"))
    repo.commit("Comment", "2026-04-01T09:00:00+00:00")
    row = ages(repo.root)["carla"]
    assert row["last_changed"] == "2026-01-10"
    assert row["age_days"] == (142)
    repo.write("personas/carla.yaml", persona("carla", fears=("Losing the board's trust",)))
    repo.commit("New fear", "2026-05-01T09:00:00+00:00")
    assert ages(repo.root)["carla"]["last_changed"] == "2026-05-01"


def test_renames_are_followed_to_the_last_change_of_meaning(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/paul.yaml", persona("paul"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    (repo.root / "personas/security").mkdir()
    repo.git("mv", "personas/carla.yaml", "personas/security/carla.yaml")
    repo.commit("Move Carla", "2026-02-01T09:00:00+00:00")
    # A move that also reformats: too different for git's similarity index, same meaning.
    (repo.root / "personas/paul.yaml").unlink()
    repo.write("personas/finance/paul.yaml", reformatted("paul"))
    repo.commit("Move and reformat Paul", "2026-02-02T09:00:00+00:00")
    rows = ages(repo.root)
    assert rows["carla"]["last_changed"] == "2026-01-10"
    assert rows["carla"]["path"] == "personas/security/carla.yaml"
    assert rows["paul"]["last_changed"] == "2026-01-10"


def test_blame_ignore_revs_are_honoured(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/paul.yaml", persona("paul"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", fears=("Audit findings",)))
    repo.write("personas/paul.yaml", persona("paul", fears=("Audit findings",)))
    bulk = repo.commit("Bulk rewrite", "2026-03-01T09:00:00+00:00")
    repo.write(".git-blame-ignore-revs", f"# bulk rewrite, not research\n{bulk}\n")
    repo.commit("Ignore the bulk rewrite", "2026-03-02T09:00:00+00:00")
    rows = ages(repo.root)
    assert rows["carla"]["last_changed"] == "2026-01-10"
    # blame.ignoreRevsFile from the git config is read too (an empty file ignores nothing).
    (repo.root / ".git-blame-ignore-revs").unlink()
    repo.write("other-ignores", "")
    repo.git("config", "blame.ignoreRevsFile", "other-ignores")
    assert ages(repo.root)["carla"]["last_changed"] == "2026-03-01"
    repo.write("other-ignores", bulk[:12] + "\n")
    assert ages(repo.root)["paul"]["last_changed"] == "2026-01-10"


def test_uncommitted_and_untracked_personas_get_no_age(repo: GitRepo) -> None:
    for name in ("edited", "staged", "reformatted", "clean"):
        repo.write(f"personas/{name}.yaml", persona(name))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/edited.yaml", persona("edited", fears=("Churn",)))
    repo.write("personas/staged.yaml", persona("staged", fears=("Churn",)))
    repo.git("add", "personas/staged.yaml")
    repo.write("personas/staged.yaml", persona("staged"))  # staged change, tree reverted
    repo.write("personas/reformatted.yaml", reformatted("reformatted"))
    repo.write("personas/new.yaml", persona("new"))
    repo.write("personas/added.yaml", persona("added"))
    repo.git("add", "personas/added.yaml")
    rows = ages(repo.root, now="2026-02-01")
    status = {ident: row["status"] for ident, row in rows.items()}
    assert status == {
        "edited": "uncommitted",
        "staged": "uncommitted",
        "reformatted": "fresh",
        "clean": "fresh",
        "new": "untracked",
        "added": "uncommitted",
    }
    for ident in ("edited", "staged", "new", "added"):
        assert rows[ident]["age_days"] is None
        assert rows[ident]["last_changed"] is None
        assert rows[ident]["refreshed"] is None


def test_a_repository_without_commits_has_only_untracked_personas(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    assert ages(repo.root)["carla"]["status"] == "untracked"


def _history_for_clones(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/paul.yaml", persona("paul"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("README.md", "personas\n")
    repo.commit("Docs", "2026-02-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("Carla", "2026-03-10T09:00:00+00:00")


@pytest.mark.parametrize(
    ("depth", "expected"),
    [
        ("1", {"carla": "unknown", "paul": "unknown"}),
        ("2", {"carla": "fresh", "paul": "unknown"}),
        ("3", {"carla": "fresh", "paul": "fresh"}),
    ],
)
def test_shallow_clones_report_unknown_at_the_boundary(
    repo: GitRepo, tmp_path: Path, depth: str, expected: dict[str, str]
) -> None:
    _history_for_clones(repo)
    clone = tmp_path / "clone"
    git_in(tmp_path, "clone", "-q", "--depth", depth, f"file://{repo.root}", str(clone))
    run = age(clone, "--format", "json", "--now", "2026-04-01")
    assert run.exit_code == 0
    rows = {row["id"]: row for row in run.json()["personas"]}
    assert {ident: row["status"] for ident, row in rows.items()} == expected
    for row in rows.values():
        if row["status"] == "unknown":
            assert row["age_days"] is None
            assert row["last_changed"] is None
        else:
            assert row["last_changed"] == ("2026-03-10" if row["id"] == "carla" else "2026-01-10")
    warnings = [line for line in run.stderr.splitlines() if "shallow" in line]
    if "unknown" in expected.values():
        assert len(warnings) == 1
        assert "fetch-depth: 0" in warnings[0]
        assert "git fetch --unshallow" in warnings[0]
    else:
        assert warnings == []


def test_a_change_merged_from_a_branch_counts_at_the_merge(repo: GitRepo) -> None:
    """First-parent history: the branch commit's own date (older) does not count, the merge's
    does; a change made on main before the merge keeps its own date."""
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/paul.yaml", persona("paul"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "interviews")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("Interviews", "2026-02-01T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("personas/paul.yaml", persona("paul", fears=("Audit",)))
    repo.commit("Paul", "2026-03-01T09:00:00+00:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge interviews", "interviews",
             date="2026-04-01T09:00:00+00:00")  # fmt: skip
    rows = ages(repo.root)
    assert rows["carla"]["last_changed"] == "2026-04-01"
    assert rows["paul"]["last_changed"] == "2026-03-01"


def test_dates_are_utc_days_whatever_the_committer_time_zone(repo: GitRepo) -> None:
    repo.write("personas/west.yaml", persona("west"))
    # 23:30 in San Francisco is already the next day in UTC.
    repo.commit("West", "2026-03-01T23:30:00-07:00")
    repo.write("personas/east.yaml", persona("east"))
    # 08:00 in Tokyo is still the previous day in UTC.
    repo.commit("East", "2026-03-02T08:00:00+09:00")
    rows = ages(repo.root, now="2026-03-10")
    assert (rows["west"]["last_changed"], rows["west"]["age_days"]) == ("2026-03-02", 8)
    assert (rows["east"]["last_changed"], rows["east"]["age_days"]) == ("2026-03-01", 9)


def test_a_review_newer_than_the_last_change_refreshes(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.commit("Add", "2025-06-01T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", reviewed="2026-05-20"))
    repo.commit("Reviewed", "2025-06-02T09:00:00+00:00")
    repo.write("personas/paul.yaml", persona("paul", reviewed="2024-01-01"))
    repo.commit("Paul", "2026-05-01T09:00:00+00:00")
    rows = ages(repo.root)
    assert rows["carla"]["last_changed"] == "2025-06-02"
    assert (rows["carla"]["refreshed"], rows["carla"]["age_days"]) == ("2026-05-20", 12)
    assert rows["carla"]["status"] == "fresh"
    # An old review does not age a persona that changed since.
    assert (rows["paul"]["refreshed"], rows["paul"]["age_days"]) == ("2026-05-01", 31)


def _aging_and_stale(repo: GitRepo) -> None:
    repo.write("personas/stale.yaml", persona("stale"))
    repo.commit("Stale", "2025-10-01T09:00:00+00:00")
    repo.write("personas/aging.yaml", persona("aging", interval=150))
    repo.commit("Aging", "2026-02-01T09:00:00+00:00")
    repo.write("personas/fresh.yaml", persona("fresh"))
    repo.commit("Fresh", "2026-05-01T09:00:00+00:00")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 0),
        (["--fail-on", "never"], 0),
        (["--fail-on", "stale"], 1),
        (["--fail-on", "aging"], 1),
    ],
)
def test_fail_on_exit_codes(repo: GitRepo, args: list[str], code: int) -> None:
    _aging_and_stale(repo)
    run = age(repo.root, "--now", "2026-06-01", *args)
    assert run.exit_code == code, run.stdout + run.stderr


def test_fail_on_stale_passes_when_only_aging(repo: GitRepo) -> None:
    _aging_and_stale(repo)
    (repo.root / "personas/stale.yaml").unlink()
    repo.commit("Drop stale", "2026-05-02T09:00:00+00:00")
    assert age(repo.root, "--now", "2026-06-01", "--fail-on", "stale").exit_code == 0
    assert age(repo.root, "--now", "2026-06-01", "--fail-on", "aging").exit_code == 1


def test_json_shape_is_exact_and_sorted_oldest_first(repo: GitRepo) -> None:
    _aging_and_stale(repo)
    repo.write("personas/draft.yaml", persona("draft", owners=()))
    run = age(repo.root, "--format", "json", "--now", "2026-06-01")
    assert run.exit_code == 0
    assert run.json() == {
        "version": 1,
        "now": "2026-06-01",
        "personas": [
            {
                "id": "stale",
                "path": "personas/stale.yaml",
                "last_changed": "2025-10-01",
                "last_reviewed": None,
                "refreshed": "2025-10-01",
                "age_days": 243,
                "status": "stale",
                "owners": ["maria@example.com"],
                "reason": None,
            },
            {
                "id": "aging",
                "path": "personas/aging.yaml",
                "last_changed": "2026-02-01",
                "last_reviewed": None,
                "refreshed": "2026-02-01",
                "age_days": 120,
                "status": "aging",
                "owners": ["maria@example.com"],
                "reason": None,
            },
            {
                "id": "fresh",
                "path": "personas/fresh.yaml",
                "last_changed": "2026-05-01",
                "last_reviewed": None,
                "refreshed": "2026-05-01",
                "age_days": 31,
                "status": "fresh",
                "owners": ["maria@example.com"],
                "reason": None,
            },
            {
                "id": "draft",
                "path": "personas/draft.yaml",
                "last_changed": None,
                "last_reviewed": None,
                "refreshed": None,
                "age_days": None,
                "status": "untracked",
                "owners": [],
                "reason": None,
            },
        ],
    }


def test_aging_starts_past_three_quarters_of_the_interval(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla", interval=100))
    repo.commit("Add", "2026-01-01T09:00:00+00:00")
    assert ages(repo.root, now="2026-03-17")["carla"]["status"] == "fresh"  # 75 days
    assert ages(repo.root, now="2026-03-18")["carla"]["status"] == "aging"  # 76 days
    assert ages(repo.root, now="2026-04-11")["carla"]["status"] == "aging"  # 100 days
    assert ages(repo.root, now="2026-04-12")["carla"]["status"] == "stale"  # 101 days


def test_text_output_draws_bars_grouped_by_owner(repo: GitRepo) -> None:
    _aging_and_stale(repo)
    repo.write("personas/jordan.yaml", persona("jordan", owners=("jordan@example.com",)))
    repo.commit("Jordan", "2026-05-15T09:00:00+00:00")
    run = age(repo.root, "--now", "2026-06-01", "--no-color")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith("Persona ages on 2026-06-01")
    owners = [line for line in lines if line and not line.startswith(" ")][1:-1]
    assert owners == ["maria@example.com", "jordan@example.com"]
    stale = next(line for line in lines if line.strip().startswith("stale"))
    assert "│" in stale
    assert "█" in stale.split("│")[1]  # past the limit mark
    assert "243 / 180 days" in stale
    assert lines[-1] == "4 personas: 1 stale, 1 aging, 2 fresh."


def test_markdown_and_github_formats(repo: GitRepo) -> None:
    _aging_and_stale(repo)
    markdown = age(repo.root, "--now", "2026-06-01", "--format", "markdown")
    assert "| `stale` | maria@example.com | 243 | 180 | **stale** |" in markdown.stdout
    assert "| `aging` | maria@example.com | 120 | 150 | aging |" in markdown.stdout
    github = age(repo.root, "--now", "2026-06-01", "--format", "github")
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        "::warning file=personas/stale.yaml,title=stale persona::stale was last refreshed on "
        "2025-10-01, 243 days ago (limit 180): review it against new evidence and update "
        "review.last_reviewed",
        "::warning file=personas/aging.yaml,title=aging persona::aging was last refreshed on "
        "2026-02-01, 120 days ago (limit 150): review it against new evidence and update "
        "review.last_reviewed",
    ]
    assert github.stdout.splitlines()[-1] == "3 personas: 1 stale, 1 aging, 1 fresh."


def test_configured_paths_and_retired_personas(repo: GitRepo) -> None:
    repo.write(".persona.toml", 'paths = ["team/personas"]\n')
    repo.write("team/personas/carla.yaml", persona("carla"))
    repo.write("team/personas/old.yaml", persona("old") + "status: retired\n")
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    (repo.root / "team/sub").mkdir()
    run = cli("age", "--format", "json", "--now", "2026-02-01", cwd=repo.root / "team/sub")
    assert run.exit_code == 0, run.stderr
    [row] = run.json()["personas"]
    assert (row["id"], row["status"]) == ("carla", "fresh")


def test_an_unreadable_version_is_skipped_with_a_warning(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/paul.yaml", persona("paul"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", "id: carla\nwhole_person: [unclosed\n")
    repo.write("personas/paul.yaml", "id: paul\nwhole_person: [unclosed\n")
    repo.commit("Broken", "2026-02-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", reformatted("carla"))  # the same meaning as before
    repo.write("personas/paul.yaml", persona("paul", fears=("Audit",)))  # a new meaning
    repo.commit("Fixed", "2026-03-10T09:00:00+00:00")
    run = age(repo.root, "--format", "json", "--now", "2026-06-01")
    assert run.exit_code == 0
    rows = {row["id"]: row for row in run.json()["personas"]}
    assert rows["carla"]["last_changed"] == "2026-01-10"
    assert rows["paul"]["last_changed"] == "2026-03-10"
    warnings = run.stderr.splitlines()
    assert len(warnings) == 2
    assert all("not readable YAML; that version is skipped" in line for line in warnings)
    assert "Traceback" not in run.stderr


def test_an_unreadable_working_tree_file_is_skipped_and_the_rest_reported(repo: GitRepo) -> None:
    repo.write("personas/carla.yaml", persona("carla"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/broken.yaml", "id: [\n")
    run = age(repo.root, "--format", "json", "--now", "2026-06-01")
    assert run.exit_code == 0
    assert [row["id"] for row in run.json()["personas"]] == ["carla"]
    assert run.stderr.startswith("persona: warning: personas/broken.yaml:1:6: not readable YAML (")
    assert run.stderr.strip().endswith("); skipped (persona lint says why)")


def test_errors_are_one_line_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "personas").mkdir()
    (tmp_path / "personas/carla.yaml").write_text(persona("carla"), encoding="utf-8")
    env_free = run_persona("age", "--now", "2026-06-01", cwd=tmp_path)
    assert env_free.exit_code == 2
    assert env_free.stderr.count("\n") == 1
    assert "not a git repository" in env_free.stderr
    assert "Traceback" not in env_free.stderr
    bad_date = run_persona("age", "--now", "June", cwd=tmp_path)
    assert (bad_date.exit_code, bad_date.stderr.count("\n")) == (2, 1)
    assert "--now: 'June' is not a date" in bad_date.stderr
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/x.yaml", persona("x"))
    outside = run_persona("age", "personas", str(tmp_path / "personas"), cwd=repo.root)
    assert outside.exit_code == 2
    assert "outside the repository" in outside.stderr
    assert "Traceback" not in outside.stderr


def test_git_processes_do_not_grow_with_the_number_of_personas(tmp_path: Path) -> None:
    def processes(count: int) -> int:
        repo = GitRepo(tmp_path / f"repo-{count}")
        for index in range(count):
            repo.write(f"personas/p{index}.yaml", persona(f"p{index}"))
        repo.commit("Add", "2026-01-10T09:00:00+00:00")
        for index in range(count):
            repo.write(f"personas/p{index}.yaml", persona(f"p{index}", fears=(f"F{index}",)))
            repo.commit(f"Edit {index}", f"2026-02-{index % 28 + 1:02d}T09:00:00+00:00")
        trace = tmp_path / f"trace-{count}"
        proc = subprocess.run(
            [persona_bin(), "age", "--now", "2026-06-01", "--format", "json"],
            cwd=repo.root,
            env=persona_env({"GIT_TRACE": str(trace)}),
            capture_output=True,
            text=True,
            check=True,
        )
        assert len(json.loads(proc.stdout)["personas"]) == count
        return trace.read_text(encoding="utf-8").count("trace: built-in: git")

    assert processes(2) == processes(12)


def test_age_of_the_examples_in_this_checkout() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    run = run_persona("age", "examples/personas", "--now", "2026-11-22", cwd=ROOT)
    assert run.exit_code == 0, run.stderr
    assert "Traceback" not in run.stderr
    for example in (ROOT / "examples/personas").glob("*.yaml"):
        assert example.stem in run.stdout


def test_github_actions_defaults_to_annotations(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _aging_and_stale(repo)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = age(repo.root, "--now", "2026-06-01", "--fail-on", "stale")
    assert run.exit_code == 1
    assert run.stdout.startswith("::warning file=personas/stale.yaml,title=stale persona::")


def test_paths_outside_the_repository_read_the_same_in_every_command(tmp_path: Path) -> None:
    """Paths outside the repository got a different message in each of diff, age and log, with an
    unnormalised `../` path."""
    repo = tmp_path / "repo"
    write(repo, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, "elsewhere/b.yaml", MINIMAL.format(id="b"))
    init_repo(repo, commit="a")
    hint = "; give paths inside the repository, or run from the one the personas are in\n"
    for command in (("log", "../elsewhere/b.yaml"), ("age", "../elsewhere")):
        run = cli(*command, cwd=repo)
        assert run.exit_code == 2, command
        assert run.stderr.endswith(hint), run.stderr
        assert "/../" not in run.stderr
