"""Placement: every statement of a source persona to a model field, or to `notes`.

The label table picks the field for a section; the statement's own shape refines it:

- a job story ("When ..., I want ..., so (that) ...", or without a trigger "I want/need
  ..., so (that) ...") becomes a `jobs_to_be_done` item
  wherever it is written (GitLab writes many under "Motivations"), unless a `--map` entry
  sent its label somewhere on purpose; an item under "Jobs to be done" that is not a story
  becomes a job with `want` only ("I want X" there: `want` X); a bold lead before a story
  ("Manage incident response: When I am on-call, I need ...") ends its `want` in brackets,
  so the job reads "When I am on-call, I want to respond ... (Manage incident response)";
- titles are split at `/` and `,` ("CIO/ CTO / CINO"), buying roles at arrows
  ("Influencer -> Decision-maker"; a role's remark in brackets, "Decision-maker (relies on
  users for renewals)", leaves the role in the field and the whole line as a note under
  the section's heading), a one-line list of tools at commas and semicolons
  ("Jira, Slack, a SIEM") when every part is a name of a few words, not a clause; never
  inside brackets or quotes ("Executive (VP, etc)" is one title), never a statement
  holding a `:` ("Tracking, documentation: GitLab Issues") nor one whose part starts with
  "and"/"or" (a sentence's list, not a list of names);
- a statement ending with `:` heads a sub-list ("Various tools for triage and
  mitigation:"): it is a label, not an item, and is kept as a note line under the
  section's heading while its sub-items go to the field;
- a channel statement "Stage: A / B, C" becomes one channel per place at that stage
  ("Awareness: CIO Round Table, Case studies"); a stage naming influencers ("Internal
  Influencers: ...") feeds `influences.trusted_sources` instead;
- a field that holds one text (summary, reports_to) joins what it receives: the summary by
  paragraphs, the others with `; `;
- a wildcard value (`*`, "any", in the persona library) says nothing about the persona: it
  is kept in `notes` under its key, with a warning;
- everything else without a field goes to `notes`, one note per heading, its statements one
  per line.

Statements of an additive label (`x-likes`) of a persona that extends another go under
`add:` (they add to the parent's lists). Nothing is dropped: every statement gets a record
naming its destination, which the dry run prints and the loss check verifies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from persona_cli.verbs.importing.document import Location, SourcePersona, Statement
from persona_cli.verbs.importing.labels import NOTES, SCALARS, LabelTable, normalise

#: The destination of a placeholder persona's statements (1-2 character template cells).
PLACEHOLDER = "placeholder"
#: A note's heading for text that came before the first section and has no label.
UNLABELLED = "Introduction"

_STORY = re.compile(
    r"^\s*when\s+(?P<when>.+?),\s*(?:then\s+)?I\s*(?:'d|would)?\s*(?:want|need|like)\s+"
    r"(?P<want>.+?)(?:,?\s+so\s+(?!as\b)(?:that\s+)?(?P<so>.+?))?\s*[.!]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: Words that start a sentence's last list part ("..., or RubyMine"): not a list of names.
_CONJUNCTIONS = frozenset({"and", "or", "nor"})
_OPENS = {"(": ")", "[": "]", "{": "}"}
_QUOTES = frozenset({'"', "\u201c", "\u201d"})
_FIRST_PERSON = re.compile(
    r"^\s*I\s*(?:'d|would)?\s*(?:want|need|like)\s+"
    r"(?P<want>.+?)(?:,?\s+so\s+(?!as\b)(?:that\s+)?(?P<so>.+?))?\s*[.!]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: A short lead naming a job before its story: "Manage incident response: When ...".
_LEAD = re.compile(r"^(?P<lead>[^:.!?\n]{1,60}):\s+(?=(?:when|I)\b)", re.IGNORECASE)
_STAGE = re.compile(r"^(?P<stage>[A-Za-z][\w '&-]{0,40}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)
_TITLE_SPLIT = re.compile(r"\s*[/,]\s*")
#: A list item of a JSON or YAML source is already one title ("VP, Marketing").
_SLASH_SPLIT = re.compile(r"\s*/\s*")
STRUCTURED = frozenset({"persona-library", "data-list"})
_LIST_SPLIT = re.compile(r"\s*[,;]\s+")
#: A part of a one-line list longer than this many words is a clause: the line stays whole.
_NAME_WORDS = 4
_ARROW_SPLIT = re.compile(r"\s*(?:->|\u2192|=>|>)\s*")
#: A channel line's stage that names people ("Internal Influencers"), not places.
_PEOPLE = re.compile(r"\binfluencers?\b", re.IGNORECASE)
#: A buying role with a remark: "Decision-maker (relies on users for renewal decisions)".
_ANNOTATED = re.compile(r"^(?P<role>[^()]{1,40}?)\s*\((?P<remark>[^()]+)\)$")
_PLACE_SPLIT = re.compile(r"\s+/\s*|\s*/\s+|,\s+")


@dataclass(frozen=True, slots=True)
class Placed:
    """Where one statement went: a field path (`pains`, `role.titles`), `add.<path>`, or
    `notes[Heading]`; `by` says whether the table, the map file or nothing chose it."""

    text: str
    label: str
    destination: str
    location: Location
    by: str


@dataclass(slots=True)
class Placement:
    """A persona's statements placed: list values per field path (text, or a mapping for
    jobs and channels), additions to a parent's lists, notes by heading, and the record of
    every statement."""

    values: dict[str, list[Any]] = field(default_factory=dict)
    add: dict[str, list[Any]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    records: list[Placed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    placeholder: bool = False
    #: How many items at the head of a list came from a label that goes first.
    leading: dict[str, int] = field(default_factory=dict)

    def put(self, path: str, item: Any, *, additive: bool = False, first: bool = False) -> None:
        """Add `item` to the list at `path` (said twice, as Back Office Blake's challenges
        are, it is one item); `first`: before what other labels gave (a "Role" heads the
        titles)."""
        target = (self.add if additive else self.values).setdefault(path, [])
        if item in target:
            return
        if first:
            target.insert(self.leading.get(path, 0), item)
            self.leading[path] = self.leading.get(path, 0) + 1
        else:
            target.append(item)

    def scalar(self, path: str) -> str | None:
        """The joined text of a one-text field."""
        items = self.values.get(path)
        if not items:
            return None
        return ("\n\n" if path == "summary" else "; ").join(items)

    @property
    def in_fields(self) -> int:
        return sum(1 for r in self.records if not r.destination.startswith((NOTES, PLACEHOLDER)))

    @property
    def in_notes(self) -> int:
        return sum(1 for r in self.records if r.destination.startswith(NOTES))


def is_placeholder(persona: SourcePersona) -> bool:
    """The reader said so, or every statement is one or two characters (`B`, `D`, `N`)."""
    texts = [s.text.strip() for section in persona.sections for s in section.statements]
    return persona.placeholder or (bool(texts) and all(len(text) <= 2 for text in texts))


def job_story(text: str, *, bare: bool = False) -> dict[str, str] | None:
    """`{when, want, so_that}` from "When ..., I want ..., so (that) ...", or `{want,
    so_that}` from a first-person story without a trigger ("I want/need X, so that Y"; with
    `bare`, under a jobs label, "I want X" alone too); else None. A bold lead before the
    story ("Manage incident response: When I am on-call, I need ...") names the job: it
    ends the `want`, in brackets."""
    lead = _LEAD.match(text)
    body = text[lead.end() :] if lead is not None else text
    match = _STORY.match(body)
    if match is not None:
        story = {"when": match["when"].strip(), "want": match["want"].strip()}
    else:
        match = _FIRST_PERSON.match(body)
        if match is None or not (match["so"] or bare):
            return None
        story = {"want": match["want"].strip()}
    if match["so"]:
        story["so_that"] = match["so"].strip()
    if lead is not None:
        story["want"] = f"{story['want']} ({lead['lead'].strip()})"
    return story


def place(persona: SourcePersona, table: LabelTable, *, additive: bool) -> Placement:
    """Every statement of `persona` placed through `table`; `additive`: the persona extends
    a parent, so its additive labels go under `add:`."""
    result = Placement()
    if is_placeholder(persona):
        result.placeholder = True
        for section in persona.sections:
            for statement in section.statements:
                result.records.append(
                    Placed(
                        text=statement.text,
                        label=section.label,
                        destination=PLACEHOLDER,
                        location=statement.location,
                        by="placeholder",
                    )
                )
        return result
    wildcards: list[str] = []
    for section in persona.sections:
        match = table.lookup(section.label)
        adds = additive and section.label in persona.additive_labels and match.target != NOTES
        first = match.target == "role.titles" and normalise(section.label) == "role"
        for statement in section.statements:
            if statement.text.strip() in ("*", "any"):
                wildcards.append(section.label)
                _note(result, section.label, statement, "wildcard")
                continue
            target = match.target
            if target == "summary" and match.by != "map":
                target = _summary_target(table, statement) or target
                if target != "summary" and statement.text.rstrip().endswith(":"):
                    _note(result, section.label, statement, "table")
                    continue
            destination = _place_one(
                result, target, match.by, statement, adds, first, persona.format, section.label
            )
            if destination is None:
                _note(result, section.label, statement, match.by)
                continue
            result.records.append(
                Placed(
                    text=statement.text,
                    label=section.label,
                    destination=destination,
                    location=statement.location,
                    by=match.by,
                )
            )
    if wildcards:
        result.warnings.append(
            f"{len(wildcards)} wildcard value(s) (*) kept in notes: "
            f"{', '.join(dict.fromkeys(wildcards))}"
        )
    return result


_LEAD_PHRASE = re.compile(r"^(?P<lead>[^:]{1,80}):\s*(?P<rest>.*)$", re.DOTALL)
_LEAD_WORDS = re.compile(r"^(?:my|our|the)\s+|\s+(?:are|is|include|includes)$", re.IGNORECASE)


def _summary_target(table: LabelTable, statement: Statement) -> str | None:
    """Within a Summary: the field a bullet's lead phrase names ("My biggest challenges
    are:" -> pains, "Key messaging concepts ...: X" -> messaging.marketing), for the bullet
    and the items of its sub-list; None when the lead names no field."""
    lead = statement.lead
    if lead is None:
        found = _LEAD_PHRASE.match(statement.text.strip())
        lead = found["lead"] if found is not None else None
    if lead is None:
        return None
    lead = lead.strip().rstrip(":").strip()
    for phrase in (lead, _LEAD_WORDS.sub("", lead).strip()):
        target = table.lookup(phrase).target
        if target not in (NOTES, "summary"):
            return target
    return None


def _note(result: Placement, label: str, statement: Statement, by: str) -> None:
    heading = label.strip() or UNLABELLED
    texts = result.notes.setdefault(heading, [])
    texts.append(statement.text)
    result.records.append(
        Placed(
            text=statement.text,
            label=label,
            destination=f"{NOTES}[{heading}]",
            location=statement.location,
            by=by,
        )
    )


def _place_one(
    result: Placement,
    target: str,
    by: str,
    statement: Statement,
    adds: bool,
    first: bool,
    source_format: str,
    label: str = "",
) -> str | None:
    """Put one statement in `target` (refined by its shape); its destination, or None for
    the notes."""
    text = statement.text.strip()
    story = (
        job_story(text, bare=target == "jobs_to_be_done")
        if by != "map" or target == "jobs_to_be_done"
        else None
    )
    if story is not None:
        result.put("jobs_to_be_done", story, additive=adds)
        return _dest("jobs_to_be_done", adds)
    if target == NOTES or (text.endswith(":") and target not in SCALARS):
        return None
    if target == "jobs_to_be_done":
        result.put(target, {"want": text}, additive=adds)
    elif target == "influences.channels":
        return _channels(result, text, adds)
    elif target == "lenses.sales.objections":
        result.put(target, {"objection": text}, additive=adds)
    elif target == "role.titles":
        splitter = _SLASH_SPLIT if source_format in STRUCTURED else _TITLE_SPLIT
        for title in _titles(splitter, text):
            result.put(target, title, additive=adds, first=first)
    elif target == "tools" and source_format not in STRUCTURED:
        for tool in _names(text):
            result.put(target, tool, additive=adds)
    elif target == "role.buying_roles":
        for role in _split(_ARROW_SPLIT, text):
            annotated = _ANNOTATED.match(role)
            if annotated is not None:
                result.put(target, annotated["role"], additive=adds)
                result.notes.setdefault(label.strip() or UNLABELLED, []).append(role)
            else:
                result.put(target, role, additive=adds)
    elif target in SCALARS:
        result.put(target, text)
        return target
    else:
        result.put(target, text, additive=adds)
    return _dest(target, adds)


def _dest(path: str, adds: bool) -> str:
    return f"add.{path}" if adds else path


def _outside(text: str) -> list[bool]:
    """For each character of `text`: whether it is outside brackets and quotes."""
    closing: list[str] = []
    quoted = False
    flags: list[bool] = []
    for char in text:
        if char in _QUOTES:
            quoted = not quoted
            flags.append(False)
            continue
        if char in _OPENS:
            closing.append(_OPENS[char])
        flags.append(not closing and not quoted)
        if closing and char == closing[-1]:
            closing.pop()
    return flags


def _split(pattern: re.Pattern[str], text: str) -> list[str]:
    """`text` split where `pattern` matches outside brackets and quotes."""
    flags = _outside(text)
    parts: list[str] = []
    start = 0
    for match in pattern.finditer(text):
        if match.start() == match.end() or not all(flags[match.start() : match.end()]):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()] or [text]


def _sentence_list(parts: list[str]) -> bool:
    """Whether split parts read as a sentence's list ("VIM, or RubyMine") or a label's
    value ("Tracking, documentation: GitLab Issues"), not as names."""
    return any(":" in part or part.split()[0].casefold() in _CONJUNCTIONS for part in parts if part)


def _names(text: str) -> list[str]:
    """A one-line list of names split at commas and semicolons; the line as it is when a
    part reads like a clause ("Excel, mostly for pivot tables and month-end reports")."""
    parts = _split(_LIST_SPLIT, text.rstrip("."))
    if (
        len(parts) < 2
        or any(len(part.split()) > _NAME_WORDS for part in parts)
        or _sentence_list(parts)
    ):
        return [text]
    return parts


def _titles(splitter: re.Pattern[str], text: str) -> list[str]:
    parts = _split(splitter, text)
    return [text] if len(parts) > 1 and _sentence_list(parts) else parts


def _channels(result: Placement, text: str, adds: bool) -> str:
    """ "Stage: A / B, C" -> channels at that stage; "Internal Influencers: X / Y" -> trusted
    sources; a statement with no stage is one channel as written."""
    match = _STAGE.match(text)
    if match is None or match["rest"].startswith("//"):
        result.put("influences.channels", {"channel": text}, additive=adds)
        return _dest("influences.channels", adds)
    stage, rest = match["stage"].strip(), match["rest"].strip()
    places = _split(_PLACE_SPLIT, rest)
    if _PEOPLE.search(stage):
        for place_ in places:
            result.put("influences.trusted_sources", place_, additive=adds)
        return _dest("influences.trusted_sources", adds)
    for place_ in places:
        result.put("influences.channels", {"channel": place_, "stage": stage}, additive=adds)
    return _dest("influences.channels", adds)
