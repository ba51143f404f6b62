"""Configuration: discovery, precedence, every error a user can make, and `persona config`.

Real files in tmp dirs, no mocks: discovery is about the file system, so test it there.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import FrozenInstanceError, fields, replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from persona_cli.cli import app
from persona_cli.cli._common import load_settings
from persona_cli.domain.errors import ConfigError
from persona_cli.domain.result import Severity
from persona_cli.io.config import describe, find_config
from persona_cli.io.config_model import rules_context
from persona_cli.io.settings import Settings
from persona_cli.lint.rules.catalogue import REGISTRY
from tests.conftest import MINIMAL, cli, run_persona

FIELDS = (
    "paths",
    "exclude",
    "select",
    "ignore",
    "extend_select",
    "per_file_ignores",
    "fail_on",
    "include_retired",
    "baseline",
    "teams_by_path",
    "teams_by_kind",
    "rules",
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def config_error(tmp_path: Path, text: str) -> str:
    """The message of the ConfigError that `.persona.toml` holding `text` raises."""
    write(tmp_path / ".persona.toml", text)
    with pytest.raises(ConfigError) as raised:
        load_settings(cwd=tmp_path)
    message = str(raised.value)
    assert "\n" not in message
    return message


# Discovery and precedence


def test_no_config_file_gives_defaults(tmp_path: Path) -> None:
    settings = load_settings(cwd=tmp_path)
    assert settings.paths == Settings().paths
    assert settings.select == ("ALL",)
    assert settings.root is None
    assert settings.sources == dict.fromkeys(FIELDS, "default")


def test_the_defaults_built_without_validation_equal_the_validated_ones(tmp_path: Path) -> None:
    """No config file: the settings are the record's defaults, built without pydantic
    (start-up); they are what the model validates an empty file into, field for field, so
    the record and the model cannot drift apart."""
    from persona_cli.io.config_model import ConfigFile

    built = load_settings(cwd=tmp_path)
    validated = ConfigFile.model_validate({}, context=rules_context(REGISTRY))
    assert list(ConfigFile.model_fields) == [field.name for field in fields(Settings)][:-2]
    assert set(FIELDS) == set(ConfigFile.model_fields)
    for name in ConfigFile.model_fields:
        assert getattr(built, name) == getattr(validated, name), name
        assert type(getattr(built, name)) is type(getattr(validated, name)), name
    assert built.root is None
    assert built.sources == dict.fromkeys(FIELDS, "default")
    # A file holding every default gives the same settings but for where each came from.
    text = "".join(
        f"{key} = {json.dumps(value)}\n"
        for key, value, _ in describe(built)
        if value is not None
        and key not in {"per-file-ignores", "teams-by-path", "teams-by-kind", "rules"}
    )
    (tmp_path / ".persona.toml").write_text(text, encoding="utf-8")
    loaded = load_settings(cwd=tmp_path)
    assert replace(loaded, root=None, sources=built.sources) == built


def test_discovery_walks_up_from_a_nested_directory(tmp_path: Path) -> None:
    config = write(tmp_path / ".persona.toml", 'fail-on = "warning"\n')
    nested = tmp_path / "personas" / "buyers"
    nested.mkdir(parents=True)
    assert find_config(nested) == config.resolve()
    settings = load_settings(cwd=nested)
    assert settings.fail_on == "warning"
    # Relative paths resolve against the config file's folder, not where persona runs.
    assert settings.root == str(tmp_path.resolve())
    # Outside the current directory the source is the absolute path.
    assert settings.sources["fail_on"] == str(config.resolve())
    assert settings.sources["paths"] == "default"


def test_source_is_relative_when_the_file_is_inside_cwd(tmp_path: Path) -> None:
    write(tmp_path / ".persona.toml", 'exclude = ["drafts/**"]\n')
    settings = load_settings(cwd=tmp_path)
    assert settings.exclude == ("drafts/**",)
    assert settings.sources["exclude"] == ".persona.toml"
    assert settings.sources["select"] == "default"


def test_persona_toml_wins_over_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.persona]\nfail-on = "info"\n')
    write(tmp_path / ".persona.toml", 'fail-on = "never"\n')
    assert find_config(tmp_path) == (tmp_path / ".persona.toml").resolve()
    assert load_settings(cwd=tmp_path).fail_on == "never"


def test_pyproject_with_tool_persona_is_found(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        """\
        [project]
        name = "x"

        [tool.persona]
        paths = ["docs/personas"]
        include-retired = true

        [tool.persona.rules.unknown-key]
        severity = "warning"
        """,
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.paths == ("docs/personas",)
    assert settings.include_retired is True
    assert settings.rules["S002"].severity is Severity.warning
    assert settings.sources["rules"] == "pyproject.toml"


def test_pyproject_without_tool_persona_does_not_stop_the_walk(tmp_path: Path) -> None:
    write(tmp_path / ".persona.toml", 'fail-on = "warning"\n')
    write(tmp_path / "app" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert find_config(tmp_path / "app") == (tmp_path / ".persona.toml").resolve()
    assert load_settings(cwd=tmp_path / "app").fail_on == "warning"


def test_nearest_config_wins_over_one_further_up(tmp_path: Path) -> None:
    write(tmp_path / ".persona.toml", 'fail-on = "warning"\n')
    write(tmp_path / "app" / "pyproject.toml", '[tool.persona]\nfail-on = "info"\n')
    assert load_settings(cwd=tmp_path / "app").fail_on == "info"


def test_explicit_config_overrides_discovery(tmp_path: Path) -> None:
    write(tmp_path / ".persona.toml", 'fail-on = "warning"\n')
    other = write(tmp_path / "ci" / "strict.toml", 'fail-on = "info"\n')
    settings = load_settings(config=Path("ci/strict.toml"), cwd=tmp_path)
    assert settings.fail_on == "info"
    assert settings.root == str(other.parent.resolve())
    assert settings.sources["fail_on"] == "ci/strict.toml"


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such file; check the --config path"):
        load_settings(config=Path("nope.toml"), cwd=tmp_path)


def test_full_file_maps_onto_settings(tmp_path: Path) -> None:
    write(
        tmp_path / ".persona.toml",
        """\
        paths = ["personas", "team"]
        select = ["s", "Y00", "all"]
        extend-select = ["unknown-key"]
        ignore = ["I"]

        [per-file-ignores]
        "legacy/**" = ["S001"]

        [rules.S002]
        severity = "info"
        """,
    )
    settings = load_settings(cwd=tmp_path)
    assert settings.paths == ("personas", "team")
    # Selectors are normalised to upper case; a rule name stands for its code.
    assert settings.select == ("S", "Y00", "ALL")
    assert settings.extend_select == ("S002",)
    assert settings.ignore == ("I",)
    assert settings.per_file_ignores == {"legacy/**": ("S001",)}
    assert settings.rules["S002"].severity is Severity.info
    assert settings.rules["S002"].options == {}
    assert settings.sources["fail_on"] == "default"
    assert settings.sources["per_file_ignores"] == ".persona.toml"


# Errors: one line, file and line, key, suggestion


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    message = config_error(tmp_path, '# settings\npaths = ["p"]\nexlude = ["x"]\n')
    assert message == ".persona.toml:3: unknown key 'exlude'; did you mean 'exclude'?"


def test_snake_case_key_suggests_kebab_case(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'extend_select = ["S"]\n')
    assert message == ".persona.toml:1: unknown key 'extend_select'; did you mean 'extend-select'?"


def test_unknown_key_far_from_any_lists_the_valid_ones(tmp_path: Path) -> None:
    message = config_error(tmp_path, "colour = true\n")
    assert message.startswith(".persona.toml:1: unknown key 'colour'; valid keys are: paths, ")


def test_pyproject_error_names_the_line_inside_tool_persona(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        '[tool.ruff]\nexclude = ["x"]\n\n[tool.persona]\nexclude = "drafts"\n',
    )
    with pytest.raises(ConfigError) as raised:
        load_settings(cwd=tmp_path)
    assert str(raised.value).startswith(
        "pyproject.toml:5: 'exclude' expected a list of strings, got a string"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('exclude = "drafts"\n', "'exclude' expected a list of strings, got a string"),
        ("select = [1, 2]\n", "'select' expected a list of strings, got an array with non-strings"),
        ("include-retired = 'yes'\n", "'include-retired' expected true or false"),
        ("per-file-ignores = 3\n", "'per-file-ignores' expected a table of glob = [codes]"),
        ("paths = []\n", "'paths' is empty"),
    ],
)
def test_wrong_type(tmp_path: Path, text: str, expected: str) -> None:
    message = config_error(tmp_path, text)
    assert message.startswith(f".persona.toml:1: {expected}")


def test_bad_fail_on_suggests_a_level(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'fail-on = "warnings"\n')
    assert (
        message == ".persona.toml:1: bad value \"warnings\" for 'fail-on'; did you mean 'warning'?"
    )
    message = config_error(tmp_path, 'fail-on = "sometimes"\n')
    assert message.endswith("expected one of: error, warning, info, never")


def test_unknown_selector_is_located_on_its_line(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'select = [\n  "S",\n  "S0002",\n]\n')
    assert message == (
        ".persona.toml:3: no rule or prefix 'S0002' in 'select'; did you mean 'S002'?"
    )


@pytest.mark.parametrize("key", ["select", "ignore", "extend-select"])
def test_unknown_selector_in_every_selector_key(tmp_path: Path, key: str) -> None:
    bogus = "ZZ9"
    assert not any(code.startswith(bogus) for code in REGISTRY)
    message = config_error(tmp_path, f'{key} = ["{bogus}"]\n')
    assert message.startswith(f".persona.toml:1: no rule or prefix 'ZZ9' in '{key}'; ")


def test_unknown_selector_in_per_file_ignores(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[per-file-ignores]\n"legacy/**" = ["S0002"]\n')
    assert message.startswith(".persona.toml:2: no rule or prefix 'S0002'")
    assert message.endswith("did you mean 'S002'?")


def test_unknown_rule_table_suggests_code_or_name(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules.unknown-kye]\nseverity = "warning"\n')
    assert message == (
        ".persona.toml:1: unknown rule 'unknown-kye' in [rules.unknown-kye]; "
        "did you mean 'unknown-key'?"
    )


def test_bad_rule_severity(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[rules.S002]\nseverity = "fatal"\n')
    assert message.startswith('.persona.toml:2: bad severity "fatal" for rule S002 (unknown-key)')


def test_options_for_a_rule_without_options(tmp_path: Path) -> None:
    rule = next(r for r in REGISTRY.values() if r.Options is None or not r.Options.model_fields)
    message = config_error(tmp_path, f"[rules.{rule.code}]\nlimit = 3\n")
    assert message == (
        f".persona.toml:2: rule {rule.code} ({rule.name}) has no option 'limit'; "
        "it takes no options, only 'severity'"
    )


def _rule_with_options() -> type:
    rule = next(
        (r for r in REGISTRY.values() if r.Options is not None and r.Options.model_fields), None
    )
    if rule is None:
        pytest.skip("no rule with options in the registry yet")
    return rule


def test_unknown_option_for_a_rule_with_options(tmp_path: Path) -> None:
    rule = _rule_with_options()
    message = config_error(tmp_path, f"[rules.{rule.name}]\nno-such-option = 1\n")
    assert message.startswith(
        f".persona.toml:2: rule {rule.code} ({rule.name}) has no option 'no-such-option'; "
    )


def test_bad_option_value_names_rule_option_and_pydantic_message(tmp_path: Path) -> None:
    rule = _rule_with_options()
    field, info = next(iter(rule.Options.model_fields.items()))
    option = info.alias or field
    # A nested array of arrays is valid for none of the option types rules use.
    message = config_error(tmp_path, f"[rules.{rule.code}]\n{option} = [[[1]]]\n")
    # pydantic's location may go deeper (`option.0.0` for a list), but starts at the option.
    assert message.startswith(f".persona.toml:2: bad value for option '{option}")
    assert f"of rule {rule.code} ({rule.name}): " in message


def test_good_options_are_kept_as_given(tmp_path: Path) -> None:
    # An integer option, written back with its default: valid whatever the rule checks.
    found = next(
        (
            (rule, info.alias or name, info.default)
            for rule in REGISTRY.values()
            if rule.Options is not None
            for name, info in rule.Options.model_fields.items()
            if type(info.default) is int
        ),
        None,
    )
    if found is None:
        pytest.skip("no rule with an integer option in the registry yet")
    rule, option, value = found
    write(tmp_path / ".persona.toml", f"[rules.{rule.code}]\n{option} = {value}\n")
    settings = load_settings(cwd=tmp_path)
    assert settings.rules[rule.code].options == {option: value}
    assert settings.rules[rule.code].severity is None


def test_rule_configured_twice_by_code_and_name(tmp_path: Path) -> None:
    message = config_error(
        tmp_path, '[rules.S002]\nseverity = "info"\n\n[rules.unknown-key]\nseverity = "info"\n'
    )
    assert message.startswith(".persona.toml:4: rule S002 is configured twice")


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'paths = ["p"]\nfail-on = = "error"\n')
    assert message == ".persona.toml:2:11: invalid value; fix the TOML syntax"


def test_unterminated_toml_points_at_the_end(tmp_path: Path) -> None:
    message = config_error(tmp_path, 'paths = ["p"]\nexclude = ["a",\n')
    assert message.startswith(".persona.toml:2:")
    assert message.endswith("at the end of the file; fix the TOML syntax")


def test_broken_pyproject_without_persona_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ruff\n")
    assert find_config(tmp_path) is None


# describe() and `persona config`


def test_describe_rows_cover_every_key(tmp_path: Path) -> None:
    write(tmp_path / ".persona.toml", '[rules.S002]\nseverity = "warning"\n')
    rows = describe(load_settings(cwd=tmp_path))
    keys = [key for key, _, _ in rows]
    assert keys == [
        "paths",
        "exclude",
        "select",
        "extend-select",
        "ignore",
        "per-file-ignores",
        "fail-on",
        "include-retired",
        "baseline",
        "teams-by-path",
        "teams-by-kind",
        "rules",
    ]
    assert ("rules", {"S002": {"severity": "warning"}}, ".persona.toml") in rows
    assert ("paths", ["personas"], "default") in rows


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


CONFIG = """\
fail-on = "warning"
exclude = ["drafts/**"]

[rules.unknown-key]
severity = "info"
"""


def test_config_command_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / ".persona.toml", CONFIG)
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "# config file: .persona.toml"
    by_key = {line.split(" = ")[0]: line for line in lines if " = " in line}
    assert by_key["fail-on"].startswith('fail-on = "warning"')
    assert by_key["fail-on"].endswith("# from .persona.toml")
    assert by_key["exclude"].startswith('exclude = ["drafts/**"]')
    assert by_key["paths"].startswith('paths = ["personas"]')
    assert by_key["paths"].endswith("# default")
    assert by_key["include-retired"].startswith("include-retired = false")
    assert "[rules.S002]  # from .persona.toml" in lines
    assert lines[lines.index("[rules.S002]  # from .persona.toml") + 1] == 'severity = "info"'


def test_config_command_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config")
    assert code == 0
    assert out.startswith("# no config file found")
    assert "[rules." not in out
    code, out, _ = invoke("config", "--format", "json")
    document = json.loads(out)
    assert document["config_file"] is None
    assert {entry["source"] for entry in document["settings"].values()} == {"default"}


def test_config_command_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "ci.toml", CONFIG)
    write(tmp_path / ".persona.toml", 'fail-on = "never"\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config", "--config", "ci.toml", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["config_file"] == "ci.toml"
    settings = document["settings"]
    assert settings["fail-on"] == {"value": "warning", "source": "ci.toml"}
    assert settings["select"] == {"value": ["ALL"], "source": "default"}
    assert settings["rules"] == {"value": {"S002": {"severity": "info"}}, "source": "ci.toml"}


@pytest.mark.parametrize(
    ("files", "args", "expected"),
    [
        (
            {".persona.toml": 'exlude = ["x"]\n'},
            [],
            "persona: error: .persona.toml:1: unknown key 'exlude'; did you mean 'exclude'?",
        ),
        (
            {},
            ["--config", "missing.toml"],
            "persona: error: missing.toml: no such file; check the --config path",
        ),
        (
            {".persona.toml": "fail-on = \n"},
            [],
            "persona: error: .persona.toml:1:11: invalid value; fix the TOML syntax",
        ),
    ],
)
def test_config_command_errors_exit_2_with_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    files: dict[str, str],
    args: list[str],
    expected: str,
) -> None:
    for name, text in files.items():
        write(tmp_path / name, text)
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("config", *args)
    assert code == 2
    assert out == ""
    assert err == expected + "\n"


def test_config_command_rejects_unknown_format(tmp_path: Path) -> None:
    run = run_persona("config", "--format", "xml", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: Invalid value for --format: 'xml' is not one of text, json; "
        "run 'persona config --help' for usage\n"
    )


# One model, one TOML writer


def test_the_settings_model_is_the_one_source_of_keys_and_help() -> None:
    """The keys `config` accepts, the comments of `persona init`'s file and the order of
    `persona config` all come from the model's fields and their descriptions."""
    from persona_cli.io.config import KEYS
    from persona_cli.io.config_model import ConfigFile
    from persona_cli.verbs import init as init_verb

    assert list(KEYS) == [key for key, _, _ in describe(Settings())]
    for key, name in KEYS.items():
        description = ConfigFile.model_fields[name].description
        assert description, key
        assert init_verb.SETTING_HELP[key] == description
        # The comment above the setting in the generated file is that description.
        flat = " ".join(line.removeprefix("# ") for line in init_verb.persona_toml().splitlines())
        assert description in flat, key


def test_the_model_forbids_unknown_keys_and_is_frozen() -> None:
    from pydantic import ValidationError

    from persona_cli.io.config_model import ConfigFile

    with pytest.raises(ValidationError):
        ConfigFile.model_validate({"colour": True})
    # Snake case is the Python name, not a key of the file.
    with pytest.raises(ValidationError):
        ConfigFile.model_validate({"fail_on": "warning"})
    config = ConfigFile.model_validate({"fail-on": "warning"})
    with pytest.raises(ValidationError):
        config.fail_on = "never"  # type: ignore[misc]
    settings = Settings(fail_on="warning")
    with pytest.raises(FrozenInstanceError):
        settings.fail_on = "never"  # type: ignore[misc]


def test_the_first_mistake_in_the_file_is_reported(tmp_path: Path) -> None:
    # The model checks fields in its own order; the message follows the file's.
    message = config_error(tmp_path, 'exlude = ["x"]\npaths = []\n')
    assert message == ".persona.toml:1: unknown key 'exlude'; did you mean 'exclude'?"
    message = config_error(tmp_path, 'paths = []\nexlude = ["x"]\n')
    assert message.startswith(".persona.toml:1: 'paths' is empty; ")


def test_a_bad_entry_of_per_file_ignores_names_the_entry(tmp_path: Path) -> None:
    message = config_error(tmp_path, '[per-file-ignores]\n"legacy/**" = "S001"\n')
    assert message.startswith(
        ".persona.toml:2: 'per-file-ignores.\"legacy/**\"' expected a list of strings, "
        "got a string; write it as "
    )


def test_rule_options_are_written_alike_by_init_config_and_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One TOML writer: a rule option's line is the same in `persona init`'s file, in
    `persona config` and in `persona rule` (they used to quote keys differently)."""
    from persona_cli.verbs import init as init_verb

    [init_line] = [
        line.removeprefix("# ")
        for line in init_verb.persona_toml().splitlines()
        if line.startswith("# min-fields = ")
    ]
    write(tmp_path / ".persona.toml", f"[rules.L002]\n{init_line}\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config")
    assert code == 0
    assert init_line in out.splitlines()
    code, out, _ = invoke("rule", "L002")
    assert code == 0
    assert any(line.strip().startswith(f"{init_line}  # ") for line in out.splitlines())


def test_config_output_loads_back_as_the_same_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`persona config` prints TOML you can paste back: loaded, it is the same settings,
    regular expressions (literal strings) and hidden characters (escapes) included."""
    write(
        tmp_path / ".persona.toml",
        """\
        exclude = ["old\u202e/**"]
        fail-on = "info"

        [per-file-ignores]
        "drafts/**" = ["L", "E001"]

        [rules.placeholder-text]
        severity = "info"
        patterns = ['\\bTBD\\b', "it's \\\\d"]
        """,
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("config")
    assert code == 0
    assert "'\\bTBD\\b'" in out
    assert "\u202e" not in out
    original = load_settings(cwd=tmp_path)
    write(tmp_path / "copy" / ".persona.toml", out)
    copied = load_settings(cwd=tmp_path / "copy")
    for name in FIELDS:
        assert getattr(copied, name) == getattr(original, name), name


def test_unknown_rule_in_config_is_one_short_line(tmp_path: Path) -> None:
    """An unknown `[rules.X]` with no near miss listed all 116 rule names; now it points at `persona
    rule --all`."""
    write(tmp_path / "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path / ".persona.toml", '[rules.nope]\nseverity = "info"\n')
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: .persona.toml:1: unknown rule 'nope' in [rules.nope]; "
        "run 'persona rule --all' for the codes and names\n"
    )


def test_bad_rule_option_message_has_no_pydantic_prefix(tmp_path: Path) -> None:
    """A bad rule option's message carried pydantic's "Value error," prefix."""
    write(tmp_path / "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path / ".persona.toml", '[rules.Q001]\npatterns = ["("]\n')
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert "Value error" not in run.stderr
    assert "of rule Q001 (placeholder-text): '(' is not a regular expression" in run.stderr


def test_broken_pyproject_is_named_like_other_config_files(tmp_path: Path) -> None:
    """A broken pyproject.toml was named by its absolute path, unlike every other config file."""
    write(tmp_path / "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path / "pyproject.toml", "[tool.persona\n")
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith("persona: error: pyproject.toml:1:14: ")


def test_an_unknown_team_in_min_fields_is_a_config_error(tmp_path: Path) -> None:
    """A misspelt team in lens-thin's `min-fields` was silently ignored; it is a configuration
    error."""
    (tmp_path / ".persona.toml").write_text("[rules.lens-thin]\nmin-fields = { salse = 2 }\n")
    run = run_persona("config", cwd=tmp_path)
    assert run.exit_code == 2
    assert "unknown team 'salse'" in run.stderr


def test_committee_size_min_above_max_names_the_rule_not_option_question_mark(
    example_set: Path,
) -> None:
    # Was: "bad value for option '?' of rule C001 (committee-size): min (12) must not ..."
    (example_set / ".persona.toml").write_text(
        "[rules.committee-size]\nmin = 12\nmax = 3\n", encoding="utf-8"
    )
    run = cli("lint", "segments/", cwd=example_set)
    assert run.exit_code == 2
    assert "'?'" not in run.stderr
    assert (
        ".persona.toml:1: bad options of rule C001 (committee-size): "
        "min (12) must not exceed max (3)" in run.stderr
    )
