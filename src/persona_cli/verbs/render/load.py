"""The persona set a render reads: every file read, validated and merged with its `extends`
parents, then filled with defaults (`defaults.fill`); sorted by id.

Invalid persona files are an error (exit 2, naming the file and `persona lint`), not a skip:
a briefing set that silently drops a broken persona would pass `--check` while being wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from persona_cli.domain.errors import LoadError
from persona_cli.io.parallel import forked_map
from persona_cli.verbs.render.defaults import fill

if TYPE_CHECKING:
    from collections.abc import Mapping

    from persona_cli.io.discovery import SourceFile
    from persona_cli.load.extends import Link

#: The loader's size limit (`file_read.DEFAULT_MAX_BYTES`), repeated to keep imports lazy.
DEFAULT_MAX_BYTES = 1024 * 1024


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
    from persona_cli.domain.model import Persona

    raw: dict[str, tuple[SourceFile, _Read]] = {}
    broken: list[str] = []
    read = forked_map(_read_persona, list(sources))
    for source, found in zip(sources, read, strict=True):
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
    from persona_cli.load.extends import Link

    # Each persona's own data for the walk: as its file sets it when it extends another,
    # filled otherwise (a root's fields as set are read again only when it is merged).
    links = {
        persona_id: Link(persona_id, found[1], found[3] or found[2], True, (source, found))
        for persona_id, (source, found) in raw.items()
    }
    loaded: list[Loaded] = []
    for persona_id in sorted(raw):
        source, (_, _, filled, _) = raw[persona_id]
        if filled is not None:
            loaded.append(Loaded(source, persona_id, filled))
            continue
        persona = Persona.model_validate(_merged(persona_id, links))
        loaded.append(Loaded(source, persona_id, fill(persona.model_dump(mode="python"))))
    return loaded


#: What a worker sends back for a `kind: segment` file: not a persona, not an error.
_SEGMENT = "segment"
#: What a worker sends back for a persona: its id, the id it extends, its filled data (unless
#: it extends another, which needs the whole set first) and, when it extends, the fields its
#: file sets. Plain values only: a pydantic model costs five times as much to send back.
_Read = tuple[str, str | None, dict[str, Any] | None, dict[str, Any] | None]


def _read_persona(source: SourceFile) -> _Read | str | None:
    """One file read in a worker (so the filling happens on every core too): see `_Read`;
    `_SEGMENT` for a segment file, None when it is not a valid persona."""
    persona, document = _validated(source)
    if persona is None:
        return _SEGMENT if isinstance(document, str) else None
    if persona.extends:
        return persona.id, persona.extends, None, document.data
    return persona.id, None, fill(persona.model_dump(mode="python")), None


def _validated(source: SourceFile) -> tuple[Any, Any]:
    """(persona model, document), or (None, `_SEGMENT` | document | None)."""
    from persona_cli.io.yaml_read import load_file, load_text
    from persona_cli.load.validate import validate

    loaded = _load(source, load_file, load_text)
    document = loaded.document
    if document is None:
        return None, None
    if isinstance(document.data, dict) and document.data.get("kind") == "segment":
        return None, _SEGMENT
    if loaded.findings:  # a duplicate key or a refused tag: what lint reads differs from the file
        return None, document
    persona, _ = validate(document, source.display)
    return persona, document


def _load(source: SourceFile, load_file: Any, load_text: Any) -> Any:
    """The loaded document (and the loader's findings) without the span index (render never
    points at a line of a persona); anything unusual (not UTF-8, too large, unreadable) goes
    through `load_file` for its checks."""
    from persona_cli.io.file_read import read_regular  # never opens a FIFO, a socket or a device

    raw = read_regular(source.path, source.display, max_bytes=DEFAULT_MAX_BYTES)
    if isinstance(raw, bytes):
        try:
            return load_text(raw.decode("utf-8"), source.display, locations=False)
        except UnicodeDecodeError:
            pass
    return load_file(source.path, source.display)


def _merged(persona_id: str, links: Mapping[str, Link[tuple[SourceFile, _Read]]]) -> dict[str, Any]:
    """The persona's data over its parent chain's (the same merge `persona lint` uses)."""
    from persona_cli.load import extends

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
    chain: list[dict[str, Any]] = []
    for link in resolution.chain:
        source, (_, _, _, data) = link.item
        if data is None:
            # A parent that extends nothing came back filled; the fields its file sets are
            # what it passes on, so read it again here (only parents of individuals).
            persona, _ = _validated(source)
            if persona is None:  # changed on disk since the workers read it
                raise LoadError(
                    f"{source.display}: changed while rendering; it is no longer a valid persona",
                    hint=f"run persona lint {source.display}, then render again",
                )
            data = persona.model_dump(mode="python", exclude_unset=True)
        chain.append(data)
    return extends.merge_all(chain)
