"""The loss check: is every source statement in the persona that was built from it?

Measured on the output, not taken from placement's word: a statement is found when its
words (case and punctuation aside) appear together in one value of the persona (a field
item, a note line, the summary), or when they can be covered by whole values in order,
the connecting words of a job story ("when", "I want", "so that") and a split line's
separators aside ("CIO/ CTO / CINO" became three titles; "Awareness: A, B" became
channels at stage "Awareness"). A line's leading label ("Internal Influencers: A / B",
whose people became trusted sources) counts as a heading, as a section's label does: the
rest of the line must be found. Anything else is lost.

A value that is a *fragment* of a statement cannot help cover it: one with unbalanced
brackets or quotes ("Executive (VP" + "etc)"), holding a `:` or starting with "and"/"or"
(a sentence's list cut at its commas). So a statement split into parts counts as placed
only when the parts, rejoined in order, give it back whole but for the separators.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_WORD = re.compile(r"\w+")
#: Words a job story's parse takes out between its parts.
_GLUE = frozenset({"when", "i", "want", "need", "like", "would", "d", "so", "that", "then"})
#: Keys whose values are not source statements.
_NOT_CONTENT = frozenset({"schema_version", "id", "kind", "status", "extends", "provenance"})


def words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from (line for line in value.split("\n") if line.strip())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def content(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """The words of every text value of a persona (notes by line), identity aside."""
    values: list[tuple[str, ...]] = []
    for key, value in data.items():
        if key in _NOT_CONTENT:
            continue
        texts = (
            [item.get("text") for item in value if isinstance(item, dict)]
            if key == "notes" and isinstance(value, list)
            else value
        )
        values += [found for text in _strings(texts) if (found := words(text))]
        if key == "jobs_to_be_done" and isinstance(value, list):
            values += _job_leads(value)
    return values


_LED = re.compile(r"^(?P<want>.+) \((?P<lead>[^()]+)\)$", re.DOTALL)


def _job_leads(jobs: list[Any]) -> list[tuple[str, ...]]:
    """A job whose story had a lead ends its `want` with it in brackets (`to respond (Manage
    incident response)`): the want and the lead count as two values, as the source wrote
    them apart."""
    found: list[tuple[str, ...]] = []
    for job in jobs:
        want = job.get("want") if isinstance(job, dict) else None
        match = _LED.match(want) if isinstance(want, str) else None
        if match is not None:
            found += [words(match["want"]), words(match["lead"])]
    return found


_LEADING_LABEL = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def fragment(text: str) -> bool:
    """Whether `text` reads as a piece cut out of a longer statement (see the module doc)."""
    stripped = text.strip()
    first = stripped.split()[0].casefold() if stripped else ""
    return (
        any(stripped.count(open_) != stripped.count(close) for open_, close in _PAIRS)
        or stripped.count('"') % 2 == 1
        or ":" in stripped
        or first in {"and", "or", "nor"}
    )


def fragments(data: dict[str, Any]) -> frozenset[tuple[str, ...]]:
    """The words of every value of a persona that is a fragment (see `fragment`)."""
    return frozenset(words(text) for text in raw_strings(data) if fragment(text))


def found(
    text: str,
    values: list[tuple[str, ...]],
    raw: list[str] | None = None,
    broken: frozenset[tuple[str, ...]] = frozenset(),
) -> bool:
    """Whether `text` is in the persona whose value words are `values`; `broken`: the words
    of values that are fragments, which cannot be parts of a split statement."""
    if _found(text, values, raw, broken):
        return True
    rest = _LEADING_LABEL.sub("", text, count=1)
    return rest != text and _found(rest, values, raw, broken)


def _found(
    text: str,
    values: list[tuple[str, ...]],
    raw: list[str] | None,
    broken: frozenset[tuple[str, ...]] = frozenset(),
) -> bool:
    wanted = words(text)
    if not wanted:
        return raw is None or any(text.strip() in item for item in raw)
    size = len(wanted)
    for value in values:
        if len(value) >= size and any(
            value[i : i + size] == wanted for i in range(len(value) - size + 1)
        ):
            return True
    reachable = [False] * (size + 1)
    reachable[0] = True
    for start in range(size):
        if not reachable[start]:
            continue
        if wanted[start] in _GLUE:
            reachable[start + 1] = True
        for value in values:
            end = start + len(value)
            if end <= size and wanted[start:end] == value and value not in broken:
                reachable[end] = True
    return reachable[size]


def raw_strings(data: dict[str, Any]) -> list[str]:
    return [
        text for key, value in data.items() if key not in _NOT_CONTENT for text in _strings(value)
    ]
