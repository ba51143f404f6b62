"""The pre-commit hook through the real pre-commit framework, offline; the Action's metadata.

pre-commit's `language: python` builds a virtualenv and pip-installs the hook repository.
`make test` builds `.venv/wheelhouse` at install time, so here pip runs with `PIP_NO_INDEX`
and finds everything in the wheelhouse: the test never touches the network.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pre_commit.clientlib import load_manifest
from ruamel.yaml import YAML

from tests.conftest import ROOT, git_in, init_repo, persona_bin, pinned_git_env, write

WHEELHOUSE = ROOT / ".venv" / "wheelhouse"
DATE = "2026-11-02T10:00:00+00:00"

BASE = """\
schema_version: 1
id: base
name: Cautious Carla, CISO
kind: buyer
"""
CHILD = """\
schema_version: 1
id: child
name: Carla at Acme
kind: individual
extends: base
"""
BROKEN = """\
schema_version: 1
id: broken
name: Broken Bob
kind: user
fers: [typo for fears]
"""


def _env(tmp_path: Path) -> dict[str, str]:
    """Pinned git identity and dates, no user or system git config, pip offline."""
    # Drop GIT_DIR and friends in case the suite itself runs inside a git hook.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PIP_"))}
    env.update(pinned_git_env(DATE))  # for the git that pre-commit runs
    env.update(
        # Only the wheelhouse: no index, and no machine pip config adding one.
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(WHEELHOUSE),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        # virtualenv would otherwise refresh its seed wheels in the background.
        VIRTUALENV_NO_PERIODIC_UPDATE="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        NO_COLOR="1",
    )
    return env


def _hook_repo(tmp_path: Path) -> Path:
    """The working tree, committed in a fresh repo: try-repo clones HEAD, not the work tree.

    Every file git would see (tracked or new, not ignored) is copied, so whatever
    `pip install .` needs comes along without a list to keep in sync.
    """
    listed = git_in(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    repo = tmp_path / "hook-repo"
    for name in sorted(set(filter(None, listed.split("\0")))):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree stays out
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    return init_repo(repo, commit="hook repo", date=DATE)


def _try_repo(
    hook_repo: Path, user_repo: Path, env: dict[str, str], hook: str = "persona-lint"
) -> subprocess.CompletedProcess[str]:
    pre_commit = Path(sys.executable).with_name("pre-commit")
    return subprocess.run(
        [str(pre_commit), "try-repo", str(hook_repo), hook, "--color", "never"],
        cwd=user_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_hook_sees_the_whole_set_and_reports_findings_on_staged_files(tmp_path: Path) -> None:
    if not WHEELHOUSE.is_dir():
        pytest.skip(f"no {WHEELHOUSE.relative_to(ROOT)}: `make test` builds it at install time")
    env = _env(tmp_path)
    hook_repo = _hook_repo(tmp_path)

    user = tmp_path / "user-repo"
    # Config is found from the cwd upward; a fixed selection keeps the outcome date-independent.
    write(user, ".persona.toml", 'select = ["Y", "S", "I"]\n')
    write(user, "personas/base.yaml", BASE)
    init_repo(user, commit="base persona", date=DATE)

    # Only the child is staged, so only it is passed; `extends: base` must still resolve.
    write(user, "personas/child.yaml", CHILD)
    git_in(user, "add", "personas/child.yaml")
    run = _try_repo(hook_repo, user, env)
    output = run.stdout + run.stderr
    assert run.returncode == 0, output
    assert "persona lint" in output
    assert "Passed" in output
    assert "I003" not in output

    write(user, "personas/broken.yaml", BROKEN)
    git_in(user, "add", "personas/broken.yaml")
    run = _try_repo(hook_repo, user, env)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Failed" in output
    assert "personas/broken.yaml:5:1: S002 [error] unknown key 'fers'" in output
    assert "I003" not in output


def test_fmt_hook_rewrites_staged_files_and_fails_the_commit_once(tmp_path: Path) -> None:
    if not WHEELHOUSE.is_dir():
        pytest.skip(f"no {WHEELHOUSE.relative_to(ROOT)}: `make test` builds it at install time")
    env = _env(tmp_path)
    hook_repo = _hook_repo(tmp_path)
    user = tmp_path / "user-repo"
    shuffled = "id: base  # the id\nschema_version: 1\nname: Cautious Carla, CISO\nkind: buyer\n"
    path = write(user, "personas/base.yaml", shuffled)
    init_repo(user, commit=None)
    git_in(user, "add", "personas/base.yaml")
    run = _try_repo(hook_repo, user, env, "persona-fmt")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    assert path.read_text(encoding="utf-8").startswith("schema_version: 1\nid: base  # the id\n")
    git_in(user, "add", "personas/base.yaml")
    run = _try_repo(hook_repo, user, env, "persona-fmt")
    assert run.returncode == 0, run.stdout + run.stderr


def test_hook_manifest_is_valid_for_pre_commit() -> None:
    # pre-commit's own loader: schema validation plus defaults, exactly as users' installs see it.
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    assert [hook["id"] for hook in hooks] == ["persona-lint", "persona-fmt"]
    hook, fmt = hooks
    assert (fmt["entry"], fmt["language"], fmt["types"]) == ("persona fmt", "python", ["yaml"])
    assert fmt["pass_filenames"] is True
    assert hook["entry"] == "persona lint"
    assert hook["language"] == "python"
    assert hook["types"] == ["yaml"]
    assert hook["require_serial"] is True
    assert hook["pass_filenames"] is True
    # Users' layouts differ: they narrow `files:` in their own config.
    assert hook["files"] == ""


def _action() -> Any:
    return YAML(typ="safe", pure=True).load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_declares_its_inputs_and_output() -> None:
    action = _action()
    defaults = {name: spec["default"] for name, spec in action["inputs"].items()}
    assert defaults == {
        "paths": "",
        "version": "",
        "sarif-file": "persona-lint.sarif",
        "fail-on": "error",
        "changed-since": "",
    }
    assert action["outputs"]["sarif-file"]["value"] == "${{ inputs.sarif-file }}"
    runs = action["runs"]
    assert runs["using"] == "composite"
    setup = runs["steps"][0]
    assert setup["uses"] == "actions/setup-python@v5"
    assert setup["with"]["python-version"] == "3.11"
    install = runs["steps"][1]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"persona-cli==$VERSION"' in install["run"]
    assert all(step.get("shell") == "bash" for step in runs["steps"] if "run" in step)


def _run_lint_step(cwd: Path, **inputs: str) -> subprocess.CompletedProcess[str]:
    """Run the action's lint step as a runner would: inputs substituted into its env, and
    the script under `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`)."""
    action = _action()
    (step,) = [s for s in action["runs"]["steps"] if s.get("name") == "persona lint"]
    values = {name: spec["default"] for name, spec in action["inputs"].items()} | inputs
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "GIT_"))}
    for key, expression in step["env"].items():
        env[key] = values[expression.removeprefix("${{ inputs.").removesuffix(" }}")]
    env["PATH"] = f"{Path(persona_bin()).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_action_lint_step_writes_sarif_and_annotations(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", 'select = ["Y", "S", "I"]\n')
    write(tmp_path, "personas/base.yaml", BASE)
    write(tmp_path, "personas/broken.yaml", BROKEN)
    run = _run_lint_step(tmp_path, paths="personas/*.yaml", **{"sarif-file": "out/lint.sarif"})
    assert run.returncode == 1, run.stdout + run.stderr
    assert "::error file=personas/broken.yaml,line=5," in run.stdout
    sarif = json.loads((tmp_path / "out" / "lint.sarif").read_text(encoding="utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "S002"


def test_action_lint_step_reports_only_changes_since_the_base(tmp_path: Path) -> None:
    write(tmp_path, ".persona.toml", 'select = ["Y", "S", "I"]\n')
    write(tmp_path, "personas/base.yaml", BASE)
    write(tmp_path, "personas/broken.yaml", BROKEN)
    init_repo(tmp_path, commit="base, with a known problem", date=DATE)
    write(tmp_path, "personas/child.yaml", CHILD)

    run = _run_lint_step(tmp_path, **{"changed-since": "HEAD", "fail-on": "warning"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "broken.yaml" not in run.stdout
    sarif = json.loads((tmp_path / "persona-lint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
