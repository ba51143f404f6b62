"""How a command's failure becomes one line on stderr and an exit code.

Standard library only (no typer), so that a command answered before typer starts
(`persona textconv FILE`) fails the way every other command does.
"""

from __future__ import annotations

import errno
import sys

from persona_cli.domain.errors import ExitCode, PersonaError


class State:
    """Global options, set by the root callback."""

    debug = False


def error(message: str) -> None:
    """One line on stderr, prefixed like every other message of the tool; a hidden character
    quoted from a file or an argument shows as `<U+202E>`."""
    from persona_cli.domain.hidden import reveal

    sys.stderr.write(f"persona: error: {reveal(message)}\n")


def exit_code(failure: BaseException) -> int:
    """The exit code for a failure a command did not handle, after saying what went wrong:
    a domain error's own code, 130 for an interrupt, 0 for a closed pipe (the reader stopped
    early), 2 for a limit of the environment or a path the system refuses, else 3 (a bug)."""
    if isinstance(failure, PersonaError):
        if State.debug:
            _traceback(failure)
        error(str(failure))
        return int(failure.exit_code)
    if isinstance(failure, KeyboardInterrupt):
        error("interrupted")
        return 130
    if isinstance(failure, BrokenPipeError):
        return int(ExitCode.OK)
    if State.debug:
        _traceback(failure)
    if isinstance(failure, OSError) and failure.errno in _LIMITS:
        # A limit of the environment (ulimit -n), not a bug: say how to lift it.
        error(
            f"{failure.strerror}: the limit on open files is too low for this run; "
            "raise it (ulimit -n 1024) and run the command again"
        )
        return int(ExitCode.USAGE)
    problem = _path_problem(failure)
    if problem is not None:  # the system refuses a path: an input error, not a bug
        error(f"{problem}; fix the path (or the link), or pass another one")
        return int(ExitCode.USAGE)
    error(
        f"internal error: {type(failure).__name__}: {failure} "
        "(this is a bug in persona-cli; rerun with --debug for the traceback "
        "and report it)"
    )
    return int(ExitCode.INTERNAL)


def _traceback(failure: BaseException) -> None:
    """`--debug`: the traceback (the module is imported here: a run that does not fail with
    --debug never needs it, and `persona textconv` starts once per blob)."""
    import traceback

    traceback.print_exception(failure)


#: errno values of a process or the system out of file descriptors.
_LIMITS = (errno.EMFILE, errno.ENFILE)


def _path_problem(failure: BaseException) -> str | None:
    """`PATH: what is wrong` when `failure` is the system refusing a path (a name too long,
    a symlink loop, no permission, a file where a folder should be), else None."""
    if isinstance(failure, OSError) and failure.filename is not None:
        refused = (
            *(errno.ENAMETOOLONG, errno.ELOOP, errno.EACCES, errno.EPERM, errno.EROFS),
            *(errno.ENOTDIR, errno.EISDIR),
        )
        if failure.errno in refused:
            return f"{failure.filename}: {failure.strerror}"
    if isinstance(failure, RuntimeError) and str(failure).startswith("Symlink loop from "):
        return f"{str(failure).removeprefix('Symlink loop from ').strip(chr(39))}: symlink loop"
    return None
