"""Set rules (P001-P003): the number of internal personas, names shared across files, and
statements copied across personas."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.rules.common import SetCase, case_id, check_set, engine


def member(persona_id: str, *, kind: str = "internal", name: str = "", status: str = "") -> str:
    """A minimal persona: `name` on line 3 (value at column 7), `kind` on line 4 (column 7),
    `status` on line 5 when given."""
    text = (
        f"schema_version: 1\nid: {persona_id}\nname: {name or persona_id.title()}\nkind: {kind}\n"
    )
    return text + (f"status: {status}\n" if status else "")


def internal(count: int) -> list[str]:
    return [member(f"colleague-{index}") for index in range(1, count + 1)]


def flagged(count: int, code: str = "P001") -> list[tuple[str, int, int, str]]:
    return [(f"colleague-{index}.yaml", 4, 7, code) for index in range(1, count + 1)]


CARLA = "Cautious Carla"
SPRAWL = "Tool and process sprawl"


def buyer(persona_id: str, *pains: str, extends: str = "", status: str = "", add: str = "") -> str:
    """A buyer with `pains` (one per line, the first on line 6 or 7, value at column 5); `add`
    is a pain it appends to its parent's (under `add:`)."""
    text = member(persona_id, kind="buyer", status=status)
    if extends:
        text += f"extends: {extends}\n"
    if pains:
        text += "pains:\n" + "".join(f"  - {pain}\n" for pain in pains)
    if add:
        text += f"add:\n  pains:\n    - {add}\n"
    return text


#: Three GitLab buyer personas that copy the same pain.
GITLAB = ("back-office-blake", "compliance-cooper", "infosec-shiloh")

#: A user persona whose one job story (when at line 6, column 11) is copied whole.
JOB = (
    "schema_version: 1\nid: {id}\nname: {id}\nkind: user\njobs_to_be_done:\n"
    "  - when: I'm on call at night\n"
    "    want: to see everything I am monitoring in one tool\n"
    "    so_that: I can grow in my career\n"
)

CASES = [
    # P001 internal-count: 3 to 5 non-retired internal personas by default, reported on
    # each internal persona's `kind`.
    SetCase(
        "too-few",
        "P001",
        internal(2),
        flagged(2),
        message="the set has 2 internal personas, fewer than 3; 3 to 5 usually covers every "
        "audience",
    ),
    SetCase("three", "P001", internal(3), []),
    SetCase("five", "P001", internal(5), []),
    SetCase(
        "too-many", "P001", internal(6), flagged(6), message="6 internal personas, more than 5"
    ),
    SetCase("none-is-not-reported", "P001", [member("ciso", kind="buyer")], []),
    SetCase(
        "other-kinds-do-not-count",
        "P001",
        [
            *internal(2),
            member("ciso", kind="buyer"),
            member("engineer", kind="user"),
            member("carla-at-acme", kind="individual"),
        ],
        flagged(2),
    ),
    SetCase(
        "retired-do-not-count",
        "P001",
        [*internal(2), member("old-colleague", status="retired")],
        flagged(2),
    ),
    SetCase(
        "retired-do-not-count-even-with-include-retired",
        "P001",
        [*internal(2), member("old-colleague", status="retired")],
        flagged(2),
        include_retired=True,
    ),
    SetCase("option-min-max-fits", "P001", internal(2), [], options={"min": 1, "max": 2}),
    SetCase(
        "option-max",
        "P001",
        internal(3),
        flagged(3),
        options={"min": 1, "max": 2},
        message="the set has 3 internal personas, more than 2; 1 to 2 usually covers",
    ),
    SetCase(
        "option-min",
        "P001",
        internal(3),
        flagged(3),
        options={"min": 4, "max": 6},
        message="fewer than 4",
    ),
    # P002 duplicate-name: reported on every file after the first, in path order.
    SetCase(
        "duplicate",
        "P002",
        [member("a-ciso", kind="buyer", name=CARLA), member("b-ciso", kind="buyer", name=CARLA)],
        [("b-ciso.yaml", 3, 7, "P002")],
        message="name 'Cautious Carla' is also used by a-ciso.yaml; make each persona's name",
    ),
    SetCase(
        "ignores-case-and-spacing",
        "P002",
        [
            member("a-ciso", kind="buyer", name=CARLA),
            member("b-ciso", kind="buyer", name="cautious   CARLA"),
            member("c-ciso", kind="user", name="CAUTIOUS carla"),
        ],
        [("b-ciso.yaml", 3, 7, "P002"), ("c-ciso.yaml", 3, 7, "P002")],
        message="name 'cautious   CARLA' is also used by a-ciso.yaml",
    ),
    SetCase(
        "distinct",
        "P002",
        [
            member("a-ciso", kind="buyer", name=CARLA),
            member("b-ciso", kind="buyer", name="Cautious Carla (mid-market)"),
        ],
        [],
    ),
    SetCase(
        "any-kinds",
        "P002",
        [member("a-ciso", kind="buyer", name=CARLA), member("b-erin", name=CARLA)],
        [("b-erin.yaml", 3, 7, "P002")],
    ),
    SetCase(
        "retired-skipped",
        "P002",
        [
            member("a-ciso", kind="buyer", name=CARLA, status="retired"),
            member("b-ciso", kind="buyer", name=CARLA),
        ],
        [],
    ),
    # P003 copied-statement: the same entry in 3 or more personas (GitLab's buyers copy "Tool
    # and process sprawl" into four of them), reported on each, naming the others.
    SetCase(
        "copied-across-three",
        "P003",
        [buyer(ident, SPRAWL, "Anything manual / lack of automation") for ident in GITLAB],
        [(f"{ident}.yaml", line, 5, "P003") for ident in GITLAB for line in (6, 7)],
        message="'Tool and process sprawl' is also in back-office-blake, infosec-shiloh "
        "(3 personas); say how it shows up for this persona",
    ),
    SetCase(
        "case-spacing-and-trailing-punctuation-ignored",
        "P003",
        [
            buyer("back-office-blake", SPRAWL),
            buyer("compliance-cooper", "tool and  process SPRAWL."),
            buyer("infosec-shiloh", f"{SPRAWL} !"),
        ],
        [(f"{ident}.yaml", 6, 5, "P003") for ident in GITLAB],
    ),
    SetCase(
        # A statement pasted into many personas: each message names five, then counts.
        "many-copies-named-five-then-counted",
        "P003",
        [buyer(f"buyer-{n:02d}", SPRAWL) for n in range(9)],
        [(f"buyer-{n:02d}.yaml", 6, 5, "P003") for n in range(9)],
        message="'Tool and process sprawl' is also in buyer-01, buyer-02, buyer-03, buyer-04, "
        "buyer-05 and 3 more (9 personas)",
    ),
    SetCase("two-are-not-enough", "P003", [buyer(i, SPRAWL) for i in GITLAB[:2]], []),
    SetCase(
        "option-min-personas",
        "P003",
        [buyer(i, SPRAWL) for i in GITLAB[:2]],
        [(f"{ident}.yaml", 6, 5, "P003") for ident in GITLAB[:2]],
        options={"min-personas": 2},
        message="is also in compliance-cooper (2 personas)",
    ),
    SetCase(
        "different-statements",
        "P003",
        [
            buyer("back-office-blake", SPRAWL),
            buyer("compliance-cooper", "Silo'd teams and workflows"),
            buyer("infosec-shiloh", "Siloed teams and workflows"),
        ],
        [],
    ),
    SetCase(
        "short-entries-are-not-compared",
        "P003",
        [buyer(i, "Deadline pressures") for i in GITLAB],
        [],
    ),
    SetCase(
        # GitLab's alex, amy and isaac share whole job stories: one finding per copied job.
        "a-job-copied-whole-is-one-copy",
        "P003",
        [JOB.format(id=ident) for ident in ("alex", "amy", "isaac")],
        [(f"{ident}.yaml", 6, 11, "P003") for ident in ("alex", "amy", "isaac")],
        message="'I'm on call at night' is also in amy, isaac (3 personas)",
    ),
    SetCase(
        "option-min-words",
        "P003",
        [buyer(i, "Deadline pressures") for i in GITLAB],
        [(f"{ident}.yaml", 6, 5, "P003") for ident in GITLAB],
        options={"min-words": 2},
    ),
    SetCase(
        "option-fields",
        "P003",
        [buyer(i, SPRAWL) for i in GITLAB],
        [],
        options={"fields": ["goals"]},
    ),
    SetCase(
        "inherited-and-restated-values-are-not-copies",
        "P003",
        [
            buyer("platform", SPRAWL),
            buyer("platform-perry", extends="platform"),
            buyer("platform-pia", SPRAWL, "Pipelines break on every upgrade", extends="platform"),
            buyer("release-rory", SPRAWL),
        ],
        [],
    ),
    SetCase(
        "an-added-entry-is-the-personas-own",
        "P003",
        [
            buyer("platform", "Pipelines break on every upgrade"),
            buyer("platform-perry", extends="platform", add=SPRAWL),
            buyer("release-rory", SPRAWL),
            buyer("infosec-shiloh", SPRAWL),
        ],
        [
            ("infosec-shiloh.yaml", 6, 5, "P003"),
            ("platform-perry.yaml", 8, 7, "P003"),
            ("release-rory.yaml", 6, 5, "P003"),
        ],
        message="is also in infosec-shiloh, release-rory (3 personas)",
    ),
    SetCase(
        "retired-do-not-count",
        "P003",
        [*(buyer(i, SPRAWL) for i in GITLAB[:2]), buyer("release-rory", SPRAWL, status="retired")],
        [],
    ),
    SetCase(
        "retired-included",
        "P002",
        [
            member("a-ciso", kind="buyer", name=CARLA, status="retired"),
            member("b-ciso", kind="buyer", name=CARLA),
        ],
        [("b-ciso.yaml", 3, 7, "P002")],
        include_retired=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_set_rule(case: SetCase, tmp_path: Path) -> None:
    check_set(case, tmp_path)


def test_internal_count_rejects_min_over_max() -> None:
    with pytest.raises(ValidationError, match=r"min \(5\) must not exceed max \(3\)"):
        engine("P001", options={"min": 5, "max": 3})


def test_copied_statement_fields_must_be_persona_fields() -> None:
    with pytest.raises(ValidationError, match=r"unknown field 'pain'"):
        engine("P003", options={"fields": ["pain"]})
