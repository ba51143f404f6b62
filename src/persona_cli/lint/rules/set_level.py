"""Rules over the whole set of personas (family P)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, model_validator

from persona_cli.domain.result import Severity
from persona_cli.lint.rules.api import Member, RuleOptions, SetHit, SetRule


class InternalCountOptions(RuleOptions):
    min: int = Field(3, ge=0, description="Fewest internal personas for a useful set.")
    max: int = Field(5, ge=1, description="Most internal personas before they get too specific.")

    @model_validator(mode="after")
    def _ordered(self) -> InternalCountOptions:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not exceed max ({self.max})")
        return self


class InternalCount(SetRule):
    """The set has too few or too many internal personas (3 to 5 by default).

    Three to five internal personas is the usual right size: fewer misses audiences, more
    gets too specific to maintain. Counted over non-retired personas of `kind: internal`;
    a set with none is not reported. Reported on each internal persona's `kind`. Options:
    `min`, `max`.

    Failing: two files with `kind: internal`.

    Passing: three to five files with `kind: internal`.
    """

    code = "P001"
    name = "internal-count"
    family = "set"
    severity = Severity.info
    Options = InternalCountOptions

    def check_set(self, members: list[Member]) -> Iterator[SetHit]:
        assert isinstance(self.options, InternalCountOptions)
        internal = [m for m in members if m.kind == "internal" and m.status != "retired"]
        count = len(internal)
        if not internal or self.options.min <= count <= self.options.max:
            return
        bound = (
            f"fewer than {self.options.min}"
            if count < self.options.min
            else f"more than {self.options.max}"
        )
        for member in internal:
            line, column = member.kind_position
            yield SetHit(
                member.display,
                line,
                column,
                f"the set has {count} internal personas, {bound}; "
                f"{self.options.min} to {self.options.max} usually covers every audience",
            )


class DuplicateName(SetRule):
    """Two personas share a name.

    Briefings, committees and dashboards show names; two "Cautious Carla"s make readers
    guess which one they are reading. Reported on every file after the first.

    Failing: `ciso.yaml` and `ciso-bank.yaml` both with `name: Cautious Carla`.

    Passing: `name: Cautious Carla (mid-market)` and `name: Banking Bea`.
    """

    code = "P002"
    name = "duplicate-name"
    family = "set"
    severity = Severity.warning

    def check_set(self, members: list[Member]) -> Iterator[SetHit]:
        first: dict[str, Member] = {}
        for member in sorted(members, key=lambda m: m.display):
            if not member.name:
                continue
            key = " ".join(member.name.casefold().split())
            original = first.setdefault(key, member)
            if original is not member:
                line, column = member.name_position
                yield SetHit(
                    member.display,
                    line,
                    column,
                    f"name '{member.name}' is also used by {original.display}; "
                    "make each persona's name distinct",
                )


RULES: tuple[type[SetRule], ...] = (InternalCount, DuplicateName)
