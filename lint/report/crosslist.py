"""Cross-list comparison: the same power in several lists, with different legal basis or stages."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from ..checks.stages import read_stages
from ..citations.extract import clean, extract
from ..model import Item, PowerList
from ..vocab import canonical_type
from .model import CrossEntry, CrossRow, ItemRef, list_name

SIMILAR = 80  # rapidfuzz ratio (0-100) of two normalised names for them to be the same power
SAME_TYPE = 5  # added to the partial ratio (best matching substring) of two items of one power type
SHARED_ARTICLE = 30  # added when both have the same power type and cite a same article
_NOISE = re.compile(r"[\s、，,。；;：:（）()“”\"'《》]")
CATCH_ALL = "其他"


def _norm_name(name: str) -> str:
    return _NOISE.sub("", name)


def documents(item: Item) -> list[str]:
    """The titles an item's legal basis cites, without 中华人民共和国 and spaces, in order."""
    titles = []
    for value in item.basis:
        for citation in extract(clean(value.value)):
            titles.append(citation.key.removeprefix("中华人民共和国"))
    return list(dict.fromkeys(titles))


def stages(item: Item) -> list[str]:
    """The standard stages an item's 责任事项 names (the catch-all as 其他)."""
    names: list[str] = []
    for part in read_stages(item).parts:
        if part.catch_all:
            names.append(CATCH_ALL)
        elif part.named:
            names.extend(part.canon)
    return list(dict.fromkeys(names))


def articles(item: Item) -> set[tuple[str, int]]:
    """(title, article number) of every article the item's legal basis cites."""
    return {(c.key.removeprefix("中华人民共和国"), n) for v in item.basis for c in extract(clean(v.value))
            for a in c.articles for n in (a.numbers or (a.number,))}


def _pairs(items: list[tuple[int, Item]]):
    """Index pairs of mutually best-matching items of two different lists: similar names (rapidfuzz
    ratio; for one power type also the partial ratio), higher when both cite a same article."""
    entries = [(li, _norm_name(item.name), canonical_type(item.power_type), articles(item)) for li, item in items]
    best: dict[tuple[int, int], tuple[float, int]] = {}  # (entry, other list) → (score, entry)
    for a, (la, na, ta, aa) in enumerate(entries):
        for b, (lb, nb, tb, ab) in enumerate(entries):
            if la == lb or (ta and tb and ta != tb):
                continue
            score = fuzz.ratio(na, nb)
            if ta and ta == tb:  # one name may be the other with a qualifier: 监督检查…中，对…予以封存
                score = max(score, fuzz.partial_ratio(na, nb) + SAME_TYPE) + (SHARED_ARTICLE if aa & ab else 0)
            if score >= SIMILAR and score > best.get((a, lb), (0, -1))[0]:
                best[(a, lb)] = (score, b)
    for (a, lb), (_, b) in best.items():
        if a < b and best.get((b, entries[a][0]), (0, -1))[1] == a:
            yield a, b


def compare_lists(lists: list[PowerList]) -> list[CrossRow]:
    """Groups of matching items across lists whose cited documents or stages differ."""
    indexed = [(li, item) for li, plist in enumerate(lists) for item in plist.items if item.name.strip()]
    entries = [(lists[li], item) for li, item in indexed]
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in _pairs(indexed):
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(len(entries)):
        groups.setdefault(root(i), []).append(i)
    rows = []
    for members in groups.values():
        if len(members) < 2:
            continue
        group = [entries[i] for i in members]
        cross = [CrossEntry(ItemRef(list_name(p), p.path, i.label or "", i.name.strip()), documents(i), stages(i))
                 for p, i in group]
        differences = _differences(cross)
        if differences:
            first = group[0][1]
            types = [canonical_type(i.power_type) for _, i in group]
            rows.append(CrossRow(first.name.strip(), next((t for t in types if t), "未写权力类型"),
                                 cross, differences))
    rows.sort(key=lambda r: (r.power_type, r.power))
    return rows


def _differences(entries: list[CrossEntry]) -> list[str]:
    out = []
    for what, attr, unit in (("依据", "documents", "引用"), ("环节", "stages", "写有")):
        present = [set(getattr(e, attr)) for e in entries]
        if not any(present):
            continue
        union = list(dict.fromkeys(x for e in entries for x in getattr(e, attr)))
        for thing in union:
            having = [e.ref.list for e, p in zip(entries, present) if thing in p]
            missing = [e.ref.list for e, p in zip(entries, present) if thing not in p]
            if missing:
                label = f"《{thing}》" if what == "依据" else f"“{thing}”环节"
                out.append(f"{label}：{'、'.join(dict.fromkeys(having))} {unit}，"
                           f"{'、'.join(dict.fromkeys(missing))} 没有")
    return out
