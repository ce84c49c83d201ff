"""`powerlint check 送审/ --annotate 退回/`: for every published file checked, a copy with the findings on their cells
(a comment per cell and a first sheet or closing table 「审查意见」 listing them). The original is never written."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..findings import SEVERITY_NAMES, Finding
from ..published import describe, is_published
from ..source import InputError
from ..writer import write_output

SHEET = "审查意见"
HEADER = ("问题", "位置", "事项", "规则", "级别", "问题与改法")  # no 序号 or 事项名称: not read back as a list
_WRITERS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


def annotate_all(result, findings: list[Finding], target: Path) -> list[str]:
    """Write the annotated copies of the published files `result` checked into `target`; one line per file to show."""
    failed = {error.path for error in result.errors}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    notes, taken = [], set()
    for path in result.paths:
        if not is_published(path) or path in failed:
            continue
        kind = _WRITERS.get(Path(path).suffix.lower())
        if kind is None:
            notes.append(f"{path}: 只能为 .xlsx 和 .docx 写批注副本；这份文件的问题见上面的检查结果（或 powerlint report 的报告）")
            continue
        out = _free_name(target / Path(path).name, taken)
        if out.resolve() == Path(path).resolve():
            notes.append(f"{path}: 批注副本不能写在原文件的位置（原文件不修改）：请用 --annotate 指定另一个目录")
            continue
        own = by_path.get(path, [])
        try:
            data = _annotated(kind, path, own)
            created = write_output(out, data)
        except InputError as exc:
            notes.append(str(exc))
            continue
        notes += [created] if created else []
        notes.append(f"已写批注副本 {out}（{len(own)} 个问题）")
    return notes


def _annotated(kind: str, path: str, findings: list[Finding]) -> bytes:
    if kind == "xlsx":
        from .xlsx import annotate_xlsx

        return annotate_xlsx(path, findings)
    from .docx import annotate_docx

    return annotate_docx(path, findings)


def _free_name(path: Path, taken: set) -> Path:
    """`path`, or 名称（2）.xlsx … when two files of the same name were checked in this run."""
    candidate, n = path, 2
    while candidate in taken:
        candidate, n = path.with_name(f"{path.stem}（{n}）{path.suffix}"), n + 1
    taken.add(candidate)
    return candidate


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
