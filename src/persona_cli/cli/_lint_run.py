"""The work behind `persona lint` that is not option parsing: formats, overrides and report
writing (the files come from the load stage, `load.sources`). Imported when the command
runs, never for `--help`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain.errors import UsageError
from persona_cli.reporters import LINT_REPORTERS

if TYPE_CHECKING:
    from persona_cli.cli._report_targets import Protected
    from persona_cli.domain.result import LintResult
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings


@dataclass(frozen=True, slots=True)
class ReportOutput:
    """One report of `persona lint`: its format, its file (None: stdout), and how the user
    asked for it (for messages)."""

    name: str
    file: Path | None
    spelled: str


def parse_formats(
    values: list[str] | None, output: Path | None, *, cwd: Path | None = None
) -> list[ReportOutput]:
    """`--format NAME` or `--format NAME:FILE`, repeatable; `--output` applies to a lone one.
    Two reports to one file are refused here, before any work."""
    from persona_cli.cli._report_targets import ReportTarget, check_distinct

    if not values:
        default = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        values = [default]
    chosen: list[ReportOutput] = []
    for value in values:
        name, colon, file = value.partition(":")
        if name not in LINT_REPORTERS:
            raise UsageError(
                f"--format: '{name}' is not one of {', '.join(LINT_REPORTERS)}",
                hint="write a file with NAME:FILE, e.g. --format sarif:results.sarif",
            )
        if colon and not file.strip():  # `-f sarif:$UNSET`: not a request for stdout
            raise UsageError(
                f"--format {value}: an empty file name was given",
                hint=f"write NAME:FILE, or --format {name} for stdout",
            )
        # `NAME:-` prints, as `-o -` does: stdout, never a file named `-`. The shell expands
        # `~` only at the start of a word, so `json:~/r.json` arrives as is: expand it here
        # rather than make a folder named `~` (os.path: Path.expanduser raises without a home).
        target = Path(os.path.expanduser(file)) if colon and file != "-" else None  # noqa: PTH111
        chosen.append(ReportOutput(name, target, f"--format {value}"))
    lone = chosen[0].name if len(chosen) == 1 and chosen[0].file is None else None
    if output is not None and lone is not None and chosen[0].spelled.endswith(":-"):
        raise UsageError(
            f"{chosen[0].spelled} sends the report to stdout and --output {output} to a file",
            hint="keep one of them",
        )
    targets = [ReportTarget(item.spelled, item.name, item.file) for item in chosen if item.file]
    if output is not None:
        spelled = f"--output {output}" + (f" ({lone})" if lone else "")
        targets.append(ReportTarget(spelled, lone or "text", output))
    check_distinct(targets, cwd=cwd or Path.cwd())
    if output is not None:
        if lone is None:
            raise UsageError(
                "--output applies to a single --format",
                hint="with several formats, give each its file as NAME:FILE",
            )
        chosen = [ReportOutput(lone, output, f"--output {output} ({lone})")]
    to_stdout = [item.name for item in chosen if item.file is None]
    if len(to_stdout) > 1:
        raise UsageError(
            f"formats {', '.join(to_stdout)} would all print to stdout",
            hint="send all but one to files with NAME:FILE",
        )
    return chosen


def check_report_files(
    outputs: list[ReportOutput],
    *,
    inputs: list[SourceFile],
    context: list[SourceFile],
    config: Path | None,
    cwd: Path,
) -> None:
    """Refuse, before linting, a report file that is an input, a persona or segment file of
    the configured set, the configuration, or any YAML file."""
    from persona_cli.cli._report_targets import ReportTarget, check_report_targets

    targets = [ReportTarget(item.spelled, item.name, item.file) for item in outputs if item.file]
    check_report_targets(targets, protected_files(inputs, context, config), cwd=cwd)


def protected_files(
    inputs: list[SourceFile], context: list[SourceFile], config: Path | None
) -> list[Protected]:
    """What no file lint writes (a report, a baseline) may replace: the inputs, the rest of
    the configured set, and the configuration."""
    from persona_cli.cli._report_targets import Protected

    return [
        Protected("a persona or segment file (an input)", [source.path for source in inputs]),
        Protected(
            "a persona or segment file in the configured paths",
            [source.path for source in context],
        ),
        Protected("the configuration file", [config] if config is not None else []),
    ]


def split_codes(values: list[str] | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    return tuple(code.strip() for value in values for code in value.split(",") if code.strip())


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--now: '{value}' is not a date; use YYYY-MM-DD") from None


def with_overrides(
    settings: Settings,
    *,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    extend_select: tuple[str, ...] | None,
    fail_on: str | None,
    include_retired: bool | None,
) -> Settings:
    import dataclasses

    from persona_cli.lint.rules.catalogue import REGISTRY

    changes: dict[str, Any] = {}
    for key, value in (("select", select), ("ignore", ignore), ("extend_select", extend_select)):
        if value is None:
            continue
        for selector in value:
            if selector != "ALL" and not any(c.startswith(selector.upper()) for c in REGISTRY):
                raise UsageError(
                    f"--{key.replace('_', '-')}: no rule or prefix '{selector}'",
                    hint="run 'persona rule --all' for the codes",
                )
        changes[key] = value
    if fail_on is not None:
        changes["fail_on"] = fail_on
    if include_retired is not None:
        changes["include_retired"] = include_retired
    if not changes:
        return settings
    sources = dict(settings.sources)
    for key in changes:
        sources[key] = f"--{key.replace('_', '-')}"
    return dataclasses.replace(settings, **changes, sources=sources)


def write_reports(result: LintResult, formats: list[ReportOutput], color: bool | None) -> None:
    """Each report to stdout or its file; a file is written whole or not at all (atomically)."""
    import io

    from persona_cli import reporters
    from persona_cli.cli._report_targets import write_report

    for output in formats:
        reporter_class = reporters.get(output.name)
        if output.file is None:
            reporter_class(sys.stdout, color=color).report(result)
            continue
        buffer = io.StringIO()
        reporter_class(buffer, color=False).report(result)
        write_report(output.file, buffer.getvalue())
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and any(output.name == "github" for output in formats):
        from persona_cli.reporters.github import step_summary

        try:
            with Path(summary).open("a", encoding="utf-8") as stream:
                stream.write(step_summary(result))
        except OSError as failure:
            raise UsageError(
                f"GITHUB_STEP_SUMMARY={summary}: cannot append: {failure.strerror or failure}"
            ) from None
