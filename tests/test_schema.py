"""The committed JSON Schema is exactly what the model exports (run `make schema` if not)."""

from __future__ import annotations

import json

from persona_cli.domain.model import DEFAULT_INTERVAL_DAYS, persona_json_schema
from tests.conftest import ROOT, cli

COMMITTED = ROOT / "schemas" / "persona.schema.json"
PACKAGED = ROOT / "src" / "persona_cli" / "data" / "persona.schema.json"


def _expected_text() -> str:
    return json.dumps(persona_json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_committed_schema_matches_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == _expected_text(), "run `make schema`"


def test_packaged_schema_matches_the_committed_copy() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_persona_schema_command_prints_it(tmp_path: object) -> None:
    run = cli("schema")
    assert run.exit_code == 0
    assert run.stdout == _expected_text()


def test_every_property_has_a_description() -> None:
    schema = persona_json_schema()

    def walk(node: dict[str, object], where: str) -> None:
        properties = node.get("properties", {})
        assert isinstance(properties, dict)
        for name, prop in properties.items():
            assert isinstance(prop, dict)
            assert prop.get("description"), f"{where}.{name} has no description"

    walk(schema, "Persona")
    for name, definition in schema["$defs"].items():
        walk(definition, name)


def test_only_identity_fields_are_required_and_unknown_keys_are_refused() -> None:
    schema = persona_json_schema()
    assert sorted(schema["required"]) == ["id", "kind", "name", "schema_version"]
    assert schema["additionalProperties"] is False
    review = schema["$defs"]["Review"]["properties"]
    assert review["interval_days"]["default"] == DEFAULT_INTERVAL_DAYS
