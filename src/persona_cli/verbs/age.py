"""How long since each persona was refreshed: `persona age`.

Personas decay: written once and never revisited, they drift from the market, and teams
that beat their goals refreshed theirs within six months, so the product's freshness limit
is 180 days by default. A persona is refreshed by a review (`review.last_reviewed`) or by a
change of meaning that git recorded (`last_changed`); reformatting, comments, renames and
commits listed in `.git-blame-ignore-revs` are not a refresh. So:

- `last_changed`: committer date (as a UTC day) of the newest commit that changed the
  persona's canonical digest, found by `git.history`;
- `refreshed`: the later of `last_changed` and `last_reviewed`;
- `age_days`: `now - refreshed` in days;
- `status`: `fresh`, `aging` (past 75% of `interval_days`), `stale` (past `interval_days`),
  or, when no honest age exists, `uncommitted` (the working tree or index says something
  HEAD does not), `untracked` (git does not know the file) or `unknown` (a shallow clone
  ends before the persona's last change, or the file is a link to one outside the
  repository: then `reason` says so).

`assess` is pure; `age` gathers the facts from the working tree (`worktree`) and git, then
hands them over. Nothing here prints. What changed in one persona over time is `log`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from persona_cli.verbs.worktree import WorkTree, blob_shas, inside, open_worktree

if TYPE_CHECKING:
    from persona_cli.io.discovery import SourceFile

Status = Literal["fresh", "aging", "stale", "uncommitted", "untracked", "unknown"]
#: Report order of the statuses that carry no age.
NO_AGE: tuple[Status, ...] = ("unknown", "uncommitted", "untracked")
STATUSES: tuple[Status, ...] = ("stale", "aging", "fresh", *NO_AGE)
#: `--fail-on` level -> the statuses that fail the run.
FAIL_ON: dict[str, frozenset[str]] = {
    "stale": frozenset({"stale"}),
    "aging": frozenset({"aging", "stale"}),
    "never": frozenset(),
}
#: Past this share of `interval_days` a persona is `aging`: time to plan the refresh.
AGING_SHARE = 0.75
#: The model's default (`model.Review.interval_days`); repeated so the core needs no pydantic.
DEFAULT_INTERVAL_DAYS = 180

GitState = Literal["committed", "uncommitted", "untracked", "unknown"]


@dataclass(frozen=True, slots=True)
class Facts:
    """What the working tree and git say about one persona, before any judgement."""

    id: str
    path: str
    owners: tuple[str, ...]
    last_reviewed: dt.date | None
    interval_days: int
    state: GitState
    changed_at: dt.datetime | None = None
    commit: str | None = None
    #: "persona" or "segment": what the file holds (for wording only).
    document: str = "persona"
    #: Why there is no age at all, when git cannot know (a link out of the repository).
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class PersonaAge:
    """One row of `persona age`."""

    id: str
    path: str
    owners: tuple[str, ...]
    last_changed: dt.date | None
    last_reviewed: dt.date | None
    refreshed: dt.date | None
    age_days: int | None
    interval_days: int
    status: Status
    commit: str | None = None
    #: "persona" or "segment": what the file holds (for wording; not in the JSON shape).
    document: str = "persona"
    #: Why the status is `unknown` when it is not the shallow-clone boundary.
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape (dates ISO, null when unknown)."""

        def iso(day: dt.date | None) -> str | None:
            return day.isoformat() if day else None

        return {
            "id": self.id,
            "path": self.path,
            "last_changed": iso(self.last_changed),
            "last_reviewed": iso(self.last_reviewed),
            "refreshed": iso(self.refreshed),
            "age_days": self.age_days,
            "status": self.status,
            "owners": list(self.owners),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class AgeResult:
    """Every persona's age, oldest first, then those without an age."""

    now: dt.date
    personas: tuple[PersonaAge, ...]
    warnings: tuple[str, ...] = ()
    shallow: bool = False

    def count(self, status: str) -> int:
        return sum(1 for persona in self.personas if persona.status == status)

    def fails(self, fail_on: str) -> bool:
        failing = FAIL_ON[fail_on]
        return any(persona.status in failing for persona in self.personas)


def utc_day(moment: dt.datetime) -> dt.date:
    """The UTC calendar day of a commit: a +09:00 morning and a -07:00 evening of the same
    instant are the same day, so ages do not depend on where the committer sat."""
    return moment.astimezone(dt.UTC).date()


def assess(facts: Facts, *, now: dt.date) -> PersonaAge:
    """Judge one persona's freshness on `now` (a UTC day)."""
    last_changed = utc_day(facts.changed_at) if facts.changed_at else None
    refreshed: dt.date | None = None
    age_days: int | None = None
    status: Status
    if facts.state != "committed" or last_changed is None:
        # No false age: an edit not yet committed, a new file, or history cut off.
        status = "unknown" if facts.state == "committed" else facts.state
        last_changed = None
    else:
        refreshed = max(last_changed, facts.last_reviewed or last_changed)
        age_days = (now - refreshed).days
        if age_days > facts.interval_days:
            status = "stale"
        elif age_days > facts.interval_days * AGING_SHARE:
            status = "aging"
        else:
            status = "fresh"
    return PersonaAge(
        id=facts.id,
        path=facts.path,
        owners=facts.owners,
        last_changed=last_changed,
        last_reviewed=facts.last_reviewed,
        refreshed=refreshed,
        age_days=age_days,
        interval_days=facts.interval_days,
        status=status,
        commit=facts.commit if last_changed else None,
        document=facts.document,
        reason=facts.reason,
    )


def _order(persona: PersonaAge) -> tuple[int, int, str]:
    if persona.age_days is not None:
        return (0, -persona.age_days, persona.path)
    return (1, NO_AGE.index(persona.status), persona.path)


def build_result(
    facts: Sequence[Facts], *, now: dt.date, warnings: Sequence[str] = (), shallow: bool = False
) -> AgeResult:
    """Assess every persona and sort oldest first; personas without an age come last."""
    rows = sorted((assess(item, now=now) for item in facts), key=_order)
    return AgeResult(now=now, personas=tuple(rows), warnings=tuple(warnings), shallow=shallow)


# --- reading a persona's own fields ------------------------------------------------------------


def _review(data: dict[str, Any]) -> dict[str, Any]:
    review = data.get("review")
    return review if isinstance(review, dict) else {}


def owners_of(data: dict[str, Any]) -> tuple[str, ...]:
    owners = _review(data).get("owners")
    if isinstance(owners, str):
        return (owners,)
    if isinstance(owners, list):
        return tuple(str(owner) for owner in owners if isinstance(owner, str | int) and owner)
    return ()


def last_reviewed_of(data: dict[str, Any]) -> dt.date | None:
    """`review.last_reviewed`, or None when missing or not a date (the linter says which)."""
    value = _review(data).get("last_reviewed")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def interval_of(data: dict[str, Any]) -> int:
    value = _review(data).get("interval_days")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    return DEFAULT_INTERVAL_DAYS


def persona_id(data: dict[str, Any], path: str) -> str:
    value = data.get("id")
    return value if isinstance(value, str) and value else PurePosixPath(path).stem


# --- gathering ------------------------------------------------------------------------------------


def _read(tree: WorkTree, sources: Sequence[SourceFile], *, include_retired: bool) -> list[Facts]:
    """Read the working-tree side into `tree.files`; returns the personas that cannot be
    aged at all (linked to a file outside the repository), as `unknown` with the reason."""
    from persona_cli.domain import canonical
    from persona_cli.git.history import blob_sha
    from persona_cli.io.file_read import read_regular
    from persona_cli.verbs.version_read import read_persona

    outside: list[Facts] = []
    for source in sources:
        raw = read_regular(source.path, source.display, max_bytes=None)
        if not isinstance(raw, bytes):  # a FIFO, a symlink loop...: never opened
            tree.warnings.append(f"{source.display}: {raw.message}; skipped")
            continue
        data = read_persona(raw, source.display)
        if isinstance(data, str):  # `LINE:COL message`, the loader's first finding
            where, _, why = data.partition(" ")
            tree.warnings.append(
                f"{source.display}:{where}: not readable YAML ({why}); skipped "
                "(persona lint says why)"
            )
            continue
        if data.get("status") == "retired" and not include_retired:
            continue
        path = inside(source.path, tree.root)
        if path is None:
            target = os.path.realpath(source.path)
            outside.append(
                _facts(
                    data,
                    source.display,
                    state="unknown",
                    reason=f"links outside the repository (to {target}); "
                    "git has no history of it here",
                )
            )
            continue
        tree.files[path] = (source, data, blob_sha(raw), canonical.digest(data))
    return outside


def _facts(
    data: dict[str, Any],
    display: str,
    *,
    state: GitState,
    changed_at: dt.datetime | None = None,
    commit: str | None = None,
    reason: str | None = None,
) -> Facts:
    return Facts(
        id=persona_id(data, display),
        path=display,
        owners=owners_of(data),
        last_reviewed=last_reviewed_of(data),
        interval_days=interval_of(data),
        state=state,
        changed_at=changed_at,
        commit=commit,
        document="segment" if data.get("kind") == "segment" else "persona",
        reason=reason,
    )


def age(
    sources: Sequence[SourceFile],
    *,
    now: dt.date,
    cwd: Path,
    include_retired: bool = False,
) -> AgeResult:
    """`persona age`: read the personas, ask git once, assess each."""
    tree = open_worktree(sources, cwd, "persona age")
    try:
        return _age(tree, sources, now=now, include_retired=include_retired)
    finally:
        tree.repo.close()  # ends the cat-file process now, not at garbage collection


def _age(
    tree: WorkTree, sources: Sequence[SourceFile], *, now: dt.date, include_retired: bool
) -> AgeResult:
    from persona_cli.git import history

    outside = _read(tree, sources, include_retired=include_retired)
    warn = tree.warnings.append
    state = history.tree_state(tree.repo, list(tree.files))
    blobs = history.Blobs(tree.repo)
    shas = blob_shas(tree, state)
    for sha, digest in shas.values():
        blobs.know(sha, digest)
    states = history.head_states(state, shas, blobs)
    committed = [path for path, value in states.items() if value == "committed"]
    histories: dict[str, history.PersonaHistory] = {}
    if committed:
        ignored = history.ignored_revisions(tree.repo, warn)
        histories = history.walk(tree.repo, committed, blobs=blobs, ignored=ignored, warn=warn)
    facts: list[Facts] = list(outside)
    for path, (source, data, _, _) in tree.files.items():
        found = histories.get(path)
        change = found.last_change if found else None
        # Committed but no change found: the history stops at a shallow clone's boundary.
        git_state: GitState = (
            "unknown" if change is None and states[path] == "committed" else states[path]
        )
        facts.append(
            Facts(
                id=persona_id(data, path),
                path=source.display,
                owners=owners_of(data),
                last_reviewed=last_reviewed_of(data),
                interval_days=interval_of(data),
                state=git_state,
                changed_at=change.commit.committed if change else None,
                commit=change.commit.sha if change else None,
                document="segment" if data.get("kind") == "segment" else "persona",
            )
        )
    shallow = tree.repo.is_shallow()
    unknown = sum(1 for item in facts if item.state == "unknown" and item.reason is None)
    if unknown and not shallow:
        warn(f"{unknown} persona(s) at HEAD have no commit that created them; reported as unknown")
    elif unknown:
        segments = sum(
            1
            for i in facts
            if i.state == "unknown" and i.reason is None and i.document == "segment"
        )
        counted = ((unknown - segments, "persona"), (segments, "segment"))
        who = " and ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in counted if n)
        warn(
            f"history is shallow: {who} unchanged since "
            f"the oldest fetched commit {'is' if unknown == 1 else 'are'} reported as unknown "
            f"(their ages are at least that commit's age); {history.UNSHALLOW}"
        )
    return build_result(facts, now=now, warnings=tree.warnings, shallow=shallow)


#: How a persona without owners is grouped and shown.
NO_OWNER = "(no owner)"


def owners_label(persona: PersonaAge) -> str:
    return ", ".join(persona.owners) if persona.owners else NO_OWNER


def by_owner(result: AgeResult) -> list[tuple[str, list[PersonaAge]]]:
    """Rows grouped by their owners (the whole list, as written), groups in the order of
    their oldest persona, rows oldest first within each group."""
    order: dict[str, int] = {}
    for index, persona in enumerate(result.personas):
        order.setdefault(owners_label(persona), index)
    rows = sorted(result.personas, key=lambda p: order[owners_label(p)])
    return [(label, list(group)) for label, group in groupby(rows, key=owners_label)]
