"""The field table is the one definition of a persona field, and everything derived from it
agrees: the schema's tooltips, `persona new`'s questions, the missing-field rules, the
completeness score, every briefing's gaps box and the README's table.

The agreement test is the point: for every example persona, a persona that used to pass lint
while its sales briefing opened with a gaps box, the proto-persona, and a fresh `persona new`
file of each kind, the fields lint reports missing, the fields completeness counts missing,
the gaps each briefing lists (of the fields that team reads) and the questions `persona new`
left unanswered are one set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from persona_cli.domain import completeness, guidance
from persona_cli.domain.fields import FIELDS, LENS_TEAMS, OVERVIEW, briefed, briefing_fields
from persona_cli.domain.fields import readme as readme_table
from persona_cli.domain.model import Kind, persona_json_schema
from persona_cli.lint.rules.catalogue import REGISTRY
from persona_cli.lint.rules.fields import MissingFieldRule
from persona_cli.verbs import persona_text
from tests.conftest import EXAMPLES, ROOT, cli, copy_examples

TODAY = "2026-11-22"
#: Rule code -> the field it reports missing. Missing evidence is reported by E006 on a
#: draft and by E001 (written by hand, as it depends on the status) on a validated persona.
RULE_FIELDS: dict[str, str] = {
    **{row.rule: path for path, row in FIELDS.items() if row.rule},
    "E001": "evidence",
}
#: The counted fields whose rule is written by hand rather than derived from the row.
HAND_WRITTEN = {"E001", "E006"}
#: Gap label -> field.
LABELS: dict[str, str] = {row.label: path for path, row in FIELDS.items() if row.counted_for}


# --- the table covers the model, and the model reads the table ------------------------------


def test_every_model_field_has_one_row_and_no_row_is_stale() -> None:
    paths = [item.dotted for item in persona_text.walk(persona_text.fields())]
    assert paths == list(FIELDS), "rows follow the model's order"


def test_schema_descriptions_are_the_tables() -> None:
    schema = persona_json_schema()
    definitions: dict[str, Any] = schema["$defs"]
    seen: set[str] = set()

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else []
            return found + [ref for value in node.values() for ref in refs(value)]
        if isinstance(node, list):
            return [ref for value in node for ref in refs(value)]
        return []

    added: set[str] = set()

    def walk(node: dict[str, Any], prefix: str, *, mirror: bool = False) -> None:
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            field = path.removeprefix("add.")
            if mirror:
                # `add` mirrors the persona's lists: each one's tooltip is the field's own,
                # after what `add` does with it.
                assert prop["description"].endswith(FIELDS[field].description), path
                assert prop["description"].startswith(
                    ("Appended to the inherited", "Lists appended to the inherited")
                ), path
                added.add(field)
            else:
                assert prop["description"] == FIELDS[field].description, path
                seen.add(path)
            for ref in refs(prop):
                walk(definitions[ref], f"{path}.", mirror=ref.endswith("Additions"))

    walk(schema, "")
    assert {path for path in seen if not path.startswith("add.")} == set(FIELDS)
    assert {"goals", "role.titles", "whole_person.fears", "lenses.sales.objections"} <= added


def test_guidance_is_the_tables_questions() -> None:
    assert dict(guidance.QUESTIONS) == {path: row.question for path, row in FIELDS.items()}


def test_the_readme_field_table_is_generated_from_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_table.updated(readme) == readme, "run `make readme`"
    assert "| `lenses.sales.objections` | Objections with the responses that resolve them. " in (
        readme
    )


def test_each_counted_field_has_its_own_rule_for_exactly_its_kinds() -> None:
    derived = {
        code: rule
        for code, rule in REGISTRY.items()
        if isinstance(rule, type) and issubclass(rule, MissingFieldRule)
    }
    assert set(derived) == set(RULE_FIELDS) - HAND_WRITTEN
    for code in HAND_WRITTEN:
        assert REGISTRY[code].family == "evidence", code
    for code, rule in derived.items():
        row = FIELDS[RULE_FIELDS[code]]
        assert rule.field == row.keys, code
        assert rule.kinds == row.counted_for, code
        assert rule.name == f"missing-{row.name.replace('_', '-')}", code


def test_completeness_counts_what_the_table_counts() -> None:
    for kind in Kind:
        counted = {path for path, row in FIELDS.items() if kind.value in row.counted_for}
        grouped = {".".join(p) for paths in completeness.groups(kind.value).values() for p in paths}
        assert grouped == counted, kind


def test_gap_labels_name_one_field_each() -> None:
    labels = [row.label for row in FIELDS.values() if row.counted_for]
    assert len(labels) == len(set(labels))


# --- the four views agree -----------------------------------------------------------------


@dataclass(frozen=True)
class Views:
    """What each command says about one persona."""

    kind: str
    linted: set[str]
    messages: dict[str, str]
    other_codes: set[str]
    scored: set[str]
    gaps: dict[str, set[str]]


FRESH = {f"fresh-{kind.value}": kind.value for kind in Kind}
EXAMPLE_IDS = sorted(path.stem for path in (EXAMPLES / "personas").glob("*.yaml"))
#: A buyer with every field but three: lint used to pass it (89% complete) while its sales
#: briefing opened with a gaps box.
EIGHTY_NINE = "carla-without-objections"
CASES = [*EXAMPLE_IDS, EIGHTY_NINE, "proto-persona", *FRESH]


def _eighty_nine(folder: Path) -> None:
    yaml = YAML()
    data = yaml.load((EXAMPLES / "personas" / "ciso-risk-averse.yaml").read_text("utf-8"))
    data["id"] = EIGHTY_NINE
    data["name"] = "Carla without objections"
    del data["lenses"]["sales"]["objections"]
    del data["lenses"]["product"]["tradeoffs_accepted"]
    del data["lenses"]["product"]["tradeoffs_rejected"]
    with (folder / f"{EIGHTY_NINE}.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _gap_box(text: str) -> set[str]:
    lines = text.splitlines()
    if "> **Gaps for this team:** this persona does not yet say" not in lines:
        return set()
    start = lines.index("> **Gaps for this team:** this persona does not yet say") + 1
    labels: set[str] = set()
    for line in lines[start:]:
        if not line.startswith("> - "):
            break
        labels.add(LABELS[line[4:].replace("\\", "")])
    return labels


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Views]:
    folder = copy_examples(tmp_path_factory.mktemp("fields"))
    personas = folder / "personas"
    (personas / "proto-persona.yaml").write_text(
        (EXAMPLES / "invalid" / "proto-persona.yaml").read_text("utf-8"), "utf-8"
    )
    _eighty_nine(personas)
    for persona_id, kind in FRESH.items():
        assert cli("new", persona_id, "--kind", kind, cwd=folder).exit_code == 0
    report = cli("lint", "--format", "json", "--now", TODAY, "personas", cwd=folder).json()
    out = folder / "out"
    run = cli(
        "render", "--team", "all", "--out", out, "--now", TODAY, "--no-age", "personas", cwd=folder
    )
    assert run.exit_code == 0, run.stderr
    result: dict[str, Views] = {}
    for score in report["personas"]:
        persona_id = score["id"]
        mine = [f for f in report["findings"] if f["path"] == f"personas/{persona_id}.yaml"]
        gaps = {
            team: _gap_box((out / team / f"{persona_id}.md").read_text("utf-8"))
            for team in (OVERVIEW, *LENS_TEAMS)
            if briefed(team, score["kind"])
        }
        result[persona_id] = Views(
            kind=score["kind"],
            linted={RULE_FIELDS[f["code"]] for f in mine if f["code"] in RULE_FIELDS},
            messages={
                RULE_FIELDS[f["code"]]: f["message"] for f in mine if f["code"] in RULE_FIELDS
            },
            other_codes={f["code"] for f in mine if f["code"] not in RULE_FIELDS},
            scored=set(score["missing"]),
            gaps=gaps,
        )
    return result


@pytest.mark.parametrize("persona_id", CASES)
def test_lint_completeness_and_briefings_name_the_same_missing_fields(
    views: dict[str, Views], persona_id: str
) -> None:
    view = views[persona_id]
    assert view.linted == view.scored
    assert view.gaps, "every persona gets an overview briefing at least"
    for team, gaps in view.gaps.items():
        reads = {row.path for row in briefing_fields(team, view.kind)}
        assert gaps == view.scored & reads, team
    # Every missing field reaches some briefing: no field is counted that nobody reads.
    assert set().union(*view.gaps.values()) == view.scored


def test_the_89_percent_persona_is_no_longer_clean_while_sales_sees_gaps(
    views: dict[str, Views],
) -> None:
    view = views[EIGHTY_NINE]
    assert view.linted == {
        "lenses.sales.objections",
        "lenses.product.tradeoffs_accepted",
        "lenses.product.tradeoffs_rejected",
    }
    assert view.gaps["sales"] == {"lenses.sales.objections"}
    assert view.gaps["marketing"] == view.gaps["support"] == view.gaps[OVERVIEW] == set()


_KEY = re.compile(r"^(?P<indent> *)(?P<name>[a-z_]+):(?P<value>.*)$")


def _asked(path: Path) -> dict[str, str]:
    """The fields a `persona new` file leaves unanswered, each with the question above it."""
    asked: dict[str, str] = {}
    stack: list[str] = []
    comment: list[str] = []
    for line in path.read_text("utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("# "))
            continue
        match = _KEY.match(line)
        if match is None:
            comment = []
            continue
        depth = len(match["indent"]) // 2
        stack[depth:] = [match["name"]]
        if not match["value"].strip() and comment:
            asked[".".join(stack)] = " ".join(comment)
        comment = []
    return asked


@pytest.mark.parametrize(("persona_id", "kind"), sorted(FRESH.items()))
def test_a_fresh_file_is_asked_what_lint_reports_and_nothing_else(
    views: dict[str, Views], persona_id: str, kind: str, tmp_path: Path
) -> None:
    assert cli("new", persona_id, "--kind", kind, cwd=tmp_path).exit_code == 0
    asked = _asked(tmp_path / "personas" / f"{persona_id}.yaml")
    view = views[persona_id]
    counted = {path for path in asked if kind in FIELDS[path].counted_for}
    assert counted == view.linted == view.scored
    assert view.scored == {path for path, row in FIELDS.items() if kind in row.counted_for}
    for path in counted:
        question = FIELDS[path].question
        assert asked[path].startswith(question), path
        assert view.messages[path] == f"{path} is missing: {question[0].lower()}{question[1:]}"
    # The questions it does not count (the job, goals, evidence...) are not reported as empty
    # values (Q004): beside the missing fields, lint names only the placeholder name, the
    # empty review fields, the missing lenses and (for a colleague) the set's internal count.
    assert view.other_codes <= {"Q001", "F001", "F004", "L001", "P001"}, view.other_codes
    assert {"Q001", "F001", "F004"} <= view.other_codes
