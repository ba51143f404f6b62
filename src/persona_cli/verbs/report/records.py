"""The typed record of `persona report`: one dataclass per section, each with its JSON shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

from persona_cli.domain.roles import CommitteeRole as _Role

#: The shape of `--format json`; bumped only when a key changes meaning or goes away.
JSON_VERSION = 1
#: How many commits "recent changes" shows by default.
DEFAULT_CHANGES = 10
#: Heatmap columns: the whole person, the decision fields, the four team lenses, then
#: evidence (completeness counts it for every kind: a persona without any is a guess).
COLUMNS: tuple[str, ...] = (
    "whole_person",
    "decision",
    "marketing",
    "sales",
    "product",
    "support",
    "evidence",
)
COLUMN_TITLES: dict[str, str] = {
    "whole_person": "whole person",
    "decision": "decision",
    "marketing": "marketing",
    "sales": "sales",
    "product": "product",
    "support": "support",
    "evidence": "evidence",
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


#: A section as JSON: what `--format json` writes (values are JSON-ready, never read back).
Json = dict[str, object]


def _fields(record: DataclassInstance) -> Json:
    """A record's fields as JSON-ready values, in field order (nested records as dicts,
    tuples as lists): the shape of every section whose JSON mirrors its record."""
    plain: Json = json.loads(json.dumps(dataclasses.asdict(record)))
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class FileFindings:
    """The findings about one file, in line order; `name` when it is a valid persona."""

    path: str
    id: str
    name: str | None
    href: str
    findings: tuple[FindingItem, ...]

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
        return {
            "note": self.note,
            "segments": [segment.as_dict() for segment in self.segments],
        }


@dataclass(frozen=True, slots=True)
class ChangedPersona:
    id: str
    path: str
    summary: str

    def as_dict(self) -> Json:
        return _fields(self)


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One commit that changed the meaning of at least one persona of the set."""

    commit: str
    date: dt.datetime
    author: str
    subject: str
    personas: tuple[ChangedPersona, ...]

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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

    def as_dict(self) -> Json:
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
