"""`persona fmt`: schema key order, house layout, the modeline, and never a lost comment.

Real files in temp dirs through the real CLI; the round-trip core against every example.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from persona_cli.io import yaml_edit
from persona_cli.io.discovery import SourceFile
from persona_cli.verbs import fmt as formatter
from tests.conftest import EXAMPLES, ROOT, cli, run_persona, write

MODELINE = "# yaml-language-server: $schema=../schemas/persona.schema.json"

SHUFFLED = """\
# yaml-language-server: $schema=../schemas/persona.schema.json
# Carla: owned by the security PMM team.

# about the name
name: Cautious Carla   # keep the alliteration
id: carla
review:
  interval_days: 90
  # who answers for it
  owners:
    - maria@example.com
kind: buyer
whole_person:
  trust: needs_proof
  fears:
    - Being named in a breach disclosure  # the big one
    # the quieter one
    - Losing the board's confidence

# evidence from the spring round
evidence:
  - summary: Seven CISO interviews
    # gathered by Ana
    id: ciso-interviews
    type: interview
    date: 2026-04-02
schema_version: 1
custom_b: kept after the known keys
custom_a: in its own order
# end of file
"""

ORDERED = """\
# yaml-language-server: $schema=../schemas/persona.schema.json
# Carla: owned by the security PMM team.

schema_version: 1
id: carla
# about the name
name: Cautious Carla   # keep the alliteration
kind: buyer
whole_person:
  fears:
    - Being named in a breach disclosure  # the big one
    # the quieter one
    - Losing the board's confidence
  trust: needs_proof

# evidence from the spring round
evidence:
    # gathered by Ana
  - id: ciso-interviews
    type: interview
    date: 2026-04-02
    summary: Seven CISO interviews
review:
  # who answers for it
  owners:
    - maria@example.com
  interval_days: 90
custom_b: kept after the known keys
custom_a: in its own order
# end of file
"""


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A persona repository: personas/ and the schema where the modeline points."""
    (tmp_path / "personas").mkdir()
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "persona.schema.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the modeline search stops at the repository's root
    return tmp_path


def fmt_text(text: str, modeline: str | None = MODELINE) -> str:
    return formatter.format_text(textwrap.dedent(text), "p.yaml", modeline=modeline)


@pytest.mark.parametrize("path", sorted((EXAMPLES / "personas").glob("*.yaml")), ids=str)
def test_round_trip_of_every_example_is_byte_identical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml_edit.roundtrip_dump(yaml_edit.roundtrip_load(text)) == text


def test_the_examples_are_formatted() -> None:
    run = run_persona("fmt", "--check", "examples/personas", cwd=ROOT)
    assert run.exit_code == 0, run.stdout + run.stderr
    count = len(list((EXAMPLES / "personas").glob("*.yaml")))
    assert run.stdout == f"{count} files already formatted\n"


def test_keys_take_the_schema_order_and_comments_move_with_their_keys() -> None:
    assert fmt_text(SHUFFLED) == ORDERED


def test_formatting_twice_changes_nothing_more() -> None:
    once = fmt_text(SHUFFLED)
    assert fmt_text(once) == once


def test_canonical_order_follows_the_model() -> None:
    from persona_cli.domain.model import Evidence, Persona, Review, SalesLens

    orders = formatter.canonical_orders()
    assert orders[()] == tuple(Persona.model_fields)
    assert orders[("evidence",)] == tuple(Evidence.model_fields)
    assert orders[("review",)] == tuple(Review.model_fields)
    assert orders[("lenses", "sales")] == tuple(SalesLens.model_fields)
    assert orders[("lenses", "sales", "objections")] == ("objection", "response")
    assert orders[("whole_person", "quotes")] == ("text", "evidence")


def test_nested_mappings_and_list_items_are_ordered() -> None:
    text = """\
    schema_version: 1
    id: x
    name: X
    kind: buyer
    lenses:
      sales:
        objections:
          - response: Show the audit report.
            objection: Is it audited?
      marketing:
        comparison_set:
          - do nothing
        loss_feared: Audit failure
    """
    assert fmt_text(text, None) == textwrap.dedent(
        """\
        schema_version: 1
        id: x
        name: X
        kind: buyer
        lenses:
          marketing:
            loss_feared: Audit failure
            comparison_set:
              - do nothing
          sales:
            objections:
              - objection: Is it audited?
                response: Show the audit report.
        """
    )


def test_flow_lists_become_block_lists() -> None:
    text = """\
    schema_version: 1
    id: x
    name: X
    kind: buyer
    goals: [Pass the audit, Hire slower]  # both this year
    review: {owners: [maria@example.com], interval_days: 90}
    evidence: []
    """
    out = fmt_text(text, None)
    assert "goals:  # both this year\n  - Pass the audit\n  - Hire slower\n" in out
    assert "evidence: []\nreview:\n  owners:\n    - maria@example.com\n  interval_days: 90\n" in out


def test_a_comment_inside_a_flow_list_stops_formatting_instead_of_being_lost() -> None:
    # ruamel drops comments inside multi-line flow collections; the check catches it.
    text = "schema_version: 1\nid: x\npains: [\n  One,  # a comment inside\n  Two,\n]\n"
    with pytest.raises(formatter.Unformattable, match=r"p\.yaml:4: formatting would lose"):
        fmt_text(text, None)


def test_indentation_is_normalised() -> None:
    text = "schema_version: 1\nid: x\nname: X\nkind: buyer\nrole:\n    titles:\n    - CISO\n"
    assert fmt_text(text, None).endswith("role:\n  titles:\n    - CISO\n")
    flow = "{schema_version: 1, id: x, role: {titles: [CISO]}}  # all on one line\n"
    assert fmt_text(flow, None) == (
        "# all on one line\nschema_version: 1\nid: x\nrole:\n  titles:\n    - CISO\n"
    )


def test_block_scalars_and_long_lines_survive_byte_for_byte() -> None:
    long = "word " * 60 + "end"
    body = (
        "schema_version: 1\n"
        "id: x\n"
        "name: X\n"
        "kind: buyer\n"
        "summary: |\n"
        "  First line.\n"
        "    # not a comment, indented text\n"
        "\n"
        "  Last line.\n"
        f"goals:\n  - {long}\n"
        "pains:\n"
        "  - >-\n"
        "    folded across\n"
        "    two lines\n"
        "  - |+\n"
        "    kept trailing blank lines\n"
        "\n"
        "\n"
        "  - '#not a comment, quoted'\n"
    )
    assert fmt_text(body, None) == body
    moved = body.replace("schema_version: 1\n", "") + "schema_version: 1\n"
    assert fmt_text(moved, None) == body


def test_document_markers_and_header_comments_are_kept() -> None:
    text = "# header\n---\nid: x\nschema_version: 1\nname: X\nkind: buyer\n...\n# after\n"
    assert fmt_text(text, None) == (
        "# header\n---\nschema_version: 1\nid: x\nname: X\nkind: buyer\n...\n# after\n"
    )


def test_anchors_and_aliases_keep_their_order() -> None:
    text = "schema_version: 1\nid: x\nname: X\nkind: buyer\npains: &p\n  - a\ngoals: *p\n"
    # Moving `goals` above `pains` would put the alias before its anchor: order is kept.
    assert fmt_text(text, None) == text


def test_modeline_is_added_first(repo: Path) -> None:
    path = write(repo / "personas", "x.yaml", "schema_version: 1\nid: x\nname: X\nkind: buyer\n")
    run = cli("fmt", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    nested = write(repo / "personas" / "team", "y.yaml", "schema_version: 1\nid: y\n")
    assert formatter.modeline_for(nested) == (
        "# yaml-language-server: $schema=../../schemas/persona.schema.json"
    )


def test_without_a_schema_file_the_modeline_is_not_invented(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "personas", "x.yaml", "schema_version: 1\nid: x\nname: X\nkind: buyer\n")
    run = cli("fmt", "--check", cwd=tmp_path)
    assert run.exit_code == 0
    assert "modeline not added" in run.stderr
    assert "persona schema -o schemas/persona.schema.json" in run.stderr


def test_check_reports_and_writes_nothing(repo: Path) -> None:
    path = write(repo / "personas", "carla.yaml", SHUFFLED)
    write(repo / "personas", "done.yaml", ORDERED.replace("carla", "done"))
    run = cli("fmt", "--check", cwd=repo)
    assert run.exit_code == 1
    assert run.stdout == (
        "Would reformat: personas/carla.yaml\n"
        "1 file would be reformatted, 1 file already formatted\n"
    )
    assert path.read_text(encoding="utf-8") == SHUFFLED


def test_diff_prints_a_unified_diff_and_writes_nothing(repo: Path) -> None:
    path = write(repo / "personas", "carla.yaml", SHUFFLED)
    run = cli("fmt", "--diff", cwd=repo)
    assert run.exit_code == 1
    assert run.stdout.startswith("--- a/personas/carla.yaml\n+++ b/personas/carla.yaml\n@@")
    assert "+schema_version: 1\n" in run.stdout
    assert "-schema_version: 1\n" in run.stdout
    assert path.read_text(encoding="utf-8") == SHUFFLED


def test_rewrites_in_place_and_says_how_many(repo: Path) -> None:
    path = write(repo / "personas", "carla.yaml", SHUFFLED)
    write(repo / "personas", "done.yaml", ORDERED.replace("carla", "done"))
    path.chmod(0o640)
    run = run_persona("fmt", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert run.stdout == (
        "reformatted personas/carla.yaml\n1 file reformatted, 1 file left unchanged\n"
    )
    assert path.read_text(encoding="utf-8") == ORDERED
    assert path.stat().st_mode & 0o777 == 0o640
    again = run_persona("fmt", cwd=repo)
    assert again.stdout == "2 files left unchanged\n"


def test_a_file_that_does_not_parse_is_reported_and_left_alone(repo: Path) -> None:
    broken = write(repo / "personas", "broken.yaml", "id: x\npains: [one, two\nname: X\n")
    good = write(repo / "personas", "good.yaml", SHUFFLED)
    run = cli("fmt", cwd=repo)
    assert run.exit_code == 2
    assert "personas/broken.yaml:3:" in run.stderr
    assert "Y001" in run.stderr and "not formatted" in run.stderr
    assert broken.read_text(encoding="utf-8") == "id: x\npains: [one, two\nname: X\n"
    assert good.read_text(encoding="utf-8") == ORDERED  # the other file is still formatted
    assert run.stdout.endswith("1 file reformatted, 1 file could not be formatted\n")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("# only comments\n# here\n", "Y005"),
        ("schema_version: 1\nrole:\n\ttitles: [CISO]\n", "Y001"),
        ("id: x\nid: y\n", "Y002"),
        ("id: !!python/object:os.system x\n", "Y009"),
    ],
    ids=["only-comments", "tabs", "duplicate-key", "python-tag"],
)
def test_files_with_loading_findings_are_never_rewritten(
    repo: Path, content: str, code: str
) -> None:
    path = repo / "personas" / "x.yaml"
    path.write_bytes(content.encode())
    run = cli("fmt", cwd=repo)
    assert run.exit_code == 2
    assert code in run.stderr
    assert path.read_bytes() == content.encode()


def test_alias_bomb_is_refused() -> None:
    run = run_persona("fmt", "--check", "examples/invalid/alias-bomb.yaml", cwd=ROOT)
    assert run.exit_code == 2
    assert "Y008" in run.stderr


def test_crlf_and_byte_order_mark_are_kept(repo: Path) -> None:
    path = repo / "personas" / "x.yaml"
    text = "\ufeffid: x\r\n# about the schema version\r\nschema_version: 1\r\nname: X\r\n"
    path.write_bytes(text.encode("utf-8"))
    assert cli("fmt", cwd=repo).exit_code == 0
    assert (
        path.read_bytes()
        == (
            f"\ufeff{MODELINE}\r\n# about the schema version\r\nschema_version: 1\r\nid: x\r\n"
            "name: X\r\n"
        ).encode()
    )
    assert cli("fmt", "--check", cwd=repo).exit_code == 0


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(repo: Path) -> None:
    path = write(repo / "personas", "x.yaml", SHUFFLED)
    saved_by_editor = SHUFFLED.replace("Cautious Carla", "Careful Carla")

    def editor_saves(file: Path) -> str | None:
        file.write_text(saved_by_editor, encoding="utf-8")  # between read and write
        return MODELINE

    result = formatter.format_files(
        [SourceFile(path, "personas/x.yaml")], write=True, modeline=editor_saves
    )
    [outcome] = result.files
    assert outcome.after is None
    assert outcome.error is not None and "changed on disk" in outcome.error
    assert path.read_text(encoding="utf-8") == saved_by_editor


def test_files_are_found_like_lint_finds_them(repo: Path) -> None:
    (repo / ".persona.toml").write_text('paths = ["people"]\nexclude = ["people/old/"]\n')
    write(repo / "people", "x.yaml", "id: x\nschema_version: 1\n")
    old = write(repo / "people" / "old", "y.yaml", "id: y\nschema_version: 1\n")
    run = cli("fmt", "--check", cwd=repo)
    assert run.exit_code == 1
    assert "Would reformat: people/x.yaml\n" in run.stdout
    assert "old" not in run.stdout
    assert old.read_text(encoding="utf-8") == "id: y\nschema_version: 1\n"


def test_unknown_path_is_a_usage_error(repo: Path) -> None:
    run = cli("fmt", "nope/", cwd=repo)
    assert run.exit_code == 2
    assert "nope/: no such file or directory" in run.stderr


def test_a_symlinked_persona_is_formatted_through_its_link(repo: Path) -> None:
    target = write(repo / "shared", "carla.yaml", SHUFFLED)
    link = repo / "personas" / "carla.yaml"
    link.symlink_to(target)
    assert cli("fmt", cwd=repo).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == ORDERED


def test_a_tab_the_round_trip_parser_refuses_is_reported_with_its_place(repo: Path) -> None:
    text = "schema_version: 1\nid: x\nname: Carla\tthe CISO\n"
    path = write(repo / "personas", "x.yaml", text)
    run = cli("fmt", cwd=repo)
    assert run.exit_code == 2
    assert "personas/x.yaml:3:12: cannot format: found character '\\t'" in run.stderr
    assert "replace the tab with spaces" in run.stderr
    assert path.read_text(encoding="utf-8") == text


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
