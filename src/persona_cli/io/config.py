"""Find and read the configuration file and turn it into `Settings`, or say exactly what is wrong.

Discovery walks up from the current directory, as ruff does: in each folder `.persona.toml`
wins, else a `pyproject.toml` with a `[tool.persona]` table; the first hit ends the walk, so a
nested project can override its parent. `--config PATH` skips discovery.

The `ConfigFile` model validates the table; every mistake it finds becomes a `ConfigError` of
one line: the file, the line (tomllib gives no positions, so we search the raw text for the
key), the key, and what to write instead. A typo in a selector or a rule table would otherwise
silently disable a check, which is worse than failing.

Without a file there is nothing to check: the settings are the plain record's defaults, and
neither pydantic (the model) nor tomllib is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from persona_cli.domain.errors import ConfigError
from persona_cli.io.file_read import not_regular
from persona_cli.io.settings import SETTING_FIELDS, Settings, suggest, toml_key, type_name

if TYPE_CHECKING:
    import tomllib

    from pydantic_core import ErrorDetails

    from persona_cli.io.config_model import Catalogue

#: The dedicated config file; it wins over `pyproject.toml` in the same folder.
PERSONA_TOML = ".persona.toml"
PYPROJECT = "pyproject.toml"

#: TOML key -> Settings field, in the order `persona config` shows them (the model's keys:
#: tests/test_config.py holds the two equal).
KEYS: dict[str, str] = {toml_key(name): name for name in SETTING_FIELDS}
#: Settings fields that `sources` reports on (every TOML-settable one).
SOURCE_FIELDS: tuple[str, ...] = SETTING_FIELDS
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


def load_settings(
    *, rules: Catalogue, config: Path | None = None, cwd: Path | None = None
) -> Settings:
    """The effective settings: from `--config`, else the discovered file, else the defaults.

    `rules` is the rule catalogue that selectors and `[rules.CODE]` tables are checked
    against (the lint layer's registry). `root` is the config file's folder, so
    `paths = ["personas"]` means the same folder wherever in the repository `persona` runs.
    """
    here = cwd if cwd is not None else Path.cwd()
    path = config_path(config=config, cwd=here)
    if path is None:
        return default_settings()
    return _Loader(path, display_path(path, here), rules).settings()


def default_settings() -> Settings:
    """`Settings()` with every source marked as the default.

    Nothing to validate: the record's defaults are the model's (tests/test_config.py holds
    them equal), so a run without a config file never imports pydantic."""
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
    from pydantic_core import to_jsonable_python

    rows: list[tuple[str, Any, str]] = []
    for key, name in KEYS.items():
        value: Any = getattr(settings, name)
        if name == "rules":
            value = {code: rule.table() for code, rule in sorted(value.items())}
        rows.append((key, to_jsonable_python(value), settings.sources.get(name, DEFAULT)))
    return rows


def _has_persona_table(path: Path, display: str) -> bool:
    """Whether a pyproject holds `[tool.persona]`.

    A broken pyproject is skipped unless it mentions persona: another tool's syntax error must
    not stop `persona`, but a broken table of ours must not be silently ignored either.
    """
    import tomllib

    text = _read(path, display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as failure:
        if "persona" in text:
            raise _syntax_error(failure, text, display) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "persona" in tool


def _read(path: Path, display: str) -> str:
    from persona_cli.io.fileio import NotRegularFileError, read_regular  # a file is there

    try:
        try:
            raw, _ = read_regular(path)
        except NotRegularFileError:
            raise ConfigError(
                f"{display}: not a regular file; its settings cannot be read",
                hint="replace it with a TOML file, or remove it",
            ) from None
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

    def __init__(self, path: Path, display: str, rules: Catalogue) -> None:
        self.path = path
        self.rules = rules
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
        import tomllib

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
                f"'tool.persona' must be a table, got {type_name(table)}",
                "write the settings under a [tool.persona] header",
            )
        return table

    def settings(self) -> Settings:
        from pydantic import ValidationError

        from persona_cli.io.config_model import ConfigFile, rules_context

        table = self.table()
        try:
            found = ConfigFile.model_validate(table, context=rules_context(self.rules))
        except ValidationError as failure:
            # The first mistake in the file's order, as a reader meets it.
            order = {key: index for index, key in enumerate(table)}
            problems = failure.errors(include_url=False)
            first = min(problems, key=lambda problem: order.get(str(problem["loc"][0]), 0))
            raise self.explain(first) from None
        values = {name: getattr(found, name) for name in SOURCE_FIELDS}
        given = found.model_fields_set
        sources = {name: self.display if name in given else DEFAULT for name in SOURCE_FIELDS}
        root = str(self.path.resolve().parent)
        return Settings(**values, root=root, sources=sources)

    def explain(self, problem: ErrorDetails) -> ConfigError:
        """pydantic's first complaint as one line at the key's line, with what to write."""
        from persona_cli.io.config_model import ConfigFile
        from persona_cli.io.tomlwrite import assignment

        keys = [str(part) for part in problem["loc"] if isinstance(part, str)]
        key, value, context = keys[0], problem["input"], problem.get("ctx", {})
        field = ConfigFile.model_fields.get(KEYS.get(key, ""))
        if problem["type"] == "persona_config":
            return self.error(
                context["message"], context["hint"], *keys, *context["at"], value=context["value"]
            )
        if problem["type"] == "extra_forbidden":
            hint = suggest(key, list(KEYS), listing="valid keys are")
            return self.error(f"unknown key '{key}'", hint, key)
        if problem["type"] == "selector":
            message = f"no rule or prefix '{value}' in '{_dotted(*keys)}'"
            return self.error(message, context["hint"], *keys, value=value)
        if field is None:  # not expected (every other error is about a known field): say it plainly
            return self.error(f"'{_dotted(*keys)}': {problem['msg']}", "see persona config", key)
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        expected = extra.get("expected", "a list of strings")
        name, sample = key, (field.examples or [None])[0]
        if len(keys) > 1 and isinstance(sample, dict):  # an entry of per-file-ignores
            name, sample, expected = keys[-1], next(iter(sample.values())), "a list of strings"
        example = assignment(name, sample)
        if problem["type"] == "too_short":
            return self.error(f"'{key}' is empty", f"list at least one folder, e.g. {example}", key)
        if problem["type"] == "literal_error":
            choices = list(get_args(field.annotation))
            hint = (
                suggest(value, choices, listing="expected one of")
                if isinstance(value, str)
                else f"expected one of: {', '.join(choices)}"
            )
            shown = f'"{value}"' if isinstance(value, str) else repr(value)
            return self.error(f"bad value {shown} for '{key}'", hint, key)
        inner = len(problem["loc"]) > len(keys) and problem["type"] == "string_type"
        got = "an array with non-strings" if inner else type_name(value)
        return self.error(
            f"'{_dotted(*keys)}' expected {expected}, got {got}", f"write it as {example}", *keys
        )


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
