"""`--format json`: the stable machine-readable shape.

{"version": 1, "files": N, "findings": [{"path", "line", "column", "code", "rule",
                                         "severity", "message"}],
 "personas": [{"path", "id", "name", "kind", "status", "completeness", "parts", "missing"}]}

`personas` was added after `findings` so that consumers of the earlier keys are unaffected;
shares are rounded to 3 decimals so the output does not change with float noise. With a lint
baseline, a `baseline` object follows: {"file", "baselined": N, "stale": [{"file", "path",
"code", "field", "count"}], "findings": [the accepted findings, shaped as above]}.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from persona_cli.domain.hidden import escape_json
from persona_cli.domain.result import Finding, LintResult
from persona_cli.reporters import _baseline as baselines

JSON_VERSION = 1


class JsonReporter:
    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None:
        self.stream = stream

    @staticmethod
    def finding(f: Finding) -> dict[str, Any]:
        return {
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "code": f.code,
            "rule": f.rule,
            "severity": str(f.severity),
            "message": f.message,
        }

    @classmethod
    def as_dict(cls, result: LintResult) -> dict[str, Any]:
        document = cls._as_dict(result)
        if result.baseline is not None:
            outcome = result.baseline
            accepted = sorted(outcome.baselined, key=Finding.sort_key)
            document["baseline"] = baselines.as_dict(outcome) | {
                "findings": [cls.finding(f) for f in accepted]
            }
        return document

    @classmethod
    def _as_dict(cls, result: LintResult) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "files": result.files,
            "findings": [cls.finding(f) for f in result.sorted_findings()],
            "personas": [
                {
                    "path": p.path,
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind,
                    "status": p.status,
                    "completeness": round(p.completeness, 3),
                    "parts": {part: round(share, 3) for part, share in p.parts.items()},
                    "missing": list(p.missing),
                }
                for p in result.personas
            ],
        }

    def report(self, result: LintResult) -> None:
        # Hidden characters as \u escapes: the same strings to a parser, visible to a person.
        self.stream.write(
            escape_json(json.dumps(self.as_dict(result), indent=2, ensure_ascii=False))
        )
        self.stream.write("\n")
