"""Markdown to HTML for `persona render --format html`, by markdown-it-py.

This module only configures the parser, so every caller gets the same safe settings:
CommonMark plus GitHub's tables (with their column alignment); raw HTML off, so a `<script>`
that reaches the Markdown is shown as text; `xhtmlOut` off, for the HTML5 page's `<br>` and
`<hr>`. Links go through markdown-it-py's `validateLink`, which refuses `javascript:`,
`vbscript:`, `file:` and non-image `data:` URLs. Persona text arrives with its Markdown
punctuation escaped by the templates' `md` filter and its hidden characters already shown
(`<U+202E>`), so it can never form a link, a heading or a tag.

Only the HTML path imports this module (lazily, from `page.py`), so only HTML output
pays for importing markdown_it.
"""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt


@functools.cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")


def to_html(markdown: str) -> str:
    """The HTML body for a briefing's Markdown."""
    return str(_parser().render(markdown))  # typed Any: the renderer is pluggable
