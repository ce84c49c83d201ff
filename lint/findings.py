"""Findings and the fixes they carry (text edits on source spans, as ruff does)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

SEVERITIES = ("info", "warning", "error")
CATEGORIES = ("schema", "stage", "citation", "numbering", "garbled", "stale", "consistency", "code", "crosslist",
              "catalogue")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Edit:
    """Replace source characters [start, end) of the file with `content`."""

    start: int
    end: int
    content: str


@dataclass(frozen=True)
class Fix:
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

    def fingerprint(self) -> str:
        """A key that survives line shifts, renumbering and reordering: item identity + code + field +
        the offending text without digits, spaces and punctuation."""
        from .identity import tolerant

        item = self.item_id if self.item_id is not None else self.item
        text = f"{item}\x1f{self.code}\x1f{self.field}\x1f{tolerant(self.evidence or self.message)}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    def legacy_fingerprint(self) -> str:
        """The fingerprint of baseline files of version 1 (item 序号 + code + field + text)."""
        text = f"{self.item}\x1f{self.code}\x1f{self.field}\x1f{self.evidence or self.message}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]

    def as_json(self) -> dict:
        return {
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

    def sort_key(self):
        return (self.path, self.line, self.column, self.code)


@dataclass
class RunNotes:
    """What a run could not do, for every output format: files not checked, checks that could not run."""

    skipped: list = field(default_factory=list)  # InputError of each file or path not checked
    not_run: list[str] = field(default_factory=list)  # a Chinese sentence per check that could not run, with why
