"""The persona set a render reads: every file read and validated by the load stage
(`load.personaset.read`, in worker processes), merged with its `extends` parents, then filled
with defaults (`defaults.fill`); sorted by id.

Invalid persona files are an error (exit 2, naming the file and `persona lint`), not a skip:
a briefing set that silently drops a broken persona would pass `--check` while being wrong.
"""

from __future__ import annotations

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


def load_set(sources: Sequence[SourceFile]) -> list[Loaded]:
    """Read, validate and merge every persona; sorted by id.

    Raises LoadError naming the invalid files (exit 2): `persona lint` says why.
    """
    raw: dict[str, tuple[SourceFile, _Read]] = {}
    broken: list[str] = []
    results = forked_map(_read_persona, list(sources))
    for source, found in zip(sources, results, strict=True):
        if isinstance(found, str):
            continue  # _SEGMENT: a segment file beside the personas; `--segment` reads it
        if found is None:
            broken.append(source.display)
            continue
        persona_id = found[0]
        if persona_id in raw:
            raise LoadError(
                f"{source.display}: id '{persona_id}' is also used by {raw[persona_id][0].display}",
                hint="ids must be unique; run persona lint to see the duplicates",
            )
        raw[persona_id] = (source, found)
    if broken:
        shown = ", ".join(broken[:5]) + (f" and {len(broken) - 5} more" if len(broken) > 5 else "")
        raise LoadError(
            f"{shown}: not a valid persona",
            hint=f"run persona lint {broken[0]} to see why, or exclude the file",
        )
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
        loaded.append(Loaded(source, persona_id, fill(persona.model_dump(mode="python"))))
    return loaded


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


def _merged(persona_id: str, links: _Links) -> Persona:
    """The persona over its parent chain, merged and validated by the load stage (the merge
    `persona lint` uses). Render merges every persona that extends another, whatever its
    kind, as it always has."""
    resolution = extends.resolve(links[persona_id], links)
    problem = resolution.problem
    if isinstance(problem, extends.Cycle):
        raise LoadError(
            f"{links[persona_id].item[0].display}: extends loops back on itself "
            f"({' -> '.join(problem.ids)})",
            hint="run persona lint to see the cycle",
        )
    if isinstance(problem, extends.UnknownParent):
        raise LoadError(
            f"{links[problem.child].item[0].display}: extends '{problem.parent}', "
            "but no persona has that id",
            hint="run persona lint to see why",
        )
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
    if merged is None:
        raise LoadError(
            f"{chain[0].display}: merged with its parents, it is not a valid persona",
            hint=f"run persona lint {chain[0].display} to see why",
        )
    return merged[1]
