"""The parse cache of `persona diff`: parses kept by blob id in `.git/persona-cli/`.

A cached run must say exactly what an uncached run says, whatever the cache holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from persona_cli.git.blobcache import (
    FILE,
    FOLDER,
    ParseCache,
    blob_sha,
    decode,
    encode,
    versions,
)
from tests.conftest import git_in, run_persona, write
from tests.test_diff_cli import OTHER, PERSONA, commit, repo  # noqa: F401 - `repo` is a fixture


def cache_file(root: Path) -> Path:
    return root / ".git" / FOLDER / FILE


def rows(root: Path) -> int:
    with sqlite3.connect(cache_file(root)) as db:
        count: int = db.execute("SELECT COUNT(*) FROM reads").fetchone()[0]
    return count


def history(root: Path) -> None:
    commit(root, "two", {"personas/carla.yaml": PERSONA, "personas/paul.yaml": OTHER})
    commit(
        root,
        "edit both, break nothing",
        {
            "personas/carla.yaml": PERSONA.replace("needs_proof", "skeptical"),
            "personas/paul.yaml": OTHER.replace("medium", "high") + "\n# reformat\n",
        },
    )
    # The working tree: carla edited again, a new untracked persona, paul unreadable.
    write(root, "personas/carla.yaml", PERSONA.replace("needs_proof", "open"))
    git_in(root, "add", "personas/carla.yaml")  # staged, for --staged
    write(root, "personas/paul.yaml", "schema_version: 1\nid: [paul\n")
    write(root, "personas/nina.yaml", OTHER.replace("paul", "nina"))


@pytest.mark.parametrize(
    "arguments",
    [("HEAD~1", "HEAD"), (), ("HEAD~1",), ("--staged",), ("HEAD~1", "HEAD", "--order")],
)
def test_cached_runs_say_exactly_what_uncached_runs_say(
    repo: Path,  # noqa: F811 - the fixture
    arguments: tuple[str, ...],
) -> None:
    history(repo)
    plain = run_persona("diff", "--no-cache", "--format", "json", *arguments, cwd=repo)
    assert not cache_file(repo).exists()
    first = run_persona("diff", "--format", "json", *arguments, cwd=repo)
    assert rows(repo) > 0
    second = run_persona("diff", "--format", "json", *arguments, cwd=repo)
    assert plain.exit_code == first.exit_code == second.exit_code == 0
    assert plain.json() == first.json() == second.json()
    assert plain.stderr == first.stderr == second.stderr


def test_every_parsed_side_is_stored_once_by_its_blob_id(repo: Path) -> None:  # noqa: F811
    history(repo)
    run_persona("diff", "HEAD~1", "HEAD", cwd=repo)
    # carla and paul, both sides: four blobs.
    assert rows(repo) == 4
    run_persona("diff", "HEAD~1", "HEAD", cwd=repo)
    assert rows(repo) == 4
    run_persona("diff", cwd=repo)  # HEAD against the working tree: three new versions
    assert rows(repo) == 7


def test_the_blob_id_is_gits(repo: Path) -> None:  # noqa: F811
    raw = "name: Carla ü\r\n".encode()
    write(repo, "x.yaml", raw.decode())
    (repo / "x.yaml").write_bytes(raw)
    assert blob_sha(raw) == git_in(repo, "hash-object", "x.yaml").strip()


def test_a_corrupt_cache_is_replaced_and_changes_nothing(repo: Path) -> None:  # noqa: F811
    history(repo)
    expected = run_persona("diff", "--no-cache", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    cache_file(repo).parent.mkdir()
    cache_file(repo).write_bytes(b"not a database at all" * 100)
    run = run_persona("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert (run.exit_code, run.stderr) == (0, "")
    assert run.json() == expected.json()
    assert rows(repo) == 4


def test_a_row_that_does_not_decode_is_parsed_again(repo: Path) -> None:  # noqa: F811
    history(repo)
    expected = run_persona("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    with sqlite3.connect(cache_file(repo)) as db:
        db.execute("UPDATE reads SET value = ?", (b"garbage",))
    run = run_persona("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert run.json() == expected.json()


def test_the_environment_turns_the_cache_off(
    repo: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    history(repo)
    monkeypatch.setenv("PERSONA_CLI_NO_CACHE", "1")
    assert run_persona("diff", "HEAD~1", "HEAD", cwd=repo).exit_code == 0
    assert not cache_file(repo).exists()


def test_a_new_parser_version_empties_the_cache(repo: Path) -> None:  # noqa: F811
    history(repo)
    run_persona("diff", "HEAD~1", "HEAD", cwd=repo)
    with sqlite3.connect(cache_file(repo)) as db:
        db.execute("UPDATE meta SET value = 'an older parser' WHERE key = 'parser'")
        db.execute("INSERT INTO reads VALUES ('0' , ?)", (encode({"stale": True}),))
    cache = ParseCache.open(cache_file(repo).parent.parent)
    assert cache.enabled
    assert cache.get_many(["0"]) == {}
    cache.close()


def test_the_key_names_python_the_package_and_the_parser() -> None:
    """A parse stored by one Python, persona-cli or ruamel.yaml is never read by another:
    marshal's format is Python's own, and a new parser may read the same bytes differently."""
    import sys

    import ruamel.yaml

    from persona_cli import __version__

    assert {sys.version, __version__, ruamel.yaml.__version__} <= set(versions())


def test_a_cache_folder_that_cannot_be_made_turns_the_cache_off(
    repo: Path,  # noqa: F811
) -> None:
    history(repo)
    # A file where the folder should be: mkdir fails for root too.
    (repo / ".git" / FOLDER).write_text("in the way")
    run = run_persona("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert (run.exit_code, run.stderr) == (0, "")
    assert len(run.json()["changes"]) == 2


def test_encode_refuses_what_marshal_cannot_keep() -> None:
    assert decode(encode({"a": [1, 2.5, None, True, "x"]}) or b"") == {
        "a": [1, 2.5, None, True, "x"]
    }
    assert encode({"a": object()}) is None  # type: ignore[dict-item]
