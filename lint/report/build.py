"""Build the annual review report (`lint.report.model`) from a check result, what it kept of each list
(lint.report.parts) and the knowledge base."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from .. import __version__
from ..findings import CATEGORIES, CATEGORY_NAMES, SEVERITIES, SEVERITY_NAMES, Finding, severity_rank
from ..identity import tolerant
from ..published import describe
from .model import WHOLE_LIST, AttentionRow, CoverageRow, FindingRow, ItemRef, ListSummary, Report
from .parts import ListPart


def finding_rows(findings: list[Finding], lists: list[ListPart]) -> list[FindingRow]:
    """A row per finding, its list and item named from the lists' parts. Consumes `findings`: each is dropped
    once its row is made, so that a province's run (a million findings) never holds both."""
    parts = {p.path: p for p in lists}
    evidence: dict[str, str] = {}  # text → its tolerant form: findings share a few thousand texts

    def row(f: Finding) -> FindingRow:
        part = parts.get(f.path)
        text = f.evidence or f.message
        kept = evidence.get(text)
        if kept is None:
            kept = evidence[text] = tolerant(text)
        return FindingRow(f.code, f.category, f.severity, f.message, f.path, f.line, f.column, f.item or "",
                          part.names.get(f.item, "") if part else "", f.field or "",
                          part.name if part else Path(f.path).stem, f.fingerprint(), f.item_id or "", kept,
                          describe(f.place) if f.place else "")

    findings.reverse()
    rows = []
    while findings:
        rows.append(row(findings.pop()))
    return rows


def summarize(part: ListPart, mine: list[FindingRow]) -> ListSummary:
    """The summary of one list (its part) from its finding rows `mine`."""
    counts = Counter((r.category, r.severity) for r in mine)
    by_severity = Counter(r.severity for r in mine)
    severities = {s: by_severity[s] for s in SEVERITIES}
    categories = {c: {s: counts[c, s] for s in SEVERITIES} for c in CATEGORIES if any(counts[c, s] for s in SEVERITIES)}
    name = part.name
    text = f"{name}共 {len(part.items)} 项事项，发现 {len(mine)} 个问题"
    if mine:
        parts = "，".join(f"{SEVERITY_NAMES[s]} {severities[s]} 个" for s in reversed(SEVERITIES) if severities[s])
        top = Counter(r.category for r in mine).most_common(1)[0]
        flagged = len({r.item for r in mine if r.item})
        text += (f"（{parts}），涉及 {flagged} 项事项；"
                 f"最多的是“{CATEGORY_NAMES.get(top[0], top[0])}”类问题（{top[1]} 个）。")
    else:
        text += "。"
    return ListSummary(name, part.path, part.department, part.level, len(part.items), len(mine),
                       severities, categories, text)


def attention(rows: list[FindingRow]) -> list[AttentionRow]:
    """Items with findings, the most serious first (errors, then warnings, then infos)."""
    groups: dict[tuple[str, str], list[FindingRow]] = {}
    for row in rows:
        groups.setdefault((row.path, row.item), []).append(row)
    out = []
    for (path, item), found in groups.items():
        found.sort(key=lambda r: (-severity_rank(r.severity), r.line, r.column, r.code))
        severities = [r.severity for r in found]  # not a Counter: 200,000 of them cost a province 3 s
        counts = {s: severities.count(s) for s in SEVERITIES}
        ref = ItemRef(found[0].list, path, item, found[0].item_name if item else WHOLE_LIST)
        out.append(AttentionRow(ref, counts["error"], counts["warning"], counts["info"], found))
    out.sort(key=lambda a: (-a.errors, -a.warnings, -a.infos, a.ref.list, _number_key(a.ref.item)))
    return out


def _number_key(label: str):
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else -1, label)


def build(result, lists: list[ListPart], views: list, as_of: dt.date, *, title: str = "权责清单年度审查报告",
          cross: bool = True, catalogue=None) -> Report:
    """The report of a check result over `lists` (the parts of the lists checked) and their cross-list `views`
    (lint.analysis.crosslist.view; needed when there are several lists or a catalogue), against `catalogue`
    (the view of lint/analysis/catalogue.py `load`) if given. Consumes the views and the result's findings
    (a province's run holds a million findings and 2,000 views: each is dropped once what it gives is made)."""
    from ..analysis.catalogue import is_catalogue
    from .crosslist import catalogue_sections, compare_lists
    from .documents import document_sections

    rows = finding_rows(result.findings, lists)
    compared = [v for v in views if catalogue is None or not is_catalogue(v, catalogue)] \
        if len(lists) > 1 or catalogue is not None else []  # one list, no catalogue: nothing to compare it with
    crossed = compare_lists(compared, rows) if cross and len(compared) > 1 else []
    conformance = catalogue_sections(catalogue, compared) if catalogue is not None else []
    del compared
    views.clear()
    by_path: dict[str, list[FindingRow]] = {}
    for row in rows:
        by_path.setdefault(row.path, []).append(row)
    documents, upcoming = document_sections(lists, as_of)
    return Report(
        title=title,
        as_of=as_of.isoformat(),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        lists=[summarize(p, by_path.pop(p.path, [])) for p in lists],
        documents=documents,
        upcoming=upcoming,
        attention=attention(rows),
        cross=crossed,
        findings=rows,
        items=[ref for p in lists for ref in p.items],
        errors=[str(e) for e in result.errors],
        coverage=coverage_rows(lists, as_of),
        consensus=[r for r in rows if r.code == "XLS001"],
        catalogue=catalogue.name if catalogue is not None else "",
        conformance=conformance,
    )


def coverage_rows(lists: list[ListPart], as_of: dt.date) -> list[CoverageRow]:
    """The knowledge coverage table (the same as `powerlint kb coverage`)."""
    from ..kb import wording
    from ..citations.coverage import coverage
    from ..kb.registry import knowledge_dir

    return [CoverageRow(r.title, r.number, r.citations, r.articles, r.unchecked, "是" if r.registered else "否",
                        r.status or wording.STATUS["unknown"], r.texts or "无", r.advice()) for r in coverage([p.cited for p in lists], knowledge_dir(), as_of)]
