"""Problems with `# persona: ignore[CODE] reason` comments themselves (family U)."""

from __future__ import annotations

from persona_cli.domain.result import Severity
from persona_cli.lint.rules.base import Rule


class SuppressionWithoutReason(Rule):
    """A suppression comment gives no reason.

    Suppressions are decisions a reviewer should be able to read later; say why the rule
    does not apply here. The suppression still applies.

    Failing:

        kind: internal  # persona: ignore[P001]

    Passing:

        kind: internal  # persona: ignore[P001] the enablement team is our only audience
    """

    code = "U001"
    name = "suppression-without-reason"
    family = "suppressions"
    severity = Severity.warning


class UnusedSuppression(Rule):
    """A suppression comment suppresses nothing.

    The problem it silenced was fixed (or never there); remove the comment so it does not
    hide a future problem.

    Failing:

        name: Carla  # persona: ignore[Q001] placeholder until the interviews

    Passing: remove the comment once the name is real.
    """

    code = "U002"
    name = "unused-suppression"
    family = "suppressions"
    severity = Severity.warning


class UnknownSuppressionCode(Rule):
    """A suppression comment names a rule that does not exist.

    Usually a typo (`W01` for `W001`); the comment suppresses nothing.

    Failing:

        name: Carla  # persona: ignore[Q01] the name is a working title

    Passing:

        name: Carla  # persona: ignore[Q001] the name is a working title
    """

    code = "U003"
    name = "unknown-suppression-code"
    family = "suppressions"
    severity = Severity.warning


RULES: tuple[type[Rule], ...] = (
    SuppressionWithoutReason,
    UnusedSuppression,
    UnknownSuppressionCode,
)
