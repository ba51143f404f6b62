"""Reporters turn a result into text: one class per format, chosen by name.

The registry maps names to import paths so that listing the formats (for `--help`) imports
nothing heavy; `get()` imports the one that is used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from persona_cli.reporters.base import Reporter

#: name -> "module:Class"; the CLI's `--format` choices are these keys.
LINT_REPORTERS: dict[str, str] = {
    "text": "persona_cli.reporters.text:TextReporter",
    "json": "persona_cli.reporters.json_reporter:JsonReporter",
    "github": "persona_cli.reporters.github:GithubReporter",
    "sarif": "persona_cli.reporters.sarif:SarifReporter",
    "junit": "persona_cli.reporters.junit:JunitReporter",
    "markdown": "persona_cli.reporters.markdown:MarkdownReporter",
}


#: The `--format` choices of `persona age` and `persona diff`, as plain names so that `--help`
#: imports neither module; a test keeps them equal to the registries in those modules.
AGE_FORMATS: tuple[str, ...] = ("text", "json", "markdown", "github")
DIFF_FORMATS: tuple[str, ...] = ("text", "markdown", "json")
#: `persona list --format` choices; a test keeps them equal to `reporters.listing.LIST_REPORTERS`.
LIST_FORMATS: tuple[str, ...] = ("text", "json", "markdown")


def get(name: str) -> type[Reporter]:
    module_name, _, class_name = LINT_REPORTERS[name].partition(":")
    reporter: type[Reporter] = getattr(importlib.import_module(module_name), class_name)
    return reporter
