"""The only package that imports GitPython. Git failures become errors that say what to do.

- `_repo`: opening the repository, revisions, files changed since a ref.
- `diffing`: file contents at revisions and the files changed between two trees.
- `history`: streamed `git log` over persona paths, blob reads through one persistent
  `cat-file --batch`, shallow-clone and `.git-blame-ignore-revs` handling.
"""

from persona_cli.git._repo import changed_files, open_repo

__all__ = ["changed_files", "open_repo"]
