"""Problems found by validating a file's data against the persona model (codes S001-S003).

The validator in the load stage reports these; codes and names come from
`domain.load_problems`, which it uses too, so the two cannot disagree.
"""

from __future__ import annotations

from persona_cli.domain import load_problems as problems
from persona_cli.lint.rules.base import Rule


class MissingField(Rule):
    """A required field is missing.

    Only `schema_version`, `id`, `name` and `kind` are required at the top level; inside a
    list item, the item's identifying fields are required (an evidence entry needs `id`,
    `type`, `date` and `summary`; an objection needs `objection`; a job story needs `when`
    and `want`). The finding points at the parent key that lacks the field.

    Failing:

        schema_version: 1
        id: ciso
        kind: buyer

    Passing:

        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
    """

    code = problems.MISSING_FIELD.code
    name = problems.MISSING_FIELD.name
    family = "schema"


class UnknownKey(Rule):
    """A key is not part of the persona format.

    Usually a typo or a field at the wrong level; the message suggests the closest known
    field. Unknown keys are errors so that a misspelt field never silently drops content.

    Failing:

        whole_person:
          fers: [being blamed for a breach]

    Passing:

        whole_person:
          fears: [being blamed for a breach]
    """

    code = problems.UNKNOWN_KEY.code
    name = problems.UNKNOWN_KEY.name
    family = "schema"


class InvalidValue(Rule):
    """A value has the wrong type or is not one of the allowed values.

    The message names what was expected: a list of strings, a date as YYYY-MM-DD, one of the
    enumerated values (for example `trust` is one of needs_proof, cautious, open,
    early_adopter), or a slug for ids.

    Failing:

        decision:
          risk_tolerance: very low
        review:
          last_reviewed: 22/11/2026

    Passing:

        decision:
          risk_tolerance: low
        review:
          last_reviewed: 2026-11-22
    """

    code = problems.INVALID_VALUE.code
    name = problems.INVALID_VALUE.name
    family = "schema"


RULES: tuple[type[Rule], ...] = (MissingField, UnknownKey, InvalidValue)
