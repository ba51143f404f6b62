"""`persona fmt`: one layout for every persona file, without losing a comment.

The formatted file has:

- keys in the schema's order at every level (the model's field order: `schema_version`,
  `id`, `name`, ..., `review`; inside `role`, `whole_person`, each lens, each evidence item
  ...), unknown keys after the known ones in their own relative order;
- the house indentation (2 spaces; list dashes 2 under their key) and block-style lists and
  mappings (a flow collection with a comment inside stays as written);
- the `# yaml-language-server: $schema=...` modeline on the first line, pointing at the
  nearest `schemas/persona.schema.json` above the file;
- every comment, where it was relative to what it annotates: a comment on the lines above a
  key moves with the key, an end-of-line comment stays on its line, a comment at the end of
  a mapping stays at its end.

How: ruamel's round-trip dump gives the indentation and list style (it keeps comments and
blank lines in place), then keys are reordered by moving whole lines, using the layout the
C parser reports (which lines each key's value takes). The result must parse to the same
data and hold the same comments as the input, or the file is left alone and reported.
Blank lines, quoting and block scalars (`|`, `>`) are kept as written.
"""

from __future__ import annotations

import functools
import math
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from persona_cli.domain.errors import PersonaError
from persona_cli.domain.result import Finding
from persona_cli.io import file_read, fileio, yaml_edit, yaml_read
from persona_cli.io.discovery import SourceFile

SCHEMA_FILE = Path("schemas") / "persona.schema.json"

#: Key path (list indexes left out) -> the canonical order of the keys of the mapping there.
Orders = dict[tuple[str, ...], tuple[str, ...]]


class Unformattable(PersonaError):
    """The file cannot be formatted; `findings` say why when they come from loading it."""

    def __init__(self, message: str, *, findings: Sequence[Finding] = ()) -> None:
        super().__init__(message)
        self.findings = tuple(findings)


@functools.cache
def canonical_orders(document: str = "persona") -> Orders:
    """The model's field order for every mapping in a persona (or, for `document="segment"`,
    a segment file), by key path."""
    from pydantic import BaseModel

    from persona_cli.domain.model import Persona
    from persona_cli.load.segments import Segment
    from persona_cli.load.validate import _model_in

    orders: Orders = {}

    def visit(model: type[BaseModel], path: tuple[str, ...]) -> None:
        orders[path] = tuple(model.model_fields)
        for name, info in model.model_fields.items():
            inner = _model_in(info.annotation)
            if inner is not None and inner is not model:
                visit(inner, (*path, name))

    visit(Segment if document == "segment" else Persona, ())
    return orders


def modeline_for(path: Path) -> str | None:
    """The schema modeline for a persona file: the relative path to the nearest
    `schemas/persona.schema.json` above it (up to the repository's root), or None."""
    folder = Path(os.path.abspath(path)).parent  # noqa: PTH100 - keep symlinked folders
    for candidate in (folder, *folder.parents):
        schema = candidate / SCHEMA_FILE
        if schema.is_file():
            relative = Path(os.path.relpath(schema, folder)).as_posix()
            return f"{yaml_edit.MODELINE_PREFIX} $schema={relative}"
        if (candidate / ".git").exists():
            break
    return None


def format_text(
    text: str, display: str, *, modeline: str | None = None, persona_only: bool = False
) -> str:
    """`text` (with `\\n` line endings) formatted. Raises Unformattable when the file does not
    load cleanly (its findings attached) or could not be formatted without a loss, and with
    `persona_only` when it has neither `schema_version` nor `id` (not a persona file)."""
    loaded = yaml_read.load_text(text, display)
    if loaded.document is None or loaded.findings:
        raise Unformattable(f"{display}: not formatted", findings=loaded.findings)
    if persona_only and not {"schema_version", "id"} & set(loaded.document.data):
        # A workflow or a compose file handed over by an unnarrowed pre-commit hook: the
        # persona key order and modeline would change what it means to its own tools.
        raise Unformattable(
            f"{display}: not a persona file (no schema_version, no id); not formatted; pass "
            "only persona files (narrow the pre-commit hook with files: ^personas/)"
        )
    before = yaml_edit.layout(text)
    try:
        document = yaml_edit.roundtrip_load(text)
    except yaml_edit.RoundTripError as failure:  # ruamel refuses a few things libyaml reads
        raise Unformattable(
            f"{display}:{failure.line}:{failure.column}: cannot format: {failure}"
        ) from None
    yaml_edit.rebase_comments(document.data)
    yaml_edit.block_style(document.data)
    yaml_edit.settle_comments(document.data)
    dumped = yaml_edit.roundtrip_dump(document)
    shape = yaml_edit.layout(dumped)
    kind = "segment" if loaded.document.data.get("kind") == "segment" else "persona"
    result = dumped if shape.aliases else reorder(dumped, shape.root, canonical_orders(kind))
    if kind == "segment":
        modeline = None  # the persona schema's modeline would be wrong; a segment keeps its own
    result = _with_modeline(result, modeline)
    _check(display, loaded.document.data, before, result, modeline)
    return result


def has_modeline(text: str) -> bool:
    """True when the comments before the first key hold the yaml-language-server modeline."""
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(yaml_edit.MODELINE_PREFIX):
            return True
        if stripped and not stripped.startswith("#"):
            return False
    return False


def _with_modeline(text: str, modeline: str | None) -> str:
    if modeline is None or has_modeline(text):
        return text
    return f"{modeline}\n{text}"


def _check(
    display: str, data: dict[str, Any], before: yaml_edit.Layout, text: str, modeline: str | None
) -> None:
    """The formatted text says what the input said and keeps all its comments."""
    loaded = yaml_read.load_text(text, display, locations=False)
    if loaded.document is None or comparable(loaded.document.data) != comparable(data):
        raise Unformattable(
            f"{display}: formatting would change the content; file left unchanged "
            "(a bug in persona fmt: please report it with the file)"
        )
    kept = Counter(comment for _, _, comment in yaml_edit.layout(text).comments)
    wanted = Counter(comment for _, _, comment in before.comments)
    missing = wanted - kept
    if missing:
        line = next(line for line, _, comment in before.comments if comment in missing) + 1
        raise Unformattable(
            f"{display}:{line}: formatting would lose the comment on this line; file left "
            "unchanged (move the comment out of the flow collection, or report the file)"
        )


def comparable(value: Any) -> Any:
    """Data with NaN made equal to itself (`.nan` is a valid, if odd, value)."""
    if isinstance(value, float) and math.isnan(value):
        return "<nan>"
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value


# --- moving keys ----------------------------------------------------------------------------------


class _Opaque(Exception):
    """A region holds something the line mover does not understand: leave it as it is."""


def reorder(text: str, root: yaml_edit.Outline, orders: Orders) -> str:
    """`text` with the keys of every block mapping in canonical order (see module doc)."""
    lines = text.splitlines(keepends=True)
    if root.kind != "map" or not root.entries:
        return text
    end = len(lines)
    for index in range(root.entries[-1][1] + 1, len(lines)):
        if lines[index].startswith("...") and lines[index][3:].strip()[:1] in ("", "#"):
            end = index
            break
    moved = _Mover(lines, orders).mapping(root, 0, end, (), top=True)
    return "".join(moved + lines[end:])


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def entry_blocks(
    lines: Sequence[str], node: yaml_edit.Outline, start: int, end: int, *, top: bool
) -> list[tuple[int, int]] | None:
    """The lines [start, end) of block mapping `node` cut into one block per key: the
    comments above the key, the key and its value, and comments indented deeper than the key
    after the value. What is left before the first block is the mapping's header (at the
    top of a file: the modeline, a `---`, anything separated from the first key by a blank
    line); after the last block, its footer (comments at the mapping's end). None when a
    line between keys is not a comment (something the line mover does not handle)."""
    if not node.entries or not node.plain_keys:
        return None
    column = node.entries[0][2]
    keys = [entry[1] for entry in node.entries]
    lasts = [
        max(key_line, key_line if value.empty else value.last_line)
        for _, key_line, _, value in node.entries
    ]
    try:
        block_start = _first_lead(lines, start, keys[0], top=top)
        bounds: list[tuple[int, int]] = []
        for index in range(len(keys)):
            following = keys[index + 1] if index + 1 < len(keys) else end
            split = _split(lines, lasts[index] + 1, following, column)
            bounds.append((block_start, split))
            block_start = split
    except _Opaque:
        return None
    return bounds


def _first_lead(lines: Sequence[str], start: int, key_line: int, *, top: bool) -> int:
    if not top:
        return start
    first = start
    for index in range(start, key_line):
        line = lines[index]
        if not line.strip() or line.startswith(("---", "%", yaml_edit.MODELINE_PREFIX)):
            first = index + 1
        elif not _is_comment(line):
            raise _Opaque
    return first


def _split(lines: Sequence[str], start: int, end: int, column: int) -> int:
    """Split the comment lines between two keys (or after the last key): comments indented
    deeper than the keys end the previous value; the rest (and blank lines) belong to the
    next key, or to the mapping's end."""
    split = start
    for index in range(start, end):
        line = lines[index]
        if not line.strip():
            continue
        if not _is_comment(line):
            raise _Opaque
        if _indent(line) > column:
            split = index + 1
    return split


@dataclass
class _Mover:
    lines: list[str]
    orders: Orders

    def mapping(
        self, node: yaml_edit.Outline, start: int, end: int, path: tuple[str, ...], *, top: bool
    ) -> list[str]:
        """The lines [start, end) holding block mapping `node`, its keys in order."""
        lines = self.lines
        if not node.entries or not node.plain_keys:
            return lines[start:end]
        bounds = entry_blocks(lines, node, start, end, top=top)
        if bounds is None:
            return lines[start:end]
        column = node.entries[0][2]
        keys = [entry[1] for entry in node.entries]
        first = bounds[0][0]
        header = lines[start:first]
        footer = lines[bounds[-1][1] : end]
        blocks: list[tuple[list[str], int]] = []
        for (block_start, block_end), (key, key_line, _, value) in zip(
            bounds, node.entries, strict=True
        ):
            body = self._entry(value, key_line, block_start, block_end, (*path, key))
            # Comments above a key take its indentation (ruamel keeps the column a comment
            # had, so after re-indenting it could sit deeper than its key, and after a move
            # inside a block scalar above it).
            for index in range(key_line - block_start):
                if _is_comment(body[index]):
                    body[index] = " " * column + body[index].lstrip(" ")
            blocks.append((body, key_line - block_start))
        order = self._order(path, [entry[0] for entry in node.entries])
        if order != list(range(len(blocks))):
            dash = lines[keys[0]][:column]
            if dash.strip():  # the first key shares its line with the list item's `- `
                body, at = blocks[0]
                body[at] = " " * column + body[at][column:]
                body, at = blocks[order[0]]
                body[at] = dash + body[at][column:]
            blocks = [blocks[index] for index in order]
        return header + [line for body, _ in blocks for line in body] + footer

    def _entry(
        self,
        value: yaml_edit.Outline,
        key_line: int,
        start: int,
        end: int,
        path: tuple[str, ...],
    ) -> list[str]:
        lines = self.lines
        if value.kind == "map" and value.line > key_line:
            return lines[start : key_line + 1] + self.mapping(
                value, key_line + 1, end, path, top=False
            )
        if value.kind == "seq" and value.line > key_line:
            return lines[start : key_line + 1] + self.sequence(value, key_line + 1, end, path)
        return lines[start:end]

    def sequence(
        self, node: yaml_edit.Outline, start: int, end: int, path: tuple[str, ...]
    ) -> list[str]:
        """The lines [start, end) holding block sequence `node`; items keep their order,
        mappings inside them are ordered."""
        lines = self.lines
        starts = [item.line for item in node.items]
        out = lines[start : starts[0]] if starts else lines[start:end]
        for index, item in enumerate(node.items):
            item_end = starts[index + 1] if index + 1 < len(starts) else end
            if item_end < item.line:  # an alias to an earlier node: nothing to move
                return lines[start:end]
            if item.kind == "map":
                out += self.mapping(item, item.line, item_end, path, top=False)
            elif item.kind == "seq":
                out += self.sequence(item, item.line, item_end, path)
            else:
                out += lines[item.line : item_end]
        return out

    def _order(self, path: tuple[str, ...], keys: list[str]) -> list[int]:
        known = self.orders.get(path)
        if known is None:
            return list(range(len(keys)))
        rank = {key: index for index, key in enumerate(known)}
        return sorted(range(len(keys)), key=lambda index: rank.get(keys[index], len(known)))


# --- files ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileResult:
    """What `persona fmt` did, or would do, with one file."""

    source: SourceFile
    before: str
    after: str | None  # None when the file could not be formatted
    error: str | None = None
    findings: tuple[Finding, ...] = ()
    modeline_missing: bool = False

    @property
    def changed(self) -> bool:
        return self.after is not None and self.after != self.before


@dataclass(frozen=True, slots=True)
class FormatResult:
    files: tuple[FileResult, ...]

    @property
    def changed(self) -> list[FileResult]:
        return [item for item in self.files if item.changed]

    @property
    def failed(self) -> list[FileResult]:
        return [item for item in self.files if item.after is None]

    @property
    def unchanged(self) -> list[FileResult]:
        return [item for item in self.files if item.after is not None and not item.changed]


def format_files(
    sources: Sequence[SourceFile],
    *,
    write: bool,
    modeline: Callable[[Path], str | None] = modeline_for,
    max_bytes: int = file_read.DEFAULT_MAX_BYTES,
) -> FormatResult:
    """Format each file; with `write`, rewrite those that change (atomically, refusing a
    file that changed on disk meanwhile). A file that cannot be formatted is left alone."""
    return FormatResult(
        tuple(
            _one(source, write=write, modeline=modeline, max_bytes=max_bytes) for source in sources
        )
    )


def _one(
    source: SourceFile,
    *,
    write: bool,
    modeline: Callable[[Path], str | None],
    max_bytes: int,
) -> FileResult:
    from persona_cli.lint.rules import loading

    display = source.display
    special = file_read.path_problem(source.path, display)  # a FIFO would block the read
    if special is not None:
        return FileResult(source, "", None, findings=(special,))
    try:
        if source.path.stat().st_size > max_bytes:
            loaded = yaml_read.load_file(source.path, display, max_bytes=max_bytes)
            return FileResult(source, "", None, findings=tuple(loaded.findings))
        # Through a symbolic link: rewrite the file it points to, keep the link.
        raw, snapshot = fileio.read(source.path.resolve())
    except OSError as failure:
        # The reader's own wording (it names a broken symbolic link as such).
        found = yaml_read.load_file(source.path, display, max_bytes=max_bytes).findings
        reason = failure.strerror or str(failure)
        fallback = loading.YamlSyntax.finding(display, 1, 1, f"cannot read the file: {reason}")
        return FileResult(source, "", None, findings=tuple(found) or (fallback,))
    decoded = yaml_edit.decode_for_edit(raw, display)
    if isinstance(decoded, Finding):
        return FileResult(source, "", None, findings=(decoded,))
    text, form = decoded
    before = yaml_edit.encode_form(text, form)
    line = modeline(source.path)
    try:
        formatted = format_text(text, display, modeline=line, persona_only=True)
    except Unformattable as failure:
        return FileResult(source, before, None, error=failure.message, findings=failure.findings)
    after = yaml_edit.encode_form(formatted, form)
    missing = line is None and not has_modeline(formatted)
    result = FileResult(source, before, after, modeline_missing=missing)
    if write and result.changed:
        try:
            fileio.write(snapshot.path, after, expected=snapshot, display=display)
        except PersonaError as failure:
            return FileResult(source, before, None, error=str(failure))
    return result
