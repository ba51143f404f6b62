"""The sales, support and marketing briefings: an "At a glance" first, only from what the
persona says; the detail holding the rest without repeating it; labels that say what they
hold; list items never spliced after a colon inside a sentence; discovery questions that are
questions, on the examples and on a real GitLab buyer persona."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import SHARED_DATA, cli, require_shared_data, write

ROOT = Path(__file__).resolve().parent.parent

FULL = """\
    schema_version: 1
    id: full
    name: Full Buyer
    kind: buyer
    role:
      titles: [Head of Security, CISO]
      reports_to: CTO
      measured_by: [Audit exceptions per cycle, Days to close a bank request]
      decisions_owned: [Security approval of any vendor]
    pains: [Tool and process sprawl]
    whole_person:
      fears: [Being named personally in an audit finding]
    decision:
      proof_required: [A reference call, An auditor's letter]
    messaging:
      sales: [Offer a joint call with the auditor]
      support: [Answer within a day]
    lenses:
      marketing:
        loss_feared: A qualified audit opinion.
        unspoken_objection: This may replace my team.
        justification_language: [Auditor-accepted evidence, Fewer screenshots]
      sales:
        hesitation_triggers: [A request for write access, A seed-stage reference]
        authority_constraints: [Cannot sign above $50k]
        objections:
          - {objection: Our auditor won't accept it., response: Offer a joint call.}
          - {objection: One., response: Answer one.}
          - {objection: Two., response: Answer two.}
          - {objection: Three.}
      support:
        expectation_gaps: [Expects same-day answers, Expects an audit liaison]
        disappointment_language: [We were told this was audit-ready.]
        churn_signals: [A parallel spreadsheet again]
"""

SPARSE = """\
    schema_version: 1
    id: sparse
    name: Sparse Buyer
    kind: buyer
    role:
      titles: [Compliance Officer]
    pains: [Tool and process sprawl, Anything manual / lack of automation]
"""


def _render(tmp_path: Path, team: str, ident: str) -> str:
    result = cli("render", "--team", team, "--no-age", ident, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def personas(tmp_path: Path) -> Path:
    write(tmp_path / "personas", "full.yaml", FULL)
    write(tmp_path / "personas", "sparse.yaml", SPARSE)
    return tmp_path


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_sales_glance_comes_first_and_the_detail_holds_only_the_rest(personas: Path) -> None:
    text = _render(personas, "sales", "full")
    headings = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert headings[0] == "At a glance"
    glance = _section(text, "At a glance")
    assert "- **What stalls the deal:** A request for write access\n" in glance
    assert "- **Who must sign:** Cannot sign above $50k\n" in glance
    assert "- **The proof they need:** A reference call\n" in glance
    assert "- **Our play:** Offer a joint call with the auditor\n" in glance
    assert "- **“Our auditor won't accept it.”** Offer a joint call.\n" in glance
    assert "“Three.”" not in glance  # three objections at most
    more = _section(text, "More to watch for")
    assert "- **Also stalls the deal:** A seed-stage reference\n" in more
    assert "- **More proof they ask for:** An auditor's letter\n" in more
    assert "A request for write access" not in more
    assert "*No tested answer yet" in _section(text, "More objections")
    # Every statement once: nothing the glance says is repeated below it.
    for statement in ("A request for write access", "Cannot sign above $50k", "A reference call"):
        assert text.count(statement) == 1, statement


def test_sales_shows_the_job_in_one_list(personas: Path) -> None:
    who = _section(_render(personas, "sales", "full"), "Who they are")
    assert "- **Titles:** Head of Security, CISO\n" in who
    assert "- **Reports to:** CTO\n" in who
    assert "- **Judged on:** Audit exceptions per cycle; days to close a bank request\n" in who
    assert "- **Decides alone:** Security approval of any vendor\n" in who


def test_discovery_questions_are_questions(personas: Path) -> None:
    asks = _section(_render(personas, "sales", "full"), "Discovery questions")
    lines = [line for line in asks.splitlines() if line.startswith("- ")]
    assert lines == [
        "- How do you deal with tool and process sprawl today, and what does that cost you?",
        # the fear's first pattern opens with "How" too, so its second is taken
        "- What would have to be true for you to stop worrying about being named personally "
        "in an audit finding?",
    ]


def test_no_glance_when_the_persona_says_nothing_for_it(personas: Path) -> None:
    """A GitLab-like buyer with titles and pains only: no glance (the gaps box names what is
    missing), and the discovery questions still come from the pains."""
    for team in ("sales", "support", "marketing"):
        text = _render(personas, team, "sparse")
        assert "## At a glance" not in text, team
        assert "Gaps for this team" in text, team
    sales = _render(personas, "sales", "sparse")
    assert "Where do you run into anything manual / lack of automation" in sales


def test_support_labels_say_what_they_hold(personas: Path) -> None:
    text = _render(personas, "support", "full")
    glance = _section(text, "At a glance")
    assert "- **Where expectation and reality differ:** Expects same-day answers\n" in glance
    assert "- **Early warning in a ticket:** “We were told this was audit-ready.”\n" in glance
    assert "- **How to help them:** Answer within a day\n" in glance
    bought = _section(text, "What they bought us for")
    assert "justify the purchase" in bought
    assert "- Auditor-accepted evidence\n" in bought
    assert "**The loss they bought us to prevent:** A qualified audit opinion." in bought
    assert "What they were promised" not in text
    assert "- Expects an audit liaison\n" in _section(
        text, "Where else expectation and reality differ"
    )


def test_marketing_glance_and_no_item_spliced_after_a_colon(personas: Path) -> None:
    text = _render(personas, "marketing", "full")
    glance = _section(text, "At a glance")
    assert "- **What they think but will not say:** “This may replace my team.”\n" in glance
    assert "“Auditor-accepted evidence”, “Fewer screenshots”" in glance
    # Outside bold labels, no sentence runs into a capitalised list item after a colon.
    for line in text.splitlines():
        if line.startswith(("#", "|")):
            continue  # headings and the evidence table
        unlabelled = re.sub(r"\*\*[^*]+:\*\*", "", line)
        assert not re.search(r"[a-z]: [A-Z]", unlabelled), line


def test_a_real_gitlab_buyer_gets_questions_not_pasted_statements(tmp_path: Path) -> None:
    source = require_shared_data(SHARED_DATA / "real-personas" / "gitlab-buyer-personas.md")
    imported = cli("import", "--out", tmp_path / "personas", source, cwd=tmp_path)
    assert imported.exit_code == 0, imported.stderr
    text = _render(tmp_path, "sales", "infosec-shiloh")
    asks = [line for line in _section(text, "Discovery questions").splitlines() if line]
    assert len(asks) == 3
    assert all(line.startswith("- ") and line.endswith("?") for line in asks), asks
    assert "Ask how they handle" not in text
    openers = [line.split()[1] for line in asks]
    assert len(set(openers)) == 3, openers
    assert "- **Listens to:** C-Suite; Network Administrator;" in text
