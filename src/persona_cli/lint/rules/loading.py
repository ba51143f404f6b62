"""Problems found while reading a file, before any model exists (codes Y001-Y011).

The YAML reader emits these; a file with a Y finding other than a duplicate key is not
validated further, but every other file is still linted. Codes and names come from
`domain.load_problems`, which the reader uses too, so the two cannot disagree.
"""

from __future__ import annotations

from persona_cli.domain import load_problems as problems
from persona_cli.domain.result import Severity
from persona_cli.lint.rules.base import Rule


class YamlSyntax(Rule):
    """The file is not valid YAML, cannot be read, or nests more than 64 levels deep.

    The parser stopped at the reported line and column; nothing after it could be read, so
    no other check runs on this file. Human output shows the offending lines with a caret.

    Failing:

        whole_person:
          fears: [losing the audit, being blamed
        decision:

    Passing:

        whole_person:
          fears: [losing the audit, being blamed]
        decision:
    """

    code = problems.YAML_SYNTAX.code
    name = problems.YAML_SYNTAX.name
    family = "yaml"


class DuplicateKey(Rule):
    """A key appears twice in the same mapping.

    YAML parsers disagree on which value wins, and editors hide the problem. The first value
    is kept and the duplicate is reported at its own line; merge the two entries.

    Failing:

        whole_person:
          fears: [losing the audit]
          fears: [being blamed]

    Passing:

        whole_person:
          fears: [losing the audit, being blamed]
    """

    code = problems.DUPLICATE_KEY.code
    name = problems.DUPLICATE_KEY.name
    family = "yaml"


class NotAMapping(Rule):
    """The document is not a mapping of fields (a top-level list or a bare value).

    A persona file holds exactly one persona as a mapping of field names to values; mapping
    keys must be plain scalars.

    Failing:

        - id: ciso
          name: Cautious Carla

    Passing:

        id: ciso
        name: Cautious Carla
    """

    code = problems.NOT_A_MAPPING.code
    name = problems.NOT_A_MAPPING.name
    family = "yaml"


class MultipleDocuments(Rule):
    """The file holds more than one YAML document (`---` separators).

    One file is one persona, so that its id matches its file name and git history follows
    it. Split the documents into separate files.

    Failing:

        id: ciso
        ---
        id: cfo

    Passing: one persona per file (`ciso.yaml`, `cfo.yaml`).
    """

    code = problems.MULTIPLE_DOCUMENTS.code
    name = problems.MULTIPLE_DOCUMENTS.name
    family = "yaml"


class EmptyFile(Rule):
    """The file is empty or holds only comments.

    Delete it, or start it with `persona new ID --kind buyer` to get every field with
    guidance comments.

    Failing: a `personas/ciso.yaml` of zero bytes.

    Passing:

        schema_version: 1
        id: ciso
        name: Cautious Carla
        kind: buyer
    """

    code = problems.EMPTY_FILE.code
    name = problems.EMPTY_FILE.name
    family = "yaml"


class NotUtf8(Rule):
    """The file is not valid UTF-8.

    Persona files are UTF-8 text. The reported position is the first byte that cannot be
    decoded; re-save the file as UTF-8 in your editor (often it was saved as Latin-1 or
    Windows-1252).

    Failing: a file containing the byte 0xE9 for "é" (Latin-1).

    Passing: the same text saved as UTF-8 ("é" is the two bytes 0xC3 0xA9).
    """

    code = problems.NOT_UTF8.code
    name = problems.NOT_UTF8.name
    family = "yaml"


class FileTooLarge(Rule):
    """The file is larger than the size limit (1 MiB by default).

    A persona is a page of text; a file this large is almost certainly not one (an export,
    a dump, a binary), and reading it would slow every lint run.

    Failing: a 5 MB `personas/export.yaml`.

    Passing: move the file out of the personas folder, or split it into personas.
    """

    code = problems.FILE_TOO_LARGE.code
    name = problems.FILE_TOO_LARGE.name
    family = "yaml"


class AliasExpansion(Rule):
    """YAML anchors and aliases expand beyond the limit, or refer to themselves.

    Aliases (`*name`) repeat an anchored value (`&name`). Nested aliases can expand
    exponentially (the "billion laughs" attack), so expansion is bounded; write the values
    out instead.

    Failing:

        a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        # ... and so on

    Passing:

        goals: [pass the audit, cut review time]
    """

    code = problems.ALIAS_EXPANSION.code
    name = problems.ALIAS_EXPANSION.name
    family = "yaml"


class UnsafeTag(Rule):
    """The file uses a YAML tag other than the plain data types.

    Tags such as `!!python/object`, `!!binary`, `!!set` or custom `!tags` can construct
    arbitrary objects in some loaders; persona files hold only strings, numbers, booleans,
    dates, lists and mappings, so such tags are refused. Merge keys (`<<`) are refused too:
    write the keys out.

    Failing:

        name: !!python/object:os.system "rm -rf /"

    Passing:

        name: Cautious Carla
    """

    code = problems.UNSAFE_TAG.code
    name = problems.UNSAFE_TAG.name
    family = "yaml"


class SpecialFile(Rule):
    """The path is a FIFO (named pipe), a socket or a device, not a regular file.

    Reading a FIFO waits for a writer that may never come, and a device can stream without
    end, so persona-cli opens nothing but regular files: the path is reported and every
    other file is still checked. Move the special file out of the personas folder (or give
    it a name that does not end in `.yaml`/`.yml`).

    Failing: `mkfifo personas/pipe.yaml`.

    Passing: `personas/ciso.yaml`, a regular file.
    """

    code = problems.SPECIAL_FILE.code
    name = problems.SPECIAL_FILE.name
    family = "yaml"


class SymlinkLoop(Rule):
    """The path is a symbolic link that leads back to itself (directly or through others).

    `a.yaml -> b.yaml -> a.yaml` points at no file at all; the system gives up after a
    few dozen hops. The loop is reported on the path and every other file is still checked.
    Point the link at the real file, or remove it.

    Failing: `ln -s b.yaml personas/a.yaml; ln -s a.yaml personas/b.yaml`.

    Passing: `ln -s ../shared/ciso.yaml personas/ciso.yaml`, a link to a file.
    """

    code = problems.SYMLINK_LOOP.code
    name = problems.SYMLINK_LOOP.name
    family = "yaml"


RULES: tuple[type[Rule], ...] = (
    YamlSyntax,
    DuplicateKey,
    NotAMapping,
    MultipleDocuments,
    EmptyFile,
    NotUtf8,
    FileTooLarge,
    AliasExpansion,
    UnsafeTag,
    SpecialFile,
    SymlinkLoop,
)

__all__ = ["RULES", "Severity"]
