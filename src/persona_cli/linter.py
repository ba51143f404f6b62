"""Runs the checks over a set of files and returns a `LintResult`. Never prints.

Per-file work (read, parse, validate) runs in worker processes when there are many files;
each file is reduced to a small `FileRecord` (its findings and the few fields cross-file
checks need), so memory does not grow with the number of clean files. Cross-file checks
(ids, `extends`) then run once over the records.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from persona_cli.discovery import SourceFile
from persona_cli.result import Finding, LintResult
from persona_cli.rules import identity
from persona_cli.validate import validate
from persona_cli.yamlio import DEFAULT_MAX_BYTES, Document, load_file

#: Below this many files a worker pool costs more than it saves.
PARALLEL_THRESHOLD = 48
_CHUNK = 32


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What cross-file checks need from one file, plus that file's own findings."""

    display: str
    stem: str
    id: str | None
    id_position: tuple[int, int]
    extends: str | None
    extends_position: tuple[int, int]
    findings: tuple[Finding, ...]


def _text_field(document: Document, key: str) -> tuple[str | None, tuple[int, int]]:
    value: Any = document.data.get(key)
    if not isinstance(value, str):
        return None, (1, 1)
    return value, document.locate((key,))


def check_file(source: SourceFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> FileRecord:
    """Read and validate one file; the record carries its findings."""
    loaded = load_file(source.path, source.display, max_bytes=max_bytes)
    findings = list(loaded.findings)
    document = loaded.document
    if document is None:
        return FileRecord(
            source.display, source.path.stem, None, (1, 1), None, (1, 1), tuple(findings)
        )
    _, schema_findings = validate(document, source.display)
    findings.extend(schema_findings)
    persona_id, id_position = _text_field(document, "id")
    extends, extends_position = _text_field(document, "extends")
    return FileRecord(
        display=source.display,
        stem=source.path.stem,
        id=persona_id,
        id_position=id_position,
        extends=extends,
        extends_position=extends_position,
        findings=tuple(findings),
    )


def _check_chunk(chunk: list[SourceFile], max_bytes: int) -> list[FileRecord]:
    return [check_file(source, max_bytes=max_bytes) for source in chunk]


def _chunks(items: list[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _records(sources: list[SourceFile], *, jobs: int, max_bytes: int) -> Iterable[FileRecord]:
    if jobs <= 1 or len(sources) < PARALLEL_THRESHOLD:
        return (check_file(source, max_bytes=max_bytes) for source in sources)
    # fork: workers inherit the already-imported model and parser instead of re-importing.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [
            pool.submit(_check_chunk, chunk, max_bytes) for chunk in _chunks(sources, _CHUNK)
        ]
        return [record for future in futures for record in future.result()]


def lint(
    sources: list[SourceFile],
    *,
    jobs: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> LintResult:
    """Lint `sources` (already discovered) and return every finding."""
    result = LintResult(files=len(sources))
    records: list[FileRecord] = []
    for record in _records(sources, jobs=jobs or default_jobs(), max_bytes=max_bytes):
        result.findings.extend(record.findings)
        if record.id is not None:
            records.append(record)
    result.findings.extend(cross_file_findings(records))
    return result


def cross_file_findings(records: list[FileRecord]) -> list[Finding]:
    """Identity checks over the whole set: id = file stem, unique ids, `extends` resolves."""
    findings: list[Finding] = []
    first_by_id: dict[str, FileRecord] = {}
    for record in sorted(records, key=lambda r: r.display):
        assert record.id is not None
        line, column = record.id_position
        if record.id != record.stem:
            findings.append(
                identity.IdMismatch.finding(
                    record.display,
                    line,
                    column,
                    f"id '{record.id}' differs from the file name '{record.stem}'; "
                    f"rename the file to {record.id}.yaml or set id: {record.stem}",
                )
            )
        first = first_by_id.setdefault(record.id, record)
        if first is not record:
            findings.append(
                identity.DuplicateId.finding(
                    record.display,
                    line,
                    column,
                    f"id '{record.id}' is already used by {first.display}; ids must be unique",
                )
            )
    parents = {persona_id: record.extends for persona_id, record in first_by_id.items()}
    for record in sorted(records, key=lambda r: r.display):
        if record.extends is None:
            continue
        line, column = record.extends_position
        if record.extends not in parents:
            findings.append(
                identity.UnknownExtends.finding(
                    record.display,
                    line,
                    column,
                    f"extends '{record.extends}', but no persona has that id"
                    + _suggest(record.extends, parents),
                )
            )
            continue
        chain = _cycle(record.id, parents)
        if chain:
            findings.append(
                identity.ExtendsCycle.finding(
                    record.display,
                    line,
                    column,
                    f"extends loops back on itself: {' -> '.join(chain)}; "
                    "break the chain at one persona",
                )
            )
    return findings


def _suggest(name: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else "; check the id or add that persona"


def _cycle(start: str | None, parents: dict[str, str | None]) -> list[str]:
    """The chain from `start` back to itself through `extends`, or [] if it ends."""
    chain: list[str] = []
    current = start
    while current is not None and current in parents:
        if current in chain:
            return [*chain[chain.index(current) :], current] if chain[0] == current else []
        chain.append(current)
        current = parents[current]
    return []
