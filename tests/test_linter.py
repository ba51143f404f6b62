"""The lint engine: cross-file identity checks and the parallel path."""

from __future__ import annotations

from pathlib import Path

from persona_cli.io.discovery import discover
from persona_cli.io.parallel import PARALLEL_THRESHOLD
from persona_cli.io.settings import Settings
from persona_cli.lint.engine import Engine, lint
from tests.conftest import MINIMAL, write

#: These tests are about the engine's file and identity checks, not the rule catalogue.
CORE = Engine.build(Settings(select=("Y", "S", "I")))


def codes(folder: Path, **options: int) -> list[tuple[str, str, int, int]]:
    result = lint(discover([str(folder)], cwd=folder.parent), engine=CORE, **options)
    return [(f.path, f.code, f.line, f.column) for f in result.sorted_findings()]


def test_identity_checks(tmp_personas: Path) -> None:
    write(tmp_personas, "base.yaml", MINIMAL.format(id="base"))
    write(tmp_personas, "carla.yaml", MINIMAL.format(id="carla") + "extends: base\n")
    write(tmp_personas, "typo.yaml", MINIMAL.format(id="typo") + "extends: bsae\n")
    write(tmp_personas, "a/twin.yaml", MINIMAL.format(id="twin"))
    write(tmp_personas, "b/twin.yaml", MINIMAL.format(id="twin"))
    write(tmp_personas, "renamed.yaml", MINIMAL.format(id="old-name"))
    write(tmp_personas, "loop-a.yaml", MINIMAL.format(id="loop-a") + "extends: loop-b\n")
    write(tmp_personas, "loop-b.yaml", MINIMAL.format(id="loop-b") + "extends: loop-a\n")
    write(tmp_personas, "self.yaml", MINIMAL.format(id="self") + "extends: self\n")
    write(tmp_personas, "tail.yaml", MINIMAL.format(id="tail") + "extends: loop-a\n")
    assert codes(tmp_personas) == [
        ("personas/b/twin.yaml", "I002", 2, 5),
        ("personas/loop-a.yaml", "I004", 5, 10),
        ("personas/loop-b.yaml", "I004", 5, 10),
        ("personas/renamed.yaml", "I001", 2, 5),
        ("personas/self.yaml", "I004", 5, 10),
        # Led into the loop, not in it: its parent exists, but the chain cannot be merged.
        ("personas/tail.yaml", "I005", 5, 10),
        ("personas/typo.yaml", "I003", 5, 10),
    ]


def test_unknown_extends_suggests_the_closest_id(tmp_personas: Path) -> None:
    write(tmp_personas, "base.yaml", MINIMAL.format(id="base"))
    write(tmp_personas, "typo.yaml", MINIMAL.format(id="typo") + "extends: bsae\n")
    result = lint(discover([str(tmp_personas)], cwd=tmp_personas.parent), engine=CORE)
    [finding] = result.findings
    assert finding.message == "extends 'bsae', but no persona has that id; did you mean 'base'?"


def test_invalid_files_still_take_part_in_identity_checks(tmp_personas: Path) -> None:
    # A schema error elsewhere in the file does not hide a duplicate id.
    write(tmp_personas, "a/x.yaml", MINIMAL.format(id="x") + "goals: not a list\n")
    write(tmp_personas, "b/x.yaml", MINIMAL.format(id="x"))
    assert [c for _, c, _, _ in codes(tmp_personas)] == ["S003", "I002"]


def test_parallel_and_serial_runs_agree(tmp_personas: Path) -> None:
    count = PARALLEL_THRESHOLD * 2 + 5
    for index in range(count):
        body = MINIMAL.format(id=f"p{index}")
        if index % 7 == 0:
            body += "whole_person:\n  fers: [x]\n"
        if index % 11 == 0:
            body = body.replace(f"id: p{index}", f"id: p{index + 1}")
        write(tmp_personas, f"p{index}.yaml", body)
    serial = codes(tmp_personas, jobs=1)
    parallel = codes(tmp_personas, jobs=2)
    assert serial == parallel
    assert {code for _, code, _, _ in serial} == {"S002", "I001", "I002"}


def test_many_clean_files_report_nothing(tmp_personas: Path) -> None:
    for index in range(PARALLEL_THRESHOLD + 1):
        write(tmp_personas, f"p{index}.yaml", MINIMAL.format(id=f"p{index}"))
    result = lint(discover([str(tmp_personas)], cwd=tmp_personas.parent), engine=CORE, jobs=2)
    assert result.files == PARALLEL_THRESHOLD + 1
    assert result.findings == []
