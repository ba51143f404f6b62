"""`persona lint` against `check-jsonschema` on the same generated personas, in one run.

    python bench/lint_vs_check_jsonschema.py [--count 1000] [--repeat 5]

Target (issue 2): persona lint at most 0.75x check-jsonschema's time on 1,000 files, while
doing more (exact locations, cross-file checks).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, generate, timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "personas"
        folder.mkdir()
        files = generate(folder, args.count)
        persona = [tool("persona"), "lint", str(folder)]
        serial = [*persona, "--jobs", "1"]
        checker = [
            tool("check-jsonschema"),
            "--schemafile",
            str(ROOT / "schemas" / "persona.schema.json"),
            *map(str, files),
        ]
        ours = timed(persona, repeat=args.repeat)
        ours_serial = timed(serial, repeat=args.repeat)
        theirs = timed(checker, repeat=args.repeat)
    print(f"files: {args.count}, median of {args.repeat} runs each")
    print(f"persona lint (all cores):  {ours:7.3f} s")
    print(f"persona lint (--jobs 1):   {ours_serial:7.3f} s")
    print(f"check-jsonschema:          {theirs:7.3f} s")
    print(f"ratio persona/check-jsonschema: {ours / theirs:.2f}x (target <= 0.75x)")
    print(f"ratio single-core/check-jsonschema: {ours_serial / theirs:.2f}x")


if __name__ == "__main__":
    main()
