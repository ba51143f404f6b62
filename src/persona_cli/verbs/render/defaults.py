"""Every known field present in a persona's data, so templates never meet a missing name.

Templates can then write `persona.lenses.sales.hesitation_triggers` for any persona, while an
unknown name still fails under StrictUndefined; blank text and blank list items are dropped,
so a template's `{% if value %}` never prints a heading over nothing.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Any

from persona_cli.domain.field_descriptions import shape

if TYPE_CHECKING:
    from pydantic import BaseModel


_SHAPES: dict[type[Any], list[tuple[str, str, type[BaseModel] | None, Any]]] = {}


def _fields(model: type[BaseModel]) -> list[tuple[str, str, type[BaseModel] | None, Any]]:
    cached = _SHAPES.get(model)
    if cached is None:
        cached = []
        for name, info in model.model_fields.items():
            kind, sub = shape(info.annotation)
            default = info.default if isinstance(info.default, int | str) else ""
            cached.append((name, kind, sub, default))
        _SHAPES[model] = cached
    return cached


def fill(data: dict[str, Any], model: type[BaseModel] | None = None) -> dict[str, Any]:
    """Plain dicts and lists with every known field present: missing text is "", missing lists
    are [], missing parts are filled mappings. Templates can then write
    `persona.lenses.sales.hesitation_triggers` for any persona, while an unknown name still
    fails under StrictUndefined. Enums become their plain string values."""
    if model is None:
        from persona_cli.domain.model import Persona

        model = Persona
    out: dict[str, Any] = {}
    for name, kind, sub, default in _fields(model):
        value = data.get(name)
        if kind == "model":
            assert sub is not None
            out[name] = fill(value if isinstance(value, dict) else {}, sub)
        elif kind == "models":
            assert sub is not None
            out[name] = [fill(item, sub) for item in value or ()]
        elif kind == "list":
            # Blank items are dropped and blank text is "": a template's `{% if value %}`
            # would print a heading over nothing (the gaps box already names the field).
            if name == "quotes":
                out[name] = [q for q in map(_quote, value or ()) if not _blank(q["text"])]
            else:
                out[name] = [plain(item) for item in value or () if not _blank(item)]
        else:
            out[name] = default if value is None or _blank(value) else plain(value)
    return out


def _blank(value: Any) -> bool:
    return type(value) is str and not value.strip()


def plain(value: Any) -> Any:
    """An enum as its plain string value; anything else as it is."""
    return value.value if isinstance(value, Enum) else value


def _quote(item: Any) -> dict[str, Any]:
    if isinstance(item, dict):
        return {"text": item.get("text") or "", "evidence": item.get("evidence") or ""}
    return {"text": str(item), "evidence": ""}
