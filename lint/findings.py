"""Findings and the fixes they carry (text edits on source spans, as ruff does)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

SEVERITIES = ("info", "warning", "error")
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}  # the words every output shows


def severity_key(word) -> str | None:
    """The severity a user wrote, in English (error) or in the Chinese every output shows (错误); None if neither."""
    if word in SEVERITY_NAMES:
        return word
    return next((key for key, name in SEVERITY_NAMES.items() if name == word), None)


class Family(NamedTuple):
    """A rule family: its code prefix, category (in every output format), Chinese label (in reports) and
    module (`lint/checks/<category>.py`, named after the category)."""

    prefix: str
    category: str
    label: str

    @property
    def module(self) -> str:
        return f"lint.checks.{self.category}"


# the one table of families; its order is the order of categories in reports
FAMILIES = (
    Family("SCH", "schema", "格式"),
    Family("STG", "stage", "责任环节"),
    Family("CIT", "citation", "依据引用"),
    Family("NUM", "numbering", "序号"),
    Family("OCR", "garbled", "文字错乱"),
    Family("DOC", "stale", "文件时效"),
    Family("JUR", "consistency", "一致性"),
    Family("COD", "code", "权力编码"),
    Family("XLS", "crosslist", "跨清单比对"),
    Family("CAT", "catalogue", "标准目录对照"),
)
CATEGORIES = tuple(f.category for f in FAMILIES)
CATEGORY_NAMES = {f.category: f.label for f in FAMILIES}


def family_of(code: str) -> Family | None:
    """The family of a rule code (by its letter prefix), or None."""
    return next((f for f in FAMILIES if code.startswith(f.prefix)), None)


ALL = "ALL"  # the selector of every rule (configuration and command line; not lint-ignore)


def matches(code: str, selectors) -> bool:
    """Whether a rule code is one of `selectors` or starts with one (a family prefix such as CIT): the one
    definition of code-prefix matching for the configuration, suppressions, lint-ignore and the CLI."""
    return any(code.startswith(s) for s in selectors)


def selects_any(selector: str, codes) -> bool:
    """Whether a code or prefix selects at least one of the rule `codes`."""
    return any(matches(code, (selector,)) for code in codes)


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


class Edit(NamedTuple):
    """Replace source characters [start, end) of the file with `content`."""

    start: int
    end: int
    content: str


def edited(text: str, edits: list[Edit], offset: int = 0) -> str:
    """`text` with `edits` (in text order, not overlapping) applied; `text` is the file's from index `offset` on."""
    out, last = [], 0
    for edit in edits:
        out += [text[last:edit.start - offset], edit.content]
        last = edit.end - offset
    out.append(text[last:])
    return "".join(out)


class Fix(NamedTuple):
    """A fix: what it does, its edits, and whether it is safe to apply without review."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(slots=True)  # a province's run holds hundreds of thousands: no __dict__ per finding
class Finding:
    code: str
    category: str
    severity: str
    message: str
    path: str
    line: int
    column: int
    item: str | None = None
    field: str | None = None
    fix: Fix | None = None
    evidence: str = ""  # the offending text, for fingerprints (baseline, cache)
    item_id: str | None = None  # the item's identity (lint.identity: power code, name, sub-item), not its 序号
    place: dict | None = None  # in a published file: its sheet and cell, or table, row and column (lint.published)

    def fingerprint(self) -> str:
        """A key that survives line shifts, renumbering and reordering: item identity + code + field +
        the offending text without digits, spaces and punctuation."""
        import hashlib  # here: only baselines and some output formats need it, and it loads OpenSSL (3–6 ms)

        from .identity import tolerant

        item = self.item_id if self.item_id is not None else self.item
        text = f"{item}\x1f{self.code}\x1f{self.field}\x1f{tolerant(self.evidence or self.message)}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    def legacy_fingerprint(self) -> str:
        """The fingerprint of baseline files of version 1 (item 序号 + code + field + text)."""
        import hashlib

        text = f"{self.item}\x1f{self.code}\x1f{self.field}\x1f{self.evidence or self.message}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    def as_json(self) -> dict:
        entry = {
            "code": self.code,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "item": self.item,
            "field": self.field,
            "fix": None if self.fix is None else self.fix.description,
        }
        if self.place is not None:  # a published file: sheet and cell, or table, row and column
            entry.update(self.place)
        return entry

    def sort_key(self):
        return (self.path, self.line, self.column, self.code)


@dataclass
class RunNotes:
    """What a run could not do, for every output format: files not checked, checks that could not run."""

    skipped: list = field(default_factory=list)  # InputError of each file or path not checked
    not_run: list[str] = field(default_factory=list)  # a Chinese sentence per check that could not run, with why
