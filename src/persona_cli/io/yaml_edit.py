"""Editing persona files while keeping what the author wrote.

The read path (`io.yaml_read`) throws comments away. Commands that rewrite a file (`persona
fmt`, `persona review`) load it again in ruamel's round-trip mode, which keeps comments, key
order, quoting and blank lines, and dump it in the house style of `examples/personas/`. They
always run `load_text` first: a file with loading findings is reported, never rewritten.

`layout` describes a text's outline (which lines each key and value take) and its comments
from the same libyaml nodes the read path uses (`io.yaml_compose`), so edits can move whole
lines and then check that no comment went missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import MarkedYAMLError

from persona_cli.domain.result import Finding
from persona_cli.io.yaml_compose import (
    MERGE,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    compose,
    tag_of,
)
from persona_cli.io.yaml_read import decode

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
    text = decode(raw, path)
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
    root = compose(text)
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
            if not isinstance(key, ScalarNode) or tag_of(key) == MERGE:
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
