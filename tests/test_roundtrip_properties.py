"""Property tests (hypothesis) of the round-trip edits: `persona fmt` and `persona review`.

Personas are drawn from a strategy built from the model's own fields (so a new field is
covered without touching this file), then written as YAML by a small emitter that shuffles
the keys, varies indentation and list style and quoting, and puts uniquely numbered comments
in many places: above keys, at the end of lines, between list items, between sections, at
the end of mappings and of the file. The properties:

- `fmt` keeps every comment and the parsed content, and puts keys in the schema's order;
- `fmt(fmt(x)) == fmt(x)`;
- `review` changes only `review.last_reviewed` and `evidence`, and keeps every comment.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import tempfile
import typing
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from persona_cli.domain.model import Persona
from persona_cli.io import yaml_edit, yaml_read
from persona_cli.io.discovery import SourceFile
from persona_cli.verbs import fmt as formatter
from persona_cli.verbs import review as reviewing

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TODAY = dt.datetime.now(dt.UTC).date()
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789 #:'\"-,.!?@&*[]{}|>%éß€",
    min_size=1,
    max_size=40,
)
SLUG = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
DATES = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2025, 12, 31))
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ]*[A-Za-z0-9]|[A-Za-z]")
_RESERVED = {"true", "false", "null", "y", "n", "yes", "no", "on", "off"}


class Block(str):
    """A string written as a `|` block scalar."""

    __slots__ = ()


# --- data from the model ----------------------------------------------------------------------


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """`X | None` and `Annotated[X, ...]` down to X, with the Annotated metadata."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation, metadata
            annotation = options[0]
        else:
            return annotation, metadata


def strategy_for(annotation: Any, *, top: bool = False) -> st.SearchStrategy[Any]:
    annotation, metadata = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if any(getattr(item, "pattern", None) for item in metadata):
        return SLUG
    if origin in (typing.Union, __import__("types").UnionType):
        return st.one_of(*(strategy_for(arg) for arg in typing.get_args(annotation)))
    if origin is list:
        [inner] = typing.get_args(annotation)
        return st.lists(strategy_for(inner), max_size=3)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_strategy(annotation, top=top)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from([member.value for member in annotation])
    if annotation is dt.date:
        return DATES.map(dt.date.isoformat)
    if annotation is int:
        return st.integers(min_value=1, max_value=5000)
    if annotation is str:
        return st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3).map(_block))
    raise AssertionError(f"no strategy for {annotation!r}")


def _block(lines: list[str]) -> Block:
    return Block("\n".join(line.strip() or "x" for line in lines) + "\n")


def model_strategy(model: type[BaseModel], *, top: bool = False) -> st.SearchStrategy[Any]:
    required = {}
    optional = {}
    for name, info in model.model_fields.items():
        strategy = strategy_for(info.annotation)
        if info.is_required():
            required[name] = strategy
        else:  # sometimes written but empty: `key:`, `key: ~`, `key: null`
            optional[name] = st.integers(0, 9).flatmap(
                lambda n, s=strategy: st.none() if n == 0 else s
            )
    if top:  # a file the id rule accepts, and sometimes a key the schema does not know
        required["id"] = st.just("p")
        optional["x_custom"] = TEXT
    return st.fixed_dictionaries(required, optional=optional)


PERSONAS = model_strategy(Persona, top=True)


# --- writing it as YAML, with comments everywhere ---------------------------------------------


class Emitter:
    def __init__(self, draw: st.DataObject) -> None:
        self.draw = draw
        self.comments: list[str] = []
        self.map_indent = draw.draw(st.sampled_from([2, 4]), label="mapping indent")
        self.offset = draw.draw(st.sampled_from([0, 2]), label="list offset")

    def maybe(self, probability: float = 0.3) -> bool:
        return self.draw.draw(st.integers(0, 99)) >= 100 - probability * 100

    def comment(self) -> str:
        text = f"# c{len(self.comments)} " + " ".join(self.draw.draw(st.lists(WORDS, max_size=3)))
        self.comments.append(text.rstrip())
        return text.rstrip()

    def eol(self) -> str:
        return f"  {self.comment()}" if self.maybe(0.2) else ""

    def above(self, pad: str, out: list[str], *, allowed: bool = True) -> None:
        if allowed and self.maybe(0.1):
            out.append("")
        if allowed and self.maybe(0.25):
            out.append(pad + self.comment())

    def scalar(self, value: Any) -> str:
        if value is None:
            return self.draw.draw(st.sampled_from(["~", "null"]))
        if isinstance(value, int):
            return str(value)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return value
        if _PLAIN.fullmatch(value) and value.lower() not in _RESERVED and self.maybe(0.7):
            return value
        if "\n" not in value and self.maybe(0.5):
            return "'" + value.replace("'", "''") + "'"
        return json.dumps(value)

    def mapping(self, data: dict[str, Any], indent: int, *, first_plain: bool = False) -> list[str]:
        pad = " " * indent
        out: list[str] = []
        keys = self.draw.draw(st.permutations(list(data)))
        for index, key in enumerate(keys):
            self.above(pad, out, allowed=not (first_plain and index == 0))
            out += self.entry(pad, indent, key, data[key])
        if self.maybe(0.15):
            out.append(pad + self.comment())
        return out

    def entry(self, pad: str, indent: int, key: str, value: Any) -> list[str]:
        eol = self.eol()
        if isinstance(value, dict):
            if not value:
                return [f"{pad}{key}: {{}}{eol}"]
            return [f"{pad}{key}:{eol}", *self.mapping(value, indent + self.map_indent)]
        if isinstance(value, list):
            if not value:
                return [f"{pad}{key}: []{eol}"]
            return [f"{pad}{key}:{eol}", *self.sequence(value, indent + self.offset)]
        if value is None and self.maybe(0.5):
            return [f"{pad}{key}:{eol}"]
        if isinstance(value, Block):
            inner = " " * (indent + self.map_indent)
            return [f"{pad}{key}: |{eol}", *(inner + line for line in value.splitlines())]
        return [f"{pad}{key}: {self.scalar(value)}{eol}"]

    def sequence(self, items: list[Any], indent: int) -> list[str]:
        pad = " " * indent
        out: list[str] = []
        for item in items:
            self.above(pad, out)
            if isinstance(item, dict) and item:
                body = self.mapping(item, indent + 2, first_plain=True)
                out += [pad + "- " + body[0][indent + 2 :], *body[1:]]
            elif isinstance(item, dict):
                out.append(f"{pad}- {{}}{self.eol()}")
            else:
                text = item.rstrip("\n").replace("\n", " ") if isinstance(item, Block) else item
                out.append(f"{pad}- {self.scalar(text)}{self.eol()}")
        return out

    def document(self, data: dict[str, Any]) -> str:
        out: list[str] = []
        if self.maybe(0.5):
            out.append(self.comment())
            out.append("")
        out += self.mapping(data, 0)
        if self.maybe(0.3):
            out.append(self.comment())
        return "\n".join(out) + "\n"


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[str]]:
    data = draw(PERSONAS)
    emitter = Emitter(draw(st.data()))
    return emitter.document(data), emitter.comments


def parsed(text: str) -> dict[str, Any]:
    loaded = yaml_read.load_text(text, "p.yaml")
    assert loaded.document is not None, loaded.findings
    assert not loaded.findings, loaded.findings
    return loaded.document.data


def comments_of(text: str) -> Counter[str]:
    return Counter(comment for _, _, comment in yaml_edit.layout(text).comments)


def in_schema_order(data: Any, path: tuple[str, ...] = ()) -> bool:
    orders = formatter.canonical_orders()
    if isinstance(data, list):
        return all(in_schema_order(item, path) for item in data)
    if not isinstance(data, dict):
        return True
    known = orders.get(path)
    if known is not None:
        ranks = [known.index(key) if key in known else len(known) for key in data]
        if ranks != sorted(ranks):
            return False
    return all(in_schema_order(value, (*path, key)) for key, value in data.items())


# --- properties -------------------------------------------------------------------------------


@SETTINGS
@given(documents())
def test_fmt_keeps_every_comment_and_the_content(document: tuple[str, list[str]]) -> None:
    text, comments = document
    before = parsed(text)
    out = formatter.format_text(text, "p.yaml")
    assert parsed(out) == before
    kept = comments_of(out)
    for comment in comments:
        assert kept[comment] == 1, (comment, out)
    assert in_schema_order(parsed(out))


@SETTINGS
@given(documents())
def test_fmt_twice_is_fmt_once(document: tuple[str, list[str]]) -> None:
    text, _ = document
    once = formatter.format_text(text, "p.yaml", modeline="# yaml-language-server: $schema=x")
    assert formatter.format_text(once, "p.yaml", modeline="# yaml-language-server: $schema=x") == (
        once
    )


@SETTINGS
@given(documents(), st.booleans(), st.booleans())
def test_review_changes_only_review_and_evidence(
    document: tuple[str, list[str]], formatted: bool, with_evidence: bool
) -> None:
    text, comments = document
    if formatted:
        text = formatter.format_text(text, "p.yaml")
    before = parsed(text)
    evidence = reviewing.NewEvidence("survey", "Fresh: evidence # 2", 12, None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.yaml"
        path.write_text(text, encoding="utf-8")
        outcome = reviewing.record_review(
            SourceFile(path, "p.yaml"),
            reviewed=TODAY,
            evidence=evidence if with_evidence else None,
            by=None,
            today=TODAY,
        )
        after_text = path.read_text(encoding="utf-8")
    after = parsed(after_text)
    untouched = {"review", "evidence"}
    assert {k: v for k, v in after.items() if k not in untouched} == {
        k: v for k, v in before.items() if k not in untouched
    }
    old_review = before.get("review") if isinstance(before.get("review"), dict) else {}
    assert after["review"] == {**old_review, "last_reviewed": TODAY.isoformat()}
    old_evidence = before.get("evidence") or []
    if with_evidence:
        assert after["evidence"][:-1] == old_evidence
        assert after["evidence"][-1] == {
            "id": outcome.evidence_id,
            "type": "survey",
            "date": TODAY.isoformat(),
            "summary": "Fresh: evidence # 2",
            "sample_size": 12,
        }
    else:
        assert after.get("evidence") == before.get("evidence")
    kept = comments_of(after_text)
    for comment in comments:
        assert kept[comment] == 1, (comment, after_text)
