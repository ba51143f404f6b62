"""Result objects shared by the cores and the reporters. No printing here."""

from __future__ import annotations

from dataclasses import dataclass, field

# Defined apart, so that the settings can name a severity without these records.
from persona_cli.domain.severity import Severity as Severity  # noqa: PLC0414


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
    #: The field the finding is about, dotted with list indexes (`lenses.sales.objections[0]`);
    #: None for a finding about the file or its text (a YAML error, a line, a comment). A lint
    #: baseline matches findings by it rather than by line.
    field_path: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


def field_path_of(path: tuple[str | int, ...]) -> str | None:
    """`('lenses', 'sales', 'objections', 0)` as `lenses.sales.objections[0]`; None for ()."""
    out = ""
    for element in path:
        out += f"[{element}]" if isinstance(element, int) else (f".{element}" if out else element)
    return out or None


@dataclass(frozen=True, slots=True)
class PersonaScore:
    """How complete one persona is: the share of applicable fields that are filled.

    `parts` has one share per applicable group: `emotional` (whole-person fields), `risk`
    (decision and lens risk fields), one per team lens the persona's kind needs
    (`marketing`, `sales`, `product`, `support`), `internal` for a colleague, and
    `evidence` (every kind). `completeness` is the share over all of those fields together.
    Shares are between 0 and 1."""

    path: str
    id: str
    name: str
    kind: str
    status: str
    completeness: float
    parts: dict[str, float]
    #: Applicable fields that are missing or empty, as dotted paths.
    missing: tuple[str, ...] = ()
    #: The teams the persona is written for (its `teams` or the config's default); None
    #: when its kind decides which fields apply.
    teams: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class BaselineEntry:
    """One entry of a lint baseline: `count` findings of rule `code` on `field` (None: the
    whole file) of `file`, a POSIX path relative to the baseline's folder. List indexes in
    `field` are written `[]`, so an item inserted above does not change the entries below."""

    file: str
    code: str
    field: str | None
    count: int = 1
    #: The file as this run shows paths (relative to the current folder), when it was linted.
    path: str | None = None


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What a lint baseline did to a run: the findings it accepted (left out of `findings`)
    and its entries that no longer match a finding (fixed, moved or renamed)."""

    #: The baseline file as the user named it (option) or as found (configuration).
    file: str
    baselined: tuple[Finding, ...] = ()
    stale: tuple[BaselineEntry, ...] = ()
    #: The command that drops the stale entries from the file.
    prune_command: str = "persona lint --prune-baseline"

    @property
    def stale_count(self) -> int:
        return sum(entry.count for entry in self.stale)


@dataclass(slots=True)
class LintResult:
    """What `persona lint` found across a set of files."""

    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    #: One score per persona that validated (retired ones included), sorted by path.
    personas: list[PersonaScore] = field(default_factory=list)
    #: Set when a lint baseline was applied: the findings above are those not in it.
    baseline: BaselineOutcome | None = None

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_level: Severity | None) -> bool:
        """True when a finding is at or above `fail_level` (None: never fail)."""
        if fail_level is None:
            return False
        return any(f.severity >= fail_level for f in self.findings)
