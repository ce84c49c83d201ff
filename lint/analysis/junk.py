"""Junk characters: what is left of text whose encoding was lost (?????, □□, U+FFFD, 锟斤拷, 烫烫烫, Ã© …),
as listed in rules/junk.yaml."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .. import data


class Junk(NamedTuple):
    offset: int
    run: str
    kind: str
    why: str


@functools.lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[re.Pattern, str, str], ...]:
    return tuple((re.compile(k["pattern"]), k["name"], k["why"]) for k in data.load("junk.yaml")["kinds"])


@functools.lru_cache(maxsize=8192)  # the same cells recur in every item
def junk_runs(text: str) -> tuple[Junk, ...]:
    """Every run of junk characters in `text`, left to right."""
    found = [Junk(m.start(), m.group(), name, why) for pattern, name, why in _kinds() for m in pattern.finditer(text)]
    return tuple(sorted(found))
