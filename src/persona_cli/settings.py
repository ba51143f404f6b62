"""The effective lint settings and the decisions they drive (which rules run, at what
severity, with which options, on which files). Loading them from TOML is `config.py`'s job.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Any

from persona_cli.result import Severity

#: Default folders to lint when no path is given.
DEFAULT_PATHS = ("personas",)


@dataclass(frozen=True)
class RuleSettings:
    """Per-rule overrides: a severity and the rule's options (validated by the rule)."""

    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything `[tool.persona]` / `.persona.toml` can set. Selectors are codes or code
    prefixes (`W`, `R01`, `E004`) or `ALL`; `ignore` wins over `select`, as in ruff."""

    paths: tuple[str, ...] = DEFAULT_PATHS
    #: Directory that `paths`, `exclude` and `per-file-ignores` are relative to (the config
    #: file's folder); None means the current directory.
    root: str | None = None
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "error"
    include_retired: bool = False
    rules: dict[str, RuleSettings] = field(default_factory=dict)
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
