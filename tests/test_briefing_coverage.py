"""Every persona field is read by at least one built-in briefing, and by each team the field
table says reads it (`FieldRow.teams`).

The model is walked recursively: every text field gets a value of its own (a marker), the
personas are rendered for every team with the built-in templates, and each marker must turn
up in some briefing. A new field no template reads fails here by name. Fields that are not
text (enumerations, dates, numbers, ids) are printed as labels or not at all; they are
listed below with why, and a new one must be added there deliberately.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from persona_cli.domain.fields import FIELDS, LENS_TEAMS, OVERVIEW
from persona_cli.domain.model import Persona
from tests.conftest import cli

TODAY = "2026-11-22"

#: Fields whose value is not free text, each with the value the walk gives it and why no
#: marker can be looked for: they are identifiers, enumerations, dates or numbers.
NOT_TEXT: dict[str, Any] = {
    "schema_version": 1,  # the file format, not content
    "id": None,  # the file name; set per persona below
    "kind": None,  # set per persona below; the header says it in words
    "status": "validated",  # the header says it in words
    "teams": None,  # which briefings are written, not text any of them prints
    "extends": None,  # the parent's id: merged before rendering
    "add": None,  # lists appended to the parent's: merged before rendering, never shown as such
    "segment": "coverage-accounts",  # the committee briefing's key
    "whole_person.trust": "needs_proof",
    "whole_person.quotes.evidence": "interviews",
    "decision.risk_tolerance": "low",
    "decision.adoption_stage": "early_majority",
    "decision.awareness": "solution_aware",
    "decision.committee_role": "champion",
    "internal.wants_to_know": "both",
    "evidence.id": "interviews",
    "evidence.type": "interview",
    "evidence.date": "2026-10-01",
    "evidence.sample_size": 12,
    "review.last_reviewed": "2026-10-28",
    "review.interval_days": 180,
    "provenance.imported": "2026-11-01",
}
#: Text fields no briefing prints, and why.
NOT_BRIEFED: dict[str, str] = {
    "evidence.url": "a link to the raw material; briefings cite evidence by date, type, summary",
}


def _classes(annotation: object) -> Iterator[type]:
    """The classes inside an annotation: through Optional, unions, lists and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is None:
        if isinstance(annotation, type):
            yield annotation
        return
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:
        yield from _classes(arguments[0])
        return
    if origin in (typing.Union, types.UnionType, list):
        for argument in arguments:
            yield from _classes(argument)


def _is_list(annotation: object) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(argument) for argument in typing.get_args(annotation))
    return origin is list


class Filler:
    """Fills a model with a marker in every text field, remembering each marker's path."""

    def __init__(self) -> None:
        self.markers: dict[str, str] = {}

    def fill(self, model: type[BaseModel], prefix: str = "") -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, info in model.model_fields.items():
            path = f"{prefix}{name}"
            classes = [cls for cls in _classes(info.annotation) if cls is not type(None)]
            parts = [cls for cls in classes if issubclass(cls, BaseModel)]
            if path in NOT_TEXT:
                value = NOT_TEXT[path]
            elif parts:
                value = self.fill(parts[0], f"{path}.")
            else:
                assert classes == [str], f"{path}: not text; add it to NOT_TEXT with why"
                # Fixed width and capitalised, so no marker is a prefix of another and a
                # template capitalising a label leaves it unchanged.
                value = f"Marker{len(self.markers):03d}"
                self.markers[path] = value
            if value is not None:
                out[name] = [value] if _is_list(info.annotation) else value
        return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """The markers by field path, and every briefing's text by team (both personas')."""
    folder = tmp_path_factory.mktemp("coverage")
    filler = Filler()
    data = filler.fill(Persona)
    (folder / "personas").mkdir()
    for ident, kind in (("coverage-buyer", "buyer"), ("coverage-colleague", "internal")):
        persona = {**data, "id": ident, "kind": kind}
        text = json.dumps(persona, indent=2)  # JSON is YAML
        (folder / "personas" / f"{ident}.yaml").write_text(text, encoding="utf-8")
    out = folder / "out"
    run = cli(
        "render", "--team", "all", "--out", out, "--now", TODAY, "--no-age", "personas", cwd=folder
    )
    assert run.exit_code == 0, run.stderr
    briefings = {
        team: "\n".join(path.read_text("utf-8") for path in sorted((out / team).glob("*.md")))
        for team in (OVERVIEW, *LENS_TEAMS)
    }
    return filler.markers, briefings


def test_the_walk_reaches_every_field_of_the_field_table(
    rendered: tuple[dict[str, str], dict[str, str]],
) -> None:
    markers, _ = rendered
    leaves = {
        path
        for path in FIELDS
        if not any(other.startswith(f"{path}.") for other in FIELDS)
        and path != "whole_person.quotes"
    }
    assert leaves == set(markers) | set(NOT_TEXT), "the model and the field table disagree"


def test_every_text_field_is_read_by_some_briefing(
    rendered: tuple[dict[str, str], dict[str, str]],
) -> None:
    markers, briefings = rendered
    everything = "\n".join(briefings.values())
    unread = sorted(
        path
        for path, marker in markers.items()
        if marker not in everything and path not in NOT_BRIEFED
    )
    assert not unread, f"no built-in template reads: {', '.join(unread)}"
    stale = sorted(path for path in NOT_BRIEFED if markers[path] in everything)
    assert not stale, f"briefed after all; drop from NOT_BRIEFED: {', '.join(stale)}"


def _declared(path: str) -> frozenset[str]:
    """The teams the field table says read a field: its own row's and its parents' rows'."""
    keys = path.split(".")
    teams: set[str] = set()
    for end in range(1, len(keys) + 1):
        teams |= FIELDS[".".join(keys[:end])].teams
    return frozenset(teams)


def test_each_team_the_field_table_names_reads_the_field(
    rendered: tuple[dict[str, str], dict[str, str]],
) -> None:
    markers, briefings = rendered
    # A field no briefing prints (NOT_BRIEFED) is not expected where its parent is read
    # (the overview reads `evidence`, for its gaps box, but prints no `evidence.url`).
    missing = sorted(
        f"{path} ({team})"
        for path, marker in markers.items()
        if path not in NOT_BRIEFED
        for team in _declared(path)
        if marker not in briefings[team]
    )
    assert not missing, f"the field table says these teams read these fields: {missing}"


#: Fields a team's briefing must print whatever the field table says about who needs them:
#: the product briefing is empty without what the persona wants and suffers (13 of 18 real
#: personas hold nothing else a product team reads); the overview is the whole person, job
#: included.
MUST_READ: dict[str, tuple[str, ...]] = {
    "product": (
        "goals",
        "pains",
        "jobs_to_be_done.when",
        "jobs_to_be_done.want",
        "jobs_to_be_done.so_that",
    ),
    OVERVIEW: ("role.responsibilities", "goals", "pains"),
}


@pytest.mark.parametrize(("team", "paths"), sorted(MUST_READ.items()))
def test_team_reads_what_it_must(
    rendered: tuple[dict[str, str], dict[str, str]], team: str, paths: tuple[str, ...]
) -> None:
    markers, briefings = rendered
    missing = [path for path in paths if markers[path] not in briefings[team]]
    assert not missing, f"the {team} briefing does not print: {', '.join(missing)}"
