"""The small Markdown subset the briefing templates write, as standalone HTML pages.

Why not a Markdown library: none is a dependency, and the briefings use a handful of
constructs (headings, paragraphs, bullet lists, block quotes, tables, rules, bold, italic,
code). Because every briefing goes through the same templates, custom teams get HTML for
free. Every piece of text is HTML-escaped here, and the page wrapper (`_page.html.j2`) is
rendered with autoescape on, so persona text such as `<script>` can only ever be text.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

#: Backslash-escaped punctuation is parked in the private-use area while blocks and inline
#: marks are parsed, so an escaped `|` or `*` is never mistaken for syntax.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
_PRIVATE = 0xE000
_PARKED = re.compile("[\ue000-\ue07f]")
#: The closing run of # is one only after a space (CommonMark): "C#" keeps its #.
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^[-*+]\s+(.*)$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_INLINE = (
    # Relative links only (the index's links to briefings); persona text cannot form one,
    # because its brackets arrive escaped.
    (re.compile(r"\[([^\]]+)\]\(([A-Za-z0-9][A-Za-z0-9._/-]*)\)"), r'<a href="\2">\1</a>'),
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
    (re.compile(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)"), r"<em>\1</em>"),
)


def _park(line: str) -> str:
    line = _PARKED.sub("", line)  # persona text cannot smuggle parked characters in
    return _ESCAPED.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), line)


def _inline(text: str) -> str:
    out = html.escape(text, quote=True)
    for pattern, replacement in _INLINE:
        out = pattern.sub(replacement, out)
    return _PARKED.sub(lambda m: html.escape(chr(ord(m.group(0)) - _PRIVATE)), out)


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    stripped = stripped.removeprefix("|").removesuffix("|")
    return [cell.strip() for cell in stripped.split("|")]


def to_html(markdown: str) -> str:  # noqa: PLR0915 - one loop over block kinds reads best
    """HTML for the Markdown subset; anything else is a paragraph of escaped text."""
    lines = [_park(line.rstrip()) for line in markdown.splitlines()]
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append("<p>" + "\n".join(_inline(p) for p in paragraph) + "</p>")
            paragraph.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            flush()
            index += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline(heading.group(2))}</h{level}>")
            index += 1
            continue
        if _RULE.match(line):
            flush()
            out.append("<hr>")
            index += 1
            continue
        if line.startswith(">"):
            flush()
            quoted = []
            while index < len(lines) and lines[index].startswith(">"):
                quoted.append(lines[index][1:].removeprefix(" "))
                index += 1
            restored = "\n".join(_restore(q) for q in quoted)
            out.append("<blockquote>\n" + to_html(restored) + "\n</blockquote>")
            continue
        if (
            line.startswith("|")
            and index + 1 < len(lines)
            and _TABLE_SEPARATOR.match(lines[index + 1])
        ):
            flush()
            header = _cells(line)
            index += 2
            rows = []
            while index < len(lines) and lines[index].startswith("|"):
                rows.append(_cells(lines[index]))
                index += 1
            head = "".join(f"<th>{_inline(c)}</th>" for c in header)
            body = "\n".join(
                "<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rows
            )
            out.append(
                f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
            )
            continue
        if _BULLET.match(line):
            flush()
            items: list[list[str]] = []
            while index < len(lines):
                current = lines[index]
                bullet = _BULLET.match(current)
                if bullet:
                    items.append([bullet.group(1)])
                elif current.startswith("  ") and current.strip() and items:
                    items[-1].append(current.strip())
                else:
                    break
                index += 1
            out.append(
                "<ul>\n"
                + "\n".join(
                    "<li>" + "<br>\n".join(_inline(p) for p in item) + "</li>" for item in items
                )
                + "\n</ul>"
            )
            continue
        paragraph.append(line.strip())
        index += 1
    flush()
    return "\n".join(out)


def _restore(line: str) -> str:
    """Undo `_park` for a nested parse (block quotes are parsed again as Markdown)."""
    return _PARKED.sub(lambda m: "\\" + chr(ord(m.group(0)) - _PRIVATE), line)


@functools.cache
def _page_template(custom: Path | None) -> jinja2.Template:
    """Compiled once per run and folder (autoescape on: the title is persona text)."""
    from persona_cli.renderer import environment

    return environment(custom, html=True).get_template("_page.html.j2")


def page(
    markdown: str, *, title: str, custom: Path | None = None, back: dict[str, str] | None = None
) -> str:
    """A standalone HTML page (simple printable CSS inline) around the converted Markdown;
    `back` ({href, label}) links a briefing to its team's index page."""
    from markupsafe import Markup

    body = Markup(to_html(markdown))
    return _page_template(custom).render(title=title, body=body, back=back)
