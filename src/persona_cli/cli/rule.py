"""`persona rule`: the documentation of one rule, or the whole catalogue."""

import sys
from typing import Annotated

import typer

from persona_cli.cli._common import handle_errors, warn
from persona_cli.domain.errors import UsageError


@handle_errors
def rule(
    code: Annotated[
        str | None, typer.Argument(help="A rule code (S002) or name (unknown-key).")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="List every rule.")] = False,
) -> None:
    """Explain a lint rule, with a failing and a passing example; --all lists the catalogue."""
    import difflib

    from persona_cli.lint.rules.catalogue import REGISTRY, lookup

    if show_all and code is not None:
        warn(f"--all lists every rule; '{code}' is not looked up (drop --all to explain it)")
    if show_all or code is None:
        width = max(len(r.name) for r in REGISTRY.values())
        for found in REGISTRY.values():
            sys.stdout.write(
                f"{found.code}  {found.name:<{width}}  {found.severity.name:<7}  "
                f"{found.summary()}\n"
            )
        return
    match = lookup(code)
    if match is None:
        names = [*REGISTRY, *(r.name for r in REGISTRY.values())]
        close = difflib.get_close_matches(code, names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]}?" if close else "run 'persona rule --all' for the list"
        raise UsageError(f"no rule named '{code}'", hint=hint)
    sys.stdout.write(
        f"{match.code} {match.name} (default severity: {match.severity.name})\n\n"
        f"{match.documentation()}\n"
    )
    options = match.Options.model_fields if match.Options is not None else {}
    if options:
        from persona_cli.io.tomlwrite import assignment

        sys.stdout.write(
            f"\nOptions ([tool.persona.rules.{match.name}] or [rules.{match.code}]):\n"
        )
        for name, info in options.items():
            default = info.get_default(call_default_factory=True)
            sys.stdout.write(
                f"  {assignment(name.replace('_', '-'), default)}  # {info.description or ''}\n"
            )
