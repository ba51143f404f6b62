"""Run one lint rule over YAML snippets written to real files, as rule test tables need.

Each table row is YAML text in and `(line, column, code)` out. The snippet is written to
`<id>.yaml` (so the id matches the file name) in a fresh folder with any other files the
row needs (an `extends` parent, the other members of a set), then the real engine lints
the folder with only the rule under test selected and "today" pinned.

The engine's own file checks (Y loading, S schema, I identity) are also kept, but only as
a guard: a snippet with a typo would otherwise be skipped silently and every row about it
would pass with `[]`. They add no rule to the run.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from persona_cli.io.discovery import discover
from persona_cli.io.settings import RuleSettings, Settings
from persona_cli.lint.engine import Engine, lint

#: The date every table judges ages by (the examples' review date, as in test_examples).
TODAY = dt.date(2026, 11, 22)
#: Codes the engine reports about the files themselves; a snippet must produce none.
GUARD = ("Y", "S", "I")

#: One finding as a table states it: line, column, code.
Hit = tuple[int, int, str]
#: One finding in a multi-file table: file name, line, column, code.
FileHit = tuple[str, int, int, str]


@dataclass(frozen=True, slots=True)
class Found:
    """A finding from the engine, with the file name relative to the folder."""

    file: str
    line: int
    column: int
    code: str
    message: str


@dataclass(frozen=True)
class Linted:
    """What the rule found in the file under test (`hits`, `messages`) and in the others."""

    hits: list[Hit]
    messages: list[str]
    elsewhere: list[FileHit]


@dataclass(frozen=True)
class Case:
    """One row of a persona-rule table.

    `yaml` is the file under test; `others` are more files in the same folder (an
    `extends` parent). `expected` are the rule's findings in `yaml`, `elsewhere` its
    findings in `others`. `message`, when given, must appear in one of `yaml`'s findings.
    """

    id: str
    code: str
    yaml: str
    expected: Sequence[Hit]
    message: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    include_retired: bool = False
    others: Sequence[str] = ()
    elsewhere: Sequence[FileHit] = ()


@dataclass(frozen=True)
class SetCase:
    """One row of a set-rule table: several files in, findings across them out."""

    id: str
    code: str
    files: Sequence[str]
    expected: Sequence[FileHit]
    message: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    include_retired: bool = False


def file_name(text: str) -> str:
    """`<id>.yaml` for a snippet, so that the engine's id = file-name check holds."""
    match = re.search(r"^id: *([a-z0-9-]+) *$", text, re.MULTILINE)
    assert match, f"snippet has no top-level `id:` line:\n{text}"
    return f"{match.group(1)}.yaml"


def engine(
    code: str | tuple[str, ...],
    *,
    options: Mapping[str, Any] | None = None,
    include_retired: bool = False,
) -> Engine:
    """The real engine with only `code` selected (plus the guard), judged as of TODAY.

    `options` are the rule's options (kebab-case, as in the config file); they need a
    single code."""
    codes = (code,) if isinstance(code, str) else code
    rules: dict[str, RuleSettings] = {}
    if options:
        [only] = codes
        rules[only] = RuleSettings(options=dict(options))
    settings = Settings(
        select=codes, extend_select=GUARD, include_retired=include_retired, rules=rules
    )
    return Engine.build(settings, today=TODAY)


def lint_files(
    folder: Path,
    code: str | tuple[str, ...],
    texts: Sequence[str],
    *,
    options: Mapping[str, Any] | None = None,
    include_retired: bool = False,
) -> list[Found]:
    """Write each snippet (dedented) to `folder/<id>.yaml`, lint the folder, return findings.

    Fails the test if a snippet is not a valid persona (any Y, S or I finding)."""
    codes = (code,) if isinstance(code, str) else code
    folder.mkdir(parents=True, exist_ok=True)
    for text in texts:
        body = textwrap.dedent(text)
        path = folder / file_name(body)
        assert not path.exists(), f"two snippets share the id of {path.name}"
        path.write_text(body, encoding="utf-8")
    result = lint(
        discover([str(folder)], cwd=folder),
        engine=engine(code, options=options, include_retired=include_retired),
        jobs=1,
    )
    found = [Found(f.path, f.line, f.column, f.code, f.message) for f in result.findings]
    broken = [f for f in found if f.code not in codes]
    assert not broken, f"the snippets are not valid personas: {broken}"
    return sorted(found, key=lambda f: (f.file, f.line, f.column, f.code))


def lint_yaml(
    folder: Path,
    code: str,
    text: str,
    *others: str,
    options: Mapping[str, Any] | None = None,
    include_retired: bool = False,
) -> Linted:
    """Lint `text` (and `others` beside it) with only `code`; split findings by file."""
    found = lint_files(
        folder, code, [text, *others], options=options, include_retired=include_retired
    )
    main = file_name(textwrap.dedent(text))
    return Linted(
        hits=[(f.line, f.column, f.code) for f in found if f.file == main],
        messages=[f.message for f in found if f.file == main],
        elsewhere=[(f.file, f.line, f.column, f.code) for f in found if f.file != main],
    )


def check(case: Case, folder: Path) -> None:
    """Assert one persona-rule row."""
    linted = lint_yaml(
        folder,
        case.code,
        case.yaml,
        *case.others,
        options=case.options,
        include_retired=case.include_retired,
    )
    assert linted.hits == sorted(case.expected)
    assert linted.elsewhere == sorted(case.elsewhere)
    if case.message:
        assert any(case.message in message for message in linted.messages), linted.messages


def check_set(case: SetCase, folder: Path) -> None:
    """Assert one set-rule row."""
    found = lint_files(
        folder,
        case.code,
        case.files,
        options=case.options,
        include_retired=case.include_retired,
    )
    assert [(f.file, f.line, f.column, f.code) for f in found] == sorted(case.expected)
    if case.message:
        assert any(case.message in f.message for f in found), [f.message for f in found]


def case_id(case: Case | SetCase) -> str:
    return f"{case.code}-{case.id}"


# Complete, valid personas of each kind: every persona rule passes on them (test_catalogue),
# and rows use them as the parent of an individual profile. Reviewed 2026-10-28, evidence
# of two types from the last three months.

BUYER = """\
schema_version: 1
id: ciso
name: Cautious Carla, CISO
kind: buyer
status: validated
summary: The first CISO of a mid-market fintech, personally on the hook for the audit.
role:
  titles: [CISO, Head of Security]
goals:
  - Enter the next SOC 2 window with every control mapped to accepted evidence
pains:
  - Evidence lives in screenshots and one analyst's memory
whole_person:
  motivations:
    - Being the executive the board trusts because she never surprises them
  fears:
    - Signing a certification that later proves false
  career_ambitions:
    - A CISO seat at a public fintech within five years
  external_pressures:
    - Sponsor banks audit their fintech partners every quarter
  trust: needs_proof
  quotes:
    - text: I sign nothing I cannot defend to the auditor.
      evidence: interviews-2026-q3
decision:
  risk_tolerance: low
  adoption_stage: late_majority
  awareness: solution_aware
  committee_role: legal_security
  proof_required:
    - Two references at regulated fintechs of similar size
lenses:
  marketing:
    loss_feared: A qualified audit opinion traced back to tool-generated evidence
    unspoken_objection: If this automates my team, the CEO may not need a CISO
    justification_language: [auditor-accepted evidence]
    comparison_set: [do nothing, an enterprise GRC suite]
  sales:
    hesitation_triggers: [the first request for write access to production]
    authority_constraints: [the CFO signs above 50k a year]
    political_exposure: Blocking the tool makes her the obstacle to engineering
    regret_scenario: The auditor rejects the evidence and her team re-collects it by hand
    objections:
      - objection: Our auditor will not accept evidence from your tool.
        response: Offer a joint call with her audit firm before the pilot.
  product:
    onboarding_risks: [permissions she cannot explain to her risk committee]
    success_signals: [the auditor accepts the first evidence package]
    churn_triggers: [one rejected evidence export in the first audit]
    tradeoffs_accepted: [a slower rollout, one framework at a time]
    tradeoffs_rejected: [agents with write access in production]
  support:
    expectation_gaps: [every check produces an auditor-ready artifact]
    disappointment_language: [we were told this was audit-ready]
    churn_signals: [her team keeps a parallel spreadsheet again]
evidence:
  - id: interviews-2026-q3
    type: interview
    date: 2026-08-14
    summary: Ten interviews with security leaders at US fintechs
  - id: win-loss-2026-h2
    type: win_loss
    date: 2026-10-02
    summary: In 7 of 11 losses the security review was still open
review:
  owners: [maria@example.com]
  last_reviewed: 2026-10-28
"""

USER = """\
schema_version: 1
id: platform-engineer
name: On-call Omar, Platform Engineer
kind: user
status: validated
whole_person:
  motivations: [Shipping on Friday without being paged on Saturday]
  fears: [Being blamed for an audit finding he never saw coming]
  career_ambitions: [Leading the platform team within two years]
  external_pressures: [An on-call rotation that already wakes him twice a week]
  trust: cautious
decision:
  risk_tolerance: medium
  adoption_stage: early_majority
  awareness: problem_aware
  proof_required: [a trial in one AWS account that adds no new alert noise]
lenses:
  marketing:
    loss_feared: A week of his sprint lost to wiring up another dashboard
    unspoken_objection: Security will use this to file tickets against my team
    justification_language: [fewer pages, not more dashboards]
    comparison_set: [the scripts he already wrote]
  product:
    onboarding_risks: [checks that fire on exceptions already approved]
    success_signals: [failing checks fixed in the pull request that caused them]
    churn_triggers: [a month of false positives]
    tradeoffs_accepted: [fewer integrations if each one is read-only]
    tradeoffs_rejected: [an agent on every production host]
  support:
    expectation_gaps: [checks that understand Terraform exceptions]
    churn_signals: [alerts routed to a muted Slack channel]
    disappointment_language: [this is just another noisy scanner]
evidence:
  - id: engineer-survey-2026
    type: survey
    date: 2026-09-20
    summary: Survey of 140 platform engineers on compliance tooling
  - id: product-analytics-2026-10
    type: analytics
    date: 2026-10-31
    summary: Alert mute rates across trial accounts
review:
  owners: ["@platform-pmm"]
  last_reviewed: 2026-11-01
"""

INTERNAL = """\
schema_version: 1
id: head-of-enablement
name: Enablement Erin, Head of Sales Enablement
kind: internal
status: draft
whole_person:
  motivations: [Reps who quote her talk tracks on calls she never joined]
  fears: [A launch her reps cannot explain]
  career_ambitions: [A VP Revenue Operations title]
  external_pressures: [The CRO's ramp-time target for new account executives]
  trust: open
internal:
  wants_to_know: tactics
  collaboration_tips: [bring a recorded call, not a research deck]
evidence:
  - id: enablement-interviews-2026-10
    type: interview
    date: 2026-10-20
    summary: Six enablement leads on what reps ask for before a launch
  - id: enablement-survey-2026-10
    type: survey
    date: 2026-10-27
    summary: 40 account executives on the talk tracks they use
review:
  owners: [erin@example.com]
  last_reviewed: 2026-11-10
"""

#: An individual profile of BUYER: it overrides only the fields that differ.
INDIVIDUAL = """\
schema_version: 1
id: carla-at-acme
name: Carla Reyes at Acme Pay
kind: individual
extends: ciso
whole_person:
  trust: cautious
# Review is never inherited: the profile is owned and reviewed on its own.
review:
  owners: [maria@example.com]
  last_reviewed: 2026-11-04
"""

COMPLETE = {"buyer": BUYER, "user": USER, "internal": INTERNAL}
