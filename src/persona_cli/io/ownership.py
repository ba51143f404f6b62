"""Which files in an output folder persona-cli wrote, so that it never replaces or removes a
file a person wrote.

`render --out DIR` and `report --out DIR` keep a record at the root of DIR,
`.persona-cli-outputs.json`: every file persona-cli wrote there (its path relative to DIR)
with the SHA-256 of the bytes it wrote. A file that is there already may be replaced, or
removed by `--prune`, only when

- it is recorded and its bytes still have the recorded hash (persona-cli's, unedited), or
- it already holds exactly the bytes about to be written (nothing is lost; the file is
  adopted into the record: this is how folders written before the record existed move over).

Line ends do not count: a file that differs only by CRLF for LF (a checkout by git on
Windows) is the same file.

Anything else is a person's file, or one edited by hand since: it is left as it is unless the
user passes `--force`. A record that is missing owns nothing; one that cannot be read owns
nothing either, and the caller warns about it (it is rewritten on the next write).

Plain functions over bytes and paths; no printing (the commands word the messages).
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from persona_cli.domain.errors import UsageError

#: The record's file name, at the root of the output folder (hidden: it is not a briefing).
RECORD = ".persona-cli-outputs.json"
VERSION = 1
_ABOUT = (
    "Files persona-cli wrote in this folder, with the SHA-256 of the bytes it wrote. It "
    "replaces or removes only these, and only while they are unchanged; pass --force to "
    "take over any other file."
)
_HEX = re.compile(r"^[0-9a-f]{64}$")
#: A record larger than this is not one persona-cli wrote (a few hundred bytes per file).
_MAX_BYTES = 64 * 1024 * 1024


class Claim(enum.Enum):
    """What persona-cli may do with a path in the output folder."""

    NEW = "new"  # nothing there: create it
    SAME = "same"  # holds the very bytes to write: nothing to do (recorded, or adopted)
    OURS = "ours"  # recorded and unchanged since: may be replaced or removed
    FOREIGN = "foreign"  # not written by persona-cli: left alone unless --force
    EDITED = "edited"  # written by persona-cli, edited since: left alone unless --force

    @property
    def refused(self) -> bool:
        return self in (Claim.FOREIGN, Claim.EDITED)


def why(claim: Claim) -> str:
    """The reason a file is left alone, for the messages."""
    if claim is Claim.EDITED:
        return "edited since persona-cli wrote it"
    return "not written by persona-cli"


@dataclass(frozen=True, slots=True)
class Record:
    """The files persona-cli wrote into `folder`: relative POSIX path -> SHA-256 (hex)."""

    folder: Path
    files: Mapping[str, str] = field(default_factory=dict)
    #: Why the record on disk could not be used (it then owns nothing); None when it could.
    problem: str | None = None

    @property
    def path(self) -> Path:
        return self.folder / RECORD

    def claim(self, name: str, current: bytes | None, new: bytes | None = None) -> Claim:
        """What may be done with `name` (relative to the folder), which now holds
        `current` (None: nothing there) and would get `new` (None: it would be removed)."""
        if current is None:
            return Claim.NEW
        if new is not None and (current == new or _lf(current) == _lf(new)):
            return Claim.SAME
        recorded = self.files.get(name)
        if recorded is None:
            return Claim.FOREIGN
        unchanged = recorded in (digest(current), digest(_lf(current)))
        return Claim.OURS if unchanged else Claim.EDITED


def _lf(data: bytes) -> bytes:
    """`data` with CRLF line ends made LF: git checks text files out with CRLF on Windows
    (core.autocrlf), which changes no word of a briefing, so is no edit."""
    return data.replace(b"\r\n", b"\n")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(folder: Path) -> Record:
    """The record in `folder`; an empty one when there is none yet (or no folder), and an
    empty one with `problem` set when the file is not a record this version can read."""
    path = folder / RECORD
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return Record(folder)
    except OSError as failure:
        return Record(folder, problem=f"cannot be read ({failure.strerror or failure})")
    if not stat.S_ISREG(info.st_mode):  # never open a FIFO or a device: it could hang
        return Record(folder, problem="is not a regular file")
    if info.st_size > _MAX_BYTES:
        return Record(folder, problem="is too large to be a record persona-cli wrote")
    try:
        raw = path.read_bytes()
    except OSError as failure:
        return Record(folder, problem=f"cannot be read ({failure.strerror or failure})")
    files, problem = _parse(raw)
    return Record(folder, files, problem)


def _parse(raw: bytes) -> tuple[dict[str, str], str | None]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}, "is not valid JSON"
    if not isinstance(data, dict):
        return {}, "is not a JSON object"
    version = data.get("version")
    if version != VERSION:
        return {}, f"has version {json.dumps(version)}, not {VERSION}"
    files = data.get("files")
    if not isinstance(files, dict):
        return {}, "has no 'files' object"
    parsed: dict[str, str] = {}
    for name, value in files.items():
        if not _relative_name(name) or not isinstance(value, str) or not _HEX.match(value):
            return {}, f"has a malformed entry {json.dumps(name)}"
        parsed[name] = value
    return parsed, None


def _relative_name(name: str) -> bool:
    """A path inside the folder: relative, POSIX, no empty, `.` or `..` parts."""
    parts = name.split("/")
    return bool(name) and all(part not in ("", ".", "..") for part in parts) and "\\" not in name


def current_bytes(path: Path) -> bytes | None:
    """What a target holds now; None when nothing is there. Only regular files (or links to
    them) are read: anything else (a FIFO, a device, a dangling link) could hang a read or
    is surely no file persona-cli wrote, and stands as bytes no render produces."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return NOT_A_FILE if path.is_symlink() else None
    if not stat.S_ISREG(info.st_mode):
        return NOT_A_FILE
    return path.read_bytes()


#: Stands for a target that is not a regular file: never valid UTF-8 (rendered text is),
#: so it never equals what would be written, and no record holds its hash.
NOT_A_FILE = b"\xff persona-cli: not a regular file \xff"


def save(record: Record, *, wrote: Mapping[str, str], removed: Iterable[str] = ()) -> None:
    """Add `wrote` (name -> hash) to the record on disk and drop `removed`, plus entries
    whose file is gone; written atomically, and only when it changes. The record is read
    again first, under the folder's lock, so that a run into the same folder that finished
    meanwhile (render, then render --segment), or one saving at the same moment, keeps its
    entries."""
    from persona_cli.io import fileio

    with fileio.locked(record.folder):
        _merge_and_save(record.folder, wrote=wrote, removed=removed)


def _merge_and_save(folder: Path, *, wrote: Mapping[str, str], removed: Iterable[str]) -> None:
    from persona_cli.io import fileio

    latest = load(folder)
    fileio.pause_for_tests()
    files = dict(latest.files)
    files.update(wrote)
    for name in removed:
        files.pop(name, None)
    files = {name: value for name, value in sorted(files.items()) if os.path.lexists(folder / name)}
    if latest.problem is None and files == dict(latest.files):
        return  # unchanged: keep the file (and its time) as it is
    if not files and latest.problem is None and not latest.path.exists():
        return
    text = json.dumps(
        {"about": _ABOUT, "generator": "persona-cli", "version": VERSION, "files": files},
        indent=2,
        ensure_ascii=False,
    )
    fileio.write(latest.path, text + "\n")


# --- the output folder itself ------------------------------------------------------------


def refuse_input_folder(
    out: Path,
    folders: Sequence[tuple[Path, str]],
    shown: Callable[[Path], str],
    *,
    subfolders: Iterable[str] = (),
    top: Path | None = None,
    inputs: Iterable[Path] = (),
) -> None:
    """Refuse an output folder that is, or is inside, a folder the personas or segments are
    read from (`folders`: path and what it holds), and one whose `subfolders` (the folders
    files go to, relative to it: `sales`, `sales/segments`) would be. Resolved paths are
    compared, so a symlink to the folder, or a folder reached through one, counts too.

    A persona folder that is the project's `top` folder (`paths = ["."]`), or above it,
    holds the whole repository: every output folder is inside it. There only the folder
    itself is refused, and a folder inside it that holds any of the `inputs`."""
    bases = [(folder.resolve(), folder, what) for folder, what in folders]
    target = out.resolve()
    around = top.resolve() if top is not None else None

    def inside(path: Path, base: Path) -> bool:
        wide = around is not None and (base == around or base in around.parents)
        return path == base or (base in path.parents and not wide)

    for base, folder, what in bases:
        if inside(target, base):
            where = "is" if target == base else "is inside"
            raise UsageError(
                f"--out {shown(out)} {where} the {what} folder {shown(folder)}: output "
                f"written there would mix with the {what}s",
                hint="pick an output folder outside it (such as out/ at the top of the repository)",
            )
    if any(base in target.parents for base, _, _ in bases):  # inside a folder of the top
        for path in inputs:
            if target in path.resolve().parents:
                raise UsageError(
                    f"--out {shown(out)} holds persona or segment files ({shown(path)}): "
                    "output written there would mix with them",
                    hint="pick an output folder that holds none (such as out/)",
                )
    for sub in sorted(set(subfolders)):
        inner = (out / sub).resolve()
        for base, folder, what in bases:
            if inside(inner, base):
                raise UsageError(
                    f"--out {shown(out)}: files would be written to {shown(out / sub)}, in "
                    f"the {what} folder {shown(folder)}",
                    hint="pick another output folder, or rename the team",
                )
