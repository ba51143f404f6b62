"""The only package that runs git. Git failures become errors that say what to do.

- `plumbing`: the git executable driven directly (`Repository`: commands, a streamed
  command, one persistent `cat-file --batch`); what age, diff, log and report use, so
  they never import GitPython (slower to import than their whole work on a small set).
- `_repo`: GitPython's repository, for files changed since a ref (`lint --changed-since`).
- `diffing`: file contents at revisions and the files changed between two trees.
- `history`: streamed `git log` over persona paths, blob reads through one persistent
  `cat-file --batch`, shallow-clone and `.git-blame-ignore-revs` handling.
- `lives`: the deleted lives of a persona id.
- `blobcache`: parsed versions by blob id, kept inside `.git`.

`Repository` is named here for annotations outside git/.
"""

from persona_cli.git._repo import changed_files, open_repo
from persona_cli.git.plumbing import Repository, open_repository

__all__ = ["Repository", "changed_files", "open_repo", "open_repository"]
