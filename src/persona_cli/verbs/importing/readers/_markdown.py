"""What the Markdown readers share: parsing, front matter, and turning blocks into sections.

markdown-it-py parses (CommonMark plus tables); nothing here reads Markdown syntax itself.
This module only walks the block tree it gives:

- `split_front_matter` takes a leading `---` block off the text, parses it with the
  project's YAML reader, and leaves blank lines in its place so every line number the parser
  reports is still the file's own.
- `SectionBuilder` and `collect` turn a run of blocks into labelled sections: a heading
  starts a section; before the first heading a bold-label bullet or line (`- **Reports
  to:**`, `**Alternative Job Titles:** a, b`) starts one too; every list item, paragraph,
  table row and text-bearing HTML block is one statement of the open section, text before
  any label a section labelled "" (the intro). Nested items are statements of the same
  label. Image-only paragraphs and HTML without text (iframes) are layout, not statements.

The split of a page into personas is in `_page_split`.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from persona_cli.domain.result import Finding
from persona_cli.io.yaml_read import Document, load_text
from persona_cli.verbs.importing.document import Location, Section, Statement
from persona_cli.verbs.importing.readers._plain import label as clean_label
from persona_cli.verbs.importing.readers._plain import linked, plain

#: File names that say "Markdown"; others are judged by content alone.
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mdx"})
#: File names that say "not Markdown", whatever the text looks like (a YAML comment is an
#: ATX heading to a Markdown parser).
OTHER_SUFFIXES = frozenset(
    {".json", ".yml", ".yaml", ".csv", ".tsv", ".html", ".htm", ".xhtml", ".toml"}
)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_POINTER_WIDTH = 60
_BOLD_LABEL = re.compile(r"^(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__).+?(?:\*\*|__):?")
_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")


def markdown_named(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def other_named(path: Path) -> bool:
    return path.suffix.lower() in OTHER_SUFFIXES


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@functools.lru_cache(maxsize=8)
def parse(text: str) -> tuple[SyntaxTreeNode, ...]:
    """The top-level blocks of `text` (cached: detection and reading parse the same text)."""
    return tuple(SyntaxTreeNode(_parser().parse(text)).children)


# --- front matter ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """A leading `---` block: its data (empty when it holds none), where each key sits, the
    file line of its first YAML line, and why it could not be read (None when it could)."""

    data: dict[str, Any]
    document: Document | None
    first_line: int
    problem: Finding | None = None

    def line_of(self, *path: str | int) -> int:
        """The file line of the value at `path`."""
        if self.document is None:
            return self.first_line - 1
        return self.document.locate(path)[0] + self.first_line - 1

    def key_line_of(self, *path: str | int) -> int:
        """The file line of the key at `path` (of the item, for a list item)."""
        if self.document is None:
            return self.first_line - 1
        return self.document.locate_key(path)[0] + self.first_line - 1

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        return (plain(value) or None) if isinstance(value, str) else None


def split_front_matter(text: str, display: str) -> tuple[FrontMatter | None, str]:
    """The front matter of `text` (None without one) and the text with the block blanked."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        return None, text
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    body = "\n" * (closing + 1) + "\n".join(lines[closing + 1 :])
    if not yaml_text.strip():
        return FrontMatter({}, None, 2), body
    loaded = load_text(yaml_text, display)
    if loaded.document is None or loaded.problem is not None:
        problem = loaded.problem
        return FrontMatter({}, None, 2, problem), body
    return FrontMatter(loaded.document.data, loaded.document, 2), body


# --- inline text ----------------------------------------------------------------------------


def inline_text(nodes: Sequence[SyntaxTreeNode], *, br: str = " ", links: bool = False) -> str:
    """The text a reader sees in inline nodes: emphasis and code as their text, an image as
    its alt text, tags dropped; `<br>` and hard breaks become `br`; a link its text, with
    `links` (statements, not headings or labels) `text (URL)`."""
    parts: list[str] = []
    for node in nodes:
        kind = node.type
        if kind in {"text", "code_inline"}:
            parts.append(node.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append(br)
        elif kind == "html_inline":
            if _BREAK.fullmatch(node.content.strip()):
                parts.append(br)
        elif kind == "link" and links:
            inner = inline_text(node.children, br=br, links=links)
            parts.append(linked(inner, str(node.attrs.get("href", ""))))
        else:
            parts.append(inline_text(node.children, br=br, links=links))
    return "".join(parts)


def inline_of(block: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    """The inline children of a paragraph, heading or table cell."""
    return [child for node in block.children if node.type == "inline" for child in node.children]


def block_text(block: SyntaxTreeNode, *, br: str = " ", links: bool = False) -> str:
    return inline_text(inline_of(block), br=br, links=links)


def _image_only(block: SyntaxTreeNode) -> bool:
    nodes = inline_of(block)
    return bool(nodes) and all(
        node.type in {"image", "softbreak", "hardbreak"}
        or (node.type == "text" and not node.content.strip())
        for node in nodes
    )


@dataclass(frozen=True)
class BoldLabel:
    label: str
    rest: str
    #: Written without a colon (`**Recommended Buyer's Journey**`): a label only when a list
    #: follows it; otherwise the bold text is a statement (`**Age 34**`).
    bare: bool


def _bold_label(nodes: Sequence[SyntaxTreeNode]) -> BoldLabel | None:
    """`**Label:** rest`, `**Label**: rest` or `**Label**` at the start of `nodes`."""
    nodes = [node for node in nodes if not (node.type == "text" and not node.content.strip())]
    if not nodes or nodes[0].type != "strong":
        return None
    strong = plain(inline_text(nodes[0].children))
    rest = plain(inline_text(nodes[1:], links=True))
    if strong.endswith(":"):
        found = BoldLabel(clean_label(strong), rest, bare=False)
    elif rest.startswith(":"):
        found = BoldLabel(clean_label(strong), plain(rest[1:]), bare=False)
    elif not rest:
        found = BoldLabel(clean_label(strong), "", bare=True)
    else:
        return None
    return found if found.label else None


@dataclass(frozen=True)
class Run:
    """Part of a paragraph: the lines a bold label starts (`label` set, `text` what follows
    it), or the lines before any label. `offset` counts lines from the paragraph's first."""

    label: BoldLabel | None
    text: str
    offset: int


def runs(block: SyntaxTreeNode) -> list[Run]:
    """A paragraph cut where a line starts with a bold label, so `**Role:** a` and
    `**Goals:** b` on consecutive lines are two labels; other lines continue the run."""
    lines: list[list[SyntaxTreeNode]] = [[]]
    for node in inline_of(block):
        if node.type in {"softbreak", "hardbreak"}:
            lines.append([])
        else:
            lines[-1].append(node)
    found: list[Run] = []
    for offset, line in enumerate(lines):
        label = _bold_label(line)
        if label is not None and (not label.bare or len(lines) == 1):
            found.append(Run(label, label.rest, offset))
        elif found:
            last = found[-1]
            found[-1] = Run(last.label, f"{last.text} {inline_text(line, links=True)}", last.offset)
        else:
            found.append(Run(None, inline_text(line, links=True), offset))
    return found


def bold_labels(block: SyntaxTreeNode) -> list[str]:
    """The labels written in bold at the start of a paragraph's lines."""
    return [run.label.label for run in runs(block) if run.label is not None]


def html_text(markup: str) -> str:
    """The text of an HTML block: comments and tags dropped (an iframe has none)."""
    return plain(html.unescape(_TAG.sub(" ", markup)))


# --- sections -------------------------------------------------------------------------------


def line_of(node: SyntaxTreeNode) -> int | None:
    mapped = node.map
    return mapped[0] + 1 if mapped is not None else None


@dataclass
class SectionBuilder:
    """Collects statements under labels, in source order. A statement before any label goes
    to a section labelled "" at the owner's location (the persona heading)."""

    file: Path
    lines: Sequence[str]
    owner: Location
    sections: list[Section] = field(default_factory=list)
    _label: str | None = None
    _location: Location | None = None
    _statements: list[Statement] = field(default_factory=list)
    #: The item ending with `:` whose sub-list is being collected.
    lead: str | None = None

    def pointer(self, line: int | None) -> str | None:
        """The source line as written, up to the end of a bold label (`- **Reports to:**`)."""
        if line is None or not 0 < line <= len(self.lines):
            return None
        text = plain(self.lines[line - 1])
        bold = _BOLD_LABEL.match(text)
        if bold is not None:
            text = bold.group(0)
        return text if len(text) <= _POINTER_WIDTH else text[: _POINTER_WIDTH - 3] + "..."

    def start(self, label: str, line: int | None, pointer: str | None = None) -> None:
        self._flush()
        self._label = label
        self._location = Location(file=self.file, line=line, pointer=pointer or self.pointer(line))

    def add(self, text: str, line: int | None) -> None:
        text = plain(text)
        if not text:
            return
        if self._label is None:
            self._label, self._location = "", self.owner
        assert self._location is not None
        self._statements.append(
            Statement(
                text=text,
                location=Location(file=self.file, line=line, pointer=self._location.pointer),
                lead=self.lead,
            )
        )

    def _flush(self) -> None:
        if self._label is not None and self._location is not None and self._statements:
            self.sections.append(
                Section(
                    label=self._label,
                    statements=tuple(self._statements),
                    location=self._location,
                )
            )
        self._label, self._location, self._statements = None, None, []

    def finish(self) -> list[Section]:
        self._flush()
        return self.sections


def collect(blocks: Sequence[SyntaxTreeNode], out: SectionBuilder, *, labels: bool) -> None:
    """Add `blocks` to `out`. With `labels`, bold labels before the first heading open
    sections; after a heading (or without `labels`) they are statements like any other."""
    for position, block in enumerate(blocks):
        kind = block.type
        if kind == "heading":
            labels = False
            out.start(clean_label(block_text(block)), line_of(block))
        elif kind == "paragraph":
            if _image_only(block):
                continue
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            _paragraph(block, out, labels=labels, list_follows=_is_list(following))
        elif kind in {"bullet_list", "ordered_list"}:
            for item in block.children:
                _collect_item(item, out, labels=labels)
        elif kind == "blockquote":
            collect(block.children, out, labels=False)
        elif kind == "table":
            for row in _rows(block, "tbody"):
                cells = [plain(block_text(cell, links=True)) for cell in row.children]
                out.add(" | ".join(cell for cell in cells if cell), line_of(row))
        elif kind in {"fence", "code_block"}:
            out.add(block.content, line_of(block))
        elif kind == "html_block":
            out.add(html_text(block.content), line_of(block))


def _is_list(block: SyntaxTreeNode | None) -> bool:
    return block is not None and block.type in {"bullet_list", "ordered_list"}


def _paragraph(
    block: SyntaxTreeNode, out: SectionBuilder, *, labels: bool, list_follows: bool
) -> None:
    """A paragraph's runs: with `labels`, each bold-labelled run opens a section (a label
    without a colon only when a list follows); everything else is a statement."""
    first = line_of(block)
    found = runs(block) if labels else []
    if not any(run.label is not None for run in found):
        out.add(block_text(block, links=True), first)
        return
    for run in found:
        line = first + run.offset if first is not None else None
        label = run.label
        if label is not None and (not label.bare or list_follows):
            out.start(label.label, line)
            out.add(run.text, line)
        else:
            out.add(label.label if label is not None else run.text, line)


def _collect_item(item: SyntaxTreeNode, out: SectionBuilder, *, labels: bool) -> None:
    children = item.children
    if labels and children and children[0].type == "paragraph":
        nested = any(_is_list(child) for child in children[1:])
        found = runs(children[0])
        if found and found[0].label is not None and (not found[0].label.bare or nested):
            _paragraph(children[0], out, labels=True, list_follows=nested)
            collect(children[1:], out, labels=False)
            return
    if children and children[0].type == "paragraph" and any(map(_is_list, children[1:])):
        head = plain(block_text(children[0], links=True))
        if head.endswith(":"):  # "My biggest challenges are:" heads the sub-list
            collect(children[:1], out, labels=False)
            outer, out.lead = out.lead, head
            collect(children[1:], out, labels=False)
            out.lead = outer
            return
    collect(children, out, labels=False)


def _rows(table: SyntaxTreeNode, part: str) -> list[SyntaxTreeNode]:
    return [row for group in table.children if group.type == part for row in group.children]


def table_header(table: SyntaxTreeNode) -> list[str]:
    rows = _rows(table, "thead")
    return [clean_label(block_text(cell)) for cell in rows[0].children] if rows else []


def table_body(table: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return _rows(table, "tbody")
