"""The one place TOML is written (tomlkit): the `.persona.toml` of `persona init`, the output
of `persona config`, the option lines of `persona rule`, and config hints.

Imported only by code that writes TOML, so start-up stays light.
"""

from __future__ import annotations

from typing import Any

import tomlkit
from tomlkit.items import Array, Item, Table

from persona_cli.domain.hidden import escape_json


def value(data: Any) -> Any:
    """`data` as a tomlkit value on one line: dicts as inline tables. A string holding a
    backslash is a literal string, so a regular expression reads as written (unless it holds
    a quote or a character only an escape shows)."""
    if isinstance(data, dict):
        table = tomlkit.inline_table()
        table.update({key: value(item) for key, item in data.items()})
        return table
    if isinstance(data, list | tuple):
        array = tomlkit.array()
        array.extend(value(item) for item in data)
        return array
    if isinstance(data, str) and "\\" in data and "'" not in data:
        return tomlkit.string(data, literal=data.isprintable())
    return data


def assignment(key: str, data: Any) -> str:
    """`key = value` on one line, hidden characters as `\\u` escapes."""
    doc = tomlkit.document()
    fill(doc, [(key, data)])
    return dumps(doc).rstrip("\n")


def fill(
    container: tomlkit.TOMLDocument | Table,
    pairs: list[tuple[str, Any]],
    *,
    width: int | None = None,
) -> list[Item]:
    """Add `key = value` lines to a document or table; with `width`, an array whose line
    would be longer goes one item per line. Returns the items added."""
    added: list[Item] = []
    for key, data in pairs:
        item = tomlkit.item(value(data))
        if width is not None and isinstance(item, Array):
            item.multiline(len(assignment(key, data)) > width)
        container.append(key, item)
        added.append(item)
    return added


def dumps(doc: tomlkit.TOMLDocument) -> str:
    """The document's text, hidden characters in strings and keys as `\\u` escapes. (Comments
    are plain text the caller reveals itself.)"""
    return escape_json(doc.as_string())


__all__ = ["assignment", "dumps", "fill", "value"]
