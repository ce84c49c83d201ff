"""The province view: the same item in several lists, and what most lists agree on.

Shared by the cross-list rules (lint/checks/crosslist.py) and the annual report's cross-list section
(lint/report/crosslist.py), so that both give one answer: the same grouping, the same differences,
the same majorities.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from sys import intern

from .. import data
from .departments import department_kind, expand_department
from .nearest import alike_pairs
from .stages import readings as stage_readings
from .stages import read_stages
from ..text import quotes
from ..citations.resolve import citations
from ..findings import Finding
from ..kb.registry import title_key
from ..model import Item, PowerList
from .vocab import canonical_type

# A majority is trusted when at least MIN_AGREE lists agree and they are at least SHARE of the lists
# that say anything on the question: 3 of 4 lists. Two lists against one are no majority (lists are
# copied from one another, so one list's error often appears twice); 3 of 4 is the smallest group in
# which the agreeing lists outnumber the outlier three to one. Tested in tests/test_province.py.
MIN_AGREE = 3
SHARE = 0.75
# Near names: a name is read as a variant of another (a typo, an OCR slip, 给付 for 支付) when they are at
# least NEAR alike (rapidfuzz ratio of the normalised names, 0-100), no list uses both (a list naming both
# has two powers), the other is used by more lists, and the variant is rare: used by one list, or by at
# most 1/RARE as many lists as the other. Measured on the seed lists, fuzz.ratio of the normalised names
# over every pair of items of lists/*.yaml: the one pair naming the same power differently scores 88 (大姚
# 生育保险待遇给付 / 天水 生育保险待遇支付, one list each); different powers score at most 79 (大姚 城镇职工… /
# 城乡居民…参保核定征缴), next 75. On the synthetic province (bench/generate.py, first 100 lists) the near pairs
# are 优抚对象医疗教助金给付 (1 list, an injected 教助 slip) beside 救助 (19 lists), and two powers: …物品的封存
# (9 lists) beside …物品的查封 (13 lists), ratio 94, never in one list — the rarity condition keeps them apart.
NEAR = 85
RARE = 4
CATCH_ALL = "其他"
PLACES = ("name", "power_type", "power_code", "basis", "stages")  # where findings on an item may stand
VALUE_PLACES = ("name", "power_type", "power_code")  # at the value; the others at the key
_NOISE = re.compile(r"[\s、，,。；;：:（）()“”\"'《》〈〉<>\[\]【】·•\-—－_/／]")


def norm_name(name: str) -> str:
    """A name for comparison: without spaces and punctuation (brackets kept as their content)."""
    return _NOISE.sub("", name)


def majority(votes: Counter, voters: int) -> tuple[object, int] | None:
    """The value most voters agree on when it is a clear majority (MIN_AGREE and SHARE), else None."""
    if not votes or not voters:
        return None
    value, count = max(votes.items(), key=lambda kv: (kv[1], str(kv[0])))
    if count >= MIN_AGREE and count >= SHARE * voters:
        return value, count
    return None


def stages(item: Item, reading=None) -> list[str]:
    """The standard stages an item's 责任事项 names (the catch-all as 其他); `reading` when already read."""
    names: list[str] = []
    for part in (reading or read_stages(item)).parts:
        if part.catch_all:
            names.append(CATCH_ALL)
        elif part.named:
            names.extend(part.canon)
    return list(dict.fromkeys(names))


@dataclass(slots=True)
class Entry:
    """An item as the province view sees it: names, type, code, cited documents, stages and where they stand."""

    label: str | None
    name: str
    sub_item: str
    power_type: str  # as written
    ptype: str | None  # the standard type, None when not in the vocabulary
    code: str
    documents: tuple[str, ...]  # comparison keys of the documents its legal basis cites, in order
    stages: tuple[str, ...]
    line: int
    column: int
    places: array  # (line, column) of each of PLACES, 0 when absent

    @property
    def key(self) -> str:
        """The full name for comparison: name and sub-item."""
        return norm_name(self.name + self.sub_item)

    def at(self, field: str | None) -> tuple[int, int]:
        k = PLACES.index(field) if field in PLACES else -1
        if k >= 0 and self.places[2 * k]:
            return self.places[2 * k], self.places[2 * k + 1]
        return self.line, self.column


@dataclass(slots=True)
class Quote:
    """A quoted article text: the document, a digest of the reduced quote, the article it is labelled with, and where."""

    doc: str
    text: bytes  # digest of the reduced quote: equal quotes, equal digests (a 2,000-list run keeps 400,000 of them)
    number: int
    sub: int
    title: str
    item: str | None
    field: str
    line: int
    column: int


@dataclass  # no slots: weakly referenced by per-view memos (lint/memo.py)
class ListView:
    """What the cross-list rules and the catalogue rules need of a list, small enough to keep for 2,000 lists."""

    path: str
    name: str  # how the report calls it: title, else department, else file name
    department: str
    level: str
    kind: str
    items: list[Entry]
    quotes: list[Quote]


def view(plist: PowerList) -> ListView:
    """The list's view, computed where the list is checked (its citations are memoised there)."""
    import hashlib  # here: a one-list run never makes a view, and hashlib loads OpenSSL (3–6 ms)

    docs: dict[int, list[str]] = {}
    found: list[Quote] = []
    for c in citations(plist):
        doc = title_key(c.document.title if c.document is not None else c.citation.title)
        if c.field.startswith("basis") and doc not in docs.setdefault(id(c.item), []):
            docs[id(c.item)].append(intern(doc))
        for art in c.citation.articles:
            text = quotes.reduce(art.quote) if art.single and art.quote else ""
            if len(text) >= quotes.MIN_QUOTE:
                _, line, column = c.value.locate(art.start, plist.source)
                digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
                found.append(Quote(intern(doc), digest, art.number, art.sub, intern(c.citation.title),
                                   _intern(c.item.label), intern(c.field), line, column))
    readings = {id(item): reading for item, reading, _ in stage_readings(plist)}  # memoised by the STG rules
    entries = [_entry(plist, item, docs.get(id(item), []), readings.get(id(item)))
               for item in plist.items if item.name.strip()]
    title = plist.meta.get("title")
    name = (title.value.strip() if title is not None else "") or plist.department.strip() or Path(plist.path).stem
    return ListView(plist.path, name, plist.department.strip(), plist.level.strip(), kind_of(plist), entries, found)


def _entry(plist: PowerList, item: Item, documents: list[str], reading) -> Entry:
    places = array("i", [0] * (2 * len(PLACES)))
    for k, name in enumerate(PLACES):
        value = item.get(name) if name in VALUE_PLACES else None
        where = value.locate(0, plist.source)[1:] if value is not None else item.key_positions.get(name)
        if where:
            places[2 * k], places[2 * k + 1] = where
    return Entry(_intern(item.label), intern(item.name.strip()), intern(item.text("sub_item").strip()),
                 intern(item.power_type), canonical_type(item.power_type), item.text("power_code").strip(),
                 tuple(documents), tuple(intern(s) for s in stages(item, reading)), item.line, item.column, places)


def _intern(text: str | None) -> str | None:
    return intern(text) if text is not None else None


def finding(rule, lv: ListView, message: str, *, entry: Entry | None = None, field: str | None = None,
            at: tuple[int, int] | None = None, item: str | None = None, evidence: str = "") -> Finding:
    """A finding of a province-view rule on a list view: at `at`, else at the entry's field, else at line 1;
    of item `item`, else of the entry, else of the whole list."""
    line, column = at or (entry.at(field) if entry is not None else (1, 1))
    item = item if item is not None else (entry.label if entry is not None else None)
    return Finding(rule.code, rule.category, rule.severity, message, lv.path, line, column,
                   item=item, field=field, evidence=evidence)


@dataclass
class Group:
    """The same item in several lists (each member: list index, entry)."""

    members: list[tuple[int, Entry]] = field(default_factory=list)


_LEVEL_WORD = re.compile(r"(省|市|州|县|区|乡|镇)级")


def kind_of(plist: PowerList) -> str:
    """The kind of department of a list, compared across lists: 天水市医保局 → 医疗保障局 (a catalogue's
    县级医疗保障局 is of that kind too); "" when the list names no department.

    A name ending in a department of rules/departments.yaml is of that kind, whatever place precedes it
    (places missing from the division table included); otherwise the name without places and level."""
    name = _LEVEL_WORD.sub("", plist.department.strip())
    if not name:
        return ""
    expanded = expand_department(name)
    known = [full for full in _known_departments() if expanded.endswith(full)]
    return max(known, key=len) if known else department_kind(name)


@functools.lru_cache(maxsize=1)
def _known_departments() -> tuple[str, ...]:
    return tuple(set(data.load("departments.yaml")["abbreviations"].values()))


def same_items(views: list[ListView]) -> list[Group]:
    """Groups of items of two or more lists that are the same power: names equal after normalisation, or
    a near variant of another name (NEAR), within lists of one kind of department."""
    blocks: dict[str, dict[str, list[tuple[int, Entry]]]] = {}
    for li, lv in enumerate(views):
        by_key = blocks.setdefault(lv.kind, {})
        for entry in lv.items:
            key = entry.key
            if key:
                by_key.setdefault(key, []).append((li, entry))
    groups = []
    for by_key in blocks.values():
        users = {key: {li for li, _ in members} for key, members in by_key.items()}
        alias = _near_aliases(users)
        merged: dict[str, list[tuple[int, Entry]]] = {}
        for key, members in by_key.items():
            root, seen = key, {key}
            while root in alias and alias[root] not in seen:  # follow variants to the most used name
                root = alias[root]
                seen.add(root)
            merged.setdefault(root, []).extend(members)
        groups.extend(Group(m) for m in merged.values() if len({li for li, _ in m}) > 1)
    return groups


def _near_aliases(users: dict[str, set[int]]) -> dict[str, str]:
    """name → the name it is a variant of: the most alike name at least NEAR alike, used by more lists (ties
    broken by the name) while the variant is rare (RARE), and never in one list with it."""
    keys = sorted(users)
    rank = {key: (len(users[key]), key) for key in keys}
    alias = {}
    for row, col, score in alike_pairs(keys, keys, NEAR):
        key, other = keys[row], keys[col]
        rare = len(users[key]) == 1 or len(users[key]) * RARE <= len(users[other])
        if rank[other] > rank[key] and rare and not users[key] & users[other]:
            best = alias.get(key)
            if best is None or (score, rank[other]) > best[0]:
                alias[key] = ((score, rank[other]), other)
    return {key: other for key, (_, other) in alias.items()}


@dataclass
class Outlier:
    """An item that departs from what the majority of lists in its group say."""

    index: int  # list index
    entry: Entry
    aspect: str  # "power_type" | "basis" | "stages"
    mine: str
    expected: list[str]
    agree: int
    voters: int


def outliers(group: Group) -> list[Outlier]:
    """The group's items whose power type, cited documents or stages depart from a clear majority."""
    out: list[Outlier] = []
    typed = {(li, e.ptype) for li, e in group.members if e.ptype}
    voters = len({li for li, _ in typed})
    found = majority(Counter(t for _, t in typed), voters)
    major_type = found[0] if found else None
    if found:
        out += [Outlier(li, e, "power_type", e.ptype, [major_type], found[1], voters)
                for li, e in group.members if e.ptype and e.ptype != major_type]
    out += _missing(group, "basis", lambda e: e.documents, lambda e: ())
    out += _missing(group, "stages", lambda e: [s for s in e.stages if s != CATCH_ALL],
                    lambda e: _required(e.ptype or major_type))
    return out


def _missing(group: Group, aspect: str, having, exempt) -> list[Outlier]:
    """Items of lists lacking what a clear majority of the lists (those saying anything) have."""
    said: dict[int, dict[str, None]] = {}  # ordered (not sets): messages and fingerprints list them alike each run
    for li, e in group.members:
        if having(e):
            said.setdefault(li, {}).update(dict.fromkeys(having(e)))
    counts = Counter(x for values in said.values() for x in values)
    voters = len(said)
    expected = [x for x, n in counts.items() if majority(Counter({x: n}), voters)]
    out = []
    for li, e in group.members:
        if li not in said:
            continue  # says nothing on it (a list kind without the column): nothing to compare
        lacking = [x for x in expected if x not in said[li] and x not in exempt(e)]
        if lacking:
            out.append(Outlier(li, e, aspect, "、".join(having(e)), lacking, min(counts[x] for x in lacking), voters))
    return out


def _required(type_name: str | None) -> set[str]:
    """Stages the type's template requires: a missing one is STG001's finding, not a cross-list one."""
    from .stages import template

    entry = template(type_name) if type_name else None
    need: set[str] = set()
    for stage in (entry or {}).get("required") or ():
        need.update(stage if isinstance(stage, list) else [stage])
    return need
