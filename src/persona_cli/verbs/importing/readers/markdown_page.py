"""Many personas in one Markdown page (a handbook page, a wiki page).

The page is split at the heading level that holds personas (`_markdown.split_page`): a
heading whose body has labelled sections that other headings at its level share. Inside a
persona, sub-headings (`##### Motivations`) and, before the first of them, bold-label
bullets or lines (`- **Reports to:**` with nested values, `**Alternative Job Titles:** a,
b`) are the labels; a list that follows a bold label at the top level (a numbered
`1. Influencer` list after `- **Purchasing Roles:**`) stays with it.

- A heading written `Name (Role)` gives the name, and the role as a section "Role".
- Front matter is page metadata, not a persona: its `title` only hints at the kind.
- The kind hint comes from the headings a persona sits under ("Internal personas",
  "User personas"), else from a page title that says "Buyer Personas".
- Headings at the persona level that hold no persona are skipped, each with a warning (on
  the persona nearest it, as the reader has nowhere else to say it).
"""

from __future__ import annotations

from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from persona_cli.verbs.importing.document import (
    Location,
    Reader,
    Section,
    SourceError,
    SourcePersona,
    Statement,
)
from persona_cli.verbs.importing.readers import _markdown as md
from persona_cli.verbs.importing.readers import _page_split as pages
from persona_cli.verbs.importing.readers._plain import mark_placeholder, split_name_role

NAME = "markdown-page"


class MarkdownPageReader:
    name = NAME
    description = (
        "Markdown with many personas in one page: one heading per persona, sections as "
        "sub-headings or **Label:** bullets"
    )

    def detects(self, path: Path, text: str) -> bool:
        """Text in which personas are found; or a Markdown file (by name) with headings that
        is neither one persona with front matter nor a table, so that reading it can say why
        no persona was found."""
        if md.other_named(path):
            return False
        front, body = md.split_front_matter(text, str(path))
        blocks = md.parse(body)
        if pages.split_page(blocks).personas:
            return True
        if not md.markdown_named(path) or (front is not None and pages.names_persona(front)):
            return False
        if any(block.type == "table" for block in blocks):
            return False
        return any(block.type == "heading" for block in blocks)

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        front, body = md.split_front_matter(text, str(path))
        blocks = md.parse(body)
        split = pages.split_page(blocks)
        if not split.personas:
            first = next((heading.line for heading in split.every), 1)
            raise SourceError(
                path,
                "no personas found: no heading level has headings whose sections repeat; "
                "use --from markdown-file (one persona per file) or --from markdown-table, "
                "or give each persona one heading with its sections under it (sub-headings "
                "or **Label:** bullets)",
                line=first,
            )
        lines = body.split("\n")
        kind = pages.page_kind(front, split.every)
        personas = [
            _persona(path, lines, blocks, heading, split.every, kind) for heading in split.personas
        ]
        for heading, reason in split.skipped:
            _nearest(personas, heading).warnings.append(
                f"{path}:{heading.line}: skipped '{heading.markup}', not a persona: {reason}"
            )
        return personas


def _persona(
    path: Path,
    lines: list[str],
    blocks: tuple[SyntaxTreeNode, ...],
    heading: pages.Heading,
    every: list[pages.Heading],
    page_kind: str | None,
) -> SourcePersona:
    location = Location(file=path, line=heading.line, pointer=heading.markup)
    name, role = split_name_role(heading.text)
    builder = md.SectionBuilder(path, lines, location)
    if role is not None:
        builder.sections.append(
            Section(
                label="Role",
                statements=(Statement(text=role, location=location),),
                location=location,
            )
        )
    md.collect(blocks[heading.index + 1 : heading.end], builder, labels=True)
    kind = next(
        (
            found
            for found in (pages.kind_from(h.text) for h in pages.ancestors(heading, every))
            if found
        ),
        page_kind,
    )
    persona = SourcePersona(
        name=name,
        source=path,
        format=NAME,
        location=location,
        sections=builder.finish(),
        kind_hint=kind,
    )
    mark_placeholder(persona)
    return persona


def _nearest(personas: list[SourcePersona], heading: pages.Heading) -> SourcePersona:
    """The persona just before `heading`, or the first one when it comes before them all."""
    before = [p for p in personas if (p.location.line or 0) < heading.line]
    return before[-1] if before else personas[0]


READER: Reader = MarkdownPageReader()
