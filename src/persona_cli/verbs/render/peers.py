"""The rest of a persona's buying committee, for its own briefing (`committee` in the
template context): the others in its segment, grouped by committee role. A segment file's
full committee view is `committee.py`'s; this is the short list a persona briefing shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from persona_cli.verbs.render.committee_model import ROLE_ORDER

#: Committee members shown per role before "and N more", so a big set stays readable.
COMMITTEE_LIMIT = 6


def committees(
    everyone: list[dict[str, Any]],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """segment -> committee role -> members (by id), computed once per run."""
    by_segment: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for data in everyone:
        if data["segment"]:
            role = data["decision"]["committee_role"] or ""
            by_segment.setdefault(data["segment"], {}).setdefault(role, []).append(data)
    return by_segment


def families(everyone: list[dict[str, Any]]) -> dict[str, tuple[dict[str, Any], ...]]:
    """For each persona with individual profiles, the others of its family (the persona and
    the profiles that extend it, or a profile's persona and its other profiles): one person
    seen at two levels of detail, not two seats of a committee. Only `individual` profiles
    make a family: a buyer or a user built on another persona is a seat of its own. Personas
    without profiles are absent."""
    by_id = {data["id"]: data for data in everyone}
    roots: dict[str, list[dict[str, Any]]] = {}
    for data in everyone:
        if not data["extends"] or data["kind"] != "individual":
            continue
        root, seen = data, {data["id"]}
        while (
            root["kind"] == "individual"
            and root["extends"] in by_id
            and root["extends"] not in seen
        ):
            root = by_id[root["extends"]]
            seen.add(root["id"])
        family = roots.setdefault(root["id"], [root])
        family.append(data)
    return {
        data["id"]: tuple(other for other in family if other["id"] != data["id"])
        for family in roots.values()
        for data in family
    }


def committee(
    data: dict[str, Any],
    committees: dict[str, dict[str, list[dict[str, Any]]]],
    kin: Sequence[dict[str, Any]] = (),
) -> list[Any]:
    """The others in this persona's segment, by committee role: a list of
    {role, members (at most COMMITTEE_LIMIT), more (how many were left out)}. The persona's
    own `extends` family (`kin`) is not the rest of its committee."""
    roles = committees.get(data["segment"]) if data["segment"] else None
    if not roles:
        return []
    skip = {data["id"], *(other["id"] for other in kin)}
    groups = []
    for role in ROLE_ORDER:
        members = roles.get(role)
        if not members:
            continue
        others = [m for m in members[: COMMITTEE_LIMIT + len(skip)] if m["id"] not in skip]
        seated = [
            other
            for other in (data, *kin)
            if other["status"] != "retired"
            and other["segment"] == data["segment"]
            and (other["decision"]["committee_role"] or "") == role
        ]
        total = len(members) - len(seated)
        shown = others[:COMMITTEE_LIMIT]
        if shown:
            groups.append({"role": role, "members": shown, "more": max(0, total - len(shown))})
    return groups
