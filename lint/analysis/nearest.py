"""Nearest-name search: how alike a written name is to each known name (rapidfuzz scorers, 0–100)."""

from __future__ import annotations

import sys
from typing import Callable, Sequence

from rapidfuzz import fuzz, process


def similarity(text: str, names: Sequence[str], scorer: Callable = fuzz.ratio) -> list[float]:
    """The similarity of `text` to each of `names`, in their order."""
    return [scorer(text, name) for name in names]


def ranked(text: str, names: Sequence[str], *, limit: int | None = None, cutoff: float = 0,
            scorer: Callable = fuzz.ratio) -> list[tuple[str, float, int]]:
    """(name, similarity, index) of the names at least `cutoff` alike to `text`, best first (of equals, the
    earlier name first), at most `limit`."""
    scored = [(name, score, i) for i, (name, score) in enumerate(zip(names, similarity(text, names, scorer)))
              if score >= cutoff]
    return sorted(scored, key=lambda r: (-r[1], r[2]))[:limit]


# Comparisons a process makes with process.extract before `alike_pairs` turns to cdist: cdist is ~4× faster per
# comparison (1.1 s against 4.4 s for 5,858 names against themselves) but returns a numpy array, and importing
# numpy costs ~0.1 s CPU, about what extract spends on a million comparisons. A hook run comparing a few lists
# makes a few thousand; a province's run pays at most that 0.1 s more than with cdist alone.
EXTRACT_LIMIT = 1_000_000
_extracted = 0  # comparisons made by extract in this process


def alike_pairs(queries: Sequence[str], choices: Sequence[str], cutoff: float) -> list[tuple[int, int, int]]:
    """(query index, choice index, score) of every pair at least `cutoff` alike (fuzz.ratio), by query then
    choice; the score an integer, rounded half up as cdist's integer scores are. By extract while this process has
    made few comparisons and numpy is not loaded, else by cdist (the same pairs: tests/test_nearest.py)."""
    global _extracted
    comparisons = len(queries) * len(choices)
    if "numpy" in sys.modules or _extracted + comparisons > EXTRACT_LIMIT:
        return _by_matrix(queries, choices, cutoff)
    _extracted += comparisons
    return _by_extract(queries, choices, cutoff)


def _by_extract(queries: Sequence[str], choices: Sequence[str], cutoff: float) -> list[tuple[int, int, int]]:
    pairs = []
    for q, query in enumerate(queries):
        found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
        pairs += sorted((q, c, int(score + 0.5)) for _, score, c in found)
    return pairs


def _by_matrix(queries: Sequence[str], choices: Sequence[str], cutoff: float) -> list[tuple[int, int, int]]:
    import numpy  # cdist's dtype as a numpy type (rapidfuzz before 3.13 refuses the name "uint8")

    pairs = []
    for start in range(0, len(queries), 1000):  # chunks bound the score matrix's memory
        scores = process.cdist(queries[start:start + 1000], choices, scorer=fuzz.ratio, score_cutoff=cutoff,
                               dtype=numpy.uint8, workers=1)
        pairs += [(start + int(r), int(c), int(scores[r][c])) for r, c in zip(*scores.nonzero())]
    return pairs
