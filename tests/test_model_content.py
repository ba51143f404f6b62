"""The homes for real content (issue 14): every new field validates in its agreed shape,
`x-` extension keys are allowed in every part and kept, and the exported JSON Schema says so,
so editors accept what the model accepts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest

from persona_cli.domain.model import Persona, persona_json_schema
from persona_cli.domain.segment import Segment
from persona_cli.io.yaml_read import load_text
from persona_cli.load.validate import validate

FULL = """\
schema_version: 1
id: dana
name: Digital Dana
kind: user
x-owner-team: gov-digital
role:
  titles: [Service designer]
  buying_roles: [influencer, decision-maker, initiator, user]
  x-grade: G7
company:
  type: public sector agency
  size: 1,200 staff
  industry: local government
  x-region: north
background:
  education: [MA Interaction Design]
  career: [Agency UX researcher, In-house service designer]
tools: [Figma, Jira, GOV.UK Design System]
jobs_to_be_done:
  - want: to see every open case in one place
    x-source-row: 7
  - when: a form fails accessibility review
    want: a pattern that already passed
whole_person:
  traits: [patient, sceptical of vendor demos]
  behaviours: [prototypes before writing requirements]
influences:
  channels:
    - channel: peer reviews
      stage: consideration
    - channel: Slack communities
  trusted_sources: [the cross-government design community]
  x-confidence: low
messaging:
  general: [Lead with accessibility evidence]
  marketing: [Case studies from other councils]
  sales: [Offer a pilot on one service]
  product: [Keep the design system components]
  support: [Answer in plain language]
notes:
  - heading: Quotes from the workshop
    text: Nobody reads the PDF.
    x-page: 3
provenance:
  source: personas/gov.md
  format: markdown
  location: line 12
  imported: 2026-11-20
"""


def _loaded(text: str) -> tuple[Persona | None, list[tuple[int, int, str, str]]]:
    document = load_text(text, "dana.yaml").document
    assert document is not None
    model, found = validate(document, "dana.yaml")
    assert model is None or isinstance(model, Persona)
    return model, [(f.line, f.column, f.code, f.message) for f in found]


def test_every_new_field_validates_in_its_agreed_shape() -> None:
    persona, found = _loaded(FULL)
    assert found == []
    assert persona is not None
    assert persona.role is not None
    assert persona.role.buying_roles == ["influencer", "decision-maker", "initiator", "user"]
    assert persona.company is not None
    assert persona.company.type == "public sector agency"
    assert persona.background is not None
    assert persona.background.career == ["Agency UX researcher", "In-house service designer"]
    assert persona.tools == ["Figma", "Jira", "GOV.UK Design System"]
    assert persona.whole_person is not None
    assert persona.whole_person.traits == ["patient", "sceptical of vendor demos"]
    assert persona.influences is not None
    channels = persona.influences.channels or []
    assert [(c.channel, c.stage) for c in channels] == [
        ("peer reviews", "consideration"),
        ("Slack communities", None),
    ]
    assert persona.messaging is not None
    assert persona.messaging.sales == ["Offer a pilot on one service"]
    assert persona.notes is not None
    assert (persona.notes[0].heading, persona.notes[0].text) == (
        "Quotes from the workshop",
        "Nobody reads the PDF.",
    )
    assert persona.provenance is not None
    assert persona.provenance.imported == dt.date(2026, 11, 20)
    assert persona.jobs_to_be_done is not None
    assert persona.jobs_to_be_done[0].when is None


def test_extension_keys_are_kept_on_the_part_that_holds_them() -> None:
    persona, _ = _loaded(FULL)
    assert persona is not None
    assert dict(persona.extensions) == {"x-owner-team": "gov-digital"}
    assert persona.role is not None and dict(persona.role.extensions) == {"x-grade": "G7"}
    assert persona.influences is not None
    assert dict(persona.influences.extensions) == {"x-confidence": "low"}
    assert persona.notes is not None and dict(persona.notes[0].extensions) == {"x-page": 3}
    assert persona.jobs_to_be_done is not None
    assert dict(persona.jobs_to_be_done[0].extensions) == {"x-source-row": 7}
    assert dict(persona.jobs_to_be_done[1].extensions) == {}


@pytest.mark.parametrize(
    ("body", "line", "column", "fragment"),
    [
        ("xfoo: 1\n", 5, 1, "remove it or check the spelling"),
        ("company:\n  x-ok: 1\n  sector: gov\n", 7, 3, "company"),
        ("notes:\n  - heading: h\n    text: t\n    x-ok: [1]\n    page: 3\n", 9, 5, "notes"),
    ],
)
def test_other_unknown_keys_are_still_errors_at_their_line(
    body: str, line: int, column: int, fragment: str
) -> None:
    head = "schema_version: 1\nid: dana\nname: Dana\nkind: user\n"
    persona, found = _loaded(head + body)
    assert persona is None
    assert [(f[0], f[1], f[2]) for f in found] == [(line, column, "S002")]
    assert fragment in found[0][3]


def test_a_note_needs_a_heading_and_text_and_provenance_a_source() -> None:
    head = "schema_version: 1\nid: dana\nname: Dana\nkind: user\n"
    _, found = _loaded(head + "notes:\n  - text: orphan\n")
    assert [(f[2], f[3]) for f in found] == [
        ("S001", "notes[0] is missing required field 'heading'")
    ]
    _, found = _loaded(head + "provenance:\n  format: csv\n")
    assert [f[2] for f in found] == ["S001"]


def _yaml(text: str) -> dict[str, Any]:
    document = load_text(text, "dana.yaml").document
    assert document is not None and isinstance(document.data, dict)
    return dict(document.data)


def test_the_json_schema_accepts_extension_keys_everywhere_and_nothing_else() -> None:
    schema = persona_json_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=None)
    data = _yaml(FULL.replace("2026-11-20", "'2026-11-20'"))
    assert list(validator.iter_errors(data)) == []
    assert schema["patternProperties"] == {"^x-": schema["patternProperties"]["^x-"]}
    for name, definition in schema["$defs"].items():
        if definition.get("type") == "object":
            assert "^x-" in definition["patternProperties"], name
            assert definition["additionalProperties"] is False, name
    data["company"] = {"sector": "gov"}
    (error,) = validator.iter_errors(data)
    assert "'sector' does not match any of the regexes: '^x-'" in [
        e.message for e in error.context or []
    ]


def test_segments_take_extension_keys_too() -> None:
    segment = Segment.model_validate(
        {
            "schema_version": 1,
            "id": "councils",
            "name": "Councils",
            "kind": "segment",
            "x-crm-id": "SEG-7",
            "firmographics": {"verticals": ["local government"], "x-source": "crm"},
        }
    )
    assert dict(segment.extensions) == {"x-crm-id": "SEG-7"}
    assert segment.firmographics is not None
    assert dict(segment.firmographics.extensions) == {"x-source": "crm"}
    assert "^x-" in Segment.model_json_schema()["patternProperties"]
