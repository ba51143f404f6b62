"""The semantic diff of personas: what changed in what a persona says, and what it means.

Pure core: no git, no printing. The git side (`git.diffing`) hands over file versions
as bytes; reporters render the `Change` records this module returns.

What counts as a change rests on `canonical` (one definition for diff, textconv and age):
key order, quoting, comments, flow or block style and empty values are no change; lists of
strings are multisets (each added or removed item is its own change; a reorder is reported
only when asked); lists of objects are matched by their key (`canonical.LIST_KEYS`), falling
back to position when an item has no key. So `diff_personas(a, b)` is empty exactly when
`canonical.digest(a) == canonical.digest(b)` (ignoring `order`), which `persona log` and
`persona age` rely on.

Segment files (`kind: segment`) go through the same walk: committee seats are keyed by
`persona`; a seat removed is `removed-insight`, a seat added `new-insight`, a seat whose
`role` or `influence` changes `behaviour-change`.

Each change is classified by what it means for the teams that read the persona:
losing a fear or a risk field is a different review conversation than bumping a date.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Final

from persona_cli.domain.completeness import DECISION, EMOTIONAL, INTERNAL, LENSES
from persona_cli.verbs.canonical import LIST_KEYS, digest, item_key, normalise

if TYPE_CHECKING:
    from persona_cli.git.blobcache import ParseCache

#: What a parse gives: the data of a readable persona, or why it is not one (`LINE:COL msg`).
Read = dict[str, Any] | str

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
)

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
        # A segment's committee seats: a seat removed is someone who can decide or block the
        # deal no longer mapped (removed-insight); a seat added is new-insight.
        ("committee",),
    }
)

#: Key order of each mapping, by the field that holds it ("" is the file): the model's order,
#: so reports read top to bottom like the file. Unknown keys follow, alphabetically.
_INSIGHT_OR_BEHAVIOUR: Final = INSIGHT_FIELDS | (BEHAVIOUR_FIELDS - {("kind",)})

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
        "goals",
        "pains",
        "jobs_to_be_done",
        "whole_person",
        "decision",
        "lenses",
        "internal",
        "evidence",
        "review",
    ),
    "role": (
        "titles",
        "seniority",
        "department",
        "reports_to",
        "responsibilities",
        "decisions_owned",
        "measured_by",
    ),
    "jobs_to_be_done": ("when", "want", "so_that"),
    "whole_person": (*(name for _, name in EMOTIONAL), "quotes"),
    "quotes": ("text", "evidence"),
    "decision": (*(name for _, name in DECISION), "decision_criteria"),
    "lenses": tuple(LENSES),
    **LENSES,
    "objections": ("objection", "response"),
    "internal": tuple(name for _, name in INTERNAL),
    "evidence": ("id", "type", "date", "summary", "sample_size", "url"),
    "review": ("owners", "last_reviewed", "interval_days"),
    "firmographics": ("revenue_range", "employee_range", "verticals", "regions"),
    "revenue_range": ("min", "max"),
    "employee_range": ("min", "max"),
    "committee": ("persona", "role", "influence", "notes"),
}

_MISSING: Final = object()


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


@dataclass(frozen=True, slots=True)
class FilePair:
    """Two versions of one persona file as git has them: raw bytes, None where the file does
    not exist on that side. `old_path` differs from `path` for a rename.

    `old_sha`/`new_sha` are the sides' git blob ids when known; `old_read`/`new_read` hold a
    side's parse taken from the cache (its bytes are then not read at all, and may be None).
    """

    path: str
    old_path: str
    old: bytes | None
    new: bytes | None
    old_sha: str | None = None
    new_sha: str | None = None
    old_read: Read | None = None
    new_read: Read | None = None

    @property
    def has_old(self) -> bool:
        return self.old is not None or self.old_read is not None

    @property
    def has_new(self) -> bool:
        return self.new is not None or self.new_read is not None


@dataclass(frozen=True, slots=True)
class DiffResult:
    """The changes between two sides, with labels for humans (`HEAD`, `the working tree`)."""

    old_label: str
    new_label: str
    changes: tuple[Change, ...] = ()


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
    if kind == "renamed" or keys in {("id",), ("name",)}:
        return "identity"
    if not keys or keys == ("status",):
        return "lifecycle"
    if keys == ("review", "last_reviewed"):
        return "refresh"
    if kind == "reordered":
        return "edit"
    if keys in BEHAVIOUR_FIELDS and kind == "changed":
        return "behaviour-change"
    if _is_under(keys, _INSIGHT_OR_BEHAVIOUR):
        if kind == "removed":
            return "removed-insight"
        if kind == "added":
            return "new-insight"
    return "edit"


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
            self.walk_strings(old, new, label, keys)
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
        self, old: list[str], new: list[str], label: str, keys: tuple[str, ...]
    ) -> None:
        before, after = Counter(old), Counter(new)
        removed, added = before - after, after - before
        for item in sorted(removed.elements()):
            self.emit(label, keys, "removed", item, None)
        for item in sorted(added.elements()):
            self.emit(label, keys, "added", None, item)
        if self.order:
            common = before & after
            if _kept(old, common) != _kept(new, common):
                self.emit(label, keys, "reordered", old, new)

    def walk_keyed(
        self, old: list[Any], new: list[Any], label: str, keys: tuple[str, ...], name: str
    ) -> None:
        key_field = LIST_KEYS.get(name)
        olds, news = _group(old, name), _group(new, name)
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
            common = [key for key in dict.fromkeys(_keys(old, name)) if key in news]
            now = [key for key in dict.fromkeys(_keys(new, name)) if key in olds]
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


def _group(items: list[Any], name: str) -> dict[str, list[Any]]:
    """Items by key; duplicates (a lint error, E005) are paired in order."""
    groups: dict[str, list[Any]] = {}
    for key, item in zip(_keys(items, name), items, strict=True):
        groups.setdefault(key, []).append(item)
    return groups


def _promote(item: Any, key_field: str) -> Any:
    return {key_field: item} if isinstance(item, str) else item


# --- public API ------------------------------------------------------------------------------


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


def read_persona(raw: bytes, path: str) -> dict[str, Any] | str:
    """The data of a file's bytes, or why it is not a readable persona (`LINE:COL message`).

    Only what the loader reports counts: a persona that loads but fails validation is still
    diffed, since its author wants to see what they changed before it validates. A version
    over the size limit is unreadable, as lint's Y007 makes the file (never parsed)."""
    from persona_cli.io.file_read import DEFAULT_MAX_BYTES

    if len(raw) > DEFAULT_MAX_BYTES:
        return (
            f"1:1 the file is {len(raw):,} bytes, over the {DEFAULT_MAX_BYTES:,}-byte limit; "
            "a persona file should be a page of text"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        head = raw[: failure.start]
        line = head.count(b"\n") + 1
        column = failure.start - (head.rfind(b"\n") + 1) + 1
        return f"{line}:{column} the file is not valid UTF-8"
    from persona_cli.io.yaml_read import load_text

    loaded = load_text(text, path, locations=False)
    problem = loaded.problem
    if problem is None and loaded.document is not None:
        return loaded.document.data
    if problem is None:  # pragma: no cover - load_text always says why
        return "1:1 not a YAML mapping"
    # A loader finding (a duplicate key, a refused tag) makes the version unreadable even
    # when a document was built: its first value is not what the file unambiguously says.
    return f"{problem.line}:{problem.column} {problem.message}"


@dataclass(frozen=True, slots=True)
class _Examined:
    """One file pair after parsing: the changes when both sides were readable personas,
    else the parsed sides (a deletion or an addition may still pair up as a rename).
    `fresh` holds the sides parsed here, encoded for the cache, by blob id."""

    pair: FilePair
    old: Read | None
    new: Read | None
    changes: list[Change] | None
    fresh: tuple[tuple[str, bytes], ...] = ()


def _side(
    raw: bytes | None, read: Read | None, sha: str | None, path: str, fresh: list[Any]
) -> Read | None:
    if read is not None or raw is None:
        return read
    parsed = read_persona(raw, path)
    if sha is not None:
        from persona_cli.git.blobcache import encode

        stored = encode(parsed)
        if stored is not None:
            fresh.append((sha, stored))
    return parsed


def _examine(pair: FilePair, order: bool) -> _Examined:
    fresh: list[tuple[str, bytes]] = []
    old = _side(pair.old, pair.old_read, pair.old_sha, pair.old_path, fresh)
    new = _side(pair.new, pair.new_read, pair.new_sha, pair.path, fresh)
    if isinstance(old, dict) and isinstance(new, dict):
        # Only the (small) changes travel back from a worker, not the parsed data.
        changes = diff_personas(old, new, path=pair.path, old_path=pair.old_path, order=order)
        return _Examined(pair, None, None, changes, tuple(fresh))
    return _Examined(pair, old, new, None, tuple(fresh))


def _parsed(pair: FilePair) -> bool:
    """Whether no side of `pair` needs parsing (absent, or its parse came from the cache)."""
    return (pair.old is None or pair.old_read is not None) and (
        pair.new is None or pair.new_read is not None
    )


def _examine_all(pairs: list[FilePair], order: bool, jobs: int | None) -> list[_Examined]:
    """Parsing dominates a large diff (libyaml composes every node), so big diffs parse on
    every core, as `persona lint` does; pairs whose parses came from the cache are compared
    here, without a worker."""
    from persona_cli.io.parallel import forked_map

    ready = [pair for pair in pairs if _parsed(pair)]
    todo = [pair for pair in pairs if not _parsed(pair)]
    examine = functools.partial(_examine, order=order)
    return [examine(pair) for pair in ready] + forked_map(examine, todo, jobs=jobs)


def _same(pair: FilePair) -> bool:
    """Same content in the same place: a mode change, or a stat-only difference."""
    if pair.old_path != pair.path:
        return False
    if pair.old_sha is not None and pair.old_sha == pair.new_sha:
        return True
    return pair.old is not None and pair.old == pair.new


def diff_files(
    pairs: Iterable[FilePair],
    *,
    order: bool = False,
    jobs: int | None = None,
    cache: ParseCache | None = None,
) -> list[Change]:
    """The changes in many files, in path order, with renames git did not see.

    Git finds a rename by text similarity, so a persona moved *and* reformatted, or moved
    without `git mv` (an untracked new file and a deleted old one), looks like a deletion
    plus an addition. A deleted and an added persona with the same canonical form are paired
    here as a rename, which is what the author did. `jobs` caps the worker processes
    (default: one per core; large diffs only). Parses made here are stored in `cache`.
    """
    todo = [pair for pair in pairs if not _same(pair)]
    examined = _examine_all(todo, order, jobs)
    if cache is not None:
        cache.put_many(entry for item in examined for entry in item.fresh)
    examined = _pair_renames(examined, order)
    changes: list[Change] = []
    for item in sorted(examined, key=lambda item: (item.pair.path, item.pair.old_path)):
        pair, old, new = item.pair, item.old, item.new
        if item.changes is not None:
            changes.extend(item.changes)
        elif isinstance(old, str) or isinstance(new, str):
            readable = new if isinstance(new, dict) else old if isinstance(old, dict) else None
            changes.append(
                unreadable(
                    path=pair.path,
                    persona=persona_id(readable, pair.path),
                    old=old if isinstance(old, str) else None,
                    new=new if isinstance(new, str) else None,
                )
            )
        else:
            changes.extend(
                diff_personas(old, new, path=pair.path, old_path=pair.old_path, order=order)
            )
    return changes


def _pair_renames(items: list[_Examined], order: bool) -> list[_Examined]:
    deleted: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        if isinstance(item.old, dict) and item.new is None:
            deleted.setdefault(digest(item.old), []).append(index)
    if not deleted:
        return items
    merged: dict[int, _Examined] = {}
    dropped: set[int] = set()
    for index, item in enumerate(items):
        if item.old is None and isinstance(item.new, dict):
            candidates = deleted.get(digest(item.new))
            if candidates:
                gone_index = candidates.pop(0)
                gone = items[gone_index]
                pair = FilePair(item.pair.path, gone.pair.old_path, gone.pair.old, item.pair.new)
                assert isinstance(gone.old, dict)
                changes = diff_personas(
                    gone.old, item.new, path=pair.path, old_path=pair.old_path, order=order
                )
                merged[index] = _Examined(pair, None, None, changes)
                dropped.add(gone_index)
    return [merged.get(index, item) for index, item in enumerate(items) if index not in dropped]


# --- summaries -------------------------------------------------------------------------------


def section_of(field_path: str) -> str:
    """`whole_person.fears` -> `whole_person`; `lenses.sales.objections[x]` -> `lenses.sales`;
    `evidence[x].date` -> `evidence`; "" (the whole persona) -> ""."""
    head = field_path.split("[", 1)[0]
    parts = head.split(".")
    if parts[0] == "lenses" and len(parts) > 1:
        return f"lenses.{parts[1]}"
    return parts[0]


_SYMBOL: Final = {"added": "+", "removed": "-", "changed": "~", "reordered": "~"}


def summarise(changes: Iterable[Change]) -> dict[str, dict[str, int]]:
    """Counts per section and kind (`refresh` counted apart from `changed`), in the order
    sections first appear. The whole-persona changes are under the section ""."""
    out: dict[str, dict[str, int]] = {}
    for change in changes:
        counts = out.setdefault(change.section, {})
        kind = "refresh" if change.class_ == "refresh" else change.kind
        counts[kind] = counts.get(kind, 0) + 1
    return out


def section_summary(changes: list[Change]) -> str:
    """One line for one persona's changes, e.g.
    `renamed, whole_person +2 -1, lenses.sales ~1, review refresh`."""
    parts: list[str] = []
    for section, counts in summarise(changes).items():
        if not section:
            words = {"added": "added", "removed": "deleted", "renamed": "renamed"}
            parts.extend(words.get(kind, kind) for kind in counts)
            continue
        marks = [
            f"{symbol}{total}"
            for symbol, total in (
                ("+", counts.get("added", 0)),
                ("-", counts.get("removed", 0)),
                ("~", counts.get("changed", 0) + counts.get("reordered", 0)),
            )
            if total
        ]
        if counts.get("refresh"):
            marks.append("refresh")
        parts.append(f"{section} {' '.join(marks)}")
    return ", ".join(parts)


def symbol(kind: str) -> str:
    """The one-character mark reporters put before a change."""
    return _SYMBOL.get(kind, "!" if kind == "unreadable" else ">")
