"""The reporter interface."""

from __future__ import annotations

from typing import Protocol, TextIO

from persona_cli.domain.result import LintResult


class Reporter(Protocol):
    """Writes one result to one stream. `color` applies to terminal formats only."""

    def __init__(self, stream: TextIO, *, color: bool | None = None) -> None: ...

    def report(self, result: LintResult) -> None: ...
