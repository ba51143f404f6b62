"""Committee briefings (`persona render --segment ID|all`): the segments asked for, each
member joined with the persona set, then one briefing per team and segment printed, checked
or written under `--out` (with `--segment all`, an index of the segments too).

Pure core, like `run.py`: no printing, no argv.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import LoadError, UsageError
from persona_cli.io.discovery import key_of
from persona_cli.load.segments import (
    find_segment,
    load_segments,
    looks_like_segment,
    segment_problem,
)
from persona_cli.load.sources import segment_sources
from persona_cli.verbs.render import engine
from persona_cli.verbs.render.committee_model import SegmentInput, segment_input
from persona_cli.verbs.render.load import load_set
from persona_cli.verbs.render.options import (
    Options,
    Outcome,
    Printed,
    Shared,
    persona_sources,
    split_targets,
)
from persona_cli.verbs.render.outputs import Owned, check_or_write, extension, refuse_input_folders
from persona_cli.verbs.render.templates import TEAM_PATTERN, committee_teams

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile


def run_committees(options: Options, shared: Shared, *, team: str, custom: Path | None) -> Outcome:
    """`--segment`: committee briefings for segments, members joined with the persona set."""
    cwd, settings, segments, out = shared.cwd, shared.settings, options.segments, options.out
    if options.combined or options.kinds or options.statuses or options.owners:
        raise UsageError(
            "--segment takes its members from the segment's committee",
            hint="drop --combined, --kind, --status and --owner",
        )
    teams = committee_teams(team, custom)
    paths, ids = split_targets(options.targets, cwd)
    if ids:
        raise UsageError(
            f"--segment takes its members from the segment, not from ids ('{ids[0]}')",
            hint="pass folders or files to read personas and segments from, or nothing",
        )
    for wanted in segments:
        if wanted != "all" and not TEAM_PATTERN.match(wanted):
            raise UsageError(
                f"--segment: '{wanted}' is not a segment id",
                hint="ids are slugs such as enterprise-fintech (the file name without .yaml)",
            )
    sources = persona_sources(paths, shared)
    if paths:
        folders = [cwd / path for path in paths]
    else:
        root = Path(settings.root) if settings.root else cwd
        folders = [root / path for path in settings.paths]
    read = [*sources, *segment_sources(folders, settings, cwd)]
    found = _load_segments(segments, read)
    everyone = load_set(sources)
    if paths and not everyone:  # else every member reads as "no persona in the set"
        raise UsageError(
            f"no persona files in {', '.join(paths)}: a committee briefing joins the seats "
            "with the personas",
            hint="pass the persona folder too (e.g. personas/ segments/), or no paths",
        )
    generated = shared.parse_date(options.now)
    request = engine.Request(
        teams=[],
        personas=[],
        everyone=everyone,
        today=generated or dt.datetime.now(dt.UTC).date(),
        generated=generated,
        output_format=options.output_format,
        custom=custom,
        cwd=cwd,
    )
    if out is None and len(teams) * len(found) != 1:
        raise UsageError(
            f"{len(teams) * len(found)} committee briefings selected; printing needs exactly one",
            hint="pick one --team and one --segment, or add --out DIR",
        )
    # `--segment all` writes an index of the segments too (README.md, or index.html).
    documents = engine.render_committees(
        request, found, teams, index=out is not None and segments == ["all"]
    )
    if out is None:
        return Printed(documents[0].text)
    inputs = [s.path for s in read]
    refuse_input_folders(out, paths, settings, cwd, documents, inputs)
    # `--segment all` owns each team's segments/ folder, as the whole set owns a team's.
    owns = [f"{team}/segments" for team in teams] if segments == ["all"] else []
    if options.prune and not owns:
        shared.notify(
            "persona: warning: --prune: only --segment all owns the segments/ folders, so "
            "nothing is pruned"
        )
    owned = Owned(owns, f".{extension(options.output_format)}", "segment")
    return check_or_write(
        out,
        documents,
        owned,
        cwd,
        check_only=options.check,
        prune=options.prune,
        force=options.force,
        notify=shared.notify,
    )


def _load_segments(wanted: list[str], sources: list[SourceFile]) -> list[SegmentInput]:
    """The segments asked for (`all`: every valid one), by id; duplicates of one file (found
    through two paths) count once."""
    unique: dict[Path, SourceFile] = {}
    for source in sources:
        unique.setdefault(key_of(source.path), source)  # a symlink loop must not raise
    pool = list(unique.values())
    chosen: dict[str, SegmentInput] = {}
    if "all" in wanted:
        by_id: dict[str, str] = {}
        for loaded in load_segments(pool):
            ident = loaded.segment.id
            if ident in by_id:
                raise LoadError(
                    f"{loaded.display}: segment id '{ident}' is also used by {by_id[ident]}",
                    hint="ids must be unique; run persona lint to see the duplicates",
                )
            by_id[ident] = loaded.display
            chosen[ident] = segment_input(loaded.segment.model_dump(mode="python"))
        if not chosen:
            raise UsageError(
                "--segment all: no segment files found",
                hint="segments are YAML files with kind: segment, usually in segments/",
            )
        # A broken segment is an error, not a skip: a set missing it would pass --check.
        valid = set(by_id.values())
        for source in pool:
            if source.display not in valid and looks_like_segment(_text(source.path)):
                problem = segment_problem(source) or "not a valid segment"
                raise LoadError(
                    f"{source.display}: {problem}",
                    hint=f"run persona lint {source.display} to fix it, or exclude the file",
                )
    for ident in wanted:
        if ident != "all" and ident not in chosen:
            loaded = find_segment(pool, ident)
            chosen[ident] = segment_input(loaded.segment.model_dump(mode="python"))
    return [chosen[ident] for ident in sorted(chosen)]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
