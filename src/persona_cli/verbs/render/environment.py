"""The Jinja environment briefings are rendered in: Jinja's immutable sandbox with
`StrictUndefined`, so a typo or a reach into Python internals fails loudly; the custom folder
searched before the built-ins; the filters; and compiled templates kept between runs.

Jinja is imported when an environment is built, never at import: `persona report` reads
output ownership from this package and must not pay for Jinja when it writes no page.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from persona_cli.domain.jobs import is_statement
from persona_cli.verbs.render.filters import FILTERS
from persona_cli.verbs.render.questions import FILTERS as PHRASING_FILTERS
from persona_cli.verbs.render.questions import TESTS as PHRASING_TESTS
from persona_cli.verbs.render.templates import BUILTIN_DIR

if TYPE_CHECKING:
    import jinja2


def environment(custom: Path | None, *, html: bool = False) -> jinja2.Environment:
    """The sandboxed environment: custom folder first, then the built-ins (so a custom
    template can include the built-in partials, and override them)."""
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

    folders = [BUILTIN_DIR] if custom is None else [custom, BUILTIN_DIR]
    sandbox = _sandbox()
    options: dict[str, Any] = {
        "autoescape": html,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }
    env = sandbox(
        loader=ChoiceLoader([FileSystemLoader(folder) for folder in folders]),
        undefined=StrictUndefined,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(sandbox, options),
        **options,
    )
    env.filters.update(FILTERS)
    env.filters.update(PHRASING_FILTERS)
    env.tests["statement"] = is_statement
    env.tests.update(PHRASING_TESTS)
    return env


#: Set to any value to keep compiled templates (and parses, see blobcache) out of caches.
NO_CACHE_ENV = "PERSONA_CLI_NO_CACHE"


def _bytecode_cache(sandbox: type[jinja2.Environment], options: dict[str, Any]) -> Any:
    """Compiled templates kept between runs in `$XDG_CACHE_HOME/persona-cli/templates/`
    (else `~/.cache/...`): compiling the built-in set takes about 0.1 s, a quarter of a
    `render --check` on a small repository. Jinja keys each entry by template file and checks
    the source's checksum, so an edited template is compiled afresh; the folder's name
    fingerprints what else shapes the compiled code (persona-cli, Jinja and Python versions,
    the options, the operators the sandbox intercepts). A cache that cannot be read or
    written is skipped, never an error. None when turned off (`PERSONA_CLI_NO_CACHE`)."""
    import hashlib
    import sys

    import jinja2
    from jinja2.bccache import Bucket, FileSystemBytecodeCache

    from persona_cli import __version__

    if os.environ.get(NO_CACHE_ENV):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    intercepted = sorted(getattr(sandbox, "intercepted_binops", ()))
    fingerprint = repr(
        (__version__, jinja2.__version__, sys.version, sorted(options.items()), intercepted)
    )
    digest = hashlib.sha256(fingerprint.encode()).hexdigest()[:16]
    folder = Path(base) / "persona-cli" / "templates" / digest

    class QuietCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):  # unreadable or corrupt
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)
            except OSError:
                pass

    return QuietCache(str(folder))


@functools.cache
def _sandbox() -> type[jinja2.Environment]:
    """Jinja's sandbox, with a shortcut for the lookup templates make most: `persona.name`
    on a plain dict. The sandbox tries the attribute first and falls back to the item through
    a caught AttributeError, about a third of the templating time. For a plain dict and a name
    that is not one of dict's own attributes, that attribute lookup can only fail, so going
    straight to the item gives the same answer (and the same Undefined when the key is
    missing); every other lookup takes the sandbox's own path, checks included."""
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    dict_attributes = frozenset(dir(dict))

    # Immutable: `persona.update(...)` or `personas.pop()` in one briefing would change what
    # the next one sees, and which briefings share a worker depends on the core count.
    class PersonaSandbox(ImmutableSandboxedEnvironment):
        # A huge power runs in one C call that neither the timer nor the memory limit stops.
        intercepted_binops = frozenset({"**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _huge_power(left, right):
                raise SecurityError(f"{left} ** {right} is too large a number for a template")
            return super().call_binop(context, operator, left, right)

        def getattr(self, obj: Any, attribute: str) -> Any:
            if type(obj) is dict and attribute not in dict_attributes:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

    return PersonaSandbox


#: The largest integer power a template may compute, in bits (about 300,000 digits).
MAX_POWER_BITS = 1_000_000


def _huge_power(base: Any, exponent: Any) -> bool:
    if type(base) is not int or type(exponent) is not int or exponent <= 1:
        return False
    return abs(base) > 1 and base.bit_length() * exponent > MAX_POWER_BITS
