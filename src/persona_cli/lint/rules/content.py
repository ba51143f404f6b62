"""Mistakes with the homes real persona sets fill (family M): a note that belongs in a field,
buying roles that contradict the committee role, a channel listed twice.

None of them asks for a field to be filled: these fields are optional, and a persona is not
worse for leaving them out. They fire only on what is written and contradicts itself or
hides content from the briefings that would read it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Any

from pydantic import Field

from persona_cli.domain import teams as team_choice
from persona_cli.domain.fields import LENS_TEAMS
from persona_cli.domain.result import Severity
from persona_cli.domain.roles import CommitteeRole
from persona_cli.lint.rules.api import Hit, PersonaRule, RuleOptions, Target

_WORDS = re.compile(r"[^\w]+")


def _words(text: str) -> str:
    """`Pain-points:` -> `pain points`: case, punctuation and spacing carry no meaning."""
    return " ".join(_WORDS.sub(" ", text.casefold().replace("_", " ")).split())


#: Note headings that name a field the model has, and the field. Real persona sets head
#: their sections with these words; an import that could not place a section, or an author
#: who did not know the field, leaves it in a note where no team's briefing looks for it.
#: Only whole headings match ("Pain points", not "Pain points in procurement").
FIELD_HEADINGS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(("goals", "goal", "objectives"), "goals"),
        **dict.fromkeys(
            ("pains", "pain", "pain points", "pain point", "frustrations", "challenges"), "pains"
        ),
        **dict.fromkeys(
            ("tools", "tools and technologies", "tools and technology", "tech stack"), "tools"
        ),
        **dict.fromkeys(("responsibilities", "key responsibilities"), "role.responsibilities"),
        **dict.fromkeys(("buying role", "buying roles"), "role.buying_roles"),
        **dict.fromkeys(("education",), "background.education"),
        **dict.fromkeys(("career", "career history", "work history"), "background.career"),
        **dict.fromkeys(("jobs to be done", "jtbd"), "jobs_to_be_done"),
        **dict.fromkeys(
            ("motivations", "motivation", "what motivates them"), "whole_person.motivations"
        ),
        **dict.fromkeys(("fears", "worries"), "whole_person.fears"),
        **dict.fromkeys(("quotes", "in their own words"), "whole_person.quotes"),
        **dict.fromkeys(("traits", "personality", "personality traits"), "whole_person.traits"),
        **dict.fromkeys(
            ("behaviours", "behaviors", "behaviour", "behavior"), "whole_person.behaviours"
        ),
        **dict.fromkeys(("decision criteria", "buying criteria"), "decision.decision_criteria"),
        **dict.fromkeys(("objections",), "lenses.sales.objections"),
        **dict.fromkeys(("channels", "preferred channels", "influences"), "influences.channels"),
        **dict.fromkeys(("trusted sources",), "influences.trusted_sources"),
    }
)


class NoteBelongsInField(PersonaRule):
    """A note's heading names a field the persona has ("Pain points", "Tools").

    Notes hold what no field does. A note headed like a field hides its content from every
    briefing that reads the field: the product team's briefing lists `tools`, not a note
    headed "Tools". Move the text into the field the finding names (one list entry per
    point) and delete the note.

    Failing:

        notes:
          - heading: Pain points
            text: Chasing colleagues for evidence before every audit.

    Passing:

        pains:
          - Chasing colleagues for evidence before every audit
        notes:
          - heading: A day in the life
            text: Starts at 7:30 with the overnight alerts, before the first meeting.
    """

    code = "M001"
    name = "note-belongs-in-field"
    family = "content"
    severity = Severity.info

    def check(self, target: Target) -> Iterator[Hit]:
        for index, note in enumerate(_list(target.own.get("notes"))):
            heading = note.get("heading") if isinstance(note, dict) else None
            if not isinstance(heading, str):
                continue
            field = FIELD_HEADINGS.get(_words(heading))
            if field:
                yield Hit(
                    ("notes", index, "heading"),
                    f"notes[{index}] is headed '{heading.strip()}', which is what `{field}` "
                    f"holds; move its text into {field} so the briefings that read it see it",
                )


#: Buying-role words real persona sets use, and the committee role each one is: every
#: committee role's own name ("economic buyer", "legal security") and the common synonyms.
#: Words with no committee seat of their own ("initiator") are absent: they contradict
#: nothing.
BUYING_ROLE_SEATS: Mapping[str, CommitteeRole] = MappingProxyType(
    {
        **{_words(role.value): role for role in CommitteeRole},
        **dict.fromkeys(
            (
                "decision maker",
                "decision makers",
                "decider",
                "final decision maker",
                "approver",
                "budget holder",
            ),
            CommitteeRole.economic_buyer,
        ),
        **dict.fromkeys(("advocate", "internal champion"), CommitteeRole.champion),
        **dict.fromkeys(("evaluator", "technical buyer"), CommitteeRole.technical_evaluator),
        **dict.fromkeys(("end user", "users"), CommitteeRole.user),
        **dict.fromkeys(("influencers",), CommitteeRole.influencer),
        **dict.fromkeys(("gatekeeper", "veto holder"), CommitteeRole.blocker),
        **dict.fromkeys(("purchaser", "purchasing"), CommitteeRole.procurement),
        **dict.fromkeys(
            ("legal and security", "legal", "security reviewer"), CommitteeRole.legal_security
        ),
    }
)


class BuyingRolesDisagree(PersonaRule):
    """`decision.committee_role` is none of the roles `role.buying_roles` lists.

    `role.buying_roles` is what the research says this persona does in a purchase, most
    important first; `decision.committee_role` is the one seat the committee view and the
    sales briefing give them. When the buying roles name committee roles and the seat is
    not among them, one of the two is wrong, and sales plans the deal around the wrong
    person. Buying-role words are matched to committee roles ("decision-maker" is
    economic_buyer, "gatekeeper" is blocker); words with no seat ("initiator") are ignored.

    Failing:

        role:
          buying_roles: [Influencer, Decision-maker]
        decision:
          committee_role: blocker

    Passing:

        role:
          buying_roles: [Influencer, Decision-maker]
        decision:
          committee_role: economic_buyer
    """

    code = "M002"
    name = "buying-roles-disagree"
    family = "content"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        persona = target.persona
        seat = persona.decision.committee_role if persona.decision else None
        roles = persona.role.buying_roles if persona.role else None
        if seat is None or not roles:
            return
        named = {
            role.strip(): BUYING_ROLE_SEATS[_words(role)]
            for role in roles
            if _words(role) in BUYING_ROLE_SEATS
        }
        if named and seat not in named.values():
            listed = ", ".join(f"{role} ({found.value})" for role, found in named.items())
            yield Hit(
                ("decision", "committee_role"),
                f"decision.committee_role is {seat.value}, but role.buying_roles names "
                f"{listed}; make the two agree",
            )


class DuplicateChannel(PersonaRule):
    """The same channel is listed twice for the same buying-journey stage.

    `influences.channels` says where the persona learns, at each stage where the research
    says so; one channel may serve several stages ("LinkedIn" at awareness and at
    consideration). Two entries with the same channel and the same stage (or both without a
    stage) say the same thing twice, usually from two sources merged; keep one. Case and
    spacing are ignored.

    Failing:

        influences:
          channels:
            - {channel: Peer reviews, stage: consideration}
            - {channel: peer reviews, stage: consideration}

    Passing:

        influences:
          channels:
            - {channel: Peer reviews, stage: consideration}
            - {channel: Peer reviews, stage: decision}
    """

    code = "M003"
    name = "duplicate-channel"
    family = "content"
    severity = Severity.warning

    def check(self, target: Target) -> Iterator[Hit]:
        influences = target.own.get("influences")
        channels = _list(influences.get("channels")) if isinstance(influences, dict) else []
        seen: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(channels):
            if not isinstance(entry, dict) or not isinstance(entry.get("channel"), str):
                continue
            stage = entry.get("stage")
            key = (_words(entry["channel"]), _words(stage) if isinstance(stage, str) else "")
            if not key[0]:
                continue  # an empty channel is the empty-value rule's
            if key in seen:
                at = f" at stage '{stage.strip()}'" if key[1] and isinstance(stage, str) else ""
                yield Hit(
                    ("influences", "channels", index),
                    f"influences.channels[{index}] repeats channel "
                    f"'{entry['channel'].strip()}'{at} (entry {seen[key]}); remove one",
                )
            seen.setdefault(key, index)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class TeamOptions(RuleOptions):
    custom_teams: tuple[str, ...] = Field(
        (),
        description="Your own teams' names (each with a briefing template in the render "
        "`--templates` folder); they are not reported.",
    )


class UnknownTeam(PersonaRule):
    """`teams` names a team that is neither a built-in one nor a configured custom team.

    `teams` says who the persona is written for: marketing, sales, product and support have
    built-in briefings, and a custom team has its own template. A name that is neither is
    usually a typo (`sale` for `sales`): the persona is then judged and briefed as if that
    team did not exist. List your custom teams in the rule's `custom-teams` option.

    Failing:

        teams: [product, sale]

    Passing:

        teams: [product, sales]
    """

    code = "M004"
    name = "unknown-team"
    family = "content"
    severity = Severity.info
    Options = TeamOptions

    def check(self, target: Target) -> Iterator[Hit]:
        assert isinstance(self.options, TeamOptions)
        known = {*LENS_TEAMS, *self.options.custom_teams}
        for index, team in enumerate(target.own.get("teams") or ()):
            if not isinstance(team, str) or team in known:
                continue
            close = team_choice.close_team(team)
            hint = (
                f"did you mean '{close}'?"
                if close
                else "if it is your own team, list it in the rule's custom-teams option"
            )
            yield Hit(
                ("teams", index),
                f"team '{team}' has no built-in briefing and is not a configured custom team; "
                + hint,
            )


RULES: tuple[type[PersonaRule], ...] = (
    NoteBelongsInField,
    BuyingRolesDisagree,
    DuplicateChannel,
    UnknownTeam,
)
