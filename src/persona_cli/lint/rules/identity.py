"""Identity and references across the set of personas (codes I001-I004).

These need more than one file: they run after every file is read, on the whole set, so
they still hold when only some files are passed (pre-commit passes just the staged ones).
"""

from __future__ import annotations

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

    An individual profile extends a persona (market to personas, sell to people) and
    inherits everything it does not override, so the parent must be in the set.

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


RULES: tuple[type[Rule], ...] = (IdMismatch, DuplicateId, UnknownExtends, ExtendsCycle)
