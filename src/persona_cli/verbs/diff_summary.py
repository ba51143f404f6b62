"""Summaries of semantic changes: counts per section, one line per persona, marks.

Reporters and `persona log` word changes through these, so a diff and a log line agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from persona_cli.verbs.diff_changes import Change

_SYMBOL: Final = {"added": "+", "removed": "-", "changed": "~", "reordered": "~"}


def summarise(changes: Iterable[Change]) -> dict[str, dict[str, int]]:
    """Counts per section and kind (`refresh` counted apart from `changed`), in the order
    sections first appear. The whole-persona changes are under the section ""."""
    out: dict[str, dict[str, int]] = {}
    for change in changes:
        counts = out.setdefault(change.section, {})
        kind = "refresh" if change.class_ == "refresh" else change.kind
        counts[kind] = counts.get(kind, 0) + 1
    return out


def section_summary(changes: list[Change]) -> str:
    """One line for one persona's changes, e.g.
    `renamed, whole_person +2 -1, lenses.sales ~1, review refresh`."""
    parts: list[str] = []
    for section, counts in summarise(changes).items():
        if not section:
            words = {"added": "added", "removed": "deleted", "renamed": "renamed"}
            parts.extend(words.get(kind, kind) for kind in counts)
            continue
        marks = [
            f"{symbol}{total}"
            for symbol, total in (
                ("+", counts.get("added", 0)),
                ("-", counts.get("removed", 0)),
                ("~", counts.get("changed", 0) + counts.get("reordered", 0)),
            )
            if total
        ]
        if counts.get("refresh"):
            marks.append("refresh")
        parts.append(f"{section} {' '.join(marks)}")
    return ", ".join(parts)


def symbol(kind: str) -> str:
    """The one-character mark reporters put before a change."""
    return _SYMBOL.get(kind, "!" if kind == "unreadable" else ">")
