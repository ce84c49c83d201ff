"""Conformance of a list to a standard catalogue (通用目录 / 指导目录), itself a list in our YAML format.

Shared by the CAT rules (lint/checks/catalogue.py) and the annual report's catalogue section: one
matching, one answer. Names are matched one to one, most alike first, after the usual variation is
set aside: spaces and punctuation, 「对…的处罚」 wording, bracketed notes, sub-items written into the name.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .crosslist import Entry, ListView, norm_name, view
from .nearest import alike_pairs
from ..memo import per_list
from ..source import InputError

# Names at least DRIFT alike (rapidfuzz ratio 0-100 of the wording-free names) are one power whose name
# drifted; from SURE on we are fairly sure (高), below it the clerk should verify (中). Measured on the
# seed lists: fuzz.ratio of bracket_free(name + sub_item) over every pair of items of lists/*.yaml — two
# different powers score at most 79 (大姚 城镇职工…参保核定征缴 / 城乡居民…参保核定征缴; next 75), the one
# pair naming the same power differently 88 (大姚 生育保险待遇给付 / 天水 生育保险待遇支付: 中). Exact and
# wording-only matches are assigned first, one to one, so a near name only takes what is left.
DRIFT = 80
SURE = 90
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
# 「对…的处罚」 wording: 对 at the start, 的, 行为, 进行 and 予以 only glue the name together
_WORDING = re.compile(r"^对|的|行为|进行|予以")

_ORGAN = re.compile(r"(局|部门|厅|委员会|委|办公室|中心)$")  # 医疗保障局 and 医疗保障部门 are one kind
LEVELS = {"same": "名称相同", "wording": "仅措辞不同（对…的…）", "brackets": "仅括号内说明不同", "subitem": "按子项对应",
          "near": "名称相近"}


def wording_free(name: str) -> str:
    return _WORDING.sub("", norm_name(name))


def bracket_free(name: str) -> str:
    return wording_free(_BRACKETED.sub("", re.sub(r"\s+", "", name)))


@functools.lru_cache(maxsize=4)
def load(path: str) -> ListView:
    """The catalogue at `path` (its view); InputError (a Chinese message naming the file) when unusable."""
    from ..loader import load_file

    if not Path(path).is_file():
        raise InputError(path, "找不到标准目录文件（--catalogue / catalogue:）")
    catalogue = view(load_file(path).plist)
    if not catalogue.items:
        raise InputError(path, "标准目录中没有事项")
    return catalogue


def is_catalogue(lv, catalogue: ListView) -> bool:
    """Whether a list (a view or a model) is the catalogue's file itself."""
    return os.path.realpath(lv.path) == os.path.realpath(catalogue.path)


def applies(catalogue: ListView, lv: ListView) -> bool:
    """Whether the catalogue governs the list: same kind of department and same level, where both say."""
    if is_catalogue(lv, catalogue):
        return False
    kind, own = _ORGAN.sub("", catalogue.kind), _ORGAN.sub("", lv.kind)
    if kind and own and kind != own:
        return False
    return not (catalogue.level and lv.level and catalogue.level != lv.level)


@dataclass
class Match:
    entry: Entry  # of the catalogue
    item: Entry  # of the list
    score: int  # 0-100
    level: str  # a key of LEVELS

    @property
    def drifted(self) -> bool:
        return self.level == "near"

    @property
    def sure(self) -> str:
        return "高" if self.score >= SURE else "中"


@dataclass
class Conformance:
    matched: list[Match] = field(default_factory=list)
    missing: list[Entry] = field(default_factory=list)  # catalogue items
    extra: list[Entry] = field(default_factory=list)  # list items


def _forms(item: Entry) -> dict[str, list[str]]:
    """level → the comparable names the item may be matched by at that level (strictest level first)."""
    name, sub = item.name, item.sub_item
    texts = [name + sub, name] if sub else [name]
    return {"same": [norm_name(t) for t in texts], "wording": [wording_free(t) for t in texts],
            "brackets": [bracket_free(t) for t in texts]}


SCORES = {"same": 100, "wording": 100, "brackets": 99, "subitem": 98}  # exact levels rank above any near name


def conform(catalogue: ListView, lv: ListView) -> Conformance:
    """Match the list's items to the catalogue's, one to one, the most alike first."""
    entries, items = catalogue.items, lv.items
    order = list(LEVELS)
    candidates: list[tuple[int, int, int, int]] = []  # (score, rank of level, entry, item)
    index: dict[str, dict[str, list[int]]] = {level: {} for level in SCORES}
    for k, item in enumerate(items):
        for level, forms in _forms(item).items():
            for form in forms:
                if form:
                    index[level].setdefault(form, []).append(k)
    for e, entry in enumerate(entries):
        for level, forms in _forms(entry).items():
            for form in forms:
                candidates += [(SCORES[level], -order.index(level), e, k) for k in index[level].get(form, ())]
        sub = wording_free(entry.sub_item)
        if sub:  # the list names the item by its sub-item alone
            candidates += [(SCORES["subitem"], -order.index("subitem"), e, k) for k in index["wording"].get(sub, ())]
    pairs = alike_pairs([bracket_free(e.name + e.sub_item) for e in entries],
                        [bracket_free(i.name + i.sub_item) for i in items], DRIFT)
    candidates += [(min(score, 97), -order.index("near"), e, k) for e, k, score in pairs]
    result = Conformance()
    used_e, used_k = set(), set()
    for score, rank, e, k in sorted(candidates, key=lambda c: (-c[0], -c[1], c[2], c[3])):
        if e not in used_e and k not in used_k:
            used_e.add(e)
            used_k.add(k)
            result.matched.append(Match(entries[e], items[k], score, order[-rank]))
    # a list of one power type only (行政处罚清单, 行政检查事项清单: a kind, DOMAIN.md §9) owes the catalogue
    # only the items of that type
    own = {i.ptype for i in items if i.ptype}
    scope = own if len(own) == 1 and len({e.ptype for e in entries if e.ptype} - own) > 0 else None
    result.missing = [entry for e, entry in enumerate(entries)
                      if e not in used_e and (scope is None or entry.ptype in scope)]
    result.extra = [item for k, item in enumerate(items) if k not in used_k]
    result.matched.sort(key=lambda m: m.item.line)
    return result


@per_list
def _conformances(lv: ListView) -> dict[int, Conformance]:
    return {}


def conformance(catalogue: ListView, lv: ListView) -> Conformance:
    """`conform`, computed once per list and catalogue (the five CAT rules and the report share it)."""
    memo = _conformances(lv)
    if id(catalogue) not in memo:
        memo[id(catalogue)] = conform(catalogue, lv)
    return memo[id(catalogue)]


def shared_prefix(codes: list[str]) -> int:
    """Length of the prefix every code shares (the department's part of a power code)."""
    codes = [c for c in codes if c]
    return len(os.path.commonprefix(codes)) if len(codes) > 1 else 0


def code_difference(catalogue: ListView, lv: ListView, match: Match) -> tuple[str, str] | None:
    """(catalogue's code, list's code) when they differ beyond each file's own department prefix.

    Codes are compared only in one layout (same length): a county's credit code differs from the
    province's, so each file's shared prefix (at most the shorter of the two) is set aside."""
    mine, theirs = match.item.code, match.entry.code
    if not mine or not theirs or len(mine) != len(theirs):
        return None
    known = [p for p in (_prefix(catalogue), _prefix(lv)) if p]
    prefix = min(known, default=0)
    return (theirs, mine) if mine[prefix:] != theirs[prefix:] else None


@per_list
def _prefix(lv: ListView) -> int:
    return shared_prefix([i.code for i in lv.items])


def type_difference(match: Match) -> tuple[str, str] | None:
    """(catalogue's type, list's type) when both are known types and differ."""
    mine, theirs = match.item.ptype, match.entry.ptype
    return (theirs, mine) if mine and theirs and mine != theirs else None
