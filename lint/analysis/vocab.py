"""The power-type vocabulary of `rules/power_types.yaml`."""

from __future__ import annotations

import functools

from .. import data


@functools.lru_cache(maxsize=1)
def power_types() -> dict[str, dict]:
    """Every valid type name (standard names and aliases) → its entry."""
    table = {}
    for entry in data.load("power_types.yaml")["types"]:
        table[entry["name"]] = entry
        for alias in entry.get("aliases") or ():
            table[alias] = entry
    return table


def canonical_type(name: str) -> str | None:
    """The standard name of a power type as written (also suffixed: 行政处罚类, 行政检查事项), or None when
    it is not in the vocabulary."""
    word = name.strip()
    entry = power_types().get(word)
    for suffix in data.load("power_types.yaml").get("suffixes") or ():
        if entry is None and word.endswith(suffix):
            entry = power_types().get(word[: -len(suffix)])
    return entry["name"] if entry else None
