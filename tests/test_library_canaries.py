"""Canaries for the two places persona-cli leans on a library's private module.

- `cli.main` catches click's `ClickException` from typer's bundled copy (`typer._click`),
  which typer does not export, and `cli._common.SeparatorCommand` re-runs the command's own
  click parser (`make_parser(ctx).parse_args`) to find the `--` that ends the options.
- `io.yaml_compose.compose` puts its light node classes into ruamel.yaml.clib's `_ruamel_yaml`
  module for one parse, because libyaml's composer builds nodes through those names.

Both are pinned to exact versions in pyproject.toml. When a test here fails after an
upgrade, the message names what to re-check; fix that, then move the pin.
"""

from __future__ import annotations

import re
import threading
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.conftest import init_repo, run_persona, write

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _pins() -> dict[str, str]:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = {}
    for requirement in dependencies:
        found = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([0-9][0-9A-Za-z.\-]*)", requirement)
        if found:
            pins[found.group(1)] = found.group(2)
    return pins


@pytest.mark.parametrize(
    ("package", "recheck"),
    [
        ("typer", "ClickException in cli.main and SeparatorCommand in cli/_common.py"),
        ("ruamel.yaml", "the node-class swap in yaml_compose.compose"),
        ("ruamel.yaml.clib", "the node-class swap in yaml_compose.compose"),
    ],
)
def test_installed_version_is_the_pinned_one(package: str, recheck: str) -> None:
    pinned = _pins().get(package)
    assert pinned is not None, f"{package} must be pinned exactly (==) in pyproject.toml"
    installed = version(package)
    assert installed == pinned, (
        f"{package} {installed} is installed but {pinned} is pinned: re-check {recheck} "
        "against the new version (run tests/test_library_canaries.py), then move the pin"
    )


# --- typer ----------------------------------------------------------------------------------


def test_typer_bundled_click_still_has_click_exception() -> None:
    import typer

    try:
        from typer._click.exceptions import ClickException
    except ImportError as missing:  # pragma: no cover - only on an upgrade
        pytest.fail(
            f"typer {typer.__version__} no longer has typer._click.exceptions.ClickException "
            f"({missing}): cli.main catches it; find what typer raises for usage errors now"
        )
    assert issubclass(typer.BadParameter, ClickException), (
        "typer's usage errors no longer derive from typer._click's ClickException: "
        "cli.main would let them escape as a traceback"
    )


def test_a_usage_error_is_still_one_line_through_the_entry_point(tmp_path: Path) -> None:
    result = run_persona("lint", "--no-such-option", cwd=tmp_path)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1, (
        "a usage error is no longer one line: re-check the ClickException handling in cli.main "
        f"against the installed typer\n{result.stderr}"
    )
    assert "--no-such-option" in result.stderr
    assert "persona lint --help" in result.stderr


def test_separator_command_still_reaches_the_click_parser() -> None:
    import typer
    from typer.core import TyperCommand

    assert callable(getattr(TyperCommand, "make_parser", None)), (
        "typer's TyperCommand has no make_parser any more: SeparatorCommand in cli/_common.py "
        "needs another way to find the `--` that ends the options"
    )
    from persona_cli.cli import build

    command = typer.main.get_command(build("diff"))
    diff = command.commands["diff"]  # type: ignore[attr-defined]
    with diff.make_context("diff", ["HEAD"]) as ctx:
        parser = diff.make_parser(ctx)
        parser.parse_args(args=["HEAD"])  # a clean prefix parses
        with pytest.raises(Exception):  # noqa: B017 - whichever click error, it must raise
            parser.parse_args(args=["HEAD", "--format"])  # an option still wants its value


def test_separator_still_splits_paths_after_double_dash(tmp_path: Path) -> None:
    """`persona diff HEAD -- --format` reads `--format` as a path (as git does), not as an
    option: that needs SeparatorCommand to see where `--` was."""
    write(tmp_path, "personas/a.yaml", "id: a\n")
    init_repo(tmp_path, commit="one")
    result = run_persona("diff", "HEAD", "--", "--format", cwd=tmp_path)
    assert "no such option" not in result.stderr.lower(), (
        "`--` no longer ends the options for `persona diff`: re-check SeparatorCommand "
        f"in cli/_common.py against the installed typer\n{result.stderr}"
    )
    assert result.exit_code == 0, result.stderr
    assert "--format: matches no file" in result.stderr  # read as a path, as git would


# --- ruamel.yaml.clib -----------------------------------------------------------------------

SAMPLE = "id: a\nname: Ann\ngoals:\n  - one\n  - two\nnested:\n  n: 3\n  t: true\n"


def test_ruamel_clib_still_builds_nodes_through_the_swapped_names() -> None:
    import _ruamel_yaml

    from persona_cli.io import yaml_compose

    for name in ("ScalarNode", "SequenceNode", "MappingNode"):
        assert hasattr(_ruamel_yaml, name), (
            f"_ruamel_yaml.{name} is gone: yaml_compose.compose swaps it; re-check how the C "
            "composer builds nodes in the installed ruamel.yaml.clib"
        )
    before = {name: getattr(_ruamel_yaml, name) for name in yaml_compose._NODE_CLASSES}
    root = yaml_compose.compose(SAMPLE)
    assert isinstance(root, yaml_compose.MappingNode), (
        "the C composer no longer builds yaml_compose's node classes: the swap in "
        "yaml_compose.compose has no effect "
        f"(got {type(root).__module__}.{type(root).__name__}); re-check it"
    )
    key, value = root.value[2]
    assert isinstance(key, yaml_compose.ScalarNode) and isinstance(value, yaml_compose.SequenceNode)
    after = {name: getattr(_ruamel_yaml, name) for name in yaml_compose._NODE_CLASSES}
    assert after == before, "ruamel's own node classes were not put back after a parse"


def test_ruamel_read_result_is_right() -> None:
    from persona_cli.io import yaml_read

    loaded = yaml_read.load_text(SAMPLE, "a.yaml")
    assert loaded.findings == []
    assert loaded.document is not None
    assert loaded.document.data == {
        "id": "a",
        "name": "Ann",
        "goals": ["one", "two"],
        "nested": {"n": 3, "t": True},
    }
    assert loaded.document.locate(("goals", 1)) == (5, 5)


def test_parsing_in_threads_is_right_and_leaves_ruamel_classes_in_place() -> None:
    """The swap is process-wide: without a lock, one thread restores ruamel's classes while
    another is mid-parse, and the last one out can leave yaml_compose's classes behind for good."""
    import _ruamel_yaml

    from persona_cli.io import yaml_compose, yaml_read

    original = {name: getattr(_ruamel_yaml, name) for name in yaml_compose._NODE_CLASSES}
    text = "".join(f"k{i}:\n  - {i}\n  - {{a: {i}, b: [x, y]}}\n" for i in range(400))
    expected = yaml_read.load_text(text, "big.yaml").document
    assert expected is not None
    failures: list[str] = []
    start = threading.Barrier(8)

    def parse() -> None:
        start.wait()
        for _ in range(15):
            try:
                loaded = yaml_read.load_text(text, "big.yaml")
            except Exception as error:  # any error is the failure reported
                failures.append(repr(error))
                return
            if loaded.document is None or loaded.document.data != expected.data:
                failures.append(f"wrong result: {loaded.findings}")
                return

    threads = [threading.Thread(target=parse) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    left = {name: getattr(_ruamel_yaml, name) for name in yaml_compose._NODE_CLASSES}
    for name, cls in original.items():  # leave the process as it was, whatever happened
        setattr(_ruamel_yaml, name, cls)
    assert failures == []
    assert left == original, "yaml_compose's node classes were left in _ruamel_yaml after parsing"
