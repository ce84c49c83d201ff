"""The annual review report as data, built from a check result, the lists and the knowledge base.

Plain dataclasses of strings and numbers: every writer (HTML, Markdown, xlsx, JSON) renders the
same content, and a report's JSON is read back for `--compare`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..identity import item_id, tolerant

from .. import __version__
from ..findings import CATEGORIES, CATEGORY_NAMES, SEVERITIES, Finding, severity_rank
from ..model import PowerList

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
WHOLE_LIST = "（整张清单）"


@dataclass(frozen=True)
class ItemRef:
    """One item of one list: the list's display name and file, its 序号 and name."""

    list: str
    path: str
    item: str
    name: str
    identity: str = ""  # lint.identity of the item (power code, name, sub-item); "" in reports before it

    @property
    def key(self) -> tuple[str, str, str]:
        """The item within this report: file name, 序号 and name (across versions: lint.report.compare)."""
        return (Path(self.path).name, self.item, self.name)


@dataclass
class FindingRow:
    code: str
    category: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    item: str
    item_name: str
    field: str
    list: str
    fingerprint: str
    item_id: str = ""  # lint.identity of the finding's item; "" in reports before it
    evidence: str = ""  # lint.identity.tolerant of the offending text; "" in reports before it

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the finding across versions: file name and the finding's fingerprint."""
        return (Path(self.path).name, self.fingerprint)


@dataclass
class ListSummary:
    name: str
    path: str
    department: str
    level: str
    items: int
    total: int
    severities: dict[str, int]
    categories: dict[str, dict[str, int]]  # category → severity → count
    summary: str  # one Chinese paragraph


@dataclass
class DocumentRow:
    """A cited document that must be updated, with what replaces it and the items citing it."""

    document: str
    number: str
    status: str
    since: str
    replacement: str
    action: str
    confidence: str
    source: str
    items: list[ItemRef] = field(default_factory=list)


@dataclass
class UpcomingRow:
    """A change after the as-of date: a law taking effect, a validity period ending."""

    date: str
    document: str
    change: str
    note: str
    items: list[ItemRef] = field(default_factory=list)


@dataclass
class AttentionRow:
    ref: ItemRef
    errors: int
    warnings: int
    infos: int
    findings: list[FindingRow]


@dataclass
class CrossEntry:
    ref: ItemRef
    documents: list[str]
    stages: list[str]
    power_type: str = ""
    notes: list[str] = field(default_factory=list)  # the cross-list findings on this item (XLS)


@dataclass
class CrossRow:
    """The same power in several lists, and how their legal basis or stages differ."""

    power: str
    power_type: str
    entries: list[CrossEntry]
    differences: list[str]


@dataclass
class CatalogueRow:
    """A catalogue item beside a list's item (None when the list lacks it): how alike, how sure, what differs."""

    ref: ItemRef | None
    number: str  # the catalogue's 序号
    name: str  # the catalogue's name
    score: int = 0
    sure: str = ""
    note: str = ""


@dataclass
class CatalogueSection:
    """One list against the standard catalogue."""

    list: str
    path: str
    matched: int
    missing: list[CatalogueRow] = field(default_factory=list)
    extra: list[ItemRef] = field(default_factory=list)
    drifted: list[CatalogueRow] = field(default_factory=list)
    differs: list[CatalogueRow] = field(default_factory=list)


@dataclass
class Changes:
    previous: str
    fixed: list[FindingRow] = field(default_factory=list)
    new: list[FindingRow] = field(default_factory=list)
    added: list[ItemRef] = field(default_factory=list)
    removed: list[ItemRef] = field(default_factory=list)


@dataclass
class CoverageRow:
    """A cited document and whether its citations can be checked (lint.kb.coverage)."""

    document: str
    number: str
    citations: int
    articles: int
    unchecked: int
    registered: str
    status: str
    texts: str
    advice: str


@dataclass
class Report:
    title: str
    as_of: str
    generated: str
    version: str
    lists: list[ListSummary]
    documents: list[DocumentRow]
    upcoming: list[UpcomingRow]
    attention: list[AttentionRow]
    cross: list[CrossRow]
    findings: list[FindingRow]
    items: list[ItemRef]
    errors: list[str] = field(default_factory=list)
    changes: Changes | None = None
    coverage: list[CoverageRow] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)  # checks that could not run, and why (engine.Result.not_run)
    consensus: list[FindingRow] = field(default_factory=list)  # XLS001: a quote's article label against the majority
    catalogue: str = ""  # the standard catalogue's title, "" when none was given
    conformance: list[CatalogueSection] = field(default_factory=list)


def list_name(plist: PowerList) -> str:
    """How a list is called in the report: its title, else its department, else its file name."""
    for key in ("title", "department"):
        value = plist.meta.get(key)
        if value is not None and value.value.strip():
            return value.value.strip()
    return Path(plist.path).stem


def item_refs(plist: PowerList) -> list[ItemRef]:
    name = list_name(plist)
    return [ItemRef(name, plist.path, item.label or "", item.name.strip(), item_id(item)) for item in plist.items]


def finding_rows(findings: list[Finding], lists: list[PowerList]) -> list[FindingRow]:
    names = {p.path: list_name(p) for p in lists}
    item_names = {(p.path, i.label): i.name.strip() for p in lists for i in p.items}
    return [FindingRow(f.code, f.category, f.severity, f.message, f.path, f.line, f.column, f.item or "",
                       item_names.get((f.path, f.item), ""), f.field or "", names.get(f.path, Path(f.path).stem),
                       f.fingerprint(), f.item_id or "", tolerant(f.evidence or f.message)) for f in findings]


def summarize(plist: PowerList, rows: list[FindingRow]) -> ListSummary:
    mine = [r for r in rows if r.path == plist.path]
    severities = {s: sum(r.severity == s for r in mine) for s in SEVERITIES}
    categories = {c: {s: sum(r.category == c and r.severity == s for r in mine) for s in SEVERITIES}
                  for c in CATEGORIES if any(r.category == c for r in mine)}
    name = list_name(plist)
    text = f"{name}共 {len(plist.items)} 项事项，发现 {len(mine)} 个问题"
    if mine:
        parts = "，".join(f"{SEVERITY_NAMES[s]} {severities[s]} 个" for s in reversed(SEVERITIES) if severities[s])
        top = Counter(r.category for r in mine).most_common(1)[0]
        flagged = len({r.item for r in mine if r.item})
        text += (f"（{parts}），涉及 {flagged} 项事项；"
                 f"最多的是“{CATEGORY_NAMES.get(top[0], top[0])}”类问题（{top[1]} 个）。")
    else:
        text += "。"
    return ListSummary(name, plist.path, plist.department, plist.level, len(plist.items), len(mine),
                       severities, categories, text)


def attention(rows: list[FindingRow]) -> list[AttentionRow]:
    """Items with findings, the most serious first (errors, then warnings, then infos)."""
    groups: dict[tuple[str, str], list[FindingRow]] = {}
    for row in rows:
        groups.setdefault((row.path, row.item), []).append(row)
    out = []
    for (path, item), found in groups.items():
        found.sort(key=lambda r: (-severity_rank(r.severity), r.line, r.column, r.code))
        counts = Counter(r.severity for r in found)
        ref = ItemRef(found[0].list, path, item, found[0].item_name if item else WHOLE_LIST)
        out.append(AttentionRow(ref, counts["error"], counts["warning"], counts["info"], found))
    out.sort(key=lambda a: (-a.errors, -a.warnings, -a.infos, a.ref.list, _number_key(a.ref.item)))
    return out


def _number_key(label: str):
    digits = "".join(ch for ch in label if ch.isdigit())
    return (int(digits) if digits else -1, label)


def build(result, lists: list[PowerList], as_of: dt.date, *, title: str = "权责清单年度审查报告",
          cross: bool = True, catalogue=None) -> Report:
    """The report of a check result over `lists` (the models of `result.paths`), against `catalogue` (the view
    of lint/catalogue.py `load`) if given."""
    from ..catalogue import is_catalogue
    from ..crosslist import view
    from .crosslist import catalogue_sections, compare_lists
    from .documents import document_sections

    rows = finding_rows(result.findings, lists)
    compared = [view(p) for p in lists if catalogue is None or not is_catalogue(p, catalogue)]
    documents, upcoming = document_sections(lists, as_of)
    return Report(
        title=title,
        as_of=as_of.isoformat(),
        generated=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        version=__version__,
        lists=[summarize(p, rows) for p in lists],
        documents=documents,
        upcoming=upcoming,
        attention=attention(rows),
        cross=compare_lists(compared, rows) if cross and len(compared) > 1 else [],
        findings=rows,
        items=[ref for p in lists for ref in item_refs(p)],
        errors=[str(e) for e in result.errors],
        coverage=coverage_rows(lists, as_of),
        consensus=[r for r in rows if r.code == "XLS001"],
        catalogue=catalogue.name if catalogue is not None else "",
        conformance=catalogue_sections(catalogue, compared) if catalogue is not None else [],
    )


def coverage_rows(lists: list[PowerList], as_of: dt.date) -> list[CoverageRow]:
    """The knowledge coverage table (the same as `powerlint kb coverage`)."""
    from ..kb.coverage import coverage
    from ..kb.registry import knowledge_dir

    return [CoverageRow(r.title, r.number, r.citations, r.articles, r.unchecked, "是" if r.registered else "否",
                        r.status or "未知", r.texts or "无", r.advice()) for r in coverage(lists, knowledge_dir(), as_of)]
