"""One persona per Markdown file, with YAML front matter (a Jekyll or Hugo collection).

The front matter's `name` (else `title`) is the persona's name; `id` or `identifier` is its
id hint and `kind` its kind hint. Every other key is a section labelled with the key (a
nested mapping's keys as `key.sub`), one statement per list item, except the site's own
metadata (`layout`, `sidenav`, `img`, `categories`, ...) and a `description` or `excerpt`
left empty. The body's headings are section labels (a first `# Name` heading repeating the
name is the name, not a section); text before the first of them is the intro (label "").

A file whose body holds several persona headings is a page of personas with page metadata
in front (`markdown-page`), not one persona: detection leaves it to that reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from persona_cli.verbs.importing.readers._plain import mark_placeholder, plain

NAME = "markdown-file"
#: Keys a static-site generator reads to lay the page out; they say nothing of the persona.
SITE_KEYS = frozenset(
    {
        "layout",
        "sidenav",
        "img",
        "image",
        "categories",
        "tags",
        "permalink",
        "date",
        "nav_order",
        "weight",
        "draft",
        "slug",
        "aliases",
    }
)
#: Site keys when empty; said with words they are the persona's summary.
SUMMARY_KEYS = frozenset({"description", "excerpt"})
ID_KEYS = ("id", "identifier")
KINDS = frozenset({"buyer", "user", "internal", "individual"})


class MarkdownFileReader:
    name = NAME
    description = "one persona per Markdown file, named by the YAML front matter (title or name)"

    def detects(self, path: Path, text: str) -> bool:
        if md.other_named(path):
            return False
        front, body = md.split_front_matter(text, str(path))
        if front is None or front.problem is not None or not pages.names_persona(front):
            return False
        return len(pages.split_page(md.parse(body)).personas) < 2

    def read(self, path: Path, text: str) -> list[SourcePersona]:
        front, body = md.split_front_matter(text, str(path))
        if front is None:
            raise SourceError(
                path,
                "no front matter: a persona file starts with a --- block holding 'title: NAME'; "
                "add one, or use --from markdown-page for a page of several personas",
                line=1,
            )
        if front.problem is not None:
            raise SourceError(
                path,
                f"front matter: {front.problem.message}",
                line=front.problem.line + front.first_line - 1,
            )
        blocks = list(md.parse(body))
        many = len(pages.split_page(blocks).personas)
        if many > 1:
            raise SourceError(
                path,
                f"holds {many} personas (a page): use --from markdown-page",
                line=front.first_line - 1,
            )
        lines = body.split("\n")
        key = pages.name_key(front.data)
        name = front.text(key) if key is not None else None
        first = blocks[0] if blocks else None
        line_of_first = (md.line_of(first) if first is not None else None) or 1
        if first is not None and first.type == "heading" and first.tag == "h1":
            heading = plain(md.block_text(first))
            if name is None or heading == name:
                name = heading
                blocks = blocks[1:]
        if name is None:
            raise SourceError(
                path,
                "the persona has no name: add 'title: NAME' to the front matter "
                "(or begin the text with '# NAME')",
                line=front.first_line - 1,
            )
        location = Location(
            file=path,
            line=front.key_line_of(key) if key is not None else line_of_first,
            pointer=f"{key}: {name}" if key is not None else f"# {name}",
        )
        persona = SourcePersona(name=name, source=path, format=NAME, location=location)
        for field, value in front.data.items():
            if field == key or field in SITE_KEYS:
                continue
            if field in SUMMARY_KEYS and not _said(value):
                continue
            if field in ID_KEYS and isinstance(value, (str, int)):
                persona.id_hint = plain(str(value))
                continue
            if field == "kind" and isinstance(value, str) and value.strip() in KINDS:
                persona.kind_hint = value.strip()
                continue
            persona.sections += _front_sections(path, front, field, value, (field,))
        builder = md.SectionBuilder(path, lines, location)
        md.collect(blocks, builder, labels=True)
        persona.sections += builder.finish()
        mark_placeholder(persona)
        return [persona]


def _said(value: Any) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, (list, dict)):
        return bool(value)
    return value is not None


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (list, dict)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return plain(str(value)) or None


def _front_sections(
    path: Path, front: md.FrontMatter, label: str, value: Any, at: tuple[str | int, ...]
) -> list[Section]:
    """Sections for one front matter value: a scalar is one statement, a list one per item;
    a mapping (or a list of them) gives `label.key` sections."""
    pointer = f"{at[0]}:"
    statements: list[Statement] = []
    nested: list[Section] = []
    items: list[tuple[Any, tuple[str | int, ...]]] = (
        [(item, (*at, index)) for index, item in enumerate(value)]
        if isinstance(value, list)
        else [(value, at)]
    )
    for item, where in items:
        if isinstance(item, dict):
            for key, inner in item.items():
                nested += _front_sections(path, front, f"{label}.{key}", inner, (*where, key))
        elif isinstance(item, list):
            nested += _front_sections(path, front, label, item, where)
        elif (text := _scalar(item)) is not None:
            statements.append(
                Statement(
                    text=text,
                    location=Location(file=path, line=front.line_of(*where), pointer=pointer),
                )
            )
    own = (
        [
            Section(
                label=label,
                statements=tuple(statements),
                location=Location(file=path, line=front.key_line_of(*at), pointer=pointer),
            )
        ]
        if statements
        else []
    )
    return own + nested


READER: Reader = MarkdownFileReader()
