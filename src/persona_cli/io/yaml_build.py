"""Composed YAML nodes to plain data, checked as they are walked: the core of the reader.

`io.yaml_read` builds a document with every key's and value's location and turns each
problem into a finding; `plain_data` here is the same walk for a caller that wants a
persona's data only (`persona textconv`, which git runs once per blob, and the history
verbs): it answers without the finding and document machinery, and says None for a file
with any loading problem, which `yaml_read.load_text` then explains. The walk, the limits
and the refusals are these, once, for both.

Findings are made only when a file has a problem, so the modules that make them (the result
records, the loading codes) are imported there: a file that reads cleanly never needs them.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, NamedTuple

from ruamel.yaml.error import YAMLError

from persona_cli.io.yaml_compose import (
    ALLOWED_TAGS,
    BOOL,
    INT,
    MERGE,
    NULL,
    STR,
    TIMESTAMP,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    position,
    short_tag,
    tag_of,
)

if TYPE_CHECKING:
    from persona_cli.domain.result import Finding

#: Upper bound on nodes visited per file, aliases expanded. A complete persona has a few
#: hundred; a "billion laughs" file would have billions.
MAX_NODES = 100_000
#: Upper bound on nesting. A persona nests four or five levels; libyaml composes nodes
#: recursively (and slows down quadratically on deep flow nesting), so a file nested
#: thousands of levels deep would exhaust the stack instead of getting a finding.
MAX_DEPTH = 64
_BRACKETS = re.compile(r"[\[\]{}]")
#: A line whose leading spaces and `- `/`? ` indicators could open more than MAX_DEPTH blocks.
_DEEP_INDENT = re.compile(rf"^(?:[ ]|[-?][ ]){{{2 * MAX_DEPTH}}}", re.MULTILINE)

DataPath = tuple[str | int, ...]


class Span(NamedTuple):
    """1-based positions of a mapping key (if any) and of its value."""

    key_line: int
    key_column: int
    line: int
    column: int


class AliasLimit(Exception):
    """The walk stopped: aliases expand past MAX_NODES, or an alias contains itself."""

    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


class Builder:
    """Turns a composed node tree into plain data (and, with `locations`, spans), checking
    as it goes: duplicate keys (first value kept), refused tags and merge keys (the value
    dropped), keys that are not names; each one a finding in `findings`."""

    def __init__(self, path: str, *, locations: bool = True) -> None:
        self.locations = locations
        self.path = path
        self.findings: list[Finding] = []
        self.spans: dict[DataPath, Span] = {}
        self.budget = MAX_NODES
        self.active: set[int] = set()
        self.refused: set[DataPath] = set()

    def build(self, node: Node, where: DataPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise AliasLimit(
                node,
                f"alias expansion exceeds {MAX_NODES:,} nodes (an alias bomb?); "
                "write the repeated values out instead of using anchors and aliases",
            )
        tag = tag_of(node)
        if tag not in ALLOWED_TAGS:
            self._unsafe(node, f"the tag {short_tag(tag)}")
            self.refused.add(where)
            return None
        if isinstance(node, ScalarNode):
            return _scalar(node)
        marker = id(node)
        if marker in self.active:
            raise AliasLimit(node, "an alias refers to a value that contains it; remove it")
        self.active.add(marker)
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, where)
            if isinstance(node, SequenceNode):
                return self._sequence(node, where)
        finally:
            self.active.discard(marker)
        raise TypeError(f"unexpected YAML node {type(node).__name__}")  # pragma: no cover

    def _unsafe(self, node: Node, what: str) -> None:
        from persona_cli.domain.load_problems import UNSAFE_TAG

        line, column = position(node)
        self.findings.append(
            UNSAFE_TAG.finding(
                self.path,
                line,
                column,
                f"{what} is not allowed in persona files; use plain YAML values",
            )
        )

    def _mapping(self, node: MappingNode, where: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if tag_of(key_node) == MERGE:
                self._unsafe(key_node, "a merge key (<<)")
                self.refused.add(where)
                continue
            if not isinstance(key_node, ScalarNode):
                from persona_cli.domain.load_problems import NOT_A_MAPPING

                line, column = position(key_node)
                self.findings.append(
                    NOT_A_MAPPING.finding(
                        self.path,
                        line,
                        column,
                        "mapping keys must be plain names, not lists or mappings",
                    )
                )
                continue
            key: str = key_node.value
            if key in result:
                from persona_cli.domain.load_problems import DUPLICATE_KEY

                key_line, key_column = position(key_node)
                where_first = f" (first defined at line {_first_line(node, key)})"
                self.findings.append(
                    DUPLICATE_KEY.finding(
                        self.path,
                        key_line,
                        key_column,
                        f"duplicate key '{key}'{where_first}; merge the two entries",
                    )
                )
                continue
            child = (*where, key)
            if self.locations:
                key_line, key_column = position(key_node)
                line, column = position(value_node)
                self.spans[child] = Span(key_line, key_column, line, column)
            result[key] = self.build(value_node, child)
        return result

    def _sequence(self, node: SequenceNode, where: DataPath) -> list[Any]:
        result: list[Any] = []
        for index, item in enumerate(node.value):
            child = (*where, index)
            if self.locations:
                line, column = position(item)
                self.spans[child] = Span(line, column, line, column)
            result.append(self.build(item, child))
        return result


def _first_line(node: MappingNode, key: str) -> int:
    """The line of the first `key` of a mapping, found from the nodes (only for a
    duplicate, so the read without spans says it too)."""
    for key_node, _ in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return position(key_node)[0]
    return position(node)[0]  # pragma: no cover - the duplicate's first is always there


def _scalar(node: ScalarNode) -> Any:
    tag = tag_of(node)
    value: str = node.value
    if tag in (STR, TIMESTAMP):
        # Dates stay text: the model parses them, and a date-looking name stays a name.
        return value
    if tag == NULL:
        return None
    if tag == BOOL:
        return value.lower() == "true"
    if tag == INT:
        return _to_int(value)
    return _to_float(value)


def _to_int(text: str) -> int | str:
    cleaned = text.replace("_", "")
    try:
        return int(cleaned, 0)
    except ValueError:
        try:
            return int(cleaned, 10)  # "012" is 12 in YAML 1.2, a SyntaxError for int(x, 0)
        except ValueError:
            return text


def _to_float(text: str) -> float | str:
    cleaned = text.replace("_", "").lower()
    if cleaned in {".inf", "+.inf"}:
        return math.inf
    if cleaned == "-.inf":
        return -math.inf
    if cleaned == ".nan":
        return math.nan
    try:
        return float(cleaned)
    except ValueError:
        return text


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where nesting passes MAX_DEPTH, found without parsing; else None.

    Brackets inside quoted text count too, which only matters for text holding dozens of
    unclosed brackets."""
    at: int | None = None
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = 0
        for match in _BRACKETS.finditer(text):
            depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
            if depth > MAX_DEPTH:
                at = match.start()
                break
    if at is None:
        indent = _DEEP_INDENT.search(text)
        if indent is None:
            return None
        at = indent.end()
    line_start = text.rfind("\n", 0, at) + 1
    return text.count("\n", 0, at) + 1, at - line_start + 1


def plain_data(text: str, path: str) -> dict[str, Any] | None:
    """The data of a persona file's text when it reads cleanly, else None: the steps of
    `yaml_read.load_text` without locations, None wherever that one makes a finding (too
    deep, not YAML, not a mapping, an alias bomb, any finding of the walk), so a caller
    asks `load_text` why only for a file that has a problem."""
    if too_deep(text) is not None:
        return None
    try:
        root = compose(text)
    except YAMLError:
        return None
    if not isinstance(root, MappingNode):
        return None
    builder = Builder(path, locations=False)
    try:
        data: dict[str, Any] = builder.build(root, ())
    except AliasLimit:
        return None
    return None if builder.findings else data
