"""Which teams a persona is written for, and so what it must contain.

A persona says it in `teams`; without it, the configuration may give a default by file
(`teams-by-path`) or by kind (`teams-by-kind`); without that, the kind decides, as it always
has: every lens team that briefs the kind, and every field counted for the kind. The caller
hands in what the configuration says (`configured`), so this stays free of file globbing.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from persona_cli.domain.fields import LENS_KINDS, LENS_TEAMS

Source = Literal["persona", "config", "kind"]


@dataclass(frozen=True, slots=True)
class Teams:
    """The teams a persona is written for and where that came from."""

    names: tuple[str, ...]
    source: Source

    @property
    def chosen(self) -> frozenset[str] | None:
        """The teams that decide which fields are needed; None when the kind decides."""
        return None if self.source == "kind" else frozenset(self.names)

    def wants(self, team: str) -> bool:
        """Whether the persona is written for `team`."""
        return team in self.names


def lens_teams(kind: str, chosen: frozenset[str] | None) -> tuple[str, ...]:
    """The lens teams whose lens a persona of `kind` written for `chosen` must fill: those
    briefing the kind, narrowed to the chosen teams when the persona or config names them."""
    return tuple(team for team in kind_default(kind) if chosen is None or team in chosen)


def kind_default(kind: str) -> tuple[str, ...]:
    """The lens teams that brief a persona of `kind` when nothing says otherwise."""
    return tuple(team for team in LENS_TEAMS if kind in LENS_KINDS[team])


def resolve(own: Sequence[str] | None, *, kind: str, configured: Sequence[str] | None) -> Teams:
    """The teams of a persona: its own `teams` (merged through `extends`), else the
    configured default for its file or kind, else its kind's default. An empty list counts
    as absent."""
    if own:  # an empty list says nothing: as if absent
        return Teams(_unique(own), "persona")
    if configured:
        return Teams(_unique(configured), "config")
    return Teams(kind_default(kind), "kind")


def close_team(name: str) -> str | None:
    """The built-in team a misspelt name most likely means (`sale` -> `sales`)."""
    found = difflib.get_close_matches(name, LENS_TEAMS, n=1, cutoff=0.6)
    return found[0] if found else None


def _unique(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
