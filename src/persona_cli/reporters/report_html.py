"""The `persona report` page: one self-contained HTML file, and the JSON of the same data.

Plain string building with `html.escape` (through `svg.escape`) rather than a template:
every value from a persona file passes through one escaping function, and no text the user
wrote is ever parsed as a template (a name such as `{{ 7*7 }}` stays literal). The page has
inline CSS and inline SVG only: no script, no web font, no request, so it opens from disk,
prints, and reads the same with colour off (every status is also written as text).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from persona_cli import __version__, svg
from persona_cli.hidden import escape_json
from persona_cli.svg import STATUS_COLOURS, escape

if TYPE_CHECKING:
    from persona_cli.report import (
        ChangeItem,
        FileFindings,
        Freshness,
        FreshnessRow,
        HeatRow,
        Report,
        SegmentView,
    )

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
SEVERITY_ORDER = ("error", "warning", "info")

CSS = """
:root { --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --soft: #f6f8fa; --accent: #1d4670; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui,
  -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; letter-spacing: -.01em; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .5rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
p { margin: .4rem 0; }
a { color: var(--accent); }
.lede, .note, figcaption, footer { color: var(--muted); }
.note { font-style: italic; }
nav ul { list-style: none; padding: 0; margin: 1rem 0 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1.25rem; font-size: .95rem; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr));
  gap: .75rem; margin: 1.25rem 0 0; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: .6rem .8rem; margin: 0; }
.tile dt { font-size: .8rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: .04em; }
.tile dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.tile dd small { font-size: .8rem; font-weight: 400; color: var(--muted); }
figure { margin: 1rem 0; }
svg.chart { display: block; width: 100%; height: auto; max-width: 100%; }
svg.chart a text { fill: var(--accent); }
.legend { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap;
  gap: .3rem 1.1rem; font-size: .85rem; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px;
  border: 1px solid rgba(0,0,0,.15); }
.swatch.na { background: repeating-linear-gradient(45deg, #f6f8fa 0 3px, #d0d7de 3px 5px); }
.swatch.circle { border-radius: 50%; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem;
  border-bottom: 1px solid var(--rule); }
th { font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
code { font: .85em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sev { display: inline-block; min-width: 4.5rem; font-size: .8rem; font-weight: 600; }
.sev-error { color: #b4443c; }
.sev-warning { color: #8a5a00; }
.sev-info { color: var(--muted); }
.file { margin: 1.25rem 0; break-inside: avoid; }
table.findings { table-layout: fixed; }
col.c-line { width: 5.5rem; } col.c-sev { width: 6rem; } col.c-code { width: 15rem; }
.tile.alert { border-left: 4px solid #b4443c; }
.file h3 { margin-bottom: .2rem; }
.file h3 small { font-weight: 400; color: var(--muted); }
.segment { margin: 1.5rem 0 2rem; }
.summary { margin: .25rem 0 .5rem; }
footer { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--rule);
  font-size: .85rem; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; }
  figure, tr, .tile { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def _files(rows: Iterable[FreshnessRow]) -> str:
    """`7 personas and 1 segment`: what the freshness chart holds."""
    kinds = [row.kind == "segment" for row in rows]
    people, segments = kinds.count(False), kinds.count(True)
    text = _plural(people, "persona")
    return text + (f" and {_plural(segments, 'segment')}" if segments else "")


def _empty(count: int) -> str:
    if count == 0:
        return "No lens is empty."
    return f"{_plural(count, 'lens is', 'lenses are')} empty (0%)."


def _link(text: str, href: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _legend(items: Iterable[tuple[str, str]]) -> str:
    """`(swatch markup, label)` pairs as a legend list."""
    return (
        '<ul class="legend">'
        + "".join(f"<li>{swatch}{escape(label)}</li>" for swatch, label in items)
        + "</ul>"
    )


def _swatch(colour: str, extra: str = "") -> str:
    return f'<span class="swatch {extra}" style="background:{escape(colour)}"></span>'


# --- sections ---------------------------------------------------------------------------------


def _summary(report: Report) -> str:
    people = len(report.completeness.rows)
    fresh = report.freshness
    found = report.findings
    severities = ", ".join(
        f"{found.count(name)} {name}{'' if found.count(name) == 1 else 's'}"
        for name in SEVERITY_ORDER
        if found.count(name)
    )
    tiles = [
        ("Personas", str(people), ""),
        (
            "Stale",
            str(fresh.count("stale")) if fresh.note is None else "n/a",
            f"{fresh.count('aging')} aging" if fresh.note is None else "no git",
        ),
        ("Lint findings", str(found.total), severities or "clean"),
        ("Segments", str(len(report.segments.segments)), ""),
        (
            "Recent changes",
            str(len(report.changes.commits)) if report.changes.note is None else "n/a",
            "commits shown" if report.changes.note is None else "no git",
        ),
    ]
    alerts = {"Stale"} if fresh.note is None and fresh.count("stale") else set()
    if found.count("error"):
        alerts.add("Lint findings")
    return (
        '<dl class="tiles">'
        + "".join(
            f'<div class="tile{" alert" if label in alerts else ""}"><dt>{escape(label)}</dt>'
            f"<dd>{escape(value)}"
            + (f" <small>{escape(small)}</small>" if small else "")
            + "</dd></div>"
            for label, value, small in tiles
        )
        + "</dl>"
    )


def _freshness(section: Freshness) -> str:
    out = ['<section id="freshness"><h2>Freshness</h2>']
    if section.note is not None:
        out.append(f'<p class="note">{escape(section.note)}</p></section>')
        return "".join(out)
    rows = section.rows
    if not rows:
        out.append('<p class="note">No personas to date.</p></section>')
        return "".join(out)
    counts = [f"{section.count(s)} {s}" for s in STATUS_COLOURS if section.count(s)]
    out.append(
        f'<p class="summary">{escape(_files(rows))}: {escape(", ".join(counts))}. '
        "Days since each was last refreshed (a change of meaning in git or "
        "<code>review.last_reviewed</code>), against its own limit "
        "(<code>review.interval_days</code>, 180 by default), grouped by owner.</p>"
    )
    present = [s for s in STATUS_COLOURS if section.count(s)]
    out.append(
        _legend(
            [(_swatch(STATUS_COLOURS[s]), f"{s}: {STATUS_NOTES[s]}") for s in present]
            + [
                (
                    '<span class="swatch" style="border:0;border-left:2px solid #1f2328"></span>',
                    "limit",
                ),
                (
                    '<span class="swatch" style="border:0;border-left:1px dashed #59636e"></span>',
                    "aging from 75%",
                ),
            ]
        )
    )
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
    out.append(f"<figure>{svg.freshness_chart(groups, ident='freshness-chart')}</figure></section>")
    return "".join(out)


def _heat_detail(row: HeatRow, column: str, share: float | None, missing: tuple[str, ...]) -> str:
    title = column.replace("_", " ")
    if share is None:
        return f"{row.name}, {title}: not applicable to a {row.kind} persona"
    text = f"{row.name}, {title}: {round(share * 100)}% filled"
    return text + (f"; missing {', '.join(missing)}" if missing else "")


def _completeness(report: Report) -> str:
    from persona_cli.report import COLUMN_TITLES, COLUMNS

    section = report.completeness
    out = ['<section id="completeness"><h2>Completeness</h2>']
    if not section.rows:
        out.append('<p class="note">No valid persona to score.</p>')
    else:
        empty = sum(1 for row in section.rows for c in row.cells if c.state == "missing")
        out.append(
            '<p class="summary">The share of each lens\'s fields a persona fills, by the same '
            "table <code>persona lint</code> scores. "
            f"{escape(_empty(empty))} Lenses a kind does "
            "not need (an internal persona is not sold to) are marked n/a, not missing.</p>"
        )
        out.append(
            _legend(
                [
                    (_swatch("#e4f2ea"), "complete (100%)"),
                    (_swatch("#f8dfa6"), "half or more"),
                    (_swatch("#eea36b"), "less than half"),
                    (_swatch("#b4443c"), "empty (0%)"),
                    ('<span class="swatch na"></span>', "n/a: not needed for this kind"),
                ]
            )
        )
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
        out.append(f"<figure>{chart}</figure>")
    if section.unscored:
        out.append(
            '<p class="note">Not scored (not a valid persona; see the findings): '
            + ", ".join(f"<code>{escape(path)}</code>" for path in section.unscored)
            + "</p>"
        )
    out.append("</section>")
    return "".join(out)


def _file(item: FileFindings) -> str:
    title = item.name or item.id
    out = [
        f'<article class="file"><h3>{escape(title)} <small>'
        f'{_link(item.path, item.href)}</small></h3><table class="findings">'
        '<colgroup><col class="c-line"><col class="c-sev"><col class="c-code"><col></colgroup>'
        "<thead><tr>"
        '<th class="num">line</th><th>severity</th><th>code</th><th>message</th>'
        "</tr></thead><tbody>"
    ]
    for finding in item.findings:
        where = f"{finding.line}:{finding.column}" if finding.line else "file"
        out.append(
            f'<tr><td class="num">{_link(where, finding.href)}</td>'
            f'<td><span class="sev sev-{escape(finding.severity)}">'
            f"{escape(finding.severity)}</span></td>"
            f'<td class="nowrap"><code>{escape(finding.code)}</code> {escape(finding.rule)}</td>'
            f"<td>{escape(finding.message)}</td></tr>"
        )
    out.append("</tbody></table></article>")
    return "".join(out)


def _findings(report: Report) -> str:
    found = report.findings
    out = ['<section id="findings"><h2>Lint findings</h2>']
    if not found.files:
        out.append(
            f'<p class="summary">No findings in {escape(_plural(found.checked, "file"))}.</p>'
        )
    else:
        counts = ", ".join(
            _plural(found.count(name), name) for name in SEVERITY_ORDER if found.count(name)
        )
        out.append(
            f'<p class="summary">{escape(counts)} in {escape(_plural(len(found.files), "file"))} '
            f"of {escape(str(found.checked))} checked, from <code>persona lint</code> with the "
            "configured rules. Each line number links to the line.</p>"
        )
        out.extend(_file(item) for item in found.files)
    out.append("</section>")
    return "".join(out)


def _segment(index: int, segment: SegmentView) -> str:
    out = [
        f'<article class="segment"><h3>{escape(segment.name)} <small>'
        f"{_link(segment.path, segment.href)}</small></h3>"
    ]
    if segment.description:
        out.append(f"<p>{escape(segment.description)}</p>")
    if not segment.members:
        out.append('<p class="note">No committee listed.</p></article>')
        return "".join(out)
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
    missing = any(member.state == "missing" for member in segment.members)
    out.append(
        f"<figure>{chart}<figcaption>Circle size and shade: influence, 1 to 5 "
        "(the number inside)."
        + (" A dashed red circle: no persona with that id." if missing else "")
        + "</figcaption></figure>"
    )
    out.append(
        '<table><thead><tr><th>member</th><th>role</th><th class="num">influence</th>'
        "<th>notes</th></tr></thead><tbody>"
    )
    for _, members in segment.bands():
        for member in members:
            state = {"missing": " (no such persona)", "retired": " (retired)"}.get(member.state, "")
            out.append(
                f"<tr><td>{_link(member.name, member.href)}{escape(state)}</td>"
                f"<td>{escape(ROLE_LABELS.get(member.role, member.role))}</td>"
                f'<td class="num">{member.influence} / 5</td>'
                f"<td>{escape(member.notes or '')}</td></tr>"
            )
    out.append("</tbody></table></article>")
    return "".join(out)


def _segments(report: Report) -> str:
    out = ['<section id="committees"><h2>Buying committees</h2>']
    if report.segments.note:
        out.append(f'<p class="note">{escape(report.segments.note)}</p>')
    out.extend(_segment(index, s) for index, s in enumerate(report.segments.segments, 1))
    out.append("</section>")
    return "".join(out)


def _change(item: ChangeItem) -> str:
    personas = "<br>".join(
        f"<code>{escape(p.id)}</code>: {escape(p.summary)}" for p in item.personas
    )
    return (
        f'<tr><td class="nowrap">{escape(item.date.date().isoformat())}</td>'
        f"<td><code>{escape(item.commit[:7])}</code></td>"
        f"<td>{escape(item.author)}</td><td>{escape(item.subject)}</td>"
        f"<td>{personas}</td></tr>"
    )


def _changes(report: Report) -> str:
    changes = report.changes
    out = ['<section id="changes"><h2>Recent changes</h2>']
    if changes.note is not None:
        out.append(f'<p class="note">{escape(changes.note)}</p>')
    elif not changes.commits:
        out.append('<p class="note">No commit has changed these personas yet.</p>')
    else:
        out.append(
            f'<p class="summary">The last {escape(_plural(len(changes.commits), "commit"))} '
            "that changed what a persona says (reformatting, comments, renames and ignored "
            "revisions left out), with the sections each changed, as "
            "<code>persona log</code> shows them.</p>"
        )
        out.append(
            "<table><thead><tr><th>date</th><th>commit</th><th>author</th><th>subject</th>"
            "<th>changed</th></tr></thead><tbody>"
        )
        out.extend(_change(item) for item in changes.commits)
        out.append("</tbody></table>")
    out.append("</section>")
    return "".join(out)


# --- the page -----------------------------------------------------------------------------------


def html_page(report: Report, *, title: str = "Persona report") -> str:
    """The whole page. Deterministic: the only date on it is the one ages are judged by."""
    nav = [
        ("freshness", "Freshness"),
        ("completeness", "Completeness"),
        ("findings", "Lint findings"),
        ("committees", "Buying committees"),
        ("changes", "Recent changes"),
    ]
    warnings = (
        '<section id="warnings"><h2>Warnings</h2><ul>'
        + "".join(f"<li>{escape(w)}</li>" for w in report.warnings)
        + "</ul></section>"
        if report.warnings
        else ""
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="persona-cli">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body><main>"
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="lede">The persona set at a glance, as of {escape(report.now.isoformat())}.'
        "</p>"
        + _summary(report)
        + '<nav aria-label="Sections"><ul>'
        + "".join(f'<li><a href="#{key}">{escape(label)}</a></li>' for key, label in nav)
        + "</ul></nav></header>\n"
        + _freshness(report.freshness)
        + "\n"
        + _completeness(report)
        + "\n"
        + _findings(report)
        + "\n"
        + _segments(report)
        + "\n"
        + _changes(report)
        + "\n"
        + warnings
        + f"<footer>Generated by persona-cli {escape(__version__)}. Ages and freshness "
        f"judged as of {escape(report.now.isoformat())}.</footer>"
        "</main></body></html>\n"
    )


def json_text(report: Report) -> str:
    """`--format json`: the same data, `"version": 1`, keys in a fixed order."""
    # Hidden characters as \u escapes: the same strings to a parser, visible to a person.
    return escape_json(json.dumps(report.as_dict(), indent=2, ensure_ascii=False)) + "\n"


#: `--format` choices; the CLI's choices are these keys.
REPORT_FORMATS: dict[str, str] = {"html": "index.html", "json": "report.json"}
