"""The annual review report as data (built by `lint.report.build`).

Plain dataclasses of strings and numbers: every writer (HTML, Markdown, xlsx, JSON) renders the
same content, and a report's JSON is read back for `--compare`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import PowerList

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


@dataclass(slots=True)  # a province's report holds a million
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
    place: str = ""  # in a published file: where (权责清单!I7, 表 1 第 3 行 第 2 列); "" for YAML lists

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


@dataclass(slots=True)  # one an item with findings: 150,000 in a province's report
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
    """A cited document and whether its citations can be checked (lint.citations.coverage)."""

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
