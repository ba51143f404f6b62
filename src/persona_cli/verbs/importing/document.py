"""What a reader hands to placement: personas as their source states them.

A reader knows a format (where personas start and end, how lists are written, which parts of
the page are chrome) but not the persona model: it keeps each statement under the label the
source gives it ("Frustrations", "key-metrics", "motivations.dislikes", a table column), in
source order, with the location a person would look at. Placement (the label table) decides
which field a label feeds; the dry run prints both, so a team can see every statement's fate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True, kw_only=True)
class Location:
    """Where a statement or persona sits in its source: the file, a 1-based line where the
    format has lines (None for JSON keys without a line), and a readable pointer (`row 4`,
    `### Tech Exec Tristan`, `$.motivations.dislikes[2]`, `<h2 id="goals">`)."""

    file: Path
    line: int | None = None
    pointer: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else str(self.file)
        return f"{where} ({self.pointer})" if self.pointer else where


@dataclass(frozen=True, kw_only=True)
class Statement:
    """One thing the source says: a list item, a table-cell bullet, a paragraph, a scalar.

    `text` is plain text as a person reads it: Markdown emphasis, HTML tags and entities are
    resolved, whitespace collapsed, trailing spaces gone; the words and their case are the
    source's own. Readers split lists the way the source writes them (bullets, numbered items,
    `<br>&bull;` cell items, YAML/JSON list items, `;` or newline in CSV cells); placement may
    split further where a field asks for it (`/`-separated titles)."""

    text: str
    location: Location
    #: The list item ending with `:` that heads the sub-list this statement is an item of
    #: ("My biggest challenges are:"), as written; None for a statement of no such list.
    lead: str | None = None


@dataclass(frozen=True, kw_only=True)
class Section:
    """The statements under one label, as the source groups them. `label` is the heading, bold
    label, key path or column name exactly as written (minus Markdown markup and a trailing
    colon); placement normalises it. A label may repeat within one persona."""

    label: str
    statements: tuple[Statement, ...]
    location: Location


@dataclass(kw_only=True)
class SourcePersona:
    """One persona as found in a source.

    - `name`: the persona's display name as the source gives it (a heading, `title`, `label`,
      `name`, the first table column).
    - `id_hint`: the source's own identifier if it has one (`id`, `identifier`); the writer
      prefers the file name for one-persona-per-file sources when the two disagree.
    - `kind_hint`: `buyer`, `user`, `internal` or `individual` when the source says so (a
      "Internal personas" heading, a "Buyer Personas" page title), else None.
    - `extends_hint`: the parent's identifier when the source has inheritance (DevRel
      `parent`), with `additive_labels` the labels that add to the parent's lists rather than
      replace them (DevRel `x-likes`).
    - `placeholder`: the reader judged the content a placeholder (every cell one or two
      characters, as in a template table); the writer imports the name alone and says so.
    - `warnings`: what the reader noticed and a person should know, one line each.
    """

    name: str
    source: Path
    format: str
    location: Location
    sections: list[Section] = field(default_factory=list)
    id_hint: str | None = None
    kind_hint: str | None = None
    extends_hint: str | None = None
    additive_labels: frozenset[str] = frozenset()
    placeholder: bool = False
    warnings: list[str] = field(default_factory=list)


class SourceError(Exception):
    """A source that cannot be imported: unreadable, of no known format, or holding no
    persona a reader can find. The message says what to do; `line` points into the file."""

    def __init__(self, source: Path, message: str, *, line: int | None = None) -> None:
        super().__init__(message)
        self.source = source
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else str(self.source)
        return f"{where}: {self.message}"


class Reader(Protocol):
    """A source format. Each reader module exposes one as `READER`; `readers/__init__.py`
    lists them in detection order (the most specific shape first)."""

    #: The name `--from` takes and provenance records (`persona-library`, `markdown-page`).
    name: str
    #: One line for `persona import --help` and the README's format table.
    description: str

    def detects(self, path: Path, text: str) -> bool:
        """Whether `text` (the file's decoded content) has this format's shape; cheap, never
        raises. The file extension is a hint, not proof."""
        ...

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        """Every persona in the file, in source order; raises SourceError (with a line) when
        the file has this format's shape but no persona can be found in it."""
        ...
