"""The only module that imports ruamel.yaml.

Read path: the C extension (libyaml via `_ruamel_yaml.CParser`) scans, parses and composes a
node tree; this module walks the nodes once to build plain Python data *and* an index of the
line and column of every key and value. No round-trip mode on read: it is several times
slower and locations come from the nodes anyway.

The walk is also where the file is made safe: duplicate keys are reported (first value
kept), tags other than the plain data types are refused, and alias expansion is bounded.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _ruamel_yaml
from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.resolver import VersionedResolver

from persona_cli.result import Finding
from persona_cli.rules import loading

#: Which parser reads persona files; a test asserts it is the C one.
PARSER_BACKEND = "libyaml"

DEFAULT_MAX_BYTES = 1024 * 1024
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

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    _TAG + "str",
    _TAG + "int",
    _TAG + "float",
    _TAG + "bool",
    _TAG + "null",
    _TAG + "timestamp",
)
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"
_ALLOWED_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _MAP, _SEQ})


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """ruamel's YAML 1.2 implicit resolvers, by first character, with plain-string tags."""
    table = VersionedResolver().versioned_resolver  # no loader: the default version, 1.2
    anywhere = [(str(tag), regexp) for tag, regexp in table.get(None, [])]
    return {
        first: [(str(tag), regexp) for tag, regexp in entries] + anywhere
        for first, entries in table.items()
        if first is not None
    }


_IMPLICIT = _implicit_resolvers()


class Node:
    """A node as libyaml's composer builds it, without ruamel's per-node `Tag` object.

    ruamel's own node classes wrap every tag in a `Tag` and render it back to text on each
    access, which was a quarter of the load time. The C composer creates nodes through the
    names `ScalarNode`, `SequenceNode` and `MappingNode` in its module, so `_compose` puts
    these classes there for the duration of one parse (and only then: a round-trip load
    elsewhere still gets ruamel's)."""

    __slots__ = ("anchor", "comment", "end_mark", "start_mark", "style", "tag", "value")

    def __init__(
        self,
        tag: str,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        self.tag = tag
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.style = style
        self.comment = comment
        self.anchor = anchor


class ScalarNode(Node):
    __slots__ = ()


class SequenceNode(Node):
    __slots__ = ()


class MappingNode(Node):
    __slots__ = ()


_DEFAULT_TAGS: dict[type[Node], str] = {
    ScalarNode: _STR,
    SequenceNode: _SEQ,
    MappingNode: _MAP,
}
_NODE_CLASSES = {"ScalarNode": ScalarNode, "SequenceNode": SequenceNode, "MappingNode": MappingNode}


class _Loader(CParser):  # type: ignore[misc]
    """libyaml's scanner, parser and composer with YAML 1.2 resolution (no `yes`/`no`
    booleans). `resolve` stands in for ruamel's resolver, which re-derives the YAML version
    on every scalar and was most of the load time; the rules it applies are ruamel's own
    (`_IMPLICIT`), and the composer needs nothing else from a resolver."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)

    # Path-based resolvers are not used: nothing to track while descending.
    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            assert value is not None
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _DEFAULT_TAGS[kind]


@dataclass(frozen=True, slots=True)
class Span:
    """1-based positions of a mapping key (if any) and of its value."""

    key_line: int
    key_column: int
    line: int
    column: int


@dataclass(slots=True)
class Document:
    """Plain data of one file plus where every key and value sits in it."""

    data: dict[str, Any]
    spans: dict[DataPath, Span] = field(default_factory=dict)
    #: Where the top-level mapping starts (its first key), for findings about the whole file.
    root: tuple[int, int] = (1, 1)
    #: Values dropped because they were refused (unsafe tags); checks skip these paths.
    refused: frozenset[DataPath] = frozenset()

    def locate(self, path: DataPath) -> tuple[int, int]:
        """Line and column of the value at `path`, else of its nearest existing ancestor."""
        for end in range(len(path), 0, -1):
            span = self.spans.get(path[:end])
            if span is not None:
                return span.line, span.column
        return self.root

    def locate_key(self, path: DataPath) -> tuple[int, int]:
        """Line and column of the key at `path` (for a list item, the item itself)."""
        for end in range(len(path), 0, -1):
            span = self.spans.get(path[:end])
            if span is not None:
                return span.key_line, span.key_column
        return self.root


@dataclass(slots=True)
class Loaded:
    """What reading one file gave: a document (unless it could not be read) and problems."""

    document: Document | None
    findings: list[Finding]
    #: The decoded text, when the file could be decoded (suppression comments live in it).
    text: str | None = None


class _AliasLimit(Exception):
    def __init__(self, node: Node, message: str) -> None:
        super().__init__(message)
        self.node = node


class _Builder:
    """Turns a composed node tree into plain data and spans, checking as it goes."""

    def __init__(self, path: str, lines: list[str], *, locations: bool = True) -> None:
        self.locations = locations
        self.path = path
        self.lines = lines
        self.findings: list[Finding] = []
        self.spans: dict[DataPath, Span] = {}
        self.budget = MAX_NODES
        self.active: set[int] = set()
        self.refused: set[DataPath] = set()

    def build(self, node: Node, where: DataPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _AliasLimit(
                node,
                f"alias expansion exceeds {MAX_NODES:,} nodes (an alias bomb?); "
                "write the repeated values out instead of using anchors and aliases",
            )
        tag = _tag(node)
        if tag not in _ALLOWED_TAGS:
            self._unsafe(node, f"the tag {_short_tag(tag)}")
            self.refused.add(where)
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        marker = id(node)
        if marker in self.active:
            raise _AliasLimit(node, "an alias refers to a value that contains it; remove it")
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
        line, column = _position(node)
        self.findings.append(
            loading.UnsafeTag.finding(
                self.path,
                line,
                column,
                f"{what} is not allowed in persona files; use plain YAML values",
            )
        )

    def _scalar(self, node: ScalarNode) -> Any:
        tag = _tag(node)
        value: str = node.value
        if tag in (_STR, _TIMESTAMP):
            # Dates stay text: the model parses them, and a date-looking name stays a name.
            return value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return value.lower() == "true"
        if tag == _INT:
            return _to_int(value)
        return _to_float(value)

    def _mapping(self, node: MappingNode, where: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if _tag(key_node) == _MERGE:
                self._unsafe(key_node, "a merge key (<<)")
                self.refused.add(where)
                continue
            if not isinstance(key_node, ScalarNode):
                line, column = _position(key_node)
                self.findings.append(
                    loading.NotAMapping.finding(
                        self.path,
                        line,
                        column,
                        "mapping keys must be plain names, not lists or mappings",
                    )
                )
                continue
            key: str = key_node.value
            key_line, key_column = _position(key_node)
            if key in result:
                first = self.spans.get((*where, key))
                where_first = f" (first defined at line {first.key_line})" if first else ""
                self.findings.append(
                    loading.DuplicateKey.finding(
                        self.path,
                        key_line,
                        key_column,
                        f"duplicate key '{key}'{where_first}; merge the two entries",
                    )
                )
                continue
            child = (*where, key)
            if self.locations:
                line, column = _position(value_node)
                self.spans[child] = Span(key_line, key_column, line, column)
            result[key] = self.build(value_node, child)
        return result

    def _sequence(self, node: SequenceNode, where: DataPath) -> list[Any]:
        result: list[Any] = []
        for index, item in enumerate(node.value):
            child = (*where, index)
            if self.locations:
                line, column = _position(item)
                self.spans[child] = Span(line, column, line, column)
            result.append(self.build(item, child))
        return result


def _tag(node: Node) -> str:
    return node.tag or ""


def _compose(text: str) -> Node | None:
    """libyaml scans, parses and composes `text` into our light nodes."""
    saved = {name: getattr(_ruamel_yaml, name) for name in _NODE_CLASSES}
    for name, cls in _NODE_CLASSES.items():
        setattr(_ruamel_yaml, name, cls)
    try:
        root: Node | None = _Loader(text).get_single_node()
    finally:
        for name, cls in saved.items():
            setattr(_ruamel_yaml, name, cls)
    return root


def _position(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _short_tag(tag: str | None) -> str:
    tag = tag or "!"
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag


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


def code_frame(lines: list[str], line: int, column: int, *, around: int = 2) -> str:
    """Source lines around `line` with a caret under `column` (both 1-based)."""
    first = max(1, line - around)
    last = min(len(lines), line)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        out.append(f"{number:>{width}} | {lines[number - 1]}")
    if 1 <= line <= len(lines) or not lines:
        out.append(f"{'':>{width}} | {' ' * max(column - 1, 0)}^")
    return "\n".join(out)


def _decode(raw: bytes, path: str) -> str | Finding:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        head = raw[:start]
        line = head.count(b"\n") + 1
        column = start - (head.rfind(b"\n") + 1) + 1
        return loading.NotUtf8.finding(
            path,
            line,
            column,
            f"byte 0x{raw[start]:02X} is not valid UTF-8; re-save the file as UTF-8",
        )


def load_text(text: str, path: str, *, locations: bool = True) -> Loaded:
    """Parse one document of YAML text into data and spans, or findings explaining why not.

    `locations=False` skips the span index, for callers that compare content only (diff,
    history); findings still carry the line and column of the node at fault."""
    lines = text.splitlines()
    deep = _too_deep(text)
    if deep is not None:
        return Loaded(
            None,
            [
                loading.YamlSyntax.finding(
                    path,
                    *deep,
                    f"values nest more than {MAX_DEPTH} levels deep; a persona needs a few "
                    "levels, so flatten the structure",
                )
            ],
        )
    try:
        root = _compose(text)
    except MarkedYAMLError as error:
        return Loaded(None, [_syntax_finding(error, path, lines)])
    except YAMLError as error:  # pragma: no cover - libyaml reports marks for all we know of
        return Loaded(None, [loading.YamlSyntax.finding(path, 1, 1, str(error))])
    if root is None:
        return Loaded(
            None,
            [loading.EmptyFile.finding(path, 1, 1, "the file is empty; add the persona's fields")],
        )
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, column = _position(root)
        return Loaded(
            None,
            [
                loading.NotAMapping.finding(
                    path,
                    line,
                    column,
                    f"the file holds {kind}; a persona file must be a mapping of fields "
                    "(id: ..., name: ...)",
                )
            ],
        )
    builder = _Builder(path, lines, locations=locations)
    try:
        data = builder.build(root, ())
    except _AliasLimit as error:
        line, column = _position(error.node)
        return Loaded(
            None,
            [*builder.findings, loading.AliasExpansion.finding(path, line, column, str(error))],
        )
    document = Document(data, builder.spans, _position(root), frozenset(builder.refused))
    return Loaded(document, builder.findings)


def _too_deep(text: str) -> tuple[int, int] | None:
    """Line and column where nesting passes MAX_DEPTH, found without parsing; else None.

    Brackets inside quoted text count too, which only matters for text holding dozens of
    unclosed brackets."""
    position: int | None = None
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = 0
        for match in _BRACKETS.finditer(text):
            depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
            if depth > MAX_DEPTH:
                position = match.start()
                break
    if position is None:
        indent = _DEEP_INDENT.search(text)
        if indent is None:
            return None
        position = indent.end()
    line_start = text.rfind("\n", 0, position) + 1
    return text.count("\n", 0, position) + 1, position - line_start + 1


def _syntax_finding(error: MarkedYAMLError, path: str, lines: list[str]) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = str(error.problem or "invalid YAML")
    if error.context == "expected a single document in the stream":
        return loading.MultipleDocuments.finding(
            path,
            line,
            column,
            "a second YAML document starts here; one file holds one persona, "
            "so move it to its own file",
        )
    message = f"{problem} {error.context}" if error.context else problem
    context_mark = error.context_mark
    if context_mark is not None and mark is not None and context_mark.line != mark.line:
        message = f"{message} (started at line {context_mark.line + 1})"
    at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if "tab" in problem or at == "\t":
        message += "; indent with spaces, not tabs"
    if lines and line > len(lines):
        # libyaml reports end-of-input one line past the end; point at the last line instead.
        line, column = len(lines), len(lines[-1]) + 1
    return loading.YamlSyntax.finding(
        path, line, column, message, context=code_frame(lines, line, column)
    )


def load_file(file: Path, display: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read, decode and parse one file. `display` is the path shown in findings."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return Loaded(
                None,
                [
                    loading.FileTooLarge.finding(
                        display,
                        1,
                        1,
                        f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                        "a persona file should be a page of text",
                    )
                ],
            )
        raw = file.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        if file.is_symlink() and not file.exists():
            reason = f"it is a broken symbolic link to {file.readlink()}; fix or remove the link"
        return Loaded(
            None, [loading.YamlSyntax.finding(display, 1, 1, f"cannot read the file: {reason}")]
        )
    text = _decode(raw, display)
    if isinstance(text, Finding):
        return Loaded(None, [text])
    loaded = load_text(text, display)
    loaded.text = text
    return loaded
