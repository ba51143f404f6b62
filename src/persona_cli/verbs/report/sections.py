"""Building each section of the report from the other verbs' results: the heatmap from lint's
scores, freshness from `persona age`, findings by file, and the committees of the segments
the load stage read."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from persona_cli.domain import completeness
from persona_cli.domain.result import LintResult, PersonaScore
from persona_cli.load.personaset import LoadedSegment, PersonaSet
from persona_cli.verbs.age import AgeResult, by_owner
from persona_cli.verbs.report.links import Linker
from persona_cli.verbs.report.records import (
    COLUMNS,
    Cell,
    CellState,
    FileFindings,
    FindingItem,
    Findings,
    Freshness,
    FreshnessRow,
    HeatRow,
    Member,
    MemberState,
    OwnerGroup,
    Segments,
    SegmentView,
)


def heat_row(score: PersonaScore, href: str) -> HeatRow:
    """One persona's heatmap row from lint's score: shares per lens, kind aware; a column
    the persona's teams do not need (a sales lens for a product-only persona) is n/a."""
    kind = score.kind
    missing = set(score.missing)
    needed = completeness.groups(kind, score.teams)
    cells: list[Cell] = []
    for column in COLUMNS:
        fields: tuple[completeness.FieldPath, ...]
        if column == "whole_person":
            fields = completeness.EMOTIONAL
        elif column == "decision":
            fields = completeness.decision_fields(kind, score.teams)
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


def segment_view(
    loaded: LoadedSegment,
    *,
    personas: Mapping[str, tuple[str, str]],
    linker: Linker,
    sources: Mapping[str, Path],
) -> SegmentView:
    """A segment's committee with each seat's persona looked up (name, retired, missing)."""
    segment = loaded.segment
    members = []
    for index, seat in enumerate(segment.committee or ()):
        found = personas.get(seat.persona)
        state: MemberState = (
            "missing" if found is None else "retired" if found[1] == "retired" else "ok"
        )
        persona_path = sources.get(seat.persona)
        line = loaded.line_of(("committee", index))
        members.append(
            Member(
                persona=seat.persona,
                name=found[0] if found else seat.persona,
                role=seat.role.value,
                influence=seat.influence,
                notes=seat.notes,
                state=state,
                href=linker.href(persona_path) if persona_path else linker.href(loaded.path, line),
            )
        )
    return SegmentView(
        segment.id,
        segment.name,
        loaded.display,
        segment.description,
        tuple(members),
        linker.href(loaded.path),
    )


def segments(
    candidates: PersonaSet,
    *,
    personas: Mapping[str, tuple[str, str]],
    persona_paths: Mapping[str, Path],
    linker: Linker,
) -> Segments:
    """The committees of the valid segments among `candidates` (the files that look like
    segments); lint reports the invalid ones, and the note names them."""
    views = [
        segment_view(loaded, personas=personas, linker=linker, sources=persona_paths)
        for loaded in candidates.segments
    ]
    # A segment file that does not load is left out; say so rather than "no segments".
    shown = {view.path for view in views}
    broken = [r.display for r in candidates.records if r.display not in shown]
    if broken:
        note = f"not shown, not a valid segment (see the lint findings): {', '.join(broken)}"
        return Segments(tuple(views), note=note)
    if not views:
        return Segments(note="no segments: no file with kind: segment among the paths")
    return Segments(tuple(views))
