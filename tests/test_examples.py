"""Examples are acceptance tests: valid ones exit 0, each invalid one reports its codes.

Also runs check-jsonschema (a real, independent client) over the examples against the
exported schema, as an editor with the modeline would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, cli, run_persona

#: The examples were last reviewed in autumn 2026; judge their freshness as of then.
TODAY = "2026-11-22"
VALID = sorted((EXAMPLES / "personas").glob("*.yaml"))
#: Examples of other kinds of set, linted on their own: a public service's user research.
PUBLIC_SERVICE = sorted((EXAMPLES / "public-service").glob("*.yaml"))
INVALID = EXAMPLES / "invalid"
#: A family built with `extends` and `add`: a parent and two children of other kinds.
EXTENDS = sorted((EXAMPLES / "extends").glob("*.yaml"))

#: Each invalid example and the (code, line) findings it must produce, no more, no less.
EXPECTED: dict[str, set[tuple[str, int]]] = {
    "alias-bomb.yaml": {("Y008", 7)},
    "duplicate-key.yaml": {("Y002", 10)},
    "empty.yaml": {("Y005", 1)},
    "id-mismatch.yaml": {("I001", 4)},
    "invalid-values.yaml": {("S003", 8), ("S003", 9), ("S003", 12), ("S003", 14), ("S003", 15)},
    "latin1.yaml": {("Y006", 5)},
    "missing-name.yaml": {("S001", 3), ("S001", 7)},
    "multiple-documents.yaml": {("Y004", 7)},
    "python-tag.yaml": {("Y009", 5)},
    "scalar-document.yaml": {("Y003", 3)},
    "syntax-error.yaml": {("Y001", 9)},
    "too-large.yaml": {("Y007", 1)},
    "top-level-list.yaml": {("Y003", 3)},
    "unknown-extends.yaml": {("I003", 7)},
    "unknown-key.yaml": {("S002", 8), ("S002", 10)},
    "duplicate-id/team-b/shared-buyer.yaml": {("I002", 4)},
    "extends-cycle/cycle-a.yaml": {("I004", 7)},
    "extends-cycle/cycle-b.yaml": {("I004", 7)},
    "hidden-characters.yaml": {("Q005", 10), ("Q005", 11), ("Q005", 14), ("Q006", 16)},
}


def test_there_are_seven_complete_examples_of_every_kind() -> None:
    assert len(VALID) == 7
    text = "".join(path.read_text() for path in VALID)
    assert text.count("kind: buyer") == 5
    assert "kind: user" in text
    assert "kind: internal" in text


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_example_passes(path: Path) -> None:
    run = cli("lint", path.relative_to(ROOT), "--now", TODAY, cwd=ROOT)
    assert run.exit_code == 0, run.stdout
    assert "All checks passed" in run.stdout


@pytest.mark.parametrize("path", PUBLIC_SERVICE, ids=lambda p: p.name)
def test_public_service_example_passes_even_at_info(path: Path) -> None:
    run = cli("lint", path.relative_to(ROOT), "--now", TODAY, "--fail-on", "info", cwd=ROOT)
    assert run.exit_code == 0, run.stdout
    assert "All checks passed" in run.stdout


def test_the_public_service_example_uses_the_homes_for_real_content() -> None:
    [path] = PUBLIC_SERVICE
    run = cli("show", path.relative_to(ROOT), "--no-age", "--format", "json", cwd=ROOT)
    persona = run.json()["persona"]
    for field in ("company", "background", "tools", "influences", "messaging", "notes"):
        assert persona.get(field), field
    assert {"traits", "behaviours"} <= set(persona["whole_person"])
    assert any("when" not in job for job in persona["jobs_to_be_done"])
    assert all(channel.get("stage") for channel in persona["influences"]["channels"])
    assert run.json()["extensions"]


def test_the_extends_family_passes_and_each_child_reads_merged() -> None:
    """The children lint clean only merged: alone, neither has the whole person or the lenses
    its kind needs, nor the evidence its quotes cite."""
    assert sorted(path.stem for path in EXTENDS) == [
        "developer",
        "developer-evaluator",
        "mobile-developer",
    ]
    run = cli("lint", "examples/extends", "--now", TODAY, "--format", "json", cwd=ROOT)
    assert run.exit_code == 0, run.stdout
    report = run.json()
    assert report["findings"] == []
    kinds = {score["id"]: (score["kind"], score["completeness"]) for score in report["personas"]}
    assert kinds == {
        "developer": ("user", 1.0),
        "developer-evaluator": ("buyer", 1.0),
        "mobile-developer": ("user", 1.0),
    }
    for child in ("developer-evaluator", "mobile-developer"):
        text = (EXAMPLES / "extends" / f"{child}.yaml").read_text("utf-8")
        assert "extends: developer\n" in text and "\nadd:\n" in text
        assert "whole_person:\n  " not in text.split("\nadd:\n")[0]


def test_examples_start_with_the_schema_modeline() -> None:
    for path in [*VALID, *PUBLIC_SERVICE, *EXTENDS, *INVALID.rglob("*.yaml")]:
        if path.stat().st_size == 0:
            continue
        first = path.read_bytes().splitlines()[0].decode()
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert schema == ROOT / "schemas" / "persona.schema.json", path


def test_invalid_examples_report_exactly_their_codes() -> None:
    codes = "Y,S,I,Q005,Q006"  # the loader's, the schema's, identity, hidden characters
    run = cli("lint", "examples/invalid", "--format", "json", "--select", codes, cwd=ROOT)
    assert run.exit_code == 1
    report = run.json()
    found: dict[str, set[tuple[str, int]]] = {}
    for finding in report["findings"]:
        name = finding["path"].removeprefix("examples/invalid/")
        found.setdefault(name, set()).add((finding["code"], finding["line"]))
    assert found == EXPECTED
    assert report["files"] == len(list(INVALID.rglob("*.yaml")))


@pytest.mark.parametrize(
    "name", [n for n in EXPECTED if "/" not in n and not n.startswith(("id-", "unknown-ext"))]
)
def test_each_invalid_file_fails_alone(name: str) -> None:
    run = cli("lint", f"examples/invalid/{name}", cwd=ROOT)
    assert run.exit_code == 1
    codes = {code for code, _ in EXPECTED[name]}
    assert all(code in run.stdout for code in codes)


def test_make_run_job_passes_with_the_real_console_script() -> None:
    run = run_persona("lint", "examples/personas", "--now", TODAY, "--fail-on", "info", cwd=ROOT)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert run.stderr == ""


def _check_jsonschema() -> list[str]:
    exe = Path(sys.executable).with_name("check-jsonschema")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("check-jsonschema")
    if found is None:
        pytest.skip("check-jsonschema is not installed (pip install -e '.[test]')")
    return [found]


def test_check_jsonschema_accepts_the_examples() -> None:
    command = [
        *_check_jsonschema(),
        "--schemafile",
        str(ROOT / "schemas" / "persona.schema.json"),
        *map(str, [*VALID, *PUBLIC_SERVICE, *EXTENDS]),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize("name", ["unknown-key.yaml", "invalid-values.yaml", "missing-name.yaml"])
def test_check_jsonschema_rejects_what_the_schema_forbids(name: str) -> None:
    command = [
        *_check_jsonschema(),
        "--schemafile",
        str(ROOT / "schemas" / "persona.schema.json"),
        str(INVALID / name),
    ]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    assert proc.returncode == 1, proc.stdout + proc.stderr


def test_proto_persona_shows_what_the_catalogue_catches() -> None:
    run = cli(
        "lint", "examples/invalid/proto-persona.yaml", "--now", TODAY, "--format", "json", cwd=ROOT
    )
    assert run.exit_code == 1  # E001 is an error
    found = {(f["code"], f["line"]) for f in run.json()["findings"]}
    assert found == {
        ("L001", 4),
        ("E001", 8),
        ("Q001", 9),
        ("Q002", 11),
        ("Q003", 13),
        ("W002", 16),
        ("W003", 16),
        ("W004", 16),
        ("W006", 18),
        ("R002", 20),
        ("R003", 20),
        ("R004", 20),
        ("R005", 20),
        ("F004", 22),
        ("F002", 23),
        # No lenses at all: each lens field is asked for, at the first key.
        *((f"R{n:03d}", 4) for n in range(11, 20)),
        *((f"L{n:03d}", 4) for n in range(3, 11)),
    }
    [score] = run.json()["personas"]
    assert 0 < score["completeness"] < 0.2
