"""`--format github`: GitHub Actions workflow commands, so findings show up as annotations on
the pull request's diff.

    ::error file=personas/carla.yaml,line=8,col=3,title=S002 unknown-key::unknown key 'fers'

GitHub keeps only a handful of annotations per step (10 errors and 10 warnings), so a file
with many findings would hide every other file's. We annotate at most `ANNOTATION_LIMIT` per
severity per file and print one plain line for the rest of that file, pointing at a local run.

`step_summary()` renders the same result as Markdown for `$GITHUB_STEP_SUMMARY`; the CLI appends
it to that file.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from persona_cli.domain.hidden import reveal
from persona_cli.domain.result import Finding, LintResult, Severity
from persona_cli.reporters import _baseline as baselines
from persona_cli.reporters.markdown import cell, file_rows, percent, plural, totals, verdict

#: Annotations per severity per file; the rest are counted in one plain line.
ANNOTATION_LIMIT = 10

_COMMAND = {Severity.error: "error", Severity.warning: "warning", Severity.info: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message, as `@actions/core` does: the runner decodes these three, and
    a raw newline would end the command early. Hidden characters (a bidirectional override
    quoted from a persona) are shown as `<U+202E>`: the annotation sits on the diff."""
    return reveal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus `:` and `,`, which separate the properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command; line and column are left out for whole-file findings (line 0)."""
    properties = [f"file={escape_property(finding.path)}"]
    if finding.line > 0:
        properties.append(f"line={finding.line}")
        if finding.column > 0:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(f'{finding.code} {finding.rule}')}")
    return f"::{_COMMAND[finding.severity]} {','.join(properties)}::{escape_data(finding.message)}"


def summary_line(result: LintResult) -> str:
    """The same wording as the text reporter's last line, without rich."""
    files = plural(result.files, "file")
    if not result.findings:
        return f"All checks passed: {files}, no problems."
    counts = [
        plural(result.count(severity), severity.name)
        for severity in (Severity.error, Severity.warning, Severity.info)
        if result.count(severity)
    ]
    affected = len({f.path for f in result.findings})
    return (
        f"Found {plural(len(result.findings), 'problem')} ({', '.join(counts)}) "
        f"in {affected} of {files}."
    )


class GithubReporter:
    """Writes workflow commands, capped per file, then a plain summary line."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    def report(self, result: LintResult) -> None:
        write = self.stream.write
        for path, findings in groupby(result.sorted_findings(), key=lambda f: f.path):
            shown = dict.fromkeys(Severity, 0)
            hidden = 0
            for finding in findings:
                if shown[finding.severity] < ANNOTATION_LIMIT:
                    shown[finding.severity] += 1
                    write(annotation(finding) + "\n")
                else:
                    hidden += 1
            if hidden:
                # A plain line, not a command: it must not count against the annotation cap.
                more = "more finding" if hidden == 1 else "more findings"
                write(
                    f"{reveal(path)}: {hidden} {more} not annotated "
                    "(run persona lint locally to see all)\n"
                )
        write(summary_line(result) + "\n")


def step_summary(result: LintResult) -> str:
    """Markdown for `$GITHUB_STEP_SUMMARY`: heading, totals and one row per persona, weakest
    first, so the job page says which personas need work without opening the log."""
    scored = len(result.personas)
    lines = [
        "## persona lint",
        "",
        verdict(result),
        "",
        f"{plural(result.files, 'file')} linted, {plural(scored, 'persona')} scored, "
        f"{totals(result)}.",
        "",
    ]
    if result.baseline is not None:
        lines += [cell(baselines.summary(result.baseline)), ""]
    rows = file_rows(result)
    if not rows:
        lines.append("No personas scored and no findings.")
        return "\n".join(lines) + "\n"
    lines += [
        "| persona | id | kind | status | completeness | errors | warnings |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.score is None:
            # The file did not validate: name it by path so it can still be found.
            lines.append(
                f"| {cell(row.path)} | - | - | - | not scored | {row.errors} | {row.warnings} |"
            )
            continue
        score = row.score
        lines.append(
            f"| {cell(score.name)} | {cell(score.id)} | {cell(score.kind)} "
            f"| {cell(score.status)} | {percent(score.completeness)} "
            f"| {row.errors} | {row.warnings} |"
        )
    return "\n".join(lines) + "\n"
