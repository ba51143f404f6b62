"""Saved HTML pages, one persona per page (a static site's persona pages).

The name is the `<h1>` (else the `<title>` up to " | "); `<h2>` to `<h6>` are labels; each
`<p>`, `<li>` (nested lists as items of their own), `<dt>`/`<dd>`, table row (cells joined
with " | ") and `<pre>` is one statement; text between the `<h1>` and the first section
heading is the intro (label ""), and text before the `<h1>` is left out with a warning.
Only the page's content counts: `<main>` when the page has one, and never its chrome -
`header`, `nav`, `footer`, `aside`, scripts and styles, SVG, anything `hidden` or
`aria-hidden`, screen-reader-only text (the "Anchor link" inside a heading), and elements
with the USWDS chrome classes (`usa-header`, `usa-nav`, `usa-sidenav`, `usa-footer`,
`usa-breadcrumb`, `usa-skipnav`, `usa-banner`), so a side navigation listing every persona
is not read as content.

Parsed with the standard library's `html.parser`: no HTML parser is a project dependency,
and the pages this reads are well-formed generated HTML, so a small tree builder over its
events (closing `<p>` and `<li>` where HTML closes them implicitly) is all it takes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from persona_cli.verbs.importing.document import (
    Location,
    Reader,
    Section,
    SourceError,
    SourcePersona,
    Statement,
)
from persona_cli.verbs.importing.readers._plain import linked, mark_placeholder, plain

NAME = "html"
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
#: Elements that are never persona content.
CHROME_TAGS = frozenset(
    {
        "head",
        "header",
        "nav",
        "footer",
        "aside",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "form",
        "select",
        "textarea",
        "object",
        "canvas",
    }
)
#: Class names of page chrome (USWDS, and the usual screen-reader-only helpers); a class
#: `X__part` or `X--variant` of one of them is chrome too.
CHROME_CLASSES = frozenset(
    {
        "usa-header",
        "usa-nav",
        "usa-navbar",
        "usa-sidenav",
        "usa-footer",
        "usa-breadcrumb",
        "usa-skipnav",
        "usa-banner",
        "usa-overlay",
        "usa-layout-docs__sidenav",
        "sr-only",
        "usa-sr-only",
        "visually-hidden",
        "visuallyhidden",
        "screen-reader-text",
        "skip-link",
    }
)
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_HEADING = re.compile(r"^h([1-6])$")
#: Blocks that end an open `<p>` (HTML closes it implicitly).
_CLOSES_P = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "dl",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "hr",
        "figure",
        "form",
    }
)
_STATEMENT_TAGS = frozenset({"p", "li", "dt", "dd", "pre", "figcaption", "blockquote"})
_CELLS = frozenset({"td", "th"})
_LISTS = frozenset({"ul", "ol", "dl"})
_SNIFF = 2048


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element | str] = field(default_factory=list)

    def elements(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child

    def find(self, tag: str) -> Element | None:
        """The first element named `tag` in document order (this one included)."""
        if self.tag == tag:
            return self
        for child in self.elements():
            found = child.find(tag)
            if found is not None:
                return found
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, 1)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _CLOSES_P:
            self._close_open("p", stop=_LISTS | {"td", "th", "li"})
        if tag == "li":
            self._close_open("li", stop=_LISTS)
        if tag in {"dt", "dd"}:
            self._close_open("dt", stop=_LISTS)
            self._close_open("dd", stop=_LISTS)
        element = Element(tag, {name: value or "" for name, value in attrs}, self.getpos()[0])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def _close_open(self, tag: str, *, stop: frozenset[str]) -> None:
        """Close an open `tag` unless a `stop` element is opened after it."""
        for depth in range(len(self.stack) - 1, 0, -1):
            current = self.stack[depth].tag
            if current == tag:
                del self.stack[depth:]
                return
            if current in stop:
                return


def parse(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _chrome(element: Element) -> bool:
    if element.tag in CHROME_TAGS or "hidden" in element.attrs:
        return True
    if element.attrs.get("aria-hidden", "").lower() == "true":
        return True
    if element.attrs.get("role", "").lower() in CHROME_ROLES:
        return True
    for name in element.attrs.get("class", "").split():
        base = re.split(r"__|--", name, maxsplit=1)[0]
        if name in CHROME_CLASSES or base in CHROME_CLASSES:
            return True
    return False


def text_of(element: Element, *, skip_lists: bool = False, links: bool = False) -> str:
    """The text a reader sees in `element`: chrome left out, `<br>` a space, (with
    `skip_lists`) nested lists left to be statements of their own, and (with `links`, for
    statements) a link as `text (URL)`."""
    parts: list[str] = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(" ")
        elif child.tag == "img" or _chrome(child) or (skip_lists and child.tag in _LISTS):
            continue
        elif child.tag == "a" and links:
            parts.append(linked(text_of(child, links=True), child.attrs.get("href", "")))
        else:
            parts.append(text_of(child, links=links))
    return "".join(parts)


@dataclass(frozen=True)
class _Event:
    """A heading or a statement, in document order."""

    kind: str  # "heading" or "statement"
    level: int
    text: str
    line: int
    pointer: str


def _events(element: Element) -> Iterator[_Event]:
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                yield _Event("statement", 0, plain(child), element.line, f"<{element.tag}>")
            continue
        if _chrome(child) or child.tag == "img":
            continue
        heading = _HEADING.match(child.tag)
        if heading is not None:
            yield _Event("heading", int(heading[1]), plain(text_of(child)), child.line, _tag(child))
        elif child.tag == "tr":
            cells = [
                plain(text_of(cell, links=True)) for cell in child.elements() if cell.tag in _CELLS
            ]
            text = " | ".join(cell for cell in cells if cell)
            if text:
                yield _Event("statement", 0, text, child.line, _tag(child))
        elif child.tag in _STATEMENT_TAGS:
            text = plain(text_of(child, skip_lists=True, links=True))
            if text:
                yield _Event("statement", 0, text, child.line, _tag(child))
            for nested in child.elements():
                if nested.tag in _LISTS:
                    yield from _events(nested)
        else:
            yield from _events(child)


def _tag(element: Element) -> str:
    ident = element.attrs.get("id")
    return f'<{element.tag} id="{ident}">' if ident else f"<{element.tag}>"


class HtmlReader:
    name = NAME
    description = (
        "saved HTML pages, one persona per page (<h1> name, <h2> sections; chrome ignored)"
    )

    def detects(self, path: Path, text: str) -> bool:
        head = text.lstrip("\ufeff \t\r\n")[:_SNIFF].lower()
        if head.startswith(("<!doctype html", "<html")):
            return True
        return path.suffix.lower() in {".html", ".htm", ".xhtml"} and head.startswith("<")

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        root = parse(text)
        content = root.find("main") or root.find("body") or root
        events = list(_events(content))
        first = next((e for e in events if e.kind == "heading" and e.level == 1), None)
        before: list[_Event] = []
        if first is not None:
            name, line, pointer = first.text, first.line, first.pointer
            at = events.index(first)
            before, events = [e for e in events[:at] if e.kind == "statement"], events[at + 1 :]
        else:
            title = root.find("title")
            name = plain(text_of(title)).split(" | ")[0].strip() if title is not None else ""
            line, pointer = (title.line if title is not None else 1), "<title>"
        if not name:
            raise SourceError(
                path,
                "no persona name: the page has no <h1> and no <title>; "
                "give the persona's page an <h1>",
                line=1,
            )
        location = Location(file=path, line=line, pointer=pointer)
        persona = SourcePersona(name=name, source=path, format=NAME, location=location)
        if before:
            shown = "; ".join(event.text[:40] for event in before[:3])
            persona.warnings.append(
                f"{path}:{before[0].line or line}: {len(before)} statement(s) before the "
                f"<h1> left out as page matter ({shown})"
            )
        label, where = "", location
        statements: list[Statement] = []
        for event in events:
            if event.kind == "heading":
                _flush(persona, label, where, statements)
                label = event.text.rstrip(":").rstrip()
                where = Location(file=path, line=event.line, pointer=event.pointer)
                statements = []
            else:
                statements.append(
                    Statement(
                        text=event.text,
                        location=Location(
                            file=path, line=event.line or where.line, pointer=where.pointer
                        ),
                    )
                )
        _flush(persona, label, where, statements)
        mark_placeholder(persona)
        return [persona]


def _flush(
    persona: SourcePersona, label: str, where: Location, statements: list[Statement]
) -> None:
    if statements:
        persona.sections.append(Section(label=label, statements=tuple(statements), location=where))


READER: Reader = HtmlReader()
