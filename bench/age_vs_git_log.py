"""Benchmark: `persona age` against the naive `git log -1 --format=%ct -- FILE` loop.

Generates a repository of 1,000 personas and 10,000 commits with `git fast-import` (pinned
dates, so every run builds the same history): mostly real content edits, some reformat-only
commits (a comment changes, the meaning does not) and some renames across folders. Then times,
in one run and as the median of three, `persona age` (one streamed `git log`, semantic
comparison of every version it reads) against one `git log -1` per file, the loop a shell
script would write, which knows nothing about meaning. Target: at most 0.2x.

    .venv/bin/python bench/age_vs_git_log.py [--personas N] [--commits N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import generate, tool

#: Share of commits after the first that are real edits, reformat-only, renames.
REAL, REFORMAT = 0.82, 0.12
START = 1_700_000_000  # 2023-11-14, pinned
STEP = 3_600  # one commit an hour
TIMEZONES = ("+0000", "+0900", "-0700", "+0530")
TARGET = 0.2
GIT_ENV_CONFIG = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _edit(text: str, revision: int, rng: random.Random) -> str:
    """A change of meaning: a new pain, or a renamed persona."""
    if rng.random() < 0.5:
        pain = f"pains:\n  - Pain found in revision {revision}\n"
        return re.sub(r"^pains:\n", pain, text, count=1, flags=re.M)
    name = rf"name: \1 [rev {revision}]"
    return re.sub(r"^name: (.*?)( \[rev \d+\])?$", name, text, count=1, flags=re.M)


def _reformat(text: str, revision: int) -> str:
    """A change of bytes only: the comment on the first line."""
    lines = text.split("\n", 1)
    return (
        f"# reformatted in revision {revision}\n{lines[1] if lines[0].startswith('# ') else text}"
    )


def build(repo: Path, *, personas: int, commits: int, seed: int = 7) -> dict[str, str]:
    """Write the history with one `git fast-import` process. Returns what `persona age` must
    find: each persona's id -> the UTC day of its last real edit (or of its creation)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as scratch:
        sources = generate(Path(scratch), personas)
        texts = [source.read_text(encoding="utf-8") for source in sources]
        names = [source.name for source in sources]
    paths = [f"personas/team-{index % 10}/{name}" for index, name in enumerate(names)]
    changed = [START + STEP] * personas
    env = {**GIT_ENV_CONFIG}
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True, env=env)
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet"], cwd=repo, stdin=subprocess.PIPE, env=env
    )
    assert importer.stdin is not None
    out = importer.stdin
    for number in range(1, commits + 1):
        when = START + number * STEP
        zone = TIMEZONES[number % len(TIMEZONES)]
        files: list[bytes] = []
        if number == 1:
            message = f"Add {personas} personas"
            files = [
                b"M 100644 inline %s\n%s" % (p.encode(), _data(t.encode()))
                for p, t in zip(paths, texts, strict=True)
            ]
        else:
            index = rng.randrange(personas)
            roll = rng.random()
            if roll < REAL:
                texts[index] = _edit(texts[index], number, rng)
                changed[index] = when
                message = f"Refresh {names[index]} from interviews"
            elif roll < REAL + REFORMAT:
                texts[index] = _reformat(texts[index], number)
                message = f"Reformat {names[index]}"
            else:
                old = paths[index]
                paths[index] = f"personas/team-{rng.randrange(10)}-{number}/{names[index]}"
                files.append(b"D %s\n" % old.encode())
                message = f"Move {names[index]}"
            files.append(
                b"M 100644 inline %s\n%s" % (paths[index].encode(), _data(texts[index].encode()))
            )
        header = (
            b"commit refs/heads/main\nmark :%d\ncommitter Bench <bench@example.com> %d %s\n"
            % (
                number,
                when,
                zone.encode(),
            )
        )
        out.write(header + _data(message.encode()))
        if number > 1:
            out.write(b"from :%d\n" % (number - 1))
        out.writelines(files)
        out.write(b"\n")
    out.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=repo, check=True, env=env)
    return {
        Path(name).stem: dt.datetime.fromtimestamp(moment, dt.UTC).date().isoformat()
        for name, moment in zip(names, changed, strict=True)
    }


def naive_loop(repo: Path) -> list[str]:
    """The shell loop: one `git log -1` per persona file."""
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "personas").rglob("*.yaml"))
    script = 'for f in "$@"; do git log -1 --format=%ct -- "$f"; done'
    return ["sh", "-c", script, "naive", *files]


def _once(command: list[str], cwd: Path) -> float:
    env = {**os.environ, **GIT_ENV_CONFIG}
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{command[0]} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return elapsed


def check(command: list[str], repo: Path, expected: dict[str, str]) -> None:
    """The benchmark is only fair if the answer is right: every persona's last_changed must be
    its last real edit, through the reformat-only commits and the renames."""
    proc = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=True)
    found = {row["id"]: row["last_changed"] for row in json.loads(proc.stdout)["personas"]}
    wrong = sorted(ident for ident, day in expected.items() if found.get(ident) != day)
    print(f"last_changed right for {len(expected) - len(wrong)} of {len(expected)} personas")
    if wrong:
        sys.exit(
            f"wrong last_changed, e.g. {wrong[0]}: {found.get(wrong[0])} != {expected[wrong[0]]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--personas", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the repository here (or reuse it)")
    args = parser.parse_args()
    persona = tool("persona")
    scratch = Path(tempfile.mkdtemp(prefix="persona-age-bench-"))
    repo = args.keep.resolve() if args.keep else scratch / "repo"
    try:
        expected: dict[str, str] = {}
        if not (repo / ".git").exists():
            started = time.perf_counter()
            expected = build(repo, personas=args.personas, commits=args.commits)
            print(
                f"generated {args.personas} personas and {args.commits} commits "
                f"in {time.perf_counter() - started:.1f}s"
            )
        ours_command = [persona, "age", "personas", "--now", "2025-06-01", "--format", "json"]
        theirs_command = naive_loop(repo)
        if expected:
            check(ours_command, repo, expected)
        # Interleaved, so that a slow moment of the machine hits both sides alike.
        ours: list[float] = []
        theirs: list[float] = []
        for _ in range(args.repeat):
            ours.append(_once(ours_command, repo))
            theirs.append(_once(theirs_command, repo))
        mine, loop = statistics.median(ours), statistics.median(theirs)
        print(f"persona age (semantic, one git log):  {mine:6.2f}s  (median of {args.repeat})")
        print(f"git log -1 --format=%ct per file:     {loop:6.2f}s  (median of {args.repeat})")
        verdict = "ok" if mine / loop <= TARGET else "OVER TARGET"
        print(f"ratio: {mine / loop:.2f}x (target <= {TARGET}x) {verdict}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
