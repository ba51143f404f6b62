"""Personas grouped by who owns them, as `persona age` shows them and `persona report` charts
them: one group per owner list (as written), groups in the order of their oldest persona."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from persona_cli.verbs.age import AgeResult, PersonaAge

#: The group of personas that name no owner.
NO_OWNER = "(no owner)"


def owners_label(persona: PersonaAge) -> str:
    return ", ".join(persona.owners) if persona.owners else NO_OWNER


def by_owner(result: AgeResult) -> list[tuple[str, list[PersonaAge]]]:
    """Rows grouped by their owners (the whole list, as written), groups in the order of
    their oldest persona, rows oldest first within each group."""
    order: dict[str, int] = {}
    for index, persona in enumerate(result.personas):
        order.setdefault(owners_label(persona), index)
    rows = sorted(result.personas, key=lambda p: order[owners_label(p)])
    return [(label, list(group)) for label, group in groupby(rows, key=owners_label)]


__all__ = ["NO_OWNER", "by_owner", "owners_label"]
