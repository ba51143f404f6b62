"""The only module that imports ruamel.yaml.

Read path: the C extension (libyaml via `_ruamel_yaml.CParser`) scans, parses and composes a
node tree; this module walks the nodes once to build plain Python data *and* an index of the
line and column of every key and value. No round-trip mode on read: it is several times
slower and locations come from the nodes anyway.

The walk is also where the file is made safe: duplicate keys are reported (first value
kept), tags other than the plain data types are refused, and alias expansion is bounded.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import _ruamel_yaml
from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from persona_cli.domain.hidden import name as hidden_name
from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import Finding
from persona_cli.lint.rules import loading

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
    elsewhere still gets ruamel's).

    That module is private, so ruamel.yaml and ruamel.yaml.clib are pinned to exact versions
    and tests/test_library_canaries.py checks, on every run, that the names exist and that the
    composer really builds these classes; `_SWAP` makes the swap one parse at a time. The
    public alternative, composing from the parser's own events (`CParser.get_event`), builds
    the same trees but was a third slower to compose (a fifth per file read): every event is
    a Python object built through three `__init__` calls."""

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
#: Held while our classes are in `_ruamel_yaml`: two threads parsing at once would otherwise
#: restore each other's classes mid-parse (the names are process-wide).
_SWAP = threading.Lock()


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

    @property
    def problem(self) -> Finding | None:
        """Why the file is unreadable, or None when it was read cleanly.

        The one rule every command follows: any loader finding (a duplicate key, a refused
        tag, an alias bomb, bad encoding, a special file...) makes the file unreadable, even
        when a document could be built, so no command shows a value the file does not hold
        unambiguously. `persona lint` alone goes on to check such a document."""
        if not self.findings:
            return None
        return min(self.findings, key=lambda found: (found.line, found.column))


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
                where_first = f" (first defined at line {self._first_line(node, key)})"
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

    @staticmethod
    def _first_line(node: MappingNode, key: str) -> int:
        """The line of the first `key` of a mapping, found from the nodes (only for a
        duplicate, so the read without spans says it too)."""
        for key_node, _ in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return _position(key_node)[0]
        return _position(node)[0]  # pragma: no cover - the duplicate's first is always there

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
    with _SWAP:
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
    """Source lines around `line` with a caret under `column` (both 1-based). Hidden
    characters show as `<U+202E>` (one could make the line read otherwise), and the caret
    moves with them."""
    first = max(1, line - around)
    last = min(len(lines), line)
    width = len(str(last))
    out = []
    for number in range(first, last + 1):
        out.append(f"{number:>{width}} | {reveal(lines[number - 1])}")
    if 1 <= line <= len(lines) or not lines:
        before = lines[line - 1][: max(column - 1, 0)] if lines else ""
        out.append(f"{'':>{width}} | {' ' * len(reveal(before))}^")
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
    except ReaderError as error:
        return Loaded(None, [_refused_character(error, text, path, lines)])
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


def _refused_character(error: ReaderError, text: str, path: str, lines: list[str]) -> Finding:
    """A character YAML does not allow at all (a control character), where it is: libyaml
    stops at its first occurrence and reports a byte offset, so the character is looked up
    instead."""
    char = chr(error.character) if isinstance(error.character, int) else ""
    index = text.find(char) if char else -1
    if index < 0:  # pragma: no cover - libyaml names the character it stopped at
        return loading.YamlSyntax.finding(path, 1, 1, " ".join(str(error).split()))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return loading.YamlSyntax.finding(
        path,
        line,
        column,
        f"{hidden_name(char)} is not allowed in YAML ({error.reason}); delete it",
        context=code_frame(lines, line, column),
    )


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


#: What `stat` calls each kind of file that is not a regular one, for findings.
_SPECIAL_KINDS: tuple[tuple[Any, str], ...] = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)
#: Opening never waits for a writer (a FIFO swapped in after the check) and never leaks.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _special(display: str, mode: int) -> Finding:
    kind = next((name for test, name in _SPECIAL_KINDS if test(mode)), "not a regular file")
    return loading.SpecialFile.finding(
        display,
        1,
        1,
        f"the path is {kind}, not a regular file; only regular files are read, "
        "so move it out of the personas folder",
    )


def _os_finding(file: Path, display: str, error: OSError) -> Finding:
    """The finding for a path the system refuses: a symlink loop (Y011), else Y001."""
    if error.errno == errno.ELOOP:
        return loading.SymlinkLoop.finding(
            display,
            1,
            1,
            "the path is a symbolic link loop (it leads back to itself); "
            "point the link at a file or remove it",
        )
    reason = error.strerror or str(error)
    if file.is_symlink() and not file.exists():
        reason = f"it is a broken symbolic link to {file.readlink()}; fix or remove the link"
    return loading.YamlSyntax.finding(display, 1, 1, f"cannot read the file: {reason}")


def path_problem(file: Path, display: str) -> Finding | None:
    """Why `file` is not a regular file to read (Y010 special file, Y011 symlink loop, Y001
    for anything else the system refuses), or None. Never opens the file."""
    try:
        info = file.stat()
    except OSError as error:
        return _os_finding(file, display, error)
    return None if stat.S_ISREG(info.st_mode) else _special(display, info.st_mode)


def read_regular(
    file: Path, display: str, *, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> bytes | Finding:
    """The bytes of `file`, read only when it is a regular file (checked before opening
    and again on the open descriptor, so a FIFO swapped in meanwhile cannot block the read),
    else the finding that says why not. `max_bytes=None` reads any size."""
    problem = path_problem(file, display)
    if problem is not None:
        return problem
    try:
        handle = os.open(file, _READ_FLAGS)
    except OSError as error:
        return _os_finding(file, display, error)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return _special(display, info.st_mode)
        limit = None if max_bytes is None else max_bytes + 1
        if max_bytes is not None and info.st_size > max_bytes:
            return _too_large(display, info.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while limit is None or total < limit:
            chunk = os.read(handle, 1 << 16 if limit is None else min(1 << 16, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if max_bytes is not None and total > max_bytes:  # it grew while being read
            return _too_large(display, total, max_bytes)
        return b"".join(chunks)
    except OSError as error:
        return _os_finding(file, display, error)
    finally:
        os.close(handle)


def _too_large(display: str, size: int, max_bytes: int) -> Finding:
    return loading.FileTooLarge.finding(
        display,
        1,
        1,
        f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
        "a persona file should be a page of text",
    )


def load_file(file: Path, display: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read, decode and parse one file. `display` is the path shown in findings."""
    raw = read_regular(file, display, max_bytes=max_bytes)
    if isinstance(raw, Finding):
        return Loaded(None, [raw])
    text = _decode(raw, display)
    if isinstance(text, Finding):
        return Loaded(None, [text])
    loaded = load_text(text, display)
    loaded.text = text
    return loaded


# --- Round trip: edits that keep what the author wrote -------------------------------------------
#
# The read path above throws comments away. Commands that rewrite a file (`persona fmt`,
# `persona review`) load it again in ruamel's round-trip mode, which keeps comments, key order,
# quoting and blank lines, and dump it in the house style of `examples/personas/`. They always
# run `load_text` first: a file with loading findings is reported, never rewritten.
#
# `outline` and `comments` describe a text's layout (which lines each key and value take, where
# each comment is) from the same libyaml nodes the read path uses, so edits can move whole
# lines and then check that no comment went missing.

#: The house style: 2-space mappings, list dashes indented 2 under their key, no re-wrapping.
ROUNDTRIP_INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
ROUNDTRIP_WIDTH = 1 << 30
MODELINE_PREFIX = "# yaml-language-server:"

_DOCUMENT_START = re.compile(r"---(?:[ \t]+#.*)?[ \t]*")
_DOCUMENT_END = re.compile(r"\.\.\.(?:[ \t]+#.*)?[ \t]*")
_BLOCK_HEADER = re.compile(r"[|>]([1-9+-]*)")


@dataclass(frozen=True, slots=True)
class TextForm:
    """How a file's text sits on disk (byte-order mark, line ending), restored on write."""

    bom: bool = False
    newline: str = "\n"


def decode_for_edit(raw: bytes, path: str) -> tuple[str, TextForm] | Finding:
    """The text with `\\n` line endings and the form to restore, or the Y006 finding."""
    text = _decode(raw, path)
    if isinstance(text, Finding):
        return text
    crlf = text.count("\r\n")
    newline = "\r\n" if crlf and crlf * 2 >= text.count("\n") else "\n"
    if "\r" in text and "\n" not in text:
        newline = "\r"  # old Mac line endings: kept as they are (lint's Q006 says why not)
    # A lone CR ends a line for YAML too: as `\n`, the lines counted here are the parser's.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, TextForm(raw.startswith(b"\xef\xbb\xbf"), newline)


def encode_form(text: str, form: TextForm) -> str:
    """`text` (with `\\n` endings) in the file's own form again."""
    if form.newline != "\n":
        text = text.replace("\n", form.newline)
    return ("\ufeff" if form.bom else "") + text


@dataclass(slots=True)
class RoundTrip:
    """A document loaded for editing: ruamel's commented data, plus the lines before a `---`
    and from a `...` marker, which ruamel would drop and are kept verbatim instead."""

    data: Any
    preamble: str = ""
    postamble: str = ""


def _split_markers(text: str) -> tuple[str, str, str]:
    lines = text.splitlines(keepends=True)
    start = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "%")):
            continue
        if _DOCUMENT_START.fullmatch(line.rstrip("\n")):
            start = index + 1
        break
    end = len(lines)
    for index in range(start, len(lines)):
        if _DOCUMENT_END.fullmatch(lines[index].rstrip("\n")):
            end = index
            break
    return "".join(lines[:start]), "".join(lines[start:end]), "".join(lines[end:])


def _roundtrip_yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.indent(**ROUNDTRIP_INDENT)
    yaml.width = ROUNDTRIP_WIDTH
    yaml.preserve_quotes = True
    return yaml


class RoundTripError(Exception):
    """ruamel's round-trip parser refused text that libyaml read (tabs it does not accept
    as separators, mostly); line and column are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def roundtrip_load(text: str) -> RoundTrip:
    """Load text that `load_text` accepted, keeping comments, order and quoting."""
    preamble, body, postamble = _split_markers(text)
    try:
        data = _roundtrip_yaml().load(body)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = preamble.count("\n")
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
        problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
        if "\t" in problem or "'\\t'" in problem:
            problem += "; replace the tab with spaces (or quote the value)"
        raise RoundTripError(problem, line, column) from None
    return RoundTrip(data, preamble, postamble)


def roundtrip_dump(document: RoundTrip) -> str:
    """The document as text in the house style (a load and a dump with no edit in between
    give back a file written in that style byte for byte)."""
    import io

    stream = io.StringIO()
    _roundtrip_yaml().dump(document.data, stream)
    return document.preamble + stream.getvalue() + document.postamble


def dump_entries(values: dict[str, Any]) -> list[str]:
    """`key: value` lines for plain values in the house style, quoted where YAML needs it
    (a summary starting with `@` or holding `: `), dates as plain dates."""
    import io

    from ruamel.yaml.comments import CommentedMap

    stream = io.StringIO()
    _roundtrip_yaml().dump(CommentedMap(values), stream)
    return stream.getvalue().splitlines(keepends=True)


def block_style(data: Any) -> None:
    """Write flow collections (`[a, b]`, `{k: v}`) in block style, except those with comments
    inside, which ruamel could not place again. Empty ones stay `[]` and `{}`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def quiet(node: Any) -> bool:
        """No comment anywhere inside (the one after the closing bracket is fine)."""
        if not isinstance(node, CommentedMap | CommentedSeq):
            return True
        if node.ca.items or (node.ca.comment and any(node.ca.comment[1:])):
            return False
        children = node.values() if isinstance(node, CommentedMap) else node
        return all(
            quiet(child)
            and not (isinstance(child, CommentedMap | CommentedSeq) and child.ca.comment)
            for child in children
        )

    def convert(node: Any, comment_column: int) -> None:
        if not (isinstance(node, CommentedMap | CommentedSeq) and node.fa.flow_style()):
            return
        if len(node) and quiet(node):
            node.fa.set_block_style()
            after = node.ca.comment[0] if node.ca.comment else None
            if after is not None:  # the comment after `]` moves up behind the key
                after.column = comment_column
            for child in node.values() if isinstance(node, CommentedMap) else node:
                if isinstance(child, CommentedMap | CommentedSeq) and child.fa.flow_style():
                    child.fa.set_block_style()

    def visit(node: Any, column: int) -> None:
        """`column`: where a mapping's keys, or a list's dashes, will be written."""
        if isinstance(node, CommentedMap):
            for key, child in node.items():
                convert(child, column + len(str(key)) + 3)  # `key:` and two spaces
                visit(child, column + ROUNDTRIP_INDENT["mapping"])
        elif isinstance(node, CommentedSeq):
            for child in node:
                convert(child, 0)
                visit(child, column + 2)

    convert(data, 0)
    visit(data, 0)


def rebase_comments(data: Any) -> None:
    """Move full-line comments to the house indentation before a re-indenting dump.

    ruamel writes a full-line comment at the column it had in the source. A file indented
    by 4 spaces keeps its comments 4 deep while its keys move to 2, and a comment above a
    key then reads as the end of the previous value (and `persona fmt` moved it with that
    one). Each comment is placed at the new column of the level it sat at in the source:
    the outermost enclosing mapping or list whose column it shares, else the innermost one
    it is deeper than (keeping the extra indentation). Call before `block_style`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    def target(column: int, ladder: list[tuple[int, int]]) -> int:
        for source, out in ladder:
            if source == column:
                return out
        below = [(source, out) for source, out in ladder if source < column]
        if not below:
            return column
        source, out = below[-1]
        return out + column - source

    def move(token: Any, ladder: list[tuple[int, int]], *, first_is_full_line: bool) -> None:
        if not isinstance(token, CommentToken):
            return
        lines = token.value.split("\n")
        for index, line in enumerate(lines):
            stripped = line.lstrip(" ")
            if not stripped.startswith("#"):
                continue
            if index == 0:
                if first_is_full_line and stripped == line:
                    token.column = target(token.column, ladder)
            else:
                lines[index] = " " * target(len(line) - len(stripped), ladder) + stripped
        token.value = "\n".join(lines)

    def tokens(node: Any, ladder: list[tuple[int, int]]) -> None:
        comment = node.ca.comment
        if comment:
            move(comment[0], ladder, first_is_full_line=False)
            for token in comment[1] or []:
                move(token, ladder, first_is_full_line=True)
        for slots in node.ca.items.values():
            for position, slot in enumerate(slots):
                for token in slot if isinstance(slot, list) else [slot]:
                    full = isinstance(slot, list) or (
                        position == 1 if isinstance(node, CommentedSeq) else position == 3
                    )
                    move(token, ladder, first_is_full_line=full)
        for token in node.ca.end or []:
            move(token, ladder, first_is_full_line=True)

    seen: set[int] = set()

    def visit(node: Any, out: int, ladder: list[tuple[int, int]]) -> None:
        if not isinstance(node, CommentedMap | CommentedSeq) or node.fa.flow_style():
            return
        if id(node) in seen:  # an alias: its comments were moved where it was defined
            return
        seen.add(id(node))
        ladder = [*ladder, (node.lc.col, out)]
        tokens(node, ladder)
        if isinstance(node, CommentedMap):
            for child in node.values():  # a list's dashes go where a mapping's keys would
                visit(child, out + ROUNDTRIP_INDENT["mapping"], ladder)
        else:
            for child in node:
                visit(child, out + 2, ladder)

    visit(data, 0, [])


def settle_comments(data: Any) -> None:
    """Keep comments after a block scalar (`|`, `>`) out of it when the dump re-indents.

    ruamel writes a full-line comment at the column it had in the source. When the house
    style indents less than the source did, a comment that followed a block scalar could
    land at or past the scalar's new indentation and become part of its text. Such comments
    are moved left to the key's (or the list dash's) column."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    blocks = (LiteralScalarString, FoldedScalarString)

    def clamp(token: Any, column: int) -> None:
        if token is None or isinstance(token, list):
            return
        lines = token.value.split("\n")
        for index, line in enumerate(lines):
            stripped = line.lstrip(" ")
            if index == 0 and stripped == line and line.startswith("#"):
                token.column = min(token.column, column)
            elif stripped.startswith("#") and len(line) - len(stripped) > column:
                lines[index] = " " * column + stripped
        token.value = "\n".join(lines)

    def visit(node: Any, column: int) -> None:
        if isinstance(node, CommentedMap) and not node.fa.flow_style():
            for key, value in node.items():
                if isinstance(value, blocks):
                    for token in node.ca.items.get(key, [])[2:]:
                        clamp(token, column)
                visit(value, column + ROUNDTRIP_INDENT["mapping"])
        elif isinstance(node, CommentedSeq) and not node.fa.flow_style():
            dash = column + ROUNDTRIP_INDENT["offset"] - ROUNDTRIP_INDENT["mapping"]
            for index, item in enumerate(node):
                if isinstance(item, blocks):
                    clamp(node.ca.items.get(index, [None])[0], dash)
                visit(item, dash + 2)

    visit(data, 0)


@dataclass(frozen=True, slots=True)
class Outline:
    """Where one node sits in a text (0-based lines and columns), for line-level edits.

    `last_line` is the last line holding the node's own content: trailing blank lines of a
    block scalar and comments after it are not part of it (unless the scalar keeps them,
    `|+`). `entries` are a block mapping's (key, key line, key column, value); `items` a
    block sequence's values."""

    kind: str  # "map", "seq" (block style), "flow", "scalar"
    line: int
    column: int
    last_line: int
    end_column: int = 0
    entries: tuple[tuple[str, int, int, Outline], ...] = ()
    items: tuple[Outline, ...] = ()
    #: False when a key is not a plain scalar or a merge key: leave the mapping's order alone.
    plain_keys: bool = True
    #: A plain scalar with nothing written (`key:`).
    empty: bool = False


@dataclass(frozen=True, slots=True)
class Layout:
    """A text's outline, whether any node is reused through an alias, and its comments."""

    root: Outline
    aliases: bool
    comments: tuple[tuple[int, int, str], ...]


def layout(text: str) -> Layout:
    """The outline and comments of text that `load_text` accepted (one mapping document)."""
    root = _compose(text)
    if root is None:
        raise ValueError("no document")
    reader = _LayoutReader(text.split("\n"))
    outline = reader.walk(root)
    return Layout(outline, reader.aliases, tuple(reader.comments()))


class _LayoutReader:
    """One walk over the composed nodes: outlines, and where scalars sit (a `#` inside a
    scalar is text, not a comment)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.seen: set[int] = set()
        self.aliases = False
        #: line -> column ranges taken by scalars; lines wholly inside a scalar.
        self.masks: dict[int, list[tuple[int, int]]] = {}
        self.whole: set[int] = set()

    def _mask(self, node: Node) -> None:
        start, end = node.start_mark, node.end_mark
        if node.style in ("|", ">"):
            self.whole.update(range(start.line + 1, end.line + (1 if end.column else 0)))
        elif start.line == end.line:
            self.masks.setdefault(start.line, []).append((start.column, end.column))
        else:
            self.masks.setdefault(start.line, []).append((start.column, 1 << 30))
            self.whole.update(range(start.line + 1, end.line))
            self.masks.setdefault(end.line, []).append((0, end.column))

    def _last_of_block_scalar(self, node: Node) -> int:
        end = node.end_mark
        last: int = end.line - (0 if end.column else 1)
        header = _BLOCK_HEADER.match(self.lines[node.start_mark.line], node.start_mark.column)
        if header is None or "+" not in header.group(1):
            while last > node.start_mark.line and not self.lines[last].strip():
                last -= 1
        return last

    def walk(self, node: Node) -> Outline:
        if id(node) in self.seen:
            self.aliases = True
        self.seen.add(id(node))
        start = node.start_mark
        if isinstance(node, ScalarNode):
            self._mask(node)
            if node.style in ("|", ">"):
                return Outline("scalar", start.line, start.column, self._last_of_block_scalar(node))
            end = node.end_mark
            empty = not node.value and not node.style
            return Outline("scalar", start.line, start.column, end.line, end.column, empty=empty)
        if node.style:  # flow style
            for child in _children(node):
                self.walk(child)
            end = node.end_mark
            return Outline("flow", start.line, start.column, end.line, end.column)
        if isinstance(node, SequenceNode):
            items = tuple(self.walk(item) for item in node.value)
            last = max((item.last_line for item in items), default=start.line)
            return Outline("seq", start.line, start.column, last, items=items)
        entries: list[tuple[str, int, int, Outline]] = []
        plain = True
        last = start.line
        for key, value in node.value:
            key_outline = self.walk(key)
            value_outline = self.walk(value)
            if not isinstance(key, ScalarNode) or _tag(key) == _MERGE:
                plain = False
            text_key = key.value if isinstance(key, ScalarNode) else ""
            entries.append((text_key, key_outline.line, key_outline.column, value_outline))
            end_line = key_outline.line if value_outline.empty else value_outline.last_line
            last = max(last, end_line, key_outline.last_line)
        return Outline(
            "map", start.line, start.column, last, entries=tuple(entries), plain_keys=plain
        )

    def comments(self) -> list[tuple[int, int, str]]:
        """(line, column, text) of every comment, 0-based."""
        found: list[tuple[int, int, str]] = []
        for number, line in enumerate(self.lines):
            if number in self.whole or "#" not in line:
                continue
            spans = self.masks.get(number, [])
            position = line.find("#")
            while position >= 0:
                inside = any(low <= position < high for low, high in spans)
                if not inside and (position == 0 or line[position - 1] in " \t"):
                    found.append((number, position, line[position:].rstrip()))
                    break
                position = line.find("#", position + 1)
        return found


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def double_quoted(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of each double-quoted scalar of `text`, as character offsets
    with the quotes, and the value its escapes decode to; as far as the text scans. Only
    libyaml's scanner runs: no document is built."""
    found: list[tuple[int, int, str]] = []
    scanner = CParser(text)
    try:
        while (token := scanner.get_token()) is not None:
            if getattr(token, "style", None) == '"':
                found.append((token.start_mark.index, token.end_mark.index, token.value))
    except YAMLError:
        pass  # the loader reports the syntax error; what scanned before it is kept
    return found
