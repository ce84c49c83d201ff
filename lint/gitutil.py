"""Git look-ups for the CI gate: the files changed since a ref."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .source import InputError


def changed_since(ref: str, cwd: Path | None = None) -> set[str]:
    """Resolved paths of files changed since `ref` (committed, staged, unstaged or untracked)."""
    cwd = cwd or Path.cwd()
    try:
        top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
        changed = _git(["diff", "--name-only", "--no-renames", ref, "--"], cwd)
        untracked = _git(["ls-files", "--others", "--exclude-standard", "--full-name"], cwd)
    except FileNotFoundError:
        raise InputError(ref, "找不到 git 命令，无法使用 --changed-since") from None
    return {str((Path(top) / name).resolve()) for name in (changed + untracked).splitlines() if name}


def _git(args: list[str], cwd: Path) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise InputError(" ".join(["git", *args]), f"git 出错：{proc.stderr.strip() or proc.returncode}")
    return proc.stdout
