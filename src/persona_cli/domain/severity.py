"""How serious a finding is. Apart from the result records (`result.py`), so that the
settings, which every command reads, name a severity without creating those records."""

from __future__ import annotations

from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= fail_level` decides the exit code."""

    info = 1
    warning = 2
    error = 3

    def __str__(self) -> str:
        return self.name
