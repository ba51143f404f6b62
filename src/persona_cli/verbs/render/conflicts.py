"""Where the members of a committee pull against each other, derived from the data, never from
names or titles: two members whose appetite for risk is two levels apart; one member's
decision criteria about cost against another's about risk (or speed against risk); the
economic buyer's cost criteria against the fears of the member holding the legal and
security review; one member's accepted trade-off being another's rejected one. Each side is
quoted in its own words (the field and its text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from persona_cli.domain.roles import CommitteeRole
from persona_cli.verbs.render.committee_model import Conflict, Member, Said, part_of, texts_of

_RISK_LEVELS = {"low": 0, "medium": 1, "high": 2}


#: Words that put a criterion on one side of a tension. A vocabulary of the domain, not names:
#: the view never looks at ids, titles or roles to decide that two members disagree (except
#: the economic buyer against the legal and security review, which the issue asks for).
THEMES: dict[str, re.Pattern[str]] = {
    "cost": re.compile(
        r"\b(costs?|costly|pric(e|es|ed|ing)|payback|budgets?|invoices?|spend(ing)?|roi|fees?|"
        r"cheap(er|est)?|discounts?|cash|savings?|escalators?|expensive|afford(able)?|"
        r"headcount|tco)\b|\$\d",
        re.IGNORECASE,
    ),
    "risk": re.compile(
        r"\b(risks?|risky|secur(e|ity)|audit(s|ed|or|ors)?|complian(ce|t)|breach(es)?|"
        r"(least[- ])?privileges?|read-only|regulat(or|ors|ory|ion|ed)|certif(y|ied|ication)|"
        r"veto|incidents?|penetration|pen tests?|soc ?2|pci|nydfs|gdpr|hipaa|iso ?27001|"
        r"safe(ty)?|liabilit(y|ies)|export)\b",
        re.IGNORECASE,
    ),
    "speed": re.compile(
        r"\b(fast(er|est)?|quick(ly|er)?|speed|rapid(ly)?|immediate(ly)?|asap|right away|"
        r"(in|within) (a|one|two) (days?|weeks?)|this (week|month|quarter))\b",
        re.IGNORECASE,
    ),
}
#: Themes that pull against each other, with the plain-words name of the tension.
OPPOSED: tuple[tuple[str, str, str], ...] = (
    ("cost", "risk", "Cost against risk"),
    ("speed", "risk", "Speed against proof"),
)
#: How many decision criteria must share a theme before it counts as the member's focus.
FOCUS_MIN = 2
_KIND_ORDER = ("risk-appetite", "cost-vs-risk", "speed-vs-risk", "tradeoff")


def themes(text: str) -> frozenset[str]:
    """The themes a piece of text touches."""
    return frozenset(name for name, pattern in THEMES.items() if pattern.search(text))


def focus(data: Mapping[str, Any]) -> str:
    """The theme most of a member's decision criteria are about ('' when none clearly is):
    at least FOCUS_MIN criteria, and more than any other theme (proof required breaks ties)."""
    decision = part_of(data, "decision")
    criteria = texts_of(decision.get("decision_criteria"))
    proof = texts_of(decision.get("proof_required"))
    scores = {
        name: (
            sum(1 for item in criteria if name in themes(item)),
            sum(1 for item in proof if name in themes(item)),
        )
        for name in THEMES
    }
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
    best, score = ranked[0]
    if score[0] < FOCUS_MIN or (len(ranked) > 1 and ranked[1][1] == score):
        return ""
    return best


def find_conflicts(
    members: Sequence[Member], data: Mapping[str, Mapping[str, Any]]
) -> list[Conflict]:
    """Every tension between two present members (`data`: their filled persona data, by
    id), the ones that weigh most first."""
    found: list[Conflict] = []
    focuses = {m.persona: focus(data[m.persona]) for m in members}
    for index, first in enumerate(members):
        for second in members[index + 1 :]:
            found.extend(_pair(first, second, data, focuses))
    weight = {m.persona: m.influence or 0 for m in members}
    found.sort(key=lambda c: (-(weight[c.a] + weight[c.b]), _KIND_ORDER.index(c.kind), c.a, c.b))
    return found


def _pair(
    first: Member,
    second: Member,
    data: Mapping[str, Mapping[str, Any]],
    focuses: Mapping[str, str],
) -> Iterable[Conflict]:
    levels = (_RISK_LEVELS.get(first.risk_tolerance), _RISK_LEVELS.get(second.risk_tolerance))
    if levels[0] is not None and levels[1] is not None and abs(levels[0] - levels[1]) >= 2:
        low, high = (first, second) if levels[0] < levels[1] else (second, first)
        yield _risk_appetite(low, high, data)
    for one, other in ((first, second), (second, first)):
        for side, against, title in OPPOSED:
            focused = focuses[one.persona] == side and focuses[other.persona] == against
            budget = (side, against) == ("cost", "risk") and _budget_against_fears(one, other, data)
            if focused or budget:
                yield _opposed(one, other, (side, against, title), data, focused=focused)
    yield from _tradeoffs(first, second, data)
    yield from _tradeoffs(second, first, data)


def _budget_against_fears(
    buyer: Member, reviewer: Member, data: Mapping[str, Mapping[str, Any]]
) -> bool:
    """The economic buyer decides on cost while the legal and security member is afraid:
    a tension even when the reviewer's criteria do not read as a clear risk focus."""
    if not (buyer.decides and reviewer.role == CommitteeRole.legal_security and reviewer.top_fear):
        return False
    criteria = texts_of(part_of(data[buyer.persona], "decision").get("decision_criteria"))
    return any("cost" in themes(item) for item in criteria)


def _quotes(
    data: Mapping[str, Any], fields: Sequence[str], theme: str | None, limit: int = 2
) -> tuple[Said, ...]:
    """Up to `limit` items from `fields` (dotted paths), those about `theme` first."""
    pool: list[Said] = []
    for path in fields:
        value: Any = data
        for name in path.split("."):
            value = value.get(name) if isinstance(value, Mapping) else None
        pool.extend(Said(path, text) for text in texts_of(value))
    if theme is not None:
        pool.sort(key=lambda said: theme not in themes(said.text))  # stable: order kept
    return tuple(pool[:limit])


def _risk_appetite(low: Member, high: Member, data: Mapping[str, Mapping[str, Any]]) -> Conflict:
    careful = data[low.persona]
    bold = data[high.persona]
    careful_fields = ("decision.decision_criteria", "decision.proof_required")
    bold_fields = (
        "decision.proof_required",
        "decision.decision_criteria",
        "lenses.product.tradeoffs_accepted",
    )
    low_said = (
        Said("decision.risk_tolerance", low.risk_tolerance),
        *_quotes(careful, careful_fields, "risk", 1),
    )
    high_said = (
        Said("decision.risk_tolerance", high.risk_tolerance),
        *_quotes(bold, bold_fields, "speed", 1),
    )
    return Conflict(
        kind="risk-appetite",
        title="Appetite for risk",
        a=low.persona,
        a_name=low.name,
        a_said=low_said,
        b=high.persona,
        b_name=high.name,
        b_said=high_said,
        why=(
            f"{low.name} has a low appetite for risk and {high.name} a high one: what reads as "
            f"momentum to one reads as exposure to the other."
        ),
        suggestion=(
            f"Do not ask {low.name} to match {high.name}'s pace. Offer a staged plan: a small, "
            "reversible first step that brings the proof the careful side asks for, and the "
            f"wider rollout {high.name} wants, agreed in advance as the next step once that "
            "proof is in. Settle together what 'safe enough to expand' means."
        ),
    )


_SIDES = {
    "cost": ("decision.decision_criteria", "decision.proof_required"),
    "speed": ("decision.proof_required", "decision.decision_criteria"),
    "risk": ("decision.decision_criteria", "decision.proof_required"),
}
_SUGGESTIONS = {
    ("cost", "risk"): (
        "Build one business case for both: price what {b} fears (a failed audit, an "
        "incident, the rework) next to the savings {a} needs, and show the safeguards {b} "
        "asks for as lines in the cost model, not as extras. Bring {b}'s sign-off to {a} "
        "before the final price."
    ),
    ("speed", "risk"): (
        "Agree a time-boxed pilot: {b} sets the exit criteria and the proof it must produce, "
        "{a} gets a fixed date to plan around. Speed then comes from a short path to proof, "
        "not from skipping it."
    ),
}


def _opposed(
    one: Member,
    other: Member,
    tension: tuple[str, str, str],
    data: Mapping[str, Mapping[str, Any]],
    *,
    focused: bool,
) -> Conflict:
    side, against, title = tension
    if focused:
        why = f"{one.name} decides on {side}; {other.name} decides on {against}."
    else:  # the economic buyer's cost criteria against the legal and security member's fears
        why = (
            f"{one.name} signs the budget and decides on {side}; {other.name} holds the legal "
            "and security review and fears what a cheaper choice could expose."
        )
    a_said = _quotes(data[one.persona], _SIDES[side], side)
    if against == "risk" and other.role == CommitteeRole.legal_security and other.top_fear:
        b_said = (other.top_fear, *_quotes(data[other.persona], _SIDES[against], against, 1))
    else:
        b_said = _quotes(data[other.persona], _SIDES[against], against)
    return Conflict(
        kind=f"{side}-vs-{against}",
        title=title,
        a=one.persona,
        a_name=one.name,
        a_said=a_said,
        b=other.persona,
        b_name=other.name,
        b_said=b_said,
        why=why,
        suggestion=_SUGGESTIONS[(side, against)].format(a=one.name, b=other.name),
    )


_STOP = frozenset(
    {
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "every",
        "for",
        "from",
        "has",
        "have",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "more",
        "less",
        "no",
        "not",
        "of",
        "on",
        "one",
        "only",
        "or",
        "our",
        "so",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "up",
        "we",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "without",
    }
)
_WORD = re.compile(r"[a-z0-9$]+(?:[-'][a-z0-9]+)*")
#: A trade-off one member accepts matches one another rejects when they share at least this
#: many content words and this share of all their content words (Jaccard).
TRADEOFF_MIN_SHARED = 2
TRADEOFF_MIN_JACCARD = 0.25


def _content(text: str) -> frozenset[str]:
    words = (w.removesuffix("s") if len(w) > 4 else w for w in _WORD.findall(text.lower()))
    return frozenset(w for w in words if w not in _STOP and len(w) > 2)


def same_tradeoff(first: str, second: str) -> bool:
    """Whether two trade-off texts are about the same thing (shared content words)."""
    one, two = _content(first), _content(second)
    shared = one & two
    union = one | two
    return (
        len(shared) >= TRADEOFF_MIN_SHARED
        and bool(union)
        and len(shared) / len(union) >= TRADEOFF_MIN_JACCARD
    )


def _tradeoffs(
    accepts: Member, rejects: Member, data: Mapping[str, Mapping[str, Any]]
) -> Iterable[Conflict]:
    product_a = part_of(part_of(data[accepts.persona], "lenses"), "product")
    product_b = part_of(part_of(data[rejects.persona], "lenses"), "product")
    for taken in texts_of(product_a.get("tradeoffs_accepted")):
        for refused in texts_of(product_b.get("tradeoffs_rejected")):
            if same_tradeoff(taken, refused):
                yield Conflict(
                    kind="tradeoff",
                    title="A trade-off one accepts and the other rejects",
                    a=accepts.persona,
                    a_name=accepts.name,
                    a_said=(Said("lenses.product.tradeoffs_accepted", taken),),
                    b=rejects.persona,
                    b_name=rejects.name,
                    b_said=(Said("lenses.product.tradeoffs_rejected", refused),),
                    why=f"{accepts.name} will accept what {rejects.name} will not.",
                    suggestion=(
                        f"Do not sell this trade-off to the room as part of the package. Ask "
                        f"{rejects.name} which version they could live with, and offer it to "
                        f"{accepts.name} only as an option."
                    ),
                )
                return  # one per pair and direction is enough to start the conversation
