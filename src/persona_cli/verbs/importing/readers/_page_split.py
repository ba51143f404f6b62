"""Where the personas of a Markdown page are: the heading level that holds them.

Shared by the Markdown readers: the page reader splits with it, and the file and table
readers ask it whether a text is a page of personas rather than their own shape. It reads
headings and bold labels from the block tree `_markdown` parses; it knows no persona field,
only the shape of a persona section (a few section names, and the word "personas").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from persona_cli.verbs.importing.readers._markdown import (
    FrontMatter,
    block_text,
    bold_labels,
    line_of,
)
from persona_cli.verbs.importing.readers._plain import label as clean_label
from persona_cli.verbs.importing.readers._plain import plain

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
#: Headings that name a section, never a persona, however their bodies look (a persona file
#: whose "Goals" and "Pain points" both use bold labels is still one persona).
_SECTION_NAMES = frozenset(
    {
        "about",
        "background",
        "behaviors",
        "behaviours",
        "bio",
        "challenges",
        "demographics",
        "description",
        "feelings",
        "frustrations",
        "goals",
        "job summary",
        "jobs to be done",
        "key tools",
        "motivations",
        "my role",
        "needs",
        "overview",
        "pain points",
        "pains",
        "profile",
        "quotes",
        "responsibilities",
        "skills",
        "summary",
        "thoughts",
        "tools",
    }
)
_KIND_WORDS = (
    ("internal persona", "internal"),
    ("user persona", "user"),
    ("buyer persona", "buyer"),
)


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
            labels += bold_labels(paragraph)
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

    Guards keep pages *about* personas out: a heading that says "personas" (plural) is never
    one ("Buyer personas", "List of User Personas"), nor one named like a section ("Goals",
    "Pain points"); and a lone candidate must have a section a persona has (goals, needs,
    frustrations, ...), which a page's "Goals for Persona Development" over numbered
    objectives has not."""
    every = headings(blocks)
    written = {heading.index: section_labels(heading, every, blocks) for heading in every}
    labels = {index: {_norm(text) for text in texts} for index, texts in written.items()}
    best: tuple[int | None, list[Heading]] = (None, [])
    for level in sorted({heading.level for heading in every}):
        candidates = [h for h in every if h.level == level and labels[h.index] and _may_be(h)]
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
        elif not _may_be(heading):
            reason = "it is named like a section of a persona"
        elif not labels[heading.index]:
            reason = "it has no labelled sections of its own"
        else:
            shown = ", ".join(own[:4]) + (", ..." if len(own) > 4 else "")
            reason = f"its sections ({shown}) are none the personas have"
        skipped.append((heading, reason))
    return PageSplit(chosen_level, personas, skipped, every)


def _may_be(heading: Heading) -> bool:
    """Whether `heading` could name a persona: not "... personas", not a section's name."""
    return not _PLURAL.search(heading.text) and _norm(heading.text) not in _SECTION_NAMES


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
