"""How well an article fits an item: the share of the item name's character pairs found in the article,
each pair weighted by how rare it is among the articles of the same document (IDF), so that words every
article shares (社会保险, 行政部门) weigh little and the item's own matter (滞纳金, 骗取) weighs much.

Character pairs rather than words: item names abridge and reorder the article's wording (对用人单位未按时足额
缴纳社会保险费的处罚 / 用人单位未按时足额缴纳社会保险费的), and no segmenter is needed for legal Chinese this regular.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Mapping

from .. import data
from ..text.quotes import reduce

# words of item names that say what kind of power it is, not what it is about
_GENERIC = ("对", "的", "处罚", "行政", "违法", "行为", "进行", "实施", "依法", "有关", "相关", "规定")


@functools.lru_cache(maxsize=1)
def _vocabulary() -> tuple[tuple[re.Pattern, str], ...]:
    """(pattern, replacement) of rules/fit_vocabulary.yaml: coordinated kinds before a head, then synonyms."""
    table = data.load("fit_vocabulary.yaml")
    out = []
    for entry in table.get("kinds") or ():
        kind = "|".join(map(re.escape, sorted(entry["kinds"], key=len, reverse=True)))
        out.append((re.compile(f"(?:(?:{kind})[、，,和及与或]?)+{re.escape(entry['head'])}"), entry["general"]))
    for word, meaning in (table.get("synonyms") or {}).items():
        out.append((re.compile(re.escape(word)), meaning))
    return tuple(out)


def in_the_laws_words(name: str) -> str:
    """An item name with the field's specific words put in the general words articles use (养老、失业保险费 →
    社会保险费; 参保登记 → 社会保险登记): rules/fit_vocabulary.yaml."""
    for pattern, general in _vocabulary():
        name = pattern.sub(general, name)
    return name


def pairs(text: str) -> set[str]:
    t = reduce(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


class Fit:
    """Fit of item names to the articles of one document ({key: text}), each pair's IDF computed when a name
    first asks for it: a list asks for a few hundred of a document's thousands of pairs (counting all of them
    was 1.5 of the 2.5 ms a cited document cost a pre-commit run)."""

    def __init__(self, articles: Mapping[tuple[int, int], str]):
        self.pairs = {key: pairs(text) for key, text in articles.items()}
        self._n = max(1, len(self.pairs))
        self.unseen = math.log(self._n + 1)
        self._idf: dict[str, float] = {}
        self._scores: dict[str, dict[tuple[int, int], float]] = {}  # the same item names recur across lists

    def idf(self, pair: str) -> float:
        """log((n + 1) / (df + 1)) over the document's n articles, `unseen` for a pair none of them has."""
        value = self._idf.get(pair)
        if value is None:
            df = sum(pair in ps for ps in self.pairs.values())
            value = self._idf[pair] = math.log((self._n + 1) / (df + 1)) if df else self.unseen
        return value

    def scores(self, name: str) -> dict[tuple[int, int], float]:
        """{article: weighted share of the name's pairs found in it} (0–1); remembered per name, do not change it."""
        if name not in self._scores:
            if len(self._scores) >= 2048:  # bounded: a province has a few thousand distinct names per document
                self._scores.clear()
            self._scores[name] = self._score(name)
        return self._scores[name]

    def _score(self, name: str) -> dict[tuple[int, int], float]:
        """The better of the name as written and in the law's words, per article."""
        literal = self.literal(name)
        general = in_the_laws_words(name)
        if general == name:
            return literal
        other = self.literal(general)
        return {key: max(score, other[key]) for key, score in literal.items()}

    def literal(self, name: str) -> dict[tuple[int, int], float]:
        """{article: weighted share of the name's pairs, as written, found in it}."""
        wanted = {p for p in pairs(name) if not any(p == g or p in g for g in _GENERIC if len(g) >= 2)}
        weights = {p: self.idf(p) for p in wanted}
        total = sum(weights.values())
        if not total:
            return dict.fromkeys(self.pairs, 0.0)
        return {key: sum(w for p, w in weights.items() if p in ps) / total for key, ps in self.pairs.items()}
