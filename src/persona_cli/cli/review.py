"""`persona review ID`: record a refresh (new evidence and the review date) in place.

No `from __future__ import annotations` in the command modules: typer evaluates string
annotations several times per parameter on every start, which slows `--help`.
"""

import sys
from pathlib import Path
from typing import Annotated

import typer

from persona_cli.cli._common import ConfigOption, choice, handle_errors, warn
from persona_cli.domain.errors import UsageError

#: `model.EvidenceType`, spelled out so that `--help` needs no pydantic (a test ties them).
EVIDENCE_TYPES = [
    "interview",
    "survey",
    "win_loss",
    "crm",
    "support_tickets",
    "analytics",
    "sales_call",
    "secondary",
]


def _evidence_type(value: str | None) -> str | None:
    return None if value is None else choice(value, EVIDENCE_TYPES, "--evidence-type")


@handle_errors
def review(
    persona: Annotated[
        str,
        typer.Argument(
            help="The persona's id (its file name without .yaml, looked up in the configured "
            "paths) or the path of its file.",
            show_default=False,
            metavar="ID",
        ),
    ],
    evidence_type: Annotated[
        str | None,
        typer.Option(
            "--evidence-type",
            help=f"Type of the new evidence: {', '.join(EVIDENCE_TYPES)}.",
            callback=_evidence_type,
            autocompletion=lambda: EVIDENCE_TYPES,
        ),
    ] = None,
    summary: Annotated[
        str | None, typer.Option(help="What the new evidence showed (one or two sentences).")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(help="Date of the review and the evidence (YYYY-MM-DD) [default: today]."),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(help="Who reviewed; recorded in the evidence summary."),
    ] = None,
    sample_size: Annotated[
        int | None,
        typer.Option(min=1, help="How many people or records the evidence covers."),
    ] = None,
    url: Annotated[str | None, typer.Option(help="Where the raw evidence lives.")] = None,
    no_evidence: Annotated[
        bool,
        typer.Option(
            "--no-evidence",
            help="Record the review date without new evidence (a refresh is new evidence, "
            "not a date bump: use sparingly).",
        ),
    ] = False,
    config: ConfigOption = None,
) -> None:
    """Record a refresh of one persona: append an evidence entry, set review.last_reviewed,
    and show what persona age will say about it. Only those two fields change; comments and
    layout elsewhere in the file stay as they are.

    Exit codes: 0 recorded, 2 usage error (unknown id, missing evidence, bad date, a file
    that does not parse or changed on disk meanwhile).
    """
    import datetime as dt

    from persona_cli.cli._common import load_settings
    from persona_cli.io.discovery import discover
    from persona_cli.load.sources import select_sources
    from persona_cli.verbs.review import NewEvidence, find, record_review

    evidence_given = evidence_type is not None or summary is not None
    evidence_options = (
        ("--evidence-type", evidence_type),
        ("--summary", summary),
        ("--sample-size", sample_size),
        ("--url", url),
        ("--by", by),
    )
    given = [name for name, value in evidence_options if value is not None]
    if no_evidence and given:
        raise UsageError(
            f"--no-evidence records no evidence entry, so {', '.join(given)} would do nothing",
            hint="drop --no-evidence or the evidence options",
        )
    if not no_evidence and not evidence_given:
        raise UsageError(
            "a refresh is new evidence, not a date bump: give --evidence-type and --summary",
            hint="or pass --no-evidence to record only the review date",
        )
    if not no_evidence and (evidence_type is None or not (summary or "").strip()):
        missing = "--evidence-type" if evidence_type is None else "--summary"
        raise UsageError(f"the new evidence needs {missing}")
    today = dt.datetime.now(dt.UTC).date()
    try:
        reviewed = dt.date.fromisoformat(date) if date is not None else today
    except ValueError:
        raise UsageError(f"--date: '{date}' is not a date; use YYYY-MM-DD") from None

    cwd = Path.cwd()
    if Path(persona).is_file() or persona.endswith((".yaml", ".yml")):
        if config is not None:
            warn(f"--config: {persona} is named by its path, so no configuration is read")
        candidates = discover([persona], cwd=cwd)
    else:
        candidates, _ = select_sources(None, load_settings(config=config, cwd=cwd), cwd)
    source = find(persona, candidates)
    evidence = (
        None
        if no_evidence or evidence_type is None or summary is None
        else NewEvidence(evidence_type, summary, sample_size, url)
    )
    outcome = record_review(source, reviewed=reviewed, evidence=evidence, by=by, today=today)
    added = f" with evidence {outcome.evidence_id}" if outcome.evidence_id else " (no new evidence)"
    from persona_cli.domain.hidden import reveal  # a file name can hold a bidirectional override

    sys.stdout.write(reveal(f"{source.display}: review of {outcome.reviewed} recorded{added}\n"))
    age = outcome.age
    days = age.age_days if age.age_days is not None else 0
    sys.stdout.write(
        f"{outcome.id}: {age.status}, {days} day{'' if days == 1 else 's'} since the last "
        f"refresh; next review due {outcome.next_due} (every {age.interval_days} days), as "
        "persona age will report it once this change is committed\n"
    )
    if outcome.status == "draft" and outcome.evidence_id:
        sys.stdout.write(
            f"{outcome.id}: status is draft; set it to validated when the evidence backs it\n"
        )
