"""How well a quoted text matches an article: the share of the quote found, in order, in the article.

Legal quotes abridge (drop sentences, 项 markers such as （一）) and change punctuation, so both
texts are reduced to their CJK letters and digits and the score is the longest common subsequence
divided by the quote's length (rapidfuzz's LCSseq): abridging costs nothing, a foreign sentence costs
its length. Measured on the seed lists (see tests/test_cit_rules.py and the thresholds in
lint/checks/citation.py): correctly labelled quotes score ≥ 0.99 against their article; another article
of the same law can score up to 0.97 (第八十八条 is nearly contained in 第八十七条); 天水's 第七十七条 quote
scores 0.18 against 第七十七条 and 0.99 against 第八十七条.
"""

from __future__ import annotations

import functools
import re
from typing import Hashable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

_MARKERS = re.compile(r"[（(][一二三四五六七八九十\d]+[)）]")
_KEEP = re.compile(r"[^\u4e00-\u9fff0-9A-Za-z]+")
MIN_QUOTE = 12  # shorter quotes (after reduction) are not compared: too little evidence


@functools.lru_cache(maxsize=1 << 14)
def reduce(text: str) -> str:
    """The text's CJK letters and digits, without 项 markers; remembered: every county quotes the same articles."""
    return _KEEP.sub("", _MARKERS.sub("", text))


def kept(text: str) -> list[int]:
    """For each character of `reduce(text)`, its position in `text`."""
    removed = {i for m in _MARKERS.finditer(text) for i in range(m.start(), m.end())}
    return [i for i, ch in enumerate(text) if i not in removed and not _KEEP.fullmatch(ch)]


@functools.lru_cache(maxsize=1 << 14)
def coverage(quote: str, article: str) -> float:
    """Share of the reduced quote found in order in the reduced article (0–1); remembered as `reduce`."""
    q, a = reduce(quote), reduce(article)
    if not q or not a:
        return 0.0
    return LCSseq.similarity(q, a) / len(q)


def coverages(quote: str, reduced: Mapping[Hashable, str]) -> dict[Hashable, float]:
    """`coverage` of the quote against many articles already reduced ({key: reduce(text)}), in one batch."""
    q = reduce(quote)
    if not q:
        return dict.fromkeys(reduced, 0.0)
    return {key: score / len(q) for _, score, key in
            process.extract(q, reduced, scorer=LCSseq.similarity, processor=None, limit=None)}
