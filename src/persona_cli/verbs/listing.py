"""`persona list`: one row per persona file, for people to read.

Pure core: it loads the set through the load stage (`load.personaset`), asks git for the ages,
and returns records; it never prints and never touches argv. The reporters in
`reporters/listing.py` draw them. `persona show` (one persona in full) is `verbs/show.py`.

Why it looks like this:

- The numbers must agree with the other commands. Completeness is `completeness.score` on the
  same data `persona lint` scores (a persona that extends another merged with its parent
  chain by the load stage, every other persona as written); ages are `persona age`'s core.
  Nothing is recomputed here in a second way.
- A persona file that cannot be read is an inventory fact, not a crash: it is listed with
  the first problem `persona lint` would report (file:line), and the listing goes on.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from persona_cli.domain import completeness
from persona_cli.domain.errors import GitError, UsageError
from persona_cli.domain.model import Kind, Status
from persona_cli.domain.result import Finding
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import DEFAULT_MAX_BYTES
from persona_cli.lint.rules import identity, schema
from persona_cli.load.personaset import ChainFault, Data, PersonaSet, Record
from persona_cli.verbs.age import NO_AGE, PersonaAge, age
from persona_cli.verbs.age import owners_of as read_owners

#: `--sort` choices; the CLI's choices are these keys.
SORTS: tuple[str, ...] = ("id", "age", "completeness")
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file cannot be listed in full: the first error `persona lint` reports for it."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @classmethod
    def of(cls, finding: Finding) -> Problem:
        return cls(finding.path, finding.line, finding.column, finding.code, finding.message)

    @classmethod
    def of_record(cls, record: Record) -> Problem | None:
        """The first problem of a file that is not a usable persona; None when it is one."""
        if record.usable:
            return None
        found = record.problem
        if found is None:
            return cls(record.display, 1, 1, schema.MissingField.code, "not a valid persona")
        return cls.of(found)

    @classmethod
    def of_chain(cls, fault: ChainFault) -> Problem:
        """A broken `extends` chain under lint's code (on the `extends` line, as lint points
        them): unknown-extends, extends-cycle or broken-extends, by whose problem it is."""
        rule = {
            "unknown": identity.UnknownExtends,
            "cycle": identity.ExtendsCycle,
            "parent": identity.BrokenExtends,
        }[fault.blame]
        return cls(fault.path, fault.line, fault.column, rule.code, fault.message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"

    def as_dict(self) -> dict[str, int | str]:
        return {
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


def owners_of(data: Data | None) -> tuple[str, ...]:
    """The owners a file names, read tolerantly (an invalid file is listed with them too)."""
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

    def as_dict(self) -> dict[str, object]:
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

    def as_dict(self) -> dict[str, object]:
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
    return tuple(kind.value for kind in Kind)


def statuses() -> tuple[str, ...]:
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
    personas = PersonaSet.load([*targets, *extra], max_bytes=max_bytes)
    listed = [record for record in personas.records[: len(targets)] if not record.is_segment]
    rows = [_row(record, personas) for record in listed]
    hidden = sum(
        1
        for row in rows
        if row.status == "retired" and not filters.include_retired and not filters.statuses
    )
    kept = [row for row in rows if filters.keeps(row)]
    readable = [record.source for record in listed if record.usable]
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


def _row(record: Record, personas: PersonaSet) -> Row:
    data = record.data
    completeness_share = None
    problem = Problem.of_record(record)
    if record.usable:
        resolved = personas.resolve(record)
        if resolved.problem is not None:  # lint scores nothing for a broken chain either
            problem = Problem.of_chain(resolved.problem)
        else:
            own_teams = resolved.data.get("teams")
            chosen = frozenset(own_teams) if isinstance(own_teams, list) and own_teams else None
            scored = completeness.score(resolved.data, path=record.display, teams=chosen)
            completeness_share = scored.completeness

    def own(key: str) -> str | None:
        return record.own(key) if data is not None else None

    return Row(
        id=record.id,
        path=record.display,
        name=own("name"),
        kind=own("kind"),
        status=(own("status") or "draft") if data is not None else None,
        owners=owners_of(data),
        completeness=completeness_share,
        age=None,
        problem=problem,
    )


def _with_age(row: Row, found: Ages) -> Row:
    age = found.by_path.get(row.path)
    return replace(row, age=age) if age is not None else row


def _age_key(row: Row) -> tuple[int, int, str]:
    age = row.age
    if age is not None and age.age_days is not None:
        return (0, -age.age_days, row.id)
    if age is not None and age.status in NO_AGE:
        return (1, NO_AGE.index(age.status), row.id)
    return (2, 0, row.id)


_SORT_KEYS: dict[str, Callable[[Row], tuple[object, ...]]] = {
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


__all__ = [
    "SORTS",
    "Ages",
    "Filters",
    "ListResult",
    "Problem",
    "Row",
    "ages",
    "check_choice",
    "kinds",
    "list_personas",
    "statuses",
]
