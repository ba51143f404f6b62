"""`--format sarif`: SARIF 2.1.0, the format GitHub code scanning and most CI dashboards read.

The rule catalogue is written into `tool.driver.rules` (every registered rule, in registry
order), so a dashboard can show a rule's documentation next to each result without knowing
persona-cli. Output is deterministic (sorted findings, fixed key order, indent 2) so reports
can be diffed and cached.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from persona_cli import __version__
from persona_cli.domain.hidden import escape_json, reveal
from persona_cli.domain.result import Finding, LintResult, Severity
from persona_cli.lint.rules.base import Rule
from persona_cli.lint.rules.catalogue import REGISTRY
from persona_cli.reporters import _baseline as baselines

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://github.com/persona-cli/persona-cli"
#: Relative paths are relative to the directory lint ran in, normally the repository root.
SRCROOT = "%SRCROOT%"

_LEVEL = {Severity.error: "error", Severity.warning: "warning", Severity.info: "note"}


def _paragraphs(text: str) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return ["\n".join(block) for block in blocks if block]


def full_description(documentation: str) -> str:
    """The prose before the examples: the summary and why it matters, with hard wraps undone.

    The docstring's first paragraph is only the one-line summary (already the short
    description), so we keep going until the "Failing:" / "Passing:" examples start."""
    paragraphs = _paragraphs(documentation)
    prose: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
        if paragraph.startswith((" ", "\t")):
            break
        if paragraph.rstrip().endswith(":") and following.startswith((" ", "\t")):
            break
        prose.append(" ".join(line.strip() for line in paragraph.splitlines()))
    return "\n\n".join(prose) or documentation.splitlines()[0]


def help_markdown(documentation: str) -> str:
    """The documentation with its indented examples turned into fenced YAML blocks, which
    viewers render reliably (indented code after a label is easy to misread as a list)."""
    out: list[str] = []
    lines = documentation.splitlines()
    in_code = False
    for index, line in enumerate(lines):
        indented = line.startswith("    ")
        if in_code:
            if indented:
                out.append(line[4:])
                continue
            if not line.strip():
                # A blank line inside an example stays in it when the example goes on.
                rest = next((later for later in lines[index + 1 :] if later.strip()), "")
                if rest.startswith("    "):
                    out.append("")
                    continue
            out.append("```")
            in_code = False
        if indented and (not out or not out[-1].strip()):
            out += ["```yaml", line[4:]]
            in_code = True
            continue
        out.append(line)
    if in_code:
        out.append("```")
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def reporting_descriptor(rule: type[Rule]) -> dict[str, Any]:
    """One `tool.driver.rules` entry, from the rule class's own metadata."""
    documentation = rule.documentation()
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary()},
        "fullDescription": {"text": full_description(documentation)},
        "help": {"text": documentation, "markdown": help_markdown(documentation)},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
    }
    # Rules are added in parallel; one without a family should still be reported.
    family = getattr(rule, "family", None)
    if family:
        descriptor["properties"] = {"tags": [family]}
    return descriptor


def artifact_location(path: str) -> dict[str, str]:
    """A URI for the file: relative paths resolve against %SRCROOT% (the checkout), absolute
    ones become `file://` URIs. Characters like spaces are percent-encoded, as URIs require."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def sarif_result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """One result; `ruleIndex` only for codes in the catalogue, the region only when the
    finding has a line (SARIF lines and columns start at 1)."""
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in rule_index:
        result["ruleIndex"] = rule_index[finding.code]
    result["level"] = _LEVEL[finding.severity]
    # Code scanning shows the text as is: a hidden character quoted from a persona would
    # reorder the alert, so it is written as `<U+202E>`.
    result["message"] = {"text": reveal(finding.message)}
    physical: dict[str, Any] = {"artifactLocation": artifact_location(finding.path)}
    if finding.line > 0:
        region = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    result["locations"] = [{"physicalLocation": physical}]
    return result


class SarifReporter:
    """Writes one SARIF log with one run."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    @staticmethod
    def as_dict(result: LintResult) -> dict[str, Any]:
        rules = list(REGISTRY.values())
        rule_index = {rule.code: index for index, rule in enumerate(rules)}
        results = [sarif_result(finding, rule_index) for finding in result.sorted_findings()]
        run_properties: dict[str, Any] = {}
        if result.baseline is not None:
            outcome = result.baseline
            # Accepted findings stay in the log, suppressed by an external file (SARIF 2.1.0
            # §3.35): code scanning shows them closed, not as new alerts.
            suppression = {
                "kind": "external",
                "justification": f"accepted in the lint baseline {outcome.file}",
            }
            marked = [(f, False) for f in result.findings]
            marked += [(f, True) for f in outcome.baselined]
            marked.sort(key=lambda pair: pair[0].sort_key())
            results = [
                sarif_result(f, rule_index) | ({"suppressions": [suppression]} if accepted else {})
                for f, accepted in marked
            ]
            run_properties["baseline"] = baselines.as_dict(outcome)
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "persona-cli",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [reporting_descriptor(rule) for rule in rules],
                }
            },
            # Columns count characters (code points), as Python strings do.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        if run_properties:
            run["properties"] = run_properties
        return {
            "$schema": SARIF_SCHEMA,
            "version": SARIF_VERSION,
            "runs": [run],
        }

    def report(self, result: LintResult) -> None:
        # Hidden characters as \u escapes: the same strings to a parser, visible to a person.
        self.stream.write(
            escape_json(json.dumps(self.as_dict(result), indent=2, ensure_ascii=False))
        )
        self.stream.write("\n")
