"""`persona import` on the real, published persona sets kept beside the checkout: each source
imports with the right number of personas, nothing lost, and files that load with no schema
error (what lint then reports is the personas' real gaps). A source whose reader is not
registered is skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from persona_cli.domain.model import Persona
from persona_cli.verbs.importing.readers import READERS
from persona_cli.verbs.importing.run import ImportPlan, plan_import, write_plan
from persona_cli.verbs.importing.writer import ADD_KEY
from tests.conftest import SHARED_DATA, cli, require_shared_data

REAL = SHARED_DATA / "real-personas"
#: Whether the model takes `add:` yet (another change teaches `extends` the shape); until
#: then the loader reports the key on the DevRel children that add to a parent's lists.
ADD_IN_MODEL = ADD_KEY in Persona.model_fields


@dataclass(frozen=True)
class Source:
    name: str
    reader: str
    paths: Callable[[], list[Path]]
    personas: int
    internal: int = 0
    placeholders: int = 0


def _devrel() -> list[Path]:
    require_shared_data(REAL / "devrel" / "data" / "personas" / "dev.json")
    return sorted((REAL / "devrel" / "data").rglob("*.json"))


def _file(name: str) -> Callable[[], list[Path]]:
    return lambda: [require_shared_data(REAL / name)]


def _folder(name: str, sample: str) -> Callable[[], list[Path]]:
    def paths() -> list[Path]:
        require_shared_data(REAL / name / sample)
        return [REAL / name]

    return paths


SOURCES = [
    Source("devrel", "persona-library", _devrel, 33),
    Source("finops", "data-list", _file("finops-personas.yml"), 8),
    Source("gitlab-buyer", "markdown-page", _file("gitlab-buyer-personas.md"), 8),
    Source("gitlab-user", "markdown-page", _file("gitlab-user-personas.md"), 20, internal=2),
    Source("18f", "markdown-table", _file("18f-personas.md"), 12, placeholders=9),
    Source(
        "civicactions-md",
        "markdown-file",
        _folder("civicactions-personas", "designer-darcy.md"),
        6,
    ),
    Source(
        "civicactions-html",
        "html",
        _folder("civicactions-personas-html", "designer-darcy.html"),
        6,
    ),
]


def _plan(source: Source, out: Path) -> ImportPlan:
    if source.reader not in READERS:
        pytest.skip(f"the {source.reader} reader is not registered yet")
    return plan_import(
        source.paths(),
        reader_name=None,
        labels=None,
        out=out,
        kind=None,
        force=False,
        cwd=out.parent,
        today=dt.date(2026, 1, 15),
    )


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_a_real_source_imports_whole_and_schema_clean(source: Source, tmp_path: Path) -> None:
    out = tmp_path / "personas"
    plan = _plan(source, out)
    assert len(plan.personas) == source.personas
    assert {item.source.format for item in plan.personas} == {source.reader}
    assert len({item.id for item in plan.personas}) == source.personas
    assert sum(1 for item in plan.personas if item.kind == "internal") == source.internal
    assert sum(1 for item in plan.personas if item.placement.placeholder) == source.placeholders
    lost = [(item.id, record.text) for item in plan.personas for record in item.lost]
    assert lost == []
    statements = sum(
        len(item.placement.records) for item in plan.personas if not item.placement.placeholder
    )
    in_fields = sum(item.placement.in_fields for item in plan.personas)
    assert statements > 0 and in_fields > statements / 2  # most statements find a field
    for item in plan.personas:
        if item.placement.placeholder:
            assert not {"goals", "pains", "notes"} & set(item.data)
    write_plan(plan, force=False)
    assert len(list(out.glob("*.yaml"))) == source.personas
    formatted = cli("fmt", "--check", out, cwd=tmp_path)
    assert formatted.exit_code == 0, formatted.stdout + formatted.stderr
    run = cli("lint", out, "--format", "json", cwd=tmp_path)
    schema = [
        (Path(f["path"]).stem, f["code"], f["message"])
        for f in run.json()["findings"]
        if f["code"][0] in "YS"
    ]
    adders = {item.id for item in plan.personas if ADD_KEY in item.data}
    expected = (
        []
        if ADD_IN_MODEL
        else [
            (ident, "S002", "unknown key 'add' in the persona; remove it or check the spelling")
            for ident in sorted(adders)
        ]
    )
    assert sorted(schema) == expected


def test_devrel_children_extend_their_parents_by_file_name(tmp_path: Path) -> None:
    plan = _plan(SOURCES[0], tmp_path / "personas")
    by_id = {item.id: item for item in plan.personas}
    # Seven files say "id": "dev"; each is written under its file name, and says so.
    assert {"dev", "cloud-dev", "dev-python", "finance-dev", "iot-dev", "media-dev"} <= set(by_id)
    assert any("the file name wins" in w for w in by_id["cloud-dev"].warnings)
    assert by_id["dev-python"].parent == "dev"
    assert by_id["drf-mix-infl-pro"].parent == "drf-mix-infl"  # its source id differs
    assert by_id["drf-biz-sales"].parent is None  # "biz-marketing" is no file of the set
    assert by_id["dev-python"].data[ADD_KEY]["role"] == {"titles": ["Python Developer"]}


def test_civicactions_markdown_and_html_agree(tmp_path: Path) -> None:
    markdown = _plan(SOURCES[5], tmp_path / "md")
    html = _plan(SOURCES[6], tmp_path / "html")

    def essence(plan: ImportPlan) -> dict[str, tuple[object, ...]]:
        return {
            item.id: tuple(item.data.get(key) for key in ("name", "summary", "goals", "pains"))
            for item in plan.personas
        }

    assert essence(markdown) == essence(html)


WRONG_FORMAT = [
    ("18f-personas.md", "csv", "not a CSV table: "),
    ("finops-personas.yml", "csv", "not a CSV table: "),
    (
        "gitlab-user-personas.md",
        "markdown-file",
        "holds 20 personas (a page): use --from markdown-page",
    ),
    (
        "gitlab-buyer-personas.md",
        "markdown-file",
        "holds 8 personas (a page): use --from markdown-page",
    ),
]


@pytest.mark.parametrize(("name", "reader", "message"), WRONG_FORMAT)
def test_a_real_set_forced_into_the_wrong_format_is_refused(
    tmp_path: Path, name: str, reader: str, message: str
) -> None:
    """The wrong `--from` never makes rubbish personas (`|---|---|`, one giant "Personas"):
    exit 2, one line, nothing written."""
    path = require_shared_data(REAL / name)
    run = cli("import", str(path), "--from", reader, "--out", "out", cwd=tmp_path)
    assert run.exit_code == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
