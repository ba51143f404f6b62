"""`persona schema`: print or write the JSON Schema of a persona or segment file."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import file_option, handle_errors
from persona_cli.domain.errors import UsageError

#: Document types and the files their schemas are committed as (kept light for --help).
SCHEMA_TYPES = ("persona", "segment")


@handle_errors
def schema(
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the schema to this file instead of stdout (- for stdout).",
        ),
    ] = None,
    type_: Annotated[
        str,
        typer.Option(
            "--type",
            "-t",
            help="Which file type: persona (default) or segment (kind: segment files).",
            metavar="TYPE",
        ),
    ] = "persona",
) -> None:
    """Print the JSON Schema for persona or segment files (for editors and check-jsonschema)."""
    import json

    if type_ not in SCHEMA_TYPES:
        raise UsageError(f"--type: '{type_}' is not one of {', '.join(SCHEMA_TYPES)}")
    if type_ == "segment":
        from persona_cli.domain.segment import segment_json_schema

        document = segment_json_schema()
    else:
        from persona_cli.domain.model import persona_json_schema

        document = persona_json_schema()
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    target = file_option(output, "--output")
    if target is None:
        sys.stdout.write(text)
        return
    from persona_cli.cli._report_targets import write_report

    _check_target(target)
    write_report(target, text, writes="the schema")


def _check_target(output: Path) -> None:
    """The schema never replaces a persona, segment or configuration file, nor any YAML."""
    from persona_cli.cli._common import load_settings
    from persona_cli.cli._report_targets import Protected, ReportTarget, check_report_targets
    from persona_cli.domain.errors import PersonaError
    from persona_cli.io.config import config_path
    from persona_cli.load.sources import select_sources

    cwd = Path.cwd()
    found = config_path(cwd=cwd)
    try:
        _, context = select_sources(None, load_settings(config=found, cwd=cwd), cwd, segments=True)
    except PersonaError:  # no persona folder here, or a broken configuration: YAML is still
        context = []  # refused below
    check_report_targets(
        [ReportTarget(f"--output {output}", "schema", output, writes="the schema")],
        [
            Protected(
                "a persona or segment file in the configured paths", [s.path for s in context]
            ),
            Protected("the configuration file", [found] if found is not None else []),
        ],
        cwd=cwd,
    )
