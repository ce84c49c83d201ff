"""The real pre-commit client installs the hook non-editable in its own environment and runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).with_name("pre-commit"))
pytestmark = pytest.mark.skipif(not Path(PRE_COMMIT).exists(), reason="pre-commit 未安装（pip install -e '.[test]'）")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}


@pytest.fixture(scope="module")
def department_repo(tmp_path_factory):
    """A department's repository holding the imported 天水 list and a clean list."""
    repo = tmp_path_factory.mktemp("dept")
    (repo / "lists").mkdir()
    shutil.copy(ROOT / "lists" / "tianshui-ybj.yaml", repo / "lists" / "tianshui-ybj.yaml")
    shutil.copy(ROOT / "tests" / "data" / "clean.yaml", repo / "lists" / "clean.yaml")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "lists"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    return repo


def try_repo(repo: Path, hook: str, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home")}
    env.pop("POWERLINT_CACHE_DIR", None)
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--files", *files, "--verbose"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_hook_blocks_the_tianshui_miscitation(department_repo):
    proc = try_repo(department_repo, "powerlint", "lists/tianshui-ybj.yaml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "CIT001" in proc.stdout and "第七十七条所引内容实为第八十七条" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_hook_passes_a_list_without_errors(department_repo):
    proc = try_repo(department_repo, "powerlint", "lists/clean.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout
