"""The report as Markdown: the same sections as the HTML, tables with `|` and HTML escaped in cells."""

from __future__ import annotations

from html import escape

from ..findings import CATEGORY_NAMES, SEVERITIES, SEVERITY_NAMES
from .model import Report
from .sections import SECTIONS, location, refs_text, short, sources


def cell(text) -> str:
    """A table cell: HTML escaped (list text holds <p>, <script>…), `|` escaped, one line."""
    text = escape(str(text), quote=False).replace("|", "\\|")
    return " ".join(text.split()) or " "


def table(headers: list[str], rows: list[list]) -> str:
    if not rows:
        return "无。\n"
    lines = ["| " + " | ".join(cell(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def text(value) -> str:
    """Running text outside tables: HTML escaped so list content never becomes markup."""
    return escape(str(value), quote=False)


def _summary(r: Report) -> str:
    out = [table(["清单", "部门", "层级", "事项数", "错误", "警告", "提示", "问题合计"],
                 [[s.name, s.department, s.level, s.items, s.severities["error"], s.severities["warning"],
                   s.severities["info"], s.total] for s in r.lists])]
    for s in r.lists:
        out.append(f"\n### {text(s.name)}\n\n{text(s.summary)}\n\n")
        out.append(table(["类别", *(SEVERITY_NAMES[v] for v in reversed(SEVERITIES))],
                         [[CATEGORY_NAMES.get(c, c), *(n[v] for v in reversed(SEVERITIES))]
                          for c, n in s.categories.items()]))
    return "".join(out)


def _documents(r: Report) -> str:
    return table(["文件", "文号", "状态", "日期", "替代文件 / 现行版本", "处理建议", "引用它的事项", "可信度与来源"],
                 [[d.document, d.number, d.status, d.since, d.replacement, d.action, refs_text(d.items),
                   f"{d.confidence}；{sources(d.source)}" if d.source else d.confidence] for d in r.documents])


def _upcoming(r: Report) -> str:
    return table(["日期", "文件", "变化", "说明", "应复核的事项"],
                 [[u.date, u.document, u.change, u.note, refs_text(u.items) or "—"] for u in r.upcoming])


def _attention(r: Report) -> str:
    out = []
    for a in r.attention:
        number = f"序号 {a.ref.item} · " if a.ref.item else ""
        out.append(f"\n### {text(a.ref.list)}：{text(number)}{text(short(a.ref.name))}\n\n")
        out.append(table(["级别", "规则", "问题与改法", "位置"],
                         [[SEVERITY_NAMES[f.severity], f.code, f.message, location(f)] for f in a.findings]))
    return "".join(out) or "没有发现问题。\n"


def _cross(r: Report) -> str:
    out = []
    for row in r.cross:
        out.append(f"\n### {text(row.power_type)}：{text(short(row.power))}\n\n")
        out.append(table(["清单", "序号", "事项名称", "权力类型", "引用的文件", "责任环节", "与多数清单比"],
                         [[c.ref.list, c.ref.item, c.ref.name, c.power_type or "—", "、".join(c.documents) or "—",
                           "→".join(c.stages) or "—", "与多数不同：" + "；".join(c.notes) if c.notes else ""]
                          for c in row.entries]))
        out.append("\n" + "".join(f"- {text(d)}\n" for d in row.differences))
    out.append("\n### 引文的条号与多数清单不同\n\n")
    out.append(table(["清单", "序号", "事项名称", "问题与改法", "位置"],
                     [[f.list, f.item, f.item_name, f.message, location(f)] for f in r.consensus]))
    return "".join(out)


def _catalogue(r: Report) -> str:
    out = []
    for s in r.conformance:
        out.append(f"\n### {text(s.list)}\n\n与目录对应的事项 {s.matched} 项；文件：{text(s.path)}\n\n")
        out.append("目录中有、本清单没有的事项：\n\n")
        out.append(table(["目录序号", "目录事项", "权力类型"], [[m.number, m.name, m.note] for m in s.missing]))
        out.append("\n目录外的事项：\n\n")
        out.append(table(["序号", "事项名称"], [[x.item, x.name] for x in s.extra]))
        out.append("\n名称与目录不一致的事项：\n\n")
        out.append(table(["序号", "本清单名称", "目录名称", "相似度", "把握"],
                         [[d.ref.item, d.ref.name, d.name, d.score, d.sure] for d in s.drifted]))
        if s.differs:
            out.append("\n类型或编码与目录不同的事项：\n\n")
            out.append(table(["序号", "事项名称", "目录名称", "不同之处"],
                             [[d.ref.item, d.ref.name, d.name, d.note] for d in s.differs]))
    return "".join(out)


def _changes(r: Report) -> str:
    c = r.changes
    if c is None:
        return ""
    out = [f"对比对象：{text(c.previous)}\n"]
    for title, found in (("已修复的问题", c.fixed), ("新出现的问题", c.new)):
        out.append(f"\n### {title}\n\n")
        out.append(table(["级别", "规则", "清单", "序号", "问题"],
                         [[SEVERITY_NAMES[f.severity], f.code, f.list, f.item, f.message] for f in found]))
    for title, refs in (("新增事项", c.added), ("删除的事项", c.removed)):
        out.append(f"\n### {title}\n\n")
        out.append(table(["清单", "序号", "事项名称"], [[x.list, x.item, x.name] for x in refs]))
    return "".join(out)


def _coverage(r: Report) -> str:
    return table(["文件", "文号", "引用次数", "引用条文", "未能核对", "已登记", "效力", "条文", "建议"],
                 [[c.document, c.number, str(c.citations), str(c.articles), str(c.unchecked), c.registered, c.status,
                   c.texts, c.advice] for c in r.coverage])


RENDER = {"summary": _summary, "documents": _documents, "upcoming": _upcoming, "attention": _attention,
          "cross": _cross, "catalogue": _catalogue, "changes": _changes, "coverage": _coverage}


def render(r: Report) -> str:
    out = [f"# {text(r.title)}\n\n审查基准日：{text(r.as_of)}　生成时间：{text(r.generated)}　powerlint {text(r.version)}\n"]
    if r.errors:
        out.append("\n无法读取的文件：\n\n" + "".join(f"- {text(err)}\n" for err in r.errors))
    for key, title, intro in SECTIONS:
        out.append(f"\n## {title}\n\n{text(intro(r))}\n\n{RENDER[key](r)}")
    return "".join(out)
