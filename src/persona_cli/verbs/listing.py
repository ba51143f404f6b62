"""`persona list` and `persona show`: records of what the personas say, for people to read.

Pure core: it reads persona files and asks git for their ages, and returns records; it never
prints and never touches argv. The reporters in `reporters/listing.py` draw them.

Why it looks like this:

- The numbers must agree with the other commands. Completeness is `completeness.score` on the
  same data `persona lint` scores (an individual profile merged with its parent chain through
  the linter's merge, every other persona as written); ages are `aging.age`, the core of
  `persona age`. Nothing is recomputed here in a second way.
- A persona file that cannot be read is an inventory fact, not a crash: it is listed with
  the first problem `persona lint` would report (file:line), and the listing goes on.
- An inherited value is shown as inherited: for an individual, every field records which
  file of its `extends` chain the merged value came from.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain import completeness
from persona_cli.domain.errors import UsageError
from persona_cli.io.parallel import forked_map

if TYPE_CHECKING:
    from persona_cli.domain.result import PersonaScore
    from persona_cli.io.discovery import SourceFile
    from persona_cli.load.extends import Link
    from persona_cli.verbs.age import PersonaAge

#: The loader's size limit (`file_read.DEFAULT_MAX_BYTES`), repeated to keep imports lazy.
DEFAULT_MAX_BYTES = 1024 * 1024
#: `--sort` choices; the CLI's choices are these keys.
SORTS: tuple[str, ...] = ("id", "age", "completeness")
JSON_VERSION = 1
#: Lens sections in the order teams read them, with what each lens does.
LENS_TITLES: dict[str, str] = {
    "marketing": "Marketing lens: frames risk",
    "sales": "Sales lens: resolves hesitation",
    "product": "Product lens: reduces friction",
    "support": "Support lens: detects expectation failure",
}


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file cannot be listed in full: the first error `persona lint` reports for it."""

    path: str
    line: int
    column: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Entry:
    """One file as read: its own data (None when unreadable) and whether it validated."""

    source: SourceFile
    data: dict[str, Any] | None
    valid: bool
    problem: Problem | None = None
    #: A `kind: segment` file (an account segment, not a persona): never listed or shown.
    segment: bool = False
    #: Line and column of the `extends` value, for problems with the parent chain.
    extends_at: tuple[int, int] = (1, 1)

    @property
    def id(self) -> str:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) and value else self.source.path.stem

    def text(self, key: str) -> str | None:
        value = self.data.get(key) if self.data else None
        return value if isinstance(value, str) else None


def _read(source: SourceFile, max_bytes: int = DEFAULT_MAX_BYTES) -> Entry:
    """Read and validate one file, as `persona lint` does (same loader, same model)."""
    from persona_cli.domain.result import Severity
    from persona_cli.io.yaml_read import load_file
    from persona_cli.load.segments import is_segment
    from persona_cli.load.validate import validate

    loaded = load_file(source.path, source.display, max_bytes=max_bytes)
    document = loaded.document
    if document is not None and is_segment(document.data):
        return Entry(source=source, data=document.data, valid=False, segment=True)
    unreadable = loaded.problem
    if unreadable is not None:
        # Any loader finding makes the file unreadable here as in lint: no first value of
        # a duplicate key is shown as if the file held it.
        return Entry(
            source=source,
            data=None,
            valid=False,
            problem=Problem(
                source.display,
                unreadable.line,
                unreadable.column,
                unreadable.code,
                unreadable.message,
            ),
        )
    assert document is not None
    persona, findings = validate(document, source.display)
    errors = [f for f in findings if f.severity == Severity.error] or findings
    problem = None
    if persona is None:
        first = min(errors, key=lambda f: (f.line, f.column)) if errors else None
        problem = (
            Problem(source.display, first.line, first.column, first.code, first.message)
            if first
            else Problem(source.display, 1, 1, "S001", "not a valid persona")
        )
    return Entry(
        source=source,
        data=document.data,
        valid=persona is not None,
        problem=problem,
        extends_at=document.locate(("extends",)) if "extends" in document.data else (1, 1),
    )


def read_set(sources: Sequence[SourceFile], *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Entry]:
    """Every file read and validated, on every core when there are many (as lint does)."""
    import functools

    return forked_map(functools.partial(_read, max_bytes=max_bytes), list(sources))


# --- merging and scoring ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolved:
    """A valid persona's data as lint scores it: merged with its parent chain for an
    individual profile, as written otherwise. `chain` is the ids from the persona up."""

    data: dict[str, Any]
    chain: tuple[Entry, ...]
    problem: Problem | None = None
    #: What to do about `problem`.
    hint: str | None = None

    def origin(self, path: Sequence[str]) -> str | None:
        """The id of the parent the merged value at `path` comes from; None when the
        persona's own file sets it (or nobody does)."""
        for index, link in enumerate(self.chain):
            if _has(link.data or {}, path):
                return None if index == 0 else link.id
        return None


def _has(data: dict[str, Any], path: Sequence[str]) -> bool:
    current: Any = data
    for key in path:
        if not isinstance(current, dict) or key not in current:
            return False
        current = current[key]
    return current is not None


def index(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Readable personas by id; the first by path wins a duplicate, as in the linter. An
    unreadable file is known by its name, after every readable id: a child extending it
    is told that its parent's file cannot be read, not that no persona has that id."""
    ordered = sorted(entries, key=lambda e: e.source.display)
    by_id: dict[str, Entry] = {}
    for entry in ordered:
        if entry.data is not None:
            by_id.setdefault(entry.id, entry)
    for entry in ordered:
        if entry.data is None:
            by_id.setdefault(entry.id, entry)
    return by_id


def resolve(entry: Entry, by_id: dict[str, Entry]) -> Resolved:
    """The data lint scores for `entry` (which must be valid): individual profiles merged
    with their `extends` chain, as lint merges them."""
    from persona_cli.load import extends

    assert entry.data is not None
    if not (entry.data.get("kind") == "individual" and entry.text("extends")):
        return Resolved(entry.data, (entry,))
    resolution = extends.resolve(_link(entry), _Links(by_id))
    problem = resolution.problem
    if problem is None:
        return Resolved(resolution.merged(), tuple(link.item for link in resolution.chain))
    hint = "fix `extends`, or run where the configured paths hold the parent"
    code = "I003"  # the linter's unknown-extends; I004 is extends-cycle
    if isinstance(problem, extends.UnknownParent):
        readable = [known for known, e in by_id.items() if e.data is not None]
        close = difflib.get_close_matches(problem.parent, readable, n=1, cutoff=0.6)
        message = f"extends '{problem.parent}', but no persona has that id" + (
            f"; did you mean '{close[0]}'?" if close else ""
        )
    elif isinstance(problem, extends.UnreadableParent):
        parent = by_id[problem.parent]
        shown = parent.source.display
        message = f"extends '{problem.parent}', whose file {shown} cannot be read" + (
            f" ({parent.problem.code} at line {parent.problem.line}: {parent.problem.message})"
            if parent.problem
            else ""
        )
        hint = f"fix that file first (persona lint {shlex.quote(shown)} says why)"
    elif isinstance(problem, extends.InvalidParent):
        parent = by_id[problem.parent]
        message = f"extends '{problem.parent}', which is not a valid persona ({parent.problem})"
    else:
        message, code = f"extends loops back on itself: {' -> '.join(problem.ids)}", "I004"
        hint = "break the chain at one persona"
    return Resolved(entry.data, (entry,), _chain_problem(entry, code, message), hint)


def _link(entry: Entry) -> Link[Entry]:
    from persona_cli.load.extends import Link

    return Link(entry.id, entry.text("extends"), entry.data, entry.valid, entry)


class _Links(Mapping[str, "Link[Entry]"]):
    """`by_id` as the walk sees it, each link made when the walk reaches it (`list`
    resolves every profile against the same thousand entries)."""

    def __init__(self, by_id: dict[str, Entry]) -> None:
        self._by_id = by_id

    def __getitem__(self, ident: str) -> Link[Entry]:
        return _link(self._by_id[ident])

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)


def _chain_problem(entry: Entry, code: str, message: str) -> Problem:
    """Pointed at the `extends` line, as lint points its I003 and I004 findings."""
    line, column = entry.extends_at
    return Problem(entry.source.display, line, column, code, message)


def score(resolved: Resolved, path: str) -> PersonaScore | None:
    """Lint's completeness score; None when the parent chain is broken (lint scores
    nothing then either)."""
    if resolved.problem is not None:
        return None
    return completeness.score(resolved.data, path=path)


def owners_of(data: dict[str, Any] | None) -> tuple[str, ...]:
    from persona_cli.verbs.age import owners_of as read_owners

    return read_owners(data) if data else ()


# --- ages -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ages:
    """Each persona's age from git by display path, or why there are none."""

    by_path: dict[str, PersonaAge] = field(default_factory=dict)
    #: None when ages were looked up (or not asked for); else why they are not shown.
    note: str | None = None
    warnings: tuple[str, ...] = ()
    #: False under --no-age: the reporters leave the age out altogether.
    enabled: bool = True


def ages(sources: Sequence[SourceFile], *, now: dt.date, cwd: Path, enabled: bool) -> Ages:
    """`persona age`'s judgement of each readable persona; outside a repository, a note."""
    if not enabled:
        return Ages(enabled=False)
    if not sources:
        return Ages()
    from persona_cli.domain.errors import GitError
    from persona_cli.verbs.age import age

    try:
        result = age(sources, now=now, cwd=cwd, include_retired=True)
    except GitError as failure:
        return Ages(note=f"ages not shown: {failure.message}")
    return Ages({row.path: row for row in result.personas}, warnings=result.warnings)


# --- persona list ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of `persona list`."""

    id: str
    path: str
    name: str | None
    kind: str | None
    status: str | None
    owners: tuple[str, ...]
    completeness: float | None
    age: PersonaAge | None
    problem: Problem | None = None

    def as_dict(self) -> dict[str, Any]:
        age = self.age
        return {
            "id": self.id,
            "path": self.path,
            "name": self.name,
            "kind": self.kind,
            "status": self.status,
            "owners": list(self.owners),
            "completeness": None if self.completeness is None else round(self.completeness, 3),
            "age": None
            if age is None
            else {
                "status": age.status,
                "age_days": age.age_days,
                "refreshed": age.refreshed.isoformat() if age.refreshed else None,
            },
            "problem": None if self.problem is None else self.problem.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class Filters:
    """What `persona list` keeps. Empty tuples keep everything."""

    kinds: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    include_retired: bool = False

    def keeps(self, row: Row) -> bool:
        if self.kinds and row.kind not in self.kinds and row.kind is not None:
            return False
        if self.statuses:
            if row.status not in self.statuses and row.status is not None:
                return False
        elif row.status == "retired" and not self.include_retired:
            return False
        if self.owners:
            wanted = {owner.lower() for owner in self.owners}
            if not wanted & {owner.lower() for owner in row.owners}:
                return row.problem is not None and not row.owners
        return True


@dataclass(frozen=True, slots=True)
class ListResult:
    """The rows of `persona list`, in the requested order, and what was left out."""

    rows: tuple[Row, ...]
    now: dt.date
    #: Set when ages could not be looked up (outside a repository).
    age_note: str | None = None
    #: False under --no-age: no age column at all.
    with_age: bool = True
    hidden_retired: int = 0
    filtered: bool = False
    warnings: tuple[str, ...] = ()

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(row.problem for row in self.rows if row.problem is not None)

    def as_dict(self) -> dict[str, Any]:
        return {"version": JSON_VERSION, "personas": [row.as_dict() for row in self.rows]}


def check_choice(values: Sequence[str], choices: Sequence[str], option: str) -> tuple[str, ...]:
    """Each value (comma-separated values allowed) must be one of `choices`; a near miss is
    suggested."""
    checked: list[str] = []
    for value in (part.strip() for raw in values for part in raw.split(",")):
        if not value:
            continue
        if value not in choices:
            close = difflib.get_close_matches(value.lower(), list(choices), n=1, cutoff=0.5)
            raise UsageError(
                f"{option}: '{value}' is not one of {', '.join(choices)}",
                hint=f"did you mean '{close[0]}'?" if close else None,
            )
        checked.append(value)
    return tuple(dict.fromkeys(checked))


def kinds() -> tuple[str, ...]:
    from persona_cli.domain.model import Kind

    return tuple(kind.value for kind in Kind)


def statuses() -> tuple[str, ...]:
    from persona_cli.domain.model import Status

    return tuple(status.value for status in Status)


def list_personas(
    targets: Sequence[SourceFile],
    *,
    context: Sequence[SourceFile] = (),
    filters: Filters | None = None,
    sort: str = "id",
    now: dt.date,
    cwd: Path,
    with_age: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> ListResult:
    """`persona list`: one row per target file, filtered and sorted. `context` is the whole
    configured set, read too so that an individual's parent outside `targets` is found."""
    if sort not in SORTS:
        raise UsageError(f"--sort: '{sort}' is not one of {', '.join(SORTS)}")
    filters = filters or Filters()
    wanted = {source.display for source in targets}
    extra = [source for source in context if source.display not in wanted]
    entries = read_set([*targets, *extra], max_bytes=max_bytes)
    by_id = index(entry for entry in entries if not entry.segment)
    listed = [entry for entry in entries[: len(targets)] if not entry.segment]
    rows = [_row(entry, by_id) for entry in listed]
    hidden = sum(
        1
        for row in rows
        if row.status == "retired" and not filters.include_retired and not filters.statuses
    )
    kept = [row for row in rows if filters.keeps(row)]
    readable = [entry.source for entry in listed if entry.valid]
    shown = {row.path for row in kept}
    found = ages(
        [source for source in readable if source.display in shown],
        now=now,
        cwd=cwd,
        enabled=with_age,
    )
    kept = [_with_age(row, found) for row in kept]
    return ListResult(
        rows=tuple(sorted(kept, key=_SORT_KEYS[sort])),
        now=now,
        age_note=found.note if kept else None,
        with_age=with_age,
        hidden_retired=hidden,
        filtered=bool(filters.kinds or filters.statuses or filters.owners),
        warnings=found.warnings + _owner_hints(filters, rows),
    )


def _row(entry: Entry, by_id: dict[str, Entry]) -> Row:
    data = entry.data
    completeness_share = None
    problem = entry.problem
    if entry.valid:
        resolved = resolve(entry, by_id)
        scored = score(resolved, entry.source.display)
        completeness_share = scored.completeness if scored else None
        problem = resolved.problem
    return Row(
        id=entry.id,
        path=entry.source.display,
        name=entry.text("name"),
        kind=entry.text("kind"),
        status=(entry.text("status") or "draft") if data is not None else None,
        owners=owners_of(data),
        completeness=completeness_share,
        age=None,
        problem=problem,
    )


def _with_age(row: Row, found: Ages) -> Row:
    from dataclasses import replace

    age = found.by_path.get(row.path)
    return replace(row, age=age) if age is not None else row


def _age_key(row: Row) -> tuple[int, int, str]:
    from persona_cli.verbs.age import NO_AGE

    age = row.age
    if age is not None and age.age_days is not None:
        return (0, -age.age_days, row.id)
    if age is not None and age.status in NO_AGE:
        return (1, NO_AGE.index(age.status), row.id)
    return (2, 0, row.id)


_SORT_KEYS: dict[str, Any] = {
    "id": lambda row: (row.id, row.path),
    # Oldest first, as `persona age` orders them; then those without an age.
    "age": _age_key,
    # Least complete first: what needs work comes first; unscored files last.
    "completeness": lambda row: (
        row.completeness is None,
        row.completeness or 0.0,
        row.id,
    ),
}


def _owner_hints(filters: Filters, rows: Sequence[Row]) -> tuple[str, ...]:
    """A near miss for an `--owner` nobody has (an empty list is not an error)."""
    known = sorted({owner for row in rows for owner in row.owners})
    lowered = {owner.lower() for owner in known}
    hints: list[str] = []
    for owner in filters.owners:
        if owner.lower() in lowered:
            continue
        close = difflib.get_close_matches(owner, known, n=1, cutoff=0.6)
        hints.append(
            f"no persona is owned by '{owner}'" + (f"; did you mean '{close[0]}'?" if close else "")
        )
    return tuple(hints)


# --- persona show ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One field in a section of `persona show`: its value, where it came from, or what is
    missing (a gap: a field this persona's kind needs that is empty)."""

    key: str
    label: str
    value: Any = None
    inherited_from: str | None = None
    gap: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A panel of `persona show`."""

    key: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class PersonaView:
    """Everything `persona show` prints about one persona."""

    id: str
    path: str
    name: str
    kind: str
    status: str
    summary: str | None
    segment: str | None
    extends: tuple[str, ...]
    owners: tuple[str, ...]
    last_reviewed: dt.date | None
    interval_days: int
    score: PersonaScore
    sections: tuple[Section, ...]
    data: dict[str, Any]
    inherited: dict[str, str]
    age: PersonaAge | None = None
    age_note: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def gaps(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items if item.gap)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `persona show --format json`."""
        import json

        age = self.age
        return {
            "version": JSON_VERSION,
            "id": self.id,
            "path": self.path,
            "extends": list(self.extends[1:]),
            "completeness": {
                "score": round(self.score.completeness, 3),
                "parts": {part: round(share, 3) for part, share in self.score.parts.items()},
                "missing": list(self.score.missing),
            },
            "gaps": [{"field": item.key, "description": item.gap} for item in self.gaps],
            "inherited": dict(sorted(self.inherited.items())),
            "age": None if age is None else age.as_dict(),
            # Dates as YYYY-MM-DD, as in the file; default=str covers them.
            "persona": json.loads(json.dumps(self.data, default=str)),
        }


def find(ident: str, entries: Sequence[Entry], *, path: str | None = None) -> Entry:
    """The persona `ident` names: a file given by path, else the one whose id (or file
    stem) it is. Unknown: a usage error with a near miss."""
    if path is not None:
        for entry in entries:
            if entry.source.display == path:
                return entry
    matches = [entry for entry in entries if entry.id == ident]
    if not matches:
        matches = [entry for entry in entries if entry.source.path.stem == ident]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UsageError(
            f"'{ident}' matches {len(matches)} files "
            f"({', '.join(entry.source.display for entry in matches)})",
            hint="pass the path of the one you mean",
        )
    known = sorted({entry.id for entry in entries})
    close = difflib.get_close_matches(ident, known, n=3, cutoff=0.5)
    raise UsageError(
        f"no persona '{ident}' in the configured paths",
        hint=(
            f"did you mean {' or '.join(repr(c) for c in close)}?"
            if close
            else "run 'persona list' for the ids, or pass the path of the file"
        ),
    )


def _likely(
    ident: str, sources: Sequence[SourceFile], *, path: str | None, max_bytes: int
) -> list[Entry] | None:
    """The persona and its parent chain read by file name alone (an id is its file's stem,
    which lint checks), so `show` does not parse a thousand files to print one; None when
    that does not settle it (a missing or mismatched file, a chain that leaves the names),
    and the caller reads the whole set."""
    by_stem: dict[str, list[SourceFile]] = {}
    for source in sources:
        by_stem.setdefault(source.path.stem, []).append(source)
    first = [s for s in sources if s.display == path] if path else by_stem.get(ident, [])
    if len(first) != 1:
        return None
    chain = [_read(first[0], max_bytes)]
    while True:
        entry = chain[-1]
        if entry.segment or (path is None and entry.id != ident and len(chain) == 1):
            return None
        if not entry.valid or entry.data is None or entry.data.get("kind") != "individual":
            return chain
        parent_id = entry.text("extends")
        if parent_id is None:
            return chain
        found = by_stem.get(parent_id, [])
        if len(found) != 1 or any(link.source == found[0] for link in chain):
            return None
        parent = _read(found[0], max_bytes)
        if parent.id != parent_id:
            return None
        chain.append(parent)


def show(
    ident: str,
    sources: Sequence[SourceFile],
    *,
    path: str | None = None,
    now: dt.date,
    cwd: Path,
    with_age: bool = True,
    team: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PersonaView:
    """`persona show`: one persona, merged with its parent chain, in display sections with
    its gaps; a persona that does not validate is a LoadError naming the first problem.
    With `team`, the only lens shown is that team's."""
    from persona_cli.domain.errors import LoadError

    entries = _likely(ident, sources, path=path, max_bytes=max_bytes)
    if entries is None:  # not found by file name: read the whole set, as lint would
        entries = [e for e in read_set(sources, max_bytes=max_bytes) if not e.segment]
    entry = find(ident, entries, path=path)
    if not entry.valid:
        raise LoadError(
            f"{entry.problem}",
            hint=f"run persona lint {shlex.quote(entry.source.display)} for every problem",
        )
    resolved = resolve(entry, index(e for e in entries if not e.segment))
    if resolved.problem is not None:
        raise LoadError(str(resolved.problem), hint=resolved.hint)
    scored = completeness.score(resolved.data, path=entry.source.display)
    found = ages([entry.source], now=now, cwd=cwd, enabled=with_age)
    data = resolved.data
    from persona_cli.verbs.age import interval_of, last_reviewed_of

    return PersonaView(
        id=entry.id,
        path=entry.source.display,
        name=str(data.get("name", "")),
        kind=str(data.get("kind", "")),
        status=str(data.get("status") or "draft"),
        summary=_text(data.get("summary")),
        segment=_text(data.get("segment")),
        extends=tuple(link.id for link in resolved.chain),
        owners=owners_of(data),
        last_reviewed=last_reviewed_of(data),
        interval_days=interval_of(data),
        score=scored,
        sections=tuple(
            section
            for section in sections(resolved, scored)
            if team is None
            or not section.key.startswith("lenses.")
            or section.key == f"lenses.{team}"
        ),
        data=data,
        inherited=_inherited(resolved),
        age=found.by_path.get(entry.source.display),
        age_note=found.note,
        warnings=found.warnings,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _inherited(resolved: Resolved) -> dict[str, str]:
    """Dotted path -> parent id, for each top-level and second-level field that comes from a
    parent (lists are replaced whole by the merge, so deeper paths cannot differ)."""
    out: dict[str, str] = {}
    for key, value in resolved.data.items():
        paths: list[tuple[str, ...]] = (
            [(key, sub) for sub in value] if isinstance(value, dict) else [(key,)]
        )
        if key == "lenses" and isinstance(value, dict):
            paths = [
                (key, team, name)
                for team, lens in value.items()
                if isinstance(lens, dict)
                for name in lens
            ]
        for path in paths:
            origin = resolved.origin(path)
            if origin is not None:
                out[".".join(path)] = origin
    return out


def _label(name: str) -> str:
    return name.replace("_", " ")


def _describe(path: tuple[str, ...]) -> str:
    """What a missing field is for, in the model's words (the editor tooltip)."""
    from persona_cli.domain.field_descriptions import describe

    return describe(path)


#: Fields the briefings build on beyond completeness (renderer's overview gaps).
_REVIEW_NEEDS: tuple[tuple[str, ...], ...] = (("review", "owners"), ("review", "last_reviewed"))


def _part(
    resolved: Resolved,
    prefix: tuple[str, ...],
    model: Any,
    missing: set[str],
) -> list[Item]:
    """The items of one object section: filled fields in the model's order, and a gap item
    for each field the persona's kind needs that is empty."""
    data = completeness.get(resolved.data, prefix)
    values = data if isinstance(data, dict) else {}
    items: list[Item] = []
    for name in model.model_fields:
        path = (*prefix, name)
        key = ".".join(path)
        value = values.get(name)
        if completeness.filled(value):
            items.append(
                Item(key, _label(name), _plain(value), inherited_from=resolved.origin(path))
            )
        elif key in missing:
            items.append(Item(key, _label(name), gap=_describe(path)))
    return items


def _plain(value: Any) -> Any:
    """Enum members and dates as the strings the file holds; containers recursively."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_plain(item) for item in value if completeness.filled(item)]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sections(resolved: Resolved, scored: PersonaScore) -> list[Section]:
    """The panels of `persona show`, in reading order; a panel with nothing to say and
    nothing this kind needs is left out (never drawn empty)."""
    from persona_cli.domain import model

    data = resolved.data
    kind = str(data.get("kind", ""))
    missing = set(scored.missing)
    missing.update(
        ".".join(path) for path in _REVIEW_NEEDS if not completeness.filled(_get(data, path))
    )
    out: list[Section] = []

    def add(key: str, title: str, items: list[Item]) -> None:
        if items:
            out.append(Section(key, title, tuple(items)))

    add("role", "Role", _part(resolved, ("role",), model.Role, missing))
    goals = [
        Item(name, _label(name), _plain(data[name]), inherited_from=resolved.origin((name,)))
        for name in ("goals", "pains")
        if completeness.filled(data.get(name))
    ]
    add("goals", "Goals and pains", goals)
    add(
        "whole_person",
        "Whole person",
        _part(resolved, ("whole_person",), model.WholePerson, missing),
    )
    add("decision", "Decision", _part(resolved, ("decision",), model.Decision, missing))
    jobs = data.get("jobs_to_be_done")
    add(
        "jobs_to_be_done",
        "Jobs to be done",
        [
            Item(
                "jobs_to_be_done",
                "",
                _plain(jobs),
                inherited_from=resolved.origin(("jobs_to_be_done",)),
            )
        ]
        if completeness.filled(jobs)
        else [],
    )
    lens_models = {
        "marketing": model.MarketingLens,
        "sales": model.SalesLens,
        "product": model.ProductLens,
        "support": model.SupportLens,
    }
    for team, lens_model in lens_models.items():
        add(
            f"lenses.{team}",
            LENS_TITLES[team],
            _part(resolved, ("lenses", team), lens_model, missing),
        )
    if kind == "internal" or completeness.filled(data.get("internal")):
        add("internal", "Internal", _part(resolved, ("internal",), model.Internal, missing))
    evidence = data.get("evidence")
    add(
        "evidence",
        "Evidence",
        [
            Item(
                "evidence",
                "",
                sorted(_plain(evidence), key=lambda e: str(e.get("date", "")), reverse=True),
                inherited_from=resolved.origin(("evidence",)),
            )
        ]
        if completeness.filled(evidence)
        else [
            Item(
                "evidence",
                "evidence",
                gap="no dated research behind this persona: it is a proto-persona "
                "(a draft), whatever its status says",
            )
        ],
    )
    add("review", "Review", _part(resolved, ("review",), model.Review, missing))
    return out


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    return completeness.get(data, path)


__all__ = [
    "SORTS",
    "Entry",
    "Filters",
    "Item",
    "ListResult",
    "PersonaView",
    "Problem",
    "Row",
    "Section",
    "check_choice",
    "find",
    "kinds",
    "list_personas",
    "read_set",
    "resolve",
    "show",
    "statuses",
]
