"""`persona import`: sources in, a planned set of persona files out (no printing).

`plan_import` reads every source, places every statement, gives each persona its id and
file, builds its text and checks that no statement was lost; `write_plan` writes the files
all or nothing. A dry run is a plan that is only reported.

Decisions a person should know about (the README repeats them):

- A folder is read recursively, hidden files and folders skipped; a file in it of no known
  format, or one its reader cannot import (a README with no persona, a broken file), is
  reported and skipped. A file named on the command line must import, or nothing does.
- Ids: a source of one persona per file (persona library, Markdown file, HTML page) takes
  the file name; others take the source's own id when it is a valid id, else the slug of
  the name. Two personas with one id: the second gets `-2` (a warning says so). A file in
  the output folder that came from the same source and place is this persona imported
  before: it needs `--force`. Any other file there keeps its id, and the newcomer is suffixed.
- Kind: `--kind`, else what the source says (an "Internal personas" heading), else `user`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from persona_cli.domain.errors import UsageError
from persona_cli.verbs.importing import check
from persona_cli.verbs.importing.document import Reader, SourceError, SourcePersona
from persona_cli.verbs.importing.labels import LabelTable
from persona_cli.verbs.importing.placement import Placed, Placement, place
from persona_cli.verbs.importing.readers import READERS, data_problem, detect

#: Formats that hold one persona per file: the file name is the id.
ONE_PER_FILE = frozenset({"persona-library", "markdown-file", "html"})
DEFAULT_KIND = "user"
KINDS = ("buyer", "user", "internal", "individual")
#: Files larger than this are not persona sources (a saved page is tens of kilobytes).
MAX_SOURCE_BYTES = 8 * 1024 * 1024
#: Skipped files a "no personas found" error names.
_SHOWN_SKIPS = 3


@dataclass(slots=True)
class Imported:
    """One persona as it will be written."""

    source: SourcePersona
    id: str
    path: Path
    display: str
    kind: str
    #: Where the kind came from: `--kind`, `source` or `default`.
    kind_from: str
    placement: Placement
    parent: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    warnings: list[str] = field(default_factory=list)
    lost: list[Placed] = field(default_factory=list)
    replaces: bool = False


@dataclass(slots=True)
class ImportPlan:
    personas: list[Imported]
    #: Files of a folder that were not read, with why.
    skipped: list[tuple[str, str]]
    out: Path
    out_display: str


@dataclass(frozen=True, slots=True)
class _File:
    path: Path
    display: str
    given: str
    explicit: bool


def source_display(path: Path, cwd: Path, given: Path | None = None) -> str:
    """A path as the report and provenance show it: POSIX, relative to cwd when under it,
    else as given (`../shared/personas.md` stays so; an imported file does not record where
    one person's checkout happened to be)."""
    from persona_cli.io.discovery import display_path

    shown = display_path(path, cwd)
    if given is not None and Path(shown).is_absolute():
        return given.as_posix()
    return shown


def _files(sources: Sequence[Path], cwd: Path) -> list[_File]:
    """Every file to read, each once: a file given twice, or directly and through its
    folder, is read where it is first named (a direct mention makes it explicit)."""
    found: list[_File] = []
    seen: dict[Path, int] = {}

    def add(file: _File) -> None:
        key = file.path.resolve()
        if key in seen:
            if file.explicit and not found[seen[key]].explicit:
                found[seen[key]] = file
            return
        seen[key] = len(found)
        found.append(file)

    for given in sources:
        path = given if given.is_absolute() else cwd / given
        display = source_display(path, cwd, given)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{display}: no such file or folder; nothing imported")
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    file = Path(folder) / name
                    shown = source_display(file, cwd, Path(display) / file.relative_to(path))
                    add(_File(file, shown, display, False))
        else:
            add(_File(path, display, display, True))
    return found


def _read_text(file: _File) -> str:
    from persona_cli.io.file_read import read_regular

    raw = read_regular(file.path, file.display, max_bytes=MAX_SOURCE_BYTES)
    if not isinstance(raw, bytes):
        message = raw.message.split("; ")[0]
        raise SourceError(Path(file.display), f"{message}; nothing imported")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            Path(file.display), "not UTF-8 text; save it as UTF-8, nothing imported"
        ) from None


def _reader_for(file: _File, text: str, chosen: Reader | None) -> Reader | None:
    if chosen is not None:
        return chosen if file.explicit or chosen.detects(file.path, text) else None
    return detect(file.path, text)


def read_sources(
    sources: Sequence[Path], *, reader_name: str | None, cwd: Path
) -> tuple[list[SourcePersona], list[tuple[str, str]]]:
    """Every persona of every source, and the folder files skipped (with why). SourceError
    for a source that cannot be imported."""
    chosen: Reader | None = None
    if reader_name is not None:
        if reader_name not in READERS:
            raise UsageError(
                f"--from: '{reader_name}' is not a known format",
                hint=f"choose one of {', '.join(READERS)}, or leave --from out to detect it",
            )
        chosen = READERS[reader_name]
    personas: list[SourcePersona] = []
    skipped: list[tuple[str, str]] = []
    for file in _files(sources, cwd):
        try:
            text = _read_text(file)
        except SourceError:
            if file.explicit:
                raise
            skipped.append((file.display, "cannot be read as UTF-8 text"))
            continue
        reader = _reader_for(file, text, chosen)
        if reader is None:
            broken = data_problem(Path(file.display), text)
            if broken is not None:
                if file.explicit:
                    raise broken
                where = f"line {broken.line}: " if broken.line is not None else ""
                skipped.append((file.display, f"{where}{broken.message}"))
                continue
            if file.explicit:
                raise SourceError(
                    Path(file.display),
                    "no known persona format found; pass --from FORMAT "
                    f"({', '.join(READERS)}), nothing imported",
                )
            skipped.append(
                (file.display, f"not {chosen.name}" if chosen else "no known persona format")
            )
            continue
        try:
            found = reader.read(Path(file.display), text)
            if not found:
                raise SourceError(
                    Path(file.display),
                    f"no personas found ({reader.name}); check the file or pass another --from",
                )
        except SourceError as failure:
            if file.explicit:
                raise
            # A folder holds what it holds (a README beside the personas): say why, go on.
            where = f"line {failure.line}: " if failure.line is not None else ""
            skipped.append((file.display, f"{reader.name}: {where}{failure.message}"))
            continue
        personas += found
    if not personas:
        where = ", ".join(source_display(s if s.is_absolute() else cwd / s, cwd) for s in sources)
        if chosen is not None and skipped:
            shown = "; ".join(f"{path} ({why})" for path, why in skipped[:_SHOWN_SKIPS])
            more = len(skipped) - _SHOWN_SKIPS
            raise UsageError(
                f"no {chosen.name} personas found in {where}: skipped {shown}"
                + (f" and {more} more" if more > 0 else "")
                + "; nothing imported",
                hint="check the files, or pass another --from",
            )
        raise UsageError(
            f"no personas found in {where}; nothing imported",
            hint=f"pass files in a known format ({', '.join(READERS)}), or --from FORMAT",
        )
    return personas, skipped


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def _valid(ident: str | None) -> bool:
    from persona_cli.domain.model import SLUG_PATTERN

    return ident is not None and re.fullmatch(SLUG_PATTERN, ident) is not None


def _base_id(persona: SourcePersona, single: bool) -> tuple[str, str | None]:
    """The id a persona asks for, and a warning when the file name overrules its source id."""
    if persona.format in ONE_PER_FILE and single:
        base = slug(Path(persona.source).stem) or slug(persona.name) or "persona"
        if persona.id_hint and persona.id_hint != base:
            return base, (
                f"source id '{persona.id_hint}' differs from the file name: written as "
                f"'{base}' (the file name wins)"
            )
        return base, None
    if persona.id_hint and _valid(persona.id_hint):
        return persona.id_hint, None
    return slug(persona.name) or "persona", None


def _existing(path: Path, source: str, location: str | None) -> str | None:
    """For a file already at `path`: `same` when it is this persona imported before (same
    source and place), `other` for any other file; None when nothing is there."""
    from persona_cli.io.yaml_read import load_file

    if not path.exists():
        return None
    loaded = load_file(path, str(path))
    data = loaded.document.data if loaded.document is not None else {}
    provenance = data.get("provenance")
    if (
        isinstance(provenance, dict)
        and provenance.get("source") == source
        and provenance.get("location") == location
    ):
        return "same"
    return "other"


def _location_text(persona: SourcePersona) -> str | None:
    return persona.location.pointer or (
        f"line {persona.location.line}" if persona.location.line is not None else None
    )


def plan_import(
    sources: Sequence[Path],
    *,
    reader_name: str | None,
    labels: dict[str, str] | None,
    out: Path,
    kind: str | None,
    force: bool,
    cwd: Path,
    today: dt.date,
) -> ImportPlan:
    """Read, place, name and build every persona; nothing is written."""
    from persona_cli.verbs.new import schema_reference

    if kind is not None and kind not in KINDS:
        raise UsageError(f"--kind: '{kind}' is not one of {', '.join(KINDS)}")
    found, skipped = read_sources(sources, reader_name=reader_name, cwd=cwd)
    table = LabelTable(labels)
    out = out if out.is_absolute() else cwd / out
    out_display = source_display(out, cwd)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out_display}: not a folder", hint="pass a folder")
    per_file: dict[str, int] = {}
    for persona in found:
        per_file[str(persona.source)] = per_file.get(str(persona.source), 0) + 1

    taken: set[str] = set()
    planned: list[Imported] = []
    for persona in found:
        base, note = _base_id(persona, per_file[str(persona.source)] == 1)
        warnings = list(persona.warnings)
        if note:
            warnings.append(note)
        source = Path(persona.source).as_posix()
        location = _location_text(persona)
        ident, number = base, 1
        replaces = False
        while True:
            path = out / f"{ident}.yaml"
            state = _existing(path, source, location)
            if ident not in taken and state in (None, "same"):
                replaces = state == "same"
                break
            number += 1
            ident = f"{base}-{number}"
        if ident != base:
            why = (
                "an existing file"
                if (out / f"{base}.yaml").exists()
                else ("another persona of this import")
            )
            warnings.append(f"id '{base}' is taken by {why}: written as '{ident}'")
        taken.add(ident)
        if replaces and not force:
            raise UsageError(
                f"{source_display(path, cwd)}: already exists (imported before from "
                f"{source}); nothing written",
                hint="pass --force to replace it, or --out another folder",
            )
        chosen_kind, kind_from = (
            (kind, "--kind")
            if kind
            else (persona.kind_hint, "source")
            if persona.kind_hint in KINDS
            else (DEFAULT_KIND, "default")
        )
        planned.append(
            Imported(
                source=persona,
                id=ident,
                path=path,
                display=source_display(path, cwd),
                kind=chosen_kind or DEFAULT_KIND,
                kind_from=kind_from,
                placement=Placement(),
                warnings=warnings,
                replaces=replaces,
            )
        )
    _link_parents(planned, out)
    names: dict[str, str] = {}
    for item in planned:
        other = names.setdefault(item.source.name.casefold(), item.id)
        if other != item.id:
            item.warnings.append(
                f"name '{item.source.name}' is also {other}'s: give each persona a distinct name"
            )
    schema = schema_reference(out)
    for item in planned:
        _build(item, table, schema=schema, today=today)
    return ImportPlan(planned, skipped, out, out_display)


def _link_parents(planned: list[Imported], out: Path) -> None:
    """Each `extends_hint` to the id its parent is written under: a persona of this import
    whose file name is that id, else the one whose source id it is, else a persona already
    in the output folder; a parent found nowhere is kept as a note, with a warning."""
    by_id = {item.id: item.id for item in planned}
    by_hint: dict[str, list[str]] = {}
    for item in planned:
        if item.source.id_hint:
            by_hint.setdefault(item.source.id_hint, []).append(item.id)
    for item in planned:
        wanted = item.source.extends_hint
        if not wanted:
            continue
        parent = by_id.get(wanted)
        if parent is None and len(by_hint.get(wanted, [])) == 1:
            parent = by_hint[wanted][0]
        if parent is None and (out / f"{wanted}.yaml").is_file():
            parent = wanted
        if parent == item.id:
            parent = None
        if parent is None:
            item.warnings.append(
                f"parent '{wanted}' is not in this import nor in the output folder: kept in "
                "notes, not extended"
            )
        elif parent != wanted:
            item.warnings.append(f"parent '{wanted}' is written as '{parent}'")
        item.parent = parent


def _build(item: Imported, table: LabelTable, *, schema: str, today: dt.date) -> None:
    from persona_cli.verbs.importing.writer import persona_data, persona_file_text, validate

    persona = item.source
    item.placement = place(persona, table, additive=item.parent is not None)
    if item.placement.placeholder and not persona.placeholder:  # else the reader said so
        item.warnings.append(
            "placeholder content (every cell one or two characters): imported the name alone"
        )
    if persona.extends_hint and item.parent is None:
        item.placement.notes.setdefault("parent", []).insert(0, persona.extends_hint)
    item.warnings += item.placement.warnings
    provenance: dict[str, Any] = {
        "source": Path(persona.source).as_posix(),
        "format": persona.format,
        "location": _location_text(persona),
        "imported": today,
    }
    if provenance["location"] is None:
        del provenance["location"]
    build = functools.partial(
        persona_data,
        persona_id=item.id,
        name=persona.name,
        kind=item.kind,
        placement=item.placement,
        parent=item.parent,
        provenance=provenance,
    )
    item.data = build()
    values = check.content(item.data)
    raw = check.raw_strings(item.data)
    broken = check.fragments(item.data)
    item.lost = [
        record
        for record in item.placement.records
        if record.destination != "placeholder" and not check.found(record.text, values, raw, broken)
    ]
    if item.lost:  # a placement bug: the statements still reach the file, as notes
        for record in item.lost:
            item.placement.notes.setdefault(record.label.strip() or "Introduction", []).append(
                record.text
            )
        item.warnings.append(
            f"{len(item.lost)} statement(s) were not found in the placed persona and were "
            "added to notes (a bug in persona import: please report it with the source)"
        )
        item.data = build()  # the rescued notes included
    problem = validate(item.data)
    if problem is not None:
        raise RuntimeError(f"{item.display}: the imported persona does not validate: {problem}")
    item.text = persona_file_text(item.data, schema=schema, display=item.display)


def write_plan(plan: ImportPlan, *, force: bool) -> None:
    """Write every planned file, all or nothing."""
    from persona_cli.verbs.importing.writer import write_all

    write_all([(item.path, item.display, item.text) for item in plan.personas], force=force)
