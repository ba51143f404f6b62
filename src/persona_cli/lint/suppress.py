"""`# persona: ignore[CODE, ...] reason` comments: parse them and apply them to findings.

A comment at the end of a line applies to that line; a comment on a line of its own applies
to the next line with content; comments before the first line of content apply to the
whole file. The reason is required (U001), a suppression that suppresses nothing is
reported (U002), and so is an unknown code (U003). Codes may be given as codes or names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from persona_cli.domain.result import Finding, Severity
from persona_cli.lint.rules import suppressions as rules
from persona_cli.lint.rules.catalogue import lookup

_COMMENT = re.compile(r"(?:^|\s)#\s*persona:\s*ignore\[(?P<codes>[^\]]*)\](?P<reason>.*)$")
_CONTENT = re.compile(r"^\s*[^\s#]")


@dataclass(frozen=True, slots=True)
class Suppression:
    line: int  # where the comment is (1-based)
    column: int
    target: int | None  # the line it applies to; None for the whole file
    codes: tuple[str, ...]  # as written
    reason: str


def parse(text: str) -> tuple[Suppression, ...]:
    found: list[Suppression] = []
    pending: list[tuple[int, int, tuple[str, ...], str]] = []
    seen_content = False
    for number, line in enumerate(text.splitlines(), start=1):
        if "persona:" in line:
            match = _COMMENT.search(line)
            if match:
                codes = tuple(c.strip() for c in match.group("codes").split(",") if c.strip())
                reason = match.group("reason").strip()
                column = match.start() + (0 if line[match.start()] == "#" else 1) + 1
                standalone = line.lstrip().startswith("#")
                if not standalone:
                    found.append(Suppression(number, column, number, codes, reason))
                elif not seen_content:
                    found.append(Suppression(number, column, None, codes, reason))
                else:
                    pending.append((number, column, codes, reason))
                if not standalone:
                    seen_content = True
                    _flush(pending, number, found)
                continue
        if _CONTENT.match(line) and line.strip() != "---":
            seen_content = True
            _flush(pending, number, found)
    _flush(pending, None, found)
    return tuple(found)


def _flush(
    pending: list[tuple[int, int, tuple[str, ...], str]],
    target: int | None,
    found: list[Suppression],
) -> None:
    for number, column, codes, reason in pending:
        # A trailing standalone comment with no content after it applies to nothing.
        found.append(Suppression(number, column, target if target else -1, codes, reason))
    pending.clear()


@dataclass(slots=True)
class _State:
    suppression: Suppression
    codes: dict[str, str] = field(default_factory=dict)  # resolved code -> as written
    used: set[str] = field(default_factory=set)


def apply(
    findings: list[Finding],
    suppressions: tuple[Suppression, ...],
    path: str,
    severity_of: dict[str, Severity] | None = None,
) -> list[Finding]:
    """Drop suppressed findings of one file; add U findings about the comments themselves."""
    if not suppressions:
        return findings
    states: list[_State] = []
    extra: list[Finding] = []
    for suppression in suppressions:
        state = _State(suppression)
        for written in suppression.codes:
            rule = lookup(written)
            if rule is None:
                extra.append(
                    rules.UnknownSuppressionCode.finding(
                        path,
                        suppression.line,
                        suppression.column,
                        f"ignore[{written}] names no rule; run 'persona rule --all' for codes",
                    )
                )
            else:
                state.codes[rule.code] = written
        if not suppression.reason:
            extra.append(
                rules.SuppressionWithoutReason.finding(
                    path,
                    suppression.line,
                    suppression.column,
                    "this suppression gives no reason; add one after the bracket, "
                    "e.g. '# persona: ignore[W001] interviews scheduled for March'",
                )
            )
        states.append(state)
    kept: list[Finding] = []
    for finding in findings:
        match = next(
            (
                state
                for state in states
                if finding.code in state.codes and state.suppression.target in (None, finding.line)
            ),
            None,
        )
        if match is None:
            kept.append(finding)
        else:
            match.used.add(finding.code)
    for state in states:
        for code, written in state.codes.items():
            if code not in state.used:
                extra.append(
                    rules.UnusedSuppression.finding(
                        path,
                        state.suppression.line,
                        state.suppression.column,
                        f"ignore[{written}] suppresses nothing here; remove it",
                    )
                )
    if severity_of:
        extra = [_regrade(f, severity_of) for f in extra]
    return kept + extra


def _regrade(finding: Finding, severity_of: dict[str, Severity]) -> Finding:
    severity = severity_of.get(finding.code)
    if severity is None or severity == finding.severity:
        return finding
    return Finding(
        finding.path,
        finding.line,
        finding.column,
        finding.code,
        finding.rule,
        severity,
        finding.message,
        finding.context,
    )
