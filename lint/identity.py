"""What an item and a finding *are*, across edits of a list: for baselines and year-over-year comparison.

An item is its power code, name and sub-item, never its 序号 (deleting one item renumbers the
rest). A finding is its file, its item, its rule code, its field and a tolerant form of the
offending text, so a fix of nearby text or a renumbering does not make it "new".
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from .memo import per_list

SEP = "\x1f"
# Item names (name + sub-item, fuzz.ratio): a slight rename (a word added, a typo fixed) keeps ≥ 85.
# Distinct items of one list share patterns (对……的处罚); measured over lists/*.yaml (every pair of
# distinct names within a list, rapidfuzz fuzz.ratio), the closest pair scores 78.6 (dayao:
# 城乡居民/城镇职工医疗保险参保核定征缴), the next lists ≤ 58. A match must also be the unique best.
NAME_SIMILAR = 85
# Offending text after a nearby fix: measured by baselining each seed of lists/, applying `check --fix`
# and comparing the tolerant() texts of the findings that remain in the same (item, code, field): the
# texts the fix changed keep 87.5, 93.3 and 99.2 (fuzz.ratio) to their old selves. 70 leaves room for
# a larger edit; two findings of one group with equal text are paired one to one.
TEXT_SIMILAR = 70
_NOISE = re.compile(r"[\s\d０-９\W_]+")


def item_id(item) -> str:
    """The identity of a model Item: power code, sub-item code, name and sub-item."""
    code = f"{item.text('power_code').strip()}{item.text('sub_item_code').strip()}"
    return SEP.join((code, item.text("name").strip(), item.text("sub_item").strip()))


def make_id(code: str = "", name: str = "", sub_item: str = "") -> str:
    return SEP.join((code or "", name or "", sub_item or ""))


def split_id(identity: str) -> tuple[str, str, str]:
    parts = (identity or "").split(SEP)
    return tuple((parts + ["", "", ""])[:3])  # type: ignore[return-value]


def tolerant(text: str) -> str:
    """The offending text without digits, spaces and punctuation: what a renumbering or a fix nearby leaves alone."""
    return _NOISE.sub("", text or "")


@per_list
def item_ids(plist) -> dict[int, str]:
    """id(item) → its identity, for every item of a list: one string per item wherever it is kept (the findings,
    the report's part of the list)."""
    return {id(item): item_id(item) for item in plist.items}


def index(lists) -> dict[str, tuple[list[int], list[str]]]:
    """Per file, its items' first lines (sorted) and identities: what `attach` needs, small enough to keep."""
    found = {}
    for plist in lists:
        items = sorted(plist.items, key=lambda i: i.line)
        ids = item_ids(plist)
        found[plist.path] = ([i.line for i in items], [ids[id(i)] for i in items])
    return found


def attach(findings, lists, known: dict | None = None) -> None:
    """Set each finding's item_id from the item whose lines contain it (序号 can repeat; lines cannot).

    `known` adds the index of lists no longer in memory (the cross-list phase keeps only digests)."""
    starts = {**(known or {}), **index(lists)}
    for finding in findings:
        if finding.item is None or finding.path not in starts:
            continue
        lines, ids = starts[finding.path]
        at = bisect.bisect_right(lines, finding.line) - 1
        if at >= 0:
            finding.item_id = ids[at]


def match_items(old: list[str], new: list[str]) -> dict[str, str]:
    """Old item identity → new one: same power code, else same name and sub-item, else a slightly renamed one."""
    from rapidfuzz import fuzz  # imported when matching: a plain check never needs it

    mapping: dict[str, str] = {}
    free = [n for n in dict.fromkeys(new)]
    pending = list(dict.fromkeys(old))

    def take(test) -> None:
        for o in list(pending):
            hits = [n for n in free if test(split_id(o), split_id(n))]
            if len(hits) == 1:
                mapping[o] = hits[0]
                free.remove(hits[0])
                pending.remove(o)

    take(lambda a, b: a == b)
    take(lambda a, b: bool(a[0]) and a[0] == b[0])
    take(lambda a, b: a[1:] == b[1:] and bool(a[1]))
    for o in list(pending):
        a = split_id(o)
        scored = sorted(((fuzz.ratio(f"{a[1]}{a[2]}", f"{b[1]}{b[2]}"), n) for n in free
                         if (b := split_id(n)) and (not a[0] or not b[0] or a[0] == b[0])), reverse=True)
        if scored and scored[0][0] >= NAME_SIMILAR and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            mapping[o] = scored[0][1]
            free.remove(scored[0][1])
            pending.remove(o)
    return mapping


@dataclass
class Mark:
    """A finding as matched across versions."""

    path: str
    item_id: str
    code: str
    field: str
    text: str  # tolerant() of the offending text (evidence, else message)


def pair(old: list[Mark], new: list[Mark]) -> list[tuple[int, int]]:
    """One-to-one (old index, new index) pairs of the same finding in two versions of the lists."""
    from rapidfuzz import fuzz

    items_old, items_new = defaultdict(list), defaultdict(list)
    for m in old:
        items_old[m.path].append(m.item_id)
    for m in new:
        items_new[m.path].append(m.item_id)
    renamed = {path: match_items([i for i in ids if i], [i for i in items_new.get(path, []) if i])
               for path, ids in items_old.items()}
    groups_new = defaultdict(list)
    for j, m in enumerate(new):
        groups_new[(m.path, m.item_id, m.code, m.field)].append(j)
    groups_old = defaultdict(list)
    for i, m in enumerate(old):
        target = renamed.get(m.path, {}).get(m.item_id, m.item_id)
        groups_old[(m.path, target, m.code, m.field)].append(i)
    pairs = []
    for key, olds in groups_old.items():
        news = groups_new.get(key, [])
        scored = sorted(((fuzz.ratio(old[i].text, new[j].text), i, j) for i in olds for j in news), reverse=True)
        used_old, used_new = set(), set()
        for score, i, j in scored:
            if score >= TEXT_SIMILAR and i not in used_old and j not in used_new:
                pairs.append((i, j))
                used_old.add(i)
                used_new.add(j)
        left_old = [i for i in olds if i not in used_old]
        left_new = [j for j in news if j not in used_new]
        if len(left_old) == 1 and len(left_new) == 1:  # the field's only finding of this rule, its text rewritten
            pairs.append((left_old[0], left_new[0]))
    return pairs
