"""Which briefing templates exist: the built-in teams, a repository's custom folder that
overrides or extends them, the committee templates, and how a template's path is shown in
messages. Nothing here compiles or runs a template."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from persona_cli.domain.errors import TemplateError, UsageError
from persona_cli.io import fileio

#: Where the built-in templates live (package data, so a wheel carries them).
BUILTIN_DIR = Path(__file__).resolve().parent / "templates"
#: The built-in teams, in the order `--team all` renders and `--list-teams` prints them.
BUILTIN_TEAMS: tuple[str, ...] = ("overview", "marketing", "sales", "product", "support")
TEAM_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TEMPLATE_SUFFIX = ".md.j2"
FORMATS: tuple[str, ...] = ("md", "html")
#: Committee briefings (`--segment`): built in for this team, in this template; a custom
#: `<team>-committee.md.j2` adds one for another team (or overrides sales').
COMMITTEE_TEAM = "sales"
COMMITTEE_TEMPLATE = "committee.md.j2"
COMMITTEE_SUFFIX = "-committee"
#: The index of a team's committee briefings (`--segment all --out`).
SEGMENTS_INDEX = "_segments_index.md.j2"
#: The HTML page's template and style sheet, which a custom folder may override alone.
PAGE_FILES: tuple[str, ...] = ("_page.html.j2", "briefing.css")


@dataclass(frozen=True, slots=True)
class Team:
    """A team whose briefing template exists: built in, or a file in the templates folder."""

    name: str
    path: Path
    builtin: bool


def find_templates(custom: Path | None) -> dict[str, Team]:
    """Built-in teams, overridden or extended by `custom/<team>.md.j2` (a slug). Files whose
    name starts with `_` are partials (headers, macros), not teams."""
    teams = {
        name: Team(name, BUILTIN_DIR / f"{name}{TEMPLATE_SUFFIX}", True) for name in BUILTIN_TEAMS
    }
    if custom is not None:
        for path in sorted(custom.glob(f"*{TEMPLATE_SUFFIX}")):
            name = path.name.removesuffix(TEMPLATE_SUFFIX)
            if name.startswith("_") or not TEAM_PATTERN.match(name) or is_committee(name):
                continue
            if path.is_file():
                teams[name] = Team(name, path, False)
    return teams


def ignored_templates(custom: Path | None) -> list[tuple[Path, str]]:
    """Templates in the custom folder that cannot be a team, each with why: a name that is
    not a slug (`Finance.md.j2`, `customer_success.md.j2`), or not a file (a folder, a broken
    link). Ignored, and said so when asked."""
    if custom is None:
        return []
    ignored = []
    for path in sorted(custom.glob(f"*{TEMPLATE_SUFFIX}")):
        name = path.name.removesuffix(TEMPLATE_SUFFIX)
        if name.startswith("_"):
            continue
        if not TEAM_PATTERN.match(name):
            why = "not a team name; rename it to a lowercase slug (a-z, 0-9 and -)"
            if _slug(name) != name:
                why += f", e.g. {_slug(name)}{TEMPLATE_SUFFIX}"
            ignored.append((path, why))
        elif not path.is_file():
            what = fileio.not_regular(path) or "not a readable file"
            ignored.append((path, f"{what}, not a regular file"))
    return ignored


def refuse_unreadable_templates(custom: Path | None) -> None:
    """A file of the custom folder in a built-in template's place (a team's, a partial, the
    HTML page's files) that is not a regular file (a FIFO, a folder, a broken link): an
    error, since the built-in one would silently be used instead. (Other names are not
    templates render uses; `ignored_templates` names them.)"""
    if custom is None:
        return
    for name in sorted(path.name for path in BUILTIN_DIR.iterdir()):
        what = fileio.not_regular(custom / name)
        if what is not None:
            folder = display(custom, Path.cwd())
            raise TemplateError(
                f"{folder}/{name}: {what}, not a regular file; the built-in template would be "
                "used in its place, so nothing was rendered",
                hint="replace it with a template file, or remove it",
            )


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "team"


def is_committee(name: str) -> bool:
    """`committee` and `<team>-committee` templates brief a segment, not a persona."""
    return name == "committee" or name.endswith(COMMITTEE_SUFFIX)


def committee_template(team: str, custom: Path | None) -> str | None:
    """The template that briefs `team` on a segment's committee: a custom
    `<team>-committee.md.j2`, else the built-in `committee.md.j2` for sales; None otherwise."""
    own = f"{team}{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}"
    if custom is not None and (custom / own).is_file():
        return own
    return COMMITTEE_TEMPLATE if team == COMMITTEE_TEAM else None


def committee_teams(name: str, custom: Path | None) -> list[str]:
    """The teams `--team NAME --segment ID` briefs: sales (built in), any team with a custom
    `<team>-committee.md.j2`, or all of those for `all`."""
    available = [COMMITTEE_TEAM]
    if custom is not None:
        for path in sorted(custom.glob(f"*{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}")):
            team = path.name.removesuffix(f"{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX}")
            if TEAM_PATTERN.match(team) and team not in available:
                available.append(team)
    if name == "all":
        return available
    if name in available:
        return [name]
    if not TEAM_PATTERN.match(name):
        raise UsageError(
            f"--team: unknown team '{name}'", hint=f"choose one of: all, {', '.join(available)}"
        )
    raise UsageError(
        f"--segment: no committee template for team '{name}'",
        hint=f"committee briefings are built in for {COMMITTEE_TEAM}; add "
        f"templates/{name}{COMMITTEE_SUFFIX}{TEMPLATE_SUFFIX} to write one for {name}",
    )


def holds_templates(folder: Path) -> bool:
    """A folder of briefing templates: `*.md.j2`, or only the HTML page's own files (a repo
    that restyles the pages overrides nothing else, and was silently ignored)."""
    return folder.is_dir() and (
        any(folder.glob(f"*{TEMPLATE_SUFFIX}"))
        or any(os.path.lexists(folder / name) for name in PAGE_FILES)
    )


def display(path: Path, cwd: Path) -> str:
    """A template's path for messages: relative to `cwd` when under it, a built-in one as
    `persona_cli/templates/<name>`, else as given."""
    try:
        return path.resolve().relative_to(cwd.resolve()).as_posix()
    except ValueError:
        pass
    try:
        return "persona_cli/templates/" + path.resolve().relative_to(BUILTIN_DIR).as_posix()
    except ValueError:
        return path.as_posix()


def partial(custom: Path | None, name: str) -> Path:
    """The file a template name resolves to: the custom folder's, else the built-in one."""
    if custom is not None and (custom / name).is_file():
        return custom / name
    return BUILTIN_DIR / name
