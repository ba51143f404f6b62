"""A JSON or YAML list of persona mappings (a Jekyll data file such as the FinOps
Foundation's `personas.yml`).

Recognised by shape: the document is a list whose items are mappings, each with a name
(`name`, `title`, `label` or `persona`). The name and the id (`identifier`, `id`, `slug`)
are taken out; every other key becomes a section labelled by its key (nested mappings by
their key path), list items wrapped as `- item: text` are unwrapped, and keys with no
value (`img:`) give nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persona_cli.verbs.importing.document import SourceError, SourcePersona
from persona_cli.verbs.importing.readers._structured import Parsed, parse, scalar_text, sections

NAME_KEYS = ("name", "title", "label", "persona")
ID_KEYS = ("identifier", "id", "slug")


def _name_key(item: Any) -> str | None:
    if not isinstance(item, dict):
        return None
    return next((key for key in NAME_KEYS if scalar_text(item.get(key))), None)


def _is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or text.lstrip().startswith(("[", "{"))


def _load(path: Path, text: str) -> Any:
    """The document, or None when it is not JSON or YAML at all (never raises)."""
    if _is_json(path, text):
        try:
            return json.loads(text)
        except ValueError:
            return None
    from persona_cli.io.yaml_read import load_value

    value = load_value(text, str(path))
    return value.data if value.problem is None else None


def _looks_like(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(item, dict) for item in data)
        and any(_name_key(item) for item in data)
    )


@dataclass(frozen=True)
class DataListReader:
    name: str = "data-list"
    description: str = (
        "JSON or YAML list of persona mappings (name, goals, frustrations...; `- item:` "
        "wrappers unwrapped), e.g. a Jekyll data file."
    )

    def detects(self, path: Path, text: str) -> bool:
        if path.suffix.lower() not in (".json", ".yaml", ".yml") and not text.lstrip().startswith(
            ("[", "- ")
        ):
            return False
        return _looks_like(_load(path, text))

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        parsed = parse(path, text, as_json=_is_json(path, text))
        if not _looks_like(parsed.data):
            raise SourceError(
                path,
                "no personas found: expected a list of mappings, each with a `name` (or "
                "`title`); check the file or pass another --from",
            )
        found: list[SourcePersona] = []
        for index, item in enumerate(parsed.data):
            key = _name_key(item)
            if key is None:
                location = parsed.location((index,))
                raise SourceError(
                    path,
                    f"item {index + 1} has no name (`name` or `title`); give it one",
                    line=location.line,
                )
            found.append(self._persona(parsed, item, index, key))
        return found

    def _persona(self, parsed: Parsed, item: dict[str, Any], index: int, key: str) -> SourcePersona:
        name = scalar_text(item[key]) or ""
        id_key = next((k for k in ID_KEYS if scalar_text(item.get(k))), None)
        skip = frozenset({key, *([id_key] if id_key else [])})
        location = parsed.location((index, key))
        return SourcePersona(
            name=name,
            source=parsed.path,
            format=self.name,
            location=type(location)(
                file=location.file, line=location.line, pointer=f"item {index + 1} ({name})"
            ),
            sections=list(sections(parsed, item, (index,), skip)),
            id_hint=scalar_text(item[id_key]) if id_key else None,
        )


READER = DataListReader()
