"""The report as an xlsx workbook: one sheet per section, filters, frozen headers, widths for CJK text."""

from __future__ import annotations

import io

from openpyxl import Workbook

from ..export.sheet import write_table
from ..findings import CATEGORIES, CATEGORY_NAMES, SEVERITY_NAMES
from .model import Report
from .sections import location, ref_text, sources

FILLS = {"error": "FDE2E1", "warning": "FFF1D6", "info": "E3EEF9"}


def render(r: Report) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "报告信息"
    write_table(ws, ["项目", "内容"], [["报告", r.title], ["审查基准日", r.as_of], ["生成时间", r.generated],
                                     ["powerlint 版本", r.version], *(["无法读取的文件", e] for e in r.errors)])
    cats = [c for c in CATEGORIES if any(c in s.categories for s in r.lists)]
    write_table(wb.create_sheet("总体情况"), ["清单", "部门", "层级", "事项数", "错误", "警告", "提示", "问题合计",
                     *(CATEGORY_NAMES[c] for c in cats), "概述"],
                [[s.name, s.department, s.level, s.items, s.severities["error"], s.severities["warning"],
                  s.severities["info"], s.total, *(sum(s.categories.get(c, {}).values()) for c in cats), s.summary]
                 for s in r.lists])
    write_table(wb.create_sheet("需更新的依据文件"),
                ["文件", "文号", "状态", "日期", "替代文件 / 现行版本", "处理建议", "引用它的事项", "可信度", "来源"],
                [[d.document, d.number, d.status, d.since, d.replacement, d.action,
                  "\n".join(ref_text(i) for i in d.items), d.confidence, sources(d.source)] for d in r.documents])
    write_table(wb.create_sheet("之后的变化"), ["日期", "文件", "变化", "说明", "应复核的事项"],
                [[u.date, u.document, u.change, u.note, "\n".join(ref_text(i) for i in u.items)]
                 for u in r.upcoming])
    found = [f for a in r.attention for f in a.findings]
    write_table(wb.create_sheet("需关注的事项"), ["清单", "序号", "事项名称", "级别", "规则", "类别", "问题与改法", "位置"],
                [[f.list, f.item, f.item_name, SEVERITY_NAMES[f.severity], f.code,
                  CATEGORY_NAMES.get(f.category, f.category), f.message, location(f)] for f in found],
                fills=[FILLS[f.severity] for f in found])
    write_table(wb.create_sheet("跨清单比对"), ["权力类型", "事项", "清单", "序号", "事项名称", "本项的类型", "引用的文件",
                                              "责任环节", "与多数清单比", "差异"],
                [[row.power_type, row.power, c.ref.list, c.ref.item, c.ref.name, c.power_type, "\n".join(c.documents),
                  "→".join(c.stages), "\n".join(c.notes), "\n".join(row.differences) if k == 0 else ""]
                 for row in r.cross for k, c in enumerate(row.entries)])
    write_table(wb.create_sheet("核对覆盖"), ["文件", "文号", "引用次数", "引用条文", "未能核对", "已登记", "效力", "条文", "建议"],
                [[c.document, c.number, c.citations, c.articles, c.unchecked, c.registered, c.status, c.texts,
                  c.advice] for c in r.coverage])
    if r.consensus:
        write_table(wb.create_sheet("引文条号与多数不同"), ["清单", "序号", "事项名称", "问题与改法", "位置"],
                    [[f.list, f.item, f.item_name, f.message, location(f)] for f in r.consensus])
    if r.catalogue:
        rows = [[s.list, "目录中有、本清单没有", "", "", m.number, m.name, "", m.note] for s in r.conformance
                for m in s.missing]
        rows += [[s.list, "目录外的事项", x.item, x.name, "", "", "", ""] for s in r.conformance for x in s.extra]
        rows += [[s.list, "名称与目录不一致", d.ref.item, d.ref.name, d.number, d.name, f"{d.score}（把握：{d.sure}）", ""]
                 for s in r.conformance for d in s.drifted]
        rows += [[s.list, "类型或编码不同", d.ref.item, d.ref.name, d.number, d.name, "", d.note]
                 for s in r.conformance for d in s.differs]
        write_table(wb.create_sheet("与标准目录对照"), ["清单", "情况", "序号", "事项名称", "目录序号", "目录事项",
                                                 "相似度", "说明"], rows)
    if r.changes is not None:
        c = r.changes
        rows = [["已修复的问题", f.list, f.item, f"{f.code} {f.message}"] for f in c.fixed]
        rows += [["新出现的问题", f.list, f.item, f"{f.code} {f.message}"] for f in c.new]
        rows += [["新增事项", i.list, i.item, i.name] for i in c.added]
        rows += [["删除的事项", i.list, i.item, i.name] for i in c.removed]
        write_table(wb.create_sheet("与上次相比"), ["变化", "清单", "序号", "内容"], rows)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
