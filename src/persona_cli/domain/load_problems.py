"""The problems found while loading a file: reading it (codes Y001-Y011), before any model
exists, and validating its data against the model (codes S001-S003).

Two layers need these facts: the YAML reader and the validator stamp them on the findings
they make, and the lint rules document them (`persona rule Y002`). They live here so that
neither imports the other: reading and validating sit below lint, and git reports an
unreadable working-tree file by code.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona_cli.domain.result import Finding, Severity


@dataclass(frozen=True, slots=True)
class LoadProblem:
    """One kind of loading problem: its code, its kebab-case name, its default severity."""

    code: str
    name: str
    severity: Severity = Severity.error

    def finding(
        self,
        path: str,
        line: int,
        column: int,
        message: str,
        *,
        context: str | None = None,
        field_path: str | None = None,
    ) -> Finding:
        return Finding(
            path=path,
            line=line,
            column=column,
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=message,
            context=context,
            field_path=field_path,
        )


YAML_SYNTAX = LoadProblem("Y001", "yaml-syntax")
DUPLICATE_KEY = LoadProblem("Y002", "duplicate-key")
NOT_A_MAPPING = LoadProblem("Y003", "not-a-mapping")
MULTIPLE_DOCUMENTS = LoadProblem("Y004", "multiple-documents")
EMPTY_FILE = LoadProblem("Y005", "empty-file")
NOT_UTF8 = LoadProblem("Y006", "not-utf8")
FILE_TOO_LARGE = LoadProblem("Y007", "file-too-large")
ALIAS_EXPANSION = LoadProblem("Y008", "alias-expansion")
UNSAFE_TAG = LoadProblem("Y009", "unsafe-tag")
SPECIAL_FILE = LoadProblem("Y010", "special-file")
SYMLINK_LOOP = LoadProblem("Y011", "symlink-loop")

MISSING_FIELD = LoadProblem("S001", "missing-field")
UNKNOWN_KEY = LoadProblem("S002", "unknown-key")
INVALID_VALUE = LoadProblem("S003", "invalid-value")
