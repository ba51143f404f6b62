"""The standalone HTML page around a briefing (`--format html`): its Markdown turned into HTML
by `markdown_html`, set in `_page.html.j2` with autoescape on (the title is persona text).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from persona_cli.domain.errors import TemplateError
from persona_cli.domain.hidden import reveal
from persona_cli.verbs.render.environment import environment
from persona_cli.verbs.render.execute import template_error, template_frame
from persona_cli.verbs.render.templates import PAGE_FILES, display, partial

if TYPE_CHECKING:
    import jinja2

_PAGE = PAGE_FILES[0]


def page(
    text: str, title: str, custom: Path | None, cwd: Path, *, back: dict[str, str] | None = None
) -> str:
    """The HTML page around a briefing; a custom `_page.html.j2` that fails reports its file
    and line like any template (it was an internal error)."""
    import jinja2
    from markupsafe import Markup

    # Imported here: only HTML output pays for importing markdown_it.
    from persona_cli.verbs.render.markdown_html import to_html

    try:
        body = Markup(to_html(text))  # markdown-it-py escapes all text (raw HTML off)
        return _page_template(custom).render(title=reveal(title), body=body, back=back)
    except (jinja2.TemplateError, RecursionError) as failure:
        raise template_error(failure, partial(custom, _PAGE), cwd) from None
    except (OSError, UnicodeDecodeError) as failure:
        shown = display(partial(custom, _PAGE), cwd)
        raise TemplateError(f"{shown}: cannot read: {failure}") from None
    except Exception as failure:  # a filter or operator given a value it cannot use
        if not template_frame(failure):
            raise
        raise template_error(failure, partial(custom, _PAGE), cwd) from None


@functools.cache
def _page_template(custom: Path | None) -> jinja2.Template:
    """The page around each HTML briefing, compiled once per run and folder (autoescape on:
    the title is persona text)."""
    return environment(custom, html=True).get_template(_PAGE)
