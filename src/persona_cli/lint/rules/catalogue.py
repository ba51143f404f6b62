"""The rule catalogue: an explicit registry from code to rule, no import magic.

The CLI builds its choices from these keys, so help text cannot drift from the catalogue.
Loading (Y), schema (S) and suppression (U) codes are reported by the engine itself; the
others are `PersonaRule`s run on each persona, `TextRule`s run on the text of every file,
`SetRule`s run once over the set, or `CommitteeRule`s run once over the segments and
personas together.
"""

from __future__ import annotations

from persona_cli.lint.rules import (
    characters,
    committee,
    content,
    evidence,
    fields,
    identity,
    loading,
    quality,
    schema,
    set_level,
    suppressions,
)
from persona_cli.lint.rules.api import PersonaRule, SetRule, TextRule
from persona_cli.lint.rules.base import Rule

PERSONA_RULES: tuple[type[PersonaRule], ...] = (
    *fields.RULES,
    *evidence.RULES,
    *quality.RULES,
    *content.RULES,
)
SET_RULES: tuple[type[SetRule], ...] = set_level.RULES
COMMITTEE_RULES: tuple[type[committee.CommitteeRule], ...] = committee.RULES
TEXT_RULES: tuple[type[TextRule], ...] = characters.RULES

REGISTRY: dict[str, type[Rule]] = {
    rule.code: rule
    for rule in (
        *loading.RULES,
        *schema.RULES,
        *identity.RULES,
        *PERSONA_RULES,
        *TEXT_RULES,
        *SET_RULES,
        *COMMITTEE_RULES,
        *suppressions.RULES,
    )
}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in REGISTRY.values()}


def lookup(code_or_name: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or kebab-case name."""
    return REGISTRY.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


__all__ = [
    "BY_NAME",
    "COMMITTEE_RULES",
    "PERSONA_RULES",
    "REGISTRY",
    "SET_RULES",
    "TEXT_RULES",
    "Rule",
    "lookup",
]
