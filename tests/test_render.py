"""`persona render`: goldens for every built-in team, injection and sandbox cases, --check,
atomic writes, custom teams. Real files in temp dirs, the real CLI, no mocks."""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import (
    EXAMPLES,
    ROOT,
    cli,
    copy_examples,
    files_under,
    init_repo,
    persona_bin,
    write,
)
from tests.regenerate_golden import GOLDEN, render_golden

PACKAGE_TEMPLATES = ROOT / "src" / "persona_cli" / "verbs" / "render" / "templates"
LENS_TEAMS = ("marketing", "sales", "product", "support")

EMPTY = """\
schema_version: 1
id: empty-buyer
name: Empty Buyer
kind: buyer
"""

EVIL = """\
schema_version: 1
id: evil
name: "Eve | {{ 7*7 }} <script>alert(1)</script>"
kind: buyer
summary: "# Not a heading\\n| a | b |\\n{% raw %}x{% endraw %} {{ cycler.__init__ }}"
pains: ["{{ 7*7 }}", "> quote", "1. list", "- dash"]
whole_person:
  fears: ["{% include '/etc/passwd' %}"]
lenses:
  sales:
    hesitation_triggers: ["a | b\\n## injected heading", "**bold** _x_ [link](http://x)"]
    objections:
      - objection: "## fake | objection"
        response: "<img src=x onerror=alert(1)>"
evidence:
  - id: notes
    type: interview
    date: 2026-01-02
    summary: "pipe | in a cell\\nand a newline # hash"
    sample_size: 3
review:
  owners: ["<b>owner</b> | x"]
  last_reviewed: 2026-01-02
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A working directory outside any git repository, holding a copy of the examples."""
    return copy_examples(tmp_path / "work")


# --- goldens and shipped templates ----------------------------------------------------------


def test_golden_briefings_match(tmp_path: Path) -> None:
    out = tmp_path / "golden"
    render_golden(out)
    # tests/golden/cli/ holds the show and list goldens (tests/test_show_list.py).
    briefings = [name for name in files_under(GOLDEN) if not name.startswith("cli/")]
    assert files_under(out) == briefings, "run `make golden` and review the diff"
    for name in briefings:
        assert (out / name).read_text("utf-8") == (GOLDEN / name).read_text("utf-8"), (
            f"{name} differs from tests/golden; run `make golden` and review the diff"
        )
    for team in ("overview", *LENS_TEAMS):
        assert (GOLDEN / team / "README.md").is_file()


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    render_golden(tmp_path / "a")
    render_golden(tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not comparison.diff_files
    assert all(not sub.diff_files for sub in comparison.subdirs.values())


def test_top_level_templates_are_copies_of_the_packaged_ones() -> None:
    packaged = files_under(PACKAGE_TEMPLATES)
    assert packaged == files_under(ROOT / "templates")
    for name in packaged:
        assert (PACKAGE_TEMPLATES / name).read_bytes() == (
            ROOT / "templates" / name
        ).read_bytes(), f"templates/{name} differs from {PACKAGE_TEMPLATES / name}; copy it over"


def test_package_data_ships_the_templates() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"verbs/render/templates/*.j2"' in pyproject
    assert '"verbs/render/templates/*.css"' in pyproject


# --- basic use --------------------------------------------------------------------------------


def test_one_briefing_to_stdout(workdir: Path) -> None:
    result = cli("render", "--team", "sales", "ciso-risk-averse", "personas", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Sales briefing: Cautious Carla, CISO\n")
    assert "## At a glance" in result.stdout
    assert "**The objections you will hear**" in result.stdout
    # The committee comes from the other personas in the same segment.
    assert "Payback Paul, CFO" in result.stdout
    assert "Velocity Vikram, VP Engineering" in result.stdout
    assert "Gaps for this team" not in result.stdout
    # No field names shown raw.
    assert "hesitation_triggers" not in result.stdout
    assert "legal_security" not in result.stdout


def test_configured_paths_are_the_default(workdir: Path) -> None:
    result = cli("render", "--team", "overview", "platform-engineer", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert "# Overview: On-call Omar, Platform Engineer" in result.stdout


def test_printing_needs_one_persona(workdir: Path) -> None:
    result = cli("render", "--team", "sales", cwd=workdir)
    assert result.exit_code == 2
    assert "printing needs exactly one" in result.stderr
    all_teams = cli("render", "--team", "all", "ciso-risk-averse", cwd=workdir)
    assert all_teams.exit_code == 2
    assert "--out" in all_teams.stderr


def test_combined_prints_one_document_per_team(workdir: Path) -> None:
    result = cli("render", "--team", "sales", "--combined", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Sales briefings\n")
    assert result.stdout.count("# Sales briefing: ") == 5  # buyers only: no user, no internal
    out = workdir / "out"
    written = cli("render", "--team", "all", "--combined", "--out", out, cwd=workdir)
    assert written.exit_code == 0, written.stderr
    assert files_under(out) == [f"{team}.md" for team in sorted(("overview", *LENS_TEAMS))]


def test_filters(workdir: Path) -> None:
    out = workdir / "out"
    result = cli("render", "--team", "overview", "--out", out, "--kind", "user", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert files_under(out) == ["overview/README.md", "overview/platform-engineer.md"]
    owned = cli(
        "render", "--team", "overview", "--combined", "--owner", "jordan.kim@example.com",
        cwd=workdir,
    )  # fmt: skip
    assert owned.exit_code == 0, owned.stderr
    assert owned.stdout.count("# Overview: ") == 1


def test_retired_personas_are_skipped_unless_asked_for(workdir: Path) -> None:
    write(
        workdir / "personas", "old.yaml", EMPTY.replace("empty-buyer", "old") + "status: retired\n"
    )
    out = workdir / "out"
    assert cli("render", "--team", "overview", "--out", out, cwd=workdir).exit_code == 0
    assert not (out / "overview" / "old.md").exists()
    again = cli("render", "--team", "overview", "--out", out, "--status", "retired", cwd=workdir)
    assert again.exit_code == 0, again.stderr
    assert (out / "overview" / "old.md").exists()


def test_individual_inherits_from_its_parent(workdir: Path) -> None:
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
            political_exposure: Her new CEO wants a win this quarter.
        """,
    )
    result = cli("render", "--team", "sales", "carla-at-acme", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert "Her new CEO wants a win this quarter." in result.stdout
    # Inherited from the parent: hesitation triggers and objections.
    assert "The first request for write permissions" in result.stdout
    assert "Our auditor won't accept evidence" in result.stdout


def test_list_teams(workdir: Path) -> None:
    result = cli("render", "--list-teams", cwd=workdir)
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["overview", "marketing", "sales", "product", "support"]


def test_unknown_team_lists_the_teams(workdir: Path) -> None:
    result = cli("render", "--team", "finance", "--out", workdir / "out", cwd=workdir)
    assert result.exit_code == 2
    assert "unknown team 'finance'" in result.stderr
    assert "sales" in result.stderr
    assert not (workdir / "out").exists()


def test_unknown_id_suggests_the_nearest(workdir: Path) -> None:
    result = cli("render", "--team", "sales", "cisco-risk-averse", cwd=workdir)
    assert result.exit_code == 2
    assert "did you mean 'ciso-risk-averse'?" in result.stderr


def test_invalid_persona_is_named_and_the_others_are_briefed(workdir: Path) -> None:
    write(workdir / "personas", "broken.yaml", "schema_version: 1\nid: broken\nkind: buyer\n")
    result = cli("render", "--team", "all", "--out", workdir / "out", cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "persona: error: personas/broken.yaml:1:1: S001 missing required field 'name'; not briefed",
        "persona: error: 1 persona not briefed (named above); run persona lint for every "
        "problem, fix them and render again",
    ]
    assert (workdir / "out" / "overview" / "ciso-risk-averse.md").is_file()
    assert not (workdir / "out" / "overview" / "broken.md").exists()
    # Printed alone, it is an error and nothing is printed.
    alone = cli("render", "--team", "overview", "broken", cwd=workdir)
    assert alone.exit_code == 2 and alone.stdout == ""
    assert "personas/broken.yaml:1:1: S001 missing required field 'name'" in alone.stderr


# --- gaps -------------------------------------------------------------------------------------


def test_empty_persona_gets_gap_boxes_not_blank_sections(tmp_personas: Path) -> None:
    write(tmp_personas, "empty-buyer.yaml", EMPTY)
    out = tmp_personas.parent / "out"
    result = cli("render", "--team", "all", "--out", out, cwd=tmp_personas.parent)
    assert result.exit_code == 0, result.stderr
    for team in ("overview", *LENS_TEAMS):
        text = (out / team / "empty-buyer.md").read_text("utf-8")
        assert "> **Gaps for this team:**" in text, team
        # Every heading has content under it before the next heading.
        assert not re.search(r"^#+ .*\n+#+ ", text, re.MULTILINE), (team, text)
        assert not re.search(r"^#+ .*\n*\Z", text, re.MULTILINE), team
    sales = (out / "sales" / "empty-buyer.md").read_text("utf-8")
    assert "what makes this persona hesitate mid-cycle" in sales
    assert "## What makes them hesitate" not in sales


# --- injection ----------------------------------------------------------------------------


def test_persona_text_is_data_never_template(tmp_personas: Path) -> None:
    write(tmp_personas, "evil.yaml", EVIL)
    for team in ("overview", *LENS_TEAMS):
        result = cli("render", "--team", team, "evil", cwd=tmp_personas.parent)
        assert result.exit_code == 0, (team, result.stderr)
        text = result.stdout
        assert "49" not in text
        assert "{{ 7\\*7 }}" in text
        assert "/etc/passwd" in text or team != "overview"
        # Nothing from persona text starts a heading or an HTML tag.
        headings = re.findall(r"^#+ (.*)$", text, re.MULTILINE)
        assert not any("injected" in h or "Not a heading" in h for h in headings)
        assert not re.search(r"(?<!\\)<(script|img|b>)", text), team
        # Table rows keep their column count despite pipes and newlines in the values.
        for line in text.splitlines():
            if line.startswith("| "):
                assert len(re.findall(r"(?<!\\)\|", line)) == 5, line


def test_html_output_escapes_everything_and_is_well_formed(tmp_personas: Path) -> None:
    write(tmp_personas, "evil.yaml", EVIL)
    out = tmp_personas.parent / "out"
    result = cli(
        "render", "--team", "all", "--format", "html", "--out", out, cwd=tmp_personas.parent
    )
    assert result.exit_code == 0, result.stderr
    assert "sales/evil.html" in files_under(out)
    assert "sales/index.html" in files_under(out)
    for name in files_under(out):
        page = (out / name).read_text("utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert "<script" not in page and "<img" not in page and "<b>" not in page
        Balanced().check(page)
    sales = (out / "sales" / "evil.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in sales
    assert "{{ 7*7 }}" in sales
    assert 'href="http://x"' not in sales
    index = (out / "sales" / "index.html").read_text("utf-8")
    assert '<a href="evil.html">' in index
    # Each briefing links back to its team's index; the index itself has no back link.
    assert '<nav><a href="index.html">&larr; All sales briefings</a></nav>' in sales
    assert "<nav>" not in index


UNSAFE = """\
schema_version: 1
id: unsafe
name: "Mallory <script>alert(1)</script>"
kind: buyer
summary: >-
  [click](javascript:alert(1)) <javascript:alert(2)> [v](VBScript:x)
  <script>alert(3)</script>
"""


def _html_page(workdir: Path, template: str) -> str:
    """The converted Markdown of custom team `raw` (templates/raw.md.j2) for persona
    `unsafe`: the HTML page's body after its back link."""
    write(workdir / "personas", "unsafe.yaml", UNSAFE)
    write(workdir / "templates", "raw.md.j2", template)
    result = cli("render", "--team", "raw", "unsafe", "--format", "html", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    Balanced().check(result.stdout)
    return result.stdout.split("</nav>", 1)[1].split("</main>", 1)[0]


@pytest.mark.parametrize("text", ["{{ persona.summary|md }}", "{{ persona.summary }}"])
def test_html_persona_text_forms_no_script_and_no_unsafe_link(tmp_path: Path, text: str) -> None:
    """Persona text is escaped by the `md` filter; a custom template that prints it raw
    still gets no tag (raw HTML is off) and no javascript:/vbscript: link (markdown-it-py
    refuses those URLs) on the HTML page."""
    page = _html_page(tmp_path, f"# {{{{ persona.name|md }}}}\n\n{text}\n")
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the name, in the heading
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page  # the summary
    assert "<a " not in page
    assert "javascript:alert(1)" in page and "javascript:alert(2)" in page  # shown as text


def test_html_template_links_are_kept_when_safe(tmp_path: Path) -> None:
    """A template's own relative and https links stay links; the same Markdown with a
    javascript: URL is text."""
    page = _html_page(
        tmp_path, "[index](index.html) [site](https://example.com) [bad](javascript:void(0))\n"
    )
    assert '<a href="index.html">index</a>' in page
    assert '<a href="https://example.com">site</a>' in page
    assert "[bad](javascript:void(0))" in page


def test_html_table_keeps_its_column_alignment(tmp_path: Path) -> None:
    """The old converter dropped the alignment row's colons: numbers were not right-aligned."""
    page = _html_page(
        tmp_path,
        """\
        | Who | Seats | Note |
        | :--- | ---: | :---: |
        | {{ persona.name|cell }} | 12 | x \\| y |
        """,
    )
    assert '<th style="text-align:left">Who</th>' in page
    assert '<th style="text-align:right">Seats</th>' in page
    assert '<th style="text-align:center">Note</th>' in page
    assert '<td style="text-align:left">Mallory &lt;script&gt;alert(1)&lt;/script&gt;</td>' in page
    assert '<td style="text-align:right">12</td>' in page
    assert '<td style="text-align:center">x | y</td>' in page  # an escaped pipe is text


class Balanced(HTMLParser):
    """Every non-void element is closed, in order."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def check(self, page: str) -> None:
        self.feed(page)
        self.close()
        assert not self.stack, self.stack


# --- custom templates, sandbox, errors -------------------------------------------------------


def test_custom_template_adds_a_team(workdir: Path) -> None:
    write(
        workdir / "templates",
        "finance.md.j2",
        """\
        {% include "_header.md.j2" %}

        ## Budget owner
        {{ persona.decision.committee_role|label }} / {{ gaps|length }} gaps
        {{ today|date("iso") }}
        """,
    )
    teams = cli("render", "--list-teams", cwd=workdir)
    assert "finance" in teams.stdout and "templates/finance.md.j2" in teams.stdout
    result = cli(
        "render", "--team", "finance", "cfo-mid-market", "--now", "2026-11-22", cwd=workdir
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Finance briefing: Payback Paul, CFO\n")
    assert "economic buyer (signs the budget) / 0 gaps\n2026-11-22" in result.stdout
    out = workdir / "out"
    assert cli("render", "--team", "all", "--out", out, cwd=workdir).exit_code == 0
    assert (out / "finance" / "README.md").exists()


def test_custom_template_overrides_a_builtin(workdir: Path) -> None:
    write(workdir / "custom", "sales.md.j2", "Custom for {{ persona.name }}\n")
    result = cli(
        "render", "--team", "sales", "vp-engineering", "--templates", workdir / "custom",
        cwd=workdir,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Custom for Velocity Vikram, VP Engineering\n"


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ persona.__class__ }}",
        "{{ persona.review.__class__.__subclasses__() }}",
        "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_sandbox_refuses_python_internals(workdir: Path, source: str) -> None:
    write(workdir / "templates", "sales.md.j2", f"line one\n{source}\n")
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith("persona: error: templates/sales.md.j2:2: unsafe template:")
    assert len(result.stderr.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('{{ "a" * 10**10 }}', "the template needs more than 2 GiB of memory"),
        ("{{ (persona.name ~ ' ') * 10**10 }}", "the template needs more than 2 GiB of memory"),
        ("{{ 10 ** 100000000 }}", "unsafe template: 10 ** 100000000 is too large a number"),
    ],
)
def test_a_template_cannot_exhaust_memory(workdir: Path, source: str, message: str) -> None:
    import resource
    import signal

    limit, handler = resource.getrlimit(resource.RLIMIT_AS), signal.getsignal(signal.SIGALRM)
    write(workdir / "templates", "sales.md.j2", f"line one\n{source}\n")
    out = workdir / "out"
    result = cli("render", "--team", "sales", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"persona: error: templates/sales.md.j2:2: {message}")
    assert not out.exists()
    # The limits hold only while rendering.
    assert resource.getrlimit(resource.RLIMIT_AS) == limit
    assert signal.getsignal(signal.SIGALRM) == handler


def test_a_template_that_runs_too_long_stops_in_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked workers inherit the limit: a loop of loops stops after TEMPLATE_SECONDS."""
    from persona_cli.verbs.render import limits

    monkeypatch.setattr(limits, "TEMPLATE_SECONDS", 0.5)
    many_personas(tmp_path / "personas", copies=8)  # 56 personas: rendered by forked workers
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    write(tmp_path / "templates", "slow.md.j2", f"# {{{{ persona.name }}}}\n{loop}\n")
    out = tmp_path / "out"
    result = cli("render", "--team", "slow", "--out", out, "personas", cwd=tmp_path)
    assert result.exit_code == 2
    assert "templates/slow.md.j2:2: the template ran for more than 0.5 s on one briefing" in (
        result.stderr
    )
    assert not out.exists()


def test_the_dict_shortcut_answers_as_the_sandbox_does() -> None:
    """`persona.name` on a plain dict skips the sandbox's failing attribute lookup; every
    answer must be the one Jinja's own sandbox gives, dict methods and internals included."""
    from jinja2 import StrictUndefined, Undefined
    from jinja2.sandbox import SandboxedEnvironment

    from persona_cli.verbs.render.environment import environment

    ours, theirs = environment(None), SandboxedEnvironment(undefined=StrictUndefined)
    data = {"name": "Carla", "items": "shadowed", "__class__": "shadowed", "": 1}
    for obj in (data, {}, ["a"], "text", 3):
        for name in ("name", "items", "get", "missing", "__class__", "__init__", "", "mro"):
            mine, jinja = ours.getattr(obj, name), theirs.getattr(obj, name)
            if isinstance(jinja, Undefined):
                assert isinstance(mine, Undefined), (obj, name)
                assert mine._undefined_name == jinja._undefined_name
            else:
                assert mine == jinja, (obj, name)


def test_syntax_error_names_file_and_line_and_writes_nothing(workdir: Path) -> None:
    out = workdir / "out"
    assert cli("render", "--team", "all", "--out", out, cwd=workdir).exit_code == 0
    before = {name: (out / name).read_bytes() for name in files_under(out)}
    write(workdir / "templates", "sales.md.j2", "# {{ persona.name }}\n\n{% if persona.name %}\n")
    result = cli("render", "--team", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith("persona: error: templates/sales.md.j2:3: ")
    assert "no files were written" in result.stderr
    assert {name: (out / name).read_bytes() for name in files_under(out)} == before


def test_undefined_name_names_file_line_and_name(workdir: Path) -> None:
    write(workdir / "templates", "product.md.j2", "ok\n\n{{ persona.lenses.product.foo }}\n")
    out = workdir / "out"
    result = cli("render", "--team", "all", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert result.stderr.startswith("persona: error: templates/product.md.j2:3: ")
    assert "'foo'" in result.stderr
    assert not out.exists()
    write(workdir / "templates", "product.md.j2", "{{ nothing_here }}\n")
    missing = cli("render", "--team", "product", "--out", out, cwd=workdir)
    assert missing.exit_code == 2
    assert "templates/product.md.j2:1: 'nothing_here' is undefined" in missing.stderr


def test_known_but_missing_fields_are_empty_not_errors(tmp_personas: Path) -> None:
    write(tmp_personas, "empty-buyer.yaml", EMPTY)
    custom = tmp_personas.parent / "custom"
    write(
        custom,
        "probe.md.j2",
        "[{{ persona.lenses.sales.hesitation_triggers|length }}]"
        "[{{ persona.whole_person.trust }}][{{ persona.review.interval_days }}]\n",
    )
    result = cli(
        "render", "--team", "probe", "empty-buyer", "--templates", custom,
        cwd=tmp_personas.parent,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "[0][][180]\n"


def test_team_names_and_ids_cannot_escape_the_output_folder(workdir: Path) -> None:
    out = workdir / "nested" / "out"
    for team in ("../x", "..", "sales/../../x", "/tmp/x", "Sales"):
        result = cli("render", "--team", team, "--out", out, cwd=workdir)
        assert result.exit_code == 2, team
    # A template file whose name is not a slug is not a team.
    write(workdir / "templates", "Bad Name.md.j2", "x\n")
    assert "Bad Name" not in cli("render", "--list-teams", cwd=workdir).stdout
    # An id with a slash is a path, and a path that does not exist is an error.
    result = cli("render", "--team", "sales", "../ciso-risk-averse", "--out", out, cwd=workdir)
    assert result.exit_code == 2
    assert not (workdir / "nested").exists()
    assert sorted(p.name for p in workdir.iterdir()) == ["personas", "templates"]


# --- --check --------------------------------------------------------------------------------


def test_check_exit_codes(workdir: Path) -> None:
    out = workdir / "briefings"
    args = ("render", "--team", "all", "--out", out, "--now", "2026-11-22")
    missing = cli(*args, "--check", cwd=workdir)
    assert missing.exit_code == 1
    assert "briefings/sales/ciso-risk-averse.md (missing)" in missing.stderr
    assert not out.exists()
    assert cli(*args, cwd=workdir).exit_code == 0
    clean = cli(*args, "--check", cwd=workdir)
    assert clean.exit_code == 0, clean.stderr
    (out / "product" / "platform-engineer.md").write_text("edited by hand\n", "utf-8")
    stale = cli(*args, "--check", cwd=workdir)
    assert stale.exit_code == 1
    # Edited by hand: the write would refuse to replace it without --force, and says so.
    assert "briefings/product/platform-engineer.md: edited since persona-cli wrote it" in (
        stale.stderr
    )
    assert "1 of 35 briefing files would change" in stale.stderr
    assert "with --force" in stale.stderr
    assert (out / "product" / "platform-engineer.md").read_text("utf-8") == "edited by hand\n"
    forced = cli(*args, "--check", "--force", cwd=workdir)
    assert "briefings/product/platform-engineer.md (out of date)" in forced.stderr
    # A different --now changes the generation date: every file is out of date.
    assert cli(*args[:-1], "2026-11-23", "--check", cwd=workdir).exit_code == 1
    assert cli("render", "--team", "all", "--check", cwd=workdir).exit_code == 2


def test_no_temp_files_left_behind(workdir: Path) -> None:
    out = workdir / "out"
    assert cli("render", "--team", "all", "--out", out, cwd=workdir).exit_code == 0
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    mode = (out / "sales" / "README.md").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


# --- freshness inside git ----------------------------------------------------------------


def test_header_shows_git_age_inside_a_repository(workdir: Path) -> None:
    init_repo(workdir, commit="add", date="2026-11-01T12:00:00+00:00")
    args = ("render", "--team", "overview", "platform-engineer", "--now", "2026-11-22")
    result = cli(*args, cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert "- **Freshness:** fresh: refreshed 12 days ago" in result.stdout
    assert "Freshness" not in cli(*args, "--no-age", cwd=workdir).stdout


def test_writing_reports_counts_and_leaves_unchanged_files(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES, run_persona

    out = tmp_path / "out"
    args = ("render", "--team", "sales", "--no-age", "--out", out, EXAMPLES / "personas")
    first = run_persona(*args, cwd=tmp_path)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == "Wrote 6 of 6 briefing files for 1 team to out/ (0 unchanged).\n"
    briefing = out / "sales" / "ciso-risk-averse.md"
    stamp = briefing.stat().st_mtime_ns
    again = run_persona(*args, cwd=tmp_path)
    assert again.stdout == "Wrote 0 of 6 briefing files for 1 team to out/ (6 unchanged).\n"
    assert briefing.stat().st_mtime_ns == stamp


# --- writing: the output folder's locks, failures, long names --------------------------------


def many_personas(folder: Path, copies: int) -> None:
    """`copies` of every example persona, each with its own id and name (no `extends`)."""
    folder.mkdir(parents=True)
    for source in sorted((EXAMPLES / "personas").glob("*.yaml")):
        text = source.read_text("utf-8")
        old = re.search(r"^id: (\S+)$", text, re.MULTILINE)
        assert old is not None
        for index in range(copies):
            new = f"{old.group(1)}-{index}"
            body = text.replace(f"id: {old.group(1)}\n", f"id: {new}\n", 1)
            body = re.sub(r"^name: (.*)$", rf"name: \1 {index}", body, count=1, flags=re.M)
            body = re.sub(r"^extends: .*$", "", body, flags=re.MULTILINE)
            (folder / f"{new}.yaml").write_text(body, "utf-8")


def test_a_team_folder_linking_outside_the_output_folder_is_refused(workdir: Path) -> None:
    out, elsewhere = workdir / "out", workdir / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "sales").symlink_to(elsewhere, target_is_directory=True)
    result = cli("render", "--team", "sales", "--out", out, "personas", cwd=workdir)
    assert result.exit_code == 2
    assert "refusing to write sales/" in result.stderr
    assert "outside" in result.stderr
    assert list(elsewhere.iterdir()) == []


def test_a_briefing_file_linking_outside_the_output_folder_is_refused(workdir: Path) -> None:
    out = workdir / "out"
    (out / "sales").mkdir(parents=True)
    target = workdir / "notes.txt"
    target.write_text("keep me\n", "utf-8")
    (out / "sales" / "ciso-risk-averse.md").symlink_to(target)
    result = cli("render", "--team", "sales", "--out", out, "personas", cwd=workdir)
    assert result.exit_code == 2
    assert "ciso-risk-averse.md: it links outside" in result.stderr
    assert target.read_text("utf-8") == "keep me\n"
    assert sorted(p.name for p in (out / "sales").iterdir()) == ["ciso-risk-averse.md"]


def test_a_failed_write_leaves_no_temp_file_and_no_new_briefing(tmp_path: Path) -> None:
    """Files are staged by forked workers when there are many: a write that fails in one of
    them (here: a file-size limit, EFBIG) is an input error naming the file, and every temp
    file the others made is removed; nothing reaches the output folder."""
    import resource

    many_personas(tmp_path / "personas", copies=3)  # 21 personas: about 80 files, forked
    out = tmp_path / "out"

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = subprocess.run(
        [persona_bin(), "render", "--team", "all", "--out", "out", "personas"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=small_files,
    )
    assert proc.returncode == 2, proc.stderr
    message = r"persona: error: out/[a-z]+/[a-z0-9-]+\.md: cannot write briefings: File too large"
    assert re.match(message, proc.stderr), proc.stderr
    assert "Traceback" not in proc.stderr
    assert [p for p in out.rglob("*") if p.is_file()] == []


def test_a_long_id_still_gets_a_temp_file(workdir: Path) -> None:
    long_id = "a" * 240
    source = (workdir / "personas" / "ciso-risk-averse.yaml").read_text("utf-8")
    body = source.replace("id: ciso-risk-averse\n", f"id: {long_id}\n", 1)
    (workdir / "personas" / f"{long_id}.yaml").write_text(body, "utf-8")
    out = workdir / "out"
    result = cli("render", "--team", "overview", "--out", out, "personas", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert (out / "overview" / f"{long_id}.md").is_file()
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


# --- stale briefings: a persona that is gone leaves no briefing behind ----------------------


def test_check_and_prune_handle_the_briefing_of_a_deleted_persona(workdir: Path) -> None:
    out = workdir / "out"
    args = ("render", "--team", "all", "--out", out, "--now", "2026-11-22", "personas")
    assert cli(*args, cwd=workdir).exit_code == 0
    (workdir / "personas" / "platform-engineer.yaml").unlink()
    notes = out / "sales" / ".notes.md"  # hidden files and subfolders are not judged
    notes.write_text("mine\n", "utf-8")
    (out / "product" / "drafts").mkdir()
    (out / "product" / "drafts" / "x.md").write_text("mine\n", "utf-8")

    check = cli(*args, "--check", cwd=workdir)
    assert check.exit_code == 1
    assert "would remove out/product/platform-engineer.md (no persona is briefed here)" in (
        check.stderr
    )
    assert "stale files would be removed: run the same command without --check and with " in (
        check.stderr
    )

    written = cli(*args, cwd=workdir)
    assert written.exit_code == 0
    assert "out/overview/platform-engineer.md: no persona is briefed here any more; " in (
        written.stderr
    )
    assert (out / "product" / "platform-engineer.md").exists()  # kept until --prune

    pruned = cli(*args, "--prune", cwd=workdir)
    assert pruned.exit_code == 0, pruned.stderr
    assert "removed)" in pruned.stdout
    assert not list(out.glob("*/platform-engineer.md"))
    assert notes.read_text("utf-8") == "mine\n"
    assert (out / "product" / "drafts" / "x.md").exists()
    assert cli(*args, "--check", cwd=workdir).exit_code == 0


def test_a_partial_render_judges_no_file_stale(workdir: Path) -> None:
    """With ids or filters the set is partial: the other briefings are not stale."""
    out = workdir / "out"
    base = ("render", "--team", "sales", "--out", out, "--now", "2026-11-22")
    assert cli(*base, "personas", cwd=workdir).exit_code == 0
    before = files_under(out)
    for extra in (("ciso-risk-averse",), ("--kind", "user", "personas")):
        result = cli(*base, *extra, "--prune", cwd=workdir)
        assert result.exit_code == 0, result.stderr
        assert "removed" not in result.stdout
    assert set(before) <= set(files_under(out))


def test_prune_needs_out_and_is_not_for_check(workdir: Path) -> None:
    no_out = cli("render", "--team", "sales", "--prune", cwd=workdir)
    assert no_out.exit_code == 2
    assert "--prune" in no_out.stderr
    both = cli("render", "--team", "sales", "--out", "o", "--check", "--prune", cwd=workdir)
    assert both.exit_code == 2
    assert "drop --check" in both.stderr


def test_stale_committee_briefings_are_pruned_with_segment_all(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES

    work = tmp_path / "work"
    for folder in ("personas", "segments"):
        (work / folder).mkdir(parents=True)
        for source in (EXAMPLES / folder).glob("*.yaml"):
            (work / folder / source.name).write_text(source.read_text("utf-8"), "utf-8")
    example = next((work / "segments").glob("*.yaml"))
    old = re.sub(r"(?m)^id: .*$", "id: old-segment", example.read_text("utf-8"))
    (work / "segments" / "old-segment.yaml").write_text(old, "utf-8")
    out = work / "out"
    args = ("render", "--team", "sales", "--segment", "all", "--out", out, "personas", "segments")
    assert cli(*args, cwd=work).exit_code == 0
    gone = out / "sales" / "segments" / "old-segment.md"
    assert gone.is_file()
    (work / "segments" / "old-segment.yaml").unlink()  # the segment is gone: its briefing is stale
    check = cli(*args, "--check", cwd=work)
    assert check.exit_code == 1
    assert "would remove out/sales/segments/old-segment.md (no segment is briefed here)" in (
        check.stderr
    )
    assert cli(*args, "--prune", cwd=work).exit_code == 0
    assert not gone.exists()
    assert cli(*args, "--check", cwd=work).exit_code == 0


# --- compiled templates are cached between runs -------------------------------------------------


def test_compiled_templates_are_cached_and_change_nothing(
    workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.delenv("PERSONA_CLI_NO_CACHE", raising=False)
    args = ("render", "--team", "sales", "ciso-risk-averse", "--no-age")
    cold = cli(*args, cwd=workdir)
    assert cold.exit_code == 0, cold.stderr
    entries = sorted(cache.glob("persona-cli/templates/*/*.cache"))
    assert entries  # the team template and the partials it includes
    assert cli(*args, cwd=workdir).stdout == cold.stdout
    for entry in entries:  # a corrupt cache is recompiled, never an error
        entry.write_bytes(b"not bytecode")
    assert cli(*args, cwd=workdir).stdout == cold.stdout
    monkeypatch.setenv("PERSONA_CLI_NO_CACHE", "1")
    assert cli(*args, cwd=workdir).stdout == cold.stdout


def test_an_edited_template_is_compiled_again(
    workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    write(workdir / "templates", "finance.md.j2", "first {{ persona.id }}\n")
    args = ("render", "--team", "finance", "ciso-risk-averse", "--no-age")
    assert cli(*args, cwd=workdir).stdout == "first ciso-risk-averse\n"
    write(workdir / "templates", "finance.md.j2", "again {{ persona.id }}\n")
    assert cli(*args, cwd=workdir).stdout == "again ciso-risk-averse\n"


def test_an_unusable_cache_folder_is_skipped(
    workdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way\n", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    result = cli("render", "--team", "sales", "ciso-risk-averse", "--no-age", cwd=workdir)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Sales briefing: ")


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


def test_a_buyer_built_on_another_persona_is_a_seat_of_its_own(workdir: Path) -> None:
    """Only an individual profile is its persona seen closer: a buyer that `extends` another
    persona (and inherits its segment) sits in the committee beside it."""
    write(
        workdir / "personas",
        "ciso-deputy.yaml",
        """\
        schema_version: 1
        id: ciso-deputy
        name: Deputy Dana, Security Manager
        kind: buyer
        extends: ciso-risk-averse
        decision:
          committee_role: influencer
        """,
    )
    for ident, present in (("ciso-risk-averse", "Deputy Dana"), ("ciso-deputy", "Cautious Carla")):
        result = cli("render", "--team", "sales", ident, cwd=workdir)
        assert result.exit_code == 0, result.stderr
        committee = result.stdout.split("## The buying committee")[1].split("\n---\n")[0]
        assert present in committee, committee


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
    init_repo(workdir, commit="personas", date="2026-09-01T12:00:00+00:00")
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
    assert "personas/dana.yaml:7:3: Y002 duplicate key 'fears'" in result.stderr
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
    assert "- When a check fails, they want to fix it, so that the audit passes.\n" in product
    marketing = cli("render", "--team", "marketing", "dot", cwd=tmp_path).stdout
    # Items are listed under a sentence, never spliced after its colon.
    assert "- Lead with the proof they ask for:\n  - A pilot.\n" in marketing
    assert "- Don't promise what they will not accept:\n  - No SSO.\n" in marketing
    assert "Doing nothing." in marketing
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


# --- presentation of imported text ----------------------------------------------------------

PARAGRAPHS_AND_JOBS = """\
schema_version: 1
id: ops-lead
name: Ops Lead
kind: user
summary: |-
  Runs the floor
  every single day.

  Second paragraph here.
jobs_to_be_done:
  - want: 'Manage, coordinate, and facilitate the weekly plan.'
  - want: I want to see every open ticket
    so_that: nothing slips
  - want: to close the month on time
  - when: the quarter closes
    want: I am the one who signs off
"""


def test_summary_paragraphs_and_job_statements_read_as_written(tmp_personas: Path) -> None:
    write(tmp_personas, "ops-lead.yaml", PARAGRAPHS_AND_JOBS)
    overview = cli("render", "--team", "overview", "ops-lead", cwd=tmp_personas.parent)
    assert overview.exit_code == 0, overview.stderr
    assert "Runs the floor every single day.\n\nSecond paragraph here.\n" in overview.stdout
    product = cli("render", "--team", "product", "ops-lead", cwd=tmp_personas.parent)
    assert product.exit_code == 0, product.stderr
    section = product.stdout.split("## The jobs they hire the product for\n", 1)[1]
    jobs = [line for line in section.splitlines() if line.startswith("- ")][:4]
    assert jobs == [
        "- Manage, coordinate, and facilitate the weekly plan.",
        "- “I want to see every open ticket, so that nothing slips.”",
        "- They want to close the month on time.",
        "- “When the quarter closes: I am the one who signs off.”",
    ]
    out = tmp_personas.parent / "html"
    page = cli(
        "render", "--team", "overview", "--format", "html", "--out", out, cwd=tmp_personas.parent
    )
    assert page.exit_code == 0, page.stderr
    html = (out / "overview" / "ops-lead.html").read_text("utf-8")
    assert "<p>Runs the floor every single day.</p>\n<p>Second paragraph here.</p>" in html


def test_channels_grouped_by_priority_are_not_called_journey_stages(tmp_personas: Path) -> None:
    channels = (
        "influences:\n  channels:\n"
        "    - {channel: Podcasts, stage: Tertiary}\n"
        "    - {channel: LinkedIn, stage: Primary}\n"
        "    - {channel: Podcasts, stage: Decision}\n"
        "    - {channel: Blogs}\n"
    )
    write(tmp_personas, "pod.yaml", EMPTY.replace("empty-buyer", "pod") + channels)
    result = cli("render", "--team", "marketing", "pod", cwd=tmp_personas.parent)
    assert result.exit_code == 0, result.stderr
    section = result.stdout.split("## Where they learn\n\n", 1)[1].split("\n\n---", 1)[0]
    assert section.splitlines() == [
        "As the research groups them:",
        "",
        "- **Tertiary:** Podcasts",
        "- **Primary:** LinkedIn",
        "- **Decision:** Podcasts",
        "- **Other channels:** Blogs",
    ]
    journey = channels.replace("Tertiary", "awareness").replace("Primary", "consideration")
    write(tmp_personas, "pod.yaml", EMPTY.replace("empty-buyer", "pod") + journey)
    staged = cli("render", "--team", "marketing", "pod", cwd=tmp_personas.parent)
    assert "At each stage of their journey:\n" in staged.stdout
    assert "- **At any stage:** Blogs" in staged.stdout
