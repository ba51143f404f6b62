"""How a job's `want` reads: as the rest of "I want ..." or as a statement of its own.

A job is written "When <when>, I want <want>, so that <so_that>", and most `want`s continue
"I want" (`to see every open deal`). Imported and hand-written sets also hold `want`s that are
whole statements: a capitalised verb (`Manage, coordinate, and facilitate ...`) or first
person (`I want to ...`, `I am ...`). Those are printed as they are, never spliced after
"I want" or "they want".
"""

from __future__ import annotations

import re

#: A first word in title case (`Manage`, `Track`), or `I` as a word (`I want`, `I'm`).
_STATEMENT = re.compile(r"\s*(?:[A-Z][a-z]|I(?:\s|['\u2019]))")


def is_statement(want: object) -> bool:
    """Whether `want` reads as a statement of its own rather than the rest of "I want"."""
    return isinstance(want, str) and _STATEMENT.match(want) is not None
