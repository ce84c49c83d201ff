"""The human format: `path:line:col: CODE [severity] message (序号 N)` and a summary."""

from __future__ import annotations

from collections import Counter

from ..findings import Finding

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def line(finding: Finding) -> str:
    item = f" (序号 {finding.item})" if finding.item is not None else ""
    return f"{finding.path}:{finding.line}:{finding.column}: {finding.code} [{finding.severity}] {finding.message}{item}"


def summary(findings: list[Finding], files: int) -> str:
    if not findings:
        return f"检查了 {files} 个文件，未发现问题。"
    counts = Counter(f.severity for f in findings)
    parts = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
    text = f"检查了 {files} 个文件，发现 {len(findings)} 个问题（{parts}）。"
    if fixable:
        text += f"其中 {fixable} 个可用 --fix 自动修复。"
    return text


def render(findings: list[Finding], files: int) -> str:
    lines = [line(f) for f in findings]
    lines.append(summary(findings, files))
    return "\n".join(lines) + "\n"
