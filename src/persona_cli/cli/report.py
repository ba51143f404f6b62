"""`persona report --out DIR`: a static HTML dashboard of the whole persona set.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from persona_cli.cli._common import (
    ConfigOption,
    PathsArgument,
    folder_option,
    format_option,
    handle_errors,
    say,
    warn,
)

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings

FORMATS = ["html", "json"]


@handle_errors
def report(
    paths: PathsArgument = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="DIR",
            help="Folder to write index.html (or report.json) into; created if missing. "
            "Required for html; without it json prints to stdout.",
        ),
    ] = None,
    output_format: Annotated[str, format_option(FORMATS)] = "html",
    now: Annotated[
        str | None,
        typer.Option(help="Judge ages as of this date (YYYY-MM-DD, UTC) [default: today]."),
    ] = None,
    link_base: Annotated[
        str | None,
        typer.Option(
            help="Link files to this URL plus their path in the repository and #L<line>, "
            "e.g. https://github.com/org/repo/blob/main/ (an http(s) URL or a relative path) "
            "[default: relative links to the files]."
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace the report file under --out even if persona-cli did not write it "
            "(or it was edited since), and record it as its own.",
        ),
    ] = False,
    changes: Annotated[
        int,
        typer.Option(min=0, help="How many recent commits that changed personas to show."),
    ] = 10,
    config: ConfigOption = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core)."),
    ] = None,
) -> None:
    """Write a static dashboard: freshness by owner, completeness by lens, lint findings
    with links to the lines, each segment's buying committee, recent changes from git.

    One self-contained page (inline CSS and SVG, no script, no network) that opens from
    disk and prints. Findings do not change the exit code (use persona lint for that).
    A file under --out that persona-cli did not write is not replaced without --force.
    Exit codes: 0, 2 for usage, config or input errors, or a file in the way.
    """
    _report(
        paths,
        out=folder_option(out, "--out"),
        output_format=output_format,
        now=now,
        link_base=link_base,
        force=force,
        changes=changes,
        config=config,
        jobs=jobs,
    )


def _report(
    paths: list[str] | None,
    *,
    out: Path | None,
    output_format: str,
    now: str | None,
    link_base: str | None,
    force: bool,
    changes: int,
    config: Path | None,
    jobs: int | None,
) -> None:
    import datetime as dt

    from persona_cli.cli._common import load_settings
    from persona_cli.cli._lint_run import parse_date
    from persona_cli.domain.errors import UsageError
    from persona_cli.lint.engine import Engine
    from persona_cli.load.sources import select_sources
    from persona_cli.reporters.report_html import REPORT_FORMATS, html_page, json_text
    from persona_cli.verbs.render.outputs import refuse_input_folders
    from persona_cli.verbs.report.build import Options, build
    from persona_cli.verbs.report.links import checked_link_base

    if out is None and output_format == "html":
        raise UsageError("--out is required for the html report", hint="e.g. --out out/report")
    if out is None and force:
        warn("--force: nothing is written without --out; ignored")
    link_base = checked_link_base(link_base)
    cwd = Path.cwd()
    today = parse_date(now) or dt.datetime.now(dt.UTC).date()
    settings = load_settings(config=config, cwd=cwd)
    targets, context = select_sources(paths, settings, cwd)
    targets = targets + _segments_beside(paths, settings, cwd, targets)
    if out is not None:
        read = [source.path for source in targets + context]
        refuse_input_folders(out, paths or [], settings, cwd, inputs=read)
    if out is not None:
        _check_target(out / REPORT_FORMATS[output_format], output_format, targets + context)
    options = Options(
        now=today,
        cwd=cwd,
        out_dir=out if out is not None else cwd,
        link_base=link_base,
        changes=changes,
        jobs=jobs,
        include_retired=settings.include_retired,
    )
    result = build(
        targets, context=context, engine=Engine.build(settings, today=today), options=options
    )
    for warning in result.warnings:
        say(f"persona: warning: {warning}")
    text = html_page(result) if output_format == "html" else json_text(result)
    if out is None:
        sys.stdout.write(text)
        return
    target = _write(out, output_format, text, cwd, force=force)
    found = result.findings
    counts = (
        (len(result.completeness.rows), "persona"),
        (len(result.segments.segments), "segment"),
        (found.total, "finding"),
    )
    summary = ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counts)
    from persona_cli.domain.hidden import reveal  # a folder name can hold a bidirectional override

    sys.stdout.write(reveal(f"wrote {target}: {summary}\n"))


def _check_target(target: Path, output_format: str, inputs: list["SourceFile"]) -> None:
    """The report file is never one of the inputs (a link to a persona placed there)."""
    from persona_cli.cli._report_targets import Protected, ReportTarget, check_report_targets

    check_report_targets(
        [ReportTarget(f"--out {target.parent}", output_format, target)],
        [Protected("a persona or segment file (an input)", [s.path for s in inputs])],
        cwd=Path.cwd(),
    )


def _write(out: Path, output_format: str, text: str, cwd: Path, *, force: bool) -> Path:
    """Write the report into `out`, replacing a file there only if persona-cli wrote it and
    it is unchanged since (or it already holds this report, or `force`), and record it."""
    from persona_cli.cli._render_run import notify
    from persona_cli.domain.errors import UsageError
    from persona_cli.io import fileio
    from persona_cli.io.ownership import Claim, digest, save, why
    from persona_cli.reporters.report_html import REPORT_FORMATS
    from persona_cli.verbs.render.outputs import output_record, read_target, refuse_kept

    name = REPORT_FORMATS[output_format]
    target = out / name
    record = output_record(out, cwd, notify)
    data = text.encode("utf-8")
    claim = record.claim(name, read_target(target), data)
    if claim.refused and not force:
        refuse_kept([(target, why(claim))], out, cwd, "replace", notify)
    with fileio.signals_held():  # the report and its record change together
        if claim is not Claim.SAME:
            try:
                out.mkdir(parents=True, exist_ok=True)
            except OSError as failure:
                raise UsageError(
                    f"--out {out}: cannot create: {failure.strerror or failure}"
                ) from None
            fileio.write(target, text)
        save(record, wrote={name: digest(data)})
    return target


def _segments_beside(
    paths: list[str] | None,
    settings: "Settings",
    cwd: Path,
    targets: list["SourceFile"],
) -> list["SourceFile"]:
    """Segment files `persona render --segment` finds (a `segments/` folder beside each
    persona folder, and next to the configuration) that the paths did not name already:
    `persona report examples/personas` shows the committees of examples/segments too."""
    from persona_cli.load.sources import segment_sources

    root = Path(settings.root) if settings.root else cwd
    folders = [cwd / p for p in paths] if paths else [root / p for p in settings.paths]
    from persona_cli.io.discovery import key_of  # a symlink loop is a finding, not a crash

    known = {key_of(source.path) for source in targets}
    extra: list[SourceFile] = []
    for source in segment_sources(folders, settings, cwd):
        if key_of(source.path) not in known:
            known.add(key_of(source.path))
            extra.append(source)
    return extra
