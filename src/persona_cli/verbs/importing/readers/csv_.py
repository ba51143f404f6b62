"""CSV with a header row, one persona per row (a spreadsheet export).

The name is the column headed `name`, `persona` or `title` (any case), else the first;
`id` or `identifier` is the id hint; every other column is a label, its header as written.
A cell is a list when it says so with `;` or line breaks: one statement per item, empty
items and empty cells skipped. Commas separate columns; a file whose header line has tabs
(or `;`) and no comma uses that instead, and `;` then no longer splits cells.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

from persona_cli.verbs.importing.document import (
    Location,
    Reader,
    Section,
    SourceError,
    SourcePersona,
    Statement,
)
from persona_cli.verbs.importing.readers._plain import (
    NAME_HEADERS,
    decoded,
    label,
    mark_placeholder,
    split_items,
)

NAME = "csv"
ID_HEADERS = frozenset({"id", "identifier"})
SUFFIXES = frozenset({".csv", ".tsv"})
#: Names that say another format, whatever the text looks like.
OTHER_SUFFIXES = frozenset(
    {".md", ".markdown", ".json", ".yml", ".yaml", ".html", ".htm", ".xhtml", ".toml"}
)
#: Rows looked at when judging text without a `.csv` name.
_SAMPLE_ROWS = 10
#: A column name: a few words, no sentence punctuation, no Markdown table or list markup.
_COLUMN_NAME = re.compile(r"^(?![-#>*=])[^.!?:|`{}\[\]]{1,40}$")
_COLUMN_WORDS = 6


def _column_name(cell: str) -> bool:
    text = cell.strip()
    return bool(_COLUMN_NAME.match(text)) and len(text.split()) <= _COLUMN_WORDS


def grid_problem(rows: list[list[str]]) -> str | None:
    """Why `rows` (the non-blank rows) are not a CSV table, else None: a header row of at
    least two column names, and no row with more filled cells than the header has columns."""
    if not rows:
        return None
    header = rows[0]
    shown = ",".join(header).strip()
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    if sum(1 for cell in header if cell.strip()) < 2:
        return f"the first line '{shown}' is not a header row of two or more columns"
    if not all(_column_name(cell) for cell in header if cell.strip()):
        return f"the first line '{shown}' is not a row of column names"
    width = len(header)
    for number, row in enumerate(rows[1:], start=1):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            return f"row {number} has {len(row)} cells, the header {width} columns"
    return None


def _delimiter(path: Path, header_line: str) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    if "," not in header_line:
        if "\t" in header_line:
            return "\t"
        if ";" in header_line:
            return ";"
    return ","


class CsvReader:
    name = NAME
    description = "CSV with a header row, one persona per row (lists in a cell split on ; or lines)"

    def detects(self, path: Path, text: str) -> bool:
        suffix = path.suffix.lower()
        if suffix in SUFFIXES:
            return True
        if suffix in OTHER_SUFFIXES or not text.strip():
            return False
        if text.lstrip()[:1] in {"{", "[", "<", "#", "|", "-"}:
            return False
        first = text.lstrip("\n").split("\n", 1)[0]
        delimiter = _delimiter(path, first)
        try:
            rows = [
                row
                for row in itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), 50)
                if any(cell.strip() for cell in row)
            ][:_SAMPLE_ROWS]
        except csv.Error:
            return False
        if len(rows) < 2 or not all(cell.strip() for cell in rows[0]):
            return False
        return grid_problem(rows) is None and all(len(row) == len(rows[0]) for row in rows)

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        first = text.lstrip("\n").split("\n", 1)[0]
        delimiter = _delimiter(path, first)
        try:
            rows = [
                row
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                if any(cell.strip() for cell in row)
            ]
        except csv.Error:
            rows = []
        problem = grid_problem(rows)
        if problem is not None:
            raise SourceError(
                path,
                f"not a CSV table: {problem}; use --from FORMAT for another format, or save "
                "it as CSV with a header row of column names",
                line=None,
            )
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        semicolons = reader.dialect.delimiter != ";"
        header: list[str] | None = None
        header_line = 1
        personas: list[SourcePersona] = []
        end = 0
        number = 0
        try:
            for row in reader:
                start, end = end + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                if header is None:
                    header, header_line = [label(decoded(cell)) for cell in row], start
                    continue
                number += 1
                personas.append(_persona(path, header, row, number, start, semicolons))
        except csv.Error as error:
            raise SourceError(
                path, f"not valid CSV ({error}); save it again as CSV", line=end + 1
            ) from None
        if header is None:
            raise SourceError(
                path,
                "the file is empty: write a header row (name, goals, ...) and a row per persona",
                line=1,
            )
        if not personas:
            raise SourceError(
                path,
                "the file has a header row but no persona rows: add one row per persona "
                "under the header",
                line=header_line,
            )
        return personas


def _column(header: list[str], names: frozenset[str]) -> int | None:
    return next((i for i, text in enumerate(header) if text.casefold() in names), None)


def _persona(
    path: Path, header: list[str], row: list[str], number: int, line: int, semicolons: bool
) -> SourcePersona:
    name_at = _column(header, NAME_HEADERS) or 0
    id_at = _column(header, ID_HEADERS)
    name = decoded(row[name_at]) if name_at < len(row) else ""
    heading = header[name_at] or "column 1"
    if not name:
        raise SourceError(
            path,
            f"row {number} has no name in column '{heading}': give the persona a name "
            "or delete the row",
            line=line,
        )
    location = Location(file=path, line=line, pointer=f"row {number}")
    persona = SourcePersona(name=name, source=path, format=NAME, location=location)
    for index, cell in enumerate(row):
        if index == name_at:
            continue
        if index == id_at:
            persona.id_hint = decoded(cell) or None
            continue
        items = split_items(decoded_lines(cell), semicolons=semicolons)
        if not items:
            continue
        column = (header[index] if index < len(header) else "") or f"column {index + 1}"
        where = Location(file=path, line=line, pointer=f"row {number}, {column}")
        persona.sections.append(
            Section(
                label=column,
                statements=tuple(Statement(text=item, location=where) for item in items),
                location=where,
            )
        )
    mark_placeholder(persona)
    return persona


def decoded_lines(cell: str) -> str:
    """A cell with entities decoded line by line (`decoded` alone would join the lines)."""
    return "\n".join(decoded(line) for line in cell.splitlines())


READER: Reader = CsvReader()
