"""A Markdown table with one persona per row (a research wiki's persona table).

The name is the column headed `Name`, `Persona` or `Title` (any case), else the first
column; every other column is a label, its header as written. A cell is a list when it says
so with `<br>` (and `&bull;` bullets, the first item often without one): one statement per
item, empty items (a trailing `<br>&bull;`) dropped. A row whose every cell is one or two
characters (`B | D | N`) is a placeholder. Front matter, headings and text around the table
are page matter; a page title naming "Buyer Personas" (or user, internal) gives the kind.

When several tables are in the file, those with a name column are read; without one, the
first table is.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from persona_cli.verbs.importing.document import (
    Location,
    Reader,
    Section,
    SourceError,
    SourcePersona,
    Statement,
)
from persona_cli.verbs.importing.readers import _markdown as md
from persona_cli.verbs.importing.readers import _page_split as pages
from persona_cli.verbs.importing.readers._plain import (
    NAME_HEADERS,
    mark_placeholder,
    plain,
    split_items,
)

NAME = "markdown-table"


class MarkdownTableReader:
    name = NAME
    description = "a Markdown table, one persona per row (<br>-separated lists inside cells)"

    def detects(self, path: Path, text: str) -> bool:
        if md.other_named(path):
            return False
        _, body = md.split_front_matter(text, str(path))
        blocks = md.parse(body)
        tables = _tables(blocks)
        if not any(len(md.table_header(t)) >= 2 and md.table_body(t) for t in tables):
            return False
        return not pages.split_page(blocks).personas

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        front, body = md.split_front_matter(text, str(path))
        blocks = md.parse(body)
        tables = _tables(blocks)
        if not tables:
            raise SourceError(
                path,
                "no table found: write one row per persona under a header row "
                "(| Name | Goals | ... |), or use --from markdown-page",
                line=1,
            )
        named = [table for table in tables if _name_column(md.table_header(table)) is not None]
        kind = pages.page_kind(front, pages.headings(blocks))
        personas: list[SourcePersona] = []
        for table in named or tables[:1]:
            personas += _read_table(path, table, kind)
        if not personas:
            first = md.line_of(tables[0]) or 1
            raise SourceError(
                path,
                "the table has a header row but no persona rows: add one row per persona",
                line=first,
            )
        return personas


def _tables(blocks: tuple[SyntaxTreeNode, ...]) -> list[SyntaxTreeNode]:
    return [block for block in blocks if block.type == "table"]


def _name_column(header: list[str]) -> int | None:
    return next(
        (index for index, text in enumerate(header) if text.casefold() in NAME_HEADERS), None
    )


def _read_table(path: Path, table: SyntaxTreeNode, kind: str | None) -> list[SourcePersona]:
    header = md.table_header(table)
    name_at = _name_column(header) or 0
    labels = [text or f"column {index + 1}" for index, text in enumerate(header)]
    personas = []
    for number, row in enumerate(md.table_body(table), start=1):
        line = md.line_of(row)
        cells = [md.block_text(cell, br="\n") for cell in row.children]
        name = plain(cells[name_at]) if name_at < len(cells) else ""
        if not name:
            if any(plain(cell) for cell in cells):
                raise SourceError(
                    path,
                    f"row {number} has no name in column '{labels[name_at]}': "
                    "give the persona a name or delete the row",
                    line=line,
                )
            continue
        location = Location(file=path, line=line, pointer=f"row {number}")
        persona = SourcePersona(
            name=name, source=path, format=NAME, location=location, kind_hint=kind
        )
        for index, cell in enumerate(cells):
            if index == name_at:
                continue
            items = split_items(cell)
            if not items:
                continue
            label = labels[index] if index < len(labels) else f"column {index + 1}"
            where = Location(file=path, line=line, pointer=f"row {number}, {label}")
            persona.sections.append(
                Section(
                    label=label,
                    statements=tuple(Statement(text=item, location=where) for item in items),
                    location=where,
                )
            )
        mark_placeholder(persona)
        personas.append(persona)
    return personas


READER: Reader = MarkdownTableReader()
