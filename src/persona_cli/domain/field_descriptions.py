"""What a field of the persona model is for, in the model's own words: the description that
is also the editor tooltip (from the field table), shortened for a sentence. Briefings name a
missing field with it (the gaps box) and `persona show` names an empty one, so both read the
same. Also the shape of a model field's annotation, which the renderer's defaults walk."""

from __future__ import annotations

import types
import typing
from typing import TYPE_CHECKING, Any

from persona_cli.domain.fields import FIELDS, FieldPath

if TYPE_CHECKING:
    from pydantic import BaseModel


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
    """The field's label in the field table: its description (the editor tooltip) shortened
    for a sentence, lower-cased, no full stop."""
    row = FIELDS.get(".".join(path))
    return row.label if row is not None else path[-1].replace("_", " ")
