"""Buying-committee roles: the names a committee seat or `decision.committee_role` may hold.

Kept apart from the Pydantic models (`model` re-exports `CommitteeRole`) so that the
modules ordering, grouping or labelling roles (committee view, report, briefings) import no
Pydantic for them.
"""

from __future__ import annotations

from enum import StrEnum


class CommitteeRole(StrEnum):
    economic_buyer = "economic_buyer"
    champion = "champion"
    technical_evaluator = "technical_evaluator"
    user = "user"
    influencer = "influencer"
    blocker = "blocker"
    procurement = "procurement"
    legal_security = "legal_security"


#: Every committee role once, in the order a committee is shown: who decides first, then who
#: champions, evaluates and can veto, who only uses the product last. Modules that order,
#: group or label roles derive from this and from `CommitteeRole`, so a renamed role fails
#: type checking instead of silently dropping out of a table.
COMMITTEE_ROLE_ORDER: tuple[CommitteeRole, ...] = (
    CommitteeRole.economic_buyer,
    CommitteeRole.champion,
    CommitteeRole.technical_evaluator,
    CommitteeRole.legal_security,
    CommitteeRole.procurement,
    CommitteeRole.influencer,
    CommitteeRole.blocker,
    CommitteeRole.user,
)
#: Roles whose holder can veto the deal by the role alone.
BLOCKING_ROLES: tuple[CommitteeRole, ...] = (
    CommitteeRole.blocker,
    CommitteeRole.legal_security,
    CommitteeRole.procurement,
)
