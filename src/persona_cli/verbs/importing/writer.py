"""The writer: a placed persona as persona data, as file text, and the whole set on disk.

- The data: `schema_version`, the id, name and kind, `status: draft`, the placed fields,
  `notes` (one per heading), `extends` and `add:` for a child of another imported persona,
  and `provenance` (source as given, format, location, today's date).
- The text: the schema modeline `persona new` writes, a comment saying where it came from,
  then the data in the model's key order (`persona fmt`'s order) through `persona fmt`'s
  dumper, so an imported file is already formatted; it must read back as the data built.
- The write: every file prepared and checked first, then written together; when a write
  fails, the files this run created are removed again (all or nothing).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from persona_cli.domain.errors import UsageError
from persona_cli.verbs.importing.labels import SCALARS
from persona_cli.verbs.importing.placement import Placement

#: The key under which a child lists what it adds to its parent's lists. Another change
#: teaches the model and `extends` this shape; until then the loader reports it, so this is
#: the one place that writes it.
ADD_KEY = "add"


def nested(values: dict[str, Any]) -> dict[str, Any]:
    """`{"role.titles": [...]}` -> `{"role": {"titles": [...]}}`."""
    result: dict[str, Any] = {}
    for path, value in values.items():
        parts = path.split(".")
        here = result
        for part in parts[:-1]:
            here = here.setdefault(part, {})
        here[parts[-1]] = value
    return result


def inheritance(data: dict[str, Any], parent: str, placement: Placement) -> None:
    """Make `data` a child of `parent`: `extends`, and what it adds to the parent's lists
    under `add:` (mirroring the model's paths: `add: {role: {titles: [...]}}`)."""
    data["extends"] = parent
    if placement.add:
        data[ADD_KEY] = nested(dict(placement.add))


def persona_data(
    *,
    persona_id: str,
    name: str,
    kind: str,
    placement: Placement,
    parent: str | None,
    provenance: dict[str, Any],
) -> dict[str, Any]:
    """The persona file's data (unordered: the text orders it)."""
    values: dict[str, Any] = {}
    for path, items in placement.values.items():
        values[path] = placement.scalar(path) if path in SCALARS else list(items)
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": persona_id,
        "name": name,
        "kind": kind,
        "status": "draft",
        **nested(values),
    }
    if placement.notes:
        data["notes"] = [
            {"heading": heading, "text": "\n".join(texts)}
            for heading, texts in placement.notes.items()
        ]
    if parent is not None:
        inheritance(data, parent, placement)
    elif placement.add:  # no parent after all: the additions are the persona's own
        for path, items in placement.add.items():
            here = data
            parts = path.split(".")
            for part in parts[:-1]:
                here = here.setdefault(part, {})
            here.setdefault(parts[-1], []).extend(i for i in items if i not in here[parts[-1]])
    data["provenance"] = provenance
    return data


def ordered(data: Any, path: tuple[str, ...] = ()) -> Any:
    """`data` with every mapping's keys in the model's order (unknown keys after)."""
    from persona_cli.verbs.fmt import canonical_orders

    if isinstance(data, list):
        return [ordered(item, path) for item in data]
    if not isinstance(data, dict):
        return data
    order = canonical_orders().get(path, ())
    rank = {key: index for index, key in enumerate(order)}
    keys = sorted(data, key=lambda key: (rank.get(key, len(rank)), list(data).index(key)))
    return {key: ordered(data[key], (*path, key)) for key in keys}


def persona_file_text(data: dict[str, Any], *, schema: str, display: str) -> str:
    """The file: modeline, an import comment, the data in the house style and key order."""
    from persona_cli.io.yaml_read import load_text
    from persona_cli.io.yaml_write import dump_document
    from persona_cli.verbs.fmt import comparable
    from persona_cli.verbs.persona_text import MODELINE, comment_lines

    provenance = data.get("provenance", {})
    header = [
        f"{MODELINE}{schema}",
        *comment_lines(
            f"Imported by `persona import` from {provenance.get('source')} "
            f"({provenance.get('format')}). A draft: check each field against the source, "
            "move what the notes hold into fields where it belongs, and set status: "
            "validated when the persona has been reviewed.",
            "",
        ),
    ]
    body = dump_document(ordered(data))
    text = "\n".join(header) + "\n" + body
    # Already in `persona fmt`'s layout (its dumper, its key order; a test holds fmt --check
    # to it); reading it back must give the data, or it is not written.
    loaded = load_text(text, display, locations=False)
    if loaded.document is None or comparable(loaded.document.data) != comparable(
        json.loads(json.dumps(data, default=str))
    ):
        raise RuntimeError(f"{display}: the imported persona does not read back as built")
    return text


def validate(data: dict[str, Any]) -> str | None:
    """The first schema problem of `data` (ignoring `add:`, which the writer owns), else
    None."""
    from pydantic import ValidationError

    from persona_cli.domain.model import Persona

    try:
        Persona.model_validate({k: v for k, v in data.items() if k != ADD_KEY})
    except ValidationError as failure:
        first = failure.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return None


def write_all(files: Sequence[tuple[Path, str, str]], *, force: bool) -> None:
    """Write every `(path, display, text)`, all or nothing: no file is overwritten unless
    `force`; on a failure, the files this run created are removed and nothing is left
    half-done. Raises UsageError naming the file."""
    from persona_cli.io import fileio

    for path, display, _ in files:
        if path.exists() and not force:
            raise UsageError(
                f"{display}: already exists; nothing written",
                hint="pass --force to replace it, or --out another folder",
            )
    created_folders: list[Path] = []
    for folder in dict.fromkeys(path.parent for path, _, _ in files):
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as failure:
            raise UsageError(
                f"{folder}: cannot create the folder: {failure.strerror}; nothing written"
            ) from None
        created_folders += missing
    new = [path for path, _, _ in files if not path.exists()]
    try:
        fileio.write_many([(path, text.encode("utf-8")) for path, _, text in files])
    except OSError as failure:
        for path in new:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in created_folders:
            with contextlib.suppress(OSError):
                folder.rmdir()
        what = failure.strerror or errno.errorcode.get(failure.errno or 0, str(failure))
        raise UsageError(
            f"{failure.filename or 'persona files'}: cannot write: {what}; nothing written"
        ) from None


def today() -> dt.date:
    return dt.datetime.now(tz=dt.UTC).date()
