"""`persona render --team all` against `persona lint` on the same generated personas, in one run.

    python bench/render_vs_lint.py [--count 1000] [--repeat 5]

Target (issue 5): rendering every built-in team's briefings for 1,000 personas takes at most
1.5x the time of linting them. Neither command reads history: the personas sit in a temp
folder in the project's ignored `out/`, and render runs with `--no-age` (outside a git
repository it would not read history either).

Every render run writes into a new, empty output folder, and no folder is deleted until all
runs are timed. Deleting the previous run's 4,290 files just before the next run (as this
script once did) measures the disk, not the tool: on an ext4 file system without a journal,
as on the machines this project is benchmarked on, the kernel skips every inode deleted in
the last 30 to 300 seconds when it creates a file (`recently_deleted` in `find_inode_bit`;
`perf record` shows it taking 60% of such a run). File creation then costs up to 15x more,
and the render looked 2.3x to 3.6x slower than lint for that reason alone.

The personas and briefings go under the project's `out/bench/` (git ignores `out/`), where
users write their briefings, not under /tmp, where every test run deletes its files; each
run gets a folder of its own, placed away from the files the last run freed (see
`scratch_folder`). The same run also times plain Python writing the same files into a fresh
folder: the disk's own floor for creating them, printed so that a slow disk shows as such.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, generate, timed, tool


def fresh(command: list[str]) -> float:
    """Wall time of one run (the command writes into an output folder that does not exist);
    prints its CPU time in user and kernel mode, which tells a slow disk from slow code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"persona render exited {proc.returncode}:\n{proc.stderr}")
    user, kernel = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    print(f"  render run: {elapsed:.2f} s wall, CPU {user:.2f} s user + {kernel:.2f} s kernel")
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


def scratch_folder(root: Path) -> Path:
    """A new folder for this run under `root`, after removing the last runs' folders.

    `root` gets the ext4 "top of directory hierarchy" flag (`chattr +T`, best effort), so the
    kernel places each run's folder in a block group of its own, as it does for top-level
    folders, instead of beside the last run's: the inodes that run freed are then not in the
    way of this one (see above). Kept after the run; `make clean` removes them.
    """
    root.mkdir(parents=True, exist_ok=True)
    chattr = shutil.which("chattr")
    if chattr:
        subprocess.run([chattr, "+T", str(root)], capture_output=True, check=False)
    for old in root.glob("render-*"):
        shutil.rmtree(old, ignore_errors=True)
    folder = root / f"render-{time.time_ns()}"
    folder.mkdir()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    # Inside the project, where users write their briefings: /tmp is where every test run
    # on the machine deletes its files.
    scratch = scratch_folder(ROOT / "out" / "bench")
    folder = scratch / "personas"
    folder.mkdir()
    generate(folder, args.count)
    os.sync()
    render = [tool("persona"), "render", "--team", "all", "--no-age", str(folder), "--out"]
    lint = [tool("persona"), "lint", str(folder)]
    # Alternated, so that the machine speeding up or slowing down weighs on both alike.
    runs: list[float] = []
    lints: list[float] = []
    for run in range(args.repeat):
        lints.append(timed(lint, repeat=1))
        runs.append(fresh([*render, str(scratch / f"briefings-{run}")]))
    rendered, linted = statistics.median(runs), statistics.median(lints)
    first = scratch / "briefings-0"
    files = sum(1 for _ in first.rglob("*.md"))
    floor = plain_copy(first, scratch / "plain")
    print(f"personas: {args.count}, briefing files: {files}, median of {args.repeat} runs each")
    print(f"persona render --team all: {rendered:7.3f} s (runs: {_list(runs)})")
    print(f"persona lint:              {linted:7.3f} s (runs: {_list(lints)})")
    print(f"plain Python writing the same {files} files: {floor:.3f} s (the disk's floor)")
    print(f"ratio render/lint: {rendered / linted:.2f}x (target <= 1.5x)")
    if floor > 0.25 * rendered:
        print(
            "note: creating files was slow on this disk during the run (files deleted in the "
            "last minutes by something else?); run again when the machine is idle",
            file=sys.stderr,
        )


def _list(times: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in times)


if __name__ == "__main__":
    main()
