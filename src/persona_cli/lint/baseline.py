"""A lint baseline: the findings a team accepted when it turned lint on, kept in a JSON file
so that only new findings are reported and fail the run.

A finding matches an entry by file, rule code and field path, never by line: an edit above a
finding does not bring it back. List indexes are left out of the field path (`quotes[].text`)
so an item inserted above does not either; the entry's `count` says how many such findings
were accepted, and a finding beyond that count is new. Files are named relative to the
baseline's own folder, so the baseline means the same wherever lint runs.

The file is sorted, stable JSON, one entry a line, so that a pull request that fixes a
finding shows one line removed:

    {
      "version": 1,
      "entries": [
        {"file": "personas/cfo.yaml", "code": "W002", "field": "whole_person.fears", "count": 1},
        {"file": "personas/cfo.yaml", "code": "Q006", "field": null, "count": 2}
      ]
    }

Reading, matching and writing live here; the command only chooses the file.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from persona_cli.domain import load_problems
from persona_cli.domain.errors import UsageError
from persona_cli.domain.hidden import escape_json
from persona_cli.domain.load_problems import LoadProblem
from persona_cli.domain.result import (
    BaselineEntry,
    BaselineOutcome,
    Finding,
    LintResult,
    PersonaScore,
)
from persona_cli.io import fileio
from persona_cli.io.settings import Settings

#: The version this code reads and writes; a file with another is refused, never guessed at.
VERSION = 1
#: The name suggested when none is configured.
DEFAULT_NAME = "persona-baseline.json"
_INDEX = re.compile(r"\[\d+\]")
#: The codes of a file that did not load or validate (its rules did not run).
LOAD_CODES = frozenset(
    problem.code for problem in vars(load_problems).values() if isinstance(problem, LoadProblem)
)

#: (file, code, field) with "" for a whole-file finding: what an entry is matched by.
Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class Baseline:
    """A baseline file: where it is, how to name it in messages, its entries' counts."""

    path: Path
    shown: str
    counts: Mapping[Key, int]
    #: The file as it was read: a rewrite (prune) refuses if it changed since.
    snapshot: fileio.Snapshot | None = None

    @property
    def folder(self) -> Path:
        return Path(os.path.abspath(self.path.parent))  # noqa: PTH100 - links kept as named


def field_key(finding: Finding) -> str:
    """The finding's field path without list indexes; "" for a whole-file finding."""
    return _INDEX.sub("[]", finding.field_path or "")


def file_key(display: str, *, cwd: Path, folder: Path) -> str:
    """A finding's file (its display path, relative to `cwd` or absolute) as a POSIX path
    relative to the baseline's folder."""
    absolute = os.path.abspath(cwd / display)  # noqa: PTH100 - links kept as named
    return Path(os.path.relpath(absolute, folder)).as_posix()


def key_of(finding: Finding, *, cwd: Path, folder: Path) -> Key:
    return (file_key(finding.path, cwd=cwd, folder=folder), finding.code, field_key(finding))


# --- reading ------------------------------------------------------------------------------------


def _rewrite_hint(shown: str) -> str:
    return f"fix it, or write it again with `persona lint --write-baseline {shown}`"


def _replace_hint(shown: str) -> str:
    """For a file that may not be a baseline at all: `--write-baseline` will not replace it."""
    return f"fix it, or remove it and run `persona lint --write-baseline {shown}`"


def _bytes(path: Path) -> tuple[bytes, fileio.Snapshot] | str | None:
    """The file's bytes and snapshot; what it is instead when it is not a regular file; None
    when there is nothing there. An unreadable file raises OSError."""
    what = fileio.not_regular(path)
    if what is not None:
        return what
    try:
        return fileio.read(path)
    except FileNotFoundError:
        return None
    except fileio.NotRegularFileError:
        return "not a regular file"


def read(path: Path, shown: str) -> Baseline:
    """The baseline at `path`; anything else (missing, unreadable, not JSON, another
    version, a malformed entry) is a one-line error naming the file and what to do."""
    try:
        data = _bytes(path)
    except OSError as failure:
        raise UsageError(
            f"{shown}: cannot read the baseline: {failure.strerror or failure}",
            hint="check the file's permissions",
        ) from None
    if data is None:
        raise UsageError(
            f"{shown}: no such baseline file",
            hint=f"run `persona lint --write-baseline {shown}` to record today's findings",
        )
    if isinstance(data, str):
        raise UsageError(
            f"{shown}: {data}, not a baseline file", hint="pass the path of a JSON baseline"
        )
    raw, snapshot = data
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UsageError(
            f"{shown}: not a baseline (not UTF-8 text)", hint=_replace_hint(shown)
        ) from None
    except json.JSONDecodeError as failure:
        raise UsageError(
            f"{shown}:{failure.lineno}:{failure.colno}: not a baseline (invalid JSON: "
            f"{failure.msg})",
            hint=_replace_hint(shown),
        ) from None
    return Baseline(path, shown, parse(document, shown), snapshot)


def looks_like_baseline(document: Any) -> bool:
    """True for a JSON document shaped like a baseline (of any version): an object with a
    `version` and a list of `entries`. `--write-baseline` replaces only such a file."""
    return (
        isinstance(document, dict)
        and isinstance(document.get("version"), int)
        and isinstance(document.get("entries"), list)
    )


def parse(document: Any, shown: str) -> dict[Key, int]:
    """The counts of a baseline document; entries named twice (a merge) add up."""
    if not looks_like_baseline(document):
        raise UsageError(
            f"{shown}: not a baseline (expected an object with 'version' and 'entries')",
            hint=_replace_hint(shown),
        )
    version = document["version"]
    if version != VERSION:
        raise UsageError(
            f"{shown}: baseline version {version} is not supported (this persona-cli reads "
            f"version {VERSION})",
            hint="use the persona-cli that wrote it, or write it again with "
            f"`persona lint --write-baseline {shown}`",
        )
    counts: Counter[Key] = Counter()
    for number, entry in enumerate(document["entries"], start=1):
        problem = _entry_problem(entry)
        if problem is not None:
            raise UsageError(
                f"{shown}: entry {number} of 'entries' {problem}", hint=_rewrite_hint(shown)
            )
        counts[(entry["file"], entry["code"], entry.get("field") or "")] += entry.get("count", 1)
    return dict(counts)


def _entry_problem(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return "is not an object"
    unknown = sorted(set(entry) - {"file", "code", "field", "count"})
    if unknown:
        return f"has an unknown key '{unknown[0]}'"
    for key in ("file", "code"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            return f"needs '{key}' as a non-empty string"
    if not isinstance(entry.get("field"), str | None):
        return "needs 'field' as a string or null"
    count = entry.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return "needs 'count' as a whole number of at least 1"
    return None


# --- matching -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scope:
    """What a run judged: the files it linted (by their key, with their display path) and the
    settings that chose its rules. An entry outside the scope (another file, a rule not run)
    is neither matched nor stale: a run over one file says nothing about the others. An
    entry whose file no longer exists is always judged (stale)."""

    files: Mapping[str, str]
    settings: Settings
    #: The baseline's folder, which entries' files are relative to.
    folder: Path
    #: Files (display paths) that did not load or validate this time, and retired personas
    #: (unless included): their rules did not run, so only their loading entries are
    #: judged, and the others are kept as they are.
    unchecked: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        displays: Iterable[str],
        settings: Settings,
        *,
        cwd: Path,
        folder: Path,
        findings: Iterable[Finding] = (),
        personas: Iterable[PersonaScore] = (),
    ) -> Scope:
        files = {file_key(d, cwd=cwd, folder=folder): d for d in displays}
        unchecked = {f.path for f in findings if f.code in LOAD_CODES}
        if not settings.include_retired:  # retired personas are read, not linted
            unchecked |= {p.path for p in personas if p.status == "retired"}
        return cls(files, settings, folder, frozenset(unchecked))

    def covers(self, key: Key) -> bool:
        display = self.files.get(key[0])
        if display is None:
            # A file that is gone (deleted, renamed) has no findings, whatever was linted.
            return not os.path.lexists(self.folder / key[0])
        code = key[1]
        if display in self.unchecked and code not in LOAD_CODES:
            return False
        return self.settings.selected(code) and not self.settings.ignored_for(code, display)


def apply(
    result: LintResult,
    baseline: Baseline,
    scope: Scope,
    *,
    cwd: Path,
    prune_command: str = "persona lint --prune-baseline",
) -> LintResult:
    """`result` without the findings the baseline accepts, which go to `result.baseline`
    with the entries left unmatched. The first findings of a file (by position) are the
    accepted ones when there are more than the entry's count."""
    remaining = dict(baseline.counts)
    kept: list[Finding] = []
    accepted: list[Finding] = []
    for finding in result.sorted_findings():
        key = key_of(finding, cwd=cwd, folder=baseline.folder)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            accepted.append(finding)
        else:
            kept.append(finding)
    stale = tuple(
        BaselineEntry(key[0], key[1], key[2] or None, count, scope.files.get(key[0]))
        for key, count in sorted(remaining.items())
        if count > 0 and scope.covers(key)
    )
    outcome = BaselineOutcome(baseline.shown, tuple(accepted), stale, prune_command)
    return replace(result, findings=kept, baseline=outcome)


def pruned(baseline: Baseline, outcome: BaselineOutcome) -> dict[Key, int]:
    """The baseline's counts less its stale entries: it only ever shrinks."""
    counts = dict(baseline.counts)
    for entry in outcome.stale:
        key = (entry.file, entry.code, entry.field or "")
        counts[key] = counts.get(key, 0) - entry.count
    return {key: count for key, count in counts.items() if count > 0}


def recorded(
    findings: Iterable[Finding],
    scope: Scope,
    *,
    cwd: Path,
    folder: Path,
    previous: Mapping[Key, int] | None = None,
) -> dict[Key, int]:
    """Every finding's entry, plus the previous baseline's entries this run did not judge
    (files not linted, rules not run), so writing over one file keeps the others."""
    counts: Counter[Key] = Counter(key_of(f, cwd=cwd, folder=folder) for f in findings)
    for key, count in (previous or {}).items():
        if not scope.covers(key):
            counts[key] += count
    return dict(counts)


# --- writing ------------------------------------------------------------------------------------


def render(counts: Mapping[Key, int]) -> str:
    """The file's text: sorted entries, one a line, two-space indent, a final newline."""
    lines = [
        json.dumps(
            {"file": file, "code": code, "field": field or None, "count": count},
            ensure_ascii=False,
        )
        for (file, code, field), count in sorted(counts.items())
        if count > 0
    ]
    if not lines:
        return escape_json(f'{{\n  "version": {VERSION},\n  "entries": []\n}}\n')
    body = ",\n".join(f"    {line}" for line in lines)
    return escape_json(f'{{\n  "version": {VERSION},\n  "entries": [\n{body}\n  ]\n}}\n')


def check_writable(path: Path, shown: str) -> Baseline | None:
    """Before linting: the baseline already at `path` (None when there is no file). A file
    that is not a baseline is refused, so `--write-baseline` never replaces what someone
    else wrote."""
    try:
        data = _bytes(path)
    except OSError as failure:
        raise UsageError(
            f"--write-baseline {shown}: cannot read it: {failure.strerror or failure}; "
            "nothing written",
            hint="check the file's permissions",
        ) from None
    if data is None:
        return None
    if isinstance(data, str):
        raise UsageError(
            f"--write-baseline {shown}: {data}, not a file; nothing written",
            hint=f"choose another path, e.g. {DEFAULT_NAME}",
        )
    raw, snapshot = data
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        document = None
    if not looks_like_baseline(document):
        raise UsageError(
            f"--write-baseline {shown}: the file exists and is not a persona-cli baseline; "
            "refusing to replace it",
            hint=f"choose another path, e.g. {DEFAULT_NAME}, or remove the file first",
        )
    try:
        counts = parse(document, shown)
    except UsageError:
        # A baseline of another version, or with a broken entry: replaced whole (its entries
        # cannot be kept for the files not linted now).
        counts = {}
    return Baseline(path, shown, counts, snapshot)


def write(
    path: Path, shown: str, counts: Mapping[Key, int], *, replacing: Baseline | None = None
) -> None:
    """Write the baseline whole or not at all; when `replacing` the one read before the run,
    only if it has not changed since (else nothing is written)."""
    expected = replacing.snapshot if replacing is not None else None
    fileio.write(path, render(counts), expected=expected, display=shown)


__all__ = [
    "DEFAULT_NAME",
    "VERSION",
    "Baseline",
    "Scope",
    "apply",
    "check_writable",
    "field_key",
    "looks_like_baseline",
    "parse",
    "pruned",
    "read",
    "recorded",
    "render",
    "write",
]
