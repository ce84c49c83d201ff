"""Word-level comparison of a quote with its article: the differences that change what the law says.

Both texts are reduced to letters and digits (lint/text/quotes.py: punctuation width and 项 markers do not count)
and aligned by longest contiguous blocks (difflib's SequenceMatcher, not the character LCS of the other CIT rules:
an LCS pairs a quote's 民政部门 with 人民政府…部门 of a later sentence), so abridgements 「……」 and omitted clauses are
article stretches the quote lacks, which cost nothing. Each place where the quote has words of its own
is a hunk; a hunk matters when it touches a word of one of the categories of rules/quote_words.yaml (numbers,
rates, time limits, modal and negation words, the acting body, kinds of penalty, 权利/权力-type words) and the
words of that category there differ between law and quote — numbers compared by value, so 三十日 and 30日 agree.
A quote that drops a word of an `omission` category (不得) where it shows no break (no 「……」, no punctuation) is
a change too; anywhere else a missing stretch is an abridgement.
"""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher
from typing import NamedTuple


from .. import data
from ..text import quotes
from ..text.numerals import NUMERAL, parse

_NUMBER = re.compile(NUMERAL)
_BREAK = re.compile(r"[…。，；：、,;:.!?！？]")
_SHOWN_ADDITION = 20  # characters: words the quote adds are shown whole up to this length (履行审批手续)
_ELLIPSIS = re.compile(r"…|\.\.\.|⋯")


class Category(NamedTuple):
    name: str
    why: str
    pattern: re.Pattern
    omission: bool


class Change(NamedTuple):
    category: Category
    law: str  # the law's words at that place ('' when the quote adds a word)
    quote: str  # the list's words at that place ('' when the quote drops a word)


@functools.lru_cache(maxsize=1)
def categories() -> tuple[Category, ...]:
    out = []
    for entry in data.load("quote_words.yaml")["categories"]:
        if "words" in entry:
            words = sorted(entry["words"], key=len, reverse=True)
            pattern = re.compile("|".join(map(re.escape, words)))
        else:
            pattern = re.compile(entry["pattern"])
        out.append(Category(entry["name"], entry["why"], pattern, bool(entry.get("omission"))))
    return tuple(out)


def _value(word: str) -> str:
    """A word with its numerals read as numbers (三十日 and 30日 are the same time limit)."""
    return _NUMBER.sub(lambda m: str(parse(m.group()) if parse(m.group()) is not None else m.group()), word)


def _touching(spans: list[tuple[int, int, str]], start: int, end: int) -> list[tuple[int, int, str]]:
    """The words overlapping [start, end); for an empty range (an insertion point), the words around it."""
    if start == end:
        return [s for s in spans if s[0] < start < s[1]]
    return [s for s in spans if s[0] < end and start < s[1]]


def _words(category: Category, text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in category.pattern.finditer(text)]


@functools.lru_cache(maxsize=4096)
def changes(quote: str, article: str) -> tuple[Change, ...]:
    """The meaning changes of the quote against the article, in the quote's order (each once)."""
    q, a = quotes.reduce(quote), quotes.reduce(article)
    if not q or not a:
        return ()
    found: list[Change] = []
    hunks = _hunks(q, a)
    for category in categories():
        q_words, a_words = _words(category, q), _words(category, a)
        for i0, i1, j0, j1 in hunks:
            if i0 == i1:  # the quote lacks an article stretch: an abridgement unless it silently drops such a word
                if category.omission and 0 < i0 < len(q) and category.pattern.fullmatch(a[j0:j1]) \
                        and not _abridged(quote, i0, article, j0, j1):
                    found.append(Change(category, a[j0:j1], ""))
                continue
            mine, theirs = _touching(q_words, i0, i1), _touching(a_words, j0, j1)
            if not mine and not theirs:
                continue
            if [_value(w) for *_, w in mine] != [_value(w) for *_, w in theirs]:
                whole = j0 == j1 and i1 - i0 <= _SHOWN_ADDITION and all(i0 <= w[0] and w[1] <= i1 for w in mine)
                added = q[i0:i1] if whole else _shown(q, mine)
                found.append(Change(category, _shown(a, theirs), added))
    unique = list(dict.fromkeys(found))
    return tuple(sorted(unique, key=lambda c: q.find(c.quote) if c.quote else len(q)))


def _hunks(q: str, a: str) -> list[tuple[int, int, int, int]]:
    """Aligned differing stretches (quote start, end, article start, end)."""
    return [(i0, i1, j0, j1) for tag, i0, i1, j0, j1 in SequenceMatcher(None, q, a, autojunk=False).get_opcodes()
            if tag != "equal"]


def _abridged(quote: str, i: int, article: str, j0: int, j1: int) -> bool:
    """Whether the article stretch [j0, j1) (reduced) the quote lacks before its reduced character i is an
    abridgement: the quote shows 「……」 there, or the stretch is whole clauses of the article (a break before
    and after it)."""
    q_kept, a_kept = quotes.kept(quote), quotes.kept(article)
    if _ELLIPSIS.search(quote[q_kept[i - 1] + 1:q_kept[i]]):
        return True
    before = article[a_kept[j0 - 1] + 1:a_kept[j0]] if j0 > 0 else "。"
    after = article[a_kept[j1 - 1] + 1:a_kept[j1]] if j1 < len(a_kept) else "。"
    return bool(_BREAK.search(before) and _BREAK.search(after))


def _shown(text: str, words: list[tuple[int, int, str]]) -> str:
    """The category's words at a hunk as shown to the user ('' when there are none)."""
    return text[words[0][0]:words[-1][1]] if words else ""
