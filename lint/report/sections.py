"""What every report format shares: the sections' titles and introductions, and cell texts."""

from __future__ import annotations

from pathlib import Path

from ..kb import wording
from .model import FindingRow, ItemRef, Report


def _summary(r: Report) -> str:
    return (f"共审查 {len(r.lists)} 份清单、{sum(s.items for s in r.lists)} 项事项，发现 {len(r.findings)} 个问题。"
            "“错误”须在本次调整中改正，“警告”应逐项核实，“提示”供参考。")


def _documents(r: Report) -> str:
    return (f"清单引用的文件中，有 {len(r.documents)} 项在审查基准日 {r.as_of} 已废止、被替代、失效、修改或已有新法调整，"
            "应按“处理建议”更新引用它们的事项。可信度为“中”“低”的，请先核对原文件。")


def _upcoming(r: Report) -> str:
    return (f"审查基准日 {r.as_of} 之后将要施行的法律法规和一年内到期的文件，共 {len(r.upcoming)} 项；"
            "请在生效前安排复核相关事项。")


def _attention(r: Report) -> str:
    return (f"有问题的事项共 {len(r.attention)} 项，按严重程度排序（错误多的在前）。"
            "“位置”为清单文件中的行号（报送的原文件为工作表和单元格，或表、行、列），便于修改。")


def _cross(r: Report) -> str:
    if len(r.lists) < 2:
        return "只审查了一份清单，无需跨清单比对。"
    return (f"同类部门的不同清单中名称相同（或只是个别字不同）的事项，其权力类型、依据文件或责任环节不一致的共 "
            f"{len(r.cross)} 组；多数清单（至少 3 份且占四分之三）一致时，与之不同的一方标为“与多数不同”。"
            "不一致不一定是错误（各地规定可能不同），但应核实是否填错或遗漏。"
            f"同一段引文在多数清单中标为另一条的共 {len(r.consensus)} 处，列在本节末尾。")


def _catalogue(r: Report) -> str:
    if not r.catalogue:
        return "未指定标准目录（--catalogue 或配置项 catalogue:），本节从略。"
    missing = sum(len(s.missing) for s in r.conformance)
    extra = sum(len(s.extra) for s in r.conformance)
    drifted = sum(len(s.drifted) for s in r.conformance)
    return (f"以《{r.catalogue}》为准，对照了 {len(r.conformance)} 份清单：目录中有、清单中没有的事项 {missing} 项，"
            f"目录外的事项 {extra} 项，名称与目录不一致的 {drifted} 项。名称对照时已忽略空格、标点、"
            "“对…的处罚”措辞和括号内说明；“把握”为“中”的，请先核实是否为同一事项。")


def _changes(r: Report) -> str:
    if r.changes is None:
        return "与上次报告的对比需用 --compare 指定上次报告的 JSON 文件或 git 版本。"
    c = r.changes
    return (f"与上次相比：已修复 {len(c.fixed)} 个问题，新出现 {len(c.new)} 个问题；"
            f"新增事项 {len(c.added)} 项，删除事项 {len(c.removed)} 项（按序号和事项名称对应）。")


def _coverage(r: Report) -> str:
    unchecked = sum(c.unchecked for c in r.coverage)
    unknown = sum(1 for c in r.coverage if c.status == wording.STATUS["unknown"])
    return (f"清单引用了 {len(r.coverage)} 个文件；其中 {unchecked} 处条文引用因没有条文而无法核对条号和引文，"
            f"{unknown} 个文件效力未知。排在前面的最需要导入条文（powerlint kb import）或核实效力"
            "（登记到本仓库的文件登记表）。")


SECTIONS = [
    ("summary", "一、总体情况", _summary),
    ("documents", "二、需要更新的依据文件", _documents),
    ("upcoming", "三、审查基准日之后的变化", _upcoming),
    ("attention", "四、需要关注的事项", _attention),
    ("cross", "五、跨清单比对", _cross),
    ("catalogue", "六、与标准目录对照", _catalogue),
    ("changes", "七、与上次报告相比的变化", _changes),
    ("coverage", "八、引用文件的核对覆盖", _coverage),
]


def ref_text(ref: ItemRef) -> str:
    number = f"序号{ref.item} " if ref.item else ""
    return f"{ref.list} {number}{short(ref.name)}".strip()


def refs_text(refs: list[ItemRef]) -> str:
    """Items grouped by list: 「甲清单：序号1 名称、序号2 名称；乙清单：…」."""
    groups: dict[str, list[str]] = {}
    for r in refs:
        groups.setdefault(r.list, []).append(f"序号{r.item} {short(r.name)}" if r.item else short(r.name))
    return "；".join(f"{name}：{'、'.join(items)}" for name, items in groups.items())


def short(text: str, limit: int = 40) -> str:
    """A name cut to `limit` characters (garbled names can run to hundreds)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def sources(text: str) -> str:
    """A source note without repeated parts, in Chinese (lint.kb.wording)."""
    return wording.sources(text)


def location(f: FindingRow) -> str:
    """`清单.yaml:行:列`, or in a published file `清单.xlsx:权责清单!I7` (its cell, or table, row and column)."""
    if f.place:
        return f"{Path(f.path).name}:{f.place}"
    return f"{Path(f.path).name}:{f.line}:{f.column}"
