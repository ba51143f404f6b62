"""Peak memory of `persona lint` as the number of clean files grows.

    python bench/memory.py [--counts 250 1000 4000]

Target (issue 2): memory does not grow with the number of clean files. Each file is reduced
to a small record once checked, so the peak resident set should stay flat; measured with
`--jobs 1` (one process) and with the default worker pool (largest process).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import generate, tool

_PROBE = """
import resource, sys
from persona_cli.cli import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    code = done.code
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
           resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"PEAK_KB {peak}", file=sys.stderr)
"""


def peak_kb(folder: Path, *extra: str) -> int:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "lint", str(folder), *extra],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"persona lint failed:\n{proc.stdout}\n{proc.stderr}")
    line = next(ln for ln in proc.stderr.splitlines() if ln.startswith("PEAK_KB"))
    return int(line.split()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--counts", type=int, nargs="+", default=[250, 1000, 4000])
    args = parser.parse_args()
    tool("persona")
    rows = []
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "personas"
            folder.mkdir()
            generate(folder, count)
            rows.append((count, peak_kb(folder, "--jobs", "1"), peak_kb(folder)))
    print("files   peak RSS --jobs 1   peak RSS (pool, largest process)")
    for count, serial, pooled in rows:
        print(f"{count:>5}   {serial / 1024:10.1f} MiB   {pooled / 1024:10.1f} MiB")
    first, last = rows[0], rows[-1]
    print(
        f"growth {first[0]} -> {last[0]} files: "
        f"{last[1] / first[1]:.2f}x (--jobs 1), {last[2] / first[2]:.2f}x (pool)"
    )


if __name__ == "__main__":
    main()
