"""The one `extends` resolver (`persona_cli.load.extends`) and the verbs that use it.

Unit tests walk hand-made links; the end-to-end tests write real persona files and check
that lint, show, list and render read a three-level chain, a loop and a missing parent alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from persona_cli.load.extends import (
    Cycle,
    InvalidParent,
    Link,
    UnknownParent,
    UnreadableParent,
    merge,
    merge_all,
    parent_suggestions,
    resolve,
)
from tests.conftest import EXAMPLES, cli, write


def link(
    ident: str,
    extends: str | None = None,
    data: dict[str, Any] | None = None,
    *,
    valid: bool = True,
    readable: bool = True,
) -> Link[str]:
    own = {"id": ident, **({"extends": extends} if extends else {}), **(data or {})}
    return Link(ident, extends, own if readable else None, valid, f"{ident}.yaml")


def links(*items: Link[str]) -> dict[str, Link[str]]:
    return {item.id: item for item in items}


# --- the walk -----------------------------------------------------------------------------------


def test_a_chain_of_three_merges_root_first() -> None:
    root = link("root", data={"role": {"titles": ["CISO"], "seniority": "c"}, "goals": ["a", "b"]})
    mid = link("mid", "root", {"role": {"seniority": "vp"}, "summary": "mid"})
    leaf = link("leaf", "mid", {"goals": ["c"], "summary": "leaf"})
    resolution = resolve(leaf, links(root, mid, leaf))
    assert [item.id for item in resolution.chain] == ["leaf", "mid", "root"]
    assert [item.item for item in resolution.parents] == ["mid.yaml", "root.yaml"]
    assert resolution.problem is None and resolution.end is None
    merged = resolution.merged()
    # Mappings merge key by key (the nearest file wins), lists are replaced whole.
    assert merged["role"] == {"titles": ["CISO"], "seniority": "vp"}
    assert merged["goals"] == ["c"]
    assert merged["summary"] == "leaf"
    assert merged["id"] == "leaf" and merged["extends"] == "mid"


def test_a_persona_without_a_parent_is_its_own_chain() -> None:
    alone = link("alone", data={"goals": ["x"]})
    resolution = resolve(alone, links(alone))
    assert resolution.chain == (alone,) and resolution.problem is None
    assert resolution.merged() == {"id": "alone", "goals": ["x"]}


def test_a_loop_through_the_persona_names_every_id_from_it() -> None:
    a, b, c = link("a", "b"), link("b", "c"), link("c", "a")
    resolution = resolve(a, links(a, b, c))
    assert resolution.problem == Cycle(("a", "b", "c", "a"))
    assert isinstance(resolution.end, Cycle) and resolution.end.through_start


def test_a_persona_extending_itself_is_a_loop() -> None:
    a = link("a", "a")
    assert resolve(a, links(a)).problem == Cycle(("a", "a"))


def test_a_persona_led_into_a_loop_is_not_in_it() -> None:
    """Lint reports the loop on its members only; show and render refuse the persona too."""
    leaf, a, b = link("leaf", "a"), link("a", "b"), link("b", "a")
    end = resolve(leaf, links(leaf, a, b)).end
    assert end == Cycle(("leaf", "a", "b", "a"))
    assert isinstance(end, Cycle) and not end.through_start


def test_an_unknown_parent_names_the_link_that_names_it() -> None:
    leaf, mid = link("leaf", "mid"), link("mid", "nowhere")
    resolution = resolve(leaf, links(leaf, mid))
    assert resolution.problem == UnknownParent(child="mid", parent="nowhere")
    assert [item.id for item in resolution.chain] == ["leaf", "mid"]


def test_an_unreadable_parent_comes_before_how_the_walk_ended() -> None:
    leaf, broken = link("leaf", "broken"), link("broken", readable=False)
    assert resolve(leaf, links(leaf, broken)).problem == UnreadableParent("broken")


def test_the_walk_goes_through_an_invalid_parent() -> None:
    """The ids still say where the chain leads (lint's loop check reads them), but the
    first thing wrong going up is the invalid parent."""
    a, b = link("a", "b"), link("b", "a", valid=False)
    resolution = resolve(a, links(a, b))
    assert resolution.end == Cycle(("a", "b", "a"))
    assert resolution.problem == InvalidParent("b")
    with pytest.raises(AssertionError):
        resolution.merged()


def test_merge_leaves_its_inputs_alone() -> None:
    parent = {"role": {"titles": ["CISO"]}, "goals": ["a"]}
    child = {"role": {"seniority": "vp"}, "goals": None}
    assert merge(parent, child) == {"role": {"titles": ["CISO"], "seniority": "vp"}, "goals": None}
    assert parent == {"role": {"titles": ["CISO"]}, "goals": ["a"]}
    assert merge_all([child, parent]) == merge(parent, child)


# --- the verbs agree ----------------------------------------------------------------------------

PARENT = (EXAMPLES / "personas" / "ciso-risk-averse.yaml").read_text("utf-8")


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    """ciso-risk-averse (retired) <- carla (individual) <- carla-q3 (individual)."""
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "ciso-risk-averse.yaml").write_text(
        PARENT.replace("status: validated", "status: retired"), "utf-8"
    )
    write(
        folder,
        "carla.yaml",
        """\
        schema_version: 1
        id: carla
        name: Carla Diaz at Acme
        kind: individual
        extends: ciso-risk-averse
        summary: Carla, as met in the first call.
        """,
    )
    write(
        folder,
        "carla-q3.yaml",
        """\
        schema_version: 1
        id: carla-q3
        name: Carla Diaz at Acme (Q3)
        kind: individual
        extends: carla
        lenses:
          sales:
            political_exposure: Her new CEO wants a win this quarter.
        """,
    )
    return tmp_path


def test_every_verb_reads_a_chain_of_three_through_a_retired_root(chain: Path) -> None:
    shown = cli("show", "carla-q3", "--format", "json", "--no-age", cwd=chain)
    assert shown.exit_code == 0, shown.stderr
    data = shown.json()
    assert data["extends"] == ["carla", "ciso-risk-averse"]
    assert data["persona"]["summary"] == "Carla, as met in the first call."
    assert data["inherited"]["summary"] == "carla"
    assert data["inherited"]["role.titles"] == "ciso-risk-averse"
    linted = cli("lint", "--format", "json", cwd=chain)
    codes = {f["code"] for f in linted.json()["findings"]}
    assert not codes & {"I003", "I004"}, linted.stdout
    # Merged all the same, but inheriting from a retired persona is said, never silent.
    retired = sorted(f["path"] for f in linted.json()["findings"] if f["code"] == "I007")
    assert retired == ["personas/carla-q3.yaml", "personas/carla.yaml"]
    listed = cli("list", "--no-age", "--include-retired", "--format", "json", cwd=chain)
    row = next(r for r in listed.json()["personas"] if r["id"] == "carla-q3")
    assert row["problem"] is None
    assert row["completeness"] == data["completeness"]["score"]
    rendered = cli("render", "--team", "sales", "carla-q3", cwd=chain)
    assert rendered.exit_code == 0, rendered.stderr
    assert "Her new CEO wants a win this quarter." in rendered.stdout
    assert "Our auditor won't accept evidence" in rendered.stdout  # from the retired root


def test_every_verb_refuses_a_loop_in_its_own_words(chain: Path) -> None:
    folder = chain / "personas"
    text = (folder / "carla.yaml").read_text("utf-8")
    (folder / "carla.yaml").write_text(
        text.replace("extends: ciso-risk-averse", "extends: carla-q3")
    )
    linted = cli("lint", "--format", "json", cwd=chain)
    loops = sorted(
        (f["path"], f["message"]) for f in linted.json()["findings"] if f["code"] == "I004"
    )
    assert loops == [
        (
            "personas/carla-q3.yaml",
            "extends loops back on itself: carla-q3 -> carla -> carla-q3; "
            "break the chain at one persona",
        ),
        (
            "personas/carla.yaml",
            "extends loops back on itself: carla -> carla-q3 -> carla; "
            "break the chain at one persona",
        ),
    ]
    shown = cli("show", "carla-q3", "--no-age", cwd=chain)
    assert shown.exit_code == 2
    assert "I004 extends loops back on itself: carla-q3 -> carla -> carla-q3" in shown.stderr
    rendered = cli("render", "--team", "sales", "carla-q3", cwd=chain)
    assert rendered.exit_code == 2
    # Render says it as show does: lint's code, on the file asked for.
    assert rendered.stderr == shown.stderr


def test_every_verb_names_a_missing_grandparent(chain: Path) -> None:
    (chain / "personas" / "ciso-risk-averse.yaml").unlink()
    linted = cli("lint", "--format", "json", cwd=chain)
    chain_findings = [
        (f["path"], f["code"], f["message"])
        for f in linted.json()["findings"]
        if f["code"] in {"I003", "I005"}
    ]
    # The file that names the missing id is told it is unknown; its child, that its own
    # parent exists but cannot be merged, so its content goes unchecked (never silently).
    assert chain_findings == [
        (
            "personas/carla-q3.yaml",
            "I005",
            "extends 'carla', which cannot be merged: personas/carla.yaml extends "
            "'ciso-risk-averse', but no persona has that id; fix that file first; "
            "until then this persona's content is not checked",
        ),
        (
            "personas/carla.yaml",
            "I003",
            "extends 'ciso-risk-averse', but no persona has that id; "
            "check the id or add that persona",
        ),
    ]
    shown = cli("show", "carla-q3", "--no-age", cwd=chain)
    assert shown.exit_code == 2
    assert (
        "personas/carla-q3.yaml:5:10: I005 extends 'carla', which cannot be merged: "
        "personas/carla.yaml extends 'ciso-risk-averse', but no persona has that id"
    ) in shown.stderr
    rendered = cli("render", "--team", "sales", "carla-q3", cwd=chain)
    assert rendered.exit_code == 2
    assert rendered.stderr == shown.stderr


def test_show_says_a_parent_cannot_be_read(chain: Path) -> None:
    (chain / "personas" / "carla.yaml").write_text("id: [unclosed\n", "utf-8")
    shown = cli("show", "carla-q3", "--no-age", cwd=chain)
    assert shown.exit_code == 2
    assert "extends 'carla', whose file personas/carla.yaml cannot be read" in shown.stderr


# --- did you mean -------------------------------------------------------------------------------


def test_suggestions_for_a_missing_parent_never_name_the_child_or_a_loop() -> None:
    known = links(
        link("dev-buyer", "dev-user"),
        link("dev-users", "dev-buyer"),  # its chain leads back to dev-buyer: a loop
        link("devs-user"),
    )
    assert parent_suggestions("dev-buyer", "dev-user", known) == ["devs-user"]
    assert parent_suggestions("dev-buyer", "dev-buyer-x", links(link("dev-buyer"))) == []


def test_lint_and_show_do_not_suggest_the_persona_itself(tmp_path: Path) -> None:
    write(
        tmp_path / "personas",
        "dev-buyer.yaml",
        """\
        schema_version: 1
        id: dev-buyer
        name: Dev Buyer
        kind: buyer
        extends: dev-user
        """,
    )
    linted = cli("lint", "--format", "json", cwd=tmp_path)
    messages = [f["message"] for f in linted.json()["findings"] if f["code"] == "I003"]
    assert messages == [
        "extends 'dev-user', but no persona has that id; check the id or add that persona"
    ]
    shown = cli("show", "dev-buyer", "--no-age", cwd=tmp_path)
    assert shown.exit_code == 2
    assert "extends 'dev-user', but no persona has that id" in shown.stderr
    assert "did you mean" not in shown.stderr


# --- render with a broken chain -----------------------------------------------------------------


def _cycle_set(folder: Path) -> None:
    for ident, parent in (("dev-user", "dev-buyer"), ("dev-buyer", "dev-user")):
        write(
            folder,
            f"{ident}.yaml",
            f"schema_version: 1\nid: {ident}\nname: {ident}\nkind: buyer\nextends: {parent}\n",
        )
    write(folder, "ops-lead.yaml", "schema_version: 1\nid: ops-lead\nname: Ops\nkind: user\n")


def test_render_names_the_persona_asked_for_with_lint_code(tmp_path: Path) -> None:
    _cycle_set(tmp_path / "personas")
    rendered = cli("render", "--team", "overview", "dev-user", cwd=tmp_path)
    assert rendered.exit_code == 2 and rendered.stdout == ""
    assert rendered.stderr.startswith(
        "persona: error: personas/dev-user.yaml:5:10: I004 extends loops back on itself: "
        "dev-user -> dev-buyer -> dev-user"
    )


def test_render_briefs_every_persona_it_can_and_exits_2(tmp_path: Path) -> None:
    _cycle_set(tmp_path / "personas")
    out = tmp_path / "out"
    first = cli("render", "--team", "all", "--out", out, cwd=tmp_path)
    assert first.exit_code == 2
    assert first.stdout.startswith("Wrote ")
    lines = first.stderr.splitlines()
    assert [line.split(": I004")[0] for line in lines[:2]] == [
        "persona: error: personas/dev-buyer.yaml:5:10",
        "persona: error: personas/dev-user.yaml:5:10",
    ]
    assert lines[2].startswith("persona: error: 2 personas not briefed")
    assert (out / "overview" / "ops-lead.md").is_file()
    assert not (out / "overview" / "dev-user.md").exists()
    # A briefing from before the chain broke is kept, even with --prune.
    write(
        tmp_path / "personas",
        "dev-user.yaml",
        "schema_version: 1\nid: dev-user\nname: D\nkind: buyer\n",
    )
    assert cli("render", "--team", "overview", "--out", out, cwd=tmp_path).exit_code == 0
    (tmp_path / "personas" / "dev-user.yaml").write_text(
        "schema_version: 1\nid: dev-user\nname: D\nkind: buyer\nextends: dev-buyer\n", "utf-8"
    )
    again = cli("render", "--team", "overview", "--out", out, "--prune", cwd=tmp_path)
    assert again.exit_code == 2
    assert (out / "overview" / "dev-user.md").is_file()
    checked = cli("render", "--team", "overview", "--out", out, "--check", cwd=tmp_path)
    assert checked.exit_code == 2


# --- every `extends` problem is a finding (I003-I007), never silence ------------------------------


def _persona(ident: str, extra: str = "", *, kind: str = "buyer") -> tuple[str, str]:
    """A minimal persona file: the `extends` line, when `extra` starts with one, is line 5."""
    return f"{ident}.yaml", f"schema_version: 1\nid: {ident}\nname: {ident}\nkind: {kind}\n{extra}"


#: (row id, files, the I findings as (file, line, code), a message the first one contains).
EXTENDS_ROWS: list[tuple[str, list[tuple[str, str]], list[tuple[str, int, str]], str]] = [
    (
        "unknown-parent",
        [_persona("ai-dev", "extends: devv\n"), _persona("dev", kind="user")],
        [("ai-dev.yaml", 5, "I003")],
        "extends 'devv', but no persona has that id; did you mean 'dev'?",
    ),
    (
        "a-segment-is-not-a-persona",
        [
            _persona("platform-perry", "extends: enterprise\n"),
            (
                "enterprise.yaml",
                "schema_version: 1\nid: enterprise\nname: Enterprise\nkind: segment\n",
            ),
        ],
        [("platform-perry.yaml", 5, "I003")],
        "extends 'enterprise', which is a segment (personas/enterprise.yaml), not a persona",
    ),
    (
        "itself",
        [_persona("dev", "extends: dev\n")],
        [("dev.yaml", 5, "I004")],
        "extends loops back on itself: dev -> dev",
    ),
    (
        "parent-not-valid",
        [_persona("ai-dev", "extends: dev\n"), _persona("dev", kind="wizard")],
        [("ai-dev.yaml", 5, "I005")],
        "extends 'dev', whose file personas/dev.yaml is not valid",
    ),
    (
        "parent-cannot-be-read",
        [_persona("ai-dev", "extends: dev\n"), ("dev.yaml", "id: dev\nname: [unclosed\n")],
        [("ai-dev.yaml", 5, "I005")],
        "extends 'dev', whose file personas/dev.yaml cannot be read",
    ),
    (
        "add-without-extends",
        [_persona("dev", "add:\n  goals: [Ship the SDK integration this quarter]\n")],
        [("dev.yaml", 5, "I006")],
        "`add` appends to inherited lists, but this persona extends nothing",
    ),
    (
        "retired-parent",
        [_persona("ai-dev", "extends: dev\n"), _persona("dev", "status: retired\n")],
        [("ai-dev.yaml", 5, "I007")],
        "extends 'dev', but 'dev' (personas/dev.yaml) is retired: its values are no longer",
    ),
    (
        "retired-grandparent",
        [
            _persona("ai-dev", "extends: dev\n", kind="user"),
            _persona("dev", "extends: base\n", kind="user"),
            _persona("base", "status: retired\n", kind="user"),
        ],
        [("ai-dev.yaml", 5, "I007"), ("dev.yaml", 5, "I007")],
        "extends 'dev', but its chain leads to retired 'base' (personas/base.yaml)",
    ),
    (
        "retired-child-of-a-retired-parent",
        [
            _persona("ai-dev", "extends: dev\nstatus: retired\n"),
            _persona("dev", "status: retired\n"),
        ],
        [],
        "",
    ),
    (
        "a-parent-of-another-kind-is-fine",
        [_persona("dev-buyer", "extends: dev\n"), _persona("dev", kind="user")],
        [],
        "",
    ),
]


@pytest.mark.parametrize(
    ("files", "expected", "message"),
    [
        pytest.param(files, expected, message, id=row)
        for row, files, expected, message in EXTENDS_ROWS
    ],
)
def test_extends_problems_are_reported(
    tmp_path: Path, files: list[tuple[str, str]], expected: list[tuple[str, int, str]], message: str
) -> None:
    folder = tmp_path / "personas"
    folder.mkdir()
    for name, text in files:
        (folder / name).write_text(text, "utf-8")
    linted = cli("lint", "--format", "json", "--select", "I", "personas", cwd=tmp_path)
    found = [
        (f["path"].removeprefix("personas/"), f["line"], f["code"], f["message"])
        for f in linted.json()["findings"]
    ]
    assert sorted(hit[:3] for hit in found) == sorted(expected)
    if message:
        assert any(message in hit[3] for hit in found), found
