"""libyaml composes YAML text into light nodes: the one parse that reading and editing share.

The C extension (libyaml via `_ruamel_yaml.CParser`) scans, parses and composes a node
tree; `compose` hands it back built from the classes below. The read path
(`io.yaml_read`) walks it into data and locations, the edit path (`io.yaml_edit`) into the
outline of the text. No round-trip mode here: it is several times slower, and locations
come from the nodes anyway.
"""

from __future__ import annotations

import re
from _thread import allocate_lock
from typing import Any

import _ruamel_yaml
from _ruamel_yaml import CParser
from ruamel.yaml.resolver import VersionedResolver

#: Which parser reads persona files; a test asserts it is the C one.
PARSER_BACKEND = "libyaml"


def parser_versions() -> tuple[str, str]:
    """The versions of ruamel.yaml and of the libyaml its C extension wraps: a parse stored
    between runs (git/blobcache) is only good for the parser that made it."""
    import ruamel.yaml

    return str(ruamel.yaml.__version__), str(_ruamel_yaml.get_version_string())


TAG_PREFIX = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    TAG_PREFIX + "str",
    TAG_PREFIX + "int",
    TAG_PREFIX + "float",
    TAG_PREFIX + "bool",
    TAG_PREFIX + "null",
    TAG_PREFIX + "timestamp",
)
MAP, SEQ, MERGE = TAG_PREFIX + "map", TAG_PREFIX + "seq", TAG_PREFIX + "merge"
ALLOWED_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, MAP, SEQ})


def _implicit_resolvers() -> dict[str, list[tuple[str, re.Pattern[str]]]]:
    """ruamel's YAML 1.2 implicit resolvers, by first character, with plain-string tags."""
    table = VersionedResolver().versioned_resolver  # no loader: the default version, 1.2
    anywhere = [(str(tag), regexp) for tag, regexp in table.get(None, [])]
    return {
        first: [(str(tag), regexp) for tag, regexp in entries] + anywhere
        for first, entries in table.items()
        if first is not None
    }


_IMPLICIT = _implicit_resolvers()


class Node:
    """A node as libyaml's composer builds it, without ruamel's per-node `Tag` object.

    ruamel's own node classes wrap every tag in a `Tag` and render it back to text on each
    access, which was a quarter of the load time. The C composer creates nodes through the
    names `ScalarNode`, `SequenceNode` and `MappingNode` in its module, so `compose` puts
    these classes there for the duration of one parse (and only then: a round-trip load
    elsewhere still gets ruamel's).

    That module is private, so ruamel.yaml and ruamel.yaml.clib are pinned to exact versions
    and tests/test_library_canaries.py checks, on every run, that the names exist and that the
    composer really builds these classes; `_SWAP` makes the swap one parse at a time. The
    public alternative, composing from the parser's own events (`CParser.get_event`), builds
    the same trees but was a third slower to compose (a fifth per file read): every event is
    a Python object built through three `__init__` calls."""

    __slots__ = ("anchor", "comment", "end_mark", "start_mark", "style", "tag", "value")

    def __init__(
        self,
        tag: str,
        value: Any,
        start_mark: Any = None,
        end_mark: Any = None,
        style: Any = None,
        comment: Any = None,
        anchor: Any = None,
    ) -> None:
        self.tag = tag
        self.value = value
        self.start_mark = start_mark
        self.end_mark = end_mark
        self.style = style
        self.comment = comment
        self.anchor = anchor


class ScalarNode(Node):
    __slots__ = ()


class SequenceNode(Node):
    __slots__ = ()


class MappingNode(Node):
    __slots__ = ()


_DEFAULT_TAGS: dict[type[Node], str] = {
    ScalarNode: STR,
    SequenceNode: SEQ,
    MappingNode: MAP,
}
_NODE_CLASSES = {"ScalarNode": ScalarNode, "SequenceNode": SequenceNode, "MappingNode": MappingNode}
#: Held while our classes are in `_ruamel_yaml`: two threads parsing at once would otherwise
#: restore each other's classes mid-parse (the names are process-wide). The lock is the
#: low-level one `threading.Lock` is: `persona textconv` (once per blob) starts no thread.
_SWAP = allocate_lock()


class _Loader(CParser):  # type: ignore[misc]
    """libyaml's scanner, parser and composer with YAML 1.2 resolution (no `yes`/`no`
    booleans). `resolve` stands in for ruamel's resolver, which re-derives the YAML version
    on every scalar and was most of the load time; the rules it applies are ruamel's own
    (`_IMPLICIT`), and the composer needs nothing else from a resolver."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)

    # Path-based resolvers are not used: nothing to track while descending.
    def descend_resolver(self, parent: Any, index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            assert value is not None
            for tag, regexp in _IMPLICIT.get(value[:1], ()):
                if regexp.match(value):
                    return tag
        return _DEFAULT_TAGS[kind]


def tag_of(node: Node) -> str:
    return node.tag or ""


def compose(text: str) -> Node | None:
    """libyaml scans, parses and composes `text` into our light nodes."""
    with _SWAP:
        saved = {name: getattr(_ruamel_yaml, name) for name in _NODE_CLASSES}
        for name, cls in _NODE_CLASSES.items():
            setattr(_ruamel_yaml, name, cls)
        try:
            root: Node | None = _Loader(text).get_single_node()
        finally:
            for name, cls in saved.items():
                setattr(_ruamel_yaml, name, cls)
    return root


def position(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def short_tag(tag: str | None) -> str:
    tag = tag or "!"
    return "!!" + tag[len(TAG_PREFIX) :] if tag.startswith(TAG_PREFIX) else tag
