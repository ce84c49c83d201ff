"""Department names compared across lists and against exercising bodies: abbreviations written out,
place names and level words removed (天水市医保局 → 医疗保障局)."""

from __future__ import annotations

import functools
import re

from .. import data
from .divisions import find_places


@functools.lru_cache(maxsize=4096)  # asked for every item's body in every list: the same few names
def expand_department(name: str) -> str:
    """A department name with its abbreviations written out (医保局 → 医疗保障局; rules/jurisdiction.yaml)."""
    name = re.sub(r"\s+", "", name)
    for short, full in sorted(data.load("jurisdiction.yaml")["abbreviations"].items(), key=lambda p: -len(p[0])):
        if short in name and full not in name:
            name = name.replace(short, full)
    return name


@functools.lru_cache(maxsize=4096)
def department_kind(name: str) -> str:
    """The name without place names and a leading level word (天水市医保局 → 医疗保障局)."""
    name = expand_department(name)
    for place in sorted(find_places(name, short=False), key=lambda p: -p.start):
        if 0 <= place.start < place.end <= len(name):
            name = name[:place.start] + name[place.end:]
    return re.sub(r"^(本级|本|省|市|州|县|区)", "", name)
