"""Reading persona files: plain data plus the line and column of every key and value.

libyaml composes the nodes (`io.yaml_compose`); the walk (`io.yaml_build`) goes over them
once to build plain Python data *and* an index of where each key and value sits. The walk is
also where the file is made safe: duplicate keys are reported (first value kept), tags other
than the plain data types are refused, and alias expansion is bounded. Every problem is a
located finding with a loading code (`domain.load_problems`), never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from persona_cli.domain import load_problems as problems
from persona_cli.domain.hidden import name as hidden_name
from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import Finding
from persona_cli.io.file_read import DEFAULT_MAX_BYTES, read_regular
from persona_cli.io.yaml_build import MAX_DEPTH, AliasLimit, Builder, DataPath, Span, too_deep
from persona_cli.io.yaml_compose import (
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    position,
)

#: The reader's names; `MAX_DEPTH`, `DataPath` and `Span` are the walk's (`io.yaml_build`,
#: light, for a read of data only), kept importable from here.
__all__ = [
    "MAX_DEPTH",
    "DataPath",
    "Document",
    "Loaded",
    "Span",
    "Stretch",
    "Value",
    "code_frame",
    "decode",
    "double_quoted",
    "extension_stretches",
    "load_file",
    "load_text",
    "load_value",
]


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


def decode(raw: bytes, path: str) -> str | Finding:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        head = raw[:start]
        line = head.count(b"\n") + 1
        column = start - (head.rfind(b"\n") + 1) + 1
        return problems.NOT_UTF8.finding(
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
    deep = too_deep(text)
    if deep is not None:
        return Loaded(
            None,
            [
                problems.YAML_SYNTAX.finding(
                    path,
                    *deep,
                    f"values nest more than {MAX_DEPTH} levels deep; a persona needs a few "
                    "levels, so flatten the structure",
                )
            ],
        )
    try:
        root = compose(text)
    except MarkedYAMLError as error:
        return Loaded(None, [_syntax_finding(error, path, lines)])
    except ReaderError as error:
        return Loaded(None, [_refused_character(error, text, path, lines)])
    except YAMLError as error:  # pragma: no cover - libyaml reports marks for all we know of
        return Loaded(None, [problems.YAML_SYNTAX.finding(path, 1, 1, str(error))])
    if root is None:
        return Loaded(
            None,
            [
                problems.EMPTY_FILE.finding(
                    path, 1, 1, "the file is empty; add the persona's fields"
                )
            ],
        )
    if not isinstance(root, MappingNode):
        kind = "a list" if isinstance(root, SequenceNode) else "a single value"
        line, column = position(root)
        return Loaded(
            None,
            [
                problems.NOT_A_MAPPING.finding(
                    path,
                    line,
                    column,
                    f"the file holds {kind}; a persona file must be a mapping of fields "
                    "(id: ..., name: ...)",
                )
            ],
        )
    builder = Builder(path, locations=locations)
    try:
        data = builder.build(root, ())
    except AliasLimit as error:
        line, column = position(error.node)
        return Loaded(
            None,
            [*builder.findings, problems.ALIAS_EXPANSION.finding(path, line, column, str(error))],
        )
    document = Document(data, builder.spans, position(root), frozenset(builder.refused))
    return Loaded(document, builder.findings)


def _refused_character(error: ReaderError, text: str, path: str, lines: list[str]) -> Finding:
    """A character YAML does not allow at all (a control character), where it is: libyaml
    stops at its first occurrence and reports a byte offset, so the character is looked up
    instead."""
    char = chr(error.character) if isinstance(error.character, int) else ""
    index = text.find(char) if char else -1
    if index < 0:  # pragma: no cover - libyaml names the character it stopped at
        return problems.YAML_SYNTAX.finding(path, 1, 1, " ".join(str(error).split()))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return problems.YAML_SYNTAX.finding(
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
        return problems.MULTIPLE_DOCUMENTS.finding(
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
    return problems.YAML_SYNTAX.finding(
        path, line, column, message, context=code_frame(lines, line, column)
    )


def load_file(file: Path, display: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Loaded:
    """Read, decode and parse one file. `display` is the path shown in findings."""
    raw = read_regular(file, display, max_bytes=max_bytes)
    if isinstance(raw, Finding):
        return Loaded(None, [raw])
    text = decode(raw, display)
    if isinstance(text, Finding):
        return Loaded(None, [text])
    loaded = load_text(text, display)
    loaded.text = text
    return loaded


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


#: A stretch of a file's text: 1-based (line, column) where it starts and where it ends
#: (exclusive), as the text rules count lines and columns.
Stretch = tuple[tuple[int, int], tuple[int, int]]


def extension_stretches(text: str, prefix: str = "x-") -> list[Stretch]:
    """Where each extension entry (a mapping key starting with `prefix`, and its value) sits
    in `text`, at any depth; empty when the text does not parse (then nothing is set aside)."""
    try:
        root = compose(text)
    except (YAMLError, RecursionError):
        return []
    found: list[Stretch] = []
    pending: list[Node] = [root] if root is not None else []
    seen: set[int] = set()
    while pending:
        node = pending.pop()
        if id(node) in seen:  # an alias is the node it names: walk it once
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and str(key.value).startswith(prefix):
                    end = value.end_mark
                    found.append((position(key), (end.line + 1, end.column + 1)))
                else:
                    pending.extend((key, value))
        elif isinstance(node, SequenceNode):
            pending.extend(node.value)
    return found


@dataclass(frozen=True, slots=True)
class Value:
    """Any YAML document (a list of personas, a scalar) as plain data, with where every key
    and value sits; `problem` is the first loading finding when it could not be read."""

    data: Any
    spans: dict[DataPath, Span]
    problem: Finding | None


def load_value(text: str, path: str) -> Value:
    """Parse one document of YAML (or JSON) text of any shape, safely (the same tags, alias
    and depth limits as a persona file), for `persona import`'s readers."""
    deep = too_deep(text)
    if deep is not None:
        return Value(
            None,
            {},
            problems.YAML_SYNTAX.finding(
                path, *deep, f"values nest more than {MAX_DEPTH} levels deep"
            ),
        )
    lines = text.splitlines()
    try:
        root = compose(text)
    except MarkedYAMLError as error:
        return Value(None, {}, _syntax_finding(error, path, lines))
    except ReaderError as error:
        return Value(None, {}, _refused_character(error, text, path, lines))
    except YAMLError as error:  # pragma: no cover - libyaml reports marks for all we know of
        return Value(None, {}, problems.YAML_SYNTAX.finding(path, 1, 1, str(error)))
    if root is None:
        return Value(None, {}, None)
    builder = Builder(path)
    try:
        data = builder.build(root, ())
    except AliasLimit as error:
        line, column = position(error.node)
        return Value(None, {}, problems.ALIAS_EXPANSION.finding(path, line, column, str(error)))
    first = min(builder.findings, key=lambda f: (f.line, f.column)) if builder.findings else None
    return Value(data, builder.spans, first)
