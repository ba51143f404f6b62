"""The filters templates use, by name (`FILTERS`; the README lists them).

Persona text is data, never template or markup: `md` escapes Markdown punctuation and folds
newlines, so a value can neither start a heading, list or quote nor break a table, and shows
hidden characters as `<U+202E>` first.

Escaping: `md`, `paragraphs`, `cell`, `bullets`, `date`, `percent`, `label`.

Language (for every template, built-in or custom), so a briefing reads as a colleague wrote it:

- `inline`: a list item spliced into a sentence keeps its own case and grammar. The first
  letter is lowered only when that is safe: "Two or three reference calls" becomes "two or
  three ...", but "CI", "AWS", "GitLab", "I'm", "SOC 2", "Terraform" or a title-cased
  heading ("Balancing Product Vision") stay as written. Plain text: `{{ item|inline|md }}`.
  Better still, do not splice: put the item after a bold label (`- **Proof:** {{ item|md }}`).
- `job_story`: a job (`{when, want, so_that}`) as one sentence in a single voice, escaped
  (`- {{ job|job_story }}`). A job written in the first person (I, I'm, my, me, we, our, us
  in any part) stays first person, quoted as the persona's own words: `“When I'm planning
  work, I want to ..., so that I can ...”`; otherwise the subject follows the job's own
  pronouns ("he wants", "she wants", else "they want"). A `want` that is a statement of its
  own (`Manage ...`, `I want to ...`) is printed as written.
- `first_person`: whether a text speaks in the first person (`{% if x|first_person %}`).
- `headline`: a long item's lead for an at-a-glance line: the heading before a colon
  ("Wasting Time and Money: Wasted efforts ..." gives "Wasting Time and Money"), else its
  first sentence; its own words, never rewritten.
- `number`: an integer (or a text that is only digits: `company.size: "1240"`) with thousands
  separators, "1,240"; anything else unchanged. For counts, sizes and days, not years or ids.
- `days_ago`: an age in days as words: 0 "today", 1 "yesterday", else "12 days ago" (and
  "1,240 days ago").
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


_NUMBER_TEXT = re.compile(r"\s*\d+\s*")


def number(value: Any) -> str:
    """An integer with thousands separators: 1240 -> '1,240'. A text that is only digits
    (a size typed as "1240") is read as the number; any other text, a float or None is
    returned as text unchanged ("" for None), so `number` is safe on any field."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    text = str(value)
    if _NUMBER_TEXT.fullmatch(text):
        return f"{int(text):,}"
    return text


def days_ago(value: Any) -> str:
    """An age in days as people say it: 'today', 'yesterday', '12 days ago', '1,240 days ago'.
    A negative age (a change dated after the day it is judged by) reads 'in N days'."""
    days = int(value)
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 0:
        return f"in {number(-days)} day{'' if days == -1 else 's'}"
    return f"{number(days)} days ago"


#: Words that keep their capital wherever they stand: names of products, companies, places,
#: languages, days and months a persona's text is likely to start an item with. An acronym,
#: a word with a capital inside (GitLab) or a digit (S3) is kept without being listed.
PROPER_NOUNS: frozenset[str] = frozenset(
    {
        "Amazon",
        "Android",
        "Ansible",
        "Apple",
        "Atlassian",
        "Azure",
        "Bitbucket",
        "Canada",
        "Chrome",
        "Confluence",
        "Datadog",
        "Docker",
        "Dropbox",
        "Europe",
        "Excel",
        "Facebook",
        "Figma",
        "Firefox",
        "Git",
        "Google",
        "Grafana",
        "Helm",
        "Java",
        "JavaScript",
        "Jenkins",
        "Jira",
        "Kotlin",
        "Kubernetes",
        "Linux",
        "LinkedIn",
        "Mac",
        "Microsoft",
        "Okta",
        "Oracle",
        "Outlook",
        "PowerPoint",
        "Prometheus",
        "Python",
        "Ruby",
        "Rust",
        "Salesforce",
        "Sentry",
        "Slack",
        "Snowflake",
        "Splunk",
        "Stripe",
        "Swift",
        "Teams",
        "Terraform",
        "Twitter",
        "Ubuntu",
        "Vault",
        "Windows",
        "Word",
        "Zoom",
        "English",
        "French",
        "German",
        "Spanish",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    }
)
_FIRST_WORD = re.compile(r"([^\W\d_][\w'\u2019-]*)(\s+(\S+))?")


def inline(value: Any) -> str:
    """A list item as it reads inside a sentence: its first letter lowered only when the first
    word is an ordinary capitalised word ("Two or three" -> "two or three"). Kept as written:
    "I" and its contractions, acronyms ("CI", "AWS"), words with a capital, digit or
    symbol inside ("GitLab", "S3"), known names (`PROPER_NOUNS`), and title case ("Balancing
    Product Vision", "Cautious Carla"): two capitalised words in a row are a name or a
    heading. Plain text out; escape it with `md` after."""
    text = "" if value is None else str(value)
    stripped = text.lstrip()
    match = _FIRST_WORD.match(stripped)
    if match is None or not _lowerable(match.group(1), match.group(3) or ""):
        return text
    start = len(text) - len(stripped)
    return text[:start] + stripped[0].lower() + stripped[1:]


def _lowerable(word: str, following: str) -> bool:
    core = re.split(r"['\u2019-]", word, maxsplit=1)[0]
    if core == "A":
        pass  # the article: "A CISO" reads "a CISO"
    elif len(core) < 2 or not core[0].isupper() or not core[1:].isalpha():
        return False  # "I", "S3", a lower-case word already
    elif not core[1:].islower() or core in PROPER_NOUNS or word in PROPER_NOUNS:
        return False  # "CI", "GitLab", "Terraform"
    nxt = following.strip("\"'(\u201c\u201d\u2018\u2019,:;.")
    # Two title-case words in a row are a name or a heading ("Cautious Carla").
    return not (len(nxt) > 1 and nxt[0].isupper() and nxt[1:2].islower())


#: "I" as a word (the pronoun, so a capital; "I'm" and "I've" too, not the I in "CI"), or
#: one of the other first-person words in either case ("US", the country, is not "us").
_FIRST_PERSON = re.compile(
    r"(?<![\w'\u2019])I(?!\w)|\b(?:[Mm]e|[Mm]y|[Mm]ine|[Mm]yself|[Ww]e|[Oo]ur|[Oo]urs|"
    r"[Oo]urselves|us)\b"
)


def first_person(value: Any) -> bool:
    """Whether a text speaks in the first person: I (and I'm, I've), me, my, mine, myself, we,
    us, our, ours."""
    return _FIRST_PERSON.search("" if value is None else str(value)) is not None


_HE = re.compile(r"\b(?:[Hh]e|[Hh]is|[Hh]im|[Hh]imself)\b")
_SHE = re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b")
_OWN_WANT = ("I want", "I need", "I'd like", "I would like")


def _clause(value: Any) -> str:
    """A part of a job as a clause: trimmed, without its closing period."""
    return " ".join(("" if value is None else str(value)).split()).rstrip(".").strip()


def _pronoun(text: str) -> str:
    """'he' or 'she' when the text clearly speaks of one (twice as often as of the other),
    else ''."""
    he, she = len(_HE.findall(text)), len(_SHE.findall(text))
    return "he" if he > 2 * she else "she" if she > 2 * he else ""


def _persona_text(persona: Any) -> str:
    """What a persona says about itself in prose: its summary and its jobs."""
    if not isinstance(persona, dict):
        return ""
    parts = [str(persona.get("summary") or "")]
    for job in persona.get("jobs_to_be_done") or ():
        if isinstance(job, dict):
            parts.extend(str(job.get(key) or "") for key in ("when", "want", "so_that"))
    return " ".join(parts)


def job_story(job: Any, persona: Any = None) -> str:
    """A job `{when, want, so_that}` as one escaped Markdown sentence in a single voice.

    First person anywhere (the persona's own words, as GitLab's and most imported job stories
    are written): "“When I'm planning work, I want to ..., so that I can ...”", quoted. Else
    the subject follows the job's pronouns: "When he ..., he wants ..., so that ...", "she
    wants", else "they want". Given the `persona`, every job of it takes the same pronoun,
    the one its summary and jobs use (`{{ job|job_story(persona) }}`). A `want` that is a
    statement of its own (`Manage ...`, `I want to ...`) is printed as written, after the
    situation."""
    from persona_cli.domain.jobs import is_statement

    if not isinstance(job, dict):
        return ""
    when, want, so_that = (_clause(job.get(key)) for key in ("when", "want", "so_that"))
    if not want and not when:
        return ""
    own = any(first_person(part) for part in (when, want, so_that))
    if want.startswith(_OWN_WANT):
        subject = want
    elif is_statement(want):
        subject = ""  # a statement of its own: after a colon, as written
    elif own:
        subject = f"I want {want}"
    else:
        pronoun = _pronoun(_persona_text(persona) or f"{when} {so_that}")
        subject = f"{pronoun or 'they'} {'wants' if pronoun else 'want'} {want}"
    if not want:
        head = f"When {inline(when)}"
    elif not subject:
        head = f"When {inline(when)}: {want}" if when else want
    elif when:
        head = f"When {inline(when)}, {subject}"
    else:
        head = subject[0].upper() + subject[1:]
    sentence = head + (f", so that {inline(so_that)}" if so_that else "") + "."
    return f"“{md(sentence)}”" if own else md(sentence)


_LEAD = re.compile(r"^(.{3,90}?):\s+(?=\S)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”\"'][.!?])\s+(?=[A-Z“\"])")


def headline(value: Any) -> str:
    """The lead of a long item, in its own words: the heading before a colon when the item is
    "Heading: explanation" (a heading of at most 12 words), else its first sentence (up to a
    semicolon), else the whole item. Plain text out; escape it with `md` after."""
    text = " ".join(("" if value is None else str(value)).split())
    lead = _LEAD.match(text)
    if lead and len(lead.group(1).split()) <= 12:
        return lead.group(1)
    return _SENTENCE_END.split(text, maxsplit=1)[0].split("; ", 1)[0]


#: The documented filters, by name (the README lists them).
FILTERS: dict[str, Callable[..., Any]] = {
    "bullets": bullets,
    "md": md,
    "paragraphs": paragraphs,
    "cell": cell,
    "date": date,
    "percent": percent,
    "label": _label,
    "inline": inline,
    "job_story": job_story,
    "first_person": first_person,
    "headline": headline,
    "number": number,
    "days_ago": days_ago,
}
