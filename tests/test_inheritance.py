"""Inheritance: `extends` for every kind, the merge rules, a child's `add`, and every way a
chain can break, as each verb sees them.

The merge rules are table tests on `domain.additions` (the one merge); the rest writes real
persona files in a temporary folder and runs the CLI on them: lint sees the merged persona,
show and list print it, render briefs it, and a chain that cannot be merged is a finding at the
`extends` line (lint) or one line and exit 2 (show, render), never silence.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from persona_cli.domain.additions import NOT_INHERITED, append, merge, merge_all
from persona_cli.domain.model import Kind, Persona, PersonaAdditions
from tests.conftest import ROOT, cli, write

# --- the merge rules ----------------------------------------------------------------------------

PARENT: dict[str, Any] = {
    "schema_version": 1,
    "id": "developer",
    "name": "Developer",
    "kind": "user",
    "status": "validated",
    "summary": "Integrates the SDK.",
    "role": {"titles": ["Engineer"], "seniority": "senior", "department": "Engineering"},
    "goals": ["Ship", "Learn"],
    "whole_person": {"fears": ["Outages"], "trust": "cautious"},
    "lenses": {"sales": {"objections": [{"objection": "Another SDK", "response": "Changelog"}]}},
    "evidence": [
        {"id": "interviews", "type": "interview", "date": "2026-09-14", "summary": "12 talks"}
    ],
    "review": {"owners": ["@devrel"], "last_reviewed": "2026-11-02"},
    "provenance": {"source": "devrel-library"},
    "x-likes": ["Docs"],
}


def child(kind: str = "buyer", **values: Any) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": "kid",
        "name": "Kid",
        "kind": kind,
        "extends": "developer",
    } | (values)


#: (what the case shows, the child's own data, the paths expected in the merge and their values)
MERGES: list[tuple[str, dict[str, Any], dict[tuple[str, ...], Any]]] = [
    (
        "a part merges key by key",
        child(role={"seniority": "lead"}),
        {("role",): {"titles": ["Engineer"], "seniority": "lead", "department": "Engineering"}},
    ),
    (
        "a part inside a part merges key by key too",
        child(lenses={"sales": {"political_exposure": "On record"}}),
        {
            ("lenses", "sales"): {
                "objections": [{"objection": "Another SDK", "response": "Changelog"}],
                "political_exposure": "On record",
            }
        },
    ),
    ("a list the child sets replaces the parent's", child(goals=["Sell"]), {("goals",): ["Sell"]}),
    (
        "a text the child sets replaces the parent's",
        child(summary="Buys."),
        {("summary",): "Buys."},
    ),
    (
        "a list inside a part is replaced, not merged",
        child(role={"titles": ["Tech lead"]}),
        {("role", "titles"): ["Tech lead"], ("role", "seniority"): "senior"},
    ),
    ("what the child does not set is inherited", child(), {("goals",): ["Ship", "Learn"]}),
    (
        "evidence is inherited: the research behind the inherited values",
        child(),
        {("evidence",): PARENT["evidence"]},
    ),
    ("an extension key is inherited like any value", child(), {("x-likes",): ["Docs"]}),
    (
        "the child's own identity, never the parent's",
        child("individual"),
        {("id",): "kid", ("name",): "Kid", ("kind",): "individual", ("extends",): "developer"},
    ),
    (
        "add appends to the inherited list, dropping items already there",
        child(add={"goals": ["Learn", "Sell"]}),
        {("goals",): ["Ship", "Learn", "Sell"]},
    ),
    (
        "add appends to the child's own list when it sets one",
        child(goals=["Sell"], add={"goals": ["Ship", "Sell", "Hire"]}),
        {("goals",): ["Sell", "Ship", "Hire"]},
    ),
    (
        "add matches exactly: case counts, repeats within add are dropped",
        child(add={"goals": ["ship", "ship", "Ship"]}),
        {("goals",): ["Ship", "Learn", "ship"]},
    ),
    (
        "add reaches lists inside parts, keeping the part's other values",
        child(add={"role": {"titles": ["Staff engineer"]}, "whole_person": {"fears": ["Churn"]}}),
        {
            ("role",): {
                "titles": ["Engineer", "Staff engineer"],
                "seniority": "senior",
                "department": "Engineering",
            },
            ("whole_person",): {"fears": ["Outages", "Churn"], "trust": "cautious"},
        },
    ),
    (
        "add starts a list (and its part) the parent does not have",
        child(add={"pains": ["Docs drift"], "decision": {"proof_required": ["A sandbox"]}}),
        {("pains",): ["Docs drift"], ("decision",): {"proof_required": ["A sandbox"]}},
    ),
    (
        "add appends objects, an equal one dropped",
        child(
            add={
                "lenses": {
                    "sales": {
                        "objections": [
                            {"objection": "Another SDK", "response": "Changelog"},
                            {"objection": "Price", "response": "Usage tiers"},
                        ]
                    }
                }
            }
        ),
        {
            ("lenses", "sales", "objections"): [
                {"objection": "Another SDK", "response": "Changelog"},
                {"objection": "Price", "response": "Usage tiers"},
            ]
        },
    ),
    (
        "add appends the child's own evidence to the inherited",
        child(
            add={
                "evidence": [
                    {
                        "id": "calls",
                        "type": "sales_call",
                        "date": "2026-10-20",
                        "summary": "8 calls",
                    }
                ]
            }
        ),
        {
            ("evidence",): [
                *PARENT["evidence"],
                {"id": "calls", "type": "sales_call", "date": "2026-10-20", "summary": "8 calls"},
            ]
        },
    ),
    (
        "add appends to an extension list",
        child(add={"x-likes": ["Typed errors", "Docs"]}),
        {("x-likes",): ["Docs", "Typed errors"]},
    ),
]


def _at(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@pytest.mark.parametrize(
    ("own", "expected"), [case[1:] for case in MERGES], ids=[c[0] for c in MERGES]
)
def test_merge_rules(own: dict[str, Any], expected: dict[tuple[str, ...], Any]) -> None:
    before = repr(PARENT), repr(own)
    merged = merge_all([own, PARENT])
    for path, value in expected.items():
        assert _at(merged, path) == value, path
    assert "add" not in merged  # folded in: the merged persona is what the child reads as
    assert (repr(PARENT), repr(own)) == before  # the inputs are left alone
    Persona.model_validate(merged)  # and it is a persona


def test_the_keys_never_inherited_are_the_documented_ones() -> None:
    assert {
        "id",
        "name",
        "kind",
        "status",
        "review",
        "provenance",
        "extends",
        "add",
    } == NOT_INHERITED
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "Not inherited: `id`, `name`, `kind`, `status`, `review`, `provenance`" in readme


@pytest.mark.parametrize("key", sorted(NOT_INHERITED))
def test_what_is_never_inherited(key: str) -> None:
    """A child states who it is, how it is reviewed and where it came from: a bare child has
    none of the parent's values for these keys."""
    bare = {"extends": "developer"}
    merged = merge(PARENT | {"extends": "root", "add": {"goals": ["x"]}}, bare)
    assert merged.get(key) == bare.get(key)


def test_the_merge_keeps_the_parents_key_order() -> None:
    merged = merge_all([child(add={"pains": ["Drift"]}), PARENT])
    assert list(merged)[:4] == ["schema_version", "id", "name", "kind"]
    assert list(merged).index("role") < list(merged).index("goals")
    assert list(merged)[-2:] == ["extends", "pains"]


def test_a_chain_of_three_applies_each_add_in_turn() -> None:
    """The grandparent's values, the parent's replacements and additions, then the child's:
    a child's list replacement also drops what its own parent added."""
    middle = {"id": "evaluator", "extends": "developer", "add": {"goals": ["Evaluate"]}}
    leaf = {"id": "leaf", "extends": "evaluator", "add": {"goals": ["Sign", "Ship"]}}
    assert merge_all([leaf, middle, PARENT])["goals"] == ["Ship", "Learn", "Evaluate", "Sign"]
    replaced = leaf | {"goals": ["Own"]}
    assert merge_all([replaced, middle, PARENT])["goals"] == ["Own", "Sign", "Ship"]


def test_a_root_keeps_its_add_as_written() -> None:
    """A persona without a parent has nothing to add to: lint reports it (I006); the merge
    neither applies nor drops it."""
    alone = {"id": "alone", "goals": ["a"], "add": {"goals": ["b"]}}
    assert merge_all([alone]) == alone


def test_append_only_touches_lists_and_the_parts_that_lead_to_them() -> None:
    assert append({"goals": ["a"], "summary": "s"}, {"goals": ["b"]}) == {
        "goals": ["a", "b"],
        "summary": "s",
    }
    assert append({"x-note": "text"}, {"x-note": ["a"]}) == {"x-note": ["a"]}


# --- the add model ------------------------------------------------------------------------------


def _fields(model: Any, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        inner = next(
            (
                arg
                for arg in (info.annotation, *getattr(info.annotation, "__args__", ()))
                if isinstance(arg, type) and hasattr(arg, "model_fields")
            ),
            None,
        )
        if inner is not None and not str(info.annotation).startswith("list"):
            found |= _fields(inner, f"{path}.")
        else:
            found.add(path)
    return found


def test_add_mirrors_every_list_of_the_model_and_nothing_else() -> None:
    """Made from the model, so a list field added to the persona can be added to at once."""
    lists = {
        path
        for path in _fields(Persona)
        if "list" in str(_annotation(Persona, path)) and path.split(".")[0] not in NOT_INHERITED
    }
    assert _fields(PersonaAdditions) == lists
    assert {"goals", "role.titles", "whole_person.fears", "lenses.sales.objections"} <= lists
    assert "role.seniority" not in lists and "review.owners" not in lists


def _annotation(model: Any, path: str) -> Any:
    *parents, name = path.split(".")
    for part in parents:
        annotation = model.model_fields[part].annotation
        model = next(a for a in annotation.__args__ if hasattr(a, "model_fields"))
    return model.model_fields[name].annotation


# --- the CLI on real files ----------------------------------------------------------------------

HEAD = "schema_version: 1\nid: {id}\nname: {name}\nkind: {kind}\n"


def persona_file(folder: Path, ident: str, kind: str, body: str = "", name: str = "") -> Path:
    text = HEAD.format(id=ident, name=name or ident.title(), kind=kind) + textwrap.dedent(body)
    return write(folder, f"{ident}.yaml", text)


PARENT_BODY = """\
status: validated
summary: Integrates the SDK into a product she ships.
role:
  titles: [Software Engineer]
  seniority: senior
goals:
  - Take a test payment on the first afternoon
whole_person:
  motivations: [Code she is proud of]
  fears: [A night page caused by an SDK change]
  career_ambitions: [Tech lead]
  external_pressures: [Release dates set before estimates]
  trust: cautious
review:
  owners: ["@devrel"]
  last_reviewed: 2026-11-02
"""


@pytest.fixture
def family(tmp_path: Path) -> Path:
    """`developer` (user) and one child of every kind, each adding to or replacing its lists."""
    folder = tmp_path / "personas"
    folder.mkdir()
    persona_file(folder, "developer", "user", PARENT_BODY)
    for kind in Kind:
        persona_file(
            folder,
            f"{kind.value}-kid",
            kind.value,
            f"""\
            extends: developer
            add:
              goals: [Goal of the {kind.value}]
              role:
                titles: [Title of the {kind.value}]
            """,
        )
    return tmp_path


@pytest.mark.parametrize("kind", [kind.value for kind in Kind])
def test_every_kind_is_shown_merged_with_its_additions(family: Path, kind: str) -> None:
    shown = cli("show", f"{kind}-kid", "--format", "json", "--no-age", cwd=family)
    assert shown.exit_code == 0, shown.stderr
    data = shown.json()
    merged = data["persona"]
    assert data["extends"] == ["developer"]
    assert merged["kind"] == kind and merged["name"] == f"{kind.title()}-Kid"
    assert merged["goals"] == ["Take a test payment on the first afternoon", f"Goal of the {kind}"]
    assert merged["role"] == {
        "titles": ["Software Engineer", f"Title of the {kind}"],
        "seniority": "senior",
    }
    assert merged["whole_person"]["trust"] == "cautious"
    assert "status" not in merged and "review" not in merged and "add" not in merged
    assert data["inherited"]["whole_person.trust"] == "developer"
    assert data["inherited"]["role.seniority"] == "developer"
    assert "goals" not in data["inherited"]  # the child's file adds to it


def test_lint_judges_every_kind_merged_and_list_agrees(family: Path) -> None:
    linted = cli("lint", "--format", "json", "--select", "W,I,S", cwd=family)
    report = linted.json()
    # The parent's whole person reaches every child, whatever its kind: no W finding anywhere.
    assert report["findings"] == []
    scores = {score["id"]: score["completeness"] for score in report["personas"]}
    listed = cli("list", "--no-age", "--format", "json", cwd=family)
    rows = {row["id"]: row["completeness"] for row in listed.json()["personas"]}
    assert rows == scores
    assert set(scores) == {"developer", *(f"{kind.value}-kid" for kind in Kind)}


def test_content_findings_on_a_child_point_into_its_own_file(family: Path) -> None:
    folder = family / "personas"
    text = (folder / "developer.yaml").read_text("utf-8")
    (folder / "developer.yaml").write_text(text.replace("  trust: cautious\n", ""), "utf-8")
    linted = cli("lint", "--format", "json", "--select", "W005", cwd=family)
    missing = sorted(f["path"] for f in linted.json()["findings"])
    # Each child is told in its own file, whatever its kind.
    assert missing == sorted(
        f"personas/{name}.yaml" for name in ("developer", *(f"{kind.value}-kid" for kind in Kind))
    )


def test_a_child_sets_what_its_parent_lacks(family: Path) -> None:
    folder = family / "personas"
    text = (folder / "developer.yaml").read_text("utf-8")
    (folder / "developer.yaml").write_text(text.replace("  trust: cautious\n", ""), "utf-8")
    kid = folder / "buyer-kid.yaml"
    kid.write_text(kid.read_text("utf-8") + "whole_person:\n  trust: skeptical\n", "utf-8")
    linted = cli("lint", "--format", "json", "--select", "W005", cwd=family)
    assert "personas/buyer-kid.yaml" not in {f["path"] for f in linted.json()["findings"]}


def test_render_briefs_a_child_of_any_kind_with_its_additions(family: Path) -> None:
    rendered = cli("render", "--team", "overview", "buyer-kid", cwd=family)
    assert rendered.exit_code == 0, rendered.stderr
    assert "Goal of the buyer" in rendered.stdout
    assert "Take a test payment on the first afternoon" in rendered.stdout


# --- what breaks a chain, and what is told where -----------------------------------------------

#: (case, files to write as (id, kind, body), expected (path, code, line) findings of the I and
#: S families, ids lint must not score)
BROKEN: list[tuple[str, list[tuple[str, str, str]], set[tuple[str, str, int]], set[str]]] = [
    (
        "missing parent",
        [("kid", "buyer", "extends: nobody\n")],
        {("kid", "I003", 5)},
        {"kid"},
    ),
    (
        "missing grandparent",
        [("mid", "user", "extends: nobody\n"), ("kid", "buyer", "extends: mid\n")],
        {("mid", "I003", 5), ("kid", "I005", 5)},
        {"kid", "mid"},
    ),
    (
        "invalid parent",
        [("mid", "byuer", ""), ("kid", "buyer", "extends: mid\n")],
        {("mid", "S003", 4), ("kid", "I005", 5)},
        {"kid", "mid"},
    ),
    (
        "parent without an id, known by its file name",
        [("mid", "user", "goals: [a]\n"), ("kid", "buyer", "extends: mid\n")],
        {("mid", "S001", 1), ("kid", "I005", 5)},
        {"kid", "mid"},
    ),
    (
        "a loop, and a child led into it",
        [
            ("a", "user", "extends: b\n"),
            ("b", "user", "extends: a\n"),
            ("kid", "internal", "extends: a\n"),
        ],
        {("a", "I004", 5), ("b", "I004", 5), ("kid", "I005", 5)},
        {"a", "b", "kid"},
    ),
    (
        "add without extends",
        [("kid", "user", "goals: [a]\nadd:\n  goals: [b]\n")],
        {("kid", "I006", 6)},
        set(),
    ),
    (
        "add on a field that is not a list",
        [
            ("mid", "user", ""),
            ("kid", "user", "extends: mid\nadd:\n  role:\n    seniority: lead\n"),
        ],
        {("kid", "S002", 8)},
        {"kid"},
    ),
    (
        "add with a text where a list goes",
        [("mid", "user", ""), ("kid", "user", "extends: mid\nadd:\n  goals: one goal\n")],
        {("kid", "S003", 7)},
        {"kid"},
    ),
    (
        "add with an extension that is not a list",
        [("mid", "user", ""), ("kid", "user", "extends: mid\nadd:\n  x-likes: cats\n")],
        {("kid", "S003", 7)},
        {"kid"},
    ),
    (
        "add under a key the persona does not have",
        [("mid", "user", ""), ("kid", "user", "extends: mid\nadd:\n  golas: [a]\n")],
        {("kid", "S002", 7)},
        {"kid"},
    ),
]


@pytest.mark.parametrize(
    ("files", "expected", "unscored"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_a_broken_chain_is_a_finding_at_its_line(
    tmp_path: Path,
    files: list[tuple[str, str, str]],
    expected: set[tuple[str, str, int]],
    unscored: set[str],
) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    for ident, kind, body in files:
        path = persona_file(folder, ident, kind, body)
        if ident == "mid" and "goals" in body:  # the parent without an id
            path.write_text(path.read_text("utf-8").replace("id: mid\n", ""), "utf-8")
    linted = cli("lint", "--format", "json", "--select", "I,S", cwd=tmp_path)
    assert linted.exit_code == 1
    report = linted.json()
    found = {(Path(f["path"]).stem, f["code"], f["line"]) for f in report["findings"]}
    assert found == expected
    scored = {score["id"] for score in report["personas"]}
    assert not scored & unscored


def test_broken_chain_messages_say_what_to_fix(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    persona_file(folder, "mid", "byuer")
    persona_file(folder, "kid", "buyer", "extends: mid\n")
    persona_file(folder, "orphan", "buyer", "add:\n  goals: [b]\n")
    persona_file(folder, "flat", "buyer", "extends: mid\nadd:\n  role:\n    seniority: lead\n")
    linted = cli("lint", "--format", "json", "--select", "I,S002", cwd=tmp_path)
    messages = {Path(f["path"]).stem: f["message"] for f in linted.json()["findings"]}
    assert messages["kid"] == (
        "extends 'mid', whose file personas/mid.yaml is not valid; fix that file first; "
        "until then this persona's content is not checked"
    )
    assert messages["orphan"] == (
        "`add` appends to inherited lists, but this persona extends nothing; name its parent "
        "in `extends`, or move the lists into its own fields"
    )
    assert messages["flat"] == (
        "unknown key 'seniority' in add.role: 'role.seniority' is not a list, and `add` "
        "appends to lists only; set role.seniority in the persona itself"
    )


def test_show_and_render_refuse_a_broken_chain_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    persona_file(folder, "mid", "user", "extends: nobody\n")
    persona_file(folder, "kid", "buyer", "extends: mid\n")
    shown = cli("show", "kid", "--no-age", cwd=tmp_path)
    assert shown.exit_code == 2
    assert shown.stdout == ""
    assert shown.stderr.count("\n") == 1
    assert shown.stderr.startswith(
        "persona: error: personas/kid.yaml:5:10: I005 extends 'mid', which cannot be merged: "
        "personas/mid.yaml extends 'nobody', but no persona has that id"
    )
    listed = cli("list", "--no-age", "--format", "json", cwd=tmp_path)
    problems = {row["id"]: row["problem"]["code"] for row in listed.json()["personas"]}
    assert problems == {"kid": "I005", "mid": "I003"}
    rendered = cli("render", "--team", "sales", "kid", cwd=tmp_path)
    assert rendered.exit_code == 2
    assert rendered.stderr == shown.stderr


def test_an_added_entry_differing_only_in_case_is_a_duplicate(tmp_path: Path) -> None:
    """The merge drops an exact repeat in silence (see the merge rules); a near one it keeps
    twice: Q003 says so, at the entry under `add`."""
    folder = tmp_path / "personas"
    folder.mkdir()
    persona_file(folder, "mid", "user", "goals:\n  - Ship fast\n")
    persona_file(
        folder,
        "kid",
        "user",
        """\
        extends: mid
        add:
          goals:
            - ship  fast
            - Hire well
        """,
    )
    linted = cli("lint", "--format", "json", "--select", "Q003", cwd=tmp_path)
    found = [(f["path"], f["line"], f["message"]) for f in linted.json()["findings"]]
    assert found == [
        (
            "personas/kid.yaml",
            8,
            "add.goals[0] repeats goals[0] ('Ship fast') but for case or spacing, and the merge "
            "keeps both; remove it, or write it exactly as inherited",
        )
    ]
    shown = cli("show", "kid", "--format", "json", "--no-age", cwd=tmp_path)
    assert shown.json()["persona"]["goals"] == ["Ship fast", "ship  fast", "Hire well"]
