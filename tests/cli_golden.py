"""The `persona show` and `persona list` goldens: what each is run with, and how.

`make golden` (tests/regenerate_golden.py) writes them under tests/golden/cli/;
tests/test_show_list.py compares. Each command runs in a copy of the examples (plus the
individual profile in tests/fixtures/show/) outside any git repository, with `--no-age`, no
colour and an 80-column console, so a golden changes only when the view or an example does.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "show"

#: golden file name -> `persona` arguments.
CASES: dict[str, tuple[str, ...]] = {
    "show-buyer.txt": ("show", "ciso-risk-averse", "--no-age"),
    "show-internal.txt": ("show", "head-of-sales-enablement", "--no-age"),
    "show-individual.txt": ("show", "carla-at-acme-bank", "--no-age"),
    "show-proto-persona.txt": ("show", "proto-persona", "--no-age"),
    "show-individual.json": ("show", "carla-at-acme-bank", "--no-age", "--format", "json"),
    "list.txt": ("list", "--no-age", "--include-retired"),
    "list.json": ("list", "--no-age", "--format", "json"),
    "list.md": ("list", "--no-age", "--format", "markdown"),
}


@contextmanager
def workspace() -> Iterator[Path]:
    """A temporary folder holding personas/ (the examples, the fixtures and the proto-persona
    example), pinned to 80 columns without colour."""
    saved = {name: os.environ.get(name) for name in ("COLUMNS", "NO_COLOR")}
    os.environ["COLUMNS"] = "80"
    os.environ["NO_COLOR"] = "1"
    try:
        with tempfile.TemporaryDirectory() as temp:
            work = Path(temp)
            personas = work / "personas"
            personas.mkdir()
            for source in [
                *(ROOT / "examples" / "personas").glob("*.yaml"),
                *FIXTURES.glob("*.yaml"),
                ROOT / "examples" / "invalid" / "proto-persona.yaml",
            ]:
                shutil.copyfile(source, personas / source.name)
            yield work
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def outputs() -> dict[str, str]:
    """Every golden's current text (stdout), run in-process."""
    from tests.conftest import cli

    texts: dict[str, str] = {}
    with workspace() as work:
        for name, args in CASES.items():
            result = cli(*args, cwd=work)
            if result.exit_code != 0:
                raise SystemExit(f"persona {' '.join(args)} failed: {result.stderr}")
            texts[name] = result.stdout
    return texts


def write_cli_goldens(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in outputs().items():
        (out / name).write_text(text, encoding="utf-8")
