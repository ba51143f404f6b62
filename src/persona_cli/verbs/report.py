"""`persona report`: the whole persona set at a glance, as one typed record.

Pure core: it asks the same cores the other commands use and returns a `Report`; the HTML
and JSON reporters draw it. Nothing is judged here a second way:

- freshness is `aging.age` (the core of `persona age`), grouped by owner as `persona age`
  groups it;
- completeness is the lint engine's own `PersonaScore` (the table in `completeness.py`, kind
  aware: a lens the persona's kind does not need is `not_applicable`, never `missing`);
- findings are `linter.lint` with the configured rules, as `persona lint` runs it;
- committees come from the segment files (`segments.load_segments`);
- recent changes are `git.history.walk` over every persona plus
  `aging.summarise_change` (the one-line section summary `persona log` prints).

Sections that need git say why they are empty (not a repository, no commits) instead of
failing. Links point at the lines: `link_base + repository path + #L<line>` when a base URL
is given, else a path relative to the output folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from persona_cli.domain import completeness
from persona_cli.domain.roles import CommitteeRole as _Role

if TYPE_CHECKING:
    from persona_cli.domain.result import LintResult, PersonaScore
    from persona_cli.git.history import PersonaHistory
    from persona_cli.io.discovery import SourceFile
    from persona_cli.lint.engine import Engine
    from persona_cli.verbs.age import AgeResult

#: The shape of `--format json`; bumped only when a key changes meaning or goes away.
JSON_VERSION = 1
#: How many commits "recent changes" shows by default.
DEFAULT_CHANGES = 10
#: Heatmap columns: the whole person, the decision fields, then the four team lenses.
COLUMNS: tuple[str, ...] = (
    "whole_person",
    "decision",
    "marketing",
    "sales",
    "product",
    "support",
)
COLUMN_TITLES: dict[str, str] = {
    "whole_person": "whole person",
    "decision": "decision",
    "marketing": "marketing",
    "sales": "sales",
    "product": "product",
    "support": "support",
}
CellState = Literal["complete", "partial", "missing", "not_applicable"]
MemberState = Literal["ok", "retired", "missing"]
#: Committee roles in the order the diagram draws them, and the band each belongs to.
ROLE_BANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Decides", (_Role.economic_buyer,)),
    ("Champions", (_Role.champion,)),
    ("Evaluates", (_Role.technical_evaluator,)),
    ("Influences", (_Role.influencer,)),
    ("Can block", (_Role.legal_security, _Role.procurement, _Role.blocker)),
    ("Uses", (_Role.user,)),
)


# --- links ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Linker:
    """Where a file (and line) of the set is linked from the report.

    With `base` (e.g. `https://github.com/org/repo/blob/main/`): `base + path in the
    repository + #L<line>`. Without: the file's path relative to `out_dir`, so the link
    works when the report folder is opened from disk (the line is shown beside it)."""

    out_dir: Path
    base: str | None = None
    root: Path | None = None

    def href(self, path: Path, line: int | None = None) -> str:
        """The link, its path percent-encoded: a file name holding a hidden character, a
        space, `#` or `?` still links to the file (the page shows the name revealed)."""
        from urllib.parse import quote

        absolute = Path(os.path.abspath(path))  # noqa: PTH100 - keep symlinks' own names
        if self.base is not None:
            root = self.root or Path.cwd()
            try:
                relative = absolute.relative_to(root).as_posix()
            except ValueError:
                relative = absolute.as_posix().lstrip("/")
            base = self.base if self.base.endswith("/") else self.base + "/"
            return f"{base}{quote(relative)}" + (f"#L{line}" if line else "")
        relative = Path(os.path.relpath(absolute, os.path.abspath(self.out_dir))).as_posix()  # noqa: PTH100
        return quote(relative)


def checked_link_base(value: str | None) -> str | None:
    """`--link-base` as given, if it is an http(s) URL with a host or a relative path; a
    usage error otherwise. Every link of the report starts with it, so a `javascript:`,
    `data:` or `file:` base, or a `//host` one that leaves for another site, is refused.
    Browsers drop tabs and newlines inside a URL and leading spaces and controls, and read a
    backslash as a slash, so such characters are refused rather than guessed about."""
    import unicodedata
    from urllib.parse import urlsplit

    from persona_cli.domain.errors import UsageError

    if value is None:
        return None
    hint = "pass an http(s) URL (e.g. https://github.com/org/repo/blob/main/) or a relative path"
    if not value or any(unicodedata.category(char)[0] in "CZ" for char in value):
        raise UsageError(
            f"--link-base {value!r}: empty, or holds spaces, control or invisible characters",
            hint=hint,
        )
    if "\\" in value:
        raise UsageError(f"--link-base {value!r}: holds a backslash", hint=hint)
    parts = urlsplit(value)
    if parts.scheme:
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(
                f"--link-base {value!r}: only http:// and https:// URLs or relative paths "
                "are allowed",
                hint=hint,
            )
    elif value.startswith("//") or parts.netloc or ":" in value.split("/")[0]:
        raise UsageError(
            f"--link-base {value!r}: only http:// and https:// URLs or relative paths are allowed",
            hint=hint,
        )
    return value


def repository_root(start: Path) -> Path | None:
    """The work tree holding `start` (the folder with `.git`), found without running git."""
    current = Path(os.path.abspath(start))  # noqa: PTH100
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None


# --- the record -------------------------------------------------------------------------------


def _fields(record: Any) -> dict[str, Any]:
    """A record's fields as JSON-ready values, in field order (nested records as dicts,
    tuples as lists): the shape of every section whose JSON mirrors its record."""
    plain: dict[str, Any] = json.loads(json.dumps(dataclasses.asdict(record)))
    return plain


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True, slots=True)
class FreshnessRow:
    """One persona's age (from `persona age`) with its name for the chart."""

    id: str
    name: str
    path: str
    kind: str
    owners: tuple[str, ...]
    status: str
    age_days: int | None
    interval_days: int
    refreshed: dt.date | None
    last_changed: dt.date | None
    last_reviewed: dt.date | None
    href: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "kind": self.kind,
            "owners": list(self.owners),
            "status": self.status,
            "age_days": self.age_days,
            "interval_days": self.interval_days,
            "refreshed": _iso(self.refreshed),
            "last_changed": _iso(self.last_changed),
            "last_reviewed": _iso(self.last_reviewed),
            "href": self.href,
        }


@dataclass(frozen=True, slots=True)
class OwnerGroup:
    owners: str
    rows: tuple[FreshnessRow, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"owners": self.owners, "personas": [row.as_dict() for row in self.rows]}


@dataclass(frozen=True, slots=True)
class Freshness:
    """`note` says why there are no ages (outside a repository); `groups` by owner."""

    groups: tuple[OwnerGroup, ...] = ()
    note: str | None = None

    @property
    def rows(self) -> tuple[FreshnessRow, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    def as_dict(self) -> dict[str, Any]:
        return {
            "available": self.note is None,
            "note": self.note,
            "groups": [group.as_dict() for group in self.groups],
        }


@dataclass(frozen=True, slots=True)
class Cell:
    """One lens of one persona: the share of its fields filled, or not applicable."""

    column: str
    state: CellState
    share: float | None
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "state": self.state,
            "share": None if self.share is None else round(self.share, 3),
            "missing": list(self.missing),
        }


@dataclass(frozen=True, slots=True)
class HeatRow:
    id: str
    name: str
    path: str
    kind: str
    status: str
    completeness: float
    cells: tuple[Cell, ...]
    href: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "kind": self.kind,
            "status": self.status,
            "completeness": round(self.completeness, 3),
            "cells": [cell.as_dict() for cell in self.cells],
            "href": self.href,
        }


@dataclass(frozen=True, slots=True)
class Completeness:
    rows: tuple[HeatRow, ...] = ()
    #: Files lint could not score (not a valid persona): their findings say why.
    unscored: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "columns": list(COLUMNS),
            "personas": [row.as_dict() for row in self.rows],
            "unscored": list(self.unscored),
        }


@dataclass(frozen=True, slots=True)
class FindingItem:
    line: int
    column: int
    code: str
    rule: str
    severity: str
    message: str
    href: str

    def as_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class FileFindings:
    """The findings about one file, in line order; `name` when it is a valid persona."""

    path: str
    id: str
    name: str | None
    href: str
    findings: tuple[FindingItem, ...]

    def as_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class Findings:
    files: tuple[FileFindings, ...] = ()
    #: How many files were linted (clean ones included).
    checked: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.files for item in f.findings if item.severity == severity)

    @property
    def total(self) -> int:
        return sum(len(f.findings) for f in self.files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "checked": self.checked,
            "counts": {name: self.count(name) for name in ("error", "warning", "info")},
            "files": [item.as_dict() for item in self.files],
        }


@dataclass(frozen=True, slots=True)
class Member:
    """One seat of a committee; `state` says whether its persona exists (and is live)."""

    persona: str
    name: str
    role: str
    influence: int
    notes: str | None
    state: MemberState
    href: str

    def as_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class SegmentView:
    id: str
    name: str
    path: str
    description: str | None
    members: tuple[Member, ...]
    href: str

    def bands(self) -> list[tuple[str, list[Member]]]:
        """Members by band (who decides, champions, ...), strongest influence first."""
        out: list[tuple[str, list[Member]]] = []
        placed: set[int] = set()
        for title, roles in ROLE_BANDS:
            chosen = [
                (index, member) for index, member in enumerate(self.members) if member.role in roles
            ]
            placed.update(index for index, _ in chosen)
            ordered = sorted(chosen, key=lambda pair: (-pair[1].influence, pair[0]))
            out.append((title, [member for _, member in ordered]))
        rest = [m for index, m in enumerate(self.members) if index not in placed]
        if rest:
            out.append(("Other", rest))
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "description": self.description,
            "href": self.href,
            "committee": [member.as_dict() for member in self.members],
        }


@dataclass(frozen=True, slots=True)
class Segments:
    segments: tuple[SegmentView, ...] = ()
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "note": self.note,
            "segments": [segment.as_dict() for segment in self.segments],
        }


@dataclass(frozen=True, slots=True)
class ChangedPersona:
    id: str
    path: str
    summary: str

    def as_dict(self) -> dict[str, Any]:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One commit that changed the meaning of at least one persona of the set."""

    commit: str
    date: dt.datetime
    author: str
    subject: str
    personas: tuple[ChangedPersona, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.date.isoformat(),
            "author": self.author,
            "subject": self.subject,
            "personas": [persona.as_dict() for persona in self.personas],
        }


@dataclass(frozen=True, slots=True)
class Changes:
    commits: tuple[ChangeItem, ...] = ()
    note: str | None = None
    limit: int = DEFAULT_CHANGES

    def as_dict(self) -> dict[str, Any]:
        return {
            "available": self.note is None,
            "note": self.note,
            "limit": self.limit,
            "commits": [commit.as_dict() for commit in self.commits],
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the dashboard shows, judged as of `now`."""

    now: dt.date
    freshness: Freshness
    completeness: Completeness
    findings: Findings
    segments: Segments
    changes: Changes
    warnings: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "now": self.now.isoformat(),
            "freshness": self.freshness.as_dict(),
            "completeness": self.completeness.as_dict(),
            "findings": self.findings.as_dict(),
            "segments": self.segments.as_dict(),
            "changes": self.changes.as_dict(),
            "warnings": list(self.warnings),
        }


# --- building each section ----------------------------------------------------------------------


def heat_row(score: PersonaScore, href: str) -> HeatRow:
    """One persona's heatmap row from lint's score: shares per lens, kind aware."""
    kind = score.kind
    missing = set(score.missing)
    needed = completeness.groups(kind)
    cells: list[Cell] = []
    for column in COLUMNS:
        fields: tuple[completeness.FieldPath, ...]
        if column == "whole_person":
            fields = completeness.EMOTIONAL
        elif column == "decision":
            fields = completeness.DECISION_BY_KIND.get(kind, ())
        else:
            fields = needed.get(column, ())
        if not fields:
            cells.append(Cell(column, "not_applicable", None))
            continue
        gaps = tuple(".".join(path) for path in fields if ".".join(path) in missing)
        share = 1 - len(gaps) / len(fields)
        state: CellState = "complete" if not gaps else "missing" if share <= 0 else "partial"
        cells.append(Cell(column, state, share, gaps))
    return HeatRow(
        id=score.id,
        name=score.name or score.id,
        path=score.path,
        kind=kind,
        status=score.status,
        completeness=score.completeness,
        cells=tuple(cells),
        href=href,
    )


def freshness(
    result: AgeResult,
    *,
    names: dict[str, tuple[str, str]],
    link: Callable[[str, int | None], str],
) -> Freshness:
    """`persona age`'s rows, grouped by owner as its text view groups them."""
    from persona_cli.verbs.age import by_owner

    groups = []
    for label, rows in by_owner(result):
        groups.append(
            OwnerGroup(
                label,
                tuple(
                    FreshnessRow(
                        id=row.id,
                        name=names.get(row.path, (row.id, ""))[0],
                        path=row.path,
                        kind=names.get(row.path, (row.id, ""))[1],
                        owners=row.owners,
                        status=row.status,
                        age_days=row.age_days,
                        interval_days=row.interval_days,
                        refreshed=row.refreshed,
                        last_changed=row.last_changed,
                        last_reviewed=row.last_reviewed,
                        href=link(row.path, None),
                    )
                    for row in rows
                ),
            )
        )
    return Freshness(tuple(groups))


def findings(
    result: LintResult,
    *,
    link: Callable[[str, int | None], str],
    segments: Segments | None = None,
) -> Findings:
    """Lint's findings by file, with a link to each line; segment files named as well."""
    names = {score.path: (score.id, score.name) for score in result.personas}
    for view in segments.segments if segments is not None else ():
        names.setdefault(view.path, (view.id, view.name))
    by_path: dict[str, list[FindingItem]] = {}
    for finding in result.sorted_findings():
        by_path.setdefault(finding.path, []).append(
            FindingItem(
                line=finding.line,
                column=finding.column,
                code=finding.code,
                rule=finding.rule,
                severity=str(finding.severity),
                message=finding.message,
                href=link(finding.path, finding.line or None),
            )
        )
    files = tuple(
        FileFindings(
            path=path,
            id=names.get(path, (Path(path).stem, None))[0],
            name=names.get(path, ("", None))[1],
            href=link(path, None),
            findings=tuple(items),
        )
        for path, items in sorted(by_path.items())
    )
    return Findings(files, checked=result.files)


@dataclass(frozen=True, slots=True)
class SeatInput:
    """A committee seat as the segment file gives it (a plain record, so the diagram does
    not depend on how segments are loaded)."""

    persona: str
    role: str
    influence: int
    notes: str | None
    line: int | None


def segment_view(
    *,
    ident: str,
    name: str,
    path: Path,
    display: str,
    description: str | None,
    seats: Sequence[SeatInput],
    personas: dict[str, tuple[str, str]],
    linker: Linker,
    sources: dict[str, Path],
) -> SegmentView:
    """A segment's committee with each seat's persona looked up (name, retired, missing)."""
    members = []
    for seat in seats:
        found = personas.get(seat.persona)
        state: MemberState = (
            "missing" if found is None else "retired" if found[1] == "retired" else "ok"
        )
        persona_path = sources.get(seat.persona)
        members.append(
            Member(
                persona=seat.persona,
                name=found[0] if found else seat.persona,
                role=seat.role,
                influence=seat.influence,
                notes=seat.notes,
                state=state,
                href=linker.href(persona_path) if persona_path else linker.href(path, seat.line),
            )
        )
    return SegmentView(ident, name, display, description, tuple(members), linker.href(path))


def load_segments(
    sources: Sequence[SourceFile],
    *,
    personas: dict[str, tuple[str, str]],
    persona_paths: dict[str, Path],
    linker: Linker,
) -> Segments:
    """The valid segments among `sources` (lint reports the invalid ones)."""
    from persona_cli.load.segments import load_segments as load

    views = []
    for loaded in load(sources):
        segment = loaded.segment
        seats = [
            SeatInput(
                persona=member.persona,
                role=str(member.role.value),
                influence=member.influence,
                notes=member.notes,
                line=loaded.line_of(("committee", index)),
            )
            for index, member in enumerate(segment.committee or [])
        ]
        views.append(
            segment_view(
                ident=segment.id,
                name=segment.name,
                path=loaded.path,
                display=loaded.display,
                description=segment.description,
                seats=seats,
                personas=personas,
                linker=linker,
                sources=persona_paths,
            )
        )
    # A segment file that does not load is left out; say so rather than "no segments".
    shown = {view.path for view in views}
    broken = [s.display for s in sources if s.display not in shown and _is_segment_file(s)]
    if broken:
        note = f"not shown, not a valid segment (see the lint findings): {', '.join(broken)}"
        return Segments(tuple(views), note=note)
    if not views:
        return Segments(note="no segments: no file with kind: segment among the paths")
    return Segments(tuple(views))


class _Newest:
    """The walk's stop test for "the newest N commits that changed a meaning": notes each
    commit with a counted change in the order the log streams them (first parent, newest
    first, as `persona log` lists them) and says stop once it holds N. A change judged
    against an unreadable older version is settled later in the walk; one still open when
    the walk stops counts (an unreadable version in history is rare)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.order: dict[str, int] = {}
        self.read: dict[str, int] = {}

    def __call__(self, histories: Mapping[str, PersonaHistory]) -> bool:
        for path, found in histories.items():
            start = self.read.get(path, 0)
            if len(found.changes) == start:
                continue
            for change in found.changes[start:]:
                if change.counts:
                    self.order.setdefault(change.commit.sha, len(self.order))
            self.read[path] = len(found.changes)
        return len(self.order) >= self.limit

    def position(self, sha: str) -> int:
        return self.order.get(sha, len(self.order))


def recent_changes(
    sources: Sequence[SourceFile],
    *,
    cwd: Path,
    limit: int = DEFAULT_CHANGES,
    warn: Callable[[str], None],
) -> list[ChangeItem]:
    """The newest `limit` commits that changed the meaning of any file of the set, each with
    the one-line section summary per persona that `persona log` prints. Reformat-only,
    rename-only and ignored (`.git-blame-ignore-revs`) commits do not count, as in `log`."""
    from persona_cli.domain.errors import GitError
    from persona_cli.git import history, open_repo
    from persona_cli.verbs.age import persona_id
    from persona_cli.verbs.log import summarise_change

    try:
        repo = open_repo(cwd, purpose="persona report")
    except GitError:
        if not sources:
            raise
        repo = open_repo(sources[0].path.resolve().parent, purpose="persona report")
    try:
        root = Path(str(repo.working_tree_dir)).resolve()
        displays: dict[str, str] = {}
        for source in sources:
            try:
                displays[history.relative(source.path, root)] = source.display
            except GitError as failure:
                warn(str(failure))
        state = history.tree_state(repo, list(displays))
        at_head = [path for path in displays if path in state.head]
        if not at_head:
            return []
        blobs = history.Blobs(repo)
        ignored = history.ignored_revisions(repo, warn)
        newest = _Newest(limit)
        walked = history.walk(
            repo,
            at_head,
            blobs=blobs,
            ignored=ignored,
            stop_when_resolved=False,
            warn=warn,
            until=newest,
        )
        commits: dict[str, list[tuple[str, history.Change]]] = {}
        for path, found in walked.items():
            for change in found.changes:
                if change.counts:
                    commits.setdefault(change.commit.sha, []).append((path, change))
        chosen = sorted(commits.items(), key=lambda item: newest.position(item[0]))[:limit]
        items = []
        for _, pairs in chosen:
            commit = pairs[0][1].commit
            touched = []
            for path, change in sorted(pairs, key=lambda pair: displays[pair[0]]):
                new = blobs.data(change.new_blob) if change.new_blob else None
                old = blobs.data(change.old_blob) if change.old_blob else None
                summary = summarise_change(
                    change.kind,
                    old if change.kind == "changed" else None,
                    new if change.kind == "changed" else None,
                    path=change.path,
                    old_path=change.old_path,
                )
                touched.append(ChangedPersona(persona_id(new or {}, path), displays[path], summary))
            items.append(
                ChangeItem(
                    commit=commit.sha,
                    date=commit.committed,
                    author=commit.author,
                    subject=commit.subject,
                    personas=tuple(touched),
                )
            )
        return items
    finally:
        repo.close()


# --- the whole report ---------------------------------------------------------------------------


@dataclass(slots=True)
class Options:
    """What `persona report` was asked for, beyond the files."""

    now: dt.date
    cwd: Path
    out_dir: Path
    link_base: str | None = None
    changes: int = DEFAULT_CHANGES
    jobs: int | None = None
    include_retired: bool = False
    warnings: list[str] = field(default_factory=list)


def build(
    targets: Sequence[SourceFile],
    *,
    context: Sequence[SourceFile],
    engine: Engine,
    options: Options,
) -> Report:
    """Lint, score, age, load segments and read history for `targets`."""
    from persona_cli.domain.errors import GitError
    from persona_cli.lint.engine import lint
    from persona_cli.verbs.age import age

    # The repository holding the files, which need not be the one around the cwd.
    anchor = targets[0].path.parent if targets else options.cwd
    root = repository_root(anchor) if options.link_base else None
    linker = Linker(options.out_dir, options.link_base, root)
    by_display = {source.display: source.path for source in [*context, *targets]}

    def link(display: str, line: int | None) -> str:
        return linker.href(by_display.get(display, options.cwd / display), line)

    warnings = options.warnings
    result = lint(list(targets), engine=engine, context=list(context), jobs=options.jobs)
    scores = [
        score for score in result.personas if options.include_retired or score.status != "retired"
    ]
    scored = {score.path for score in result.personas}
    segment_files = {source.display for source in targets if _is_segment_file(source)}
    heat = Completeness(
        rows=tuple(heat_row(score, link(score.path, None)) for score in scores),
        unscored=tuple(
            source.display
            for source in targets
            if source.display not in scored and source.display not in segment_files
        ),
    )
    names = {score.path: (score.name or score.id, score.kind) for score in result.personas}
    personas = {score.id: (score.name or score.id, score.status) for score in result.personas}
    persona_paths = {score.id: by_display[score.path] for score in result.personas}
    segments = load_segments(targets, personas=personas, persona_paths=persona_paths, linker=linker)
    names.update((view.path, (view.name, "segment")) for view in segments.segments)
    try:
        aged = age(
            targets, now=options.now, cwd=options.cwd, include_retired=options.include_retired
        )
        warnings.extend(aged.warnings)
        for row in aged.personas:
            kind = "segment" if row.path in segment_files else ""
            names.setdefault(row.path, (row.id, kind))
        fresh = freshness(aged, names=names, link=link)
    except GitError as failure:
        fresh = Freshness(note=f"no ages: {failure.message}")
    if options.changes == 0:
        changes = Changes(note="not asked for (--changes 0)", limit=0)
    else:
        changes = _changes(targets, options, warnings)
    return Report(
        now=options.now,
        freshness=fresh,
        completeness=heat,
        findings=findings(result, link=link, segments=segments),
        segments=segments,
        changes=changes,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _changes(targets: Sequence[SourceFile], options: Options, warnings: list[str]) -> Changes:
    from persona_cli.domain.errors import GitError

    try:
        found = recent_changes(
            targets, cwd=options.cwd, limit=options.changes, warn=warnings.append
        )
    except GitError as failure:
        return Changes(note=f"no history: {failure.message}", limit=options.changes)
    return Changes(tuple(found), limit=options.changes)


def _is_segment_file(source: SourceFile) -> bool:
    from persona_cli.io.file_read import read_regular  # never opens a FIFO, a socket or a device
    from persona_cli.load.segments import looks_like_segment

    raw = read_regular(source.path, source.display)
    return isinstance(raw, bytes) and looks_like_segment(raw.decode("utf-8", errors="replace"))
