"""`--format markdown`: a summary to post as a pull-request comment.

Reviewers read it on GitHub, so it leads with a verdict and the weakest personas, and folds the
findings of each file into a `<details>` block that does not drown the conversation. Only the
standard library is used: CI jobs that post comments should not pay for rich.

The helpers here (cell escaping, percentages, per-file rows) are shared with the GitHub step
summary, so both Markdown views of one result agree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TextIO

from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import Finding, LintResult, PersonaScore, Severity
from persona_cli.reporters import _baseline as baselines

#: Width of the completeness bar in characters.
BAR_WIDTH = 10


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`: the same wording as the text reporter's summary."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def cell(text: str) -> str:
    """Make text safe inside one Markdown table cell.

    A `|` would end the cell and a newline the row; `<` and `&` would be read as HTML by
    GitHub (a message quoting `<details>` must not open a block). Hidden characters show
    as `<U+202E>`."""
    escaped = html.escape(reveal(text), quote=False).replace("|", "\\|")
    return escaped.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def percent(share: float) -> str:
    """A share between 0 and 1 as a whole percentage, e.g. `85%`."""
    return f"{share:.0%}"


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """A text bar such as `████░░░░░░`: readable in any font, no images to host."""
    # Round half up (not Python's half-to-even) so 0.45 shows 5 of 10 cells, like the percentage.
    filled = min(width, max(0, int(share * width + 0.5)))
    return "█" * filled + "░" * (width - filled)


@dataclass(frozen=True, slots=True)
class FileRow:
    """One linted file that we can name: its persona score (None when the file did not
    validate) and its finding counts."""

    path: str
    score: PersonaScore | None
    errors: int
    warnings: int
    infos: int

    @property
    def problems(self) -> int:
        return self.errors + self.warnings + self.infos


def file_rows(result: LintResult) -> list[FileRow]:
    """Every scored persona and every file with findings, weakest first.

    Files without a score (they failed to load or validate) come first: they are the worst
    off. Then personas by completeness ascending; ties break on path for stable output."""
    counts: dict[str, dict[Severity, int]] = {}
    for finding in result.findings:
        per_file = counts.setdefault(finding.path, dict.fromkeys(Severity, 0))
        per_file[finding.severity] += 1
    scores = {score.path: score for score in result.personas}
    rows = []
    for path in sorted(set(counts) | set(scores)):
        per_file = counts.get(path, dict.fromkeys(Severity, 0))
        rows.append(
            FileRow(
                path=path,
                score=scores.get(path),
                errors=per_file[Severity.error],
                warnings=per_file[Severity.warning],
                infos=per_file[Severity.info],
            )
        )
    return sorted(rows, key=lambda row: (row.score.completeness if row.score else -1.0, row.path))


def totals(result: LintResult) -> str:
    """`3 errors, 1 warning` (infos only when present), as used in verdicts."""
    parts = [
        plural(result.count(Severity.error), "error"),
        plural(result.count(Severity.warning), "warning"),
    ]
    if infos := result.count(Severity.info):
        parts.append(plural(infos, "info"))
    return ", ".join(parts)


def verdict(result: LintResult) -> str:
    """One line a reviewer can stop at: ✅ when nothing at warning level or above, else ❌."""
    files = plural(result.files, "file")
    blocking = result.count(Severity.error) + result.count(Severity.warning)
    if not blocking:
        infos = result.count(Severity.info)
        note = f" ({plural(infos, 'info')})" if infos else ""
        return f"✅ Clean: no errors or warnings in {files}{note}."
    affected = len({f.path for f in result.findings})
    return f"❌ {totals(result)} in {affected} of {files}."


def _location(finding: Finding) -> str:
    if finding.line == 0:
        return "-"
    return f"{finding.line}:{finding.column}" if finding.column else str(finding.line)


class MarkdownReporter:
    """Writes a pull-request comment: title, verdict, persona table, folded findings."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: LintResult) -> None:
        self.stream.write(self.render(result))

    @staticmethod
    def render(result: LintResult) -> str:
        lines = ["## Persona lint", "", verdict(result), ""]
        if result.baseline is not None:
            lines += [cell(baselines.summary(result.baseline)), ""]
        rows = file_rows(result)
        if rows:
            lines += [
                "| persona | kind | status | completeness | problems |",
                "| --- | --- | --- | --- | ---: |",
            ]
            for row in rows:
                if row.score is None:
                    # The file never validated, so there is nothing to score.
                    lines.append(f"| {cell(row.path)} | - | - | not scored | {row.problems} |")
                    continue
                score = row.score
                lines.append(
                    f"| {cell(score.name)} | {cell(score.kind)} | {cell(score.status)} "
                    f"| `{bar(score.completeness)}` {percent(score.completeness)} "
                    f"| {row.problems} |"
                )
            lines.append("")

        by_path: dict[str, list[Finding]] = {}
        for finding in result.sorted_findings():
            by_path.setdefault(finding.path, []).append(finding)
        for path, findings in by_path.items():
            lines += [
                "<details>",
                f"<summary>{html.escape(reveal(path))} ({len(findings)})</summary>",
                "",
                "| code | line | severity | message |",
                "| --- | --- | --- | --- |",
            ]
            lines += [
                f"| {cell(f.code)} | {_location(f)} | {f.severity} | {cell(f.message)} |"
                for f in findings
            ]
            lines += ["", "</details>", ""]
        return "\n".join(lines).rstrip("\n") + "\n"
