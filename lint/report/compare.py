"""`--compare`: what changed since a previous report (its JSON) or since a git ref (the lists as they
were then, checked again now): findings fixed and new, items added and removed."""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from ..identity import Mark, make_id, match_items, pair, tolerant
from ..source import InputError, os_reason
from .jsonfile import FORMAT
from .model import Changes, FindingRow, ItemRef


@dataclass
class Snapshot:
    label: str
    findings: list[FindingRow]
    items: list[ItemRef]


def diff(before: Snapshot, findings: list[FindingRow], items: list[ItemRef]) -> Changes:
    """Items match by what they are (power code, name, sub-item; lint.identity), findings by file, item,
    code, field and tolerant text, so deleting or renumbering items changes nothing else."""
    old_marks, new_marks = [_mark(f) for f in before.findings], [_mark(f) for f in findings]
    pairs = pair(old_marks, new_marks)
    fixed_i, new_j = {i for i, _ in pairs}, {j for _, j in pairs}
    added, removed = _item_changes(before.items, items)
    return Changes(before.label,
                   fixed=[f for i, f in enumerate(before.findings) if i not in fixed_i],
                   new=[f for j, f in enumerate(findings) if j not in new_j],
                   added=added, removed=removed)


def _identity(ref: ItemRef) -> str:
    return ref.identity or make_id(name=ref.name)  # a report written before identities: the name alone


def _mark(row: FindingRow) -> Mark:
    identity = (row.item_id or make_id(name=row.item_name)) if row.item else ""
    return Mark(Path(row.path).name, identity, row.code, row.field or "", row.evidence or tolerant(row.message))


def _item_changes(before: list[ItemRef], after: list[ItemRef]) -> tuple[list[ItemRef], list[ItemRef]]:
    """(added, removed) items, file by file."""
    added, removed = [], []
    files: dict[str, tuple[list[ItemRef], list[ItemRef]]] = {}  # file name → (its items before, after)
    for side, refs in enumerate((before, after)):
        for r in refs:
            files.setdefault(Path(r.path).name, ([], []))[side].append(r)
    for old, new in files.values():
        mapping = match_items([_identity(r) for r in old], [_identity(r) for r in new])
        kept = set(mapping.values())
        removed += [r for r in old if _identity(r) not in mapping]
        added += [r for r in new if _identity(r) not in kept]
    return added, removed


def _rows(cls, raw: list) -> list:
    names = {f.name for f in fields(cls)}
    return [cls(**{k: v for k, v in row.items() if k in names}) for row in raw]


def from_json(path: Path) -> Snapshot:
    """A previous report written with `-o report.json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(str(path), f"无法读取上次的报告：{os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "无法读取上次的报告：不是 UTF-8 编码") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"上次的报告不是有效的 JSON（第 {exc.lineno} 行）") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(str(path), f"不是 powerlint report 生成的 JSON 报告（应含 \"format\": \"{FORMAT}\"）")
    try:
        found, items = _rows(FindingRow, data["findings"]), _rows(ItemRef, data["items"])
    except (KeyError, TypeError):
        raise InputError(str(path), "报告 JSON 不完整（缺少 findings 或 items，或其中的条目不完整）：请重新生成") from None
    return Snapshot(f"{path.name}（审查基准日 {data.get('as_of', '?')}）", found, items)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise InputError("git", "找不到 git 命令，无法与 git 版本比较") from None


def checkout_lists(ref: str, paths: list[str], into: Path) -> list[str]:
    """Write each list file as it was at git `ref` under `into` (same relative paths); files the ref
    does not have are skipped. Returns the written paths."""
    written = []
    for raw in paths:
        path = Path(raw).resolve()
        top = _git(["rev-parse", "--show-toplevel"], path.parent)
        if top.returncode != 0:
            raise InputError(ref, f"既不是存在的文件，也不能当作 git 版本（{raw} 不在 git 仓库中）：请给出上次 powerlint report -o 生成的 JSON 报告")
        rel = path.relative_to(Path(top.stdout.decode().strip()).resolve()).as_posix()
        shown = _git(["show", f"{ref}:{rel}"], path.parent)
        if shown.returncode != 0:
            if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], path.parent).returncode != 0:
                raise InputError(ref, "既不是存在的文件，也不是仓库中的 git 版本（分支、标签或提交）："
                                      "请给出上次 powerlint report -o 生成的 JSON 报告，或存在的 git 版本")
            continue
        target = into / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shown.stdout)
        written.append(str(target))
    return written


def from_git(ref: str, paths: list[str], config) -> Snapshot:
    """Check the lists as they were at `ref` (same configuration and as-of date)."""
    from ..engine import check_paths
    from .build import finding_rows
    from .parts import list_part

    with tempfile.TemporaryDirectory(prefix="powerlint-compare-") as tmp:
        files = checkout_lists(ref, paths, Path(tmp))
        if not files:
            return Snapshot(f"git 版本 {ref}（当时没有这些清单）", [], [])
        result = check_paths(files, config, keep=(list_part,), fixes=False)
        lists = result.kept[list_part]
        return Snapshot(f"git 版本 {ref}", finding_rows(result.findings, lists), [r for p in lists for r in p.items])


def previous(spec: str, paths: list[str], config) -> Snapshot:
    """A previous report JSON when `spec` is a file, else a git ref."""
    return from_json(Path(spec)) if Path(spec).is_file() else from_git(spec, paths, config)
