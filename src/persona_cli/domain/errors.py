"""One exception hierarchy for the whole tool and its mapping to exit codes.

Cores raise these; `cli.main()` turns them into a one-line message and an exit code, with a
traceback only under `--debug`.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


class PersonaError(Exception):
    """Base of every error the user can act on. The message says what to do."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(PersonaError):
    """Bad option or argument, or a path that matches nothing."""


class ConfigError(PersonaError):
    """The configuration file is malformed or holds an unknown key or bad value."""


class LoadError(PersonaError):
    """An input file cannot be used at all (for commands that need one valid persona)."""


class GitError(PersonaError):
    """A git operation failed: not a repository, unknown revision, shallow history."""


class TemplateError(PersonaError):
    """A briefing template is missing, broken or unsafe."""
