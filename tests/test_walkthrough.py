"""The README's walkthrough is a test: its shell block runs as written, in an empty folder.

The one step a person does by hand, editing the new persona, is done by a stand-in editor
(`tests/walkthrough_editor.py`) that answers every question through the round-trip writer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, persona_bin, pinned_git_env


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Walkthrough", 1)[1].split("\n## ", 1)[0]
    found = re.search(r"```sh\n(.*?)```", section, re.S)
    assert found, "the walkthrough has no ```sh block"
    return found.group(1)


@pytest.fixture
def ran(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    if shutil.which("git") is None:  # pragma: no cover - git is a requirement
        pytest.skip("git is not installed")
    editor = tmp_path / "editor"
    editor.write_text(
        f'#!/bin/sh\nexec "{sys.executable}" "{ROOT / "tests" / "walkthrough_editor.py"}" "$@"\n',
        encoding="utf-8",
    )
    editor.chmod(0o755)
    date = "2026-01-05T09:00:00+00:00"
    env = {
        "PATH": f"{Path(persona_bin()).parent}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "EDITOR": str(editor),
        **pinned_git_env(date),
        "NO_COLOR": "1",
        "COLUMNS": "120",
        "LANG": "C.UTF-8",
        # The code under test (a worktree's, say) rather than whatever the venv installed,
        # for the `persona` commands and the editor alike.
        **{name: os.environ[name] for name in ("PYTHONPATH",) if name in os.environ},
    }
    script = "set -euo pipefail\n" + walkthrough()
    proc = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    return tmp_path / "acme-personas", proc


def test_the_walkthrough_runs_from_an_empty_folder(
    ran: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    repo, proc = ran
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    # The first lint is a to-do list; after editing, the set is clean and formatted.
    assert "personas/cautious-carl.yaml:" in out
    assert "All checks passed: 2 files, no problems." in out
    assert "2 files already formatted" in out
    # The refresh is recorded as new evidence and shows in the semantic diff.
    today = dt.date.today().isoformat()
    text = (repo / "personas" / "cautious-carl.yaml").read_text(encoding="utf-8")
    assert f"id: interview-{today}" in text
    assert f"last_reviewed: {today}" in text
    # The guidance comments survived the answers and the review.
    assert "# What will they think but not say in the meeting?\n" in text
    assert "refresh" in out
    assert "new-insight" in out
    # Briefings for every team, and an age table that calls the new persona fresh.
    for team in ("marketing", "sales", "product", "support", "overview"):
        assert (repo / "briefings" / team / "cautious-carl.md").is_file(), team
    age_line = next(line for line in out.splitlines() if line.lstrip().startswith("cautious-carl"))
    assert "fresh" in age_line
    assert "Cautious Carl, CFO" in out  # persona list


def test_the_walkthrough_is_documented_step_by_step() -> None:
    block = walkthrough()
    for step in ("persona init", "persona new", "persona lint", "persona review", "persona render"):
        assert step in block, step
