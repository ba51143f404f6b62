"""Reading a file only when it is a regular one, and saying why not as a located finding.

A FIFO would block the read until a writer comes, a device can stream without end, and a
symbolic link loop points at no file: each is reported (Y010, Y011; Y001 for anything else
the system refuses) and never opened. A file over the size limit is reported (Y007) and
never read whole. The YAML reader and every command that reads a persona's bytes go
through `read_regular`.

A path is taken as a `Path` or a string, and findings are made only for a file that cannot
be read, so their modules (and pathlib's) are imported there: `persona textconv`, which git
runs once per blob, reads a regular file with the standard library's `os` alone.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from persona_cli.domain.result import Finding

#: Files larger than this are not personas: a persona is a page of text.
DEFAULT_MAX_BYTES = 1024 * 1024

#: What `stat` calls each kind of file that is not a regular one, for findings.
_SPECIAL_KINDS: tuple[tuple[Any, str], ...] = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)
#: Opening never waits for a writer (a FIFO swapped in after the check) and never leaks.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _special(display: str, mode: int) -> Finding:
    from persona_cli.domain import load_problems as problems

    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    return problems.SPECIAL_FILE.finding(
        display,
        1,
        1,
        f"the path is {kind}, not a regular file; only regular files are read, "
        "so move it out of the personas folder",
    )


def _os_finding(file: Path | str, display: str, error: OSError) -> Finding:
    """The finding for a path the system refuses: a symlink loop (Y011), else Y001."""
    from pathlib import Path

    from persona_cli.domain import load_problems as problems

    file = Path(file)
    if error.errno == errno.ELOOP:
        return problems.SYMLINK_LOOP.finding(
            display,
            1,
            1,
            "the path is a symbolic link loop (it leads back to itself); "
            "point the link at a file or remove it",
        )
    reason = error.strerror or str(error)
    if file.is_symlink() and not file.exists():
        reason = f"it is a broken symbolic link to {file.readlink()}; fix or remove the link"
    return problems.YAML_SYNTAX.finding(display, 1, 1, f"cannot read the file: {reason}")


def path_problem(file: Path | str, display: str) -> Finding | None:
    """Why `file` is not a regular file to read (Y010 special file, Y011 symlink loop, Y001
    for anything else the system refuses), or None. Never opens the file."""
    try:
        info = os.stat(file)  # noqa: PTH116 - a string path too, without pathlib
    except OSError as error:
        return _os_finding(file, display, error)
    return None if stat.S_ISREG(info.st_mode) else _special(display, info.st_mode)


def read_regular(
    file: Path | str, display: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> bytes | Finding:
    """The bytes of `file`, read only when it is a regular file (checked before opening
    and again on the open descriptor, so a FIFO swapped in meanwhile cannot block the read),
    else the finding that says why not. `max_bytes=None` reads any size."""
    problem = path_problem(file, display)
    if problem is not None:
        return problem
    try:
        handle = os.open(file, _READ_FLAGS)
    except OSError as error:
        return _os_finding(file, display, error)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return _special(display, info.st_mode)
        limit = None if max_bytes is None else max_bytes + 1
        if max_bytes is not None and info.st_size > max_bytes:
            return _too_large(display, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while limit is None or total < limit:
            chunk = os.read(handle, 1 << 16 if limit is None else min(1 << 16, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if max_bytes is not None and total > max_bytes:  # it grew while being read
            return _too_large(display, total, max_bytes)
        return b"".join(chunks)
    except OSError as error:
        return _os_finding(file, display, error)
    finally:
        os.close(handle)


def _too_large(display: str, size: int, max_bytes: int) -> Finding:
    from persona_cli.domain import load_problems as problems

    return problems.FILE_TOO_LARGE.finding(
        display,
        1,
        1,
        f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
        "a persona file should be a page of text",
    )


def not_regular(path: Path) -> str | None:
    """What `path` is when something is there but not a readable regular file (a folder, a
    FIFO, a broken link...); None when it is a regular file or nothing at all."""
    try:
        mode = path.stat().st_mode
    except OSError as failure:
        if failure.errno == errno.ELOOP:
            return "a symbolic link loop"
        if path.is_symlink():
            return f"a broken symbolic link to {path.readlink()}"
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket or a device"
