"""Findings and the fixes they carry (text edits on source spans, as ruff does)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

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


@dataclass
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

    def fingerprint(self) -> str:
        """A key that survives line shifts and reordering: item 序号 + code + the offending text."""
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
