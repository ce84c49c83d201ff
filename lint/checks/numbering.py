"""NUM: the 序号 across a list, the table labels beside them, and numbered lists inside a field."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from ..text.numerals import parse as parse_numeral
from ..findings import Edit, Fix
from ..model import COLUMN_LABELS, Item, PowerList, Value
from ..memo import per_list
from ..registry import Rule, register

# 序号 as printed: 12, 3-1, 3.1, 3（1）, 十二.
_NUMBER = re.compile(r"^\s*(?P<main>[0-9０-９]+|[一二三四五六七八九十百〇零]+)\s*"
                     r"(?:[-－—.．]\s*(?P<sub>\d+)|[(（]\s*(?P<psub>\d+)\s*[)）])?\s*$")
_TABLE_NUMBER = re.compile(r"(\d+)\s*$")

# Enumeration markers inside a field, at a text start, after whitespace or a sentence/clause end.
_BOUNDARY = r"(?:(?<=^)|(?<=[\s。；;！!？?：:]))"
_CN = "[一二三四五六七八九十]{1,3}"
_MARKER = re.compile(
    _BOUNDARY + r"(?:"
    r"(?P<dot>\d{1,2})[ \t]*[.．](?![\d.．])"
    r"|(?P<comma>\d{1,2})[ \t]*、"
    r"|[(（][ \t]*(?P<paren>\d{1,2})[ \t]*[)）]"
    rf"|[(（](?P<cparen>{_CN})[)）]"
    rf"|(?P<ccomma>{_CN})、"
    r"|(?P<circled>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"
    r")"
)
# A bracketed or circled marker glued to the previous word (审核下列材料(1)申办人……；(2)……): it may open or
# continue a list, never report one (第(一)项 and 第（1）款 are references, not markers).
_GLUED = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<!第)(?:"
    r"[(（][ \t]*(?P<paren>\d{1,2})[ \t]*[)）]"
    rf"|[(（](?P<cparen>{_CN})[)）]"
    r"|(?P<circled>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"
    r")(?![项款目条号])"
)
_STYLE_NAMES = {"dot": "1.", "comma": "1、", "paren": "(1)", "cparen": "（一）", "ccomma": "一、", "circled": "①"}
_QUOTES = {"《": "》", "“": "”", "「": "」", "\"": "\""}
_QUOTE_MARKS = re.compile("[" + re.escape("".join(_QUOTES) + "".join(_QUOTES.values())) + "]")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Free-text fields whose numbered lists are checked (legal basis is left out: it quotes laws' own numbering).
ENUM_FIELDS = ("accountability", "supervision", "remedy", "remarks")
def parse_number(label: str) -> tuple[int, int | None] | None:
    """(main, sub) of a 序号, or None when it is not a number."""
    m = _NUMBER.match(label)
    if not m:
        return None
    main = parse_numeral(m.group("main"))
    sub = m.group("sub") or m.group("psub")
    return (main, int(sub) if sub else None) if main is not None else None


def _show(main: int, sub: int | None) -> str:
    return f"{main}-{sub}" if sub is not None else str(main)


class Numbered(NamedTuple):
    item: Item
    main: int
    sub: int | None
    table: int | None


@per_list
def _numbered(plist: PowerList) -> list[Numbered]:
    result = []
    for item in plist.items:
        parsed = parse_number(item.label) if item.label else None
        if parsed:
            m = _TABLE_NUMBER.search(item.text("table"))
            result.append(Numbered(item, parsed[0], parsed[1], int(m.group(1)) if m else None))
    return result


def tables_number_items(rows: list[Numbered]) -> bool:
    """Whether the list's table labels count its items one by one (表 2-1, 表 2-2 … beside 序号 1, 2 …)."""
    tabled = [r for r in rows if r.table is not None]
    if len(tabled) < 3 or len({r.table for r in tabled}) != len(tabled):
        return False
    return sum(r.table == r.main for r in tabled) >= 0.75 * len(tabled)


@register
class ItemNumbering(Rule):
    code = "NUM001"
    name = "item-numbering"
    category = "numbering"
    severity = "warning"
    summary = "序号跳号、重复或倒序"
    what = ("检查事项序号是否连续：允许从任意数字开始（如 4160）、允许子项（3-1、3.1、3（1））、"
            "允许从 1 重新编号（分表编号）；报告跳号、重复和倒序。")
    why = "序号是公开清单中引用事项的方式；跳号让人以为事项被删除，重复和倒序让引用指向错误的事项。"
    example = ("示例清单.yaml:58:14: NUM001 [警告] 序号跳号：上一项为 3，本项"
               "为 5，缺少 4；请核对是否漏列事项或改正序号 (序号 5)")

    def check(self, plist: PowerList):
        rows = _numbered(plist)
        by_table = tables_number_items(rows)
        seen: dict[tuple, Numbered] = {}
        prev: Numbered | None = None
        group = 0
        for row in rows:
            restart = prev is not None and row.main == 1 and row.sub is None and prev.main > 1
            group += restart
            key = (group, row.main, row.sub)
            message = None
            if key in seen and _sub_items_of_one_item(seen[key].item, row.item):
                message = None  # a merged 序号 over the rows of one item's sub-items
            elif key in seen:
                first = seen[key]
                message = (f"序号 {_show(row.main, row.sub)} 重复：第 {first.item.line} 行的事项已使用；"
                           "请改正其中一个序号")
            elif prev is not None and not restart:
                message = self._sequence(prev, row, by_table)
            seen.setdefault(key, row)
            prev = row
            if message:
                yield self.finding(plist, message, item=row.item, value=row.item.number, field="number")

    @staticmethod
    def _sequence(prev: Numbered, row: Numbered, by_table: bool) -> str | None:
        here, before = _show(row.main, row.sub), _show(prev.main, prev.sub)
        if row.main == prev.main:
            expected = (prev.sub or 0) + 1
            if row.sub is not None and row.sub > expected:
                return f"子项序号跳号：上一项为 {before}，本项为 {here}，缺少 {_show(row.main, expected)}；请核对"
            if row.sub is not None and row.sub < expected:
                return f"子项序号倒序：上一项为 {before}，本项为 {here}；请改正序号"
            return None
        if row.main == prev.main + 1:
            return None if row.sub in (None, 1) else f"子项序号应从 1 开始：本项为 {here}；请核对"
        if row.main > prev.main + 1:
            if by_table and row.table == prev.main + 1:
                return None  # NUM002 reports it with the table label
            gap = prev.main + 1 if row.main == prev.main + 2 else f"{prev.main + 1}–{row.main - 1}"
            return f"序号跳号：上一项为 {before}，本项为 {here}，缺少 {gap}；请核对是否漏列事项或改正序号"
        return f"序号倒序：上一项为 {before}，本项为 {here}；请按顺序排列或改正序号"


def _sub_items_of_one_item(first: Item, other: Item) -> bool:
    """Two rows of one item: the same name, different sub-items (a 序号 merged over the sub-item rows)."""
    sub = first.text("sub_item").strip()
    return (bool(sub) and first.text("name").strip() == other.text("name").strip()
            and sub != other.text("sub_item").strip())


@register
class DuplicatedItem(Rule):
    # Same power code is COD004's (a code says "the same item" only when the names agree; COD004 already names the
    # first item): this rule reads the names, which every list has, coded or not.
    code = "NUM006"
    name = "duplicated-item"
    category = "numbering"
    severity = "warning"
    summary = "同一事项在清单中列了两次（事项名称和子项相同，序号不同）"
    what = ("比较各事项的事项名称连同子项名称（去掉空白后）：两个序号不同的事项名称、子项都相同时，在后一项报告，"
            "并指出前一项的序号和行号。同一事项的各子项（名称相同、子项不同）不是重复；两行序号也相同时由 NUM001 报告"
            "（序号重复）。权力编码相同由 COD004 报告。")
    why = "重复列出的事项使清单的事项数虚增，两处的依据、环节往往只改了一处，公众和执法人员不知以哪一处为准。"
    example = ("示例清单.yaml:24:11: NUM006 [警告] 事项「对骗取医疗保障基金 行为的处罚」与第 9 行的事项（序号 1）"
               "相同：同一事项列了两次；请删除重复的一项，或在名称中写明两项的区别 (序号 4)")

    def check(self, plist: PowerList):
        seen: dict[tuple[str, str], Item] = {}
        for item in plist.items:
            name = re.sub(r"\s+", "", item.text("name"))
            if not name:
                continue
            key = (name, re.sub(r"\s+", "", item.text("sub_item")))
            first = seen.setdefault(key, item)
            if first is item or (item.label or "").strip() == (first.label or "").strip():
                continue
            shown = f"事项「{item.text('name').strip()}」" + (f"（子项「{item.text('sub_item').strip()}」）" if key[1] else "")
            yield self.finding(plist, f"{shown}与第 {first.line} 行的事项（序号 {first.label}）相同：同一事项列了两次；"
                                      "请删除重复的一项，或在名称中写明两项的区别",
                               item=item, value=item.get("name"), field="name", evidence=key[0] + key[1])


@register
class TableLabelMismatch(Rule):
    code = "NUM002"
    name = "table-label-mismatch"
    category = "numbering"
    severity = "warning"
    summary = "表号与序号不符"
    what = "清单按事项分表（表 2-1、表 2-2……）且表号与序号一一对应时，检查每个事项的表号末位与其序号是否一致。"
    why = "表号和序号不一致时，引用“表 2-9”和“序号 10”的人指的是不是同一事项说不清；通常是序号写错或漏了一项。"
    example = ("示例清单.yaml:61:14: NUM002 [警告] 序号 10 与表号「表 2-"
               "4」不符：前一项序号为 3，本项应为 4；请核对后改正序号或表号 (序号 10)")
    fix_doc = "把序号改为表号的末位数字（不安全：也可能是表号写错，需人工确认）。"

    def check(self, plist: PowerList):
        rows = _numbered(plist)
        if not tables_number_items(rows):
            return
        previous = {id(b.item): a for a, b in zip(rows, rows[1:])}
        for row in rows:
            if row.table is None or row.table == row.main or row.sub is not None:
                continue
            before = previous.get(id(row.item))
            context = f"前一项序号为 {before.main}，本项应为 {row.table}" if before and before.main + 1 == row.table \
                else f"表号对应序号 {row.table}"
            number = row.item.number
            start = number.locate(0, plist.source)[0]
            fix = None
            if plist.source[start:start + len(number.value)] == number.value:
                fix = Fix(f"将序号改为 {row.table}", (Edit(start, start + len(number.value), str(row.table)),), safe=False)
            yield self.finding(plist, f"序号 {row.main} 与表号「{row.item.text('table').strip()}」不符：{context}；"
                                      "请核对后改正序号或表号",
                               item=row.item, value=number, field="number", fix=fix)


@dataclass
class Marker:
    value: Value
    offset: int
    style: str
    number: int
    text: str
    glued: bool = False


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans, stack = [], []
    for m in _QUOTE_MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if stack and ch == _QUOTES[stack[-1][0]]:
            spans.append((stack.pop()[1], i))
        elif ch in _QUOTES:
            stack.append((ch, i))
    return spans


def markers(value: Value) -> list[Marker]:
    """Enumeration markers of a text, outside quotations (《…》, “…”)."""
    return [Marker(value, *found) for found in _markers(value.value)]


_CIRCLED_ANY = re.compile("[①-⑳]")


@functools.lru_cache(maxsize=1 << 14)
def _markers(text: str) -> tuple[tuple[int, str, int, str, bool], ...]:
    """(start, style, number, text, glued) of each marker; memoised, stage texts recur from list to list."""
    found = [(m, False) for m in _MARKER.finditer(text)]
    if "(" in text or "（" in text or _CIRCLED_ANY.search(text):
        found = sorted(found + [(m, True) for m in _GLUED.finditer(text)], key=lambda p: p[0].start())
    if not found:
        return ()
    quoted = _quoted_spans(text)
    result = []
    for m, glued in found:
        if any(a < m.start() < b for a, b in quoted):
            continue
        style = m.lastgroup
        number = _number(style, m.group(style))
        if number:
            result.append((m.start(), style, number, m.group(), glued))
    return tuple(result)


@functools.lru_cache(maxsize=1024)
def _number(style: str, raw: str) -> int | None:
    return _CIRCLED.index(raw) + 1 if style == "circled" else parse_numeral(raw)


class Problem(NamedTuple):
    kind: str  # skip | repeat | backwards | late | mixed
    marker: Marker
    message: str


def enumeration_problems(found: list[Marker]) -> Iterator[Problem]:
    """Problems of the numbered lists in one field, nested lists (1. … (1)(2) … 2.) allowed."""
    levels: list[list] = []  # [style, last number]
    mixed_reported = False
    for k, marker in enumerate(found):
        level = next((i for i, (style, _) in enumerate(levels) if style == marker.style), None)
        if marker.glued:
            # a glued marker opens or continues a list; it counts as a list's late start only when the
            # next marker of its style, set off properly, continues it ((2)…；(3)…)
            if level is not None and marker.number in (levels[level][1] + 1, 1):
                del levels[level + 1:]
                levels[level][1] = marker.number
            elif level is None and (marker.number == 1 or any(
                    m.style == marker.style and not m.glued and m.number == marker.number + 1 for m in found[k + 1:])):
                levels.append([marker.style, marker.number])
                if marker.number > 1:
                    yield _late(marker)
            continue
        if level is not None:
            del levels[level + 1:]
            last = levels[level][1]
            levels[level][1] = marker.number
            if marker.number in (last + 1, 1):
                continue
            shown = marker.text.strip()
            if marker.number == last:
                yield Problem("repeat", marker, f"编号「{shown}」重复：上一项也是 {last}；请改正编号")
            elif marker.number > last + 1:
                missing = last + 1 if marker.number == last + 2 else f"{last + 1}–{marker.number - 1}"
                yield Problem("skip", marker, f"编号跳号：{last} 之后是「{shown}」，缺少 {missing}；请补上缺漏的项或改正编号")
            else:
                yield Problem("backwards", marker, f"编号倒序：{last} 之后是「{shown}」；请改正编号")
            continue
        if marker.number == 1:
            levels.append([marker.style, 1])
            continue
        if levels and marker.number == levels[-1][1] + 1:
            if not mixed_reported:
                mixed_reported = True
                yield Problem("mixed", marker,
                              f"同一组编号混用了不同格式：前面用「{_STYLE_NAMES[levels[-1][0]]}」，此处「{marker.text.strip()}」"
                              f"接着编号；请统一为一种格式")
            levels[-1][1] = marker.number
            continue
        levels.append([marker.style, marker.number])
        yield _late(marker)


def _late(marker: Marker) -> Problem:
    lost = "1" if marker.number == 2 else f"1–{marker.number - 1}"
    return Problem("late", marker, f"编号从「{marker.text.strip()}」开始，缺少第 {lost} 项（内容可能被截断或漏写）；"
                                   "请按原始文件补全或改正编号")


def field_problems(item: Item) -> Iterator[tuple[str, list[Problem]]]:
    """Each checked field of an item with the problems of its numbered lists: the stage labels form one list,
    each stage text its own."""
    for name in ENUM_FIELDS:
        value = item.get(name)
        if value is not None:
            yield name, _problems([value])
    yield "stages", _problems([stage.label for stage in item.stages if stage.label is not None])
    for stage in item.stages:
        yield "stages", _problems([stage.text])


def _problems(values: list[Value]) -> list[Problem]:
    """`enumeration_problems` of the markers of `values` (one list), from what is remembered of their texts."""
    found = _texts_problems(tuple(value.value for value in values))
    return [Problem(kind, Marker(values[at], *_markers(values[at].value)[which]), message)
            for kind, at, which, message in found]


@functools.lru_cache(maxsize=1 << 14)
def _texts_problems(texts: tuple[str, ...]) -> tuple[tuple[str, int, int, str], ...]:
    """(kind, index of the text, index of the marker in it, message) of each problem of the numbered list the
    texts' markers form: they depend on the texts alone, and the same stages recur from list to list."""
    found, where = [], {}
    for at, text in enumerate(texts):
        for which, raw in enumerate(_markers(text)):
            marker = Marker(None, *raw)
            found.append(marker)
            where[id(marker)] = (at, which)
    return tuple((p.kind, *where[id(p.marker)], p.message) for p in enumeration_problems(found))


@per_list
def _list_problems(plist: PowerList) -> list[tuple[Item, str, Problem]]:
    """(item, field, problem) of every numbered list of `plist` (shared by NUM003–NUM005)."""
    found = []
    for item in plist.items:
        cut = bool(item.stages) and item.stages[0].label is None and item.stages[0].name is None
        for name, problems in field_problems(item):
            for problem in problems:
                if problem.kind == "late" and name == "stages" and cut:
                    continue  # a stage list cut off at its start: STG004 reports it
                found.append((item, name, problem))
    return found


class _EnumerationRule(Rule):
    category = "numbering"
    severity = "warning"
    kinds: tuple[str, ...]

    def check(self, plist: PowerList):
        for item, name, problem in _list_problems(plist):
            if problem.kind in self.kinds:
                yield self.finding(plist, f"{COLUMN_LABELS[name]}中{problem.message}", item=item,
                                   value=problem.marker.value, offset=problem.marker.offset, field=name)


@register
class EnumerationBroken(_EnumerationRule):
    code = "NUM003"
    name = "enumeration-broken"
    kinds = ("skip", "repeat", "backwards")
    summary = "字段内的编号跳号、重复或倒序"
    what = ("检查追责情形、监督方式、救济途径、备注，以及责任事项的环节标号和各环节正文中的编号列表（1. / 1、 / (1) / （一） / 一、 / ①）："
            "跳号（1 2 3 5）、重复、倒序。嵌套列表（1. …（1）（2）… 2.）各自编号；书名号和引号内的文字、"
            "“第五条”、日期、电话、小数不算编号。")
    why = "跳号多半是漏了一项（如漏了一种追责情形），重复和倒序让引用“第 N 项”时指向不明。"
    example = ("示例清单.yaml:43:41: NUM003 [警告] 监督方式中编号跳号：3 之后"
               "是「5.」，缺少 4；请补上缺漏的项或改正编号 (序号 2)")


@register
class EnumerationStartsLate(_EnumerationRule):
    code = "NUM004"
    name = "enumeration-starts-late"
    kinds = ("late",)
    summary = "字段内的编号不从 1 开始"
    what = ("检查字段内编号列表的第一项是否为 1（或（一）、①）。紧贴前一个字的括号编号（审核下列材料(1)申办人……）"
            "也算列表的开头。责任事项开头被截断的情况由 STG004 报告，此处不重复。")
    why = "从 2 或 3 开始的列表说明前面的项丢失了：单元格被截断，或复制时漏掉了开头。"
    example = ("示例清单.yaml:43:21: NUM004 [警告] 追责情形中编号从「3.」开始"
               "，缺少第 1–2 项（内容可能被截断或漏写）；请按原始文件补全或改正编号 (序号 2)")


@register
class EnumerationMixedStyles(_EnumerationRule):
    code = "NUM005"
    name = "enumeration-mixed-styles"
    kinds = ("mixed",)
    severity = "info"
    summary = "同一组编号混用不同格式"
    what = "检查同一层编号是否混用格式，如 1. 2. 之后接着写（三）或 (4)。从 1 开始的不同格式视为嵌套列表，不报告。"
    why = "格式混用使层级不清：读者分不清（三）是第三项还是下一层的第三小项。"
    example = ("示例清单.yaml:43:50: NUM005 [提示] 追责情形中同一组编号混用了不同格式"
               "：前面用「1.」，此处「(3)」接着编号；请统一为一种格式 (序号 2)")
