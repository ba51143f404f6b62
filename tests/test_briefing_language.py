"""The language filters every briefing template uses (`inline`, `job_story`, `first_person`,
`headline`, `number`, `days_ago`), as tables with strings from the real persona sets, and
the briefings that use them: first-person jobs stay first person, numbers and ages read as
people write them, the product briefing starts at a glance, the committee names people once
and advises each conflict from what its two members said.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from persona_cli.verbs.render.committee import build, first_name
from persona_cli.verbs.render.filters import (
    FILTERS,
    days_ago,
    first_person,
    headline,
    inline,
    job_story,
    number,
)
from tests.conftest import EXAMPLES, cli, copy_examples, init_repo, write
from tests.test_committee import BOLD, CAREFUL, persona, seat, segment


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # Lowered: an ordinary capitalised first word (the examples' proof and criteria).
        ("Two or three reference calls with CISOs", "two or three reference calls with CISOs"),
        (
            "Payback inside twelve months on hard costs alone",
            "payback inside twelve months on hard costs alone",
        ),
        ("A CISO-approved pilot", "a CISO-approved pilot"),
        ("On-call rotation gets noisy", "on-call rotation gets noisy"),
        ("It's demotivating when I find myself", "it's demotivating when I find myself"),
        # Kept: acronyms, brands, I, digits, known names, title-cased headings and names.
        ("CI/CD pipelines that break", "CI/CD pipelines that break"),
        ("AWS account access", "AWS account access"),
        ("GitLab runners", "GitLab runners"),
        ("I'm frustrated when requirements change", "I'm frustrated when requirements change"),
        ("I can keep growing in my career", "I can keep growing in my career"),
        ("SOC 2 Type II report", "SOC 2 Type II report"),
        ("S3 buckets made public", "S3 buckets made public"),
        ("Terraform provider and API coverage", "Terraform provider and API coverage"),
        ("Slack alerts at night", "Slack alerts at night"),
        ("Balancing Product Vision and Capacity", "Balancing Product Vision and Capacity"),
        ("Cautious Carla signs off", "Cautious Carla signs off"),
        ("", ""),
    ],
)
def test_inline_lowers_the_first_letter_only_when_safe(item: str, expected: str) -> None:
    assert inline(item) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm planning work", True),
        ("I can deliver something they really need and use", True),
        ("we can pinpoint and unwind mistakes", True),
        ("my organization's software is not compromised", True),
        ("Our auditor won't accept evidence", True),
        ("to know I'm not introducing unnecessary risks", True),
        ("collaborating with a large number of developers", False),
        ("the CI pipeline fails", False),  # the I in CI is no pronoun
        ("US auditors arrive", False),  # the country, not "us"
        ("he takes the tool to the CISO", False),
        ("", False),
    ],
)
def test_first_person(text: str, expected: bool) -> None:
    assert first_person(text) is expected


@pytest.mark.parametrize(
    ("job", "expected"),
    [
        # GitLab's user personas: first person, kept first person and quoted, never "they".
        (
            {
                "when": "I'm planning work",
                "want": "to have better communication between stakeholders",
                "so_that": "I can deliver something they really need and use",
            },
            "“When I'm planning work, I want to have better communication between "
            "stakeholders, so that I can deliver something they really need and use.”",
        ),
        (
            {
                "when": "collaborating with a large number of developers",
                "want": "to see a record of everyone's changes",
                "so_that": "we can pinpoint and unwind mistakes",
            },
            "“When collaborating with a large number of developers, I want to see a record of "
            "everyone's changes, so that we can pinpoint and unwind mistakes.”",
        ),
        # Third person: the job's own pronoun.
        (
            {
                "when": "the VP Engineering asks her to approve a tool",
                "want": "one page on what it connects to",
                "so_that": "she can decide in one meeting.",
            },
            "When the VP Engineering asks her to approve a tool, she wants one page on what it "
            "connects to, so that she can decide in one meeting.",
        ),
        (
            {"when": "audit fieldwork starts", "want": "the evidence pulled automatically"},
            "When audit fieldwork starts, they want the evidence pulled automatically.",
        ),
        # A want that is a statement of its own is printed as written.
        (
            {"want": "Manage business operations effectively and efficiently"},
            "Manage business operations effectively and efficiently.",
        ),
        (
            {"when": "Things go wrong", "want": "I want to be told first."},
            "“When things go wrong, I want to be told first.”",
        ),
        ({"when": "", "want": ""}, ""),
    ],
)
def test_job_story_keeps_one_voice(job: dict[str, str], expected: str) -> None:
    assert job_story(job) == expected


def test_job_story_takes_the_persona_pronoun_for_every_job() -> None:
    jobs = [
        {"when": "audit fieldwork starts", "want": "the evidence pulled"},
        {
            "when": "he takes the tool to the CFO",
            "want": "a cost model",
            "so_that": "his plan holds",
        },
    ]
    vikram = {
        "summary": "His platform team loses weeks. He can win engineering over.",
        "jobs_to_be_done": jobs,
    }
    assert (
        job_story(jobs[0], vikram) == "When audit fieldwork starts, he wants the evidence pulled."
    )
    assert job_story(jobs[0]) == "When audit fieldwork starts, they want the evidence pulled."


def test_job_story_escapes_markdown() -> None:
    assert job_story({"when": "I see *stars*", "want": "to act"}) == (
        "“When I see \\*stars\\*, I want to act.”"
    )


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "Wasting Time, Development Capacity, and Ultimately Money: Wasted efforts and "
            "resources on products that fail to gain traction or meet user needs is disheartening.",
            "Wasting Time, Development Capacity, and Ultimately Money",
        ),
        (
            "I'm frustrated when work is inaccurately scoped. It causes stress.",
            "I'm frustrated when work is inaccurately scoped.",
        ),
        (
            "Evidence lives in screenshots and one analyst's memory; when he was on leave, two "
            "controls had no owner",
            "Evidence lives in screenshots and one analyst's memory",
        ),
        ("Tool and process sprawl", "Tool and process sprawl"),
    ],
)
def test_headline_is_the_lead_in_its_own_words(item: str, expected: str) -> None:
    assert headline(item) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1240, "1,240"),
        ("1240", "1,240"),
        (64, "64"),
        (0, "0"),
        ("300 to 900 employees", "300 to 900 employees"),  # persona text stays as written
        ("1,800 staff", "1,800 staff"),
        (None, ""),
        (2.5, "2.5"),
    ],
)
def test_number(value: Any, expected: str) -> None:
    assert number(value) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "today"),
        (1, "yesterday"),
        (2, "2 days ago"),
        (1240, "1,240 days ago"),
        (-3, "in 3 days"),
    ],
)
def test_days_ago(days: int, expected: str) -> None:
    assert days_ago(days) == expected


def test_the_language_filters_are_registered() -> None:
    for name in ("inline", "job_story", "first_person", "headline", "number", "days_ago"):
        assert name in FILTERS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cautious Carla, CISO", "Carla"),
        ("On-call Omar, Platform Engineer", "Omar"),
        ("Tech Exec Tristan", "Tristan"),
        ("Maria Lopez, CFO", "Maria"),
        ("Sasha", "Sasha"),
        ("Parker (Product Manager)", "Parker"),
        ("Agency Chief", ""),  # a role, not a name: sentences keep the whole name
        ("Engaged Citizen", ""),
        ("", ""),
    ],
)
def test_first_name(name: str, expected: str) -> None:
    assert first_name(name) == expected


def test_first_name_of_a_real_individual() -> None:
    assert first_name("Carla Diaz at Acme", person=True) == "Carla"
    assert first_name("Carla Diaz at Acme") == ""


def test_short_names_fall_back_to_the_whole_name() -> None:
    view = build(
        segment(
            seat("careful", "legal_security", 5),
            seat("twin", "champion", 4),
            seat("chief", "economic_buyer", 3),
            seat("ghost", "user", 1),
        ),
        {
            "careful": CAREFUL,
            "twin": persona("twin", "Curious Cat, CTO"),
            "chief": persona("chief", "Agency Chief"),
        },
    )
    shorts = {m.persona: m.short for m in view.members}
    assert shorts == {
        "careful": "Careful Cat",  # two Cats: neither is just "Cat"
        "twin": "Curious Cat, CTO",
        "chief": "Agency Chief",
        "ghost": "ghost",
    }


# --- the briefings ---------------------------------------------------------------------------

SASHA = """\
schema_version: 1
id: sasha
name: Sasha
kind: user
company:
  size: "1240"
goals:
  - Ship features without rework
pains:
  - "Brittle Code and Rework: something that should be an easy fix requires a lot of rework."
jobs_to_be_done:
  - when: I'm planning work
    want: to have better communication between stakeholders
    so_that: I can deliver something they really need and use
lenses:
  product:
    churn_triggers:
      - A first week spent fixing the tool instead of the code
evidence:
  - id: survey
    type: survey
    date: 2026-10-01
    summary: Developer survey.
    sample_size: 1240
"""


@pytest.fixture
def sasha(tmp_path: Path) -> Path:
    write(tmp_path / "personas", "sasha.yaml", SASHA)
    return tmp_path


def test_product_briefing_glance_goals_first_person_jobs_and_pains(sasha: Path) -> None:
    result = cli("render", "--team", "product", "sasha", "--no-age", cwd=sasha)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    glance = text.split("## At a glance\n", 1)[1].split("\n## ", 1)[0]
    assert "- **Top goal:** Ship features without rework" in glance
    assert "- **Top job:** “When I'm planning work, I want to" in glance
    assert "- **Biggest pain:** Brittle Code and Rework\n" in glance
    assert "- **Early failure that makes them leave:** A first week spent fixing" in glance
    assert "## What they are trying to achieve\n\n- Ship features without rework" in text
    assert "## What gets in their way today\n\n- Brittle Code and Rework: something" in text
    assert (
        "- “When I'm planning work, I want to have better communication between stakeholders, "
        "so that I can deliver something they really need and use.”"
    ) in text
    assert "they want" not in text and "**When**" not in text
    assert "| 1,240 |" in text  # the evidence's sample size


def test_product_briefing_without_goals_jobs_pains_or_churn_has_no_glance(tmp_path: Path) -> None:
    write(
        tmp_path / "personas", "bare.yaml", "schema_version: 1\nid: bare\nname: Bare\nkind: user\n"
    )
    result = cli("render", "--team", "product", "bare", "--no-age", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "At a glance" not in result.stdout


def test_overview_prints_sizes_with_separators_and_responsibilities(sasha: Path) -> None:
    result = cli("render", "--team", "overview", "sasha", "--no-age", cwd=sasha)
    assert "- **Size:** 1,240" in result.stdout
    example = cli("render", "--team", "overview", "ciso-risk-averse", "--no-age", cwd=EXAMPLES)
    assert "## What they are accountable for day to day\n\n- Owning the SOC 2" in example.stdout


@pytest.mark.parametrize(("now", "said"), [("2026-11-10", "today"), ("2026-11-11", "yesterday")])
def test_freshness_says_today_and_yesterday(tmp_path: Path, now: str, said: str) -> None:
    work = copy_examples(tmp_path / "work")
    init_repo(work, commit="add", date="2026-11-01T12:00:00+00:00")
    result = cli("render", "--team", "product", "platform-engineer", "--now", now, cwd=work)
    assert result.exit_code == 0, result.stderr
    assert f"- **Freshness:** fresh: refreshed {said}; due for a refresh every " in result.stdout
    assert "0 days ago" not in result.stdout and "1 day ago" not in result.stdout


def test_committee_names_people_once_then_by_first_name(tmp_path: Path) -> None:
    result = cli(
        "render",
        "--team",
        "sales",
        "--segment",
        "mid-market-fintech",
        "--no-age",
        EXAMPLES / "personas",
        cwd=tmp_path,
    )
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    sentences = text.split("## Who decides", 1)[1].split("## Member by member", 1)[0]
    for full in ("Payback Paul, CFO", "Cautious Carla, CISO", "Velocity Vikram, VP Engineering"):
        assert full in text.split("## Who decides", 1)[0]  # introduced in the table
        assert text.count(full) == 1  # and never again
    assert "\n### Carla\n\n*legal and security review, influence 5 of 5*" in text
    assert "- **Paul** signs the budget" in sentences
    assert "### Appetite for risk: Carla and Vikram" in sentences


def test_each_conflict_gets_advice_of_its_own() -> None:
    careful_buyer = persona(
        "procure",
        "Process Pia, Head of Procurement",
        decision={
            "risk_tolerance": "low",
            "proof_required": ["A complete vendor security package on the first request"],
        },
    )
    bold = persona(
        "bold",
        "Bold Bo",
        decision={
            "risk_tolerance": "high",
            "proof_required": [
                "A trial the team can finish in a week",
                "A vendor security package strong enough to make the review a formality",
            ],
        },
    )
    view = build(
        segment(
            seat("careful", "legal_security", 5),
            seat("procure", "procurement", 4),
            seat("bold", "champion", 3),
        ),
        {"careful": CAREFUL, "procure": careful_buyer, "bold": bold},
    )
    advice = {c.a: c.suggestion for c in view.conflicts if c.kind == "risk-appetite"}
    assert set(advice) == {"careful", "procure"}
    assert advice["careful"] != advice["procure"].replace("Pia", "Cat")
    # Each seat's own step, and each side's own words.
    assert advice["careful"].startswith("Scope the first step so that Cat can approve it")
    assert "“Will the auditor accept the evidence”" in advice["careful"]
    assert advice["procure"].startswith("Start Pia's paperwork now")
    assert advice["careful"].endswith("what Cat must see before the wider rollout.")
    assert advice["procure"].endswith("not on Pia's file.")
    assert "“A complete vendor security package on the first request”" in advice["procure"]
    # Common ground from the bold side's own list: the package both ask for.
    assert "Bo already asks for “A vendor security package strong enough" in advice["procure"]


def test_tradeoff_advice_quotes_both_sides() -> None:
    view = build(
        segment(seat("careful", "legal_security", 5), seat("bold", "champion", 4)),
        {"careful": CAREFUL, "bold": BOLD},
    )
    tradeoff = next(c for c in view.conflicts if c.kind == "tradeoff")
    assert "“Agents with write access in production hosts”" in tradeoff.suggestion
    assert "“Agents with write access in production”" in tradeoff.suggestion
    assert (tradeoff.a_short, tradeoff.b_short) == ("Bo", "Cat")


def test_product_shows_what_drives_them_when_no_goal_is_recorded(tmp_path: Path) -> None:
    """GitLab's Parker records motivations and pains, no goals: the product briefing shows
    the motivations under their own label, and the glance leads with them."""
    write(
        tmp_path / "personas",
        "parker.yaml",
        """\
        schema_version: 1
        id: parker
        name: Parker
        kind: user
        whole_person:
          motivations:
            - "Solving Complex Problems and Delivering User Value: I find deep satisfaction in it."
        """,
    )
    result = cli("render", "--team", "product", "parker", "--no-age", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert (
        "- **What drives them most:** Solving Complex Problems and Delivering User Value\n" in text
    )
    assert "## What drives them\n\nNo goals are recorded for them;" in text
    assert "Top goal" not in text


def test_glance_quotes_first_person_items(tmp_path: Path) -> None:
    write(
        tmp_path / "personas",
        "dev.yaml",
        """\
        schema_version: 1
        id: dev
        name: Dev
        kind: user
        pains:
          - I'm frustrated when requirements change after work has already begun on a project.
        """,
    )
    result = cli("render", "--team", "product", "dev", "--no-age", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (
        "- **Biggest pain:** “I'm frustrated when requirements change after work has already "
        "begun on a project.”\n"
    ) in result.stdout
