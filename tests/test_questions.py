"""Discovery questions built from a persona's pains and fears (verbs/render/questions.py):
tables of statements from the real persona sets and the examples, each with the question it
makes (or None when no grammatical question can be built from it)."""

from __future__ import annotations

import itertools

import pytest

from persona_cli.verbs.render.questions import discovery_questions, fragment, inline, question

PAINS: list[tuple[str, str | None]] = [
    # Noun phrases (GitLab buyer personas, FinOps personas).
    (
        "Tool and process sprawl",
        "How do you deal with tool and process sprawl today, and what does that cost you?",
    ),
    (
        "Lack of a strong security culture and the risk that entails",
        "How do you deal with the lack of a strong security culture and the risk that entails "
        "today, and what does that cost you?",
    ),
    (
        "Unpredictable, sometimes chaotic, cloud spend",
        "How do you deal with unpredictable, sometimes chaotic, cloud spend today, and what "
        "does that cost you?",
    ),
    (
        "Continuing skills shortage",
        "How do you deal with continuing skills shortage today, and what does that cost you?",
    ),
    (
        "Current processes that do not scale",
        "How do you deal with current processes that do not scale today, and what does that "
        "cost you?",
    ),
    # Activities.
    (
        "Securing the software supply chain",
        "What does securing the software supply chain cost you today, and how do you handle it?",
    ),
    # Needs.
    (
        "The need to increase the speed of development",
        "What stands in the way when you need to increase the speed of development?",
    ),
    # Inabilities and doubts.
    (
        "Cannot predict the impact on the budget",
        "What stops you from being able to predict the impact on the budget today, and what "
        "does it cost you?",
    ),
    (
        "Unsure of the return on their company's cloud investment",
        "How sure are you today of the return on your company's cloud investment, and what "
        "does not knowing cost you?",
    ),
    # Whole clauses (examples); a second clause after ";" is left out.
    (
        "Evidence lives in screenshots, Jira comments and one analyst's memory; when he was "
        "on leave during the last audit, two controls had no owner",
        "When evidence lives in screenshots, Jira comments and one analyst's memory, what does "
        "that cost you?",
    ),
    (
        "Persona material arrives as 40-slide PDFs that reps never open",
        "When persona material arrives as 40-slide PDFs that reps never open, what does that "
        "cost you?",
    ),
    (
        "Senior engineers name compliance busywork in their exit interviews",
        "When senior engineers name compliance busywork in their exit interviews, what does "
        "that cost you?",
    ),
    (
        "Transition to DevOps is challenging for certain legacy workloads and environments",
        "When transition to DevOps is challenging for certain legacy workloads and "
        "environments, what does that cost you?",
    ),
    # First person (GitLab user personas) turned to second.
    (
        "I'm frustrated when I can't determine the root cause of the monitoring system's errors.",
        "When you can't determine the root cause of the monitoring system's errors, what does "
        "that cost you?",
    ),
    (
        "I'm frustrated by the large volume of vulnerabilities that I face.",
        "How do you deal with the large volume of vulnerabilities that you face today, and what "
        "does that cost you?",
    ),
    (
        "It's challenging to compile data in a format that's efficient and valuable to my "
        "internal audit or compliance team.",
        "What makes it hard to compile data in a format that's efficient and valuable to your "
        "internal audit or compliance team?",
    ),
    (
        "It's frustrating to have to spend time figuring out where content lives in the "
        "directory structure, especially when making small changes.",
        "When did you last have to spend time figuring out where content lives in the "
        "directory structure, especially when making small changes?",
    ),
    # Third person: the persona's own `his`/`her` become `your`, a subject of its own stays.
    (
        "Nobody can tell him whether compliance spend is adequate or excessive against peers",
        "When nobody can tell you whether compliance spend is adequate or excessive against "
        "peers, what does that cost you?",
    ),
    (
        "Can't find data he needs for his reports",
        "What stops you from being able to find data you need for your reports today, and what "
        "does it cost you?",
    ),
    ("Vendor security packages arrive incomplete, so she chases the same documents", None),
    (
        "Auto-renewal clauses signed before her arrival keep renewing software nobody uses",
        "When auto-renewal clauses signed before your arrival keep renewing software nobody "
        "uses, what does that cost you?",
    ),
    ("Champions bring her deals in the last week of the quarter", None),
    # Acronyms and names keep their case.
    (
        "CI pipelines that fail on flaky tests",
        "How do you deal with CI pipelines that fail on flaky tests today, and what does that "
        "cost you?",
    ),
    # No clause to build on, or no question at all.
    ("Are wary of a lack of community activity", None),
    ("When demand surpasses our current capacity, it can be stressful to resolve issues.", None),
    ("", None),
    ("   ", None),
]

FEARS: list[tuple[str, str | None]] = [
    (
        "Being remembered as the CISO who approved the vendor that became the breach vector",
        "How would you make sure you never end up being remembered as the CISO who approved "
        "the vendor that became the breach vector?",
    ),
    (
        "Spending his credibility on a tool that the CISO later picks apart in front of the CEO",
        "How would you make sure you never end up spending your credibility on a tool that the "
        "CISO later picks apart in front of the CEO?",
    ),
    (
        "A security incident traced to a tool she approved despite misgivings about its access",
        "How do you protect yourself today against a security incident traced to a tool you "
        "approved despite misgivings about its access?",
    ),
]


@pytest.mark.parametrize(("statement", "expected"), PAINS)
def test_a_pain_becomes_a_question(statement: str, expected: str | None) -> None:
    assert question(statement) == expected


@pytest.mark.parametrize(("statement", "expected"), FEARS)
def test_a_fear_becomes_a_question(statement: str, expected: str | None) -> None:
    assert question(statement, fear=True) == expected


def test_no_two_questions_in_a_row_open_alike() -> None:
    """Three noun-phrase pains from one GitLab buyer each get their own pattern."""
    asked = discovery_questions(
        ["Silo'd teams and workflows", "Tool and process sprawl", "Anything manual"], []
    )
    assert asked == [
        "How do you deal with silo'd teams and workflows today, and what does that cost you?",
        "Where do you run into tool and process sprawl, and what does it cost you?",
        "What do you lose to anything manual today?",
    ]
    openers = [ask.split()[0] for ask in asked]
    assert all(a != b for a, b in itertools.pairwise(openers))


def test_limits_skip_statements_without_a_question() -> None:
    """Pains first, then fears up to their limit; a statement no question fits is skipped,
    not pasted."""
    asked = discovery_questions(
        ["Are wary of strangers", "Flaky tests", "Unstable infrastructure", "Reliability"],
        ["Being named personally", "Losing the best engineers"],
    )
    assert asked == [
        "How do you deal with flaky tests today, and what does that cost you?",
        "Where do you run into unstable infrastructure, and what does it cost you?",
        "How would you make sure you never end up being named personally?",
    ]
    assert discovery_questions(None, None) == []


def test_pains_take_the_places_of_missing_fears() -> None:
    """The GitLab buyer personas record no fears: three questions from the pains."""
    asked = discovery_questions(
        ["Tool and process sprawl", "Anything manual / lack of automation", "Flaky tests"],
        ["Are wary of strangers"],
    )
    assert len(asked) == 3
    assert asked[2] == "What do you lose to flaky tests today?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Audit exceptions per cycle", "audit exceptions per cycle"),
        ("GitLab can pull reports", "GitLab can pull reports"),
        ("AWS accounts", "AWS accounts"),
        ("CI minutes", "CI minutes"),
        ("I want", "I want"),
        ("", ""),
    ],
)
def test_fragment_keeps_acronyms_and_names(text: str, expected: str) -> None:
    assert fragment(text) == expected


def test_inline_runs_items_into_one_line() -> None:
    assert inline(["Audit exceptions per cycle.", "Days to close a request", " ", "AWS spend"]) == (
        "Audit exceptions per cycle; days to close a request; AWS spend"
    )
    # Names and titles keep their case (GitLab's trusted sources): a single capitalised
    # word may be a name (`Reddit`, `Jira`), so it keeps its case too.
    assert inline(
        ["C-Suite", "Network Administrator", "Directors", "IT SME", "Tech management"]
    ) == ("C-Suite; Network Administrator; Directors; IT SME; tech management")
    assert inline(None) == ""
