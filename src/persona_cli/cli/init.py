"""`persona init`: scaffold a persona repository (settings, an example persona, the schema,
pre-commit hooks, a GitHub workflow and the git diff driver)."""

from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import handle_errors

_VERBS = {
    "create": "create",
    "overwrite": "overwrite",
    "append": "update",
    "unchanged": "unchanged",
}


@handle_errors
def init(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Folder to set up (created if missing) [default: the current folder].",
            show_default=False,
        ),
    ] = Path(),
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files that already exist.")
    ] = False,
) -> None:
    """Set up a persona repository: personas/ with an example, .persona.toml, the schema,
    templates/README.md, pre-commit hooks, a GitHub workflow and .gitattributes.

    Refuses to overwrite an existing file unless --force (.gitattributes only gets the lines
    it lacks). Exit codes: 0 done, 2 files exist (nothing written) or usage error,
    3 internal error.
    """
    import datetime as dt
    import shlex
    import sys

    from persona_cli.domain.errors import UsageError
    from persona_cli.io import fileio
    from persona_cli.io.discovery import display_path
    from persona_cli.verbs.init import TEXTCONV_COMMAND, plan_init

    cwd = Path.cwd()
    plan = plan_init(directory, force=force, today=dt.date.today())
    shown = display_path(plan.directory, cwd)
    if plan.conflicts:
        count = len(plan.conflicts)
        hint = (
            "move them aside, or pass --force to overwrite them"
            if count > 1
            else "move it aside, or pass --force to overwrite it"
        )
        if force or all(c.endswith("not a regular file)") for c in plan.conflicts):
            # What is left are folders, FIFOs or links where init writes a file.
            hint = "move it aside: --force overwrites regular files only"
        elif any(conflict.startswith("pyproject.toml") for conflict in plan.conflicts):
            # --force never touches pyproject.toml: it writes .persona.toml beside it.
            hint = (
                "move [tool.persona] out of pyproject.toml, or pass --force to write "
                ".persona.toml anyway (it takes precedence)"
                + ("; --force also overwrites the other files" if count > 1 else "")
            )
        raise UsageError(
            f"{shown}: {count} file{'s' if count > 1 else ''} already exist"
            f"{'s' if count == 1 else ''}: {', '.join(plan.conflicts)}; nothing written",
            hint=hint,
        )
    for step in plan.steps:
        if step.action == "unchanged":
            continue
        step.target.parent.mkdir(parents=True, exist_ok=True)
        fileio.write(
            step.snapshot.path if step.snapshot is not None else step.target,
            step.text,
            exclusive=step.action == "create",
            expected=step.snapshot,
            display=display_path(step.target, cwd),
        )
    from persona_cli.domain.hidden import reveal  # a folder name can hold a bidirectional override

    def out(text: str) -> None:
        sys.stdout.write(reveal(text))

    where = "the current folder" if shown == "." else f"{shown}/"
    if all(step.action == "unchanged" for step in plan.steps):
        out(f"Nothing to do: {where} already holds every file persona init writes.\n")
        return
    out(f"Set up a persona repository in {where}:\n")
    width = max(len(step.file.path) for step in plan.steps)
    for step in plan.steps:
        out(f"  {_VERBS[step.action]:<9} {step.file.path:<{width}}  {step.file.purpose}\n")
    out("\nNext:\n")
    steps: list[tuple[str, str]] = []
    if shown != ".":
        steps.append((f"cd {shlex.quote(shown)}", ""))
    if plan.git_root is None:
        steps.append(("git init", ""))
    steps += [
        (TEXTCONV_COMMAND, "git diff shows what a change to a persona means"),
        ("persona lint", "the example passes"),
        ("persona new ID --kind buyer", "start your own, one question per field"),
    ]
    column = max(len(command) for command, _ in steps) + 2
    for command, why in steps:
        out(f"  {command:<{column}}# {why}\n" if why else f"  {command}\n")
    if plan.git_root is not None and plan.git_root != plan.directory:
        root = display_path(plan.git_root, cwd)
        root = "the current folder" if root == "." else root
        out(
            f"\nNote: the repository's root is {root}; GitHub reads .github/workflows/ and "
            "pre-commit reads .pre-commit-config.yaml only there, so move them up (or merge "
            "them into yours).\n"
        )
