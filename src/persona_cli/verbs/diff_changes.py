"""What a change to a persona is, and what it means for the teams that read it.

`Change` is the record the semantic diff (`diff_semantic`) returns and reporters render.
Each change is classified by what it means for the teams that read the persona: losing a
fear or a risk field is a different review conversation than bumping a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from persona_cli.domain.completeness import DECISION, EMOTIONAL, INTERNAL, LENSES

#: The kinds of change. `reordered` appears only with `order=True`; `unreadable` when one
#: version of a file is not a readable persona (the rest of the diff still runs).
KINDS: Final = ("added", "removed", "changed", "renamed", "reordered", "unreadable")

#: The classes, in the order reports list them: what a reviewer should look at first.
CLASSES: Final = (
    "problem",
    "removed-insight",
    "behaviour-change",
    "lifecycle",
    "identity",
    "new-insight",
    "refresh",
    "edit",
    "extension",
)

#: The prefix of extension keys (`model.EXTENSION_PREFIX`; not imported, as the model brings
#: pydantic into every diff): a team's own data, classed apart from what the persona says.
EXTENSION_PREFIX: Final = "x-"

#: Fields whose change means the persona buys, trusts or behaves differently (same title,
#: different mindset: behaviour, not the job title, sets personas apart). Adding one is new
#: insight, removing one is lost insight; only a changed value is a behaviour change.
BEHAVIOUR_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset(
    {
        ("kind",),
        ("whole_person", "trust"),
        ("decision", "risk_tolerance"),
        ("decision", "committee_role"),
        ("decision", "adoption_stage"),
        ("decision", "awareness"),
        # A segment's committee: a seat that changes role or weight changes who decides.
        ("committee", "role"),
        ("committee", "influence"),
    }
)

#: Fields that carry research insight: the whole-person and risk fields the linter asks for
#: (completeness.py), every team lens, internal personas' fields, quotes and the evidence
#: itself. Removing any of them is `removed-insight`; adding is `new-insight`.
INSIGHT_FIELDS: Final[frozenset[tuple[str, ...]]] = frozenset(
    {
        *EMOTIONAL,
        *DECISION,
        *INTERNAL,
        ("whole_person", "quotes"),
        ("decision", "decision_criteria"),
        *(("lenses", team, name) for team, names in LENSES.items() for name in names),
        ("evidence",),
        # What research saw of the person, and where they learn and whom they trust.
        ("whole_person", "traits"),
        ("whole_person", "behaviours"),
        ("role", "buying_roles"),
        ("influences",),
        # A segment's committee seats: a seat removed is someone who can decide or block the
        # deal no longer mapped (removed-insight); a seat added is new-insight.
        ("committee",),
    }
)

#: Ranked lists whose new order changes how the persona buys.
RANKED_BEHAVIOUR: Final[frozenset[tuple[str, ...]]] = frozenset({("role", "buying_roles")})

#: Fields whose addition or removal is new or lost insight (`kind` alone is identity).
_INSIGHT_OR_BEHAVIOUR: Final = INSIGHT_FIELDS | (BEHAVIOUR_FIELDS - {("kind",)})


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic change to one persona.

    `field` is a dotted path (`whole_person.fears`, `evidence[interviews-2026].summary`);
    it is "" for a change to the whole persona (added, removed, renamed, unreadable). For an
    item of a list of strings, `field` names the list and `old`/`new` hold the item. Values
    are the canonical (normalised) data, so they serialise to JSON as they are.
    """

    path: str
    persona: str
    field: str
    kind: str
    old: Any
    new: Any
    class_: str
    #: What the file holds, for wording ("new segment"); not part of the JSON shape.
    document: str = "persona"

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape: `class` is a keyword in Python, hence `class_` on the record."""
        return {
            "path": self.path,
            "persona": self.persona,
            "field": self.field,
            "kind": self.kind,
            "old": self.old,
            "new": self.new,
            "class": self.class_,
        }

    @property
    def section(self) -> str:
        """The part of the persona this change is in: a top-level field, or `lenses.TEAM`
        (each lens belongs to a different team, so they are summarised apart)."""
        return section_of(self.field)


# --- classification --------------------------------------------------------------------------


def _is_under(keys: tuple[str, ...], fields: frozenset[tuple[str, ...]]) -> bool:
    """True when `keys` is one of `fields`, inside one, or a parent holding one."""
    return any(
        keys[: len(known)] == known or known[: len(keys)] == keys for known in fields if keys
    )


def classify(keys: tuple[str, ...], kind: str) -> str:
    """The class of a change to the field at `keys` (mapping keys only, no list items).

    Each change is classified on its own: a commit that bumps `last_reviewed` and adds a
    fear yields one `refresh` and one `new-insight`, and the summary shows both.
    """
    if kind == "unreadable":
        return "problem"
    if any(key.startswith(EXTENSION_PREFIX) for key in keys):
        return "extension"
    if kind == "renamed" or keys in {("id",), ("name",)}:
        return "identity"
    if not keys or keys == ("status",):
        return "lifecycle"
    if keys == ("review", "last_reviewed"):
        return "refresh"
    if kind == "reordered":
        # Buying roles are ranked: a new order is a new main part in the purchase.
        return "behaviour-change" if keys in RANKED_BEHAVIOUR else "edit"
    if keys in BEHAVIOUR_FIELDS and kind == "changed":
        return "behaviour-change"
    if _is_under(keys, _INSIGHT_OR_BEHAVIOUR):
        if kind == "removed":
            return "removed-insight"
        if kind == "added":
            return "new-insight"
    return "edit"


def unreadable(*, path: str, persona: str, old: str | None, new: str | None) -> Change:
    """A change saying one version of a file could not be read: `old`/`new` hold the problem
    (`LINE:COL message`) of the side that failed, the other side's is None."""
    return Change(
        path=path,
        persona=persona,
        field="",
        kind="unreadable",
        old=old,
        new=new,
        class_=classify((), "unreadable"),
    )


def section_of(field_path: str) -> str:
    """`whole_person.fears` -> `whole_person`; `lenses.sales.objections[x]` -> `lenses.sales`;
    `evidence[x].date` -> `evidence`; "" (the whole persona) -> ""."""
    head = field_path.split("[", 1)[0]
    parts = head.split(".")
    if parts[0] == "lenses" and len(parts) > 1:
        return f"lenses.{parts[1]}"
    return parts[0]
