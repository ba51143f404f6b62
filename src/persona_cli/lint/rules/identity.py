"""Identity and references across the set of personas (codes I001-I007).

These need more than one file: they run after every file is read, on the whole set, so
they still hold when only some files are passed (pre-commit passes just the staged ones).
"""

from __future__ import annotations

from persona_cli.domain.result import Severity
from persona_cli.lint.rules.base import Rule


class IdMismatch(Rule):
    """The persona's `id` differs from its file name.

    Ids are how personas refer to each other (`extends`, committees) and how git history
    follows them; keeping `id` equal to the file's stem means one name for one persona.

    Failing (`personas/ciso.yaml`):

        id: ciso-risk-averse

    Passing (`personas/ciso-risk-averse.yaml`):

        id: ciso-risk-averse
    """

    code = "I001"
    name = "id-mismatch"
    family = "identity"


class DuplicateId(Rule):
    """Two files declare the same persona `id`.

    References to the id would be ambiguous. Reported on every file after the first (in
    path order), naming the first.

    Failing: `buyers/ciso.yaml` and `archive/ciso.yaml` both with `id: ciso`.

    Passing: rename or retire one of them.
    """

    code = "I002"
    name = "duplicate-id"
    family = "identity"


class UnknownExtends(Rule):
    """`extends` names a persona that does not exist.

    A persona that extends another (an individual profile of a buyer, a buyer and a user
    built on one shared persona) inherits everything it does not set itself, so the parent
    must be in the set. An id that names a segment is reported too: a persona cannot
    inherit from an account segment (say which segment it belongs to in `segment`).

    Failing:

        id: carla-at-acme
        kind: individual
        extends: cisco-risk-averse

    Passing:

        id: carla-at-acme
        kind: individual
        extends: ciso-risk-averse
    """

    code = "I003"
    name = "unknown-extends"
    family = "identity"


class ExtendsCycle(Rule):
    """`extends` chains loop back on themselves.

    A persona cannot inherit from itself, directly or through others, since there would be
    no base to merge onto.

    Failing: `a` extends `b` and `b` extends `a`.

    Passing: `a` extends `b`; `b` extends nothing.
    """

    code = "I004"
    name = "extends-cycle"
    family = "identity"


class BrokenExtends(Rule):
    """The `extends` parent exists, but the chain cannot be merged.

    The parent's file cannot be read or is not a valid persona, or its own chain is broken
    (a missing grandparent, a loop further up). The persona's inherited values are then
    unknown, so its content is not checked (nor scored) until the chain is fixed: this
    finding says so instead of passing it in silence. Fix the file it names.

    Failing: `carla-q3` extends `carla`, which extends `ciso-typo` (no such persona).

    Passing: `carla` extends `ciso-risk-averse`, which exists and is valid.
    """

    code = "I005"
    name = "broken-extends"
    family = "identity"


class AddWithoutExtends(Rule):
    """`add` in a persona that extends nothing.

    `add` appends to lists inherited through `extends`; without a parent it has nothing to
    add to and is ignored. Move its lists into the persona's own fields, or name the parent.

    Failing:

        id: devrel-buyer
        add:
          goals: [Ship the SDK integration this quarter]

    Passing:

        id: devrel-buyer
        extends: developer
        add:
          goals: [Ship the SDK integration this quarter]
    """

    code = "I006"
    name = "add-without-extends"
    family = "identity"


class ExtendsRetired(Rule):
    """`extends` leads to a retired persona.

    A retired persona is no longer reviewed nor linted, yet a persona that extends it (or
    extends one that does) still inherits every value it does not set itself, so retired
    text reaches live briefings unchecked. Extend a live persona, or copy into this one
    what it still needs and drop `extends`. Not reported on a persona that is retired
    itself. The chain is still merged: the persona is linted and scored as before.

    Failing:

        # ciso.yaml
        id: ciso
        status: retired
        # carla-at-acme.yaml
        id: carla-at-acme
        extends: ciso

    Passing: `extends: ciso-2026`, a validated persona.
    """

    code = "I007"
    name = "extends-retired"
    family = "identity"
    severity = Severity.warning


RULES: tuple[type[Rule], ...] = (
    IdMismatch,
    DuplicateId,
    UnknownExtends,
    ExtendsCycle,
    BrokenExtends,
    AddWithoutExtends,
    ExtendsRetired,
)
