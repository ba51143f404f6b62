"""`persona lint`: validate and lint persona files.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which cost `--help` about 15 ms.
"""

from pathlib import Path
from typing import Annotated, Literal

import typer

from persona_cli.cli._common import (
    ColorOption,
    ConfigOption,
    PathsArgument,
    check_color,
    file_option,
    handle_errors,
)
from persona_cli.domain.errors import ExitCode
from persona_cli.reporters import LINT_REPORTERS

FailOn = Literal["error", "warning", "info", "never"]


@handle_errors
def lint(
    paths: PathsArgument = None,
    output_format: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Output format, repeatable: {', '.join(LINT_REPORTERS)}; NAME:FILE writes a "
            "file (NAME:- prints). Default: text (github under GitHub Actions).",
            autocompletion=lambda: list(LINT_REPORTERS),
        ),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the (single) report to this file (- for stdout).",
        ),
    ] = None,
    config: ConfigOption = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity [default: error]."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to run (comma-separated; replaces config)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to skip (comma-separated; replaces config)."),
    ] = None,
    extend_select: Annotated[
        list[str] | None,
        typer.Option(help="Rule codes or prefixes to run in addition to `select`."),
    ] = None,
    include_retired: Annotated[
        bool | None,
        typer.Option(
            "--include-retired/--skip-retired", help="Lint retired personas too [default: skip]."
        ),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option(
            help="Report only personas changed since this git ref (cross-file checks still "
            "see the whole set)."
        ),
    ] = None,
    now: Annotated[
        str | None,
        typer.Option(help="Judge freshness as of this date (YYYY-MM-DD) [default: today]."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
    ] = None,
    max_bytes: Annotated[
        int,
        typer.Option(min=1, help="Files larger than this many bytes are refused."),
    ] = 1024 * 1024,
    color: ColorOption = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Report and fail only on findings not recorded in this baseline (replaces "
            "`baseline` from the configuration).",
            show_default=False,
        ),
    ] = None,
    no_baseline: Annotated[
        bool,
        typer.Option("--no-baseline", help="Ignore the configured baseline: report everything."),
    ] = False,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="Record every current finding in FILE (JSON) and exit 0; entries of files "
            "not linted now are kept.",
            show_default=False,
        ),
    ] = None,
    prune_baseline: Annotated[
        bool,
        typer.Option(
            "--prune-baseline",
            help="Drop the baseline's entries that no longer match a finding (never adds).",
        ),
    ] = False,
) -> None:
    """Lint persona files: schema, whole-person and risk fields, lenses, evidence, freshness.

    With a baseline (`--baseline FILE` or `baseline` in the configuration), findings
    recorded in it are not reported and do not fail the run; they are matched by file,
    rule and field, not by line.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or config error,
    3 internal error.
    """
    from persona_cli.cli import _lint_baseline as baselines
    from persona_cli.cli._common import load_settings, warn
    from persona_cli.cli._lint_run import (
        check_report_files,
        parse_date,
        parse_formats,
        split_codes,
        with_overrides,
        write_reports,
    )
    from persona_cli.io.config import config_path
    from persona_cli.lint.engine import Engine
    from persona_cli.lint.engine import lint as run_lint
    from persona_cli.load.sources import select_sources

    cwd = Path.cwd()
    formats = parse_formats(output_format, file_option(output, "--output"), cwd=cwd)
    check_color(color, next((item.name for item in formats if item.file is None), None))
    today = parse_date(now)
    settings = with_overrides(
        load_settings(config=config, cwd=cwd),
        select=split_codes(select),
        ignore=split_codes(ignore),
        extend_select=split_codes(extend_select),
        fail_on=fail_on,
        include_retired=include_retired,
    )
    chosen = baselines.plan(
        option=baseline,
        no_baseline=no_baseline,
        write=write_baseline,
        prune=prune_baseline,
        settings=settings,
        cwd=cwd,
    )
    if write_baseline is not None and (output_format or output):
        warn("--format and --output do nothing with --write-baseline: no report is written")
    targets, context = select_sources(paths, settings, cwd, segments=True)
    found_config = config_path(config=config, cwd=cwd)
    check_report_files(formats, inputs=targets, context=context, config=found_config, cwd=cwd)
    baselines.check_write_target(
        chosen, inputs=targets, context=context, config=found_config, cwd=cwd
    )
    if changed_since is not None:
        from persona_cli.git import changed_files
        from persona_cli.io.discovery import key_of

        changed = changed_files(changed_since, cwd=cwd)
        targets = [s for s in targets if key_of(s.path) in changed]
    engine = Engine.build(settings, today=today, max_bytes=max_bytes)
    found = run_lint(targets, engine=engine, context=context, jobs=jobs)
    result = baselines.finish(chosen, found, linted=targets, settings=settings, cwd=cwd)
    if result is None:  # --write-baseline: the findings are in the file
        return
    write_reports(result, formats, color)
    if result.fails(settings.fail_level()):
        raise typer.Exit(int(ExitCode.FINDINGS))
