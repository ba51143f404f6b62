"""The work behind `persona render` that is not option parsing: choosing templates, teams and
personas, then printing, checking or writing the documents. Imported when the command runs,
never for `--help`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.cli._common import say, warn
from persona_cli.domain.errors import UsageError
from persona_cli.domain.hidden import reveal

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile
    from persona_cli.io.ownership import Claim, Record
    from persona_cli.io.settings import Settings
    from persona_cli.verbs.render.committee import SegmentInput
    from persona_cli.verbs.render.renderer import Document, Team

_GLOB_CHARS = frozenset("*?[")


def default_templates(settings: Settings, cwd: Path) -> Path | None:
    """A repository's own `templates/` folder: next to the configuration file, else in the
    current directory, when it holds `*.md.j2` templates."""
    from persona_cli.verbs.render.renderer import holds_templates

    for base in (Path(settings.root) if settings.root else None, cwd):
        if base is not None and holds_templates(base / "templates"):
            return base / "templates"
    return None


def split_targets(targets: list[str], cwd: Path) -> tuple[list[str], list[str]]:
    """Paths (existing files or folders, globs, *.yaml names, anything with a slash) and ids."""
    paths: list[str] = []
    ids: list[str] = []
    for target in targets:
        candidate = Path(target) if Path(target).is_absolute() else cwd / target
        if (
            candidate.exists()
            or "/" in target
            or _GLOB_CHARS & set(target)
            or target.endswith((".yaml", ".yml"))
        ):
            paths.append(target)
        else:
            ids.append(target)
    return paths, ids


def refuse_input_folders(
    out: Path,
    paths: list[str],
    settings: Settings,
    cwd: Path,
    documents: Sequence[Document] = (),
    inputs: Sequence[Path] = (),
) -> None:
    """`--out` must not be, or be inside, a folder personas or segments are read from: the
    folders of the paths given and of the configured `paths`, and the segment folders
    beside them (where `render --segment` and `report` find segments); nor may the folder
    of any of `documents` (`--out .` with a team named `personas`). Where personas are
    read from the top folder (`paths = ["."]`), a folder in it that holds none of the
    `inputs` (the files read) is fine."""
    from persona_cli.cli._lint_run import segment_folders
    from persona_cli.io.ownership import refuse_input_folder

    root = Path(settings.root) if settings.root else cwd
    read: list[Path] = []
    for base, path in [*((cwd, p) for p in paths), *((root, p) for p in settings.paths)]:
        folder = _folder_of(base, path)
        if folder is not None:
            read.append(folder)
    found = [(folder, "persona") for folder in read]
    found += [(folder, "segment") for folder in segment_folders(read, settings, cwd)]
    subfolders = {document.path.rpartition("/")[0] for document in documents}
    refuse_input_folder(
        out,
        found,
        lambda path: _shown(path, cwd),
        subfolders=subfolders - {""},
        top=root if settings.root else _repository_top(cwd),
        inputs=inputs,
    )


def _repository_top(cwd: Path) -> Path:
    """The folder of the git repository around `cwd` (else `cwd`): without a configuration,
    the project's top, so that `.` given from inside personas/ is not taken for it."""
    for folder in (cwd, *cwd.parents):
        if (folder / ".git").exists():
            return folder
    return cwd


def _folder_of(base: Path, path: str) -> Path | None:
    """The folder a path argument reads from: the folder itself, a file's folder, or the
    fixed part of a glob (`personas/*.yaml` reads personas/); None when it names nothing."""
    fixed: list[str] = []
    for part in Path(path).parts:
        if _GLOB_CHARS & set(part):
            candidate = base.joinpath(*fixed)
            return candidate if candidate.is_dir() else None
        fixed.append(part)
    candidate = base.joinpath(*fixed)
    if candidate.is_dir():
        return candidate
    return candidate.parent if candidate.exists() else None


def list_teams_text(
    teams: dict[str, Team], cwd: Path, ignored: Sequence[tuple[Path, str]] = ()
) -> str:
    lines = []
    builtin = _builtin()
    order = {name: index for index, name in enumerate(builtin)}
    for name in sorted(teams, key=lambda n: (order.get(n, len(builtin)), n)):
        team = teams[name]
        where = "built-in" if team.builtin else _shown(team.path, cwd)
        lines.append(f"{name:<12} {where}")
    for path, why in ignored:  # on stderr: stdout stays a plain list of teams
        shown = f"{_shown(path.parent, cwd)}/{path.name}"  # the link, not where it points
        say(f"persona: ignored {shown}: {why}")
    return "\n".join(lines) + "\n"


def _builtin() -> tuple[str, ...]:
    from persona_cli.verbs.render.renderer import BUILTIN_TEAMS

    return BUILTIN_TEAMS


def _shown(path: Path, cwd: Path) -> str:
    """A path for messages: relative to the current folder when under it, and named as it
    was reached, so a link reads as the link (`--out plink`), not where it points."""
    spelled = Path(os.path.normpath(path if path.is_absolute() else cwd / path))
    for base in (cwd, cwd.resolve()):
        if spelled == base or base in spelled.parents:
            return spelled.relative_to(base).as_posix()
    try:  # reached through a link from outside (/tmp/x, with /tmp a link): where it points
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def run(
    *,
    targets: list[str],
    team: str | None,
    out: Path | None,
    combined: bool,
    segments: list[str] | None = None,
    kinds: list[str],
    statuses: list[str],
    owners: list[str],
    templates: Path | None,
    list_teams: bool,
    check: bool,
    now: str | None,
    output_format: str,
    git_age: bool,
    config: Path | None,
    prune: bool = False,
    explicit_age: bool = False,
    force: bool = False,
) -> int:
    """Render, then print, check or write. Returns 1 when --check finds stale files."""
    from persona_cli.cli._common import load_settings
    from persona_cli.cli._lint_run import parse_date, select_sources
    from persona_cli.io.discovery import discover
    from persona_cli.verbs.render import renderer

    cwd = Path.cwd()
    settings = load_settings(config=config, cwd=cwd)
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates: {templates} is not a folder")
    custom = templates if templates is not None else default_templates(settings, cwd)
    if custom is not None:  # absolute: compiled pages are cached by folder
        custom = custom.resolve()
    known = renderer.find_templates(custom)
    if list_teams:
        sys.stdout.write(reveal(list_teams_text(known, cwd, renderer.ignored_templates(custom))))
        return 0
    if team is None:
        raise UsageError(
            "--team is required", hint=f"choose one of: all, {', '.join(known)} (or --list-teams)"
        )
    _check_options(output_format, kinds, statuses, out=out, check=check, prune=prune, force=force)
    renderer.refuse_unreadable_templates(custom)
    if out is not None:
        refuse_input_folders(out, split_targets(targets, cwd)[0], settings, cwd)
    if segments:
        return run_committees(
            segments=segments,
            team=team,
            targets=targets,
            out=out,
            check=check,
            prune=prune,
            now=now,
            output_format=output_format,
            custom=custom,
            settings=settings,
            cwd=cwd,
            persona_filters=bool(combined or kinds or statuses or owners),
            force=force,
        )
    chosen = renderer.choose_teams(team, known, custom)
    paths, ids = split_targets(targets, cwd)
    sources: list[SourceFile]
    if paths:
        sources = [s for s in discover(paths, cwd=cwd) if not settings.excluded(s.display)]
    else:
        sources, _ = select_sources(None, settings, cwd)
    everyone = renderer.load_set(sources)
    selected = renderer.select(
        everyone,
        ids=ids,
        kinds=kinds,
        statuses=statuses,
        owners=owners,
        include_retired=settings.include_retired,
    )
    generated = parse_date(now)
    today = generated or dt.datetime.now(dt.UTC).date()
    wanted = {item.source.path for item in selected}
    ages = (
        renderer.freshness([s for s in sources if s.path in wanted], now=today)
        if git_age and selected
        else None
    )
    if explicit_age and selected and ages is None:
        sys.stderr.write(
            "persona: warning: --age: the personas are not in a git repository; the "
            "briefings show no ages\n"
        )
    request = renderer.Request(
        teams=chosen,
        personas=selected,
        everyone=everyone,
        today=today,
        generated=generated,
        ages=ages,
        output_format=output_format,
        combined=combined,
        custom=custom,
        cwd=cwd,
        explicit=bool(ids),
    )
    if out is None:
        sys.stdout.write(_single(request))
        return 0
    documents = renderer.render(request)
    refuse_input_folders(out, paths, settings, cwd, documents, [s.path for s in sources])
    # The whole set (no ids, no filters) owns its team folders: a briefing there that no
    # persona produces any more (deleted, renamed, retired) is stale.
    partial = bool(ids or kinds or statuses or owners or combined)
    if prune and partial:
        warn(
            "--prune: a render of some personas (ids, --kind, --status, --owner or "
            "--combined) owns no folder, so nothing is pruned; render the whole set to prune"
        )
    owned = Owned([] if partial else [t.name for t in chosen], f".{_extension(output_format)}")
    if check:
        return _check(out, documents, cwd, owned, force=force)
    written, removed = write_owned(out, documents, owned, cwd, prune=prune, force=force)
    teams = len({document.path.split("/")[0] for document in documents})
    sys.stdout.write(
        f"Wrote {written} of {len(documents)} briefing files for {teams} "
        f"team{'s' if teams != 1 else ''} to {reveal(_shown(out, cwd))}/ "
        f"({len(documents) - written} unchanged{removed}).\n"
    )
    return 0


def _check_options(
    output_format: str,
    kinds: list[str],
    statuses: list[str],
    *,
    out: Path | None,
    check: bool,
    prune: bool,
    force: bool = False,
) -> None:
    from persona_cli.verbs.render.renderer import FORMATS

    if output_format not in FORMATS:
        raise UsageError(f"--format: '{output_format}' is not one of md, html")
    valid_kinds = ("buyer", "user", "internal", "individual")
    for value in kinds:
        if value not in valid_kinds:
            raise UsageError(f"--kind: '{value}' is not one of {', '.join(valid_kinds)}")
    for value in statuses:
        if value not in ("draft", "validated", "retired"):
            raise UsageError(f"--status: '{value}' is not one of draft, validated, retired")
    if check and out is None:
        raise UsageError("--check compares files under --out", hint="add --out DIR")
    if prune and (out is None or check):
        raise UsageError(
            "--prune removes stale briefings while writing under --out",
            hint="add --out DIR" if out is None else "drop --check: --check writes nothing",
        )
    if force and out is None:
        warn("--force: nothing is written without --out; ignored")


def run_committees(
    *,
    segments: list[str],
    team: str,
    targets: list[str],
    out: Path | None,
    check: bool,
    now: str | None,
    output_format: str,
    custom: Path | None,
    settings: Settings,
    cwd: Path,
    persona_filters: bool,
    prune: bool = False,
    force: bool = False,
) -> int:
    """`--segment`: committee briefings for segments, members joined with the persona set."""
    from persona_cli.cli._lint_run import parse_date, segment_sources, select_sources
    from persona_cli.io.discovery import discover
    from persona_cli.verbs.render import renderer

    if persona_filters:
        raise UsageError(
            "--segment takes its members from the segment's committee",
            hint="drop --combined, --kind, --status and --owner",
        )
    teams = renderer.committee_teams(team, custom)
    paths, ids = split_targets(targets, cwd)
    if ids:
        raise UsageError(
            f"--segment takes its members from the segment, not from ids ('{ids[0]}')",
            hint="pass folders or files to read personas and segments from, or nothing",
        )
    for wanted in segments:
        if wanted != "all" and not renderer.TEAM_PATTERN.match(wanted):
            raise UsageError(
                f"--segment: '{wanted}' is not a segment id",
                hint="ids are slugs such as enterprise-fintech (the file name without .yaml)",
            )
    sources: list[SourceFile]
    if paths:
        sources = [s for s in discover(paths, cwd=cwd) if not settings.excluded(s.display)]
        folders = [cwd / path for path in paths]
    else:
        sources, _ = select_sources(None, settings, cwd)
        root = Path(settings.root) if settings.root else cwd
        folders = [root / path for path in settings.paths]
    read = [*sources, *segment_sources(folders, settings, cwd)]
    found = _load_segments(segments, read)
    everyone = renderer.load_set(sources)
    if paths and not everyone:  # else every member reads as "no persona in the set"
        raise UsageError(
            f"no persona files in {', '.join(paths)}: a committee briefing joins the seats "
            "with the personas",
            hint="pass the persona folder too (e.g. personas/ segments/), or no paths",
        )
    generated = parse_date(now)
    request = renderer.Request(
        teams=[],
        personas=[],
        everyone=everyone,
        today=generated or dt.datetime.now(dt.UTC).date(),
        generated=generated,
        output_format=output_format,
        custom=custom,
        cwd=cwd,
    )
    if out is None and len(teams) * len(found) != 1:
        raise UsageError(
            f"{len(teams) * len(found)} committee briefings selected; printing needs exactly one",
            hint="pick one --team and one --segment, or add --out DIR",
        )
    # `--segment all` writes an index of the segments too (README.md, or index.html).
    documents = renderer.render_committees(
        request, found, teams, index=out is not None and segments == ["all"]
    )
    if out is None:
        sys.stdout.write(documents[0].text)
        return 0
    refuse_input_folders(out, paths, settings, cwd, documents, [s.path for s in read])
    # `--segment all` owns each team's segments/ folder, as the whole set owns a team's.
    owns = [f"{team}/segments" for team in teams] if segments == ["all"] else []
    if prune and not owns:
        warn("--prune: only --segment all owns the segments/ folders, so nothing is pruned")
    owned = Owned(owns, f".{_extension(output_format)}", "segment")
    if check:
        return _check(out, documents, cwd, owned, force=force)
    written, removed = write_owned(out, documents, owned, cwd, prune=prune, force=force)
    sys.stdout.write(
        f"Wrote {written} of {len(documents)} committee briefing files to "
        f"{reveal(_shown(out, cwd))}/ "
        f"({len(documents) - written} unchanged{removed}).\n"
    )
    return 0


def _load_segments(wanted: list[str], sources: list[SourceFile]) -> list[SegmentInput]:
    """The segments asked for (`all`: every valid one), by id; duplicates of one file (found
    through two paths) count once."""
    from persona_cli.domain.errors import LoadError
    from persona_cli.io.discovery import key_of
    from persona_cli.load.segments import (
        find_segment,
        load_segments,
        looks_like_segment,
        segment_problem,
    )
    from persona_cli.verbs.render.committee import segment_input

    unique: dict[Path, SourceFile] = {}
    for source in sources:
        unique.setdefault(key_of(source.path), source)  # a symlink loop must not raise
    pool = list(unique.values())
    chosen: dict[str, SegmentInput] = {}
    if "all" in wanted:
        by_id: dict[str, str] = {}
        for loaded in load_segments(pool):
            ident = loaded.segment.id
            if ident in by_id:
                raise LoadError(
                    f"{loaded.display}: segment id '{ident}' is also used by {by_id[ident]}",
                    hint="ids must be unique; run persona lint to see the duplicates",
                )
            by_id[ident] = loaded.display
            chosen[ident] = segment_input(loaded.segment.model_dump(mode="python"))
        if not chosen:
            raise UsageError(
                "--segment all: no segment files found",
                hint="segments are YAML files with kind: segment, usually in segments/",
            )
        # A broken segment is an error, not a skip: a set missing it would pass --check.
        valid = set(by_id.values())
        for source in pool:
            if source.display not in valid and looks_like_segment(_text(source.path)):
                problem = segment_problem(source) or "not a valid segment"
                raise LoadError(
                    f"{source.display}: {problem}",
                    hint=f"run persona lint {source.display} to fix it, or exclude the file",
                )
    for ident in wanted:
        if ident != "all" and ident not in chosen:
            loaded = find_segment(pool, ident)
            chosen[ident] = segment_input(loaded.segment.model_dump(mode="python"))
    return [chosen[ident] for ident in sorted(chosen)]


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _single(request: object) -> str:
    """The one document printed to stdout: one team and one persona, or --combined."""
    from persona_cli.verbs.render import renderer

    assert isinstance(request, renderer.Request)
    if len(request.teams) != 1:
        raise UsageError(
            "--team all writes several documents", hint="add --out DIR, or pick one --team"
        )
    team = request.teams[0].name
    briefed = [
        item
        for item in request.personas
        if request.explicit or renderer.applies(team, item.data["kind"])
    ]
    if not briefed and request.personas:  # they matched, but this team does not brief them
        from persona_cli.domain.completeness import TEAMS_BY_KIND

        kinds = sorted({item.data["kind"] for item in request.personas})
        briefs = [kind for kind, teams in TEAMS_BY_KIND.items() if team in teams]
        raise UsageError(
            f"--team {team} briefs only {' and '.join(briefs)} personas, and the "
            f"{len(request.personas)} selected {'is' if len(request.personas) == 1 else 'are'} "
            f"{' and '.join(kinds)}",
            hint="name a persona's id to brief it anyway, or use --team overview",
        )
    if not briefed:
        raise UsageError("no persona matched the ids and filters")
    if not request.combined and len(briefed) != 1:
        raise UsageError(
            f"{len(briefed)} personas selected; printing needs exactly one",
            hint="pass one id, add --combined for one document, or --out DIR for files",
        )
    return renderer.render(request)[0].text


def _targets(out: Path, documents: list[Document]) -> list[tuple[Path, str]]:
    """Every output path, proven to sit under `out`. Ids and team names are slugs already;
    this is the second lock on the door: every part of a document's path must be a plain
    name, and each folder, resolved once (a symlinked folder may point anywhere), must lie
    under `out`. Files that are symlinks are checked where they are written."""
    root = out.resolve()
    folders: dict[str, Path] = {}
    pairs: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for document in documents:
        parent, _, name = document.path.rpartition("/")
        if not all(_PLAIN_NAME.match(part) for part in document.path.split("/")):
            raise UsageError(f"refusing to write {document.path}: it is outside {out}")
        # Persona and segment ids are unique slugs, so only an index can share a briefing's
        # name: index.html, or README.md on a case-insensitive disk. One would overwrite the
        # other.
        key = document.path.lower()
        if key in seen:
            stem = name.rpartition(".")[0].lower()
            what = "segment" if parent.endswith("/segments") else "persona"
            raise UsageError(
                f"{_shown(out / document.path, Path.cwd())}: the briefing of {what} '{stem}' "
                f"and the index would both be written here",
                hint=f"rename the {what} '{stem}' (its id and file name)",
            )
        seen.add(key)
        folder = folders.get(parent)
        if folder is None:
            folder = out / parent if parent else out
            resolved = folder.resolve()
            if resolved != root and root not in resolved.parents:
                cwd = Path.cwd()
                raise UsageError(
                    f"{_shown(folder, cwd)}: links outside {_shown(out, cwd)} (to {resolved}); "
                    f"refusing to write {document.path} there",
                    hint="make it a plain folder, or pick another --out",
                )
            folders[parent] = folder
        pairs.append((folder / name, document.text))
    return pairs


_PLAIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class Owned:
    """The folders under --out that this render fills completely (`<team>` for the whole
    persona set, `<team>/segments` for `--segment all`; none for a partial render), and the
    suffix of its files there."""

    folders: list[str]
    suffix: str
    #: What a briefing there is about, for the messages: "persona" or "segment".
    subject: str = "persona"


def _extension(output_format: str) -> str:
    return "html" if output_format == "html" else "md"


def orphans(out: Path, documents: list[Document], owned: Owned) -> list[Path]:
    """Briefing files in the owned folders that no document produces any more: a deleted,
    renamed or retired persona's. Only regular files with the output's suffix count; hidden
    files and subfolders are not this render's to judge (nor, later, files it did not
    write: see `_plan`)."""
    produced = {document.path for document in documents}
    stale = []
    for folder in sorted(set(owned.folders)):
        for name, entry in sorted(_present(out / folder).items()):
            if name.startswith(".") or not name.endswith(owned.suffix):
                continue
            if f"{folder}/{name}" not in produced and entry.is_file(follow_symlinks=False):
                stale.append(out / folder / name)
    return stale


@dataclass(slots=True)
class _Plan:
    """What a write under --out does, decided before anything is written."""

    #: Files to (re)write, with their bytes.
    writes: list[tuple[Path, bytes]] = field(default_factory=list)
    #: Every target and the hash of what it holds after the run: the record's new entries.
    wrote: dict[str, str] = field(default_factory=dict)
    #: Targets persona-cli may not replace without --force, and why.
    refused: list[tuple[Path, Claim]] = field(default_factory=list)
    #: Stale briefings persona-cli wrote: unchanged since (prunable) or edited since.
    stale: list[tuple[Path, Claim]] = field(default_factory=list)


def _plan(
    out: Path,
    documents: list[Document],
    owned: Owned,
    record: Record,
    *,
    force: bool,
    sweep: bool = False,
) -> _Plan:
    """Sort every target into written, unchanged (or adopted) and refused, and find the
    stale briefings persona-cli owns. A file persona-cli did not write is never called
    stale: it is a person's, in a folder they share with the briefings."""
    from persona_cli.io import fileio
    from persona_cli.io.ownership import Claim, digest

    root = out.resolve()
    plan = _Plan()
    listed: dict[Path, dict[str, os.DirEntry[str]]] = {}
    for path, text in _targets(out, documents):
        data = text.encode("utf-8")
        name = path.relative_to(out).as_posix()
        present = listed.get(path.parent)
        if present is None:
            present = listed[path.parent] = _present(path.parent)
            if sweep:  # what a killed run left, removed even when nothing changes
                fileio.sweep(path.parent, present)
        entry = present.get(path.name)
        current = None
        if entry is not None:
            if entry.is_dir():  # a rename onto a folder fails after the others were staged
                raise UsageError(
                    f"{path}: is a folder where a briefing file goes; move or remove it, "
                    "or pick another --out"
                )
            if entry.is_symlink() and root not in path.resolve().parents:
                raise UsageError(
                    f"refusing to write {path}: it links outside {out}",
                    hint="remove the link (persona-cli writes a file there), or pick another --out",
                )
            current = read_target(path)
        claim = record.claim(name, current, data)
        plan.wrote[name] = digest(data)
        if claim is Claim.SAME:
            continue  # creating a file costs far more than reading one; keeps mtimes too
        if claim.refused and not force:
            plan.refused.append((path, claim))
            continue
        plan.writes.append((path, data))
    for path in orphans(out, documents, owned):
        claim = record.claim(path.relative_to(out).as_posix(), read_target(path))
        if claim in (Claim.OURS, Claim.EDITED):
            plan.stale.append((path, claim))
    return plan


def read_target(path: Path) -> bytes | None:
    """What a file under --out holds now (None: nothing), to judge whose it is."""
    from persona_cli.io.ownership import current_bytes

    try:
        return current_bytes(path)
    except OSError as failure:
        raise UsageError(
            f"{path}: cannot read it to tell whether persona-cli wrote it: "
            f"{failure.strerror or failure}",
            hint="fix its permissions, or move it out of the output folder",
        ) from None


def output_record(out: Path, cwd: Path) -> Record:
    """The record of what persona-cli wrote under `out`; one it cannot read is named."""
    from persona_cli.io.ownership import load

    record = load(out)
    if record.path.is_dir():  # checked before writing: the record could not be saved
        raise UsageError(
            f"{_shown(record.path, cwd)}: is a folder where persona-cli keeps the record of "
            "the files it wrote; nothing written",
            hint="move or remove that folder",
        )
    if record.problem is not None:
        sys.stderr.write(
            f"persona: warning: {_shown(record.path, cwd)} {record.problem}: read as owning "
            "no file (a file that differs from what would be written needs --force); it is "
            "rewritten when files are written\n"
        )
    return record


def refuse_kept(kept: list[tuple[Path, str]], out: Path, cwd: Path, verb: str) -> None:
    """Exit 2, writing nothing, when files persona-cli may not replace or remove are in the
    way; each is named, with why."""
    if not kept:
        return
    if len(kept) == 1:
        path, reason = kept[0]
        raise UsageError(
            f"{_shown(path, cwd)}: {reason}; left as it is and nothing written",
            hint=f"pass --force to {verb} it",
        )
    for path, reason in kept:
        say(f"persona: {_shown(path, cwd)}: {reason}; left as it is")
    raise UsageError(
        f"{len(kept)} files under {_shown(out, cwd)}/ are not persona-cli's to {verb}; "
        "nothing written",
        hint=f"pass --force to {verb} them",
    )


def write_owned(
    out: Path, documents: list[Document], owned: Owned, cwd: Path, *, prune: bool, force: bool
) -> tuple[int, str]:
    """Write the documents under `out`, replacing only files persona-cli wrote (or, with
    `force`, any), then remove the stale briefings it owns (`prune`) or name them, and
    update the record. Returns how many files were written and the ", N removed" part of
    the summary."""
    from persona_cli.io.ownership import Claim, save, why

    record = output_record(out, cwd)
    plan = _plan(out, documents, owned, record, force=force, sweep=True)
    kept = [(path, why(claim)) for path, claim in plan.refused]
    if prune and not force:
        kept += [
            (path, f"no {owned.subject} is briefed here any more, but it was {why(claim)}")
            for path, claim in plan.stale
            if claim is Claim.EDITED
        ]
    refuse_kept(kept, out, cwd, "replace" if not prune else "replace or remove")
    from persona_cli.io import fileio

    with fileio.signals_held():  # the files and their record change together
        written = write_all(out, plan.writes)
        removed: list[str] = []
        if prune:
            for path, _ in plan.stale:
                try:
                    path.unlink()
                except FileNotFoundError:
                    pass
                except OSError as failure:
                    save(record, wrote=plan.wrote, removed=removed)
                    raise _write_error(_shown(path, cwd), failure) from None
                removed.append(path.relative_to(out).as_posix())
        save(record, wrote=plan.wrote, removed=removed)
    if not prune:
        for path, claim in plan.stale:
            after = (
                "--prune removes it"
                if claim is Claim.OURS
                else f"it was {why(claim)}, so only --prune --force removes it"
            )
            sys.stderr.write(
                f"persona: warning: {_shown(path, cwd)}: no {owned.subject} is briefed here "
                f"any more; {after}\n"
            )
    return written, f", {len(removed)} removed" if removed else ""


def _check(out: Path, documents: list[Document], cwd: Path, owned: Owned, *, force: bool) -> int:
    """--check: what a write would do, written nowhere. Files persona-cli would refuse to
    replace are named too (the write would exit 2 on them)."""
    from persona_cli.io.ownership import Claim, why

    record = output_record(out, cwd)
    plan = _plan(out, documents, owned, record, force=force)
    refused = {path for path, _ in plan.refused}
    stale: list[str] = []
    for path, _ in plan.writes:
        shown = _shown(path, cwd)
        state = "missing" if not path.exists() else "out of date"
        say(f"persona: would update {shown} ({state})")
        stale.append(shown)
    for path, claim in plan.refused:
        sys.stderr.write(
            f"persona: {_shown(path, cwd)}: {why(claim)}; the write would leave it as it is "
            "and exit 2 (--force replaces it)\n"
        )
    extra = [path for path, claim in plan.stale if claim is Claim.OURS]
    for path in extra:
        sys.stderr.write(
            f"persona: would remove {_shown(path, cwd)} (no {owned.subject} is briefed here)\n"
        )
    for path, claim in plan.stale:
        if claim is Claim.EDITED:
            sys.stderr.write(
                f"persona: {_shown(path, cwd)}: no {owned.subject} is briefed here any more, "
                f"but it was {why(claim)}; --prune keeps it (--prune --force removes it)\n"
            )
    edited = len(plan.stale) - len(extra)
    if stale or refused or plan.stale:
        changing = len(stale) + len(refused)
        counts = [f"{changing} of {len(documents)} briefing files would change"] if changing else []
        if extra:
            counts.append(
                f"{len(extra)} stale file{'' if len(extra) == 1 else 's'} would be removed"
            )
        if edited:
            counts.append(f"{edited} stale file{'' if edited == 1 else 's'} edited by hand")
        action = "without --check" + (" and with --prune" if plan.stale else "")
        if refused or (edited and not force):
            action += " and with --force"
        sys.stderr.write(f"{'; '.join(counts)}: run the same command {action}\n")
        return 1
    one = len(documents) == 1
    sys.stderr.write(
        f"{len(documents)} briefing file{'' if one else 's'} {'is' if one else 'are'} up to date\n"
    )
    return 0


def _present(folder: Path) -> dict[str, os.DirEntry[str]]:
    """What a folder holds, by name, in one listing (nothing when it does not exist yet):
    a fresh output folder costs no look-up per file."""
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry for entry in entries}
    except OSError:  # missing, or a file in the way: mkdir says which, below
        return {}


def write_all(out: Path, plan: list[tuple[Path, bytes]]) -> int:
    """Write every file through `fileio.write_many`: all are staged before any is put in
    place, so a failure while writing leaves the old files, never half of a new set. Returns
    how many files were (re)written."""
    from persona_cli.io import fileio

    try:
        for folder in sorted({path.parent for path, _ in plan}):
            folder.mkdir(parents=True, exist_ok=True)
        fileio.write_many(plan)
    except OSError as failure:
        raise _write_error(failure.filename or out, failure) from None
    return len(plan)


def _write_error(where: object, failure: OSError) -> UsageError:
    """The folder or file in the way, when known, and what the system said."""
    return UsageError(f"{where}: cannot write briefings: {failure.strerror or failure}")
