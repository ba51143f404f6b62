"""Reporters of `persona diff`: text (rich), markdown (a pull-request comment) and json.

The registry `DIFF_REPORTERS` is what `--format` offers. This module imports neither rich
nor the diff core at import time (only inside methods), so the CLI can build its choices
from the registry without slowing `persona --help`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from persona_cli.domain.hidden import escape_json, reveal

if TYPE_CHECKING:
    from persona_cli.reporters.console import Piece
    from persona_cli.verbs.diff import DiffResult
    from persona_cli.verbs.diff_changes import Change

JSON_VERSION = 1

#: How each class is shown in the terminal: what a reviewer must not miss stands out.
_CLASS_STYLE = {
    "problem": "bold red",
    "removed-insight": "bold red",
    "behaviour-change": "bold yellow",
    "lifecycle": "bold",
}
_KIND_STYLE = {
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "reordered": "yellow",
    "renamed": "cyan",
    "unreadable": "bold red",
}


class DiffReporter(Protocol):
    """Writes one diff result to one stream. `color` applies to the text format only."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None: ...

    def report(self, result: DiffResult) -> None: ...


def show(value: Any) -> str:
    """A value on one line: strings quoted (so a trailing space or an empty string shows),
    lists and objects as compact JSON; hidden characters as `\\u202e`."""
    if value is None:
        return ""
    return escape_json(json.dumps(value, ensure_ascii=False, default=str))


def by_persona(changes: tuple[Change, ...]) -> dict[str, list[Change]]:
    """Changes grouped by file, in report order (one persona per file)."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        groups.setdefault(change.path, []).append(change)
    return groups


def totals(result: DiffResult) -> str:
    """`2 personas changed, 5 changes (1 removed-insight, 4 edit)`; segment files are
    counted apart (`1 persona and 1 segment changed, ...`)."""
    from persona_cli.verbs.diff_changes import CLASSES

    changes = result.changes
    files = by_persona(changes)
    segments = sum(1 for group in files.values() if group[0].document == "segment")
    personas = len(files) - segments
    counts = {name: sum(1 for c in changes if c.class_ == name) for name in CLASSES}
    detail = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    head = f"{personas} persona{'' if personas == 1 else 's'}"
    if segments:
        counted = f"{segments} segment{'' if segments == 1 else 's'}"
        head = f"{head} and {counted}" if personas else counted
    return f"{head} changed, {len(changes)} change{'' if len(changes) == 1 else 's'} ({detail})"


def describe(change: Change, result: DiffResult) -> str:
    """What happened, in words, without the field: `"a" -> "b"`, `renamed from x.yaml`."""
    if change.kind == "unreadable":
        sides = [
            f"at {label}: {problem}"
            for label, problem in ((result.old_label, change.old), (result.new_label, change.new))
            if problem
        ]
        return "not a readable persona " + "; ".join(sides)
    if change.kind == "renamed":
        return f"renamed from {change.old}"
    if not change.field:
        verb = "new" if change.kind == "added" else "deleted"
        return f"{verb} {change.document} {show(change.new or change.old)}"
    if change.kind == "added":
        return show(change.new)
    if change.kind == "removed":
        return show(change.old)
    if change.kind == "reordered":
        return f"reordered {show(change.old)} -> {show(change.new)}"
    return f"{show(change.old)} -> {show(change.new)}"


def _within(change: Change) -> str:
    """The field relative to its section: `fears` under `whole_person`."""
    section = change.section
    rest = change.field[len(section) :].removeprefix(".")
    return rest or change.field


class DiffTextReporter:
    """For the terminal: per persona a header with the one-line summary, then the changes
    grouped by section, marked + - ~ and coloured, each with its class."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        from persona_cli.reporters.console import LineWriter

        self.out = LineWriter(stream, color=color)

    def report(self, result: DiffResult) -> None:
        for line in self.lines(result):
            self.out.line(*line)
        self.out.flush()

    @staticmethod
    def lines(result: DiffResult) -> list[list[Piece]]:
        """Each line as its pieces: text, or (text, rich style)."""
        from persona_cli.verbs.diff_summary import section_summary, symbol

        if not result.changes:
            return [[f"No persona changes between {result.old_label} and {result.new_label}."]]
        out: list[list[Piece]] = []
        for path, changes in by_persona(result.changes).items():
            # Names, paths and keys as people wrote them, hidden characters shown: `<U+202E>`.
            out.append(
                [
                    (f"{reveal(path)} ({reveal(changes[0].persona)})", "bold"),
                    (f": {reveal(section_summary(changes))}", "bold dim"),
                ]
            )
            section: str | None = None
            for change in changes:
                indent = "  "
                if change.field:
                    if change.section != section:
                        section = change.section
                        out.append([(f"  {reveal(section)}", "bold")])
                    indent = "    "
                style = _KIND_STYLE.get(change.kind, "")
                line: list[Piece] = [indent, (f"{symbol(change.kind)} ", style)]
                if change.field:
                    line.append(f"{reveal(_within(change))}: ")
                line.append((reveal(describe(change, result)), style))
                line.append("  ")
                line.append((change.class_, _CLASS_STYLE.get(change.class_, "dim")))
                out.append(line)
        out.append([f"{result.old_label} -> {result.new_label}: {totals(result)}."])
        return out


class DiffMarkdownReporter:
    """For a pull-request comment: a verdict, then per persona a heading, its one-line
    summary and a table `field | change | old | new | class`. Standard library only."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: DiffResult) -> None:
        self.stream.write(self.render(result))

    @staticmethod
    def render(result: DiffResult) -> str:
        from persona_cli.reporters.markdown import cell
        from persona_cli.verbs.diff_summary import section_summary

        lines = ["## Persona diff", ""]
        if not result.changes:
            lines.append(
                f"No persona changes between {cell(result.old_label)} and {cell(result.new_label)}."
            )
            return "\n".join(lines) + "\n"
        lines += [f"{cell(result.old_label)} → {cell(result.new_label)}: {totals(result)}.", ""]
        for path, changes in by_persona(result.changes).items():
            lines += [
                f"### {cell(changes[0].persona)}",
                "",
                f"{cell(path)}: {cell(section_summary(changes))}",
                "",
                "| field | change | old | new | class |",
                "| --- | --- | --- | --- | --- |",
            ]
            for change in changes:
                old, new = change.old, change.new
                if change.kind == "unreadable":
                    old, new = old or "", new or ""
                lines.append(
                    f"| {cell(change.field or f'({change.document})')} | {change.kind} "
                    f"| {cell(_plain(old))} | {cell(_plain(new))} | {change.class_} |"
                )
            lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"


def _plain(value: Any) -> str:
    """Table cells show text as text; lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return show(value)


class DiffJsonReporter:
    """`{"version": 1, "changes": [{"path", "persona", "field", "kind", "old", "new",
    "class"}]}`: files in path order, changes in the order of the persona's fields."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    @staticmethod
    def as_dict(result: DiffResult) -> dict[str, Any]:
        return {"version": JSON_VERSION, "changes": [c.as_dict() for c in result.changes]}

    def report(self, result: DiffResult) -> None:
        text = json.dumps(self.as_dict(result), indent=2, ensure_ascii=False, default=str)
        self.stream.write(escape_json(text) + "\n")


#: name -> reporter; `persona diff --format` offers these keys.
DIFF_REPORTERS: dict[str, type[DiffReporter]] = {
    "text": DiffTextReporter,
    "markdown": DiffMarkdownReporter,
    "json": DiffJsonReporter,
}
