"""The filters templates use (`md`, `paragraphs`, `cell`, `bullets`, `date`, `percent`,
`label`), by name.

Persona text is data, never template or markup: `md` escapes Markdown punctuation and folds
newlines, so a value can neither start a heading, list or quote nor break a table, and shows
hidden characters as `<U+202E>` first.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from persona_cli.domain import completeness, fields
from persona_cli.domain.hidden import reveal
from persona_cli.verbs.render.defaults import plain


def _label(value: Any) -> str:
    """An enumerated value as briefings print it: the field table's label, else the value
    with spaces for underscores."""
    text = str(value)
    return fields.value_label(text) or text.replace("_", " ")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])|(&(?=#?\w+;))")
_LINE_START = re.compile(r"^([#>+=-])|^(\d+)([.)])")
_TRAILING_HASHES = re.compile(r"#+$")


def md(value: Any) -> str:
    """Inline Markdown text; cached, since each persona's text is rendered once per team."""
    if isinstance(value, str):
        return _md_text(value)
    return "" if value is None else _md_text(str(plain(value)))


@functools.lru_cache(maxsize=65536)
def _md_text(value: str) -> str:
    """Inline Markdown text: special characters escaped, newlines folded into spaces, so
    persona text can neither start a heading, list or quote nor break a table. Hidden
    characters are shown first (`<U+202E>`), so none is folded away as a space."""
    text = " ".join(reveal(value).split())
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)
    if text.endswith("#"):  # at the end of a heading, a run of # is the heading's closing mark
        text = _TRAILING_HASHES.sub(lambda m: "\\#" * len(m.group(0)), text)
    return _LINE_START.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )


_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def paragraphs(value: Any) -> str:
    """`md`, paragraph by paragraph: a blank line in the value starts a new Markdown
    paragraph; single newlines inside a paragraph are folded, as `md` folds them."""
    text = value if isinstance(value, str) else "" if value is None else str(plain(value))
    return "\n\n".join(filter(None, (md(part) for part in _PARAGRAPH_BREAK.split(text))))


def cell(value: Any) -> str:
    """A table cell: escaped like `md` (pipes and newlines included); empty shows as a dash."""
    text = md(value)
    return text or "-"


def bullets(items: Iterable[Any] | None, prefix: str = "- ") -> str:
    """A Markdown bullet list, one escaped item per line (quotes show their text)."""
    lines = []
    for item in items or ():
        text = item.get("text", "") if isinstance(item, dict) else item
        if completeness.filled(text):
            lines.append(prefix + md(text))
    return "\n".join(lines)


def date(value: Any, fmt: str = "long") -> str:
    """A date as '28 October 2026' (`long`), ISO (`iso`) or any strftime format."""
    if value is None or value == "":
        return ""
    return _date_text(value if isinstance(value, dt.date) else str(value), fmt)


@functools.lru_cache(maxsize=4096)
def _date_text(value: dt.date | str, fmt: str) -> str:
    """`date`, cached: a set's briefings print the same few review and evidence dates
    thousands of times, and strftime is slow."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    if fmt == "long":
        return f"{day.day} {day:%B %Y}"
    if fmt == "iso":
        return day.isoformat()
    return day.strftime(fmt)


def percent(value: Any, digits: int = 0) -> str:
    """A share in [0, 1] as a percentage: 0.42 -> '42%'."""
    return f"{float(value) * 100:.{digits}f}%"


#: The documented filters, by name (the README lists them).
FILTERS: dict[str, Callable[..., str]] = {
    "bullets": bullets,
    "md": md,
    "paragraphs": paragraphs,
    "cell": cell,
    "date": date,
    "percent": percent,
    "label": _label,
}
