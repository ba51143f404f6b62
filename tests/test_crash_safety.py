"""Crash and race safety, tested on the real commands as separate processes.

SIGKILL: `persona render --out`, `persona fmt` and `persona review` are started and killed
(the whole process group, as an OOM killer or `kill -9` would) many times, at delays spread
over a run and right after the first change appears on disk. After every kill each file must
be exactly its old or its new version (both taken from clean runs), and at most one temp file
may be visible (the one-syscall window between naming a new file and renaming it over the
old one); the next run removes it.

Two `persona review` runs on one file at once: one wins; the other exits 2 saying the file
changed on disk, or (when it read the file after the first one wrote it) records its review
on top. No review that reported success is ever lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from persona_cli.io import fileio
from tests.conftest import (
    cli,
    copy_examples,
    init_repo,
    persona_bin,
    persona_env,
    run_persona,
)

#: Kills per command: half at delays spread over a clean run's duration, half triggered by the
#: first change on disk (then after 0 to ~8 ms).
KILLS = 20
TRIGGERED_OFFSETS = [0.0, 0.0002, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006, 0.008]

Tree = dict[str, bytes]


def read_tree(folder: Path) -> Tree:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def put_tree(folder: Path, tree: Tree) -> None:
    """Make `folder` hold exactly `tree`."""
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in tree.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def listing(folders: list[Path]) -> set[tuple[str, int]]:
    """Names and inode numbers (a rename changes the number) of what `folders` hold."""
    seen = set()
    for folder in folders:
        with contextlib.suppress(FileNotFoundError), os.scandir(folder) as entries:
            seen.update((f"{folder}/{entry.name}", entry.inode()) for entry in entries)
    return seen


def shuffled(text: str) -> str:
    """The persona with its top-level keys in reverse order (what `fmt` puts back)."""
    header: list[str] = []
    blocks: list[list[str]] = []
    for line in text.splitlines(keepends=True):
        if not blocks and (line.startswith("#") or not line.strip()):
            header.append(line)
        elif line[:1] not in (" ", "#", "-", "\n"):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return "".join(header) + "".join("".join(block) for block in reversed(blocks))


@dataclass
class Scenario:
    """One command run over `checked` (a folder), with its files before and after."""

    command: list[str]
    cwd: Path
    checked: Path
    old: Tree = field(default_factory=dict)
    new: Tree = field(default_factory=dict)

    def restore(self) -> None:
        put_tree(self.checked, self.old)

    def clean_run(self) -> float:
        start = time.perf_counter()
        run = run_persona(*self.command, cwd=self.cwd)
        assert run.exit_code == 0, run.stderr
        return time.perf_counter() - start

    def start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [persona_bin(), *self.command],
            cwd=self.cwd,
            env=persona_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )


def render_scenario(root: Path) -> Scenario:
    copy_examples(root)
    command = ["render", "--team", "all", "--no-age", "--out", "docs"]
    scenario = Scenario(command, root, root / "docs")
    scenario.clean_run()
    scenario.old = read_tree(scenario.checked)
    for persona in (root / "personas").glob("*.yaml"):
        text = persona.read_text("utf-8")
        persona.write_text(text.replace("\nname: ", "\nname: Renamed ", 1), "utf-8")
    return scenario


def fmt_scenario(root: Path) -> Scenario:
    copy_examples(root)
    for persona in (root / "personas").glob("*.yaml"):
        persona.write_text(shuffled(persona.read_text("utf-8")), "utf-8")
    scenario = Scenario(["fmt"], root, root / "personas")
    scenario.old = read_tree(scenario.checked)
    return scenario


def review_scenario(root: Path) -> Scenario:
    copy_examples(root)
    command = [
        "review", "ciso-risk-averse", "--evidence-type", "interview",
        "--summary", "Killed mid-write", "--date", "2026-11-01",
    ]  # fmt: skip
    scenario = Scenario(command, root, root / "personas")
    scenario.old = read_tree(scenario.checked)
    return scenario


def check_after_kill(scenario: Scenario, pid: int) -> list[Path]:
    """Every file old or new, never partial; returns the temp files left (at most one, ours)."""
    temps = []
    for path in sorted(scenario.checked.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(scenario.checked).as_posix()
        if fileio.is_temp_name(path.name):
            assert f".persona-{pid}-" in path.name, f"{name}: a temp file not of the killed run"
            temps.append(path)
            continue
        data = path.read_bytes()
        assert name in scenario.old or name in scenario.new, f"{name}: neither old nor new"
        assert data in (scenario.old.get(name), scenario.new.get(name)), f"{name}: partial"
    assert len(temps) <= 1, f"temp files left: {[path.name for path in temps]}"
    return temps


def kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def kill_many(scenario: Scenario, duration: float) -> dict[str, int]:
    """KILLS kills; returns how many ended before writing anything, midway, or done."""
    watched = sorted({path.parent for path in scenario.checked.rglob("*")} | {scenario.checked})
    outcomes = {"old": 0, "mixed": 0, "new": 0, "temp left": 0}
    timed = KILLS - len(TRIGGERED_OFFSETS)
    plans: list[tuple[float | None, float]] = [
        (duration * (0.3 + 0.8 * index / (timed - 1)), 0.0) for index in range(timed)
    ]
    plans += [(None, offset) for offset in TRIGGERED_OFFSETS]
    # One kill as soon as the process exists, before it can have written anything: on a
    # busy machine the clean run's duration overstates a later run's, and every timed kill
    # can land after the first write.
    plans[0] = (0.0, 0.0)
    for delay, offset in plans:
        scenario.restore()
        before = listing(watched)
        process = scenario.start()
        if delay is not None:
            time.sleep(delay)
        else:
            deadline = time.monotonic() + 4 * duration + 5
            while process.poll() is None and time.monotonic() < deadline:
                if listing(watched) != before:
                    break
            time.sleep(offset)
        kill(process)
        temps = check_after_kill(scenario, process.pid)
        outcomes["temp left"] += len(temps)
        now = read_tree(scenario.checked)
        if temps:
            # The next run (any write into that folder) removes what the killed one left.
            scenario.clean_run()
            assert read_tree(scenario.checked) == scenario.new
            continue
        state = "old" if now == scenario.old else "new" if now == scenario.new else "mixed"
        outcomes[state] += 1
    return outcomes


@pytest.mark.parametrize(
    "build",
    [render_scenario, fmt_scenario, review_scenario],
    ids=["render", "fmt", "review"],
)
def test_sigkill_leaves_old_or_new_files_and_no_temp_file(
    tmp_path: Path, build: Callable[[Path], Scenario]
) -> None:
    scenario = build(tmp_path)
    duration = scenario.clean_run()
    scenario.new = read_tree(scenario.checked)
    changed = [name for name in scenario.new if scenario.old.get(name) != scenario.new[name]]
    assert changed, "the clean run changed nothing: the test would prove nothing"
    outcomes = kill_many(scenario, duration)
    # The kills landed both before the run wrote anything and after it had written.
    assert outcomes["old"] >= 1, outcomes
    assert outcomes["new"] + outcomes["mixed"] + outcomes["temp left"] >= 1, outcomes
    # After all that, a clean run finishes the job and leaves no temp file anywhere.
    scenario.restore()
    scenario.clean_run()
    assert read_tree(scenario.checked) == scenario.new
    assert not [path for path in tmp_path.rglob("*") if fileio.is_temp_name(path.name)]


def test_a_killed_runs_temp_files_are_removed_by_the_next_write(tmp_path: Path) -> None:
    """Temp files of a writer that is gone are removed at the next write into their folder
    (render's, fmt's and review's); a live writer's are left alone."""
    root = copy_examples(tmp_path)
    gone = subprocess.Popen(["true"])  # a pid that no longer runs
    gone.wait()
    alive = subprocess.Popen(["sleep", "30"])
    try:
        plants = {
            "docs/sales": "ciso-risk-averse.md",
            "personas": "ciso-risk-averse.yaml",
        }
        planted = []
        for folder, name in plants.items():
            (root / folder).mkdir(parents=True, exist_ok=True)
            for pid in (gone.pid, alive.pid):
                temp = root / folder / f".{name}.persona-{pid}-0.tmp"
                temp.write_text("half a fil", "utf-8")
                planted.append(temp)
        user_file = root / "personas" / ".notes.123-4.tmp"  # not our naming: never touched
        user_file.write_text("mine", "utf-8")
        rendered = run_persona("render", "--team", "sales", "--no-age", "--out", "docs", cwd=root)
        assert rendered.exit_code == 0, rendered.stderr
        reviewed = run_persona(
            "review", "ciso-risk-averse", "--no-evidence", "--date", "2026-11-01", cwd=root
        )
        assert reviewed.exit_code == 0, reviewed.stderr
        left = sorted(path.name for path in planted if path.exists())
        assert left == sorted(path.name for path in planted if f"-{alive.pid}-" in path.name)
        assert user_file.read_text("utf-8") == "mine"
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.parametrize("pause", ["", "1.0"], ids=["free", "overlapping"])
def test_two_reviews_of_one_file_at_once_lose_nothing(tmp_path: Path, pause: str) -> None:
    """Started together, many rounds. `free`: as they come; `overlapping`: each holds its
    write for a second after its check (a test hook), so both have read the file before either
    writes, every time; without the lock both would pass the check and one review be lost."""
    root = copy_examples(tmp_path)
    target = root / "personas" / "ciso-risk-averse.yaml"
    original = target.read_bytes()
    rounds = 5 if pause else 10
    conflicts = 0
    for round_ in range(rounds):
        target.write_bytes(original)
        summaries = [f"Round {round_} reviewer {who}" for who in "AB"]
        processes = [
            subprocess.Popen(
                [
                    persona_bin(), "review", "ciso-risk-averse", "--evidence-type", "interview",
                    "--summary", summary, "--date", "2026-11-01",
                ],
                cwd=root,
                env=persona_env({fileio.PAUSE_ENV: pause}),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for summary in summaries
        ]  # fmt: skip
        results = [(process.wait(60), process.communicate()[1]) for process in processes]
        final = target.read_text("utf-8")
        for (code, stderr), summary in zip(results, summaries, strict=True):
            if code == 0:
                assert summary in final, f"a successful review was lost: {summary}"
            else:
                assert code == 2, stderr
                assert "changed on disk since it was read; nothing written" in stderr
                assert summary not in final
                conflicts += 1
        assert [code for code, _ in results].count(0) >= 1, results
        lint = cli("lint", "personas/ciso-risk-averse.yaml", cwd=root)
        assert lint.exit_code == 0, lint.stdout + lint.stderr
    if pause:
        # The rounds overlapped (unless one run started over a second late): one of the two
        # saw the other's write and refused.
        assert conflicts >= rounds // 2, conflicts


def _write_everything(folder: Path) -> None:
    """Each way fileio writes, into `folder`: create, edit (mode kept, changed-on-disk
    refused), exclusive creation, a set of files, and a name near the 255-byte limit."""
    folder.mkdir()
    target = folder / "a.yaml"
    fileio.write(target, "one\n")
    target.chmod(0o640)
    _, snapshot = fileio.read(target)
    fileio.write(target, "two\n", expected=snapshot)
    assert target.read_text("utf-8") == "two\n"
    assert target.stat().st_mode & 0o777 == 0o640
    with pytest.raises(fileio.ChangedOnDiskError):
        fileio.write(target, "three\n", expected=snapshot)
    with pytest.raises(fileio.UsageError, match="already exists"):
        fileio.write(target, "four\n", exclusive=True)
    fileio.write(folder / "new.yaml", "new\n", exclusive=True)
    long = folder / ("é" * 120 + ".yaml")  # 245 bytes: its temp name must be shorter
    fileio.write(long, "long\n")
    fileio.write(long, "longer\n")
    fileio.write_many([(folder / f"{n}.md", f"{n}\n".encode()) for n in range(3)])
    fileio.write_many([(folder / f"{n}.md", f"{n}{n}\n".encode()) for n in range(3)])
    assert read_tree(folder) == {
        "a.yaml": b"two\n",
        "new.yaml": b"new\n",
        long.name: b"longer\n",
        "0.md": b"00\n",
        "1.md": b"11\n",
        "2.md": b"22\n",
    }


def test_every_kind_of_write_leaves_no_temp_file(tmp_path: Path) -> None:
    _write_everything(tmp_path / "out")


def test_without_unnamed_files_writes_go_through_named_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A system without O_TMPFILE (or /proc) takes the named path; the same guarantees."""
    monkeypatch.setattr(fileio, "_CAN_NAME_UNNAMED", False)
    _write_everything(tmp_path / "out")


def test_render_beyond_the_open_file_limit_still_writes_every_file(tmp_path: Path) -> None:
    """With too few descriptors to hold every unnamed file open, the rest are staged under
    temp names: the same output, no temp file left."""
    import resource

    def few_descriptors() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (300, 300))

    root = tmp_path
    expected = render_scenario(root).old
    shutil.rmtree(root / "docs")
    for persona in (root / "personas").glob("*.yaml"):
        persona.write_text(persona.read_text("utf-8").replace("\nname: Renamed ", "\nname: "))
    proc = subprocess.run(
        [persona_bin(), "render", "--team", "all", "--no-age", "--out", "docs"],
        cwd=root,
        env=persona_env(),
        capture_output=True,
        text=True,
        preexec_fn=few_descriptors,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert read_tree(root / "docs") == expected


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
@pytest.mark.parametrize("command", [["fmt"], ["review", "ciso-risk-averse", "--no-evidence"]])
def test_root_editing_another_users_persona_keeps_its_owner(
    tmp_path: Path, command: list[str]
) -> None:
    """Root (a container, sudo) replacing a user's file by rename must hand the new file back
    to that user and group, as vim does; else the user can no longer save their own persona."""
    copy_examples(tmp_path)
    target = tmp_path / "personas" / "ciso-risk-averse.yaml"
    target.write_text(shuffled(target.read_text("utf-8")), "utf-8")
    os.chown(target, 4321, 4322)
    target.chmod(0o600)
    result = run_persona(*command, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    info = target.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o7777) == (4321, 4322, 0o600)


def test_an_edit_through_a_symbolic_link_keeps_the_link_and_ends_a_hard_link(
    tmp_path: Path,
) -> None:
    """fmt (and review) edit the file a symbolic link points to, keeping the link, as git and
    ruff do. A file with other hard links is replaced, as git checkout does: the other names
    keep the old content (nothing lost), the edited name gets the new one."""
    copy_examples(tmp_path)
    personas = tmp_path / "personas"
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    real = elsewhere / "cto-mid-market.yaml"
    (personas / "cto-mid-market.yaml").rename(real)
    real.write_text(shuffled(real.read_text("utf-8")), "utf-8")
    real.chmod(0o750)
    (personas / "cto-mid-market.yaml").symlink_to(Path("..", "shared", real.name))
    linked = personas / "cfo-mid-market.yaml"
    old = shuffled(linked.read_text("utf-8"))
    linked.write_text(old, "utf-8")
    (tmp_path / "cfo-copy.yaml").hardlink_to(linked)
    result = run_persona("fmt", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (personas / "cto-mid-market.yaml").is_symlink()
    assert real.stat().st_mode & 0o777 == 0o750
    assert run_persona("fmt", "--check", cwd=tmp_path).exit_code == 0
    assert (tmp_path / "cfo-copy.yaml").read_text("utf-8") == old
    assert linked.read_text("utf-8") != old


#: A run of `persona schema` in which, as its first file is opened, an object's finalizer
#: meets a Ctrl-C (what a SIGINT landing inside GitPython's `__del__` does): Python prints
#: "Exception ignored" for it and carries on.
_INTERRUPT_IN_A_FINALIZER = """
import sys
from persona_cli.cli import main


class Finalizer:
    def __del__(self):
        raise KeyboardInterrupt


fired = []


def audit(event, args):
    if event == "open" and not fired:
        fired.append(True)
        Finalizer()


sys.addaudithook(audit)
sys.argv = ["persona", "schema", "-o", "schema.json"]
sys.exit(main())
"""


def test_a_ctrl_c_swallowed_by_a_finalizer_still_ends_the_run_with_130(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", _INTERRUPT_IN_A_FINALIZER],
        cwd=tmp_path,
        env=persona_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "persona: error: interrupted\n"


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupt_between_the_briefings_and_their_record_waits_for_the_record(
    tmp_path: Path, sent: signal.Signals
) -> None:
    """Ctrl-C (or SIGTERM) after the new briefings are in place but before the output
    record lists them would leave persona-cli's own files unrecorded: on the next change
    they would count as a person's and need --force. The signal is held until the record is
    saved, then takes effect. The pause holds the run inside the record's save."""
    scenario = render_scenario(tmp_path)
    record_before = (scenario.checked / ".persona-cli-outputs.json").read_bytes()
    process = subprocess.Popen(
        [persona_bin(), *scenario.command],
        cwd=scenario.cwd,
        env=persona_env({fileio.PAUSE_ENV: "1.5"}),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    briefing = scenario.checked / "sales" / "ciso-risk-averse.md"
    deadline = time.monotonic() + 60
    while briefing.read_bytes() == scenario.old["sales/ciso-risk-averse.md"]:
        assert time.monotonic() < deadline and process.poll() is None, "no briefing written"
        time.sleep(0.01)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if sent == signal.SIGINT else -sent), stderr
    record = json.loads((scenario.checked / ".persona-cli-outputs.json").read_bytes())
    assert record != json.loads(record_before)
    on_disk = read_tree(scenario.checked)
    for name, data in on_disk.items():
        if name != ".persona-cli-outputs.json":
            assert record["files"][name] == hashlib.sha256(data).hexdigest(), name


def test_too_few_open_files_is_a_usage_error_not_a_bug(tmp_path: Path) -> None:
    """A CI container's low `ulimit -n` stops git (spawned by age) at some point: whatever
    the limit, the run ends with one line naming the limit (exit 2), never "internal error"."""
    import resource

    root = copy_examples(tmp_path)
    init_repo(root, commit="personas")
    failures = 0
    for limit in (8, 12, 14, 16, 24):

        def few_descriptors(limit: int = limit) -> None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

        proc = subprocess.run(
            [persona_bin(), "age"],
            cwd=root,
            env=persona_env(),
            capture_output=True,
            text=True,
            preexec_fn=few_descriptors,
            check=False,
        )
        assert proc.returncode in (0, 2), (limit, proc.stderr)
        assert "internal error" not in proc.stderr, (limit, proc.stderr)
        failures += proc.returncode == 2
        if proc.returncode == 2:
            assert "Too many open files" in proc.stderr, (limit, proc.stderr)
    assert failures, "no limit low enough to fail: the test checks nothing"
