"""`persona schema`: print or write the JSON Schema of a persona file."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import handle_errors
from persona_cli.errors import UsageError


@handle_errors
def schema(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the schema to this file instead of stdout."),
    ] = None,
) -> None:
    """Print the JSON Schema for persona files (for editors and check-jsonschema)."""
    import json

    from persona_cli.model import persona_json_schema

    text = json.dumps(persona_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as failure:
        raise UsageError(f"{output}: cannot write: {failure.strerror or failure}") from None
