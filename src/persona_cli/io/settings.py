"""The effective settings as the rest of the code reads them, and the decisions they drive
(which rules run, at what severity, with which options, on which files).

`Settings` is a plain frozen record: building it imports no validation library, so a command
run where there is no configuration file (most runs of `persona age` or `persona diff`)
never pays for one. What a configuration file may hold is `config_model.ConfigFile`, the
pydantic model that checks a file's table; `config.py` builds this record from it. The
record's fields and defaults are the model's (tests/test_config.py holds them equal).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field, fields
from typing import Any, Literal

from persona_cli.domain.severity import Severity

#: Default folders to lint when no path is given.
DEFAULT_PATHS = ("personas",)
SEVERITIES = ("error", "warning", "info")
FailOn = Literal["error", "warning", "info", "never"]


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """Per-rule overrides: a severity and the rule's options as written (kebab-case), already
    checked against the rule's options model; the engine builds the options from them."""

    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def table(self) -> dict[str, Any]:
        """The `[rules.CODE]` table as it would be written in TOML."""
        head = {} if self.severity is None else {"severity": self.severity.name}
        return head | self.options


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings: a config file's values (or the defaults), where each came
    from, and the folder relative paths are read from. The fields down to `rules` are the
    TOML keys (kebab-case there), in the order `persona config` shows them."""

    paths: tuple[str, ...] = DEFAULT_PATHS
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: FailOn = "error"
    include_retired: bool = False
    baseline: str | None = None
    teams_by_path: dict[str, tuple[str, ...]] = field(default_factory=dict)
    teams_by_kind: dict[str, tuple[str, ...]] = field(default_factory=dict)
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    #: Directory that `paths`, `exclude`, `per-file-ignores` and `baseline` are relative to
    #: (the config file's folder); None means the current directory.
    root: str | None = None
    #: Setting name -> where its value came from ("default", a file path, "--option").
    sources: dict[str, str] = field(default_factory=dict)

    def selected(self, code: str) -> bool:
        chosen = _matches(code, (*self.select, *self.extend_select))
        return chosen and not _matches(code, self.ignore)

    def ignored_for(self, code: str, path: str) -> bool:
        """True when `per-file-ignores` turns `code` off for `path` (a display path)."""
        return any(
            _matches(code, codes) and _glob(path, pattern)
            for pattern, codes in self.per_file_ignores.items()
        )

    def configured_teams(self, path: str, kind: str) -> tuple[str, ...] | None:
        """The teams the configuration gives a persona without `teams` of its own: the first
        `teams-by-path` glob matching its display path, else `teams-by-kind`, else None."""
        for pattern, names in self.teams_by_path.items():
            if _glob(path, pattern):
                return names
        return self.teams_by_kind.get(kind)

    def excluded(self, path: str) -> bool:
        return any(_glob(path, pattern) for pattern in self.exclude)

    def severity(self, code: str, default: Severity) -> Severity:
        override = self.rules.get(code)
        return override.severity if override and override.severity else default

    def options(self, code: str) -> dict[str, Any]:
        override = self.rules.get(code)
        return dict(override.options) if override else {}

    def fail_level(self) -> Severity | None:
        return None if self.fail_on == "never" else Severity[self.fail_on]


#: The fields a configuration file sets (every one but `root` and `sources`), in order.
SETTING_FIELDS: tuple[str, ...] = tuple(
    item.name for item in fields(Settings) if item.name not in {"root", "sources"}
)


def toml_key(name: str) -> str:
    """A field's key in the TOML file: `fail_on` is written `fail-on`."""
    return name.replace("_", "-")


def suggest(word: str, candidates: list[str], *, listing: str) -> str:
    """'did you mean X?' for a near miss, else the full list of valid choices."""
    import difflib  # only for a configuration mistake

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"{listing}: {', '.join(candidates)}" if candidates else listing


def type_name(value: object) -> str:
    """How a TOML value's type is said in a message."""
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    names |= {list: "an array", dict: "a table"}
    return names.get(type(value), type(value).__name__)


def _matches(code: str, selectors: tuple[str, ...]) -> bool:
    return any(s == "ALL" or code.startswith(s.upper()) for s in selectors)


def _glob(path: str, pattern: str) -> bool:
    """Match a posix display path against a glob; `dir/` and `dir/**` match everything below."""
    pattern = pattern.removeprefix("./")
    if pattern.endswith("/"):
        pattern += "**"
    if fnmatch.fnmatchcase(path, pattern):
        return True
    # `**/x.yaml` should also match `x.yaml` at the top, and `dir/**` the directory's files.
    return pattern.startswith("**/") and fnmatch.fnmatchcase(path, pattern[3:])
