"""Which files make up the set a command reads: the configured paths (relative to the
configuration file), the paths given on the command line, the configured excludes, and the
segment files in a `segments/` folder beside the persona folders. The first step of the load
stage: every command finds its files here, so they all agree on what "the set" is."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings


def select_sources(
    paths: list[str] | None, settings: Settings, cwd: Path, *, segments: bool = False
) -> tuple[list[SourceFile], list[SourceFile]]:
    """The files to report on, and the whole configured set for cross-file checks.

    With `segments`, segment files in a `segments/` folder beside the configured folders (or
    next to the configuration) join the set: in the context always, in the files to report
    on when no paths are given (`persona lint` checks personas and committees together)."""
    targets, context = _select(paths, settings, cwd)
    if not segments:
        return targets, context
    folders = [(Path(settings.root) if settings.root else cwd) / path for path in settings.paths]
    from persona_cli.io.discovery import key_of

    seen = {key_of(source.path) for source in context}
    extra = [s for s in segment_sources(folders, settings, cwd) if key_of(s.path) not in seen]
    if not paths:
        return [*targets, *extra], [*context, *extra]
    return targets, [*context, *extra]


def _select(
    paths: list[str] | None, settings: Settings, cwd: Path
) -> tuple[list[SourceFile], list[SourceFile]]:
    from persona_cli.domain.errors import UsageError as Usage
    from persona_cli.io.discovery import discover

    root = Path(settings.root) if settings.root else cwd

    def keep(found: list[SourceFile]) -> list[SourceFile]:
        return [s for s in found if not settings.excluded(_relative(s.path, root))]

    configured = [
        p if settings.root is None else os.path.relpath(root / p, cwd) for p in settings.paths
    ]
    if paths:
        targets = keep(discover(paths, cwd=cwd))
        try:
            context = keep(discover([p for p in configured if Path(p).exists()], cwd=cwd))
        except Usage:
            context = []
        return targets, context
    found = keep(discover(configured, cwd=cwd))
    return found, found


def segment_folders(folders: list[Path], settings: Settings, cwd: Path) -> list[Path]:
    """Existing `segments/` folders beside each persona folder (examples/personas ->
    examples/segments) and next to the configuration (or in the current directory)."""
    root = Path(settings.root) if settings.root else cwd
    candidates = [root / "segments", *(f.parent / "segments" for f in folders if f.is_dir())]
    found: dict[Path, Path] = {}
    for candidate in candidates:
        if candidate.is_dir():
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def segment_sources(folders: list[Path], settings: Settings, cwd: Path) -> list[SourceFile]:
    """The segment files in `segment_folders`, minus the configured excludes."""
    from persona_cli.io.discovery import discover

    found: list[SourceFile] = []
    for folder in segment_folders(folders, settings, cwd):
        try:
            found.extend(discover([str(folder)], cwd=cwd))
        except UsageError:
            continue  # an empty segments/ folder holds nothing
    return [s for s in found if not settings.excluded(s.display)]


def _relative(path: Path, root: Path) -> str:
    from persona_cli.io.discovery import key_of  # a symlink loop is a finding, not a crash

    try:
        return key_of(path).relative_to(root.resolve()).as_posix()
    except ValueError:
        return key_of(path).as_posix()
