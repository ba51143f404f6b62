"""Hidden characters (bidirectional controls, zero-width and control characters) in persona
text: the character classes, and every output that shows persona text writing them as a
visible escape (`<U+202E>`, or `\\u202e` in JSON), never raw.

Each output test works on a copy of the examples in a real git repository, with a
right-to-left override in Carla's name, a zero-width space in her summary and a
right-to-left isolate in a goal and in the segment's name. The raw characters are written
here with Python escapes only.
"""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import pytest

from persona_cli.domain import hidden
from tests.conftest import (
    MINIMAL,
    cli,
    copy_examples,
    git_in,
    init_repo,
    persona_bin,
    run_persona,
    write,
)

RLO, RLI, ZWSP = "\u202e", "\u2067", "\u200b"
RAW = (RLO, RLI, ZWSP)
NOW = "2026-11-22"


# --- the character classes -----------------------------------------------------------------------


def test_every_format_character_of_this_python_is_listed() -> None:
    """The classes are written out (computing them scans a million code points). Every format
    character of this Python's Unicode database is listed, and every listed one is a format
    character here or not yet assigned (listed ahead for a newer Python). A Unicode database
    newer than the list was checked against is skipped with the version to check next."""
    version = tuple(int(part) for part in unicodedata.unidata_version.split("."))
    checked = tuple(int(part) for part in hidden.UNICODE_VERSION.split("."))
    if version > checked:
        pytest.skip(
            f"Unicode {unicodedata.unidata_version} is newer than the list "
            f"({hidden.UNICODE_VERSION}): add its new format characters to hidden.FORMAT_RANGES"
        )
    listed = {point for low, high in hidden.FORMAT_RANGES for point in range(low, high + 1)}
    database = {p for p in range(0x110000) if unicodedata.category(chr(p)) == "Cf"}
    assert database <= listed
    assert all(unicodedata.category(chr(p)) in {"Cf", "Cn"} for p in listed)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "plain text, caf\u00e9, \u00a0no-break space",
            "plain text, caf\u00e9, \u00a0no-break space",
        ),
        ("vendor\u202e review", "vendor<U+202E> review"),
        ("\u2066a\u2069", "<U+2066>a<U+2069>"),
        ("pass\u200bword\ufeff", "pass<U+200B>word<U+FEFF>"),
        (
            "bell\x07 esc\x1b nel\x85 cr\r\n tab\t",
            "bell<U+0007> esc<U+001B> nel<U+0085> cr<U+000D>\n tab\t",
        ),
        ("line\u2028sep", "line<U+2028>sep"),
        ("tag\U000e0041", "tag<U+E0041>"),
        # Ordinary text: an emoji built with joiners, a flag tag sequence, Persian ZWNJ.
        ("\U0001f469\u200d\U0001f4bb", "\U0001f469\u200d\U0001f4bb"),
        ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\ufe0f\u200d\U0001f308"),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f", None),
        ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", None),
        # The same joiners where they only hide something.
        ("audit\u200dready", "audit<U+200D>ready"),
        ("\u200d\U0001f4bb", "<U+200D>\U0001f4bb"),
    ],
)
def test_reveal(text: str, shown: str | None) -> None:
    assert hidden.reveal(text) == (text if shown is None else shown)


def test_names() -> None:
    assert hidden.name(RLO) == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert hidden.name("\x1b") == "U+001B ESCAPE"
    assert hidden.name("\x9b") == "U+009B CONTROL SEQUENCE INTRODUCER"
    assert hidden.name("\x7f") == "U+007F DELETE"


def test_json_escapes_keep_the_value() -> None:
    value = {"name": f"a{RLO}b{ZWSP}c\U000e0041\x85", "emoji": "\U0001f469\u200d\U0001f4bb"}
    text = hidden.escape_json(json.dumps(value, ensure_ascii=False))
    assert not any(char in text for char in (*RAW, "\U000e0041", "\x85"))
    assert "\\u202e" in text and "\\udb40\\udc41" in text
    assert json.loads(text) == value


def test_code_frames_show_hidden_characters_and_keep_the_caret_under_the_column() -> None:
    from persona_cli.io.yaml_read import code_frame

    frame = code_frame(["a: 1", f"b: [x{RLO}y"], 2, 7)
    assert frame.splitlines()[1:] == ["2 | b: [x<U+202E>y", "  |              ^"]


# --- every output ---------------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The examples in a git repository: committed clean, then edited with hidden characters
    (left uncommitted, so `diff` shows the edit)."""
    root = copy_examples(tmp_path / "repo")
    segments = root / "segments"
    segments.mkdir()
    source = (
        Path(__file__).resolve().parents[1] / "examples" / "segments" / "mid-market-fintech.yaml"
    )
    (segments / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    init_repo(root, commit="examples")
    carla = root / "personas" / "ciso-risk-averse.yaml"
    text = carla.read_text(encoding="utf-8")
    text = text.replace("name: Cautious Carla, CISO", f"name: Cautious{RLO} Carla, CISO", 1)
    text = text.replace("personally on the hook", f"personally{ZWSP} on the hook", 1)
    text = text.replace("  - Enter the next SOC 2", f"  - Enter{RLI} the next SOC 2", 1)
    text = text.replace("maria.lopez@", f"maria.lopez{ZWSP}@", 1)
    carla.write_text(text, encoding="utf-8")
    segment = segments / "mid-market-fintech.yaml"
    body = segment.read_text(encoding="utf-8")
    segment.write_text(body.replace("name: Mid-market fintech", f"name: Mid-market{RLO} fintech"))
    return root


def assert_revealed(text: str, *, escapes: tuple[str, ...] = ("<U+202E>",)) -> None:
    raw = [hidden.name(char) for char in RAW if char in text]
    assert not raw, f"raw hidden characters in the output: {raw}"
    for escape in escapes:
        assert escape in text, text[:2000]


def unescaped_markdown(text: str) -> str:
    """Markdown with its backslash escapes removed: what a reader sees."""
    return re.sub(r"\\(.)", r"\1", text)


def test_render_markdown(repo: Path) -> None:
    run = cli("render", "--team", "sales", "ciso-risk-averse", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(unescaped_markdown(run.stdout), escapes=("Cautious<U+202E>", "<U+200B>"))


def test_render_html_and_committee_briefings(repo: Path) -> None:
    out = repo / "docs"
    run = cli("render", "--team", "all", "--format", "html", "--out", out, cwd=repo)
    assert run.exit_code == 0, run.stderr
    page = (out / "sales" / "ciso-risk-averse.html").read_text(encoding="utf-8")
    assert_revealed(page, escapes=("&lt;U+202E&gt;", "&lt;U+200B&gt;"))
    assert "<title>Cautious&lt;U+202E&gt; Carla" in page
    for path in out.rglob("*.html"):
        assert_revealed(path.read_text(encoding="utf-8"), escapes=())
    run = cli("render", "--team", "sales", "--segment", "all", "--out", "committees", cwd=repo)
    assert run.exit_code == 0, run.stderr
    briefings = sorted((repo / "committees").rglob("mid-market-fintech.md"))
    assert briefings
    for path in briefings:
        assert_revealed(unescaped_markdown(path.read_text(encoding="utf-8")))


def test_render_custom_template_printing_raw_values(repo: Path) -> None:
    templates = repo / "my-templates"
    templates.mkdir()
    (templates / "raw.md.j2").write_text(
        "# {{ persona.name }}\n\n{{ persona.summary }}\n", encoding="utf-8"
    )
    run = cli("render", "--templates", templates, "--team", "raw", "ciso-risk-averse", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=("# Cautious<U+202E> Carla, CISO", "personally<U+200B> on"))


def test_report_html_and_json(repo: Path) -> None:
    run = cli("report", "--out", "site", "--now", NOW, cwd=repo)
    assert run.exit_code in (0, 1), run.stderr
    assert_revealed(
        (repo / "site" / "index.html").read_text(encoding="utf-8"), escapes=("&lt;U+202E&gt;",)
    )
    run = cli("report", "--format", "json", "--now", NOW, cwd=repo)
    assert_revealed(run.stdout, escapes=("\\u202e",))
    assert f"Cautious{RLO} Carla" in json.dumps(json.loads(run.stdout), ensure_ascii=False)


def test_show_text_and_json(repo: Path) -> None:
    run = cli("show", "ciso-risk-averse", "--now", NOW, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=("Cautious<U+202E> Carla", "personally<U+200B>"))
    run = cli("show", "ciso-risk-averse", "--format", "json", "--now", NOW, cwd=repo)
    assert_revealed(run.stdout, escapes=("Cautious\\u202e Carla",))
    assert json.loads(run.stdout)["persona"]["name"] == f"Cautious{RLO} Carla, CISO"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_list(repo: Path, fmt: str) -> None:
    run = cli("list", "--format", fmt, "--now", NOW, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=("\\u202e",) if fmt == "json" else ("U+202E",))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff(repo: Path, fmt: str) -> None:
    """Text shows values JSON-quoted, so with JSON's escapes; the Markdown table shows text."""
    run = cli("diff", "--format", fmt, cwd=repo)
    assert run.exit_code in (0, 1), run.stderr
    escapes = ("Mid-market&lt;U+202E&gt; fintech",) if fmt == "markdown" else ("\\u202e",)
    assert_revealed(run.stdout, escapes=escapes)


@pytest.mark.parametrize("fmt", ["text", "github", "markdown", "json", "sarif", "junit"])
def test_lint_reports_quoting_persona_text(tmp_path: Path, fmt: str) -> None:
    """A finding that quotes a key holding an override (S002), and the code frame of a
    syntax error on a line holding one, show it escaped in every format."""
    folder = tmp_path / "personas"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        f"schema_version: 1\nid: x\nname: X\nkind: buyer\n'fe{RLO}ars': [a]\n", encoding="utf-8"
    )
    (folder / "y.yaml").write_text(f"id: y{RLO}\nname: [oops\n", encoding="utf-8")
    run = cli("lint", "--format", fmt, "personas", cwd=tmp_path)
    assert run.exit_code == 1, run.stderr
    assert_revealed(run.stdout, escapes=("\\u202e",) if fmt == "json" else ("U+202E",))
    if fmt == "text":
        assert "unknown key 'fe<U+202E>ars'" in run.stdout


def test_textconv_for_git_diff(repo: Path) -> None:
    run = cli("textconv", repo / "personas" / "ciso-risk-averse.yaml", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=('name: "Cautious\\u202e Carla, CISO"',))


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_age_owners(repo: Path, fmt: str) -> None:
    run = cli("age", "--format", fmt, "--now", NOW, "--fail-on", "never", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=("\\u200b",) if fmt == "json" else ("U+200B",))


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_log_commit_subjects(repo: Path, fmt: str) -> None:
    git_in(repo, "commit", "-q", "-am", f"Interviews: approve{RLO} the CISO")
    run = cli("log", "ciso-risk-averse", "--format", fmt, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert_revealed(run.stdout, escapes=("\\u202e",) if fmt == "json" else ("approve<U+202E>",))


def test_error_messages_quoting_an_argument(repo: Path) -> None:
    run = cli("show", f"ciso-risk{RLO}-averse", cwd=repo)
    assert run.exit_code == 2
    assert_revealed(run.stderr, escapes=("ciso-risk<U+202E>-averse",))


def test_fmt_and_review_keep_old_mac_line_endings(tmp_path: Path) -> None:
    """CR-only line endings are line breaks for YAML (Q006 warns about them): fmt and review
    edit such a file like any other, in its own line endings, instead of failing."""
    personas = tmp_path / "personas"
    personas.mkdir()
    lines = [
        "schema_version: 1",
        "id: carla",
        "name:   Cautious Carla",
        "kind: buyer",
        "status: draft",
        "review:",
        "  owners: [maria@example.com]",
        "  last_reviewed: 2026-01-01",
    ]
    carla = personas / "carla.yaml"
    carla.write_bytes("\r".join([*lines, ""]).encode())

    check = cli("fmt", "--check", carla, cwd=tmp_path)
    assert check.exit_code == 1, check.stderr
    assert "internal error" not in check.stderr
    formatted = cli("fmt", carla, cwd=tmp_path)
    assert formatted.exit_code == 0, formatted.stderr
    raw = carla.read_bytes()
    assert b"\n" not in raw and b"name: Cautious Carla\r" in raw

    review = cli("review", "carla", "--no-evidence", "--date", "2026-11-01", cwd=tmp_path)
    assert review.exit_code == 0, review.stderr
    raw = carla.read_bytes()
    assert b"\n" not in raw and b"last_reviewed: 2026-11-01\r" in raw


REVIEW = ("review", "cto-mid-market", "--evidence-type", "interview")


@pytest.mark.parametrize(
    ("args", "option", "shown"),
    [
        (
            [*REVIEW, "--summary"],
            "--summary",
            f"Five calls{RLO} with CTOs",
        ),
        (
            [*REVIEW, "--summary", "Calls", "--url"],
            "--url",
            f"https://research.example.com/{ZWSP}cto",
        ),
        (
            [*REVIEW, "--summary", "Calls", "--by"],
            "--by",
            f"Maria{RLI} Lopez",
        ),
        (["new", "ana-at-acme", "--kind", "buyer", "--name"], "--name", f"Ana{RLO} at Acme"),
        (["new", "ana-at-acme", "--kind", "buyer", "--owner"], "--owner", f"ana{ZWSP}@acme.com"),
    ],
)
def test_text_arguments_written_into_a_file_refuse_hidden_characters(
    tmp_path: Path, args: list[str], option: str, shown: str
) -> None:
    """review and new write what was typed into the persona file: a hidden character there
    would be written raw (or as an escape) and lint would then refuse the file it made."""
    root = copy_examples(tmp_path / "repo")
    init_repo(root, commit="examples")
    before = {path.name: path.read_bytes() for path in (root / "personas").iterdir()}
    extra = ["--date", "2026-11-20"] if args[0] == "review" else []
    run = cli(*args, shown, *extra, cwd=root)
    assert run.exit_code == 2, run.stdout
    assert run.stderr.startswith(f"persona: error: {option}: '{hidden.reveal(shown)}' holds U+")
    assert "nothing written" in run.stderr
    assert_revealed(run.stderr, escapes=())
    assert {path.name: path.read_bytes() for path in (root / "personas").iterdir()} == before


@pytest.mark.parametrize("base", [None, "https://github.com/org/repo/blob/main/"])
def test_report_links_to_a_file_whose_name_holds_a_hidden_character(
    repo: Path, base: str | None
) -> None:
    """The name is shown revealed, but the link must still reach the file: its path is
    percent-encoded, never `&lt;U+202E&gt;` inside an href (a link to no file)."""
    carla = repo / "personas" / "ciso-risk-averse.yaml"
    carla.rename(repo / "personas" / f"ciso{RLO}-risk-averse.yaml")
    run = cli(
        "report", "--out", "site", "--now", NOW, *(["--link-base", base] if base else []), cwd=repo
    )
    page = (repo / "site" / "index.html").read_text(encoding="utf-8")
    assert_revealed(page, escapes=("ciso&lt;U+202E&gt;-risk-averse.yaml",))
    hrefs = re.findall(r'href="([^"]*risk-averse[^"]*)"', page)
    assert hrefs, page[:2000]
    for href in hrefs:
        assert "ciso%E2%80%AE-risk-averse.yaml" in href and "U+202E" not in href, href
    assert run.exit_code in (0, 1), run.stderr


def test_textconv_of_an_unreadable_file_reveals_hidden_characters(repo: Path) -> None:
    """An unreadable file is printed as its text for git diff: a raw override there would
    reorder the very lines a reviewer reads to see what changed."""
    carla = repo / "personas" / "ciso-risk-averse.yaml"
    text = carla.read_text(encoding="utf-8").replace("kind: buyer\n", "kind: buyer\nkind: user\n")
    carla.write_bytes(text.replace("\n", "\r\n").encode())
    command = [persona_bin(), "textconv", str(carla)]
    # Bytes, not text: the line endings are part of what is checked.
    run = subprocess.run(command, cwd=repo, capture_output=True, timeout=20, check=False)
    assert run.returncode == 0, run.stderr
    header, _, rest = run.stdout.decode("utf-8").partition("\n")
    assert header.startswith("# persona textconv: not a readable persona (")
    assert_revealed(rest, escapes=("Cautious<U+202E> Carla, CISO\r\n", "<U+200B>"))
    assert "<U+000D>" not in rest


def test_config_shows_hidden_characters_of_settings_as_escapes(tmp_path: Path) -> None:
    """`persona config` prints TOML you could paste back: a hidden character in a setting is
    a `\\u202e` escape there (the same TOML value), and in JSON, never the raw character."""
    (tmp_path / ".persona.toml").write_text(
        f'exclude = ["personas/old{RLO}/**"]\n[per-file-ignores]\n"a{ZWSP}.yaml" = ["Q005"]\n',
        encoding="utf-8",
    )
    text = cli("config", cwd=tmp_path)
    assert text.exit_code == 0, text.stderr
    assert_revealed(text.stdout, escapes=('"personas/old\\u202e/**"', '"a\\u200b.yaml"'))
    assert tomllib.loads(text.stdout)["exclude"] == [f"personas/old{RLO}/**"]
    data = cli("config", "--format", "json", cwd=tmp_path)
    assert_revealed(data.stdout, escapes=("\\u202e", "\\u200b"))
    assert json.loads(data.stdout)["settings"]["exclude"]["value"] == [f"personas/old{RLO}/**"]


def test_warnings_and_errors_naming_a_file_reveal_its_name(tmp_path: Path) -> None:
    """Warnings (age, diff, report, list, log), fmt's errors, render's notes and click's
    usage errors were written as they came: a file name holding an override printed raw."""
    root = copy_examples(tmp_path / "repo")
    init_repo(root, commit=None)
    bad = root / "personas" / f"b{RLO}ad.yaml"
    bad.write_text("id: x\nid: y\n", encoding="utf-8")
    git_in(root, "add", "-A")
    git_in(root, "commit", "-q", "-m", "examples")
    bad.write_text("id: x\nid: z\n", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / f"sa{RLO}les.md.j2").write_text("{{ persona.name }}\n", "utf-8")
    runs = {
        "age": cli("age", "--now", NOW, cwd=root),
        "diff": cli("diff", cwd=root),
        "report": cli("report", "--format", "json", "--now", NOW, cwd=root),
        "fmt": cli("fmt", "--check", cwd=root),
        "list-teams": cli("render", "--list-teams", cwd=root),
        "usage": run_persona("lint", f"--fo{RLO}o", cwd=root),  # main's handler, not click's
    }
    for command, run in runs.items():
        assert run.stderr, command
        assert "<U+202E>" in run.stderr, (command, run.stderr)
        assert_revealed(run.stderr, escapes=())


def test_status_lines_naming_a_folder_or_file_reveal_it(tmp_path: Path) -> None:
    """`Created ...`, `... review recorded`, `Wrote ... to DIR/`, `wrote DIR/index.html`:
    a folder or file name holding an override was printed raw on stdout."""
    root = copy_examples(tmp_path / "repo")
    init_repo(root, commit="examples")
    runs = [
        cli("new", "zed-one", "--kind", "buyer", "--dir", f"personas/su{RLO}b", cwd=root),
        cli("review", "zed-one", "--no-evidence", "--date", "2026-11-01", cwd=root),
        cli("render", "--team", "sales", "--out", f"o{RLO}ut", cwd=root),
        cli("report", "--out", f"r{RLO}ep", "--now", NOW, cwd=root),
        cli("init", f"in{RLO}it", cwd=root),
    ]
    for run in runs:
        assert run.exit_code == 0, run.stderr
        assert "<U+202E>" in run.stdout, run.stdout
        assert_revealed(run.stdout + run.stderr, escapes=())


def test_lint_and_fmt_lines_naming_a_file_reveal_it(tmp_path: Path) -> None:
    """lint's completeness lines, its GitHub overflow line, and fmt's `reformatted` and
    `Would reformat` lines printed a file name holding an override raw."""
    folder = tmp_path / "personas" / f"su{RLO}b"
    folder.mkdir(parents=True)
    lines = [f"  - pain {n}" for n in range(12)]
    (folder / "zed.yaml").write_text(
        "schema_version: 1\nid: zed\nname:    Zed\nkind: buyer\nstatus: draft\n"
        "summary: TODO\ngoals:\n" + "\n".join(f"  - TODO {n}" for n in range(12)) + "\n"
        "pains:\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    runs = {
        "lint": cli("lint", cwd=tmp_path),
        "lint-github": cli("lint", "--format", "github", cwd=tmp_path),
        "fmt-check": cli("fmt", "--check", cwd=tmp_path),
        "fmt": cli("fmt", cwd=tmp_path),
    }
    assert "su<U+202E>b/zed.yaml: " in runs["lint-github"].stdout  # the overflow line
    assert "more findings not annotated" in runs["lint-github"].stdout
    for command, run in runs.items():
        assert "su<U+202E>b/zed.yaml" in run.stdout + run.stderr, (command, run.stdout)
        assert_revealed(run.stdout + run.stderr, escapes=())


def test_a_line_break_in_a_yaml_key_keeps_each_finding_on_one_line(tmp_path: Path) -> None:
    """A line break or tab in a YAML key split a text finding over several lines; they are
    escaped."""
    write(tmp_path, "p.yaml", MINIMAL.format(id="p") + '"bad\\nkey\\tx": 1\n')
    run = cli("lint", "--select", "S", "--no-color", "p.yaml", cwd=tmp_path)
    assert run.exit_code == 1
    first = run.stdout.splitlines()[0]
    assert first.startswith("p.yaml:5:1: S002 [error] unknown key 'bad\\nkey\\tx'")
    assert run.stdout.count("\n") == 2  # the finding and the summary
