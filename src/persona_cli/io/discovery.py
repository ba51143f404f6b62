"""From the paths and globs a user typed to the persona files to read."""

from __future__ import annotations

import errno
import glob
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from persona_cli.domain.errors import UsageError

SUFFIXES = frozenset({".yaml", ".yml"})
#: Folders never searched when a directory is walked.
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__"})
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read, with the path shown to the user (relative to the cwd when possible)."""

    path: Path
    display: str


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` when it is inside it, else absolute (as ruff shows paths).

    Symbolic links are not followed: a linked persona is shown under its link's name, the
    name its id is checked against (and a broken link still names itself)."""
    absolute = Path(os.path.abspath(path))  # noqa: PTH100 - resolve() would follow the link
    for base in (Path(os.path.abspath(cwd)), cwd.resolve()):  # noqa: PTH100
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return absolute.as_posix()


def _readable_candidate(path: Path) -> bool:
    """True for a path to hand to the reader: anything but a folder or a missing file.

    Special files (FIFOs, sockets, devices), symlink loops and broken links are kept: the
    reader reports them as findings without opening them (a broken link as such, not as "no
    such file", as in a folder), and the run goes on with the other files."""
    try:
        return not stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        return error.errno == errno.ELOOP or path.is_symlink()


def key_of(path: Path) -> Path:
    """The file a path names, links followed, without failing on a symlink loop (then the
    absolute path itself), for telling duplicates apart."""
    return Path(os.path.realpath(path))


def _walk(directory: Path) -> list[Path]:
    found: list[Path] = []
    # Linked folders are not followed (os.walk's default), so a link to a parent folder
    # cannot make the walk go round forever.
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        found.extend(Path(root, name) for name in files if Path(name).suffix in SUFFIXES)
    return found


def discover(paths: list[str], *, cwd: Path | None = None) -> list[SourceFile]:
    """Expand files, directories (recursively) and globs into sorted, de-duplicated files.

    A file named explicitly is read whatever its suffix; directories and globs yield only
    `*.yaml` and `*.yml`. Anything that matches nothing is a usage error (exit 2).
    """
    base = cwd or Path.cwd()
    seen: dict[Path, SourceFile] = {}
    for raw in paths:
        if not raw.strip():  # Path("") is ".": `persona fmt "$UNSET"` must not do everything
            raise UsageError("an empty path was given", hint="pass a file or folder, or none")
        candidate = Path(raw) if Path(raw).is_absolute() else base / raw
        if candidate.is_dir():
            matches = _walk(candidate)
            if not matches:
                raise UsageError(
                    f"{raw}: no *.yaml or *.yml files in this directory",
                    hint="pass the folder that holds your personas",
                )
        elif _readable_candidate(candidate):
            matches = [candidate]  # a FIFO or a symlink loop too: a finding, not "no such file"
        elif _GLOB_CHARS & set(raw):
            matches = [
                Path(m)
                for m in glob.glob(str(candidate), recursive=True)  # noqa: PTH207 absolute patterns
                if _readable_candidate(Path(m)) and Path(m).suffix in SUFFIXES
            ]
            if not matches:
                raise UsageError(f"{raw}: the pattern matches no *.yaml or *.yml files")
        else:
            raise UsageError(
                f"{raw}: no such file or directory",
                hint="check the path, or run from the repository root",
            )
        for match in matches:
            key = key_of(match)
            if key not in seen:
                seen[key] = SourceFile(match, display_path(match, base))
    return sorted(seen.values(), key=lambda source: source.display)
