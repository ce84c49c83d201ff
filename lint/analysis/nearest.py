"""Nearest-name search: how alike a written name is to each known name (rapidfuzz scorers, 0–100)."""

from __future__ import annotations

from typing import Callable, Sequence

from rapidfuzz import fuzz


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
