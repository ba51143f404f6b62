"""`persona log ID` on real repositories: meaningful commits newest first, renames followed,
`--all` marking the commits that changed no meaning."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GitRepo, cli, git_in, run_persona
from tests.test_age import persona, reformatted


@pytest.fixture
def history(tmp_path: Path) -> GitRepo:
    """Created, reformatted, renamed, a new fear, an ignored bulk edit, a review."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/old-name.yaml", persona("carla"))
    repo.commit("Add Carla", "2026-01-10T09:00:00+09:00")
    repo.write("personas/old-name.yaml", reformatted("carla"))
    repo.commit("Reformat everything", "2026-01-20T09:00:00+00:00")
    (repo.root / "personas/security").mkdir()
    repo.git("mv", "personas/old-name.yaml", "personas/security/carla.yaml")
    repo.commit("Move Carla", "2026-02-01T09:00:00+00:00")
    fears = ("Being named in a breach disclosure", "Audit findings")
    repo.write("personas/security/carla.yaml", persona("carla", fears=fears))
    repo.commit("Interviews: a new fear", "2026-03-01T09:00:00-07:00")
    repo.write("personas/security/carla.yaml", persona("carla", fears=fears[1:]))
    bulk = repo.commit("Bulk clean-up", "2026-03-15T09:00:00+00:00")
    repo.write(".git-blame-ignore-revs", bulk + "\n")
    repo.write(
        "personas/security/carla.yaml", persona("carla", fears=fears[1:], reviewed="2026-04-01")
    )
    repo.commit("Quarterly review", "2026-04-01T09:00:00+00:00")
    return repo


def _headers(stdout: str) -> list[str]:
    """The subject of each commit line (lines that start with a short sha)."""
    lines = stdout.splitlines()[1:]
    return [line.split("  ")[-1] for line in lines if line[:1] not in (" ", "")]


def test_meaningful_commits_newest_first_with_sections(history: GitRepo) -> None:
    run = cli("log", "carla", cwd=history.root)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "carla (personas/security/carla.yaml)"
    assert _headers(run.stdout) == ["Quarterly review", "Interviews: a new fear", "Add Carla"]
    assert "2026-03-01 09:00 -0700  Maria Lopez  Interviews: a new fear" in run.stdout
    summaries = [line.strip() for line in lines[1:] if line.startswith("         ")]
    assert summaries[0].startswith("review")
    assert summaries[1].startswith("whole_person")
    assert summaries[2] == "created"


def test_all_marks_commits_that_change_no_meaning(history: GitRepo) -> None:
    run = cli("log", "personas/security/carla.yaml", "--all", cwd=history.root)
    assert run.exit_code == 0, run.stderr
    assert _headers(run.stdout) == [
        "Quarterly review",
        "Bulk clean-up",
        "Interviews: a new fear",
        "Move Carla",
        "Reformat everything",
        "Add Carla",
    ]
    text = run.stdout
    assert "ignored (.git-blame-ignore-revs): whole_person" in text
    assert "renamed from personas/old-name.yaml (no change in meaning)" in text
    assert "reformat only (no change in meaning)" in text


def test_json_lists_every_commit_with_its_kind(history: GitRepo) -> None:
    run = cli("log", "carla", "--all", "--format", "json", cwd=history.root)
    report = run.json()
    assert (report["version"], report["id"], report["state"]) == (1, "carla", "committed")
    kinds = [(c["kind"], c["counts"]) for c in report["commits"]]
    assert kinds == [
        ("changed", True),
        ("ignored", False),
        ("changed", True),
        ("renamed", False),
        ("reformatted", False),
        ("created", True),
    ]
    assert report["commits"][0]["date"] == "2026-04-01T09:00:00+00:00"
    assert report["commits"][-1]["path"] == "personas/old-name.yaml"


def test_uncommitted_and_untracked_personas(history: GitRepo) -> None:
    fears = ("Audit findings", "Shadow IT")
    history.write("personas/security/carla.yaml", persona("carla", fears=fears))
    run = cli("log", "carla", cwd=history.root)
    assert run.stdout.splitlines()[1].startswith("  uncommitted: whole_person")
    history.write("personas/new.yaml", persona("new"))
    fresh = cli("log", "new", cwd=history.root)
    assert fresh.exit_code == 0
    assert "never committed" in fresh.stdout


def test_a_merge_is_one_entry_at_the_merge(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "interviews")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("On the branch", "2026-02-01T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "x\n")
    repo.commit("Unrelated", "2026-02-10T09:00:00+00:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge interviews", "interviews",
             date="2026-03-01T09:00:00+00:00")  # fmt: skip
    run = cli("log", "carla", cwd=repo.root)
    assert _headers(run.stdout) == ["Merge interviews (merge)", "Add"]


def test_a_shallow_clone_says_where_history_stops(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("Churn", "2026-02-10T09:00:00+00:00")
    repo.write("README.md", "x\n")
    repo.commit("Docs", "2026-03-10T09:00:00+00:00")
    clone = tmp_path / "clone"
    git_in(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone))
    run = cli("log", "carla", "--all", cwd=clone)
    assert run.exit_code == 0
    assert _headers(run.stdout) == ["Churn"]
    assert "oldest fetched commit of a shallow clone" in run.stdout
    assert "git fetch --unshallow" in run.stderr


def test_unknown_persona_and_not_a_repository_are_one_line_errors(
    history: GitRepo, tmp_path: Path
) -> None:
    missing = run_persona("log", "nobody", cwd=history.root)
    assert missing.exit_code == 2
    assert missing.stderr == (
        "persona: error: no persona 'nobody' in the configured paths; pass its id "
        "(the file name without .yaml) or the path of its file\n"
    )
    outside = tmp_path / "outside"
    (outside / "personas").mkdir(parents=True)
    (outside / "personas/carla.yaml").write_text(persona("carla"), encoding="utf-8")
    not_repo = run_persona("log", "carla", cwd=outside)
    assert not_repo.exit_code == 2
    assert "not a git repository" in not_repo.stderr
    assert not_repo.stderr.count("\n") == 1
    assert "Traceback" not in not_repo.stderr


# --- personas that are gone -------------------------------------------------------------------


def _retire(repo: GitRepo, path: str, subject: str, date: str) -> str:
    repo.git("rm", "-q", path)
    return repo.commit(subject, date)


def test_a_deleted_persona_is_followed_from_the_commit_that_deleted_it(history: GitRepo) -> None:
    gone = _retire(history, "personas/security/carla.yaml", "Retire Carla",
                   "2026-05-01T09:00:00+02:00")  # fmt: skip
    assert not (history.root / "personas").exists()  # the configured folder is gone too
    run = cli("log", "carla", cwd=history.root)
    assert run.exit_code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert (
        lines[0]
        == f"carla: deleted in {gone[:7]}  2026-05-01 09:00 +0200  Maria Lopez  Retire Carla"
    )
    assert lines[1] == "  last at personas/security/carla.yaml"
    assert _headers(run.stdout) == ["Quarterly review", "Interviews: a new fear", "Add Carla"]
    assert run.stderr == ""
    report = cli("log", "carla", "--all", "--format", "json", cwd=history.root).json()
    assert (report["state"], report["path"]) == ("deleted", "personas/security/carla.yaml")
    assert [(c["kind"], c["counts"]) for c in report["commits"]] == [
        ("deleted", True),
        ("changed", True),
        ("ignored", False),
        ("changed", True),
        ("renamed", False),
        ("reformatted", False),
        ("created", True),
    ]
    assert report["commits"][0]["commit"] == gone
    assert report["commits"][0]["date"] == "2026-05-01T09:00:00+02:00"


def test_a_persona_moved_under_another_name_then_deleted_is_found_by_its_id(
    tmp_path: Path,
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/dan.yaml", persona("dan"))
    repo.commit("Add Carla and Dan", "2026-01-10T09:00:00+00:00")
    # A move git cannot pair (every line differs): a delete and an add holding the same id.
    (repo.root / "personas/carla.yaml").unlink()
    repo.write("personas/archive/cautious-2025.yaml", reformatted("carla"))
    repo.commit("Archive Carla", "2026-02-01T09:00:00+00:00")
    repo.write("personas/archive/cautious-2025.yaml", reformatted("carla", fears=("Churn",)))
    repo.commit("Carla fears churn", "2026-03-01T09:00:00+00:00")
    gone = _retire(repo, "personas/archive/cautious-2025.yaml", "Drop the archive",
                   "2026-04-01T09:00:00+00:00")  # fmt: skip
    _retire(repo, "personas/dan.yaml", "Retire Dan", "2026-05-01T09:00:00+00:00")
    run = cli("log", "carla", "--all", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith(f"carla: deleted in {gone[:7]}  2026-04-01")
    assert run.stdout.splitlines()[1] == "  last at personas/archive/cautious-2025.yaml"
    assert _headers(run.stdout) == ["Carla fears churn", "Archive Carla", "Add Carla and Dan"]
    assert "renamed from personas/carla.yaml (no change in meaning)" in run.stdout
    # The move alone is not a deletion: the persona lived on under its new name.
    assert "Retire Dan" not in run.stdout


def test_a_deleted_and_recreated_persona_shows_both_lives(history: GitRepo) -> None:
    first = _retire(history, "personas/security/carla.yaml", "Retire Carla",
                    "2026-05-01T09:00:00+00:00")  # fmt: skip
    history.write("personas/carla.yaml", persona("carla", fears=("Vendor lock-in",)))
    history.commit("Re-create Carla", "2026-06-01T09:00:00+00:00")
    history.write("personas/carla.yaml", persona("carla", fears=("Vendor lock-in", "Churn")))
    history.commit("Carla fears churn", "2026-07-01T09:00:00+00:00")
    run = cli("log", "carla", cwd=history.root)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0] == "carla (personas/carla.yaml)"
    older = ["Retire Carla", "Quarterly review", "Interviews: a new fear", "Add Carla"]
    assert _headers(run.stdout) == ["Carla fears churn", "Re-create Carla", *older]
    assert "         deleted (last at personas/security/carla.yaml)" in run.stdout.splitlines()
    history.git("config", "blame.ignoreRevsFile", "missing-revs")
    warned = cli("log", "carla", cwd=history.root)  # both searches read the config: one warning
    assert warned.stderr.count("blame.ignoreRevsFile missing-revs: no such file") == 1
    report = cli("log", "carla", "--format", "json", cwd=history.root).json()
    assert report["state"] == "committed"
    assert [c["kind"] for c in report["commits"]][1:4] == ["created", "deleted", "changed"]
    assert report["commits"][2]["commit"] == first

    # Deleted again: the first line names the newest deletion, both lives follow.
    last = _retire(history, "personas/carla.yaml", "Retire Carla again",
                   "2026-08-01T09:00:00+00:00")  # fmt: skip
    again = cli("log", "carla", cwd=history.root)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines()[0].startswith(f"carla: deleted in {last[:7]}  2026-08-01")
    assert again.stdout.splitlines()[1] == "  last at personas/carla.yaml"
    assert _headers(again.stdout) == ["Carla fears churn", "Re-create Carla", *older]

    # Re-created once more, not committed yet: the committed lives follow.
    history.write("personas/carla.yaml", persona("carla", fears=("Budget cuts",)))
    history.git("add", "personas/carla.yaml")
    staged = cli("log", "carla", cwd=history.root)
    assert staged.exit_code == 0, staged.stderr
    assert staged.stdout.splitlines()[:2] == [
        "carla (personas/carla.yaml)",
        "  new, not committed yet; earlier lives of this id follow",
    ]
    assert _headers(staged.stdout) == ["Retire Carla again", "Carla fears churn",
                                       "Re-create Carla", *older]  # fmt: skip


def test_an_id_never_in_history_keeps_the_error_and_its_hint(
    history: GitRepo, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"  # no repository: no history to search either
    (outside / "personas").mkdir(parents=True)
    (outside / "personas/carla.yaml").write_text(persona("carla"), encoding="utf-8")
    assert "no persona 'carlo'" in run_persona("log", "carlo", cwd=outside).stderr
    history.write("personas/dan.yaml", persona("dan"))
    history.commit("Add Dan", "2026-04-20T09:00:00+00:00")
    _retire(history, "personas/security/carla.yaml", "Retire Carla", "2026-05-01T09:00:00+00:00")
    missing = run_persona("log", "carlo", cwd=history.root)
    assert missing.exit_code == 2
    assert missing.stderr == (
        "persona: error: no persona 'carlo' in the configured paths; pass its id "
        "(the file name without .yaml) or the path of its file\n"
    )
    # With every persona gone, the error is still the one for a missing folder.
    _retire(history, "personas/dan.yaml", "Retire Dan", "2026-05-02T09:00:00+00:00")
    no_folder = run_persona("log", "carlo", cwd=history.root)
    assert no_folder.exit_code == 2
    assert no_folder.stderr.startswith("persona: error: personas: no such file or directory")


def _shallow_clone(repo: GitRepo, target: Path, depth: int) -> Path:
    git_in(target.parent, "clone", "-q", "--depth", str(depth), f"file://{repo.root}", str(target))
    return target


def test_a_deleted_persona_in_a_shallow_clone_says_history_is_incomplete(
    tmp_path: Path,
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/dan.yaml", persona("dan"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("Churn", "2026-02-10T09:00:00+00:00")
    _retire(repo, "personas/carla.yaml", "Retire Carla", "2026-03-10T09:00:00+00:00")
    repo.write("README.md", "x\n")
    repo.commit("Docs", "2026-04-10T09:00:00+00:00")
    clone = _shallow_clone(repo, tmp_path / "clone", 3)  # Docs, Retire Carla, Churn
    run = cli("log", "carla", "--all", cwd=clone)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0].split("  ")[-1] == "Retire Carla"
    assert _headers(run.stdout) == ["Churn"]
    assert "oldest fetched commit of a shallow clone" in run.stdout
    assert "history is shallow" in run.stderr
    assert "git fetch --unshallow" in run.stderr
    # A deletion older than the fetched history cannot be seen; the error says why.
    tiny = _shallow_clone(repo, tmp_path / "tiny", 1)
    missing = run_persona("log", "carla", cwd=tiny)
    assert missing.exit_code == 2
    assert "no persona 'carla'" in missing.stderr
    assert "history is shallow" in missing.stderr
    assert "git fetch --unshallow" in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_a_persona_deleted_on_a_branch_is_deleted_at_the_merge(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.write("personas/dan.yaml", persona("dan"))
    repo.commit("Add", "2026-01-10T09:00:00+00:00")
    repo.write("personas/carla.yaml", persona("carla", fears=("Churn",)))
    repo.commit("Carla fears churn", "2026-01-20T09:00:00+00:00")
    repo.git("checkout", "-q", "-b", "cleanup")
    _retire(repo, "personas/carla.yaml", "Retire Carla", "2026-02-01T09:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("README.md", "x\n")
    repo.commit("Docs", "2026-02-10T09:00:00+00:00")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge cleanup", "cleanup",
             date="2026-03-01T09:00:00+00:00")  # fmt: skip
    assert not (repo.root / "personas/carla.yaml").exists()
    run = cli("log", "carla", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[0].endswith(
        "2026-03-01 09:00 +0000  Maria Lopez  Merge cleanup (merge)"
    )
    assert _headers(run.stdout) == ["Carla fears churn", "Add"]


def test_names_and_subjects_stay_utf8_whatever_the_log_output_encoding(tmp_path: Path) -> None:
    """`i18n.logOutputEncoding` re-encodes git log's names and subjects for a terminal;
    persona reads them as UTF-8, so it asks git for UTF-8 whatever the setting."""
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "i18n.logOutputEncoding", "ISO-8859-1")
    repo.write("personas/carla.yaml", persona("carla"))
    repo.git("add", "-A")
    repo.git("commit", "-q", "-m", "Carla: café interviews", "--author", "Zoë Ng <z@example.com>")
    run = cli("log", "carla", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert "  Zoë Ng  Carla: café interviews" in run.stdout
