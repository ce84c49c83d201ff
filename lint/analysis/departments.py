"""Department names as departments write them, reduced to one form for comparison (rules/departments.yaml):
short forms written out (自治区人社厅 → 人力资源和社会保障厅), places, 兵团 division names and level words removed,
厅 compared as 局 — so that 广西壮族自治区人力资源和社会保障厅 and 「自治区人力资源社会保障厅」 are one department."""

from __future__ import annotations

import functools
import re

from .. import data
from .divisions import find_places


def _conf() -> dict:
    return data.load("departments.yaml")


@functools.lru_cache(maxsize=1)
def _replacements() -> tuple[tuple[str, str], ...]:
    """(short, full) of whole names and of words inside names, longest first."""
    conf = _conf()
    pairs = {**conf["short_words"], **conf["abbreviations"]}
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


@functools.lru_cache(maxsize=1)
def _prefix() -> re.Pattern:
    """Unit prefixes (兵团 divisions) then one level word, at the start of a name without its places."""
    conf = _conf()
    units = "|".join(f"(?:{p})" for p in conf["unit_prefixes"])
    levels = "|".join(map(re.escape, sorted(conf["level_words"], key=len, reverse=True)))
    not_levels = "|".join(map(re.escape, conf["not_level_words"]))
    return re.compile(rf"^(?:{units})*(?:(?!{not_levels})(?:{levels}))?")


@functools.lru_cache(maxsize=4096)  # asked for every item's body in every list: the same few names
def expand_department(name: str) -> str:
    """A department name with its short forms written out (天水市医保局 → 天水市医疗保障局, 人力社保局 →
    人力资源和社会保障局), spaces removed."""
    name = re.sub(r"\s+", "", name)
    for short, full in _replacements():
        if short in name and full not in name:
            name = name.replace(short, full)
    return name


@functools.lru_cache(maxsize=4096)
def department_kind(name: str) -> str:
    """The department without places, division names and level words, 厅 as 局 (天水市医保局 → 医疗保障局,
    第一师阿拉尔市民政局 and 师市民政局 → 民政局)."""
    name = expand_department(name)
    for place in sorted(find_places(name), key=lambda p: -p.start):
        if 0 <= place.start < place.end <= len(name):
            name = name[:place.start] + name[place.end:]
    name = _prefix().sub("", name)
    for ending, same in _conf()["rank_endings"].items():
        if name.endswith(ending):
            name = name[:-len(ending)] + same
    return name


def same_department(a: str, b: str) -> bool:
    """Whether two names denote the same department (湘阴县医保局 / 湘阴县医疗保障局 / 县医保局)."""
    kind = department_kind(a)
    return bool(kind) and kind_matches(kind, department_kind(b))


def kind_matches(kind: str, other: str) -> bool:
    """Whether two normalised names are one department: equal, or one ends in the other right after a level word
    (示例县卫生和计划生育局 / 卫生和计划生育局: a place the division table lacks)."""
    if kind == other:
        return True
    short, long_ = sorted((kind, other), key=len)
    return bool(short) and long_.endswith(short) and long_[-len(short) - 1] in _level_ends()


@functools.lru_cache(maxsize=1)
def _level_ends() -> frozenset[str]:
    """The last characters of level words (县, 市, 区 …): where a place name ends before a department."""
    return frozenset(word[-1] for word in _conf()["level_words"])


@functools.lru_cache(maxsize=1)
def _township() -> re.Pattern:
    return re.compile(_conf()["township"]["pattern"])


def township(name: str) -> tuple[str, str] | None:
    """(the text before the township's own name, its level) for a 乡/镇/街道 body (瓜州县渊泉镇人民政府 →
    瓜州县, 乡级); None for other departments."""
    m = _township().search(name)
    return (name[:m.start()], _conf()["township"]["level"]) if m else None
