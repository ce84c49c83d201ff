"""What the annotated copies of .xlsx and .docx share: the 「审查意见」 table and the text of a cell's comment."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..findings import SEVERITY_NAMES, Finding
from ..published import describe

SHEET = "审查意见"
HEADER = ("问题", "位置", "事项", "规则", "级别", "问题与改法")  # no 序号 or 事项名称: not read back as a list


def comment_text(findings: list[Finding]) -> str:
    """The text of a cell's comment: per finding its rule, severity, the problem and how to fix it."""
    return "\n\n".join(f"{f.code}［{SEVERITY_NAMES[f.severity]}］{f.message}" for f in findings)


def rows(findings: list[Finding]) -> list[tuple]:
    """The 审查意见 table: one row per finding, in the order of the table."""
    return [(n, describe(f.place or {}) or "整份清单", f"序号 {f.item}" if f.item is not None else "", f.code,
             SEVERITY_NAMES[f.severity], f.message) for n, f in enumerate(findings, 1)]


def heading(path: str, findings: list[Finding]) -> str:
    """「审查意见：清单.xlsx 共 12 个问题（错误 3，警告 7，提示 2）」."""
    counts = Counter(f.severity for f in findings)
    parts = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in ("error", "warning", "info") if counts[s])
    told = f"共 {len(findings)} 个问题（{parts}）" if findings else "未发现问题"
    return f"{SHEET}：{Path(path).name} {told}；问题已批注在所在单元格，请逐条核对修改后重新报送"
