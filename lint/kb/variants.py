"""Titles as lists write them: the words a list leaves out or spells otherwise (rules/title_variants.yaml)
and the short forms a statute defines in its own text (「劳动和社会保障监察（以下简称劳动保障监察）」).

`reduce(title)` is the title with those words left out on both sides of a comparison; `forms(title, texts)`
are the titles a statute may be cited by, from its definitions.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable

from .. import data
from .keys import title_key

# 「A（以下简称B）」, 「《A》（以下简称《B》）」: B stands for A in the rest of the text
_DEFINED = re.compile(r"(?P<long>[\u4e00-\u9fff]{2,40})》?[（(]以下(?:简称|称)[“「《]?(?P<short>[\u4e00-\u9fff]{2,20})[”」》]?[)）]")
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[)）]")
MIN_DEFINED = 4  # a shorter defined phrase (「本法」, 「条例」) names nothing in a title


@functools.lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    raw = data.load("title_variants.yaml")
    dropped = re.compile("|".join(map(re.escape, sorted(raw["dropped"], key=len, reverse=True))))
    prefixes = re.compile("^(?:" + "|".join(map(re.escape, raw["prefixes"])) + ")+")
    same = {other: group[0] for group in raw["same"] for other in group[1:]}
    return dropped, prefixes, same


@functools.lru_cache(maxsize=8192)
def reduce(title: str) -> str:
    """The title key with the words lists leave out removed and one spelling of words written two ways."""
    dropped, prefixes, same = _table()
    key = prefixes.sub("", title_key(title))
    for other, first in same.items():
        key = key.replace(other, first)
    return _EMPTY_BRACKETS.sub("", dropped.sub("", key))


def forms(title: str, texts: Iterable[str]) -> set[str]:
    """The title with each phrase of it that the statute's text abbreviates (以下简称) replaced by its short form."""
    out = set()
    for text in texts:
        if "以下" not in text:
            continue
        for m in _DEFINED.finditer(text):
            long, short = m.group("long"), m.group("short")
            phrase = next((long[k:] for k in range(len(long) - MIN_DEFINED + 1) if long[k:] in title), "")
            if phrase and phrase != short:
                out.add(title.replace(phrase, short))
    return out
