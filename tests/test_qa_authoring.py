"""Regressions found by trying the authoring commands (`init`, `new`, `fmt`, `review`, `show`,
`list`) the way a new user does: one test per bug, real files in temp folders."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from persona_cli.reporters.console import make_console
from tests.conftest import cli, write

FOUR_SPACES = """\
schema_version: 1
id: four
name: F
kind: buyer
lenses:
    sales:
        # about regret
        regret_scenario: r
        # about hesitation
        hesitation_triggers:
            - h
    # about marketing
    marketing:
        loss_feared: l
review:
    # who
    owners:
        - a
    # when
    last_reviewed: 2026-01-01
"""


def test_fmt_keeps_comments_above_their_keys_in_a_four_space_file(tmp_path: Path) -> None:
    # ruamel kept each comment at its source column (4 or 8 deep) while the keys moved to
    # 2 and 4: a comment above a key read as the end of the previous value and stayed there.
    path = write(tmp_path / "personas", "four.yaml", FOUR_SPACES)
    run = cli("fmt", path, cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    body = path.read_text(encoding="utf-8")
    assert body.endswith(
        "kind: buyer\n"
        + textwrap.dedent("""\
        lenses:
          # about marketing
          marketing:
            loss_feared: l
          sales:
            # about hesitation
            hesitation_triggers:
              - h
            # about regret
            regret_scenario: r
        review:
          # who
          owners:
            - a
          # when
          last_reviewed: 2026-01-01
        """)
    )
    assert cli("fmt", "--check", path, cwd=tmp_path).exit_code == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_color_environment_variable_is_honoured_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The console passed no_color=False when neither --color nor --no-color was given,
    # which overrode NO_COLOR: `NO_COLOR=1 persona list` on a terminal was in colour.
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    stream = _Terminal()
    make_console(stream, color=None).print("[yellow]draft[/yellow]")
    assert "\x1b[33m" not in stream.getvalue()
    forced = _Terminal()
    make_console(forced, color=True).print("[yellow]draft[/yellow]")
    assert "\x1b[33m" in forced.getvalue()  # --color still wins over NO_COLOR


def test_init_next_steps_quote_a_folder_with_spaces(tmp_path: Path) -> None:
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


@pytest.mark.parametrize("command", ["show", "review"])
def test_missing_id_is_named_as_in_the_readme(command: str, tmp_path: Path) -> None:
    # The usage error said "Missing argument 'persona'" (the parameter's Python name).
    run = cli(command, cwd=tmp_path)
    assert run.exit_code == 2
    assert "Missing argument 'ID'" in run.stderr


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


def test_a_symlink_loop_in_the_persona_folder_is_a_finding_on_that_file(tmp_path: Path) -> None:
    # `persona list` / `fmt` / `lint` crashed with "RuntimeError: Symlink loop from ...", then
    # stopped the whole run with exit 2; now the loop is a Y011 on its path, the rest is read.
    write(
        tmp_path / "personas", "carla.yaml", "schema_version: 1\nid: carla\nname: C\nkind: user\n"
    )
    (tmp_path / "personas" / "loop.yaml").symlink_to("loop.yaml")
    listed = cli("list", "--no-age", cwd=tmp_path)
    assert listed.exit_code == 2, listed.stderr
    assert "personas/loop.yaml:1:1: Y011 the path is a symbolic link loop" in listed.stdout
    assert listed.stdout.startswith("ID") and "\ncarla " in listed.stdout
    formatted = cli("fmt", cwd=tmp_path)
    assert formatted.exit_code == 2, formatted.stderr
    assert "personas/loop.yaml:1:1: Y011" in formatted.stderr
    linted = cli("lint", cwd=tmp_path)
    assert linted.exit_code == 1, linted.stderr
    assert "personas/loop.yaml:1:1: Y011" in linted.stdout


def test_init_where_a_folder_it_needs_is_a_file_writes_nothing(tmp_path: Path) -> None:
    # A file named `personas` made init crash (FileExistsError, exit 3) after it had
    # already written .persona.toml: a half-done init.
    (tmp_path / "personas").write_text("not a folder\n")
    run = cli("init", cwd=tmp_path)
    assert run.exit_code == 2, run.stderr
    assert "personas: is a file, and persona init needs a folder there" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["personas"]


def test_init_force_with_a_folder_in_the_way_does_not_suggest_force(tmp_path: Path) -> None:
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
    run = cli("new", "carla", "--kind", "user", "--dir", "my personas", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "`persona lint 'my personas/carla.yaml'`" in run.stdout


def test_show_and_review_hints_quote_a_path_with_spaces(tmp_path: Path) -> None:
    # "run persona fmt my personas/carla.yaml first" cannot be pasted into a shell.
    folder = tmp_path / "my personas"
    write(folder, "carla.yaml", "schema_version: 1\nid: carla\nname: C\nkind: user\n")
    with (folder / "carla.yaml").open("a") as stream:
        stream.write("evidence: [{id: a, type: crm, date: 2026-01-01, summary: s}]\n")
    write(folder, "bad.yaml", "schema_version: 1\nid: bad\nname: B\nkind: alien\n")
    review = cli(
        "review", "my personas/carla.yaml", "--evidence-type", "crm", "--summary", "s", cwd=tmp_path
    )
    assert review.exit_code == 2
    assert "run persona fmt 'my personas/carla.yaml' first" in review.stderr
    show = cli("show", "my personas/bad.yaml", cwd=tmp_path)
    assert show.exit_code == 2
    assert "run persona lint 'my personas/bad.yaml' for every problem" in show.stderr


def test_new_given_a_path_for_an_id_suggests_the_file_name(tmp_path: Path) -> None:
    # `persona new personas/foo.yaml` suggested 'personas-foo-yaml'; `--from PATH` likewise.
    run = cli("new", "personas/cautious-carl.yaml", "--kind", "buyer", cwd=tmp_path)
    assert run.exit_code == 2
    assert "e.g. 'cautious-carl'" in run.stderr
    parent = cli("new", "carl-at-acme", "--from", "personas/cautious-carl.yml", cwd=tmp_path)
    assert parent.exit_code == 2
    assert "e.g. 'cautious-carl'" in parent.stderr


def test_fmt_and_review_refuse_a_read_only_file(tmp_path: Path) -> None:
    # The atomic rename replaced a read-only (chmod a-w) persona without a word, where
    # ruff and black refuse; the mode kept hid that the "locked" file had changed.
    path = write(
        tmp_path / "personas", "ro.yaml", "id: ro\nschema_version: 1\nname: R\nkind: user\n"
    )
    before = path.read_text()
    path.chmod(0o444)
    try:
        fmt = cli("fmt", path, cwd=tmp_path)
        review = cli("review", "ro", "--no-evidence", cwd=tmp_path)
    finally:
        path.chmod(0o644)
    assert (fmt.exit_code, review.exit_code) == (2, 2)
    for run in (fmt, review):
        assert "personas/ro.yaml: the file is read-only; nothing written" in run.stderr
    assert path.read_text() == before


def test_review_names_the_line_of_an_evidence_that_is_not_a_list(tmp_path: Path) -> None:
    # "personas/carla.yaml: 'evidence' is not a list": no line to jump to.
    text = "schema_version: 1\nid: carla\nname: C\nkind: user\nevidence: none yet\n"
    write(tmp_path / "personas", "carla.yaml", text + "review:\n  - 2026-01-01\n")
    evidence = cli("review", "carla", "--evidence-type", "crm", "--summary", "s", cwd=tmp_path)
    assert evidence.exit_code == 2
    assert "personas/carla.yaml:5:11: 'evidence' is not a list" in evidence.stderr
    review = cli("review", "carla", "--no-evidence", cwd=tmp_path)
    assert review.exit_code == 2
    assert "personas/carla.yaml:7:3: 'review' is not a mapping" in review.stderr


def test_fmt_with_an_empty_path_formats_nothing(tmp_path: Path) -> None:
    # `persona fmt "$FILE"` with FILE unset formatted every file under the current folder.
    body = "id: carla\nschema_version: 1\nname: C\nkind: user\n"
    path = write(tmp_path / "personas", "carla.yaml", body)
    run = cli("fmt", "", cwd=tmp_path)
    assert run.exit_code == 2
    assert "an empty path was given" in run.stderr
    assert path.read_text() == body


def test_fmt_leaves_a_yaml_file_that_is_not_a_persona_alone(tmp_path: Path) -> None:
    # An unnarrowed pre-commit hook hands fmt every staged YAML file: a Kubernetes manifest
    # got `kind` moved above `apiVersion` and the persona schema modeline stamped on it.
    write(tmp_path / "schemas", "persona.schema.json", "{}\n")
    body = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n"
    path = write(tmp_path, "pod.yaml", body)
    run = cli("fmt", path, cwd=tmp_path)
    assert run.exit_code == 2
    assert "pod.yaml: not a persona file (no schema_version, no id); not formatted" in run.stderr
    assert path.read_text() == body
