"""`persona lint`'s work, without typer: the typer command (`cli.lint`) parses the options
and calls `run`; `cli.main` calls it directly for `persona lint [PATH...]` (no option: what
pre-commit and an editor on save run), so that run never imports typer. `run`'s defaults are
the command's, which tests/test_fast_path.py checks against typer's parse.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from persona_cli.domain.errors import ExitCode

FailOn = Literal["error", "warning", "info", "never"]


def run(
    *,
    paths: list[str] | None = None,
    output_format: list[str] | None = None,
    output: str | None = None,
    config: Path | None = None,
    fail_on: FailOn | None = None,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    extend_select: list[str] | None = None,
    include_retired: bool | None = None,
    changed_since: str | None = None,
    now: str | None = None,
    jobs: int | None = None,
    max_bytes: int = 1024 * 1024,
    color: bool | None = None,
    baseline: Path | None = None,
    no_baseline: bool = False,
    write_baseline: Path | None = None,
    prune_baseline: bool = False,
) -> int:
    """Lint, report, and return the exit code (0 clean, 1 findings at or above fail-on)."""
    from persona_cli.cli import _lint_baseline as baselines
    from persona_cli.cli._lint_run import (
        check_report_files,
        parse_date,
        parse_formats,
        split_codes,
        with_overrides,
        write_reports,
    )
    from persona_cli.cli._plain import check_color, file_option, load_settings, warn
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
        return int(ExitCode.OK)
    write_reports(result, formats, color)
    if result.fails(settings.fail_level()):
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)
