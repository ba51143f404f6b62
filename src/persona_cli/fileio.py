"""Writing files without ever losing what the user wrote.

Every write goes to a temp file in the target's own folder and is renamed over the target,
so a crash, a full disk or an interrupt leaves either the old file or the new one, never half
of either. An edit keeps the file's mode, and refuses when the file changed on disk since it
was read (an editor saved it meanwhile): the command says so and writes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from persona_cli.errors import UsageError


class ChangedOnDiskError(UsageError):
    """The file changed between reading and writing it; nothing was written."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file was when it was read: compared again just before the rename."""

    path: Path
    digest: str
    mode: int


def read(path: Path) -> tuple[bytes, Snapshot]:
    """The file's bytes and a snapshot to hand back to `write(..., expected=...)`."""
    raw = path.read_bytes()
    mode = stat.S_IMODE(path.stat().st_mode)
    return raw, Snapshot(path, hashlib.sha256(raw).hexdigest(), mode)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def stage(path: Path, data: bytes, *, mode: int | None = None, sync: bool = False) -> Path:
    """Write `data` to a new temp file beside `path` (same folder, so the rename is atomic)
    with `mode` (default: what a new file gets under the umask); returns the temp path."""
    handle, temp = _open_temp(path, mode)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        if mode is not None:  # the umask may have taken bits the file had
            temp.chmod(mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
_temp_numbers = itertools.count()
#: Characters of the target's name kept in its temp file's name (the rest: pid, number, .tmp).
_TEMP_STEM = 200


def _open_temp(path: Path, mode: int | None) -> tuple[int, Path]:
    """A new, empty temp file beside `path`, open for writing. Created in one step with the
    umask's default mode, so a render of thousands of files costs no chmod per file; a
    leftover of the same name (a crashed run with the same pid) falls back to a random name."""
    stem = path.name[:_TEMP_STEM]  # a name near the 255-byte limit still gets a temp file
    temp = path.parent / f".{stem}.{os.getpid()}-{next(_temp_numbers)}.tmp"
    try:
        return os.open(temp, _TEMP_FLAGS, 0o666), temp
    except FileExistsError:
        pass
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{stem}.", suffix=".tmp")
    if mode is None:
        Path(name).chmod(_default_mode())  # mkstemp makes 0600
    return handle, Path(name)


def _unchanged_since(snapshot: Snapshot) -> bool:
    try:
        raw = snapshot.path.read_bytes()
    except FileNotFoundError:
        return False
    return hashlib.sha256(raw).hexdigest() == snapshot.digest


def write(
    path: Path,
    text: str,
    *,
    expected: Snapshot | None = None,
    exclusive: bool = False,
    display: str | None = None,
) -> None:
    """Replace (or create) `path` with `text` atomically.

    `expected`: the snapshot taken when the file was read; if the file no longer matches it,
    raise ChangedOnDiskError and write nothing. `exclusive`: the file must not exist (a new
    persona never overwrites one); the check and the creation are one step (a hard link).
    """
    shown = display or str(path)
    mode = expected.mode if expected is not None else None
    if mode is not None and not mode & stat.S_IWUSR:
        # Replacing by rename would succeed on a read-only file; ruff and black refuse too.
        raise UsageError(
            f"{shown}: the file is read-only; nothing written",
            hint="make it writable (chmod u+w) if it should change",
        )
    try:
        temp = stage(path, text.encode("utf-8"), mode=mode, sync=True)
    except OSError as failure:
        raise UsageError(f"{shown}: cannot write: {failure.strerror or failure}") from None
    try:
        if expected is not None and not _unchanged_since(expected):
            raise ChangedOnDiskError(
                f"{shown}: changed on disk since it was read; nothing written",
                hint="run the command again on the saved file",
            )
        if exclusive:
            _link_new(temp, path, shown)
        else:
            temp.replace(path)
    except OSError as failure:
        raise UsageError(f"{shown}: cannot write: {failure.strerror or failure}") from None
    finally:
        temp.unlink(missing_ok=True)


def _link_new(temp: Path, path: Path, shown: str) -> None:
    """Create `path` from `temp` only if it does not exist, in one step."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise UsageError(
            f"{shown}: already exists; nothing written",
            hint="choose another id, or remove the file first",
        ) from None
    except OSError as failure:
        if failure.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
        # A file system without hard links: check, then rename (a tiny race, documented).
        if path.exists():
            raise UsageError(f"{shown}: already exists; nothing written") from None
        with contextlib.suppress(FileNotFoundError):
            temp.replace(path)
