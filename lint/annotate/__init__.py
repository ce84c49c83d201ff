"""`powerlint check 送审/ --annotate 退回/`: for every published file checked, a copy with the findings on their cells
(a comment per cell and a first sheet or closing table 「审查意见」 listing them). The original is never written."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding
from ..published import is_published
from ..source import InputError
from ..writer import write_output
from .review import HEADER, SHEET

__all__ = ["HEADER", "SHEET", "annotate_all"]

_WRITERS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".docx": "docx"}


def annotate_all(result, findings: list[Finding], target: Path) -> tuple[list[str], list[InputError]]:
    """Write the annotated copies of the published files `result` checked into `target`: the lines to show (one per
    file), and the copies that could not be written."""
    failed = {error.path for error in result.errors}
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    notes, failures, taken = [], [], set()
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
            failures.append(exc)
            continue
        notes += [created] if created else []
        notes.append(f"已写批注副本 {out}（{len(own)} 个问题）")
    return notes, failures


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
