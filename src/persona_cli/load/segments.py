"""Loading segments: a YAML file with `kind: segment` is one account segment (the model is
`domain.segment.Segment`); everything else about it (loading, line:column validation, lint,
diff, age) goes through the same machinery as a persona.

`load_segments` and `find_segment` are the entry points for commands that only need the
valid segments (render, report); `persona lint` reports the invalid ones.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from persona_cli.domain.errors import LoadError, UsageError
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import DEFAULT_MAX_BYTES, path_problem, read_regular
from persona_cli.load.personaset import LoadedSegment, PersonaSet, read

# A cheap test on the raw text before parsing: a top-level `kind: segment` line.
_KIND_LINE = re.compile(r"^kind:[ \t]*['\"]?segment['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


def looks_like_segment(text: str) -> bool:
    """A cheap test on raw text, before parsing: a top-level `kind: segment` line."""
    return "segment" in text and _KIND_LINE.search(text) is not None


def _load(source: SourceFile, max_bytes: int) -> tuple[LoadedSegment | None, str | None]:
    """The segment in `source`, or (None, why not) if it is a segment that does not load."""
    record = read(source, max_bytes=max_bytes)
    if record.document is None:
        first = record.loader_problems[0] if record.loader_problems else None
        if first is None:
            return None, "the file cannot be read"
        return None, f"line {first.line}: {first.message}" if first.line else first.message
    if not record.is_segment:
        return None, None
    loaded = record.loaded_segment
    if loaded is None:
        first = (record.schema_problems or record.loader_problems)[0]
        return None, f"line {first.line}: {first.message}"
    return loaded, None


def segment_problem(source: SourceFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why `source`, a file that looks like a segment, does not load (`line N: ...`), or None
    when it loads (or is no segment after all)."""
    return _load(source, max_bytes)[1]


def _candidates(sources: Iterable[SourceFile]) -> list[SourceFile]:
    out: list[SourceFile] = []
    for source in sources:
        raw = read_regular(source.path, source.display, max_bytes=None)  # never a FIFO
        if isinstance(raw, bytes) and looks_like_segment(raw.decode("utf-8", errors="replace")):
            out.append(source)
    return out


def load_segments(
    sources: Iterable[SourceFile], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[LoadedSegment]:
    """Every valid segment among `sources` (persona files and invalid segments are skipped;
    `persona lint` reports the latter), sorted by display path."""
    return list(PersonaSet.load(_candidates(sources), max_bytes=max_bytes).segments)


def find_segment(
    sources: Iterable[SourceFile], segment_id: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedSegment:
    """The segment with id `segment_id`; UsageError if none has it, LoadError if it is
    invalid (naming the file and the first problem) or its id is used by two files."""
    known: list[str] = []
    match: LoadedSegment | None = None
    sources = list(sources)
    for source in sources:
        if source.path.stem != segment_id:
            continue
        special = path_problem(source.path, source.display)  # a FIFO, a loop: never opened
        if special is not None:
            raise LoadError(
                f"{source.display}: {special.code} {special.message}",
                hint="the segment's file cannot be read; run `persona lint` on it",
            )
    for source in _candidates(sources):
        segment, problem = _load(source, max_bytes)
        if segment is not None:
            if segment.segment.id == segment_id:
                if match is not None:  # which file is meant is not for us to guess
                    raise LoadError(
                        f"{segment.display}: segment id '{segment_id}' is also used by "
                        f"{match.display}",
                        hint="ids must be unique; run persona lint to see the duplicates",
                    )
                match = segment
            known.append(segment.segment.id)
        elif problem is not None and source.path.stem == segment_id:
            raise LoadError(
                f"{source.display}: {problem}", hint="run `persona lint` on it and fix it"
            )
    if match is not None:
        return match
    close = difflib.get_close_matches(segment_id, known, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{close[0]}'?"
        if close
        else (f"known segments: {', '.join(sorted(known))}" if known else None)
    )
    raise UsageError(
        f"no segment has id '{segment_id}' in the given paths",
        hint=hint or "pass the folder that holds segments/ (files with kind: segment)",
    )


__all__ = [
    "find_segment",
    "load_segments",
    "looks_like_segment",
    "segment_problem",
]
