"""Start-up cost: `persona --help` and `--version` against `python -c "import typer"`.

    python bench/startup.py [--repeat 20]

Target (issue 2): at most 1.3x the time of importing typer alone, which needs the root
command to import none of pydantic, ruamel.yaml, jinja2, git (and rich, for plain help).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import timed, tool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    persona = tool("persona")
    baseline = timed([sys.executable, "-c", "import typer"], repeat=args.repeat)
    results = {
        "persona --help": timed([persona, "--help"], repeat=args.repeat),
        "persona --version": timed([persona, "--version"], repeat=args.repeat),
    }
    print(f"median of {args.repeat} runs each")
    print(f"python -c 'import typer': {baseline * 1000:6.1f} ms")
    for name, seconds in results.items():
        print(
            f"{name + ':':<26}{seconds * 1000:6.1f} ms  ratio {seconds / baseline:.2f}x "
            "(target <= 1.3x)"
        )


if __name__ == "__main__":
    main()
