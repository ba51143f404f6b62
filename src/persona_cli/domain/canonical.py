"""The canonical form of a persona: what it says, without how it is written.

Key order, quoting, comments, flow or block style, list order of plain strings, and empty
values (null, "", []) carry no meaning; two files with the same canonical form are the same
persona. Lists of objects are matched by their key (`evidence` by `id`, `objections` by
`objection`, `jobs_to_be_done` by `want`, object quotes by `text`, `notes` by `heading`,
`influences.channels` by `channel`, a segment's `committee` seats by `persona`; items that
share a key, such as a channel at two stages, by their content next). Extension keys
(`x-...`) are content like any other: changing one changes the persona's form. A ranked list
of strings (`role.buying_roles`, most important first) keeps its order: there a reorder is a
change. The semantic diff, the `textconv` output and the freshness of `persona age` all rest
on this one definition, and git's history walk compares versions by
its digest; pure functions of plain data, so every layer can use them.
"""

from __future__ import annotations

import json
from typing import Any

#: Lists of objects and the field that identifies an item, by the list's field name.
LIST_KEYS: dict[str, str] = {
    "evidence": "id",
    "objections": "objection",
    "jobs_to_be_done": "want",
    "quotes": "text",
    "notes": "heading",
    "channels": "channel",
    # Segment files (kind: segment): one seat per persona.
    "committee": "persona",
}

#: Lists of strings whose order is part of what they say (a ranking), by field name.
RANKED: frozenset[str] = frozenset({"buying_roles"})


def _empty(value: Any) -> bool:
    return value is None or value in ("", [], {})


def item_key(field: str, item: Any) -> str | None:
    """The identity of a list item: the key field of an object, or the text of a string."""
    if isinstance(item, str):
        return item
    key = LIST_KEYS.get(field)
    if key and isinstance(item, dict) and isinstance(item.get(key), str):
        return str(item[key])
    return None


def normalise(value: Any, field: str = "") -> Any:
    """The canonical value: mappings without empty values, string lists sorted, keyed object
    lists sorted by key (unkeyed objects keep their order)."""
    if isinstance(value, dict):
        out = {}
        for key in sorted(value):
            item = normalise(value[key], key)
            if not _empty(item):
                out[key] = item
        return out
    if isinstance(value, list):
        items = [normalise(item, field) for item in value]
        items = [item for item in items if not _empty(item)]
        keys = [item_key(field, item) for item in items]
        if field in RANKED and all(isinstance(item, str) for item in items):
            return items
        if items and all(key is not None for key in keys):
            if len(set(keys)) == len(keys):
                return [item for _, item in sorted(zip(keys, items, strict=True), key=_by_key)]
            # A key shared by items (a channel at two stages) sorts them by their content, so
            # their order in the file is not part of the form; unique keys sort as before.
            pairs = sorted(zip(keys, items, strict=True), key=_by_key_and_content)
            return [item for _, item in pairs]
        return items
    return value


def _by_key(pair: tuple[str | None, Any]) -> str:
    return pair[0] or ""


def _by_key_and_content(pair: tuple[str | None, Any]) -> tuple[str, str]:
    return pair[0] or "", json.dumps(pair[1], sort_keys=True, ensure_ascii=False, default=str)


def digest(data: dict[str, Any]) -> str:
    """A hash of the canonical form: equal for files that say the same thing."""
    import hashlib  # here: `persona textconv`, once per blob, never hashes

    text = json.dumps(normalise(data), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def lines(data: dict[str, Any]) -> list[str]:
    """One `dotted.path: value` line per value, sorted: made for line-based `git diff`.

    List items appear as `field[]` (strings) or `field[key]` (keyed objects), so adding a
    fear is one added line, and reordering a list is no change at all."""
    out: list[str] = []
    _flatten(normalise(data), "", "", out)
    return sorted(out)


def _flatten(value: Any, path: str, field: str, out: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else key, key, out)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            key = item_key(field, item)
            if isinstance(item, str):
                rank = index if field in RANKED else ""
                out.append(f"{path}[{rank}]: {json.dumps(item, ensure_ascii=False)}")
            else:
                label = json.dumps(key, ensure_ascii=False) if key is not None else str(index)
                _flatten(item, f"{path}[{label}]", field, out)
    else:
        out.append(f"{path}: {json.dumps(value, ensure_ascii=False, default=str)}")
