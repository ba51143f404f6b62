"""The render core on its own, called as the command layer calls it: options in, an outcome and
the user's lines out, nothing printed; and the layering that keeps it so (the core never
imports the command layer, never prints, never reads argv). Real files, no mocks.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from persona_cli.cli._common import load_settings
from persona_cli.cli._render_run import shared
from persona_cli.verbs.render.options import Options, Shared, TeamList
from persona_cli.verbs.render.outputs import Checked, Written
from persona_cli.verbs.render.run import run
from tests.conftest import ROOT, copy_examples

RENDER = ROOT / "src" / "persona_cli" / "verbs" / "render"


def _setup(work: Path, lines: list[str]) -> tuple[Options, Shared]:
    options = Options(
        targets=[],
        team="sales",
        out=work / "out",
        segments=[],
        kinds=[],
        statuses=[],
        owners=[],
        templates=None,
        check=True,
        now="2026-11-22",
        git_age=False,
    )
    settings = load_settings(config=None, cwd=work)
    return options, replace(shared(settings, work), notify=lines.append)


def test_check_write_check_through_the_core(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    work = copy_examples(tmp_path / "work")
    monkeypatch.chdir(work)
    lines: list[str] = []
    options, context = _setup(work, lines)

    assert run(options, context) == Checked(up_to_date=False)
    assert "persona: would update out/sales/ciso-risk-averse.md (missing)" in lines
    assert not (work / "out").exists()

    written = run(replace(options, check=False), context)
    assert isinstance(written, Written)
    assert (written.teams, written.removed, written.folder) == (1, 0, "out")
    assert written.written == written.total == len(list((work / "out" / "sales").iterdir()))

    lines.clear()
    assert run(options, context) == Checked(up_to_date=True)
    assert lines == [f"{written.total} briefing files are up to date"]
    # Every line went through notify: the core printed nothing itself.
    assert capfd.readouterr() == ("", "")


def test_list_teams_is_an_outcome_not_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    work = copy_examples(tmp_path / "work")
    monkeypatch.chdir(work)
    lines: list[str] = []
    options, context = _setup(work, lines)
    listed = run(replace(options, list_teams=True, team=None, out=None), context)
    assert isinstance(listed, TeamList)
    assert list(listed.teams) == ["overview", "marketing", "sales", "product", "support"]
    assert listed.ignored == []
    assert lines == []
    assert capfd.readouterr() == ("", "")


def test_the_render_core_neither_prints_nor_imports_the_command_layer() -> None:
    modules = sorted(RENDER.glob("*.py"))
    assert len(modules) > 10  # the package is where the test looks for it
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("persona_cli.cli"), path.name
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("persona_cli.cli") for a in node.names)
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id == "sys":
                    assert node.attr not in {"stdout", "stderr", "argv"}, path.name
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id != "print", path.name
