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


@dataclass(frozen=True, slots=True)
class PersonaScore:
    """How complete one persona is: the share of applicable fields that are filled.

    `parts` has one share per applicable group: `emotional` (whole-person fields), `risk`
    (decision and lens risk fields) and one per team lens the persona's kind needs
    (`marketing`, `sales`, `product`, `support`). `completeness` is the share over all of
    those fields together. Shares are between 0 and 1."""

    path: str
    id: str
    name: str
    kind: str
    status: str
    completeness: float
    parts: dict[str, float]
    #: Applicable fields that are missing or empty, as dotted paths.
    missing: tuple[str, ...] = ()


@dataclass(slots=True)
class LintResult:
    """What `persona lint` found across a set of files."""

    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: One score per persona that validated (retired ones included), sorted by path.
    personas: list[PersonaScore] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_level: Severity | None) -> bool:
        """True when a finding is at or above `fail_level` (None: never fail)."""
        if fail_level is None:
            return False
        return any(f.severity >= fail_level for f in self.findings)
