"""`persona render`: per-team briefings from the persona set, through Jinja templates.

Pure core: it takes the loaded persona set and the templates and returns the documents to
write; it never prints and never touches argv. What to write where is `run.py`'s.

Why it looks like this:

- Teams read one persona through different lenses (marketing frames risk, sales resolves hesitation,
  product reduces friction, support detects expectation failure), and most of them never
  open YAML, so each team gets its own template and every field it lacks is named in a
  visible "gaps" box instead of a blank heading.
- Persona text is data, never template: values reach Jinja only through the context, so a
  field holding `{{ 7*7 }}` renders literally. Templates run in Jinja's sandbox with
  `StrictUndefined`, so a typo or a reach into Python internals fails loudly, with the
  template's file and line, before anything is written.
- Output must be checkable in CI (`--check`), so rendering is deterministic: personas sorted
  by id, no timestamps unless the caller pins `today`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain import completeness
from persona_cli.domain.errors import TemplateError, UsageError
from persona_cli.domain.fields import OVERVIEW
from persona_cli.io.parallel import forked_map
from persona_cli.verbs.render import peers
from persona_cli.verbs.render.committee import build
from persona_cli.verbs.render.environment import environment
from persona_cli.verbs.render.execute import compile_named, run
from persona_cli.verbs.render.gaps import gaps, written_for
from persona_cli.verbs.render.limits import limits
from persona_cli.verbs.render.load import Loaded
from persona_cli.verbs.render.page import page
from persona_cli.verbs.render.templates import (
    SEGMENTS_INDEX,
    TEAM_PATTERN,
    TEMPLATE_SUFFIX,
    Team,
    committee_template,
    partial,
)

if TYPE_CHECKING:
    import jinja2

    from persona_cli.verbs.render.committee_model import SegmentInput


@dataclass(frozen=True, slots=True)
class Document:
    """One rendered output: a path relative to the output folder, and its text."""

    path: str
    text: str


@dataclass(slots=True)
class Request:
    """What to render: teams, personas, format and the date to judge by."""

    teams: list[Team]
    personas: list[Loaded]
    everyone: list[Loaded]
    today: dt.date
    generated: dt.date | None = None
    ages: dict[str, dict[str, Any]] | None = None
    output_format: str = "md"
    combined: bool = False
    custom: Path | None = None
    cwd: Path = field(default_factory=Path.cwd)
    #: Personas were named by id: brief them even for a team whose lens their kind lacks.
    explicit: bool = False


def applies(team: str, data: dict[str, Any]) -> bool:
    """Whether `team` briefs a persona unasked. A persona that names its `teams` is briefed
    by exactly those and the overview. Otherwise lens teams brief only the kinds whose lens
    they read (no sales briefing for an internal colleague); the overview and custom teams
    brief everyone."""
    chosen = written_for(data)
    if chosen is not None:
        return team == OVERVIEW or team in chosen
    if team in completeness.LENSES:
        return team in completeness.TEAMS_BY_KIND.get(data["kind"], ())
    return True


class _Renderer:
    """Templates compiled once per run, and the set-wide facts every briefing shares."""

    def __init__(self, request: Request) -> None:
        self.request = request
        env = environment(request.custom)
        self.templates = {
            team.name: compile_named(env, team.path.name, request.custom, request.cwd)
            for team in request.teams
        }
        self.paths = {team.name: team.path for team in request.teams}
        self.index = compile_named(env, "_index.md.j2", request.custom, request.cwd)
        _preload_partials(env)
        if request.output_format == "html":  # once, before the workers fork; errors early
            page("", "", request.custom, request.cwd)
            back = {"href": "index.html", "label": "All briefings"}
            page("", "", request.custom, request.cwd, back=back)
        self.everyone = [item.data for item in request.everyone if item.data["status"] != "retired"]
        self.committees = peers.committees(self.everyone)
        self.kin = peers.families([item.data for item in request.everyone])

    def job(self, job: tuple[str, int]) -> str:
        team, index = job
        return self.briefing(team, self.request.personas[index])

    def briefing(self, team: str, item: Loaded) -> str:
        request = self.request
        context = {
            "persona": item.data,
            "gaps": gaps(item.data, team),
            "personas": self.everyone,
            "committee": peers.committee(item.data, self.committees, self.kin.get(item.id, ())),
            "today": request.today,
            "generated": request.generated,
            "age": (request.ages or {}).get(item.id),
            "team": team,
        }
        try:
            text = run(self.templates[team], context, self.paths[team], request.cwd)
        except TemplateError as failure:  # a template may fail on one persona's data only
            raise TemplateError(
                f"{failure.message} (rendering {item.source.display})", hint=failure.hint
            ) from None
        if request.output_format == "html" and not request.combined:
            back = {"href": "index.html", "label": f"All {team} briefings"}
            title = f"{item.data['name']} - {team}"
            return page(text, title, request.custom, request.cwd, back=back)
        return text


def _preload_partials(env: jinja2.Environment) -> None:
    """Compile the partials (`_header.md.j2` and the like) before the workers fork: each of
    them would otherwise compile every partial its templates include, once per core. A
    partial that fails to compile is left for the template that includes it to report."""
    import jinja2

    for name in env.list_templates(filter_func=lambda name: name.startswith("_")):
        if name.endswith(TEMPLATE_SUFFIX):
            with contextlib.suppress(
                jinja2.TemplateError, OSError, UnicodeDecodeError, RecursionError
            ):
                env.get_template(name)


def render(request: Request) -> list[Document]:
    """Every document of the request, rendered in memory (nothing is written here)."""
    with limits():
        return _render(request)


def _render(request: Request) -> list[Document]:
    renderer = _Renderer(request)
    jobs = [
        (team.name, index)
        for team in request.teams
        for index, item in enumerate(request.personas)
        if request.explicit or applies(team.name, item.data)
    ]
    texts = iter(forked_map(renderer.job, jobs))
    by_team: dict[str, list[tuple[Loaded, str]]] = {team.name: [] for team in request.teams}
    for team_name, index in jobs:
        by_team[team_name].append((request.personas[index], next(texts)))
    documents: list[Document] = []
    extension = "html" if request.output_format == "html" else "md"
    for team in request.teams:
        rendered = by_team[team.name]
        index_context = {
            "team": team.name,
            "entries": [
                {"persona": item.data, "age": (request.ages or {}).get(item.id), "file": item.id}
                for item, _ in rendered
            ],
            "today": request.today,
            "generated": request.generated,
            "combined": request.combined,
            "extension": extension,
        }
        index_path = partial(request.custom, "_index.md.j2")
        index_text = run(renderer.index, index_context, index_path, request.cwd)
        if request.combined:
            body = "\n---\n\n".join([index_text, *(text for _, text in rendered)])
            documents.append(_document(f"{team.name}", body, request, title=team.name))
            continue
        documents.extend(
            Document(f"{team.name}/{item.id}.{extension}", text) for item, text in rendered
        )
        index_name = "index" if request.output_format == "html" else "README"
        documents.append(
            _document(f"{team.name}/{index_name}", index_text, request, title=team.name)
        )
    return documents


def render_committees(
    request: Request, segments: Sequence[SegmentInput], teams: Sequence[str], *, index: bool = False
) -> list[Document]:
    """One committee briefing per team and segment, `<team>/segments/<id>.md` (or `.html`),
    and with `index` the folder's index (`README.md` or `index.html`: one row per segment).
    Members are joined with `request.everyone` (retired personas included, so a retired
    member shows as such); nothing is written here."""
    with limits():
        return _render_committees(request, segments, teams, index=index)


def _render_committees(
    request: Request, segments: Sequence[SegmentInput], teams: Sequence[str], *, index: bool
) -> list[Document]:
    env = environment(request.custom)
    personas = {item.id: item.data for item in request.everyone}
    documents: list[Document] = []
    for team in teams:
        entries: list[dict[str, Any]] = []
        name = committee_template(team, request.custom)
        if name is None:
            raise UsageError(f"--segment: no committee template for team '{team}'")
        template = compile_named(env, name, request.custom, request.cwd)
        for segment in segments:
            if not TEAM_PATTERN.match(segment.id):  # ids are validated slugs; second lock
                raise UsageError(f"segment id '{segment.id}' is not a slug")
            view = build(segment, personas)
            context = {
                "committee": view.context(),
                "team": team,
                "today": request.today,
                "generated": request.generated,
            }
            text = run(template, context, partial(request.custom, name), request.cwd)
            stem = f"{team}/segments/{segment.id}"
            documents.append(
                _document(stem, text, request, title=f"{segment.name} - {team} committee")
            )
            entries.append(
                {
                    "segment": view.context()["segment"],
                    "seats": len(view.members),
                    "missing": sum(1 for member in view.members if member.state != "present"),
                    "file": segment.id,
                }
            )
        if index:
            documents.append(_segments_index(env, team, entries, request))
    return documents


def _segments_index(
    env: jinja2.Environment, team: str, entries: list[dict[str, Any]], request: Request
) -> Document:
    """`<team>/segments/README.md` (or `index.html`): each segment, linked, with its seats."""
    template = compile_named(env, SEGMENTS_INDEX, request.custom, request.cwd)
    context = {
        "team": team,
        "entries": entries,
        "generated": request.generated,
        "extension": "html" if request.output_format == "html" else "md",
    }
    text = run(template, context, partial(request.custom, SEGMENTS_INDEX), request.cwd)
    name = "index" if request.output_format == "html" else "README"
    title = f"{team} committee briefings"
    return _document(f"{team}/segments/{name}", text, request, title=title)


def _document(stem: str, text: str, request: Request, *, title: str) -> Document:
    if request.output_format != "html":
        return Document(f"{stem}.md", text)
    return Document(f"{stem}.html", page(text, title, request.custom, request.cwd))
