"""The shape every rule shares: code, kebab-case name, default severity, self-documenting."""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, ClassVar

from persona_cli.domain.result import Finding, Severity

if TYPE_CHECKING:
    from pydantic import BaseModel


class Rule:
    """Base class. The subclass docstring is the rule's documentation (`persona rule CODE`):
    a first-line summary, then why it matters, then a failing and a passing example."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.error
    family: ClassVar[str]

    Options: ClassVar[type[BaseModel] | None] = None

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().splitlines()[0]

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.name)

    @classmethod
    def finding(
        cls,
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
            code=cls.code,
            rule=cls.name,
            severity=cls.severity,
            message=message,
            context=context,
            field_path=field_path,
        )
