"""One version of a persona file, bytes in, data (or why it is unreadable) out.

Kept apart from `verbs.diff` so that `persona textconv`, which git runs once per blob,
imports only the YAML walk: no model, no git, and (for a file that reads cleanly) no
findings.
"""

from __future__ import annotations

from typing import Any

from persona_cli.io.file_read import DEFAULT_MAX_BYTES
from persona_cli.io.yaml_build import plain_data


def read_persona(raw: bytes, path: str) -> dict[str, Any] | str:
    """The data of a file's bytes, or why it is not a readable persona (`LINE:COL message`).

    Only what the loader reports counts: a persona that loads but fails validation is still
    diffed, since its author wants to see what they changed before it validates. A version
    over the size limit is unreadable, as lint's Y007 makes the file (never parsed)."""
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
    data = plain_data(text, path)
    if data is not None:
        return data
    # A loading problem: the full reader says which (imported only for such a file).
    from persona_cli.io.yaml_read import load_text

    loaded = load_text(text, path, locations=False)
    problem = loaded.problem
    if problem is None:  # pragma: no cover - plain_data reads every file that reads cleanly
        document = loaded.document
        return document.data if document is not None else "1:1 not a YAML mapping"
    # A loader finding (a duplicate key, a refused tag) makes the version unreadable even
    # when a document was built: its first value is not what the file unambiguously says.
    return f"{problem.line}:{problem.column} {problem.message}"
