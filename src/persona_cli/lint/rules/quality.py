"""Quality of the text itself (family Q): placeholders, generic statements, duplicates and
empty values."""

from __future__ import annotations

import itertools
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
)
#: Lower-case substrings at least one of which any default pattern's match contains: a
#: cheap test that lets most text skip the regular expression.
_DEFAULT_PROBES = ("tbd", "tbc", "todo", "fixme", "lorem", "???", "n/a", "xxx")

#: Whole values that stand in for content, compared after trimming space and punctuation
#: and ignoring case: "N/A.", " tbd ", "Fill me in!".
DEFAULT_PLACEHOLDER_VALUES = (
    "n/a",
    "na",
    "n.a",
    "tbd",
    "tbc",
    "tba",
    "todo",
    "to do",
    "fixme",
    "wip",
    "xxx",
    "placeholder",
    "fill me in",
    "fill in",
    "fill in later",
    "to be written",
    "to be defined",
    "to be determined",
    "to be confirmed",
    "coming soon",
    "same as above",
    "see above",
    "lorem ipsum",
    "etc",
)
#: Text made only of these marks says nothing: "-", "--", "?", "??", "...", "…". A lone
#: `*` is left alone: in the sets it comes from it is a wildcard that means "any".
_MARKS = " \t\r\n-\u2010\u2013\u2014?.\u2026_/\\|~"
#: Trimmed off both ends before a whole value is compared.
_TRIM = " \t\r\n\"'`.,;:!?()[]{}<>*-\u2013\u2014\u2026"
#: Fields whose entries are names, where one letter is a real value (the C and R languages).
_NAMES = frozenset({"tools"})


class PlaceholderOptions(RuleOptions):
    patterns: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PLACEHOLDERS),
        description="Regular expressions (case-insensitive) that mark placeholder text "
        "anywhere in a value.",
    )
    extend_patterns: list[str] = Field(
        default_factory=list, description="Extra patterns added to `patterns`."
    )
    values: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PLACEHOLDER_VALUES),
        description="Whole values (case-insensitive, compared after trimming space and "
        "punctuation) that are placeholders: 'n/a', 'tbd', 'fill me in'.",
    )
    extend_values: list[str] = Field(
        default_factory=list, description="Extra whole values added to `values`."
    )
    single_letters: bool = Field(
        True,
        description="Whether a value that is one letter ('B', 'D', 'N') is a placeholder "
        "(never in `tools`, where 'C' and 'R' are languages).",
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


def _core(text: str) -> str:
    """A whole value as it is compared: trimmed of space and punctuation at both ends,
    case-folded, inner spacing collapsed."""
    return " ".join(text.strip(_TRIM).casefold().split())


class PlaceholderText(PersonaRule):
    """Placeholder text (TBD, TODO, ?, -, N/A, a lone letter) where content should be.

    A placeholder reads as content to someone skimming a briefing ("What drives them: D"),
    so it is worse than an empty field. Every prose field the author wrote is read, list
    entries and nested parts included (goals, notes, background, company, tools...);
    extension keys (`x-...`) are not. Two checks:

    - a value that is, as a whole, a placeholder: only marks ("-", "--", "?", "??", "...",
      "…"), one Latin letter ("B", "D", "N": a table's legend copied as content; not in
      `tools`, where "C" and "R" are languages; one Chinese character is a word), or one
      of `values` ("n/a", "na", "tbd", "todo", "xxx", "placeholder", "fill me in"...),
      compared after trimming space and punctuation and ignoring case, so a real word that
      contains those letters never fires;
    - a marker inside a longer value that only a placeholder uses (`patterns`: TBD, TODO,
      FIXME, lorem ipsum, ???, N/A, xxx): "TBD after the interviews".

    A lone `*` is not reported: persona libraries use it as a wildcard meaning "any".
    Options: `values`, `extend-values`, `single-letters` (true), `patterns`,
    `extend-patterns`.

    Failing:

        pains: [N]
        whole_person:
          motivations: [D]
        lenses:
          marketing:
            loss_feared: TBD after the interviews
            unspoken_objection: n/a

    Passing:

        pains: [Finding data needed for work]
        whole_person:
          motivations: [Wants to impact the world]
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
        self.values = frozenset(
            _core(v) for v in (*self.options.values, *self.options.extend_values)
        )
        self.single_letters = self.options.single_letters

    def whole(self, path: DataPath, text: str) -> bool:
        """Whether `text` as a whole is a placeholder (blank text is Q004's)."""
        if not text.strip():
            return False
        if not text.strip(_MARKS):
            return True
        core = _core(text)
        if core in self.values:
            return True
        return (
            self.single_letters
            and len(core) == 1
            and core.isascii()
            and core.isalpha()
            and not any(key in _NAMES for key in path if isinstance(key, str))
        )

    def check(self, target: Target) -> Iterator[Hit]:
        for path, text in target.prose:
            if self.whole(path, text):
                yield Hit(
                    path,
                    f"{_dotted(path)} is only '{text.strip()}', a placeholder; write the real "
                    "content or remove the entry",
                )
                continue
            if self.pattern is None:
                continue
            if self.probes is not None:
                lowered = text.lower()
                if not any(probe in lowered for probe in self.probes):
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

#: Words that name no object and no outcome: the verbs, nouns and adjectives a statement
#: made only of (plus small words) would fit any persona ("Contributing to solving real
#: problems", "Deliver innovative, market leading solutions cost effectively").
DEFAULT_VAGUE_WORDS = (
    # verbs
    "achieve",
    "achieving",
    "add",
    "adding",
    "be",
    "being",
    "become",
    "boost",
    "contribute",
    "contributing",
    "create",
    "creating",
    "deliver",
    "delivering",
    "do",
    "doing",
    "drive",
    "driving",
    "enable",
    "enabling",
    "enhance",
    "ensure",
    "ensuring",
    "get",
    "getting",
    "grow",
    "growing",
    "have",
    "help",
    "helping",
    "impact",
    "improve",
    "improving",
    "increase",
    "increasing",
    "leverage",
    "make",
    "making",
    "manage",
    "managing",
    "maximise",
    "maximize",
    "need",
    "needs",
    "optimise",
    "optimize",
    "provide",
    "providing",
    "reduce",
    "reducing",
    "solve",
    "solving",
    "succeed",
    "want",
    "wants",
    # nouns
    "business",
    "cost",
    "costs",
    "difference",
    "efficiency",
    "excellence",
    "goals",
    "growth",
    "innovation",
    "mission",
    "money",
    "operations",
    "outcomes",
    "performance",
    "problem",
    "problems",
    "productivity",
    "purpose",
    "quality",
    "results",
    "revenue",
    "roi",
    "solution",
    "solutions",
    "stuff",
    "success",
    "things",
    "time",
    "value",
    "world",
    # adjectives and adverbs
    "best",
    "better",
    "big",
    "bigger",
    "cost-effective",
    "cost-effectively",
    "effective",
    "effectively",
    "efficient",
    "efficiently",
    "good",
    "great",
    "greater",
    "high",
    "higher",
    "important",
    "innovative",
    "key",
    "leading",
    "market",
    "market-leading",
    "meaningful",
    "more",
    "new",
    "overall",
    "positive",
    "real",
    "successful",
    "successfully",
    "world-class",
)
#: Words a metric made only of says nothing measurable: "Efficiency", "Quality / Speed".
DEFAULT_VAGUE_METRICS = (
    "agility",
    "alignment",
    "collaboration",
    "effectiveness",
    "efficiency",
    "excellence",
    "growth",
    "impact",
    "innovation",
    "output",
    "performance",
    "productivity",
    "quality",
    "results",
    "speed",
    "success",
    "timeliness",
    "value",
)
#: Fields that hold statements about the person (goals, pains, motives, a job's outcome):
#: judged by their shape as well as by the phrase list. A job's `when` and `want` are read
#: with its outcome ("when I'm supporting an audit, the information available quickly and
#: easily, so that evidence collection disrupts less"), so only `so_that` is judged alone.
DEFAULT_STATEMENT_FIELDS = (
    "goals",
    "pains",
    "jobs_to_be_done.so_that",
    "role.responsibilities",
    "whole_person.motivations",
    "whole_person.fears",
    "whole_person.career_ambitions",
    "whole_person.external_pressures",
)
#: Fields that hold metrics.
DEFAULT_METRIC_FIELDS = ("role.measured_by",)

#: Adverbs (and their adjectives) that, paired, stand in for an outcome: "effectively and
#: efficiently", "easier and more efficiently".
_ADVERB = (
    r"(?:more\s+)?(?:effective(?:ly)?|efficient(?:ly)?|successful(?:ly)?|smooth(?:ly)?|"
    r"seamless(?:ly)?|quick(?:ly)?|quicker|eas(?:y|ily|ier)|better|faster|productive(?:ly)?|"
    r"proper(?:ly)?)"
)
_PAIR = re.compile(rf"\b{_ADVERB}\s*(?:,|and|&|\+)\s*{_ADVERB}\b", re.IGNORECASE)
#: Words left after the adverb pair at most this many: the statement says nothing more.
_PAIR_REST = 6
#: A statement longer than this many words is not judged by its words alone.
_MAX_VAGUE = 8
_SMALL_WORDS = frozenset(
    (
        *("a", "an", "and", "the", "to", "of", "for", "in", "on", "at", "by", "with", "as"),
        *("so", "that", "this", "all", "any", "every", "can", "will", "be", "i", "we"),
        *("they", "it", "our", "my", "their", "his", "her", "its", "your"),
    )
)
_WORD = re.compile(r"[a-z][a-z'\u2019-]*|\d+", re.IGNORECASE)
#: What separates the parts of one metric entry: "Efficiency / Speed".
_METRIC_PARTS = re.compile(r"\s*(?:/|;|,|&|\band\b)\s*", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return [w.casefold().strip("'\u2019-") for w in _WORD.findall(text)]


def known_fields(paths: list[str]) -> list[str]:
    """`paths` if each is a persona field's dotted path; a typo would otherwise silently
    judge nothing, so it is a config error (exit 2)."""
    unknown = [path for path in paths if path not in field_table.FIELDS]
    if unknown:
        raise ValueError(
            f"unknown field {', '.join(repr(p) for p in unknown)}; give dotted paths such "
            "as 'goals' or 'whole_person.fears' (`persona schema` lists every field)"
        )
    return paths


def _field(path: DataPath) -> str:
    """A data path as the field it is in: `goals[2]` is `goals`, `jobs_to_be_done[0].want`
    is `jobs_to_be_done.want`."""
    return ".".join(key for key in path if isinstance(key, str))


class GenericOptions(RuleOptions):
    phrases: list[str] = Field(
        default_factory=lambda: list(DEFAULT_GENERIC_PHRASES),
        description="Phrases that mark a one-dimensional statement (case-insensitive).",
    )
    extend_phrases: list[str] = Field(
        default_factory=list, description="Extra phrases added to `phrases`."
    )
    shapes: bool = Field(
        True,
        description="Whether statements are also judged by their shape: a vague adverb "
        "pair, only vague words, a metric that measures nothing.",
    )
    vague_words: list[str] = Field(
        default_factory=lambda: list(DEFAULT_VAGUE_WORDS),
        description="Words that name no concrete object or outcome; a short statement made "
        "only of them (and small words) is generic.",
    )
    extend_vague_words: list[str] = Field(
        default_factory=list, description="Extra words added to `vague-words`."
    )
    vague_metrics: list[str] = Field(
        default_factory=lambda: list(DEFAULT_VAGUE_METRICS),
        description="Words that, alone as a metric, say nothing measurable.",
    )
    extend_vague_metrics: list[str] = Field(
        default_factory=list, description="Extra words added to `vague-metrics`."
    )
    statement_fields: list[str] = Field(
        default_factory=lambda: list(DEFAULT_STATEMENT_FIELDS),
        description="Fields (dotted paths) whose entries are judged by shape.",
    )
    metric_fields: list[str] = Field(
        default_factory=lambda: list(DEFAULT_METRIC_FIELDS),
        description="Fields (dotted paths) whose entries are metrics.",
    )

    @field_validator("statement_fields", "metric_fields")
    @classmethod
    def _known_fields(cls, paths: list[str]) -> list[str]:
        return known_fields(paths)


class GenericStatement(PersonaRule):
    """A one-dimensional statement that would fit any persona ("wants innovation").

    "CIOs want innovation" and "developers care about efficiency" say nothing a team can
    act on. Say what innovation would change for this person, or what they are afraid of
    losing. Judged by a phrase list (every prose field) and, in the fields that hold
    statements and metrics, by shape:

    - a vague adverb pair with little else: "Manage business operations effectively and
      efficiently", "so that I can do my job easier and more efficiently";
    - a short statement (up to eight words) with no concrete object or outcome, made only
      of vague words and small ones: "Contributing to solving real problems", "Deliver
      innovative, market leading solutions cost effectively";
    - a metric (`role.measured_by`) whose part names nothing measurable: "Efficiency",
      "Productivity / Speed"; "Speed (time to market)" says what is timed and passes.

    A concrete word (a tool, a team, a number, a named risk) is enough to pass: the shapes
    look for statements with none. Options: `phrases` (replace the built-in list),
    `extend-phrases` (add to it), `shapes` (false: the phrase list only), `vague-words` /
    `extend-vague-words`, `vague-metrics` / `extend-vague-metrics`, `statement-fields`,
    `metric-fields` (dotted paths).

    Failing:

        goals:
          - Wants innovation
          - Manage business operations effectively and efficiently
        role:
          measured_by: [Efficiency]
        whole_person:
          motivations: [Contributing to solving real problems]

    Passing:

        goals:
          - Replace the quarterly manual evidence hunt before the next SOC 2 window
        role:
          measured_by: [Audit findings closed within 30 days]
        whole_person:
          motivations: [Being the CISO the board never has to chase]
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
        options = self.options
        phrases = [*options.phrases, *options.extend_phrases]
        # A statement longer than the longest phrase plus a few words says more than it.
        self.max_words = max((len(p.split()) for p in phrases), default=0) + 4
        self.pattern = (
            re.compile("|".join(rf"\b{re.escape(p)}\b" for p in phrases), re.IGNORECASE)
            if phrases
            else None
        )
        self.shapes = options.shapes
        self.vague = frozenset(
            w.casefold() for w in (*options.vague_words, *options.extend_vague_words)
        )
        self.metrics = frozenset(
            w.casefold() for w in (*options.vague_metrics, *options.extend_vague_metrics)
        )
        self.statement_fields = frozenset(options.statement_fields)
        self.metric_fields = frozenset(options.metric_fields)

    def check(self, target: Target) -> Iterator[Hit]:
        for path, text in target.prose:
            message = self._phrase(text)
            if message is None and self.shapes:
                field = _field(path)
                if field in self.metric_fields:
                    message = self._metric(path, text)
                elif field in self.statement_fields:
                    message = self._pair(text) or self._vague(text)
            if message is not None:
                yield Hit(path, message)

    def _phrase(self, text: str) -> str | None:
        if self.pattern is None or text.count(" ") >= self.max_words:
            return None
        match = self.pattern.search(text)
        # Only flag short statements: a long sentence quoting the phrase says more.
        if match and len(text.split()) <= len(match.group(0).split()) + 4:
            return (
                f"'{text.strip()}' is a generic statement that fits any persona; say what "
                "it means for this one"
            )
        return None

    def _pair(self, text: str) -> str | None:
        match = _PAIR.search(text)
        if match is None:
            return None
        rest = _words(text[: match.start()] + " " + text[match.end() :])
        if len(rest) > _PAIR_REST or any(word.isdigit() for word in rest):
            return None
        return (
            f"'{text.strip()}' rests on '{match.group(0).strip()}', which fits any persona; "
            "say what changes for this one and how they would see it"
        )

    def _vague(self, text: str) -> str | None:
        # Counted before they are folded: most statements are longer than a vague one.
        if sum(1 for _ in itertools.islice(_WORD.finditer(text), _MAX_VAGUE + 1)) > _MAX_VAGUE:
            return None
        words = _words(text)
        if not words:
            return None
        content = [word for word in words if word not in _SMALL_WORDS]
        if content and all(word in self.vague for word in content):
            return (
                f"'{text.strip()}' names no concrete object or outcome and fits any persona; "
                "say which problem, for whom, and what would change"
            )
        return None

    def _metric(self, path: DataPath, text: str) -> str | None:
        vague = []
        for part in _METRIC_PARTS.split(text):
            words = [w for w in _words(part) if w not in _SMALL_WORDS]
            if words and all(word in self.metrics for word in words):
                vague.append(part.strip())
        if not vague:
            return None
        named = ", ".join(f"'{part}'" for part in vague)
        return (
            f"{_dotted(path)} names {named}, which {'says' if len(vague) == 1 else 'say'} "
            "nothing measurable; say what is "
            "counted or timed (e.g. 'lead time from merge to production')"
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
        found: list[Hit] = []
        self._walk(target.own, (), found)
        yield from found
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

    def _walk(self, value: Any, where: DataPath, found: list[Hit]) -> None:
        """Each duplicate entry below `value`, appended to `found` in document order (plain
        recursion: a generator per node was most of this rule's time)."""
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_extension(key):  # a team's own data: no rule reads it
                    self._walk(item, (*where, key), found)
        elif isinstance(value, list):
            seen: dict[str, int] = {}
            for index, item in enumerate(value):
                if isinstance(item, str) and item.strip():
                    key = " ".join(item.casefold().split())
                    if key in seen:
                        found.append(
                            Hit(
                                (*where, index),
                                f"{_dotted(where)}[{index}] duplicates entry {seen[key]}; "
                                "remove one",
                            )
                        )
                    seen.setdefault(key, index)
                else:
                    self._walk(item, (*where, index), found)


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
        found: list[Hit] = []
        self._walk(target.own, (), _COVERED[target.persona.kind.value], found)
        yield from found

    def _walk(
        self,
        value: Any,
        where: DataPath,
        covered: frozenset[tuple[str, ...]],
        found: list[Hit],
    ) -> None:
        """Each empty value below `value`, appended to `found` in document order (plain
        recursion: a generator per node was most of this rule's time)."""
        is_field = not where or isinstance(where[-1], str)
        # Left to the missing-field rule only when that rule fires: a blank entry in an
        # otherwise filled list is still this rule's.
        if where and is_field and where in covered and not completeness.filled(value):
            return
        if isinstance(value, dict):
            for key, item in value.items():
                if not is_extension(key):
                    self._walk(item, (*where, key), covered, found)
            if where and not value:
                found.append(Hit(where, f"{_dotted(where)} is empty; fill it or remove the key"))
            return
        if isinstance(value, list):
            if not value:
                found.append(
                    Hit(where, f"{_dotted(where)} is an empty list; fill it or remove the key")
                )
            for index, item in enumerate(value):
                self._walk(item, (*where, index), covered, found)
            return
        entry = bool(where) and isinstance(where[-1], int)
        if value is None and not entry:
            return  # an unanswered question, not an empty answer
        if value is None or (isinstance(value, str) and not value.strip()):
            what = "entry" if entry else "value"
            found.append(Hit(where, f"{_dotted(where)} has an empty {what}; fill it or remove it"))


RULES: tuple[type[PersonaRule], ...] = (
    PlaceholderText,
    GenericStatement,
    DuplicateEntry,
    EmptyValue,
)
