"""`persona show`: one persona as people read it, in sections, with its gaps and where each
inherited value comes from.

Pure core: it loads the set through the load stage (`load.personaset`), asks git for the
persona's age and returns a `PersonaView`; it never prints. `reporters/listing.py` draws it.

Why it looks like this:

- The numbers agree with the other commands: completeness is `completeness.score` on the data
  lint scores (a persona that extends another merged with its parent chain by the load
  stage), and the age is `persona age`'s.
- An inherited value is shown as inherited: each field records which file of its `extends`
  chain the merged value came from.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from persona_cli.domain import completeness, model
from persona_cli.domain.errors import LoadError
from persona_cli.domain.result import PersonaScore
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import DEFAULT_MAX_BYTES
from persona_cli.load.personaset import Data, PersonaSet, Resolved, read
from persona_cli.verbs.age import PersonaAge
from persona_cli.verbs.listing import JSON_VERSION, Problem, ages

#: Lens sections in the order teams read them, with what each lens does.
LENS_TITLES: dict[str, str] = {
    "marketing": "Marketing lens: frames risk",
    "sales": "Sales lens: resolves hesitation",
    "product": "Product lens: reduces friction",
    "support": "Support lens: detects expectation failure",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One field in a section of `persona show`: its value, where it came from, or what is
    missing (a gap: a field this persona's kind needs that is empty)."""

    key: str
    label: str
    value: Any = None
    inherited_from: str | None = None
    gap: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A panel of `persona show`."""

    key: str
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class PersonaView:
    """Everything `persona show` prints about one persona."""

    id: str
    path: str
    name: str
    kind: str
    status: str
    summary: str | None
    segment: str | None
    extends: tuple[str, ...]
    owners: tuple[str, ...]
    last_reviewed: dt.date | None
    interval_days: int
    score: PersonaScore
    sections: tuple[Section, ...]
    data: Data
    inherited: dict[str, str]
    age: PersonaAge | None = None
    age_note: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def gaps(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items if item.gap)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `persona show --format json`."""
        age = self.age
        return {
            "version": JSON_VERSION,
            "id": self.id,
            "path": self.path,
            "extends": list(self.extends[1:]),
            "completeness": {
                "score": round(self.score.completeness, 3),
                "parts": {part: round(share, 3) for part, share in self.score.parts.items()},
                "missing": list(self.score.missing),
            },
            "gaps": [{"field": item.key, "description": item.gap} for item in self.gaps],
            "inherited": dict(sorted(self.inherited.items())),
            "age": None if age is None else age.as_dict(),
            # Dates as YYYY-MM-DD, as in the file; default=str covers them.
            "persona": json.loads(json.dumps(self.data, default=str)),
            # The x- keys by path, as the text view lists them (the persona holds them too).
            "extensions": json.loads(
                json.dumps({path: value for path, _, value in extensions(self.data)}, default=str)
            ),
        }


def _likely(
    ident: str, sources: Sequence[SourceFile], *, path: str | None, max_bytes: int
) -> PersonaSet | None:
    """The persona and its parent chain read by file name alone (an id is its file's stem,
    which lint checks), so `show` does not parse a thousand files to print one; None when
    that does not settle it (a missing or mismatched file, a chain that leaves the names),
    and the caller loads the whole set."""
    by_stem: dict[str, list[SourceFile]] = {}
    for source in sources:
        by_stem.setdefault(source.path.stem, []).append(source)
    first = [s for s in sources if s.display == path] if path else by_stem.get(ident, [])
    if len(first) != 1:
        return None
    chain = [read(first[0], max_bytes=max_bytes)]
    while True:
        record = chain[-1]
        if record.is_segment or (path is None and record.id != ident and len(chain) == 1):
            return None
        if record.persona is None or not record.usable:
            return PersonaSet(tuple(chain))
        parent_id = record.extends
        if parent_id is None:
            return PersonaSet(tuple(chain))
        found = by_stem.get(parent_id, [])
        if len(found) != 1 or any(link.source == found[0] for link in chain):
            return None
        parent = read(found[0], max_bytes=max_bytes)
        if parent.id != parent_id:
            return None
        chain.append(parent)


def show(
    ident: str,
    sources: Sequence[SourceFile],
    *,
    path: str | None = None,
    now: dt.date,
    cwd: Path,
    with_age: bool = True,
    team: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> PersonaView:
    """`persona show`: one persona, merged with its parent chain, in display sections with
    its gaps; a persona that does not validate is a LoadError naming the first problem.
    With `team`, the only lens shown is that team's."""
    personas = _likely(ident, sources, path=path, max_bytes=max_bytes)
    if personas is None:  # not found by file name: load the whole set, as lint would
        personas = PersonaSet.load(sources, max_bytes=max_bytes)
    record = personas.find(ident, path=path)
    if not record.usable:
        raise LoadError(
            str(Problem.of_record(record)),
            hint=f"run persona lint {shlex.quote(record.display)} for every problem",
        )
    resolved = personas.resolve(record)
    if resolved.problem is not None:
        raise LoadError(str(Problem.of_chain(resolved.problem)), hint=resolved.problem.hint)
    persona = resolved.persona
    chosen = frozenset(persona.teams) if persona.teams else None
    scored = completeness.score(resolved.data, path=record.display, teams=chosen)
    found = ages([record.source], now=now, cwd=cwd, enabled=with_age)
    review = persona.review
    return PersonaView(
        id=record.id,
        path=record.display,
        name=persona.name,
        kind=persona.kind.value,
        status=persona.status.value,
        summary=_text(persona.summary),
        segment=_text(persona.segment),
        extends=tuple(link.id for link in resolved.chain),
        owners=tuple(owner for owner in review.owners or () if owner) if review else (),
        last_reviewed=review.last_reviewed if review else None,
        interval_days=review.interval_days if review else model.DEFAULT_INTERVAL_DAYS,
        score=scored,
        sections=tuple(
            section
            for section in sections(resolved, scored)
            if team is None
            or not section.key.startswith("lenses.")
            or section.key == f"lenses.{team}"
        ),
        data=resolved.data,
        inherited=_inherited(resolved),
        age=found.by_path.get(record.display),
        age_note=found.note,
        warnings=found.warnings,
    )


def _text(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def _inherited(resolved: Resolved) -> dict[str, str]:
    """Dotted path -> parent id, for each top-level and second-level field that comes from a
    parent (lists are replaced whole by the merge, so deeper paths cannot differ)."""
    out: dict[str, str] = {}
    for key, value in resolved.data.items():
        paths: list[tuple[str, ...]] = (
            [(key, sub) for sub in value] if isinstance(value, dict) else [(key,)]
        )
        if key == "lenses" and isinstance(value, dict):
            paths = [
                (key, team, name)
                for team, lens in value.items()
                if isinstance(lens, dict)
                for name in lens
            ]
        for path in paths:
            origin = resolved.origin(path)
            if origin is not None:
                out[".".join(path)] = origin
    return out


def _label(name: str) -> str:
    return name.replace("_", " ")


def _describe(path: tuple[str, ...]) -> str:
    """What a missing field is for, in the model's words (the editor tooltip)."""
    from persona_cli.domain.field_descriptions import describe

    return describe(path)


#: Fields the briefings build on beyond completeness (renderer's overview gaps).
_REVIEW_NEEDS: tuple[tuple[str, ...], ...] = (("review", "owners"), ("review", "last_reviewed"))


def _part(
    resolved: Resolved,
    prefix: tuple[str, ...],
    part: type[BaseModel],
    missing: set[str],
) -> list[Item]:
    """The items of one object section: filled fields in the model's order, and a gap item
    for each field the persona's kind needs that is empty."""
    data = completeness.get(resolved.data, prefix)
    values = data if isinstance(data, dict) else {}
    items: list[Item] = []
    for name in part.model_fields:
        path = (*prefix, name)
        key = ".".join(path)
        value = values.get(name)
        if completeness.filled(value):
            items.append(
                Item(key, _label(name), _plain(value), inherited_from=resolved.origin(path))
            )
        elif key in missing:
            items.append(Item(key, _label(name), gap=_describe(path)))
    return items


def _plain(value: Any) -> Any:
    """Enum members and dates as the strings the file holds; containers recursively."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_plain(item) for item in value if completeness.filled(item)]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def sections(resolved: Resolved, scored: PersonaScore) -> list[Section]:
    """The panels of `persona show`, in reading order; a panel with nothing to say and
    nothing this kind needs is left out (never drawn empty)."""
    data = resolved.data
    kind = resolved.persona.kind.value
    missing = set(scored.missing)
    missing.update(
        ".".join(path) for path in _REVIEW_NEEDS if not completeness.filled(_get(data, path))
    )
    out: list[Section] = []

    def add(key: str, title: str, items: list[Item]) -> None:
        if items:
            out.append(Section(key, title, tuple(items)))

    add("role", "Role", _part(resolved, ("role",), model.Role, missing))
    add("company", "Company", _part(resolved, ("company",), model.Company, missing))
    add("background", "Background", _part(resolved, ("background",), model.Background, missing))
    add("tools", "Tools", _whole(resolved, "tools"))
    goals = [
        Item(name, _label(name), _plain(data[name]), inherited_from=resolved.origin((name,)))
        for name in ("goals", "pains")
        if completeness.filled(data.get(name))
    ]
    add("goals", "Goals and pains", goals)
    add(
        "whole_person",
        "Whole person",
        _part(resolved, ("whole_person",), model.WholePerson, missing),
    )
    add("decision", "Decision", _part(resolved, ("decision",), model.Decision, missing))
    add("jobs_to_be_done", "Jobs to be done", _whole(resolved, "jobs_to_be_done"))
    add(
        "influences",
        "Where they learn and whom they trust",
        _part(resolved, ("influences",), model.Influences, missing),
    )
    lens_models: dict[str, type[BaseModel]] = {
        "marketing": model.MarketingLens,
        "sales": model.SalesLens,
        "product": model.ProductLens,
        "support": model.SupportLens,
    }
    for team, lens_model in lens_models.items():
        add(
            f"lenses.{team}",
            LENS_TITLES[team],
            _part(resolved, ("lenses", team), lens_model, missing),
        )
    if kind == "internal" or completeness.filled(data.get("internal")):
        add("internal", "Internal", _part(resolved, ("internal",), model.Internal, missing))
    add(
        "messaging",
        "Messaging: our advice to each team",
        _part(resolved, ("messaging",), model.Messaging, missing),
    )
    add("notes", "Notes", _whole(resolved, "notes"))
    evidence = data.get("evidence")
    add(
        "evidence",
        "Evidence",
        [
            Item(
                "evidence",
                "",
                sorted(_plain(evidence), key=lambda e: str(e.get("date", "")), reverse=True),
                inherited_from=resolved.origin(("evidence",)),
            )
        ]
        if completeness.filled(evidence)
        else [
            Item(
                "evidence",
                "evidence",
                gap="no dated research behind this persona: it is a proto-persona "
                "(a draft), whatever its status says",
            )
        ],
    )
    add("review", "Review", _part(resolved, ("review",), model.Review, missing))
    add("provenance", "Imported from", _part(resolved, ("provenance",), model.Provenance, missing))
    add(
        "extensions",
        "Extensions (x- keys: kept as written, read by no rule)",
        [
            # As written (nulls kept), dates as the file spells them.
            Item(path, path, json.loads(json.dumps(value, default=_iso)), resolved.origin(keys))
            for path, keys, value in extensions(data)
        ],
    )
    return out


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _whole(resolved: Resolved, name: str) -> list[Item]:
    """A top-level list shown as one unlabelled item (tools, jobs, notes), or nothing."""
    value = resolved.data.get(name)
    if not completeness.filled(value):
        return []
    return [Item(name, "", _plain(value), inherited_from=resolved.origin((name,)))]


def extensions(
    value: Any, path: str = "", keys: tuple[str, ...] = (), *, in_list: bool = False
) -> Iterator[tuple[str, tuple[str, ...], Any]]:
    """Every extension key (`x-...`) in a persona's data, in file order, each with its
    dotted path (`role.x-crm-title`, `notes[0].x-source-page`), the mapping keys down to it
    or to the list holding it (where the merge says it came from: lists merge whole) and its
    value; never looks inside one."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            inner = keys if in_list else (*keys, str(key))
            if model.is_extension(key):
                yield where, inner, item
            else:
                yield from extensions(item, where, inner, in_list=in_list)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from extensions(item, f"{path}[{index}]", keys, in_list=True)


def _get(data: Data, path: tuple[str, ...]) -> Any:
    return completeness.get(data, path)


__all__ = ["LENS_TITLES", "Item", "PersonaView", "Section", "extensions", "sections", "show"]
