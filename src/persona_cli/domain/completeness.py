"""Which fields a persona of each kind needs, and how complete it is.

One table drives both the completeness score and the "missing field" rules, so they cannot
disagree: a persona at 100% has no missing-field findings, and vice versa.
"""

from __future__ import annotations

from typing import Any

from persona_cli.domain.result import PersonaScore

FieldPath = tuple[str, ...]

EMOTIONAL: tuple[FieldPath, ...] = tuple(
    ("whole_person", name)
    for name in ("motivations", "fears", "career_ambitions", "external_pressures", "trust")
)

DECISION: tuple[FieldPath, ...] = tuple(
    ("decision", name)
    for name in (
        "risk_tolerance",
        "adoption_stage",
        "awareness",
        "committee_role",
        "proof_required",
    )
)

LENSES: dict[str, tuple[str, ...]] = {
    "marketing": ("loss_feared", "unspoken_objection", "justification_language", "comparison_set"),
    "sales": (
        "hesitation_triggers",
        "authority_constraints",
        "political_exposure",
        "regret_scenario",
        "objections",
    ),
    "product": (
        "onboarding_risks",
        "success_signals",
        "churn_triggers",
        "tradeoffs_accepted",
        "tradeoffs_rejected",
    ),
    "support": ("expectation_gaps", "disappointment_language", "churn_signals"),
}

#: The risk fields inside the lenses, by team.
LENS_RISK: dict[str, tuple[str, ...]] = {
    "marketing": ("loss_feared", "unspoken_objection"),
    "sales": (
        "hesitation_triggers",
        "authority_constraints",
        "political_exposure",
        "regret_scenario",
    ),
    "product": ("onboarding_risks", "churn_triggers"),
    "support": ("churn_signals",),
}

INTERNAL: tuple[FieldPath, ...] = (
    ("internal", "wants_to_know"),
    ("internal", "collaboration_tips"),
)

#: Team lenses each kind must be able to fill. A colleague (internal) is not sold to; a
#: user is not the one who signs, so the sales lens is optional for users.
TEAMS_BY_KIND: dict[str, tuple[str, ...]] = {
    "buyer": ("marketing", "sales", "product", "support"),
    "individual": ("marketing", "sales", "product", "support"),
    "user": ("marketing", "product", "support"),
    "internal": (),
}

#: Decision fields each kind needs: the committee role matters only to those who buy.
DECISION_BY_KIND: dict[str, tuple[FieldPath, ...]] = {
    "buyer": DECISION,
    "individual": DECISION,
    "user": tuple(f for f in DECISION if f[1] != "committee_role"),
    "internal": (),
}


def filled(value: Any) -> bool:
    """A value counts as filled when it says something: not null, blank or an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(filled(item) for item in value)
    if isinstance(value, dict):
        return any(filled(item) for item in value.values())
    return True


def get(data: dict[str, Any], path: FieldPath) -> Any:
    current: Any = data
    for key in path:
        if not isinstance(current, dict):
            return None
        current = current.get(key)
    return current


def lens_fields(team: str) -> tuple[FieldPath, ...]:
    return tuple(("lenses", team, name) for name in LENSES[team])


def groups(kind: str) -> dict[str, tuple[FieldPath, ...]]:
    """The field groups that count towards completeness for a persona of `kind`."""
    result: dict[str, tuple[FieldPath, ...]] = {"emotional": EMOTIONAL}
    teams = TEAMS_BY_KIND.get(kind, ())
    risk = DECISION_BY_KIND.get(kind, ()) + tuple(
        ("lenses", team, name) for team in teams for name in LENS_RISK[team]
    )
    if risk:
        result["risk"] = risk
    for team in teams:
        result[team] = lens_fields(team)
    if kind == "internal":
        result["internal"] = INTERNAL
    return result


def score(data: dict[str, Any], *, path: str) -> PersonaScore:
    """Completeness of a validated persona's data (merged with its parent if it extends)."""
    kind = str(data.get("kind", ""))
    parts: dict[str, float] = {}
    every: dict[FieldPath, bool] = {}
    for name, fields in groups(kind).items():
        states = [filled(get(data, field)) for field in fields]
        parts[name] = sum(states) / len(states)
        every.update(zip(fields, states, strict=True))
    total = sum(every.values()) / len(every) if every else 1.0
    return PersonaScore(
        path=path,
        id=str(data.get("id", "")),
        name=str(data.get("name", "")),
        kind=kind,
        status=str(data.get("status") or "draft"),
        completeness=total,
        parts=parts,
        missing=tuple(".".join(field) for field, ok in every.items() if not ok),
    )
