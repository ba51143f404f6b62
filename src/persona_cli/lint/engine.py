"""Runs the checks over a set of files and returns a `LintResult`. Never prints.

Per file (in worker processes when there are many): read, parse, validate, run the persona
rules, score completeness. Each file is reduced to a small `FileRecord` (its findings, its
suppression comments and the few fields cross-file checks need), so memory does not grow
with the number of clean files. Then, once over the records: identity checks, personas that
extend another merged with their parents and linted, set-level rules, and finally selection,
per-file ignores, severities and suppressions from the settings.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from persona_cli.domain import completeness
from persona_cli.domain import teams as team_choice
from persona_cli.domain.model import EXTENSION_PREFIX, Persona, Status
from persona_cli.domain.result import Finding, LintResult, PersonaScore, Severity, field_path_of
from persona_cli.io.discovery import SourceFile
from persona_cli.io.file_read import DEFAULT_MAX_BYTES
from persona_cli.io.parallel import forked_map
from persona_cli.io.settings import Settings
from persona_cli.io.yaml_read import Document, extension_stretches
from persona_cli.lint import suppress
from persona_cli.lint.rules import identity
from persona_cli.lint.rules.api import (
    Member,
    PersonaRule,
    RuleOptions,
    SetRule,
    Statement,
    Target,
    TextRule,
    prose_strings,
)
from persona_cli.lint.rules.catalogue import (
    COMMITTEE_RULES,
    PERSONA_RULES,
    REGISTRY,
    SET_RULES,
    TEXT_RULES,
)
from persona_cli.lint.rules.committee import (
    CommitteeRule,
    CommitteeView,
    PersonaFacts,
    SegmentFacts,
    Unreadable,
)
from persona_cli.load import extends
from persona_cli.load.personaset import Data, Record, merge_chain, merges, read


@dataclass(frozen=True)
class Engine:
    """The rules to run, built once from the settings, and the date to judge ages by."""

    settings: Settings
    today: dt.date
    persona_rules: tuple[PersonaRule, ...]
    set_rules: tuple[SetRule, ...]
    max_bytes: int = DEFAULT_MAX_BYTES
    committee_rules: tuple[CommitteeRule, ...] = ()
    text_rules: tuple[TextRule, ...] = ()

    @classmethod
    def build(
        cls,
        settings: Settings | None = None,
        *,
        today: dt.date | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Engine:
        settings = settings or Settings()
        persona_rules = tuple(
            rule(_options(rule.Options, settings.options(rule.code)))
            for rule in PERSONA_RULES
            if settings.selected(rule.code)
        )
        set_rules = tuple(
            rule(_options(rule.Options, settings.options(rule.code)))
            for rule in SET_RULES
            if settings.selected(rule.code)
        )
        committee_rules = tuple(
            rule(_options(rule.Options, settings.options(rule.code)))
            for rule in COMMITTEE_RULES
            if settings.selected(rule.code)
        )
        text_rules = tuple(
            rule(_options(rule.Options, settings.options(rule.code)))
            for rule in TEXT_RULES
            if settings.selected(rule.code)
        )
        return cls(
            settings,
            today or dt.date.today(),
            persona_rules,
            set_rules,
            max_bytes,
            committee_rules,
            text_rules,
        )

    @functools.cached_property
    def statement_fields(self) -> frozenset[str]:
        """The fields whose own entries the set rules compare across personas."""
        return frozenset().union(*(rule.statement_fields() for rule in self.set_rules))

    @functools.cached_property
    def uses_prose(self) -> bool:
        return any(rule.uses_prose for rule in self.persona_rules)

    def skips(self, persona: Persona) -> bool:
        return persona.status == Status.retired and not self.settings.include_retired

    def teams_of(self, persona: Persona, display: str) -> team_choice.Teams:
        """The teams `persona` (merged with its parents) is written for."""
        kind = persona.kind.value
        configured = self.settings.configured_teams(display, kind)
        return team_choice.resolve(persona.teams, kind=kind, configured=configured)

    def check_text(self, text: str, display: str) -> list[Finding]:
        """The text rules' findings on one file's decoded text. Inside extension entries
        (`x-...` keys and their values), a team's own data, only the rules that read them
        report (a hidden bidirectional control is a threat wherever it sits). Where the
        text does not parse, every finding stands."""
        hits = [(rule, hit) for rule in self.text_rules for hit in rule.check_text(text)]
        if any(not rule.reads_extensions for rule, _ in hits):  # rare: parse only then
            stretches = extension_stretches(text, EXTENSION_PREFIX)
            hits = [
                (rule, hit)
                for rule, hit in hits
                if rule.reads_extensions
                or not any(start <= (hit.line, hit.column) < end for start, end in stretches)
            ]
        return [rule.finding(display, hit.line, hit.column, hit.message) for rule, hit in hits]

    def run_rules(
        self,
        document: Document,
        persona: Persona,
        data: Data,
        display: str,
        prose: Prose | None = None,
    ) -> list[Finding]:
        """The persona rules' findings; `prose` is the file's own prose strings when the
        caller has them already."""
        chosen = self.teams_of(persona, display).chosen
        if not self.uses_prose:
            prose = []
        elif prose is None:
            prose = prose_strings(document.data)
        target = Target(
            persona=persona,
            data=data,
            own=document.data,
            today=self.today,
            prose=tuple(prose),
            teams=chosen,
        )
        findings: list[Finding] = []
        for rule in self.persona_rules:
            if not rule.applies(persona, chosen):
                continue
            for hit in rule.check(target):
                if hit.anchor == "key":
                    line, column = document.locate_key(hit.path)
                else:
                    line, column = document.locate(hit.path)
                findings.append(
                    rule.finding(
                        display, line, column, hit.message, field_path=field_path_of(hit.path)
                    )
                )
        return findings


#: A file's prose strings with their paths (`prose_strings`).
Prose = list[tuple[tuple[str | int, ...], str]]


def _options(model: type[RuleOptions], configured: dict[str, Any]) -> RuleOptions:
    """A rule's options: validated when the configuration sets any, else the model's defaults
    as they are. Building an option model's validator costs more than linting a file, and
    defaults need none (tests/test_engine_options.py holds the two equal for every rule)."""
    return model.model_validate(configured) if configured else model.model_construct()


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What cross-file checks need from one file, plus that file's own findings."""

    display: str
    stem: str
    id: str | None = None
    id_position: tuple[int, int] = (1, 1)
    extends: str | None = None
    extends_position: tuple[int, int] = (1, 1)
    name: str | None = None
    name_position: tuple[int, int] = (1, 1)
    kind: str | None = None
    kind_position: tuple[int, int] = (1, 1)
    status: str | None = None
    valid: bool = False
    findings: tuple[Finding, ...] = ()
    suppressions: tuple[suppress.Suppression, ...] = ()
    score: PersonaScore | None = None
    source: SourceFile | None = field(default=None, compare=False)
    #: What the committee rules need: a persona's segment and decision, or a segment's seats.
    facts: PersonaFacts | SegmentFacts | None = None
    #: The file could not be read at all (no document): a seat naming it is told so.
    unreadable: bool = False
    #: A document was built despite loader findings (a duplicate key, a refused tag): its
    #: rules still run, but it is not scored, as no other command reads such a file.
    misread: bool = False
    #: The file's own entries in the fields the set rules compare (`Engine.statement_fields`).
    statements: tuple[Statement, ...] = ()

    @property
    def is_segment(self) -> bool:
        return self.kind == "segment"


def _text_field(record: Record, key: str) -> tuple[str | None, tuple[int, int]]:
    value = record.own(key)
    if value is None or record.document is None:
        return None, record.document.root if record.document is not None else (1, 1)
    return value, record.document.locate((key,))


def check_file(source: SourceFile, engine: Engine, *, report: bool = True) -> FileRecord:
    """Read, validate (the load stage's `read`) and lint one file; the record carries its
    findings. A file read only as context for the reported ones (`report=False`) gives what
    the cross-file checks need (ids, facts, statements) and skips its own rules, whose
    findings nobody would see."""
    record = read(source, max_bytes=engine.max_bytes, text=report)
    findings = list(record.loader_problems)
    text = record.text if report else None
    notes = suppress.parse(text) if text else ()
    if text:  # also when the text does not parse: the characters are there all the same
        # One character, one finding: a control character YAML refuses is the loader's Y001.
        refused = {(f.line, f.column) for f in record.loader_problems if f.code == "Y001"}
        findings.extend(
            finding
            for finding in engine.check_text(text, source.display)
            if (finding.line, finding.column) not in refused
        )
    findings.extend(record.schema_problems)
    document = record.document
    if document is None:
        return FileRecord(
            source.display,
            source.path.stem,
            findings=tuple(findings),
            suppressions=notes,
            unreadable=True,
        )
    if record.is_segment:
        return _check_segment(record, document, findings, notes)
    persona = record.persona
    prose = functools.cache(lambda: prose_strings(document.data))  # read once, if at all
    persona_id, id_position = _text_field(record, "id")
    extends_id, extends_position = _text_field(record, "extends")
    name, name_position = _text_field(record, "name")
    kind, kind_position = _text_field(record, "kind")
    score = None
    if report and "add" in document.data and extends_id is None:
        line, column = document.locate_key(("add",))
        findings.append(
            identity.AddWithoutExtends.finding(
                source.display,
                line,
                column,
                "`add` appends to inherited lists, but this persona extends nothing; "
                "name its parent in `extends`, or move the lists into its own fields",
            )
        )
    # A persona that extends another is linted merged with its parents, once all are read.
    if report and persona is not None and not merges(persona):
        chosen = engine.teams_of(persona, source.display).chosen
        score = (
            None
            if record.misread
            else completeness.score(document.data, path=source.display, teams=chosen)
        )
        if not engine.skips(persona):
            findings.extend(
                engine.run_rules(document, persona, document.data, source.display, prose())
            )
    return FileRecord(
        display=source.display,
        stem=source.path.stem,
        id=persona_id,
        id_position=id_position,
        extends=extends_id,
        extends_position=extends_position,
        name=name,
        name_position=name_position,
        kind=kind,
        kind_position=kind_position,
        status=record.own("status"),
        valid=persona is not None,
        findings=tuple(findings),
        suppressions=notes,
        score=score,
        source=source,
        facts=_persona_facts(record, persona_id, engine),
        misread=record.misread,
        statements=_statements(document, engine, prose()) if persona is not None else (),
    )


def _statements(document: Document, engine: Engine, prose: Prose) -> tuple[Statement, ...]:
    """The file's own prose entries in the fields the set rules compare; an entry under
    `add` belongs to the field it is added to."""
    wanted = engine.statement_fields
    if not wanted:
        return ()
    out: list[Statement] = []
    for path, text in prose:
        keys = [key for key in path if isinstance(key, str)]
        if keys[:1] == ["add"]:
            keys = keys[1:]
        field = ".".join(keys)
        if field in wanted and text.strip():
            line, column = document.locate(path)
            out.append(Statement(field, path, text, line, column))
    return tuple(out)


def _persona_facts(record: Record, persona_id: str | None, engine: Engine) -> PersonaFacts | None:
    if persona_id is None or not engine.committee_rules or record.document is None:
        return None
    return PersonaFacts(
        display=record.display,
        id=persona_id,
        status=record.own("status"),
        segment=record.own("segment"),
        segment_position=record.locate(("segment",)),
        decision=_decision_text(record.document.data.get("decision")),
    )


def _check_segment(
    record: Record,
    document: Document,
    findings: list[Finding],
    notes: tuple[suppress.Suppression, ...],
) -> FileRecord:
    """A `kind: segment` file: validated against the segment model, never the persona's."""
    segment = record.segment
    segment_id, id_position = _text_field(record, "id")
    name, name_position = _text_field(record, "name")
    facts = None
    if segment is not None:
        firmographics = segment.firmographics
        revenue = firmographics.revenue_range if firmographics else None
        employees = firmographics.employee_range if firmographics else None
        seats = tuple(segment.committee or ())
        facts = SegmentFacts(
            display=record.display,
            id=segment.id,
            seats=seats,
            seat_positions=tuple(
                document.locate(("committee", index, "persona")) for index in range(len(seats))
            ),
            committee_position=document.locate_key(("committee",)),
            revenue_min=revenue.min if revenue else None,
            employees_min=employees.min if employees else None,
        )
    return FileRecord(
        display=record.display,
        stem=record.source.path.stem,
        id=segment_id,
        id_position=id_position,
        name=name,
        name_position=name_position,
        kind="segment",
        kind_position=document.locate(("kind",)),
        valid=segment is not None,
        findings=tuple(findings),
        suppressions=notes,
        source=record.source,
        facts=facts,
    )


def lint(
    sources: list[SourceFile],
    *,
    engine: Engine | None = None,
    context: list[SourceFile] | None = None,
    jobs: int | None = None,
) -> LintResult:
    """Lint `sources` and return every finding about them.

    `context` is the whole set the sources belong to (for example every persona in the
    repository when pre-commit passes only the staged files): it takes part in cross-file
    checks (ids, `extends`, set rules), but only findings about `sources` are reported.
    """
    engine = engine or Engine.build()
    wanted = {source.display for source in sources}
    extra = [s for s in context or [] if s.display not in wanted]
    # Workers are forked, so they inherit the engine (compiled rules) instead of unpickling it.
    records = forked_map(
        functools.partial(_check_item, engine=engine),
        [*((source, True) for source in sources), *((source, False) for source in extra)],
        jobs=jobs,
    )
    findings: list[Finding] = [f for record in records for f in record.findings]
    scores = {record.display: record.score for record in records if record.score}
    known = [r for r in records if r.id is not None and not r.is_segment]
    segments = [r for r in records if r.id is not None and r.is_segment]
    # A file without an id (unreadable, or invalid without one) is known by its name, so
    # a persona extending it is told what is wrong with its parent.
    unnamed = [r for r in records if r.id is None and not r.is_segment]
    findings.extend(cross_file_findings(known, unnamed, segments))
    findings.extend(cross_file_findings(segments))
    child_findings, child_scores, child_facts = _lint_children(known, engine, wanted)
    findings.extend(_committee_findings(records, engine, child_facts))
    findings.extend(child_findings)
    scores.update(child_scores)
    findings.extend(_set_findings(known, engine))
    result = LintResult(files=len(sources))
    # Only the reported files' comments: a context file's suppression must not be judged
    # unused because its findings were left out.
    notes = {r.display: r.suppressions for r in records if r.display in wanted}
    result.findings = _finalise([f for f in findings if f.path in wanted], notes, engine.settings)
    result.personas = sorted(
        (score for path, score in scores.items() if path in wanted), key=lambda s: s.path
    )
    return result


def _check_item(item: tuple[SourceFile, bool], engine: Engine) -> FileRecord:
    """`check_file` for one (file, reported) pair: the form `forked_map` hands out."""
    source, report = item
    return check_file(source, engine, report=report)


def _finalise(
    findings: list[Finding],
    notes: dict[str, tuple[suppress.Suppression, ...]],
    settings: Settings,
) -> list[Finding]:
    """Apply selection, per-file ignores, severities and suppressions."""
    kept = [
        _graded(f, settings)
        for f in findings
        if settings.selected(f.code) and not settings.ignored_for(f.code, f.path)
    ]
    by_path: dict[str, list[Finding]] = {}
    for finding in kept:
        by_path.setdefault(finding.path, []).append(finding)
    for path, comments in notes.items():
        if comments:
            by_path.setdefault(path, [])
    severity_of = {code: settings.severity(code, rule.severity) for code, rule in REGISTRY.items()}
    out: list[Finding] = []
    for path, group in by_path.items():
        applied = suppress.apply(group, notes.get(path, ()), path, severity_of)
        out.extend(
            f
            for f in applied
            if f.code[0] != "U"
            or (settings.selected(f.code) and not settings.ignored_for(f.code, path))
        )
    return sorted(out, key=Finding.sort_key)


def _graded(finding: Finding, settings: Settings) -> Finding:
    severity = settings.severity(finding.code, finding.severity)
    return finding if severity == finding.severity else replace(finding, severity=severity)


def _lint_children(
    records: list[FileRecord], engine: Engine, wanted: set[str]
) -> tuple[list[Finding], dict[str, PersonaScore], dict[str, PersonaFacts]]:
    """Merge each persona that extends another with its parent chain, then lint and score
    the result (content rules see the merged persona; their findings point into the
    persona's own file), and give the committee rules its merged facts (an inherited
    `segment` or `decision` is the child's as much as one it writes). A child read only as
    context (not in `wanted`) gives its facts; its findings would not be reported.

    The workers kept only facts, so the chain's files are read again here (the load stage's
    `read` and `merge_chain`), only for personas that extend another and their parents."""
    links = _links(records)
    findings: list[Finding] = []
    scores: dict[str, PersonaScore] = {}
    facts: dict[str, PersonaFacts] = {}
    for record in records:
        if not (record.valid and record.extends):
            continue
        resolution = extends.resolve(_link(record), links)
        if resolution.problem is not None or record.source is None:
            continue  # unknown parent, broken chain or a cycle: reported by the identity checks
        chain = [link.item for link in resolution.chain]
        loaded = [read(link.source, max_bytes=engine.max_bytes) for link in chain if link.source]
        merged = merge_chain(loaded) if len(loaded) == len(chain) else None
        own = loaded[0].document if loaded else None
        if own is None or loaded[0].persona is None:
            continue  # changed on disk since it was read: its own findings say so
        if merged is None:
            if record.display not in wanted:
                continue
            line, column = record.extends_position
            findings.append(
                identity.BrokenExtends.finding(
                    record.display,
                    line,
                    column,
                    f"merged with its parents ({' -> '.join(link.id for link in resolution.chain)})"
                    ", it is not a valid persona; fix the files of the chain "
                    "(persona show says which values come from where)",
                )
            )
            continue
        data, persona = merged
        if isinstance(record.facts, PersonaFacts):
            facts[record.display] = _merged_facts(record.facts, data, own.data, record)
        if record.display not in wanted:
            continue  # context: its facts count, its own findings are not reported
        if not any(link.misread for link in chain):
            chosen = engine.teams_of(persona, record.display).chosen
            scores[record.display] = completeness.score(data, path=record.display, teams=chosen)
        if not engine.skips(loaded[0].persona):
            findings.extend(engine.run_rules(own, persona, data, record.display))
    return findings, scores, facts


def _merged_facts(facts: PersonaFacts, data: Data, own: Data, record: FileRecord) -> PersonaFacts:
    """A child's committee facts from its merged data; an inherited segment is reported on
    the child's `extends`, where it comes from."""
    decision: object = data.get("decision")
    segment = data.get("segment")
    return replace(
        facts,
        segment=segment if isinstance(segment, str) else None,
        segment_position=facts.segment_position if "segment" in own else record.extends_position,
        decision=_decision_text(decision),
    )


def _decision_text(decision: object) -> str | None:
    """The `decision` section in a canonical text form (None when absent or empty), so
    two personas that decide identically compare equal."""
    return json.dumps(decision, sort_keys=True, default=str) if decision else None


def _link(record: FileRecord) -> extends.Link[FileRecord]:
    """The record as the `extends` walk sees it (its data is read again only when merged;
    None says the file could not be read at all)."""
    data: dict[str, object] | None = None if record.unreadable else {}
    return extends.Link(record.id or record.stem, record.extends, data, record.valid, record)


def _links(
    records: Iterable[FileRecord], unnamed: Iterable[FileRecord] = ()
) -> dict[str, extends.Link[FileRecord]]:
    """Records by id; the first by path wins a duplicate (which is a finding of its own).
    Files without an id come after, by file name."""
    links: dict[str, extends.Link[FileRecord]] = {}
    for record in sorted(records, key=lambda r: r.display):
        links.setdefault(record.id or "", _link(record))
    for record in sorted(unnamed, key=lambda r: r.display):
        links.setdefault(record.stem, _link(record))
    return links


def _set_findings(records: list[FileRecord], engine: Engine) -> list[Finding]:
    members = [
        Member(
            display=r.display,
            id=r.id or "",
            name=r.name,
            kind=r.kind,
            status=r.status,
            name_position=r.name_position,
            kind_position=r.kind_position,
            extends=r.extends,
            statements=r.statements,
        )
        for r in records
        if r.valid and (r.status != "retired" or engine.settings.include_retired)
    ]
    return [
        rule.finding(hit.display, hit.line, hit.column, hit.message, field_path=hit.field_path)
        for rule in engine.set_rules
        for hit in rule.check_set(members)
    ]


def _committee_findings(
    records: list[FileRecord], engine: Engine, merged: dict[str, PersonaFacts]
) -> list[Finding]:
    """The committee rules, once over every valid segment and every persona with an id
    (a persona that extends another as merged with its parents: `merged`, by path)."""
    if not engine.committee_rules:
        return []
    view = CommitteeView(
        segments=tuple(r.facts for r in records if isinstance(r.facts, SegmentFacts)),
        personas=tuple(
            merged.get(r.display, r.facts)
            for r in records
            if isinstance(r.facts, PersonaFacts) and not r.misread
        ),
        # A misread file (a duplicate key...) seats no one either: its first values are not
        # what the file unambiguously says.
        unreadable=tuple(
            Unreadable(r.stem, r.display) for r in records if r.unreadable or r.misread
        ),
    )
    return [
        rule.finding(hit.display, hit.line, hit.column, hit.message)
        for rule in engine.committee_rules
        for hit in rule.check_committees(view)
    ]


def cross_file_findings(
    records: list[FileRecord],
    unnamed: Iterable[FileRecord] = (),
    segments: Iterable[FileRecord] = (),
) -> list[Finding]:
    """Identity checks over the whole set: id = file stem, unique ids, `extends` resolves
    (to a persona, or to a file without an id among `unnamed`; an id of one of `segments`
    is told apart), its chain can be merged, and leads to no retired persona."""
    findings: list[Finding] = []
    first_by_id: dict[str, FileRecord] = {}
    for record in sorted(records, key=lambda r: r.display):
        assert record.id is not None
        line, column = record.id_position
        if record.id != record.stem:
            findings.append(
                identity.IdMismatch.finding(
                    record.display,
                    line,
                    column,
                    f"id '{record.id}' differs from the file name '{record.stem}'; "
                    f"rename the file to {record.id}.yaml or set id: {record.stem}",
                    field_path="id",
                )
            )
        first = first_by_id.setdefault(record.id, record)
        if first is not record:
            findings.append(
                identity.DuplicateId.finding(
                    record.display,
                    line,
                    column,
                    f"id '{record.id}' is already used by {first.display}; ids must be unique",
                    field_path="id",
                )
            )
    links = _links(records, unnamed)
    segment_files = {r.id: r.display for r in segments if r.id}
    for record in sorted(records, key=lambda r: r.display):
        if record.extends is None:
            continue
        line, column = record.extends_position
        own = extends.resolve(_link(record), links)
        if isinstance(own.end, extends.UnknownParent) and len(own.chain) == 1:
            segment = segment_files.get(record.extends)
            message = (
                f"extends '{record.extends}', which is a segment ({segment}), not a persona; "
                "name a persona's id, and put the segment in `segment`"
                if segment
                else f"extends '{record.extends}', but no persona has that id"
                + _suggest(record.id or "", record.extends, links)
            )
            findings.append(
                identity.UnknownExtends.finding(
                    record.display, line, column, message, field_path="extends"
                )
            )
            continue
        # A duplicate id's loop is the first file's (the one the id stands for).
        named = links[record.id or ""]
        resolution = own if named.item is record else extends.resolve(named, links)
        if isinstance(resolution.end, extends.Cycle) and resolution.end.through_start:
            findings.append(
                identity.ExtendsCycle.finding(
                    record.display,
                    line,
                    column,
                    f"extends loops back on itself: {' -> '.join(resolution.end.ids)}; "
                    "break the chain at one persona",
                    field_path="extends",
                )
            )
            continue
        # A child that is itself invalid is not checked either way: its own findings come first.
        problem = own.problem if record.valid else None
        if problem is not None and extends.blame(own.chain[0].id, problem) == "parent":
            findings.append(
                identity.BrokenExtends.finding(
                    record.display,
                    line,
                    column,
                    _broken(record.extends, problem, links),
                    field_path="extends",
                )
            )
        retired = [link.item for link in own.parents if link.item.status == "retired"]
        if retired and record.status != "retired":
            findings.append(
                identity.ExtendsRetired.finding(
                    record.display, line, column, _retired(record, retired), field_path="extends"
                )
            )
    return findings


def _retired(record: FileRecord, retired: list[FileRecord]) -> str:
    """Why inheriting from retired personas is a problem, naming them."""
    first = retired[0]
    where = (
        f"'{first.id}' ({first.display}) is retired"
        if first.id == record.extends
        else f"its chain leads to retired '{first.id}' ({first.display})"
    )
    return (
        f"extends '{record.extends}', but {where}: its values are no longer reviewed, yet "
        "this persona inherits them; extend a live persona, or copy what it still needs "
        "and drop `extends`"
    )


def _broken(
    parent: str, problem: extends.ChainProblem, links: dict[str, extends.Link[FileRecord]]
) -> str:
    """Why a chain whose first parent exists cannot be merged, and what to do."""
    later = "; until then this persona's content is not checked"
    if isinstance(problem, extends.Cycle):
        loop = " -> ".join(problem.ids)
        return f"extends '{parent}', whose chain loops ({loop}); break it at one persona" + later
    if isinstance(problem, extends.UnknownParent):
        where = links[problem.child].item.display
        return (
            f"extends '{parent}', which cannot be merged: {where} extends '{problem.parent}', "
            f"but no persona has that id; fix that file first" + later
        )
    where = links[problem.parent].item.display
    what = "cannot be read" if isinstance(problem, extends.UnreadableParent) else "is not valid"
    if problem.parent == parent:
        return f"extends '{parent}', whose file {where} {what}; fix that file first" + later
    return (
        f"extends '{parent}', which cannot be merged: {where} {what}; fix that file first" + later
    )


def _suggest(child: str, name: str, links: Mapping[str, extends.Link[FileRecord]]) -> str:
    close = extends.parent_suggestions(child, name, links)
    return f"; did you mean '{close[0]}'?" if close else "; check the id or add that persona"


__all__ = ["Engine", "FileRecord", "Severity", "check_file", "lint"]
