"""The one question a strategist should answer in each field of a persona.

`persona new` writes each question as a comment above its field, so a new file reads as an
interview guide rather than a form; lint asks the same question when a field it counts is
missing. The questions live in the field table (`fields/`); this module is the view
`persona new` reads. Keys are dotted field paths of the model (items of a list of objects use
the list's path: `evidence.date`).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from persona_cli.domain.fields import FIELDS

QUESTIONS: Mapping[str, str] = MappingProxyType(
    {path: row.question for path, row in FIELDS.items()}
)


def question(path: str) -> str:
    """The question for a dotted field path (KeyError for a path the model does not have)."""
    return FIELDS[path].question
