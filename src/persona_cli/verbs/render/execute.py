"""Compile and run one template, turning every failure into `file:line: message`: syntax
errors, undefined names, sandbox violations, a filter given a value it cannot use, and the
limits (`limits.py`) running out. Failures surface before anything is written.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain.errors import TemplateError
from persona_cli.domain.hidden import reveal
from persona_cli.verbs.render import limits
from persona_cli.verbs.render.templates import display, partial

if TYPE_CHECKING:
    import jinja2


def compile_named(
    env: jinja2.Environment, name: str, custom: Path | None, cwd: Path
) -> jinja2.Template:
    """Compile once per run (the loader looks in the custom folder first, as find_templates
    does); syntax errors surface here, before any persona is rendered."""
    import jinja2

    try:
        return env.get_template(name)
    except (jinja2.TemplateError, RecursionError) as failure:
        raise template_error(failure, partial(custom, name), cwd) from None
    except (OSError, UnicodeDecodeError) as failure:
        raise TemplateError(
            f"{display(partial(custom, name), cwd)}: cannot read: {failure}"
        ) from None


_BLANK_RUNS = re.compile(r"\n\n\n+")  # not \n{3,}: a literal prefix is searched 15x faster


def run(template: jinja2.Template, context: dict[str, Any], path: Path, cwd: Path) -> str:
    """Render one document; runs of blank lines (left by sections a persona lacks) fold into
    one, so templates can stay readable without whitespace gymnastics."""
    import jinja2

    try:
        with limits.timer():
            text = template.render(context)
        # Whatever a template prints, filtered or not (`{{ persona.name }}` in a custom
        # template), a hidden character reaches the briefing as `<U+202E>`, never raw: in
        # Markdown that is text, and the HTML page escapes it.
        return reveal(_BLANK_RUNS.sub("\n\n", text).strip("\n")) + "\n"
    except (jinja2.TemplateError, RecursionError) as failure:
        raise template_error(failure, path, cwd) from None
    except Exception as failure:  # a filter or operator given a value it cannot use
        if not template_frame(failure):
            raise
        raise template_error(failure, path, cwd) from None


def template_frame(failure: BaseException) -> traceback.FrameSummary | None:
    """The innermost template line in the failure's traceback (Jinja maps its frames back
    to the template file and line), or None when it did not happen in a template."""
    for frame in reversed(traceback.extract_tb(failure.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame
    return None


def template_error(failure: Exception, path: Path, cwd: Path) -> TemplateError:
    """`file:line: message` for syntax errors, undefined names and sandbox violations."""
    import jinja2
    from jinja2.exceptions import SecurityError

    where, line = path, None
    if isinstance(failure, jinja2.TemplateSyntaxError):
        line = failure.lineno
        if failure.filename:
            where = Path(failure.filename)
        message = failure.message or str(failure)
    else:
        message = str(failure)
        frame = template_frame(failure)
        if frame is not None:
            where, line = Path(frame.filename), frame.lineno
    if isinstance(failure, MemoryError):
        message = (
            f"the template needs more than {limits.TEMPLATE_MEMORY >> 30} GiB of memory (a value "
            "repeated or padded too many times?); templates run with that much to spare"
        )
    elif isinstance(failure, limits.TemplateTimeout):
        message = (
            f"the template ran for more than {limits.TEMPLATE_SECONDS:g} s on one briefing (a loop "
            "too large?); templates get that long per briefing"
        )
    elif not isinstance(failure, jinja2.TemplateError | RecursionError):
        if len(message) > 160:  # it may quote a whole persona's evidence
            message = message[:150] + "..."
        message = (
            f"{type(failure).__name__}: {message}; check the values and arguments this line "
            "gives its filters and operators (the filters are listed in the README)"
        )
    elif isinstance(failure, SecurityError):
        message = f"unsafe template: {message} (templates run in a sandbox)"
    elif isinstance(failure, jinja2.UndefinedError):
        message = f"{message}; check the name against the template context in the README"
    elif isinstance(failure, jinja2.TemplateNotFound):
        message = f"template not found: {failure.name}"
    elif isinstance(failure, RecursionError):
        message = (
            "the template calls itself without end (an include, extends, import or macro "
            "that comes back to this template); break the loop"
        )
    location = display(where, cwd) + (f":{line}" if line else "")
    return TemplateError(f"{location}: {message}", hint="no files were written")
