"""Lint findings on the real persona sets, per persona: how many, how many ask for something
the persona's readers never use, and which real gaps the rules catch.

The real sets kept beside the checkout are imported into a scratch folder as a team adopting
persona-cli would (`persona import`), then linted twice: once as imported (no `teams`: each
kind's default teams) and once with the `teams-by-path` configuration (`.persona.toml`) such
a team would write (below: the 18F and GitLab user personas are for product teams, and so
on). A finding counts as *audience noise* when it asks for a field, or a whole lens, that
none of the persona's intended teams reads. Every other finding is listed by code for
reading by hand; `--show CODES` prints them.

    python bench/real_findings.py [--data DIR] [--src SRC] [--per-persona] [--show Q001,Q002]

`--src` lints with another checkout's sources (to measure an older commit the same way).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "real-personas"

#: (folder, source under the data folder, the teams its personas are written for: None for
#: the kind's default). The judgement a team adopting each set would write in its config.
SETS: list[tuple[str, str, list[str] | None]] = [
    ("devrel", "devrel/data", ["marketing", "product"]),
    ("finops", "finops-personas.yml", None),
    ("gitlab-buyer", "gitlab-buyer-personas.md", None),
    ("gitlab-user", "gitlab-user-personas.md", ["product"]),
    ("18f", "18f-personas.md", ["product"]),
    ("civic", "civicactions-personas", ["product"]),
]


def _persona(args: list[str], src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "persona_cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _field_teams(src: Path) -> dict[str, frozenset[str]]:
    """Rule code -> the teams that need its field (empty: every persona's core), read from
    the field table of the sources being measured (a subprocess: `src` may be another
    checkout)."""
    script = (
        "import json; from persona_cli.domain import fields\n"
        "rows = [r for r in fields._ROWS if r.rule]\n"
        "print(json.dumps({r.rule: sorted(r.needed_by) for r in rows}))"
    )
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    return {code: frozenset(teams) for code, teams in json.loads(proc.stdout).items()}


def _lens_of(message: str) -> str | None:
    for team in ("marketing", "sales", "product", "support"):
        if f"the {team} lens" in message or f"{team} lens" in message:
            return team
    return None


def _kind_teams(kind: str) -> set[str]:
    external = {"marketing", "product", "support"}
    return external | {"sales"} if kind == "buyer" else external if kind == "user" else set()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--per-persona", action="store_true")
    parser.add_argument("--show", default="", help="codes whose findings to print in full")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no real persona data at {args.data}; pass --data")
    src = args.src.resolve()
    needed_by = _field_teams(src)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for folder, source, _ in SETS:
            proc = _persona(["import", "--out", folder, str(args.data / source)], src, work)
            if proc.returncode != 0:
                sys.exit(f"import of {source} failed:\n{proc.stdout}{proc.stderr}")
        before = json.loads(_persona(["lint", "--format", "json", "."], src, work).stdout)
        config = ["[teams-by-path]"] + [
            f'"{folder}/**" = {json.dumps(teams)}' for folder, _, teams in SETS if teams
        ]
        (work / ".persona.toml").write_text("\n".join(config) + "\n", encoding="utf-8")
        after = json.loads(_persona(["lint", "--format", "json", "."], src, work).stdout)
    kinds = {p["path"]: p["kind"] for p in after["personas"]}
    intended = {
        p["path"]: set(teams) if teams else _kind_teams(p["kind"])
        for p in after["personas"]
        for folder, _, teams in SETS
        if p["path"].startswith(folder + "/")
    }

    def audience_noise(finding: dict[str, object]) -> bool:
        path, code = str(finding["path"]), str(finding["code"])
        wanted = intended.get(path, set())
        if code in ("L001", "L002"):
            lens = _lens_of(str(finding["message"]))
            return lens is not None and lens not in wanted
        teams = needed_by.get(code)
        return bool(teams) and not (teams & wanted)

    show = {code for code in args.show.split(",") if code}
    rows = []
    for label, result in (("as imported", before), ("teams configured", after)):
        findings = result["findings"]
        noise = [f for f in findings if audience_noise(f)]
        codes = collections.Counter(f["code"] for f in findings if not audience_noise(f))
        rows.append(
            f"| {label} | {len(result['personas'])} | {len(findings)} | {len(noise)} "
            f"| {len(noise) / max(1, len(findings)):.1%} | "
            + ", ".join(f"{code} {n}" for code, n in sorted(codes.items()))
            + " |"
        )
    print("| Run | Personas | Findings | Audience noise | Share | The other findings, by code |")
    print("|---|--:|--:|--:|--:|---|")
    print("\n".join(rows))
    if args.per_persona:
        print("\n| Persona | Kind | Before | Noise before | After | Noise after |")
        print("|---|---|--:|--:|--:|--:|")
        for path in sorted(kinds):
            b = [f for f in before["findings"] if f["path"] == path]
            a = [f for f in after["findings"] if f["path"] == path]
            print(
                f"| {path} | {kinds[path]} | {len(b)} | {sum(map(audience_noise, b))} "
                f"| {len(a)} | {sum(map(audience_noise, a))} |"
            )
    for finding in after["findings"]:
        if finding["code"] in show:
            print(f"{finding['path']}:{finding['line']}: {finding['code']} {finding['message']}")


if __name__ == "__main__":
    main()
