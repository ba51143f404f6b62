"""Stands in for a strategist's editor in the README walkthrough test.

Called as `$EDITOR FILE`, it answers every empty field of a persona that `persona new` wrote,
with the research behind the example CFO persona, the way an author types answers under the
questions: through the round-trip writer, so the guidance comments stay where they are.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from persona_cli.io.yaml_edit import roundtrip_dump, roundtrip_load

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "personas" / "cfo-mid-market.yaml"


def fill(target: Any, source: Any) -> None:
    """Set each empty value of `target` from the same place in `source`."""
    for key in list(target):
        if key not in source:
            continue
        if target[key] is None:
            target[key] = source[key]
        elif isinstance(target[key], dict) and isinstance(source[key], dict):
            fill(target[key], source[key])


def main() -> None:
    path = Path(sys.argv[1])
    document = roundtrip_load(path.read_text(encoding="utf-8"))
    fill(document.data, roundtrip_load(EXAMPLE.read_text(encoding="utf-8")).data)
    path.write_text(roundtrip_dump(document), encoding="utf-8")


if __name__ == "__main__":
    main()
