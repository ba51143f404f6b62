"""Rules over the whole set of personas (family P)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field, field_validator, model_validator

from persona_cli.domain.result import Severity, field_path_of
from persona_cli.lint.rules.api import Member, RuleOptions, SetHit, SetRule, Statement
from persona_cli.lint.rules.quality import known_fields


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


#: The fields whose entries say who this persona is, rather than what a team says to it.
DEFAULT_COPIED_FIELDS = (
    "goals",
    "pains",
    "jobs_to_be_done.when",
    "jobs_to_be_done.want",
    "jobs_to_be_done.so_that",
    "whole_person.motivations",
    "whole_person.fears",
    "whole_person.career_ambitions",
    "whole_person.external_pressures",
    "whole_person.traits",
    "whole_person.behaviours",
)

#: Marks trimmed off both ends of a statement before it is compared.
_TRAILING = " \t\r\n.,;:!?-\u2013\u2014\u2026\u2022*\"'`"
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    """A statement as it is compared: case, spacing and surrounding punctuation ignored."""
    return _SPACES.sub(" ", text.casefold()).strip(_TRAILING)


class CopiedOptions(RuleOptions):
    min_personas: int = Field(
        3,
        ge=2,
        description="Fewest personas stating the same entry for it to be reported.",
    )
    min_words: int = Field(
        3,
        ge=1,
        description="Shorter entries are not compared: a two-word pain ('Deadline pressures') "
        "is often shared by design.",
    )
    fields: list[str] = Field(
        default_factory=lambda: list(DEFAULT_COPIED_FIELDS),
        description="Fields (dotted paths, list indexes left out) whose entries are compared.",
    )

    @field_validator("fields")
    @classmethod
    def _known(cls, paths: list[str]) -> list[str]:
        return known_fields(paths)


class CopiedStatement(SetRule):
    """The same statement appears in several personas (3 by default).

    A pain, goal, fear or motivation pasted into every persona of a set ("Tool and process
    sprawl", "Siloed teams and workflows" in four buyer personas) describes none of them:
    it tells a team nothing about who differs from whom, and the copies drift apart when
    one is edited. Say how it shows up for each persona, or keep it once in a shared parent
    that they `extends` (an inherited value is not a copy, nor is a value a persona repeats
    from its own parent chain). Compared ignoring case, spacing and surrounding
    punctuation, in the fields that say who the persona is (goals, pains, job stories,
    whole-person fields), over non-retired personas; entries shorter than `min-words` are
    not compared. Reported on each persona, naming the others (the first five, then how many
    more); a job story copied whole is reported once, on its first copied part. Options:
    `min-personas` (3), `min-words` (3), `fields`.

    Failing: `platform-perry.yaml`, `compliance-cooper.yaml` and `back-office-blake.yaml`
    each with

        pains:
          - Tool and process sprawl

    Passing: each says what the sprawl costs that persona

        pains:
          - Eleven CI tools, each with its own secrets store to audit
    """

    code = "P003"
    name = "copied-statement"
    family = "set"
    severity = Severity.warning
    Options = CopiedOptions

    def statement_fields(self) -> frozenset[str]:
        assert isinstance(self.options, CopiedOptions)
        return frozenset(self.options.fields)

    def check_set(self, members: list[Member]) -> Iterator[SetHit]:
        assert isinstance(self.options, CopiedOptions)
        fields = self.statement_fields()
        parents = {m.id: m.extends for m in members if m.id}
        holders: dict[str, dict[str, list[tuple[Member, Statement]]]] = {}
        hits: list[tuple[str, Statement, list[str], int]] = []
        for member in sorted(members, key=lambda m: m.display):
            for statement in member.statements:
                if statement.field not in fields:
                    continue
                if len(statement.text.split()) < self.options.min_words:
                    continue
                by_id = holders.setdefault(_key(statement.text), {})
                by_id.setdefault(member.id or member.display, []).append((member, statement))
        for by_id in holders.values():
            # A persona restating what its own parent chain says is not a copy.
            copies = {
                ident: found
                for ident, found in by_id.items()
                if not any(a in by_id for a in _ancestors(ident, parents))
            }
            if len(copies) < self.options.min_personas:
                continue
            named = sorted(copies)
            for ident, found in copies.items():
                others = [other for other in named if other != ident]
                hits.extend(
                    (member.display, statement, others, len(copies)) for member, statement in found
                )
        # A job story copied whole is one copy: its first copied part (when, want or so that)
        # speaks for the entry.
        reported: set[tuple[str, tuple[str | int, ...]]] = set()
        for display, statement, others, count in sorted(
            hits, key=lambda hit: (hit[0], hit[1].line, hit[1].column)
        ):
            entry = statement.path[:2] if statement.path[0] == "jobs_to_be_done" else statement.path
            if (display, entry) in reported:
                continue
            reported.add((display, entry))
            yield SetHit(
                display,
                statement.line,
                statement.column,
                f"'{statement.text.strip()}' is also in {_some(others)} "
                f"({count} personas); say how it shows up for this persona, "
                "or keep it once in a parent they extend",
                field_path=field_path_of(statement.path),
            )


#: How many of the other personas a P003 message names: in a large set, a statement pasted
#: into a hundred personas would otherwise make each of its hundred messages a page long.
NAMED_COPIES = 5


def _some(names: list[str]) -> str:
    """The first NAMED_COPIES names, then how many more (the count follows in the message)."""
    if len(names) <= NAMED_COPIES:
        return ", ".join(names)
    return f"{', '.join(names[:NAMED_COPIES])} and {len(names) - NAMED_COPIES} more"


def _ancestors(ident: str, parents: dict[str, str | None]) -> list[str]:
    """The ids `ident` extends, nearest first (stopping at a loop, which I004 reports)."""
    out: list[str] = []
    current = parents.get(ident)
    while current is not None and current not in out and current != ident:
        out.append(current)
        current = parents.get(current)
    return out


RULES: tuple[type[SetRule], ...] = (InternalCount, DuplicateName, CopiedStatement)
