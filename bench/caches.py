"""Do the two caches earn their keep? Each command that uses one, timed with the cache cold,
warm and disabled, on the examples and on a generated set, in one run.

    python bench/caches.py [--count 1000] [--changed 100] [--repeat 5]

The caches:
- the parse cache of `persona diff`, in `.git/persona-cli/`: parses kept by git blob id, so
  a second look at the same revisions reads no YAML. Timed on `persona diff A B`.
- the template bytecode cache of `persona render`, in `$XDG_CACHE_HOME/persona-cli/`:
  compiled Jinja templates, so a run does not compile the built-in set again. Timed on
  `persona render --team all --check` (it renders every briefing and writes nothing, so the
  disk's file creation, see render_vs_lint.py, stays out of the figure).

Modes: disabled (`PERSONA_CLI_NO_CACHE=1`, the switch both caches honour), cold (the cache
is on but its folder is deleted before each run: the first run after a clone or an upgrade,
which also pays for writing the cache), warm (the cache holds what the run needs). The modes
are alternated run by run, so that a machine speeding up or slowing down weighs on all alike.

The example set is the 7 example personas (all edited between A and B for the diff); the
generated set is `--count` personas with `--changed` of them edited and as many reformatted
(the history of diff_vs_git_diff.py). Render's cache goes to a folder of this run, never the
user's.
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
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, generate, tool
from diff_vs_git_diff import _edit
from diff_vs_git_diff import build as build_history

MODES = ("disabled", "cold", "warm")
NO_CACHE = "PERSONA_CLI_NO_CACHE"


class Times(NamedTuple):
    """Seconds of one run (or the medians of several): wall clock, and CPU in user and
    kernel mode of the command and its workers, which a busy machine disturbs less."""

    wall: float
    cpu: float


def run_once(command: list[str], env: dict[str, str], expect: int = 0) -> Times:
    """One run; fails loudly on a wrong exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != expect:
        sys.exit(f"{' '.join(command)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return Times(elapsed, cpu)


def measure(command: list[str], cache: Path, env: dict[str, str], repeat: int) -> dict[str, Times]:
    """Median seconds of `command` per mode; `cache` is the folder the cache lives in."""
    disabled = {**env, NO_CACHE: "1"}
    enabled = {k: v for k, v in env.items() if k != NO_CACHE}

    def cold() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    setups: dict[str, tuple[Callable[[], None], dict[str, str]]] = {
        "disabled": (lambda: None, disabled),
        "cold": (cold, enabled),
        "warm": (lambda: None, enabled),
    }
    run_once(command, enabled)  # fills the cache for the first warm run
    times: dict[str, list[Times]] = {mode: [] for mode in MODES}
    for _ in range(repeat):
        for mode in ("warm", "disabled", "cold"):  # warm first: cold empties the cache
            setup, mode_env = setups[mode]
            setup()
            times[mode].append(run_once(command, mode_env))
        run_once(command, enabled)  # refills it after the cold run
    return {
        mode: Times(
            statistics.median(run.wall for run in runs), statistics.median(run.cpu for run in runs)
        )
        for mode, runs in times.items()
    }


def example_history(repo: Path) -> None:
    """Commit A: the example personas; commit B: every one of them edited."""
    (repo / "personas").mkdir(parents=True)
    for source in sorted((ROOT / "examples" / "personas").glob("*.yaml")):
        (repo / "personas" / source.name).write_text(source.read_text("utf-8"), "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "A", date="2026-01-01T12:00:00+00:00")
    for index, path in enumerate(sorted((repo / "personas").glob("*.yaml"))):
        path.write_text(_edit(path.read_text("utf-8"), index), "utf-8")
    git(repo, "commit", "-q", "-am", "B", date="2026-01-02T12:00:00+00:00")


def git(repo: Path, *args: str, date: str = "2026-01-01T12:00:00+00:00") -> None:
    identity = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com"}
    identity |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com"}
    env = {**os.environ, **identity, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def report(title: str, figures: dict[str, Times]) -> None:
    base = figures["disabled"]
    print(title)
    for mode in MODES:
        run = figures[mode]
        print(
            f"  {mode + ':':10} {run.wall:7.3f} s = {run.wall / base.wall:5.2f}x disabled"
            f"   (CPU {run.cpu:7.3f} s = {run.cpu / base.cpu:5.2f}x)"
        )
    saved = base.cpu - figures["warm"].cpu
    extra = figures["cold"].cpu - base.cpu
    print(
        f"  CPU: warm saves {saved * 1000:.0f} ms a run ({saved / base.cpu:.0%}); "
        f"a cold run costs {extra * 1000:+.0f} ms ({extra / base.cpu:+.0%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    persona = tool("persona")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "NO_COLOR": "1",
            "XDG_CACHE_HOME": str(root / "xdg-cache"),  # never the user's cache
        }
        os.environ.update({k: v for k, v in env.items() if k.startswith("GIT_")})
        templates = root / "xdg-cache" / "persona-cli"
        figures: list[tuple[str, dict[str, Times]]] = []

        examples = root / "examples"
        example_history(examples)
        diff = [persona, "diff", "HEAD~1", "HEAD"]
        os.chdir(examples)
        figures.append(
            (
                "persona diff A B, 7 example personas all edited (parse cache)",
                measure(diff, examples / ".git" / "persona-cli", env, args.repeat),
            )
        )
        out = root / "example-briefings"
        render = [persona, "render", "--team", "all", "--no-age", "personas", "--out", str(out)]
        run_once(render, env)
        figures.append(
            (
                "persona render --team all --check, 7 example personas (bytecode cache)",
                measure([*render, "--check"], templates, env, args.repeat),
            )
        )

        generated = root / "generated"
        build_history(generated, args.count, args.changed)
        os.chdir(generated)
        figures.append(
            (
                f"persona diff A B, {args.count} personas, {args.changed} edited and "
                f"{args.changed} reformatted (parse cache)",
                measure(diff, generated / ".git" / "persona-cli", env, args.repeat),
            )
        )
        folder = root / "set"
        folder.mkdir()
        generate(folder, args.count)
        out = root / "briefings"
        render = [persona, "render", "--team", "all", "--no-age", str(folder), "--out", str(out)]
        run_once(render, env)
        figures.append(
            (
                f"persona render --team all --check, {args.count} personas (bytecode cache)",
                measure([*render, "--check"], templates, env, args.repeat),
            )
        )
        os.chdir(ROOT)
    print(f"median of {args.repeat} runs per mode, modes alternated")
    for title, numbers in figures:
        report(title, numbers)


if __name__ == "__main__":
    main()
