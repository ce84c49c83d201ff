"""What a list's title says: its kind (rules/list_kinds.yaml), its department, region and level.

Title forms: 「X县医疗保障局权责清单」, 「2023年X县医疗保障局权力清单和责任清单」, 「X市医疗保障局行政执法事项清单」,
「X局行政检查事项」, 「X县医疗保障局权力清单（第一批）」, 「…（2025年版）」, and titles without a place
(「区人力资源和社会保障局行政处罚清单」: region unknown, level from the leading 区).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .. import data
from .departments import expand_department, township
from .divisions import level_of, region_of

ORG = r"(?:局|委员会|委|厅|办公室|办事处|办|中心|院|署|所|站|队|会|部|政府)"
_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[)）]\s*$")  # （第一批） （2025年版） （试行）
_YEAR = re.compile(r"^\s*\d{4}\s*年度?|\d{4}\s*年度?\s*$")  # 「2023年X局…」, 「X局2026年度…计划」
_DEPARTMENT = re.compile(rf"^(?P<dept>.*?{ORG})(?:本级|机关|部门|行政)*$")  # 「…局本级行政权责清单」


_UNKNOWN_KIND = re.compile(rf"^(?P<dept>.*{ORG}).*(?:清单|目录|事项|一览表|表)$")


class Title(NamedTuple):
    """The parts of a title: kind (None when not recognised), department, region and level."""

    kind: str | None
    department: str | None
    region: dict
    level: str | None


def kinds() -> dict[str, dict]:
    """Every list kind of rules/list_kinds.yaml → its entry (names, carries)."""
    return data.load("list_kinds.yaml")["kinds"]


def carries(kind: str | None) -> frozenset[str] | None:
    """The fields a list of this kind carries; None for an unknown kind."""
    entry = kinds().get(kind or "")
    return frozenset(entry.get("carries") or ()) if entry else None


def kind_columns(kind: str | None) -> dict[str, str]:
    """The column names whose field differs in a list of this kind (违法行为 is the item's name in a 首违免罚清单)."""
    return dict((kinds().get(kind or "") or {}).get("columns") or {})


@functools.lru_cache(maxsize=1)
def _kind_names() -> list[tuple[str, str]]:
    """(normalised name, kind), longest first."""
    names = {(_normalise(name)[0], kind) for kind, entry in kinds().items() for name in [kind, *entry["names"]]}
    return sorted(names, key=lambda p: (-len(p[0]), p[0]))


@functools.lru_cache(maxsize=1)
def _optional() -> re.Pattern:
    words = sorted(data.load("list_kinds.yaml")["optional_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def _normalise(text: str) -> tuple[str, list[int]]:
    """The text without spaces and optional words (事项, 清单 …), and for each kept character its index."""
    kept, where, pos = [], [], 0
    optional = _optional()
    while pos < len(text):
        m = optional.match(text, pos)
        if m:
            pos = m.end()
            continue
        if not text[pos].isspace():
            kept.append(text[pos])
            where.append(pos)
        pos += 1
    return "".join(kept), where


def _strip_notes(title: str) -> str:
    title = title.strip()
    while (m := _NOTE.search(title)) is not None and m.start() > 0:
        title = title[:m.start()]
    return title


def split_title(title: str) -> tuple[str | None, str]:
    """(kind, the text before the kind phrase): the longest kind name ending the title once batch and
    edition notes are cut, optional words ignored and traditional characters simplified (權責清單)."""
    title = _strip_notes(simplified(title))
    norm, where = _normalise(title)
    for name, kind in _kind_names():
        if name and norm.endswith(name):
            start = len(norm) - len(name)  # the head ends at its last kept character (no “ before “双随机”)
            return kind, title[:where[start - 1] + 1] if start else ""
    return None, title


def simplified(text: str) -> str:
    """The text in simplified characters (OpenCC's phrase-aware t2s, as the OCR rules use)."""
    from .t2s import converter  # opencc loaded when a title is first read; the OCR rules' converter

    converted = converter().convert(text)
    return converted if len(converted) == len(text) else text


def canonical_kind(written: str) -> str:
    """A kind as written in meta.kind (行政执法清单) → its name in rules/list_kinds.yaml, else as written."""
    return split_title(written)[0] or written.strip()


def department_in(head: str) -> str | None:
    """The department named before the kind phrase (abbreviations expanded), or None."""
    head = _YEAR.sub("", re.sub(r"\s+", "", head))
    m = _DEPARTMENT.match(head)
    return expand_department(m.group("dept")) if m else None


def unknown_kind_department(title: str) -> str | None:
    """The department opening a title whose kind is not in rules/list_kinds.yaml (「X市医疗保障局服务事项目录」):
    the longest opening ending in an organ word, when a list word (清单, 目录, 事项 …) follows it."""
    title = _YEAR.sub("", re.sub(r"\s+", "", title))
    m = _UNKNOWN_KIND.match(title)
    return expand_department(m.group("dept")) if m else None


def level_word(department: str) -> str | None:
    """The level of a department named without a place (区人社局 → 县级), from its leading level word."""
    for word, level in sorted(data.load("list_kinds.yaml")["levels"].items(), key=lambda p: -len(p[0])):
        if department.startswith(word):
            return level
    return None


@functools.lru_cache(maxsize=256)
def read_title(title: str | None) -> Title:
    """Kind, department, region and level of a list title; unknown parts are None."""
    if not title or not title.strip():
        return Title(None, None, {"province": None, "city": None, "county": None}, None)
    kind, head = split_title(title)
    department = department_in(head) if kind else unknown_kind_department(head)
    town = township(department) if department else None
    region = region_of(town[0] if town else department or _YEAR.sub("", head))
    level = (town[1] if town else None) or level_of(region) or (level_word(department) if department else None)
    return Title(kind, department, region, level)
