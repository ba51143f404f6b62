"""Find and read the configuration file and turn it into `Settings`, or say exactly what is wrong.

Discovery walks up from the current directory, as ruff does: in each folder `.persona.toml`
wins, else a `pyproject.toml` with a `[tool.persona]` table; the first hit ends the walk, so a
nested project can override its parent. `--config PATH` skips discovery.

Every mistake is a `ConfigError` of one line: the file, the line (tomllib gives no positions,
so we search the raw text for the key), the key, and what to write instead. A typo in a
selector or a rule table would otherwise silently disable a check, which is worse than failing.

The rule registry (and with it pydantic) is imported only when a file is actually validated,
so commands that never read a config stay fast.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.errors import ConfigError
from persona_cli.fileio import not_regular
from persona_cli.result import Severity
from persona_cli.settings import RuleSettings, Settings

if TYPE_CHECKING:
    from pydantic import BaseModel

    from persona_cli.rules.base import Rule

#: The dedicated config file; it wins over `pyproject.toml` in the same folder.
PERSONA_TOML = ".persona.toml"
PYPROJECT = "pyproject.toml"

#: TOML key -> Settings field, in the order `persona config` shows them.
KEYS: dict[str, str] = {
    "paths": "paths",
    "exclude": "exclude",
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "fail-on": "fail_on",
    "include-retired": "include_retired",
    "rules": "rules",
}
#: Settings fields that `sources` reports on (every TOML-settable one).
SOURCE_FIELDS: tuple[str, ...] = tuple(KEYS.values())
FAIL_ON = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")
DEFAULT = "default"


def find_config(cwd: Path) -> Path | None:
    """The nearest config file at or above `cwd`, or None.

    A `pyproject.toml` without `[tool.persona]` does not stop the walk: most repositories have
    one for other tools, and it must not hide a `.persona.toml` further up.
    """
    directory = cwd.resolve()
    while True:
        candidate = directory / PERSONA_TOML
        if candidate.is_file():
            return candidate
        _refuse_special(candidate, cwd)
        candidate = directory / PYPROJECT
        if candidate.is_file() and _has_persona_table(candidate, display_path(candidate, cwd)):
            return candidate
        _refuse_special(candidate, cwd)
        if directory.parent == directory:
            return None
        directory = directory.parent


def config_path(*, config: Path | None = None, cwd: Path | None = None) -> Path | None:
    """The file `load_settings` reads: `--config` when given (it must exist), else discovery."""
    here = cwd if cwd is not None else Path.cwd()
    if config is None:
        return find_config(here)
    path = config if config.is_absolute() else here / config
    if not path.is_file():
        what = not_regular(path)
        if what is None:
            raise ConfigError(f"{config}: no such file", hint="check the --config path")
        raise ConfigError(
            f"{config}: {what}, not a regular file; its settings cannot be read",
            hint="pass a TOML file to --config",
        )
    return path


def _refuse_special(path: Path, cwd: Path) -> None:
    """A config file's name taken by something that is not a file: the user's settings may
    be meant to be there, so it is an error, never silently passed over for another file."""
    what = not_regular(path)
    if what is not None:
        try:  # not resolved: the link itself is what is named
            shown = path.relative_to(cwd.resolve()).as_posix()
        except ValueError:
            shown = str(path)
        raise ConfigError(
            f"{shown}: {what}, not a regular file; its settings cannot be read",
            hint="replace it with a TOML file, or remove it, or pass --config",
        )


def load_settings(*, config: Path | None = None, cwd: Path | None = None) -> Settings:
    """The effective settings: from `--config`, else the discovered file, else the defaults.

    `root` is the config file's folder, so `paths = ["personas"]` means the same folder
    wherever in the repository `persona` runs.
    """
    here = cwd if cwd is not None else Path.cwd()
    path = config_path(config=config, cwd=here)
    if path is None:
        return default_settings()
    return _Loader(path, display_path(path, here)).settings()


def default_settings() -> Settings:
    """`Settings()` with every source marked as the default."""
    return Settings(sources=dict.fromkeys(SOURCE_FIELDS, DEFAULT))


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` when inside it (what users typed), else absolute."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(cwd.resolve()).as_posix()
    except ValueError:
        return str(resolved)


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """(TOML key, plain value, source) rows for `persona config`, in a stable order.

    Values are plain JSON/TOML types (lists, dicts, strings) so both the text and the JSON
    output can print them without knowing about tuples or severities. `rules` maps a rule code
    to its table as it would be written in TOML (`severity` plus the options as given).
    """
    rows: list[tuple[str, Any, str]] = []
    for key, name in KEYS.items():
        value: Any = getattr(settings, name)
        if name == "rules":
            value = {code: _rule_table(rule) for code, rule in sorted(value.items())}
        elif name == "per_file_ignores":
            value = {pattern: list(codes) for pattern, codes in value.items()}
        elif isinstance(value, tuple):
            value = list(value)
        rows.append((key, value, settings.sources.get(name, DEFAULT)))
    return rows


def _rule_table(rule: RuleSettings) -> dict[str, Any]:
    table: dict[str, Any] = {}
    if rule.severity is not None:
        table["severity"] = rule.severity.name
    table.update(rule.options)
    return table


def _has_persona_table(path: Path, display: str) -> bool:
    """Whether a pyproject holds `[tool.persona]`.

    A broken pyproject is skipped unless it mentions persona: another tool's syntax error must
    not stop `persona`, but a broken table of ours must not be silently ignored either.
    """
    text = _read(path, display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as failure:
        if "persona" in text:
            raise _syntax_error(failure, text, display) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "persona" in tool


#: Opening never waits for a writer: a FIFO put in the file's place after the check is refused.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _read(path: Path, display: str) -> str:
    try:
        handle = os.open(path, _READ_FLAGS)
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                raise ConfigError(
                    f"{display}: not a regular file; its settings cannot be read",
                    hint="replace it with a TOML file, or remove it",
                )
            with os.fdopen(os.dup(handle), "rb") as stream:
                raw = stream.read()
        finally:
            os.close(handle)
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        raise ConfigError(
            f"{display}: not UTF-8 (bad byte at offset {failure.start})",
            hint="save the file as UTF-8",
        ) from None
    except OSError as failure:
        raise ConfigError(
            f"{display}: cannot read: {failure.strerror or failure}",
            hint="check the file's permissions",
        ) from None


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_END = re.compile(r"\s*\(at end of document\)$")


def _syntax_error(failure: tomllib.TOMLDecodeError, text: str, display: str) -> ConfigError:
    """file:line:col from tomllib's message (it only puts the position in the text)."""
    message = str(failure)
    if match := _POSITION.search(message):
        line, column = int(match[1]), int(match[2])
        message = message[: match.start()]
    else:
        # "at end of document": an unterminated string, array or table runs to the end.
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
        message = _END.sub("", message) + " at the end of the file"
    message = message[:1].lower() + message[1:]
    return ConfigError(f"{display}:{line}:{column}: {message}", hint="fix the TOML syntax")


def _suggest(word: str, candidates: Iterable[str], *, listing: str) -> str:
    """'did you mean X?' for a near miss, else the full list of valid choices."""
    choices = list(candidates)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"{listing}: {', '.join(choices)}" if choices else listing


def _type_name(value: object) -> str:
    names = {
        str: "a string",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        list: "an array",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


def _toml_repr(value: object) -> str:
    """Short TOML-ish rendering of a bad value for messages."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


@dataclass(frozen=True)
class _Text:
    """The raw file, for finding the line of a key (tomllib reports no positions)."""

    lines: list[str]
    #: Dotted table holding our keys: () for .persona.toml, ("tool", "persona") for pyproject.
    base: tuple[str, ...]

    def header(self, table: tuple[str, ...]) -> int | None:
        """0-based index of the `[a.b.c]` header line of `table`, if written that way."""
        parts = r"\s*\.\s*".join(_key(part) for part in table)
        pattern = re.compile(rf"^\s*\[\s*{parts}\s*\]")
        return next((i for i, line in enumerate(self.lines) if pattern.match(line)), None)

    def section(self, table: tuple[str, ...]) -> range | None:
        """Lines from `table`'s header (or the file's start for the root) to the next header."""
        if table:
            start = self.header(table)
            if start is None:
                return None
            start += 1
        else:
            start = 0
        end = next(
            (i for i in range(start, len(self.lines)) if self.lines[i].lstrip().startswith("[")),
            len(self.lines),
        )
        return range(start, end)

    def find(self, *keys: str, value: str | None = None) -> int | None:
        """1-based line of the key path `keys` (and of `value` in its array), best effort."""
        path = (*self.base, *keys)
        index = self.header(path)
        if index is None:
            # `key =`, also as the last part of a dotted key or inside an inline table.
            key = re.compile(rf"(?:^|[\s.{{,]){_key(keys[-1])}\s*=")
            regions = [self.section(path[:-1]), range(len(self.lines))]
            index = next(
                (
                    i
                    for region in regions
                    if region is not None
                    for i in region
                    if key.search(_code(self.lines[i]))
                ),
                None,
            )
        if index is None:
            return None
        if value is not None:
            quoted = re.compile(rf"""["']{re.escape(value)}["']""")
            later = range(index, min(index + 50, len(self.lines)))
            index = next((i for i in later if quoted.search(_code(self.lines[i]))), index)
        return index + 1


def _key(key: str) -> str:
    """A regex for one TOML key part, bare or quoted."""
    escaped = re.escape(key)
    return f"""(?:{escaped}|"{escaped}"|'{escaped}')"""


def _dotted(*keys: str) -> str:
    """A TOML key path as written: `per-file-ignores."drafts/**"` (bare keys stay bare)."""
    return ".".join(key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"' for key in keys)


def _code(line: str) -> str:
    """A line without its comment (good enough: '#' inside strings is rare in config)."""
    return line.split("#", 1)[0]


class _Loader:
    """Validates one file's table into Settings; holds what messages need (name, raw text)."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.is_pyproject = path.name == PYPROJECT
        self.text = _Text([], ("tool", "persona") if self.is_pyproject else ())

    def error(
        self, message: str, hint: str | None, *keys: str, value: str | None = None
    ) -> ConfigError:
        line = self.text.find(*keys, value=value) if keys else None
        where = f"{self.display}:{line}" if line else self.display
        return ConfigError(f"{where}: {message}", hint=hint)

    def table(self) -> dict[str, Any]:
        raw = _read(self.path, self.display)
        self.text = _Text(raw.splitlines(), self.text.base)
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as failure:
            raise _syntax_error(failure, raw, self.display) from None
        if not self.is_pyproject:
            return data
        tool = data.get("tool", {})
        table = tool.get("persona") if isinstance(tool, dict) else None
        if table is None:
            raise ConfigError(
                f"{self.display}: no [tool.persona] table",
                hint="add one, or put the settings in a .persona.toml",
            )
        if not isinstance(table, dict):
            raise self.error(
                f"'tool.persona' must be a table, got {_type_name(table)}",
                "write the settings under a [tool.persona] header",
            )
        return table

    def settings(self) -> Settings:
        table = self.table()
        values: dict[str, Any] = {}
        for key, value in table.items():
            field = KEYS.get(key)
            if field is None:
                raise self.error(
                    f"unknown key '{key}'", _suggest(key, KEYS, listing="valid keys are"), key
                )
            values[field] = self.convert(key, value)
        sources = {name: self.display if name in values else DEFAULT for name in SOURCE_FIELDS}
        return Settings(**values, root=str(self.path.resolve().parent), sources=sources)

    def convert(self, key: str, value: object) -> object:
        converters: dict[str, Callable[[str, object], object]] = {
            "paths": self.paths,
            "exclude": self.strings,
            "select": self.selectors,
            "extend-select": self.selectors,
            "ignore": self.selectors,
            "per-file-ignores": self.per_file_ignores,
            "fail-on": self.fail_on,
            "include-retired": self.boolean,
            "rules": self.rules,
        }
        return converters[key](key, value)

    def strings(self, key: str, value: object, *keys: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            got = _type_name(value) if not isinstance(value, list) else "an array with non-strings"
            shown = _dotted(*keys, key)
            raise self.error(
                f"'{shown}' expected a list of strings, got {got}",
                f'write it as {key} = ["..."]',
                *keys,
                key,
            )
        return tuple(value)

    def paths(self, key: str, value: object) -> tuple[str, ...]:
        paths = self.strings(key, value)
        if not paths:
            raise self.error(
                "'paths' is empty", 'list at least one folder, e.g. paths = ["personas"]', key
            )
        return paths

    def selectors(self, key: str, value: object, *keys: str) -> tuple[str, ...]:
        """Codes, code prefixes or ALL, upper-cased; a rule's name is accepted for its code."""
        from persona_cli.rules.catalogue import REGISTRY, lookup

        chosen: list[str] = []
        for selector in self.strings(key, value, *keys):
            upper = selector.strip().upper()
            if upper == "ALL" or (upper and any(code.startswith(upper) for code in REGISTRY)):
                chosen.append(upper)
                continue
            rule = lookup(selector) if selector else None
            if rule is not None:
                chosen.append(rule.code)
                continue
            raise self.error(
                f"no rule or prefix '{selector}' in '{_dotted(*keys, key)}'",
                _selector_hint(upper, REGISTRY),
                *keys,
                key,
                value=selector,
            )
        return tuple(chosen)

    def per_file_ignores(self, key: str, value: object) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict):
            raise self.error(
                f"'{key}' expected a table of glob = [codes], got {_type_name(value)}",
                f'write it as [{key}] with lines like "drafts/**" = ["S001"]',
                key,
            )
        return {pattern: self.selectors(pattern, codes, key) for pattern, codes in value.items()}

    def fail_on(self, key: str, value: object) -> str:
        if not isinstance(value, str) or value not in FAIL_ON:
            hint = (
                _suggest(value, FAIL_ON, listing="expected one of")
                if isinstance(value, str)
                else f"expected one of: {', '.join(FAIL_ON)}"
            )
            raise self.error(f"bad value {_toml_repr(value)} for '{key}'", hint, key)
        return value

    def boolean(self, key: str, value: object) -> bool:
        if not isinstance(value, bool):
            raise self.error(
                f"'{key}' expected true or false, got {_type_name(value)}",
                f"write it as {key} = true (no quotes)",
                key,
            )
        return value

    def rules(self, key: str, value: object) -> dict[str, RuleSettings]:
        from persona_cli.rules.catalogue import REGISTRY, lookup

        if not isinstance(value, dict):
            raise self.error(
                f"'{key}' expected [rules.CODE] tables, got {_type_name(value)}",
                'write e.g. [rules.S002] with severity = "warning"',
                key,
            )
        result: dict[str, RuleSettings] = {}
        seen: dict[str, str] = {}
        for name, table in value.items():
            rule = lookup(name)
            if rule is None:
                names = [*REGISTRY, *(r.name for r in REGISTRY.values())]
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                raise self.error(
                    f"unknown rule '{name}' in [rules.{name}]",
                    f"did you mean '{close[0]}'?"
                    if close
                    else "run 'persona rule --all' for the codes and names",
                    key,
                    name,
                )
            if rule.code in seen:
                raise self.error(
                    f"rule {rule.code} is configured twice, as [rules.{seen[rule.code]}] "
                    f"and [rules.{name}]",
                    "merge them into one table",
                    key,
                    name,
                )
            seen[rule.code] = name
            result[rule.code] = self.rule(rule, name, table)
        return result

    def rule(self, rule: type[Rule], name: str, table: object) -> RuleSettings:
        label = f"rule {rule.code} ({rule.name})"
        if not isinstance(table, dict):
            raise self.error(
                f"[rules.{name}] expected a table, got {_type_name(table)}",
                f'write it as [rules.{name}] with severity = "warning"',
                "rules",
                name,
            )
        options = {k: v for k, v in table.items() if k != "severity"}
        severity: Severity | None = None
        if "severity" in table:
            raw = table["severity"]
            if not isinstance(raw, str) or raw not in SEVERITIES:
                hint = (
                    _suggest(raw, SEVERITIES, listing="expected one of")
                    if isinstance(raw, str)
                    else f"expected one of: {', '.join(SEVERITIES)}"
                )
                raise self.error(
                    f"bad severity {_toml_repr(raw)} for {label}", hint, "rules", name, "severity"
                )
            severity = Severity[raw]
        model = rule.Options
        allowed = _option_names(model)
        if options and not allowed:
            first = next(iter(options))
            close = difflib.get_close_matches(first, ["severity"], n=1, cutoff=0.6)
            raise self.error(
                f"{label} has no option '{first}'",
                "did you mean 'severity'?" if close else "it takes no options, only 'severity'",
                "rules",
                name,
                first,
            )
        if options and model is not None:
            self.validate(model, options, label, name, allowed)
        return RuleSettings(severity=severity, options=options)

    def validate(
        self,
        model: type[BaseModel],
        options: dict[str, Any],
        label: str,
        name: str,
        allowed: list[str],
    ) -> None:
        """Let the rule's own pydantic model judge the options; report its first complaint."""
        from pydantic import ValidationError

        try:
            model.model_validate(options)
        except ValidationError as failure:
            problems = failure.errors(include_url=False)
            first = problems[0]
            option = ".".join(str(part) for part in first["loc"]) or "?"
            top = str(first["loc"][0]) if first["loc"] else None
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            if first["type"] == "extra_forbidden":
                raise self.error(
                    f"{label} has no option '{option}'{more}",
                    _suggest(option, ["severity", *allowed], listing="valid options are"),
                    "rules",
                    name,
                    *([top] if top else []),
                ) from None
            # A check across options (min above max) has no one option to name.
            what = f"value for option '{option}'" if top else "options"
            raise self.error(
                f"bad {what} of {label}: {first['msg'].removeprefix('Value error, ')}{more}",
                f"see 'persona rule {name}' for the option's type",
                "rules",
                name,
                *([top] if top else []),
            ) from None


def _option_names(model: type[BaseModel] | None) -> list[str]:
    """The kebab-case names a rule's options model accepts (empty: the rule has none)."""
    if model is None:
        return []
    return [info.alias or field for field, info in model.model_fields.items()]


def _selector_hint(selector: str, registry: Iterable[str]) -> str:
    """A near code, else the codes under the longest valid prefix, else where to look."""
    codes = sorted(registry)
    close = difflib.get_close_matches(selector, codes, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    for end in range(len(selector) - 1, 0, -1):
        prefix = selector[:end]
        under = [code for code in codes if code.startswith(prefix)]
        if under:
            shown = ", ".join(under[:8]) + (", ..." if len(under) > 8 else "")
            return f"codes starting with '{prefix}': {shown}"
    return "run 'persona rule --all' for the codes; a prefix like 'S' selects a family"


__all__ = [
    "KEYS",
    "SOURCE_FIELDS",
    "config_path",
    "default_settings",
    "describe",
    "display_path",
    "find_config",
    "load_settings",
]
