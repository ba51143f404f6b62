"""`persona review`: record a refresh in the persona file itself.

A refresh is new evidence from real customers, not a date bump, so a
review appends an `evidence` entry and sets `review.last_reviewed`; a bare date bump needs
`--no-evidence`. Nothing else in the file changes: the edit inserts or replaces only the
lines of those two fields, in place, so every comment, blank line and quote elsewhere stays
byte for byte. The edited text must parse to the old data plus exactly these changes and
keep every comment, or nothing is written.

Who reviewed (`--by`) goes into the evidence summary ("... (reviewed by Ana)"): the model has
no reviewer field, and `review.owners` says who keeps the persona true, which a single
review does not change. git records who committed the review.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from persona_cli.domain.errors import ExitCode, LoadError, PersonaError, UsageError
from persona_cli.domain.result import Finding
from persona_cli.io import file_read, fileio, yaml_edit, yaml_read
from persona_cli.io.discovery import SourceFile
from persona_cli.verbs.age import Facts, PersonaAge, assess, interval_of, owners_of, persona_id
from persona_cli.verbs.fmt import canonical_orders, comparable, entry_blocks


class EditError(PersonaError):
    """The edit would have changed more than it should; nothing was written (a bug)."""

    exit_code = ExitCode.INTERNAL


@dataclass(frozen=True, slots=True)
class NewEvidence:
    """The evidence a review records (`--evidence-type`, `--summary`, ...)."""

    type: str
    summary: str
    sample_size: int | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What was recorded, and what `persona age` will say once it is committed."""

    source: SourceFile
    id: str
    reviewed: dt.date
    evidence_id: str | None
    age: PersonaAge
    next_due: dt.date
    status: str | None


def find(ident: str, sources: Sequence[SourceFile]) -> SourceFile:
    """The persona file for `ident` (its id, i.e. file name stem, or its path); a near miss
    is suggested."""
    from persona_cli.verbs.log import find_persona

    stems = sorted({source.path.stem for source in sources})
    looks_like_path = ident.endswith((".yaml", ".yml")) or "/" in ident
    if not looks_like_path and ident not in stems:
        close = difflib.get_close_matches(ident, stems, n=1, cutoff=0.6)
        raise UsageError(
            f"no persona '{ident}' in the configured paths",
            hint=f"did you mean '{close[0]}'?"
            if close
            else "pass its id (the file name without .yaml) or the path of its file",
        )
    return find_persona(ident, sources)


def _refuse_hidden(evidence: NewEvidence | None, by: str | None) -> None:
    """Text typed for the file must hold nothing lint would then refuse (Q005, Q006)."""
    from persona_cli.domain import hidden

    given = [("--by", by)]
    if evidence is not None:
        given += [("--summary", evidence.summary), ("--url", evidence.url)]
    for option, value in given:
        problem = hidden.in_argument(option, value) if value else None
        if problem is not None:
            raise UsageError(problem, hint="retype the text (if it was pasted, the copy held it)")


def record_review(
    source: SourceFile,
    *,
    reviewed: dt.date,
    evidence: NewEvidence | None,
    by: str | None,
    today: dt.date,
) -> ReviewOutcome:
    """Set `review.last_reviewed` and append the evidence entry, in place; write atomically
    (refusing if the file changed on disk since it was read)."""
    display = source.display
    if reviewed > today:
        raise UsageError(f"--date {reviewed} is in the future", hint="a review has happened")
    _refuse_hidden(evidence, by)
    special = file_read.path_problem(source.path, display)  # a FIFO would block the read
    if special is not None:
        raise _unloadable(special)
    try:
        # Through a symbolic link: edit the file it points to, keep the link.
        raw, snapshot = fileio.read(source.path.resolve())
    except OSError as failure:
        raise LoadError(f"{display}: cannot read: {failure.strerror or failure}") from None
    decoded = yaml_edit.decode_for_edit(raw, display)
    if isinstance(decoded, Finding):
        raise _unloadable(decoded)
    text, form = decoded
    loaded = yaml_read.load_text(text, display)
    if loaded.document is None or loaded.findings:
        raise _unloadable(loaded.findings[0])
    data = loaded.document.data
    previous = _date(_review_of(data).get("last_reviewed"))
    if previous is not None and previous > reviewed:
        raise UsageError(
            f"{display}: review.last_reviewed is already {previous}, after {reviewed}",
            hint="pass the date of this review with --date",
        )
    item: dict[str, Any] | None = None
    if evidence is not None:
        item = _evidence_item(data, evidence, reviewed, by)
    edited = _edit(text, data, reviewed, item, display)
    expected = copy.deepcopy(data)
    review = expected.get("review")
    if not isinstance(review, dict):
        review = expected["review"] = {}
    review["last_reviewed"] = reviewed.isoformat()
    if item is not None:
        if not isinstance(expected.get("evidence"), list):
            expected["evidence"] = []
        expected["evidence"].append({**item, "date": reviewed.isoformat()})
    _check(display, text, edited, expected)
    fileio.write(
        snapshot.path, yaml_edit.encode_form(edited, form), expected=snapshot, display=display
    )
    facts = Facts(
        id=persona_id(data, display),
        path=display,
        owners=owners_of(expected),
        last_reviewed=reviewed,
        interval_days=interval_of(expected),
        state="committed",
        # Committing the review changes the persona's meaning: git dates the change today.
        changed_at=dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC),
    )
    age = assess(facts, now=today)
    refreshed = age.refreshed or reviewed
    status = data.get("status")
    return ReviewOutcome(
        source=source,
        id=facts.id,
        reviewed=reviewed,
        evidence_id=item["id"] if item else None,
        age=age,
        next_due=refreshed + dt.timedelta(days=age.interval_days),
        status=status if isinstance(status, str) else None,
    )


def _unloadable(finding: Finding) -> LoadError:
    return LoadError(
        f"{finding.path}:{finding.line}:{finding.column}: {finding.code} "
        f"{' '.join(finding.message.split())}; not changed",
        hint=f"fix it first (persona lint {shlex.quote(finding.path)})",
    )


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None  # not a date: the review replaces it


def _review_of(data: dict[str, Any]) -> dict[str, Any]:
    review = data.get("review")
    return review if isinstance(review, dict) else {}


def _evidence_item(
    data: dict[str, Any], evidence: NewEvidence, reviewed: dt.date, by: str | None
) -> dict[str, Any]:
    """The new entry: an id unique within the persona (`interview-2026-11-23`, then `-2`...)."""
    existing = data.get("evidence")
    entries = existing if isinstance(existing, list) else []
    taken = {entry.get("id") for entry in entries if isinstance(entry, dict)}
    base = f"{evidence.type.replace('_', '-')}-{reviewed.isoformat()}"
    ident, number = base, 1
    while ident in taken:
        number += 1
        ident = f"{base}-{number}"
    summary = " ".join(evidence.summary.split())
    if by:
        summary = f"{summary} (reviewed by {by.strip()})"
    item: dict[str, Any] = {
        "id": ident,
        "type": evidence.type,
        "date": reviewed,
        "summary": summary,
    }
    if evidence.sample_size is not None:
        item["sample_size"] = evidence.sample_size
    if evidence.url:
        item["url"] = evidence.url
    return item


# --- the text edit --------------------------------------------------------------------------------

#: (line index, lines to remove there, lines to insert); applied bottom-up.
_Edit = tuple[int, int, list[str]]


def _edit(
    text: str, data: dict[str, Any], reviewed: dt.date, item: dict[str, Any] | None, display: str
) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    root = yaml_edit.layout(text).root
    edits: list[_Edit] = []
    if item is not None:
        edits.append(_append_evidence(lines, root, item, display))
    edits.append(_set_last_reviewed(lines, root, reviewed, display))
    for index, remove, insert in sorted(
        edits, key=lambda edit: (edit[0], edits.index(edit)), reverse=True
    ):
        lines[index : index + remove] = insert
    return "".join(lines)


def _blocks(
    lines: list[str], node: yaml_edit.Outline, start: int, end: int, top: bool
) -> list[tuple[int, int]]:
    bounds = entry_blocks(lines, node, start, end, top=top)
    if bounds is None:
        raise UsageError(
            "cannot edit this file in place (unusual layout)",
            hint="run persona fmt on it first",
        )
    return bounds


def _root_end(lines: list[str]) -> int:
    for index, line in enumerate(lines):
        if line.startswith("...") and line[3:].strip()[:1] in ("", "#"):
            return index
    return len(lines)


def _insert_at(
    lines: list[str],
    node: yaml_edit.Outline,
    start: int,
    end: int,
    key: str,
    order: tuple[str, ...],
    block: list[str],
    *,
    top: bool,
) -> _Edit:
    """Insert `block` (a new `key`) into block mapping `node`: before the first key that
    comes after it in the schema's order (after that key's leading blank line, adding one
    of its own), else after the last key's value (after a blank line when the mapping's
    keys are separated by blank lines)."""
    bounds = _blocks(lines, node, start, end, top)
    rank = {name: index for index, name in enumerate(order)}
    mine = rank[key]
    for (block_start, _), (name, *_rest) in zip(bounds, node.entries, strict=True):
        if rank.get(name, len(order)) > mine:
            if block_start < len(lines) and not lines[block_start].strip():
                return (block_start + 1, 0, [*block, "\n"])
            return (block_start, 0, block)
    spaced = any(not lines[block_start].strip() for block_start, _ in bounds[1:])
    return (bounds[-1][1], 0, ["\n", *block] if spaced else block)


def _entry(node: yaml_edit.Outline, key: str) -> tuple[int, int, yaml_edit.Outline] | None:
    for name, key_line, key_column, value in node.entries:
        if name == key:
            return key_line, key_column, value
    return None


def _unsupported(display: str, key: str) -> UsageError:
    return UsageError(
        f"{display}: cannot edit '{key}' in place: it is written in flow style ([...] or {{...}})",
        hint=f"run persona fmt {shlex.quote(display)} first (it writes lists in block style)",
    )


def _emptied(line: str, value: yaml_edit.Outline) -> str:
    """The key's line without its (empty or null) value, keeping an end-of-line comment."""
    if value.empty:
        return line
    head = line[: value.column].rstrip()
    tail = line[value.end_column :]
    return head + (tail if tail.strip() else "\n")


def _item_lines(item: dict[str, Any], dash: int, column: int) -> list[str]:
    body = yaml_edit.dump_entries(item)
    first = " " * dash + "-" + " " * (column - dash - 1)
    return [(first if index == 0 else " " * column) + line for index, line in enumerate(body)]


def _append_evidence(
    lines: list[str], root: yaml_edit.Outline, item: dict[str, Any], display: str
) -> _Edit:
    orders = canonical_orders()
    found = _entry(root, "evidence")
    end = _root_end(lines)
    if found is None:
        block = ["evidence:\n", *_item_lines(item, 2, 4)]
        return _insert_at(lines, root, 0, end, "evidence", orders[()], block, top=True)
    key_line, key_column, value = found
    if value.kind == "seq" and value.items:
        first = value.items[0]
        dash = lines[first.line].rfind("-", 0, first.column)
        bounds = _blocks(lines, root, 0, end, True)
        index = [entry[0] for entry in root.entries].index("evidence")
        return (bounds[index][1], 0, _item_lines(item, dash, first.column))
    if (value.kind == "scalar" and (value.empty or _null(lines, value))) or (
        value.kind == "flow" and _empty_flow(lines, value)
    ):
        if value.line != key_line and not value.empty:
            raise _unsupported(display, "evidence")
        replaced = _emptied(lines[key_line], value)
        return (key_line, 1, [replaced, *_item_lines(item, key_column + 2, key_column + 4)])
    if value.kind == "flow":
        raise _unsupported(display, "evidence")
    raise UsageError(
        f"{display}:{value.line + 1}:{value.column + 1}: 'evidence' is not a list",
        hint="persona lint says what to fix",
    )


def _set_last_reviewed(
    lines: list[str], root: yaml_edit.Outline, reviewed: dt.date, display: str
) -> _Edit:
    orders = canonical_orders()
    end = _root_end(lines)
    date = reviewed.isoformat()
    found = _entry(root, "review")
    if found is None:
        block = ["review:\n", f"  last_reviewed: {date}\n"]
        return _insert_at(lines, root, 0, end, "review", orders[()], block, top=True)
    key_line, key_column, value = found
    if value.kind == "map" and value.line > key_line:
        column = value.entries[0][2]
        inner = _entry(value, "last_reviewed")
        if inner is None:
            bounds = _blocks(lines, root, 0, end, True)
            index = [entry[0] for entry in root.entries].index("review")
            return _insert_at(
                lines,
                value,
                key_line + 1,
                bounds[index][1],
                "last_reviewed",
                orders[("review",)],
                [" " * column + f"last_reviewed: {date}\n"],
                top=False,
            )
        line_number, inner_column, current = inner
        line = lines[line_number]
        if current.kind == "scalar" and current.empty:  # `last_reviewed:` with nothing after
            colon = line.index(":", inner_column + len("last_reviewed"))
            rest = line[colon + 1 :]
            return (
                line_number,
                1,
                [line[: colon + 1] + f" {date}" + (rest if rest.strip() else "\n")],
            )
        if (
            current.kind != "scalar"
            or current.line != line_number
            or current.last_line != line_number
        ):
            raise UsageError(
                f"{display}:{line_number + 1}: cannot edit review.last_reviewed in place",
                hint="write it as a plain date (last_reviewed: 2026-11-23)",
            )
        return (line_number, 1, [line[: current.column] + date + line[current.end_column :]])
    if (value.kind == "scalar" and (value.empty or _null(lines, value))) or (
        value.kind == "flow" and _empty_flow(lines, value)
    ):
        if value.line != key_line and not value.empty:
            raise _unsupported(display, "review")
        replaced = _emptied(lines[key_line], value)
        return (key_line, 1, [replaced, " " * (key_column + 2) + f"last_reviewed: {date}\n"])
    if value.kind == "flow":
        raise _unsupported(display, "review")
    raise UsageError(
        f"{display}:{value.line + 1}:{value.column + 1}: 'review' is not a mapping",
        hint="persona lint says what to fix",
    )


def _null(lines: list[str], value: yaml_edit.Outline) -> bool:
    if value.line != value.last_line:
        return False
    return lines[value.line][value.column : value.end_column] in ("~", "null", "Null", "NULL")


def _empty_flow(lines: list[str], value: yaml_edit.Outline) -> bool:
    if value.line != value.last_line:
        return False
    return "".join(lines[value.line][value.column : value.end_column].split()) in ("[]", "{}")


def _check(display: str, before: str, after: str, expected: dict[str, Any]) -> None:
    loaded = yaml_read.load_text(after, display, locations=False)
    if loaded.document is None or comparable(loaded.document.data) != comparable(expected):
        raise EditError(
            f"{display}: the edit would change more than review and evidence; nothing written "
            "(a bug in persona review: please report it with the file)"
        )
    kept = Counter(comment for _, _, comment in yaml_edit.layout(after).comments)
    wanted = Counter(comment for _, _, comment in yaml_edit.layout(before).comments)
    if wanted - kept:
        raise EditError(
            f"{display}: the edit would lose a comment; nothing written "
            "(a bug in persona review: please report it with the file)"
        )
