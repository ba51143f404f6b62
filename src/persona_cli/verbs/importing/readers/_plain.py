"""Plain text for statements and labels, shared by the Markdown, table, CSV and HTML readers.

A statement's text is what a person reads: entities decoded, whitespace collapsed, ends
trimmed, the words and their case as the source has them. A label is written the same way,
minus a trailing colon. The placeholder judgement (every statement one or two characters, as
in a template table's `B | D | N` rows) lives here too, so every reader judges alike.
"""

from __future__ import annotations

import html
import re

from persona_cli.verbs.importing.document import SourcePersona

#: A bullet written into the text itself: `&bull;` in a table cell (decoded to U+2022 by the
#: time it gets here), or a `-`, `*`, `+` or middle dot starting a line of a CSV cell.
_BULLET = re.compile(r"^(?:[\u2022\u00b7\u25aa\u25e6\u2023\u25cf*+-](?:\s+|$))+")
_NAME_ROLE = re.compile(r"^(?P<name>[^()]*[^()\s])\s*\((?P<role>[^()]*[^()\s])\s*\)$")
#: The longest statement that still reads as a placeholder (`B`, `D`, `N`, `TK`).
PLACEHOLDER_LENGTH = 2


#: Column headers that name the persona, in a Markdown table or a CSV file (case aside).
NAME_HEADERS = frozenset({"name", "persona", "title", "persona name"})


def plain(text: str) -> str:
    """`text` with runs of whitespace (newlines, tabs, non-breaking spaces) made one space
    and the ends trimmed. Entities are left alone: the parsers decode them once."""
    return " ".join(text.split())


def linked(text: str, href: str) -> str:
    """A link as statement text: `text (URL)`, since the address is often the content
    ("Relevant UX Research findings"); the text alone when the address says nothing more
    (empty, an anchor in the page, the text itself)."""
    address = href.strip()
    shown = plain(text)
    if not address or address.startswith("#") or address.removeprefix("mailto:") == shown:
        return text
    if not shown:
        return address
    return f"{text} ({address})"


def decoded(text: str) -> str:
    """`plain` after decoding HTML entities, for sources no parser decodes (CSV cells)."""
    return plain(html.unescape(text))


def label(text: str) -> str:
    """A label as written, minus a trailing colon: `Potential Titles:` -> `Potential Titles`."""
    return plain(text).rstrip(":").rstrip()


def unbulleted(text: str) -> str:
    """`text` without the bullets written into it (`• Contacts organizations`)."""
    return plain(_BULLET.sub("", plain(text)))


def split_items(text: str, *, semicolons: bool = False) -> list[str]:
    """The items of a list written inside one cell: one per line (and per `;` when asked),
    bullets written in the text removed, empty items dropped."""
    pieces = re.split(r"[\n;]" if semicolons else r"\n", text)
    return [item for item in (unbulleted(piece) for piece in pieces) if item]


def split_name_role(heading: str) -> tuple[str, str | None]:
    """`Parker (Product Manager)` -> (`Parker`, `Product Manager`); a heading without a
    trailing parenthesis is all name."""
    match = _NAME_ROLE.match(plain(heading))
    if match is None:
        return plain(heading), None
    return match["name"], match["role"]


def mark_placeholder(persona: SourcePersona) -> None:
    """Flag `persona` as a placeholder when it says something and every statement is at most
    two characters long, and say so in its warnings."""
    texts = [statement.text for section in persona.sections for statement in section.statements]
    if not texts or any(len(text) > PLACEHOLDER_LENGTH for text in texts):
        return
    persona.placeholder = True
    shown = ", ".join(dict.fromkeys(texts))
    persona.warnings.append(
        f"{persona.location}: '{persona.name}' looks like a placeholder (every statement is "
        f"one or two characters: {shown}); only its name is worth importing"
    )
