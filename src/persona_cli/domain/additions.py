"""How a persona inherits from its `extends` parent: the one merge every verb uses.

Pure functions on data as a file holds it (plain mappings and lists, before the model). The
load stage walks the chain (`load/extends.py`) and hands the data here, root first, so lint,
show, list, render and report see the same merged persona.

The rules:

- Parts (mappings: `role`, `whole_person`, `lenses.sales`...) merge key by key, recursively.
- A text, a number or a list the child sets replaces the parent's.
- Not inherited (`NOT_INHERITED`): `id`, `name`, `kind` (each file states its own, and it may
  differ from the parent's), `status`, `review` and `provenance` (each file is reviewed and
  sourced on its own), `extends` and `add` (about the file itself). `evidence` IS inherited:
  the research behind the parent's values is the research behind the child's inherited ones;
  a child adds its own with `add: {evidence: [...]}`.
- `add` (a child's only): each list in it is appended to the list the child ends up with
  (inherited, or its own when it sets one), items already there dropped (exact match, order
  kept). The merged persona has no `add` left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: The key a child's additions live under.
ADD = "add"
#: Top-level keys a child never takes from its parent.
NOT_INHERITED = frozenset({"id", "name", "kind", "status", "review", "provenance", "extends", ADD})


def inherited(parent: Mapping[str, Any]) -> dict[str, Any]:
    """What a child takes from its (merged) parent: everything but `NOT_INHERITED`."""
    return {key: value for key, value in parent.items() if key not in NOT_INHERITED}


def overlay(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """`over`'s values over `base`'s: mappings key by key, anything else replaced whole.
    Neither input is changed."""
    merged = dict(base)
    for key, value in over.items():
        below = merged.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            merged[key] = overlay(below, value)
        else:
            merged[key] = value
    return merged


def append(base: Mapping[str, Any], additions: Mapping[str, Any]) -> dict[str, Any]:
    """Each list in `additions` appended to the list at the same path in `base` (an absent
    or empty one starts empty); an item equal to one already there is dropped. Mappings in
    `additions` lead to the lists inside them. Neither input is changed."""
    merged = dict(base)
    for key, value in additions.items():
        below = merged.get(key)
        if isinstance(value, Mapping):
            merged[key] = append(below if isinstance(below, Mapping) else {}, value)
        elif isinstance(value, list):
            merged[key] = _extended(below if isinstance(below, list) else [], value)
    return merged


def _extended(items: list[Any], more: Iterable[Any]) -> list[Any]:
    out = list(items)
    for item in more:
        if item not in out:
            out.append(item)
    return out


def merge(parent: Mapping[str, Any], child: Mapping[str, Any]) -> dict[str, Any]:
    """The child as it reads over its (already merged) parent: the inherited values, the
    child's own over them, then the child's `add` appended."""
    own = {key: value for key, value in child.items() if key != ADD}
    merged = overlay(inherited(parent), own)
    additions = child.get(ADD)
    if isinstance(additions, Mapping):
        merged = append(merged, additions)
    # Keys in the parent's order (its own keys where the child has them), then the child's.
    ordered = {key: merged[key] for key in parent if key in merged}
    ordered.update(merged)
    return ordered


def merge_all(chain: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """A chain's data (the persona first, its root parent last) merged root first. The root
    is taken as written (an `add` there has no parent to add to: lint reports it)."""
    ordered = list(chain)
    if not ordered:
        return {}
    merged = dict(ordered[-1])
    for data in reversed(ordered[:-1]):
        merged = merge(merged, data)
    return merged


__all__ = ["ADD", "NOT_INHERITED", "append", "inherited", "merge", "merge_all", "overlay"]
