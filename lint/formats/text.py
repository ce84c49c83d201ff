"""The human format: `path:line:col: CODE [严重程度] message (序号 N)` and a summary."""

from __future__ import annotations

import re
from collections import Counter

from ..findings import SEVERITY_NAMES, Finding, RunNotes
from ..published import describe


def line(finding: Finding) -> str:
    item = f" (序号 {finding.item})" if finding.item is not None else ""
    return f"{position(finding)}: {finding.code} [{SEVERITY_NAMES[finding.severity]}] {finding.message}{item}"


def position(finding: Finding) -> str:
    """`path:line:col`; in a published file `path:工作表!单元格` or `path:表 N 第 R 行 第 C 列` (the path alone
    for the list as a whole)."""
    if finding.place is None:
        return f"{finding.path}:{finding.line}:{finding.column}"
    where = describe(finding.place)
    return f"{finding.path}:{where}" if where else finding.path


def place_note(finding: Finding) -> str:
    """「（位置：权责清单!I7）」 after a message, for formats whose line and column cannot show a published file's cell."""
    where = describe(finding.place) if finding.place else ""
    return f"（位置：{where}）" if where else ""


def reason(error) -> str:
    """The kind of an input error, its message up to the first punctuation (文件过大, YAML 语法错误, 没有读取权限…)."""
    return re.split(r"[：，（,(。；]", error.message, maxsplit=1)[0].strip() or "无法读取"


def skipped_text(notes: RunNotes) -> str:
    """「2 个文件无法检查：文件过大 1、YAML 语法错误 1」, or ""."""
    paths = {e.path: e for e in notes.skipped}
    if not paths:
        return ""
    counts = Counter(reason(e) for e in paths.values())
    return f"{len(paths)} 个文件无法检查：" + "、".join(f"{kind} {n}" for kind, n in counts.items())


def summary(findings: list[Finding], files: int, notes: RunNotes | None = None) -> str:
    notes = notes or RunNotes()
    skipped = skipped_text(notes)
    if files == 0 and skipped:
        text = f"没有检查任何文件（{skipped}，原因见上方的错误信息）。"
    elif not findings:
        aside = f"（另有 {skipped}，原因见上方的错误信息）" if skipped else ""
        text = f"检查了 {files} 个文件{aside}，未发现问题。" if files else "没有需要检查的清单文件。"
    else:
        aside = f"（另有 {skipped}，原因见上方的错误信息）" if skipped else ""
        counts = Counter(f.severity for f in findings)
        parts = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
        fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
        text = f"检查了 {files} 个文件{aside}，发现 {len(findings)} 个问题（{parts}）。"
        if fixable:
            text += f"其中 {fixable} 个可用 --fix 自动修复。"
    return text + "".join(f"\n注意：{sentence}" for sentence in notes.not_run)


def render(findings: list[Finding], files: int, notes: RunNotes | None = None) -> str:
    lines = [line(f) for f in findings]
    lines.append(summary(findings, files, notes))
    return "\n".join(lines) + "\n"
