"""COD: power codes (地方权力编码) against the layout the list's own codes follow.

No province's layout is hard-coded: the usual length, the shared leading part and the position of the
two-digit power-type segment are learned from the list's codes (DOMAIN.md section 4). Where the shared
leading part is a unified social credit code, its check character is verified as python-stdnum does
(lint/analysis/uscc.py).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from ..analysis import uscc, vocab
from ..findings import Edit, Fix
from ..memo import per_list
from ..model import Item, PowerList, Value
from ..registry import Rule, register
from .garbled import span

MIN_CODES = 3  # fewer codes teach no layout
_USCC_FORMAT = re.compile(r"^[1-9A-HJ-NPQRTUWY][1-9A-HJ-NPQRTUWXY]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


class Coded(NamedTuple):
    item: Item
    value: Value
    code: str  # as written, without whitespace (「001110 09000」 is checked as 00111009000)
    lead: int  # offset of the code inside the value
    written: str  # as written, surrounding whitespace removed

    def offset(self, index: int) -> int:
        """The offset inside the value of the code's character `index`."""
        kept = [i for i, ch in enumerate(self.written) if not ch.isspace()]
        return self.lead + (kept[index] if index < len(kept) else len(self.written))


class Layout(NamedTuple):
    length: int
    prefix: str  # leading part shared by the codes of the usual length
    credit: str | None  # the prefix's first 18 characters when they form a credit code
    type_at: int | None  # 0-based position of the two-digit type segment


def coded(plist: PowerList) -> list[Coded]:
    result = []
    for item in plist.items:
        value = item.get("power_code")
        if value is not None and value.value.strip():
            raw = value.value
            written = raw.strip()
            result.append(Coded(item, value, re.sub(r"\s+", "", written), len(raw) - len(raw.lstrip()), written))
    return result


def _type_code(item: Item) -> str | None:
    standard = vocab.canonical_type(item.power_type) if item.power_type else None
    return vocab.power_types()[standard].get("code") if standard else None


def learn(codes: list[Coded]) -> Layout | None:
    """The layout most of the codes follow, or None when there are too few codes to tell."""
    if len(codes) < MIN_CODES:
        return None
    length, count = Counter(len(c.code) for c in codes).most_common(1)[0]
    if count < MIN_CODES or count < 0.6 * len(codes):
        return None
    usual = [c for c in codes if len(c.code) == length]
    type_at = _type_position(usual, length)
    # The shared leading part stops before the type segment; one stray code is tolerated in 5 or more.
    tolerance = 1 if len(usual) >= 5 else 0
    prefix = ""
    for column in zip(*(c.code[:type_at] for c in usual)):
        char, hits = Counter(column).most_common(1)[0]
        if hits < len(usual) - tolerance:
            break
        prefix += char
    credit = prefix[:18] if len(prefix) >= 18 and _USCC_FORMAT.match(prefix[:18]) else None
    return Layout(length, prefix, credit, type_at)


def _type_position(codes: list[Coded], length: int) -> int | None:
    """Where the two-digit type code of each item's power type sits, if one position fits nearly all."""
    typed = [(c.code, t) for c in codes if (t := _type_code(c.item))]
    if len(typed) < MIN_CODES:
        return None
    best = None
    for at in range(length - 1):
        agree = [t for code, t in typed if code[at:at + 2] == t]
        if len(agree) >= MIN_CODES and len(set(agree)) >= 2 and len(agree) >= len(typed) - max(1, len(typed) // 5):
            if best is None or len(agree) > best[1]:
                best = (at, len(agree))
    return best[0] if best else None


@per_list
def _learned(plist: PowerList) -> tuple[list[Coded], Layout | None]:
    """The list's codes and their layout, learnt once for the three COD rules."""
    codes = coded(plist)
    return codes, learn(codes)


class _CodeRule(Rule):
    category = "code"
    severity = "error"

    def check(self, plist: PowerList):
        codes, layout = _learned(plist)
        if layout is not None:
            yield from self.check_codes(plist, codes, layout)

    def check_codes(self, plist, codes: list[Coded], layout: Layout):
        return ()

    def at(self, plist, c: Coded, message: str, offset: int = 0, severity: str | None = None, fix: Fix | None = None):
        return self.finding(plist, message, item=c.item, value=c.value, field="power_code",
                            offset=c.offset(offset), severity=severity, evidence=c.code, fix=fix)


@register
class CodeLayout(_CodeRule):
    code = "COD001"
    name = "code-layout"
    summary = "权力编码的长度或结构与本清单其他编码不一致"
    what = ("从本清单自己的编码学出通行的长度、共有的开头和各位的字符类别（数字/字母），报告长度不同、"
            "开头不同（统一社会信用代码部分由 COD002 报告）、含空格或在全为数字的位置出现其他字符的编码。"
            "含空格的编码去掉空格后照常核对（长度、开头、信用代码、类型段、重复）。")
    fix_doc = "安全修复删去编码中的空格。"
    why = "编码是事项在政务服务系统中的唯一标识；少位、多位或错位的编码无法与省级目录对应，事项会被漏统或错挂。"
    example = ("示例清单.yaml:29:18: COD001 [错误] 权力编码「11620500MB1"
               "673620736001000」为 26 位，本清单其他编码均为 31 位，且从第 13 位起与"
               "其他编码共有的开头「11620500MB16170967362」不同（可能丢失了字符）；请按编码"
               "规则改正 (序号 5)")

    def check(self, plist: PowerList):
        codes, _ = _learned(plist)
        yield from (self._spaces(plist, c) for c in codes if c.code != c.written)  # whatever the layout
        yield from super().check(plist)

    def check_codes(self, plist, codes, layout):
        usual = [c.code for c in codes if len(c.code) == layout.length]
        digits = [sum(code[i].isdigit() for code in usual) for i in range(layout.length)]
        for c in codes:
            if len(c.code) != layout.length:
                yield self.at(plist, c, self._length_message(c.code, layout))
                continue
            skip = 18 if layout.credit else 0
            differs = next((i for i in range(skip, len(layout.prefix)) if c.code[i] != layout.prefix[i]), None)
            if differs is not None:
                yield self.at(plist, c, f"权力编码「{c.code}」第 {differs + 1} 位为「{c.code[differs]}」，本清单其他编码的开头均为"
                                        f"「{layout.prefix}」：请核对编码", offset=differs)
                continue
            odd = next((i for i, ch in enumerate(c.code) if i >= skip
                        and not ch.isdigit() and digits[i] == len(usual) - 1 >= MIN_CODES), None)
            if odd is not None:
                yield self.at(plist, c, f"权力编码「{c.code}」第 {odd + 1} 位「{c.code[odd]}」不是数字，本清单其他编码此处均为数字："
                                        "请核对（常见为字母 O/I 误作 0/1）", offset=odd)

    def _spaces(self, plist, c: Coded):
        """The spaces inside a code, with a safe fix deleting them (the code is then checked without them)."""
        runs = [(m.start(), m.end()) for m in re.finditer(r"\s+", c.written)]
        edits = [span(plist, c.value, c.lead + start, end - start) for start, end in runs]
        fix = Fix(f"删除空格，改为 {c.code}", tuple(Edit(*e, "") for e in edits), safe=True) if all(edits) else None
        return self.finding(plist, f"权力编码「{c.written}」中有空格：编码中的空格会让系统无法识别和检索该事项；"
                                   f"请删除空格（改为 {c.code}）",
                            item=c.item, value=c.value, field="power_code", offset=c.lead + runs[0][0],
                            evidence=c.code, fix=fix)

    @staticmethod
    def _length_message(code: str, layout: Layout) -> str:
        message = f"权力编码「{code}」为 {len(code)} 位，本清单其他编码均为 {layout.length} 位"
        if layout.prefix and not code.startswith(layout.prefix):
            shared = len(next((p for p in (layout.prefix[:n] for n in range(len(layout.prefix), 0, -1))
                               if code.startswith(p)), ""))
            message += (f"，且从第 {shared + 1} 位起与其他编码共有的开头「{layout.prefix}」不同"
                        f"（{'可能丢失了字符' if len(code) < layout.length else '可能多了字符'}）")
        return message + "；请按编码规则改正"


@register
class CreditCode(_CodeRule):
    code = "COD002"
    name = "credit-code"
    summary = "编码中的统一社会信用代码校验位错误或各事项不一致"
    what = ("当编码以统一社会信用代码开头（本清单编码共有的前 18 位符合 GB 32100-2015 的格式）时，"
            "按 GB 32100-2015 核对校验位（用 python-stdnum），并检查每个编码的前 18 位是否都是同一个代码。")
    why = "权力编码以实施部门的统一社会信用代码开头；校验位错误说明代码抄错，各事项不一致说明部分事项挂错了部门。"
    example = ("示例清单.yaml:13:35: COD002 [错误] 权力编码开头的统一社会信用代码「"
               "11620500MB16170968」校验位错误（按 GB 32100-2015 应为「7」），"
               "本清单 8 个编码都使用它：请核对本部门的统一社会信用代码 (序号 1)")

    def check_codes(self, plist, codes, layout):
        if not layout.credit:
            return
        usual = [c for c in codes if len(c.code) == layout.length]
        if not uscc.is_valid(layout.credit):
            expected = uscc.calc_check_digit(layout.credit[:17])
            yield self.at(plist, usual[0], f"权力编码开头的统一社会信用代码「{layout.credit}」校验位错误"
                                           f"（按 GB 32100-2015 应为「{expected}」），本清单 {len(usual)} 个编码都使用它："
                                           "请核对本部门的统一社会信用代码", offset=17)
        for c in usual:
            head = c.code[:18]
            if head != layout.credit:
                state = "校验位也不对" if not uscc.is_valid(head) else "校验位正确，可能是另一部门的代码"
                yield self.at(plist, c, f"权力编码开头的统一社会信用代码「{head}」与本清单其他事项的「{layout.credit}」不同"
                                        f"（{state}）：同一部门的事项应使用同一代码；请核对",
                              offset=next(i for i in range(18) if head[i] != layout.credit[i]))


@register
class TypeSegment(_CodeRule):
    code = "COD003"
    name = "type-segment"
    summary = "编码中的权力类型段与事项的权力类型不符"
    what = ("当本清单编码在同一位置带有两位权力类型码（01 行政许可……10 其他行政权力，见 rules/power_types.yaml），"
            "且几乎所有事项都对得上时，报告类型码与权力类型不符的事项。")
    why = "类型段决定事项在目录中的归类；类型段与权力类型矛盾，说明二者之一写错，统计和监管都会归错类。"
    example = ("示例清单.yaml:17:39: COD003 [错误] 权力编码第 22–23 位为「0"
               "2」（行政处罚），与权力类型「行政强制」（03）不符：请核对编码或权力类型 (序号 2)")

    def check_codes(self, plist, codes, layout):
        at = layout.type_at
        if at is None:
            return
        names = {e["code"]: e["name"] for e in vocab.power_types().values() if e.get("code")}
        for c in codes:
            wanted = _type_code(c.item)
            if len(c.code) != layout.length or wanted is None or c.code[at:at + 2] == wanted:
                continue
            segment = c.code[at:at + 2]
            shown = f"「{segment}」（{names[segment]}）" if segment in names else f"「{segment}」"
            yield self.at(plist, c, f"权力编码第 {at + 1}–{at + 2} 位为{shown}，与权力类型「{c.item.power_type}」（{wanted}）不符："
                                    "请核对编码或权力类型", offset=at)


@register
class DuplicateCode(Rule):
    code = "COD004"
    name = "duplicate-code"
    category = "code"
    severity = "error"
    summary = "两个事项的权力编码相同"
    what = "检查权力编码（连同子项编码）是否有两个事项完全相同，即同一类型下的顺序号重复。"
    why = "编码是事项的唯一标识；重复的编码使两个事项在系统中合而为一，其中一个无法办理和统计。"
    example = ("示例清单.yaml:45:18: COD004 [错误] 权力编码「11620500MB1"
               "61709673621036003000」与第 38 行的事项（序号 8）相同：同一类型下的顺序"
               "号重复；请重新编号 (序号 9)")

    def check(self, plist: PowerList):
        seen: dict[tuple[str, str], Coded] = {}
        for c in coded(plist):
            key = (c.code, c.item.text("sub_item_code").strip())
            first = seen.setdefault(key, c)
            if first is not c:
                yield self.finding(plist, f"权力编码「{c.code}」与第 {first.item.line} 行的事项（序号 {first.item.label}）相同："
                                          "同一类型下的顺序号重复；请重新编号",
                                   item=c.item, value=c.value, field="power_code", offset=c.offset(0), evidence=c.code)


@register
class SubItemCode(Rule):
    code = "COD005"
    name = "sub-item-code"
    category = "code"
    severity = "warning"
    summary = "子项编码与子项名称不对应"
    what = "有子项编码却没有子项名称，或（本清单为子项编码时）有子项名称却没有子项编码。"
    why = "子项编码标识同一权力下的不同情形；有码无名的子项无法识别，有名无码的子项在系统中无法单独办理。"
    example = ("示例清单.yaml:18:21: COD005 [警告] 有子项编码「A02001」却"
               "没有子项名称：请补填子项名称或删除子项编码 (序号 2)")

    def check(self, plist: PowerList):
        uses_codes = any(item.text("sub_item_code").strip() for item in plist.items)
        for item in plist.items:
            code, sub = item.text("sub_item_code").strip(), item.text("sub_item").strip()
            if code and not sub:
                yield self.finding(plist, f"有子项编码「{code}」却没有子项名称：请补填子项名称或删除子项编码",
                                   item=item, value=item.get("sub_item_code"), field="sub_item_code", evidence=code)
            elif sub and not code and uses_codes:
                yield self.finding(plist, f"子项「{sub[:30]}」没有子项编码（本清单其他子项有编码）：请补填子项编码",
                                   item=item, value=item.get("sub_item"), field="sub_item", evidence=sub[:40])
