"""Applying fixes: non-overlapping text edits on source spans, repeated until nothing changes.

Edits touch only the characters a rule names, so comments, key order and layout survive; the
result is re-loaded (only the items the edits touched: lint.reload) and compared with the original before
anything is written. The findings of the fixed text come with it (`FixOutcome.remaining`), so that the check
after `--fix` need not redo them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .config import Config
from .engine import lint_loaded, list_rules, tuned_collector
from .findings import Edit, Finding, edited
from .loader import load_text
from .memo import forget
from .model import PowerList
from .reload import reload
from .source import InputError

MAX_PASSES = 8


@dataclass
class FixOutcome:
    path: str
    original: str
    fixed: str
    applied: int  # findings fixed (each finding's fix may be several edits), as the check's summary counts them
    remaining: list[Finding]

    @property
    def changed(self) -> bool:
        return self.fixed != self.original

    def diff(self) -> str:
        return "".join(difflib.unified_diff(
            self.original.splitlines(True), self.fixed.splitlines(True),
            fromfile=f"a/{self.path}", tofile=f"b/{self.path}"))


def chosen_edits(text: str, edits: list[Edit]) -> list[Edit]:
    """The edits to apply, in text order: each within the text and not overlapping an earlier-chosen one (edits
    on the same span are taken in order of their content, so a run does not depend on hashing)."""
    chosen: list[Edit] = []
    for edit in sorted(set(edits), key=lambda e: (e.start, e.end, e.content)):
        if chosen and edit.start < chosen[-1].end:
            continue
        if 0 <= edit.start <= edit.end <= len(text):
            chosen.append(edit)
    return chosen


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Apply edits that do not overlap an earlier-chosen one; return the new text and how many applied."""
    chosen = chosen_edits(text, edits)
    return edited(text, chosen), len(chosen)


def fixable(findings: list[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]


def fix_text(text: str, path: str, config: Config, unsafe: bool = False, encoding: str = "utf-8") -> FixOutcome:
    """Fix one list's text in passes until no fixable finding is left (or MAX_PASSES).

    Each text is loaded once (a fixed one from the text it was made from: lint.reload). The first pass runs only
    the rules that can fix; every later text (a fixed one) is checked by all rules, so its findings are at once the
    next pass's fixes and the list's remaining findings. A list nothing is fixed in gets the other rules' findings
    on the model already loaded. Rules are independent and findings are sorted by (position, code), so the
    findings are those of one check.
    """
    with tuned_collector():  # as in a check: loading a big list makes millions of objects
        rules = list_rules(config)
        fixing = [rule for rule in rules if rule.fix_doc]
        loaded = load_text(text, path, encoding)
        findings = lint_loaded(loaded, config, fixing)
        complete = False  # whether `findings` are every rule's
        current, applied = text, 0
        for _ in range(MAX_PASSES):
            todo = fixable(findings, unsafe)
            if not todo:
                break
            chosen = chosen_edits(current, [edit for finding in todo for edit in finding.fix.edits])
            candidate = edited(current, chosen)
            if candidate == current:
                break
            applied_edits = set(chosen)  # a finding is fixed when every edit of its fix is applied
            count = sum(all(edit in applied_edits for edit in finding.fix.edits) for finding in todo)
            shape = _shape(loaded.plist)
            forget(loaded.plist)  # the rules' analyses of it hold its values, which the reload replaces
            held, loaded = [loaded], None  # the reload takes the model out (see there)
            fixed, spans = reload(held, current, candidate, chosen, path, encoding)
            _verify(shape, fixed.plist, current, candidate, path, spans)
            current, loaded, applied = candidate, fixed, applied + count
            findings, complete = lint_loaded(loaded, config), True
        if not complete:
            findings += lint_loaded(loaded, config, [rule for rule in rules if not rule.fix_doc])
    return FixOutcome(path, text, current, applied, sorted(findings, key=Finding.sort_key))


def _shape(plist: PowerList) -> list[tuple[set, int, int]]:
    """What a fix must keep of each item: its fields, and how many citations and stages it has."""
    return [(set(item.fields), len(item.basis), len(item.stages)) for item in plist.items]


def _verify(old: list[tuple[set, int, int]], new: PowerList, before: str, after: str, path: str,
            spans: list[tuple[int, int, int, int]] | None = None) -> None:
    """Refuse a fix that loses an item, a field or a comment line (a bug in a rule's fix); `old` is the `_shape`
    of the text `before`, `new` the model of the text `after`, `spans` where the items re-read by lint.reload
    stand in both (whole lines, the rest of the texts the same): their comments are compared first."""
    if len(old) != len(new.items) or any(
        fields - set(b.fields) or basis != len(b.basis) or stages != len(b.stages)
        for (fields, basis, stages), b in zip(old, new.items)
    ):
        raise InputError(path, "自动修复会丢失内容，已放弃修复（请报告此问题）")
    if spans is not None and all(_comments(before[a:b]) == _comments(after[c:d]) for a, b, c, d in spans):
        return
    if _comments(before) != _comments(after):
        raise InputError(path, "自动修复会改动注释，已放弃修复（请报告此问题）")


def _comments(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.lstrip().startswith("#")]
