"""Reporters on hand-built results: each format's content, escaping and limits."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from persona_cli import __version__, reporters
from persona_cli.domain.result import Finding, LintResult, PersonaScore, Severity
from persona_cli.lint.rules.catalogue import REGISTRY
from persona_cli.reporters.base import Reporter
from persona_cli.reporters.github import ANNOTATION_LIMIT, GithubReporter, step_summary
from persona_cli.reporters.json_reporter import JsonReporter
from persona_cli.reporters.junit import JunitReporter
from persona_cli.reporters.markdown import MarkdownReporter, bar
from persona_cli.reporters.sarif import SarifReporter, full_description, help_markdown
from tests.conftest import SHARED_DATA, require_shared_data

SARIF_SCHEMA = SHARED_DATA / "sarif-schema-2.1.0.json"


def finding(
    path: str,
    line: int,
    code: str = "S002",
    *,
    column: int = 1,
    rule: str = "unknown-key",
    severity: Severity = Severity.error,
    message: str = "unknown key 'fers'",
) -> Finding:
    return Finding(path, line, column, code, rule, severity, message)


def score(path: str, completeness: float, **overrides: Any) -> PersonaScore:
    stem = Path(path).stem
    fields: dict[str, Any] = {
        "path": path,
        "id": stem,
        "name": stem.title(),
        "kind": "buyer",
        "status": "draft",
        "completeness": completeness,
        "parts": {"emotional": completeness, "risk": 0.5},
        "missing": ("whole_person.fears",),
    }
    fields.update(overrides)
    return PersonaScore(**fields)


def render(reporter: type[Reporter], result: LintResult) -> str:
    stream = io.StringIO()
    reporter(stream, color=False).report(result)
    return stream.getvalue()


@pytest.fixture
def result() -> LintResult:
    """Two scored personas (one clean), one broken file, and findings of every severity."""
    return LintResult(
        files=4,
        findings=[
            finding("personas/carla.yaml", 8, column=3, message="unknown key 'fers'"),
            finding(
                "personas/carla.yaml",
                12,
                "W999",
                rule="not-in-catalogue",
                severity=Severity.warning,
                message="quote | with a pipe\nand a newline",
            ),
            finding(
                "personas/carla.yaml",
                0,
                "I999",
                column=0,
                rule="stale",
                severity=Severity.info,
                message="whole-file note",
            ),
            finding("broken.yaml", 3, "Y001", column=5, rule="yaml-syntax", message="bad"),
        ],
        personas=[
            score("personas/carla.yaml", 0.4, name="Cautious Carla, CISO", status="validated"),
            score("personas/dan.yaml", 0.9, kind="user"),
        ],
    )


def test_every_format_is_registered_and_importable() -> None:
    for name in ("github", "sarif", "junit", "markdown"):
        assert name in reporters.LINT_REPORTERS
        assert callable(reporters.get(name))


# --- github -----------------------------------------------------------------------------------


def test_github_annotations_escape_data_and_properties() -> None:
    result = LintResult(
        files=2,
        findings=[
            finding(
                "odd:dir,x/50%.yaml",
                4,
                column=2,
                message="100% sure\r\nsecond line: a, b",
            ),
            finding("a.yaml", 0, "Y005", column=0, rule="empty-file", message="empty"),
            finding("a.yaml", 2, "X1", rule="r", severity=Severity.warning, message="w"),
            finding("a.yaml", 3, "X2", rule="r", severity=Severity.info, message="i"),
        ],
    )
    lines = render(GithubReporter, result).splitlines()
    assert lines[:4] == [
        "::error file=a.yaml,title=Y005 empty-file::empty",
        "::warning file=a.yaml,line=2,col=1,title=X1 r::w",
        "::notice file=a.yaml,line=3,col=1,title=X2 r::i",
        "::error file=odd%3Adir%2Cx/50%25.yaml,line=4,col=2,title=S002 unknown-key::"
        "100%25 sure%0D%0Asecond line: a, b",
    ]
    assert lines[4] == "Found 4 problems (2 errors, 1 warning, 1 info) in 2 of 2 files."


def test_github_annotates_ten_errors_and_ten_warnings_per_file() -> None:
    many = [finding("big.yaml", line) for line in range(1, 16)]
    many += [finding("big.yaml", line, "W1", severity=Severity.warning) for line in range(20, 32)]
    other = [finding("small.yaml", line) for line in range(1, 4)]
    result = LintResult(files=2, findings=many + other)
    lines = render(GithubReporter, result).splitlines()

    big = [line for line in lines if line.startswith("::") and "file=big.yaml" in line]
    assert sum(line.startswith("::error ") for line in big) == ANNOTATION_LIMIT
    assert sum(line.startswith("::warning ") for line in big) == ANNOTATION_LIMIT
    # The cap is per file: the small file still gets every annotation.
    assert sum("file=small.yaml" in line for line in lines) == 3
    assert "big.yaml: 7 more findings not annotated (run persona lint locally to see all)" in lines
    assert not any(line.startswith("small.yaml:") for line in lines)
    # The note follows the file's own annotations, before the next file's.
    note = lines.index(
        "big.yaml: 7 more findings not annotated (run persona lint locally to see all)"
    )
    assert all("big.yaml" in line for line in lines[:note])
    assert lines[-1] == "Found 30 problems (18 errors, 12 warnings) in 2 of 2 files."


def test_github_clean_run_prints_only_the_summary() -> None:
    assert (
        render(GithubReporter, LintResult(files=3)) == "All checks passed: 3 files, no problems.\n"
    )


def test_step_summary_lists_personas_weakest_first(result: LintResult) -> None:
    text = step_summary(result)
    assert text.startswith("## persona lint\n")
    assert "4 files linted, 2 personas scored, 2 errors, 1 warning, 1 info." in text
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows[0] == "| persona | id | kind | status | completeness | errors | warnings |"
    assert rows[1] == "| --- | --- | --- | --- | ---: | ---: | ---: |"
    assert rows[2:] == [
        # The broken file has findings but no score: it is listed, and first.
        "| broken.yaml | - | - | - | not scored | 1 | 0 |",
        "| Cautious Carla, CISO | carla | buyer | validated | 40% | 1 | 1 |",
        "| Dan | dan | user | draft | 90% | 0 | 0 |",
    ]


# --- sarif ------------------------------------------------------------------------------------


def sarif(result: LintResult) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(SarifReporter, result))
    return log


def test_sarif_validates_against_the_official_schema(result: LintResult) -> None:
    require_shared_data(SARIF_SCHEMA)
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    absolute = finding("/srv/personas/with space.yaml", 1)
    log = sarif(LintResult(files=5, findings=[*result.findings, absolute]))
    errors = [error.message for error in validator.iter_errors(log)]
    assert errors == []
    assert len(log["runs"][0]["results"]) == 5


def test_sarif_driver_lists_the_whole_catalogue(result: LintResult) -> None:
    log = sarif(result)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("persona-cli", __version__)
    assert [rule["id"] for rule in driver["rules"]] == list(REGISTRY)
    s002 = driver["rules"][[rule["id"] for rule in driver["rules"]].index("S002")]
    rule = REGISTRY["S002"]
    assert s002["name"] == rule.name
    assert s002["shortDescription"]["text"] == rule.summary()
    assert s002["help"]["text"] == rule.documentation()
    assert s002["fullDescription"]["text"].startswith(rule.summary())
    assert "Failing:" not in s002["fullDescription"]["text"]
    assert s002["defaultConfiguration"]["level"] == "error"
    assert s002["properties"]["tags"] == [rule.family]


def test_sarif_results_point_at_their_rule(result: LintResult) -> None:
    run = sarif(result)["runs"][0]
    by_code = {item["ruleId"]: item for item in run["results"]}
    y001 = by_code["Y001"]
    assert run["tool"]["driver"]["rules"][y001["ruleIndex"]]["id"] == "Y001"
    assert y001["level"] == "error"
    assert y001["message"]["text"] == "bad"
    location = y001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "broken.yaml", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 5}
    # Codes outside the catalogue keep their id but get no index; line 0 gets no region.
    assert "ruleIndex" not in by_code["W999"]
    assert by_code["W999"]["level"] == "warning"
    assert by_code["I999"]["level"] == "note"
    assert "region" not in by_code["I999"]["locations"][0]["physicalLocation"]
    # Sorted like every other reporter: by path, then line.
    assert [item["ruleId"] for item in run["results"]] == ["Y001", "I999", "S002", "W999"]


def test_sarif_absolute_paths_become_file_uris() -> None:
    run = sarif(LintResult(files=1, findings=[finding("/srv/p/a b.yaml", 2)]))["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///srv/p/a%20b.yaml"}


def test_sarif_output_is_deterministic(result: LintResult) -> None:
    shuffled = LintResult(result.files, list(reversed(result.findings)), result.personas)
    assert render(SarifReporter, result) == render(SarifReporter, shuffled)


def test_sarif_help_markdown_fences_the_examples() -> None:
    doc = (
        "Summary.\n\nWhy it matters,\nwrapped.\n\n"
        "Failing:\n\n    a: 1\n\n    b: 2\n\nPassing:\n\n    a: 2"
    )
    assert help_markdown(doc) == (
        "Summary.\n\nWhy it matters,\nwrapped.\n\nFailing:\n\n```yaml\na: 1\n\nb: 2\n```\n\n"
        "Passing:\n\n```yaml\na: 2\n```"
    )
    assert full_description(doc) == "Summary.\n\nWhy it matters, wrapped."


# --- junit ------------------------------------------------------------------------------------


def test_junit_has_one_case_per_known_file_with_counts(result: LintResult) -> None:
    root = ET.fromstring(render(JunitReporter, result))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.attrib == {
        "name": "persona lint",
        "tests": "3",
        "failures": "2",
        "errors": "0",
        "skipped": "0",
    }
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert list(cases) == ["broken.yaml", "personas/carla.yaml", "personas/dan.yaml"]
    assert {case.get("classname") for case in cases.values()} == {"personas"}

    carla = cases["personas/carla.yaml"]
    failure = carla.find("failure")
    assert failure is not None
    assert failure.get("type") == "S002,W999"
    assert failure.get("message") == "2 problems (1 error, 1 warning)"
    assert failure.text is not None
    assert failure.text.splitlines()[0] == "personas/carla.yaml:8:3: S002 unknown key 'fers'"
    system_out = carla.find("system-out")
    assert system_out is not None
    assert system_out.text == "personas/carla.yaml:0:0: I999 whole-file note"
    completeness = carla.find("properties/property[@name='completeness']")
    assert completeness is not None
    assert completeness.get("value") == "0.4"

    broken = cases["broken.yaml"].find("failure")
    assert broken is not None
    assert (broken.get("type"), broken.get("message")) == ("Y001", "Y001 bad")
    assert cases["broken.yaml"].find("properties") is None
    assert cases["personas/dan.yaml"].find("failure") is None


def test_junit_survives_control_characters() -> None:
    bad = finding("a.yaml", 1, "Y006", message="byte \x00 at offset 3")
    root = ET.fromstring(render(JunitReporter, LintResult(files=1, findings=[bad])))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == "Y006 byte \ufffd at offset 3"


# --- markdown ---------------------------------------------------------------------------------


def test_markdown_has_verdict_table_and_folded_findings(result: LintResult) -> None:
    text = render(MarkdownReporter, result)
    lines = text.splitlines()
    assert lines[0] == "## Persona lint"
    assert "❌ 2 errors, 1 warning, 1 info in 2 of 4 files." in lines
    assert "| persona | kind | status | completeness | problems |" in lines
    assert "| broken.yaml | - | - | not scored | 1 |" in lines
    assert "| Cautious Carla, CISO | buyer | validated | `████░░░░░░` 40% | 3 |" in lines
    assert "| Dan | user | draft | `█████████░` 90% | 0 |" in lines
    assert "<summary>personas/carla.yaml (3)</summary>" in lines
    assert "<summary>broken.yaml (1)</summary>" in lines
    # Pipes and newlines in a message must not break the table row.
    assert "| W999 | 12:1 | warning | quote \\| with a pipe<br>and a newline |" in lines
    assert "| I999 | - | info | whole-file note |" in lines
    assert text.count("<details>") == text.count("</details>") == 2


def test_markdown_clean_verdict() -> None:
    clean = LintResult(files=2, personas=[score("a.yaml", 1.0)])
    text = render(MarkdownReporter, clean)
    assert "✅ Clean: no errors or warnings in 2 files." in text
    assert "| A | buyer | draft | `██████████` 100% | 0 |" in text
    assert "<details>" not in text


def test_markdown_escapes_html_in_cells() -> None:
    odd = finding("a.yaml", 1, message="key '<details>' & more")
    text = render(MarkdownReporter, LintResult(files=1, findings=[odd]))
    assert "key '&lt;details&gt;' &amp; more" in text
    assert text.count("<details>") == 1


def test_markdown_bar_rounds_half_up() -> None:
    assert bar(0.0) == "░" * 10
    assert bar(0.45) == "█████░░░░░"
    assert bar(1.0) == "█" * 10


# --- json -------------------------------------------------------------------------------------


def test_json_adds_personas_after_findings(result: LintResult) -> None:
    data = json.loads(render(JsonReporter, result))
    assert list(data) == ["version", "files", "findings", "personas"]
    assert data["personas"][0] == {
        "path": "personas/carla.yaml",
        "id": "carla",
        "name": "Cautious Carla, CISO",
        "kind": "buyer",
        "status": "validated",
        "completeness": 0.4,
        "parts": {"emotional": 0.4, "risk": 0.5},
        "missing": ["whole_person.fears"],
    }


def test_json_rounds_shares() -> None:
    data = json.loads(render(JsonReporter, LintResult(files=1, personas=[score("a.yaml", 2 / 3)])))
    assert data["personas"][0]["completeness"] == 0.667
    assert data["personas"][0]["parts"]["emotional"] == 0.667


# --- the text reporter's lines without rich -----------------------------------------------

_LINES = [
    ("plain", ("personas/a.yaml:1:1:", "bold"), " ", ("S001", "bold red"), " done"),
    ("markup-like", ("[bold]not markup[/bold] \\[x] a\\", "dim"), " [/] [error]"),
    ("wide characters", "中文 text", ("✗ ok", "green")),
    ("tab", ("a\tb", "dim"), " c\td"),
    ("carriage return", "before\rafter"),
    ("bell and escape", "ding\x07 esc\x1b[31m red"),
    ("no-break space", "a\u00a0b"),
    ("empty", ""),
]


@pytest.mark.parametrize("pieces", [line[1:] for line in _LINES], ids=[line[0] for line in _LINES])
@pytest.mark.parametrize("color", [None, False, True], ids=["auto", "no-color", "color"])
def test_a_line_written_without_rich_is_what_rich_writes(
    pieces: tuple[Any, ...], color: bool | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the output gets no escape code, the text reporter writes printable lines itself
    (no rich import); a line rich would change (a tab, a control character) goes through
    rich. Either way the bytes are rich's, on a pipe and with --color or --no-color."""
    from rich.text import Text

    from persona_cli.reporters.console import LineWriter, make_console

    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    ours, theirs = io.StringIO(), io.StringIO()
    writer = LineWriter(ours, color=color)
    assert writer.plain == (color is not True)
    writer.line(*pieces)
    parts = [(piece, "") if isinstance(piece, str) else piece for piece in pieces]
    make_console(theirs, color=color).print(Text.assemble(*parts))
    assert ours.getvalue() == theirs.getvalue()


def test_force_color_leaves_the_choice_to_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from persona_cli.reporters.console import writes_plain

    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not writes_plain(io.StringIO(), color=None)
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert not writes_plain(io.StringIO(), color=None)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert writes_plain(io.StringIO(), color=None)
    assert writes_plain(io.StringIO(), color=False)
