"""The `persona report` page: one self-contained HTML file, and the JSON of the same data.

The page is a Jinja template (`templates/report.html.j2`, shipped in the package and not
overridable) rendered with autoescape and `StrictUndefined` from the report's own records.
Every value goes out through `svg.escape`, the one escaping function the charts use too, so
hidden characters show as `<U+202E>` everywhere and quotes are escaped alike; only the SVG
charts, built with that escaping inside, come in as markup. Text the user wrote is data,
never parsed as a template (a name such as `{{ 7*7 }}` stays literal). The page has inline
CSS and inline SVG only: no script, no web font, no request, so it opens from disk, prints,
and reads the same with colour off (every status is also written as text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli import __version__
from persona_cli.domain.hidden import escape_json
from persona_cli.reporters import svg
from persona_cli.reporters.svg import STATUS_COLOURS

if TYPE_CHECKING:
    from markupsafe import Markup

    from persona_cli.verbs.report.records import (
        Completeness,
        Freshness,
        FreshnessRow,
        HeatRow,
        Report,
        SegmentView,
    )

TEMPLATES = Path(__file__).resolve().parent / "templates"

ROLE_LABELS: dict[str, str] = {
    "economic_buyer": "economic buyer",
    "champion": "champion",
    "technical_evaluator": "technical evaluator",
    "influencer": "influencer",
    "legal_security": "legal / security",
    "procurement": "procurement",
    "blocker": "blocker",
    "user": "user",
}
STATUS_NOTES: dict[str, str] = {
    "fresh": "refreshed within 75% of its limit",
    "aging": "past 75% of its limit: plan the refresh",
    "stale": "past its limit: refresh with new evidence",
    "unknown": "last change lies before a shallow clone's first commit",
    "uncommitted": "differs from HEAD: commit it to start the clock",
    "untracked": "never committed",
}
MEMBER_STATES: dict[str, str] = {"missing": " (no such persona)", "retired": " (retired)"}
SEVERITY_ORDER = ("error", "warning", "info")


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def _files(rows: Iterable[FreshnessRow]) -> str:
    """`7 personas and 1 segment`: what the freshness chart holds."""
    kinds = [row.kind == "segment" for row in rows]
    people, segments = kinds.count(False), kinds.count(True)
    text = _plural(people, "persona")
    return text + (f" and {_plural(segments, 'segment')}" if segments else "")


def _empty(section: Completeness) -> str:
    count = sum(1 for row in section.rows for c in row.cells if c.state == "missing")
    if count == 0:
        return "No lens is empty."
    return f"{_plural(count, 'lens is', 'lenses are')} empty (0%)."


# --- charts: svg.py draws them, escaping every value inside -----------------------------------


def _freshness_chart(section: Freshness) -> Markup:
    from markupsafe import Markup

    groups = [
        svg.BarGroup(
            group.owners,
            tuple(
                svg.Bar(
                    label=row.name,
                    age=row.age_days,
                    limit=row.interval_days,
                    status=row.status,
                    detail=(
                        f"{row.name} ({row.path}): {row.status}"
                        + (
                            f", {row.age_days} of {row.interval_days} days"
                            if row.age_days is not None
                            else ""
                        )
                        + (f"; last changed {row.last_changed}" if row.last_changed else "")
                        + (f"; last reviewed {row.last_reviewed}" if row.last_reviewed else "")
                    ),
                    href=row.href,
                )
                for row in group.rows
            ),
        )
        for group in section.groups
    ]
    return Markup(svg.freshness_chart(groups, ident="freshness-chart"))


def _heat_detail(row: HeatRow, column: str, share: float | None, missing: tuple[str, ...]) -> str:
    title = column.replace("_", " ")
    if share is None:
        return f"{row.name}, {title}: not applicable to a {row.kind} persona"
    text = f"{row.name}, {title}: {round(share * 100)}% filled"
    return text + (f"; missing {', '.join(missing)}" if missing else "")


def _completeness_chart(section: Completeness) -> Markup:
    from markupsafe import Markup

    from persona_cli.verbs.report.records import COLUMN_TITLES, COLUMNS

    rows = [
        svg.HeatRow(
            label=f"{row.name}",
            detail=f"{row.name} ({row.path}), {row.kind}: "
            f"{round(row.completeness * 100)}% complete overall",
            href=row.href,
            cells=tuple(
                svg.Cell(cell.share, _heat_detail(row, cell.column, cell.share, cell.missing))
                for cell in row.cells
            ),
        )
        for row in section.rows
    ]
    chart = svg.heatmap(rows, [COLUMN_TITLES[c] for c in COLUMNS], ident="completeness-chart")
    return Markup(chart)


def _committee_chart(index: int, segment: SegmentView) -> Markup:
    from markupsafe import Markup

    bands = [
        svg.Band(
            title,
            tuple(
                svg.Node(
                    label=member.name,
                    role=ROLE_LABELS.get(member.role, member.role),
                    influence=member.influence,
                    missing=member.state == "missing",
                    detail=f"{member.name} ({member.persona}): "
                    f"{ROLE_LABELS.get(member.role, member.role)}, influence "
                    f"{member.influence} of 5"
                    + (f"; {member.notes}" if member.notes else "")
                    + ("; no persona with this id" if member.state == "missing" else "")
                    + ("; persona is retired" if member.state == "retired" else ""),
                    href=member.href,
                )
                for member in members
            ),
        )
        for title, members in segment.bands()
    ]
    chart = svg.committee(
        bands, title=f"Buying committee of {segment.name}", ident=f"committee-{index}"
    )
    return Markup(chart)


# --- the page -----------------------------------------------------------------------------------


def _escape(value: object) -> Markup:
    """Jinja's `finalize`: every printed value through `svg.escape` (hidden characters
    revealed, then HTML-escaped), except markup built with that escaping inside."""
    from markupsafe import Markup

    return value if isinstance(value, Markup) else Markup(svg.escape(value))


def html_page(report: Report, *, title: str = "Persona report") -> str:
    """The whole page. Deterministic: the only date on it is the one ages are judged by."""
    # Imported here: jinja2 loads only when a report page is written, not at start-up.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_escape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    page = env.get_template("report.html.j2")
    return page.render(
        report=report,
        title=title,
        version=__version__,
        severities=SEVERITY_ORDER,
        statuses=tuple(STATUS_COLOURS),
        status_colours=STATUS_COLOURS,
        status_notes=STATUS_NOTES,
        role_labels=ROLE_LABELS,
        member_states=MEMBER_STATES,
        plural=_plural,
        files_held=_files,
        empty_lenses=_empty,
        freshness_chart=_freshness_chart,
        completeness_chart=_completeness_chart,
        committee_chart=_committee_chart,
    )


def json_text(report: Report) -> str:
    """`--format json`: the same data, `"version": 1`, keys in a fixed order."""
    # Hidden characters as \u escapes: the same strings to a parser, visible to a person.
    return escape_json(json.dumps(report.as_dict(), indent=2, ensure_ascii=False)) + "\n"


#: `--format` choices; the CLI's choices are these keys.
REPORT_FORMATS: dict[str, str] = {"html": "index.html", "json": "report.json"}
