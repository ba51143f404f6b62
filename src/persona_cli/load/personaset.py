"""The one load stage every verb starts from: read, validate, resolve `extends`, attach segments.

    source files -> read (YAML with locations) -> validate (persona or segment model)
                 -> resolve `extends` (a persona merged over its parents, any kind)
                 -> segments (the valid `kind: segment` files)

`read` does one file and is what runs in worker processes (lint reduces each record to the few
facts its cross-file checks need there, so memory does not grow with the set); `PersonaSet.load`
reads a whole set, on every core when it is large, and answers the questions verbs ask of it:
which persona an id names, what a persona's merged data is, which segments are valid. In a
loaded set a persona's record keeps the position of its `extends` value only (where a broken
chain is reported); its problems were located in full when it was read.

Records are frozen and typed: the validated model (`Persona` or `Segment`), the file it came
from, where each value sits (`Document`), and the problems found, each a located `Finding`
(the same findings `persona lint` reports). The rule for a file with loader findings (a
duplicate key, a refused tag) is the loader's: it is not `usable`, so no verb but lint shows a
value the file does not hold unambiguously; lint still checks its document.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from persona_cli.domain import additions
from persona_cli.domain.errors import UsageError
from persona_cli.domain.model import Persona
from persona_cli.domain.result import Finding, Severity
from persona_cli.domain.segment import Segment, is_segment
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import DEFAULT_MAX_BYTES, read_regular
from persona_cli.io.parallel import forked_map
from persona_cli.io.yaml_read import DataPath, Document, Loaded, load_file, load_text
from persona_cli.load import extends
from persona_cli.load.validate import validate, validate_as

#: Data as a file (or a merged chain) holds it, before the model: what completeness scores,
#: what `show --format json` prints and what the merge works on.
Data = dict[str, Any]


def located(finding: Finding) -> str:
    """A problem as one line, `path:line:column: code message`, as lint prints it."""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {finding.message}"


@dataclass(frozen=True, slots=True)
class LoadedSegment:
    """A valid segment with the file it came from and where each value sits in it."""

    segment: Segment
    path: Path
    display: str
    document: Document

    def line_of(self, path: DataPath) -> int:
        """The 1-based line of the value at `path`, e.g. `("committee", 2)`."""
        return self.document.locate(path)[0]


@dataclass(frozen=True, slots=True)
class Record:
    """One file of the set as read and validated."""

    source: SourceFile
    #: The parsed file with the position of every value; None when it could not be read.
    document: Document | None
    #: The persona when the file validated as one (also when the loader had findings).
    persona: Persona | None = None
    #: The segment when a `kind: segment` file validated as one.
    segment: Segment | None = None
    #: Findings from reading and parsing (a duplicate key, bad encoding, a special file...).
    loader_problems: tuple[Finding, ...] = ()
    #: Findings from validating against the model, sorted by position.
    schema_problems: tuple[Finding, ...] = ()
    #: The decoded text, kept only inside the worker that reads it (lint's text rules and
    #: suppression comments need it); never sent back with the record.
    text: str | None = field(default=None, repr=False, compare=False)

    @property
    def display(self) -> str:
        return self.source.display

    @property
    def is_segment(self) -> bool:
        """A `kind: segment` file: an account segment, never listed or shown as a persona."""
        return self.document is not None and is_segment(self.document.data)

    @property
    def misread(self) -> bool:
        """A document was built despite loader findings: only lint goes on with it."""
        return self.document is not None and bool(self.loader_problems)

    @property
    def data(self) -> Data | None:
        """The file's own data as written; None when it was not read cleanly."""
        return None if self.document is None or self.loader_problems else self.document.data

    @property
    def usable(self) -> bool:
        """Read cleanly and a valid persona: what every verb but lint may show."""
        return self.persona is not None and not self.loader_problems

    def own(self, key: str) -> str | None:
        """A top-level text value as the file writes it (before or without validation)."""
        value = self.document.data.get(key) if self.document is not None else None
        return value if isinstance(value, str) else None

    @property
    def loaded_segment(self) -> LoadedSegment | None:
        """The segment with its document, when the file is a valid segment read cleanly."""
        if self.segment is None or self.document is None or self.loader_problems:
            return None
        return LoadedSegment(self.segment, self.source.path, self.display, self.document)

    @property
    def id(self) -> str:
        """The persona's id, or its file's stem when it has none (lint requires the two to
        be equal, so the stem is what a broken file is known by)."""
        value = self.own("id") if self.data is not None else None
        return value or self.source.path.stem

    @property
    def extends(self) -> str | None:
        return self.own("extends") if self.data is not None else None

    def locate(self, path: DataPath) -> tuple[int, int]:
        return self.document.locate(path) if self.document is not None else (1, 1)

    @property
    def problems(self) -> tuple[Finding, ...]:
        return tuple(sorted((*self.loader_problems, *self.schema_problems), key=Finding.sort_key))

    @property
    def problem(self) -> Finding | None:
        """The first thing wrong with the file, as `persona lint` would report it first: the
        loader's problem, else the first validation error; None for a usable persona (and
        for a segment, whose problems lint reports)."""
        if self.loader_problems:
            return min(self.loader_problems, key=lambda f: (f.line, f.column))
        if self.persona is not None or self.is_segment:
            return None
        errors = [f for f in self.schema_problems if f.severity == Severity.error]
        return min(errors or self.schema_problems, key=lambda f: (f.line, f.column), default=None)


def read(
    source: SourceFile,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    text: bool = False,
    locations: bool = True,
) -> Record:
    """Read and validate one file (as a segment when it says `kind: segment`). With `text`,
    the decoded text stays on the record (for lint's text rules, in the worker). Without
    `locations`, no span index is built (render never points at a line, and the index is a
    good part of a parse); problems then sit at the file's first line."""
    loaded = _load(source, max_bytes) if not locations else None
    if loaded is None:
        loaded = load_file(source.path, source.display, max_bytes=max_bytes)
    return _validated(source, loaded, loaded.text if text else None)


def parse(source: SourceFile, text: str) -> Record:
    """`source` as read from `text`, already decoded by the caller: the editing verbs
    (`persona review`) read the bytes they will write back, and check those same bytes."""
    return _validated(source, load_text(text, source.display), None)


def _validated(source: SourceFile, loaded: Loaded, kept: str | None) -> Record:
    document = loaded.document
    if document is None:
        return Record(source, None, loader_problems=tuple(loaded.findings), text=kept)
    if is_segment(document.data):
        segment, found = validate_as(document, source.display, Segment)
        return Record(
            source,
            document,
            segment=segment,
            loader_problems=tuple(loaded.findings),
            schema_problems=tuple(found),
            text=kept,
        )
    persona, found = validate(document, source.display)
    return Record(
        source,
        document,
        persona=persona,
        loader_problems=tuple(loaded.findings),
        schema_problems=tuple(found),
        text=kept,
    )


def _load(source: SourceFile, max_bytes: int) -> Loaded | None:
    """A plain UTF-8 file parsed without its span index; None for anything unusual (not
    UTF-8, too large, unreadable), which `load_file` reads with its checks."""
    raw = read_regular(source.path, source.display, max_bytes=max_bytes)  # never a FIFO
    if not isinstance(raw, bytes):
        return None
    try:
        return load_text(raw.decode("utf-8"), source.display, locations=False)
    except UnicodeDecodeError:
        return None


@dataclass(frozen=True, slots=True)
class ChainFault:
    """Why a persona's `extends` chain cannot be merged, worded as lint words it and placed
    on the persona's `extends` value. `cause` is the resolver's record: an unknown, unreadable
    or invalid parent, or a loop; `blame` says whose it is (lint's unknown-extends for the
    persona's own unknown parent, extends-cycle for a loop it is in, broken-extends else)."""

    cause: extends.ChainProblem
    blame: extends.Blame
    path: str
    line: int
    column: int
    message: str
    #: What to do about it.
    hint: str

    @property
    def is_cycle(self) -> bool:
        return isinstance(self.cause, extends.Cycle)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A persona as every verb scores and shows it: merged over its `extends` chain when it
    names a parent, else as written.

    `chain` is the persona's record, then its parents'; `problem` says why the chain cannot
    be merged (then `data` is the persona's own data and `persona` its own model)."""

    record: Record
    chain: tuple[Record, ...]
    data: Data
    persona: Persona
    problem: ChainFault | None = None

    def origin(self, path: Sequence[str]) -> str | None:
        """The id of the parent the merged value at `path` comes from; None when the
        persona's own file sets it or adds to it (or nobody does)."""
        for index, link in enumerate(self.chain):
            data = link.data or {}
            added = data.get(additions.ADD) if index + 1 < len(self.chain) else None
            if _has(data, path) or (isinstance(added, Mapping) and _has(added, path)):
                return None if index == 0 else link.id
        return None


def _has(data: Mapping[str, Any], path: Sequence[str]) -> bool:
    current: Any = data
    for key in path:
        if not isinstance(current, Mapping) or key not in current:
            return False
        current = current[key]
    return current is not None


def merge_chain(chain: Sequence[Record]) -> tuple[Data, Persona] | None:
    """The chain's data merged (the persona's over its parents') and validated; None when a
    record is not readable or the merge is not a persona. Each file validated alone, so a
    merge rarely fails; lint reports nothing more when it does."""
    documents = [record.document for record in chain]
    if any(document is None for document in documents):
        return None
    merged = extends.merge_all(document.data for document in documents if document is not None)
    try:
        return merged, Persona.model_validate(merged)
    except ValidationError:
        return None


def merges(persona: Persona) -> bool:
    """Whether the persona takes values from a parent: any kind that names one."""
    return bool(persona.extends)


@dataclass(frozen=True)
class PersonaSet:
    """Every file of a set, read and validated, in the order the sources were given."""

    records: tuple[Record, ...]

    @classmethod
    def load(
        cls,
        sources: Sequence[SourceFile],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        jobs: int | None = None,
    ) -> PersonaSet:
        """Read every file, on every core when there are many (as lint does)."""
        reader = functools.partial(_read_for_set, max_bytes=max_bytes)
        return cls(tuple(_arrived(sent) for sent in forked_map(reader, list(sources), jobs=jobs)))

    @functools.cached_property
    def personas(self) -> tuple[Record, ...]:
        """Every file that is not a segment (valid or not), in source order."""
        return tuple(record for record in self.records if not record.is_segment)

    @functools.cached_property
    def segments(self) -> tuple[LoadedSegment, ...]:
        """The valid segments, read cleanly, sorted by path."""
        found = [r.loaded_segment for r in self.records if r.loaded_segment is not None]
        return tuple(sorted((s for s in found if s is not None), key=lambda s: s.display))

    @property
    def problems(self) -> tuple[Finding, ...]:
        """Every file's loader and validation findings, located."""
        return tuple(problem for record in self.records for problem in record.problems)

    @functools.cached_property
    def by_id(self) -> dict[str, Record]:
        """Readable personas by id; the first by path wins a duplicate, as in lint. An
        unreadable file is known by its name, after every readable id: a child extending it
        is told that its parent's file cannot be read, not that no persona has that id."""
        ordered = sorted(self.personas, key=lambda r: r.display)
        found: dict[str, Record] = {}
        for record in ordered:
            if record.data is not None:
                found.setdefault(record.id, record)
        for record in ordered:
            if record.data is None:
                found.setdefault(record.id, record)
        return found

    def resolve(self, record: Record) -> Resolved:
        """`record` (a usable persona) as verbs score and show it; a broken chain is a
        problem on the `extends` line, worded as lint words it."""
        persona = record.persona
        assert persona is not None and record.data is not None, "only a usable persona resolves"
        own = Resolved(record, (record,), record.data, persona)
        if not merges(persona):
            return own
        resolution = extends.resolve(_link(record), _Links(self.by_id))
        chain = tuple(link.item for link in resolution.chain)
        problem = resolution.problem
        if problem is None:
            merged = merge_chain(chain)
            if merged is not None:
                return Resolved(record, chain, merged[0], merged[1])
            problem = extends.InvalidParent(chain[-1].id)
        blame = extends.blame(record.id, problem)
        message, hint = self._worded(record, problem)
        line, column = record.locate(("extends",))
        fault = ChainFault(problem, blame, record.display, line, column, message, hint)
        return replace(own, problem=fault)

    def _worded(self, record: Record, problem: extends.ChainProblem) -> tuple[str, str]:
        """The message and the hint for a broken chain, as lint and `show` word them: what
        is wrong, and (when it is further up the chain) which file of it is wrong."""
        own = record.extends
        hint = "fix `extends`, or run where the configured paths hold the parent"
        if isinstance(problem, extends.UnknownParent):
            readable = {known: r for known, r in self.by_id.items() if r.data is not None}
            close = extends.parent_suggestions(problem.child, problem.parent, _Links(readable))
            message = f"extends '{problem.parent}', but no persona has that id" + (
                f"; did you mean '{close[0]}'?" if close else ""
            )
            if problem.child == record.id:
                return message, hint
            child = self.by_id[problem.child]
            return f"extends '{own}', which cannot be merged: {child.display} {message}", (
                f"fix `extends` in {child.display}"
            )
        if isinstance(problem, extends.UnreadableParent | extends.InvalidParent):
            parent = self.by_id[problem.parent]
            hint = _lint_hint(parent.display)
            if isinstance(problem, extends.UnreadableParent):
                first = parent.problem
                what = f"{parent.display} cannot be read" + (
                    f" ({first.code} at line {first.line}: {first.message})" if first else ""
                )
            else:
                what = f"{parent.display} is not a valid persona ({_located(parent)})"
                if problem.parent == own:
                    return (
                        f"extends '{own}', which is not a valid persona ({_located(parent)})",
                        hint,
                    )
            if problem.parent == own:
                return f"extends '{own}', whose file {what}", hint
            return f"extends '{own}', which cannot be merged: {what}", hint
        loop = " -> ".join(problem.ids)
        if problem.through_start:
            return f"extends loops back on itself: {loop}", "break the chain at one persona"
        return f"extends '{own}', which cannot be merged: its chain loops ({loop})", (
            "break the chain at one persona"
        )

    def find(self, ident: str, *, path: str | None = None) -> Record:
        """The persona `ident` names: a file given by path, else the one whose id (or file
        stem) it is. Unknown: a usage error with a near miss."""
        records = self.personas
        if path is not None:
            for record in records:
                if record.display == path:
                    return record
        matches = [record for record in records if record.id == ident]
        if not matches:
            matches = [record for record in records if record.source.path.stem == ident]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise UsageError(
                f"'{ident}' matches {len(matches)} files "
                f"({', '.join(record.display for record in matches)})",
                hint="pass the path of the one you mean",
            )
        known = sorted({record.id for record in records})
        close = difflib.get_close_matches(ident, known, n=3, cutoff=0.5)
        raise UsageError(
            f"no persona '{ident}' in the configured paths",
            hint=(
                f"did you mean {' or '.join(repr(c) for c in close)}?"
                if close
                else "run 'persona list' for the ids, or pass the path of the file"
            ),
        )


def _located(record: Record) -> str:
    problem = record.problem
    return located(problem) if problem is not None else record.display


#: The positions a persona's record keeps in a loaded set: where a broken chain is reported.
_KEPT_SPANS: tuple[DataPath, ...] = (("extends",),)
#: What a worker sends back for one file of a set: the record without its model, its span
#: index cut to `_KEPT_SPANS` (a segment keeps all of it, for its seats' lines), and
#: whether the model validated. Sending a span index costs ten times its data, and a pydantic
#: model more than validating the data again, so the parent validates it again instead.
_Sent = tuple[Record, bool]


def _read_for_set(source: SourceFile, *, max_bytes: int) -> _Sent:
    record = read(source, max_bytes=max_bytes)
    document = record.document
    if document is not None and not record.is_segment:
        kept = {path: document.spans[path] for path in _KEPT_SPANS if path in document.spans}
        document = Document(document.data, kept, document.root, document.refused)
    valid = record.persona is not None or record.segment is not None
    return replace(record, document=document, persona=None, segment=None), valid


def _arrived(sent: _Sent) -> Record:
    """The record as read, its model rebuilt from data that validated in the worker."""
    record, valid = sent
    if not valid or record.document is None:
        return record
    if record.is_segment:
        return replace(record, segment=Segment.model_validate(record.document.data))
    return replace(record, persona=Persona.model_validate(record.document.data))


def _lint_hint(display: str) -> str:
    import shlex

    return f"fix that file first (persona lint {shlex.quote(display)} says why)"


def _link(record: Record) -> extends.Link[Record]:
    return extends.Link(record.id, record.extends, record.data, record.usable, record)


class _Links(Mapping[str, "extends.Link[Record]"]):
    """`by_id` as the walk sees it, each link made when the walk reaches it (`list`
    resolves every profile against the same thousand records)."""

    def __init__(self, by_id: dict[str, Record]) -> None:
        self._by_id = by_id

    def __getitem__(self, ident: str) -> extends.Link[Record]:
        return _link(self._by_id[ident])

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


__all__ = [
    "ChainFault",
    "Data",
    "LoadedSegment",
    "PersonaSet",
    "Record",
    "Resolved",
    "located",
    "merge_chain",
    "merges",
    "parse",
    "read",
]
