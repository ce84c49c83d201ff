"""Git look-ups for the CI gate: the files changed since a ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .source import InputError


def changed_since(ref: str, cwd: Path | None = None) -> set[str]:
    """Resolved paths of files changed since `ref` (committed, staged, unstaged or untracked)."""
    cwd = cwd or Path.cwd()
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd, (str(cwd), "不在 git 仓库中，无法使用 --changed-since")).strip()
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd, (ref, revision_missing(ref)))
        changed = _git(["diff", "--name-only", "--no-renames", ref, "--"], cwd)
        untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name"], cwd)
    except FileNotFoundError:
        raise InputError(ref, "找不到 git 命令，无法使用 --changed-since") from None
    return {str((Path(top) / name).resolve()) for name in (changed + untracked).splitlines() if name}


def revision_missing(ref: str) -> str:
    """The Chinese message for a git revision the repository does not have."""
    hint = "（仓库只有一个提交时没有上一个提交）" if "~" in ref or "^" in ref else ""
    return f"仓库中找不到 git 版本 {ref}{hint}：请写出存在的分支、标签或提交（git log --oneline 可查看）"


def _git(args: list[str], cwd: Path, failure: tuple[str, str] | None = None) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:  # git's own message is English: name the command and the exit code instead
        raise InputError(*(failure or ("git", f"git {args[0]} 执行失败（退出码 {proc.returncode}）")))
    return proc.stdout
