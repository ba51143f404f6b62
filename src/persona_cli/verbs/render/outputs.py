"""Writing briefings under `--out` without harming what is not persona-cli's: every path
proven to sit under the folder, `--out` never a folder personas are read from, files
persona-cli did not write (or that were edited since) never replaced or removed without
`--force`, a record of what it wrote, and `--check` (what a write would do, written nowhere).

Pure core: lines for the user go through the caller's `notify`, in the order they happen (a
file named just before the error that refuses it); nothing here prints.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError
from persona_cli.domain.hidden import reveal

if TYPE_CHECKING:
    from persona_cli.io.ownership import Claim, Record
    from persona_cli.io.settings import Settings
    from persona_cli.verbs.render.engine import Document

#: Where a line for the user goes (stderr, as the command layer decides), one call a line.
Notify = Callable[[str], None]
#: What makes a path argument a glob.
GLOB_CHARS = frozenset("*?[")


def refuse_input_folders(
    out: Path,
    paths: list[str],
    settings: Settings,
    cwd: Path,
    documents: Sequence[Document] = (),
    inputs: Sequence[Path] = (),
) -> None:
    """`--out` must not be, or be inside, a folder personas or segments are read from: the
    folders of the paths given and of the configured `paths`, and the segment folders
    beside them (where `render --segment` and `report` find segments); nor may the folder
    of any of `documents` (`--out .` with a team named `personas`). Where personas are
    read from the top folder (`paths = ["."]`), a folder in it that holds none of the
    `inputs` (the files read) is fine. The segment folders are found as every command
    finds them (`load.sources`)."""
    from persona_cli.io.ownership import refuse_input_folder
    from persona_cli.load.sources import segment_folders

    root = Path(settings.root) if settings.root else cwd
    read: list[Path] = []
    for base, path in [*((cwd, p) for p in paths), *((root, p) for p in settings.paths)]:
        folder = _folder_of(base, path)
        if folder is not None:
            read.append(folder)
    found = [(folder, "persona") for folder in read]
    found += [(folder, "segment") for folder in segment_folders(read, settings, cwd)]
    subfolders = {document.path.rpartition("/")[0] for document in documents}
    refuse_input_folder(
        out,
        found,
        lambda path: shown(path, cwd),
        subfolders=subfolders - {""},
        top=root if settings.root else _repository_top(cwd),
        inputs=inputs,
    )


def _repository_top(cwd: Path) -> Path:
    """The folder of the git repository around `cwd` (else `cwd`): without a configuration,
    the project's top, so that `.` given from inside personas/ is not taken for it."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def _folder_of(base: Path, path: str) -> Path | None:
    """The folder a path argument reads from: the folder itself, a file's folder, or the
    fixed part of a glob (`personas/*.yaml` reads personas/); None when it names nothing."""
    fixed: list[str] = []
    for part in Path(path).parts:
        if GLOB_CHARS & set(part):
            candidate = base.joinpath(*fixed)
            return candidate if candidate.is_dir() else None
        fixed.append(part)
    candidate = base.joinpath(*fixed)
    if candidate.is_dir():
        return candidate
    return candidate.parent if candidate.exists() else None


def shown(path: Path, cwd: Path) -> str:
    """A path for messages: relative to the current folder when under it, and named as it
    was reached, so a link reads as the link (`--out plink`), not where it points."""
    spelled = Path(os.path.normpath(path if path.is_absolute() else cwd / path))
    for base in (cwd, cwd.resolve()):
        if spelled == base or base in spelled.parents:
            return spelled.relative_to(base).as_posix()
    try:  # reached through a link from outside (/tmp/x, with /tmp a link): where it points
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _targets(out: Path, documents: list[Document]) -> list[tuple[Path, str]]:
    """Every output path, proven to sit under `out`. Ids and team names are slugs already;
    this is the second lock on the door: every part of a document's path must be a plain
    name, and each folder, resolved once (a symlinked folder may point anywhere), must lie
    under `out`. Files that are symlinks are checked where they are written."""
    root = out.resolve()
    folders: dict[str, Path] = {}
    pairs: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for document in documents:
        parent, _, name = document.path.rpartition("/")
        if not all(_PLAIN_NAME.match(part) for part in document.path.split("/")):
            raise UsageError(f"refusing to write {document.path}: it is outside {out}")
        # Persona and segment ids are unique slugs, so only an index can share a briefing's
        # name: index.html, or README.md on a case-insensitive disk. One would overwrite the
        # other.
        key = document.path.lower()
        if key in seen:
            stem = name.rpartition(".")[0].lower()
            what = "segment" if parent.endswith("/segments") else "persona"
            raise UsageError(
                f"{shown(out / document.path, Path.cwd())}: the briefing of {what} '{stem}' "
                f"and the index would both be written here",
                hint=f"rename the {what} '{stem}' (its id and file name)",
            )
        seen.add(key)
        folder = folders.get(parent)
        if folder is None:
            folder = out / parent if parent else out
            resolved = folder.resolve()
            if resolved != root and root not in resolved.parents:
                cwd = Path.cwd()
                raise UsageError(
                    f"{shown(folder, cwd)}: links outside {shown(out, cwd)} (to {resolved}); "
                    f"refusing to write {document.path} there",
                    hint="make it a plain folder, or pick another --out",
                )
            folders[parent] = folder
        pairs.append((folder / name, document.text))
    return pairs


_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class Owned:
    """The folders under --out that this render fills completely (`<team>` for the whole
    persona set, `<team>/segments` for `--segment all`; none for a partial render), and the
    suffix of its files there."""

    folders: list[str]
    suffix: str
    #: What a briefing there is about, for the messages: "persona" or "segment".
    subject: str = "persona"


def extension(output_format: str) -> str:
    """The suffix of the files a format writes, without its dot."""
    return "html" if output_format == "html" else "md"


def orphans(out: Path, documents: list[Document], owned: Owned) -> list[Path]:
    """Briefing files in the owned folders that no document produces any more: a deleted,
    renamed or retired persona's. Only regular files with the output's suffix count; hidden
    files and subfolders are not this render's to judge (nor, later, files it did not
    write: see `_plan`)."""
    produced = {document.path for document in documents}
    stale = []
    for folder in sorted(set(owned.folders)):
        for name, entry in sorted(_present(out / folder).items()):
            if name.startswith(".") or not name.endswith(owned.suffix):
                continue
            if f"{folder}/{name}" not in produced and entry.is_file(follow_symlinks=False):
                stale.append(out / folder / name)
    return stale


@dataclass(slots=True)
class _Plan:
    """What a write under --out does, decided before anything is written."""

    #: Files to (re)write, with their bytes.
    writes: list[tuple[Path, bytes]] = field(default_factory=list)
    #: Every target and the hash of what it holds after the run: the record's new entries.
    wrote: dict[str, str] = field(default_factory=dict)
    #: Targets persona-cli may not replace without --force, and why.
    refused: list[tuple[Path, Claim]] = field(default_factory=list)
    #: Stale briefings persona-cli wrote: unchanged since (prunable) or edited since.
    stale: list[tuple[Path, Claim]] = field(default_factory=list)


def _plan(
    out: Path,
    documents: list[Document],
    owned: Owned,
    record: Record,
    *,
    force: bool,
    sweep: bool = False,
) -> _Plan:
    """Sort every target into written, unchanged (or adopted) and refused, and find the
    stale briefings persona-cli owns. A file persona-cli did not write is never called
    stale: it is a person's, in a folder they share with the briefings."""
    from persona_cli.io import fileio
    from persona_cli.io.ownership import Claim, digest

    root = out.resolve()
    plan = _Plan()
    listed: dict[Path, dict[str, os.DirEntry[str]]] = {}
    for path, text in _targets(out, documents):
        data = text.encode("utf-8")
        name = path.relative_to(out).as_posix()
        present = listed.get(path.parent)
        if present is None:
            present = listed[path.parent] = _present(path.parent)
            if sweep:  # what a killed run left, removed even when nothing changes
                fileio.sweep(path.parent, present)
        entry = present.get(path.name)
        current = None
        if entry is not None:
            if entry.is_dir():  # a rename onto a folder fails after the others were staged
                raise UsageError(
                    f"{path}: is a folder where a briefing file goes; move or remove it, "
                    "or pick another --out"
                )
            if entry.is_symlink() and root not in path.resolve().parents:
                raise UsageError(
                    f"refusing to write {path}: it links outside {out}",
                    hint="remove the link (persona-cli writes a file there), or pick another --out",
                )
            current = read_target(path)
        claim = record.claim(name, current, data)
        plan.wrote[name] = digest(data)
        if claim is Claim.SAME:
            continue  # creating a file costs far more than reading one; keeps mtimes too
        if claim.refused and not force:
            plan.refused.append((path, claim))
            continue
        plan.writes.append((path, data))
    for path in orphans(out, documents, owned):
        claim = record.claim(path.relative_to(out).as_posix(), read_target(path))
        if claim in (Claim.OURS, Claim.EDITED):
            plan.stale.append((path, claim))
    return plan


def read_target(path: Path) -> bytes | None:
    """What a file under --out holds now (None: nothing), to judge whose it is."""
    from persona_cli.io.ownership import current_bytes

    try:
        return current_bytes(path)
    except OSError as failure:
        raise UsageError(
            f"{path}: cannot read it to tell whether persona-cli wrote it: "
            f"{failure.strerror or failure}",
            hint="fix its permissions, or move it out of the output folder",
        ) from None


def output_record(out: Path, cwd: Path, notify: Notify) -> Record:
    """The record of what persona-cli wrote under `out`; one it cannot read is named."""
    from persona_cli.io.ownership import load

    record = load(out)
    if record.path.is_dir():  # checked before writing: the record could not be saved
        raise UsageError(
            f"{shown(record.path, cwd)}: is a folder where persona-cli keeps the record of "
            "the files it wrote; nothing written",
            hint="move or remove that folder",
        )
    if record.problem is not None:
        notify(
            f"persona: warning: {shown(record.path, cwd)} {record.problem}: read as owning "
            "no file (a file that differs from what would be written needs --force); it is "
            "rewritten when files are written"
        )
    return record


def refuse_kept(
    kept: list[tuple[Path, str]], out: Path, cwd: Path, verb: str, notify: Notify
) -> None:
    """Exit 2, writing nothing, when files persona-cli may not replace or remove are in the
    way; each is named, with why."""
    if not kept:
        return
    if len(kept) == 1:
        path, reason = kept[0]
        raise UsageError(
            f"{shown(path, cwd)}: {reason}; left as it is and nothing written",
            hint=f"pass --force to {verb} it",
        )
    for path, reason in kept:
        notify(reveal(f"persona: {shown(path, cwd)}: {reason}; left as it is"))
    raise UsageError(
        f"{len(kept)} files under {shown(out, cwd)}/ are not persona-cli's to {verb}; "
        "nothing written",
        hint=f"pass --force to {verb} them",
    )


def write_owned(
    out: Path,
    documents: list[Document],
    owned: Owned,
    cwd: Path,
    *,
    prune: bool,
    force: bool,
    notify: Notify,
) -> tuple[int, int]:
    """Write the documents under `out`, replacing only files persona-cli wrote (or, with
    `force`, any), then remove the stale briefings it owns (`prune`) or name them, and
    update the record. Returns how many files were written and how many removed."""
    from persona_cli.io.ownership import Claim, save, why

    record = output_record(out, cwd, notify)
    plan = _plan(out, documents, owned, record, force=force, sweep=True)
    kept = [(path, why(claim)) for path, claim in plan.refused]
    if prune and not force:
        kept += [
            (path, f"no {owned.subject} is briefed here any more, but it was {why(claim)}")
            for path, claim in plan.stale
            if claim is Claim.EDITED
        ]
    refuse_kept(kept, out, cwd, "replace" if not prune else "replace or remove", notify)
    from persona_cli.io import fileio

    with fileio.signals_held():  # the files and their record change together
        written = write_all(out, plan.writes)
        removed: list[str] = []
        if prune:
            for path, _ in plan.stale:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as failure:
                    save(record, wrote=plan.wrote, removed=removed)
                    raise _write_error(shown(path, cwd), failure) from None
                removed.append(path.relative_to(out).as_posix())
        save(record, wrote=plan.wrote, removed=removed)
    if not prune:
        for path, claim in plan.stale:
            after = (
                "--prune removes it"
                if claim is Claim.OURS
                else f"it was {why(claim)}, so only --prune --force removes it"
            )
            notify(
                f"persona: warning: {shown(path, cwd)}: no {owned.subject} is briefed here "
                f"any more; {after}"
            )
    return written, len(removed)


def check(
    out: Path, documents: list[Document], cwd: Path, owned: Owned, *, force: bool, notify: Notify
) -> bool:
    """--check: what a write would do, written nowhere. Files persona-cli would refuse to
    replace are named too (the write would exit 2 on them). True when all is up to date."""
    from persona_cli.io.ownership import Claim, why

    record = output_record(out, cwd, notify)
    plan = _plan(out, documents, owned, record, force=force)
    refused = {path for path, _ in plan.refused}
    stale: list[str] = []
    for path, _ in plan.writes:
        where = shown(path, cwd)
        state = "missing" if not path.exists() else "out of date"
        notify(reveal(f"persona: would update {where} ({state})"))
        stale.append(where)
    for path, claim in plan.refused:
        notify(
            f"persona: {shown(path, cwd)}: {why(claim)}; the write would leave it as it is "
            "and exit 2 (--force replaces it)"
        )
    extra = [path for path, claim in plan.stale if claim is Claim.OURS]
    for path in extra:
        notify(f"persona: would remove {shown(path, cwd)} (no {owned.subject} is briefed here)")
    for path, claim in plan.stale:
        if claim is Claim.EDITED:
            notify(
                f"persona: {shown(path, cwd)}: no {owned.subject} is briefed here any more, "
                f"but it was {why(claim)}; --prune keeps it (--prune --force removes it)"
            )
    edited = len(plan.stale) - len(extra)
    if stale or refused or plan.stale:
        changing = len(stale) + len(refused)
        counts = [f"{changing} of {len(documents)} briefing files would change"] if changing else []
        if extra:
            counts.append(
                f"{len(extra)} stale file{'' if len(extra) == 1 else 's'} would be removed"
            )
        if edited:
            counts.append(f"{edited} stale file{'' if edited == 1 else 's'} edited by hand")
        action = "without --check" + (" and with --prune" if plan.stale else "")
        if refused or (edited and not force):
            action += " and with --force"
        notify(f"{'; '.join(counts)}: run the same command {action}")
        return False
    one = len(documents) == 1
    notify(
        f"{len(documents)} briefing file{'' if one else 's'} {'is' if one else 'are'} up to date"
    )
    return True


def _present(folder: Path) -> dict[str, os.DirEntry[str]]:
    """What a folder holds, by name, in one listing (nothing when it does not exist yet):
    a fresh output folder costs no look-up per file."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry for entry in entries}
    except OSError:  # missing, or a file in the way: mkdir says which, below
        return {}


def write_all(out: Path, plan: list[tuple[Path, bytes]]) -> int:
    """Write every file through `fileio.write_many`: all are staged before any is put in
    place, so a failure while writing leaves the old files, never half of a new set. Returns
    how many files were (re)written."""
    from persona_cli.io import fileio

    try:
        for folder in sorted({path.parent for path, _ in plan}):
            folder.mkdir(parents=True, exist_ok=True)
        fileio.write_many(plan)
    except OSError as failure:
        raise _write_error(failure.filename or out, failure) from None
    return len(plan)


def _write_error(where: object, failure: OSError) -> UsageError:
    """The folder or file in the way, when known, and what the system said."""
    return UsageError(f"{where}: cannot write briefings: {failure.strerror or failure}")


@dataclass(frozen=True, slots=True)
class Checked:
    """`--check` ran: whether every file under --out is as a write would leave it."""

    up_to_date: bool
    #: Each persona that could not be briefed, as lint words it (the run exits 2).
    broken: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Written:
    """A write under --out: files (re)written of all produced, stale ones removed, the folder
    as messages show it, and how many team folders (None for committee briefings)."""

    written: int
    total: int
    removed: int
    folder: str
    teams: int | None = None
    #: Each persona that could not be briefed, as lint words it (the run exits 2).
    broken: tuple[str, ...] = ()


def check_or_write(
    out: Path,
    documents: list[Document],
    owned: Owned,
    cwd: Path,
    *,
    check_only: bool,
    prune: bool,
    force: bool,
    notify: Notify,
) -> Checked | Written:
    """`--check` (what a write would do), else the write itself."""
    if check_only:
        return Checked(check(out, documents, cwd, owned, force=force, notify=notify))
    written, removed = write_owned(
        out, documents, owned, cwd, prune=prune, force=force, notify=notify
    )
    return Written(written, len(documents), removed, shown(out, cwd))
