"""The semantic diff core as tables: two YAML snippets in, `(field, kind, old, new, class)`
out. No git here; `test_diff_cli.py` runs the same core on real repositories."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

from persona_cli.domain.canonical import digest
from persona_cli.git.diffing import FilePair
from persona_cli.verbs.diff import diff_files, read_persona
from persona_cli.verbs.diff_changes import Change, classify
from persona_cli.verbs.diff_semantic import diff_personas
from persona_cli.verbs.diff_summary import section_summary, summarise

BASE = """\
schema_version: 1
id: carla
name: Cautious Carla
kind: buyer
status: validated
summary: A careful CISO.
whole_person:
  fears:
    - Being named in a breach
    - Signing a false certification
  motivations: [Quiet audits]
  trust: needs_proof
  quotes:
    - "If it goes wrong, it's my signature."
    - text: Show me three fintechs our size.
      evidence: interviews-2026
decision:
  risk_tolerance: low
  committee_role: legal_security
lenses:
  marketing:
    loss_feared: A qualified audit opinion.
  sales:
    objections:
      - objection: Our auditor won't accept it.
        response: Offer a joint call with the audit firm.
      - objection: You want production access.
        response: Lead with the read-only integration.
jobs_to_be_done:
  - when: a bank sends a questionnaire
    want: to answer from collected evidence
evidence:
  - id: interviews-2026
    type: interview
    date: 2026-08-14
    summary: Ten interviews with security leaders.
  - id: win-loss-2026
    type: win_loss
    date: 2026-10-02
    summary: Eleven lost deals.
review:
  owners: [maria@example.com]
  last_reviewed: 2026-10-28
"""


def data(text: str) -> dict[str, Any]:
    parsed = read_persona(textwrap.dedent(text).encode(), "carla.yaml")
    assert isinstance(parsed, dict), parsed
    return parsed


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


Row = tuple[str, str, Any, Any, str]


def rows(old: str | None, new: str | None, *, order: bool = False) -> list[Row]:
    changes = diff_personas(
        data(old) if old is not None else None,
        data(new) if new is not None else None,
        path="personas/carla.yaml",
        order=order,
    )
    return [(c.field, c.kind, c.old, c.new, c.class_) for c in changes]


REFORMATTED = """\
# A comment that says nothing about the persona
kind: 'buyer'
name: "Cautious Carla"
id: carla
schema_version: 1
status: validated
summary: >-
  A careful
  CISO.
review: {last_reviewed: 2026-10-28, owners: ["maria@example.com"]}
evidence:
  - {id: win-loss-2026, type: win_loss, date: 2026-10-02, summary: Eleven lost deals.}
  - id: interviews-2026   # the interviews
    summary: "Ten interviews with security leaders."
    type: interview
    date: 2026-08-14
    url: ""
whole_person:
  trust: needs_proof
  motivations:
    - Quiet audits
  fears: [Signing a false certification, Being named in a breach]
  career_ambitions: []
  quotes:
    - {evidence: interviews-2026, text: Show me three fintechs our size.}
    - 'If it goes wrong, it''s my signature.'
decision: {committee_role: legal_security, risk_tolerance: low, awareness: null}
jobs_to_be_done:
  - want: to answer from collected evidence
    when: a bank sends a questionnaire
lenses:
  sales:
    objections:
      - response: Lead with the read-only integration.
        objection: You want production access.
      - objection: Our auditor won't accept it.
        response: Offer a joint call with the audit firm.
  marketing:
    loss_feared: A qualified audit opinion.
  product: {}
"""


def test_reformatting_is_no_change() -> None:
    # Key order, quoting, flow vs block style, folded text, comments, empty values,
    # the order of list items and of keyed objects: none of it is a change.
    assert rows(BASE, REFORMATTED) == []
    assert rows(BASE, REFORMATTED, order=False) == []


def test_reorders_show_only_with_order() -> None:
    swapped = edit(
        "    - Being named in a breach\n    - Signing a false certification\n",
        "    - Signing a false certification\n    - Being named in a breach\n",
    )
    assert rows(BASE, swapped) == []
    assert rows(BASE, swapped, order=True) == [
        (
            "whole_person.fears",
            "reordered",
            ["Being named in a breach", "Signing a false certification"],
            ["Signing a false certification", "Being named in a breach"],
            "edit",
        )
    ]
    assert rows(BASE, REFORMATTED, order=True) != []  # REFORMATTED reorders lists too
    keyed = [r for r in rows(BASE, REFORMATTED, order=True) if r[0] == "evidence"]
    assert keyed == [
        (
            "evidence",
            "reordered",
            ["interviews-2026", "win-loss-2026"],
            ["win-loss-2026", "interviews-2026"],
            "edit",
        )
    ]


STRING_ITEMS: list[tuple[str, str, str, list[Row]]] = [
    (
        "fear added",
        "    - Being named in a breach\n",
        "    - Being named in a breach\n    - Losing the board's trust\n",
        [("whole_person.fears", "added", None, "Losing the board's trust", "new-insight")],
    ),
    (
        "fear removed",
        "    - Being named in a breach\n",
        "",
        [("whole_person.fears", "removed", "Being named in a breach", None, "removed-insight")],
    ),
    (
        "fear reworded is one removed and one added",
        "    - Being named in a breach\n",
        "    - Being named in a data breach\n",
        [
            ("whole_person.fears", "removed", "Being named in a breach", None, "removed-insight"),
            ("whole_person.fears", "added", None, "Being named in a data breach", "new-insight"),
        ],
    ),
    (
        "a duplicate counts (it changes the canonical form)",
        "  motivations: [Quiet audits]\n",
        "  motivations: [Quiet audits, Quiet audits]\n",
        [("whole_person.motivations", "added", None, "Quiet audits", "new-insight")],
    ),
    (
        "motivations emptied",
        "  motivations: [Quiet audits]\n",
        "  motivations: []\n",
        [("whole_person.motivations", "removed", "Quiet audits", None, "removed-insight")],
    ),
    (
        "owner added is an edit",
        "  owners: [maria@example.com]\n",
        "  owners: [maria@example.com, '@pmm']\n",
        [("review.owners", "added", None, "@pmm", "edit")],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [case[1:] for case in STRING_ITEMS],
    ids=[case[0] for case in STRING_ITEMS],
)
def test_lists_of_strings_are_sets(old: str, new: str, expected: list[Row]) -> None:
    assert rows(BASE, edit(old, new)) == expected


KEYED: list[tuple[str, str, str, list[Row]]] = [
    (
        "evidence matched by id",
        "    summary: Eleven lost deals.\n",
        "    summary: Eleven lost deals, none on price.\n",
        [
            (
                "evidence[win-loss-2026].summary",
                "changed",
                "Eleven lost deals.",
                "Eleven lost deals, none on price.",
                "edit",
            )
        ],
    ),
    (
        "evidence removed",
        "  - id: win-loss-2026\n    type: win_loss\n    date: 2026-10-02\n"
        "    summary: Eleven lost deals.\n",
        "",
        [
            (
                "evidence[win-loss-2026]",
                "removed",
                {
                    "date": "2026-10-02",
                    "id": "win-loss-2026",
                    "summary": "Eleven lost deals.",
                    "type": "win_loss",
                },
                None,
                "removed-insight",
            )
        ],
    ),
    (
        "evidence added",
        "review:\n",
        "  - id: survey-2026\n    type: survey\n    date: 2026-11-01\n    summary: 200 answers.\n"
        "review:\n",
        [
            (
                "evidence[survey-2026]",
                "added",
                None,
                {
                    "date": "2026-11-01",
                    "id": "survey-2026",
                    "summary": "200 answers.",
                    "type": "survey",
                },
                "new-insight",
            )
        ],
    ),
    (
        "objection matched by its text",
        "        response: Lead with the read-only integration.\n",
        "        response: Send the IAM policy first.\n",
        [
            (
                "lenses.sales.objections[You want production access.].response",
                "changed",
                "Lead with the read-only integration.",
                "Send the IAM policy first.",
                "edit",
            )
        ],
    ),
    (
        "objection removed",
        "      - objection: You want production access.\n"
        "        response: Lead with the read-only integration.\n",
        "",
        [
            (
                "lenses.sales.objections[You want production access.]",
                "removed",
                {
                    "objection": "You want production access.",
                    "response": "Lead with the read-only integration.",
                },
                None,
                "removed-insight",
            )
        ],
    ),
    (
        "job story matched by want",
        "  - when: a bank sends a questionnaire\n",
        "  - when: a sponsor bank sends a questionnaire\n",
        [
            (
                "jobs_to_be_done[to answer from collected evidence].when",
                "changed",
                "a bank sends a questionnaire",
                "a sponsor bank sends a questionnaire",
                "edit",
            )
        ],
    ),
    (
        "a string quote gains its evidence",
        """    - "If it goes wrong, it's my signature."\n""",
        """    - text: "If it goes wrong, it's my signature."\n      evidence: win-loss-2026\n""",
        [
            (
                "whole_person.quotes[If it goes wrong, it's my signature.].evidence",
                "added",
                None,
                "win-loss-2026",
                "new-insight",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [case[1:] for case in KEYED], ids=[case[0] for case in KEYED]
)
def test_lists_of_objects_are_matched_by_key(old: str, new: str, expected: list[Row]) -> None:
    assert rows(BASE, edit(old, new)) == expected


def test_objects_without_their_key_fall_back_to_position() -> None:
    old = "lenses:\n  sales:\n    objections:\n      - response: a\n      - response: b\n"
    new = "lenses:\n  sales:\n    objections:\n      - response: a\n      - response: c\n"
    head = "schema_version: 1\nid: carla\nname: C\nkind: buyer\n"
    assert rows(head + old, head + new) == [
        ("lenses.sales.objections[1].response", "changed", "b", "c", "edit")
    ]


SCALARS: list[tuple[str, str, str, list[Row]]] = [
    (
        "risk tolerance changed",
        "risk_tolerance: low",
        "risk_tolerance: medium",
        [("decision.risk_tolerance", "changed", "low", "medium", "behaviour-change")],
    ),
    (
        "committee role changed",
        "committee_role: legal_security",
        "committee_role: champion",
        [
            (
                "decision.committee_role",
                "changed",
                "legal_security",
                "champion",
                "behaviour-change",
            )
        ],
    ),
    (
        "trust changed",
        "trust: needs_proof",
        "trust: cautious",
        [("whole_person.trust", "changed", "needs_proof", "cautious", "behaviour-change")],
    ),
    (
        "kind changed",
        "kind: buyer",
        "kind: user",
        [("kind", "changed", "buyer", "user", "behaviour-change")],
    ),
    (
        "risk tolerance removed",
        "  risk_tolerance: low\n",
        "",
        [("decision.risk_tolerance", "removed", "low", None, "removed-insight")],
    ),
    (
        "awareness added",
        "  risk_tolerance: low\n",
        "  risk_tolerance: low\n  awareness: problem_aware\n",
        [("decision.awareness", "added", None, "problem_aware", "new-insight")],
    ),
    (
        "loss feared emptied",
        "loss_feared: A qualified audit opinion.",
        'loss_feared: ""',
        [
            (
                "lenses.marketing.loss_feared",
                "removed",
                "A qualified audit opinion.",
                None,
                "removed-insight",
            )
        ],
    ),
    (
        "loss feared rewritten",
        "loss_feared: A qualified audit opinion.",
        "loss_feared: A failed bank review.",
        [
            (
                "lenses.marketing.loss_feared",
                "changed",
                "A qualified audit opinion.",
                "A failed bank review.",
                "edit",
            )
        ],
    ),
    (
        "review date bumped",
        "last_reviewed: 2026-10-28",
        "last_reviewed: 2026-11-30",
        [("review.last_reviewed", "changed", "2026-10-28", "2026-11-30", "refresh")],
    ),
    (
        "status",
        "status: validated",
        "status: retired",
        [("status", "changed", "validated", "retired", "lifecycle")],
    ),
    (
        "name",
        "name: Cautious Carla",
        "name: Careful Carla",
        [("name", "changed", "Cautious Carla", "Careful Carla", "identity")],
    ),
    (
        "summary",
        "summary: A careful CISO.",
        "summary: A very careful CISO.",
        [("summary", "changed", "A careful CISO.", "A very careful CISO.", "edit")],
    ),
    (
        "a number is not its quoted text",
        "schema_version: 1",
        'schema_version: "1"',
        [("schema_version", "changed", 1, "1", "edit")],
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"), [case[1:] for case in SCALARS], ids=[case[0] for case in SCALARS]
)
def test_scalars_and_their_classes(old: str, new: str, expected: list[Row]) -> None:
    assert rows(BASE, edit(old, new)) == expected


def test_an_added_section_is_spelled_out_leaf_by_leaf() -> None:
    new = BASE + (
        "internal:\n  wants_to_know: big_picture\n"
        "  collaboration_tips: [Send the one-pager first]\n"
    )
    assert rows(BASE, new) == [
        ("internal.wants_to_know", "added", None, "big_picture", "new-insight"),
        ("internal.collaboration_tips", "added", None, "Send the one-pager first", "new-insight"),
    ]


def test_a_type_change_is_one_change() -> None:
    assert rows(BASE, edit("  motivations: [Quiet audits]", "  motivations: Quiet audits")) == [
        ("whole_person.motivations", "changed", ["Quiet audits"], "Quiet audits", "edit")
    ]


def test_changes_follow_the_model_order() -> None:
    new = edit("risk_tolerance: low", "risk_tolerance: high")
    new = edit("name: Cautious Carla", "name: Bold Carla", new)
    new = edit("last_reviewed: 2026-10-28", "last_reviewed: 2026-12-01", new)
    assert [row[0] for row in rows(BASE, new)] == [
        "name",
        "decision.risk_tolerance",
        "review.last_reviewed",
    ]


def test_added_and_deleted_personas_are_one_change_each() -> None:
    assert rows(None, BASE) == [("", "added", None, "Cautious Carla", "lifecycle")]
    assert rows(BASE, None) == [("", "removed", "Cautious Carla", None, "lifecycle")]


def test_a_pure_rename_is_only_a_rename() -> None:
    changes = diff_personas(
        data(BASE), data(REFORMATTED), path="personas/cc.yaml", old_path="personas/carla.yaml"
    )
    assert changes == [
        Change(
            path="personas/cc.yaml",
            persona="carla",
            field="",
            kind="renamed",
            old="personas/carla.yaml",
            new="personas/cc.yaml",
            class_="identity",
        )
    ]


def test_a_rename_with_edits_reports_both() -> None:
    new = edit("id: carla", "id: cc")
    changes = diff_personas(
        data(BASE), data(new), path="personas/cc.yaml", old_path="personas/carla.yaml"
    )
    assert [(c.field, c.kind, c.class_, c.persona) for c in changes] == [
        ("", "renamed", "identity", "cc"),
        ("id", "changed", "identity", "cc"),
    ]


CLASSES: list[tuple[tuple[str, ...], str, str]] = [
    ((), "added", "lifecycle"),
    ((), "renamed", "identity"),
    ((), "unreadable", "problem"),
    (("id",), "changed", "identity"),
    (("status",), "changed", "lifecycle"),
    (("review", "last_reviewed"), "changed", "refresh"),
    (("review", "interval_days"), "changed", "edit"),
    (("decision", "adoption_stage"), "changed", "behaviour-change"),
    (("decision", "proof_required"), "removed", "removed-insight"),
    (("decision", "decision_criteria"), "added", "new-insight"),
    (("lenses", "support", "churn_signals"), "removed", "removed-insight"),
    (("lenses", "product", "success_signals"), "added", "new-insight"),
    (("lenses",), "removed", "removed-insight"),  # a whole block replaced by a scalar
    (("whole_person", "fears"), "reordered", "edit"),
    (("goals",), "removed", "edit"),
    (("pains",), "added", "edit"),
    (("role", "titles"), "added", "edit"),
    (("evidence",), "removed", "removed-insight"),
    (("evidence",), "changed", "edit"),
]


@pytest.mark.parametrize(("keys", "kind", "expected"), CLASSES)
def test_classify(keys: tuple[str, ...], kind: str, expected: str) -> None:
    assert classify(keys, kind) == expected


@pytest.mark.parametrize(
    "new",
    [
        REFORMATTED,
        edit("risk_tolerance: low", "risk_tolerance: high"),
        edit("    - Being named in a breach\n", ""),
        edit("  motivations: [Quiet audits]\n", "  motivations: [Quiet audits, Quiet audits]\n"),
        edit("    summary: Eleven lost deals.\n", ""),
        edit(
            '    - "If it goes wrong, it\'s my signature."\n',
            '    - text: "If it goes wrong, it\'s my signature."\n',
        ),
    ],
)
def test_no_change_exactly_when_the_digest_is_equal(new: str) -> None:
    # `persona log` and `persona age` decide "meaningful" by digest; the diff must agree.
    assert (rows(BASE, new) == []) == (digest(data(BASE)) == digest(data(new)))


def test_summaries() -> None:
    new = edit("    - Being named in a breach\n", "    - Losing the board\n    - Losing sleep\n")
    new = edit("response: Lead with the read-only integration.", "response: Send IAM.", new)
    new = edit("last_reviewed: 2026-10-28", "last_reviewed: 2026-12-01", new)
    changes = diff_personas(
        data(BASE), data(new), path="personas/c.yaml", old_path="personas/carla.yaml"
    )
    assert summarise(changes) == {
        "": {"renamed": 1},
        "whole_person": {"removed": 1, "added": 2},
        "lenses.sales": {"changed": 1},
        "review": {"refresh": 1},
    }
    assert section_summary(changes) == (
        "renamed, whole_person +2 -1, lenses.sales ~1, review refresh"
    )


def pair(path: str, old: str | None, new: str | None, old_path: str | None = None) -> FilePair:
    return FilePair(
        path=path,
        old_path=old_path or path,
        old=old.encode() if old is not None else None,
        new=new.encode() if new is not None else None,
    )


def test_unreadable_versions_are_reported_and_the_rest_still_diffed() -> None:
    changes = diff_files(
        [
            pair("personas/b.yaml", BASE.replace("carla", "b"), "id: b\nfears: [unclosed\n"),
            pair("personas/a.yaml", BASE, edit("kind: buyer", "kind: user")),
            pair("personas/c.yaml", None, "- a list\n"),
        ]
    )
    assert [(c.path, c.persona, c.field, c.kind, c.class_) for c in changes] == [
        ("personas/a.yaml", "carla", "kind", "changed", "behaviour-change"),
        ("personas/b.yaml", "b", "", "unreadable", "problem"),
        ("personas/c.yaml", "c", "", "unreadable", "problem"),
    ]
    assert changes[1].old is None
    assert changes[1].new == (
        "2:17 did not find expected ',' or ']' while parsing a flow sequence (started at line 2)"
    )
    assert changes[2].new.startswith("1:1 the file holds a list")


def test_a_move_git_missed_is_paired_by_content() -> None:
    # Moved and reformatted (git sees too little similarity), or moved without `git mv`.
    changes = diff_files(
        [
            pair("personas/old.yaml", BASE, None),
            pair("personas/new.yaml", None, REFORMATTED),
            pair("personas/same.yaml", BASE, BASE),
        ]
    )
    assert [(c.path, c.kind, c.old, c.new) for c in changes] == [
        ("personas/new.yaml", "renamed", "personas/old.yaml", "personas/new.yaml")
    ]


def test_large_diffs_parse_in_workers_with_the_same_result() -> None:
    pairs = [
        pair(
            f"personas/p{index:03d}.yaml",
            BASE,
            edit("risk_tolerance: low", "risk_tolerance: high") if index % 3 else REFORMATTED,
        )
        for index in range(60)
    ]
    pairs.append(pair("personas/zz.yaml", BASE, "fears: [unclosed\n"))
    serial = diff_files(pairs, jobs=1)
    assert diff_files(pairs, jobs=2) == serial
    assert len(serial) == 41
