"""`persona lint`'s baseline options: which file, checked before any work, and what to do
with it after the run (apply it, prune it, or write a new one). The matching, reading and
writing are the lint layer's (`lint.baseline`). Imported when the command runs, never for
`--help`."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from persona_cli.domain.result import LintResult
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.settings import Settings
    from persona_cli.lint.baseline import Baseline


@dataclass(frozen=True, slots=True)
class Plan:
    """What the baseline options ask for: a baseline to apply (and perhaps prune), or a file
    to write one to (with the entries of the baseline already there, if any)."""

    use: Baseline | None = None
    prune: bool = False
    #: How the user would name the same baseline again (for the prune hint).
    option: str | None = None
    write_to: Path | None = None
    write_shown: str = ""
    #: The baseline already at `write_to`, if any.
    previous: Baseline | None = None


def _shown(path: Path, cwd: Path) -> str:
    """A configured baseline as a user at `cwd` would type it (`../persona-baseline.json`
    from a subfolder)."""
    return Path(os.path.relpath(path, cwd)).as_posix()


def plan(
    *,
    option: Path | None,
    no_baseline: bool,
    write: Path | None,
    prune: bool,
    settings: Settings,
    cwd: Path,
) -> Plan:
    """Check the options against each other and read the baseline, before any linting: a
    missing or broken baseline is an error (exit 2), never a run that reports everything.
    The baseline module is imported only when a baseline is named (most runs have none)."""
    if option is not None and no_baseline:
        raise UsageError("--baseline and --no-baseline contradict each other", hint="keep one")
    if write is not None and prune:
        raise UsageError(
            "--write-baseline and --prune-baseline contradict each other",
            hint="--write-baseline records every finding; --prune-baseline only drops "
            "entries that no longer match",
        )
    if write is not None:
        if option is not None:
            raise UsageError(
                f"--write-baseline {write} already names the baseline to write",
                hint="drop --baseline",
            )
        from persona_cli.lint import baseline as baselines

        path = write if write.is_absolute() else cwd / write
        shown = str(write)
        previous = baselines.check_writable(path, shown)
        return Plan(write_to=path, write_shown=shown, previous=previous)
    if no_baseline:
        if prune:
            raise UsageError(
                "--prune-baseline and --no-baseline contradict each other", hint="keep one"
            )
        return Plan()
    if option is not None:
        from persona_cli.lint import baseline as baselines

        path = option if option.is_absolute() else cwd / option
        shown = str(option)
        used = baselines.read(path, shown)
        return Plan(use=used, prune=prune, option=f"--baseline {shown}")
    if settings.baseline is not None:
        from persona_cli.lint import baseline as baselines

        path = Path(settings.root or cwd) / settings.baseline
        shown = _shown(path, cwd)
        if not path.exists() and not path.is_symlink():
            origin = settings.sources.get("baseline", "the configuration")
            raise UsageError(
                f"{shown}: no such baseline file (`baseline` in {origin})",
                hint=f"run `persona lint --write-baseline {shown}` to record today's "
                "findings, or remove the key",
            )
        return Plan(use=baselines.read(path, shown), prune=prune)
    if prune:
        from persona_cli.lint.baseline import DEFAULT_NAME

        raise UsageError(
            "--prune-baseline: no baseline to prune",
            hint=f'pass --baseline FILE, or set baseline = "{DEFAULT_NAME}" in the configuration',
        )
    return Plan()


def check_write_target(
    chosen: Plan,
    *,
    inputs: list[SourceFile],
    context: list[SourceFile],
    config: Path | None,
    cwd: Path,
) -> None:
    """`--write-baseline FILE` is refused over an input, the configuration or any YAML
    file, as report files are."""
    from persona_cli.cli._lint_run import protected_files
    from persona_cli.cli._report_targets import ReportTarget, check_report_targets

    if chosen.write_to is None:
        return
    target = ReportTarget(
        f"--write-baseline {chosen.write_shown}", "baseline", chosen.write_to, "a baseline"
    )
    check_report_targets([target], protected_files(inputs, context, config), cwd=cwd)


def finish(
    chosen: Plan,
    result: LintResult,
    *,
    linted: list[SourceFile],
    settings: Settings,
    cwd: Path,
) -> LintResult | None:
    """After the run: write the new baseline (None: nothing to report), or apply the
    baseline (pruning it if asked) and return the result without the accepted findings."""
    if chosen.write_to is None and chosen.use is None:
        return result  # no baseline: nothing to import
    from persona_cli.cli._common import say
    from persona_cli.lint import baseline as baselines

    displays = [source.display for source in linted]
    if chosen.write_to is not None:
        folder = Path(os.path.abspath(chosen.write_to.parent))  # noqa: PTH100
        scope = baselines.Scope.of(
            displays,
            settings,
            cwd=cwd,
            folder=folder,
            findings=result.findings,
            personas=result.personas,
        )
        previous = chosen.previous.counts if chosen.previous is not None else None
        counts = baselines.recorded(
            result.findings, scope, cwd=cwd, folder=folder, previous=previous
        )
        baselines.write(chosen.write_to, chosen.write_shown, counts, replacing=chosen.previous)
        files = len({key[0] for key in counts})
        kept = sum(counts.values()) - len(result.findings)
        also = f", and kept {_plural(kept, 'finding')} of files not linted now" if kept else ""
        say(
            f"Wrote {chosen.write_shown}: {_plural(len(result.findings), 'finding')} recorded"
            f"{also} ({_plural(len(counts), 'entry', 'entries')} over "
            f"{_plural(files, 'file')})."
        )
        if settings.baseline is None:
            say(
                f'Lint reports only new findings with baseline = "{chosen.write_shown}" in '
                f"the configuration, or --baseline {chosen.write_shown}."
            )
        return None
    if chosen.use is None:
        return result
    used = chosen.use
    scope = baselines.Scope.of(
        displays,
        settings,
        cwd=cwd,
        folder=used.folder,
        findings=result.findings,
        personas=result.personas,
    )
    command = "persona lint " + (f"{chosen.option} " if chosen.option else "") + "--prune-baseline"
    applied = baselines.apply(result, used, scope, cwd=cwd, prune_command=command)
    outcome = applied.baseline
    if not chosen.prune or outcome is None:
        return applied
    if outcome.stale:
        baselines.write(used.path, used.shown, baselines.pruned(used, outcome), replacing=used)
        say(
            f"Pruned {used.shown}: dropped "
            f"{_plural(outcome.stale_count, 'entry', 'entries')} that no longer matched."
        )
    else:
        say(f"{used.shown}: every entry still matches a finding; nothing to prune.")
    return replace(applied, baseline=replace(outcome, stale=()))


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"
