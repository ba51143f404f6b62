"""The label table: which model field a source's section or key feeds.

Sources name the same thing many ways ("Frustrations", "Biggest Challenges:", "Pain
points", `motivations.dislikes`), so labels are compared *normalised*: lower case, markup
and punctuation gone, `&` read as "and", possessives and plurals dropped ("Buyer's
Journey", "Buyers Journey" and "Buyer Journeys" are one label). A table entry matches a
label exactly, or, written with a trailing `*`, every label that starts with it ("Sources
for *" takes "Sources for Tech Purchasing Decisions"). A key path (`strategies.sales`) is
looked up whole, then by its last key (`titles`), and an `x-` key as its plain key.

A label the table does not know goes to `notes` under its own heading: nothing is dropped.
`--map MAP.toml` extends and overrides the table (see `mapfile`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

#: Where a statement goes when no field takes it: a note under its original heading.
NOTES = "notes"

#: The built-in table: target field -> the labels that feed it (as sources write them).
TABLE: dict[str, tuple[str, ...]] = {
    "summary": ("", "Summary", "Description", "Job Summary", "narrative", "Overview", "About"),
    "role.titles": (
        "Role",
        "Roles",
        "Titles",
        "Job titles",
        "Potential Titles",
        "Alternative Job Titles",
        "role.titles",
    ),
    "role.responsibilities": (
        "Job Responsibilities",
        "Responsibilities",
        "My role",
        "role.responsibilities",
    ),
    "role.measured_by": ("Key metrics", "Measured by", "Job is Measured by", "Metrics", "KPIs"),
    "role.reports_to": ("Reports to",),
    "role.buying_roles": ("Purchasing Role", "Buying Role", "Role in the purchase"),
    "role.department": ("Department", "role.function"),
    "role.seniority": ("Seniority", "role.level"),
    "company.type": (
        "Company type",
        "Organization type",
        "organization.maturity",
        "organization.gtm",
    ),
    "company.size": ("Company size", "Organization size"),
    "company.industry": ("Industry", "segment"),
    "background.education": ("Education", "role.technologies.education"),
    "background.career": ("Career", "Career history", "Background"),
    "tools": (
        "Tools",
        "Key Tools",
        "Tools and technologies",
        "Technologies",
        "role.tools",
        "role.technologies.languages",
        "role.technologies.environments",
    ),
    "goals": (
        "Goals",
        "Objectives",
        "Goals & Objectives",
        "primary-goal",
        "Needs",
        "motivations.goals",
    ),
    "pains": (
        "Frustrations",
        "Challenges",
        "Biggest Challenges",
        "Pain points",
        "Pains",
        "Needs and Pain points",
        "dislikes",
        "motivations.dislikes",
    ),
    "jobs_to_be_done": ("Jobs to be done", "Job to be done", "JTBD", "Job stories"),
    "whole_person.motivations": ("Motivations", "Motivated by", "likes", "motivations.likes"),
    "whole_person.fears": ("Fears", "Feelings", "Worries"),
    "whole_person.quotes": ("Quotes", "Thoughts"),
    "whole_person.traits": (
        "Traits",
        "Personal Traits",
        "Skills & Personal Traits",
        "Skills",
        "Demographic & Psychographic Details",
        "role.technologies.skills",
    ),
    "whole_person.behaviours": (
        "Behaviors",
        "Behaviours",
        "Behaviors & Actions",
        "Behaviours & Actions",
        "Actions",
    ),
    "influences.channels": (
        "Channels",
        "Sources for *",
        "Content Sources for *",
        "Content Sources",
        "Recommended Buyer's Journey",
        "Buyer's Journey",
        "awareness.channels",
        "awareness.events",
        "Events",
    ),
    "influences.trusted_sources": ("Trusted sources", "Influencers", "Internal influencers"),
    "messaging.general": ("Messaging", "Key messages", "strategies.education", "finops-benefits"),
    "messaging.marketing": (
        "My Messaging",
        "Key messaging concept*",
        "strategies.marketing",
        "strategies.communications",
    ),
    "messaging.sales": ("strategies.sales",),
    "messaging.product": ("strategies.product", "strategies.design", "strategies.devex"),
}

#: Fields holding one text: several statements are joined (summary by paragraphs).
SCALARS = frozenset(
    {
        "summary",
        "role.reports_to",
        "role.department",
        "role.seniority",
        "company.type",
        "company.size",
        "company.industry",
    }
)
#: Lists of objects a statement can become, and the key its text fills.
OBJECT_LISTS: dict[str, str] = {
    "jobs_to_be_done": "want",
    "influences.channels": "channel",
    "lenses.sales.objections": "objection",
}
#: Fields an import never fills from a statement: identity, review and provenance.
_NOT_TARGETS = frozenset(
    {
        "schema_version",
        "id",
        "name",
        "kind",
        "status",
        "extends",
        "segment",
        "evidence",
        "review",
        "provenance",
    }
)

_POSSESSIVE = re.compile(r"['\u2019]s\b")
_ARROWS = re.compile(r"->|\u2192|=>")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(label: str) -> str:
    """A label as the table compares it: `Buyer's Journeys:` -> `buyer journey`."""
    text = _ARROWS.sub(" ", label.lower().replace("&", " and "))
    text = _POSSESSIVE.sub("", text)
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(_singular(word) for word in words)


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.cache
def text_targets() -> frozenset[str]:
    """Every field path a label may be mapped to: the model's text and list-of-text fields,
    the object lists a statement fills (`jobs_to_be_done`...), and `notes`."""
    from persona_cli.domain.model import Persona
    from persona_cli.verbs.persona_text import fields, walk

    found: set[str] = {NOTES, "whole_person.quotes", *OBJECT_LISTS}
    inside: set[tuple[str, ...]] = set()
    for item in walk(fields()):
        if item.shape == "items":
            inside.add(item.path)
        if item.path[0] in _NOT_TARGETS or item.choices or item.path[:-1] in inside:
            continue
        if item.shape == "list" or (
            item.shape == "scalar" and _annotation(Persona, item.path) is str
        ):
            found.add(item.dotted)
    return frozenset(found)


def _annotation(model: type, path: tuple[str, ...]) -> object:
    """The plain type of the field at `path` (Optional and Annotated taken off)."""
    from persona_cli.verbs.persona_text import _strip, _submodel

    current: object = model
    for part in path:
        info = current.model_fields[part]  # type: ignore[attr-defined]
        inner = _strip(info.annotation)
        sub = _submodel(inner)
        current = sub if sub is not None and part != path[-1] else inner
    return current


@dataclass(frozen=True, slots=True)
class Match:
    """The field a label feeds and why: `table` (built in), `map` (the --map file) or
    `unknown` (no entry: notes)."""

    target: str
    by: str


class LabelTable:
    """The built-in table, overridden and extended by a map file's entries."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.exact: dict[str, Match] = {}
        self.prefixes: list[tuple[str, Match]] = []
        self._add(
            ((label, target) for target, labels in TABLE.items() for label in labels), "table"
        )
        if overrides:
            self._add(overrides.items(), "map")

    def _add(self, entries: Iterable[tuple[str, str]], by: str) -> None:
        for label, target in entries:
            match = Match(target, by)
            if label.rstrip().endswith("*"):
                key = normalise(label.rstrip()[:-1])
                self.prefixes = [(p, m) for p, m in self.prefixes if p != key]
                self.prefixes.insert(0, (key, match))  # later (map) entries win
            else:
                self.exact[normalise(label)] = match

    def lookup(self, label: str) -> Match:
        """The field `label` feeds; `notes` when no entry matches."""
        plain = re.sub(r"(^|\.)x-", r"\1", label)
        candidates = [plain]
        if "." in plain:
            candidates.append(plain.rsplit(".", 1)[1])
        for candidate in candidates:
            key = normalise(candidate)
            if key in self.exact:
                return self.exact[key]
            for prefix, match in self.prefixes:
                if key == prefix or key.startswith(prefix + " "):
                    return match
        return Match(NOTES, "unknown")
