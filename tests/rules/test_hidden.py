"""Hidden characters (Q005 bidirectional controls, Q006 invisible and control characters).

The snippets are written with Python escapes, never raw: this file must not itself hide
what it tests. Columns count characters, as the loader's do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from persona_cli.domain.result import Finding
from persona_cli.io.discovery import discover
from persona_cli.lint.engine import lint
from tests.rules.common import BUYER, Case, case_id, check, engine

HEAD = "schema_version: 1\nid: ciso\nname: Cautious Carla\nkind: buyer\n"

CASES: list[Case] = [
    Case(
        # A reviewer cannot see it whatever key holds it: extension entries are checked too.
        "inside-extension-values-too",
        "Q005",
        HEAD
        + "x-crm:\n  note: imported\u202e as is\n  ids: [a\u2066b]\n"
        + 'role:\n  x-legacy: "\\u202e"\n  titles: [CISO\u202e]\n',
        [(6, 17, "Q005"), (7, 10, "Q005"), (9, 14, "Q005"), (10, 16, "Q005")],
        message="U+202E RIGHT-TO-LEFT OVERRIDE is a hidden bidirectional control",
    ),
    Case(
        "invisible-inside-extension-values",
        "Q006",
        HEAD + "x-tags: [pass\u200bword]\nnotes:\n  - heading: Context\n"
        "    text: From the diary\u200b study\n    x-raw: diary\u200b\n",
        [(8, 25, "Q006")],
        message="U+200B ZERO WIDTH SPACE is invisible",
    ),
    Case(
        "override-in-a-value",
        "Q005",
        HEAD + "summary: Approves every vendor\u202e after review\n",
        [(5, 31, "Q005")],
        message="U+202E RIGHT-TO-LEFT OVERRIDE is a hidden bidirectional control",
    ),
    Case(
        "each-one-at-its-own-column",
        "Q005",
        HEAD + "summary: \u2066a\u2069 and \u202ab\u202c\n",
        [(5, 10, "Q005"), (5, 12, "Q005"), (5, 18, "Q005"), (5, 20, "Q005")],
        message="U+2069 POP DIRECTIONAL ISOLATE",
    ),
    Case(
        "in-a-nested-list-item",
        "Q005",
        HEAD + "whole_person:\n  fears:\n    - losing\u202e the audit\n",
        [(7, 13, "Q005")],
        message="delete it (if the text was pasted, retype it)",
    ),
    Case(
        "in-a-comment",
        "Q005",
        HEAD + "# reviewed by legal \u202e/* approved */\nsummary: Signs off on vendors\n",
        [(5, 21, "Q005")],
    ),
    Case(
        "right-to-left-mark",
        "Q005",
        HEAD + "summary: Hebrew name \u05d3\u05e0\u05d4\u200f here\n",
        [(5, 25, "Q005")],
        message="U+200F RIGHT-TO-LEFT MARK",
    ),
    Case(
        "escape-in-a-double-quoted-string",
        "Q005",
        HEAD + 'summary: "vendor\\u202e review"\n',
        [(5, 17, "Q005")],
        message="the escape \\u202e writes U+202E RIGHT-TO-LEFT OVERRIDE",
    ),
    Case(
        "backslashes-that-are-not-such-escapes",
        "Q005",
        HEAD + "summary: \"path C:\\\\u202e\"\ngoals: [plain \\u202e text, 'single \\u202e']\n",
        [],
    ),
    Case("complete-persona", "Q005", BUYER, []),
    Case(
        "right-to-left-text-without-controls",
        "Q005",
        HEAD + "summary: \u05d3\u05e0\u05d4 signs in Hebrew, \u0645\u0631\u062d\u0628\u0627\n",
        [],
    ),
    Case(
        "zero-width-space",
        "Q006",
        HEAD + "summary: pass\u200bword\n",
        [(5, 14, "Q006")],
        message="U+200B ZERO WIDTH SPACE is invisible in editors and reviews; delete it",
    ),
    Case(
        "format-characters",
        "Q006",
        HEAD + "summary: soft\u00adhyphen, word\u2060joiner, bom\ufeffinside, tag\U000e0041\n",
        [(5, 14, "Q006"), (5, 27, "Q006"), (5, 39, "Q006"), (5, 51, "Q006")],
        message="U+E0041 TAG LATIN CAPITAL LETTER A",
    ),
    Case(
        "joiner-in-latin-text",
        "Q006",
        HEAD + "goals:\n  - audit\u200dready\n",
        [(6, 10, "Q006")],
        message="U+200D ZERO WIDTH JOINER",
    ),
    Case(
        "hangul-filler-name",
        "Q006",
        HEAD + "summary: \u3164\n",
        [(5, 10, "Q006")],
        message="U+3164 HANGUL FILLER",
    ),
    Case(
        "carriage-return-on-its-own",
        "Q006",
        HEAD + "summary: Signs off # a note\rreview:\n  owners: [maria@example.com]\n",
        [(5, 28, "Q006")],
        message="U+000D CARRIAGE RETURN ends a line for YAML but not in most editors",
    ),
    Case(
        "emoji-sequences-and-joining-scripts",
        "Q006",
        HEAD
        + "summary: \U0001f469\u200d\U0001f4bb on call, \U0001f3f3\ufe0f\u200d\U0001f308, "
        + "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f, "
        + "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n",
        [],
    ),
    Case("tabs", "Q006", HEAD + 'summary: "tab\there"\ngoals:\n  - |\n    a\tb\n', []),
    Case(
        "escapes-writing-hidden-characters",
        "Q006",
        HEAD + 'summary: "bell\\a, cr\\r, zwsp\\u200b, nel\\N"\n',
        [(5, 15, "Q006"), (5, 21, "Q006"), (5, 29, "Q006"), (5, 40, "Q006")],
        message="the escape \\u200b writes U+200B ZERO WIDTH SPACE, an invisible character",
    ),
    Case(
        "escaped-emoji-tab-and-newline",
        "Q006",
        HEAD + 'summary: "\\U0001F469\\u200D\\U0001F4BB\\tand\\n"\n',
        [],
    ),
    Case("complete-persona", "Q006", BUYER, []),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hidden(case: Case, tmp_path: Path) -> None:
    check(case, tmp_path)


def _lint(folder: Path, text: str, *codes: str, name: str = "ciso.yaml") -> list[Finding]:
    """Lint one file with `codes` only (no guard: these files have other findings too)."""
    (folder / name).write_text(text, encoding="utf-8")
    result = lint(discover([str(folder)], cwd=folder), engine=engine(codes), jobs=1)
    return result.findings


def test_a_key_is_checked(tmp_path: Path) -> None:
    """A quoted key holding an isolate is also an unknown key (S002), so not a table row."""
    text = HEAD + 'lenses:\n  marketing:\n    "loss_feared\u2067": a breach\n'
    found = _lint(tmp_path, text, "Q005", "S002")
    assert [(f.line, f.column, f.code) for f in found] == [(7, 5, "S002"), (7, 17, "Q005")]
    assert "U+2067 RIGHT-TO-LEFT ISOLATE" in found[1].message


def test_a_file_that_does_not_parse_is_still_checked(tmp_path: Path) -> None:
    found = _lint(tmp_path, HEAD + "summary: a\u202eb\ngoals: [oops\n", "Q005", "Y001")
    assert [(f.line, f.column, f.code) for f in found] == [(5, 11, "Q005"), (6, 13, "Y001")]


def test_a_control_character_yaml_refuses_is_one_finding_where_it_is(tmp_path: Path) -> None:
    """libyaml stops at the first raw control character: the loader's Y001 names it at its
    own line and column (not the file's start), and Q006 reports the ones after it."""
    text = HEAD + "summary: ring the \x07 bell\ngoals: [esc \x1b here]\n"
    found = _lint(tmp_path, text, "Q006", "Y001")
    assert [(f.line, f.column, f.code) for f in found] == [(5, 19, "Y001"), (6, 13, "Q006")]
    assert found[0].message.startswith("U+0007 BELL is not allowed in YAML")
    assert "U+001B ESCAPE is a control character" in found[1].message


def test_segments_are_checked_too(tmp_path: Path) -> None:
    segment = (
        "schema_version: 1\nkind: segment\nid: fintech\nname: Mid-market\u202e fintech\n"
        "committee:\n  - persona: ciso\n    role: economic_buyer\n"
    )
    found = _lint(tmp_path, segment, "Q005", name="fintech.yaml")
    assert [(f.path, f.line, f.column, f.code) for f in found if f.code[0] == "Q"] == [
        ("fintech.yaml", 4, 17, "Q005")
    ]


def test_a_suppression_on_the_line_silences_it(tmp_path: Path) -> None:
    text = HEAD + "summary: \u05d3\u200f # persona: ignore[Q005] the mark orders a Hebrew quote\n"
    assert _lint(tmp_path, text, "Q005", "U") == []


def test_crlf_line_endings_are_not_hidden_and_lines_count_as_in_an_editor(tmp_path: Path) -> None:
    text = (HEAD + "summary: a\u202eb\ngoals: [c\u200bd]\n").replace("\n", "\r\n")
    found = _lint(tmp_path, text, "Q005", "Q006")
    assert [(f.line, f.column, f.code) for f in found] == [(5, 11, "Q005"), (6, 10, "Q006")]
