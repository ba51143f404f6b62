"""How every report words a lint baseline's outcome, so the formats agree. Standard library
only: the Markdown reporter must not pay for rich."""

from __future__ import annotations

from typing import Any

from persona_cli.domain.result import BaselineEntry, BaselineOutcome


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def summary(outcome: BaselineOutcome) -> str:
    """`12 findings baselined (persona-baseline.json); 3 baseline entries no longer match:
    run `persona lint --prune-baseline` to drop them`."""
    line = f"{_plural(len(outcome.baselined), 'finding')} baselined ({outcome.file})"
    if not outcome.stale:
        return line + "."
    stale = outcome.stale_count
    verb = "matches" if stale == 1 else "match"
    return (
        f"{line}; {_plural(stale, 'baseline entry', 'baseline entries')} no longer {verb}: "
        f"run `{outcome.prune_command}` to drop {'it' if stale == 1 else 'them'}"
    )


def stale_line(entry: BaselineEntry) -> str:
    """`personas/cfo.yaml: W003 whole_person.fears (x2)`; a whole-file entry says so."""
    where = entry.field if entry.field is not None else "(whole file)"
    times = f" (x{entry.count})" if entry.count > 1 else ""
    return f"{entry.path or entry.file}: {entry.code} {where}{times}"


def as_dict(outcome: BaselineOutcome) -> dict[str, Any]:
    """The outcome as JSON and SARIF write it (findings apart: each format has its shape)."""
    return {
        "file": outcome.file,
        "baselined": len(outcome.baselined),
        "stale": [
            {
                "file": entry.file,
                "path": entry.path,
                "code": entry.code,
                "field": entry.field,
                "count": entry.count,
            }
            for entry in outcome.stale
        ],
    }
