"""The report as one self-contained HTML file: no scripts, fonts or images from outside, charts as
inline SVG, print rules for A4. Every piece of list content goes through `html.escape`."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from ..findings import CATEGORY_NAMES, SEVERITIES, SEVERITY_NAMES
from .model import AttentionRow, ListSummary, Report
from .sections import SECTIONS, location, refs_text, short, sources

COLORS = {"error": "#c62828", "warning": "#e08a00", "info": "#2f6fb0"}

CSS = """
:root { --ink: #1d2733; --muted: #5b6775; --line: #d5dbe3; --band: #f3f6f9; --accent: #1f4e79; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1120px; padding: 28px 36px 48px; color: var(--ink); background: #fff;
  font: 14px/1.65 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimSun", sans-serif; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 18px; }
h1 { font-size: 26px; margin: 0 0 6px; color: var(--accent); letter-spacing: 1px; }
h2 { font-size: 20px; color: var(--accent); border-left: 5px solid var(--accent); padding-left: 10px; margin: 34px 0 12px; }
h3 { font-size: 16px; margin: 22px 0 8px; }
p.meta, p.note, .muted { color: var(--muted); }
p.meta { margin: 2px 0; }
nav ul { columns: 2; margin: 6px 0 0; padding-left: 0; list-style: none; }
.lists { display: grid; grid-template-columns: 1fr 1fr; gap: 0 28px; }
nav a { color: var(--accent); text-decoration: none; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 14px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left;
  word-break: break-word; overflow-wrap: anywhere; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.nowrap { white-space: nowrap; }
.sev { display: inline-block; min-width: 3em; text-align: center; border-radius: 3px; padding: 0 6px;
  color: #fff; font-size: 12px; white-space: nowrap; }
.sev-error { background: #c62828; } .sev-warning { background: #e08a00; } .sev-info { background: #2f6fb0; }
tr.row-error td:first-child { border-left: 4px solid #c62828; }
tr.row-warning td:first-child { border-left: 4px solid #e08a00; }
tr.row-info td:first-child { border-left: 4px solid #2f6fb0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0 16px; }
.card { flex: 1 1 150px; border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; background: var(--band); }
.card b { display: block; font-size: 24px; color: var(--accent); }
.list-block, .item-block, .cross-block { page-break-inside: avoid; break-inside: avoid; }
.item-block h3 { font-size: 15px; margin-bottom: 4px; }
.empty { color: var(--muted); font-style: italic; }
details.list-findings > summary { font-size: 16px; font-weight: 600; margin: 18px 0 8px; cursor: pointer; }
ul.diff { margin: 4px 0 12px; padding-left: 20px; }
svg text { font-family: inherit; }
footer { margin-top: 36px; border-top: 1px solid var(--line); padding-top: 10px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .lists { display: block; }
  nav { page-break-after: always; break-after: page; }
  section.major { page-break-before: always; break-before: page; }
  section.major:first-of-type { page-break-before: auto; break-before: auto; }
  thead { display: table-header-group; }
  tr, .card { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


class Safe(str):
    """Markup built here (already escaped); anything else is escaped when it goes into the page."""


def e(text) -> str:
    return text if isinstance(text, Safe) else escape(str(text), quote=True)


def table(headers: list[str], rows: list[list], *, numeric: set[int] = frozenset(), nowrap: set[int] = frozenset(),
          row_classes: list[str] | None = None) -> Safe:
    if not rows:
        return Safe('<p class="empty">无。</p>')
    head = "".join(f'<th class="num">{e(h)}</th>' if i in numeric else f"<th>{e(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for k, row in enumerate(rows):
        cls = f' class="{e(row_classes[k])}"' if row_classes else ""
        cells = "".join(f'<td class="num">{e(c)}</td>' if i in numeric else
                        f'<td class="nowrap">{e(c)}</td>' if i in nowrap else f"<td>{e(c)}</td>"
                        for i, c in enumerate(row))
        body.append(f"<tr{cls}>{cells}</tr>")
    return Safe(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def badge(severity: str) -> Safe:
    return Safe(f'<span class="sev sev-{e(severity)}">{e(SEVERITY_NAMES.get(severity, severity))}</span>')


def stacked_bars(rows: list[tuple[str, dict[str, int]]], *, label_width: int = 260, width: int = 760) -> Safe:
    """A horizontal bar per row, split by severity, as inline SVG."""
    if not rows:
        return Safe("")
    bar, gap, top = 20, 10, 26
    most = max((sum(c.values()) for _, c in rows), default=0) or 1
    span = width - label_width - 60
    height = top + len(rows) * (bar + gap)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 {width} {height}" '
             f'style="max-width:{width}px">']
    x = label_width
    for severity in reversed(SEVERITIES):  # legend
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLORS[severity]}"/>'
                     f'<text x="{x + 16}" y="15" font-size="12">{e(SEVERITY_NAMES[severity])}</text>')
        x += 70
    for k, (label, counts) in enumerate(rows):
        y = top + k * (bar + gap)
        short = label if len(label) <= 18 else label[:17] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 15}" font-size="13" text-anchor="end">'
                     f'<title>{e(label)}</title>{e(short)}</text>')
        x = float(label_width)
        for severity in reversed(SEVERITIES):
            w = span * counts.get(severity, 0) / most
            if w:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLORS[severity]}">'
                             f'<title>{e(SEVERITY_NAMES[severity])} {counts[severity]}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}" font-size="12">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return Safe("".join(parts))


def _summary(report: Report) -> str:
    total = len(report.findings)
    sev = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    cards = [("清单", len(report.lists)), ("事项", sum(s.items for s in report.lists)), ("问题", total),
             ("错误", sev["error"]), ("需更新的依据文件", len(report.documents)), ("即将发生的变化", len(report.upcoming))]
    out = ['<div class="cards">', *(f'<div class="card"><b>{n}</b>{e(label)}</div>' for label, n in cards), "</div>"]
    charted = report.lists
    if len(charted) > CHARTED_LISTS:  # a bar per list of a province would be a chart 60,000 pixels high
        charted = sorted(charted, key=lambda s: -s.total)[:CHARTED_LISTS]
        out.append(f'<p class="note">问题最多的 {CHARTED_LISTS} 份清单（共 {len(report.lists)} 份，全部见下表）：</p>')
    out.append(stacked_bars([(s.name, s.severities) for s in charted]))
    out.append(table(["清单", "部门", "层级", "事项数", "错误", "警告", "提示", "问题合计"],
                     [[s.name, s.department, s.level, s.items, s.severities["error"], s.severities["warning"],
                       s.severities["info"], s.total] for s in report.lists], numeric={3, 4, 5, 6, 7}))
    if len(report.lists) > CHARTED_LISTS:  # one row a list instead of a paragraph and a chart each (3 KB a list)
        out.append(_categories_table(report.lists))
    else:
        out.append(f'<div class="lists">{"".join(_list_block(s) for s in report.lists)}</div>')
    return "".join(out)


def _categories_table(lists: list[ListSummary]) -> str:
    """The problems of each list by category, one row a list (what each list's chart shows with few lists)."""
    seen = {c for s in lists for c in s.categories}
    categories = [c for c in CATEGORY_NAMES if c in seen] + sorted(seen - CATEGORY_NAMES.keys())
    rows = [[s.name, *(sum(s.categories.get(c, {}).values()) or "" for c in categories), s.total] for s in lists]
    return ("<h3>各清单的问题类别</h3>"
            + table(["清单", *(CATEGORY_NAMES.get(c, c) for c in categories), "合计"], rows,
                    numeric=set(range(1, len(categories) + 2))))


def _list_block(s: ListSummary) -> str:
    rows = [(CATEGORY_NAMES.get(c, c), counts) for c, counts in s.categories.items()]
    return (f'<div class="list-block"><h3>{e(s.name)}</h3><p>{e(s.summary)}</p>'
            f'<p class="muted">文件：{e(s.path)}</p>{stacked_bars(rows, label_width=80, width=440)}</div>')


def _documents(report: Report) -> str:
    rows = [[f"《{d.document}》" + (f"（{d.number}）" if d.number else ""), d.status, d.since, d.replacement, d.action,
             _refs(d.items), f"{d.confidence}；{sources(d.source)}" if d.source else d.confidence]
            for d in report.documents]
    return table(["文件", "状态", "日期", "替代文件 / 现行版本", "处理建议", "引用它的事项", "可信度与来源"], rows, nowrap={2})


def _refs(refs: list) -> str:
    """The items citing a document, the first REFS_SHOWN of them (a merged list cites a law from thousands)."""
    more = f" 等，共 {len(refs)} 项" if len(refs) > REFS_SHOWN else ""
    return refs_text(refs[:REFS_SHOWN]) + more


def _upcoming(report: Report) -> str:
    rows = [[u.date, u.document, u.change, u.note, _refs(u.items) or "—"] for u in report.upcoming]
    return table(["日期", "文件", "变化", "说明", "应复核的事项"], rows, nowrap={0, 2})


# A province's report must still open in a browser: the findings shown in full are shared out among the lists
# (at least MIN, at most MAX a list, about TOTAL in all; 20,000 items, 122,000 findings made a 53 MB page), and so
# are the one-line entries of the other items with findings, folded; every finding is in the xlsx and JSON reports.
# One list of 20,000 items gets MAX of each (1 MB); 2,000 lists of 100 items got 5 and 10 each with totals of
# 10,000 and 20,000 (a 33 MB page), now MIN each (bench/README, issue 27 fourth pass).
SHOWN_FINDINGS = {"min": 2, "max": 300, "total": 3_000}
LISTED_ITEMS = {"min": 3, "max": 2_000, "total": 6_000}
REFS_SHOWN = 50  # items named per document in the document tables
OPEN_LISTS = 10  # with no more lists than this, every list's section starts unfolded
CROSS_SAME = 50  # entries of a cross-list block that agree with the majority shown, beside every one that differs
CHARTED_LISTS = 30  # with more lists, the overview charts those with the most problems and tabulates every list


def _attention(report: Report) -> str:
    by_list: dict[str, list[AttentionRow]] = {s.path: [] for s in report.lists}
    for a in report.attention:
        by_list.setdefault(a.ref.path, []).append(a)
    groups = [rows for rows in by_list.values() if rows]
    if not groups:
        return '<p class="empty">没有发现问题。</p>'
    shown, listed = (_share(limits, len(groups)) for limits in (SHOWN_FINDINGS, LISTED_ITEMS))
    return "".join(_list_attention(rows, shown, listed, len(groups) <= OPEN_LISTS) for rows in groups)


def _share(limits: dict[str, int], lists: int) -> int:
    return max(limits["min"], min(limits["max"], limits["total"] // lists))


def _list_attention(rows: list[AttentionRow], shown: int, listed: int, unfolded: bool) -> str:
    """One list's items with findings, the most serious first: whole item blocks until about `shown` findings,
    then up to `listed` items as one line each (folded), then a count of the rest."""
    full, count = [], 0
    while len(full) < len(rows) and count < shown:
        count += len(rows[len(full)].findings)
        full.append(rows[len(full)])
    lines, rest = rows[len(full):len(full) + listed], rows[len(full) + listed:]
    total = sum(len(a.findings) for a in rows)
    out = [f'<details class="list-findings"{" open" if unfolded else ""}><summary>{e(rows[0].ref.list)}：'
           f"{len(rows)} 项事项有问题，共 {total} 个问题</summary>", *(_item_block(a) for a in full)]
    if lines:
        out.append(f"<details><summary>其后的 {len(lines)} 项事项（{sum(len(a.findings) for a in lines)} 个问题），"
                   "每项一行</summary>")
        out.append(table(["序号", "事项名称", "错误", "警告", "提示", "首个问题", "位置"],
                         [[a.ref.item, short(a.ref.name), a.errors, a.warnings, a.infos, a.findings[0].message,
                           location(a.findings[0])] for a in lines], numeric={2, 3, 4}, nowrap={0}))
        out.append("</details>")
    if rest:
        out.append(f'<p class="note">本清单另有 {len(rest)} 项事项（{sum(len(a.findings) for a in rest)} 个问题）'
                   "未在本页列出。全部问题见同一命令生成的 xlsx 或 JSON 报告（如 powerlint report … -o 报告.xlsx）。</p>")
    out.append("</details>")
    return "".join(out)


def _item_block(a: AttentionRow) -> str:
    counts = "，".join(f"{SEVERITY_NAMES[s]} {n}" for s, n in (("error", a.errors), ("warning", a.warnings),
                                                                  ("info", a.infos)) if n)
    number = f"序号 {a.ref.item} · " if a.ref.item else ""
    rows = [[badge(f.severity), f.code, f.message, _cell_link(f)] for f in a.findings]
    return (f'<div class="item-block"><h3>{e(a.ref.list)}：{e(number)}{e(short(a.ref.name))}</h3>'
            f'<p class="muted">{e(counts)}</p>'
            f'{table(["级别", "规则", "问题与改法", "位置"], rows, nowrap={0, 1}, row_classes=[f"row-{f.severity}" for f in a.findings])}'
            f"</div>")


def _cell_link(f) -> str:
    """The finding's place; in a published file a link to the file (beside the report, as its annotated copy)."""
    if not f.place:
        return location(f)
    return Safe(f'<a href="{e(quote(Path(f.path).name))}" title="{e(f.place)}">{e(location(f))}</a>')


def _cross(report: Report) -> str:
    out = []
    for row in report.cross:
        entries = _cross_entries(row.entries)
        rows = [[c.ref.list, c.ref.item, c.ref.name, c.power_type or "—", "、".join(c.documents) or "—",
                 "→".join(c.stages) or "—", "与多数不同：" + "；".join(c.notes) if c.notes else ""]
                for c in entries]
        more = len(row.entries) - len(entries)
        note = (f'<p class="note">另有 {more} 项与多数清单相同，未在本页列出；全部见 xlsx 报告的“跨清单比对”工作表或 JSON 报告。</p>'
                if more else "")
        diffs = "".join(f"<li>{e(d)}</li>" for d in row.differences)
        out.append(f'<div class="cross-block"><h3>{e(row.power_type)}：{e(short(row.power))}</h3>'
                   f'{table(["清单", "序号", "事项名称", "权力类型", "引用的文件", "责任环节", "与多数清单比"], rows)}'
                   f'{note}<ul class="diff">{diffs}</ul></div>')
    if not out:
        out.append('<p class="empty">各清单之间没有发现类型、依据或环节不同的相同事项。</p>')
    out.append("<h3>引文的条号与多数清单不同</h3>")
    out.append(table(["清单", "序号", "事项名称", "问题与改法", "位置"],
                     [[f.list, f.item, f.item_name, f.message, location(f)] for f in report.consensus]))
    return "".join(out)


def _cross_entries(entries: list) -> list:
    """The entries a cross-list block shows: every one that differs from the majority, and up to CROSS_SAME of
    the others (one power in 2,000 lists made a table of 5,000 rows), in their order."""
    same = [k for k, c in enumerate(entries) if not c.notes][CROSS_SAME:]
    dropped = set(same)
    return [c for k, c in enumerate(entries) if k not in dropped]


def _catalogue(report: Report) -> str:
    if not report.catalogue:
        return '<p class="empty">未指定标准目录，本节从略。</p>'
    out = []
    for s in report.conformance:
        out.append(f'<div class="cross-block"><h3>{e(s.list)}</h3><p class="muted">与目录对应的事项 {s.matched} 项；'
                   f"文件：{e(s.path)}</p>")
        out.append("<h4>目录中有、本清单没有的事项</h4>")
        out.append(table(["目录序号", "目录事项", "权力类型"], [[m.number, m.name, m.note] for m in s.missing]))
        out.append("<h4>目录外的事项</h4>")
        out.append(table(["序号", "事项名称"], [[x.item, x.name] for x in s.extra]))
        out.append("<h4>名称与目录不一致的事项</h4>")
        out.append(table(["序号", "本清单名称", "目录名称", "相似度", "把握"],
                         [[d.ref.item, d.ref.name, d.name, d.score, d.sure] for d in s.drifted], numeric={3}))
        if s.differs:
            out.append("<h4>类型或编码与目录不同的事项</h4>")
            out.append(table(["序号", "事项名称", "目录名称", "不同之处"],
                             [[d.ref.item, d.ref.name, d.name, d.note] for d in s.differs]))
        out.append("</div>")
    return "".join(out) or '<p class="empty">标准目录不适用于所审查的清单（部门或层级不同）。</p>'


def _changes(report: Report) -> str:
    c = report.changes
    if c is None:
        return '<p class="empty">未指定上次报告（--compare），本节从略。</p>'
    cards = [("已修复的问题", len(c.fixed)), ("新出现的问题", len(c.new)), ("新增事项", len(c.added)),
             ("删除的事项", len(c.removed))]
    out = [f'<p class="meta">对比对象：{e(c.previous)}</p><div class="cards">',
           *(f'<div class="card"><b>{n}</b>{e(label)}</div>' for label, n in cards), "</div>"]
    for title, found in (("已修复的问题", c.fixed), ("新出现的问题", c.new)):
        out.append(f"<h3>{e(title)}</h3>")
        out.append(table(["级别", "规则", "清单", "序号", "问题"],
                         [[badge(f.severity), f.code, f.list, f.item, f.message] for f in found],
                         row_classes=[f"row-{f.severity}" for f in found]))
    for title, refs in (("新增事项", c.added), ("删除的事项", c.removed)):
        out.append(f"<h3>{e(title)}</h3>")
        out.append(table(["清单", "序号", "事项名称"], [[r.list, r.item, r.name] for r in refs]))
    return "".join(out)


def _coverage(r: Report) -> str:
    return table(["文件", "文号", "引用次数", "引用条文", "未能核对", "已登记", "效力", "条文", "建议"],
                 [[c.document, c.number, c.citations, c.articles, c.unchecked, c.registered, c.status, c.texts,
                   c.advice] for c in r.coverage], numeric={2, 3, 4})


RENDER = {"summary": _summary, "documents": _documents, "upcoming": _upcoming, "attention": _attention,
          "cross": _cross, "catalogue": _catalogue, "changes": _changes, "coverage": _coverage}


def render(report: Report) -> str:
    sections = [(key, title, intro) for key, title, intro in SECTIONS]
    toc = "".join(f'<li><a href="#{key}">{e(title)}</a></li>' for key, title, _ in sections)
    body = "".join(f'<section class="major" id="{key}"><h2>{e(title)}</h2><p class="note">{e(intro(report))}</p>'
                   f"{RENDER[key](report)}</section>" for key, title, intro in sections)
    errors = "".join(f"<li>{e(err)}</li>" for err in report.errors)
    errors = f'<h3>无法读取的文件</h3><ul class="diff">{errors}</ul>' if errors else ""
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(report.title)}</title><style>{CSS}</style></head><body>"
            f'<header class="cover"><h1>{e(report.title)}</h1>'
            f'<p class="meta">审查基准日：{e(report.as_of)}　生成时间：{e(report.generated)}　'
            f"powerlint {e(report.version)}</p>"
            f'<p class="meta">清单：{e("、".join(s.name for s in report.lists) or "无")}</p></header>'
            f"<nav><h2>目录</h2><ul>{toc}</ul></nav>{errors}{body}"
            f"<footer>本报告由 powerlint 根据清单文件和规则知识库自动生成。“可信度”表示知识库中该条信息的可靠程度，"
            f"可信度为中、低的结论请核对原文件后再修改清单。</footer></body></html>\n")
