"""Reporters for `persona list` (text, json, markdown) and `persona show` (text, json).

The text views are for people at a terminal, in the manner of `kubectl get` (a plain
column table) and `gh pr view` (a header, then the body in sections). Every piece of persona
text reaches rich as a `Text` object, never as markup, so `[bold]` in a persona prints as
written; control characters are made visible so a persona cannot move the cursor or recolour
the terminal. Without a terminal (a pipe, a file) or with `--no-color`, no escape codes are
written at all, and the meaning never rests on colour alone: gaps say `✗ missing`, inherited
values say where they come from.

Only the standard library is imported at module level: the CLI builds its `--format` choices
from `LIST_REPORTERS` for `--help`; rich is imported when a text reporter writes.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from persona_cli.domain.hidden import escape_json, reveal
from persona_cli.domain.jobs import is_statement
from persona_cli.reporters.age import AGE_STYLE as _AGE_STYLE
from persona_cli.reporters.markdown import cell, percent

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from persona_cli.verbs.age import PersonaAge
    from persona_cli.verbs.listing import ListResult, Row
    from persona_cli.verbs.show import Item, PersonaView, Section

#: Widest the show view gets on a wide terminal: long lines are hard to read.
MAX_WIDTH = 100
GAP_STYLE = "bold yellow"
_STATUS_STYLE = {"validated": "green", "draft": "yellow", "retired": "dim"}
#: C0 and C1 control characters other than newline and tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """Persona text made harmless for a terminal: control characters (an escape sequence
    could recolour the screen or move the cursor) shown as `\\x1b`, and the other hidden
    characters (bidirectional controls, zero-width characters) as `<U+202E>`."""
    return reveal(_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text))


def age_label(age: PersonaAge | None) -> str:
    """`fresh 20d`, `stale 240d`, `untracked`, or `-` when there is no age."""
    if age is None:
        return "-"
    if age.age_days is None:
        return age.status
    return f"{age.status} {age.age_days}d"


def completeness_label(share: float | None) -> str:
    return "-" if share is None else percent(share)


def _console(stream: TextIO, color: bool | None) -> Console:
    """The shared console, wrapping (panels must) and at most MAX_WIDTH columns wide."""
    from persona_cli.reporters.console import make_console

    console = make_console(stream, color=color)
    # The shared console never wraps (greppable one-line findings); panels must.
    console.soft_wrap = False
    console.width = min(console.width, MAX_WIDTH)
    return console


class ListReporter(Protocol):
    """Writes one list result to one stream. `color` applies to the text format only."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None: ...

    def report(self, result: ListResult) -> None: ...


def summary_line(result: ListResult) -> str:
    """`5 personas, 96% complete on average.` and what was left out; the same words in the
    text and markdown views."""
    count = len(result.rows)
    noun = "persona" if count == 1 else "personas"
    scores = [row.completeness for row in result.rows if row.completeness is not None]
    parts = [f"{count} {noun}" + (" matched the filters" if result.filtered else "")]
    if scores:
        parts.append(f"{percent(sum(scores) / len(scores))} complete on average")
    problems = len(result.problems)
    if problems:
        parts.append(f"{problems} not readable in full (see below)")
    if result.hidden_retired:
        parts.append(f"{result.hidden_retired} retired not shown (--include-retired)")
    return ", ".join(parts) + "."


class TextListReporter:
    """A column table in the manner of `kubectl get`, then the problems, file:line.

    One row per line, so the output greps and sorts. Into a pipe or a file every cell is
    written whole; on a terminal too narrow for the table, the name and owners columns are
    cut with `…` (as `gh pr list` cuts titles) so each row still fits on one line."""

    HEADERS: tuple[str, ...] = ("ID", "NAME", "KIND", "STATUS", "OWNERS", "COMPLETE", "AGE")
    GAP = 2
    #: Narrowest the name and owners columns are cut to on a narrow terminal.
    MIN_CUT = 8

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        from persona_cli.reporters.console import make_console

        # The shared console: lines are never wrapped (a row is one line, as in a pipe).
        self.console = make_console(stream, color=color)

    def report(self, result: ListResult) -> None:
        from rich.text import Text

        console = self.console
        if not result.rows:
            console.print(Text(summary_line(result)))
            return
        headers = list(self.HEADERS if result.with_age else self.HEADERS[:-1])
        rows = [self.cells(row, with_age=result.with_age) for row in result.rows]
        widths = [
            max(len(header), *(cells[index].cell_len for cells in rows))
            for index, header in enumerate(headers)
        ]
        hidden: list[str] = []
        if console.is_terminal:
            widths, hidden = self.fit(headers, widths, console.width)
        keep = [index for index, header in enumerate(headers) if header not in hidden]

        def pick(cells: list[Text]) -> list[Text]:
            return [cells[index] for index in keep]

        shown = [headers[index] for index in keep]
        sizes = [widths[index] for index in keep]
        console.print(self.line(shown, [Text(h, style="bold") for h in shown], sizes))
        for cells in rows:
            console.print(self.line(shown, pick(cells), sizes))
        console.print()
        console.print(Text(summary_line(result), style="bold"))
        if hidden:
            console.print(
                Text(
                    f"{' and '.join(h.lower() for h in hidden)} not shown: the terminal is "
                    f"{console.width} columns wide (widen it, or use --format json)",
                    style="dim",
                )
            )
        if result.age_note:
            console.print(Text(safe(result.age_note[:1].upper() + result.age_note[1:])))
        for problem in result.problems:
            console.print(Text(f"✗ {safe(str(problem))}", style="red"))

    def fit(
        self, headers: list[str], widths: list[int], available: int
    ) -> tuple[list[int], list[str]]:
        """Make a row fit `available` columns: cut the name, then the owners, down to
        MIN_CUT; then leave out the owners, then the name. Returns the widths and the
        headers left out."""
        fitted = list(widths)
        hidden: list[str] = []

        def excess() -> int:
            shown = [w for h, w in zip(headers, fitted, strict=True) if h not in hidden]
            return sum(shown) + self.GAP * (len(shown) - 1) - available

        for header in ("NAME", "OWNERS"):
            index = headers.index(header)
            fitted[index] -= min(max(excess(), 0), max(fitted[index] - self.MIN_CUT, 0))
        for header in ("OWNERS", "NAME"):
            if excess() > 0:
                hidden.append(header)
        return fitted, hidden

    def line(self, headers: list[str], cells: list[Text], widths: list[int]) -> Text:
        """One row: cells padded to their column, cut with `…` when too long, no trailing
        spaces; COMPLETE is right-aligned."""
        from rich.text import Text

        out = Text()
        last = len(cells) - 1
        for index, (cell_text, width) in enumerate(zip(cells, widths, strict=True)):
            piece = cell_text.copy()
            if piece.cell_len > width:
                piece.truncate(width, overflow="ellipsis")
            pad = width - piece.cell_len
            if headers[index] == "COMPLETE":
                out.append(" " * pad)
                out.append(piece)
            else:
                out.append(piece)
                if index != last:
                    out.append(" " * pad)
            if index != last:
                out.append(" " * self.GAP)
        out.rstrip()
        return out

    @staticmethod
    def cells(row: Row, *, with_age: bool) -> list[Text]:
        from rich.text import Text

        if row.problem is not None and row.kind is None:
            status = Text("✗ unreadable", style="bold red")
        elif row.problem is not None:
            status = Text("✗ invalid", style="bold red")
        else:
            status = Text(row.status or "-", style=_STATUS_STYLE.get(row.status or "", ""))
        share = row.completeness
        complete_style = "" if share is None else ("green" if share >= 1 else "yellow")
        cells = [
            Text(safe(row.id).replace("\n", " ")),
            Text(" ".join(safe(row.name or "-").split())),
            Text(safe(row.kind or "-")),
            status,
            Text(" ".join(safe(", ".join(row.owners) or "-").split())),
            Text(completeness_label(share), style=complete_style),
        ]
        if with_age:
            style = _AGE_STYLE.get(row.age.status, "") if row.age else ""
            cells.append(Text(age_label(row.age), style=style))
        return cells


class JsonListReporter:
    """`{"version": 1, "personas": [...]}`: the stable shape documented in the README."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: ListResult) -> None:
        self.stream.write(escape_json(json.dumps(result.as_dict(), indent=2, ensure_ascii=False)))
        self.stream.write("\n")


class MarkdownListReporter:
    """A table for a wiki page or a pull-request comment."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: ListResult) -> None:
        header = "| id | name | kind | status | owners | completeness |"
        rule = "| --- | --- | --- | --- | --- | ---: |"
        if result.with_age:
            header += " age |"
            rule += " --- |"
        out = ["## Personas", "", summary_line(result), ""]
        if result.rows:
            out += [header, rule]
        for row in result.rows:
            status = row.status or "-"
            if row.problem is not None:
                status = "**unreadable**" if row.kind is None else "**invalid**"
            line = (
                f"| `{cell(row.id)}` | {cell(row.name or '-')} | {cell(row.kind or '-')} "
                f"| {status} | {cell(', '.join(row.owners) or '-')} "
                f"| {completeness_label(row.completeness)} |"
            )
            if result.with_age:
                line += f" {cell(age_label(row.age))} |"
            out.append(line)
        if result.age_note:
            out += ["", cell(result.age_note.capitalize())]
        if result.problems:
            out += ["", *(f"- `{cell(str(problem))}`" for problem in result.problems)]
        self.stream.write("\n".join(out) + "\n")


#: `--format` name -> reporter class; the CLI's choices are these keys.
LIST_REPORTERS: dict[str, type[ListReporter]] = {
    "text": TextListReporter,
    "json": JsonListReporter,
    "markdown": MarkdownListReporter,
}


# --- persona show ---------------------------------------------------------------------------------


def show_json(view: PersonaView, stream: TextIO) -> None:
    """The persona as JSON: values as written, hidden characters as `\\u202e` escapes (the
    same string to a parser, visible in a terminal)."""
    stream.write(escape_json(json.dumps(view.as_dict(), indent=2, ensure_ascii=False)))
    stream.write("\n")


class TextShowReporter:
    """A header (who, kind, status, owners, freshness, completeness), then one panel per
    section; gaps in their own style with what is missing."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.console = _console(stream, color)

    def report(self, view: PersonaView) -> None:
        from rich.text import Text

        console = self.console
        title = Text(safe(view.name), style="bold")
        title.append(f" ({safe(view.id)})", style="dim")
        console.print(title)
        console.print(_trimmed(console, self.header(view)))
        if view.summary:
            console.print()
            for number, paragraph in enumerate(_paragraphs(view.summary)):
                if number:
                    console.print()
                console.print(_trimmed(console, Text(safe(paragraph))))
        for section in view.sections:
            console.print()
            console.print(self.panel(section))

    def header(self, view: PersonaView) -> RenderableType:
        """Label and value rows, as `gh pr view` starts: what, where, whose, how fresh."""
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(ratio=1)
        what = Text(safe(view.kind))
        what.append(" · ")
        what.append(safe(view.status), style=_STATUS_STYLE.get(view.status, ""))
        if view.segment:
            what.append(f" · segment {safe(view.segment)}")
        grid.add_row("persona", what)
        grid.add_row("file", Text(safe(view.path)))
        if len(view.extends) > 1:
            parents = " → ".join(safe(ident) for ident in view.extends[1:])
            grid.add_row(
                "extends",
                Text(f"{parents} (inherited values are marked ↳ with where they come from)"),
            )
        owners = (
            Text(safe(", ".join(view.owners)))
            if view.owners
            else Text("✗ none: nobody keeps this persona true", style=GAP_STYLE)
        )
        grid.add_row("owners", owners)
        grid.add_row("reviewed", self.reviewed(view))
        grid.add_row("age", self.age(view))
        grid.add_row("completeness", self.completeness(view))
        return grid

    @staticmethod
    def reviewed(view: PersonaView) -> Text:
        from rich.text import Text

        line = Text()
        if view.last_reviewed:
            line.append(view.last_reviewed.isoformat())
        else:
            line.append("✗ never", style=GAP_STYLE)
        line.append(f" (refresh every {view.interval_days} days)", style="dim")
        return line

    @staticmethod
    def age(view: PersonaView) -> Text:
        from rich.text import Text

        age = view.age
        if age is None:
            return Text(safe(view.age_note or "-"), style="dim")
        line = Text()
        line.append(age.status, style=_AGE_STYLE.get(age.status, ""))
        if age.age_days is not None and age.refreshed is not None:
            days = f"{age.age_days} day{'' if age.age_days == 1 else 's'}"
            line.append(f", {days} since the last refresh ({age.refreshed.isoformat()})")
        elif age.status == "uncommitted":
            line.append(": differs from HEAD; commit it to start the clock", style="dim")
        elif age.status == "untracked":
            line.append(": never committed; add and commit it", style="dim")
        elif age.status == "unknown":
            line.append(": the last change lies before a shallow clone's first commit")
        return line

    @staticmethod
    def completeness(view: PersonaView) -> Text:
        from rich.text import Text

        score = view.score
        line = Text()
        line.append(
            percent(score.completeness), style="green" if score.completeness >= 1 else GAP_STYLE
        )
        if score.parts:
            parts = ", ".join(f"{part} {percent(share)}" for part, share in score.parts.items())
            line.append(f" ({parts})", style="dim")
        gaps = len(view.gaps)
        if gaps:
            line.append(f"; ✗ {gaps} gap{'' if gaps == 1 else 's'} marked below", style=GAP_STYLE)
        return line

    def panel(self, section: Section) -> RenderableType:
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        gaps = sum(1 for item in section.items if item.gap)
        title = Text(section.title, style="bold")
        if gaps:
            title.append(f" · ✗ {gaps} missing", style=GAP_STYLE)
        # A panel wholly inherited from one parent says so once, in its title.
        origins = {item.inherited_from for item in section.items if not item.gap}
        whole = origins.pop() if len(origins) == 1 else None
        if whole:
            title.append(f" · ↳ inherited from {safe(whole)}", style="dim italic")
        body: RenderableType
        if len(section.items) == 1 and not section.items[0].label:
            body = self.value(section.items[0], mark=not whole)
        else:
            grid = Table.grid(padding=(0, 2))
            # An extension's label is its path (`influences.channels[1].x-weight`): wider.
            grid.add_column(no_wrap=True, max_width=40 if section.key == "extensions" else 24)
            grid.add_column(ratio=1)
            for item in section.items:
                label_style = GAP_STYLE if item.gap else "bold"
                grid.add_row(Text(item.label, style=label_style), self.value(item, mark=not whole))
            body = grid
        return Panel(
            body, title=title, title_align="left", border_style="yellow" if gaps else "dim"
        )

    def value(self, item: Item, *, mark: bool = True) -> RenderableType:
        from rich.console import Group
        from rich.text import Text

        if item.gap:
            return Text(f"✗ missing: {safe(item.gap)}", style=GAP_STYLE)
        body = _render(item.key, item.value)
        if not item.inherited_from or not mark:
            return body
        note = Text(f"↳ inherited from {safe(item.inherited_from)}", style="dim italic")
        return Group(body, note)


def _trimmed(console: Console, renderable: RenderableType) -> RenderableType:
    """`renderable` without the spaces a grid pads its last column with (no trailing
    whitespace to copy, or to trip a golden file's diff)."""
    from rich.segment import Segment, Segments

    segments: list[Segment] = []
    for line in console.render_lines(renderable, pad=False):
        while line and not line[-1].text.strip():
            line.pop()
        if line:
            last = line[-1]
            line[-1] = Segment(last.text.rstrip(), last.style, last.control)
        segments.extend([*line, Segment.line()])
    return Segments(segments)


def _render(key: str, value: Any) -> RenderableType:
    """A field's value: lists as bullets with a hanging indent, objects by their shape."""
    from rich.text import Text

    if key == "evidence":
        entries = [_evidence(entry) for entry in value]
        for entry in entries[:-1]:
            entry.append("\n")  # a blank line between entries
        return _bullets(entries, mark="")
    if key == "jobs_to_be_done":
        return _bullets([_job(job) for job in value])
    if key == "notes":
        notes = [_note(note) for note in value]
        for note in notes[:-1]:
            note.append("\n")  # a blank line between notes
        return _bullets(notes, mark="")
    if key.rpartition(".")[2].startswith("x-"):
        return _extension(value)
    if isinstance(value, list):
        return _bullets([_item(key, item) for item in value])
    if isinstance(value, bool):
        return Text("yes" if value else "no")
    return Text(safe(str(value)))


def _bullets(items: list[Text], *, mark: str = "•") -> RenderableType:
    """One row per item; wrapped lines stay under the item's text, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1) if mark else (0, 0))
    if mark:
        grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row(mark, item) if mark else grid.add_row(item)
    return grid


def _item(key: str, item: Any) -> Text:
    from rich.text import Text

    text = Text()
    if isinstance(item, dict) and "objection" in item:
        text.append(safe(str(item["objection"])))
        if item.get("response"):
            text.append("\n→ ", style="dim")
            text.append(safe(str(item["response"])))
        return text
    if isinstance(item, dict) and "channel" in item:
        text.append(safe(str(item["channel"])))
        if item.get("stage"):
            text.append(f" · {safe(str(item['stage']))}", style="dim")
        return text
    if isinstance(item, dict) and "text" in item:
        text.append(f"“{safe(str(item['text']))}”")
        if item.get("evidence"):
            text.append(f" ({safe(str(item['evidence']))})", style="dim")
        return text
    if key.endswith(".quotes"):
        return text.append(f"“{safe(str(item))}”")
    return text.append(safe(str(item)))


def _paragraphs(text: str) -> list[str]:
    """The text's paragraphs (split at blank lines), each with its newlines folded."""
    parts = (" ".join(part.split()) for part in re.split(r"\n[^\S\n]*\n", text))
    return [part for part in parts if part]


def _job(job: dict[str, Any]) -> Text:
    from rich.text import Text

    text = Text()
    statement = is_statement(job.get("want"))  # "Manage ...", "I want to ...": as written
    if job.get("when"):
        text.append("When ", style="dim")
        text.append(safe(str(job["when"])))
        text.append(": " if statement else ", I want ", style="dim")
    elif not statement:  # a want without a trigger, continuing "I want"
        text.append("I want ", style="dim")
    text.append(safe(str(job.get("want", ""))))
    if job.get("so_that"):
        text.append(", so that ", style="dim")
        text.append(safe(str(job["so_that"])))
    return text


def _note(note: dict[str, Any]) -> Text:
    """The note's heading in bold, its text under it, as the source set them."""
    from rich.text import Text

    text = Text()
    text.append(safe(" ".join(str(note.get("heading", "")).split())), style="bold")
    body = str(note.get("text", "")).strip()
    if body:
        text.append("\n")
        text.append(safe(body))
    return text


def _extension(value: Any) -> RenderableType:
    """An extension's value as written: text as text, a list of plain values as bullets,
    anything else (objects, nested lists) as compact JSON."""
    from rich.text import Text

    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return _bullets([Text(safe(_scalar(item))) for item in value])
    if isinstance(value, dict | list):
        return Text(safe(json.dumps(value, ensure_ascii=False, default=str)))
    return Text(safe(_scalar(value)))


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _evidence(entry: dict[str, Any]) -> Text:
    """`2026-10-12  interview  n=14  id`, then the summary (and link) under it."""
    from rich.text import Text

    text = Text()
    text.append(str(entry.get("date", "?")), style="bold")
    text.append(f"  {safe(str(entry.get('type', '?')))}")
    if entry.get("sample_size"):
        text.append(f"  n={entry['sample_size']}")
    text.append(f"  {safe(str(entry.get('id', '')))}", style="dim")
    summary = entry.get("summary")
    if summary:
        text.append("\n")
        text.append(safe(" ".join(str(summary).split())))
    if entry.get("url"):
        text.append(f"\n{safe(str(entry['url']))}", style="dim")
    return text


__all__ = [
    "LIST_REPORTERS",
    "JsonListReporter",
    "MarkdownListReporter",
    "TextListReporter",
    "TextShowReporter",
    "safe",
    "show_json",
]
