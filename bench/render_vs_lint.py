"""`persona render --team all` against `persona lint` on the same generated personas, in one run.

    python bench/render_vs_lint.py [--count 1000] [--repeat 3]

Target (issue 5): rendering every built-in team's briefings for 1,000 personas takes at most
1.5x the time of linting them. The personas sit in a temp folder outside git, so neither
command reads history.

Every render run writes into a new, empty output folder, and no folder is deleted until all
runs are timed. Deleting the previous run's 4,290 files just before the next run (as this
script once did) measures the disk, not the tool: on an ext4 file system without a journal,
as on the machines this project is benchmarked on, the kernel skips every inode deleted in
the last 30 to 300 seconds when it creates a file (`recently_deleted` in `find_inode_bit`;
`perf record` shows it taking 60% of such a run). File creation then costs up to 15x more,
and the render looked 2.3x to 3.6x slower than lint for that reason alone.

That state lasts about a minute after a deletion (six when the deleted inodes are not yet
written back), so before timing anything the script syncs and probes how fast the disk
creates files, waiting until it is calm (at most two minutes). The same run also times plain
Python writing the same files into a fresh folder: the disk's own floor for creating them,
printed so that a slow disk shows as such.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import generate, timed, tool


def fresh(command: list[str]) -> float:
    """Wall time of one run (the command writes into an output folder that does not exist)."""
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"persona render exited {proc.returncode}:\n{proc.stderr}")
    return elapsed


def plain_copy(source: Path, target: Path) -> float:
    """Wall time of writing every file under `source` again under `target` with plain Python
    (open, write, close; no temp file, no rename): the disk's floor for creating them."""
    files = [(path.relative_to(source), path.read_bytes()) for path in source.rglob("*.md")]
    start = time.perf_counter()
    for relative, data in files:
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            stream.write(data)
    return time.perf_counter() - start


#: Creating one empty file on a calm disk takes about 30 microseconds here; 100 means a
#: backlog of recently deleted inodes.
CALM_SECONDS_PER_FILE = 100e-6


def settle(folder: Path, *, attempts: int = 8, pause: float = 15.0) -> float:
    """Sync, then time creating 500 empty files (in new folders, kept until the end: deleting
    them would start the very backlog this waits out) until it is fast; seconds per file."""
    per_file = 0.0
    for attempt in range(attempts):
        os.sync()
        probe = folder / f"probe-{attempt}"
        probe.mkdir(parents=True)
        start = time.perf_counter()
        for index in range(500):
            (probe / f"{index}.md").touch()
        per_file = (time.perf_counter() - start) / 500
        if per_file < CALM_SECONDS_PER_FILE:
            break
        print(f"disk busy ({per_file * 1e6:.0f} us per new file); waiting {pause:.0f} s")
        time.sleep(pause)
    return per_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        per_file = settle(Path(tmp) / "probes")
        folder = Path(tmp) / "personas"
        folder.mkdir()
        generate(folder, args.count)
        os.sync()
        render = [tool("persona"), "render", "--team", "all", str(folder), "--out"]
        runs = [fresh([*render, str(Path(tmp) / f"briefings-{run}")]) for run in range(args.repeat)]
        rendered = statistics.median(runs)
        first = Path(tmp) / "briefings-0"
        files = sum(1 for _ in first.rglob("*.md"))
        floor = plain_copy(first, Path(tmp) / "plain")
        linted = timed([tool("persona"), "lint", str(folder)], repeat=args.repeat)
    print(f"personas: {args.count}, briefing files: {files}, median of {args.repeat} runs each")
    print(f"disk before timing: {per_file * 1e6:.0f} us per new empty file")
    each = ", ".join(f"{run:.2f}" for run in runs)
    print(f"persona render --team all: {rendered:7.3f} s (runs: {each})")
    print(f"persona lint:              {linted:7.3f} s")
    print(f"plain Python writing the same {files} files: {floor:.3f} s (the disk's floor)")
    print(f"ratio render/lint: {rendered / linted:.2f}x (target <= 1.5x)")
    if floor > 0.25 * rendered:
        print(
            "note: creating files is slow on this disk right now (recently deleted files on an "
            "ext4 file system without a journal?); wait a few minutes and run again",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()
