"""One `persona render` run, from parsed options to an outcome: the templates (a custom
folder, else the repository's own `templates/`), the teams and personas chosen, their ages
from git, then the documents printed, checked or written under `--out`. Committee briefings
(`--segment`) are `committee_run.py`'s.

Pure core: it never prints and never reads argv; lines for the user go through
`shared.notify`, and the outcome goes back to the command layer to print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from persona_cli.domain.completeness import TEAMS_BY_KIND
from persona_cli.domain.errors import LoadError, UsageError
from persona_cli.verbs.render import ages as aging
from persona_cli.verbs.render import engine, load, selection
from persona_cli.verbs.render import templates as catalogue
from persona_cli.verbs.render.committee_run import run_committees
from persona_cli.verbs.render.gaps import written_for
from persona_cli.verbs.render.options import (
    Options,
    Outcome,
    Printed,
    Shared,
    TeamList,
    check_options,
    persona_sources,
    split_targets,
)
from persona_cli.verbs.render.outputs import (
    Owned,
    Written,
    check_or_write,
    extension,
    refuse_input_folders,
)

if TYPE_CHECKING:
    from persona_cli.io.settings import Settings


def default_templates(settings: Settings, cwd: Path) -> Path | None:
    """A repository's own `templates/` folder: next to the configuration file, else in the
    current directory, when it holds `*.md.j2` templates."""
    for base in (Path(settings.root) if settings.root else None, cwd):
        if base is not None and catalogue.holds_templates(base / "templates"):
            return base / "templates"
    return None


def run(options: Options, shared: Shared) -> Outcome:
    """Render, then print, check or write; `--list-teams` lists the teams instead."""
    cwd, settings = shared.cwd, shared.settings
    templates = options.templates
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates: {templates} is not a folder")
    custom = templates if templates is not None else default_templates(settings, cwd)
    if custom is not None:  # absolute: compiled pages are cached by folder
        custom = custom.resolve()
    known = catalogue.find_templates(custom)
    if options.list_teams:
        return TeamList(known, catalogue.ignored_templates(custom))
    if options.team is None:
        raise UsageError(
            "--team is required", hint=f"choose one of: all, {', '.join(known)} (or --list-teams)"
        )
    check_options(options, shared.notify)
    catalogue.refuse_unreadable_templates(custom)
    if options.out is not None:
        paths = split_targets(options.targets, cwd)[0]
        refuse_input_folders(options.out, paths, settings, cwd)
    if options.segments:
        return run_committees(options, shared, team=options.team, custom=custom)
    return _run_personas(options, shared, team=options.team, custom=custom, known=known)


def _run_personas(
    options: Options,
    shared: Shared,
    *,
    team: str,
    custom: Path | None,
    known: dict[str, catalogue.Team],
) -> Outcome:
    cwd, settings = shared.cwd, shared.settings
    chosen = selection.choose_teams(team, known, custom)
    paths, ids = split_targets(options.targets, cwd)
    sources = persona_sources(paths, shared)
    everyone, unusable = load.load_usable(sources)
    everyone = [_configured_teams(loaded, settings) for loaded in everyone]
    # Those that cannot be briefed are named (each on a line, as lint words it), the others
    # briefed; the run then exits 2. Named ids: only those of them count.
    broken = [u for u in unusable if not ids or u.id in ids or u.source.path.stem in ids]
    if broken:
        left_out = {u.id for u in broken} | {u.source.path.stem for u in broken}
        rest = [ident for ident in ids if ident not in left_out]
        # Printed documents are all or nothing; under --out the others are written.
        if options.out is None or (ids and not rest) or not everyone:
            _refuse(broken, shared)
        ids = rest
    selected = selection.select(
        everyone,
        ids=ids,
        kinds=options.kinds,
        statuses=options.statuses,
        owners=options.owners,
        include_retired=settings.include_retired,
    )
    generated = shared.parse_date(options.now)
    today = generated or dt.datetime.now(dt.UTC).date()
    wanted = {item.source.path for item in selected}
    ages = (
        aging.freshness([s for s in sources if s.path in wanted], now=today)
        if options.git_age and selected
        else None
    )
    if options.explicit_age and selected and ages is None:
        shared.notify(
            "persona: warning: --age: the personas are not in a git repository; the "
            "briefings show no ages"
        )
    request = engine.Request(
        teams=chosen,
        personas=selected,
        everyone=everyone,
        today=today,
        generated=generated,
        ages=ages,
        output_format=options.output_format,
        combined=options.combined,
        custom=custom,
        cwd=cwd,
        explicit=bool(ids),
    )
    out = options.out
    if out is None:
        return Printed(_single(request))
    documents = engine.render(request)
    inputs = [s.path for s in sources]
    refuse_input_folders(out, paths, settings, cwd, documents, inputs)
    # The whole set (no ids, no filters) owns its team folders: a briefing there that no
    # persona produces any more (deleted, renamed, retired) is stale.
    partial = bool(ids or options.kinds or options.statuses or options.owners or options.combined)
    if options.prune and partial:
        shared.notify(
            "persona: warning: --prune: a render of some personas (ids, --kind, --status, "
            "--owner or --combined) owns no folder, so nothing is pruned; render the whole set "
            "to prune"
        )
    elif options.prune and broken:
        shared.notify(
            "persona: warning: --prune: some personas could not be briefed, so nothing is "
            "pruned (their briefings are kept); fix them to prune"
        )
    # A persona that cannot be briefed keeps its briefings from an earlier run.
    owned = Owned(
        [] if partial or broken else [t.name for t in chosen],
        f".{extension(options.output_format)}",
    )
    outcome = check_or_write(
        out,
        documents,
        owned,
        cwd,
        check_only=options.check,
        prune=options.prune,
        force=options.force,
        notify=shared.notify,
    )
    lines = tuple(item.line for item in broken)
    if isinstance(outcome, Written):
        teams = len({document.path.split("/")[0] for document in documents})
        return replace(outcome, teams=teams, broken=lines)
    return replace(outcome, broken=lines)


def _refuse(broken: list[load.Unusable], shared: Shared) -> NoReturn:
    """Nothing is rendered: each persona that cannot be briefed is named, the last one as
    the error (exit 2)."""
    for item in broken[:-1]:
        shared.notify(f"persona: error: {item.line}")
    last = broken[-1]
    raise LoadError(last.line, hint=last.hint)


def _single(request: engine.Request) -> str:
    """The one document printed to stdout: one team and one persona, or --combined."""
    if len(request.teams) != 1:
        raise UsageError(
            "--team all writes several documents", hint="add --out DIR, or pick one --team"
        )
    team = request.teams[0].name
    briefed = [
        item for item in request.personas if request.explicit or engine.applies(team, item.data)
    ]
    unasked = [item for item in request.personas if written_for(item.data) is not None]
    if not briefed and unasked:  # they say which teams they are written for
        names = ", ".join(item.data["id"] for item in unasked)
        raise UsageError(
            f"--team {team}: the selected persona{'s' if len(unasked) > 1 else ''} ({names}) "
            f"{'are' if len(unasked) > 1 else 'is'} not written for {team} (see `teams`)",
            hint="name a persona's id to brief it anyway, or use --team overview",
        )
    if not briefed and request.personas:  # they matched, but this team does not brief them
        kinds = sorted({item.data["kind"] for item in request.personas})
        briefs = [kind for kind, teams in TEAMS_BY_KIND.items() if team in teams]
        raise UsageError(
            f"--team {team} briefs only {' and '.join(briefs)} personas, and the "
            f"{len(request.personas)} selected {'is' if len(request.personas) == 1 else 'are'} "
            f"{' and '.join(kinds)}",
            hint="name a persona's id to brief it anyway, or use --team overview",
        )
    if not briefed:
        raise UsageError("no persona matched the ids and filters")
    if not request.combined and len(briefed) != 1:
        raise UsageError(
            f"{len(briefed)} personas selected; printing needs exactly one",
            hint="pass one id, add --combined for one document, or --out DIR for files",
        )
    return engine.render(request)[0].text


def _configured_teams(loaded: load.Loaded, settings: Settings) -> load.Loaded:
    """A persona that names no `teams` takes the configuration's default for its file or
    kind (`teams-by-path`, `teams-by-kind`), as lint and the report judge it; with neither,
    its kind decides."""
    if loaded.data.get("teams"):
        return loaded
    configured = settings.configured_teams(loaded.source.display, str(loaded.data["kind"]))
    if not configured:
        return loaded
    return replace(loaded, data={**loaded.data, "teams": list(configured)})
