"""The git executable, driven directly: the repository, plain commands, a streamed command,
and one persistent `git cat-file --batch` for object contents.

The commands that run on every edit (`persona age`, `persona diff`, the ages of `persona list`
and `persona show`) need a handful of plumbing calls (`rev-parse`, `ls-tree`, `ls-files`,
`diff --raw -z`, `log --raw -z`, `cat-file --batch`), all of them machine-readable output
read here; GitPython would cost more to import (~100 ms) than the whole command's work on a
small repository. Every failure becomes a `GitError` that says what to do: git missing, not
a repository, a bare one.

git runs as GitPython runs it: in the work tree's root, with `LC_ALL=C` and `LANGUAGE=C`
(messages are read, so they must be English), standard input closed, and its output decoded
as UTF-8 with surrogate escapes (a path that is not UTF-8 still names its file).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from persona_cli.domain.errors import GitError

#: The executable; GitPython's variable for it is honoured too, so both agree.
GIT = os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"
MISSING_HINT = "install git and make sure it is on PATH"


class CommandFailed(Exception):
    """A git command that exited non-zero: its arguments, exit status and standard error."""

    def __init__(self, arguments: Sequence[str], status: int, stderr: str) -> None:
        self.arguments = tuple(arguments)
        self.status = status
        self.stderr = stderr
        super().__init__(f"git {' '.join(self.arguments)} exited {status}: {self.detail}")

    @property
    def detail(self) -> str:
        """The first line git wrote to standard error (its `fatal:` line), or the status."""
        lines = [line.strip() for line in self.stderr.splitlines() if line.strip()]
        return lines[0] if lines else f"exit status {self.status}"


#: Variables naming paths that git reads relative to the folder it starts in: made absolute
#: against this process's, since git runs at the work tree's root (a hook or a script that
#: changed folder may set GIT_DIR=../.git). Not GIT_INDEX_FILE: git reads a relative one
#: from the work tree's root (a pre-commit hook gets GIT_INDEX_FILE=.git/index).
_PATH_VARIABLES = ("GIT_DIR", "GIT_WORK_TREE")


def environment() -> dict[str, str]:
    """What git runs with: this process's environment, English messages, and the path
    variables above absolute."""
    env = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C"}
    for name in _PATH_VARIABLES:
        value = env.get(name)
        if value and not Path(value).is_absolute():
            env[name] = str(Path.cwd() / value)
    return env


def decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="surrogateescape")


def _not_available(failure: OSError) -> GitError:
    return GitError(f"git is not available: {failure}", hint=MISSING_HINT)


def _config(config: Sequence[str]) -> list[str]:
    return [part for item in config for part in ("-c", item)]


class Repository:
    """A non-bare repository: its work tree's root, its git directories, and the git
    processes run in it. `close()` ends the `cat-file` process (also on `with` exit)."""

    def __init__(self, root: Path, git_dir: Path, common_dir: Path) -> None:
        self.root = root
        self.git_dir = git_dir
        self.common_dir = common_dir
        self._batch: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- commands ---------------------------------------------------------------------------

    def run_bytes(self, *arguments: str, config: Sequence[str] = (), check: bool = True) -> bytes:
        """What `git ARGUMENTS` printed; CommandFailed when it exits non-zero and `check`."""
        command = [GIT, *_config(config), *arguments]
        try:
            done = subprocess.run(
                command,
                cwd=self.root,
                env=environment(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                check=False,
            )
        except OSError as failure:
            raise _not_available(failure) from None
        if check and done.returncode != 0:
            raise CommandFailed(arguments, done.returncode, decode(done.stderr))
        return done.stdout

    def run(self, *arguments: str, config: Sequence[str] = (), check: bool = True) -> str:
        """`run_bytes` decoded, without the one newline git ends its output with."""
        return decode(self.run_bytes(*arguments, config=config, check=check)).removesuffix("\n")

    def stream(self, *arguments: str, config: Sequence[str] = ()) -> subprocess.Popen[bytes]:
        """`git ARGUMENTS` started, its output to read as it comes (stdout and stderr are
        pipes). The caller reads, then kills it if it stopped early, and waits for it."""
        return self._start(
            [*_config(config), *arguments], stdin=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def _start(self, arguments: list[str], *, stdin: int, stderr: int) -> subprocess.Popen[bytes]:
        """`git ARGUMENTS` started at the root, its output to a pipe."""
        try:
            return subprocess.Popen(
                [GIT, *arguments],
                cwd=self.root,
                env=environment(),
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=stderr,
            )
        except OSError as failure:
            raise _not_available(failure) from None

    # --- questions --------------------------------------------------------------------------

    def commit(self, token: str) -> str | None:
        """The sha of the commit `token` names (a branch, tag, sha, `HEAD~2`...), or None.

        Asked of the `cat-file` batch (`TOKEN^{commit}`: git's own revision syntax, as
        `rev-parse --verify` reads it), so resolving costs no process of its own; a name
        starting with `-` is a name there, never an option."""
        if not token:
            return None
        found = self._header(f"{token}^{{commit}}")
        return None if found is None else found[0]

    def has_head(self) -> bool:
        """Whether HEAD names a commit (not so in a repository with no commit yet)."""
        return self.commit("HEAD") is not None

    def is_shallow(self) -> bool:
        return (self.git_dir / "shallow").exists()

    # --- objects ----------------------------------------------------------------------------

    def read_object(self, name: str) -> tuple[str, bytes] | None:
        """(type, bytes) of the object `name` names (a sha, `REV:PATH`), through one
        persistent `git cat-file --batch`; None when there is no such object."""
        found = self._header(name)
        if found is None:
            return None
        _, kind, data = found
        return kind, data

    def read_objects(self, names: Sequence[str]) -> dict[str, tuple[str, bytes]]:
        """(type, bytes) of many objects at once, by name; missing ones are left out.

        One `cat-file --batch` run fed every name in one go: no round trip per object,
        which is most of the cost of reading hundreds of small blobs one by one."""
        wanted = list(dict.fromkeys(name for name in names if "\n" not in name))
        if not wanted:
            return {}
        requests = b"".join(
            name.encode("utf-8", errors="surrogateescape") + b"\n" for name in wanted
        )
        out = self.run_bytes_input(requests, "cat-file", "--batch")
        found: dict[str, tuple[str, bytes]] = {}
        at = 0
        for name in wanted:
            end = out.find(b"\n", at)
            if end < 0:
                raise GitError("git cat-file stopped: no answer for an object")
            fields = out[at:end].split()
            at = end + 1
            if len(fields) != 3 or not fields[2].isdigit():  # `NAME missing`
                continue
            size = int(fields[2])
            if len(out) < at + size + 1:
                raise GitError("git cat-file stopped in the middle of an object")
            found[name] = (decode(fields[1]), out[at : at + size])
            at += size + 1
        return found

    def run_bytes_input(self, data: bytes, *arguments: str) -> bytes:
        """What `git ARGUMENTS` printed given `data` on its standard input."""
        try:
            done = subprocess.run(
                [GIT, *arguments],
                cwd=self.root,
                env=environment(),
                input=data,
                capture_output=True,
                check=False,
            )
        except OSError as failure:
            raise _not_available(failure) from None
        if done.returncode != 0:
            failed = CommandFailed(arguments, done.returncode, decode(done.stderr))
            raise GitError(f"git {arguments[0]} failed: {failed.detail}")
        return done.stdout

    def _header(self, name: str) -> tuple[str, str, bytes] | None:
        """(sha, type, bytes) of the object `name` names, from the batch; None when missing."""
        if "\n" in name or "\r" in name:
            return None  # the batch reads one name per line
        batch = self._cat_file()
        assert batch.stdin is not None and batch.stdout is not None
        try:
            batch.stdin.write(name.encode("utf-8", errors="surrogateescape") + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline()
        except OSError as failure:
            self.close()
            raise GitError(f"git cat-file stopped: {failure}") from None
        if not header:
            self.close()
            raise GitError("git cat-file stopped: no answer for an object")
        fields = header.split()
        if len(fields) != 3 or not fields[2].isdigit():  # `NAME missing`, `NAME ambiguous`
            return None
        size = int(fields[2])
        data = _read_exactly(batch.stdout, size + 1)  # the contents, then a newline
        if len(data) != size + 1:
            self.close()
            raise GitError("git cat-file stopped in the middle of an object")
        return decode(fields[0]), decode(fields[1]), data[:size]

    def _cat_file(self) -> subprocess.Popen[bytes]:
        if self._batch is None or self._batch.poll() is not None:
            self._batch = self._start(
                ["cat-file", "--batch"], stdin=subprocess.PIPE, stderr=subprocess.DEVNULL
            )
        return self._batch

    def close(self) -> None:
        """End the `cat-file` process, if one was started."""
        batch, self._batch = self._batch, None
        if batch is None:
            return
        # Killed, not asked to end: it holds nothing to save, and waiting with a timeout
        # would poll (sleeping) where a kill ends it at once.
        with contextlib.suppress(OSError):
            batch.kill()
        for stream in (batch.stdin, batch.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        batch.wait()


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    parts: list[bytes] = []
    left = size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _refused(cwd: Path, stderr: str) -> GitError:
    """git's refusal of a repository another user owns, with the command git suggests."""
    detail = CommandFailed(["rev-parse"], 128, stderr).detail.removeprefix("fatal: ")
    lines = (line.strip() for line in stderr.splitlines())
    fix = next(
        (line for line in lines if line.startswith("git ") and "safe.directory" in line),
        "git config --global --add safe.directory FOLDER",
    )
    return GitError(
        f"{cwd}: git refuses the repository: {detail}", hint=f"if you trust its owner: {fix}"
    )


def _rev_parse(cwd: Path, questions: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            [GIT, "rev-parse", *questions],
            cwd=cwd,
            env=environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as failure:
        raise _not_available(failure) from None


def open_repository(cwd: Path, *, purpose: str = "this command") -> Repository:
    """The repository containing `cwd` as git finds it (walking up, honouring `GIT_DIR`
    and the like), or a GitError naming the fix."""
    not_repository = GitError(
        f"{cwd}: not a git repository", hint=f"run inside the repository for {purpose}"
    )
    if not cwd.is_dir():
        raise not_repository
    asked = ("--is-bare-repository", "--absolute-git-dir", "--git-common-dir", "--show-toplevel")
    done = _rev_parse(cwd, asked)
    lines = decode(done.stdout).removesuffix("\n").split("\n")  # a newline ends a path, only
    if done.returncode == 0 and len(lines) > len(asked):  # a path holds a newline: one by one
        lines = [decode(_rev_parse(cwd, [question]).stdout)[:-1] for question in asked]
    if lines[:1] == ["true"]:
        raise GitError("the repository is bare", hint="run in a checkout with a work tree")
    if done.returncode != 0 or len(lines) != len(asked) or not lines[3]:
        stderr = decode(done.stderr)
        if "dubious ownership" in stderr:  # safe.directory: a repository, owned by another user
            raise _refused(cwd, stderr)
        if "not a git repository" in stderr or (done.returncode == 128 and len(lines) < 2):
            raise not_repository
        detail = CommandFailed(["rev-parse"], done.returncode, stderr).detail
        if len(lines) >= 2 and "work tree" in stderr:  # inside the git directory itself
            raise GitError(
                f"{cwd}: inside a git directory, not a work tree",
                hint=f"run in the work tree for {purpose}",
            )
        raise GitError(f"{cwd}: git cannot open the repository here: {detail}")
    git_dir = Path(lines[1])
    common = Path(lines[2])
    common_dir = common if common.is_absolute() else (cwd / common).resolve()
    return Repository(Path(lines[3]), git_dir, common_dir)
