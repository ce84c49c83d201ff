"""Baselines: record today's findings, then report only new ones.

A finding is matched by what it is (lint.identity): its file, its item's identity (power code,
name, sub-item; a slight rename still matches), rule code, field and a tolerant form of the
offending text. Deleting, inserting, renumbering or reordering items, or a fix of nearby text,
leaves the other findings matched.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .findings import Finding
from .identity import Mark, make_id, pair, split_id, tolerant
from .source import InputError

VERSION = 2
LEGACY = 1  # keyed by 序号: still read, with a note to regenerate


def _path(name: str, base: Path) -> str:
    try:
        return Path(name).resolve().relative_to(base).as_posix()
    except ValueError:
        return Path(name).as_posix()


def render(findings: list[Finding], out: Path) -> bytes:
    """The baseline file's bytes for `findings`, paths relative to the file's directory."""
    base = out.resolve().parent
    entries = []
    for f in findings:
        code, name, sub_item = split_id(f.item_id or "")
        entries.append({"path": _path(f.path, base), "code": f.code, "field": f.field, "item": f.item,
                        "power_code": code, "name": name, "sub_item": sub_item,
                        "text": tolerant(f.evidence or f.message), "fingerprint": f.fingerprint(),
                        "message": f.message})
    payload = {"version": VERSION, "tool": "powerlint", "findings": entries}
    return (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read(path: Path) -> tuple[int, list[dict]]:
    """(version, entries) of a baseline file."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Windows editors save it
        entries = payload["findings"]
        version = payload.get("version")
        assert version in (VERSION, LEGACY) and isinstance(entries, list)
        assert all(isinstance(e, dict) and "path" in e and "fingerprint" in e for e in entries)
        return version, entries
    except FileNotFoundError:
        raise InputError(str(path), "基线文件不存在：请先运行 powerlint baseline -o 该文件") from None
    except (OSError, ValueError, KeyError, TypeError, AssertionError):
        raise InputError(str(path), "不是有效的基线文件（请用 powerlint baseline 重新生成）") from None


def _mark(entry: dict) -> Mark:
    identity = make_id(entry.get("power_code", ""), entry.get("name", ""), entry.get("sub_item", ""))
    return Mark(entry["path"], identity if entry.get("item") is not None else "", entry.get("code", ""),
                entry.get("field") or "", entry.get("text", ""))


def filter_new(findings: list[Finding], path: Path, checked: set[str] | None = None
               ) -> tuple[list[Finding], list[dict], str | None]:
    """The findings not in the baseline, the baseline entries that are gone (fixed), and a note.

    `checked`: the files (as baseline paths) this run looked at; entries of other files are not "gone".
    The note asks to regenerate a baseline of the old format (matched by 序号).
    """
    version, entries = read(path)
    base = path.resolve().parent
    if version == LEGACY:
        return (*_filter_legacy(findings, entries, base, checked),
                "基线文件是旧格式（按序号记录问题）：删除、插入事项或重新编号后会把旧问题报告为新问题；"
                "请用 powerlint baseline -o 该文件 重新生成")
    marks = [Mark(_path(f.path, base), f.item_id or "" if f.item is not None else "", f.code, f.field or "",
                  tolerant(f.evidence or f.message)) for f in findings]
    pairs = pair([_mark(e) for e in entries], marks)
    seen_old, seen_new = {i for i, _ in pairs}, {j for _, j in pairs}
    new = [f for j, f in enumerate(findings) if j not in seen_new]
    gone = [e for i, e in enumerate(entries) if i not in seen_old and (checked is None or e["path"] in checked)]
    return new, gone, None


def _filter_legacy(findings, entries, base, checked):
    remaining = Counter((e["path"], e["fingerprint"]) for e in entries)
    new = []
    for finding in findings:
        key = (_path(finding.path, base), finding.legacy_fingerprint())
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
    return {_path(name, base) for name in files}
