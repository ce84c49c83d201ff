"""Per-list memoisation shared by the rule families: each list is analysed once however many rules read it."""

from __future__ import annotations

import functools
import weakref


_CACHES: list[dict] = []


def forget(plist) -> None:
    """Drop what was memoised for a list that is kept (by the engine, for the report or a cross-list rule)
    after its rules ran, so that a kept list costs its model only."""
    for cache in _CACHES:
        cache.pop(id(plist), None)


def per_list(compute):
    """Memoise `compute(plist)` for as long as the list lives.

    Lists are unhashable dataclasses, so entries are keyed by id and dropped by a weak-reference
    callback when the list is freed: a 2,000-list run holds only the lists still in use.
    """
    cache: dict[int, tuple[weakref.ref, object]] = {}
    _CACHES.append(cache)

    @functools.wraps(compute)
    def cached(plist):
        key = id(plist)
        hit = cache.get(key)
        if hit is not None and hit[0]() is plist:
            return hit[1]
        value = compute(plist)
        cache[key] = (weakref.ref(plist, lambda _, key=key: cache.pop(key, None)), value)
        return value

    return cached
