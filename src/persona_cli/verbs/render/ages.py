"""Each persona's freshness from git, as templates see it (`age`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.verbs.age import AgeResult


def ages(result: AgeResult) -> dict[str, dict[str, Any]]:
    """The freshness record templates see as `age`, by persona id."""
    return {
        row.id: {
            "status": row.status,
            "age_days": row.age_days,
            "interval_days": row.interval_days,
            "last_changed": row.last_changed,
            "last_reviewed": row.last_reviewed,
            "refreshed": row.refreshed,
        }
        for row in result.personas
    }


def freshness(
    sources: Sequence[SourceFile], *, now: dt.date, include_retired: bool = True
) -> dict[str, dict[str, Any]] | None:
    """Each persona's age from git, or None when the files are not inside a repository."""
    if not sources:
        return None
    from persona_cli.domain.errors import GitError
    from persona_cli.verbs.age import age

    try:
        result = age(
            sources,
            now=now,
            cwd=sources[0].path.resolve().parent,
            include_retired=include_retired,
        )
    except GitError:
        return None
    return ages(result)
