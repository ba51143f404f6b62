"""Human output: `path:line:col: CODE [severity] message`, code frames, then a summary."""

from __future__ import annotations

from typing import TextIO

from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import LintResult, Severity
from persona_cli.reporters import _baseline as baselines
from persona_cli.reporters.console import LineWriter, Piece

#: Stale baseline entries listed by name; the rest are counted (json lists them all).
STALE_LIMIT = 20
_STYLE = {Severity.error: "bold red", Severity.warning: "yellow", Severity.info: "blue"}
#: Line breaks and other control characters (from a YAML key, say) would split a finding's
#: one line; they are shown escaped, as Python's repr shows them.
_CONTROL = {code: f"\\x{code:02x}" for code in [*range(32), 127]} | {
    10: "\\n",
    13: "\\r",
    9: "\\t",
}


def one_line(text: str) -> str:
    """`text` with control characters escaped, so a finding stays on one line, and other
    hidden characters (a bidirectional override in a quoted key, say) shown as `<U+202E>`."""
    return reveal(text.translate(_CONTROL))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter:
    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.out = LineWriter(stream, color=color)

    def report(self, result: LintResult) -> None:
        out = self.out
        for finding in result.sorted_findings():
            out.line(
                (f"{one_line(finding.path)}:{finding.line}:{finding.column}:", "bold"),
                " ",
                (finding.code, _STYLE[finding.severity]),
                " ",
                (f"[{finding.severity}]", "dim"),
                f" {one_line(finding.message)}",
            )
            if finding.context:
                out.line((reveal(finding.context), "dim"))
        for line in self.completeness(result):
            out.line(line)
        out.line(self.summary(result))
        if result.baseline is not None:
            outcome = result.baseline
            out.line(one_line(baselines.summary(outcome)))
            for entry in outcome.stale[:STALE_LIMIT]:
                out.line((f"  {one_line(baselines.stale_line(entry))}", "dim"))
            if len(outcome.stale) > STALE_LIMIT:
                more = len(outcome.stale) - STALE_LIMIT
                out.line(f"  ... and {more} more (all of them in --format json)")
        out.flush()

    @staticmethod
    def completeness(result: LintResult, *, limit: int = 10) -> list[Piece]:
        """The average completeness, then the least complete personas and what they lack."""
        scores = result.personas
        if not scores:
            return []
        average = sum(s.completeness for s in scores) / len(scores)
        lines: list[Piece] = [
            (
                f"Completeness: {average:.0%} on average over {_plural(len(scores), 'persona')}"
                + ("." if average < 1 else ", every applicable field filled."),
                "bold",
            )
        ]
        incomplete = sorted(
            (s for s in scores if s.completeness < 1), key=lambda s: (s.completeness, s.path)
        )
        for score in incomplete[:limit]:
            gaps = [name for name, share in score.parts.items() if share < 1]
            lines.append(
                f"  {score.completeness:>4.0%}  {one_line(score.path)} ({score.kind}): "
                f"incomplete {', '.join(gaps)}"
            )
        if len(incomplete) > limit:
            lines.append(f"  ... and {len(incomplete) - limit} more below 100%")
        return lines

    @staticmethod
    def summary(result: LintResult) -> Piece:
        files = _plural(result.files, "file")
        if not result.findings:
            return (f"All checks passed: {files}, no problems.", "green")
        counts = [
            _plural(result.count(severity), severity.name)
            for severity in (Severity.error, Severity.warning, Severity.info)
            if result.count(severity)
        ]
        affected = len({f.path for f in result.findings})
        return (
            f"Found {_plural(len(result.findings), 'problem')} ({', '.join(counts)}) "
            f"in {affected} of {files}.",
            "bold",
        )
