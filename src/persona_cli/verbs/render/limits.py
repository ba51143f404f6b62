"""Bounds on what a template may use while briefings render: memory (an address-space soft
limit) and seconds per briefing (SIGALRM). Templates are code a repository ships, run on
every CI build; a runaway one must fail with its file and line, not hang or exhaust the
machine.

Read `TEMPLATE_SECONDS` and `TEMPLATE_MEMORY` through this module (`limits.TEMPLATE_SECONDS`)
where a message quotes them, so the figure quoted is the one in force.
"""

from __future__ import annotations

import contextlib
import os
import signal
import types
from collections.abc import Callable, Iterator

#: What one template may use beyond what the process held when rendering began: address
#: space (an expression such as `"a" * 10**10` fails with MemoryError instead of exhausting
#: the machine) and seconds per briefing (a loop of loops stops).
TEMPLATE_MEMORY = 2 << 30
TEMPLATE_SECONDS = 30.0
#: Set while `limits()` holds: `timer` arms the per-briefing timer only then (forked workers
#: inherit it, the handler and the memory limit; a timer is not inherited, so each arms its own).
_LIMITED = False


class TemplateTimeout(Exception):
    """A briefing's template ran longer than TEMPLATE_SECONDS."""


def _on_alarm(signum: int, frame: types.FrameType | None) -> None:
    raise TemplateTimeout(f"more than {TEMPLATE_SECONDS:g} s")


@contextlib.contextmanager
def limits() -> Iterator[None]:
    """Bound what templates may use while rendering: TEMPLATE_MEMORY more address space (an
    RLIMIT_AS soft limit, restored afterwards) and TEMPLATE_SECONDS per briefing (SIGALRM).
    Best effort: where the platform or thread does not allow it, rendering runs unbounded."""
    global _LIMITED  # noqa: PLW0603 - read by timer in this process and forked workers
    if _LIMITED:
        yield
        return
    restore_memory = _limit_memory()
    try:
        previous = signal.signal(signal.SIGALRM, _on_alarm)
    except (ValueError, AttributeError, OSError):  # not the main thread, or no SIGALRM
        previous = None
    _LIMITED = previous is not None
    try:
        yield
    finally:
        _LIMITED = False
        if previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        restore_memory()


def _limit_memory() -> Callable[[], None]:
    """Lower the address-space soft limit to what the process maps now plus TEMPLATE_MEMORY;
    returns how to put it back."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", "rb") as statm:  # noqa: PTH123 - one read, no Path
            mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        wanted = mapped + TEMPLATE_MEMORY
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft != resource.RLIM_INFINITY and soft <= wanted:
            return lambda: None  # already as tight
        resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    except (ImportError, OSError, ValueError):
        return lambda: None
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@contextlib.contextmanager
def timer() -> Iterator[None]:
    """TEMPLATE_SECONDS for what runs inside, while `limits()` holds (else unbounded)."""
    if not _LIMITED:
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, TEMPLATE_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
