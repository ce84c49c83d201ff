"""The province view: the same item in several lists, and what most lists agree on.

Shared by the cross-list rules (lint/checks/crosslist.py) and the annual report's cross-list section
(lint/report/crosslist.py), so that both give one answer: the same grouping, the same differences,
the same majorities.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .checks.consistency import _core as department_kind
from .checks.stages import read_stages
from .citations.resolve import citations
from .kb.registry import title_key
from .memo import per_list
from .model import Item, PowerList
from .vocab import canonical_type

# A majority is trusted when at least MIN_AGREE lists agree and they are at least SHARE of the lists
# that say anything on the question: 3 of 4 lists. Two lists against one are no majority (lists are
# copied from one another, so one list's error often appears twice); 3 of 4 is the smallest group in
# which the agreeing lists outnumber the outlier three to one. Tested in tests/test_crosslist.py.
MIN_AGREE = 3
SHARE = 0.75
# Near names: a name is read as a variant of another (a typo, an OCR slip, 给付 for 支付) when they are at
# least NEAR alike (rapidfuzz ratio of the normalised names, 0-100), no list uses both (a list naming both
# has two powers: …的查封 and …的封存 score 94), and the other is used by as many lists or more. Measured
# on the seed lists, fuzz.ratio of the normalised names over every pair of items of lists/*.yaml: the one
# pair naming the same power differently scores 88 (大姚 生育保险待遇给付 / 天水 生育保险待遇支付); different
# powers score at most 79 (大姚 城镇职工… / 城乡居民…参保核定征缴, in one list), next 75.
NEAR = 85
CATCH_ALL = "其他"
_NOISE = re.compile(r"[\s、，,。；;：:（）()“”\"'《》〈〉<>\[\]【】·•\-—－_/／]")


def norm_name(name: str) -> str:
    """A name for comparison: without spaces and punctuation (brackets kept as their content)."""
    return _NOISE.sub("", name)


def item_key(item: Item) -> str:
    """The item's full name for comparison: name and sub-item."""
    return norm_name(item.name + item.text("sub_item"))


def majority(votes: Counter, voters: int) -> tuple[object, int] | None:
    """The value most voters agree on when it is a clear majority (MIN_AGREE and SHARE), else None."""
    if not votes or not voters:
        return None
    value, count = max(votes.items(), key=lambda kv: (kv[1], str(kv[0])))
    if count >= MIN_AGREE and count >= SHARE * voters:
        return value, count
    return None


@per_list
def item_documents(plist: PowerList) -> dict[int, list[str]]:
    """id(item) → the documents its legal basis cites (registry title when known, else the title as
    written, both as comparison keys), in order."""
    out: dict[int, list[str]] = {}
    for c in citations(plist):
        if c.field.startswith("basis"):
            key = title_key(c.document.title if c.document is not None else c.citation.title)
            docs = out.setdefault(id(c.item), [])
            if key not in docs:
                docs.append(key)
    return out


def documents(plist: PowerList, item: Item) -> list[str]:
    return item_documents(plist).get(id(item), [])


def stages(item: Item) -> list[str]:
    """The standard stages an item's 责任事项 names (the catch-all as 其他)."""
    names: list[str] = []
    for part in read_stages(item).parts:
        if part.catch_all:
            names.append(CATCH_ALL)
        elif part.named:
            names.extend(part.canon)
    return list(dict.fromkeys(names))


@dataclass
class Group:
    """The same item in several lists (each member: list index, item)."""

    members: list[tuple[int, Item]] = field(default_factory=list)

    @property
    def lists(self) -> set[int]:
        return {li for li, _ in self.members}


_LEVEL_WORD = re.compile(r"(省|市|州|县|区|乡|镇)级")


def kind_of(plist: PowerList) -> str:
    """The kind of department of a list, compared across lists: 天水市医保局 → 医疗保障局 (a catalogue's
    县级医疗保障局 is of that kind too); "" when the list names no department."""
    return department_kind(_LEVEL_WORD.sub("", plist.department)) if plist.department.strip() else ""


def same_items(lists: list[PowerList]) -> list[Group]:
    """Groups of items of two or more lists that are the same power: names equal after normalisation, or
    a near variant of another name (NEAR), within lists of one kind of department."""
    blocks: dict[str, dict[str, list[tuple[int, Item]]]] = {}
    for li, plist in enumerate(lists):
        by_key = blocks.setdefault(kind_of(plist), {})
        for item in plist.items:
            key = item_key(item)
            if key:
                by_key.setdefault(key, []).append((li, item))
    groups = []
    for by_key in blocks.values():
        users = {key: {li for li, _ in members} for key, members in by_key.items()}
        alias = _near_aliases(users)
        merged: dict[str, list[tuple[int, Item]]] = {}
        for key, members in by_key.items():
            root, seen = key, {key}
            while root in alias and alias[root] not in seen:  # follow variants to the most used name
                root = alias[root]
                seen.add(root)
            merged.setdefault(root, []).extend(members)
        groups.extend(Group(m) for m in merged.values() if len({li for li, _ in m}) > 1)
    return groups


def _near_aliases(users: dict[str, set[int]]) -> dict[str, str]:
    """name → the name it is a variant of: the most alike name at least NEAR alike, used by as many lists
    or more (ties broken by the name), and never in one list with it."""
    keys = sorted(users)
    rank = {key: (len(users[key]), key) for key in keys}
    alias = {}
    for start in range(0, len(keys), 1000):  # chunks bound the score matrix's memory
        chunk = keys[start:start + 1000]
        scores = process.cdist(chunk, keys, scorer=fuzz.ratio, score_cutoff=NEAR, dtype="uint8", workers=1)
        for row, col in zip(*scores.nonzero()):
            key, other = chunk[row], keys[col]
            if rank[other] > rank[key] and not users[key] & users[other]:
                best = alias.get(key)
                score = int(scores[row][col])
                if best is None or (score, rank[other]) > best[0]:
                    alias[key] = ((score, rank[other]), other)
    return {key: other for key, (_, other) in alias.items()}


@dataclass
class Outlier:
    """An item that departs from what the majority of lists in its group say."""

    index: int  # list index
    item: Item
    aspect: str  # "power_type" | "basis" | "stages"
    mine: str
    expected: list[str]
    agree: int
    voters: int


def outliers(group: Group, lists: list[PowerList]) -> list[Outlier]:
    """The group's items whose power type, cited documents or stages depart from a clear majority."""
    out: list[Outlier] = []
    types = {id(item): canonical_type(item.power_type) for _, item in group.members}
    typed = {(li, types[id(item)]) for li, item in group.members if types[id(item)]}
    found = majority(Counter(t for _, t in typed), len({li for li, _ in typed}))
    major_type = found[0] if found else None
    if found:
        for li, item in group.members:
            if types[id(item)] and types[id(item)] != major_type:
                out.append(Outlier(li, item, "power_type", types[id(item)], [major_type], found[1],
                                   len({li for li, _ in typed})))
    docs = {id(item): documents(lists[li], item) for li, item in group.members}
    out += _missing(group, "basis", docs, lambda item: ())
    named = {id(item): [s for s in stages(item) if s != CATCH_ALL] for _, item in group.members}
    out += _missing(group, "stages", named, lambda item: _required(types[id(item)] or major_type))
    return out


def _missing(group: Group, aspect: str, having: dict[int, list[str]], exempt) -> list[Outlier]:
    """Items of lists lacking what a clear majority of the lists (those saying anything) have."""
    said: dict[int, set[str]] = {}
    for li, item in group.members:
        if having[id(item)]:
            said.setdefault(li, set()).update(having[id(item)])
    counts = Counter(x for values in said.values() for x in values)
    voters = len(said)
    expected = [x for x, n in counts.items() if majority(Counter({x: n}), voters)]
    out = []
    for li, item in group.members:
        if li not in said:
            continue  # says nothing on it (a list kind without the column): nothing to compare
        lacking = [x for x in expected if x not in said[li] and x not in exempt(item)]
        if lacking:
            out.append(Outlier(li, item, aspect, "、".join(having[id(item)]), lacking,
                               min(counts[x] for x in lacking), voters))
    return out


def _required(type_name: str | None) -> set[str]:
    """Stages the type's template requires: a missing one is STG001's finding, not a cross-list one."""
    from .checks.stages import template

    entry = template(type_name) if type_name else None
    need: set[str] = set()
    for stage in (entry or {}).get("required") or ():
        need.update(stage if isinstance(stage, list) else [stage])
    return need
