"""Quality of the text itself (family Q): placeholders, generic statements, duplicates and
empty values."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import Field, field_validator

from persona_cli.domain import completeness
from persona_cli.domain import fields as field_table
from persona_cli.domain.model import is_extension
from persona_cli.domain.result import Severity
from persona_cli.lint.rules.api import Hit, PersonaRule, RuleOptions, Target

DataPath = tuple[str | int, ...]


def _dotted(path: DataPath) -> str:
    out = ""
    for element in path:
        out += f"[{element}]" if isinstance(element, int) else (f".{element}" if out else element)
    return out


DEFAULT_PLACEHOLDERS = (
    r"\bTBD\b",
    r"\bTBC\b",
    r"\bTODO\b",
    r"\bFIXME\b",
    r"\blorem ipsum\b",
    r"\?\?\?",
    r"(?<![\w/])N/A(?![\w/])",
    r"\bx{3,}\b",
    r"^\s*(?:-+|\.\.\.|…)\s*$",
)
#: Lower-case substrings at least one of which any default pattern's match contains: a
#: cheap test that lets most text skip the regular expression.
_DEFAULT_PROBES = ("tbd", "tbc", "todo", "fixme", "lorem", "???", "n/a", "xxx")
#: Text made only of these is a placeholder too ("-", "...").
_MARKS = " \t-.…"


class PlaceholderOptions(RuleOptions):
    patterns: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PLACEHOLDERS),
        description="Regular expressions (case-insensitive) that mark placeholder text.",
    )
    extend_patterns: list[str] = Field(
        default_factory=list, description="Extra patterns added to `patterns`."
    )

    @field_validator("patterns", "extend_patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        # A bad pattern is a config error (exit 2), not a crash when the rule is built.
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"{pattern!r} is not a regular expression: {error}") from None
        return patterns


class PlaceholderText(PersonaRule):
    """Placeholder text (TBD, TODO, lorem ipsum, ???, N/A, xxx) where content should be.

    A placeholder reads as content to someone skimming a briefing, so it is worse than an
    empty field. Options: `patterns` (replace the list), `extend-patterns` (add to it).

    Failing:

        lenses:
          marketing:
            loss_feared: TBD after the interviews

    Passing:

        lenses:
          marketing:
            loss_feared: being the executive named in the breach report
    """

    code = "Q001"
    name = "placeholder-text"
    family = "quality"
    uses_prose = True
    severity = Severity.warning
    Options = PlaceholderOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, PlaceholderOptions)
        patterns = (*self.options.patterns, *self.options.extend_patterns)
        joined = "|".join(f"(?:{p})" for p in patterns)
        self.pattern = re.compile(joined, re.IGNORECASE) if joined else None
        defaults = patterns == DEFAULT_PLACEHOLDERS
        self.probes: tuple[str, ...] | None = _DEFAULT_PROBES if defaults else None

    def check(self, target: Target) -> Iterator[Hit]:
        if self.pattern is None:
            return
        for path, text in target.prose:
            if self.probes is not None:
                lowered = text.lower()
                if not any(probe in lowered for probe in self.probes) and text.strip(_MARKS):
                    continue
            match = self.pattern.search(text)
            if match:
                yield Hit(
                    path,
                    f"{_dotted(path)} holds placeholder text '{match.group(0).strip()}'; "
                    "write the real content or remove the entry",
                )


DEFAULT_GENERIC_PHRASES = (
    "wants innovation",
    "wants to innovate",
    "cares about efficiency",
    "wants efficiency",
    "thinks about security",
    "cares about security",
    "wants to save time",
    "wants to save money",
    "wants to grow the business",
    "wants better results",
    "wants the best solution",
    "values quality",
    "is busy",
    "wants roi",
    "needs visibility",
    "wants to be successful",
)


class GenericOptions(RuleOptions):
    phrases: list[str] = Field(
        default_factory=lambda: list(DEFAULT_GENERIC_PHRASES),
        description="Phrases that mark a one-dimensional statement (case-insensitive).",
    )
    extend_phrases: list[str] = Field(
        default_factory=list, description="Extra phrases added to `phrases`."
    )


class GenericStatement(PersonaRule):
    """A one-dimensional statement that would fit any persona ("wants innovation").

    "CIOs want innovation" and "developers care about efficiency" say nothing a team can
    act on. Say what innovation would change for this person, or what they are afraid of
    losing. Options: `phrases` (replace the built-in list), `extend-phrases` (add to it).

    Failing:

        goals:
          - Wants innovation

    Passing:

        goals:
          - Replace the quarterly manual evidence hunt before the next SOC 2 window
    """

    code = "Q002"
    name = "generic-statement"
    family = "quality"
    uses_prose = True
    severity = Severity.warning
    Options = GenericOptions

    def __init__(self, options: RuleOptions | None = None) -> None:
        super().__init__(options)
        assert isinstance(self.options, GenericOptions)
        phrases = [*self.options.phrases, *self.options.extend_phrases]
        # A statement longer than the longest phrase plus a few words says more than it.
        self.max_words = max((len(p.split()) for p in phrases), default=0) + 4
        self.pattern = (
            re.compile("|".join(rf"\b{re.escape(p)}\b" for p in phrases), re.IGNORECASE)
            if phrases
            else None
        )

    def check(self, target: Target) -> Iterator[Hit]:
        if self.pattern is None:
            return
        for path, text in target.prose:
            if text.count(" ") >= self.max_words:
                continue
            match = self.pattern.search(text)
            # Only flag short statements: a long sentence quoting the phrase says more.
            if match and len(text.split()) <= len(match.group(0).split()) + 4:
                yield Hit(
                    path,
                    f"'{text.strip()}' is a generic statement that fits any persona; say what "
                    "it means for this one",
                )


class DuplicateEntry(PersonaRule):
    """The same entry appears twice in one list (ignoring case and spacing).

    Duplicates inflate a persona and usually mean two authors merged their notes.

    Failing:

        pains:
          - Manual evidence collection
          - manual evidence collection

    Passing:

        pains:
          - Manual evidence collection

    An entry a child `add`s is also compared with the list it is appended to: the exact
    same entry is dropped by the merge, but one that differs only in case or spacing would
    be kept twice, so it is reported at its line under `add`.
    """

    code = "Q003"
    name = "duplicate-entry"
    family = "quality"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        yield from self._walk(target.own, ())
        additions = target.own.get("add") if target.persona.extends else None
        if isinstance(additions, dict):
            yield from self._added(additions, (), target.data)

    def _added(self, value: Any, where: DataPath, merged: Any) -> Iterator[Hit]:
        """Each added entry against the merged list's entries from elsewhere."""
        if isinstance(value, dict):
            for key, item in value.items():
                below = merged.get(key) if isinstance(merged, dict) else None
                yield from self._added(item, (*where, key), below)
        elif isinstance(value, list) and isinstance(merged, list):
            # The merged list is what it was appended to, then the new entries, in order.
            end = len(merged)
            for item in reversed(list(dict.fromkeys(v for v in value if isinstance(v, str)))):
                if end and merged[end - 1] == item:
                    end -= 1
            others = [(i, o) for i, o in enumerate(merged[:end]) if isinstance(o, str)]
            for index, item in enumerate(value):
                if not isinstance(item, str) or not item.strip():
                    continue
                key = " ".join(item.casefold().split())
                for position, other in others:
                    if " ".join(other.casefold().split()) == key:
                        yield Hit(
                            ("add", *where, index),
                            f"add.{_dotted(where)}[{index}] repeats {_dotted(where)}[{position}] "
                            f"({other!r}) but for case or spacing, and the merge keeps both; "
                            "remove it, or write it exactly as inherited",
                        )
                        break

    def _walk(self, value: Any, where: DataPath) -> Iterator[Hit]:
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_extension(key):  # a team's own data: no rule reads it
                    yield from self._walk(item, (*where, key))
        elif isinstance(value, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(value):
                if isinstance(item, str) and item.strip():
                    key = " ".join(item.casefold().split())
                    if key in seen:
                        yield Hit(
                            (*where, index),
                            f"{_dotted(where)}[{index}] duplicates entry {seen[key]}; remove one",
                        )
                    seen.setdefault(key, index)
                else:
                    yield from self._walk(item, (*where, index))


def _covered(kind: str) -> frozenset[tuple[str, ...]]:
    """Fields whose emptiness a missing-field rule already reports for a persona of `kind`:
    the fields completeness counts for it (the field table), the lenses it needs (L001) and
    the review fields (F001, F004)."""
    fields: set[tuple[str, ...]] = {row.keys for row in field_table.counted(kind)}
    fields |= {("lenses", team) for team in completeness.TEAMS_BY_KIND.get(kind, ())}
    fields |= {("review", "owners"), ("review", "last_reviewed")}
    return frozenset(fields)


_COVERED = {kind: _covered(kind) for kind in completeness.TEAMS_BY_KIND}


class EmptyValue(PersonaRule):
    """A field or list entry is present but empty (blank text, empty list, no value).

    An empty field looks filled in the editor's outline but says nothing; either fill it or
    delete the key. A field that is empty as a whole and has its own missing-field rule for
    the persona's kind (every field completeness counts, the lenses themselves and the
    review fields) is reported by that rule instead. A key with no value at all (`summary:`)
    is an unanswered question, as `persona new` writes them, and means the same as no key:
    the missing-field rules report it when the persona's kind needs it, and it is not
    reported here; a blank list entry (`- `) is.

    Failing:

        summary: ""
        goals: []
        pains:
          - ""

    Passing:

        summary: The CISO who signs off on every vendor touching customer data.
    """

    code = "Q004"
    name = "empty-value"
    family = "quality"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        yield from self._walk(target.own, (), _COVERED[target.persona.kind.value])

    def _walk(
        self, value: Any, where: DataPath, covered: frozenset[tuple[str, ...]]
    ) -> Iterator[Hit]:
        is_field = not where or isinstance(where[-1], str)
        # Left to the missing-field rule only when that rule fires: a blank entry in an
        # otherwise filled list is still this rule's.
        if where and is_field and where in covered and not completeness.filled(value):
            return
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_extension(key):
                    yield from self._walk(item, (*where, key), covered)
            if where and not value:
                yield Hit(where, f"{_dotted(where)} is empty; fill it or remove the key")
            return
        if isinstance(value, list):
            if not value:
                yield Hit(where, f"{_dotted(where)} is an empty list; fill it or remove the key")
            for index, item in enumerate(value):
                yield from self._walk(item, (*where, index), covered)
            return
        entry = bool(where) and isinstance(where[-1], int)
        if value is None and not entry:
            return  # an unanswered question, not an empty answer
        if value is None or (isinstance(value, str) and not value.strip()):
            what = "entry" if entry else "value"
            yield Hit(where, f"{_dotted(where)} has an empty {what}; fill it or remove it")


RULES: tuple[type[PersonaRule], ...] = (
    PlaceholderText,
    GenericStatement,
    DuplicateEntry,
    EmptyValue,
)
