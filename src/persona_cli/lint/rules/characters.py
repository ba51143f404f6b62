"""Hidden characters in a file's text (family Q, codes Q005-Q006): bidirectional controls,
and invisible or control characters.

These read the file's text itself, not its parsed values, so every key, value, list item
and comment is checked, in personas and segments alike, and in a file that does not parse;
each character is reported at its own line and column, as is each escape in a
double-quoted string that writes one (`"\\u202e"`). What counts as hidden, and the
emoji and joining-script sequences left alone, is defined once in `persona_cli.domain.hidden`,
which every output also uses to show such characters as `<U+202E>`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from persona_cli.domain import hidden
from persona_cli.domain.result import Severity
from persona_cli.io.yaml_read import double_quoted
from persona_cli.lint.rules.api import TextHit, TextRule

#: What YAML (1.1, as libyaml reads it) takes for a line break, so lines agree with the
#: loader's findings in the same file.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: Characters that end a line for YAML but not in most editors or diffs.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")
_WHAT_TO_DO = "delete it (if the text was pasted, retype it)"
#: A double-quoted scalar's escape sequences, left to right (so `\\\\u202e` is an escaped
#: backslash and plain text, not an escape of U+202E).
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.|\n)", re.DOTALL)
_SINGLE = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "L": "\u2028",
    "P": "\u2029",
}
#: Text that may hold an escape writing a hidden character: the cheap test before scanning.
_MAYBE_ESCAPE = re.compile(r"\\(?:[xuU][0-9a-fA-F]|[0abvfreNLP])")


@dataclass(frozen=True, slots=True)
class _Spot:
    """One hidden character: where it is, and the escape that writes it (if it is written
    as an escape in a double-quoted string rather than as itself)."""

    index: int
    char: str
    escape: str | None = None


@functools.lru_cache(maxsize=4)
def _spots(text: str) -> tuple[_Spot, ...]:
    """Every hidden character of `text`, raw or escaped, in order (both rules read it: one
    scan per file). The carriage return of a CRLF line ending is a line ending."""
    spots = [
        _Spot(item.index, item.char)
        for item in hidden.find(text)
        if not (item.char == "\r" and text[item.index + 1 : item.index + 2] == "\n")
    ]
    if _MAYBE_ESCAPE.search(text):
        spots.extend(_escaped(text))
    return tuple(sorted(spots, key=lambda spot: spot.index))


def _escaped(text: str) -> Iterator[_Spot]:
    """Escapes in double-quoted strings that write a hidden character into the value."""
    for start, end, value in double_quoted(text):
        wanted = {item.char for item in hidden.find(value)}
        if not wanted:
            continue
        for match in _ESCAPE.finditer(text, start, end):
            char = _decode(match.group())
            if char is not None and char in wanted:
                yield _Spot(match.start(), char, match.group())


def _decode(escape: str) -> str | None:
    body = escape[1:]
    if body[:1] in ("x", "u", "U") and len(body) > 1:
        point = int(body[1:], 16)
        return chr(point) if point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else None
    return _SINGLE.get(body)


def _located(text: str, *, bidi: bool) -> Iterator[tuple[int, int, _Spot]]:
    """(line, column, spot) of each hidden character of one class, 1-based."""
    found = [spot for spot in _spots(text) if hidden.is_bidi(spot.char) == bidi]
    if not found:
        return
    starts = [0, *(match.end() for match in _BREAK.finditer(text))]
    for spot in found:
        line = bisect.bisect_right(starts, spot.index)
        yield line, spot.index - starts[line - 1] + 1, spot


class HiddenBidiControl(TextRule):
    """A hidden bidirectional control character (the "Trojan Source" class) is in the file.

    The embeddings and overrides (U+202A-U+202E), the isolates (U+2066-U+2069) and the
    marks (U+200E, U+200F, U+061C) are invisible, and they reorder how the text around them
    is displayed: a line can read one way in an editor or a pull-request review and say
    something else to every program that reads the file (CVE-2021-42574). They are reported
    wherever they are, in keys, values, list items and comments, extension entries (`x-...`)
    included, each at its own line and column, and every output of persona-cli shows them
    as `<U+202E>`. Delete the character; if the text was pasted, retype it. An escape in a
    double-quoted string that writes one (`"\\u202e"`) is reported too: the file shows it,
    but the value holds the control. Where one is truly wanted (in right-to-left text),
    suppress the finding on its line with a reason.

    Failing (the value holds U+202E RIGHT-TO-LEFT OVERRIDE, shown here as `<U+202E>`):

        summary: Approves every vendor<U+202E> after a security review

    Passing:

        summary: Approves every vendor after a security review
    """

    code = "Q005"
    name = "hidden-bidi-control"
    family = "quality"
    severity = Severity.error
    reads_extensions = True

    def check_text(self, text: str) -> Iterator[TextHit]:
        for line, column, spot in _located(text, bidi=True):
            what = hidden.name(spot.char)
            if spot.escape:
                message = (
                    f"the escape {spot.escape} writes {what}, a hidden bidirectional control, "
                    "into the text: it reorders how the text around it is shown wherever "
                    "it is printed; remove the escape"
                )
            else:
                message = (
                    f"{what} is a hidden bidirectional control: it reorders how the text "
                    f"around it is shown, so a reader does not see what the file says; "
                    f"{_WHAT_TO_DO}"
                )
            yield TextHit(line, column, message)


class HiddenCharacter(TextRule):
    """An invisible or control character (zero-width space, soft hyphen...) is in the file.

    Zero-width spaces and joiners, the word joiner, the soft hyphen, a byte-order mark inside
    the text, tag characters and the other format characters, and C0 and C1 control
    characters, show as nothing in editors and reviews: two values that look equal differ
    (`pass<U+200B>word` is not `password`), a search misses a word, and a control character
    can act on the terminal that prints it. Tab and line feed are ordinary, and so is the
    carriage return of a CRLF line ending, but not one on its own. A zero width joiner inside
    an emoji (👩‍💻), and joiners between letters of scripts that spell with them (Persian,
    Arabic, the Indic scripts), are text and are not reported. Each character is reported at
    its own line and column, and every output of persona-cli shows it as `<U+200B>`. Delete
    it; if the text was pasted, retype it. An escape in a double-quoted string that writes
    one (`"\\u200b"`, `"\\r"`) is reported too.

    Failing (the value holds U+200B ZERO WIDTH SPACE, shown here as `<U+200B>`):

        name: Cautious<U+200B> Carla

    Passing:

        name: Cautious Carla
    """

    code = "Q006"
    name = "hidden-character"
    family = "quality"
    severity = Severity.warning

    def check_text(self, text: str) -> Iterator[TextHit]:
        for line, column, spot in _located(text, bidi=False):
            what = hidden.name(spot.char)
            control = unicode_control(spot.char) or spot.char in _ODD_BREAKS
            if spot.escape:
                kind = "a control character" if control else "an invisible character"
                message = (
                    f"the escape {spot.escape} writes {what}, {kind}, into the text; "
                    "remove the escape"
                )
            elif spot.char in _ODD_BREAKS:
                message = (
                    f"{what} ends a line for YAML but not in most editors and diffs; "
                    "use ordinary line endings (LF or CRLF)"
                )
            elif control:
                message = f"{what} is a control character, invisible in editors; {_WHAT_TO_DO}"
            else:
                message = f"{what} is invisible in editors and reviews; {_WHAT_TO_DO}"
            yield TextHit(line, column, message)


def unicode_control(char: str) -> bool:
    point = ord(char)
    return point < 0x20 or 0x7F <= point <= 0x9F


RULES: tuple[type[TextRule], ...] = (HiddenBidiControl, HiddenCharacter)
