"""`persona render --team all` against `persona lint` on the same generated personas, in one run.

    python bench/render_vs_lint.py [--count 1000] [--repeat 3]

Target (issue 5): rendering every built-in team's briefings for 1,000 personas takes at most
1.5x the time of linting them. The personas sit in a temp folder outside git, so neither
command reads history.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import generate, timed, tool


def fresh(command: list[str], out: Path) -> float:
    """Wall time of one run into an empty output folder (removing it is not timed)."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"persona render exited {proc.returncode}:\n{proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "personas"
        folder.mkdir()
        generate(folder, args.count)
        out = Path(tmp) / "briefings"
        render = [tool("persona"), "render", "--team", "all", "--out", str(out), str(folder)]
        lint = [tool("persona"), "lint", str(folder)]
        # A fresh output folder each run: every briefing file is created, none is skipped.
        rendered = statistics.median(fresh(render, out) for _ in range(args.repeat))
        files = sum(1 for path in out.rglob("*.md"))
        linted = timed(lint, repeat=args.repeat)
    print(f"personas: {args.count}, briefing files: {files}, median of {args.repeat} runs each")
    print(f"persona render --team all: {rendered:7.3f} s")
    print(f"persona lint:              {linted:7.3f} s")
    print(f"ratio render/lint: {rendered / linted:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
