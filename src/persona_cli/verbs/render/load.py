"""The persona set a render reads: every file read and validated by the load stage
(`load.personaset.read`, in worker processes), merged with its `extends` parents, then filled
with defaults (`defaults.fill`); sorted by id.

A persona that cannot be briefed (its file is not a valid persona, or its `extends` chain is
broken) is never dropped in silence: `load_usable` returns it beside the others, with the line
`persona lint` and `persona show` give for it (file, line, code, message), and render briefs
every other persona, then names each one left out and exits 2 (a briefing set that silently
drops a broken persona would pass `--check` while being wrong). Committee briefings
(`load_set`) stop at the first one.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from persona_cli.domain.errors import LoadError
from persona_cli.domain.model import Persona
from persona_cli.io.discovery import SourceFile
from persona_cli.io.parallel import forked_map
from persona_cli.load import extends
from persona_cli.load.personaset import Data, merge_chain, read
from persona_cli.verbs.render.defaults import fill


@dataclass(frozen=True, slots=True)
class Loaded:
    """One valid persona: its file, its data merged with its `extends` parent, filled."""

    source: SourceFile
    id: str
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Unusable:
    """A persona that cannot be briefed: its file, the id it goes by (its file name when it
    gives none), and why, as lint and `show` say it (`path:line:column: CODE message`)."""

    source: SourceFile
    id: str
    line: str
    hint: str


def load_set(sources: Sequence[SourceFile]) -> list[Loaded]:
    """Read, validate and merge every persona; sorted by id.

    Raises LoadError naming the first persona that cannot be briefed (exit 2).
    """
    loaded, unusable = load_usable(sources)
    if unusable:
        first = unusable[0]
        more = f" (and {len(unusable) - 1} more)" if len(unusable) > 1 else ""
        raise LoadError(first.line + more, hint=first.hint)
    return loaded


def load_usable(sources: Sequence[SourceFile]) -> tuple[list[Loaded], list[Unusable]]:
    """Read, validate and merge every persona: those that can be briefed, sorted by id, and
    those that cannot (an invalid file, a broken `extends` chain), sorted by file.

    Raises LoadError for a duplicate id (which file a child's parent is would be a guess).
    """
    raw: dict[str, tuple[SourceFile, _Read]] = {}
    broken: list[SourceFile] = []
    results = forked_map(_read_persona, list(sources))
    for source, found in zip(sources, results, strict=True):
        if isinstance(found, str):
            continue  # _SEGMENT: a segment file beside the personas; `--segment` reads it
        if found is None:
            broken.append(source)
            continue
        persona_id = found[0]
        if persona_id in raw:
            raise LoadError(
                f"{source.display}: id '{persona_id}' is also used by {raw[persona_id][0].display}",
                hint="ids must be unique; run persona lint to see the duplicates",
            )
        raw[persona_id] = (source, found)
    # Each persona's own data for the walk: as its file sets it when it extends another,
    # filled otherwise (a root's fields as set are read again only when it is merged).
    links = {
        persona_id: extends.Link(persona_id, found[1], found[3] or found[2], True, (source, found))
        for persona_id, (source, found) in raw.items()
    }
    loaded: list[Loaded] = []
    for persona_id in sorted(raw):
        source, (_, _, filled, _) = raw[persona_id]
        if filled is not None:
            loaded.append(Loaded(source, persona_id, filled))
            continue
        persona = _merged(persona_id, links)
        if persona is None:
            broken.append(source)
            continue
        loaded.append(Loaded(source, persona_id, fill(persona.model_dump(mode="python"))))
    return loaded, _why(sources, broken)


def _why(sources: Sequence[SourceFile], broken: list[SourceFile]) -> list[Unusable]:
    """Each persona that cannot be briefed, worded by the load stage as `persona lint` and
    `persona show` word it. The set is read again, with locations: only when one is broken."""
    if not broken:
        return []
    from persona_cli.load.personaset import PersonaSet
    from persona_cli.verbs.listing import Problem

    personas = PersonaSet.load(sources)
    records = {record.source.path: record for record in personas.personas}
    unusable: list[Unusable] = []
    for source in sorted(broken, key=lambda s: s.display):
        record = records.get(source.path)
        if record is None:  # removed since it was read
            unusable.append(Unusable(source, source.path.stem, f"{source.display}: not found", ""))
            continue
        ident = record.id or source.path.stem
        problem = Problem.of_record(record)
        hint = f"run persona lint {shlex.quote(record.display)} for every problem"
        if problem is None:
            fault = personas.resolve(record).problem
            if fault is None:  # it changed on disk since: it reads as valid now
                line = f"{record.display}: changed while rendering"
                unusable.append(Unusable(source, ident, line, "render again"))
                continue
            problem, hint = Problem.of_chain(fault), fault.hint
        unusable.append(Unusable(source, ident, str(problem), hint))
    return unusable


#: What a worker sends back for a `kind: segment` file: not a persona, not an error.
_SEGMENT = "segment"
#: What a worker sends back for a persona: its id, the id it extends, its filled data (unless
#: it extends another, which needs the whole set first) and, when it extends, the fields its
#: file sets. Plain values only: a pydantic model costs five times as much to send back.
_Read = tuple[str, str | None, Data | None, Data | None]


def _read_persona(source: SourceFile) -> _Read | str | None:
    """One file read in a worker (so the filling happens on every core too): see `_Read`;
    `_SEGMENT` for a segment file, None when it is not a valid persona read cleanly (a
    duplicate key or a refused tag: what lint reads differs from the file)."""
    record = read(source, locations=False)
    if record.is_segment:
        return _SEGMENT
    persona = record.persona
    if persona is None or record.data is None:
        return None
    if persona.extends:
        return persona.id, persona.extends, None, record.data
    return persona.id, None, fill(persona.model_dump(mode="python")), None


_Links = dict[str, extends.Link[tuple[SourceFile, _Read]]]


def _merged(persona_id: str, links: _Links) -> Persona | None:
    """The persona over its parent chain, merged and validated by the load stage (the merge
    `persona lint` uses); None when the chain is broken (`_why` says how). Render merges
    every persona that extends another, whatever its kind, as it always has."""
    resolution = extends.resolve(links[persona_id], links)
    if resolution.problem is not None:
        return None
    # The workers sent back plain values; the chain's files are read again (only for
    # personas that extend another, and their parents).
    chain = [read(link.item[0], locations=False) for link in resolution.chain]
    for record in chain:
        if record.persona is None or record.data is None:  # changed on disk since
            raise LoadError(
                f"{record.display}: changed while rendering; it is no longer a valid persona",
                hint=f"run persona lint {record.display}, then render again",
            )
    merged = merge_chain(chain)
    return None if merged is None else merged[1]
