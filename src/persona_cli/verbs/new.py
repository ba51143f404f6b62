"""`persona new`: check a request against the persona set and plan the file to write.

Nothing here writes a file or prints; the command hands the plan to `fileio.write`. The
file's text comes from `persona_text`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError
from persona_cli.io.file_read import DEFAULT_MAX_BYTES
from persona_cli.verbs.persona_text import (
    KINDS,
    MODELINE,
    SCHEMA_FILE,
    SCHEMA_URL,
    individual_text,
    persona_text,
    placeholder_name,
)

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings


@dataclass(frozen=True, slots=True)
class NewPlan:
    """A persona file to create, and what to tell the author about it."""

    path: Path
    display: str
    text: str
    kind: str
    parent: str | None
    #: The folder it lands in is outside the configured paths: lint will not see it by default.
    outside: bool


@dataclass(frozen=True, slots=True)
class _Known:
    """A persona file in the set, by an id it answers to."""

    path: Path
    display: str


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_id(persona_id: str, what: str = "id") -> None:
    """A persona id is the model's slug, and names the file."""
    from persona_cli.domain.model import SLUG_PATTERN

    if re.fullmatch(SLUG_PATTERN, persona_id):
        return
    given = persona_id
    if persona_id.endswith((".yaml", ".yml")) or "/" in persona_id:
        given = PurePath(persona_id).stem  # a path where the id goes: its file name is the id
    fixed = _slugify(given)
    hint = (
        f"ids are lower-case letters, digits and hyphens (the file name without .yaml), "
        f"e.g. '{fixed}'"
        if fixed
        else "ids are lower-case letters, digits and hyphens, e.g. 'ciso-risk-averse'"
    )
    raise UsageError(f"'{persona_id}' is not a valid {what}", hint=hint)


def _bases(settings: Settings, cwd: Path) -> list[Path]:
    """The folders the configured `paths` point into (a glob's fixed prefix, a file's folder)."""
    root = Path(settings.root) if settings.root else cwd
    bases: list[Path] = []
    for raw in settings.paths:
        parts = Path(raw).parts
        fixed = list(parts[: next((i for i, p in enumerate(parts) if _globby(p)), None)])
        base = root.joinpath(*fixed) if fixed else root
        if len(fixed) == len(parts) and Path(raw).suffix in (".yaml", ".yml"):
            base = base.parent
        bases.append(base)
    return bases


def _globby(part: str) -> bool:
    return any(char in part for char in "*?[")


#: A top-level `id:` line: enough to find ids without parsing every file of a large set.
_ID_LINE = re.compile(r"""^id:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def _known_ids(folders: Sequence[Path], cwd: Path) -> dict[str, _Known]:
    """Every persona id in `folders`: each file's stem and the `id` it declares (read from
    its top-level `id:` line; a file that is not a persona still reserves its stem)."""
    from persona_cli.io.discovery import discover
    from persona_cli.io.file_read import read_regular

    found: dict[str, _Known] = {}
    sources: list[SourceFile] = []
    for folder in dict.fromkeys(folders):
        if folder.is_dir():
            try:
                sources += discover([str(folder)], cwd=cwd)
            except UsageError:  # a folder without persona files yet
                continue
    for source in sources:
        idents = [source.path.stem]
        raw = read_regular(source.path, source.display, max_bytes=DEFAULT_MAX_BYTES)
        if isinstance(raw, bytes):  # never a FIFO, a socket or a device
            text = raw.decode("utf-8", errors="replace")
            idents += [match[2] for match in _ID_LINE.finditer(text)]
        for ident in idents:
            found.setdefault(ident, _Known(source.path, source.display))
    return found


def _parent_name(parent: _Known) -> str | None:
    """The `name` the `--from` parent declares; LoadError when its file cannot be read (any
    loader finding, as for every command): a profile must not start from a parent whose
    values are not what the file unambiguously holds."""
    import shlex

    from persona_cli.domain.errors import LoadError
    from persona_cli.io.yaml_read import load_file  # never opens a FIFO, a socket or a device

    loaded = load_file(parent.path, parent.display)
    problem = loaded.problem
    if problem is not None:
        raise LoadError(
            f"--from: {parent.display}:{problem.line}:{problem.column}: {problem.code} "
            f"{problem.message}; the parent cannot be read, nothing written",
            hint=f"fix it first (persona lint {shlex.quote(parent.display)} says why)",
        )
    data = loaded.document.data if loaded.document is not None else {}
    name = data.get("name")
    return name if isinstance(name, str) else None


def schema_reference(folder: Path) -> str:
    """The modeline's `$schema` for a persona written in `folder`: what its neighbours use,
    else the repository's `schemas/persona.schema.json` relative to the folder, else the
    schema of this version online."""
    folder = folder.resolve() if folder.exists() else Path(os.path.abspath(folder))  # noqa: PTH100
    if folder.is_dir():
        for sibling in sorted(folder.iterdir()):
            if sibling.suffix not in (".yaml", ".yml") or not sibling.is_file():
                continue
            try:
                with sibling.open(encoding="utf-8") as stream:
                    first = stream.readline().strip()
            except (OSError, UnicodeDecodeError):
                continue
            if first.startswith(MODELINE) and len(first) > len(MODELINE):
                return first[len(MODELINE) :]
    for parent in (folder, *folder.parents):
        candidate = parent / "schemas" / SCHEMA_FILE
        if candidate.is_file():
            return Path(os.path.relpath(candidate, folder)).as_posix()
        if (parent / ".git").exists():
            break
    return SCHEMA_URL


def plan_new(
    *,
    persona_id: str,
    kind: str | None,
    parent: str | None,
    name: str | None,
    owners: Sequence[str],
    directory: Path | None,
    settings: Settings,
    cwd: Path,
) -> NewPlan:
    """Check the request against the persona set and build the file to write."""
    import difflib

    from persona_cli.io.discovery import display_path

    check_id(persona_id)
    if parent is not None:
        check_id(parent, "--from id")
        if kind not in (None, "individual"):
            raise UsageError(
                f"--from makes an individual profile, not a {kind}",
                hint="drop --kind, or pass --kind individual",
            )
        kind = "individual"
    if kind is None:
        raise UsageError(
            "missing option --kind", hint=f"choose one of {', '.join(KINDS)}, or pass --from"
        )
    if kind not in KINDS:
        raise UsageError(f"--kind: '{kind}' is not one of {', '.join(KINDS)}")
    chosen_name = (name or "").strip() or placeholder_name(persona_id)
    if name is not None and not name.strip():
        raise UsageError("--name is empty", hint="give the name people use, or leave it out")
    clean_owners = [owner.strip() for owner in owners]
    if any(not owner for owner in clean_owners):
        raise UsageError("--owner is empty", hint="give a name, an email or a team handle")
    from persona_cli.domain import hidden

    for option, value in [("--name", name or ""), *(("--owner", o) for o in clean_owners)]:
        if (problem := hidden.in_argument(option, value)) is not None:
            raise UsageError(problem, hint="retype the text (if it was pasted, the copy held it)")

    bases = _bases(settings, cwd)
    folder = directory if directory is not None else bases[0]
    folder = folder if folder.is_absolute() else cwd / folder
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{display_path(folder, cwd)}: not a directory", hint="check --dir")
    known = _known_ids([*bases, folder], cwd)
    path = folder / f"{persona_id}.yaml"
    display = display_path(path, cwd)
    if path.exists():
        raise UsageError(
            f"{display}: already exists; nothing written",
            hint="choose another id, or edit that file",
        )
    if persona_id in known:
        raise UsageError(
            f"id '{persona_id}' is already used by {known[persona_id].display}; nothing written",
            hint="ids must be unique in the set: choose another id",
        )
    parent_name: str | None = None
    if parent is not None:
        if parent not in known:
            close = difflib.get_close_matches(parent, list(known), n=1, cutoff=0.6)
            raise UsageError(
                f"--from: no persona '{parent}'",
                hint=f"did you mean '{close[0]}'?"
                if close
                else "pass the id (file name without .yaml) of a persona in the configured paths",
            )
        parent_name = _parent_name(known[parent])
    schema = schema_reference(folder)
    if parent is not None:
        text = individual_text(
            persona_id=persona_id,
            parent_id=parent,
            parent_name=parent_name,
            name=chosen_name,
            owners=clean_owners,
            schema=schema,
        )
    else:
        text = persona_text(
            persona_id=persona_id,
            kind=kind,
            name=chosen_name,
            owners=clean_owners,
            schema=schema,
            display=display,
        )
    resolved = Path(os.path.abspath(folder))  # noqa: PTH100
    outside = directory is not None and not any(
        resolved == Path(os.path.abspath(base)) or Path(os.path.abspath(base)) in resolved.parents  # noqa: PTH100
        for base in bases
    )
    return NewPlan(
        path=path,
        display=display,
        text=text,
        kind=kind,
        parent=parent,
        outside=outside,
    )
