"""`persona init`: plan a new persona repository (settings, an example persona, the schema,
templates, pre-commit and CI configuration, git attributes).

Nothing here writes a file or prints; the command hands the plan to `fileio.write`.
`.persona.toml` is generated from the settings defaults and the rule registry, so the file
`persona init` writes always spells out the defaults of the version that wrote it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli import __version__
from persona_cli.domain.errors import UsageError
from persona_cli.verbs.persona_text import (
    SCHEMA_FILE,
    WIDTH,
    comment_lines,
    comment_out,
)

if TYPE_CHECKING:
    from persona_cli.io.fileio import Snapshot

#: The package data `persona init` copies from.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
INIT_DIR = DATA_DIR / "init"

# --- .persona.toml --------------------------------------------------------------------------------


def _setting_help() -> dict[str, str]:
    from persona_cli.io.config import KEYS
    from persona_cli.io.config_model import ConfigFile

    return {key: ConfigFile.model_fields[name].description or "" for key, name in KEYS.items()}


#: One comment per setting, for the generated `.persona.toml`: the model's descriptions.
SETTING_HELP: dict[str, str] = _setting_help()


def _section(doc: Any, text: str) -> None:
    """A blank line, then `text` as wrapped comment lines."""
    import tomlkit

    doc.add(tomlkit.nl())
    for line in comment_lines(text, ""):
        doc.add(tomlkit.comment(line.removeprefix("# ")))


def persona_toml(*, examples: bool = False) -> str:
    """The `.persona.toml` that `persona init` writes: every setting with its default and the
    model's description. The example tables (per-file-ignores, teams-by-path, teams-by-kind,
    the rules that take options,
    with their defaults) are commented out; `examples=True` leaves them on (for the test
    that they are valid)."""
    import tomlkit

    from persona_cli.io.config import KEYS, default_settings, describe
    from persona_cli.io.config_model import ConfigFile
    from persona_cli.io.tomlwrite import assignment, dumps, fill
    from persona_cli.lint.rules.catalogue import REGISTRY

    settings = tomlkit.document()
    for line in (
        "persona-cli configuration, read by every persona command run in this folder",
        "or below it. Every setting is written out with its default value: change",
        "what you need. `persona config` shows the effective values and where each",
        "one comes from.",
    ):
        settings.add(tomlkit.comment(line))
    tables = tomlkit.document()
    for key, default, _ in describe(default_settings()):
        if key in ("per-file-ignores", "teams-by-path", "teams-by-kind"):
            _section(tables, SETTING_HELP[key])
            [example] = ConfigFile.model_fields[KEYS[key]].examples or [{}]
            example_table = tomlkit.table()
            fill(example_table, list(example.items()), width=WIDTH - 2)
            tables.append(key, example_table)
            example_table.trivia.indent = ""  # right below its comment
        elif key == "rules":
            _section(tables, SETTING_HELP[key])
            rules = tomlkit.table(is_super_table=True)
            for code, rule in REGISTRY.items():
                if rule.Options is None or not rule.Options.model_fields:
                    continue
                table = tomlkit.table()
                table.add("severity", rule.severity.name)
                defaults = rule.Options().model_dump(mode="json", by_alias=True)
                for name, info in rule.Options.model_fields.items():
                    alias = info.alias or name
                    for line in comment_lines(info.description or "", ""):
                        table.add(tomlkit.comment(line.removeprefix("# ")))
                    fill(table, [(alias, defaults[alias])], width=WIDTH - 2)
                table.comment(rule.name)
                table.trivia.comment_ws = "  "
                rules.append(code, table)
            tables.append(key, rules)
        elif default is None:  # a setting that is off until set: its example, commented out
            _section(settings, SETTING_HELP[key])
            [example] = ConfigFile.model_fields[KEYS[key]].examples or [""]
            settings.add(tomlkit.comment(assignment(key, example)))
        else:
            _section(settings, SETTING_HELP[key])
            fill(settings, [(key, default)], width=WIDTH - 2)
    extra = dumps(tables)
    if not examples:
        extra = "".join(
            line
            if line.startswith("#") or not line.strip()
            else comment_out(line.rstrip("\n")) + "\n"
            for line in extra.splitlines(keepends=True)
        )
    return dumps(settings) + extra


# --- persona init ---------------------------------------------------------------------------------

STARTER_ID = "ciso-risk-averse"
#: The starter's last_reviewed as written in the packaged file; every date in it is moved by
#: the same number of days so that the review is today and the evidence weeks before it.
STARTER_ANCHOR = dt.date(2026, 10, 28)
_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
GITATTRIBUTES_LINES = ("{dir}/**/*.yaml diff=persona", "{dir}/**/*.yml diff=persona")
TEXTCONV_COMMAND = 'git config diff.persona.textconv "persona textconv"'


@dataclass(frozen=True, slots=True)
class ScaffoldFile:
    """A file `persona init` writes: where, what, and one line on what it is for."""

    path: str
    text: str
    purpose: str


@dataclass(frozen=True, slots=True)
class InitStep:
    """What happens to one file: `create`, `overwrite` (with --force), `append` (lines added
    to an existing .gitattributes), `unchanged` (already as it would be written), or
    `conflict` (exists; nothing is written)."""

    file: ScaffoldFile
    target: Path
    action: str
    text: str
    snapshot: Snapshot | None = None


@dataclass(frozen=True, slots=True)
class InitPlan:
    directory: Path
    steps: tuple[InitStep, ...]
    #: Why writing would lose something, one short reason per file (empty: go ahead).
    conflicts: tuple[str, ...]
    #: The repository `directory` is in, if any: GitHub and pre-commit read their files
    #: only at its root.
    git_root: Path | None


def _data(name: str) -> str:
    return (INIT_DIR / name).read_text(encoding="utf-8").replace("@VERSION@", __version__)


def starter_persona(today: dt.date) -> str:
    """The packaged example buyer with its dates moved so that it was reviewed `today`."""
    shift = today - STARTER_ANCHOR

    def move(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match[1]) + shift).isoformat()

    return _DATE.sub(move, _data("starter-persona.yaml"))


def schema_json() -> str:
    """The JSON Schema as `persona schema` prints it."""
    from persona_cli.domain.model import persona_json_schema

    return json.dumps(persona_json_schema(), indent=2, ensure_ascii=False) + "\n"


def scaffold_files(today: dt.date) -> tuple[ScaffoldFile, ...]:
    """Every file of a new persona repository, in the order they are reported."""
    from persona_cli.io.settings import DEFAULT_PATHS

    personas = DEFAULT_PATHS[0]
    attributes = "".join(line.format(dir=personas) + "\n" for line in GITATTRIBUTES_LINES)
    return (
        ScaffoldFile(".persona.toml", persona_toml(), "settings, every default written out"),
        ScaffoldFile(
            f"{personas}/{STARTER_ID}.yaml",
            starter_persona(today),
            "a complete example buyer to learn the format from",
        ),
        ScaffoldFile(
            f"schemas/{SCHEMA_FILE}", schema_json(), "the schema editors complete fields from"
        ),
        ScaffoldFile(
            "templates/README.md",
            _data("templates-README.md"),
            "how to override the briefing templates",
        ),
        ScaffoldFile(
            ".pre-commit-config.yaml",
            _data("pre-commit-config.yaml").replace("@PERSONAS@", personas),
            "persona-fmt and persona-lint on every commit",
        ),
        ScaffoldFile(
            ".github/workflows/personas.yml",
            _data("personas.yml"),
            "lint and diff on pull requests, age every week",
        ),
        ScaffoldFile(".gitattributes", attributes, "git diff shows what a change means"),
    )


def _git_root(directory: Path) -> Path | None:
    return next((f for f in (directory, *directory.parents) if (f / ".git").exists()), None)


def _persona_table(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "persona" in tool


def plan_init(directory: Path, *, force: bool, today: dt.date) -> InitPlan:
    """What `persona init` would do in `directory`: nothing is lost without `--force`."""
    from persona_cli.io import fileio

    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{directory}: not a directory", hint="pass a folder to create or fill")
    given = directory
    directory = Path(os.path.abspath(directory))  # noqa: PTH100
    steps: list[InitStep] = []
    conflicts: list[str] = []
    for item in scaffold_files(today):
        target = directory / item.path
        blocked = next(
            (parent for parent in target.parents if parent.is_file() or parent == directory),
            directory,
        )
        if blocked != directory:  # checked before anything is written: no half-done init
            raise UsageError(
                f"{(given / blocked.relative_to(directory)).as_posix()}: is a file, and "
                f"persona init needs a folder there for {item.path}; nothing written",
                hint="rename or move that file, then run persona init again",
            )
        if not target.exists() and not target.is_symlink():
            steps.append(InitStep(item, target, "create", item.text))
            continue
        if not target.is_file():
            what = fileio.not_regular(target) or "not a regular file"
            conflicts.append(f"{item.path} ({what}, not a regular file)")
            steps.append(InitStep(item, target, "conflict", item.text))
            continue
        # A link (a shared .gitattributes) is written through and stays a link, as fmt does.
        raw, snapshot = fileio.read(target.resolve())
        current = raw.decode("utf-8", errors="replace")
        if current == item.text:
            steps.append(InitStep(item, target, "unchanged", item.text, snapshot))
        elif item.path == ".gitattributes":
            # Lines only add to what is there, so an existing file is extended, not replaced.
            present = set(current.splitlines())
            missing = [line for line in item.text.splitlines() if line not in present]
            if not missing:
                steps.append(InitStep(item, target, "unchanged", current, snapshot))
            else:
                glue = "" if not current or current.endswith("\n") else "\n"
                text = current + glue + "".join(line + "\n" for line in missing)
                steps.append(InitStep(item, target, "append", text, snapshot))
        elif force:
            steps.append(InitStep(item, target, "overwrite", item.text, snapshot))
        else:
            conflicts.append(item.path)
            steps.append(InitStep(item, target, "conflict", item.text, snapshot))
    pyproject = directory / "pyproject.toml"
    if not force and pyproject.is_file() and _persona_table(pyproject):
        conflicts.append("pyproject.toml (has [tool.persona], which .persona.toml would hide)")
    return InitPlan(directory, tuple(steps), tuple(conflicts), _git_root(directory))
