"""The homes for real content (company, background, tools, buying roles, traits, behaviours,
influences, messaging, notes, provenance, jobs without a trigger, x- extensions) as `persona
show` displays them, `persona diff` reports their changes and `persona log` counts them as
meaning, on real files and a real repository."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from persona_cli.domain.canonical import digest, lines, normalise
from persona_cli.domain.model import EXTENSION_PREFIX
from persona_cli.verbs.diff import read_persona
from persona_cli.verbs.diff_changes import EXTENSION_PREFIX as DIFF_EXTENSION_PREFIX
from persona_cli.verbs.diff_semantic import diff_personas
from tests.conftest import GitRepo, cli, write

CLARA = """\
schema_version: 1
id: clara
name: Careful Clara
kind: user
x-crm-id: 4411
role:
  titles: [Records officer]
  buying_roles: [Influencer, User]
  x-legacy-title: Clerk
company: {type: local authority, size: "4,000 staff", industry: local government}
background:
  education: [BA History]
  career: [Ten years in the records office]
tools: [Excel, SharePoint]
jobs_to_be_done:
  - want: to find a record without asking IT
    so_that: requests are answered on time
  - when: a request arrives
    want: to know the deadline
whole_person:
  traits: [methodical]
  behaviours: [keeps her own spreadsheet of open requests]
influences:
  channels:
    - {channel: Peer forum, stage: awareness}
    - channel: LinkedIn
      x-weight: {score: 2, tags: [a, b]}
  trusted_sources: [The regulator's guidance]
messaging:
  product: [Show the audit trail first]
  support: [Answer with the statutory deadline]
notes:
  - heading: A day in the life
    text: Starts at 7:30 with the overnight requests.
  - heading: Working hours
    text: Part-time, Monday to Thursday.
provenance: {source: drafts/personas.md, format: markdown, location: line 12, imported: 2026-11-01}
"""


def data(text: str) -> dict[str, Any]:
    parsed = read_persona(textwrap.dedent(text).encode(), "clara.yaml")
    assert isinstance(parsed, dict), parsed
    return parsed


def edit(old: str, new: str, text: str = CLARA) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def rows(old: str, new: str, *, order: bool = False) -> list[tuple[str, str, Any, Any, str]]:
    changes = diff_personas(data(old), data(new), path="personas/clara.yaml", order=order)
    return [(c.field, c.kind, c.old, c.new, c.class_) for c in changes]


# --- show --------------------------------------------------------------------------------------


@pytest.fixture
def clara(tmp_path: Path) -> Path:
    write(tmp_path, "personas/clara.yaml", CLARA)
    return tmp_path


def test_show_displays_every_new_part_in_reading_order(clara: Path) -> None:
    run = cli("show", "clara", "--no-age", cwd=clara)
    assert run.exit_code == 0, run.stderr
    text = run.stdout
    titles = [
        "Role",
        "Company",
        "Background",
        "Tools",
        "Whole person",
        "Jobs to be done",
        "Where they learn and whom they trust",
        "Messaging: our advice to each team",
        "Notes",
        "Imported from",
        "Extensions",
    ]
    found = [text.index(f"─ {title}") for title in titles]
    assert found == sorted(found)
    for shown in (
        "buying roles  • Influencer",
        "local authority",
        "4,000 staff",
        "BA History",
        "• SharePoint",
        "traits              • methodical",
        "• Peer forum · awareness",
        "• LinkedIn",
        "The regulator's guidance",
        "product  • Show the audit trail first",
        "support  • Answer with the statutory deadline",
        "source    drafts/personas.md",
        "format    markdown",
        "location  line 12",
        "imported  2026-11-01",
    ):
        assert shown in text, shown


def test_a_job_without_a_trigger_reads_as_a_job_statement(clara: Path) -> None:
    text = cli("show", "clara", "--no-age", cwd=clara).stdout
    assert "• I want to find a record without asking IT, so that requests are" in text
    assert "• When a request arrives, I want to know the deadline" in text
    assert "When , I want" not in text


def test_notes_are_shown_under_their_headings(clara: Path) -> None:
    text = cli("show", "clara", "--no-age", cwd=clara).stdout
    body = [line.strip("│ ").rstrip() for line in text.splitlines()]
    day = body.index("A day in the life")
    assert body[day + 1] == "Starts at 7:30 with the overnight requests."
    hours = body.index("Working hours")
    assert body[hours + 1] == "Part-time, Monday to Thursday."


def test_extensions_are_listed_with_their_path_in_text_and_json(clara: Path) -> None:
    text = cli("show", "clara", "--no-age", cwd=clara).stdout
    panel = text[text.index("─ Extensions") :]
    assert [line.split()[1] for line in panel.splitlines()[1:-1]] == [
        "x-crm-id",
        "role.x-legacy-title",
        "influences.channels[1].x-weight",
    ]
    assert 'influences.channels[1].x-weight  {"score": 2, "tags": ["a", "b"]}' in panel
    report = cli("show", "clara", "--no-age", "--format", "json", cwd=clara).json()
    assert report["extensions"] == {
        "x-crm-id": 4411,
        "role.x-legacy-title": "Clerk",
        "influences.channels[1].x-weight": {"score": 2, "tags": ["a", "b"]},
    }
    persona = report["persona"]
    assert persona["provenance"]["imported"] == "2026-11-01"
    assert persona["notes"][0] == {
        "heading": "A day in the life",
        "text": "Starts at 7:30 with the overnight requests.",
    }
    assert persona["role"]["x-legacy-title"] == "Clerk"


def test_a_persona_without_the_new_fields_shows_none_of_their_panels(tmp_path: Path) -> None:
    write(
        tmp_path,
        "personas/bare.yaml",
        "schema_version: 1\nid: bare\nname: Bare Ben\nkind: internal\n",
    )
    text = cli("show", "bare", "--no-age", cwd=tmp_path).stdout
    for title in ("Company", "Background", "Tools", "Notes", "Imported from", "Extensions"):
        assert f"─ {title}" not in text, title


# --- diff --------------------------------------------------------------------------------------


def test_the_diff_and_the_model_agree_on_the_extension_prefix() -> None:
    assert DIFF_EXTENSION_PREFIX == EXTENSION_PREFIX


def test_reformatting_the_new_fields_is_no_change() -> None:
    reformatted = """\
    id: clara
    schema_version: 1
    kind: user
    name: "Careful Clara"
    provenance:
      imported: 2026-11-01
      location: line 12
      format: markdown
      source: drafts/personas.md
    notes:
      - {heading: Working hours, text: "Part-time, Monday to Thursday."}
      - text: Starts at 7:30 with the overnight requests.
        heading: A day in the life
    messaging:
      {support: [Answer with the statutory deadline], product: [Show the audit trail first]}
    influences:
      trusted_sources: ["The regulator's guidance"]
      channels:
        - channel: LinkedIn
          x-weight: {tags: [a, b], score: 2}
        - {stage: awareness, channel: Peer forum}
    whole_person: {behaviours: [keeps her own spreadsheet of open requests], traits: [methodical]}
    jobs_to_be_done:
      - {when: a request arrives, want: to know the deadline}
      - {so_that: requests are answered on time, want: to find a record without asking IT}
    tools: [SharePoint, Excel]
    background: {career: [Ten years in the records office], education: [BA History]}
    company: {industry: local government, type: local authority, size: "4,000 staff"}
    role:
      x-legacy-title: Clerk
      buying_roles: [Influencer, User]
      titles: [Records officer]
    x-crm-id: 4411
    """
    assert rows(CLARA, reformatted) == []
    assert digest(data(CLARA)) == digest(data(reformatted))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "company: {type: local authority,",
            "company: {type: unitary authority,",
            [("company.type", "changed", "local authority", "unitary authority", "edit")],
        ),
        (
            "  career: [Ten years in the records office]",
            "  career: [Ten years in the records office, Two years at the ICO]",
            [("background.career", "added", None, "Two years at the ICO", "edit")],
        ),
        (
            "tools: [Excel, SharePoint]",
            "tools: [Excel, Power BI]",
            [
                ("tools", "removed", "SharePoint", None, "edit"),
                ("tools", "added", None, "Power BI", "edit"),
            ],
        ),
        (
            "  traits: [methodical]",
            "  traits: [methodical, sceptical of dashboards]",
            [("whole_person.traits", "added", None, "sceptical of dashboards", "new-insight")],
        ),
        (
            "  behaviours: [keeps her own spreadsheet of open requests]",
            "  behaviours: []",
            [
                (
                    "whole_person.behaviours",
                    "removed",
                    "keeps her own spreadsheet of open requests",
                    None,
                    "removed-insight",
                )
            ],
        ),
        (
            "  product: [Show the audit trail first]",
            "  product: [Show the audit trail first, Never hide the deadline]",
            [("messaging.product", "added", None, "Never hide the deadline", "edit")],
        ),
        (
            "provenance: {source: drafts/personas.md,",
            "provenance: {source: drafts/v2/personas.md,",
            [
                (
                    "provenance.source",
                    "changed",
                    "drafts/personas.md",
                    "drafts/v2/personas.md",
                    "edit",
                )
            ],
        ),
    ],
)
def test_changes_to_the_new_fields_have_readable_paths(
    old: str, new: str, expected: list[tuple[str, str, Any, Any, str]]
) -> None:
    assert rows(CLARA, edit(old, new)) == expected


def test_notes_are_matched_by_heading() -> None:
    changed = edit("    text: Part-time, Monday to Thursday.", "    text: Full-time since October.")
    assert rows(CLARA, changed) == [
        (
            "notes[Working hours].text",
            "changed",
            "Part-time, Monday to Thursday.",
            "Full-time since October.",
            "edit",
        )
    ]
    added = CLARA.replace(
        "provenance:", "  - heading: Escalations\n    text: To the DPO.\nprovenance:"
    )
    assert rows(CLARA, added) == [
        (
            "notes[Escalations]",
            "added",
            None,
            {"heading": "Escalations", "text": "To the DPO."},
            "edit",
        )
    ]


def test_channels_are_matched_by_channel_name() -> None:
    staged = edit(
        "{channel: Peer forum, stage: awareness}", "{channel: Peer forum, stage: decision}"
    )
    assert rows(CLARA, staged) == [
        ("influences.channels[Peer forum].stage", "changed", "awareness", "decision", "edit")
    ]
    dropped = edit("    - {channel: Peer forum, stage: awareness}\n", "")
    assert rows(CLARA, dropped) == [
        (
            "influences.channels[Peer forum]",
            "removed",
            {"channel": "Peer forum", "stage": "awareness"},
            None,
            "removed-insight",
        )
    ]


def test_buying_roles_are_a_ranking_and_a_new_order_is_a_change() -> None:
    swapped = edit("buying_roles: [Influencer, User]", "buying_roles: [User, Influencer]")
    assert rows(CLARA, swapped) == [
        (
            "role.buying_roles",
            "reordered",
            ["Influencer", "User"],
            ["User", "Influencer"],
            "behaviour-change",
        )
    ]
    assert digest(data(CLARA)) != digest(data(swapped))
    assert 'role.buying_roles[0]: "User"' in lines(data(swapped))
    # Other lists of strings stay sets: their order carries no meaning.
    tools = edit("tools: [Excel, SharePoint]", "tools: [SharePoint, Excel]")
    assert rows(CLARA, tools) == []


def test_extension_changes_are_reported_as_extension_changes() -> None:
    changed = edit("x-crm-id: 4411", "x-crm-id: 4412")
    changed = edit("  x-legacy-title: Clerk\n", "", changed)
    changed = edit(
        "      x-weight: {score: 2, tags: [a, b]}", "      x-weight: {score: 3, tags: [a]}", changed
    )
    changed = edit("tools:", "x-source-page: 12\ntools:", changed)
    # In the model's order, each part's extensions after its fields: the file's own last.
    assert rows(CLARA, changed) == [
        ("role.x-legacy-title", "removed", "Clerk", None, "extension"),
        ("influences.channels[LinkedIn].x-weight.score", "changed", 2, 3, "extension"),
        ("influences.channels[LinkedIn].x-weight.tags", "removed", "b", None, "extension"),
        ("x-crm-id", "changed", 4411, 4412, "extension"),
        ("x-source-page", "added", None, 12, "extension"),
    ]


def test_nested_lists_of_mappings_inside_an_extension_fall_back_to_position() -> None:
    before = CLARA + "x-history:\n  - {who: ann, when: 2026-01-01}\n  - {who: bo}\n"
    after = CLARA + "x-history:\n  - {who: ann, when: 2026-02-01}\n"
    assert rows(before, after) == [
        ("x-history[0].when", "changed", "2026-01-01", "2026-02-01", "extension"),
        # A removed mapping is spelled out leaf by leaf, as everywhere in the diff.
        ("x-history[1].who", "removed", "bo", None, "extension"),
    ]


# --- log ---------------------------------------------------------------------------------------


def test_log_counts_changes_to_the_new_fields_as_meaning_and_reformats_not(
    tmp_path: Path,
) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/clara.yaml", CLARA)
    repo.commit("Add Clara", "2026-01-10T09:00:00+00:00")
    repo.write(
        "personas/clara.yaml",
        "# Clara\n" + CLARA.replace("[Excel, SharePoint]", "[SharePoint, Excel]"),
    )
    repo.commit("Reformat", "2026-01-20T09:00:00+00:00")
    repo.write("personas/clara.yaml", edit("x-crm-id: 4411", "x-crm-id: 5000"))
    repo.commit("New CRM id", "2026-02-01T09:00:00+00:00")
    repo.write(
        "personas/clara.yaml",
        edit(
            "x-crm-id: 4411", "x-crm-id: 5000", edit("    text: Part-time,", "    text: Full-time,")
        ),
    )
    repo.commit("Clara works full-time now", "2026-03-01T09:00:00+00:00")
    report = cli("log", "clara", "--all", "--format", "json", cwd=repo.root).json()
    kinds = [(commit["subject"], commit["kind"]) for commit in report["commits"]]
    assert kinds == [
        ("Clara works full-time now", "changed"),
        ("New CRM id", "changed"),
        ("Reformat", "reformatted"),
        ("Add Clara", "created"),
    ]
    text = cli("log", "clara", cwd=repo.root).stdout
    assert "notes ~1" in text
    assert "x-crm-id ~1" in text


def test_diff_cli_names_extension_changes_and_the_new_sections(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.write("personas/clara.yaml", CLARA)
    repo.commit("Add Clara", "2026-01-10T09:00:00+00:00")
    changed = edit("x-crm-id: 4411", "x-crm-id: 5000")
    changed = edit("- heading: Working hours", "- heading: Hours", changed)
    repo.write("personas/clara.yaml", changed)
    run = cli("diff", "--no-color", cwd=repo.root)
    assert run.exit_code == 0, run.stderr
    assert "personas/clara.yaml (clara): notes +1 -1, x-crm-id ~1" in run.stdout
    assert "~ x-crm-id: 4411 -> 5000  extension" in run.stdout
    assert '- [Working hours]: {"heading": "Working hours"' in run.stdout
    assert "1 persona changed, 3 changes (2 edit, 1 extension)" in run.stdout
    report = cli("diff", "--format", "json", cwd=repo.root).json()
    assert {(c["field"], c["class"]) for c in report["changes"]} == {
        ("notes[Working hours]", "edit"),
        ("notes[Hours]", "edit"),
        ("x-crm-id", "extension"),
    }


def test_a_channel_at_two_stages_is_told_apart_by_its_stage() -> None:
    two = edit(
        "    - {channel: Peer forum, stage: awareness}\n",
        "    - {channel: Peer forum, stage: awareness}\n"
        "    - {channel: Peer forum, stage: decision}\n",
    )
    # A second entry for the channel: the one added is named by its stage.
    assert rows(CLARA, two) == [
        (
            "influences.channels[Peer forum (decision)]",
            "added",
            None,
            {"channel": "Peer forum", "stage": "decision"},
            "new-insight",
        )
    ]
    moved = edit("stage: decision}", "stage: consideration}", two)
    assert [(c[0], c[1]) for c in rows(two, moved)] == [
        ("influences.channels[Peer forum (consideration)]", "added"),
        ("influences.channels[Peer forum (decision)]", "removed"),
    ]
    # Their order in the file is not part of the persona's form.
    first, second = (
        f"    - {{channel: Peer forum, stage: {s}}}\n" for s in ("awareness", "decision")
    )
    swapped = edit(first + second, second + first, two)
    assert rows(two, swapped) == []
    assert digest(data(two)) == digest(data(swapped))
    # Without a repeat, the form is the one it always was (digests recorded before still match).
    assert normalise(data(CLARA))["influences"]["channels"] == sorted(
        data(CLARA)["influences"]["channels"], key=lambda c: c["channel"]
    )
