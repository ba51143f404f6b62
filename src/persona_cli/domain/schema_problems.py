"""The problems found by validating a file's data against its model (codes S001-S003).

The load stage stamps them on the findings validation makes, and the lint rules document them
(`persona rule S002`). They live here, as the loading problems do, so that the load stage does
not import lint (which sits above it) and the two cannot disagree on a code or a name.
"""

from __future__ import annotations

from persona_cli.domain.load_problems import LoadProblem

MISSING_FIELD = LoadProblem("S001", "missing-field")
UNKNOWN_KEY = LoadProblem("S002", "unknown-key")
INVALID_VALUE = LoadProblem("S003", "invalid-value")

__all__ = ["INVALID_VALUE", "MISSING_FIELD", "UNKNOWN_KEY"]
