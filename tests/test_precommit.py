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


@pytest.fixture(scope="module")
def repository_with_knowledge(tmp_path_factory):
    """A provincial repository that commits its imported knowledge directory (configuration `knowledge-dir`)."""
    from click.testing import CliRunner

    from lint.cli import main

    repo = tmp_path_factory.mktemp("province")
    (repo / "lists").mkdir()
    (repo / ".powerlint.yaml").write_text("knowledge-dir: knowledge/\n", encoding="utf-8")
    imported = CliRunner().invoke(main, ["kb", "import", str(ROOT / "tests" / "data" / "invented_statute.md"),
                                         "--dir", str(repo / "knowledge")])
    assert imported.exit_code == 0, imported.output
    swapped = ("《示例医疗保障促进条例》第三条：定点医药机构以虚构服务项目、伪造票据等方式骗取医疗保障基金的，"
               "由医疗保障行政部门责令退回，处骗取金额二倍以上五倍以下的罚款。")
    text = (ROOT / "tests" / "data" / "clean.yaml").read_text(encoding="utf-8")
    (repo / "lists" / "swapped.yaml").write_text(
        text.replace("《医疗保障基金使用监督管理条例》（国务院令第735号）第四十条。", swapped), encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "lists and knowledge"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env)
    return repo


def test_hook_reads_the_committed_knowledge_directory(repository_with_knowledge):
    tracked = subprocess.run(["git", "ls-files", "knowledge"], cwd=repository_with_knowledge, capture_output=True,
                             text=True, check=True).stdout
    assert "statutes/" in tracked
    proc = try_repo(repository_with_knowledge, "powerlint", "lists/swapped.yaml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "CIT001" in proc.stdout and "第三条所引内容实为第五条" in proc.stdout and "用户导入" in proc.stdout
