"""Source readers of `persona import`: Markdown page, Markdown file, Markdown table, CSV, HTML.

Small fixtures of our own cover each format's quirks (wrapped items, nested bullets, numbered
lists after a bold label, entities, label variants, placeholders, empty cells, `;` and
newline lists, page chrome); the real published sets, when present beside the checkout, are
read whole and checked for the exact personas they hold.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from persona_cli.verbs.importing.document import Reader, SourceError, SourcePersona
from persona_cli.verbs.importing.readers import (
    csv_,
    html,
    markdown_file,
    markdown_page,
    markdown_table,
)
from tests.conftest import SHARED_DATA, require_shared_data

REAL = SHARED_DATA / "real-personas"
READERS: dict[str, Reader] = {
    "markdown-page": markdown_page.READER,
    "markdown-file": markdown_file.READER,
    "markdown-table": markdown_table.READER,
    "csv": csv_.READER,
    "html": html.READER,
}


def write(tmp_path: Path, name: str, text: str) -> tuple[Path, str]:
    path = tmp_path / name
    body = textwrap.dedent(text).lstrip("\n")
    path.write_text(body, encoding="utf-8")
    return path, body


def line(text: str, needle: str) -> int:
    """The 1-based line of `needle`'s first occurrence in a fixture, as `write` saves it."""
    body = textwrap.dedent(text).lstrip("\n")
    return body[: body.index(needle)].count("\n") + 1


def read(reader: Reader, tmp_path: Path, name: str, text: str) -> list[SourcePersona]:
    path, body = write(tmp_path, name, text)
    assert reader.detects(path, body), f"{reader.name} should detect {name}"
    return reader.read(path, body)


def sections(persona: SourcePersona) -> dict[str, list[str]]:
    """Label -> statement texts; a label that repeats gets its statements appended."""
    found: dict[str, list[str]] = {}
    for section in persona.sections:
        found.setdefault(section.label, []).extend(s.text for s in section.statements)
    return found


def statements(persona: SourcePersona) -> Iterator[str]:
    for section in persona.sections:
        for statement in section.statements:
            yield statement.text


def assert_plain(personas: list[SourcePersona]) -> None:
    """No markup, entity or stray whitespace survives into a statement, label or name."""
    for persona in personas:
        texts = [persona.name, *statements(persona), *(s.label for s in persona.sections)]
        for text in texts:
            for leftover in ("**", "<br", "&bull;", "&amp;", "&rsquo;", "&nbsp;", "\t", "\n"):
                assert leftover not in text, (persona.name, text)
            assert text == text.strip(), (persona.name, text)
            assert "  " not in text, (persona.name, text)


# --- markdown-page --------------------------------------------------------------------------

BUYER_PAGE = """
---
title: "Buyer Personas"
---

### How we sell

How we sell, and to whom.

#### Writing for all personas

- Use our voice.

#### Overall recommendations

- Build persona-lized journeys.

---

### Tech Exec Tina

![tina](/images/tina.png)

- **Job To Be Done:**

  - Lead the technology *vision* for the [organization](https://example.com)

- **Summary:**
  - I'm motivated by change &amp; growth
  - My biggest challenges are:

    - Silos
    - Speed

- **Potential Titles:**

  - CIO/ CTO / VP

- **Purchasing Roles:**

1. Influencer
1. Decision-maker

- **Recommended Buyer's Journey**

  - Awareness: Round tables, `case studies`
  - Internal Influencers: Testing / PMs / Platform
Engineers / C-Suite

---

### Ops Oscar

- **Job To Be Done:**
  - Keep the lights on
- **Summary:**
  - I like automation
- **Purchasing Role:**

  1. Decision-maker
  1. User

---

### Enablement Artifacts

- [Slides](https://example.com/slides)
- Slack channel: #buyer-personas
"""


def test_markdown_page_bold_label_personas(tmp_path: Path) -> None:
    personas = read(markdown_page.READER, tmp_path, "buyers.md", BUYER_PAGE)
    assert [p.name for p in personas] == ["Tech Exec Tina", "Ops Oscar"]
    tina, oscar = personas
    assert {p.kind_hint for p in personas} == {"buyer"}
    assert {p.format for p in personas} == {"markdown-page"}
    assert sections(tina) == {
        "Job To Be Done": ["Lead the technology vision for the organization (https://example.com)"],
        "Summary": [
            "I'm motivated by change & growth",
            "My biggest challenges are:",
            "Silos",
            "Speed",
        ],
        "Potential Titles": ["CIO/ CTO / VP"],
        # The numbered list sits at the top level, after the bold label: it is the label's.
        "Purchasing Roles": ["Influencer", "Decision-maker"],
        # No colon, but a nested list follows: a label; the wrapped line joins its item.
        "Recommended Buyer's Journey": [
            "Awareness: Round tables, case studies",
            "Internal Influencers: Testing / PMs / Platform Engineers / C-Suite",
        ],
    }
    assert sections(oscar)["Purchasing Role"] == ["Decision-maker", "User"]
    assert tina.location.line == line(BUYER_PAGE, "### Tech Exec Tina")
    assert tina.location.pointer == "### Tech Exec Tina"
    titles = next(s for s in tina.sections if s.label == "Potential Titles")
    assert titles.location.line == line(BUYER_PAGE, "- **Potential Titles:**")
    assert titles.location.pointer == "- **Potential Titles:**"
    assert titles.statements[0].location.line == line(BUYER_PAGE, "  - CIO/ CTO")
    assert_plain(personas)


def test_markdown_page_warns_of_skipped_headings(tmp_path: Path) -> None:
    tina, oscar = read(markdown_page.READER, tmp_path, "buyers.md", BUYER_PAGE)
    assert len(tina.warnings) == 1
    at = line(BUYER_PAGE, "### How we sell")
    assert f"buyers.md:{at}: skipped '### How we sell'" in tina.warnings[0]
    # Two sections of its own, but none a persona has.
    assert "(Writing for all personas, Overall recommendations) are none" in tina.warnings[0]
    assert len(oscar.warnings) == 1
    assert "skipped '### Enablement Artifacts'" in oscar.warnings[0]
    assert "no labelled sections" in oscar.warnings[0]


USER_PAGE = """
---
title: Personas
---

## Personas

### User personas

#### How do user personas interact?

We also consider archetypes.

##### Organizational Archetype

Archetypes describe organisations.

#### Parker (Product Manager)

- **Alternative Job Titles:** Program Manager, Head of Product

##### Job Summary

I shape the vision. I translate it into
plans.

##### Motivations

- When I plan, I want clear requirements, so I can deliver.
- **Taking Products to Launch:** the process excites me.

##### Frustrations

- Being stuck in a "Project, Not Product" role

<figure class="video_container">
<iframe src="https://example.com/embed" frameborder="0"></iframe>
</figure>

#### Allison (Application Ops)

**Alternative Job Titles:** DevOps engineer, Lead developer

##### Jobs to be done

- I want to deploy automatically.

##### Frustrations

- I'm frustrated when my apps don't report.
- Logging tools
  - Elastic Stack
  - Sentry

### Internal personas

#### List of internal personas

  1. [Eddie, Content Editor](#eddie-content-editor)

#### Eddie (Content Editor)

- **Alternative job titles:** Content Marketer

##### Motivations

- When I edit, I want to find pages quickly.

##### Frustrations

- It's hard to find where content lives.
"""


def test_markdown_page_heading_personas(tmp_path: Path) -> None:
    personas = read(markdown_page.READER, tmp_path, "users.md", USER_PAGE)
    assert [(p.name, p.kind_hint) for p in personas] == [
        ("Parker", "user"),
        ("Allison", "user"),
        ("Eddie", "internal"),
    ]
    parker, allison, eddie = personas
    assert sections(parker) == {
        "Role": ["Product Manager"],
        "Alternative Job Titles": ["Program Manager, Head of Product"],
        "Job Summary": ["I shape the vision. I translate it into plans."],
        # Under a heading, a bold label is part of the statement, not a label of its own.
        "Motivations": [
            "When I plan, I want clear requirements, so I can deliver.",
            "Taking Products to Launch: the process excites me.",
        ],
        # The iframe's figure holds no text: not a statement.
        "Frustrations": ['Being stuck in a "Project, Not Product" role'],
    }
    assert [s.label for s in parker.sections][:2] == ["Role", "Alternative Job Titles"]
    assert parker.sections[0].location.pointer == "#### Parker (Product Manager)"
    assert sections(allison)["Alternative Job Titles"] == ["DevOps engineer, Lead developer"]
    # Nested items under a plain item: statements of the same label.
    assert sections(allison)["Frustrations"] == [
        "I'm frustrated when my apps don't report.",
        "Logging tools",
        "Elastic Stack",
        "Sentry",
    ]
    assert sections(eddie)["Alternative job titles"] == ["Content Marketer"]
    skipped = [w for p in personas for w in p.warnings]
    assert len(skipped) == 2
    assert "'#### How do user personas interact?'" in skipped[0]
    assert "personas in the plural" in skipped[0]
    assert "'#### List of internal personas'" in skipped[1]
    assert all("Organizational Archetype" not in s for p in personas for s in statements(p))
    assert_plain(personas)


def test_markdown_page_intro_and_description(tmp_path: Path) -> None:
    text = """
    # Team personas

    ## Dana Developer

    Dana writes *code* all day.

    Dana likes tea.

    ### Description

    A developer.

    ### Goals

    - Ship

    ## Olga Ops

    ### Goals

    - Sleep
    """
    dana, olga = read(markdown_page.READER, tmp_path, "team.md", text)
    assert dana.kind_hint is None
    assert sections(dana) == {
        "": ["Dana writes code all day.", "Dana likes tea."],
        "Description": ["A developer."],
        "Goals": ["Ship"],
    }
    assert dana.sections[0].location.pointer == "## Dana Developer"
    assert sections(olga) == {"Goals": ["Sleep"]}


def test_markdown_page_bold_label_lines(tmp_path: Path) -> None:
    """Bold labels on consecutive lines of one paragraph are labels each; a wrapped line
    continues its label's text; bold text without a colon is a label only over a list."""
    text = """
    ## Ada Admin

    **Role:** Administrator
    **Goals:** Keep uptime high and
    the pager quiet

    **Age 34**

    **Tools**

    - Terraform

    ## Bo Builder

    **Role:** Developer
    **Goals:** Ship
    """
    ada, bo = read(markdown_page.READER, tmp_path, "team.md", text)
    assert sections(ada) == {
        "Role": ["Administrator"],
        "Goals": ["Keep uptime high and the pager quiet", "Age 34"],
        "Tools": ["Terraform"],
    }
    goals = next(s for s in ada.sections if s.label == "Goals")
    assert goals.location.line == line(text, "**Goals:** Keep")
    assert [s.location.line for s in goals.statements] == [
        line(text, "**Goals:** Keep"),
        line(text, "**Age 34**"),
    ]
    assert sections(bo) == {"Role": ["Developer"], "Goals": ["Ship"]}


def test_markdown_page_one_persona_page(tmp_path: Path) -> None:
    text = """
    # Alice Analyst

    ## Goals

    - Clean data

    ## Frustrations

    - Dirty data
    """
    (alice,) = read(markdown_page.READER, tmp_path, "alice.md", text)
    assert alice.name == "Alice Analyst"
    assert sections(alice) == {"Goals": ["Clean data"], "Frustrations": ["Dirty data"]}


def test_markdown_page_without_personas_says_what_to_do(tmp_path: Path) -> None:
    path, text = write(
        tmp_path,
        "notes.md",
        """
        Some intro.

        ## Meeting notes

        - We met.

        ## Next steps

        - Meet again.
        """,
    )
    assert markdown_page.READER.detects(path, text)
    with pytest.raises(SourceError) as raised:
        markdown_page.READER.read(path, text)
    assert raised.value.line == 3
    assert "no personas found" in raised.value.message
    assert "--from" in raised.value.message
    assert str(raised.value).startswith(f"{path}:3: ")


# --- markdown-file --------------------------------------------------------------------------

PERSONA_FILE = """
---
layout: personas
title: Designer Darcy
description:
excerpt: Designs for everyone
sidenav: docs
img: designer-darcy.png
categories:
  - Accessibility
roles:
  - Content designer
  - UX designer
---

Darcy is a *fantastic* designer.\x20\x20\x20

They work outside.

## Goals
* Finding inclusive tools
* Understanding checkpoints

## Pain points
Information architecture that doesn't help\x20\x20\x20
"""


def test_markdown_file_front_matter_and_body(tmp_path: Path) -> None:
    (darcy,) = read(markdown_file.READER, tmp_path, "designer-darcy.md", PERSONA_FILE)
    assert darcy.name == "Designer Darcy"
    assert darcy.format == "markdown-file"
    assert darcy.location.line == 3
    assert sections(darcy) == {
        "excerpt": ["Designs for everyone"],
        "roles": ["Content designer", "UX designer"],
        "": ["Darcy is a fantastic designer.", "They work outside."],
        "Goals": ["Finding inclusive tools", "Understanding checkpoints"],
        "Pain points": ["Information architecture that doesn't help"],
    }
    roles = next(s for s in darcy.sections if s.label == "roles")
    assert roles.location.line == line(PERSONA_FILE, "roles:")
    assert [s.location.line for s in roles.statements] == [
        line(PERSONA_FILE, "  - Content designer"),
        line(PERSONA_FILE, "  - UX designer"),
    ]
    goals = next(s for s in darcy.sections if s.label == "Goals")
    assert goals.location.line == line(PERSONA_FILE, "## Goals")
    assert goals.statements[1].location.line == line(PERSONA_FILE, "* Understanding")
    assert_plain([darcy])


def test_markdown_file_hints_and_name_heading(tmp_path: Path) -> None:
    text = """
    ---
    name: Remote Raz
    id: remote-raz
    kind: individual
    profile:
      age: 34
      tools: [laptop, phone]
    ---

    # Remote Raz

    Raz works from a campsite.
    """
    (raz,) = read(markdown_file.READER, tmp_path, "raz.md", text)
    assert (raz.name, raz.id_hint, raz.kind_hint) == ("Remote Raz", "remote-raz", "individual")
    assert sections(raz) == {
        "profile.age": ["34"],
        "profile.tools": ["laptop", "phone"],
        "": ["Raz works from a campsite."],
    }


def test_markdown_file_with_bold_labels_in_sections_is_one_persona(tmp_path: Path) -> None:
    """Sections that share bold labels look like personas to a page split; named like
    sections, they are not, so the file stays one persona."""
    text = """
    ---
    title: Cost Cara
    ---

    ## Goals

    - **Speed:** ship weekly
    - **Cost:** halve the bill

    ## Pain points

    - **Speed:** slow reviews
    - **Cost:** idle machines
    """
    path, body = write(tmp_path, "cara.md", text)
    assert {n for n, r in READERS.items() if r.detects(path, body)} == {"markdown-file"}
    (cara,) = markdown_file.READER.read(path, body)
    assert sections(cara) == {
        "Goals": ["Speed: ship weekly", "Cost: halve the bill"],
        "Pain points": ["Speed: slow reviews", "Cost: idle machines"],
    }


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\ntitle: [unclosed\n---\n\nBody\n", 2, "front matter"),
        ("---\nlayout: personas\n---\n\nBody only\n", 1, "no name"),
    ],
)
def test_markdown_file_errors(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    assert not markdown_file.READER.detects(path, text)
    with pytest.raises(SourceError) as raised:
        markdown_file.READER.read(path, text)
    assert raised.value.line == line
    assert words in raised.value.message


def test_markdown_file_without_front_matter_says_what_to_do(tmp_path: Path) -> None:
    path, text = write(tmp_path, "plain.md", "## Goals\n\n- Ship\n")
    with pytest.raises(SourceError) as raised:
        markdown_file.READER.read(path, text)
    assert raised.value.line == 1
    assert "front matter" in raised.value.message


# --- markdown-table -------------------------------------------------------------------------

# Built from pieces: a table row is one line, and the quirks include trailing spaces.
TABLE_PAGE = "\n".join(
    [
        "### Personas",
        "",
        "From [the board](https://example.com).",
        "",
        "| Persona  | Behaviors &amp; Actions | Needs and Pain points | ",
        "|---|---|---|",
        "| Journalists  | &bull; Contacts **organizations**<br>&bull; Works with spreadsheets"
        "<br>&bull;  | Finding data<br>&bull;  Deadline pressures<br>&bull;   |",
        "| Think Tank Researcher |\tSets the agenda<br>&bull; Sends calls | |",
        "| OMB Manager | B | N |",
        "| Agency Chief | B | N |",
        "",
    ]
)


def test_markdown_table_rows(tmp_path: Path) -> None:
    personas = read(markdown_table.READER, tmp_path, "personas.md", TABLE_PAGE)
    assert [p.name for p in personas] == [
        "Journalists",
        "Think Tank Researcher",
        "OMB Manager",
        "Agency Chief",
    ]
    journalists, researcher, omb, chief = personas
    assert sections(journalists) == {
        "Behaviors & Actions": ["Contacts organizations", "Works with spreadsheets"],
        "Needs and Pain points": ["Finding data", "Deadline pressures"],
    }
    # The tab before a cell and the empty last cell leave nothing behind.
    assert sections(researcher) == {"Behaviors & Actions": ["Sets the agenda", "Sends calls"]}
    assert journalists.location.line == line(TABLE_PAGE, "| Journalists")
    assert journalists.location.pointer == "row 1"
    assert journalists.sections[1].location.pointer == "row 1, Needs and Pain points"
    assert [p.placeholder for p in personas] == [False, False, True, True]
    assert "placeholder" in omb.warnings[0]
    assert "B, N" in omb.warnings[0]
    assert not journalists.warnings
    assert chief.kind_hint is None
    assert_plain(personas)


def test_markdown_table_first_column_is_the_name_without_a_name_header(tmp_path: Path) -> None:
    text = """
    # Buyer Personas

    | Who | Goals |
    |-----|-------|
    | Ada | Ship<br>Sleep |
    """
    (ada,) = read(markdown_table.READER, tmp_path, "table.md", text)
    assert (ada.name, ada.kind_hint) == ("Ada", "buyer")
    assert sections(ada) == {"Goals": ["Ship", "Sleep"]}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# Personas\n\n| Name | Goals |\n|---|---|\n", 3, "no persona rows"),
        ("| Name | Goals |\n|---|---|\n| Ada | Ship |\n|  | Orphan goal |\n", 4, "no name"),
        ("# Personas\n\nNo table here.\n", 1, "no table"),
    ],
)
def test_markdown_table_errors(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "table.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        markdown_table.READER.read(path, text)
    assert raised.value.line == line
    assert words in raised.value.message


# --- csv ------------------------------------------------------------------------------------

CSV = (
    "id,Persona,Goals,Pain points,Tools\n"
    'ada,Ada Admin,"Keep uptime; sleep well","Pager noise\n- Flaky alerts\n",\n'
    "\n"
    "bo,Bo Builder,Ship fast,,git;  ;make\n"
    "cy,Cy,B,D,N\n"
    "di,Di Dev,Tom &amp; Jerry,,\n"
)


def test_csv_rows_and_cell_lists(tmp_path: Path) -> None:
    path = tmp_path / "personas.csv"
    path.write_text(CSV, encoding="utf-8")
    assert csv_.READER.detects(path, CSV)
    personas = csv_.READER.read(path, CSV)
    assert [(p.name, p.id_hint) for p in personas] == [
        ("Ada Admin", "ada"),
        ("Bo Builder", "bo"),
        ("Cy", "cy"),
        ("Di Dev", "di"),
    ]
    ada, bo, cy, di = personas
    assert sections(ada) == {
        "Goals": ["Keep uptime", "sleep well"],
        "Pain points": ["Pager noise", "Flaky alerts"],
    }
    assert sections(bo) == {"Goals": ["Ship fast"], "Tools": ["git", "make"]}
    assert sections(di) == {"Goals": ["Tom & Jerry"]}
    assert [p.location.line for p in personas] == [2, 6, 7, 8]
    assert bo.location.pointer == "row 2"
    assert bo.sections[1].location.pointer == "row 2, Tools"
    assert cy.placeholder and not ada.placeholder
    assert {p.format for p in personas} == {"csv"}
    assert_plain(personas)


def test_csv_tab_separated_keeps_semicolons_splitting(tmp_path: Path) -> None:
    text = "Name\tGoals\nAda\tShip; sleep\n"
    path = tmp_path / "personas.tsv"
    path.write_text(text, encoding="utf-8")
    (ada,) = csv_.READER.read(path, text)
    assert sections(ada) == {"Goals": ["Ship", "sleep"]}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name,goals\n", 1, "header row but no persona rows"),
        ("\n\nname,goals\n\n", 3, "header row but no persona rows"),
        ("", 1, "empty"),
        ("name,goals\nAda,Ship\n,Orphan\n", 3, "row 2 has no name in column 'name'"),
    ],
)
def test_csv_errors(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "personas.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        csv_.READER.read(path, text)
    assert raised.value.line == line
    assert words in raised.value.message


NOT_A_GRID = [
    ("table.md", "| Name | Goals |\n|---|---|\n| Ada | Ship, sleep |\n", "not a header row"),
    ("finops.yml", "- identifier: finops\n  name: FinOps, the practice\n", "not a header row"),
    ("letter.txt", "Dear team, here are our notes.\nWe met Alice, Bob.\n", "column names"),
    ("page.md", "### Personas\n\nThis table, from a board, holds them.\n", "not a header row"),
    ("wide.csv", "name,goals\nAda,Ship,extra\n", "row 1 has 3 cells, the header 2 columns"),
]


@pytest.mark.parametrize(("name", "text", "words"), NOT_A_GRID, ids=[g[0] for g in NOT_A_GRID])
def test_csv_refuses_text_that_is_not_a_grid_even_when_forced(
    tmp_path: Path, name: str, text: str, words: str
) -> None:
    path, text = write(tmp_path, name, text)
    with pytest.raises(SourceError) as raised:
        csv_.READER.read(path, text)
    assert raised.value.message.startswith("not a CSV table: ")
    assert words in raised.value.message
    assert "--from FORMAT" in raised.value.message


# --- html -----------------------------------------------------------------------------------

HTML_PAGE = """
<!DOCTYPE html>
<html lang="en-US">
  <head><title>Designer Darcy | Example Site</title><script>var x = "<p>no</p>";</script></head>
  <body>
    <a class="usa-skipnav" href="#main">Skip to main content</a>
    <section class="usa-banner">An official website</section>
    <header class="usa-header usa-header--extended">
      <nav class="usa-nav"><ul><li>About</li></ul></nav>
    </header>
    <aside>Aside text</aside>
    <main id="main" ="">
      <div id="breadcrumbs">
        <nav class="usa-breadcrumb"><ol><li>Home</li><li>Personas</li></ol></nav>
      </div>
      <div class="usa-layout-docs__sidenav">
        <ul class="usa-sidenav">
          <li><a href="/a">Accessibility Avery</a></li><li><a href="/d">Designer Darcy</a></li>
        </ul>
      </div>
      <img src="darcy.png" alt="Headshot of Designer Darcy">
      <h1>Designer Darcy</h1>
      <p>Darcy is a <em>fantastic</em>
         designer.</p>
      <p>They work outside&nbsp;in the sun.</p>
      <h2 id="goals">
          Goals <a href="#goals" class="anchor-link"><span aria-hidden='true'>
            <svg class='usa-icon'><use xlink:href='#link'></use></svg>
          </span><span class='sr-only'>Anchor link</span></a>
      </h2>
      <ul>
        <li>Finding tools &amp; techniques</li>
        <li>Checkpoints<ul><li>Early</li><li>Late</li></ul></li>
      </ul>
      <h2 id="pain-points">Pain points:</h2>
      <p>Information architecture that doesn&rsquo;t help<br>them</p>
      <div hidden>Hidden text</div>
    </main>
    <footer class="usa-footer"><h2>Example Site</h2><p>Help improve this page</p></footer>
  </body>
</html>
"""


def test_html_page_content_without_chrome(tmp_path: Path) -> None:
    (darcy,) = read(html.READER, tmp_path, "designer-darcy.html", HTML_PAGE)
    assert darcy.name == "Designer Darcy"
    assert darcy.format == "html"
    assert darcy.location.line == line(HTML_PAGE, "<h1>")
    assert darcy.location.pointer == "<h1>"
    assert sections(darcy) == {
        "": ["Darcy is a fantastic designer.", "They work outside in the sun."],
        "Goals": ["Finding tools & techniques", "Checkpoints", "Early", "Late"],
        "Pain points": ["Information architecture that doesn\u2019t help them"],
    }
    goals = next(s for s in darcy.sections if s.label == "Goals")
    assert goals.location.pointer == '<h2 id="goals">'
    assert goals.location.line == line(HTML_PAGE, '<h2 id="goals">')
    assert goals.statements[0].location.line == line(HTML_PAGE, "<li>Finding tools")
    assert not darcy.warnings
    assert_plain([darcy])


def test_html_without_main_or_h1_uses_body_and_title(tmp_path: Path) -> None:
    text = """
    <html><head><title>Ops Oscar | Team site</title></head>
    <body><nav><a href="/">Home</a></nav>
    <h2>Goals</h2><p>Keep the lights on</p>
    </body></html>
    """
    (oscar,) = read(html.READER, tmp_path, "oscar.htm", text)
    assert oscar.name == "Ops Oscar"
    assert oscar.location.pointer == "<title>"
    assert sections(oscar) == {"Goals": ["Keep the lights on"]}


def test_html_tables_definition_lists_and_loose_text(tmp_path: Path) -> None:
    text = """
    <html><body>
    <h1>Ada Admin</h1>
    Loose text in the body
    <h2>Facts</h2>
    <table><tr><th>Age</th><td>34</td></tr><tr><th>City</th><td></td></tr></table>
    <dl><dt>Tools</dt><dd>Terraform</dd></dl>
    </body></html>
    """
    (ada,) = read(html.READER, tmp_path, "ada.html", text)
    assert sections(ada) == {
        "": ["Loose text in the body"],
        "Facts": ["Age | 34", "City", "Tools", "Terraform"],
    }


def test_html_text_before_the_name_is_reported(tmp_path: Path) -> None:
    text = "<html><body><p>Site notice</p><h1>Ada</h1><p>Admin</p></body></html>"
    (ada,) = read(html.READER, tmp_path, "ada.html", text)
    assert sections(ada) == {"": ["Admin"]}
    assert "1 statement(s) before the <h1>" in ada.warnings[0]
    assert "Site notice" in ada.warnings[0]


def test_html_without_a_name_says_what_to_do(tmp_path: Path) -> None:
    path, text = write(tmp_path, "blank.html", "<html><body><p>Text</p></body></html>\n")
    with pytest.raises(SourceError) as raised:
        html.READER.read(path, text)
    assert raised.value.line == 1
    assert "<h1>" in raised.value.message


LINKS = [
    (
        "[Relevant UX Research findings](https://x.org/e/1)",
        "Relevant UX Research findings (https://x.org/e/1)",
    ),
    ("See <https://x.org/e/1>", "See https://x.org/e/1"),
    ("[the top](#goals) of the page", "the top of the page"),
    ("Mail [ada@x.org](mailto:ada@x.org)", "Mail ada@x.org"),
]


@pytest.mark.parametrize(("markdown", "expected"), LINKS, ids=[t[1][:20] for t in LINKS])
def test_links_keep_their_address_in_markdown_and_html(
    tmp_path: Path, markdown: str, expected: str
) -> None:
    """A link's address is often the content ("Resources"): both readers keep it the same way,
    so a Markdown page and its HTML rendering still agree."""
    from markdown_it import MarkdownIt

    body = f"## Resources\n\n- {markdown}\n"
    (ada,) = markdown_file.READER.read(*write(tmp_path, "ada.md", f"---\ntitle: Ada\n---\n{body}"))
    rendered = MarkdownIt("commonmark").render(f"# Ada\n\n{body}")
    (html_ada,) = html.READER.read(*write(tmp_path, "ada.html", f"<html>{rendered}</html>"))
    assert sections(ada)["Resources"] == [expected]
    assert sections(html_ada)["Resources"] == [expected]


# --- detection ------------------------------------------------------------------------------

JSON_TEXT = '{"id": "dev", "label": "Software Developer", "motivations": {"likes": ["x"]}}\n'
YAML_TEXT = (
    "# FinOps personas\n"
    "- name: FinOps Practitioner\n"
    "  identifier: finops-practitioner\n"
    "  objectives:\n"
    "    - item: Reduce waste, save money\n"
    "- name: CEO\n"
    "  identifier: ceo\n"
)
DETECTION = [
    ("buyers.md", BUYER_PAGE, {"markdown-page"}),
    ("users.md", USER_PAGE, {"markdown-page"}),
    ("darcy.md", PERSONA_FILE, {"markdown-file"}),
    ("personas.md", TABLE_PAGE, {"markdown-table"}),
    ("personas.csv", CSV, {"csv"}),
    ("darcy.html", HTML_PAGE, {"html"}),
    ("persona.json", JSON_TEXT, set()),
    ("personas.yml", YAML_TEXT, set()),
    ("notes.md", "Just a paragraph, no heading.\n", set()),
    ("letter.txt", "Dear team, here are our notes.\nWe met Alice, Bob and Carol.\n", set()),
    ("grid.txt", "Name,Goals\nAda,Ship\nBo,Sleep\n", {"csv"}),
    ("ragged.txt", "Name,Goals\nAda,Ship,Sleep\nBo,Sleep\n", set()),
]


@pytest.mark.parametrize(("name", "text", "expected"), DETECTION, ids=[d[0] for d in DETECTION])
@pytest.mark.parametrize("suffix", ["own", ".txt"])
def test_detection_matrix(
    tmp_path: Path, name: str, text: str, expected: set[str], suffix: str
) -> None:
    """Each shape is claimed by its reader alone, by content as well as by file name (with a
    neutral `.txt` name the content decides); JSON and YAML are claimed by none of these."""
    body = textwrap.dedent(text).lstrip("\n")
    path = tmp_path / (name if suffix == "own" else Path(name).stem + suffix)
    if suffix == ".txt" and name == "notes.md":
        expected = set()
    found = {reader_name for reader_name, reader in READERS.items() if reader.detects(path, body)}
    assert found == expected


def test_detection_never_raises_on_odd_text(tmp_path: Path) -> None:
    odd = ["", "\x00\x01", "---\n", "---\n: : :\n---\n", '"unclosed,\n', "<", "| a |\n"]
    for text in odd:
        for suffix in (".md", ".csv", ".html", ".txt"):
            for reader in READERS.values():
                assert reader.detects(tmp_path / f"odd{suffix}", text) in {True, False}


# --- real published sets --------------------------------------------------------------------


def real(name: str) -> tuple[Path, str]:
    path = require_shared_data(REAL / name)
    return path, path.read_text(encoding="utf-8-sig")


def civic_pairs() -> list[tuple[Path, Path]]:
    markdown = sorted((REAL / "civicactions-personas").glob("*.md"))
    return [(md, REAL / "civicactions-personas-html" / f"{md.stem}.html") for md in markdown]


BUYERS = [
    "Tech Exec Tristan",
    "App Dev Avery",
    "InfoSec Shiloh",
    "Platform Perry",
    "Compliance Cooper",
    "Release Rory",
    "Program Management Payton",
    "Back Office Blake",
]
USERS = [
    "Parker",
    "Delaney",
    "Presley",
    "Sasha",
    "Priyanka",
    "Janell",
    "Sidney",
    "Rachel",
    "Simone",
    "Allison",
    "Ingrid",
    "Dakota",
    "Amy",
    "Isaac",
    "Alex",
    "Cameron",
    "Daphne",
    "Mia",
    "Eddie",
    "Dana",
]


def test_real_gitlab_buyer_personas() -> None:
    path, text = real("gitlab-buyer-personas.md")
    assert {n for n, r in READERS.items() if r.detects(path, text)} == {"markdown-page"}
    personas = markdown_page.READER.read(path, text)
    assert [p.name for p in personas] == BUYERS
    assert {p.kind_hint for p in personas} == {"buyer"}
    assert not any(p.placeholder for p in personas)
    skipped = [w.split("skipped ", 1)[1].split(", not")[0] for p in personas for w in p.warnings]
    assert skipped == [
        "'### Buyer personas'",
        "'### Content Buyers Use for Tech Research and Decision-Making'",
        "'### Enablement Artifacts'",
        "'### Enablement Sessions'",
        "'### Deprecated Buyer Videos'",
    ]
    by_name = {p.name: p for p in personas}
    tristan = sections(by_name["Tech Exec Tristan"])
    assert tristan["Purchasing Roles"][0] == "Influencer"
    assert len(tristan["Purchasing Roles"]) == 4
    assert "Recommended Buyer's Journey" in tristan
    assert "Buyers Journey" in sections(by_name["App Dev Avery"])
    assert "Recommended Buyers Journey" in sections(by_name["Release Rory"])
    perry = sections(by_name["Platform Perry"])
    assert any(
        "/ Platform Engineers / C-Suite /" in s
        for s in perry["Content Sources for Tech Purchasing Decisions"]
    )
    assert any(
        s.endswith(
            "scaling efficiencies and new ways of working across multiple projects and environments"
        )
        for s in perry["Summary"]
    )
    blake = sections(by_name["Back Office Blake"])
    # The challenges twice: nested under Summary, and again under their own label.
    assert "Tool and process sprawl" in blake["Summary"]
    assert "Tool and process sprawl" in blake["Biggest Challenges"]
    assert any(
        "customers / Websites /Email updates" in s
        for s in blake["Sources for Tech purchasing Decisions"]
    )
    assert_plain(personas)


def test_real_gitlab_user_personas() -> None:
    path, text = real("gitlab-user-personas.md")
    assert {n for n, r in READERS.items() if r.detects(path, text)} == {"markdown-page"}
    personas = markdown_page.READER.read(path, text)
    assert [p.name for p in personas] == USERS
    kinds = {p.name: p.kind_hint for p in personas}
    assert [n for n, k in kinds.items() if k == "internal"] == ["Eddie", "Dana"]
    assert sum(k == "user" for k in kinds.values()) == 18
    by_name = {p.name: sections(p) for p in personas}
    assert by_name["Parker"]["Role"] == ["Product Manager"]
    assert by_name["Simone"]["Role"] == ["Software Engineer in Test"]
    assert by_name["Allison"]["Alternative Job Titles"] == [
        "DevOps engineer, Lead developer, Site Reliability Engineer"
    ]
    assert by_name["Eddie"]["Alternative job titles"] == ["Content Marketer, Technical Writer"]
    assert not any("Alternative Job Titles" in by_name[n] for n in ("Rachel", "Dakota"))
    assert "Tools" in by_name["Rachel"]
    skipped = [w.split("skipped ", 1)[1].split(", not")[0] for p in personas for w in p.warnings]
    assert skipped == [
        "'#### How do user personas interact?'",
        "'#### List of User Personas'",
        "'#### User Personas across stages'",
        "'#### User Personas across Use Cases'",
        "'#### List of internal personas'",
    ]
    everything = [s for p in personas for s in statements(p)]
    assert not any("Organizational archetypes describe" in s for s in everything)
    assert not any("iframe" in s for s in everything)
    assert_plain(personas)


def test_real_18f_table() -> None:
    path, text = real("18f-personas.md")
    assert {n for n, r in READERS.items() if r.detects(path, text)} == {"markdown-table"}
    personas = markdown_table.READER.read(path, text)
    assert len(personas) == 12
    filled = [p.name for p in personas if not p.placeholder]
    assert filled == ["Journalists", "Think Tank Researcher", "University Researcher"]
    assert sum(p.placeholder for p in personas) == 9
    assert all(p.warnings for p in personas if p.placeholder)
    labels = {s.label for p in personas for s in p.sections}
    assert labels == {
        "Behaviors & Actions",
        "Demographic & Psychographic Details",
        "Needs and Pain points",
    }
    researcher = sections(personas[1])
    assert researcher["Behaviors & Actions"][0] == "Establishes 5-year research agenda"
    assert researcher["Demographic & Psychographic Details"] == [
        "Former Government Employee",
        "Former political appointee",
        "Legislative and Executive Experience",
    ]
    assert_plain(personas)


def test_real_civicactions_markdown_files() -> None:
    require_shared_data(REAL / "civicactions-personas" / "designer-darcy.md")
    names = {}
    for md_path, _ in civic_pairs():
        text = md_path.read_text(encoding="utf-8-sig")
        assert {n for n, r in READERS.items() if r.detects(md_path, text)} == {"markdown-file"}
        (persona,) = markdown_file.READER.read(md_path, text)
        names[md_path.stem] = persona
        assert_plain([persona])
    assert [p.name for p in names.values()] == [
        "Accessibility Avery",
        "Designer Darcy",
        "Engineer Emery",
        "Procurement Parker",
        "QA Quincy",
        "Remote Raz",
    ]
    intro = {stem for stem, p in names.items() if "" in sections(p)}
    assert intro == {"designer-darcy", "engineer-emery", "remote-raz"}
    roles = {stem: sections(p).get("roles") for stem, p in names.items()}
    assert roles["designer-darcy"] == ["Content designer", "UX designer"]
    assert roles["accessibility-avery"] is None and roles["remote-raz"] is None
    for persona in names.values():
        labels = {s.label for s in persona.sections}
        assert {"Goals", "Needs", "Thoughts", "Feelings", "Behaviors", "Pain points"} <= labels
        assert not labels & {"layout", "description", "excerpt", "sidenav", "img", "categories"}


def test_real_civicactions_markdown_and_html_agree() -> None:
    """The Markdown source and its rendered page give the same persona: name, intro or
    Description, and every section's statements (the front matter's roles are not on the
    page)."""
    require_shared_data(REAL / "civicactions-personas-html" / "designer-darcy.html")
    for md_path, html_path in civic_pairs():
        html_text = html_path.read_text(encoding="utf-8-sig")
        assert {n for n, r in READERS.items() if r.detects(html_path, html_text)} == {"html"}
        (from_md,) = markdown_file.READER.read(md_path, md_path.read_text(encoding="utf-8-sig"))
        (from_html,) = html.READER.read(html_path, html_text)
        assert from_html.name == from_md.name
        md_sections = {k: v for k, v in sections(from_md).items() if k != "roles"}
        html_sections = sections(from_html)
        assert html_sections == md_sections, md_path.name
        assert {"Goals", "Pain points"} <= set(html_sections)
        assert "" in html_sections or "Description" in html_sections
        for persona in (from_md, from_html):
            assert not persona.warnings
        # No chrome: the side navigation names all six, the page only its own.
        others = {"Accessibility Avery", "Designer Darcy", "Remote Raz"} - {from_html.name}
        assert not any(name in s for name in others for s in statements(from_html))
        assert_plain([from_html])
