"""Helpers shared by the benchmark scripts (not part of the test suite)."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        sys.exit(f"{name} is not installed next to {sys.executable}; run `make bench`")
    return str(path)


def generate(folder: Path, count: int) -> list[Path]:
    """Write `count` complete, clean personas: copies of the examples, each with its own id,
    name and statements (P003 reports statements pasted into many personas)."""
    sources = sorted((ROOT / "examples" / "personas").glob("*.yaml"))
    texts = [source.read_text(encoding="utf-8") for source in sources]
    modeline = f"# yaml-language-server: $schema={ROOT / 'schemas' / 'persona.schema.json'}"
    written = []
    for index in range(count):
        text = texts[index % len(texts)]
        old_id = re.search(r"^id: (\S+)$", text, re.MULTILINE)
        assert old_id is not None
        new_id = f"{old_id.group(1)}-{index:05d}"
        body = text.replace(f"id: {old_id.group(1)}\n", f"id: {new_id}\n", 1)
        # Unique names too: copies sharing a name are not clean (P002 duplicate-name).
        body = re.sub(
            r"^name: (.*)$", rf"name: \1 (copy {index})", body, count=1, flags=re.MULTILINE
        )
        body = re.sub(r"^extends: .*$", "", body, flags=re.MULTILINE)
        body = re.sub(r"^# yaml-language-server: .*$", modeline, body, count=1, flags=re.MULTILINE)
        body = _own_statements(body, index)
        path = folder / f"{new_id}.yaml"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written


#: The fields whose entries P003 (copied-statement) compares across personas: every copy
#: says its own, or the set is 1,000 personas pasting the same seven, which is not clean.
_STATEMENTS = {
    ("goals",),
    ("pains",),
    ("jobs_to_be_done",),
    *(
        ("whole_person", name)
        for name in (
            "motivations",
            "fears",
            "career_ambitions",
            "external_pressures",
            "traits",
            "behaviours",
        )
    ),
}
_ENTRY = re.compile(r"^(?P<lead>\s*(?:- )?(?:(?:when|want|so_that): )?)(?P<text>[^\s'\"|>].*)$")


def _own_statements(text: str, index: int) -> str:
    """`text` with ` (copy INDEX)` after each plain entry of the compared fields."""
    out: list[str] = []
    path: list[tuple[int, str]] = []  # (indent, key) of the mappings the line is in
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        key = re.match(r"([a-z_]+):(\s|$)", stripped)
        if stripped and not stripped.startswith(("#", "-")):
            path = [(i, k) for i, k in path if i < indent]
            if key and not stripped[key.end() :].strip():
                path.append((indent, key.group(1)))
        keys = tuple(k for _, k in path)
        entry = _ENTRY.match(line)
        starts = stripped.startswith(("-", "when", "want", "so_that"))
        own = keys in _STATEMENTS and entry is not None and starts
        out.append(f"{line} (copy {index})" if own else line)
    return "\n".join(out)


def timed(command: list[str], *, repeat: int, expect: int = 0) -> float:
    """Median wall time of `command` over `repeat` runs; fails loudly on a wrong exit code."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if proc.returncode != expect:
            sys.exit(f"{command[0]} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return statistics.median(times)
