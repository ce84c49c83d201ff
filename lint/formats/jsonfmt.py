"""`--format json`: an array of finding objects with exactly the contract's keys."""

from __future__ import annotations

import json

from ..findings import Finding


def render(findings: list[Finding], files: int, notes=None) -> str:
    """The array of findings (its contract has no room for notes: the CLI prints them on stderr)."""
    return json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2) + "\n"
