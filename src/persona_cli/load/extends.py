"""Resolving `extends`: a persona's parent chain, its merged data and what breaks the chain.

A persona of any kind may name a parent; its data is its own values over its parents', by
the rules of `domain.additions` (parts merged key by key, lists and texts replaced, a few
keys not inherited, `add` appended). Every verb resolves the chain here,
so lint, show, list and render agree on which parent a value comes from and on what is
wrong with a chain. Each caller words the problem for its own output (a lint finding, a
`show` error, a render error); the walk and the merge are this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from persona_cli.domain.additions import merge, merge_all

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Link(Generic[T]):
    """One persona as the walk sees it: its id, the id it extends, its own data (None when
    its file cannot be read), whether it validated, and the caller's record for it."""

    id: str
    extends: str | None
    data: Mapping[str, Any] | None
    valid: bool
    item: T


@dataclass(frozen=True, slots=True)
class UnknownParent:
    """`child` extends `parent`, and no persona has that id."""

    child: str
    parent: str


@dataclass(frozen=True, slots=True)
class Cycle:
    """The chain loops: `ids` from the persona resolved to the first id seen twice."""

    ids: tuple[str, ...]

    @property
    def through_start(self) -> bool:
        """The persona resolved is itself in the loop (not merely led into one)."""
        return self.ids[0] == self.ids[-1]


@dataclass(frozen=True, slots=True)
class UnreadableParent:
    """A parent's file could not be read at all."""

    parent: str


@dataclass(frozen=True, slots=True)
class InvalidParent:
    """A parent was read but is not a valid persona."""

    parent: str


ChainEnd = UnknownParent | Cycle
ChainProblem = UnknownParent | Cycle | UnreadableParent | InvalidParent


@dataclass(frozen=True, slots=True)
class Resolution(Generic[T]):
    """A persona's parent chain: `chain` is the persona, then its parents as far as the ids
    lead; `end` says why the walk stopped early (an unknown id, a loop), None when it
    reached a persona that extends nothing."""

    chain: tuple[Link[T], ...]
    end: ChainEnd | None = None

    @property
    def problem(self) -> ChainProblem | None:
        """The first thing wrong going up the chain: an unreadable or invalid parent, else
        how the walk ended; None when every parent is there, valid, and the chain ends."""
        for link in self.chain[1:]:
            if link.data is None:
                return UnreadableParent(link.id)
            if not link.valid:
                return InvalidParent(link.id)
        return self.end

    @property
    def parents(self) -> tuple[Link[T], ...]:
        return self.chain[1:]

    def merged(self) -> dict[str, Any]:
        """The persona's data over its parents' (only for a chain without a problem)."""
        assert self.problem is None, "a broken chain has no merged data"
        return merge_all(link.data or {} for link in self.chain)


def resolve(start: Link[T], links: Mapping[str, Link[T]]) -> Resolution[T]:
    """Walk `start`'s `extends` chain through `links` (every persona of the set by id).

    The walk goes through invalid parents (the ids still say where the chain leads, which
    is what a loop or an unknown id is about) and stops at an unknown id or at the first
    id seen twice."""
    chain = [start]
    seen = {start.id}
    current = start
    while current.extends is not None:
        parent = links.get(current.extends)
        if parent is None:
            return Resolution(tuple(chain), UnknownParent(current.id, current.extends))
        if parent.id in seen:
            return Resolution(tuple(chain), Cycle((*(link.id for link in chain), parent.id)))
        chain.append(parent)
        seen.add(parent.id)
        current = parent
    return Resolution(tuple(chain))


def parent_suggestions(child: str, missing: str, links: Mapping[str, Link[T]]) -> list[str]:
    """Ids to suggest for `child`'s unknown parent `missing`, closest first: never `child`
    itself, nor a persona whose own chain leads back to `child` (that would be a loop)."""
    import difflib

    close = difflib.get_close_matches(missing, list(links), n=5, cutoff=0.6)
    return [ident for ident in close if not _leads_to(ident, child, links)]


def _leads_to(start: str, target: str, links: Mapping[str, Link[T]]) -> bool:
    """Whether `start`'s `extends` chain (itself included) passes through `target`."""
    seen: set[str] = set()
    current: str | None = start
    while current is not None and current not in seen:
        if current == target:
            return True
        seen.add(current)
        link = links.get(current)
        current = None if link is None else link.extends
    return False


#: Who a broken chain is reported against, from the persona resolved: `unknown` (its own
#: parent does not exist), `cycle` (it is in the loop), `parent` (the chain breaks further
#: up: a parent unreadable, invalid, or with a broken chain of its own).
Blame = Literal["unknown", "cycle", "parent"]


def blame(start: str, problem: ChainProblem) -> Blame:
    """Whose problem a broken chain is, seen from the persona `start` (see `Blame`)."""
    if isinstance(problem, UnknownParent) and problem.child == start:
        return "unknown"
    if isinstance(problem, Cycle) and problem.through_start:
        return "cycle"
    return "parent"


__all__ = [
    "Blame",
    "ChainProblem",
    "Cycle",
    "InvalidParent",
    "Link",
    "Resolution",
    "UnknownParent",
    "UnreadableParent",
    "blame",
    "merge",
    "merge_all",
    "resolve",
]
