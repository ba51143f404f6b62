"""What a field of the persona model is for, in the model's own words: the description that
is also the editor tooltip, shortened for a sentence. Briefings name a missing field with it
(the gaps box) and `persona show` names an empty one, so both read the same."""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from persona_cli.domain.completeness import FieldPath


def shape(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """('model'|'models'|'list'|'scalar', model) for a field's annotation."""
    from pydantic import BaseModel

    def strip(value: Any) -> Any:
        while typing.get_origin(value) is typing.Annotated:
            value = typing.get_args(value)[0]
        args = [a for a in typing.get_args(value) if a is not type(None)]
        if typing.get_origin(value) in (typing.Union, types.UnionType):
            return strip(args[0]) if len(args) == 1 else value
        return value

    inner = strip(annotation)
    if typing.get_origin(inner) is list:
        item = strip(typing.get_args(inner)[0])
        if isinstance(item, type) and issubclass(item, BaseModel):
            return "models", item
        return "list", None
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return "model", inner
    return "scalar", None


def describe(path: FieldPath) -> str:
    """The model's description of the field (the editor tooltip), lower-cased, no dot."""
    from persona_cli.domain.model import Persona

    model: Any = Persona
    description = path[-1].replace("_", " ")
    for name in path:
        info = model.model_fields.get(name) if model is not None else None
        if info is None:
            break
        description = info.description or description
        model = shape(info.annotation)[1]
    text = description.split(";")[0].rstrip(".")
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text
