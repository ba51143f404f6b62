"""`persona new`: start a persona file with every field its kind needs, each under the
question a strategist should answer there."""

from pathlib import Path
from typing import Annotated, Literal

import typer

from persona_cli.cli._common import ConfigOption, handle_errors

#: The model's kinds (a test ties them to `model.Kind`; the model is not imported for --help).
KindName = Literal["buyer", "user", "internal", "individual"]


@handle_errors
def new(
    persona_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The new persona's id: lower-case letters, digits and hyphens; also the "
            "file name.",
            show_default=False,
        ),
    ],
    kind: Annotated[
        KindName | None,
        typer.Option(help="What the persona is (--from implies individual)."),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="PARENT",
            help="Profile one real person: an individual that extends the persona PARENT.",
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The name people use, e.g. 'Cautious Carla, CISO' (default: a TODO that "
            "persona lint flags).",
        ),
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME",
            help="An owner for review.owners (name, email or team); repeatable.",
        ),
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option(
            "--dir",
            metavar="DIR",
            help="Folder to write to (default: the first configured path, else personas/).",
        ),
    ] = None,
    config: ConfigOption = None,
) -> None:
    """Start a persona file: every field its kind needs, each under the question to answer.

    The file passes the schema and fails the completeness rules until it is filled, so
    `persona lint FILE` lists what is left. Exit codes: 0 written, 2 usage error (bad id,
    file or id exists, unknown --from persona), 3 internal error.
    """
    import shlex
    import sys

    from persona_cli.cli._common import load_settings
    from persona_cli.io import fileio
    from persona_cli.verbs.new import plan_new

    cwd = Path.cwd()
    plan = plan_new(
        persona_id=persona_id,
        kind=kind,
        parent=parent,
        name=name,
        owners=owner or [],
        directory=directory,
        settings=load_settings(config=config, cwd=cwd),
        cwd=cwd,
    )
    plan.path.parent.mkdir(parents=True, exist_ok=True)
    fileio.write(plan.path, plan.text, exclusive=True, display=plan.display)
    from persona_cli.domain.hidden import reveal  # a folder name can hold a bidirectional override

    def out(text: str) -> None:
        sys.stdout.write(reveal(text))

    if plan.parent is not None:
        out(f"Created {plan.display}: an individual profile extending {plan.parent}.\n")
        out(
            "Next: uncomment and fill what is different about this person, then run "
            f"`persona lint {shlex.quote(plan.display)}`.\n"
        )
    else:
        out(f"Created {plan.display}: a draft {plan.kind} persona.\n")
        out(
            "Next: answer the question above each field, then run "
            f"`persona lint {shlex.quote(plan.display)}` to see what is left.\n"
        )
    if plan.outside:
        out(
            f"Note: {plan.display} is outside the configured paths; pass it to persona lint "
            "and persona render, or add its folder to `paths` in .persona.toml.\n"
        )
