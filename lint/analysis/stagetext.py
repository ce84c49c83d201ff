"""Splitting a 责任事项 text into its stages (`1. 受理阶段责任：…`, `(1) 立案责任：…`, `受理责任：…`).

Pure functions over the text as written: labels and texts are slices of the input, so
joining every stage's label and text gives the input back, less the whitespace between stages.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUM = "[一二三四五六七八九十]{1,3}"
# Where a number or an unnumbered heading may begin: text start, whitespace or a sentence end.
_BOUNDARY = r"(?:^|(?<=[\s。；;！!？?：:]))"
_MARKER = re.compile(
    _BOUNDARY + r"(?:"
    r"(?P<dot>\d{1,2})[ \t]*[.．](?!\d)"
    r"|(?P<comma>\d{1,2})[ \t]*、"
    r"|[(（][ \t]*(?P<paren>\d{1,2})[ \t]*[)）]"
    rf"|[(（](?P<cparen>{_CN_NUM})[)）]"
    rf"|(?P<ccomma>{_CN_NUM})、"
    r")[ \t]*"
)
# A heading right after a number: `受理阶段责任：`, `立案责任;`, `数据收集阶段：`.
_HEADING = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,15}?)(?:阶段责任|责任|阶段)[ \t]*[:：;；][ \t]*")
# An unnumbered heading: `受理责任：…` at a boundary (colon only, to spare `…的责任；`).
_BARE_HEADING = re.compile(_BOUNDARY + r"(?P<name>[\u4e00-\u9fff]{1,12}?)(?:阶段责任|责任)[ \t]*[:：][ \t]*")
# An unnumbered catch-all ending the text: `其他法律法规规章规定应履行的责任。`
_CATCH_ALL = re.compile(r"(?<=[。；;])\s*(?P<s>[^。；;\n]*其他[^。；;\n]*责任[。；;]?)\s*$")


class Stage(NamedTuple):
    """One stage: its label as written (numbering and heading, or None), its name and its text."""

    label: str | None
    name: str | None
    text: str


class _Mark(NamedTuple):
    start: int
    end: int  # end of the label
    style: str | None
    value: int | None
    name: str | None


def split_stages(text: str) -> list[Stage]:
    """The stages of a 责任事项 text; text without recognisable structure is one stage."""
    if not text.strip():
        return []
    marks = _numbered_marks(text)
    labels = {pos for m in marks for pos in range(m.start, m.end)}
    for match in _BARE_HEADING.finditer(text):
        if match.start() not in labels:
            marks.append(_Mark(match.start(), match.end(), None, None, match.group("name")))
    marks = _accepted(marks)
    catch = _CATCH_ALL.search(text)
    if marks and catch and catch.start("s") >= marks[-1].end:
        marks.append(_Mark(catch.start("s"), catch.start("s"), None, None, None))
    return _cut(text, marks)


def _numbered_marks(text: str) -> list[_Mark]:
    marks = []
    for match in _MARKER.finditer(text):
        style = match.lastgroup
        raw = match.group(style)
        value = int(raw) if raw.isdigit() else _cn_value(raw)
        heading = _HEADING.match(text, match.end())
        end, name = (heading.end(), heading.group("name")) if heading else (match.end(), None)
        marks.append(_Mark(match.start(), end, style, value, name))
    return marks


def _accepted(marks: list[_Mark]) -> list[_Mark]:
    """Keep headings, and numbers of the main numbering style that go up (the catch-all `5. 其他…`).

    The main style is that of the first numbered heading; with only unnumbered headings,
    numbers are a list inside a stage; with no heading at all, the first number's style.
    """
    marks.sort(key=lambda m: m.start)
    headed = [m for m in marks if m.name is not None]
    numbered = [m for m in (headed or marks) if m.style is not None]
    style = numbered[0].style if numbered else None
    kept, last, last_end = [], 0, -1
    for mark in marks:
        if mark.start < last_end:
            continue
        if mark.style is None:
            ok = True
        elif mark.style != style:
            ok = False
        else:
            ok = mark.name is not None or mark.value > last
        if ok:
            kept.append(mark)
            last_end = mark.end
            if mark.style is not None:
                last = mark.value
    return kept


def _cut(text: str, marks: list[_Mark]) -> list[Stage]:
    stages = []
    first = marks[0].start if marks else len(text)
    head = text[:first].strip()
    if head or not marks:
        stages.append(Stage(None, None, head))
    for i, mark in enumerate(marks):
        stop = marks[i + 1].start if i + 1 < len(marks) else len(text)
        label = text[mark.start:mark.end] or None
        stages.append(Stage(label, mark.name, text[mark.end:stop].strip()))
    return stages


def _cn_value(raw: str) -> int:
    """一 … 九十九 as an integer."""
    if "十" not in raw:
        return _CN_DIGITS.get(raw, 0)
    tens, _, units = raw.partition("十")
    return _CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(units, 0)
