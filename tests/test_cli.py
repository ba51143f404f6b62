"""The command line as a user meets it: exit codes, output shapes, messages, speed hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from persona_cli.lint import engine as linter
from tests.conftest import MINIMAL, ROOT, cli, run_persona, write


def test_default_path_is_personas(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    run = cli("lint", "--select", "Y,S,I", cwd=tmp_path)
    assert run.exit_code == 0
    assert "All checks passed: 1 file, no problems." in run.stdout


def test_missing_default_folder_is_a_usage_error(tmp_path: Path) -> None:
    run = run_persona("lint", cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.strip() == (
        "persona: error: personas: no such file or directory; "
        "check the path, or run from the repository root"
    )
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["lint", "nowhere/"], "nowhere/: no such file or directory"),
        (["lint", "personas/*.yml"], "the pattern matches no *.yaml or *.yml files"),
        (["lint", "empty-dir"], "no *.yaml or *.yml files in this directory"),
        (["lint", "--format", "xml", "personas"], "'xml' is not one of text, json"),
        (["lint", "--fail-on", "sometimes", "personas"], "sometimes"),
        (["rule", "S0002"], "no rule named 'S0002'; did you mean S002?"),
        (["frobnicate"], "No such command"),
    ],
)
def test_usage_errors_exit_2_with_one_clear_line(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    (tmp_path / "empty-dir").mkdir()
    run = run_persona(*args, cwd=tmp_path)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert fragment in run.stderr
    assert "Traceback" not in run.stderr


def test_globs_directories_and_files_combine_without_duplicates(tmp_path: Path) -> None:
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a"))
    write(tmp_path, "personas/sub/b.yml", MINIMAL.format(id="b"))
    write(tmp_path, "personas/notes.txt", "not yaml")
    write(tmp_path, "personas/.hidden/c.yaml", "broken: [")
    run = cli(
        "lint",
        "personas",
        "personas/*.yaml",
        "personas/sub/b.yml",
        *("--format", "json", "--select", "Y,S,I"),
        cwd=tmp_path,
    )
    assert run.exit_code == 0
    report = run.json()
    assert (report["files"], report["findings"]) == (2, [])
    assert [p["path"] for p in report["personas"]] == ["personas/a.yaml", "personas/sub/b.yml"]


def test_json_shape_is_stable(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla") + "fers: []\n")
    run = cli("lint", "--format", "json", cwd=tmp_path)
    assert run.exit_code == 1
    assert run.json() == {
        "version": 1,
        "files": 1,
        "findings": [
            {
                "path": "personas/carla.yaml",
                "line": 5,
                "column": 1,
                "code": "S002",
                "rule": "unknown-key",
                "severity": "error",
                "message": "unknown key 'fers' in the persona; did you mean 'whole_person.fears'?",
            }
        ],
        "personas": [],
    }


def test_text_output_lists_findings_then_a_summary(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla") + "goals: grow\n")
    write(tmp_path, "personas/dan.yaml", MINIMAL.format(id="dan"))
    run = run_persona("lint", "--select", "S", cwd=tmp_path)
    assert run.exit_code == 1
    assert run.stdout.splitlines() == [
        "personas/carla.yaml:5:8: S003 [error] goals: expected a list, got 'grow'; "
        "write it as '- item' lines",
        "Completeness: 0% on average over 1 persona.",
        "    0%  personas/dan.yaml (buyer): incomplete emotional, risk, marketing, sales, "
        "product, support, evidence",
        "Found 1 problem (1 error) in 1 of 2 files.",
    ]


def test_output_file_and_fail_on(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla") + "goals: grow\n")
    report = tmp_path / "out" / "report.json"
    report.parent.mkdir()
    run = cli("lint", "--format", "json", "--output", report, cwd=tmp_path)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert json.loads(report.read_text())["findings"][0]["code"] == "S003"
    assert cli("lint", "--fail-on", "never", cwd=tmp_path).exit_code == 0


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))
    write(tmp_path, "a-file", "not a directory")
    run = run_persona("lint", "--output", "a-file/report.txt", cwd=tmp_path)
    assert run.exit_code == 2
    assert "--output a-file/report.txt (text): a-file is a file, not a folder" in run.stderr


def test_paths_outside_the_cwd_are_shown_absolute(tmp_path: Path) -> None:
    path = write(tmp_path, "elsewhere/carla.yaml", MINIMAL.format(id="carla") + "goals: x\n")
    (tmp_path / "work").mkdir()
    run = cli("lint", path, "--format", "json", cwd=tmp_path / "work")
    assert run.json()["findings"][0]["path"] == path.resolve().as_posix()


def test_internal_errors_exit_3_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "personas/carla.yaml", MINIMAL.format(id="carla"))

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(linter, "lint", broken)
    run = cli("lint", cwd=tmp_path)
    assert run.exit_code == 3
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("persona: error: internal error: RuntimeError: boom")
    assert "--debug" in lines[0]

    debug = cli("--debug", "lint", cwd=tmp_path)
    assert debug.exit_code == 3
    assert "Traceback" in debug.stderr


def test_version() -> None:
    run = run_persona("--version")
    assert run.exit_code == 0
    assert run.stdout.startswith("persona-cli ")


def test_help_and_version_import_no_heavy_library() -> None:
    # Subcommand help (`persona lint --help`) is typer's: typer >= 0.2x coerces parameters
    # through pydantic, so only the root help and --version can stay free of it.
    probe = (
        "import sys\n"
        "from persona_cli.cli import app\n"
        "for args in (['--help'], ['--version'], ['-h']):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = {'pydantic', 'ruamel', 'jinja2', 'git', 'rich', 'markdown_it'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_rule_documentation() -> None:
    run = cli("rule", "unknown-key")
    assert run.exit_code == 0
    assert run.stdout.startswith("S002 unknown-key (default severity: error)")
    assert "Failing:" in run.stdout
    assert "Passing:" in run.stdout
    catalogue = cli("rule", "--all")
    assert catalogue.exit_code == 0
    assert len(catalogue.stdout.splitlines()) >= 16


def test_readme_documents_every_rule_and_command() -> None:
    from persona_cli.cli import app as root
    from persona_cli.lint.rules.catalogue import REGISTRY

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, rule in REGISTRY.items():
        assert f"| {code} | {rule.name} |" in readme, code
    for command in root.registered_commands:
        assert f"### `persona {command.name}" in readme, command.name


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["lint", "--fail-on", "bogus"], "persona: error: Invalid value for '--fail-on'"),
        (["diff", "--bogus"], "persona: error: No such option: --bogus; run 'persona diff --help'"),
        (["log"], "persona: error: Missing argument 'persona'; run 'persona log --help'"),
        (["frobnicate"], "persona: error: No such command 'frobnicate'; run 'persona --help'"),
    ],
)
def test_option_errors_are_one_line(tmp_path: Path, args: list[str], expected: str) -> None:
    run = run_persona(*args, cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr.startswith(expected)
    assert len(run.stderr.strip().splitlines()) == 1


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    for index in range(400):  # well over a pipe buffer of findings
        write(tmp_path, f"personas/p{index}.yaml", MINIMAL.format(id=f"p{index}") + "fers: []\n")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("persona")), "lint", "--select", "S", "-j", "1"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert b"S002" in proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_format_names_match_the_registries() -> None:
    from persona_cli.reporters import AGE_FORMATS, DIFF_FORMATS
    from persona_cli.reporters.age import AGE_REPORTERS
    from persona_cli.reporters.diff import DIFF_REPORTERS

    assert set(AGE_FORMATS) == set(AGE_REPORTERS)
    assert set(DIFF_FORMATS) == set(DIFF_REPORTERS)


def _main_probe(args: list[str]) -> list[str]:
    """Run `persona ARGS` through the console entry point in a fresh interpreter and return
    the command modules it imported."""
    probe = (
        "import sys\n"
        f"sys.argv = ['persona', *{args!r}]\n"
        "from persona_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('persona_cli.cli.')\n"
        "                        and not m.startswith('persona_cli.cli._'))), file=sys.stderr)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded: list[str] = json.loads(proc.stderr.strip().splitlines()[-1])
    return loaded


def test_an_invocation_builds_only_the_command_it_runs() -> None:
    from persona_cli.cli import COMMANDS

    assert _main_probe(["--help"]) == []
    assert _main_probe(["rule", "S002"]) == ["persona_cli.cli.rule"]
    assert _main_probe(["--debug", "list", "--help"]) == ["persona_cli.cli.list_"]
    assert len(COMMANDS) == len({module for module, _, _ in COMMANDS.values()})


def test_the_root_help_lists_every_command_as_the_whole_app_does() -> None:
    from persona_cli.cli import COMMANDS, app, build

    listed = CliRunner().invoke(build(listed=True), ["--help"])
    whole = CliRunner().invoke(app, ["--help"])
    assert listed.exit_code == whole.exit_code == 0
    assert listed.stdout == whole.stdout
    lazy = run_persona("--help")  # through the entry point, which builds the listing
    assert lazy.exit_code == 0
    assert [info.name for info in app.registered_commands] == list(COMMANDS)
    for name, (_, _, summary) in COMMANDS.items():
        assert f"  {name.ljust(8)}  {summary}\n" in lazy.stdout
        # Every command's own help works through the entry point.
        own = run_persona(name, "--help")
        assert own.exit_code == 0, (name, own.stderr)
        assert own.stdout.startswith(f"Usage: persona {name} ")


def test_the_readme_lists_every_command_with_its_summary() -> None:
    from persona_cli.cli import COMMANDS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, (_, _, summary) in COMMANDS.items():
        assert f"| `persona {name}` | {summary} |" in readme, name


@pytest.mark.parametrize("command", ["show", "review"])
def test_missing_id_is_named_as_in_the_readme(command: str, tmp_path: Path) -> None:
    # The usage error said "Missing argument 'persona'" (the parameter's Python name).
    run = run_persona(command, cwd=tmp_path)
    assert run.exit_code == 2
    assert run.stderr == (
        f"persona: error: Missing argument 'ID'; run 'persona {command} --help' for usage\n"
    )


def test_an_id_too_long_for_a_file_name_is_an_input_error(tmp_path: Path) -> None:
    # `persona new/show/review/fmt` with a 300-character name crashed: "internal error:
    # OSError: [Errno 36] File name too long", exit 3.
    (tmp_path / "personas").mkdir()
    long_id = "a" * 300
    for args in (("new", long_id, "--kind", "user"), ("show", long_id), ("fmt", long_id)):
        run = cli(*args, cwd=tmp_path)
        assert run.exit_code == 2, (args, run.stderr)
        assert "internal error" not in run.stderr
        assert "File name too long; fix the path" in run.stderr
