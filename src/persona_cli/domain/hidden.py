"""Characters that are invisible where people read persona text, and how to show them.

Bidirectional controls reorder the text around them on screen (the "Trojan Source" class,
CVE-2021-42574): a line can read one way in an editor or a pull-request review and mean
another. Zero-width and other format characters, and control characters, are invisible or
act on the terminal. The lint rules (Q005, Q006) report each one where it sits in a file,
and every output that shows persona text (briefings, the HTML report, `show`, `list`,
`diff`, `textconv`, `age`, `log`, findings and error messages quoting text) writes it as a
visible escape, `<U+202E>`, through `reveal` (HTML pages escape that text like any other),
or through `escape_json` in JSON, which keeps the value (`\\u202e` is the same string to a
parser).

What counts as hidden:
- bidirectional controls: the embeddings and overrides U+202A-U+202E, the isolates
  U+2066-U+2069, and the marks U+200E, U+200F and U+061C;
- every other format character (Unicode category Cf: zero-width space and joiners, word
  joiner, soft hyphen, byte-order mark inside text, tag characters...), except the few that
  are printed as visible signs (the prepended concatenation marks such as U+0600 ARABIC
  NUMBER SIGN);
- the Hangul fillers, which are letters drawn as blank space, and U+034F COMBINING
  GRAPHEME JOINER;
- control characters (C0, DEL, C1) other than tab and line feed, and the line and paragraph
  separators U+2028 and U+2029.

Two uses of joiners are ordinary text, not hidden characters, and are left alone: a zero
width joiner between two pictographs builds one emoji (👩‍💻, 🏳️‍🌈), and a zero width
joiner or non-joiner between two letters of a script that shapes with them (Arabic,
Persian, the Indic scripts: anything past the Latin, Greek and Cyrillic blocks) is how
those languages are spelled. Tag characters are likewise left alone in an emoji tag
sequence (a subdivision flag: U+1F3F4, tags, U+E007F CANCEL TAG). In Latin text, or at the
edge of a word, the same characters only hide things, so they are reported there.

Variation selectors are not reported: they change how the character before them is drawn
(text or emoji style) and cannot hide or reorder text on their own.

Only the standard library is used (unicodedata for names): the character classes are
listed here rather than computed from the Unicode database at import, which would scan a
million code points; a test checks the list against the database of the running Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

#: Embeddings, overrides, isolates and marks: they change the order text is displayed in.
BIDI = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C],
)

#: Format characters (category Cf) up to Unicode 15.1 (Python 3.11 to 3.13); U+13439-1343F
#: (Egyptian hieroglyph format controls) were added in 15.0 and are listed ahead of time, so
#: a file checked under any of those Pythons gets the same findings.
UNICODE_VERSION = "15.1.0"
FORMAT_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)
#: Format characters that are drawn as visible signs (Prepended_Concatenation_Mark).
VISIBLE_FORMAT = frozenset([*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2])
VISIBLE_FORMAT |= {0x110BD, 0x110CD}
#: Not format characters, but drawn as nothing: Hangul fillers and the grapheme joiner.
BLANK_LETTERS = frozenset({0x115F, 0x1160, 0x3164, 0xFFA0, 0x034F})

ZWNJ, ZWJ = 0x200C, 0x200D
#: Letters from here on belong to scripts that use joiners in ordinary spelling.
_JOINING_SCRIPTS = 0x0590


def _class() -> str:
    points = [
        (low, high)
        for low, high in FORMAT_RANGES
        if not all(point in VISIBLE_FORMAT for point in range(low, high + 1))
    ]
    parts = [
        r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029",
        *(
            f"{_escape(low)}-{_escape(high)}" if low != high else _escape(low)
            for low, high in points
        ),
        *(_escape(point) for point in sorted(BLANK_LETTERS)),
    ]
    return "[" + "".join(parts) + "]"


def _escape(point: int) -> str:
    return f"\\U{point:08x}"


#: One hidden character (before the emoji and script exceptions are applied).
PATTERN = re.compile(_class())

_C0 = (
    "NULL",
    "START OF HEADING",
    "START OF TEXT",
    "END OF TEXT",
    "END OF TRANSMISSION",
    "ENQUIRY",
    "ACKNOWLEDGE",
    "BELL",
    "BACKSPACE",
    "CHARACTER TABULATION",
    "LINE FEED",
    "LINE TABULATION",
    "FORM FEED",
    "CARRIAGE RETURN",
    "SHIFT OUT",
    "SHIFT IN",
    "DATA LINK ESCAPE",
    "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO",
    "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR",
    "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK",
    "CANCEL",
    "END OF MEDIUM",
    "SUBSTITUTE",
    "ESCAPE",
    "INFORMATION SEPARATOR FOUR",
    "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
_C1 = (
    "PADDING CHARACTER",
    "HIGH OCTET PRESET",
    "BREAK PERMITTED HERE",
    "NO BREAK HERE",
    "INDEX",
    "NEXT LINE",
    "START OF SELECTED AREA",
    "END OF SELECTED AREA",
    "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION",
    "LINE TABULATION SET",
    "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD",
    "REVERSE LINE FEED",
    "SINGLE SHIFT TWO",
    "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING",
    "PRIVATE USE ONE",
    "PRIVATE USE TWO",
    "SET TRANSMIT STATE",
    "CANCEL CHARACTER",
    "MESSAGE WAITING",
    "START OF GUARDED AREA",
    "END OF GUARDED AREA",
    "START OF STRING",
    "SINGLE GRAPHIC CHARACTER INTRODUCER",
    "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER",
    "STRING TERMINATOR",
    "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
)


def name(char: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: the code point and its Unicode name (controls,
    which have none in the database, by their usual alias)."""
    point = ord(char)
    if point < 0x20:
        label = _C0[point]
    elif point == 0x7F:
        label = "DELETE"
    elif 0x80 <= point <= 0x9F:
        label = _C1[point - 0x80]
    else:
        label = unicodedata.name(char, "UNNAMED CHARACTER")
    return f"U+{point:04X} {label}"


def is_bidi(char: str) -> bool:
    return ord(char) in BIDI


class Hidden:
    """One hidden character at `index` in a text: a frozen record written out rather than
    a dataclass, since `persona textconv` (once per blob) escapes its output with this
    module and would otherwise import the dataclass machinery for it alone."""

    __slots__ = ("char", "index")

    def __init__(self, index: int, char: str) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "char", char)

    index: int
    char: str

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Hidden is frozen: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Hidden):
            return NotImplemented
        return (self.index, self.char) == (other.index, other.char)

    def __hash__(self) -> int:
        return hash((self.index, self.char))

    def __repr__(self) -> str:
        return f"Hidden(index={self.index!r}, char={self.char!r})"


def find(text: str) -> Iterator[Hidden]:
    """Every hidden character of `text`, in order (emoji sequences and joiners inside words
    of joining scripts left out; see the module's documentation)."""
    if PATTERN.search(text) is None:  # the common case: one scan of the text, in C
        return
    tags = _tag_sequences(text)
    for match in PATTERN.finditer(text):
        index = match.start()
        char = match.group()
        point = ord(char)
        if point in VISIBLE_FORMAT or index in tags:
            continue
        if point in (ZWJ, ZWNJ) and _joins(text, index, point):
            continue
        yield Hidden(index, char)


def _tag_sequences(text: str) -> frozenset[int]:
    """Indexes of tag characters that form an emoji tag sequence (U+1F3F4, tags, U+E007F)."""
    if "\U000e007f" not in text:
        return frozenset()
    inside: set[int] = set()
    for match in re.finditer("\U0001f3f4([\U000e0020-\U000e007e]+)\U000e007f", text):
        inside.update(range(match.start(1), match.end()))
    return frozenset(inside)


def _pictograph(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") and ord(char) >= 0x2000


def _joins(text: str, index: int, point: int) -> bool:
    """Whether the joiner at `index` sits inside an emoji (ZWJ only) or a word of a script
    that shapes with joiners."""
    if index == 0 or index + 1 >= len(text):
        return False
    before = index - 1
    # Variation selectors and skin-tone modifiers belong to the pictograph before them.
    while before > 0 and (
        "\ufe00" <= text[before] <= "\ufe0f" or "\U0001f3fb" <= text[before] <= "\U0001f3ff"
    ):
        before -= 1
    left, right = text[before], text[index + 1]
    if point == ZWJ and _pictograph(left) and _pictograph(right):
        return True
    return _joining_letter(left) and _joining_letter(right)


def _joining_letter(char: str) -> bool:
    return ord(char) >= _JOINING_SCRIPTS and unicodedata.category(char)[0] in "LM"


def _replace(text: str, form: str) -> str:
    found = list(find(text))
    if not found:
        return text
    out: list[str] = []
    last = 0
    for hidden in found:
        out.append(text[last : hidden.index])
        out.append(form.format(ord(hidden.char)))
        last = hidden.index + 1
    out.append(text[last:])
    return "".join(out)


def in_argument(option: str, value: str) -> str | None:
    """Why `value`, given to `option` to be written into a persona file, must not be (it
    holds a character lint reports, Q005 or Q006, that nobody saw when typing or pasting
    it), or None. The message names the first such character and where it is."""
    first = next(find(value), None)
    if first is None:
        return None
    kind = "a hidden bidirectional control" if is_bidi(first.char) else "a hidden character"
    return (
        f"{option}: '{reveal(value)}' holds {name(first.char)}, {kind} "
        f"(character {first.index + 1}); nothing written"
    )


def reveal(text: str) -> str:
    """`text` with every hidden character written as `<U+202E>`: the text people read in a
    briefing, a terminal or a table, where the character itself would hide or reorder."""
    return _replace(text, "<U+{:04X}>")


def escape_json(text: str) -> str:
    """JSON text with every hidden character as a `\\u` escape: the same value to a parser,
    visible to a person. Only valid on JSON text (where such characters can only sit inside
    strings), which `json.dumps(..., ensure_ascii=False)` writes raw."""
    if PATTERN.search(text) is None:
        return text
    return _replace_json(text)


def _replace_json(text: str) -> str:
    out: list[str] = []
    last = 0
    for hidden in find(text):
        out.append(text[last : hidden.index])
        point = ord(hidden.char)
        if point > 0xFFFF:  # a surrogate pair, as JSON writes characters past the BMP
            point -= 0x10000
            out.append(f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}")
        else:
            out.append(f"\\u{point:04x}")
        last = hidden.index + 1
    out.append(text[last:])
    return "".join(out)


__all__ = [
    "BIDI",
    "Hidden",
    "escape_json",
    "find",
    "is_bidi",
    "name",
    "reveal",
]
