"""Discovery questions built from a persona's own pains and fears.

A rep asks about what the buyer lives with before what they fear, so each statement is
turned into a question a person would ask, keeping the persona's words. The transformations
are deliberately simple, so anyone can say why a question reads as it does:

1. The statement is cut to its first clause (before a `;`, a second sentence, or after a
   short `Heading:` lead-in) and its trailing full stop dropped.
2. First person becomes second (`I'm frustrated when my ...` -> `you're frustrated when your
   ...`). Third person becomes second where it means the persona: everywhere in a fear or
   in a statement without a subject of its own (`Can't find data he needs`); elsewhere only
   `his`, `him` and `her` (`before her arrival`). A statement where `he` or `she` may be
   someone else (`when he was on leave`), or `her` may be either (`bring her deals`), gets
   no question.
3. Its shape picks the question: a noun phrase (`Tool and process sprawl`), an activity
   (`Securing the software supply chain`), a state (`Being cast as ...`), a need (`The
   need to increase the speed of development`), an inability (`Cannot predict ...`), a
   difficulty (`It's hard to ...`) or a whole clause (`Persona material arrives as ...`).
   Each shape has a few question patterns, taken in turn so that no two questions in a row
   open with the same word.
4. The first word is lowercased inside the question unless it is an acronym or a name
   written with inner capitals (`CI`, `AWS`, `GitLab`).

A statement whose shape cannot be told (long, with no verb the rules recognise) gets no
question rather than an ungrammatical one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from persona_cli.domain import completeness


def _words(text: str) -> frozenset[str]:
    """A set of words written as one string (the tables below read better that way)."""
    return frozenset(text.split())


#: Words that make a statement a clause when they appear before any relative pronoun.
_FINITE = _words(
    "is are was were has have had can cannot can't could will won't would do does did "
    "don't doesn't didn't isn't aren't wasn't weren't hasn't haven't may might must should "
    "shall am"
)
#: Where a statement's main part ends: what follows describes the head, not the statement.
_RELATIVE = _words("who that which whose whom where as")
#: Conjunctions that join a clause to the statement's main part.
_SUBORDINATE = _words("because so while although though whenever unless since when")
#: Words after which a word ending in -s reads as a verb ("material arrives as").
_AFTER_VERB = _words(
    "a an the in on at to into as with from for whatever every its their his her my our your "
    "more less about up down out off over again back longer"
)
#: Words ending in -ing that are nouns, not activities.
_ING_NOUNS = _words(
    "anything everything something nothing thing morning evening building pricing tooling "
    "packaging funding onboarding training meeting setting offering ceiling string ring "
    "king wing sibling spring engineering marketing messaging accounting banking consulting "
    "manufacturing publishing computing networking hosting billing licensing"
)
#: Plurals that modify the noun after them (`skills shortage`, `sales team`).
_PLURAL_MODIFIERS = _words(
    "skills sales operations systems services analytics metrics communications relations "
    "savings earnings goods news sports jobs business access process"
)
#: Words ending in -ing that describe a noun (`Continuing skills shortage`).
_ING_ADJECTIVES = _words(
    "continuing conflicting increasing growing rising changing missing existing competing "
    "remaining emerging ongoing outstanding evolving declining shrinking mounting confusing "
    "overlapping underlying disappointing frustrating long-running"
)
#: Verbs a subjectless statement opens with (`Spends too much time ...`), in the third
#: person or not; other openings of that kind (`Despises`, `Wants`) get no question.
_LEADING_VERBS = _words("spend see need lack struggle miss find get have lose")
#: Adverbs dropped from a statement's start (`Often important parts ...`).
_LEADING_ADVERBS = _words(
    "often sometimes frequently usually always regularly constantly occasionally"
)
#: "It is <word> to ..." words that mean hard (else: a chore, something they have to do).
_HARD_WORDS = _words(
    "hard difficult challenging cumbersome tricky intimidating challenge tough complicated "
    "time-consuming labor-intensive labour-intensive impossible confusing"
)
#: Activities that are states a person finds themselves in, asked about differently.
_STATES = _words("being getting having feeling")
_ADVERBS = _words("always never often sometimes also still usually rarely just")

_FIRST_PERSON = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
}
_THIRD_PERSON = {
    "she": "you",
    "he": "you",
    "his": "your",
    "him": "you",
    "herself": "yourself",
    "himself": "yourself",
    "their": "your",
    "theirs": "yours",
}
_AGREE = {
    "is": "are",
    "was": "were",
    "am": "are",
    "has": "have",
    "does": "do",
    "doesn't": "don't",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
}
#: Before "her", these words make it a possessive ("before her arrival").
_PREPOSITIONS = _words(
    "at in on of for from with to into onto during since until about over under without "
    "within by before after across through against among between despite beyond"
)
#: After "her", these words make it an object ("tell her about"), not a possessive.
_NOT_A_NOUN = _words(
    "a an the in on at to into as with from for about and or but that when if by of"
)

_FRUSTRATED = re.compile(
    r"^you(?:'re| are) (?:\w+ )?(?:frustrated|concerned|annoyed|worried|tired|stressed)"
    r" (by|about|with|of|at|when|if|that|because) (.+)$",
    re.IGNORECASE,
)
_HARD_TO = re.compile(
    r"^(?:it(?:'s| is| can be| can get)(?: (?:very|so|really|sometimes|often|quite))?"
    r"(?: an?)? )?([\w-]+)(?: for you)? to (?:have to )?(.+)$",
    re.IGNORECASE,
)
_HARD_WHEN = re.compile(
    r"^it(?:'s| is| can be)(?: (?:very|so|really|sometimes|often|quite))? (\w+) (?:when|if) (.+)$",
    re.IGNORECASE,
)
_CANNOT = re.compile(
    r"^(?:not being able to|unable to|inability to|can't|cannot|can not) (.+)$", re.IGNORECASE
)
_NEED = re.compile(r"^(?:the )?(?:need|pressure) to (.+)$", re.IGNORECASE)
_UNSURE = re.compile(r"^unsure (of|about|whether|how|what|if) (.+)$", re.IGNORECASE)
_NOUN_LEAD = re.compile(r"^(?:lack of|the need to|no|too much|too many|not enough) ", re.I)

#: Question patterns by shape; `{}` is the statement's words.
PAIN_PATTERNS: dict[str, tuple[str, ...]] = {
    "noun": (
        "How do you deal with {} today, and what does that cost you?",
        "Where do you run into {}, and what does it cost you?",
        "What do you lose to {} today?",
    ),
    "activity": (
        "What does {} cost you today, and how do you handle it?",
        "How much of your week goes to {}, and what does it cost you?",
    ),
    "state": (
        "When did you last find yourself {}, and what did it cost you?",
        "What leaves you {} today?",
    ),
    "need": (
        "What stands in the way when you need to {}?",
        "Where does the pressure to {} hit hardest today?",
    ),
    "cannot": (
        "What stops you from being able to {} today, and what does it cost you?",
        "What happens when you cannot {}, and how do you work around it?",
    ),
    "unsure": (
        "How sure are you today {}, and what does not knowing cost you?",
        "What would it take to be certain {}?",
    ),
    "hard": (
        "What makes it hard to {}?",
        "Where does it get hard to {}?",
    ),
    "chore": (
        "When did you last have to {}?",
        "How often do you have to {}, and what does it cost you?",
    ),
    "clause": (
        "When {}, what does that cost you?",
        "What happens when {}, and how do you handle it today?",
    ),
}
FEAR_PATTERNS: dict[str, tuple[str, ...]] = {
    "noun": (
        "How do you protect yourself today against {}?",
        "What would protect you against {}?",
    ),
    "activity": (
        "How would you make sure you never end up {}?",
        "What would have to be true for you to stop worrying about {}?",
    ),
    "clause": ("What would it mean for you if {}?",),
}
FEAR_PATTERNS["state"] = FEAR_PATTERNS["activity"]


@dataclass(frozen=True, slots=True)
class Shaped:
    """A statement reduced to the words a question is built from, and their shape."""

    shape: str
    words: str


def discovery_questions(
    pains: Iterable[str] | None,
    fears: Iterable[str] | None = None,
    *,
    limit: int = 3,
    fear_limit: int = 1,
) -> list[str]:
    """Up to `limit` questions: from the pains first, then up to `fear_limit` from the
    fears (pains take the fears' places when there are fewer), in the persona's order,
    skipping statements no question can be built from; no two questions in a row open
    with the same word."""
    asked_pains = _shaped(pains, PAIN_PATTERNS, fear=False)
    asked_fears = _shaped(fears, FEAR_PATTERNS, fear=True)[:fear_limit]
    chosen = [
        *[(PAIN_PATTERNS, item) for item in asked_pains[: max(0, limit - len(asked_fears))]],
        *[(FEAR_PATTERNS, item) for item in asked_fears],
    ][:limit]
    out: list[str] = []
    turn = {id(PAIN_PATTERNS): 0, id(FEAR_PATTERNS): 0}
    for patterns, item in chosen:
        out.append(
            _ask(patterns[item.shape], item.words, out[-1] if out else "", turn[id(patterns)])
        )
        turn[id(patterns)] += 1
    return out


def _shaped(
    statements: Iterable[str] | None, patterns: dict[str, tuple[str, ...]], *, fear: bool
) -> list[Shaped]:
    """The statements a question can be built from, shaped, in order."""
    out = []
    for statement in statements or ():
        shaped = shape(str(statement), fear=fear)
        if shaped is not None and shaped.shape in patterns:
            out.append(shaped)
    return out


def question(statement: str, *, fear: bool = False) -> str | None:
    """One statement's question (the first pattern of its shape), or None."""
    shaped = shape(statement, fear=fear)
    patterns = FEAR_PATTERNS if fear else PAIN_PATTERNS
    if shaped is None or shaped.shape not in patterns:
        return None
    return patterns[shaped.shape][0].format(shaped.words)


def _ask(patterns: Sequence[str], words: str, previous: str, turn: int) -> str:
    """The pattern at `turn` (in rotation) whose first word differs from the previous
    question's; the first in rotation when all of them share it."""
    opener = previous.split(" ", 1)[0]
    rotation = [patterns[(turn + step) % len(patterns)] for step in range(len(patterns))]
    chosen = next((p for p in rotation if p.split(" ", 1)[0] != opener), rotation[0])
    return chosen.format(words)


def shape(statement: str, *, fear: bool = False) -> Shaped | None:
    """The statement's question-ready words and shape, or None when none can be told."""
    text = _first_clause(statement)
    if not text:
        return None
    words = _second_person(text.split(), third=fear or _subjectless(text))
    if words is None:
        return None
    text = " ".join(words)
    if match := _FRUSTRATED.match(text):
        link, rest = match.group(1).lower(), match.group(2)
        if link in {"when", "if", "that", "because"}:
            lead = _bare(rest.split()[0])
            return None if lead in {"by", "when", "if", "as"} else Shaped("clause", rest)
        return _phrase(rest, noun=True)
    if (match := _HARD_TO.match(text)) and (
        text.lower().startswith("it") or match.group(1).lower() in _HARD_WORDS
    ):
        hard = match.group(1).lower() in _HARD_WORDS
        return Shaped("hard" if hard else "chore", match.group(2))
    if match := _HARD_WHEN.match(text):
        return Shaped("clause", match.group(2))
    if match := _NEED.match(text):
        return Shaped("need", match.group(1))
    if match := _CANNOT.match(text):
        return Shaped("cannot", match.group(1))
    if match := _UNSURE.match(text):
        return Shaped("unsure", f"{match.group(1).lower()} {match.group(2)}")
    head = _bare(text.split()[0])
    if head in _FINITE or head in {"when", "if", "as", "because", "while", "by"}:
        return None  # `Are wary of ...`, `When demand surpasses ...`: no clause to build on
    leading = head in _LEADING_VERBS or (head.endswith("s") and head[:-1] in _LEADING_VERBS)
    if leading and not _NOUN_LEAD.match(text):
        verb, _, rest = text.partition(" ")
        return Shaped("clause", f"you {_agreeing(verb).lower()} {rest}".strip())
    return _phrase(text, longest=16 if fear else 12)


def _phrase(text: str, *, noun: bool = False, longest: int = 12) -> Shaped | None:
    """A noun phrase, an activity, a state or a clause, by the words it holds; `noun` when
    the grammar around it already says it is a noun phrase (`frustrated by ...`)."""
    words = text.split()
    head = _bare(words[0])
    main = _main_part(words)
    finite = any(_bare(word) in _FINITE for word in main)
    if noun or _NOUN_LEAD.match(text):
        lack = text[:8].lower() == "lack of "
        return Shaped("noun", "the " + fragment(text) if lack else fragment(text))
    gerund = head.endswith("ing") and len(head) >= 5
    if gerund and head not in _ING_NOUNS and head not in _ING_ADJECTIVES:
        # an activity is the subject of a clause only with a verb of its own
        # (`Reviewing user reports can be challenging`)
        shape = "clause" if finite else "state" if head in _STATES else "activity"
        return Shaped(shape, fragment(text))
    clause = finite or _verb_with_s(words, len(main))
    if not clause and len(main) < len(words) and _bare(words[len(main)]) in _SUBORDINATE:
        clause = len(main) > 1
    if clause:
        return Shaped("clause", fragment(text))
    if len(main) <= longest:
        return Shaped("noun", fragment(text))
    return None


def _first_clause(statement: str) -> str:
    """The statement's first clause: before a `;` or a second sentence, after a short
    `Heading:` lead-in, without its trailing full stop."""
    text = " ".join(str(statement).split())
    head, colon, rest = text.partition(": ")
    if colon and len(head.split()) <= 10 and not any(_bare(w) in _FINITE for w in head.split()):
        text = head
    text = text.split("; ", 1)[0]
    text = re.split(r"(?<=[a-z0-9)])\. (?=[A-Z])", text, maxsplit=1)[0]
    first, _, rest = text.partition(" ")
    if rest and _bare(first) in _LEADING_ADVERBS:
        text = rest
    return text.rstrip(" .!;:,")


def _subjectless(text: str) -> bool:
    """Whether the statement has no subject of its own, so `he` or `she` in it is the persona:
    it opens with an activity, an inability, or with `He`/`She` itself."""
    head = _bare(text.split(maxsplit=1)[0])
    return (
        (head.endswith("ing") and head not in _ING_NOUNS)
        or _CANNOT.match(text) is not None
        or _UNSURE.match(text) is not None
        or head in {"she", "he"}
    )


def _second_person(words: list[str], *, third: bool) -> list[str] | None:
    """The words with first person, and third person singular, in second person, verbs after
    a changed subject agreeing. Without `third` (the statement has a subject of its own),
    `he`/`she` past the first word may be someone else: None then."""
    out: list[str] = []
    agree = False
    for index, word in enumerate(words):
        bare = _bare(word)
        tail = word[len(word.rstrip('.,;:!?)"”')) :]
        core = word[: len(word) - len(tail)] if tail else word
        replacement: str | None = None
        if bare in _FIRST_PERSON and (bare != "us" or core == "us"):
            replacement = _FIRST_PERSON[bare]
            agree = bare in {"i", "we"}
            if bare == "i" and index + 1 < len(words) and _bare(words[index + 1]) in _AGREE:
                agree = True
        elif bare in {"she", "he", "her", "his", "him", "herself", "himself"}:
            if not third and bare in {"she", "he"} and index:
                return None  # `when he was on leave`: a subject may be someone else
            if bare == "her":
                following = _bare(words[index + 1]) if index + 1 < len(words) else ""
                before = _bare(words[index - 1]) if index else ""
                if tail or not following or following in _NOT_A_NOUN:
                    replacement = "you"  # `call her the bottleneck`
                elif third or before in _PREPOSITIONS:
                    replacement = "your"  # `at her previous company`
                else:
                    return None  # `bring her deals`: to her, or hers? Not told apart
            else:
                replacement = _THIRD_PERSON[bare]
            agree = bare in {"she", "he"}
        elif third and bare in {"their", "theirs"} and _THIRD_PERSON.get(bare):
            replacement = _THIRD_PERSON[bare]
        elif agree and bare in _ADVERBS:
            out.append(word)
            continue
        elif agree:
            out.append(_agreeing(core) + tail)
            agree = False
            continue
        if replacement is None:
            out.append(word)
            continue
        if core[:1].isupper() and index == 0:
            replacement = replacement[:1].upper() + replacement[1:]
        out.append(replacement + tail)
    return out


def _agreeing(verb: str) -> str:
    """A verb after `he`/`she`/`I` made to agree with `you` (`spends` -> `spend`)."""
    lower = verb.lower()
    if lower in _AGREE:
        return _AGREE[lower]
    if not lower.isalpha() or len(lower) <= 3 or not lower.endswith("s") or lower.endswith("ss"):
        return verb
    if lower.endswith("ies"):
        return verb[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1]


def _main_part(words: list[str]) -> list[str]:
    """The words before the first relative pronoun or conjunction: the statement's head."""
    for index, word in enumerate(words):
        if index and (_bare(word) in _RELATIVE or _bare(word) in _SUBORDINATE):
            return words[:index]
    return words


def _verb_with_s(words: list[str], head: int) -> bool:
    """Whether the words hold a verb in the present tense, by two patterns: a word ending in
    -s after a word that is not plural and before an article, a preposition, a number or a
    participle (`Evidence lives in`, `material arrives as`, `questionnaire gets mapped`); or
    a plural, a plain word and an article or preposition (`changes land a`, `reps copy
    whatever`). Only words among the first `head` (the statement's main part) count."""
    for index in range(min(head, len(words) - 2)):
        plural, verb, after = _bare(words[index]), words[index + 1], _bare(words[index + 2])
        if not plural.endswith("s") or plural in _PLURAL_MODIFIERS or not _plain_word(verb):
            continue
        # after an article or preposition, or as the head after one adjective
        # (`Senior engineers name compliance busywork`)
        head_after_adjective = index == 1 and _plain_word(words[index + 2])
        acronym_before = index > 0 and words[index - 1].isupper()
        if (after in _AFTER_VERB or head_after_adjective) and not acronym_before:
            return True
    for index in range(1, min(head, len(words) - 1)):
        word, before, after = _bare(words[index]), _bare(words[index - 1]), words[index + 1]
        if before in _NOT_A_NOUN or words[index - 1].isupper():
            continue
        if not word.endswith("s") or word.endswith(("ss", "us", "is", "'s", "ings")):
            continue
        if len(word) < 4 or before.endswith("s") or before.endswith("ed"):
            continue
        if (
            word.endswith("ies")
            or _bare(after) in _AFTER_VERB
            or after[:1] in "$0123456789"
            or _bare(after).endswith("ed")
        ):
            return True
    return False


def _plain_word(word: str) -> bool:
    """A lowercase word that may be a verb in its base form: not a function word, not a
    plural, a participle or an adverb."""
    bare = _bare(word)
    return (
        word.isalpha()
        and word.islower()
        and bare not in _NOT_A_NOUN
        and bare not in _AFTER_VERB
        and not bare.endswith(("s", "ed", "ing", "ly"))
    )


def _bare(word: str) -> str:
    """A word without surrounding punctuation, lowercased, with a typographic apostrophe
    made straight."""
    return word.strip(".,;:!?()\"“”'").replace("\u2019", "'").lower()


def fragment(text: str) -> str:
    """Text to continue a sentence with: the first letter lowercased unless the first word
    is an acronym or a name with inner capitals (`CI`, `AWS`, `GitLab`, `I`)."""
    if not text:
        return text
    first = text.split(" ", 1)[0].strip("\"“”'(")
    if first == "I" or first.startswith("I'") or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


def said(items: Iterable[object] | None) -> list[str]:
    """The items a persona actually says: blank ones left out."""
    return [str(item) for item in items or () if completeness.filled(item)]


def inline(items: Iterable[object] | None, separator: str = "; ") -> str:
    """Items run into one line, as a sentence continues: the first keeps its case, each
    later one starts lowercase (`fragment`) unless it is written as a name, in title case
    (`Network Administrator`, `Data Consultants`)."""
    parts = [text.strip().rstrip(".;") for text in said(items)]
    return separator.join(
        part if n == 0 or _title_case(part) else fragment(part) for n, part in enumerate(parts)
    )


def _title_case(text: str) -> bool:
    """Whether every word of four letters or more starts with a capital: a name or a
    title (`Network Administrator`, `User Testing`, `Reddit`), whose case is its own."""
    words = [word for word in re.findall(r"[A-Za-z][\w'-]*", text) if len(word) > 3]
    return bool(words) and all(word[:1].isupper() for word in words)


#: The filters this module gives templates, by name (registered beside the documented ones).
FILTERS: dict[str, Any] = {
    "questions": discovery_questions,
    "fragment": fragment,
    "said": said,
    "run_on": inline,
}

#: The tests this module gives templates: `x is filled` when a persona says something there.
TESTS: dict[str, Any] = {"filled": completeness.filled}
