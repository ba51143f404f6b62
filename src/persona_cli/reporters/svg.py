"""Inline SVG charts for `persona report`: pure functions from plain records to markup.

Every chart is a standalone `<svg>` element meant to sit inside an HTML page: no script, no
external font or stylesheet, no network. What makes them usable by everyone:

- each chart has `role="img"`, a `<title>` and a `<desc>` (screen readers read both), and
  each mark has its own `<title>` (a tooltip with the full text);
- every colour-coded fact is also written as text (the status beside each bar, the share in
  each heatmap cell, the influence inside each committee circle), so the charts read the
  same in greyscale and on paper;
- every piece of text that comes from a persona file goes through `escape`: names such as
  `<script>` or `{{ x }}` are shown as written and never interpreted.

Geometry is in user units of a fixed-width `viewBox`; the page scales the SVG to its column.
Nothing here reads files or the clock, so the same input gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from persona_cli.domain.hidden import reveal

#: Status colours: calm, distinguishable for the common colour-vision deficiencies, and
#: always paired with the status written as text.
STATUS_COLOURS: dict[str, str] = {
    "fresh": "#2f7d5b",
    "aging": "#c7891a",
    "stale": "#b4443c",
    "unknown": "#7b6ca8",
    "uncommitted": "#4f7aa3",
    "untracked": "#4f7aa3",
}
INK = "#1f2328"
MUTED = "#59636e"
RULE = "#d0d7de"
TRACK = "#eef1f4"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Average glyph width as a share of the font size, to cut labels that would not fit.
_GLYPH = 0.56


def escape(value: object) -> str:
    """Text or attribute content, safe in HTML and in SVG (quotes escaped too); hidden
    characters (bidirectional controls, zero-width characters) show as `<U+202E>`."""
    return html.escape(reveal(str(value)), quote=True)


def clip(text: str, width: float, size: float) -> str:
    """`text` cut with an ellipsis to fit about `width` units at font `size`."""
    room = max(1, int(width / (size * _GLYPH)))
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def _num(value: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: stable, compact output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: float = 13,
    fill: str = INK,
    anchor: str = "start",
    weight: str | None = None,
    style: str | None = None,
) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    extra += f' font-style="{style}"' if style else ""
    return (
        f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{escape(content)}</text>'
    )


def _link(markup: str, href: str | None) -> str:
    """`markup` inside an SVG link when there is somewhere to go."""
    return f'<a href="{escape(href)}">{markup}</a>' if href else markup


def _open(ident: str, width: float, height: float, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(ident)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" role="img" '
        f'aria-labelledby="{escape(ident)}-title {escape(ident)}-desc" '
        f'font-family="{escape(FONT)}">'
        f'<title id="{escape(ident)}-title">{escape(title)}</title>'
        f'<desc id="{escape(ident)}-desc">{escape(desc)}</desc>'
    )


# --- freshness: age against limit, grouped by owner --------------------------------------------


@dataclass(frozen=True, slots=True)
class Bar:
    """One persona's age: `age` is None when there is no honest age (the status says why)."""

    label: str
    age: int | None
    limit: int
    status: str
    #: Full text for the mark's tooltip (name, id, dates).
    detail: str = ""
    href: str | None = None


@dataclass(frozen=True, slots=True)
class BarGroup:
    title: str
    bars: tuple[Bar, ...]


#: Share of the limit at which a persona turns `aging` (aging.AGING_SHARE, repeated so this
#: module imports nothing of the tool).
AGING_SHARE = 0.75


def _step(domain: float) -> int:
    for step in (30, 60, 90, 180, 365, 730):
        if domain / step <= 8:
            return step
    return 1460


def freshness_chart(groups: Sequence[BarGroup], *, ident: str = "freshness") -> str:
    """Horizontal bars of age in days on one shared scale, one block per owner group. Each
    row has its own limit mark (solid) and aging mark (dashed, at 75% of the limit); ages
    past twice the largest limit are cut and marked with `»`."""
    width, label_w, gap = 960.0, 290.0, 12.0
    x0 = label_w + gap
    x1 = width - 190.0
    row_h, head_h, top = 26.0, 30.0, 34.0
    bars = [bar for group in groups for bar in group.bars]
    limits = [bar.limit for bar in bars] or [180]
    ages = [bar.age for bar in bars if bar.age is not None]
    domain = max(max(limits) * 1.25, min(max(ages, default=0), max(limits) * 2.0))
    step = _step(domain)
    domain = float(step * -(-domain // step))

    def x(days: float) -> float:
        return x0 + (x1 - x0) * min(max(days, 0.0), domain) / domain

    height = top + sum(head_h + row_h * len(group.bars) for group in groups) + 12
    counts: dict[str, int] = {}
    for bar in bars:
        counts[bar.status] = counts.get(bar.status, 0) + 1
    desc = (
        f"{len(bars)} persona{'' if len(bars) == 1 else 's'} in {len(groups)} owner "
        f"group{'' if len(groups) == 1 else 's'}: "
        + ", ".join(f"{count} {status}" for status, count in counts.items())
        + ". Each bar is the days since the persona was last refreshed, against its own limit."
    )
    out = [_open(ident, width, height, "Freshness: age against limit, by owner", desc)]
    # Axis: day ticks over the whole chart height.
    out.append('<g class="axis">')
    day = 0
    while day <= domain:
        tx = x(day)
        out.append(
            f'<line x1="{_num(tx)}" y1="{_num(top - 8)}" x2="{_num(tx)}" '
            f'y2="{_num(height - 12)}" stroke="{RULE}" stroke-width="1"/>'
        )
        out.append(_text(tx, top - 14, f"{day} d", size=11, fill=MUTED, anchor="middle"))
        day += step
    out.append(_text(width, top - 14, "age / limit · status", size=11, fill=MUTED, anchor="end"))
    out.append("</g>")
    y = top
    for group in groups:
        out.append('<g class="owner">')
        out.append(_text(0, y + 19, clip(group.title, width - 20, 13), weight="600"))
        out.append(
            f'<line x1="0" y1="{_num(y + head_h - 4)}" x2="{_num(width)}" '
            f'y2="{_num(y + head_h - 4)}" stroke="{RULE}"/>'
        )
        out.append("</g>")
        y += head_h
        for bar in group.bars:
            out.append(_bar_row(bar, y, row_h, label_w, x, x1))
            y += row_h
    out.append("</svg>")
    return "".join(out)


def _bar_row(
    bar: Bar, y: float, row_h: float, label_w: float, x: Callable[[float], float], x1: float
) -> str:
    colour = STATUS_COLOURS.get(bar.status, MUTED)
    mid = y + row_h / 2
    tip = bar.detail or bar.label
    parts = [f'<g class="bar status-{escape(bar.status)}"><title>{escape(tip)}</title>']
    label = _text(label_w, mid + 4.5, clip(bar.label, label_w - 8, 13), anchor="end")
    parts.append(_link(label, bar.href))
    limit_x, aging_x = x(bar.limit), x(bar.limit * AGING_SHARE)
    parts.append(
        f'<rect x="{_num(x(0))}" y="{_num(mid - 7)}" width="{_num(limit_x - x(0))}" '
        f'height="14" fill="{TRACK}"/>'
    )
    if bar.age is None:
        parts.append(
            f'<rect x="{_num(x(0))}" y="{_num(mid - 7)}" width="{_num(limit_x - x(0))}" '
            f'height="14" fill="none" stroke="{colour}" stroke-dasharray="4 3"/>'
        )
        parts.append(_text(x(0) + 8, mid + 4, "not dated", size=11, fill=colour, style="italic"))
        status = f"no age · {bar.status}"
    else:
        end = x(bar.age)
        parts.append(
            f'<rect x="{_num(x(0))}" y="{_num(mid - 7)}" width="{_num(max(end - x(0), 1.5))}" '
            f'height="14" rx="2" fill="{colour}"/>'
        )
        if end >= x1 - 0.5 and bar.age > bar.limit:
            parts.append(_text(x1 + 2, mid + 4.5, "»", size=13, fill=colour, weight="700"))
        status = f"{bar.age} / {bar.limit} d · {bar.status}"
    parts.append(
        f'<line x1="{_num(aging_x)}" y1="{_num(mid - 10)}" x2="{_num(aging_x)}" '
        f'y2="{_num(mid + 10)}" stroke="{MUTED}" stroke-width="1" stroke-dasharray="2 2"/>'
    )
    parts.append(
        f'<line x1="{_num(limit_x)}" y1="{_num(mid - 11)}" x2="{_num(limit_x)}" '
        f'y2="{_num(mid + 11)}" stroke="{INK}" stroke-width="2"/>'
    )
    weight = "700" if bar.status == "stale" else None
    parts.append(_text(x1 + 14, mid + 4.5, status, size=12, fill=INK, weight=weight))
    parts.append("</g>")
    return "".join(parts)


# --- completeness heatmap ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    """`share` is 0..1, or None when the column does not apply to this persona's kind."""

    share: float | None
    detail: str = ""


@dataclass(frozen=True, slots=True)
class HeatRow:
    label: str
    cells: tuple[Cell, ...]
    detail: str = ""
    href: str | None = None


def _cell_colours(share: float | None) -> tuple[str, str]:
    """(fill, text colour): gaps saturated so they jump out, complete cells quiet."""
    if share is None:
        return "url(#na-hatch)", MUTED
    if share >= 1.0:
        return "#e4f2ea", "#1e5b40"
    if share <= 0.0:
        return "#b4443c", "#ffffff"
    if share >= 0.5:
        return "#f8dfa6", "#5c3d00"
    return "#eea36b", "#4a1f00"


def heatmap(rows: Sequence[HeatRow], columns: Sequence[str], *, ident: str = "completeness") -> str:
    """Personas by lens: the share of each lens's fields that are filled, written in the
    cell; `n/a` (hatched) where the persona's kind does not need the lens."""
    width, label_w = 960.0, 290.0
    cell_w = min(104.0, (width - label_w - 10) / max(len(columns), 1))
    row_h, head_h = 30.0, 40.0
    height = head_h + row_h * len(rows) + 6
    gaps = sum(1 for row in rows for c in row.cells if c.share is not None and c.share <= 0)
    desc = (
        f"{len(rows)} persona{'' if len(rows) == 1 else 's'} by {len(columns)} lenses; "
        f"{gaps} empty lens{'' if gaps == 1 else 'es'} (0%). Each cell gives the share of "
        "the lens's fields that are filled; n/a marks a lens the persona's kind does not need."
    )
    out = [_open(ident, width, height, "Completeness by lens", desc)]
    out.append(
        '<defs><pattern id="na-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{RULE}" stroke-width="2"/></pattern></defs>'
    )
    for index, column in enumerate(columns):
        cx = label_w + 10 + cell_w * index + cell_w / 2
        out.append(_text(cx, head_h - 12, clip(column, cell_w - 4, 12), size=12, anchor="middle"))
    y = head_h
    for row in rows:
        out.append(f'<g class="row"><title>{escape(row.detail or row.label)}</title>')
        label = _text(label_w, y + row_h / 2 + 4.5, clip(row.label, label_w - 8, 13), anchor="end")
        out.append(_link(label, row.href))
        out.append("</g>")
        for index, cell in enumerate(row.cells):
            cx = label_w + 10 + cell_w * index
            fill, ink = _cell_colours(cell.share)
            state = (
                "na"
                if cell.share is None
                else "full"
                if cell.share >= 1
                else "empty"
                if cell.share <= 0
                else "partial"
            )
            label = "n/a" if cell.share is None else f"{round(cell.share * 100)}%"
            out.append(f'<g class="cell cell-{state}"><title>{escape(cell.detail)}</title>')
            out.append(
                f'<rect x="{_num(cx + 1)}" y="{_num(y + 1)}" width="{_num(cell_w - 2)}" '
                f'height="{_num(row_h - 2)}" rx="3" fill="{fill}"/>'
            )
            out.append(
                _text(
                    cx + cell_w / 2,
                    y + row_h / 2 + 4.5,
                    label,
                    size=12,
                    fill=ink,
                    anchor="middle",
                    weight="700" if state == "empty" else None,
                    style="italic" if state == "na" else None,
                )
            )
            out.append("</g>")
        y += row_h
    out.append("</svg>")
    return "".join(out)


# --- buying committee -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """One committee member: `influence` 1..5; `missing` when no such persona exists."""

    label: str
    role: str
    influence: int
    missing: bool = False
    detail: str = ""
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Band:
    """One row of the committee diagram: a part people play in the decision."""

    title: str
    nodes: tuple[Node, ...] = field(default_factory=tuple)


#: Fill by influence 1..5: pale to deep blue; the number is written inside the circle too.
INFLUENCE_FILLS = ("#dbe6f1", "#b3cbe3", "#7fa6cc", "#3f73a8", "#1d4670")


def committee(bands: Sequence[Band], *, title: str, ident: str) -> str:
    """One column per part in the decision (who decides, champions, evaluates, influences,
    can block, uses), members stacked in their column, strongest first: each a circle sized
    and shaded by influence (1-5) with the number inside. An empty column says `nobody`, so
    a committee without an economic buyer shows the hole."""
    width, head_h, row_h = 960.0, 34.0, 112.0
    slot = width / max(len(bands), 1)
    rows = max([len(band.nodes) for band in bands] + [1])
    height = head_h + rows * row_h + 4
    members = sum(len(band.nodes) for band in bands)
    desc = f"{members} member{'' if members == 1 else 's'}. " + "; ".join(
        f"{band.title}: "
        + (
            ", ".join(f"{node.label} (influence {node.influence})" for node in band.nodes)
            or "nobody"
        )
        for band in bands
    )
    out = [_open(ident, width, height, title, desc)]
    for index, band in enumerate(bands):
        x = slot * index
        if index % 2 == 0:
            out.append(
                f'<rect x="{_num(x)}" y="0" width="{_num(slot)}" height="{_num(height)}" '
                'fill="#f6f8fa"/>'
            )
        out.append(
            _text(x + slot / 2, 22, clip(band.title, slot - 8, 13), anchor="middle", weight="600")
        )
        if not band.nodes:
            out.append(
                _text(
                    x + slot / 2,
                    head_h + 46,
                    "nobody",
                    size=12,
                    fill=MUTED,
                    anchor="middle",
                    style="italic",
                )
            )
        for position, node in enumerate(band.nodes):
            out.append(_node(node, x + slot / 2, head_h + position * row_h + 28, slot))
    out.append("</svg>")
    return "".join(out)


def _lines(label: str, width: float, size: float) -> tuple[str, str]:
    """A label on up to two lines: split at the first comma (name, title) or the last space
    that fits; the rest clipped."""
    if len(label) * size * _GLYPH <= width:
        return label, ""
    head, sep, tail = label.partition(", ")
    if not sep:
        room = max(1, int(width / (size * _GLYPH)))
        cut = label.rfind(" ", 0, room)
        head, tail = (label[:cut], label[cut + 1 :]) if cut > 0 else (label, "")
    return clip(head, width, size), clip(tail, width, size)


def _node(node: Node, cx: float, cy: float, slot: float) -> str:
    level = min(max(node.influence, 1), 5)
    radius = 8 + 4 * level
    fill = "#ffffff" if node.missing else INFLUENCE_FILLS[level - 1]
    ink = "#ffffff" if level >= 4 and not node.missing else INK
    stroke = "#b4443c" if node.missing else "#1d4670"
    dash = ' stroke-dasharray="4 3"' if node.missing else ""
    tip = node.detail or f"{node.label}: {node.role}, influence {level} of 5"
    first, second = _lines(node.label, slot - 12, 12)
    name_y = cy + 28 + 16
    label = _text(cx, name_y, first, size=12, anchor="middle")
    if second:
        label += _text(cx, name_y + 14, second, size=12, anchor="middle")
    role_y = name_y + (28 if second else 14)
    missing = (
        _text(cx, role_y + 14, "no such persona", size=11, fill="#b4443c", anchor="middle")
        if node.missing
        else ""
    )
    return (
        f'<g class="member"><title>{escape(tip)}</title>'
        f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{radius}" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="1.5"{dash}/>'
        + _text(cx, cy + 5, str(level), size=14, fill=ink, anchor="middle", weight="700")
        + _link(label, node.href)
        + _text(cx, role_y, clip(node.role, slot - 10, 11), size=11, fill=MUTED, anchor="middle")
        + missing
        + "</g>"
    )
