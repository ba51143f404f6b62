"""The whole report: lint, score, age, segments and history for a set of files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from persona_cli.domain.errors import GitError
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import read_regular
from persona_cli.lint.engine import Engine, lint
from persona_cli.load.personaset import PersonaSet
from persona_cli.load.segments import looks_like_segment
from persona_cli.verbs.age import age
from persona_cli.verbs.report.changes import recent_changes
from persona_cli.verbs.report.links import Linker, repository_root
from persona_cli.verbs.report.records import (
    DEFAULT_CHANGES,
    Changes,
    Completeness,
    Freshness,
    Report,
)
from persona_cli.verbs.report.sections import findings, freshness, heat_row, segments


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
    candidates = [source for source in targets if _is_segment_file(source)]
    segment_files = {source.display for source in candidates}
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
    committees = segments(
        PersonaSet.load(candidates, jobs=options.jobs),
        personas=personas,
        persona_paths=persona_paths,
        linker=linker,
    )
    names.update((view.path, (view.name, "segment")) for view in committees.segments)
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
        findings=findings(result, link=link, segments=committees),
        segments=committees,
        changes=changes,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _changes(targets: Sequence[SourceFile], options: Options, warnings: list[str]) -> Changes:
    try:
        found = recent_changes(
            targets, cwd=options.cwd, limit=options.changes, warn=warnings.append
        )
    except GitError as failure:
        return Changes(note=f"no history: {failure.message}", limit=options.changes)
    return Changes(tuple(found), limit=options.changes)


def _is_segment_file(source: SourceFile) -> bool:
    # read_regular never opens a FIFO, a socket or a device.
    raw = read_regular(source.path, source.display)
    return isinstance(raw, bytes) and looks_like_segment(raw.decode("utf-8", errors="replace"))
