"""Where a command may write a report file: never over what it reads.

A report written over a persona (`persona lint -o personas/x.yaml`) destroys what someone
wrote, and two formats sent to one file keep only the last. Every command that writes a
report to a file checks its targets here first, before any work is written:

- two targets that are the same file (however spelled: `a.json`, `./a.json`, a symlink or a
  hard link to it) are refused, naming both;
- a target that is one of the command's inputs, a persona or segment file in the configured
  paths, or the configuration file is refused;
- a target named `*.yaml` or `*.yml` (any case, also where a symlink points) is refused:
  persona-cli reads such files as personas, so a report there would be read back as one;
- a target that is a folder, or lies below a file, is refused before the work, not found
  when writing.

Files are the same when their resolved paths are equal or, for files that exist, when they
are the same inode (`os.path.samefile`'s test), so links are caught too. `write_report` then
writes a report whole or not at all. Imports only the standard library at the top, so the
commands that use it stay light.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from persona_cli.domain.errors import UsageError

YAML_SUFFIXES = (".yaml", ".yml")

#: A file name to suggest instead, per report format.
EXAMPLE_NAMES = {
    "json": "report.json",
    "sarif": "report.sarif",
    "junit": "report.xml",
    "markdown": "report.md",
    "text": "report.txt",
    "github": "report.txt",
    "html": "report.html",
    "schema": "schemas/persona.schema.json",
    "baseline": "persona-baseline.json",
}


@dataclass(frozen=True, slots=True)
class ReportTarget:
    """One file a command was asked to write a report to."""

    #: How the user wrote it, for messages: `--output a.json`, `--format sarif:a.json`.
    spelled: str
    #: The report format that goes there (json, sarif...), for the suggested file name.
    format: str
    path: Path
    #: What would be written, for messages.
    writes: str = "a report"


@dataclass(frozen=True, slots=True)
class Protected:
    """Files no report may replace, and how to name them in the refusal."""

    what: str
    paths: Iterable[Path]


def _identity(path: Path, cwd: Path) -> tuple[str, tuple[int, int] | None]:
    """The resolved path, and (device, inode) when the file exists (following links)."""
    absolute = path if path.is_absolute() else cwd / path
    resolved = os.path.realpath(absolute)
    try:
        status = os.stat(absolute)  # noqa: PTH116 - the inode of what a write would replace
    except (OSError, ValueError):
        return resolved, None
    return resolved, (status.st_dev, status.st_ino)


def _sink(path: Path, cwd: Path) -> bool:
    """A character device (`/dev/null`, a terminal): any number of reports may go there."""
    try:
        return stat.S_ISCHR((path if path.is_absolute() else cwd / path).stat().st_mode)
    except (OSError, ValueError):
        return False


def _example(target: ReportTarget) -> str:
    return EXAMPLE_NAMES.get(target.format, f"report.{target.format}")


def check_distinct(targets: Sequence[ReportTarget], *, cwd: Path) -> None:
    """Refuse two reports sent to one file (naming both formats and the path)."""
    seen_paths: dict[str, ReportTarget] = {}
    seen_inodes: dict[tuple[int, int], ReportTarget] = {}
    for target in targets:
        if _sink(target.path, cwd):
            continue
        resolved, inode = _identity(target.path, cwd)
        earlier = seen_paths.get(resolved) or (seen_inodes.get(inode) if inode else None)
        if earlier is not None:
            raise UsageError(
                f"{earlier.spelled} and {target.spelled} both write {target.path}: only one "
                "would be kept",
                hint="give each format its own file",
            )
        seen_paths[resolved] = target
        if inode is not None:
            seen_inodes[inode] = target


def check_places(targets: Sequence[ReportTarget], *, cwd: Path) -> None:
    """Refuse a report file that is a folder, or below a file: found only when writing, it
    would come after the work and after the reports printed to stdout."""
    for target in targets:
        path = target.path if target.path.is_absolute() else cwd / target.path
        if path.is_dir():
            raise UsageError(
                f"{target.spelled}: {target.path.as_posix()} is a folder, not a file",
                hint="choose a file path, or move that folder",
            )
        for above, shown in zip(path.parents, target.path.parents, strict=False):
            if above.exists() and not above.is_dir():
                raise UsageError(
                    f"{target.spelled}: {shown} is a file, not a folder",
                    hint=f"choose another path, e.g. {_example(target)}",
                )


def check_suffixes(targets: Sequence[ReportTarget], *, cwd: Path) -> None:
    """Refuse a report named `*.yaml`/`*.yml` (or a link to such a file)."""
    for target in targets:
        resolved, _ = _identity(target.path, cwd)
        for name in (target.path.name, Path(resolved).name):
            if name.lower().endswith(YAML_SUFFIXES):
                raise UsageError(
                    f"{target.spelled}: refusing to write {target.writes} to a YAML file "
                    f"({Path(name).suffix}: persona-cli reads YAML files as personas)",
                    hint=f"choose another path, e.g. {_example(target)}",
                )


def check_not_protected(
    targets: Sequence[ReportTarget], protected: Sequence[Protected], *, cwd: Path
) -> None:
    """Refuse a report over an input, a persona or segment file, or the configuration.

    Only a target that exists can be one of those files (they exist: they were found on
    disk), so this costs one `stat` per protected file, and nothing when no target exists."""
    wanted = [(target, inode) for target in targets for _, inode in [_identity(target.path, cwd)]]
    by_inode = {inode: target for target, inode in wanted if inode is not None}
    if not by_inode:
        return
    for group in protected:
        for path in group.paths:
            try:
                status = (path if path.is_absolute() else cwd / path).stat()
            except (OSError, ValueError):
                continue
            target = by_inode.get((status.st_dev, status.st_ino))
            if target is not None:
                raise UsageError(
                    f"{target.spelled}: refusing to write {target.writes} over {group.what}",
                    hint=f"choose another path, e.g. {_example(target)}",
                )


def write_report(path: Path, text: str, *, writes: str = "the report") -> None:
    """Write a report file whole or not at all (a temp file renamed into place). A target
    that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe) is
    written to as a stream instead: renaming over it would replace the device or the pipe.
    A symbolic link is written through (the file it points to changes, the link stays), as a
    shell's `>`, ruff's `--output-file` and pytest's `--junitxml` do; a link whose folder is
    missing is an error (no folders are made where a link points), and a link loop is
    refused."""
    from persona_cli.io import fileio

    absolute = path if path.is_absolute() else Path.cwd() / path
    try:
        special = absolute.exists() and not absolute.is_file() and not absolute.is_dir()
    except OSError:
        special = False
    try:
        if special:
            with absolute.open("w", encoding="utf-8") as stream:
                stream.write(text)
            return
        if absolute.is_symlink():
            absolute = Path(os.path.realpath(absolute, strict=False))
            problem = fileio.not_regular(absolute) if absolute.is_symlink() else None
            if problem is not None:  # realpath stops at a loop
                raise UsageError(
                    f"{path}: cannot write {writes}: the path is {problem}",
                    hint="remove the link or pass another path",
                )
            if not absolute.parent.is_dir():
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(absolute))
        else:
            absolute.parent.mkdir(parents=True, exist_ok=True)
    except OSError as failure:
        raise UsageError(f"{path}: cannot write {writes}: {failure.strerror or failure}") from None
    fileio.write(absolute, text, display=str(path))


def check_report_targets(
    targets: Sequence[ReportTarget],
    protected: Sequence[Protected] = (),
    *,
    cwd: Path,
) -> None:
    """Every check above (two to one file, over a protected file, a YAML name); a no-op
    when nothing is written to a file."""
    if not targets:
        return
    check_distinct(targets, cwd=cwd)
    check_places(targets, cwd=cwd)
    check_not_protected(targets, protected, cwd=cwd)
    check_suffixes(targets, cwd=cwd)
