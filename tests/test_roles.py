"""Committee roles have one source: `persona_cli.domain.roles` (the enum and its display order).

Every module that orders, groups, labels or tests for a role names it through the enum, so
renaming a role fails type checking; the tables derived from it cover every role once.
"""

from __future__ import annotations

import ast
from pathlib import Path

from persona_cli.domain.model import CommitteeRole as ModelRole
from persona_cli.domain.roles import BLOCKING_ROLES, COMMITTEE_ROLE_ORDER, CommitteeRole
from persona_cli.reporters import report_html
from persona_cli.verbs import report
from persona_cli.verbs.render import committee_model

SRC = Path(committee_model.__file__).resolve().parents[2]


def test_the_display_order_holds_every_role_once() -> None:
    assert sorted(COMMITTEE_ROLE_ORDER) == sorted(CommitteeRole)
    assert len(set(COMMITTEE_ROLE_ORDER)) == len(COMMITTEE_ROLE_ORDER)
    assert set(BLOCKING_ROLES) <= set(CommitteeRole)
    assert ModelRole is CommitteeRole  # the model validates against the same enum


def test_committee_tables_derive_from_the_enum() -> None:
    assert (*(role.value for role in COMMITTEE_ROLE_ORDER), "") == committee_model.ROLE_ORDER
    assert set(committee_model.BLOCKING_ROLES) == {role.value for role in BLOCKING_ROLES}


def test_every_role_sits_in_exactly_one_report_band() -> None:
    placed = [role for _, roles in report.ROLE_BANDS for role in roles]
    assert sorted(placed) == sorted(CommitteeRole)


def test_every_role_has_a_label_in_the_html_report() -> None:
    assert set(report_html.ROLE_LABELS) == {role.value for role in CommitteeRole}


def test_no_module_spells_a_role_name_as_a_bare_string() -> None:
    """A bare "economic_buyer" would survive a rename of the role silently. `user` is left
    out (it is also a persona kind); the HTML report's label table is checked above."""
    names = {role.value for role in CommitteeRole} - {"user"}
    allowed = {SRC / "domain" / "roles.py", SRC / "reporters" / "report_html.py"}
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value!r}")
    assert found == [], "use persona_cli.domain.roles.CommitteeRole instead:\n" + "\n".join(found)
