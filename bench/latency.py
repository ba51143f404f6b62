"""Interactive latency: each everyday command against a bare `python -c "import typer"`.

    python bench/latency.py [--repeat 15] [--module]

By default it runs the installed `persona` console script (what users run). `--module` runs
`python -m persona_cli` instead, which honours PYTHONPATH: the way to measure a checkout's
sources when the installed package points elsewhere.

A persona is linted after each edit, by pre-commit on each commit, by an editor on each save,
and git runs `persona textconv` once per blob; each pays the whole start-up. This prints the
latency table of issue 16: the seven examples in a fresh git repository (two commits, so
`diff HEAD~1 HEAD` has a change), every command run alternately with the baseline so that
background load hits them alike, medians of wall and CPU time (user + system), and the ratio
to the baseline with the target. Below the commands, the floors: the libraries a command
stands on, imported with no work done (pydantic with the persona model built is what every
validating command pays before reading a file), to read the targets against. Not a timed
test: a figure to read, never a pass or fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, tool

BASELINE = 'python -c "import typer"'
PINNED = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "COLUMNS": "100",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--module",
        action="store_true",
        help="run `python -m persona_cli` (honours PYTHONPATH) instead of the console script",
    )
    args = parser.parse_args()
    persona = [sys.executable, "-m", "persona_cli"] if args.module else [tool("persona")]
    env = {**os.environ, **PINNED}
    env.pop("CI", None)
    env.pop("GITHUB_ACTIONS", None)
    # An installed package has its bytecode compiled; a shell that forbids writing it would
    # have every run compile the checkout's changed modules again (tens of milliseconds).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="persona-latency-") as scratch:
        repo = Path(scratch)
        _repository(repo, env)
        one = "personas/cfo-mid-market.yaml"
        # (label, argv, accepted exit codes, target ratio)
        rows: list[tuple[str, list[str], set[int], float]] = [
            (f"persona lint {one}", [*persona, "lint", one], {0, 1}, 2.0),
            ("persona lint personas (7 files)", [*persona, "lint", "personas"], {0, 1}, 2.0),
            ("persona show cfo-mid-market", [*persona, "show", "cfo-mid-market"], {0}, 2.0),
            ("persona list", [*persona, "list", "personas"], {0}, 2.0),
            ("persona age", [*persona, "age", "personas"], {0, 1}, 2.0),
            ("persona diff HEAD~1 HEAD", [*persona, "diff", "HEAD~1", "HEAD"], {0, 1}, 2.0),
            (f"persona textconv {one}", [*persona, "textconv", one], {0}, 1.0),
        ]
        baseline = [sys.executable, "-c", "import typer"]
        # What no persona command can go below, whatever it does: the libraries it stands
        # on, imported and (for the model) built, with no file read. Printed for reading the
        # targets against, not judged.
        floors: list[tuple[str, list[str]]] = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            (
                "import ruamel.yaml (textconv's parser)",
                [sys.executable, "-c", "import ruamel.yaml"],
            ),
            (
                "import pydantic (BaseModel)",
                [sys.executable, "-c", "from pydantic import BaseModel"],
            ),
            ("import GitPython", [sys.executable, "-c", "import git"]),
            ("import rich.console", [sys.executable, "-c", "import rich.console"]),
            (
                "the persona model built (every validating command)",
                [sys.executable, "-c", _MODEL_FLOOR],
            ),
        ]
        rows.extend((f"floor: {label}", command, {0}, 0.0) for label, command in floors)
        for _, command, accepted, _ in rows:  # warm the file cache and check each runs
            _run(command, repo, env, accepted)
        wall: dict[str, list[float]] = {label: [] for label, *_ in rows}
        cpu: dict[str, list[float]] = {label: [] for label, *_ in rows}
        base_wall: list[float] = []
        base_cpu: list[float] = []
        for _ in range(args.repeat):
            for label, command, accepted, _ in rows:
                seconds, used = _run(baseline, repo, env, {0})
                base_wall.append(seconds)
                base_cpu.append(used)
                seconds, used = _run(command, repo, env, accepted)
                wall[label].append(seconds)
                cpu[label].append(used)
    base_w, base_c = statistics.median(base_wall), statistics.median(base_cpu)
    runner = "python -m persona_cli" if args.module else "the persona console script"
    print(f"{args.repeat} alternating runs each ({runner}); medians. {BASELINE}: ", end="")
    print(f"{base_w * 1000:.0f} ms wall, {base_c * 1000:.0f} ms CPU")
    print()
    print("| command | wall | ratio (wall) | ratio (CPU) | target |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, _, _, target in rows:
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        met = "met" if w / base_w <= target else "MISSED"
        judged = f"<= {target:g}x ({met})" if target else "floor, not judged"
        print(
            f"| `{label}` | {w * 1000:,.0f} ms | {w / base_w:.2f}x | {c / base_c:.2f}x | {judged} |"
        )


#: Importing the persona model and building its validator, as a validating command does
#: before reading a file (with pydantic's plugin scan off, as `persona` runs it).
_MODEL_FLOOR = (
    "import os; os.environ.setdefault('PYDANTIC_DISABLE_PLUGINS', '__all__'); "
    "import persona_cli.domain.model"
)


def _repository(repo: Path, env: dict[str, str]) -> None:
    """The examples in a git repository: one commit as they are, one that edits a persona."""
    folder = repo / "personas"
    shutil.copytree(ROOT / "examples" / "personas", folder)
    _git(repo, env, "init", "-q", "-b", "main")
    _git(repo, env, "add", "-A")
    _git(repo, env, "commit", "-q", "-m", "examples", env_date="2026-01-01T12:00:00")
    target = folder / "cfo-mid-market.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("\nname: ", "\nname: Renamed ", 1), encoding="utf-8")
    _git(repo, env, "commit", "-q", "-am", "rename", env_date="2026-02-01T12:00:00")


def _git(repo: Path, env: dict[str, str], *args: str, env_date: str | None = None) -> None:
    dated = dict(env)
    if env_date is not None:
        dated["GIT_AUTHOR_DATE"] = dated["GIT_COMMITTER_DATE"] = env_date
    subprocess.run(["git", *args], cwd=repo, env=dated, check=True, capture_output=True)


def _run(
    command: list[str], cwd: Path, env: dict[str, str], accepted: set[int]
) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run; fails loudly on a wrong exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in accepted:
        sys.exit(f"{' '.join(command)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, used


if __name__ == "__main__":
    main()
