"""Shared helpers: run the real CLI (in-process and as a subprocess) and write persona files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from persona_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = ROOT.parent / "shared" / "data"

MINIMAL = """\
schema_version: 1
id: {id}
name: Test Persona
kind: buyer
"""


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run `persona ARGS` in-process (fast) from `cwd`."""
    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def persona_bin() -> str:
    return str(Path(sys.executable).with_name("persona"))


def run_persona(*args: str | Path, cwd: Path | None = None) -> Run:
    """Run the installed `persona` console script as a user would."""
    proc = subprocess.run(
        [persona_bin(), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        check=False,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tmp_personas(tmp_path: Path) -> Path:
    folder = tmp_path / "personas"
    folder.mkdir()
    return folder
