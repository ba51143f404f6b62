"""What a configuration file may hold, checked. Finding and reading the TOML file is
`config.py`'s job; the settings the rest of the code reads are `settings.Settings`, a plain
record built from this model's values. This module (and so pydantic) is imported only when
there is a file to check.

`ConfigFile` is what `.persona.toml` / `[tool.persona]` may hold: pydantic checks the types
and forbids unknown keys; the validators below check what a type cannot (a selector names a
rule, a rule table fits that rule's own options model). Their errors carry a hint and the
key path below the field, so `config.py` can name the line and say what to write.

The rules themselves live in the lint layer, above this one, so the validators are handed
the catalogue in the validation context (`ConfigFile.model_validate(table,
context=rules_context(catalogue))`) rather than importing it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal, Protocol

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
)
from pydantic_core import PydanticCustomError

from persona_cli.domain.result import Severity
from persona_cli.io.settings import (
    DEFAULT_PATHS,
    SEVERITIES,
    RuleSettings,
    suggest,
    toml_key,
    type_name,
)


class RuleEntry(Protocol):
    """What the configuration needs to know of one rule: its code, its kebab-case name and
    the model its `[rules.CODE]` options must fit (None when it takes none)."""

    code: ClassVar[str]
    name: ClassVar[str]
    Options: ClassVar[type[BaseModel] | None]


#: The rule catalogue as the configuration sees it: code -> rule.
Catalogue = Mapping[str, type[RuleEntry]]
_CONTEXT_KEY = "rules"


def rules_context(catalogue: Catalogue) -> dict[str, object]:
    """The validation context that hands `ConfigFile`'s validators the rule catalogue."""
    return {_CONTEXT_KEY: catalogue}


def _catalogue(info: ValidationInfo) -> Catalogue | None:
    """The catalogue the reader handed in; None for a model built in code (`ConfigFile(...)`
    in tests), which is taken as written. A configuration file is always
    read with it (`config.load_settings`)."""
    context = info.context if isinstance(info.context, dict) else {}
    found: Catalogue | None = context.get(_CONTEXT_KEY)
    return found


def lookup(catalogue: Catalogue, code_or_name: str) -> type[RuleEntry] | None:
    """A rule by code (case-insensitive) or kebab-case name."""
    found = catalogue.get(code_or_name.upper())
    if found is not None:
        return found
    lowered = code_or_name.lower()
    return next((rule for rule in catalogue.values() if rule.name == lowered), None)


def problem(message: str, hint: str, *at: str, value: str | None = None) -> PydanticCustomError:
    """A validation error that `config.py` reports as is: `at` continues the key path below
    the failing field (for the line), `value` is the array item to look for."""
    context = {"message": message, "hint": hint, "at": at, "value": value}
    return PydanticCustomError("persona_config", "{message}", context)


def _selector(selector: str, info: ValidationInfo) -> str:
    """A code, code prefix or ALL, upper-cased; a rule's name stands for its code."""
    catalogue = _catalogue(info)
    upper = selector.strip().upper()
    if catalogue is None:
        return upper
    if upper == "ALL" or (upper and any(code.startswith(upper) for code in catalogue)):
        return upper
    rule = lookup(catalogue, selector) if selector else None
    if rule is None:
        hint = _selector_hint(upper, catalogue)
        raise PydanticCustomError("selector", "no rule or prefix", {"hint": hint})
    return rule.code


def _selector_hint(selector: str, catalogue: Catalogue) -> str:
    """A near code, else the codes under the longest valid prefix, else where to look."""
    codes = sorted(catalogue)
    close = difflib.get_close_matches(selector, codes, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    for end in range(len(selector) - 1, 0, -1):
        under = [code for code in codes if code.startswith(selector[:end])]
        if under:
            shown = ", ".join(under[:8]) + (", ..." if len(under) > 8 else "")
            return f"codes starting with '{selector[:end]}': {shown}"
    return "run 'persona rule --all' for the codes; a prefix like 'S' selects a family"


def _file_name(value: str) -> str:
    if not value.strip():
        raise problem(
            "'baseline' is empty",
            'name the baseline file, e.g. baseline = "persona-baseline.json", or remove the key',
        )
    return value


Strings = tuple[StrictStr, ...]


def _team(name: str) -> str:
    if not _TEAM.match(name):
        raise problem(
            f"bad team name '{name}'",
            "a team is a slug: lower-case letters, digits and hyphens (e.g. 'product')",
            value=name,
        )
    return name


_KINDS = ("buyer", "user", "internal", "individual")
_TEAM = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TeamNames = tuple[Annotated[StrictStr, AfterValidator(_team)], ...]
Selectors = tuple[Annotated[StrictStr, AfterValidator(_selector)], ...]


class ConfigFile(BaseModel):
    """Everything `[tool.persona]` / `.persona.toml` can set, in the order `persona config`
    shows it. Selectors are codes or code prefixes (`W`, `R01`, `E004`) or `ALL`; `ignore`
    wins over `select`, as in ruff."""

    # Built on first use: this model only checks a configuration file.
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=toml_key, defer_build=True
    )

    paths: Strings = Field(
        DEFAULT_PATHS,
        min_length=1,
        description="Folders, files or globs holding the personas, relative to this file.",
        examples=[["personas"]],
    )
    exclude: Strings = Field(
        (),
        description='Globs of files to skip, e.g. ["personas/archive/**"].',
        examples=[["personas/archive/**"]],
    )
    select: Selectors = Field(
        ("ALL",),
        description='Rules to run: codes, prefixes ("W", "R01") or "ALL". '
        "`persona rule --all` lists them.",
        examples=[["ALL"]],
    )
    extend_select: Selectors = Field(
        (),
        description="Rules to run in addition to `select`.",
        examples=[["Q"]],
    )
    ignore: Selectors = Field(
        (),
        description="Rules to turn off; wins over `select`.",
        examples=[["Q005"]],
    )
    per_file_ignores: dict[str, Selectors] = Field(
        default_factory=dict,
        description="Rules to turn off for some files: a glob, then codes or prefixes.",
        examples=[{"personas/drafts/**": ["L", "E001"]}],
        json_schema_extra={"expected": "a table of glob = [codes]"},
    )
    fail_on: Literal["error", "warning", "info", "never"] = Field(
        "error",
        description='Exit 1 on findings at or above "error", "warning" or "info"; "never" '
        "always exits 0.",
        examples=["warning"],
    )
    include_retired: StrictBool = Field(
        False,
        description="Also lint personas with status: retired.",
        examples=[True],
        json_schema_extra={"expected": "true or false"},
    )
    baseline: Annotated[StrictStr, AfterValidator(_file_name)] | None = Field(
        None,
        description="A lint baseline file, relative to this file: `persona lint` reports "
        "only findings not recorded in it (`persona lint --write-baseline FILE` writes it).",
        examples=["persona-baseline.json"],
        json_schema_extra={"expected": "a file name"},
    )
    teams_by_path: dict[str, TeamNames] = Field(
        default_factory=dict,
        description="The teams the personas of some files are written for, when a persona "
        "has no `teams` of its own: a glob, then team names; the first matching glob wins "
        "over `teams-by-kind`.",
        examples=[{"personas/public/**": ["product", "support"]}],
        json_schema_extra={"expected": "a table of glob = [teams]"},
    )
    teams_by_kind: dict[str, TeamNames] = Field(
        default_factory=dict,
        description="The teams the personas of a kind are written for, when neither the "
        "persona's `teams` nor `teams-by-path` says; without it, every lens team that briefs "
        "the kind.",
        examples=[{"user": ["product", "support"]}],
        json_schema_extra={"expected": "a table of kind = [teams]"},
    )
    rules: dict[str, RuleSettings] = Field(
        default_factory=dict,
        description="A rule's severity and options, as [rules.CODE] or [rules.rule-name]; "
        "`persona rule CODE` documents each. Any rule takes a severity; these also take "
        "options (the values shown are the defaults):",
        examples=[{"S002": {"severity": "warning"}}],
        json_schema_extra={"expected": "[rules.CODE] tables"},
    )

    @field_validator("teams_by_kind")
    @classmethod
    def _kinds(cls, value: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for kind in value:
            if kind not in _KINDS:
                hint = suggest(kind, list(_KINDS), listing="kinds are")
                raise problem(f"unknown kind '{kind}' in teams-by-kind", hint, kind)
        return value

    @field_validator("rules", mode="before")
    @classmethod
    def _rule_tables(cls, value: object, info: ValidationInfo) -> object:
        """Key each table by its rule's code, checked against that rule's options model."""
        catalogue = _catalogue(info)
        if not isinstance(value, dict):
            return value  # pydantic says it is not a table
        tables: dict[str, object] = {}
        seen: dict[str, str] = {}
        for name, table in value.items():
            if isinstance(table, RuleSettings) or catalogue is None:
                tables[name] = table  # built in code, keyed by code already
                continue
            rule = lookup(catalogue, name)
            if rule is None:
                names = [*catalogue, *(r.name for r in catalogue.values())]
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "run 'persona rule --all'"
                hint += " for the codes and names" if not close else ""
                raise problem(f"unknown rule '{name}' in [rules.{name}]", hint, name)
            if rule.code in seen:
                raise problem(
                    f"rule {rule.code} is configured twice, as [rules.{seen[rule.code]}] "
                    f"and [rules.{name}]",
                    "merge them into one table",
                    name,
                )
            seen[rule.code] = name
            tables[rule.code] = _rule_settings(rule.code, rule.name, rule.Options, name, table)
        return tables


class _NoOptions(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class _Severity(BaseModel):
    """The key every rule table may hold besides the rule's own options."""

    model_config = ConfigDict(defer_build=True)

    severity: Literal["error", "warning", "info"] | None = None


def _rule_settings(
    code: str, rule_name: str, options: type[BaseModel] | None, name: str, table: object
) -> RuleSettings:
    """One `[rules.NAME]` table, judged by the rule's own options model plus `severity`."""
    label = f"rule {code} ({rule_name})"
    if not isinstance(table, dict):
        got = type_name(table)
        hint = f'write it as [rules.{name}] with severity = "warning"'
        raise problem(f"[rules.{name}] expected a table, got {got}", hint, name)
    model: type[BaseModel] = create_model(
        f"Rule{code}", __base__=(options or _NoOptions, _Severity)
    )
    try:
        model.model_validate(table)
    except ValidationError as failure:
        raise _option_problem(failure, label, name, options) from None
    severity = table.get("severity")
    rest = {key: item for key, item in table.items() if key != "severity"}
    return RuleSettings(severity=Severity[severity] if severity else None, options=rest)


def _option_problem(
    failure: ValidationError, label: str, name: str, options: type[BaseModel] | None
) -> PydanticCustomError:
    """The first complaint of a rule table's model, said about the rule."""
    problems = failure.errors(include_url=False)
    first = problems[0]
    option = ".".join(str(part) for part in first["loc"])
    top = [str(first["loc"][0])] if first["loc"] else []
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    allowed = [info.alias or field for field, info in (options or BaseModel).model_fields.items()]
    if first["type"] == "extra_forbidden":
        if allowed:
            hint = suggest(option, ["severity", *allowed], listing="valid options are")
        elif difflib.get_close_matches(option, ["severity"], n=1, cutoff=0.6):
            hint = "did you mean 'severity'?"
        else:
            hint = "it takes no options, only 'severity'"
        return problem(f"{label} has no option '{option}'{more}", hint, name, *top)
    if top == ["severity"]:
        raw = first["input"]
        shown = f'"{raw}"' if isinstance(raw, str) else repr(raw)
        hint = (
            suggest(raw, list(SEVERITIES), listing="expected one of")
            if isinstance(raw, str)
            else f"expected one of: {', '.join(SEVERITIES)}"
        )
        return problem(f"bad severity {shown} for {label}{more}", hint, name, "severity")
    # A check across options (min above max) has no one option to name.
    what = f"value for option '{option}'" if top else "options"
    message = first["msg"].removeprefix("Value error, ")
    hint = f"see 'persona rule {name}' for the option's type"
    return problem(f"bad {what} of {label}: {message}{more}", hint, name, *top)
