"""`persona config`: the effective configuration and where each value came from.

"Why is this rule not running?" is the first question about any linter config; this answers
it without reading code: every setting is shown with its file, or `default`.
"""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from persona_cli.cli._common import format_option, handle_errors

FORMATS = ["text", "json"]


@handle_errors
def config(
    config_path: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Read this TOML file instead of discovering .persona.toml or pyproject.toml.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[str, format_option(FORMATS)] = "text",
) -> None:
    """Show the effective configuration and the file (or default) each value comes from."""
    import json

    from persona_cli.cli._common import load_settings
    from persona_cli.domain.hidden import escape_json
    from persona_cli.io.config import config_path as locate
    from persona_cli.io.config import describe, display_path

    cwd = Path.cwd()
    found = locate(config=config_path, cwd=cwd)
    settings = load_settings(config=found, cwd=cwd)
    shown = display_path(found, cwd) if found is not None else None
    rows = describe(settings)
    if output_format == "json":
        document = {
            "config_file": shown,
            "settings": {key: {"value": value, "source": source} for key, value, source in rows},
        }
        text = json.dumps(document, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write(escape_json(text) + "\n")
        return
    sys.stdout.write(render_text(rows, shown))


def render_text(rows: list[tuple[str, Any, str]], config_file: str | None) -> str:
    """TOML you could paste back, each line annotated with its source, rule tables last."""
    import tomlkit

    from persona_cli.domain.hidden import reveal
    from persona_cli.io.tomlwrite import dumps, fill

    if config_file is None:
        header = "no config file found (.persona.toml or [tool.persona] in pyproject.toml)"
    else:
        header = f"config file: {reveal(config_file)}"
    doc = tomlkit.document()
    doc.add(tomlkit.comment(header))
    # Comments in one column, but a long per-file-ignores line must not push them all right.
    # A setting that is not set (no TOML value means "none") is shown as a comment.
    unset = [key for key, value, _ in rows if value is None]
    settings = [(key, value, source) for key, value, source in rows if key != "rules"]
    settings = [row for row in settings if row[0] not in unset]
    items = fill(doc, [(key, value) for key, value, _ in settings])
    pairs = zip(settings, items, strict=True)
    lengths = [len(f"{key} = {item.as_string()}") for (key, _, _), item in pairs]
    width = min(max(lengths), 40)
    for (_, _, source), item, length in zip(settings, items, lengths, strict=True):
        item.comment(_note(source))
        item.trivia.comment_ws = " " * (max(width - length, 0) + 4)
    for key in unset:
        doc.add(tomlkit.comment(f"{key}: not set (default)"))
    for key, value, source in rows:
        if key == "rules" and value:
            rules = tomlkit.table(is_super_table=True)
            for code, options in value.items():
                table = tomlkit.table()
                fill(table, list(options.items()))
                table.comment(_note(source))
                table.trivia.comment_ws = "  "
                rules.append(code, table)
            doc.append(key, rules)
    return dumps(doc)


def _note(source: str) -> str:
    from persona_cli.domain.hidden import reveal

    return "default" if source == "default" else f"from {reveal(source)}"
