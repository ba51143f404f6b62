"""`persona lint` with a baseline: record today's findings, then report and fail only on new
ones; matched by file, rule and field (never by line), count-aware, shrinking as personas
improve. Real files in temporary folders, the real CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MINIMAL, SHARED_DATA, cli, require_shared_data, run_persona, write

BASELINE = "persona-baseline.json"
CONFIG = f'fail-on = "warning"\nbaseline = "{BASELINE}"\n'

#: A persona whose placeholders (Q001) sit on list items, below a comment we can grow.
CARLA = """\
# Carla
schema_version: 1
id: carla
name: Carla the Controller
kind: buyer
summary: TBD
whole_person:
  fears:
    - Losing the audit
    - TODO
"""


#: Appended to CARLA: one placeholder more, Q001 at line 12.
NEW_PLACEHOLDER = "goals:\n  - FIXME\n"


def make_set(root: Path, *, config: str = CONFIG) -> Path:
    write(root, ".persona.toml", config)
    write(root, "personas/carla.yaml", CARLA)
    write(root, "personas/dan.yaml", MINIMAL.format(id="dan"))
    return root


def entries(root: Path, name: str = BASELINE) -> list[dict[str, Any]]:
    document = json.loads((root / name).read_text("utf-8"))
    assert document["version"] == 1
    found: list[dict[str, Any]] = document["entries"]
    return found


def record(root: Path, *args: str) -> None:
    run = cli("lint", "--write-baseline", BASELINE, *args, cwd=root)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert run.stderr.startswith(f"Wrote {BASELINE}: ")


def lint_json(root: Path, *args: str) -> tuple[int, dict[str, Any]]:
    run = cli("lint", "--format", "json", *args, cwd=root)
    document: dict[str, Any] = run.json()
    return run.exit_code, document


def keys(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(f["path"], f["code"]) for f in document["findings"]}


# --- writing ----------------------------------------------------------------------------------


def test_write_then_lint_is_clean(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    assert cli("lint", "--no-baseline", cwd=root).exit_code == 1
    record(root)
    run = cli("lint", cwd=root)
    assert run.exit_code == 0, run.stdout
    lines = run.stdout.splitlines()
    assert "All checks passed: 2 files, no problems." in lines
    everything = lint_json(root, "--no-baseline")[1]["findings"]
    assert lines[-1] == f"{len(everything)} findings baselined ({BASELINE})."


def test_the_file_is_sorted_stable_and_diffable(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    first = (root / BASELINE).read_bytes()
    record(root)
    assert (root / BASELINE).read_bytes() == first
    text = first.decode("utf-8")
    assert text.endswith("}\n")
    assert text.startswith('{\n  "version": 1,\n  "entries": [\n    {"file": ')
    found = entries(root)
    order = [(e["file"], e["code"], e["field"] or "") for e in found]
    assert order == sorted(order)
    # One entry a line: a fixed finding is one removed line in review.
    assert len([line for line in text.splitlines() if line.startswith('    {"file"')]) == len(found)
    assert {"file": "personas/carla.yaml", "code": "Q001", "field": "summary", "count": 1} in found
    # List positions are left out of the field path.
    assert {
        "file": "personas/carla.yaml",
        "code": "Q001",
        "field": "whole_person.fears[]",
        "count": 1,
    } in found


def test_write_refuses_a_file_that_is_not_a_baseline(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    write(root, "notes.json", '{"todo": ["keep me"]}\n')
    run = cli("lint", "--write-baseline", "notes.json", cwd=root)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: --write-baseline notes.json: the file exists and is not a persona-cli "
        "baseline; refusing to replace it; choose another path, e.g. persona-baseline.json, "
        "or remove the file first\n"
    )
    assert (root / "notes.json").read_text("utf-8") == '{"todo": ["keep me"]}\n'


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("personas/carla.yaml", "the file exists and is not a persona-cli baseline"),
        (
            "base.yaml",
            "refusing to write a baseline to a YAML file (.yaml: persona-cli reads YAML files "
            "as personas); choose another path, e.g. persona-baseline.json",
        ),
        (".persona.toml", "the file exists and is not a persona-cli baseline"),
    ],
)
def test_write_never_lands_on_what_lint_reads(tmp_path: Path, target: str, expected: str) -> None:
    root = make_set(tmp_path)
    before = (root / "personas/carla.yaml").read_bytes()
    run = cli("lint", "--write-baseline", target, cwd=root)
    assert run.exit_code == 2
    assert expected in run.stderr
    assert run.stderr.count("\n") == 1
    assert (root / "personas/carla.yaml").read_bytes() == before


def test_write_prints_no_report_and_says_so_when_one_is_asked_for(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    run = cli("lint", "--write-baseline", BASELINE, "--format", "sarif:r.sarif", cwd=root)
    assert run.exit_code == 0
    assert run.stderr.splitlines()[0] == (
        "persona: warning: --format and --output do nothing with --write-baseline: no report "
        "is written"
    )
    assert not (root / "r.sarif").exists()
    assert entries(root)


def test_writing_one_file_keeps_the_entries_of_the_others(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    dan = [e for e in entries(root) if e["file"] == "personas/dan.yaml"]
    write(root, "personas/carla.yaml", CARLA.replace("summary: TBD", "summary: Signs late."))
    run = cli("lint", "--write-baseline", BASELINE, "personas/carla.yaml", cwd=root)
    assert run.exit_code == 0
    assert "kept " in run.stderr and "of files not linted now" in run.stderr
    after = entries(root)
    assert [e for e in after if e["file"] == "personas/dan.yaml"] == dan
    carla = {(e["code"], e["field"]) for e in after if e["file"] == "personas/carla.yaml"}
    assert ("Q001", "summary") not in carla
    assert ("Q001", "whole_person.fears[]") in carla


# --- matching ---------------------------------------------------------------------------------


def test_a_new_problem_is_the_only_one_reported(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    write(root, "personas/carla.yaml", CARLA + NEW_PLACEHOLDER)
    code, document = lint_json(root)
    assert code == 1
    assert [(f["path"], f["code"], f["line"]) for f in document["findings"]] == [
        ("personas/carla.yaml", "Q001", 12)
    ]
    assert document["baseline"]["stale"] == []
    assert document["baseline"]["baselined"] == len(document["baseline"]["findings"]) > 0


def test_edits_above_a_finding_do_not_bring_it_back(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    # Lines above every finding, and an item inserted above the placeholder in the list.
    moved = CARLA.replace("# Carla\n", "# Carla\n# owned by finance\n# reviewed quarterly\n")
    moved = moved.replace("    - Losing", "    - A restatement\n    - Losing")
    write(root, "personas/carla.yaml", moved)
    code, document = lint_json(root)
    assert (code, document["findings"], document["baseline"]["stale"]) == (0, [], [])
    lines = {(f["code"], f["line"]) for f in document["baseline"]["findings"]}
    assert ("Q001", 13) in lines  # the TODO, three lines further down than when recorded


def test_a_fixed_finding_is_a_stale_entry_and_prune_drops_it(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    before = entries(root)
    write(root, "personas/carla.yaml", CARLA.replace("summary: TBD", "summary: Signs late."))
    run = cli("lint", cwd=root)
    assert run.exit_code == 0
    assert run.stdout.splitlines()[-2:] == [
        f"{len(before) - 1} findings baselined ({BASELINE}); 1 baseline entry no longer "
        "matches: run `persona lint --prune-baseline` to drop it",
        "  personas/carla.yaml: Q001 summary",
    ]
    pruned = cli("lint", "--prune-baseline", cwd=root)
    assert pruned.exit_code == 0
    assert pruned.stderr == f"Pruned {BASELINE}: dropped 1 entry that no longer matched.\n"
    assert "no longer match" not in pruned.stdout
    after = entries(root)
    assert len(after) == len(before) - 1
    assert all((e["code"], e["field"]) != ("Q001", "summary") or "dan" in e["file"] for e in after)
    again = cli("lint", "--prune-baseline", cwd=root)
    assert again.stderr == f"{BASELINE}: every entry still matches a finding; nothing to prune.\n"
    assert entries(root) == after


def test_a_long_stale_list_is_cut_in_text_and_whole_in_json(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    (root / "personas/dan.yaml").unlink()
    stale = lint_json(root)[1]["baseline"]["stale"]
    assert len(stale) > 20
    lines = cli("lint", cwd=root).stdout.splitlines()
    listed = [line for line in lines if line.startswith("  personas/dan.yaml: ")]
    assert len(listed) == 20
    assert lines[-1] == f"  ... and {len(stale) - 20} more (all of them in --format json)"


def test_prune_never_adds_a_new_finding(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    before = entries(root)
    write(root, "personas/carla.yaml", CARLA + NEW_PLACEHOLDER)
    run = cli("lint", "--prune-baseline", cwd=root)
    assert run.exit_code == 1
    assert "personas/carla.yaml:12:5: Q001" in run.stdout
    assert entries(root) == before


def test_counts_say_how_many_of_a_kind_were_accepted(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    write(root, "personas/carla.yaml", CARLA.replace("Losing the audit", "TBD"))
    record(root)
    fears = [e for e in entries(root) if e["field"] == "whole_person.fears[]"]
    assert [e["count"] for e in fears] == [2]
    # A third placeholder in the same list: one is new.
    write(root, "personas/carla.yaml", CARLA.replace("Losing the audit", "TBD") + "    - TBC\n")
    code, document = lint_json(root)
    assert code == 1
    assert [(f["code"], f["line"]) for f in document["findings"]] == [("Q001", 11)]
    # Down to one: one of the two is stale, shown with its count.
    write(root, "personas/carla.yaml", CARLA)
    code, document = lint_json(root)
    assert code == 0
    assert document["baseline"]["stale"] == [
        {
            "file": "personas/carla.yaml",
            "path": "personas/carla.yaml",
            "code": "Q001",
            "field": "whole_person.fears[]",
            "count": 1,
        }
    ]
    assert cli("lint", "--prune-baseline", cwd=root).exit_code == 0
    assert [e["count"] for e in entries(root) if e["field"] == "whole_person.fears[]"] == [1]


def test_whole_file_findings_match_by_file_and_code(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    hidden = "# note\u200b one\n# note\u200b two\n"
    write(root, "personas/carla.yaml", hidden + CARLA)
    record(root)
    [entry] = [e for e in entries(root) if e["code"] == "Q006"]
    assert entry == {"file": "personas/carla.yaml", "code": "Q006", "field": None, "count": 2}
    write(root, "personas/carla.yaml", "# moved down\n" + hidden + CARLA)
    assert lint_json(root)[1]["findings"] == []
    write(root, "personas/carla.yaml", hidden + "# and\u200b three\n" + CARLA)
    code, document = lint_json(root)
    assert code == 1
    assert [(f["code"], f["line"]) for f in document["findings"]] == [("Q006", 3)]
    run = cli("lint", "--no-baseline", "--select", "Q006", cwd=root)
    assert run.stdout.count("Q006") == 3


def test_a_renamed_file_shows_stale_entries_and_new_findings(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    old = root / "personas/dan.yaml"
    write(root, "personas/daniel.yaml", MINIMAL.format(id="daniel"))
    old.unlink()
    code, document = lint_json(root)
    assert code == 1
    assert {f["path"] for f in document["findings"]} == {"personas/daniel.yaml"}
    stale = document["baseline"]["stale"]
    assert stale and {e["file"] for e in stale} == {"personas/dan.yaml"}
    assert {e["path"] for e in stale} == {None}  # not linted: it is gone
    # Gone is gone, whichever files a run lints.
    assert lint_json(root, "personas/carla.yaml")[1]["baseline"]["stale"] == stale
    assert cli("lint", "--prune-baseline", cwd=root).exit_code == 1
    assert not [e for e in entries(root) if e["file"] == "personas/dan.yaml"]
    assert cli("lint", "--write-baseline", BASELINE, cwd=root).exit_code == 0
    assert cli("lint", cwd=root).exit_code == 0


def test_a_file_that_does_not_validate_keeps_its_entries(tmp_path: Path) -> None:
    """Its rules did not run this time, so their entries are neither stale nor pruned."""
    root = make_set(tmp_path)
    record(root)
    before = entries(root)
    write(root, "personas/carla.yaml", CARLA + "background: oops\n")
    code, document = lint_json(root, "--prune-baseline")
    assert code == 1
    assert [f["code"] for f in document["findings"]] == ["S003"]
    assert document["baseline"]["stale"] == []
    assert entries(root) == before


def test_a_retired_persona_skipped_keeps_its_entries(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    write(root, "personas/old.yaml", MINIMAL.format(id="old") + "status: retired\n")
    record(root, "--include-retired")
    before = entries(root)
    assert any(e["file"] == "personas/old.yaml" for e in before)
    code, document = lint_json(root, "--prune-baseline")
    assert (code, document["findings"], document["baseline"]["stale"]) == (0, [], [])
    assert entries(root) == before
    assert cli("lint", "--include-retired", cwd=root).exit_code == 0


def test_a_run_judges_only_what_it_linted(tmp_path: Path) -> None:
    """One file linted (pre-commit), or a narrower selection: the others' entries are not
    stale, and prune keeps them."""
    root = make_set(tmp_path)
    record(root)
    before = entries(root)
    code, document = lint_json(root, "personas/carla.yaml")
    assert (code, document["findings"], document["baseline"]["stale"]) == (0, [], [])
    code, document = lint_json(root, "--select", "Q")
    assert (code, document["findings"], document["baseline"]["stale"]) == (0, [], [])
    assert cli("lint", "--select", "Q", "--prune-baseline", cwd=root).exit_code == 0
    assert entries(root) == before


# --- where the baseline comes from --------------------------------------------------------------


def test_config_path_is_relative_to_the_config_file(tmp_path: Path) -> None:
    root = make_set(tmp_path, config='fail-on = "warning"\nbaseline = "ci/lint-baseline.json"\n')
    (root / "ci").mkdir()
    run = cli("lint", "--write-baseline", "ci/lint-baseline.json", cwd=root)
    assert run.exit_code == 0
    # Files are named relative to the baseline's own folder.
    assert {e["file"] for e in entries(root, "ci/lint-baseline.json")} == {
        "../personas/carla.yaml",
        "../personas/dan.yaml",
    }
    # From a subfolder, the configured file and its entries mean the same.
    run = cli("lint", cwd=root / "personas")
    assert run.exit_code == 0, run.stdout
    assert run.stdout.splitlines()[-1].endswith("findings baselined (../ci/lint-baseline.json).")
    shown = cli("config", cwd=root)
    [line] = [line for line in shown.stdout.splitlines() if line.startswith("baseline = ")]
    assert line.startswith('baseline = "ci/lint-baseline.json"')
    assert line.endswith("# from .persona.toml")
    settings = cli("config", "--format", "json", cwd=root).json()["settings"]
    assert settings["baseline"] == {"value": "ci/lint-baseline.json", "source": ".persona.toml"}


def test_no_baseline_and_baseline_options(tmp_path: Path) -> None:
    root = make_set(tmp_path, config='fail-on = "warning"\n')
    record(root)
    assert cli("lint", cwd=root).exit_code == 1  # not configured: everything is reported
    assert cli("lint", "--baseline", BASELINE, cwd=root).exit_code == 0
    write(root, ".persona.toml", CONFIG)
    assert cli("lint", cwd=root).exit_code == 0
    assert cli("lint", "--no-baseline", cwd=root).exit_code == 1
    # The option wins over the configured file.
    write(root, "other.json", '{"version": 1, "entries": []}\n')
    run = cli("lint", "--baseline", "other.json", cwd=root)
    assert run.exit_code == 1
    assert run.stdout.splitlines()[-1] == "0 findings baselined (other.json)."


def test_the_prune_hint_names_the_baseline_given_on_the_command_line(tmp_path: Path) -> None:
    root = make_set(tmp_path, config='fail-on = "warning"\n')
    record(root)
    write(root, "personas/carla.yaml", CARLA.replace("summary: TBD", "summary: Signs late."))
    run = cli("lint", "--baseline", BASELINE, cwd=root)
    assert f"run `persona lint --baseline {BASELINE} --prune-baseline` to drop it" in run.stdout


def test_config_shows_an_unset_baseline(tmp_path: Path) -> None:
    run = cli("config", cwd=tmp_path)
    assert "# baseline: not set (default)" in run.stdout.splitlines()
    settings = cli("config", "--format", "json", cwd=tmp_path).json()["settings"]
    assert settings["baseline"] == {"value": None, "source": "default"}


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "{not json",
            f"{BASELINE}:1:2: not a baseline (invalid JSON: Expecting property name enclosed "
            f"in double quotes); fix it, or remove it and run `persona lint --write-baseline "
            f"{BASELINE}`",
        ),
        (
            '{"version": 7, "entries": []}',
            f"{BASELINE}: baseline version 7 is not supported (this persona-cli reads version 1); "
            "use the persona-cli that wrote it, or write it again with "
            f"`persona lint --write-baseline {BASELINE}`",
        ),
        (
            '["personas/carla.yaml"]',
            f"{BASELINE}: not a baseline (expected an object with 'version' and 'entries'); fix "
            f"it, or remove it and run `persona lint --write-baseline {BASELINE}`",
        ),
        (
            '{"version": 1, "entries": [{"file": "a.yaml", "code": "Q001", "count": 0}]}',
            f"{BASELINE}: entry 1 of 'entries' needs 'count' as a whole number of at least 1; "
            f"fix it, or write it again with `persona lint --write-baseline {BASELINE}`",
        ),
        (
            '{"version": 1, "entries": [{"file": "a.yaml", "code": "Q001", "line": 3}]}',
            f"{BASELINE}: entry 1 of 'entries' has an unknown key 'line'; fix it, or write it "
            f"again with `persona lint --write-baseline {BASELINE}`",
        ),
    ],
)
def test_a_broken_baseline_is_one_line_and_exit_2(
    tmp_path: Path, content: str, expected: str
) -> None:
    root = make_set(tmp_path)
    write(root, BASELINE, content)
    run = cli("lint", cwd=root)
    assert (run.exit_code, run.stdout, run.stderr) == (2, "", f"persona: error: {expected}\n")
    # What the message says to do works.
    if "remove it and run" in expected:
        assert cli("lint", "--write-baseline", BASELINE, cwd=root).exit_code == 2
        (root / BASELINE).unlink()
    record(root)
    assert cli("lint", cwd=root).exit_code == 0


def test_a_missing_configured_baseline_says_how_to_make_it(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    run = cli("lint", cwd=root)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        f"persona: error: {BASELINE}: no such baseline file (`baseline` in .persona.toml); run "
        f"`persona lint --write-baseline {BASELINE}` to record today's findings, or remove "
        "the key\n"
    )


def test_a_missing_or_odd_baseline_option(tmp_path: Path) -> None:
    root = make_set(tmp_path, config="")
    run = cli("lint", "--baseline", "nope.json", cwd=root)
    assert (run.exit_code, run.stderr) == (
        2,
        "persona: error: nope.json: no such baseline file; run `persona lint "
        "--write-baseline nope.json` to record today's findings\n",
    )
    (root / "folder.json").mkdir()
    run = cli("lint", "--baseline", "folder.json", cwd=root)
    assert (run.exit_code, run.stderr) == (
        2,
        "persona: error: folder.json: a folder, not a baseline file; pass the path of a JSON "
        "baseline\n",
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--baseline", BASELINE, "--no-baseline"],
            "--baseline and --no-baseline contradict each other; keep one",
        ),
        (
            ["--write-baseline", BASELINE, "--prune-baseline"],
            "--write-baseline and --prune-baseline contradict each other",
        ),
        (
            ["--write-baseline", "new.json", "--baseline", BASELINE],
            "--write-baseline new.json already names the baseline to write; drop --baseline",
        ),
        (
            ["--prune-baseline"],
            "--prune-baseline: no baseline to prune; pass --baseline FILE, or set "
            'baseline = "persona-baseline.json" in the configuration',
        ),
    ],
)
def test_contradicting_options(tmp_path: Path, args: list[str], expected: str) -> None:
    root = make_set(tmp_path, config="")
    write(root, BASELINE, '{"version": 1, "entries": []}\n')
    run = run_persona("lint", *args, cwd=root)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"persona: error: {expected}")
    assert run.stderr.count("\n") == 1


def test_empty_baseline_key_is_a_config_error(tmp_path: Path) -> None:
    root = make_set(tmp_path, config='baseline = ""\n')
    run = cli("lint", cwd=root)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: .persona.toml:1: 'baseline' is empty; name the baseline file, e.g. "
        'baseline = "persona-baseline.json", or remove the key\n'
    )


# --- formats ----------------------------------------------------------------------------------


def test_sarif_keeps_baselined_results_as_suppressed_and_validates(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    write(
        root,
        "personas/carla.yaml",
        CARLA.replace("summary: TBD", "summary: Signs late.") + NEW_PLACEHOLDER,
    )
    run = cli("lint", "--format", "sarif", cwd=root)
    assert run.exit_code == 1
    log = run.json()
    [sarif_run] = log["runs"]
    open_results = [r for r in sarif_run["results"] if "suppressions" not in r]
    suppressed = [r for r in sarif_run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in open_results] == ["Q001"]
    assert suppressed and all(
        r["suppressions"]
        == [{"kind": "external", "justification": f"accepted in the lint baseline {BASELINE}"}]
        for r in suppressed
    )
    baseline = sarif_run["properties"]["baseline"]
    assert baseline["baselined"] == len(suppressed)
    assert [(e["code"], e["field"]) for e in baseline["stale"]] == [("Q001", "summary")]
    schema_path = require_shared_data(SHARED_DATA / "sarif-schema-2.1.0.json")
    import jsonschema

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(log)] == []


def test_github_junit_and_markdown_leave_baselined_findings_out(tmp_path: Path) -> None:
    root = make_set(tmp_path)
    record(root)
    write(root, "personas/carla.yaml", CARLA + NEW_PLACEHOLDER)
    github = cli("lint", "--format", "github", cwd=root)
    assert github.exit_code == 1
    assert [line for line in github.stdout.splitlines() if line.startswith("::")] == [
        line
        for line in github.stdout.splitlines()
        if line.startswith("::") and "line=12" in line and "Q001" in line
    ]
    assert github.stdout.count("::warning") == 1
    junit = cli("lint", "--format", "junit", cwd=root)
    assert junit.stdout.count("<failure") == 1
    markdown = cli("lint", "--format", "markdown", cwd=root)
    assert "findings baselined (persona-baseline.json)." in markdown.stdout
    assert markdown.stdout.count("| Q001 |") == 1


# --- the README's worked example ---------------------------------------------------------------


def _readme_blocks() -> list[tuple[list[str], list[str]]]:
    """The `$ persona ...` command and output lines of each console block of the README's
    baseline section."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("#### Baseline: adopting lint on an existing set")
    section = readme[start : readme.index("\n### ", start)]
    blocks = []
    for chunk in section.split("```console\n")[1:]:
        lines = chunk[: chunk.index("```")].splitlines()
        blocks.append((lines[0].removeprefix("$ persona ").split(), lines[1:]))
    return blocks


def _readme_config() -> str:
    """The configuration the README's baseline section tells CI to use."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("#### Baseline: adopting lint on an existing set")
    chunk = readme[readme.index("```toml\n", start) + len("```toml\n") :]
    return chunk[: chunk.index("```")]


def test_the_readme_example_is_what_lint_prints(tmp_path: Path) -> None:
    (write_args, written), (clean_args, clean), (new_args, new) = _readme_blocks()
    # The README's configuration is the one the example runs with: a new warning fails CI.
    assert _readme_config() == CONFIG
    root = make_set(tmp_path, config='fail-on = "warning"\n')
    write(root, "personas/dan.yaml", "schema_version: 1\nid: dan\nname: Dan\nkind: user\n")
    run = cli("lint", *write_args[1:], cwd=root)
    assert (run.exit_code, run.stderr.splitlines()) == (0, written)
    write(root, ".persona.toml", CONFIG)
    run = cli(*clean_args, cwd=root)
    assert (run.exit_code, run.stdout.splitlines()) == (0, clean)
    fixed = CARLA.replace("summary: TBD", "summary: Signs off on spend over $50k.")
    write(root, "personas/carla.yaml", fixed + NEW_PLACEHOLDER)
    run = cli(*new_args, cwd=root)
    assert (run.exit_code, run.stdout.splitlines()) == (1, new)
    # Without `fail-on`, the new warning is reported but the run passes, as the README says.
    write(root, ".persona.toml", f'baseline = "{BASELINE}"\n')
    assert cli(*new_args, cwd=root).exit_code == 0
    write(root, ".persona.toml", CONFIG)
    run = cli("lint", "--prune-baseline", cwd=root)
    assert run.stderr == f"Pruned {BASELINE}: dropped 1 entry that no longer matched.\n"


def test_the_github_step_summary_says_what_was_baselined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_set(tmp_path)
    record(root)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli("lint", "--format", "github", cwd=root).exit_code == 0
    text = summary.read_text("utf-8")
    assert f"findings baselined ({BASELINE})." in text
