"""What `persona import` tells its user: per persona, where it goes and how much of it found
a field; with `--dry-run`, every statement with its destination and source location.
Text for people, JSON (stable keys) for scripts."""

from __future__ import annotations

import json
from typing import Any

from persona_cli.verbs.importing.placement import PLACEHOLDER
from persona_cli.verbs.importing.run import Imported, ImportPlan

_KIND_FROM = {"--kind": "from --kind", "source": "from the source", "default": "default"}


def _location(record_location: Any) -> str:
    file = record_location.file.as_posix()
    where = f"{file}:{record_location.line}" if record_location.line is not None else file
    return f"{where} ({record_location.pointer})" if record_location.pointer else where


def _statements(count: int) -> str:
    return f"{count} statement{'s' if count != 1 else ''}"


def _counts(item: Imported) -> str:
    placement = item.placement
    if placement.placeholder:
        return f"placeholder: name only ({_statements(len(placement.records))} not imported)"
    return f"{_statements(placement.in_fields)} in fields, {placement.in_notes} in notes"


def text(plan: ImportPlan, *, dry_run: bool) -> str:
    lines: list[str] = []
    for item in plan.personas:
        parent = f", extends {item.parent}" if item.parent else ""
        lines.append(
            f"{item.source.name} -> {item.display} ({item.kind}, "
            f"{_KIND_FROM[item.kind_from]}{parent}): {_counts(item)}"
        )
        if dry_run:
            width = max((len(r.destination) for r in item.placement.records), default=0)
            for record in item.placement.records:
                lines.append(
                    f"  {record.destination:<{width}}  {_location(record.location)}: {record.text}"
                )
        lines += [f"  warning: {warning}" for warning in item.warnings]
        lines += [f"  LOST: {_location(r.location)}: {r.text}" for r in item.lost]
    lines += [f"skipped {path}: {why}" for path, why in plan.skipped]
    total = len(plan.personas)
    fields = sum(i.placement.in_fields for i in plan.personas)
    notes = sum(i.placement.in_notes for i in plan.personas)
    lost = sum(len(i.lost) for i in plan.personas)
    verb = "would write" if dry_run else "wrote"
    lines.append(
        f"{verb} {total} persona{'s' if total != 1 else ''} to {plan.out_display}: "
        f"{_statements(fields)} in fields, {notes} in notes, {lost} lost"
        + (" (dry run: nothing written)" if dry_run else "")
    )
    if not dry_run:
        lines.append(
            f"Next: `persona lint {plan.out_display}` lists each persona's real gaps; "
            "review them and set status: validated."
        )
    return "\n".join(lines) + "\n"


def as_data(plan: ImportPlan, *, dry_run: bool) -> dict[str, Any]:
    personas = []
    for item in plan.personas:
        personas.append(
            {
                "name": item.source.name,
                "id": item.id,
                "path": item.display,
                "kind": item.kind,
                "kind_from": item.kind_from,
                "extends": item.parent,
                "source": item.source.source.as_posix(),
                "format": item.source.format,
                "location": item.data.get("provenance", {}).get("location"),
                "placeholder": item.placement.placeholder,
                "statements": [
                    {
                        "text": record.text,
                        "label": record.label,
                        "destination": record.destination,
                        "by": record.by,
                        "location": {
                            "file": record.location.file.as_posix(),
                            "line": record.location.line,
                            "pointer": record.location.pointer,
                        },
                    }
                    for record in item.placement.records
                ],
                "counts": {
                    "fields": item.placement.in_fields,
                    "notes": item.placement.in_notes,
                    "placeholder": sum(
                        1 for r in item.placement.records if r.destination == PLACEHOLDER
                    ),
                    "lost": len(item.lost),
                },
                "warnings": list(item.warnings),
            }
        )
    return {
        "dry_run": dry_run,
        "out": plan.out_display,
        "personas": personas,
        "skipped": [{"path": path, "reason": why} for path, why in plan.skipped],
        "totals": {
            "personas": len(personas),
            "fields": sum(p["counts"]["fields"] for p in personas),
            "notes": sum(p["counts"]["notes"] for p in personas),
            "lost": sum(p["counts"]["lost"] for p in personas),
        },
    }


def as_json(plan: ImportPlan, *, dry_run: bool) -> str:
    return json.dumps(as_data(plan, dry_run=dry_run), indent=2, ensure_ascii=False) + "\n"
