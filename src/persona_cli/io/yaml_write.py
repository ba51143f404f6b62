"""Writing new YAML documents in the house style (for files persona-cli creates whole,
such as `persona import`'s personas): the round-trip dumper of `yaml_edit`, with text of
several lines written as a literal block (`|`) so it reads as the source wrote it."""

from __future__ import annotations

from typing import Any


def _blocks(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _blocks(item)
        return mapping
    if isinstance(value, list):
        return CommentedSeq([_blocks(item) for item in value])
    if isinstance(value, str) and "\n" in value and value == value.strip() and "\t" not in value:
        return LiteralScalarString(value)
    return value


def dump_document(data: dict[str, Any]) -> str:
    """`data` (plain mappings, lists, text, numbers, dates) as block-style YAML text."""
    import io

    from persona_cli.io.yaml_edit import _roundtrip_yaml

    stream = io.StringIO()
    _roundtrip_yaml().dump(_blocks(data), stream)
    return stream.getvalue()
