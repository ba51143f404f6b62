"""`persona diff` and `persona textconv` on real git repositories made in temporary folders,
with pinned authors and dates and no user or system git configuration. No mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import cli, git_in, init_repo, persona_bin, run_persona, use_pinned_git, write

PERSONA = """\
schema_version: 1
id: carla
name: Cautious Carla
kind: buyer
whole_person:
  fears:
    - Being named in a breach
    - Signing a false certification
  trust: needs_proof
decision:
  risk_tolerance: low
lenses:
  sales:
    objections:
      - objection: Our auditor won't accept it.
        response: Offer a joint call.
evidence:
  - id: interviews-2026
    type: interview
    date: 2026-08-14
    summary: Ten interviews.
review:
  last_reviewed: 2026-10-28
"""

# The same persona: other key order, quoting, flow style, comments, list order.
REFORMATTED = """\
# Carla, rewritten by an editor plugin
id: 'carla'
schema_version: 1
kind: buyer
name: "Cautious Carla"
review: {last_reviewed: 2026-10-28}
evidence:
  - {summary: Ten interviews., id: interviews-2026, date: 2026-08-14, type: interview}
decision: {risk_tolerance: low}  # unchanged
whole_person:
  trust: needs_proof
  fears: [Signing a false certification, Being named in a breach]
lenses:
  sales:
    objections:
      - response: Offer a joint call.
        objection: "Our auditor won't accept it."
"""

OTHER = """\
schema_version: 1
id: paul
name: Payback Paul
kind: buyer
decision:
  risk_tolerance: medium
"""

DATE = "2026-01-01T12:00:00+00:00"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository on `main`; git (ours and GitPython's) sees only pinned settings."""
    use_pinned_git(monkeypatch, DATE)  # the suite already clears GIT_DIR and GIT_WORK_TREE
    return init_repo(tmp_path / "repo", commit=None)


def commit(repo: Path, message: str, files: dict[str, str | None]) -> None:
    """Write (or delete, for None) files, stage everything and commit."""
    for name, text in files.items():
        if text is None:
            (repo / name).unlink()
        else:
            write(repo, name, text)
    git_in(repo, "add", "-A")
    git_in(repo, "commit", "-q", "-m", message)


def fields(run_json: dict[str, object]) -> list[tuple[str, str, str, str]]:
    changes = run_json["changes"]
    assert isinstance(changes, list)
    return [(c["path"], c["field"], c["kind"], c["class"]) for c in changes]


def diff_json(repo: Path, *args: str) -> list[tuple[str, str, str, str]]:
    run = cli("diff", "--format", "json", *args, cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    return fields(run.json())


# --- what counts as a change ---------------------------------------------------------------


def test_a_reformat_only_commit_is_no_change(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    commit(repo, "reformat carla", {"personas/carla.yaml": REFORMATTED})
    run = cli("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo)
    assert (run.exit_code, run.stdout) == (0, "No persona changes between HEAD~1 and HEAD.\n")
    assert diff_json(repo, "HEAD~1", "HEAD") == []


def test_a_list_reorder_shows_only_with_order(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    swapped = PERSONA.replace(
        "    - Being named in a breach\n    - Signing a false certification\n",
        "    - Signing a false certification\n    - Being named in a breach\n",
    )
    write(repo, "personas/carla.yaml", swapped)
    assert diff_json(repo) == []
    run = cli("diff", "--order", "--format", "json", cwd=repo)
    assert run.json()["changes"] == [
        {
            "path": "personas/carla.yaml",
            "persona": "carla",
            "field": "whole_person.fears",
            "kind": "reordered",
            "old": ["Being named in a breach", "Signing a false certification"],
            "new": ["Signing a false certification", "Being named in a breach"],
            "class": "edit",
        }
    ]


def test_items_added_and_removed_evidence_by_id_objection_by_text(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    edited = (
        PERSONA.replace("    - Being named in a breach\n", "    - Losing the board\n")
        .replace("summary: Ten interviews.", "summary: Twelve interviews.")
        .replace("response: Offer a joint call.", "response: Send the export format.")
    )
    write(repo, "personas/carla.yaml", edited)
    assert diff_json(repo) == [
        ("personas/carla.yaml", "whole_person.fears", "removed", "removed-insight"),
        ("personas/carla.yaml", "whole_person.fears", "added", "new-insight"),
        (
            "personas/carla.yaml",
            "lenses.sales.objections[Our auditor won't accept it.].response",
            "changed",
            "edit",
        ),
        ("personas/carla.yaml", "evidence[interviews-2026].summary", "changed", "edit"),
    ]


def test_json_shape_is_exact(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    write(
        repo, "personas/carla.yaml", PERSONA.replace("risk_tolerance: low", "risk_tolerance: high")
    )
    run = cli("diff", "-f", "json", cwd=repo)
    assert run.exit_code == 0
    assert run.stdout == (
        "{\n"
        '  "version": 1,\n'
        '  "changes": [\n'
        "    {\n"
        '      "path": "personas/carla.yaml",\n'
        '      "persona": "carla",\n'
        '      "field": "decision.risk_tolerance",\n'
        '      "kind": "changed",\n'
        '      "old": "low",\n'
        '      "new": "high",\n'
        '      "class": "behaviour-change"\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )


# --- renames, additions, deletions ---------------------------------------------------------


def test_a_pure_rename_is_reported_as_a_rename_only(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    git_in(repo, "mv", "personas/carla.yaml", "personas/cautious-carla.yaml")
    git_in(repo, "commit", "-q", "-m", "rename")
    run = cli("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert run.json()["changes"] == [
        {
            "path": "personas/cautious-carla.yaml",
            "persona": "carla",
            "field": "",
            "kind": "renamed",
            "old": "personas/carla.yaml",
            "new": "personas/cautious-carla.yaml",
            "class": "identity",
        }
    ]


def test_a_rename_with_edits_reports_the_rename_and_the_edits(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    moved = PERSONA.replace("id: carla", "id: cautious-carla").replace(
        "risk_tolerance: low", "risk_tolerance: medium"
    )
    commit(
        repo,
        "rename and edit",
        {"personas/carla.yaml": None, "personas/cautious-carla.yaml": moved},
    )
    assert diff_json(repo, "HEAD~1", "HEAD") == [
        ("personas/cautious-carla.yaml", "", "renamed", "identity"),
        ("personas/cautious-carla.yaml", "id", "changed", "identity"),
        ("personas/cautious-carla.yaml", "decision.risk_tolerance", "changed", "behaviour-change"),
    ]


def test_a_move_without_git_mv_is_a_rename(repo: Path) -> None:
    # An untracked new file and a deleted tracked one, with the same content reformatted.
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    (repo / "personas/carla.yaml").unlink()
    write(repo, "personas/people/carla.yaml", REFORMATTED)
    assert diff_json(repo) == [("personas/people/carla.yaml", "", "renamed", "identity")]


def test_added_and_deleted_personas(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    commit(repo, "swap", {"personas/carla.yaml": None, "personas/paul.yaml": OTHER})
    run = cli("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert [(c["path"], c["kind"], c["old"], c["new"]) for c in run.json()["changes"]] == [
        ("personas/carla.yaml", "removed", "Cautious Carla", None),
        ("personas/paul.yaml", "added", None, "Payback Paul"),
    ]


# --- which sides ---------------------------------------------------------------------------


@pytest.fixture
def three_states(repo: Path) -> Path:
    """HEAD~1: low; HEAD: medium; index: high; working tree: high plus an untracked persona."""
    commit(repo, "low", {"personas/carla.yaml": PERSONA})
    medium = PERSONA.replace("risk_tolerance: low", "risk_tolerance: medium")
    commit(repo, "medium", {"personas/carla.yaml": medium})
    write(
        repo,
        "personas/carla.yaml",
        medium.replace("risk_tolerance: medium", "risk_tolerance: high"),
    )
    git_in(repo, "add", "personas/carla.yaml")
    write(
        repo,
        "personas/carla.yaml",
        PERSONA.replace("risk_tolerance: low", "risk_tolerance: high").replace(
            "trust: needs_proof", "trust: open"
        ),
    )
    write(repo, "personas/paul.yaml", OTHER)
    return repo


def values(repo: Path, *args: str) -> list[tuple[str, object, object]]:
    run = cli("diff", "-f", "json", *args, cwd=repo)
    assert run.exit_code == 0, run.stderr
    return [(c["field"], c["old"], c["new"]) for c in run.json()["changes"]]


def test_default_is_head_against_the_working_tree_with_untracked_personas(
    three_states: Path,
) -> None:
    assert values(three_states) == [
        ("whole_person.trust", "needs_proof", "open"),
        ("decision.risk_tolerance", "medium", "high"),
        ("", None, "Payback Paul"),
    ]


def test_one_revision_against_the_working_tree(three_states: Path) -> None:
    assert values(three_states, "HEAD~1")[:2] == [
        ("whole_person.trust", "needs_proof", "open"),
        ("decision.risk_tolerance", "low", "high"),
    ]


def test_two_revisions_and_ranges(three_states: Path) -> None:
    expected = [("decision.risk_tolerance", "low", "medium")]
    assert values(three_states, "HEAD~1", "HEAD") == expected
    assert values(three_states, "HEAD~1..HEAD") == expected
    head = git_in(three_states, "rev-parse", "HEAD").strip()
    assert values(three_states, "main~1", head[:10]) == expected


def test_staged_compares_head_with_the_index(three_states: Path) -> None:
    assert values(three_states, "--staged") == [("decision.risk_tolerance", "medium", "high")]
    assert values(three_states, "--cached", "HEAD~1") == [
        ("decision.risk_tolerance", "low", "high")
    ]


def test_paths_after_revisions_narrow_the_diff(three_states: Path) -> None:
    assert values(three_states, "HEAD", "--", "personas/paul.yaml") == [("", None, "Payback Paul")]
    assert values(three_states, "personas/paul.yaml") == [("", None, "Payback Paul")]
    git_in(three_states, "branch", "feature")
    assert values(three_states, "main~1", "feature", "personas/carla.yaml") == [
        ("decision.risk_tolerance", "low", "medium")
    ]


def test_configured_paths_and_excludes(repo: Path) -> None:
    commit(repo, "people", {"people/carla.yaml": PERSONA, "people/drafts/paul.yaml": OTHER})
    write(repo, "people/carla.yaml", PERSONA.replace("risk_tolerance: low", "risk_tolerance: high"))
    write(repo, "people/drafts/paul.yaml", OTHER.replace("medium", "high"))
    write(repo, "ci/workflow.yaml", "on: push\n")
    assert diff_json(repo) == []
    write(repo, ".persona.toml", 'paths = ["people"]\nexclude = ["people/drafts/**"]\n')
    assert diff_json(repo) == [
        ("people/carla.yaml", "decision.risk_tolerance", "changed", "behaviour-change")
    ]


def test_a_repository_without_commits(repo: Path) -> None:
    write(repo, "personas/carla.yaml", PERSONA)
    run = cli("diff", cwd=repo)
    assert run.exit_code == 0
    assert '+ new persona "Cautious Carla"  lifecycle' in run.stdout


# --- exit codes, formats, errors -----------------------------------------------------------


def test_exit_code(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    assert cli("diff", "--exit-code", cwd=repo).exit_code == 0
    write(repo, "personas/carla.yaml", PERSONA.replace("trust: needs_proof", "trust: open"))
    assert cli("diff", cwd=repo).exit_code == 0
    assert cli("diff", "--exit-code", cwd=repo).exit_code == 1


def test_text_output_is_grouped_by_persona_and_section(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    write(
        repo,
        "personas/carla.yaml",
        PERSONA.replace("    - Being named in a breach\n", "    - Losing the board\n").replace(
            "last_reviewed: 2026-10-28", "last_reviewed: 2026-12-01"
        ),
    )
    run = cli("diff", "--no-color", cwd=repo)
    assert run.stdout.splitlines() == [
        "personas/carla.yaml (carla): whole_person +1 -1, review refresh",
        "  whole_person",
        '    - fears: "Being named in a breach"  removed-insight',
        '    + fears: "Losing the board"  new-insight',
        "  review",
        '    ~ last_reviewed: "2026-10-28" -> "2026-12-01"  refresh',
        "HEAD -> the working tree: 1 persona changed, 3 changes "
        "(1 removed-insight, 1 new-insight, 1 refresh).",
    ]


def test_markdown_table_for_a_pull_request(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    write(
        repo,
        "personas/carla.yaml",
        PERSONA.replace("response: Offer a joint call.", "response: Call | write."),
    )
    run = cli("diff", "--format", "markdown", cwd=repo)
    assert run.stdout == (
        "## Persona diff\n"
        "\n"
        "HEAD → the working tree: 1 persona changed, 1 change (1 edit).\n"
        "\n"
        "### carla\n"
        "\n"
        "personas/carla.yaml: lenses.sales ~1\n"
        "\n"
        "| field | change | old | new | class |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| lenses.sales.objections[Our auditor won't accept it.].response | changed "
        "| Offer a joint call. | Call \\| write. | edit |\n"
    )


def test_unknown_revision_is_one_line_exit_2(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    run = cli("diff", "nope", cwd=repo)
    assert run.exit_code == 2
    assert run.stderr.startswith("persona: error: unknown revision 'nope'; check the branch")
    assert len(run.stderr.splitlines()) == 1


def test_not_a_repository_is_exit_2(tmp_path: Path) -> None:
    run = run_persona("diff", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        f"persona: error: {tmp_path}: not a git repository; "
        "run inside the repository for persona diff\n"
    )


def test_a_path_outside_the_repository_is_exit_2(repo: Path) -> None:
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    run = cli("diff", "HEAD", "--", "../elsewhere/x.yaml", cwd=repo)
    assert run.exit_code == 2
    assert "../elsewhere/x.yaml: outside the repository" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_bad_format_is_a_usage_error(repo: Path) -> None:
    run = run_persona("diff", "--format", "xml", cwd=repo)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: Invalid value for --format: 'xml' is not one of text, markdown, json; "
        "run 'persona diff --help' for usage\n"
    )


def test_a_persona_unreadable_at_one_revision_is_reported_and_the_rest_diffed(
    repo: Path,
) -> None:
    commit(repo, "two", {"personas/carla.yaml": PERSONA, "personas/paul.yaml": OTHER})
    commit(
        repo,
        "break carla, edit paul",
        {
            "personas/carla.yaml": PERSONA.replace("  trust: needs_proof", " trust: [open"),
            "personas/paul.yaml": OTHER.replace("medium", "high"),
        },
    )
    run = run_persona("diff", "HEAD~1", "HEAD", "--format", "json", cwd=repo)
    assert run.exit_code == 0
    assert "Traceback" not in run.stderr
    assert run.stderr == (
        "persona: warning: personas/carla.yaml at HEAD: not a readable persona (9:2 did not "
        "find expected key while parsing a block mapping (started at line 1)); its field "
        "changes cannot be shown\n"
    )
    changes = run.json()["changes"]
    assert [(c["path"], c["kind"], c["class"]) for c in changes] == [
        ("personas/carla.yaml", "unreadable", "problem"),
        ("personas/paul.yaml", "changed", "behaviour-change"),
    ]
    assert changes[0]["old"] is None


def test_an_ambiguous_argument_is_an_error_asking_for_the_separator(repo: Path) -> None:
    # Was: read as the revision, with a warning. Git refuses to guess; so does persona diff
    # (tests/test_git_args.py has the whole table).
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    git_in(repo, "branch", "personas")
    run = cli("diff", "personas", cwd=repo)
    assert run.exit_code == 2
    assert "ambiguous argument 'personas': both a revision and a path; use --" in run.stderr
    assert cli("diff", "./personas", cwd=repo).stderr == ""


# --- git integration: textconv -------------------------------------------------------------


def test_textconv_prints_the_canonical_form(tmp_path: Path) -> None:
    file = write(tmp_path, "carla.yaml", REFORMATTED)
    run = cli("textconv", file)
    assert run.exit_code == 0
    assert run.stdout.splitlines() == [
        'decision.risk_tolerance: "low"',
        'evidence["interviews-2026"].date: "2026-08-14"',
        'evidence["interviews-2026"].id: "interviews-2026"',
        'evidence["interviews-2026"].summary: "Ten interviews."',
        'evidence["interviews-2026"].type: "interview"',
        'id: "carla"',
        'kind: "buyer"',
        'lenses.sales.objections["Our auditor won\'t accept it."].objection: '
        '"Our auditor won\'t accept it."',
        'lenses.sales.objections["Our auditor won\'t accept it."].response: "Offer a joint call."',
        'name: "Cautious Carla"',
        'review.last_reviewed: "2026-10-28"',
        "schema_version: 1",
        'whole_person.fears[]: "Being named in a breach"',
        'whole_person.fears[]: "Signing a false certification"',
        'whole_person.trust: "needs_proof"',
    ]


def test_textconv_passes_an_unreadable_file_through(tmp_path: Path) -> None:
    broken = "id: carla\nfears: [unclosed\n"
    run = cli("textconv", write(tmp_path, "carla.yaml", broken))
    assert run.exit_code == 0
    first, rest = run.stdout.split("\n", 1)
    assert first.startswith("# persona textconv: not a readable persona (2:")
    assert rest == broken


@pytest.mark.parametrize(
    ("name", "text", "code"),
    [
        ("carla.yaml", REFORMATTED, 0),
        ("broken.yaml", "id: carla\nfears: [unclosed\n", 0),
        ("missing.yaml", None, 2),
        ("./missing.yaml", None, 2),
        ("folder", "", 0),
    ],
    ids=["persona", "unreadable", "missing", "missing-dot-slash", "folder"],
)
def test_textconv_answered_before_typer_matches_the_typer_command(
    tmp_path: Path, name: str, text: str | None, code: int
) -> None:
    """`persona textconv FILE` (what git runs) is answered before typer starts; `--` before
    FILE takes the typer command. Both print and exit alike: a persona, an unreadable file,
    a folder (a line saying why, exit 0), a missing file (one line on stderr, exit 2)."""
    if name == "folder":
        (tmp_path / name).mkdir()
    elif text is not None:
        write(tmp_path, name, text)
    fast = run_persona("textconv", name, cwd=tmp_path)
    typed = run_persona("textconv", "--", name, cwd=tmp_path)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        typed.exit_code,
        typed.stdout,
        typed.stderr,
    )
    assert fast.exit_code == code
    if code:
        assert fast.stderr.startswith("persona: error: missing.yaml: "), fast.stderr
        assert fast.stderr.count("\n") == 1
    else:
        assert fast.stderr == ""
        assert fast.stdout


@pytest.mark.parametrize(
    "argument",
    [
        *("a.yaml", "/tmp/x/a.yaml", "../a.yaml", "a/..", "é/ü.yaml", "./a.yaml", "a//b.yaml"),
        *("a/./b.yaml", "a.yaml/", "a/.", "", ".", "/", "//a", "///a", "a/b/"),
    ],
)
def test_textconv_takes_its_argument_as_the_typer_command_does(argument: str) -> None:
    """Answered before typer, the argument is a `Path` as typer makes it (`./missing.yaml`
    is reported as `missing.yaml`), or the string where that prints the same."""
    from persona_cli.cli._textconv import as_path

    assert str(as_path(argument)) == str(Path(argument))


def test_git_diff_with_textconv_shows_meaning_and_hides_reformatting(repo: Path) -> None:
    write(repo, ".gitattributes", "*.yaml diff=persona\n")
    git_in(repo, "config", "diff.persona.textconv", f"{persona_bin()} textconv")
    commit(repo, "add carla", {"personas/carla.yaml": PERSONA})
    write(repo, "personas/carla.yaml", REFORMATTED)
    assert git_in(repo, "diff") == ""  # a reformat is no diff at all
    write(repo, "personas/carla.yaml", REFORMATTED.replace("trust: needs_proof", "trust: open"))
    shown = git_in(repo, "diff").splitlines()
    changed = [line for line in shown if line[:1] in "+-" and line[:3] not in {"+++", "---"}]
    assert changed == ['-whole_person.trust: "needs_proof"', '+whole_person.trust: "open"']
