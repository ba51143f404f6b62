"""Validate a loaded document against the persona model; every error lands on a line:column.

Pydantic reports errors by location tuple (`('lenses', 'sales', 'objections', 0,
'response')`); the document's span index turns that into the position of the offending value,
of the unknown key, or (for a missing field) of the parent key that lacks it.
"""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from persona_cli.domain import load_problems as problems
from persona_cli.domain.model import QUOTE_OBJECT, QUOTE_TEXT, Persona
from persona_cli.domain.result import Finding
from persona_cli.io.yaml_read import DataPath, Document

_UNION_TAGS = frozenset({QUOTE_TEXT, QUOTE_OBJECT})
M = TypeVar("M", bound=BaseModel)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside `X | None`, `list[X]` or `Annotated[X, ...]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


def _all_fields(model: type[BaseModel], where: DataPath) -> list[DataPath]:
    """Every field path in the model tree (list items are not indexed)."""
    found: list[DataPath] = []
    for name, info in model.model_fields.items():
        found.append((*where, name))
        inner = _model_in(info.annotation)
        if inner is not None and inner is not model:
            found.extend(_all_fields(inner, (*where, name)))
    return found


def _model_at(path: DataPath, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that validates the mapping at `path` (list indexes are skipped)."""
    model: type[BaseModel] | None = root
    for element in path:
        if isinstance(element, int) or model is None:
            continue
        info = model.model_fields.get(element)
        if info is None:
            return None
        model = _model_in(info.annotation)
    return model


def _dotted(path: DataPath) -> str:
    out = ""
    for element in path:
        out += f"[{element}]" if isinstance(element, int) else (f".{element}" if out else element)
    return out


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _whole(root: type[BaseModel]) -> str:
    return f"the {str(root.model_config.get('title') or root.__name__).lower()}"


def _unknown_key_message(path: DataPath, key: str, root: type[BaseModel]) -> str:
    parent = _dotted(path) or _whole(root)
    model = _model_at(path, root)
    known = sorted(model.model_fields) if model is not None else []
    message = f"unknown key '{key}' in {parent}"
    if path[:1] == ("add",) and all(isinstance(part, str) for part in path):
        # `add` mirrors the persona's lists only: a field that is not one is set directly.
        field = (*path[1:], key)
        if field in _all_fields(root, ()):
            return (
                f"{message}: '{_dotted(field)}' is not a list, and `add` appends to lists "
                f"only; set {_dotted(field)} in the persona itself"
            )
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean '{close[0]}'?"
    # Perhaps it was written at the wrong level: the same name (or a near miss) elsewhere.
    # (Not under `add`, which mirrors the persona's lists: the field itself is the home.)
    elsewhere = [
        field for field in _all_fields(root, ()) if field[:-1] != path and field[0] != "add"
    ]
    homes = [field for field in elsewhere if field[-1] == key]
    if homes:
        return f"{message}; '{key}' belongs under '{_dotted(homes[0][:-1])}'"
    by_name = {str(field[-1]): field for field in reversed(elsewhere)}
    close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.75)
    if close:
        return f"{message}; did you mean '{_dotted(by_name[close[0]])}'?"
    if known and len(known) <= 12:
        return f"{message}; expected one of: {', '.join(known)}"
    return f"{message}; remove it or check the spelling"


def _value_message(error_type: str, where: str, message: str, value: Any) -> str:
    if error_type == "string_type" and isinstance(value, int | float | bool):
        return f"{where}: expected text, got {_describe(value)}; quote it if it is text"
    if error_type == "string_pattern_mismatch":
        return (
            f"{where}: {_describe(value)} is not a slug; use lowercase letters, digits and "
            "hyphens, starting with a letter or digit"
        )
    if error_type in {"date_from_datetime_parsing", "date_parsing", "date_type"}:
        return f"{where}: expected a date as YYYY-MM-DD, got {_describe(value)}"
    if error_type == "list_type":
        return f"{where}: expected a list, got {_describe(value)}; write it as '- item' lines"
    if error_type in {"model_type", "model_attributes_type", "dict_type"}:
        return f"{where}: expected a mapping of fields, got {_describe(value)}"
    if error_type == "too_short":
        return f"{where}: must not be empty; list at least one item"
    if error_type == "value_error":
        return f"{where}: {message.removeprefix('Value error, ')}"
    if error_type in {"enum", "literal_error"}:
        # A file whose kind is not exactly `segment` is read as a persona: say segment exists.
        also = ", or 'segment' in a segment file" if where == "kind" else ""
        return (
            f"{where}: {_describe(value)} is not allowed; {message[0].lower()}{message[1:]}{also}"
        )
    return f"{where}: {message[0].lower()}{message[1:]} (got {_describe(value)})"


def validate(document: Document, display: str) -> tuple[Persona | None, list[Finding]]:
    """The persona, or None with one finding per validation error (sorted by position)."""
    return validate_as(document, display, Persona)


def validate_as(document: Document, display: str, model: type[M]) -> tuple[M | None, list[Finding]]:
    """`document` validated as `model` (a persona or a segment), or None with one finding
    per validation error (sorted by position)."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        findings = [
            _finding(document, display, item, model)
            for item in error.errors()
            if not _under(document.refused, _data_path(item["loc"]))
        ]
        unique = {(f.line, f.column, f.message): f for f in findings}
        return None, sorted(unique.values(), key=Finding.sort_key)


def _data_path(loc: tuple[str | int, ...]) -> DataPath:
    """Pydantic's error location without union tags: the path into the YAML data."""
    return tuple(element for element in loc if element not in _UNION_TAGS)


def _under(refused: frozenset[DataPath], loc: DataPath) -> bool:
    """True when `loc` is at or below a value the loader refused (already reported)."""
    return any(loc[: len(path)] == path for path in refused)


def _finding(document: Document, display: str, item: Any, root: type[BaseModel]) -> Finding:
    path = _data_path(item["loc"])
    error_type: str = item["type"]
    if error_type == "missing":
        parent, field = path[:-1], str(path[-1])
        if parent:
            line, column = document.locate_key(parent)
            message = f"{_dotted(parent)} is missing required field '{field}'"
        else:
            line, column = document.root
            message = f"missing required field '{field}'"
        return problems.MISSING_FIELD.finding(
            display, line, column, message, field_path=_dotted(path)
        )
    if error_type == "extra_forbidden":
        line, column = document.locate_key(path)
        return problems.UNKNOWN_KEY.finding(
            display,
            line,
            column,
            _unknown_key_message(path[:-1], str(path[-1]), root),
            field_path=_dotted(path),
        )
    line, column = document.locate(path)
    where = _dotted(path) or _whole(root)
    message = _value_message(error_type, where, str(item["msg"]), item.get("input"))
    return problems.INVALID_VALUE.finding(
        display, line, column, message, field_path=_dotted(path) or None
    )
