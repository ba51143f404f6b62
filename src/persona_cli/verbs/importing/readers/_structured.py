"""What the JSON and YAML readers share: parsing with line numbers, and turning a nested
mapping into labelled sections (the label is the key path: `motivations.dislikes`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persona_cli.verbs.importing.document import Location, Section, SourceError, Statement

DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parsed JSON or YAML file and the line of each value (by data path)."""

    path: Path
    data: Any
    lines: dict[DataPath, int]

    def location(self, where: DataPath) -> Location:
        line = None
        for end in range(len(where), -1, -1):
            line = self.lines.get(where[:end])
            if line is not None:
                break
        return Location(file=self.path, line=line, pointer=pointer(where))


def pointer(where: DataPath) -> str:
    """`$.motivations.dislikes[2]`: a JSONPath-like pointer a person can follow."""
    text = "$"
    for part in where:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def parse(path: Path, text: str, *, as_json: bool) -> Parsed:
    """Parse `text`; a syntax error is a SourceError with its line. JSON is checked by the
    standard library (its messages name JSON's rules), then read again as YAML (JSON is
    YAML) for the line of every value."""
    from persona_cli.io.yaml_read import load_value

    if as_json:
        try:
            json.loads(text)
        except json.JSONDecodeError as failure:
            raise SourceError(
                path, f"not valid JSON: {failure.msg}; fix the file", line=failure.lineno
            ) from None
    value = load_value(text, str(path))
    if value.problem is not None:
        if as_json:  # valid JSON that the YAML reader refuses (a tab, a long line): no lines
            return Parsed(path, json.loads(text), {})
        raise SourceError(
            path, f"not valid YAML: {value.problem.message}; fix the file", line=value.problem.line
        )
    return Parsed(path, value.data, {where: span.line for where, span in value.spans.items()})


def scalar_text(value: Any) -> str | None:
    """A scalar as statement text (whitespace collapsed), None for nothing (null, "")."""
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split()) if not isinstance(value, bool) else str(value).lower()
    return text or None


def item_text(value: Any) -> str | None:
    """A list item as statement text: a scalar, or a mapping written `key: value, ...` (a
    one-key wrapper such as FinOps `- item: text` gives just its value)."""
    if isinstance(value, dict):
        if len(value) == 1:
            return item_text(next(iter(value.values())))
        parts = [f"{key}: {text}" for key, item in value.items() if (text := item_text(item))]
        return ", ".join(parts) or None
    if isinstance(value, list):
        parts = [text for item in value if (text := item_text(item))]
        return "; ".join(parts) or None
    return scalar_text(value)


def sections(
    parsed: Parsed, data: dict[str, Any], where: DataPath, skip: frozenset[str] = frozenset()
) -> Iterator[Section]:
    """A section per key holding text or a list (label: the key path below `where`), in
    file order; nested mappings give their own keys' sections (`role.titles`)."""
    yield from _walk(parsed, data, where, "", skip)


def _walk(
    parsed: Parsed, data: dict[str, Any], where: DataPath, prefix: str, skip: frozenset[str]
) -> Iterator[Section]:
    for key, value in data.items():
        label = f"{prefix}{key}"
        if label in skip:
            continue
        at = (*where, key)
        if isinstance(value, dict):
            yield from _walk(parsed, value, at, f"{label}.", skip)
            continue
        statements: list[Statement] = []
        if isinstance(value, list):
            for index, item in enumerate(value):
                text = item_text(item)
                if text is not None:
                    statements.append(Statement(text=text, location=parsed.location((*at, index))))
        else:
            text = scalar_text(value)
            if text is not None:
                statements.append(Statement(text=text, location=parsed.location(at)))
        if statements:
            yield Section(label=label, statements=tuple(statements), location=parsed.location(at))
