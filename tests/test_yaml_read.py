"""The read path: C parser, locations, and every kind of bad input as a located finding."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from persona_cli.io import yaml_build, yaml_compose, yaml_read
from persona_cli.io.yaml_read import MAX_DEPTH
from tests.conftest import MINIMAL, cli, run_persona, write


def codes(text: str) -> list[tuple[str, int, int]]:
    loaded = yaml_read.load_text(text, "p.yaml")
    return [(f.code, f.line, f.column) for f in loaded.findings]


def test_reader_runs_the_c_parser() -> None:
    import _ruamel_yaml

    assert yaml_compose.PARSER_BACKEND == "libyaml"
    assert issubclass(yaml_compose._Loader, _ruamel_yaml.CParser)
    # The C extension is a compiled module, not pure Python.
    assert Path(_ruamel_yaml.__file__).suffix in {".so", ".pyd"}
    # Composition happens in compiled (Cython) code, not in a Python function.
    assert type(_ruamel_yaml.CParser.get_single_node).__name__ == "cython_function_or_method"
    # And errors carry libyaml's wording ("did not find expected"); the pure-Python parser
    # says "expected ',' or ']', but got ...".
    [finding] = yaml_read.load_text("a: [x, y\nb: 1\n", "p.yaml").findings
    assert "did not find expected" in finding.message


def test_locations_of_keys_and_values() -> None:
    text = "id: carla\nwhole_person:\n  fears:\n    - blamed\n    - fired\n"
    document = yaml_read.load_text(text, "p.yaml").document
    assert document is not None
    assert document.data == {"id": "carla", "whole_person": {"fears": ["blamed", "fired"]}}
    assert document.spans[("id",)] == yaml_read.Span(1, 1, 1, 5)
    assert document.spans[("whole_person", "fears")].key_line == 3
    assert document.locate(("whole_person", "fears", 1)) == (5, 7)
    # A path that does not exist falls back to its nearest ancestor.
    assert document.locate(("whole_person", "motivations")) == (3, 3)
    assert document.locate_key(("whole_person", "motivations")) == (2, 1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a: 12", 12),
        ("a: 0x1f", 31),
        ("a: 1_000", 1000),
        ("a: 012", 12),
        ("a: 1.5", 1.5),
        ("a: true", True),
        ("a: yes", "yes"),  # YAML 1.2: not a boolean
        ("a: ~", None),
        ("a:", None),
        ("a: 2026-11-22", "2026-11-22"),  # dates stay text for the model to parse
        ("a: '7'", "7"),
    ],
)
def test_scalars_follow_yaml_1_2(source: str, expected: object) -> None:
    document = yaml_read.load_text(source, "p.yaml").document
    assert document is not None
    assert document.data["a"] == expected


def test_special_floats() -> None:
    document = yaml_read.load_text("a: .inf\nb: -.inf\nc: .nan", "p.yaml").document
    assert document is not None
    assert document.data["a"] == math.inf
    assert document.data["b"] == -math.inf
    assert math.isnan(document.data["c"])


def test_syntax_error_has_position_and_code_frame() -> None:
    loaded = yaml_read.load_text("a: 1\nb: [x, y\nc: 2\n", "p.yaml")
    assert loaded.document is None
    [finding] = loaded.findings
    assert (finding.code, finding.line) == ("Y001", 3)
    assert finding.context is not None
    assert "2 |   b: [x, y".replace("  b", "b") in finding.context
    assert finding.context.splitlines()[-1].strip().endswith("^")


def test_syntax_error_at_end_of_input_points_at_last_line() -> None:
    loaded = yaml_read.load_text('a: "unterminated\n', "p.yaml")
    [finding] = loaded.findings
    assert finding.code == "Y001"
    assert finding.line == 1


def test_duplicate_keys_are_reported_and_first_value_kept() -> None:
    loaded = yaml_read.load_text("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n", "p.yaml")
    assert [(f.code, f.line, f.column) for f in loaded.findings] == [
        ("Y002", 4, 3),
        ("Y002", 5, 1),
    ]
    assert loaded.document is not None
    assert loaded.document.data == {"a": 1, "b": {"c": 1}}


@pytest.mark.parametrize(
    ("source", "code", "line"),
    [
        ("- a\n- b\n", "Y003", 1),
        ("# comment\njust text\n", "Y003", 2),
        ("a: 1\n---\nb: 2\n", "Y004", 2),
        ("", "Y005", 1),
        ("# only a comment\n", "Y005", 1),
        ("a: !!python/object:os.system x\n", "Y009", 1),
        ("a: !custom x\n", "Y009", 1),
        ("a: !!binary aGVsbG8=\n", "Y009", 1),
        ("a: !!set {x, y}\n", "Y009", 1),
        ("base: &b {x: 1}\nchild:\n  <<: *b\n", "Y009", 3),
        ("? [complex, key]\n: value\n", "Y003", 1),
    ],
)
def test_bad_documents(source: str, code: str, line: int) -> None:
    assert [(c, ln) for c, ln, _ in codes(source)] == [(code, line)]


def test_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    loaded = yaml_read.load_text("\n".join(lines), "p.yaml")
    assert loaded.document is None
    assert [f.code for f in loaded.findings] == ["Y008"]


def test_small_aliases_are_fine() -> None:
    document = yaml_read.load_text("a: &x [1, 2]\nb: *x\n", "p.yaml").document
    assert document is not None
    assert document.data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_refused() -> None:
    loaded = yaml_read.load_text("a: &x [1, *x]\n", "p.yaml")
    assert [f.code for f in loaded.findings] == ["Y008"]


def test_refused_values_are_recorded() -> None:
    document = yaml_read.load_text("id: x\nname: !!python/name:os.system ''\n", "p.yaml").document
    assert document is not None
    assert ("name",) in document.refused
    assert document.data["name"] is None


def test_files_are_decoded_as_utf8(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfname: Ren\xc3\xa9e\n")
    loaded = yaml_read.load_file(bom, "bom.yaml")
    assert loaded.document is not None
    assert loaded.document.data == {"name": "Renée"}

    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"id: x\nname: Ren\xe9e\n")
    [finding] = yaml_read.load_file(latin, "latin.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("Y006", 2, 10)
    assert "0xE9" in finding.message


def test_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 200 + "\n")
    assert yaml_read.load_file(big, "big.yaml", max_bytes=100).findings[0].code == "Y007"
    assert yaml_read.load_file(big, "big.yaml", max_bytes=1000).findings == []


def test_code_frame_marks_the_column() -> None:
    frame = yaml_read.code_frame(["first", "second", "third"], 3, 4)
    assert frame.splitlines() == ["1 | first", "2 | second", "3 | third", "  |    ^"]


def test_light_nodes_are_installed_only_during_a_parse() -> None:
    import _ruamel_yaml
    from ruamel.yaml import nodes

    yaml_read.load_text("a: [1, 2]\n", "p.yaml")
    yaml_read.load_text("a: [1\n", "p.yaml")  # an error must restore them too
    assert _ruamel_yaml.ScalarNode is nodes.ScalarNode
    assert _ruamel_yaml.MappingNode is nodes.MappingNode
    assert _ruamel_yaml.SequenceNode is nodes.SequenceNode


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # Flow nesting thousands deep: libyaml recursed until Python (or the C stack) gave up.
        (
            "schema_version: 1\nid: deep\nname: D\nkind: buyer\nsummary: "
            + "[" * 5000
            + "]" * 5000
            + "\n",
            5,
        ),
        # An unclosed flow sequence nested 400,000 deep crashed the process (exit 139).
        ("a: " + "[" * 400_000 + "\n", 1),
        # Block nesting: 300 indented mappings.
        ("id: deep\nrole:\n" + "".join("  " * (i + 1) + f"a{i}:\n" for i in range(300)), None),
    ],
)
def test_deep_nesting_is_a_finding_not_a_crash(tmp_path: Path, text: str, line: int | None) -> None:
    (tmp_path / "deep.yaml").write_text(text, encoding="utf-8")
    run = run_persona("lint", "--select", "Y", "--format", "json", "deep.yaml", cwd=tmp_path)
    assert run.exit_code == 1, run.stderr
    (finding,) = run.json()["findings"]
    assert finding["code"] == "Y001"
    assert f"more than {MAX_DEPTH} levels" in finding["message"]
    if line is not None:
        assert finding["line"] == line
    textconv = run_persona("textconv", "deep.yaml", cwd=tmp_path)
    assert textconv.exit_code == 0, textconv.stderr
    assert textconv.stdout.startswith("# persona textconv: not a readable persona (")


def test_normal_nesting_and_bracketed_text_still_load(tmp_path: Path) -> None:
    """The nesting limit that stops deep flow collections leaves ordinary brackets in text alone."""
    write(tmp_path, "personas/a.yaml", MINIMAL.format(id="a") + "goals: ['[draft] [v2] {x}']\n")
    run = cli("lint", "--select", "Y", cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr


def test_a_tab_in_indentation_says_to_use_spaces() -> None:
    """A tab in indentation was a bare syntax error; the message now says to indent with spaces."""
    [finding] = yaml_read.load_text("whole_person:\n\tfears: [x]\n", "p.yaml").findings
    assert finding.code == "Y001"
    assert finding.message.endswith("indent with spaces, not tabs")


#: Texts that read cleanly and texts with every kind of loading problem, for the light read.
_ALIAS_BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
)
READS: list[str] = [
    "id: carla\nwhole_person:\n  fears:\n    - blamed\n    - fired\n",
    "a: &x [1, 2]\nb: *x\n",
    "a: 0x1f\nb: .inf\nc: yes\nd: ~\ne: 2026-11-22\nf: 1.5\n",
    "\ufeffid: bom\n",
    "goals: ['[draft] [v2] {x}']\n",
    "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n",  # duplicate keys (Y002)
    "- a\n- b\n",
    "just text\n",
    "a: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "a: !!python/object:os.system x\n",
    "id: x\nname: !!python/name:os.system ''\n",
    "base: &b {x: 1}\nchild:\n  <<: *b\n",
    "? [complex, key]\n: value\n",
    "a: &x [1, *x]\n",
    _ALIAS_BOMB,
    "a: " + "[" * 100 + "]" * 100 + "\n",
    "id: deep\nrole:\n" + "".join("  " * (i + 1) + f"a{i}:\n" for i in range(80)),
    "a: [x, y\nb: 1\n",
    "whole_person:\n\tfears: [x]\n",
    "a: b\x07c\n",
]


@pytest.mark.parametrize("text", READS, ids=range(len(READS)))
def test_the_light_read_agrees_with_the_reader(text: str) -> None:
    """`plain_data` (textconv, diff, log, age) reads exactly the files `load_text` reads
    cleanly, to the same data, and none with a loading finding."""
    light = yaml_build.plain_data(text, "p.yaml")
    loaded = yaml_read.load_text(text, "p.yaml", locations=False)
    if loaded.problem is None:
        assert loaded.document is not None
        assert light == loaded.document.data
    else:
        assert light is None, loaded.problem


def test_the_light_read_agrees_on_the_examples() -> None:
    """The same on every example file, the invalid ones included (those that decode)."""
    files = sorted((Path(__file__).resolve().parent.parent / "examples").rglob("*.yaml"))
    read = unreadable = 0
    for file in files:
        text = yaml_read.decode(file.read_bytes(), file.name)
        if not isinstance(text, str):
            continue
        loaded = yaml_read.load_text(text, file.name)
        expected = loaded.document.data if loaded.problem is None and loaded.document else None
        assert yaml_build.plain_data(text, file.name) == expected, file
        read, unreadable = (read + 1, unreadable) if expected else (read, unreadable + 1)
    assert read and unreadable, (read, unreadable)
