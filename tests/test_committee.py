"""Committee briefings: `persona render --team sales --segment ID`.

The pure core (`persona_cli.verbs.render.committee`, `committee_model` and `conflicts`) on
small typed inputs first (who decides, who can block, conflicts derived from the data, gaps),
then the real CLI on files in temp dirs: stdout, --out, --check, html, injection, errors and
path safety. No mocks.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from persona_cli.domain.segment import CommitteeMember
from persona_cli.verbs.render.committee import build
from persona_cli.verbs.render.committee_model import SegmentInput, segment_input
from persona_cli.verbs.render.conflicts import focus, same_tradeoff, themes
from persona_cli.verbs.render.defaults import fill
from tests.conftest import (
    EXAMPLE_SEGMENT,
    EXAMPLES,
    ROOT,
    cli,
    copy_examples,
    files_under,
    run_persona,
    write,
)
from tests.test_render import Balanced

# --- the core, on typed input ------------------------------------------------------------------


def persona(ident: str, name: str = "", **parts: Any) -> dict[str, Any]:
    """Filled persona data as the renderer hands it over (every field present)."""
    return fill({"id": ident, "name": name or ident.title(), "kind": "buyer", **parts})


def decision(**fields: Any) -> dict[str, Any]:
    return {"decision": fields}


CAREFUL = persona(
    "careful",
    "Careful Cat",
    whole_person={"fears": ["Being named personally in the breach report", "Second fear"]},
    decision={
        "risk_tolerance": "low",
        "decision_criteria": [
            "Will the auditor accept the evidence",
            "Least-privilege access to production by default",
        ],
        "proof_required": ["A penetration test summary"],
    },
    lenses={
        "sales": {
            "objections": [{"objection": "You want production access.", "response": "Pilot"}]
        },
        "product": {"tradeoffs_rejected": ["Agents with write access in production"]},
    },
)
BOLD = persona(
    "bold",
    "Bold Bo",
    decision={
        "risk_tolerance": "high",
        "decision_criteria": ["Fits how we work"],
        "proof_required": ["A trial the team can finish in a week"],
    },
    lenses={"product": {"tradeoffs_accepted": ["Agents with write access in production hosts"]}},
)
PAYER = persona(
    "payer",
    "Paying Pat",
    decision={
        "risk_tolerance": "medium",
        "decision_criteria": [
            "Payback inside twelve months",
            "Total three-year cost including price escalators",
            "Who owns the outcome",
        ],
    },
)


def seat(persona: str, role: str, influence: int) -> CommitteeMember:
    """One committee seat, as a segment file writes it."""
    return CommitteeMember.model_validate(
        {"persona": persona, "role": role, "influence": influence}
    )


def segment(*seats: CommitteeMember, **extra: Any) -> SegmentInput:
    return SegmentInput(id="seg", name="Seg", committee=tuple(seats), **extra)


def test_who_decides_and_who_can_block() -> None:
    view = build(
        segment(
            seat("payer", "economic_buyer", 5),
            seat("careful", "champion", 4),  # low risk + influence 4: can stall
            seat("bold", "procurement", 2),  # blocks by role alone
            seat("other", "user", 1),
        ),
        {"payer": PAYER, "careful": CAREFUL, "bold": BOLD, "other": persona("other")},
    )
    assert [m.persona for m in view.deciders] == ["payer"]
    blockers = {m.persona: m.blocks for m in view.blockers}
    assert set(blockers) == {"careful", "bold"}
    assert "low appetite for risk with influence 4 of 5" in blockers["careful"][0]
    assert "procurement" in blockers["bold"][0]
    # Influence first, then role order, then id.
    assert [m.persona for m in view.members] == ["payer", "careful", "bold", "other"]


def test_low_risk_with_modest_influence_cannot_block() -> None:
    view = build(segment(seat("careful", "champion", 3)), {"careful": CAREFUL})
    assert view.blockers == ()


def test_member_top_fear_objection_and_proof() -> None:
    view = build(segment(seat("careful", "legal_security", 5)), {"careful": CAREFUL})
    member = view.members[0]
    assert member.top_fear is not None
    assert member.top_fear.text == "Being named personally in the breach report"
    assert member.top_objection is not None
    assert member.top_objection.objection == "You want production access."
    assert member.top_objection.response == "Pilot"
    assert member.proof == ("A penetration test summary",)
    assert member.missing == ()
    bare = build(segment(seat("x", "user", 1)), {"x": persona("x")}).members[0]
    assert bare.missing == ("fears", "objections", "proof required")


def test_loss_feared_stands_in_for_missing_fears() -> None:
    data = persona("x", lenses={"marketing": {"loss_feared": "The board's trust"}})
    member = build(segment(seat("x", "user", 1)), {"x": data}).members[0]
    assert member.top_fear is not None
    assert (member.top_fear.field, member.top_fear.text) == (
        "lenses.marketing.loss_feared",
        "The board's trust",
    )


def test_missing_and_retired_members_are_visible_gaps_not_crashes() -> None:
    retired = persona("old", "Old Olga", status="retired", decision={"risk_tolerance": "high"})
    view = build(
        segment(
            seat("careful", "legal_security", 5),
            seat("ghost", "economic_buyer", 5),
            seat("old", "champion", 3),
        ),
        {"careful": CAREFUL, "old": retired},
    )
    states = {m.persona: m.state for m in view.members}
    assert states == {"careful": "present", "ghost": "missing", "old": "retired"}
    assert any("'ghost' has no persona" in gap for gap in view.gaps)
    assert any("'old' is retired" in gap for gap in view.gaps)
    # A missing economic buyer still holds the seat; a retired high-risk member starts no
    # conflict, because its data is not used.
    assert [m.persona for m in view.deciders] == ["ghost"]
    assert view.conflicts == ()
    assert next(m for m in view.members if m.persona == "old").name == "Old Olga"


def test_no_economic_buyer_and_empty_committee_are_gaps() -> None:
    view = build(segment(seat("careful", "legal_security", 5)), {"careful": CAREFUL})
    assert any(gap.startswith("no economic buyer") for gap in view.gaps)
    assert build(segment(), {}).gaps == ("the segment lists no committee members",)


def test_risk_appetite_two_levels_apart_is_a_conflict() -> None:
    view = build(
        segment(seat("careful", "legal_security", 5), seat("bold", "champion", 4)),
        {"careful": CAREFUL, "bold": BOLD},
    )
    kinds = [c.kind for c in view.conflicts]
    assert "risk-appetite" in kinds
    conflict = view.conflicts[kinds.index("risk-appetite")]
    assert (conflict.a, conflict.b) == ("careful", "bold")  # the careful side first
    assert conflict.a_said[0].text == "low" and conflict.b_said[0].text == "high"
    # The bold side is quoted on speed, in its own words.
    assert conflict.b_said[1].text == "A trial the team can finish in a week"
    # Named by first name after the introduction, and advised from their own words.
    assert "Cat" in conflict.suggestion and "Bo" in conflict.suggestion
    assert "Careful Cat" not in conflict.suggestion
    assert "“A trial the team can finish in a week”" in conflict.suggestion


def test_one_level_apart_is_not_a_conflict() -> None:
    view = build(
        segment(seat("payer", "economic_buyer", 5), seat("bold", "champion", 4)),
        {"payer": PAYER, "bold": BOLD},
    )
    assert "risk-appetite" not in [c.kind for c in view.conflicts]


def test_conflicts_come_from_data_not_names() -> None:
    """Swap the data behind the ids: the conflict follows the data."""
    swapped = {
        "careful": {**BOLD, "id": "careful", "name": "Careful Cat"},
        "bold": {**CAREFUL, "id": "bold", "name": "Bold Bo"},
    }
    view = build(
        segment(seat("careful", "champion", 4), seat("bold", "legal_security", 5)), swapped
    )
    conflict = next(c for c in view.conflicts if c.kind == "risk-appetite")
    assert (conflict.a, conflict.b) == ("bold", "careful")


def test_cost_focus_against_risk_focus() -> None:
    assert focus(PAYER) == "cost"
    assert focus(CAREFUL) == "risk"
    assert focus(BOLD) == ""
    view = build(
        segment(seat("payer", "influencer", 3), seat("careful", "influencer", 3)),
        {"payer": PAYER, "careful": CAREFUL},
    )
    conflict = next(c for c in view.conflicts if c.kind == "cost-vs-risk")
    assert (conflict.a, conflict.b) == ("payer", "careful")
    assert [s.text for s in conflict.a_said] == [
        "Payback inside twelve months",
        "Total three-year cost including price escalators",
    ]
    assert {s.field for s in conflict.b_said} == {"decision.decision_criteria"}


def test_economic_buyer_cost_criteria_against_legal_security_fears() -> None:
    """No clear risk focus in the reviewer's criteria, but the economic buyer decides on cost
    and the legal/security member is afraid: quoted with the fear first."""
    reviewer = persona(
        "legal",
        "Legal Lee",
        whole_person={"fears": ["Signing terms that expose the company"]},
        decision={"decision_criteria": ["Clear contract language"]},
    )
    view = build(
        segment(seat("payer", "economic_buyer", 5), seat("legal", "legal_security", 4)),
        {"payer": PAYER, "legal": reviewer},
    )
    conflict = next(c for c in view.conflicts if c.kind == "cost-vs-risk")
    assert conflict.b_said[0].field == "whole_person.fears"
    assert conflict.b_said[0].text == "Signing terms that expose the company"
    # Without the roles, the same data is not a conflict.
    plain = build(
        segment(seat("payer", "champion", 5), seat("legal", "influencer", 4)),
        {"payer": PAYER, "legal": reviewer},
    )
    assert plain.conflicts == ()


def test_accepted_tradeoff_against_rejected_one() -> None:
    view = build(
        segment(seat("careful", "legal_security", 5), seat("bold", "champion", 4)),
        {"careful": CAREFUL, "bold": BOLD},
    )
    conflict = next(c for c in view.conflicts if c.kind == "tradeoff")
    assert (conflict.a, conflict.b) == ("bold", "careful")
    assert conflict.a_said[0].field == "lenses.product.tradeoffs_accepted"
    assert conflict.b_said[0].text == "Agents with write access in production"


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("Per-seat pricing that grows with headcount", "Per-seat pricing", True),
        ("Agents with write access in production", "Write access for agents", True),
        ("A longer rollout", "Briefings longer than two pages", False),
        ("Manual evidence for a few controls", "Evidence stored outside the US", False),
        ("Opinionated defaults, every one overridable", "Agents on every production host", False),
    ],
)
def test_same_tradeoff(first: str, second: str, same: bool) -> None:
    assert same_tradeoff(first, second) is same


def test_themes() -> None:
    assert themes("Payback inside twelve months on hard costs") == {"cost"}
    assert themes("Read-only, least-privilege access") == {"risk"}
    assert themes("A trial we can finish in a week") == {"speed"}
    assert themes("Fits how we work") == frozenset()


def test_view_is_deterministic_whatever_the_committee_order() -> None:
    seats = [
        seat("payer", "economic_buyer", 5),
        seat("careful", "legal_security", 5),
        seat("bold", "champion", 4),
        seat("ghost", "user", 2),
    ]
    data = {"payer": PAYER, "careful": CAREFUL, "bold": BOLD}
    first = build(segment(*seats), data)
    shuffled = seats[:]
    random.Random(7).shuffle(shuffled)
    again = build(segment(*shuffled), data)
    assert shuffled != seats
    assert (again.members, again.conflicts, again.gaps) == (
        first.members,
        first.conflicts,
        first.gaps,
    )


def test_segment_input_from_plain_data() -> None:
    made = segment_input(
        {
            "id": "s",
            "name": "S",
            "firmographics": {
                "revenue_range": {"min": 100, "max": 1000},
                "employee_range": {"min": 300},
                "verticals": ["fintech"],
            },
            "committee": [
                {"persona": "a", "role": "champion", "influence": 3, "notes": None},
                {"role": "user"},  # no persona: not a seat
            ],
            "review": {"owners": ["x@example.com"], "last_reviewed": None},
            "evidence": [
                {"date": "2026-01-01", "type": "crm", "summary": "old"},
                {"date": "2026-05-01", "type": "win_loss", "summary": "new", "sample_size": 4},
            ],
        }
    )
    assert made.firmographics == (
        ("Annual revenue", "$100M to $1,000M"),
        ("Employees", "300 or more"),
        ("Verticals", "fintech"),
    )
    assert made.committee == (seat("a", "champion", 3),)
    assert made.owners == ("x@example.com",)
    assert [e.summary for e in made.evidence] == ["new", "old"]


# --- the CLI ------------------------------------------------------------------------------------

SEGMENT = """\
schema_version: 1
id: mid-market-fintech
name: Mid-market fintech
kind: segment
description: Fintechs with a sponsor bank.
firmographics:
  revenue_range: {min: 30, max: 150}
review:
  owners: [maria.lopez@example.com]
  last_reviewed: 2026-10-28
committee:
  - persona: cfo-mid-market
    role: economic_buyer
    influence: 5
    notes: "Signs | alone up to $150k"
  - persona: ciso-risk-averse
    role: legal_security
    influence: 5
  - persona: vp-engineering
    role: champion
    influence: 4
  - persona: platform-engineer
    role: user
    influence: 2
  - persona: ghost-member
    role: procurement
    influence: 3
"""

EVIL_MEMBER = """\
schema_version: 1
id: evil
name: "Eve | {{ 7*7 }} <script>x</script>"
kind: buyer
whole_person:
  fears: ["{{ 7*7 }} | # heading\\n## injected"]
decision:
  risk_tolerance: low
  proof_required: ["{% raw %}x{% endraw %} | <b>bold</b>"]
lenses:
  sales:
    objections:
      - objection: "## fake | objection"
        response: "<img src=x onerror=alert(1)>"
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """Personas in personas/ and a segment in segments/, outside any git repository."""
    work = copy_examples(tmp_path / "work")
    write(work / "segments", "mid-market-fintech.yaml", SEGMENT)
    return work


def test_committee_briefing_to_stdout(workdir: Path) -> None:
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Committee briefing: Mid-market fintech\n")
    for heading in ("Who is in the room", "Who decides", "Who can block", "Where they pull apart"):
        assert f"\n## {heading}\n" in text
    assert "- **Paul** signs the budget" in text
    assert "- **Carla:** holds the legal and security review" in text
    assert "### Cost against risk: Paul and Carla" in text
    assert "### Appetite for risk: Carla and Vikram" in text
    assert "**How to address both:**" in text
    # The missing member is a visible gap, and still holds the procurement veto.
    assert "'ghost-member' has no persona in the set" in text
    assert "| ghost-member (no persona yet) | procurement | 3 of 5 |" in text
    assert "- **ghost-member:** runs procurement" in text
    # The notes' pipe is escaped: the row keeps its five columns.
    row = next(line for line in text.splitlines() if line.startswith("| Payback Paul"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert "legal_security" not in text and "economic_buyer" not in text


def test_out_writes_the_committee_file_and_check_covers_it(workdir: Path) -> None:
    out = workdir / "briefings"
    args = ("render", "--team", "sales", "--segment", "mid-market-fintech", "--out", out)
    missing = cli(*args, "--check", cwd=workdir)
    assert missing.exit_code == 1
    assert "briefings/sales/segments/mid-market-fintech.md (missing)" in missing.stderr
    written = cli(*args, "--now", "2026-11-22", cwd=workdir)
    assert written.exit_code == 0, written.stderr
    assert files_under(out) == ["sales/segments/mid-market-fintech.md"]
    assert "Wrote 1 of 1 committee briefing files" in written.stdout
    assert cli(*args, "--now", "2026-11-22", "--check", cwd=workdir).exit_code == 0
    target = out / "sales" / "segments" / "mid-market-fintech.md"
    before = target.read_text("utf-8")
    stale = cli(*args, "--now", "2026-11-23", "--check", cwd=workdir)  # another date
    assert stale.exit_code == 1
    assert "(out of date)" in stale.stderr
    assert target.read_text("utf-8") == before
    # Persona briefings share the folder and are not touched by --segment.
    assert cli("render", "--team", "sales", "--out", out, cwd=workdir).exit_code == 0
    again = cli(*args, "--now", "2026-11-22", cwd=workdir)
    assert again.exit_code == 0
    assert "sales/cfo-mid-market.md" in files_under(out)


def test_segment_all_and_paths_find_the_sibling_segments_folder(workdir: Path) -> None:
    write(workdir / "segments", "smb.yaml", SEGMENT.replace("mid-market-fintech", "smb"))
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--segment", "all", "--out", out, "personas",
                 cwd=workdir)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert files_under(out) == [
        "sales/segments/README.md",
        "sales/segments/mid-market-fintech.md",
        "sales/segments/smb.md",
    ]
    index = (out / "sales" / "segments" / "README.md").read_text("utf-8")
    assert index.startswith("# Sales committee briefings\n")
    assert "| [Mid-market fintech](mid-market-fintech.md) | " in index
    assert "](smb.md) | " in index


def test_segment_all_as_html_writes_an_index_page_and_one_id_writes_none(workdir: Path) -> None:
    out = workdir / "out"
    args = ("render", "--team", "sales", "--segment", "all", "--format", "html", "--out", out)
    result = cli(*args, cwd=workdir)
    assert result.exit_code == 0, result.stderr
    page = (out / "sales" / "segments" / "index.html").read_text("utf-8")
    assert '<a href="mid-market-fintech.html">' in page
    one = workdir / "one"
    named = ("render", "--team", "sales", "--segment", "mid-market-fintech", "--out", one)
    assert cli(*named, cwd=workdir).exit_code == 0
    assert files_under(one) == ["sales/segments/mid-market-fintech.md"]


def test_a_segment_named_readme_is_refused_not_overwritten_by_the_index(workdir: Path) -> None:
    write(workdir / "segments", "readme.yaml", SEGMENT.replace("mid-market-fintech", "readme"))
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--segment", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert "the briefing of segment 'readme' and the index would both be written here" in (
        result.stderr
    )
    assert not out.exists()


def test_html_committee_page_escapes_persona_text(workdir: Path) -> None:
    write(workdir / "personas", "evil.yaml", EVIL_MEMBER)
    write(workdir / "segments", "mid-market-fintech.yaml",
          SEGMENT + "  - persona: evil\n    role: influencer\n    influence: 5\n")  # fmt: skip
    out = workdir / "out"
    args = ("render", "--team", "sales", "--segment", "mid-market-fintech", "--out", out)
    result = cli(*args, "--format", "html", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    page = (out / "sales" / "segments" / "mid-market-fintech.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "{{ 7*7 }}" in page and "49" not in page
    Balanced().check(page)


def test_member_text_is_data_never_template(workdir: Path) -> None:
    write(workdir / "personas", "evil.yaml", EVIL_MEMBER)
    write(workdir / "segments", "mid-market-fintech.yaml",
          SEGMENT + "  - persona: evil\n    role: influencer\n    influence: 5\n"
          "    notes: \"{{ 7*7 }} | x\"\n")  # fmt: skip
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "49" not in text
    assert "{{ 7\\*7 }}" in text
    assert "{% raw %}x{% endraw %}" in text
    headings = re.findall(r"^#+ (.*)$", text, re.MULTILINE)
    assert not any("injected" in h or h.startswith("fake") for h in headings)
    assert not re.search(r"(?<!\\)<(script|img|b>)", text)
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| Date"):
            assert len(re.findall(r"(?<!\\)\|", line)) in (6, 5), line
    # The evil member (low risk, influence 5) can stall the deal, in escaped words.
    assert "low appetite for risk with influence 5 of 5" in text


def test_retired_member_is_shown_as_retired(workdir: Path) -> None:
    path = workdir / "personas" / "vp-engineering.yaml"
    path.write_text(path.read_text("utf-8").replace("status: validated", "status: retired"))
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert "'vp-engineering' is retired" in result.stdout
    assert "| Velocity Vikram, VP Engineering (retired persona) | champion |" in result.stdout
    assert "Appetite for risk: Cautious Carla" not in result.stdout


def test_unknown_segment_suggests_the_nearest(workdir: Path) -> None:
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintec", cwd=workdir)
    assert result.exit_code == 2
    assert "did you mean 'mid-market-fintech'?" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_segment_ids_cannot_escape_the_output_folder(workdir: Path) -> None:
    out = workdir / "out"
    for ident in ("../x", "/tmp/x", "Mid", "a/b"):
        result = cli("render", "--team", "sales", "--segment", ident, "--out", out, cwd=workdir)
        assert result.exit_code == 2, ident
        assert "is not a segment id" in result.stderr
    assert not out.exists()


def test_other_teams_need_their_own_committee_template(workdir: Path) -> None:
    result = cli("render", "--team", "product", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 2
    assert "no committee template for team 'product'" in result.stderr
    assert "templates/product-committee.md.j2" in result.stderr
    write(
        workdir / "templates",
        "finance-committee.md.j2",
        "{{ committee.segment.name|md }}: "
        "{{ committee.deciders|map(attribute='name')|join(', ') }}\n",
    )
    custom = cli("render", "--team", "finance", "--segment", "mid-market-fintech", cwd=workdir)
    assert custom.exit_code == 0, custom.stderr
    assert custom.stdout == "Mid-market fintech: Payback Paul, CFO\n"
    # A committee template is not a persona team.
    assert "finance" not in cli("render", "--list-teams", cwd=workdir).stdout
    out = workdir / "out"
    both = cli("render", "--team", "all", "--segment", "mid-market-fintech", "--out", out,
               cwd=workdir)  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert files_under(out) == [
        "finance/segments/mid-market-fintech.md",
        "sales/segments/mid-market-fintech.md",
    ]


def test_custom_committee_template_overrides_the_builtin(workdir: Path) -> None:
    write(workdir / "templates", "committee.md.j2", "custom {{ committee.members|length }}\n")
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "custom 5\n"
    # ... and `--team all` for personas does not mistake it for a team.
    out = workdir / "out"
    assert cli("render", "--team", "all", "--out", out, cwd=workdir).exit_code == 0
    assert not (out / "committee").exists()


def test_committee_template_errors_name_file_and_line(workdir: Path) -> None:
    write(workdir / "templates", "committee.md.j2", "ok\n{{ committee.nothing.here }}\n")
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--segment", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith("persona: error: templates/committee.md.j2:2: ")
    assert not out.exists()


def test_segment_refuses_persona_ids_and_filters(workdir: Path) -> None:
    base = ("render", "--team", "sales", "--segment", "mid-market-fintech")
    ids = cli(*base, "cfo-mid-market", cwd=workdir)
    assert ids.exit_code == 2 and "not from ids" in ids.stderr
    for extra in (("--combined",), ("--kind", "buyer"), ("--owner", "x")):
        result = cli(*base, *extra, cwd=workdir)
        assert result.exit_code == 2, extra
        assert "--segment takes its members" in result.stderr
    several = cli("render", "--team", "sales", "--segment", "all", cwd=workdir)
    write(workdir / "segments", "smb.yaml", SEGMENT.replace("mid-market-fintech", "smb"))
    several = cli("render", "--team", "sales", "--segment", "all", cwd=workdir)
    assert several.exit_code == 2 and "printing needs exactly one" in several.stderr


def test_segment_files_beside_personas_do_not_break_persona_briefings(workdir: Path) -> None:
    write(workdir / "personas", "mid-market-fintech.yaml", SEGMENT)
    (workdir / "segments" / "mid-market-fintech.yaml").unlink()
    out = workdir / "out"
    result = cli("render", "--team", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert not [name for name in files_under(out) if "mid-market-fintech" in name]
    committee = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert committee.exit_code == 0, committee.stderr


def test_package_and_top_level_committee_templates_agree() -> None:
    packaged = ROOT / "src" / "persona_cli" / "verbs" / "render" / "templates" / "committee.md.j2"
    assert packaged.read_bytes() == (ROOT / "templates" / "committee.md.j2").read_bytes()


def test_example_segments_have_committee_goldens() -> None:
    from tests.regenerate_golden import GOLDEN

    segments = sorted(path.stem for path in (EXAMPLES / "segments").glob("*.yaml"))
    assert segments, "the examples hold at least one segment"
    folder = GOLDEN / "sales" / "segments"
    goldens = sorted(path.stem for path in folder.glob("*.md") if path.name != "README.md")
    assert goldens == segments, "run `make golden` and review the diff"
    assert (folder / "README.md").is_file(), "the segments index has a golden too"


def test_configured_paths_and_their_segments_folder_from_a_subfolder(workdir: Path) -> None:
    """`paths` from the configuration (relative to it), run from a subfolder: the personas
    and the `segments/` folder beside them are found."""
    (workdir / "docs").mkdir()
    (workdir / "personas").rename(workdir / "docs" / "personas")
    (workdir / "segments").rename(workdir / "docs" / "segments")
    write(workdir, ".persona.toml", 'paths = ["docs/personas"]\n')
    (workdir / "sub").mkdir()
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech",
                 cwd=workdir / "sub")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "- **Paul** signs the budget" in result.stdout


def test_a_broken_segment_is_an_error_not_a_skip(workdir: Path) -> None:
    write(workdir / "segments", "broken.yaml", "schema_version: 1\nid: broken\nkind: segment\n")
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--segment", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert "segments/broken.yaml: line 1: missing required field 'name'" in result.stderr
    assert "persona lint" in result.stderr
    assert not out.exists()
    named = cli("render", "--team", "sales", "--segment", "broken", cwd=workdir)
    assert named.exit_code == 2
    assert "segments/broken.yaml" in named.stderr


def test_a_large_committee_shows_the_weightiest_conflicts_in_full() -> None:
    careful = {f"c{i}": {**CAREFUL, "id": f"c{i}"} for i in range(4)}
    bold = {f"b{i}": {**BOLD, "id": f"b{i}", "lenses": persona("x")["lenses"]} for i in range(4)}
    seats = [seat(ident, "influencer", 5 - int(ident[1])) for ident in (*careful, *bold)]
    view = build(segment(*seats), {**careful, **bold})
    assert len(view.conflicts) == 6
    assert len(view.more_conflicts) == 16 - 6
    weights = [
        sum(5 - int(ident[1]) for ident in (c.a, c.b))
        for c in (*view.conflicts, *view.more_conflicts)
    ]
    assert weights == sorted(weights, reverse=True)
    assert (view.conflicts[0].a, view.conflicts[0].b) == ("c0", "b0")


def test_more_conflicts_are_listed_by_name(tmp_path: Path) -> None:
    seats = []
    for index in range(8):
        risk = "low" if index % 2 else "high"
        write(
            tmp_path / "personas",
            f"p{index}.yaml",
            f"schema_version: 1\nid: p{index}\nname: Person {index}\nkind: buyer\n"
            f"decision:\n  risk_tolerance: {risk}\n",
        )
        seats.append(
            f"  - persona: p{index}\n    role: influencer\n    influence: {5 - index // 2}\n"
        )
    write(
        tmp_path / "segments",
        "big.yaml",
        "schema_version: 1\nid: big\nname: Big\nkind: segment\ncommittee:\n" + "".join(seats),
    )
    result = cli("render", "--team", "sales", "--segment", "big", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("### Appetite for risk: ") == 6
    assert "Also pulling apart, with less combined influence:" in result.stdout
    assert result.stdout.count("- Appetite for risk: ") == 10


def test_members_are_merged_with_their_extends_parent(workdir: Path) -> None:
    write(
        workdir / "personas",
        "carla-at-acme.yaml",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla Diaz at Acme
        kind: individual
        extends: ciso-risk-averse
        lenses:
          sales:
            objections:
              - objection: Acme's auditor is new this year.
        """,
    )
    text = (workdir / "segments" / "mid-market-fintech.yaml").read_text("utf-8")
    (workdir / "segments" / "mid-market-fintech.yaml").write_text(
        text.replace("persona: ciso-risk-averse", "persona: carla-at-acme"), "utf-8"
    )
    result = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    # Inherited: the parent's fears, risk appetite and proof; overridden: the objection.
    assert "### Cost against risk: Paul and Carla" in result.stdout
    assert "“Signing a regulatory certification that later proves false" in result.stdout
    assert "- **Top objection:** “Acme's auditor is new this year.”" in result.stdout
    assert "no tested answer yet" in result.stdout


def test_folder_in_place_of_a_briefing_file_is_a_usage_error(example_set: Path) -> None:
    # Was: IsADirectoryError from the rename, exit 3 "internal error", and a .tmp file left.
    blocked = example_set / "out" / "sales" / "segments" / "mid-market-fintech.md"
    blocked.mkdir(parents=True)
    run = run_persona(
        "render", "--team", "sales", "--segment", "all", "--out", "out", cwd=example_set
    )
    assert run.exit_code == 2, run.stderr
    assert "is a folder where a briefing file goes" in run.stderr
    assert "mid-market-fintech.md" in run.stderr
    assert "internal error" not in run.stderr
    assert [p.name for p in blocked.parent.iterdir()] == ["mid-market-fintech.md"]


def test_segment_all_names_the_problem_of_an_invalid_segment(example_set: Path) -> None:
    # Was: "segments/bad.yaml: not a valid segment" with neither the line nor the reason.
    (example_set / "segments" / "bad.yaml").write_text(
        "schema_version: 1\nid: bad\nname: Bad\nkind: segment\ncomittee: []\n", encoding="utf-8"
    )
    run = cli("render", "--team", "sales", "--segment", "all", "--out", "out", cwd=example_set)
    assert run.exit_code == 2
    assert "segments/bad.yaml: line 5: unknown key 'comittee'" in run.stderr
    assert not (example_set / "out").exists()


def test_segment_with_a_yaml_error_is_reported_with_its_line(example_set: Path) -> None:
    # Was: "segments/bad.yaml: did not find expected ',' ..." without the line.
    (example_set / "segments" / "bad.yaml").write_text(
        "schema_version: 1\nid: bad\nname: [unclosed\nkind: segment\n", encoding="utf-8"
    )
    run = cli("render", "--team", "sales", "--segment", "bad", cwd=example_set)
    assert run.exit_code == 2
    assert "segments/bad.yaml: line 4: did not find expected ','" in run.stderr


def test_segment_id_used_by_two_files_is_an_error_for_one_id_too(example_set: Path) -> None:
    # Was: `--segment all` refused the duplicate id but `--segment ID` silently briefed
    # whichever file came first.
    shutil.copy(example_set / EXAMPLE_SEGMENT, example_set / "segments" / "copy.yaml")
    run = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=example_set)
    assert run.exit_code == 2
    assert "segment id 'mid-market-fintech' is also used by segments/copy.yaml" in run.stderr
    assert run.stdout == ""


def test_write_failure_names_the_path_in_the_way(example_set: Path) -> None:
    # Was: "out: cannot write briefings: File exists", without the file that is in the way.
    (example_set / "out" / "sales").mkdir(parents=True)
    (example_set / "out" / "sales" / "segments").write_text("", encoding="utf-8")
    run = cli("render", "--team", "sales", "--segment", "all", "--out", "out", cwd=example_set)
    assert run.exit_code == 2
    assert "out/sales/segments: cannot write briefings: File exists" in run.stderr


def test_check_of_one_up_to_date_briefing_is_singular(example_set: Path) -> None:
    # Was: "1 briefing files are up to date".
    args = ("render", "--team", "sales", "--segment", "mid-market-fintech", "--out", "out")
    assert cli(*args, cwd=example_set).exit_code == 0
    run = cli(*args, "--check", cwd=example_set)
    assert run.exit_code == 0
    assert "1 briefing file is up to date" in run.stderr


def test_committee_briefing_says_when_a_persona_has_two_seats(example_set: Path) -> None:
    # Was: the second seat (here the CFO as blocker) was dropped without a word.
    path = example_set / EXAMPLE_SEGMENT
    text = path.read_text(encoding="utf-8")
    seat = "  - persona: cfo-mid-market\n    role: blocker\n    influence: 2\n\nevidence:"
    path.write_text(text.replace("\nevidence:", seat, 1), encoding="utf-8")
    run = cli("render", "--team", "sales", "--segment", "mid-market-fintech", cwd=example_set)
    assert run.exit_code == 0, run.stderr
    assert (
        "> - 'cfo-mid-market' has 2 seats; only the first is shown: keep one seat per persona"
        in run.stdout
    )
    assert run.stdout.count("| Payback Paul, CFO |") == 1


def test_segment_folder_alone_is_refused_rather_than_every_member_missing(
    example_set: Path,
) -> None:
    # Was: `render --segment all segments/` briefed every seat as "'cfo-mid-market' has no
    # persona in the set: write it or fix the id" although personas/ holds them all.
    run = cli("render", "--team", "sales", "--segment", "all", "segments/", cwd=example_set)
    assert run.exit_code == 2
    assert "no persona files in segments/" in run.stderr
    assert "pass the persona folder too" in run.stderr
    both = cli("render", "--team", "sales", "--segment", "all", "personas/", "segments/",
               cwd=example_set)  # fmt: skip
    assert both.exit_code == 0, both.stderr
    assert "has no persona in the set" not in both.stdout
