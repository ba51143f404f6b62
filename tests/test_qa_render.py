"""QA of `persona render`: one regression test per bug found while trying to break it.
Real files in temp dirs, the real CLI, no mocks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli, write


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A working directory outside any git repository, holding a copy of the examples."""
    work = tmp_path / "work"
    (work / "personas").mkdir(parents=True)
    for source in (EXAMPLES / "personas").glob("*.yaml"):
        (work / "personas" / source.name).write_text(source.read_text("utf-8"), "utf-8")
    return work


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "text",
    [
        '{% include "loop.md.j2" %}\n',
        '{% extends "loop.md.j2" %}\n',
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}\n",
    ],
)
def test_template_that_calls_itself_is_a_template_error(workdir: Path, text: str) -> None:
    """A self-including/extending/recursive template crashed with RecursionError (exit 3)."""
    write(workdir / "templates", "loop.md.j2", text)
    result = cli("render", "--team", "loop", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/loop.md.j2:1:" in result.stderr
    assert "calls itself" in result.stderr
    assert "internal error" not in result.stderr
    assert not (workdir / "out").exists()


def test_template_cannot_mutate_the_shared_persona_data(workdir: Path) -> None:
    """`persona.update(...)`/`personas.pop()` leaked into later briefings (core-count dependent)."""
    write(
        workdir / "templates",
        "mut.md.j2",
        '{{ persona.update({"name": "GONE"}) }}{{ persona.name }}\n',
    )
    result = cli("render", "--team", "mut", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/mut.md.j2:1: unsafe template" in result.stderr
    assert "'update'" in result.stderr
    assert not (workdir / "out").exists()
