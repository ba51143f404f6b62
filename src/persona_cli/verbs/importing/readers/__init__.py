"""The source formats `persona import` reads, in detection order: the most specific shape
first, so a file is claimed by the reader that knows it best.

- `persona-library` before `data-list`: both are JSON; the library's shape (an object
  with `label` and `motivations`/`strategies`) is the narrower one.
- Markdown: a table page before a front-matter file before a many-personas page (a page
  with front matter that is only page metadata is a page, not a file of one persona).
- `csv` and `html` last: their shapes do not overlap with the others.
"""

from __future__ import annotations

from pathlib import Path

from persona_cli.verbs.importing.document import Reader, SourceError
from persona_cli.verbs.importing.readers import (
    csv_,
    data_list,
    html,
    markdown_file,
    markdown_page,
    markdown_table,
    persona_library,
)

_MODULES = (
    persona_library,
    data_list,
    markdown_table,
    markdown_file,
    markdown_page,
    csv_,
    html,
)

#: Every reader by its `--from` name, in detection order.
READERS: dict[str, Reader] = {module.READER.name: module.READER for module in _MODULES}


def detect(path: Path, text: str) -> Reader | None:
    """The first reader that recognises `text` (the file's content), else None."""
    return next((reader for reader in READERS.values() if reader.detects(path, text)), None)


#: Names that promise JSON or YAML: a file so named that does not parse is broken, not foreign.
DATA_SUFFIXES = {".json": True, ".yml": False, ".yaml": False}


def data_problem(path: Path, text: str) -> SourceError | None:
    """For a `.json`, `.yml` or `.yaml` file that does not parse: the parse error (with its
    line); None for any other file, or one that parses."""
    from persona_cli.verbs.importing.readers._structured import parse

    as_json = DATA_SUFFIXES.get(path.suffix.lower())
    if as_json is None:
        return None
    try:
        parse(path, text, as_json=as_json)
    except SourceError as failure:
        return failure
    return None
