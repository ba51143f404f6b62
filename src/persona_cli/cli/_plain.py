"""What every command shares that needs no typer: settings, messages, file options.

Apart from `_common` (which re-exports them) so that a command run without typer
(`persona lint FILE...`, see `cli.main`) can use them: importing this module imports neither
typer nor any heavy library.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import UsageError

if TYPE_CHECKING:
    from persona_cli.io.settings import Settings


def load_settings(*, config: Path | None = None, cwd: Path | None = None) -> Settings:
    """The effective settings (`--config`, else the discovered file, else the defaults), with
    selectors and `[rules.CODE]` tables checked against the lint rule catalogue. The reading
    is io's, the catalogue lint's; a command is where the two meet."""
    from persona_cli.io import config as configuration

    if configuration.config_path(config=config, cwd=cwd) is None:
        # No file, nothing to check: the catalogue (every rule module) is not imported.
        return configuration.default_settings()
    from persona_cli.lint.rules.catalogue import REGISTRY

    return configuration.load_settings(rules=REGISTRY, config=config, cwd=cwd)


def warn(message: str) -> None:
    """One warning line on stderr: an option accepted but doing nothing here, and the like."""
    say(f"persona: warning: {message}")


def say(line: str) -> None:
    """One line on stderr with hidden characters shown as `<U+202E>`: messages name files
    and quote persona text, and either can hold a bidirectional override."""
    from persona_cli.domain.hidden import reveal

    sys.stderr.write(f"{reveal(line)}\n")


def check_color(color: bool | None, terminal_format: str | None) -> None:
    """`--color` forces colour on the text output; where nothing prints as text (json,
    markdown, or every report written to a file) it would do nothing: say so."""
    if not color or terminal_format == "text":
        return
    if terminal_format is None:
        warn("--color: every report is written to a file, and files get no colour; ignored")
    else:
        warn(f"--color: the {terminal_format} output has no colour; ignored")


def file_option(value: str | None, option: str) -> Path | None:
    """A report file option: `-` is stdout (None, as when it is left out), the way most
    tools read it, never a file named `-`; an empty one (an unset variable in a script) is
    refused, not read as the current folder."""
    if value is None or value == "-":
        return None
    if not value.strip():
        raise UsageError(
            f"{option}: an empty file name was given",
            hint=f"pass {option} FILE, or leave it out (or pass -) for stdout",
        )
    return _home(value)


def _home(value: str) -> Path:
    """A leading `~` is the home folder: shells leave it alone in `--out=~/x` (zsh, POSIX
    sh), and a folder named `~` in a repository is never what was meant. (os.path: unlike
    Path.expanduser, it does not raise where no home folder is known.)"""
    return Path(os.path.expanduser(value))  # noqa: PTH111


def folder_option(value: str | None, option: str) -> Path | None:
    """An output folder option: an empty one (an unset variable in a script) is refused, not
    read as the current folder, where the files would scatter; `-` too, since a folder
    cannot be stdout (and one named `-` is surely a mistake); and one that is, or is below,
    a file."""
    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option}: an empty folder name was given", hint=f"pass {option} DIR")
    if value == "-":
        raise UsageError(
            f"{option} -: {option} takes a folder to write files into, not stdout",
            hint=f"pass {option} DIR, or leave {option} out to print",
        )
    folder = _home(value)
    for above in (folder, *folder.parents):  # a file in the way: say so, before any work
        if above.exists() and not above.is_dir():
            where = "exists and is not a folder" if above == folder else f"{above} is a file"
            raise UsageError(
                f"{option} {value}: {where}", hint=f"pass {option} DIR, a folder or a new path"
            )
    return folder


def split_separated(
    values: list[str] | None, after: int | None
) -> tuple[list[str], list[str] | None]:
    """A command's last argument split at `--`: (before, after), after None when there was
    no `--`; `after` is how many of `values` came after it."""
    found = list(values or [])
    if after is None:
        return found, None
    count = min(int(after), len(found))
    return found[: len(found) - count], found[len(found) - count :]
