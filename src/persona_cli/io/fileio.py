"""Writing files without ever losing what the user wrote.

Every write makes a new file in the target's own folder and renames it over the target, so a
crash, a full disk, an interrupt or SIGKILL leaves either the old file or the new one, never
half of either.

On Linux the new file has no name while it is written (`O_TMPFILE`): it is linked under its
own name when the target does not exist yet, else under a temp name just before the rename.
A killed run therefore leaves no temp file, except when it dies between those two system
calls. Elsewhere (no `O_TMPFILE`, or a file system without it) the file is written under a
temp name from the start. Temp names are `.<name>.persona-<pid>-<n>.tmp`: hidden, and carrying
the writer's process id, so that the first write into a folder in a run removes those whose
writer is no longer running (a live one may be another run, still writing).

A file replaced (an edit, a report, a briefing) keeps its mode and, as far as the system lets
the writer, its owner and group (root editing another user's file hands the new file back to
that user; a private 0600 report stays private); a read-only one is refused. An edit is
refused when the file changed on disk since it was read (an editor saved it meanwhile): the
command says so and writes nothing. The comparison and the rename happen under an exclusive
lock on the folder, so two persona-cli runs editing one file take turns, and the second one
sees the first one's change instead of overwriting it.

A set of files (a render) is staged whole before any of them is put in place, so a failure
while writing leaves the previous set untouched.

Hand-written: the atomic-write libraries (atomicwrites, unmaintained since 2022) name their
temp file from the start, take no lock and know nothing of a set of files.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import os
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from persona_cli.domain.errors import UsageError

# Read with the other reading checks; named here too, where the writers look for it.
from persona_cli.io.file_read import not_regular as not_regular  # noqa: PLC0414

if sys.platform != "win32":
    import fcntl


class ChangedOnDiskError(UsageError):
    """The file changed between reading and writing it; nothing was written."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file was when it was read: compared again just before the rename."""

    path: Path
    digest: str
    mode: int
    uid: int = -1
    gid: int = -1


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class NotRegularFileError(UsageError):
    """The path is a FIFO, socket or device (seen on the open descriptor); nothing was read."""


def read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of `path` and its status, read only if it is a regular file.

    Opened without blocking and checked on the open descriptor: a FIFO or device put in
    the file's place after the caller looked at it is refused (NotRegularFileError), never
    read (reading a FIFO would wait for a writer forever)."""
    handle = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(
                f"{path}: not a regular file (a FIFO, socket or device); nothing read",
                hint="only regular files are read; move it out of the personas folder",
            )
        with os.fdopen(os.dup(handle), "rb") as stream:
            return stream.read(), info
    finally:
        os.close(handle)


def read(path: Path) -> tuple[bytes, Snapshot]:
    """The file's bytes (see `read_regular`) and a snapshot to hand back to
    `write(..., expected=...)`."""
    raw, info = read_regular(path)
    digest = hashlib.sha256(raw).hexdigest()
    return raw, Snapshot(path, digest, stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid)


#: A test hook, read by `write` (seconds to wait after the changed-on-disk check passed,
#: before the rename, inside the lock) and by the output record's save (after reading the
#: record, inside the lock): a test can make two runs overlap every time.
PAUSE_ENV = "PERSONA_CLI_TEST_PAUSE_BEFORE_WRITE"

_UNNAMED = getattr(os, "O_TMPFILE", 0)
#: An unnamed file gets its name through its /proc entry (linkat needs no privilege that way).
_CAN_NAME_UNNAMED = bool(_UNNAMED) and Path("/proc/self/fd").is_dir()
_NAMED_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)
_UNNAMED_FLAGS = _UNNAMED | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
#: What `open(O_TMPFILE)` answers where the file system (or kernel) cannot make unnamed files.
_NO_UNNAMED = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOTSUP}
#: Bytes of the target's name kept in its temp name (the rest: pid, number, .tmp), so a name
#: near the 255-byte limit still gets a temp file.
_TEMP_STEM = 200
_TEMP_NAME = re.compile(r"\A\..*\.persona-(?P<pid>[1-9][0-9]{0,9})-[0-9a-z]+\.tmp\Z", re.DOTALL)
#: Descriptors kept free for everything else while a set of unnamed files is held open.
_SPARE_DESCRIPTORS = 256

_temp_numbers = itertools.count()
_swept: set[str] = set()
_no_unnamed: set[str] = set()


def temp_name(name: str) -> str:
    """A temp name for the file `name` in the same folder, owned by this process."""
    stem = os.fsdecode(os.fsencode(name)[:_TEMP_STEM])
    return f".{stem}.persona-{os.getpid()}-{next(_temp_numbers)}.tmp"


def is_temp_name(name: str) -> bool:
    return _TEMP_NAME.match(name) is not None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OverflowError:  # no process can have it
        return False
    except OSError:  # EPERM: another user's process, alive
        return True
    return True


def sweep(folder: Path, names: Iterable[str] | None = None) -> list[str]:
    """Remove the temp files in `folder` whose writer is no longer running (a killed run's);
    once per folder and process, so writing many files into it costs one listing. `names`:
    the folder's listing when the caller has it. Returns the names removed."""
    key = str(folder.absolute())
    if key in _swept:
        return []
    _swept.add(key)
    if names is None:
        try:
            with os.scandir(folder) as entries:
                names = [entry.name for entry in entries]
        except OSError:  # missing: nothing to sweep; unreadable: the write will say so
            return []
    removed = []
    for name in names:
        if not name.endswith(".tmp"):
            continue
        match = _TEMP_NAME.match(name)
        if match is None or _running(int(match["pid"])):
            continue
        with contextlib.suppress(FileNotFoundError, IsADirectoryError, PermissionError):
            (folder / name).unlink()
            removed.append(name)
    return removed


@dataclass(frozen=True, slots=True)
class _Folder:
    """A target's folder: open as a descriptor on POSIX (names are then looked up in it, and
    it is what the lock is taken on); elsewhere only its path."""

    path: Path
    fd: int | None

    def at(self, name: str) -> str:
        """`name` as the os functions want it along with `dir_fd=self.fd`."""
        return name if self.fd is not None else str(self.path / name)


@dataclass(slots=True)
class _Staged:
    """One file's new content, written but not yet in place."""

    path: Path
    folder: _Folder
    fd: int = -1  # an unnamed file's descriptor, held until it is named
    temp: str | None = None  # a named temp file (no unnamed files here)


class _Stager:
    """Stages files and puts them in place; closing it removes what was not put in place."""

    def __init__(self, *, budget: int | None = None) -> None:
        self._folders: dict[Path, _Folder] = {}
        self._staged: list[_Staged] = []
        self._budget = budget if budget is not None else 1

    def __enter__(self) -> _Stager:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for staged in self._staged:
            if staged.fd >= 0:
                os.close(staged.fd)  # an unnamed file vanishes with its last descriptor
            if staged.temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(staged.folder.at(staged.temp), dir_fd=staged.folder.fd)
        for folder in self._folders.values():
            if folder.fd is not None:
                os.close(folder.fd)

    def folder(self, path: Path) -> _Folder:
        folder = self._folders.get(path)
        if folder is None:
            fd = os.open(path, _FOLDER_FLAGS) if os.name == "posix" else None
            folder = self._folders[path] = _Folder(path, fd)
        return folder

    def stage(
        self,
        path: Path,
        data: bytes,
        *,
        mode: int | None,
        sync: bool,
        owner: tuple[int, int] = (-1, -1),
    ) -> _Staged:
        """Write `data` to a new file in `path`'s folder with `mode` (default: what a new file
        gets under the umask) and `owner` (uid, gid; -1 keeps the writer's)."""
        folder = self.folder(path.parent)
        staged = _Staged(path, folder)
        self._staged.append(staged)  # from here on, closing the stager cleans it up
        fd = self._open_unnamed(folder)
        if fd >= 0:
            staged.fd = fd
            self._budget -= 1
        else:
            fd, staged.temp = _open_named(path.name, folder)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            _chown(fd, *owner)  # before the chmod: a chown may clear setuid/setgid bits
            if mode is not None:  # the umask may have taken bits the file had
                if hasattr(os, "fchmod"):
                    os.fchmod(fd, mode)
                else:  # pragma: no cover - Windows before Python 3.13
                    Path(folder.at(staged.temp or "")).chmod(mode)
            if sync:
                os.fsync(fd)
        finally:
            if staged.temp is not None:
                os.close(fd)
        return staged

    def _open_unnamed(self, folder: _Folder) -> int:
        if not _CAN_NAME_UNNAMED or folder.fd is None or self._budget <= 0:
            return -1
        if str(folder.path) in _no_unnamed:
            return -1
        try:
            return os.open(".", _UNNAMED_FLAGS, 0o666, dir_fd=folder.fd)
        except OSError as failure:
            if failure.errno not in _NO_UNNAMED:
                raise
            _no_unnamed.add(str(folder.path))
            return -1

    def commit(self, staged: _Staged, *, exists: bool = False, exclusive: bool = False) -> None:
        """Put `staged` in place. `exists`: the target is known to exist (skip trying to link
        the new file under its name directly). `exclusive`: the target must not exist
        (FileExistsError otherwise); the check and the creation are one step."""
        name, folder = staged.path.name, staged.folder
        if staged.fd >= 0:
            # Linking through /proc with a folder descriptor makes os.link call linkat with
            # AT_SYMLINK_FOLLOW: the unnamed file itself gets the name.
            source = f"/proc/self/fd/{staged.fd}"
            if exclusive or not exists:
                try:
                    os.link(source, name, dst_dir_fd=folder.fd)
                except FileExistsError:
                    if exclusive:
                        raise
                else:
                    self._done(staged)
                    return
            # The target exists: a name for the length of one system call, then the rename.
            staged.temp = _link_named(source, name, folder)
            self._done(staged)
        if staged.temp is None:
            return
        if exclusive:
            _link_new(staged.temp, name, folder)
            os.unlink(folder.at(staged.temp), dir_fd=folder.fd)
        else:
            os.replace(
                folder.at(staged.temp),
                folder.at(name),
                src_dir_fd=folder.fd,
                dst_dir_fd=folder.fd,
            )
        staged.temp = None

    def _done(self, staged: _Staged) -> None:
        os.close(staged.fd)
        staged.fd = -1
        self._budget += 1


def _chown(fd: int, uid: int, gid: int) -> None:
    """Give the new file the old one's owner and group, as far as allowed: root can give both,
    anyone their own groups; what is not allowed keeps the writer's (as vim and emacs do)."""
    if not hasattr(os, "fchown") or (uid, gid) == (-1, -1):
        return
    if uid == os.geteuid():
        uid = -1
    if gid == os.getegid():
        gid = -1
    for pair in ((uid, gid), (-1, gid)):
        if pair == (-1, -1):
            return
        try:
            os.fchown(fd, *pair)
        except OSError:
            continue
        return


def _open_named(name: str, folder: _Folder) -> tuple[int, str]:
    temp = temp_name(name)
    while True:
        try:
            return os.open(folder.at(temp), _NAMED_FLAGS, 0o666, dir_fd=folder.fd), temp
        except FileExistsError:  # a killed run's, with this pid: another name
            temp = f"{temp[:-4]}x{os.urandom(4).hex()}.tmp"


def _link_named(source: str, name: str, folder: _Folder) -> str:
    temp = temp_name(name)
    while True:
        try:
            os.link(source, temp, dst_dir_fd=folder.fd)
        except FileExistsError:
            temp = f"{temp[:-4]}x{os.urandom(4).hex()}.tmp"
        else:
            return temp


def _link_new(temp: str, name: str, folder: _Folder) -> None:
    """Create `name` from the named `temp` only if it does not exist, in one step."""
    try:
        os.link(folder.at(temp), folder.at(name), src_dir_fd=folder.fd, dst_dir_fd=folder.fd)
    except OSError as failure:
        if failure.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV):
            raise
        # A file system without hard links: check, then rename (a tiny race, documented).
        try:
            os.stat(folder.at(name), dir_fd=folder.fd, follow_symlinks=False)
        except FileNotFoundError:
            os.replace(folder.at(temp), folder.at(name), src_dir_fd=folder.fd, dst_dir_fd=folder.fd)
        else:
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), name) from None


@contextlib.contextmanager
def _locked(folder: _Folder) -> Iterator[None]:
    """An exclusive lock on the folder, taken by every persona-cli edit in it (editors do not
    take it: their saves are caught by the content check). None where folders cannot be
    opened (Windows)."""
    if sys.platform == "win32" or folder.fd is None:
        yield
        return
    try:
        fcntl.flock(folder.fd, fcntl.LOCK_EX)
    except OSError:  # a file system without locks: the content check still runs
        yield
        return
    try:
        yield
    finally:
        fcntl.flock(folder.fd, fcntl.LOCK_UN)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C, SIGTERM and SIGHUP until the block ends: for the few milliseconds in
    which a set of files is put in place and recorded, so an interrupt cannot leave files
    written but not recorded (they would then count as a person's). A signal that arrives
    meanwhile takes effect right after (exit 130 for Ctrl-C). SIGKILL cannot be held; the
    next run adopts files identical to what it would write."""
    import signal
    import threading

    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not (
        threading.main_thread()
    ):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """The exclusive lock `write(..., expected=...)` takes on `folder`, for a caller's own
    read-merge-write of a file there (the output record), so that two runs take turns
    instead of each writing its merge over the other's. Not to be nested with such a write
    to the same folder (the lock is not reentrant). A folder that cannot be opened is not
    locked: the write that follows says what is wrong."""
    fd = None
    if os.name == "posix":
        with contextlib.suppress(OSError):
            fd = os.open(folder, _FOLDER_FLAGS)
    try:
        with _locked(_Folder(folder, fd)):
            yield
    finally:
        if fd is not None:
            os.close(fd)


def _unchanged_since(snapshot: Snapshot) -> bool:
    try:
        raw = snapshot.path.read_bytes()
    except FileNotFoundError:
        return False
    return hashlib.sha256(raw).hexdigest() == snapshot.digest


def pause_for_tests() -> None:
    pause = os.environ.get(PAUSE_ENV)
    if pause:
        with contextlib.suppress(ValueError):
            time.sleep(float(pause))


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
    if expected is not None:
        mode: int | None = expected.mode
        owner = (expected.uid, expected.gid)
    else:
        mode, owner = _kept(path) if not exclusive else (None, (-1, -1))
    if mode is not None and not mode & stat.S_IWUSR:
        # Replacing by rename would succeed on a read-only file; ruff and black refuse too.
        raise UsageError(
            f"{shown}: the file is read-only; nothing written",
            hint="make it writable (chmod u+w) if it should change",
        )
    sweep(path.parent)
    try:
        with _Stager() as stager:
            staged = stager.stage(path, text.encode("utf-8"), mode=mode, sync=True, owner=owner)
            if expected is None:
                stager.commit(staged, exclusive=exclusive)
                return
            with _locked(staged.folder):
                if not _unchanged_since(expected):
                    raise ChangedOnDiskError(
                        f"{shown}: changed on disk since it was read; nothing written",
                        hint="run the command again on the saved file",
                    )
                pause_for_tests()
                stager.commit(staged, exists=True, exclusive=exclusive)
    except FileExistsError:
        raise UsageError(
            f"{shown}: already exists; nothing written",
            hint="choose another id, or remove the file first",
        ) from None
    except OSError as failure:
        raise UsageError(f"{shown}: cannot write: {failure.strerror or failure}") from None


def _kept(path: Path) -> tuple[int | None, tuple[int, int]]:
    """The mode and (uid, gid) a replaced file keeps: those of the regular file at `path`
    (a private 0600 report stays private, a read-only one is refused); none when nothing
    regular is there."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None, (-1, -1)
    if not stat.S_ISREG(info.st_mode):
        return None, (-1, -1)
    return stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)


def write_many(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file (whose folder exists), all or nothing as far as a failure goes: each
    is staged before any is put in place, and a failure while staging removes what was staged.
    A file replaced keeps its mode and owner; a read-only one stops the set before anything is
    written. Raises OSError naming the file."""
    kept = [_kept(path) for path, _ in files]
    for (path, _), (mode, _) in zip(files, kept, strict=True):
        if mode is not None and not mode & stat.S_IWUSR:
            raise OSError(
                errno.EACCES, "the file is read-only (chmod u+w to replace it)", str(path)
            )
    for folder in dict.fromkeys(path.parent for path, _ in files):
        sweep(folder)
    with _Stager(budget=_reserve_descriptors(len(files))) as stager:
        staged = []
        for (path, data), (mode, owner) in zip(files, kept, strict=True):
            try:
                staged.append(stager.stage(path, data, mode=mode, sync=False, owner=owner))
            except OSError as failure:
                raise OSError(failure.errno, failure.strerror, str(path)) from None
        for item in staged:
            try:
                stager.commit(item)
            except OSError as failure:
                raise OSError(failure.errno, failure.strerror, str(item.path)) from None


def _reserve_descriptors(count: int) -> int:
    """How many unnamed files may be held open at once (raising the soft limit on open files
    towards the hard one if `count` needs it); the rest are staged under temp names."""
    try:
        import resource
    except ImportError:  # not a Unix: no unnamed files either
        return 0
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 2 * _SPARE_DESCRIPTORS
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        with contextlib.suppress(OSError, ValueError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
    if soft == resource.RLIM_INFINITY:
        return count
    return max(0, soft - 2 * _SPARE_DESCRIPTORS)
