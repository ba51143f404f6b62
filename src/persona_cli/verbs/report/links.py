"""Where a file (and line) of the set is linked from the report, and the checked `--link-base`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Linker:
    """Where a file (and line) of the set is linked from the report.

    With `base` (e.g. `https://github.com/org/repo/blob/main/`): `base + path in the
    repository + #L<line>`. Without: the file's path relative to `out_dir`, so the link
    works when the report folder is opened from disk (the line is shown beside it)."""

    out_dir: Path
    base: str | None = None
    root: Path | None = None

    def href(self, path: Path, line: int | None = None) -> str:
        """The link, its path percent-encoded: a file name holding a hidden character, a
        space, `#` or `?` still links to the file (the page shows the name revealed)."""
        from urllib.parse import quote

        absolute = Path(os.path.abspath(path))  # noqa: PTH100 - keep symlinks' own names
        if self.base is not None:
            root = self.root or Path.cwd()
            try:
                relative = absolute.relative_to(root).as_posix()
            except ValueError:
                relative = absolute.as_posix().lstrip("/")
            base = self.base if self.base.endswith("/") else self.base + "/"
            return f"{base}{quote(relative)}" + (f"#L{line}" if line else "")
        relative = Path(os.path.relpath(absolute, os.path.abspath(self.out_dir))).as_posix()  # noqa: PTH100
        return quote(relative)


def checked_link_base(value: str | None) -> str | None:
    """`--link-base` as given, if it is an http(s) URL with a host or a relative path; a
    usage error otherwise. Every link of the report starts with it, so a `javascript:`,
    `data:` or `file:` base, or a `//host` one that leaves for another site, is refused.
    Browsers drop tabs and newlines inside a URL and leading spaces and controls, and read a
    backslash as a slash, so such characters are refused rather than guessed about."""
    import unicodedata
    from urllib.parse import urlsplit

    from persona_cli.domain.errors import UsageError

    if value is None:
        return None
    hint = "pass an http(s) URL (e.g. https://github.com/org/repo/blob/main/) or a relative path"
    if not value or any(unicodedata.category(char)[0] in "CZ" for char in value):
        raise UsageError(
            f"--link-base {value!r}: empty, or holds spaces, control or invisible characters",
            hint=hint,
        )
    if "\\" in value:
        raise UsageError(f"--link-base {value!r}: holds a backslash", hint=hint)
    parts = urlsplit(value)
    if parts.scheme:
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(
                f"--link-base {value!r}: only http:// and https:// URLs or relative paths "
                "are allowed",
                hint=hint,
            )
    elif value.startswith("//") or parts.netloc or ":" in value.split("/")[0]:
        raise UsageError(
            f"--link-base {value!r}: only http:// and https:// URLs or relative paths are allowed",
            hint=hint,
        )
    return value


def repository_root(start: Path) -> Path | None:
    """The work tree holding `start` (the folder with `.git`), found without running git."""
    current = Path(os.path.abspath(start))  # noqa: PTH100
    for folder in (current, *current.parents):
        if (folder / ".git").exists():
            return folder
    return None
