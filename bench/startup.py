"""Start-up cost: `persona --help` and `--version` against `python -c "import typer"`.

    python bench/startup.py [--repeat 30]

Target (issue 2): at most 1.3x the time of importing typer alone, which needs the root
command to import none of pydantic, ruamel.yaml, jinja2, git (and rich, for plain help).
The commands run interleaved so that background load hits them alike. Two figures: the
median CPU time (user + system) of the process, which scheduling noise on a busy machine
barely moves, and the best wall time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import tool

BASELINE = "python -c 'import typer'"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    persona = tool("persona")
    commands = {
        BASELINE: [sys.executable, "-c", "import typer"],
        "persona --help": [persona, "--help"],
        "persona --version": [persona, "--version"],
    }
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, command in commands.items():
            seconds, used = _run(command)
            wall[name].append(seconds)
            cpu[name].append(used)
    cpu_mid = {name: statistics.median(times) for name, times in cpu.items()}
    wall_best = {name: min(times) for name, times in wall.items()}
    print(f"{args.repeat} interleaved runs each: median CPU time, best wall time")
    for name in commands:
        line = f"{name + ':':<28}{cpu_mid[name] * 1000:6.1f} ms CPU "
        line += f"{wall_best[name] * 1000:7.1f} ms wall"
        if name != BASELINE:
            line += (
                f"  ratio {cpu_mid[name] / cpu_mid[BASELINE]:.2f}x CPU, "
                f"{wall_best[name] / wall_best[BASELINE]:.2f}x wall (target <= 1.3x)"
            )
        print(line)


def _run(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, used


if __name__ == "__main__":
    main()
