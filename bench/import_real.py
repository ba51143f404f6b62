"""`persona import` on the real persona sets kept beside the checkout: per source, personas
found, statements, the share placed in a field, in notes and lost (must be 0), and the wall
time of the whole import (read, place, build and check every file; a dry run: nothing is
written). Prints a Markdown table. Sources whose reader is not registered are skipped.

    python bench/import_real.py [--data ../shared/data/real-personas]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "real-personas"

#: (source, reader, paths under the data folder)
SOURCES: list[tuple[str, str, list[str]]] = [
    ("DevRel persona library", "persona-library", ["devrel/data/**/*.json"]),
    ("FinOps personas", "data-list", ["finops-personas.yml"]),
    ("GitLab buyer personas", "markdown-page", ["gitlab-buyer-personas.md"]),
    ("GitLab user personas", "markdown-page", ["gitlab-user-personas.md"]),
    ("18F personas", "markdown-table", ["18f-personas.md"]),
    ("CivicActions (Markdown)", "markdown-file", ["civicactions-personas"]),
    ("CivicActions (HTML)", "html", ["civicactions-personas-html"]),
]


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    from persona_cli.verbs.importing.readers import READERS
    from persona_cli.verbs.importing.run import plan_import

    if not args.data.is_dir():
        sys.exit(f"no real persona data at {args.data}; pass --data")
    rows = [
        "| Source | Format | Personas | Statements | In a field | In notes | Placeholder "
        "| Lost | Time |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    skipped = []
    lost_total = 0
    for name, reader, paths in SOURCES:
        if reader not in READERS:
            skipped.append(f"{name} ({reader}: reader not registered)")
            continue
        with tempfile.TemporaryDirectory() as scratch:
            start = time.perf_counter()
            plan = plan_import(
                [found for path in paths for found in sorted(args.data.glob(path))],
                reader_name=None,
                labels=None,
                out=Path(scratch) / "personas",
                kind=None,
                force=False,
                cwd=Path(scratch),
                today=dt.date.today(),
            )
            elapsed = time.perf_counter() - start
        records = [record for item in plan.personas for record in item.placement.records]
        fields = sum(item.placement.in_fields for item in plan.personas)
        notes = sum(item.placement.in_notes for item in plan.personas)
        placeholder = sum(1 for record in records if record.destination == "placeholder")
        lost = sum(len(item.lost) for item in plan.personas)
        lost_total += lost
        whole = len(records)
        rows.append(
            f"| {name} | {reader} | {len(plan.personas)} | {whole} | {_share(fields, whole)} "
            f"| {_share(notes, whole)} | {_share(placeholder, whole)} | {_share(lost, whole)} "
            f"| {elapsed:.2f} s |"
        )
    print("\n".join(rows))
    if skipped:
        print("\nskipped: " + "; ".join(skipped))
    if lost_total:
        sys.exit(f"{lost_total} statements lost")


if __name__ == "__main__":
    main()
