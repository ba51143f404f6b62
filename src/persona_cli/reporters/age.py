"""Reporters for `persona age`: text (a bar chart per owner), json, markdown, github.

Owners read the text view to see at a glance whose personas are going stale, so rows are
grouped by owner and each age is drawn as a bar against the persona's own limit. CI reads
the json or github views. Only the standard library is imported at module level: the CLI
builds its `--format` choices from `AGE_REPORTERS` when `--help` runs, and rich is imported
by the text reporter when it writes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, ClassVar, Protocol, TextIO

from persona_cli.domain.hidden import escape_json, reveal
from persona_cli.verbs.age import AGING_SHARE, STATUSES, by_owner

if TYPE_CHECKING:
    from persona_cli.reporters.console import Piece
    from persona_cli.verbs.age import AgeResult, PersonaAge
    from persona_cli.verbs.log import LogEntry, LogResult

#: Bar cells for one full `interval_days`; a stale bar runs past the limit mark.
BAR_WIDTH = 30
#: Extra cells drawn past the limit before the bar is cut with `»`.
OVERFLOW = 8

#: The colour of each age status (also used by `persona list` and `show`).
AGE_STYLE = {
    "fresh": "green",
    "aging": "yellow",
    "stale": "bold red",
    "unknown": "magenta",
    "uncommitted": "cyan",
    "untracked": "cyan",
}
_WHY = {
    "unknown": "last change lies before the shallow clone's first commit",
    "uncommitted": "differs from HEAD; commit it to start the clock",
    "untracked": "never committed; add and commit it",
}


class AgeReporter(Protocol):
    """Writes one age result to one stream. `color` applies to the text format only."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None: ...

    def report(self, result: AgeResult) -> None: ...


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: AgeResult) -> str:
    """`5 personas: 1 stale, 1 aging, 3 fresh.` (`7 personas and 1 segment: ...` when
    segment files are aged too), the same words in every format."""
    counted = [f"{result.count(status)} {status}" for status in STATUSES if result.count(status)]
    segments = sum(1 for persona in result.personas if persona.document == "segment")
    personas = len(result.personas) - segments
    head = plural(personas, "persona")
    if segments:
        head = (
            f"{head} and {plural(segments, 'segment')}" if personas else plural(segments, "segment")
        )
    return f"{head}: {', '.join(counted)}." if counted else f"{head}."


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "-"


class JsonAgeReporter:
    """`{"version": 1, "now": DATE, "personas": [...]}`: a stable shape for scripts."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: AgeResult) -> None:
        document = {
            "version": 1,
            "now": result.now.isoformat(),
            "personas": [persona.as_dict() for persona in result.personas],
        }
        self.stream.write(escape_json(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")


class TextAgeReporter:
    """Rows grouped by owner, each with a bar of its age against its limit (`│`)."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        from persona_cli.reporters.console import LineWriter

        self.out = LineWriter(stream, color=color)

    def report(self, result: AgeResult) -> None:
        out = self.out
        out.line(
            (
                f"Persona ages on {result.now.isoformat()} (days since the last change of "
                "meaning or review; │ marks each persona's interval_days)",
                "bold",
            )
        )
        width = max((len(p.id) for p in result.personas), default=0)
        for label, rows in by_owner(result):
            out.line()
            out.line((reveal(label), "bold"))
            for persona in rows:
                out.line(*self.row(persona, width))
        out.line()
        out.line((summary_line(result), "bold"))
        out.flush()

    @staticmethod
    def bar(persona: PersonaAge) -> list[Piece]:
        """`████████░░░░│` scaled so the limit mark sits at BAR_WIDTH; a stale bar runs past
        it (cut with `»` beyond OVERFLOW cells). Every character is one cell wide."""
        age = max(persona.age_days or 0, 0)
        cells = round(age / persona.interval_days * BAR_WIDTH)
        style = AGE_STYLE[persona.status]
        inside = min(cells, BAR_WIDTH)
        pieces: list[Piece] = [("█" * inside, style)]
        aging_mark = round(BAR_WIDTH * AGING_SHARE)
        for position in range(inside, BAR_WIDTH):
            pieces.append(("┊" if position == aging_mark else "·", "dim"))
        pieces.append(("│", "bold"))
        over = cells - BAR_WIDTH
        if over > 0:
            pieces.append(("█" * min(over, OVERFLOW), style))
            if over > OVERFLOW:
                pieces.append(("»", style))
        return pieces

    def row(self, persona: PersonaAge, width: int) -> list[Piece]:
        pieces: list[Piece] = ["  ", persona.id.ljust(width), "  "]
        style = AGE_STYLE[persona.status]
        if persona.age_days is None:
            pieces.append((persona.status.ljust(11), style))
            pieces.append((f" {persona.reason or _WHY[persona.status]}", "dim"))
            if persona.last_reviewed:
                pieces.append((f" (reviewed {persona.last_reviewed.isoformat()})", "dim"))
            return pieces
        bar = self.bar(persona)
        drawn = sum(len(text) for text, _ in (p for p in bar if isinstance(p, tuple)))
        pieces += bar
        pieces.append(" " * (BAR_WIDTH + OVERFLOW + 2 - drawn))
        pieces.append(f" {persona.age_days:>5} / {persona.interval_days} days  ")
        pieces.append((persona.status.ljust(6), style))
        pieces.append(
            (
                f"  changed {_iso(persona.last_changed)}  reviewed {_iso(persona.last_reviewed)}",
                "dim",
            )
        )
        return pieces


class MarkdownAgeReporter:
    """A table for a pull-request comment or a wiki page, oldest first."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: AgeResult) -> None:
        from persona_cli.reporters.markdown import cell

        out = [
            f"## Persona ages on {result.now.isoformat()}",
            "",
            summary_line(result),
            "",
            "| persona | owners | age (days) | limit | status | last changed | last reviewed |",
            "| --- | --- | ---: | ---: | --- | --- | --- |",
        ]
        for persona in result.personas:
            age = "" if persona.age_days is None else str(persona.age_days)
            status = f"**{persona.status}**" if persona.status == "stale" else persona.status
            if persona.reason:
                status = f"{status} ({cell(persona.reason)})"
            out.append(
                f"| `{cell(persona.id)}` | {cell(', '.join(persona.owners) or '-')} | {age} "
                f"| {persona.interval_days} | {status} | {_iso(persona.last_changed)} "
                f"| {_iso(persona.last_reviewed)} |"
            )
        self.stream.write("\n".join(out) + "\n")


class GithubAgeReporter:
    """`::warning file=...::` for each stale or aging persona (shown on the file in the pull
    request), then the summary line in the job log."""

    TITLES: ClassVar[dict[str, str]] = {"stale": "stale persona", "aging": "aging persona"}

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: AgeResult) -> None:
        from persona_cli.reporters.github import escape_data, escape_property

        for persona in result.personas:
            if persona.reason:  # no age at all, and not for the usual reasons: say why
                self.stream.write(
                    f"::warning file={escape_property(persona.path)},"
                    f"title={escape_property(f'{persona.document} age unknown')}::"
                    f"{escape_data(f'{persona.id}: {persona.reason}')}\n"
                )
                continue
            title = self.TITLES.get(persona.status)
            if title is None or persona.refreshed is None:
                continue
            title = title.replace("persona", persona.document)  # "stale segment" for a segment
            limit = persona.interval_days
            message = (
                f"{persona.id} was last refreshed on {persona.refreshed.isoformat()}, "
                f"{persona.age_days} days ago (limit {limit}): review it against new evidence "
                "and update review.last_reviewed"
            )
            self.stream.write(
                f"::warning file={escape_property(persona.path)},"
                f"title={escape_property(title)}::{escape_data(message)}\n"
            )
        self.stream.write(summary_line(result) + "\n")


def log_text(result: LogResult) -> str:
    """`persona log` for humans: one header line per commit (short sha, committer date in the
    committer's offset, author, subject) and the indented one-line summary under it. A
    deleted persona's first line names the commit that deleted it."""
    entries = list(result.entries)
    if result.state == "deleted" and entries and entries[0].kind == "deleted":
        out = [f"{result.id}: deleted in {_commit_line(entries.pop(0))}"]
        out.append(f"  last at {result.path}")
    else:
        out = [f"{result.id} ({result.path})"]
    if result.state == "untracked":
        out.append("  never committed: add and commit it to start its history")
    if result.uncommitted is not None:
        out.append(f"  uncommitted: {result.uncommitted}")
    elif result.state == "uncommitted" and entries:
        out.append("  new, not committed yet; earlier lives of this id follow")
    for entry in entries:
        out.append(_commit_line(entry))
        out.append(f"         {entry.summary}")
    if not result.entries and result.state != "untracked":
        out.append("  no commit changed its meaning (--all shows every commit that touched it)")
    # Subjects and authors come from commits, summaries from persona text: hidden characters
    # show as `<U+202E>`.
    return reveal("\n".join(out)) + "\n"


def _commit_line(entry: LogEntry) -> str:
    when = entry.committed.strftime("%Y-%m-%d %H:%M %z")
    merge = " (merge)" if entry.merge else ""
    return f"{entry.sha[:7]}  {when}  {entry.author}  {entry.subject}{merge}"


#: `--format` name -> reporter class; the CLI's choices are these keys.
AGE_REPORTERS: dict[str, type[AgeReporter]] = {
    "text": TextAgeReporter,
    "json": JsonAgeReporter,
    "markdown": MarkdownAgeReporter,
    "github": GithubAgeReporter,
}
