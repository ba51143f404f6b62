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
- `split_page` finds the heading level that holds personas in a page of many (see there).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
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
from persona_cli.verbs.importing.readers._plain import plain

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
_PLURAL = re.compile(r"\bpersonas\b", re.IGNORECASE)
#: Words of the sections personas have, for judging a page that holds a single candidate.
_PERSONA_WORDS = (
    "goal",
    "need",
    "pain",
    "frustration",
    "motivat",
    "challenge",
    "behavio",
    "job",
    "role",
    "title",
    "background",
    "quote",
    "about",
    "bio",
    "description",
    "summary",
    "tool",
    "skill",
    "demographic",
    "responsibilit",
    "trait",
    "thought",
    "feeling",
    "persona",
)
_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")
_KIND_WORDS = (
    ("internal persona", "internal"),
    ("user persona", "user"),
    ("buyer persona", "buyer"),
)


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


def names_persona(front: FrontMatter) -> bool:
    """Whether front matter names one persona (`name` or `title`), as a persona file's does;
    a title such as "Buyer Personas" names a page of them."""
    key = name_key(front.data)
    return key is not None and not _PLURAL.search(str(front.data[key]))


def name_key(data: dict[str, Any]) -> str | None:
    """The front matter key holding the name: `name`, else `title`."""
    for key in ("name", "title"):
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return key
    return None


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


def inline_text(nodes: Sequence[SyntaxTreeNode], *, br: str = " ") -> str:
    """The text a reader sees in inline nodes: emphasis, links and code as their text, an
    image as its alt text, tags dropped; `<br>` and hard breaks become `br`."""
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
        else:
            parts.append(inline_text(node.children, br=br))
    return "".join(parts)


def inline_of(block: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    """The inline children of a paragraph, heading or table cell."""
    return [child for node in block.children if node.type == "inline" for child in node.children]


def block_text(block: SyntaxTreeNode, *, br: str = " ") -> str:
    return inline_text(inline_of(block), br=br)


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
    #: follows inside the item, or when the line is a paragraph of its own.
    bare: bool


def bold_label(block: SyntaxTreeNode) -> BoldLabel | None:
    """`**Label:** rest`, `**Label**: rest` or `**Label**` at the start of a paragraph."""
    nodes = [
        node for node in inline_of(block) if not (node.type == "text" and not node.content.strip())
    ]
    if not nodes or nodes[0].type != "strong":
        return None
    strong = plain(inline_text(nodes[0].children))
    rest = plain(inline_text(nodes[1:]))
    if strong.endswith(":"):
        found = BoldLabel(clean_label(strong), rest, bare=False)
    elif rest.startswith(":"):
        found = BoldLabel(clean_label(strong), plain(rest[1:]), bare=False)
    elif not rest:
        found = BoldLabel(clean_label(strong), "", bare=True)
    else:
        return None
    return found if found.label else None


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
    for block in blocks:
        kind = block.type
        if kind == "heading":
            labels = False
            out.start(clean_label(block_text(block)), line_of(block))
        elif kind == "paragraph":
            if _image_only(block):
                continue
            found = bold_label(block) if labels else None
            if found is not None:
                out.start(found.label, line_of(block))
                out.add(found.rest, line_of(block))
            else:
                out.add(block_text(block), line_of(block))
        elif kind in {"bullet_list", "ordered_list"}:
            for item in block.children:
                _collect_item(item, out, labels=labels)
        elif kind == "blockquote":
            collect(block.children, out, labels=False)
        elif kind == "table":
            for row in _rows(block, "tbody"):
                cells = [plain(block_text(cell)) for cell in row.children]
                out.add(" | ".join(cell for cell in cells if cell), line_of(row))
        elif kind in {"fence", "code_block"}:
            out.add(block.content, line_of(block))
        elif kind == "html_block":
            out.add(html_text(block.content), line_of(block))


def _collect_item(item: SyntaxTreeNode, out: SectionBuilder, *, labels: bool) -> None:
    children = item.children
    if labels and children and children[0].type == "paragraph":
        found = bold_label(children[0])
        nested = any(child.type in {"bullet_list", "ordered_list"} for child in children[1:])
        if found is not None and (not found.bare or nested):
            out.start(found.label, line_of(item))
            out.add(found.rest, line_of(item))
            collect(children[1:], out, labels=False)
            return
    collect(children, out, labels=False)


def _rows(table: SyntaxTreeNode, part: str) -> list[SyntaxTreeNode]:
    return [row for group in table.children if group.type == part for row in group.children]


def table_header(table: SyntaxTreeNode) -> list[str]:
    rows = _rows(table, "thead")
    return [clean_label(block_text(cell)) for cell in rows[0].children] if rows else []


def table_body(table: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return _rows(table, "tbody")


# --- pages of many personas -----------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """A top-level heading: its level, text, line, and the blocks it owns (up to the next
    heading of the same or a higher level), as indexes into the page's blocks."""

    level: int
    text: str
    line: int
    index: int
    end: int

    @property
    def markup(self) -> str:
        return f"{'#' * self.level} {self.text}"


def headings(blocks: Sequence[SyntaxTreeNode]) -> list[Heading]:
    found = [
        (index, int(block.tag[1:]), plain(block_text(block)), line_of(block) or 1)
        for index, block in enumerate(blocks)
        if block.type == "heading"
    ]
    result = []
    for position, (index, level, text, line) in enumerate(found):
        end = next(
            (later for later, other, _, _ in found[position + 1 :] if other <= level),
            len(blocks),
        )
        result.append(Heading(level, text, line, index, end))
    return result


def _norm(text: str) -> str:
    return clean_label(text).casefold()


def section_labels(
    heading: Heading, every: Sequence[Heading], blocks: Sequence[SyntaxTreeNode]
) -> list[str]:
    """The labels of the sections under `heading`: its highest sub-headings, and the bold
    labels before its first sub-heading."""
    subs = [other for other in every if heading.index < other.index < heading.end]
    labels: list[str] = []
    if subs:
        top = min(other.level for other in subs)
        labels += [clean_label(other.text) for other in subs if other.level == top]
    first_sub = subs[0].index if subs else heading.end
    for block in blocks[heading.index + 1 : first_sub]:
        candidates: list[SyntaxTreeNode] = []
        if block.type == "paragraph":
            candidates = [block]
        elif block.type in {"bullet_list", "ordered_list"}:
            candidates = [
                item.children[0]
                for item in block.children
                if item.children and item.children[0].type == "paragraph"
            ]
        for paragraph in candidates:
            found = bold_label(paragraph)
            if found is not None:
                labels.append(found.label)
    return labels


@dataclass(frozen=True)
class PageSplit:
    """Where a page's personas are: the level, the persona headings, and the other headings
    at that level with why each is not a persona."""

    level: int | None
    personas: list[Heading]
    skipped: list[tuple[Heading, str]]
    every: list[Heading]


def split_page(blocks: Sequence[SyntaxTreeNode]) -> PageSplit:
    """Find the heading level that holds personas.

    At each level, a heading is a candidate when its body has labelled sections (sub-headings
    or bold labels). Personas have sections in common, so a candidate is a persona when one
    of its labels is also a label of another candidate at that level, and either it has two
    labels or more or it shares a label with such a candidate (a persona with "Goals" alone,
    beside richer ones); a candidate that shares none ("Buyer personas" over four intro
    sections) is skipped. A lone candidate with two labels or more is a persona (a page of
    one). The level with the most personas wins; on a tie, the higher level (fewer `#`).

    Two guards keep pages *about* personas out: a heading that says "personas" (plural) is
    never one ("Buyer personas", "List of User Personas"), and a lone candidate must have a
    section a persona has (goals, needs, frustrations, ...), which a page's "Goals for
    Persona Development" over numbered objectives has not."""
    every = headings(blocks)
    written = {heading.index: section_labels(heading, every, blocks) for heading in every}
    labels = {index: {_norm(text) for text in texts} for index, texts in written.items()}
    best: tuple[int | None, list[Heading]] = (None, [])
    for level in sorted({heading.level for heading in every}):
        candidates = [
            h for h in every if h.level == level and labels[h.index] and not _PLURAL.search(h.text)
        ]
        rich = [h for h in candidates if len(labels[h.index]) >= 2]
        if len(rich) == 1 and len(candidates) == 1:
            personas = [h for h in rich if _persona_like(labels[h.index])]
        else:
            counts = Counter(name for h in candidates for name in labels[h.index])
            shared_by_rich = {name for h in rich for name in labels[h.index] if counts[name] >= 2}
            personas = [
                h
                for h in candidates
                if (h in rich and any(counts[n] >= 2 for n in labels[h.index]))
                or labels[h.index] & shared_by_rich
            ]
        if len(personas) > len(best[1]):
            best = (level, personas)
    chosen_level, personas = best
    chosen = {heading.index for heading in personas}
    skipped = []
    for heading in every:
        if heading.level != chosen_level or heading.index in chosen:
            continue
        own = list(dict.fromkeys(written[heading.index]))
        if _PLURAL.search(heading.text):
            reason = "it speaks of personas in the plural (an introduction or a list)"
        elif not labels[heading.index]:
            reason = "it has no labelled sections of its own"
        else:
            shown = ", ".join(own[:4]) + (", ..." if len(own) > 4 else "")
            reason = f"its sections ({shown}) are none the personas have"
        skipped.append((heading, reason))
    return PageSplit(chosen_level, personas, skipped, every)


def _persona_like(labels: set[str]) -> bool:
    return any(word in name for name in labels for word in _PERSONA_WORDS)


def kind_from(text: str) -> str | None:
    """`internal`, `user` or `buyer` when `text` names that kind of persona."""
    lowered = text.casefold()
    return next((kind for words, kind in _KIND_WORDS if words in lowered), None)


def page_kind(front: FrontMatter | None, every: Sequence[Heading]) -> str | None:
    """The kind a page's title (front matter `title`, H1 or H2) names, if any."""
    titles = [front.text("title") or ""] if front is not None else []
    titles += [heading.text for heading in every if heading.level <= 2]
    return next((kind for kind in map(kind_from, titles) if kind is not None), None)


def ancestors(heading: Heading, every: Sequence[Heading]) -> list[Heading]:
    """The headings `heading` sits under, nearest first."""
    found: list[Heading] = []
    level = heading.level
    for other in reversed([h for h in every if h.index < heading.index]):
        if other.level < level:
            found.append(other)
            level = other.level
    return found
