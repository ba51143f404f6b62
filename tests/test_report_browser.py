"""`persona report` in a real browser: the examples' dashboard opened in headless Chromium.

The test starts Debian's `chromium` itself (no driver, no new dependency) with a fresh
profile and no network services, and checks three things:

- the page loads without a console message (the page has no script, so any message, such as
  a parse error or a blocked resource, is a defect), and loads no file but itself;
- the charts are in the DOM Chromium built (`--dump-dom`), with their titles;
- a screenshot is saved to `out/test-artifacts/report.png` for people to look at.

Without Chromium the test is skipped, unless PERSONA_REQUIRE_BROWSER=1 (CI sets it), then
it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli

ARTIFACTS = ROOT / "out" / "test-artifacts"
NOW = "2026-11-23"
#: `[pid:tid:date:INFO:CONSOLE:12] "message", source: file:///... (12)`; older builds
#: write `CONSOLE(12)`.
CONSOLE = re.compile(r":CONSOLE[:(]?\d*\)?\]\s*(?P<message>.*)$")
LOADED = re.compile(r"FileURLLoader::Start: (?P<url>\S+)")


def chromium() -> str:
    found = shutil.which("chromium") or (
        "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
    )
    if found is None:
        reason = "chromium is not installed (apt-get install chromium)"
        if os.environ.get("PERSONA_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and PERSONA_REQUIRE_BROWSER=1 requires it")
        pytest.skip(f"{reason}; set PERSONA_REQUIRE_BROWSER=1 to make this a failure")
    return found


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """One headless Chromium run on `page` with a fresh profile and no network services."""
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=1",
        *extra,
        page.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    return [m.group("message") for line in stderr.splitlines() if (m := CONSOLE.search(line))]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()
    out = tmp_path_factory.mktemp("report")
    paths = [p for p in ("examples/personas", "examples/segments") if (ROOT / p).is_dir()]
    run = cli("report", "--out", out, "--now", NOW, *paths, cwd=ROOT)
    assert run.exit_code == 0, run.stdout + run.stderr
    return out / "index.html"


def test_harness_sees_console_errors(tmp_path: Path) -> None:
    """The check below is not vacuous: a page that logs is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><p>x</p><script>console.error('boom'); missing();</script>",
        encoding="utf-8",
    )
    run = browse(page, tmp_path / "profile", "--dump-dom")
    messages = console_messages(run.stderr)
    assert any("boom" in m for m in messages), run.stderr[-2000:]
    assert any("missing is not defined" in m for m in messages)


def test_report_loads_cleanly_with_its_charts(report_page: Path, tmp_path: Path) -> None:
    run = browse(report_page, tmp_path / "profile", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    loaded = {m.group("url") for m in LOADED.finditer(run.stderr)}
    assert loaded <= {report_page.as_uri()}, loaded
    dom = run.stdout
    for ident, title in (
        ("freshness-chart", "Freshness: age against limit, by owner"),
        ("completeness-chart", "Completeness by lens"),
    ):
        assert re.search(rf'<svg[^>]*id="{ident}"', dom), ident
        assert f'<title id="{ident}-title">{title}</title>' in dom
    assert dom.count('<g class="bar ') >= 5  # one bar per example persona
    assert dom.count('<g class="cell ') >= 5 * 6
    if (ROOT / "examples" / "segments").is_dir():
        assert re.search(r'<svg[^>]*id="committee-1"', dom)
        assert dom.count('<g class="member">') >= 6
    assert "Payback Paul, CFO" in dom
    assert f"judged as of {NOW}" in dom


def test_screenshot_artifact(report_page: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    run = browse(
        report_page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000"
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000  # a rendered page, not a blank one
