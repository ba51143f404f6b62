"""`persona init` and `persona new`: what a new user meets first.

A new persona must pass the schema and fail the completeness rules until it is filled (lint is
the to-do list); `init` must produce a repository on which lint, render and config work at
once, with CI files that their own schemas accept. Everything runs on real files in tmp_path.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from persona_cli import __version__
from persona_cli.cli import new as new_command
from persona_cli.cli._common import load_settings
from persona_cli.domain import completeness, guidance
from persona_cli.domain.model import Kind, Persona
from persona_cli.io.config import default_settings, describe
from persona_cli.lint.rules.catalogue import REGISTRY
from persona_cli.verbs import init as init_verb
from persona_cli.verbs import new as new_verb
from persona_cli.verbs import persona_text
from tests.conftest import ROOT, cli, git_in, init_repo, run_persona, write

BIN = Path(sys.executable).parent
LOADING_CODES = ("Y", "S", "I")


def _lint(cwd: Path, *paths: str) -> dict[str, Any]:
    run = cli("lint", *paths, "--format", "json", "--fail-on", "never", cwd=cwd)
    assert run.exit_code == 0, run.stderr
    result: dict[str, Any] = run.json()
    return result


def _codes(report: dict[str, Any], path: str | None = None) -> set[str]:
    return {f["code"] for f in report["findings"] if path is None or f["path"] == path}


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A fresh `persona init` result."""
    run = cli("init", "repo", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    return tmp_path / "repo"


# --- guidance -------------------------------------------------------------------------------------


def test_every_field_of_the_model_has_a_question_and_no_question_is_stale() -> None:
    paths = {item.dotted for item in persona_text.walk(persona_text.fields())}
    assert paths == set(guidance.QUESTIONS)
    # Nested parts are walked too: lens fields, list items, the object form of a quote.
    assert {
        "lenses.marketing.unspoken_objection",
        "lenses.sales.objections.response",
        "evidence.sample_size",
        "whole_person.quotes.evidence",
    } <= paths


def test_questions_are_questions() -> None:
    for path, text in guidance.QUESTIONS.items():
        assert "?" in text, path
        assert len(text) <= 96, path  # one comment line above the field
    assert guidance.question("lenses.marketing.unspoken_objection") == (
        "What will they think but not say in the meeting?"
    )


def test_fixed_choices_come_from_the_model() -> None:
    trust = next(
        i for i in persona_text.walk(persona_text.fields()) if i.dotted == "whole_person.trust"
    )
    assert persona_text.question(trust).endswith(
        "One of: needs_proof, cautious, open, early_adopter."
    )


# --- persona new ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_new_passes_the_schema_and_fails_completeness(tmp_path: Path, kind: str) -> None:
    run = cli("new", "fresh-one", "--kind", kind, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        f"Created personas/fresh-one.yaml: a draft {kind} persona.\n"
        "Next: answer the question above each field, then run "
        "`persona lint personas/fresh-one.yaml` to see what is left.\n"
    )
    report = _lint(tmp_path)
    codes = _codes(report)
    assert not {c for c in codes if c.startswith(LOADING_CODES)}, report["findings"]
    # Completeness is 0 and lint names every field the kind needs.
    (score,) = report["personas"]
    assert score["completeness"] == 0
    needed = {".".join(p) for p in persona_text.needed_fields(kind)}
    assert set(score["missing"]) == needed
    assert {"W001", "W002", "W003", "W004", "W005", "F001", "F004", "Q001"} <= codes
    if kind == "internal":
        assert {"N001", "N002"} <= codes
        assert not {c for c in codes if c.startswith(("R", "L"))}
    else:
        assert {"R001", "R002", "R003", "R005", "L001"} <= codes
        assert ("R004" in codes) == (kind != "user")


@pytest.mark.parametrize("kind", [k.value for k in Kind])
def test_new_holds_every_field_its_kind_needs_under_its_question(tmp_path: Path, kind: str) -> None:
    assert cli("new", "fresh-one", "--kind", kind, cwd=tmp_path).exit_code == 0
    path = tmp_path / "personas" / "fresh-one.yaml"
    data = _yaml(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    for field in persona_text.needed_fields(kind):
        parent = completeness.get(data, field[:-1]) if len(field) > 1 else data
        assert isinstance(parent, dict), field
        assert field[-1] in parent, field
        assert parent[field[-1]] is None, field
        # The line above the key is the last line of its question.
        indent = "  " * (len(field) - 1)
        index = lines.index(f"{indent}{field[-1]}:")
        assert lines[index - 1].startswith(f"{indent}# "), field
        question = persona_text.question(
            next(i for i in persona_text.walk(persona_text.fields()) if i.path == field)
        )
        comment = " ".join(
            line.strip().removeprefix("# ")
            for line in lines[index - 4 : index]
            if line.strip().startswith("#")
        )
        assert question in comment, field
    # Fields of other kinds stay out: a colleague has no lenses, a user no sales lens.
    if kind == "internal":
        assert "lenses" not in data
        assert "decision" not in data
    else:
        assert "internal" not in data
    if kind == "user":
        assert "sales" not in data["lenses"]
        assert "committee_role" not in data["decision"]
    assert data["status"] == "draft"
    article = "An" if kind in ("internal", "individual") else "A"
    assert lines[1].startswith(f"# {article} {kind} persona, started by `persona new`.")
    assert data["id"] == "fresh-one"
    assert data["kind"] == kind


def test_new_in_a_fresh_init_repository_is_the_walkthrough(repo: Path) -> None:
    run = cli("new", "ciso-trailblazer", "--kind", "buyer", "--owner", "@pmm-team", cwd=repo)
    assert run.exit_code == 0, run.stderr
    text = (repo / "personas" / "ciso-trailblazer.yaml").read_text(encoding="utf-8")
    # Neighbours' modeline reused: the schema path is right for where the file landed.
    first = text.splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/persona.schema.json"
    assert (repo / "personas" / first.split("=", 1)[1]).resolve() == (
        repo / "schemas" / "persona.schema.json"
    )
    assert _yaml(repo / "personas" / "ciso-trailblazer.yaml")["review"]["owners"] == ["@pmm-team"]
    report = _lint(repo)
    assert "F004" not in _codes(report, "personas/ciso-trailblazer.yaml")
    assert not _codes(report, "personas/ciso-risk-averse.yaml")


def test_schema_reference_walks_up_to_the_schema_or_falls_back_to_the_url(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path, "schemas/persona.schema.json", "{}")
    deep = tmp_path / "teams" / "emea" / "personas"
    assert new_verb.schema_reference(deep) == "../../../schemas/persona.schema.json"
    bare = tmp_path / "elsewhere"
    (bare / ".git").mkdir(parents=True)
    assert new_verb.schema_reference(bare / "personas") == persona_text.SCHEMA_URL
    assert f"/v{__version__}/schemas/persona.schema.json" in persona_text.SCHEMA_URL


def test_new_name_round_trips_and_placeholder_name_is_flagged(tmp_path: Path) -> None:
    odd = 'O\'Brien: CISO #1, "the sceptic"'
    assert cli("new", "named", "--kind", "user", "--name", odd, cwd=tmp_path).exit_code == 0
    assert cli("new", "unnamed", "--kind", "user", cwd=tmp_path).exit_code == 0
    assert _yaml(tmp_path / "personas" / "named.yaml")["name"] == odd
    assert _yaml(tmp_path / "personas" / "unnamed.yaml")["name"] == "TODO Unnamed"
    report = _lint(tmp_path)
    flagged = {f["path"] for f in report["findings"] if f["code"] == "Q001"}
    assert flagged == {"personas/unnamed.yaml"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Carla_CISO", "--kind", "buyer"],
            "'Carla_CISO' is not a valid id; ids are lower-case letters, digits and hyphens "
            "(the file name without .yaml), e.g. 'carla-ciso'",
        ),
        (["carla"], "missing option --kind; choose one of buyer, user, internal, individual"),
        (
            ["carla", "--kind", "buyer", "--from", "ciso-risk-averse"],
            "--from makes an individual profile, not a buyer; drop --kind",
        ),
        (["carla", "--kind", "vip"], "'vip' is not one of 'buyer', 'user', 'internal'"),
        (["carla", "--kind", "user", "--name", " "], "--name is empty"),
        (["carla", "--from", "ciso-risk-avers"], "no persona 'ciso-risk-avers'; did you mean"),
        (["carla", "--from", "Nope!"], "'Nope!' is not a valid --from id"),
    ],
)
def test_new_usage_errors(repo: Path, args: list[str], message: str) -> None:
    before = sorted(p.name for p in (repo / "personas").iterdir())
    run = run_persona("new", *args, cwd=repo)  # as users run it: click's errors via main()
    assert run.exit_code == 2
    assert message in run.stderr
    assert run.stderr.startswith("persona: error: ")
    assert len(run.stderr.splitlines()) == 1
    assert sorted(p.name for p in (repo / "personas").iterdir()) == before


def test_new_never_overwrites_a_file_or_reuses_an_id(tmp_path: Path) -> None:
    mine = write(tmp_path, "personas/carla.yaml", "# my notes\n")
    run = cli("new", "carla", "--kind", "buyer", cwd=tmp_path)
    assert run.exit_code == 2
    assert "personas/carla.yaml: already exists; nothing written" in run.stderr
    assert mine.read_text() == "# my notes\n"
    # The same id declared by a file elsewhere in the set (a different name or folder).
    write(
        tmp_path, "personas/team-b/dan-old.yml", "schema_version: 1\nid: dan\nname: D\nkind: user\n"
    )
    run = cli("new", "dan", "--kind", "user", cwd=tmp_path)
    assert run.exit_code == 2
    assert "id 'dan' is already used by personas/team-b/dan-old.yml" in run.stderr
    assert not (tmp_path / "personas" / "dan.yaml").exists()
    write(tmp_path, "personas/erin-v2.yaml", "# notes\nid: 'erin'  # renamed later\nkind: user\n")
    run = cli("new", "erin", "--kind", "user", cwd=tmp_path)
    assert "id 'erin' is already used by personas/erin-v2.yaml" in run.stderr


def test_new_writes_to_the_first_configured_path(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", 'paths = ["team/personas/**/*.yaml", "archive"]\n')
    (tmp_path / "sub").mkdir()
    run = cli("new", "erin", "--kind", "internal", cwd=tmp_path / "sub")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "team" / "personas" / "erin.yaml").is_file()
    # Above the current folder, paths are shown absolute (as lint shows them).
    assert f"Created {tmp_path / 'team' / 'personas' / 'erin.yaml'}:" in run.stdout
    assert "outside the configured paths" not in run.stdout
    # --dir elsewhere works, and says lint will not find it by default.
    run = cli("new", "fred", "--kind", "user", "--dir", "drafts", cwd=tmp_path)
    assert run.exit_code == 0
    assert (tmp_path / "drafts" / "fred.yaml").is_file()
    assert "Note: drafts/fred.yaml is outside the configured paths" in run.stdout


def test_new_from_extends_a_persona_with_commented_suggestions(repo: Path) -> None:
    run = cli(
        "new", "carla-at-acme", "--from", "ciso-risk-averse", "--name", "Carla Mendes", cwd=repo
    )
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith(
        "Created personas/carla-at-acme.yaml: an individual profile extending ciso-risk-averse.\n"
    )
    path = repo / "personas" / "carla-at-acme.yaml"
    data = _yaml(path)
    # Only the required keys are live: everything else is inherited until uncommented.
    assert data == {
        "schema_version": 1,
        "id": "carla-at-acme",
        "name": "Carla Mendes",
        "kind": "individual",
        "status": "draft",
        "extends": "ciso-risk-averse",
    }
    text = path.read_text(encoding="utf-8")
    assert "ciso-risk-averse (Cautious Carla, CISO)" in text
    assert "# #   " not in text
    for suggestion in persona_text.INDIVIDUAL_OVERRIDES:
        assert f"# {'  ' * suggestion.count('.')}{suggestion.split('.')[-1]}:" in text
    # It resolves its parent and, merged with it, is complete; only its own review is asked
    # for (review is never inherited: each file is owned and reviewed on its own).
    report = _lint(repo)
    assert _codes(report, "personas/carla-at-acme.yaml") == {"F001", "F004"}
    scores = {p["id"]: p["completeness"] for p in report["personas"]}
    assert scores["carla-at-acme"] == 1.0


def test_new_from_suggestions_are_real_fields_once_uncommented(repo: Path) -> None:
    assert (
        cli("new", "dana", "--from", "ciso-risk-averse", "--owner", "jo", cwd=repo).exit_code == 0
    )
    path = repo / "personas" / "dana.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("schema_version"))
    # Commented-out YAML (a key, a nested line or a nested comment), not the live questions.
    code = re.compile(r"^# (?=[# ]|[a-z_]+:)")
    body = [code.sub("", line) for line in lines[start:]]
    path.write_text("\n".join([*lines[:start], *body]) + "\n", encoding="utf-8")
    data = _yaml(path)
    assert set(data) >= {"summary", "role", "whole_person", "decision", "lenses", "evidence"}
    assert data["review"] == {"owners": ["jo"]}
    codes = _codes(_lint(repo, "personas/dana.yaml"))
    # Keys all exist in the model; only required values of the example items are missing.
    assert not {c for c in codes if c.startswith(("Y", "I"))} | ({"S002"} & codes)


def test_new_kind_choices_are_the_models() -> None:
    assert set(get_args(new_command.KindName)) == {k.value for k in Kind} == set(persona_text.KINDS)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_yaml_string_reads_back_as_any_text(text: str) -> None:
    # Names and owners come from the command line: whatever the user typed must read back.
    loaded = YAML(typ="safe").load(f"k: {persona_text.yaml_string(text)}\n")
    assert loaded["k"] == text


def test_yaml_string_reads_back_as_written() -> None:
    yaml = YAML(typ="safe")
    for text in [
        "Cautious Carla, CISO",
        "yes",
        "null",
        "2026-01-01",
        "@team",
        "a: b",
        "x #y",
        "12",
        " padded ",
        "Line\nbreak",
        "Ünïcode — dash",
        "[list]",
        "{map}",
        "*star",
    ]:
        assert yaml.load(f"k: {persona_text.yaml_string(text)}\n")["k"] == text, text
    assert persona_text.yaml_string("Cautious Carla, CISO") == "Cautious Carla, CISO"


# --- persona init ---------------------------------------------------------------------------------

SCAFFOLD = [
    ".persona.toml",
    "personas/ciso-risk-averse.yaml",
    "schemas/persona.schema.json",
    "templates/README.md",
    ".pre-commit-config.yaml",
    ".github/workflows/personas.yml",
    ".gitattributes",
]


def test_init_creates_the_repository_and_says_what_it_did(tmp_path: Path) -> None:
    run = cli("init", "repo", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    created = sorted(
        p.relative_to(tmp_path / "repo").as_posix()
        for p in (tmp_path / "repo").rglob("*")
        if p.is_file()
    )
    assert created == sorted(SCAFFOLD)
    lines = run.stdout.splitlines()
    assert lines[0] == "Set up a persona repository in repo/:"
    for name in SCAFFOLD:
        assert any(line.split()[:2] == ["create", name] for line in lines), name
    assert "  cd repo" in lines
    assert "  git init" in lines
    assert any(
        line.startswith('  git config diff.persona.textconv "persona textconv"') for line in lines
    )
    assert run.stderr == ""


def test_init_repository_lints_clean_and_renders(repo: Path, tmp_path: Path) -> None:
    run = run_persona("lint", cwd=repo)
    assert run.exit_code == 0, run.stdout
    assert "All checks passed: 1 file, no problems." in run.stdout
    run = run_persona("render", "--team", "all", "--out", tmp_path / "briefings", cwd=repo)
    assert run.exit_code == 0, run.stderr
    for team in ("overview", "marketing", "sales", "product", "support"):
        briefing = tmp_path / "briefings" / team / "ciso-risk-averse.md"
        assert "Cautious Carla, CISO" in briefing.read_text(encoding="utf-8")
    # templates/ holds only the README, so the built-in templates are used.
    listing = run_persona("render", "--list-teams", cwd=repo)
    assert listing.stdout.split() == [
        word
        for team in ("overview", "marketing", "sales", "product", "support")
        for word in (team, "built-in")
    ]


def test_init_config_spells_out_the_defaults(repo: Path, tmp_path: Path) -> None:
    ours = cli("config", "--format", "json", cwd=repo).json()
    (tmp_path / "empty").mkdir()
    defaults = cli("config", "--format", "json", cwd=tmp_path / "empty").json()
    assert ours["config_file"] == ".persona.toml"
    for key, entry in defaults["settings"].items():
        assert ours["settings"][key]["value"] == entry["value"], key
    spelled = {k for k, e in ours["settings"].items() if e["source"] == ".persona.toml"}
    # A baseline is off until one is written: its line is an example, commented out.
    # The example tables are commented out too.
    tables = {"per-file-ignores", "teams-by-path", "teams-by-kind", "rules", "baseline"}
    assert spelled == set(init_verb.SETTING_HELP) - tables
    assert set(init_verb.SETTING_HELP) == {key for key, _, _ in describe(default_settings())}


def test_init_config_examples_are_valid_and_are_the_rule_defaults(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", init_verb.persona_toml(examples=True))
    settings = load_settings(cwd=tmp_path)
    assert settings.per_file_ignores == {"personas/drafts/**": ("L", "E001")}
    assert settings.teams_by_path == {"personas/public/**": ("product", "support")}
    assert settings.teams_by_kind == {"user": ("product", "support")}
    with_options = {
        code: rule
        for code, rule in REGISTRY.items()
        if rule.Options is not None and rule.Options.model_fields
    }
    assert set(settings.rules) == set(with_options)
    for code, rule in with_options.items():
        assert rule.Options is not None
        assert settings.rules[code].severity == rule.severity
        expected = rule.Options().model_dump(mode="json", by_alias=True)
        assert settings.rules[code].options == expected, code
    # Commented out, the file is the defaults (and still valid TOML).
    plain = tomllib.loads(init_verb.persona_toml())
    assert "rules" not in plain and "per-file-ignores" not in plain
    assert "teams-by-path" not in plain and "teams-by-kind" not in plain


def test_init_schema_is_the_one_persona_schema_prints(repo: Path) -> None:
    run = cli("schema")
    assert (repo / "schemas" / "persona.schema.json").read_text(encoding="utf-8") == run.stdout


def test_init_workflow_is_a_valid_github_workflow(repo: Path) -> None:
    workflow = repo / ".github" / "workflows" / "personas.yml"
    for schema in ("vendor.github-workflows", "custom.github-workflows-require-timeout"):
        proc = subprocess.run(
            [BIN / "check-jsonschema", "--builtin-schema", schema, workflow],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
    data = _yaml(workflow)
    assert set(data[True] if True in data else data["on"]) == {
        "pull_request",
        "schedule",
        "workflow_dispatch",
    }
    lint = data["jobs"]["lint"]
    uses = [step.get("uses", "") for step in lint["steps"]]
    assert f"persona-cli/persona-cli@v{__version__}" in uses
    assert "github/codeql-action/upload-sarif@v3" in uses
    assert lint["permissions"]["security-events"] == "write"
    assert lint["steps"][0]["with"]["fetch-depth"] == 0
    runs = [step.get("run", "") for step in lint["steps"]]
    assert 'persona diff "origin/$BASE" HEAD --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs
    age = data["jobs"]["age"]
    assert age["steps"][0]["with"]["fetch-depth"] == 0
    assert "persona age --fail-on stale" in [step.get("run") for step in age["steps"]]
    assert data["on" if "on" in data else True]["schedule"][0]["cron"]
    assert "@VERSION@" not in workflow.read_text(encoding="utf-8")


def test_init_pre_commit_config_is_valid_and_names_our_hooks(repo: Path) -> None:
    config = repo / ".pre-commit-config.yaml"
    proc = subprocess.run(
        [BIN / "pre-commit", "validate-config", config], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (entry,) = _yaml(config)["repos"]
    assert entry["rev"] == f"v{__version__}"
    ids = [hook["id"] for hook in entry["hooks"]]
    assert ids == ["persona-fmt", "persona-lint"]
    assert all(hook["files"] == "^personas/" for hook in entry["hooks"])
    published = {hook["id"] for hook in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    assert set(ids) <= published


def test_init_gitattributes_and_templates_readme(repo: Path) -> None:
    assert (repo / ".gitattributes").read_text() == (
        "personas/**/*.yaml diff=persona\npersonas/**/*.yml diff=persona\n"
    )
    readme = (repo / "templates" / "README.md").read_text(encoding="utf-8")
    assert "templates/<team>.md.j2" in readme
    assert f"/tree/v{__version__}/templates" in readme


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", 'fail-on = "warning"\n')
    write(tmp_path, ".pre-commit-config.yaml", "repos: []\n")
    run = run_persona("init", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: .: 2 files already exist: .persona.toml, .pre-commit-config.yaml; "
        "nothing written; move them aside, or pass --force to overwrite them\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".persona.toml",
        ".pre-commit-config.yaml",
    ]
    assert (tmp_path / ".persona.toml").read_text() == 'fail-on = "warning"\n'
    run = run_persona("init", "--force", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "  overwrite .persona.toml" in run.stdout
    assert (tmp_path / ".persona.toml").read_text() == init_verb.persona_toml()
    # Running it again changes nothing.
    again = run_persona("init", cwd=tmp_path)
    assert again.exit_code == 0
    assert (
        again.stdout
        == "Nothing to do: the current folder already holds every file persona init writes.\n"
    )


def test_init_refuses_when_pyproject_holds_the_settings(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.persona]\npaths = ["docs/personas"]\n')
    run = run_persona("init", cwd=tmp_path)
    assert run.exit_code == 2
    assert "pyproject.toml (has [tool.persona], which .persona.toml would hide)" in run.stderr
    assert "1 file already exists" in run.stderr
    assert "move [tool.persona] out of pyproject.toml" in run.stderr
    assert not (tmp_path / ".persona.toml").exists()


def test_init_extends_an_existing_gitattributes(tmp_path: Path) -> None:
    write(tmp_path, ".gitattributes", "*.png binary")  # no final newline
    run = cli("init", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / ".gitattributes").read_text() == (
        "*.png binary\npersonas/**/*.yaml diff=persona\npersonas/**/*.yml diff=persona\n"
    )
    assert "  update    .gitattributes" in run.stdout


def test_init_writes_through_a_symbolic_link_and_keeps_it(tmp_path: Path) -> None:
    """A .gitattributes or pre-commit config shared through a link (dotfiles, a monorepo's
    common config) is extended or, with --force, overwritten where the link points; the
    link stays, as fmt keeps a linked persona's link."""
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "attributes").write_text("*.md text\n", "utf-8")
    (shared / "hooks.yaml").write_text("repos: []\n", "utf-8")
    (tmp_path / ".gitattributes").symlink_to(Path("shared", "attributes"))
    (tmp_path / ".pre-commit-config.yaml").symlink_to(Path("shared", "hooks.yaml"))
    result = cli("init", "--force", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".gitattributes").is_symlink()
    assert (tmp_path / ".pre-commit-config.yaml").is_symlink()
    attributes = (shared / "attributes").read_text("utf-8")
    assert attributes.startswith("*.md text\n") and "diff=persona" in attributes
    assert "persona-lint" in (shared / "hooks.yaml").read_text("utf-8")


def test_init_in_a_git_repository_prints_but_does_not_run_git_config(tmp_path: Path) -> None:
    init_repo(tmp_path, commit=None)
    run = cli("init", cwd=tmp_path)
    assert run.exit_code == 0
    assert "  git init" not in run.stdout.splitlines()
    assert 'git config diff.persona.textconv "persona textconv"' in run.stdout
    assert git_in(tmp_path, "config", "--get", "diff.persona.textconv", check=False) == ""
    assert "Note: the repository's root" not in run.stdout
    # In a subfolder of the repository, CI files would not be read where they are.
    run = cli("init", "docs/personas-repo", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.stdout.splitlines()[-1] == (
        "Note: the repository's root is the current folder; GitHub reads .github/workflows/ "
        "and pre-commit reads .pre-commit-config.yaml only there, so move them up (or merge "
        "them into yours)."
    )


def test_init_refuses_a_file_as_directory(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt", "x")
    run = cli("init", "notes.txt", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        "persona: error: notes.txt: not a directory; pass a folder to create or fill\n"
    )


def test_starter_persona_is_clean_on_any_day(tmp_path: Path) -> None:
    # The packaged file itself, on the day it was written for.
    packaged = init_verb.INIT_DIR / "starter-persona.yaml"
    write(tmp_path, "a/personas/ciso-risk-averse.yaml", packaged.read_text(encoding="utf-8"))
    run = cli("lint", "--now", init_verb.STARTER_ANCHOR.isoformat(), cwd=tmp_path / "a")
    assert "All checks passed" in run.stdout, run.stdout
    # Moved to another day: reviewed that day, evidence before it, still clean.
    day = dt.date(2031, 3, 1)
    text = init_verb.starter_persona(day)
    data = YAML(typ="safe").load(text)
    assert data["review"]["last_reviewed"] == day
    assert all(item["date"] < day for item in data["evidence"])
    write(tmp_path, "b/personas/ciso-risk-averse.yaml", text)
    run = cli("lint", "--now", day.isoformat(), cwd=tmp_path / "b")
    assert run.exit_code == 0
    assert "All checks passed" in run.stdout, run.stdout
    assert Persona.model_validate(data).kind is Kind.buyer


def test_new_sees_ids_in_every_configured_path(tmp_path: Path) -> None:
    # The first path has no persona yet; the id is taken in the second one.
    write(tmp_path, ".persona.toml", 'paths = ["personas", "archive"]\n')
    (tmp_path / "personas").mkdir()
    write(
        tmp_path, "archive/old-ciso.yaml", "schema_version: 1\nid: old-ciso\nname: O\nkind: buyer\n"
    )
    run = cli("new", "old-ciso", "--kind", "buyer", cwd=tmp_path)
    assert run.exit_code == 2
    assert "id 'old-ciso' is already used by archive/old-ciso.yaml" in run.stderr
    assert cli("new", "carla", "--from", "old-ciso", cwd=tmp_path).exit_code == 0


def test_what_init_and_new_write_is_already_formatted(repo: Path) -> None:
    for kind in ("buyer", "user", "internal", "individual"):
        assert cli("new", f"fresh-{kind}", "--kind", kind, cwd=repo).exit_code == 0
    assert (
        cli(
            "new", "carla-at-acme", "--from", "ciso-risk-averse", "--owner", "x", cwd=repo
        ).exit_code
        == 0
    )
    run = cli("fmt", "--check", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr


def _readme_example(command: str) -> tuple[list[str], list[str]]:
    """The argv and output lines of the README's `$ persona COMMAND ...` example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(f"$ persona {command} ")
    block = readme[start : readme.index("```", start)].splitlines()
    return shlex.split(block[0].removeprefix("$ persona ")), block[1:]


def test_readme_examples_are_what_init_and_new_print(tmp_path: Path) -> None:
    argv, expected = _readme_example("init")
    run = cli(*argv, cwd=tmp_path)
    assert run.exit_code == 0
    shown = [line for line in expected if line.strip() != "..."]
    assert all(line in run.stdout.splitlines() for line in shown), run.stdout
    argv, expected = _readme_example("new")
    run = cli(*argv, cwd=tmp_path / "my-personas")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines() == expected


def test_review_records_a_refresh_in_a_new_persona(repo: Path) -> None:
    assert cli("new", "dan", "--kind", "user", "--owner", "jo", cwd=repo).exit_code == 0
    run = cli(
        "review",
        "dan",
        "--evidence-type",
        "survey",
        "--summary",
        "Survey of 40 engineers",
        cwd=repo,
    )
    assert run.exit_code == 0, run.stderr
    data = _yaml(repo / "personas" / "dan.yaml")
    assert data["review"]["last_reviewed"] == dt.date.today()
    assert [item["type"] for item in data["evidence"]] == ["survey"]


def test_init_next_steps_quote_a_folder_with_spaces(tmp_path: Path) -> None:
    """Init's next steps said `cd acme personas`, which a shell splits in two: the folder is
    quoted."""
    run = cli("init", "acme personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "  cd 'acme personas'\n" in run.stdout


def test_init_refused_for_pyproject_says_what_force_does(tmp_path: Path) -> None:
    # --force never overwrites pyproject.toml; the hint said "pass --force to overwrite it".
    write(tmp_path, "pyproject.toml", '[tool.persona]\npaths = ["people"]\n')
    run = cli("init", cwd=tmp_path)
    assert run.exit_code == 2
    assert "overwrite it" not in run.stderr
    assert "pass --force to write .persona.toml anyway" in run.stderr
    forced = cli("init", "--force", cwd=tmp_path)
    assert forced.exit_code == 0, forced.stderr
    assert (tmp_path / "pyproject.toml").read_text() == '[tool.persona]\npaths = ["people"]\n'


def test_init_where_a_folder_it_needs_is_a_file_writes_nothing(tmp_path: Path) -> None:
    # A file named `personas` made init crash (FileExistsError, exit 3) after it had
    # already written .persona.toml: a half-done init.
    (tmp_path / "personas").write_text("not a folder\n")
    run = cli("init", cwd=tmp_path)
    assert run.exit_code == 2, run.stderr
    assert "personas: is a file, and persona init needs a folder there" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["personas"]


def test_init_force_with_a_folder_in_the_way_does_not_suggest_force(tmp_path: Path) -> None:
    """With a folder where init writes a file, `init --force` suggested passing --force again."""
    (tmp_path / "personas" / "ciso-risk-averse.yaml").mkdir(parents=True)
    run = cli("init", "--force", cwd=tmp_path)
    assert run.exit_code == 2
    assert "pass --force" not in run.stderr
    assert "--force overwrites regular files only" in run.stderr
    assert not (tmp_path / ".persona.toml").exists()


def test_new_with_dir_under_a_file_is_an_input_error(tmp_path: Path) -> None:
    # `persona new x --dir FILE/sub` crashed: "internal error: NotADirectoryError", exit 3.
    (tmp_path / "notes").write_text("a file\n")
    run = cli("new", "carla", "--kind", "user", "--dir", "notes/sub", cwd=tmp_path)
    assert run.exit_code == 2, run.stderr
    assert "internal error" not in run.stderr
    assert "notes/sub: Not a directory" in run.stderr


def test_new_next_step_quotes_a_path_with_spaces(tmp_path: Path) -> None:
    """New's next step named a path with spaces unquoted, so it could not be pasted into a shell."""
    run = cli("new", "carla", "--kind", "user", "--dir", "my personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "`persona lint 'my personas/carla.yaml'`" in run.stdout


def test_new_given_a_path_for_an_id_suggests_the_file_name(tmp_path: Path) -> None:
    # `persona new personas/foo.yaml` suggested 'personas-foo-yaml'; `--from PATH` likewise.
    run = cli("new", "personas/cautious-carl.yaml", "--kind", "buyer", cwd=tmp_path)
    assert run.exit_code == 2
    assert "e.g. 'cautious-carl'" in run.stderr
    parent = cli("new", "carl-at-acme", "--from", "personas/cautious-carl.yml", cwd=tmp_path)
    assert parent.exit_code == 2
    assert "e.g. 'cautious-carl'" in parent.stderr
