"""The rule catalogue: an explicit registry from code to rule, no import magic.

The CLI builds its choices from these keys, so help text cannot drift from the catalogue.
"""

from __future__ import annotations

from persona_cli.rules import identity, loading, schema
from persona_cli.rules.base import Rule

REGISTRY: dict[str, type[Rule]] = {
    rule.code: rule for rule in (*loading.RULES, *schema.RULES, *identity.RULES)
}
BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in REGISTRY.values()}


def lookup(code_or_name: str) -> type[Rule] | None:
    """A rule by code (case-insensitive) or kebab-case name."""
    return REGISTRY.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


__all__ = ["BY_NAME", "REGISTRY", "Rule", "lookup"]
