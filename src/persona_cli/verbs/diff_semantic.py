"""The semantic diff of personas: what changed in what a persona says, and what it means.

Pure core: no git, no files, no printing: parsed data in, `Change` records out
(`diff_changes` says what each one means; `diff` runs this over file versions).

What counts as a change rests on `canonical` (one definition for diff, textconv and age):
key order, quoting, comments, flow or block style and empty values are no change; lists of
strings are multisets (each added or removed item is its own change; a reorder is reported
only when asked); lists of objects are matched by their key (`canonical.LIST_KEYS`), falling
back to position when an item has no key; a ranked list (`role.buying_roles`) reports a
reorder always. Extension keys (`x-...`) are walked like any other key, at any depth, and
classed `extension`. So `diff_personas(a, b)` is empty exactly when
`canonical.digest(a) == canonical.digest(b)` (ignoring `order`), which `persona log` and
`persona age` rely on.

Segment files (`kind: segment`) go through the same walk: committee seats are keyed by
`persona`; a seat removed is `removed-insight`, a seat added `new-insight`, a seat whose
`role` or `influence` changes `behaviour-change`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath
from typing import Any, Final

from persona_cli.domain.canonical import LIST_KEYS, RANKED, item_key, normalise
from persona_cli.domain.completeness import DECISION, EMOTIONAL, INTERNAL, LENSES
from persona_cli.verbs.diff_changes import Change, classify

#: Key order of each mapping, by the field that holds it ("" is the file): the model's order,
#: so reports read top to bottom like the file. Unknown keys follow, alphabetically.
_ORDER: Final[dict[str, tuple[str, ...]]] = {
    "": (
        "schema_version",
        "id",
        "name",
        "kind",
        "status",
        "summary",
        "description",
        "firmographics",
        "committee",
        "extends",
        "role",
        "segment",
        "company",
        "background",
        "tools",
        "goals",
        "pains",
        "jobs_to_be_done",
        "whole_person",
        "decision",
        "lenses",
        "internal",
        "influences",
        "messaging",
        "notes",
        "evidence",
        "review",
        "provenance",
    ),
    "role": (
        "titles",
        "seniority",
        "department",
        "reports_to",
        "responsibilities",
        "decisions_owned",
        "measured_by",
        "buying_roles",
    ),
    "company": ("type", "size", "industry"),
    "background": ("education", "career"),
    "jobs_to_be_done": ("when", "want", "so_that"),
    "whole_person": (*(name for _, name in EMOTIONAL), "quotes", "traits", "behaviours"),
    "quotes": ("text", "evidence"),
    "decision": (*(name for _, name in DECISION), "decision_criteria"),
    "lenses": tuple(LENSES),
    **LENSES,
    "objections": ("objection", "response"),
    "internal": tuple(name for _, name in INTERNAL),
    "evidence": ("id", "type", "date", "summary", "sample_size", "url"),
    "review": ("owners", "last_reviewed", "interval_days"),
    "influences": ("channels", "trusted_sources"),
    "channels": ("channel", "stage"),
    "messaging": ("general", "marketing", "sales", "product", "support"),
    "notes": ("heading", "text"),
    "provenance": ("source", "format", "location", "imported"),
    "firmographics": ("revenue_range", "employee_range", "verticals", "regions"),
    "revenue_range": ("min", "max"),
    "employee_range": ("min", "max"),
    "committee": ("persona", "role", "influence", "notes"),
}

_MISSING: Final = object()

# --- the walk --------------------------------------------------------------------------------


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def _clean(value: Any, name: str = "") -> Any:
    """`canonical.normalise` without the sorting: empty values dropped at every level, list
    order kept (so `--order` can see reorders). Must drop exactly what `normalise` drops."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            cleaned = _clean(item, key)
            if not _empty(cleaned):
                out[key] = cleaned
        return out
    if isinstance(value, list):
        items = (_clean(item, name) for item in value)
        return [item for item in items if not _empty(item)]
    return value


def _ordered(keys: Iterable[str], parent: str) -> list[str]:
    known = _ORDER.get(parent, ())
    rank = {key: index for index, key in enumerate(known)}
    return sorted(keys, key=lambda key: (rank.get(key, len(known)), key))


def _label(key: str | None) -> str:
    """How a list item's key appears in a field path: as is, unless it would be ambiguous."""
    if key is None:
        return ""
    if any(char in key for char in "[]\n") or key != key.strip():
        return json.dumps(key, ensure_ascii=False)
    return key


class _Walker:
    """Collects the changes of one persona; `keys` (mapping keys only) drive classification,
    `label` (with list items) is what the user reads."""

    def __init__(self, *, path: str, persona: str, order: bool, document: str) -> None:
        self.path = path
        self.persona = persona
        self.order = order
        self.document = document
        self.changes: list[Change] = []

    def emit(self, label: str, keys: tuple[str, ...], kind: str, old: Any, new: Any) -> None:
        self.changes.append(
            Change(
                path=self.path,
                persona=self.persona,
                field=label,
                kind=kind,
                old=old,
                new=new,
                class_=classify(keys, kind),
                document=self.document,
            )
        )

    def walk(self, old: Any, new: Any, label: str, keys: tuple[str, ...], name: str) -> None:
        """Compare two cleaned values; `_MISSING` on one side means added or removed."""
        if old == new:
            return  # most of a changed persona is unchanged: one C-level comparison skips it
        old_dict = old is _MISSING or isinstance(old, dict)
        new_dict = new is _MISSING or isinstance(new, dict)
        if old_dict and new_dict and (isinstance(old, dict) or isinstance(new, dict)):
            # An added or removed mapping is spelled out leaf by leaf: "lenses.sales added"
            # says less to a reviewer than the fears and objections it brought.
            olds: dict[str, Any] = old if isinstance(old, dict) else {}
            news: dict[str, Any] = new if isinstance(new, dict) else {}
            for key in _ordered(olds.keys() | news.keys(), name):
                self.walk(
                    olds.get(key, _MISSING),
                    news.get(key, _MISSING),
                    f"{label}.{key}" if label else key,
                    (*keys, key),
                    key,
                )
            return
        old_list = old is _MISSING or isinstance(old, list)
        new_list = new is _MISSING or isinstance(new, list)
        if old_list and new_list and (isinstance(old, list) or isinstance(new, list)):
            self.walk_list(
                old if isinstance(old, list) else [],
                new if isinstance(new, list) else [],
                label,
                keys,
                name,
            )
            return
        if old is _MISSING:
            self.emit(label, keys, "added", None, normalise(new, name))
        elif new is _MISSING:
            self.emit(label, keys, "removed", normalise(old, name), None)
        else:
            before, after = normalise(old, name), normalise(new, name)
            if before != after:
                self.emit(label, keys, "changed", before, after)

    def walk_list(
        self, old: list[Any], new: list[Any], label: str, keys: tuple[str, ...], name: str
    ) -> None:
        if all(isinstance(item, str) for item in (*old, *new)):
            self.walk_strings(old, new, label, keys, ranked=name in RANKED)
        elif all(item_key(name, item) is not None for item in (*old, *new)):
            self.walk_keyed(old, new, label, keys, name)
        else:
            # No key to match by (a malformed item, or a list the format does not key):
            # position is the only identity left, as in `canonical.normalise`.
            for index in range(max(len(old), len(new))):
                self.walk(
                    old[index] if index < len(old) else _MISSING,
                    new[index] if index < len(new) else _MISSING,
                    f"{label}[{index}]",
                    keys,
                    name,
                )

    def walk_strings(
        self, old: list[str], new: list[str], label: str, keys: tuple[str, ...], *, ranked: bool
    ) -> None:
        before, after = Counter(old), Counter(new)
        removed, added = before - after, after - before
        for item in sorted(removed.elements()):
            self.emit(label, keys, "removed", item, None)
        for item in sorted(added.elements()):
            self.emit(label, keys, "added", None, item)
        if self.order or ranked:  # a ranking's order is what it says: always reported
            common = before & after
            if _kept(old, common) != _kept(new, common):
                self.emit(label, keys, "reordered", old, new)

    def walk_keyed(
        self, old: list[Any], new: list[Any], label: str, keys: tuple[str, ...], name: str
    ) -> None:
        key_field = LIST_KEYS.get(name)
        old_keys, new_keys = _item_keys(old, new, name)
        olds, news = _group(old, old_keys), _group(new, new_keys)
        for key in sorted(olds.keys() | news.keys()):
            before, after = olds.get(key, []), news.get(key, [])
            item_label = f"{label}[{_label(key)}]"
            for index in range(max(len(before), len(after))):
                old_item = before[index] if index < len(before) else _MISSING
                new_item = after[index] if index < len(after) else _MISSING
                if old_item is _MISSING:
                    self.emit(item_label, keys, "added", None, normalise(new_item, name))
                elif new_item is _MISSING:
                    self.emit(item_label, keys, "removed", normalise(old_item, name), None)
                elif isinstance(old_item, dict) and isinstance(new_item, dict):
                    self.walk(old_item, new_item, item_label, keys, name)
                elif key_field and (isinstance(old_item, str) or isinstance(new_item, str)):
                    # A quote written as a string and the same quote as {text, evidence}:
                    # compare the fields, so attaching evidence reads as `evidence added`.
                    count = len(self.changes)
                    self.walk(
                        _promote(old_item, key_field),
                        _promote(new_item, key_field),
                        item_label,
                        keys,
                        name,
                    )
                    if len(self.changes) == count and type(old_item) is not type(new_item):
                        # Same content, other spelling: still a different canonical form.
                        self.emit(
                            item_label,
                            keys,
                            "changed",
                            normalise(old_item, name),
                            normalise(new_item, name),
                        )
                else:
                    self.walk(old_item, new_item, item_label, keys, name)
        if self.order:
            common = [key for key in dict.fromkeys(old_keys) if key in news]
            now = [key for key in dict.fromkeys(new_keys) if key in olds]
            if common != now:
                self.emit(label, keys, "reordered", common, now)


def _kept(items: list[str], common: Counter[str]) -> list[str]:
    """The items of `items` that both sides share, in order (multiset-aware)."""
    budget = Counter(common)
    kept = []
    for item in items:
        if budget[item] > 0:
            budget[item] -= 1
            kept.append(item)
    return kept


def _keys(items: list[Any], name: str) -> Iterator[str]:
    for item in items:
        key = item_key(name, item)
        assert key is not None
        yield key


def _item_keys(old: list[Any], new: list[Any], name: str) -> tuple[list[str], list[str]]:
    """The key each item is matched and labelled by, on each side. A channel listed at
    several stages (on either side) is told apart by its stage on both sides:
    `channels[Podcasts (decision)]`, so a path names one entry."""
    olds, news = list(_keys(old, name)), list(_keys(new, name))
    if name != "channels":
        return olds, news
    repeated = {key for keys in (olds, news) for key, n in Counter(keys).items() if n > 1}
    if not repeated:
        return olds, news

    def staged(keys: list[str], items: list[Any]) -> list[str]:
        return [
            f"{key} ({_stage(item)})" if key in repeated else key
            for key, item in zip(keys, items, strict=True)
        ]

    return staged(olds, old), staged(news, new)


def _stage(item: Any) -> str:
    stage = item.get("stage") if isinstance(item, dict) else None
    return stage.strip() if isinstance(stage, str) and stage.strip() else "no stage"


def _group(items: list[Any], keys: list[str]) -> dict[str, list[Any]]:
    """Items by key; duplicates (a lint error, E005) are paired in order."""
    groups: dict[str, list[Any]] = {}
    for key, item in zip(keys, items, strict=True):
        groups.setdefault(key, []).append(item)
    return groups


def _promote(item: Any, key_field: str) -> Any:
    return {key_field: item} if isinstance(item, str) else item


def persona_id(data: dict[str, Any] | None, path: str) -> str:
    """The persona's `id`, or the file name's stem when the file has none (or is unreadable)."""
    if data is not None and isinstance(data.get("id"), str) and data["id"]:
        return str(data["id"])
    return PurePosixPath(path).stem


def diff_personas(
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    *,
    path: str,
    old_path: str | None = None,
    order: bool = False,
) -> list[Change]:
    """The changes from `old` to `new` (parsed persona data; None where the file does not
    exist). `path` is where the persona is now (where it was, if deleted); `old_path` where
    it was before a rename. A pure rename yields one `renamed` change and nothing else."""
    persona = persona_id(new if new is not None else old, path)
    # The summary counts segment files apart, so every change says what the file holds.
    document = (
        "segment" if (new if new is not None else old or {}).get("kind") == "segment" else "persona"
    )
    walker = _Walker(path=path, persona=persona, order=order, document=document)
    if old_path is not None and old_path != path and old is not None and new is not None:
        walker.emit("", (), "renamed", old_path, path)
    if old is None and new is None:
        return walker.changes
    if old is None or new is None:
        # One change for the whole persona, named so a reviewer knows who came or went.
        data = new if new is not None else old
        assert data is not None
        name = data.get("name") if isinstance(data.get("name"), str) else persona
        if old is None:
            walker.emit("", (), "added", None, name)
        else:
            walker.emit("", (), "removed", name, None)
    elif old != new:  # equal data (a reformat) needs no cleaning to tell
        walker.walk(_clean(old), _clean(new), "", (), "")
    return walker.changes
