"""The only package that imports GitPython. Git failures become errors that say what to do.

- `_repo`: opening the repository, revisions, files changed since a ref.
- `diffing`: file contents at revisions and the files changed between two trees.
- `history`: streamed `git log` over persona paths, blob reads through one persistent
  `cat-file --batch`, shallow-clone and `.git-blame-ignore-revs` handling.
- `lives`: the deleted lives of a persona id.
- `blobcache`: parsed versions by blob id, kept inside `.git`.

`Repo` is GitPython's repository type, named here for annotations outside git/ (which
never import GitPython themselves).
"""

from typing import TYPE_CHECKING

from persona_cli.git._repo import changed_files, open_repo

if TYPE_CHECKING:
    from git import Repo as Repo

__all__ = ["changed_files", "open_repo"]
