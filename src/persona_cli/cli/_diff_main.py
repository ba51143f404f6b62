"""`persona diff`'s work, without typer: the typer command (`cli.diff`) parses the options
and calls `run`; `cli.main` calls it directly for `persona diff [REV...] [PATH...]` (no
option, no `--`), so that run never imports typer. tests/test_fast_path.py checks `run`'s
defaults against typer's parse.
"""

from __future__ import annotations

import sys
from pathlib import Path

from persona_cli.cli._plain import say
from persona_cli.domain.errors import ExitCode


def warn(message: str) -> None:
    say(f"persona: warning: {message}")


def run(
    *,
    arguments: list[str] | None = None,
    staged: bool = False,
    order: bool = False,
    output_format: str = "text",
    exit_code: bool = False,
    cache: bool = True,
    config: Path | None = None,
    color: bool | None = None,
    after: int | None = None,
) -> int:
    """The changes, reported; the exit code (1 with `exit_code` when there are changes).
    `after`: how many of `arguments` came after `--` (None: there was no `--`)."""
    from persona_cli.cli._plain import check_color, load_settings, split_separated
    from persona_cli.git.diffing import compare
    from persona_cli.load.sources import segment_folders
    from persona_cli.verbs.diff import DiffResult, diff_files, working_version

    check_color(color, output_format)
    cwd = Path.cwd()
    settings = load_settings(config=config, cwd=cwd)
    root = Path(settings.root) if settings.root else cwd
    configured = [root / path for path in settings.paths]
    configured += [
        folder
        for folder in segment_folders(configured, settings, cwd)
        if folder.resolve() not in {path.resolve() for path in configured}
    ]

    resolved_root = root.resolve()

    def keep(file: Path) -> bool:
        from persona_cli.io.discovery import key_of  # a symlink loop is a finding, not a crash

        try:
            relative = key_of(file).relative_to(resolved_root).as_posix()
        except ValueError:
            relative = key_of(file).as_posix()
        return not settings.excluded(relative)

    revisions, paths = split_separated(arguments, after)
    comparison = compare(
        cwd,
        revisions,
        paths=paths,
        staged=staged,
        default_paths=configured,
        keep=keep if settings.exclude else None,  # nothing excluded: no path resolved
        cache=cache,
        read_file=working_version,
    )
    for message in comparison.warnings:
        warn(message)
    try:
        changes = diff_files(comparison.files, order=order, cache=comparison.cache)
    finally:
        if comparison.cache is not None:
            comparison.cache.close()
    result = DiffResult(comparison.old_label, comparison.new_label, tuple(changes))
    for change in changes:
        if change.kind == "unreadable":
            for label, problem in ((result.old_label, change.old), (result.new_label, change.new)):
                if problem:
                    warn(
                        f"{change.path} at {label}: not a readable persona ({problem}); "
                        "its field changes cannot be shown"
                    )
    if not changes and not arguments and not any(path.exists() for path in configured):
        warn(
            f"no persona folder here ({', '.join(settings.paths)}); pass paths, or set "
            "`paths` in .persona.toml"
        )
    from persona_cli.reporters.diff import DIFF_REPORTERS

    DIFF_REPORTERS[output_format](sys.stdout, color=color).report(result)
    if exit_code and changes:
        return int(ExitCode.FINDINGS)
    return int(ExitCode.OK)
