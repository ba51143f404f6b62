"""Regenerate the briefing golden files: `make golden` (or `python -m tests.regenerate_golden`).

The goldens are every built-in team's briefings for `examples/personas` and the sales
committee briefing of each example segment (`examples/segments`), as Markdown and, under
`html/`, as the pages of `--format html`, rendered with a pinned date, without git ages and
without custom templates, so they only change when a template, the renderer or an example
changes. Review the diff before committing it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from persona_cli.io.ownership import RECORD

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
NOW = "2026-11-22"


def render_golden(out: Path) -> None:
    """Render into `out` from an empty working directory (no config, no templates/): the
    Markdown briefings, and the same briefings as HTML pages under `out/html/`."""
    _render(out)
    _render(out / "html", "--format", "html")


def _render(out: Path, *options: str) -> None:
    from tests.conftest import cli

    with tempfile.TemporaryDirectory() as empty:
        result = cli(
            "render",
            "--team",
            "all",
            *options,
            "--out",
            out,
            "--now",
            NOW,
            "--no-age",
            ROOT / "examples" / "personas",
            cwd=Path(empty),
        )
        if result.exit_code == 0:
            # Committee briefings for the example segments (examples/segments, found beside
            # examples/personas): sales/segments/<id>.md.
            result = cli(
                "render",
                "--team",
                "sales",
                "--segment",
                "all",
                *options,
                "--out",
                out,
                "--now",
                NOW,
                ROOT / "examples" / "personas",
                cwd=Path(empty),
            )
    if result.exit_code != 0:
        raise SystemExit(f"persona render failed ({result.exit_code}): {result.stderr}")
    # The goldens are the briefings; the record of what render wrote (its hashes change
    # with every briefing) is tested in tests/test_output_ownership.py.
    (out / RECORD).unlink(missing_ok=True)


def main() -> None:
    from tests.cli_golden import write_cli_goldens

    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    render_golden(GOLDEN)
    write_cli_goldens(GOLDEN / "cli")  # persona show and persona list (tests/cli_golden.py)
    count = sum(1 for path in GOLDEN.rglob("*") if path.is_file())
    print(f"wrote {count} golden files under {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
