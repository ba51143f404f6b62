"""Missing whole-person, decision, lens and internal fields (families W, R, L, N).

One rule per counted field of the field table (`domain/fields/`), so that teams can select,
ignore or re-grade them one by one. Each rule's code, kinds, question and documentation come
from the field's row: the rule fires exactly when completeness counts the field missing, and
its message asks the question `persona new` wrote above the field. The lens-level rules (L001
a lens missing, L002 a lens too thin) and W006 are written here by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from pydantic import Field, field_validator

from persona_cli.domain import completeness
from persona_cli.domain.fields import FIELDS, FieldRow
from persona_cli.domain.result import Severity
from persona_cli.lint.rules.api import (
    EXTERNAL_KINDS,
    Hit,
    PersonaRule,
    RuleOptions,
    Target,
)


class MissingFieldRule(PersonaRule):
    """Base: report `field` when it is missing, null, blank or an empty list."""

    field: ClassVar[tuple[str, ...]]
    question: ClassVar[str]
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        if not completeness.filled(completeness.get(target.data, self.field)):
            dotted = ".".join(self.field)
            yield Hit(self.field, f"{dotted} is missing: {self.question}", anchor="key")


#: Rule families by the first letter of the code.
_FAMILIES: dict[str, str] = {"W": "whole-person", "R": "risk", "L": "lenses", "N": "internal"}


def _yaml_block(keys: tuple[str, ...], leaf: str) -> str:
    """`keys` nested as YAML, indented for a docstring example, ending in `leaf`."""
    lines = [f"{'  ' * depth}{key}:" for depth, key in enumerate(keys[:-1])]
    lines.append(f"{'  ' * (len(keys) - 1)}{keys[-1]}{leaf}")
    return "\n".join(f"    {line}" for line in lines)


def _doc(row: FieldRow) -> str:
    kinds = ", ".join(sorted(row.counted_for))
    teams = (
        f" A persona whose `teams` names none of {', '.join(sorted(row.needed_by))} is not "
        "asked for it."
        if row.needed_by
        else ""
    )
    failing = _yaml_block(row.keys[:-1], ": {}") if len(row.keys) > 1 else "    {}"
    return f"""{row.path} is missing or empty.

{row.why} Counted in completeness for kinds: {kinds}.{teams} The question: "{row.question}"

Failing:

{failing}

Passing:

{_yaml_block(row.keys, ": " + row.example)}
"""


def _missing_rule(row: FieldRow) -> type[MissingFieldRule]:
    assert row.rule is not None
    question = row.question[0].lower() + row.question[1:]
    return type(
        f"Missing{row.name.title().replace('_', '')}",
        (MissingFieldRule,),
        {
            "__doc__": _doc(row),
            "__module__": __name__,
            "code": row.rule,
            "name": f"missing-{row.name.replace('_', '-')}",
            "family": _FAMILIES[row.rule[0]],
            "field": row.keys,
            "question": question,
            "kinds": row.counted_for,
            "needed_by": row.needed_by,
        },
    )


#: One rule per counted field, in the table's order; evidence (E006) is judged with its
#: status and written by hand in `evidence.py`.
MISSING_FIELD_RULES: tuple[type[MissingFieldRule], ...] = tuple(
    _missing_rule(row) for row in FIELDS.values() if row.rule and row.rule[0] in _FAMILIES
)


_PUNCTUATION = re.compile(r"[^\w\s]")


def _normalise(text: str) -> str:
    return " ".join(_PUNCTUATION.sub("", text.casefold()).split())


class RestatedProfessional(PersonaRule):
    """A fear or motivation repeats a professional goal or pain word for word.

    Whole-person fields are there to capture what the job description does not: copying
    "reduce audit findings" from `goals` into `motivations` leaves the persona
    one-dimensional. Ask what the goal means to the person (recognition, safety, a
    promotion) and write that instead.

    Failing:

        goals: [reduce audit findings]
        whole_person:
          motivations: [Reduce audit findings.]

    Passing:

        goals: [reduce audit findings]
        whole_person:
          motivations: [being trusted by the board to run security without oversight]
    """

    code = "W006"
    name = "restated-professional"
    family = "whole-person"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        professional: dict[str, str] = {}
        for source in ("goals", "pains"):
            for item in target.data.get(source) or []:
                if isinstance(item, str) and item.strip():
                    professional.setdefault(_normalise(item), source)
        whole = target.data.get("whole_person") or {}
        for field in ("fears", "motivations"):
            for index, item in enumerate(whole.get(field) or []):
                origin = professional.get(_normalise(item)) if isinstance(item, str) else None
                if origin:
                    yield Hit(
                        ("whole_person", field, index),
                        f"whole_person.{field}[{index}] repeats an entry of {origin}; "
                        f"say what it means to the person, not the job",
                    )


DEFAULT_MIN_FIELDS: dict[str, int] = {"marketing": 3, "sales": 3, "product": 3, "support": 2}


class LensOptions(RuleOptions):
    min_fields: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_MIN_FIELDS),
        description="Fewest filled fields for each team's lens to count as usable; teams "
        "not listed keep their default.",
    )

    @field_validator("min_fields")
    @classmethod
    def _known_teams(cls, value: dict[str, int]) -> dict[str, int]:
        # A typo ("salse") would otherwise silently leave that lens at its default.
        unknown = sorted(set(value) - set(completeness.LENSES))
        if unknown:
            raise ValueError(
                f"unknown team {', '.join(repr(t) for t in unknown)}; "
                f"lens teams are {', '.join(completeness.LENSES)}"
            )
        return value


class LensMissing(PersonaRule):
    """A team lens the persona's kind needs is missing entirely.

    Marketing, sales, product and support each read the persona through their own lens;
    a persona that cannot fill a lens is not yet usable by that team. Buyers and individual
    profiles need all four lenses; users need marketing, product and support; internal
    personas need none. A persona written for some teams (`teams`, or the config's
    `teams-by-path` / `teams-by-kind`) needs only the lenses of those teams. Each field of a
    missing lens is reported as well, by its own missing-field rule with the question to
    answer; this finding says what the gap means for the team.

    Failing (kind: buyer):

        lenses:
          marketing: {loss_feared: ..., unspoken_objection: ...}

    Passing:

        lenses:
          marketing: {...}
          sales: {...}
          product: {...}
          support: {...}
    """

    code = "L001"
    name = "lens-missing"
    family = "lenses"
    severity = Severity.warning
    kinds = EXTERNAL_KINDS

    def check(self, target: Target) -> Iterator[Hit]:
        for team in target.lens_teams:
            if not completeness.filled(completeness.get(target.data, ("lenses", team))):
                yield Hit(
                    ("lenses", team),
                    f"the {team} lens is missing: this persona is not yet usable by {team}",
                    anchor="key",
                )


class LensThin(PersonaRule):
    """A team lens has fewer filled fields than the configured minimum.

    A lens with one field gives a team a sentence, not a briefing. The minimum per team is
    the option `min-fields` (defaults: marketing 3, sales 3, product 3, support 2); teams it
    does not list keep their default. Only the lenses of the teams the persona is written
    for (`teams`) are judged.

    Failing:

        lenses:
          sales:
            hesitation_triggers: [budget freeze]

    Passing:

        lenses:
          sales:
            hesitation_triggers: [budget freeze]
            authority_constraints: [CFO signs above 50k]
            regret_scenario: a failed audit traced to the tool
    """

    code = "L002"
    name = "lens-thin"
    family = "lenses"
    severity = Severity.warning
    kinds = EXTERNAL_KINDS
    Options = LensOptions

    def check(self, target: Target) -> Iterator[Hit]:
        assert isinstance(self.options, LensOptions)
        for team in target.lens_teams:
            lens = completeness.get(target.data, ("lenses", team))
            if not completeness.filled(lens):
                continue  # L001's finding
            count = sum(
                completeness.filled(completeness.get(target.data, field))
                for field in completeness.lens_fields(team)
            )
            minimum = self.options.min_fields.get(team, DEFAULT_MIN_FIELDS[team])
            if count < minimum:
                yield Hit(
                    ("lenses", team),
                    f"the {team} lens has {count} of {len(completeness.LENSES[team])} fields "
                    f"filled (minimum {minimum}); {team} cannot rely on it yet",
                    anchor="key",
                )


def _family(letter: str) -> tuple[type[MissingFieldRule], ...]:
    return tuple(rule for rule in MISSING_FIELD_RULES if rule.code.startswith(letter))


RULES: tuple[type[PersonaRule], ...] = (
    *_family("W"),
    RestatedProfessional,
    *_family("R"),
    LensMissing,
    LensThin,
    *_family("L"),
    *_family("N"),
)
