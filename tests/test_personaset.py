"""The load stage (`persona_cli.load.personaset`): real files in, frozen typed records out.

Each test writes persona and segment files to a temp folder and loads them as a verb does:
problems carry the file, line and column lint reports; individual profiles are merged over
their parents; segments come with their committee seats; records cannot be changed.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pydantic
import pytest

from persona_cli.domain.model import Kind, Persona
from persona_cli.domain.roles import CommitteeRole
from persona_cli.domain.segment import CommitteeMember
from persona_cli.io.discovery import SourceFile, discover
from persona_cli.load.personaset import PersonaSet, located, read
from persona_cli.verbs.listing import Problem
from tests.conftest import EXAMPLES, write

ROOT_PERSONA = """\
schema_version: 1
id: carla
name: Cautious Carla
kind: buyer
summary: The root.
role:
  titles: [CISO]
  seniority: C-level
goals:
  - Pass the audit
"""

CHILD = """\
schema_version: 1
id: carla-q3
name: Carla in Q3
kind: individual
extends: carla
role:
  seniority: VP
"""


def load(folder: Path) -> PersonaSet:
    return PersonaSet.load(discover(["."], cwd=folder))


def test_problems_carry_file_line_and_column(tmp_path: Path) -> None:
    write(tmp_path, "bad.yaml", "schema_version: 1\nid: bad\nname: Bad\nkind: buyer\ncolour: red\n")
    write(tmp_path, "dup.yaml", "schema_version: 1\nid: dup\nid: dup\nname: D\nkind: buyer\n")
    personas = load(tmp_path)
    bad = personas.find("bad")
    assert bad.persona is None and not bad.usable
    assert bad.problem is not None
    assert (bad.problem.path, bad.problem.line, bad.problem.column) == ("bad.yaml", 5, 1)
    assert bad.problem.code == "S002"
    assert located(bad.problem).startswith("bad.yaml:5:1: S002 unknown key 'colour'")
    # A duplicate key is the loader's problem: the document is built (lint checks it), but no
    # other verb may use it, and its data is not offered.
    dup = personas.find("dup")
    assert dup.misread and not dup.usable and dup.data is None
    assert dup.problem is not None and dup.problem.line == 3
    assert {problem.path for problem in personas.problems} == {"bad.yaml", "dup.yaml"}


def test_an_unreadable_file_is_a_record_with_its_problem(tmp_path: Path) -> None:
    write(tmp_path, "broken.yaml", "id: [unclosed\n")
    (record,) = load(tmp_path).records
    assert record.document is None and record.persona is None
    assert record.id == "broken"  # known by its file name
    assert record.problem is not None and record.problem.line >= 1


def test_an_individual_is_merged_over_its_parent(tmp_path: Path) -> None:
    write(tmp_path, "carla.yaml", ROOT_PERSONA)
    write(tmp_path, "carla-q3.yaml", CHILD)
    personas = load(tmp_path)
    child = personas.find("carla-q3")
    resolved = personas.resolve(child)
    assert resolved.problem is None
    assert [record.id for record in resolved.chain] == ["carla-q3", "carla"]
    assert isinstance(resolved.persona, Persona)
    assert resolved.persona.kind == Kind.individual
    assert resolved.persona.role is not None
    assert resolved.persona.role.seniority == "VP"  # its own value wins
    assert resolved.persona.role.titles == ["CISO"]  # inherited
    assert resolved.persona.goals == ["Pass the audit"]
    assert resolved.origin(("goals",)) == "carla"
    assert resolved.origin(("role", "seniority")) is None
    # A persona that is not an individual profile is as written.
    root = personas.resolve(personas.find("carla"))
    assert root.chain == (personas.find("carla"),) and root.data["role"]["seniority"] == "C-level"


def test_a_broken_chain_is_a_located_problem(tmp_path: Path) -> None:
    write(tmp_path, "carla-q3.yaml", CHILD.replace("extends: carla", "extends: carl"))
    write(tmp_path, "carl-a.yaml", ROOT_PERSONA.replace("id: carla", "id: carl-a"))
    personas = load(tmp_path)
    resolved = personas.resolve(personas.find("carla-q3"))
    assert resolved.problem is not None
    # On the `extends` value, where lint reports its unknown-extends.
    fault = resolved.problem
    assert (fault.path, fault.line, fault.column, fault.is_cycle) == ("carla-q3.yaml", 5, 10, False)
    assert "extends 'carl', but no persona has that id; did you mean 'carl-a'?" in (
        resolved.problem.message
    )
    assert resolved.chain == (personas.find("carla-q3"),)


def test_a_loop_is_extends_cycle(tmp_path: Path) -> None:
    write(
        tmp_path, "a.yaml", CHILD.replace("carla-q3", "a").replace("extends: carla", "extends: b")
    )
    write(
        tmp_path, "b.yaml", CHILD.replace("carla-q3", "b").replace("extends: carla", "extends: a")
    )
    personas = load(tmp_path)
    resolved = personas.resolve(personas.find("a"))
    assert resolved.problem is not None and resolved.problem.is_cycle
    assert resolved.problem.hint == "break the chain at one persona"
    assert "a -> b -> a" in resolved.problem.message


def test_segments_are_attached_with_their_seats(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "personas", tmp_path / "personas")
    shutil.copytree(EXAMPLES / "segments", tmp_path / "segments")
    personas = load(tmp_path)
    (segment,) = personas.segments
    assert segment.display == "segments/mid-market-fintech.yaml"
    seats = segment.segment.committee or []
    assert seats and all(isinstance(seat, CommitteeMember) for seat in seats)
    assert any(seat.role == CommitteeRole.economic_buyer for seat in seats)
    # Each seat's line is in the document the record keeps.
    assert segment.line_of(("committee", 0)) > 1
    # The segment file is no persona: `find` and `personas` leave it out.
    assert all(not record.is_segment for record in personas.personas)
    with pytest.raises(Exception, match="no persona 'mid-market-fintech'"):
        personas.find("mid-market-fintech")


def test_records_and_models_are_frozen(tmp_path: Path) -> None:
    path = write(tmp_path, "carla.yaml", ROOT_PERSONA)
    record = read(SourceFile(path, "carla.yaml"))
    assert record.persona is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.persona = None  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        record.persona.name = "Someone else"  # type: ignore[misc]
    personas = PersonaSet((record,))
    with pytest.raises(dataclasses.FrozenInstanceError):
        personas.records = ()  # type: ignore[misc]


def test_text_is_kept_only_when_asked(tmp_path: Path) -> None:
    path = write(tmp_path, "carla.yaml", ROOT_PERSONA)
    assert read(SourceFile(path, "carla.yaml")).text is None
    assert read(SourceFile(path, "carla.yaml"), text=True).text == ROOT_PERSONA


def test_list_reports_a_broken_chain_under_lints_code(tmp_path: Path) -> None:
    write(tmp_path, "carla-q3.yaml", CHILD.replace("extends: carla", "extends: nobody"))
    personas = load(tmp_path)
    fault = personas.resolve(personas.find("carla-q3")).problem
    assert fault is not None
    assert str(Problem.of_chain(fault)).startswith("carla-q3.yaml:5:10: I003 extends 'nobody'")


def test_a_large_set_loads_in_workers_in_source_order(tmp_path: Path) -> None:
    for index in range(60):  # over the parallel threshold
        ident = f"p{index:02d}"
        write(tmp_path, f"{ident}.yaml", ROOT_PERSONA.replace("id: carla", f"id: {ident}"))
    sources = discover(["."], cwd=tmp_path)
    personas = PersonaSet.load(sources, jobs=2)
    assert [record.display for record in personas.records] == [s.display for s in sources]
    assert all(record.usable for record in personas.records)
