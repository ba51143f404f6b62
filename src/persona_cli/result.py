"""Result objects shared by the cores and the reporters. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum


class Severity(IntEnum):
    """Ordered so that `severity >= fail_level` decides the exit code."""

    info = 1
    warning = 2
    error = 3

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. Line and column are 1-based; 0 means "whole file"."""

    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    # A code frame (source lines with a caret) for human output; never serialised to JSON.
    context: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


@dataclass(slots=True)
class LintResult:
    """What `persona lint` found across a set of files."""

    files: int = 0
    findings: list[Finding] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_level: Severity | None) -> bool:
        """True when a finding is at or above `fail_level` (None: never fail)."""
        if fail_level is None:
            return False
        return any(f.severity >= fail_level for f in self.findings)
