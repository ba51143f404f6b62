"""The DevRel Foundation persona library: one JSON persona per file.

Recognised by shape, not by name: a JSON object with a `label` and at least one of the
library's own parts (`motivations`, `strategies`, `awareness`, `adoption`, `parent`,
`organization`). `label` is the name, `id` the source's id, `narrative` the summary; every
other key becomes a section labelled by its key path (`motivations.dislikes`,
`strategies.sales`), which the label table maps. `parent` (a list) becomes `extends_hint`
(its first id; the others are kept as a `parent` section, so they reach the notes), and the
`x-` keys (`motivations.x-likes`, `role.x-titles`) are additive: they add to the parent's
lists rather than replace them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persona_cli.verbs.importing.document import Section, SourceError, SourcePersona, Statement
from persona_cli.verbs.importing.readers._structured import (
    Parsed,
    item_text,
    parse,
    scalar_text,
    sections,
)

#: Parts only this format has (one of them, with `label`, is the shape).
_PARTS = frozenset({"motivations", "strategies", "awareness", "adoption", "parent", "organization"})


def _looks_like(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and isinstance(data.get("label"), str)
        and bool(_PARTS & set(data))
        and "properties" not in data  # the library's own JSON Schema describes these keys
    )


def _channel(item: Any) -> str | None:
    """`https://dzone.com (blog, level 200)`: the place first, its format after."""
    if not isinstance(item, dict) or not isinstance(item.get("url"), str):
        return item_text(item)
    extra = [
        f"level {text}" if key == "level" else text
        for key, value in item.items()
        if key != "url" and (text := scalar_text(value))
    ]
    url = " ".join(item["url"].split())
    return f"{url} ({', '.join(extra)})" if extra else url


@dataclass(frozen=True)
class PersonaLibraryReader:
    name: str = "persona-library"
    description: str = (
        "DevRel Foundation persona library JSON: one persona per file (label, motivations, "
        "strategies, parent...)."
    )

    def detects(self, path: Path, text: str) -> bool:
        if not text.lstrip().startswith("{"):
            return False
        try:
            return _looks_like(json.loads(text))
        except ValueError:
            return False

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        parsed = parse(path, text, as_json=True)
        data = parsed.data
        if not _looks_like(data):
            raise SourceError(
                path,
                "not a persona-library persona (a JSON object with `label` and `motivations`, "
                "`strategies` or `parent`); pass another --from or leave it out",
            )
        return [self._persona(parsed, data)]

    def _persona(self, parsed: Parsed, data: dict[str, Any]) -> SourcePersona:
        path = parsed.path
        name = " ".join(str(data["label"]).split())
        skip = frozenset({"label", "id", "parent", "$schema", "awareness.channels"})
        found = list(sections(parsed, data, (), skip))
        channels = (data.get("awareness") or {}).get("channels")
        if isinstance(channels, list):
            at: tuple[str | int, ...] = ("awareness", "channels")
            statements = tuple(
                Statement(text=text, location=parsed.location((*at, index)))
                for index, item in enumerate(channels)
                if (text := _channel(item))
            )
            if statements:
                found.append(
                    Section(
                        label="awareness.channels",
                        statements=statements,
                        location=parsed.location(at),
                    )
                )
        parents = [p for p in data.get("parent") or [] if isinstance(p, str) and p.strip()]
        warnings: list[str] = []
        if len(parents) > 1:
            at = ("parent",)
            found.append(
                Section(
                    label="parent",
                    statements=tuple(
                        Statement(text=p, location=parsed.location((*at, i + 1)))
                        for i, p in enumerate(parents[1:])
                    ),
                    location=parsed.location(at),
                )
            )
            warnings.append(
                f"{len(parents)} parents ({', '.join(parents)}): extends the first; the others "
                "are kept in notes (a persona extends one parent)"
            )
        additive = frozenset(s.label for s in found if s.label.split(".")[-1].startswith("x-"))
        source_id = data.get("id")
        return SourcePersona(
            name=name,
            source=path,
            format=self.name,
            location=parsed.location(("label",)),
            sections=found,
            id_hint=source_id.strip() if isinstance(source_id, str) and source_id.strip() else None,
            extends_hint=parents[0] if parents else None,
            additive_labels=additive,
            warnings=warnings,
        )


READER = PersonaLibraryReader()
