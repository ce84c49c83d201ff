"""Baselines: record today's findings, then report only new ones.

Findings are keyed by file, item 序号, code and a fingerprint of the offending text, so a
baseline survives line shifts and reordering of items.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .findings import Finding
from .source import InputError

VERSION = 1


def _key(finding: Finding, base: Path) -> tuple[str, str]:
    try:
        path = Path(finding.path).resolve().relative_to(base).as_posix()
    except ValueError:
        path = Path(finding.path).as_posix()
    return path, finding.fingerprint()


def render(findings: list[Finding], out: Path) -> bytes:
    base = out.resolve().parent
    entries = [{"path": _key(f, base)[0], "fingerprint": f.fingerprint(), "code": f.code, "item": f.item,
                "message": f.message} for f in findings]
    payload = {"version": VERSION, "tool": "powerlint", "findings": entries}
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read(path: Path) -> list[dict]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        entries = payload["findings"]
        assert payload.get("version") == VERSION and isinstance(entries, list)
        return entries
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        raise InputError(str(path), "不是有效的基线文件（请用 powerlint baseline 重新生成）") from None


def filter_new(findings: list[Finding], path: Path, checked: set[str] | None = None
               ) -> tuple[list[Finding], list[dict]]:
    """The findings not in the baseline, and the baseline entries that are gone (fixed).

    `checked`: the files (as baseline paths) this run looked at; entries of other files are not "gone".
    """
    entries = read(path)
    base = path.resolve().parent
    remaining = Counter((e["path"], e["fingerprint"]) for e in entries)
    new = []
    for finding in findings:
        key = _key(finding, base)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            new.append(finding)
    gone = []
    for entry in entries:
        key = (entry["path"], entry["fingerprint"])
        if remaining[key] > 0 and (checked is None or entry["path"] in checked):
            remaining[key] -= 1
            gone.append(entry)
    return new, gone


def checked_paths(files: list[str], path: Path) -> set[str]:
    base = path.resolve().parent
    out = set()
    for name in files:
        try:
            out.add(Path(name).resolve().relative_to(base).as_posix())
        except ValueError:
            out.add(Path(name).as_posix())
    return out
