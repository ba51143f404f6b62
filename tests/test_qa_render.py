"""QA of `persona render`: one regression test per bug found while trying to break it.
Real files in temp dirs, the real CLI, no mocks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import cli, copy_examples, files_under, git_in, write


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A working directory outside any git repository, holding a copy of the examples."""
    return copy_examples(tmp_path / "work")


@pytest.mark.parametrize(
    "text",
    [
        '{% include "loop.md.j2" %}\n',
        '{% extends "loop.md.j2" %}\n',
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}\n",
    ],
)
def test_template_that_calls_itself_is_a_template_error(workdir: Path, text: str) -> None:
    """A self-including/extending/recursive template crashed with RecursionError (exit 3)."""
    write(workdir / "templates", "loop.md.j2", text)
    result = cli("render", "--team", "loop", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/loop.md.j2:1:" in result.stderr
    assert "calls itself" in result.stderr
    assert "internal error" not in result.stderr
    assert not (workdir / "out").exists()


def test_template_cannot_mutate_the_shared_persona_data(workdir: Path) -> None:
    """`persona.update(...)`/`personas.pop()` leaked into later briefings (core-count dependent)."""
    write(
        workdir / "templates",
        "mut.md.j2",
        '{{ persona.update({"name": "GONE"}) }}{{ persona.name }}\n',
    )
    result = cli("render", "--team", "mut", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/mut.md.j2:1: unsafe template" in result.stderr
    assert "'update'" in result.stderr
    assert not (workdir / "out").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html>{{ nope }}</html>\n", "'nope' is undefined"),
        ("{{ body }\n", "unexpected '}'"),
        ('{% include "missing.css" %}{{ body }}\n', "template not found: missing.css"),
    ],
)
def test_broken_custom_page_template_is_a_template_error(
    workdir: Path, text: str, message: str
) -> None:
    """A custom _page.html.j2 that failed was an internal error (exit 3) naming no file."""
    write(workdir / "pages", "_page.html.j2", text)
    result = cli(
        "render",
        "--team",
        "sales",
        "--format",
        "html",
        "--templates",
        "pages",
        "--out",
        "out",
        cwd=workdir,
    )
    assert result.exit_code == 2
    assert "pages/_page.html.j2:1:" in result.stderr
    assert message in result.stderr
    assert not (workdir / "out").exists()


def test_team_that_does_not_brief_the_selected_kind_says_so(workdir: Path) -> None:
    """`--team sales --kind internal` said "no persona matched" although one did."""
    result = cli("render", "--team", "sales", "--kind", "internal", cwd=workdir)
    assert result.exit_code == 2
    assert "--team sales briefs only buyer and individual personas" in result.stderr
    assert "the 1 selected is internal" in result.stderr
    assert "name a persona's id" in result.stderr


@pytest.mark.parametrize(
    ("ident", "args", "index"),
    [
        ("index", ("--format", "html"), "sales/index.html"),
        ("readme", (), "sales/README.md"),
    ],
)
def test_persona_id_that_names_the_index_is_refused(
    workdir: Path, ident: str, args: tuple[str, ...], index: str
) -> None:
    """A persona with id `index` (html) or `readme` (case-insensitive disks) was overwritten
    by the team's index, and --check never passed."""
    source = (workdir / "personas" / "cfo-mid-market.yaml").read_text("utf-8")
    (workdir / "personas" / f"{ident}.yaml").write_text(
        source.replace("id: cfo-mid-market", f"id: {ident}"), "utf-8"
    )
    result = cli("render", "--team", "sales", "--out", "out", *args, cwd=workdir)
    assert result.exit_code == 2
    assert f"out/{index}: the briefing of persona '{ident}' and the index" in result.stderr
    assert f"rename the persona '{ident}'" in result.stderr
    assert not (workdir / "out").exists()


def test_templates_folder_with_only_the_page_style_is_used(workdir: Path) -> None:
    """A repo's templates/briefing.css (no *.md.j2 beside it) was silently ignored."""
    write(workdir / "templates", "briefing.css", "body { color: rebeccapurple; }\n")
    result = cli("render", "--team", "sales", "--format", "html", "ciso-risk-averse", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert "body { color: rebeccapurple; }" in result.stdout
    listed = cli("render", "--list-teams", cwd=workdir)
    assert listed.stdout.splitlines()[0].split() == ["overview", "built-in"]


BLANK = """\
schema_version: 1
id: blank
name: Blank Bea
kind: buyer
summary: "   "
pains: ["", "  "]
whole_person:
  fears: [" "]
  quotes: [""]
decision:
  risk_tolerance: medium
lenses:
  sales:
    political_exposure: "  "
    hesitation_triggers: [""]
  marketing:
    justification_language: ["  "]
"""


@pytest.mark.parametrize("team", ["overview", "marketing", "sales"])
def test_blank_text_renders_no_empty_sections(tmp_path: Path, team: str) -> None:
    """Whitespace-only text or list items printed headings over nothing, empty discovery
    questions and an empty quote (the gaps box named the fields all the same)."""
    write(tmp_path / "personas", "blank.yaml", BLANK)
    result = cli("render", "--team", team, "blank", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Gaps for this team" in text
    for empty in ("“”", ": \n", "## What they fear\n\n##", "**Do**", "**Don't**"):
        assert empty not in text
    headings = re.findall(r"^## .*\n\n(.*)$", text, flags=re.MULTILINE)
    assert all(line.strip() for line in headings), text
    assert "## What they risk politically" not in text
    assert "## Discovery questions" not in text
    assert "## Messaging" not in text  # medium risk and nothing else: neither do nor don't


def test_committee_members_with_commas_in_their_names_stay_apart(workdir: Path) -> None:
    """Two members of one seat were joined with ", ", and names hold commas: "Payback Paul,
    CFO, Frugal Fran, CFO" read as four people."""
    source = (workdir / "personas" / "cfo-mid-market.yaml").read_text("utf-8")
    (workdir / "personas" / "cfo-frugal.yaml").write_text(
        source.replace("id: cfo-mid-market", "id: cfo-frugal").replace(
            "name: Payback Paul, CFO", "name: Frugal Fran, CFO"
        ),
        "utf-8",
    )
    result = cli("render", "--team", "sales", "ciso-risk-averse", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert (
        "| economic buyer (signs the budget) | Frugal Fran, CFO; Payback Paul, CFO |"
        in result.stdout
    )


def test_sales_committee_leaves_out_the_personas_own_extends_family(workdir: Path) -> None:
    """A profile extending a persona was listed as another member of that persona's seat
    (and the persona in the profile's committee): one person, not two seats."""
    write(
        workdir / "personas",
        "carla-at-acme.yaml",
        """\
        schema_version: 1
        id: carla-at-acme
        name: Carla at Acme
        kind: individual
        extends: ciso-risk-averse
        """,
    )
    for ident, absent in (("ciso-risk-averse", "Carla at Acme"), ("carla-at-acme", "Cautious")):
        result = cli("render", "--team", "sales", ident, cwd=workdir)
        assert result.exit_code == 0, result.stderr
        committee = result.stdout.split("## The buying committee")[1].split("\n---\n")[0]
        assert "| economic buyer (signs the budget) | Payback Paul, CFO |" in committee
        assert absent not in committee
        assert "legal and security review |" not in committee


@pytest.mark.parametrize("name", ["Dev C#", "Dev C# #"])
def test_trailing_hash_in_a_name_survives_the_heading(tmp_path: Path, name: str) -> None:
    """A name ending in # lost it in the heading: read as the heading's closing #s (HTML
    page and Markdown viewers alike)."""
    write(
        tmp_path / "personas",
        "dev.yaml",
        f'schema_version: 1\nid: dev\nname: "{name}"\nkind: buyer\n',
    )
    page = cli("render", "--team", "overview", "dev", "--format", "html", cwd=tmp_path)
    assert page.exit_code == 0, page.stderr
    assert f"<h1>Overview: {name}</h1>" in page.stdout
    markdown = cli("render", "--team", "overview", "dev", cwd=tmp_path)
    assert markdown.stdout.splitlines()[0].endswith("\\#")


@pytest.mark.parametrize("option", ["--out", "--templates"])
def test_empty_folder_option_is_refused_not_the_current_folder(workdir: Path, option: str) -> None:
    """`--out "$UNSET"` wrote team folders into the current folder (Path("") is ".")."""
    result = cli("render", "--team", "sales", option, "", cwd=workdir)
    assert result.exit_code == 2
    assert f"{option}: an empty folder name was given" in result.stderr
    assert files_under(workdir) == sorted(
        f"personas/{p.name}" for p in (workdir / "personas").iterdir()
    )


def test_template_whose_name_is_not_a_slug_is_named_not_silently_ignored(workdir: Path) -> None:
    """templates/customer_success.md.j2 was ignored without a word: --list-teams left it out
    and --team customer_success said only "unknown team"."""
    write(workdir / "templates", "customer_success.md.j2", "{{ persona.name }}\n")
    listed = cli("render", "--list-teams", cwd=workdir)
    assert "customer" not in listed.stdout
    assert "ignored templates/customer_success.md.j2: not a team name" in listed.stderr
    result = cli("render", "--team", "customer_success", "ciso-risk-averse", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/customer_success.md.j2 is ignored: not a team name" in result.stderr
    assert "e.g. customer-success.md.j2" in result.stderr


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("persona.name|date", "ValueError: Invalid isoformat string"),
        ("persona.evidence|date", "ValueError: Invalid isoformat string"),
        ("persona.name|percent", "ValueError: could not convert string to float"),
        ("1 / 0", "ZeroDivisionError: division by zero"),
        ("range(999999999)|list", "OverflowError: Range too big"),
        ("today|date(5)", "TypeError: strftime() argument 1 must be str"),
    ],
)
def test_template_expression_that_raises_names_the_template_line(
    workdir: Path, expression: str, message: str
) -> None:
    """A filter or operator given a value it cannot use (`name|date`, `1/0`, a huge range)
    was an internal error (exit 3) with no file or line."""
    write(workdir / "templates", "odd.md.j2", "# {{ persona.name }}\n{{ " + expression + " }}\n")
    result = cli("render", "--team", "odd", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert f"templates/odd.md.j2:2: {message}" in result.stderr
    assert "internal error" not in result.stderr
    assert len(result.stderr) < 500
    assert not (workdir / "out").exists()


def test_now_before_the_last_change_does_not_print_negative_days(workdir: Path) -> None:
    """`--now` earlier than the persona's last commit printed "refreshed -2492 days ago"."""
    git_in(workdir, "init", "-q")
    git_in(workdir, "add", ".")
    git_in(workdir, "commit", "-qm", "personas", date="2026-09-01T12:00:00+00:00")
    result = cli(
        "render", "--team", "sales", "ciso-risk-averse", "--now", "2020-01-01", cwd=workdir
    )
    assert result.exit_code == 0, result.stderr
    assert "days ago" not in result.stdout
    assert "- **Freshness:** unknown: changed after 1 January 2020" in result.stdout
    index = cli("render", "--team", "sales", "--combined", "--now", "2020-01-01", cwd=workdir)
    table = index.stdout.split("\n---\n")[0]
    assert "| reviewed 28 October 2026 |" in table
    assert "days)" not in table
    later = cli("render", "--team", "sales", "ciso-risk-averse", "--now", "2026-11-20", cwd=workdir)
    assert "- **Freshness:** fresh: refreshed 23 days ago" in later.stdout


def test_persona_with_a_duplicate_key_is_refused_not_half_rendered(tmp_path: Path) -> None:
    """A duplicate key (lint error Y002) rendered the first value and silently dropped the
    second: the briefing left out fears the file states."""
    write(
        tmp_path / "personas",
        "dana.yaml",
        """\
        schema_version: 1
        id: dana
        name: Doubled Dana
        kind: buyer
        whole_person:
          fears: [being blamed for a breach]
          fears: [losing the board's confidence]
        """,
    )
    result = cli("render", "--team", "overview", "dana", cwd=tmp_path)
    assert result.exit_code == 2
    assert "personas/dana.yaml: not a valid persona" in result.stderr
    assert "run persona lint personas/dana.yaml" in result.stderr
    assert result.stdout == ""


def test_text_ending_in_a_period_does_not_double_it(tmp_path: Path) -> None:
    """Text written as a sentence ("a check fails.") read "a check fails., **they want** to
    fix it.." in product jobs and marketing's do/don't lines."""
    write(
        tmp_path / "personas",
        "dot.yaml",
        """\
        schema_version: 1
        id: dot
        name: Dot
        kind: buyer
        jobs_to_be_done:
          - {when: a check fails., want: to fix it., so_that: the audit passes.}
        decision:
          proof_required: [A pilot.]
        lenses:
          marketing:
            comparison_set: [Doing nothing.]
          product:
            tradeoffs_rejected: [No SSO.]
        """,
    )
    product = cli("render", "--team", "product", "dot", cwd=tmp_path).stdout
    assert "- **When** a check fails, **they want** to fix it, **so that** the audit passes.\n" in (
        product
    )
    marketing = cli("render", "--team", "marketing", "dot", cwd=tmp_path).stdout
    assert "- Lead with the proof they ask for: A pilot.\n" in marketing
    assert "- Make the cost of the status quo visible: Doing nothing.\n" in marketing
    assert "- Don't promise what they will not accept: No SSO.\n" in marketing
    assert ".." not in product + marketing


def test_template_that_is_not_a_file_is_ignored_and_named(workdir: Path) -> None:
    """A folder or a broken link named `<team>.md.j2` was listed as a team, and --team then
    blamed the built-in folder ("persona_cli/templates/x.md.j2: template not found")."""
    (workdir / "templates" / "folder.md.j2").mkdir(parents=True)
    (workdir / "templates" / "broken.md.j2").symlink_to(workdir / "nowhere.md.j2")
    listed = cli("render", "--list-teams", "--templates", "templates", cwd=workdir)
    assert "folder" not in listed.stdout
    assert "broken" not in listed.stdout
    assert "ignored templates/folder.md.j2: a folder, not a regular file" in listed.stderr
    assert "ignored templates/broken.md.j2: a broken symbolic link to " in listed.stderr
    for team in ("folder", "broken"):
        result = cli(
            "render", "--team", team, "--templates", "templates", "ciso-risk-averse", cwd=workdir
        )
        assert result.exit_code == 2
        assert f"--team: templates/{team}.md.j2 is ignored: a " in result.stderr
        assert "not a regular file" in result.stderr
        assert "persona_cli/templates" not in result.stderr


def test_sales_committee_of_a_persona_without_a_segment_says_so(tmp_path: Path) -> None:
    """A persona with no `segment` was told "no other persona shares this persona's account
    segment yet", as if it had one."""
    write(
        tmp_path / "personas",
        "lone.yaml",
        """\
        schema_version: 1
        id: lone
        name: Lone Buyer
        kind: buyer
        decision:
          committee_role: economic_buyer
        """,
    )
    result = cli("render", "--team", "sales", "lone", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "This persona names no account segment" in result.stdout
    assert "set `segment`" in result.stdout
    assert "shares this persona's account segment" not in result.stdout


def test_template_error_on_one_persona_names_that_persona(workdir: Path) -> None:
    """A template that failed on one persona's data only named the template line, leaving
    the reader to guess which of the personas set it off."""
    write(
        workdir / "templates",
        "finance.md.j2",
        '{% if persona.id == "cto-mid-market" %}{{ persona.budget }}{% endif %}ok\n',
    )
    result = cli("render", "--team", "finance", "--out", "out", cwd=workdir)
    assert result.exit_code == 2
    assert "templates/finance.md.j2:1:" in result.stderr
    assert "'budget'" in result.stderr
    assert "(rendering personas/cto-mid-market.yaml)" in result.stderr
    assert not (workdir / "out").exists()
