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


def _who(member: Member) -> str:
    """The member as a sentence names them after the introduction (first name)."""
    return member.short or member.name


def _q(text: str) -> str:
    """A member's own words, quoted, without the closing period of a sentence."""
    return f"“{text.rstrip('.')}”"


def _texts(data: Mapping[str, Any], paths: Sequence[str]) -> list[str]:
    out: list[str] = []
    for path in paths:
        value: Any = data
        for name in path.split("."):
            value = value.get(name) if isinstance(value, Mapping) else None
        out.extend(texts_of(value))
    return out


def common_ground(
    asks: Sequence[str],
    concerns: Sequence[str],
    theme: str,
    skip: Sequence[str] = (),
    other_title: str = "",
) -> str:
    """What one side already asks for that speaks to the other's concerns, '' when nothing
    does: the item of `asks` (not in `skip`, already quoted) scoring highest, at least
    TRADEOFF_MIN_SHARED: one point per content word shared with one of `concerns`, one for
    being about `theme`, two for naming the other member's title (`other_title`, "CISO")."""
    best, best_score = "", TRADEOFF_MIN_SHARED - 1
    title = re.compile(rf"\b{re.escape(other_title)}\b") if other_title else None
    for ask in asks:
        if ask in skip:
            continue
        shared = max((len(_content(ask) & _content(c)) for c in concerns), default=0)
        score = shared + (theme in themes(ask)) + 2 * bool(title and title.search(ask))
        if score > best_score:
            best, best_score = ask, score
    return best


def _title(member: Member) -> str:
    """The title in a persona name written "Name, Title" ('CISO'), else ''."""
    return member.name.split(",", 1)[1].strip() if "," in member.name else ""


_QUESTION = re.compile(
    r"^(?:will|would|can|could|does|do|did|is|are|should)\b",
    re.IGNORECASE,
)


def _what(said: Said, who: str) -> str:
    """A member's words introduced by what they are: "Carla's question (“Will my ...”)",
    "what Carla needs to see (“A 30-day ...”)", "what Carla decides on (“...”)"."""
    words = _q(said.text)
    if said.text.rstrip().endswith("?") or _QUESTION.match(said.text):
        return f"{who}'s own question ({words})"
    if said.field == "decision.proof_required":
        return f"what {who} needs to see ({words})"
    if said.field == "whole_person.fears":
        return f"what {who} fears ({words})"
    return f"what {who} decides on ({words})"


#: By the careful member's committee role: the first step they can agree to without giving
#: up what makes them careful, what that step is called after, and what to settle with both
#: before going further. `{low}`/`{high}`: the careful and the bold member.
_CAREFUL_STEPS: dict[str, tuple[str, str, str]] = {
    CommitteeRole.legal_security: (
        "Scope the first step so that {low} can approve it as it stands: read-only, one "
        "account or team, with exit criteria {low} sets.",
        "That step",
        "Agree with both, in advance, what {low} must see before the wider rollout.",
    ),
    CommitteeRole.procurement: (
        "Start {low}'s paperwork now, in parallel with the trial, so that the contract is not "
        "what holds {high} up at the end.",
        "The paperwork",
        "Settle the contract terms while the trial runs, so that signing waits on the trial's "
        "result and not on {low}'s file.",
    ),
    CommitteeRole.economic_buyer: (
        "Cap the first step's cost so that {low} signs a small, reversible commitment, not the "
        "full rollout.",
        "That commitment",
        "Tie the next tranche of spend to a result {low} names in advance.",
    ),
    CommitteeRole.technical_evaluator: (
        "Put {low}'s architecture review before the trial, not after it, so that what {high} "
        "builds in the trial survives the review.",
        "The review",
        "Agree with both which findings of the review would stop the rollout.",
    ),
}
_CAREFUL_DEFAULT = (
    "Offer a small, reversible first step {low} can agree to without a leap.",
    "That step",
    "Agree with both, in advance, what {low} must see before going further.",
)


def _risk_appetite(low: Member, high: Member, data: Mapping[str, Mapping[str, Any]]) -> Conflict:
    careful = data[low.persona]
    bold = data[high.persona]
    careful_fields = ("decision.decision_criteria", "decision.proof_required")
    bold_fields = (
        "decision.proof_required",
        "decision.decision_criteria",
        "lenses.product.tradeoffs_accepted",
    )
    careful_words = _quotes(careful, careful_fields, "risk", 1)
    bold_words = _quotes(bold, bold_fields, "speed", 1)
    low_said = (Said("decision.risk_tolerance", low.risk_tolerance), *careful_words)
    high_said = (Said("decision.risk_tolerance", high.risk_tolerance), *bold_words)
    lo, hi = _who(low), _who(high)
    step, subject, close = _CAREFUL_STEPS.get(low.role, _CAREFUL_DEFAULT)
    advice = [step.format(low=lo, high=hi)]
    if careful_words:
        advice.append(
            f"{subject} has to answer {_what(careful_words[0], lo)}"
            + (f" and still fit {_what(bold_words[0], hi)}." if bold_words else ".")
        )
    bridge = common_ground(
        _texts(bold, ("decision.proof_required", "decision.decision_criteria", "goals")),
        _texts(careful, (*careful_fields, "whole_person.fears")),
        "risk",
        skip=[said.text for said in bold_words],
        other_title=_title(low),
    )
    if bridge:
        advice.append(
            f"{hi} already asks for {_q(bridge)}: make that the shared deliverable, so "
            f"that {hi} carries {lo}'s case instead of arguing against it."
        )
    advice.append(close.format(low=lo, high=hi))
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
            f"{lo} has a low appetite for risk and {hi} a high one: what reads as momentum "
            f"to {hi} reads as exposure to {lo}."
        ),
        suggestion=" ".join(advice),
        a_short=lo,
        b_short=hi,
    )


_SIDES = {
    "cost": ("decision.decision_criteria", "decision.proof_required"),
    "speed": ("decision.proof_required", "decision.decision_criteria"),
    "risk": ("decision.decision_criteria", "decision.proof_required"),
}


def _cost_vs_risk(
    one: Member, other: Member, a_said: Sequence[Said], b_said: Sequence[Said], bridge: str
) -> str:
    """Advice for a cost-minded member against a risk-minded one, from their own words."""
    a, b = _who(one), _who(other)
    fear = next((s for s in b_said if s.field == "whole_person.fears"), None)
    need = next((s for s in b_said if s is not fear), None)
    advice = [
        "Build one business case for both: price "
        + (_what(fear, b) if fear else f"what {b} is afraid of")
        + " next to "
        + (_what(a_said[0], a) if a_said else f"the savings {a} needs")
        + "."
    ]
    if need:
        advice.append(f"Answer {_what(need, b)} as a line in the cost model, not as an extra.")
    if bridge:
        advice.append(
            f"{a} already asks for {_q(bridge)}: deliver it before the final price, as it "
            f"answers {b} too."
        )
    elif other.role == CommitteeRole.legal_security and one.decides:
        advice.append(f"Bring {b}'s written sign-off to {a} before the final price.")
    return " ".join(advice)


def _speed_vs_risk(
    one: Member, other: Member, a_said: Sequence[Said], b_said: Sequence[Said], bridge: str
) -> str:
    """Advice for a member in a hurry against one who needs proof, from their own words."""
    a, b = _who(one), _who(other)
    advice = [
        f"Agree a time-boxed pilot: {b} sets the exit criteria"
        + (f", starting from {_what(b_said[0], b)}" if b_said else "")
        + f", and {a} gets a fixed date to plan around"
        + (f", as {_what(a_said[0], a)} demands" if a_said else "")
        + "."
    ]
    if bridge:
        advice.append(f"{a} already asks for {_q(bridge)}: make it part of the pilot.")
    advice.append("Speed then comes from a short path to proof, not from skipping it.")
    return " ".join(advice)


def _opposed(
    one: Member,
    other: Member,
    tension: tuple[str, str, str],
    data: Mapping[str, Mapping[str, Any]],
    *,
    focused: bool,
) -> Conflict:
    side, against, title = tension
    a, b = _who(one), _who(other)
    if focused:
        why = f"{a} decides mostly on {side}; {b} decides mostly on {against}."
    else:  # the economic buyer's cost criteria against the legal and security member's fears
        why = (
            f"{a} signs the budget and decides on {side}; {b} holds the legal and security "
            "review and fears what a cheaper choice could expose."
        )
    a_said = _quotes(data[one.persona], _SIDES[side], side)
    if against == "risk" and other.role == CommitteeRole.legal_security and other.top_fear:
        b_said = (other.top_fear, *_quotes(data[other.persona], _SIDES[against], against, 1))
    else:
        b_said = _quotes(data[other.persona], _SIDES[against], against)
    bridge = common_ground(
        _texts(data[one.persona], ("decision.proof_required", "decision.decision_criteria")),
        [said.text for said in b_said]
        + _texts(data[other.persona], ("decision.proof_required", "whole_person.fears")),
        against,
        skip=[said.text for said in a_said],
        other_title=_title(other),
    )
    advise = _cost_vs_risk if side == "cost" else _speed_vs_risk
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
        suggestion=advise(one, other, a_said, b_said, bridge),
        a_short=a,
        b_short=b,
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
                    why=f"{_who(accepts)} will accept what {_who(rejects)} will not.",
                    suggestion=(
                        f"Do not sell {_q(taken)} to the room as part of the package: "
                        f"{_who(rejects)} has ruled out {_q(refused)}. Ask {_who(rejects)} "
                        f"which version they could live with, and offer it to "
                        f"{_who(accepts)} only as an option."
                    ),
                    a_short=_who(accepts),
                    b_short=_who(rejects),
                )
                return  # one per pair and direction is enough to start the conversation
