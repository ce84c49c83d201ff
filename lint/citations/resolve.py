"""Resolve: every citation of a list with the item, field and value it stands in and its registry entry."""

from __future__ import annotations

import datetime as dt
import functools
import re
from difflib import SequenceMatcher
from typing import Iterator, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..kb import lawdb
from ..kb.registry import Document, by_number, lookup, registry, title_key
from .names import bare_names
from ..memo import per_list
from ..model import Item, PowerList, Value
from ..text.docnum import find as find_numbers
from .extract import Citation, clean, extract


class Cited(NamedTuple):
    item: Item
    field: str
    value: Value
    citation: Citation
    document: Document | None
    alias: bool = False  # a short name the item defined itself (以下简称《…》)
    near_miss: bool = False  # resolved to a registry title that differs slightly from the one written


# a near-miss title: ≥85% alike (≥70% when the cited number is that document's), at most 3 characters
# differ and no digit differs (规划纲要（2014—2020年） and （2021—2025年） are different documents)
NEAR_RATIO, NEAR_RATIO_SAME_NUMBER, NEAR_CHARS = 85, 70, 3


_RESOLVED: dict = {}  # (title, qualifier, number keys) → resolve's answer, for the registry in `_RESOLVED_FOR`
_RESOLVED_FOR: list = [None]


def resolve(citation: Citation) -> tuple[Document | None, bool]:
    """The registry entry of a citation and whether its title is only a near miss of the entry's.

    By number when that number's entry bears the title, else by title, else the nearest title. Memoised per
    title, qualifier and numbers (all the answer depends on) while the registry stays the same: every county
    cites the same documents, and the near-miss search compares a title with every registered one."""
    if _RESOLVED_FOR[0] is not registry() or len(_RESOLVED) > 1 << 14:
        _RESOLVED.clear()
        _RESOLVED_FOR[0] = registry()
    memo = (citation.title, citation.qualifier, tuple(n.key for n in citation.numbers))
    found = _RESOLVED.get(memo)
    if found is None:
        found = _RESOLVED[memo] = _resolve(citation)
    return found


def _resolve(citation: Citation) -> tuple[Document | None, bool]:
    key, bare = title_key(citation.title), title_key(citation.bare)
    numbered = [d for d in (by_number(n.key) for n in citation.numbers) if d is not None]
    for doc in numbered:
        if key in doc.keys() or bare in doc.keys():
            return doc, False
    doc = lookup(citation.title) or (lookup(citation.bare) if bare != key else None)
    if doc is not None:
        return doc, False
    key = bare  # a misquoted title is compared without its qualifier （…令第2号）
    near = [(near_miss(key, k, NEAR_RATIO_SAME_NUMBER), d) for d in numbered for k in d.keys()]
    near = near if any(score for score, _ in near) else [(near_miss(key, k), d) for d in registry() for k in d.keys()]
    near = [(score, d) for score, d in near if score]
    if near:
        return max(near, key=lambda x: x[0])[1], True
    law = near_law(key)
    return (law, True) if law is not None else (None, False)


def near_law(key: str) -> Document | None:
    """The national law (registry or law DB) whose name is one character (two, from 8 characters on) from a
    title key that names no document — 社会堡险法 → 社会保险法 — when exactly one law is that close and no digit
    differs. Short names are allowed one edit only: 社会保险法 and 社会救助法 are both laws, two apart.
    Measured: 0 near laws among the titles of ../shared/cleantext and the seeds (tests/test_cit_measure.py)."""
    allowed = 1 if len(key) < 8 else 2
    if len(key) < 3 or not key.endswith(("法", "决定")):
        return None
    ranked = sorted((Levenshtein.distance(key, name, score_cutoff=allowed + 1), name) for name in _law_keys())
    close = [(d, name) for d, name in ranked if d <= allowed]
    if not close or (len(close) > 1 and close[1][0] == close[0][0]):
        return None
    name = close[0][1]
    if any(c.isdigit() for c in set(key) ^ set(name)):
        return None
    return lookup(_law_keys()[name])


@functools.lru_cache(maxsize=1)
def _law_keys() -> dict[str, str]:
    """{title key: full name} of every national law: the registry's 法律 and the law DB's names."""
    keys = {k: d.title for d in registry() if d.level == "法律" for k in d.keys()}
    for name in lawdb.names():
        keys.setdefault(title_key(name), name)
    return keys


def near_miss(written: str, registered: str, threshold: float = NEAR_RATIO) -> float:
    """Similarity (0–100) when `written` is a slight misquote of `registered`, else 0."""
    if len(written) < 6 or written == registered:
        return 0.0
    score = fuzz.ratio(written, registered)
    if score < threshold:
        return 0.0
    ops = [op for op in SequenceMatcher(None, written, registered, autojunk=False).get_opcodes() if op[0] != "equal"]
    changed = "".join(written[i1:i2] + registered[j1:j2] for _, i1, i2, j1, j2 in ops)
    return 0.0 if len(changed) > 2 * NEAR_CHARS or any(c.isdigit() for c in changed) else score


@functools.lru_cache(maxsize=4096)  # every county misquotes the same titles the same way
def difference(written: str, registered: str) -> str:
    """「「城乡」应为「城镇」」 for each differing stretch, widened to the word it lies in: a changed character
    goes with the neighbour it binds to more strongly in the registered title (by the character model:
    社会救助 → 「教助」应为「救助」, not 「会教」应为「会救」)."""
    from ..analysis.textmodel import model

    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, written, registered, autojunk=False).get_opcodes():
        if tag == "replace":
            left = model().transition(registered[j1 - 1], registered[j1]) if i1 and j1 else None
            right = (model().transition(registered[j2 - 1], registered[j2])
                     if i2 < len(written) and j2 < len(registered) else None)
            before = 1 if left is not None and (right is None or left >= right) else 0
            after = 1 if right is not None and not before else 0
            parts.append(f"「{written[i1 - before:i2 + after]}」应为「{registered[j1 - before:j2 + after]}」")
        elif tag == "delete":
            parts.append(f"多了「{written[i1:i2]}」")
        elif tag == "insert":
            parts.append(f"缺少「{registered[j1:j2]}」")
    return "，".join(parts)


_SHORT = re.compile(r"简称[为：:]?\s*[“\"]?《([^《》]{1,40})》")
@per_list
def citations(plist: PowerList) -> list[Cited]:
    """Every citation in every free-text value of every item (computed once per list, shared by CIT and DOC)."""
    names = bare_names()
    out: list[Cited] = []
    for item in plist.items:
        aliases: dict[str, Document | None] = {}
        for field, value in item.free_texts():
            found = extract(value.value, names)
            shorts = _SHORT.finditer(value.value) if "简称" in value.value else ()  # no scan of texts without it
            for m in shorts:  # （以下简称《诚信管理办法》）: the item's own short name
                before = [c for c in found if c.start < m.start()]
                if before:
                    aliases[title_key(m.group(1))] = resolve(before[-1])[0]
            for cit in found:
                key = title_key(cit.title)
                if key in aliases:
                    out.append(Cited(item, field, value, cit, aliases[key], alias=True))
                    continue
                doc, near = resolve(cit)
                out.append(Cited(item, field, value, cit, doc, near_miss=near))
    return out


def iter_texts(text: str) -> Iterator[tuple[Citation, Document | None]]:
    """Citations of a loose text with their registry entries (for other features)."""
    for cit in extract(text, bare_names()):
        yield cit, resolve(cit)[0]


def documents_cited(plist: PowerList) -> Iterator[tuple[Item, Document, dt.date | None]]:
    """Each registered document each item cites, with the latest version date the citation names (None when it
    names none), item by item: the item's resolved citations (`citations`, shared with CIT and DOC), then
    document numbers written without a title it resolves (财社〔2017〕144号 alone)."""
    by_item: dict[int, list[Cited]] = {}
    for c in citations(plist):
        by_item.setdefault(id(c.item), []).append(c)
    for item in plist.items:
        seen: dict[int, set[str]] = {}
        for c in by_item.get(id(item), ()):
            if c.document is not None:
                seen.setdefault(id(c.value), set()).add(c.document.id)
                yield item, c.document, c.citation.version.latest if c.citation.version else None
        for _, value in item.free_texts():
            if "号" not in value.value:  # every document number ends in 号 (lint.text.docnum.find)
                continue
            found = seen.setdefault(id(value), set())
            for key in _number_keys(value.value):
                doc = by_number(key)
                if doc is not None and doc.id not in found:
                    found.add(doc.id)
                    yield item, doc, None


@functools.lru_cache(maxsize=4096)
def _number_keys(text: str) -> tuple:
    """The keys of the document numbers of a text, memoised: a province's lists copy their items' texts."""
    return tuple(number.key for number in find_numbers(clean(text)))
