"""`--map MAP.toml`: a team's own labels, on top of the built-in table.

    [labels]
    "My Messaging" = "messaging.sales"        # a label -> a model field that takes text
    "Collaboration with other teams" = "notes" # keep under its heading, on purpose
    "Sources for *" = "influences.trusted_sources"  # every label starting with it

Labels are compared as the table compares them (case, punctuation, plurals aside). A target
that is not a field taking text (or `notes`) is an error naming the map file, the line and
the field, and nothing is imported.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from persona_cli.domain.errors import UsageError
from persona_cli.verbs.importing.labels import text_targets


def _line_of(text: str, label: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith((f'"{label}"', f"'{label}'", f"{label} ", f"{label}=")):
            return number
    return None


def _written(text: str, line: int | None, value: object) -> str:
    """A value that is not a string as the map file writes it (`3`, `true`, `["a"]`)."""
    if line is not None:
        _, equals, rest = text.splitlines()[line - 1].partition("=")
        if equals and rest.split("#", 1)[0].strip():
            return rest.split("#", 1)[0].strip()
    return repr(value)


def read_map(path: Path, display: str) -> dict[str, str]:
    """The `[labels]` of a map file, checked; UsageError (exit 2) when it is unusable."""
    from persona_cli.io.file_read import read_regular

    raw = read_regular(path, display)
    if not isinstance(raw, bytes):
        raise UsageError(f"--map {display}: {raw.message}", hint="pass a readable TOML file")
    try:
        text = raw.decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise UsageError(f"--map {display}: not UTF-8 text", hint="save it as UTF-8") from None
    except tomllib.TOMLDecodeError as failure:
        raise UsageError(
            f"--map {display}: not valid TOML: {failure}", hint="fix the file"
        ) from None
    unknown = sorted(set(data) - {"labels"})
    if unknown:
        raise UsageError(
            f"--map {display}:{_line_of(text, f'[{unknown[0]}]') or 1}: unknown table or key "
            f"'{unknown[0]}'",
            hint='a map file holds one table, [labels], of "Label" = "field.path" entries',
        )
    labels = data.get("labels", {})
    if not isinstance(labels, dict):
        raise UsageError(f'--map {display}: [labels] must be a table of "Label" = "field"')
    targets = text_targets()
    result: dict[str, str] = {}
    for label, target in labels.items():
        line = _line_of(text, label)
        where = f"{display}:{line}" if line else display
        if not isinstance(target, str) or target not in targets:
            shown = f"'{target}'" if isinstance(target, str) else _written(text, line, target)
            close = difflib.get_close_matches(str(target), sorted(targets), n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (
                    "map a label to a field that takes text (goals, pains, role.titles, "
                    "messaging.sales...) or to notes"
                )
            )
            raise UsageError(
                f"--map {where}: '{label}' = {shown}: not a persona field that takes text; "
                "nothing imported",
                hint=hint,
            )
        result[label] = target
    return result
