"""One way to spread CPU-bound per-file work over the cores: forked worker processes.

Parsing YAML and rendering templates are pure Python, so threads would not help. Workers are
forked, not spawned: they inherit the imported model, parser and compiled templates, and the
work itself (a function and its items, set just before the fork) instead of unpickling them.
Only the results travel back. Small batches run in-process, where a pool costs more than it
saves. Used by lint, diff and render alike.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

#: Below this many items a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 48

T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def forked_map(
    function: Callable[[T], R], items: Sequence[T], *, jobs: int | None = None
) -> list[R]:
    """`[function(item) for item in items]`, in order, on `jobs` processes (default: one per
    core) when there are at least PARALLEL_THRESHOLD items."""
    workers = min(jobs or cores(), -(-len(items) // (PARALLEL_THRESHOLD // 2)) or 1)
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD or os.name != "posix":
        return [function(item) for item in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK  # noqa: PLW0603 - handed to forked workers, never read elsewhere
    _WORK = (function, items)
    size = -(-len(items) // (workers * 4))
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = [
                pool.submit(_run_slice, start, min(start + size, len(items)))
                for start in range(0, len(items), size)
            ]
            return [result for future in futures for result in future.result()]
    finally:
        _WORK = None


def _run_slice(start: int, stop: int) -> list[Any]:
    assert _WORK is not None
    function, items = _WORK
    return [function(items[index]) for index in range(start, stop)]
