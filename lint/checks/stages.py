"""STG: responsibility stages (责任事项) checked against the power type's template (`rules/stages.yaml`).

A stage is recognised from its name as written (受理, 审核阶段, 受理审查 …); a stage without a name is
split further with `lint.stagetext.split_stages`, and a text with no stage labels at all is read
leniently by keywords (only to decide which stages are present). Items without a usable power type
are checked against a type inferred from their name and stages (`rules/type_inference.yaml`), at
severity info, and the message says the type is inferred.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .. import data, garbling, vocab
from ..model import Item, PowerList, Stage
from ..memo import per_list
from ..registry import Rule, register
from ..stagetext import split_stages
from .schema import absent_column, missing_everywhere

_TERMINAL = "。！？!?；;」”』）)…．."
_FRAGMENT_START = "，,。；;、：:）)」”』的"
_DANGLING_END = "，,、：:的和及或与"
_LEADING_NUMBER = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）.．、]?\s*)")


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    table = data.load("stages.yaml")
    words: dict[str, list[str]] = {}
    for canon, synonyms in table["stages"].items():
        for word in synonyms:
            words.setdefault(word, []).append(canon)
    return {
        "words": [(word, re.compile(re.escape(word)), canons)
                  for word, canons in sorted(words.items(), key=lambda kv: -len(kv[0]))],
        "keywords": table.get("keywords") or {},
        "catch_name": re.compile(table["catch_all_name"]),
        "catch_text": re.compile(table["catch_all_text"]),
        "templates": table["templates"],
    }


def canonical_stages(name: str) -> list[str]:
    """Standard stage names a written stage name stands for, in the order they appear in it."""
    return list(_canonical(name))


@functools.lru_cache(maxsize=4096)
def _canonical(name: str) -> tuple[str, ...]:
    hits: list[tuple[int, str]] = []
    taken = [False] * len(name)
    for word, pattern, canons in _table()["words"]:
        if word not in name:
            continue
        for m in pattern.finditer(name):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * len(word)
            hits.extend((m.start(), canon) for canon in canons)
    return tuple(dict.fromkeys(canon for _, canon in sorted(hits, key=lambda h: h[0])))


def template(type_name: str) -> dict | None:
    templates = _table()["templates"]
    entry = templates.get(type_name)
    if entry and entry.get("same_as"):
        entry = templates.get(entry["same_as"])
    return entry


def ranks(entry: dict) -> dict[str, int]:
    """Stage → its rank in the template's order (stages listed together share a rank)."""
    return {stage: rank for rank, step in enumerate(entry.get("order") or ())
            for stage in (step if isinstance(step, list) else [step])}


def template_text(type_name: str) -> str:
    entry = template(type_name) or {}
    order = ["/".join(step) if isinstance(step, list) else step for step in entry.get("order") or ()]
    if entry.get("catch_all"):
        order.append("其他")
    return "→".join(order)


@dataclass
class Part:
    """One recognised stage: the model stage it comes from and the standard stages it counts for."""

    stage: Stage
    canon: list[str]
    catch_all: bool
    named: bool  # recognised from a name (counts for order), not from keywords


@dataclass
class Reading:
    """An item's stages as read: the recognised parts and whether the list was cut off."""

    parts: list[Part] = field(default_factory=list)
    cut_start: bool = False
    cut_end: bool = False


def _is_catch_all(name: str, text: str) -> bool:
    table = _table()
    if name:
        return bool(table["catch_name"].search(name))
    return bool(table["catch_text"].search(_LEADING_NUMBER.sub("", text, count=1)))


def _last_sentence(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[。；;])", text.strip()) if s.strip()]
    return sentences[-1] if sentences else ""


def _keywords(text: str) -> list[str]:
    return [canon for canon, words in _table()["keywords"].items() if any(w in text for w in words)]


def _pieces(stage: Stage) -> list[tuple[str, str]]:
    """(name, text) of a stage; an unnamed stage is split further when its text holds several stages."""
    if stage.name and stage.name.value.strip():
        return [(stage.name.value.strip(), stage.text.value)]
    return [(piece.name or "", piece.text) for piece in split_stages(stage.text.value)] or [("", stage.text.value)]


def read_stages(item: Item) -> Reading:
    reading = Reading()
    for stage in item.stages:
        for name, text in _pieces(stage):
            catch = _is_catch_all(name, text)
            canon = [] if catch else canonical_stages(name)
            named = bool(canon)
            if not canon and not catch:
                canon = _keywords(text)
                catch = not name and _is_catch_all("", _last_sentence(text))
            reading.parts.append(Part(stage, canon, catch, named))
    texts = [s for s in item.stages if s.text.value.strip()]
    if texts:
        reading.cut_start = _starts_mid_sentence(item.stages)
        reading.cut_end = not reading.parts[-1].catch_all and _ends_mid_sentence(texts)
    return reading


def _ends_mid_sentence(stages: list[Stage]) -> bool:
    """The last text ends on a dangling word, unpunctuated where the item's other stages are
    punctuated, or in a way the text-shape detector of OCR007 calls cut (shared, not repeated)."""
    ends = [s.text.value.rstrip()[-1] for s in stages]
    if ends[-1] in _DANGLING_END:
        return True
    others = ends[:-1]
    if ends[-1] not in _TERMINAL and bool(others) and all(e in _TERMINAL for e in others):
        return True
    text = stages[-1].text.value
    sentences = sum(s.text.value.count(c) for s in stages for c in "。；;")
    return any(hit.offset > 0 for hit in garbling.truncated(text, sentences))


def _starts_mid_sentence(stages: list[Stage]) -> bool:
    first = stages[0]
    if first.label is not None or first.name is not None:
        return False
    text = first.text.value.lstrip()
    if text and text[0] in _FRAGMENT_START:
        return True
    numbers = [_label_number(s.label.value) for s in stages[1:] if s.label is not None]
    numbers = [n for n in numbers if n is not None]
    if numbers and numbers[0] >= 2:
        return True  # the unlabelled first stage is the tail of a lost stage 1
    return any(hit.offset == 0 for hit in garbling.truncated(text))


def _label_number(label: str) -> int | None:
    m = re.search(r"\d+", label)
    return int(m.group()) if m else None


@dataclass
class TypeChoice:
    name: str  # standard type name the template comes from
    how: str  # declared | garbled | inferred
    note: str = ""


def _garbled_type(written: str) -> str | None:
    """The one standard type whose name contains every character of a type that lost or swapped some."""
    if len(written) < 2:
        return None
    names = {entry["name"] for entry in vocab.power_types().values()}
    hits = [n for n in names if all(n.count(c) >= written.count(c) for c in set(written))
            and set(written) - set("行政")]
    return hits[0] if len(hits) == 1 else None


@functools.lru_cache(maxsize=1)
def _inference() -> dict:
    return data.load("type_inference.yaml")


def infer_type(item: Item, parts: list[Part]) -> tuple[str, str] | None:
    """(type, reason) inferred from the item's name, else from its stages."""
    best = None
    for type_name, words in _inference()["name"].items():
        for word in words:
            at = item.name.rfind(word)
            if at >= 0 and (best is None or at + len(word) > best[0]):
                best = (at + len(word), type_name, f"事项名称含「{word}」")
    if best:
        return best[1], best[2]
    present = {c for p in parts if p.named for c in p.canon}
    for rule in _inference().get("stages") or ():
        if set(rule["all"]) <= present:
            return rule["type"], f"责任环节含 {'、'.join(rule['all'])}"
    return None


def choose_type(item: Item, parts: list[Part]) -> TypeChoice | None:
    written = item.power_type
    if written:
        standard = vocab.canonical_type(written)
        if standard:
            return TypeChoice(standard, "declared")
        guess = _garbled_type(written)
        if guess:
            return TypeChoice(guess, "garbled", f"（权力类型写作「{written}」，按「{guess}」核对）")
        return None
    inferred = infer_type(item, parts)
    if inferred:
        return TypeChoice(inferred[0], "inferred", f"（清单未写权力类型，{inferred[1]}，推断为{inferred[0]}）")
    return None


@per_list
def _readings(plist: PowerList) -> list[tuple[Item, Reading, TypeChoice | None]]:
    """Each item with stage text, its reading and its type (shared by the STG rules)."""
    readings = [(item, read_stages(item)) for item in plist.items if any(s.text.value.strip() for s in item.stages)]
    return [(item, reading, choose_type(item, reading.parts)) for item, reading in readings]


class _StageRule(Rule):
    category = "stage"

    def check(self, plist: PowerList):
        for item, reading, choice in _readings(plist):
            yield from self.check_item(plist, item, reading, choice)

    def check_item(self, plist, item: Item, reading: Reading, choice: TypeChoice | None):
        return ()

    def severity_for(self, choice: TypeChoice | None) -> str:
        return "info" if choice is not None and choice.how == "inferred" else self.severity


def _lost(reading: Reading, entry: dict) -> tuple[list[str], list[str]]:
    """Template stages lost before the first and after the last recognised stage of a cut-off list."""
    rank = ranks(entry)
    seen = [rank[c] for p in reading.parts if p.named for c in p.canon if c in rank]
    if not seen:
        return [], []
    head = [c for c, r in rank.items() if r < min(seen)] if reading.cut_start else []
    tail = [c for c, r in rank.items() if r > max(seen)] if reading.cut_end else []
    return head, tail


def _required_missing(reading: Reading, entry: dict) -> list[str]:
    present = {c for p in reading.parts for c in p.canon}
    head, tail = _lost(reading, entry)
    missing = []
    for need in entry.get("required") or ():
        options = need if isinstance(need, list) else [need]
        if not present & set(options) and not set(options) & set(head + tail):
            missing.append("或".join(options))
    return missing


@register
class NoStages(Rule):
    code = "STG001"
    name = "no-stages"
    category = "stage"
    severity = "error"
    summary = "责任事项为空"
    what = ("每个事项都应写明责任事项（各环节的责任）。原表没有“责任事项”列时只在清单一级报告一次，"
            "且只对应有这一列的清单种类（权责清单等，见 rules/list_kinds.yaml）；行政执法事项清单、权力清单等不报告。")
    why = "责任事项是权责清单中“责”的部分：没有它，权力行使的各环节无人负责，追责也无从谈起。"
    example = ("示例清单.yaml:32:5: STG001 [error] 责任事项为空：应按 行政处罚 的环"
               "节（立案→调查→审查→告知→决定→送达→执行→事后监管→其他）写明各环节责任；请按原始文件补填 "
               "(序号 2)")

    def check(self, plist: PowerList):
        why = "没有它，权力行使的各环节无人负责，追责也无从谈起"
        absent = absent_column(self, plist, "stages", "责任事项", why)
        if absent is not None:
            yield from absent
            return
        if plist.items and not any(s.text.value.strip() for item in plist.items for s in item.stages):
            yield from missing_everywhere(self, plist, "stages", "责任事项", why,
                                          "清单的 {count} 个事项都没有{label}（请核对原表是否有“责任事项”列、导入时是否漏列）")
            return
        for item in plist.items:
            if any(s.text.value.strip() for s in item.stages):
                continue
            standard = vocab.canonical_type(item.power_type) if item.power_type else None
            how = f"应按 {standard} 的环节（{template_text(standard)}）写明各环节责任" if standard and template(standard) \
                else "应写明受理（立案）、审查、决定、送达等各环节的责任"
            yield self.finding(plist, f"责任事项为空：{how}；请按原始文件补填", item=item, field="stages",
                               evidence=item.name[:40])


@register
class RequiredStageMissing(_StageRule):
    code = "STG002"
    name = "required-stage-missing"
    severity = "warning"
    summary = "缺少该权力类型必需的责任环节"
    what = ("按权力类型的环节模板（rules/stages.yaml）核对责任事项，报告缺少的必需环节。环节按名称识别，"
            "同义写法（审核≈审查、核定≈决定）和合并环节（受理审查）都算数。清单没有权力类型时按事项名称推断类型，"
            "结论降为提示。")
    why = "必需环节对应法定程序（如行政处罚法规定的立案、调查、告知、决定、送达、执行）；缺了一个环节，该环节的责任就无人承担。"
    example = ("示例清单.yaml:32:5: STG002 [warning] 缺少必需的责任环节：送达、执行"
               "（行政处罚应有 立案→调查→审查→告知→决定→送达→执行→事后监管→其他）；请补写这些环节的责任"
               "内容 (序号 2)")

    def check_item(self, plist, item, reading, choice):
        entry = template(choice.name) if choice else None
        if not entry:
            return
        missing = _required_missing(reading, entry)
        if missing:
            yield self.finding(
                plist,
                f"缺少必需的责任环节：{'、'.join(missing)}（{choice.name}应有 {template_text(choice.name)}）"
                f"{choice.note}；请补写这些环节的责任内容",
                item=item, field="stages", severity=self.severity_for(choice), evidence="、".join(missing))


@register
class StagesOutOfOrder(_StageRule):
    code = "STG003"
    name = "stages-out-of-order"
    severity = "warning"
    summary = "责任环节顺序与法定程序不符"
    what = "按权力类型的环节模板核对已写出的环节的先后顺序；兜底环节（其他……应履行的责任）应在最后。"
    why = "环节顺序就是办理程序：先决定后告知、先执行后决定，意味着程序违法或清单写错，公众据此监督时会被误导。"
    example = ("示例清单.yaml:37:26: STG003 [warning] 「告知」环节写在「决定」之后"
               "：行政处罚的顺序应为 立案→调查→审查→告知→决定→送达→执行→事后监管→其他；请调整环节顺序 "
               "(序号 2)")

    def check_item(self, plist, item, reading, choice):
        entry = template(choice.name) if choice else None
        if not entry:
            return
        rank = ranks(entry)
        furthest: tuple[int, str] | None = None
        catch_seen = False
        for part in reading.parts:
            if part.catch_all:
                catch_seen = True
                continue
            where = part.stage.label or part.stage.text
            if catch_seen and part.named:
                yield self.finding(plist, f"兜底环节（其他……应履行的责任）之后还有「{part.canon[0]}」环节：兜底环节应放在最后；"
                                          "请调整环节顺序", item=item, value=where, field="stages",
                                   severity=self.severity_for(choice))
                return
            steps = sorted((rank[c], c) for c in part.canon if c in rank) if part.named else []
            if not steps:
                continue
            if furthest is not None and steps[0][0] < furthest[0]:
                yield self.finding(
                    plist, f"「{steps[0][1]}」环节写在「{furthest[1]}」之后：{choice.name}的顺序应为 "
                           f"{template_text(choice.name)}{choice.note}；请调整环节顺序",
                    item=item, value=where, field="stages", severity=self.severity_for(choice))
                return
            if furthest is None or steps[-1][0] > furthest[0]:
                furthest = steps[-1]


@register
class StagesCutOff(_StageRule):
    code = "STG004"
    name = "stages-cut-off"
    severity = "warning"
    summary = "责任事项从句子中间开始或在句子中间结束（单元格被截断）"
    what = ("检查责任事项的开头和结尾：第一段没有标号而下一段的标号从 2 或更大开始，或以标点、“的”开头；"
            "最后一段以逗号、顿号、“的”“和”等结尾，或在其他环节都有句末标点时唯独它没有（兜底环节除外）。"
            "这些都说明原表单元格被截断。")
    why = "被截断的责任事项丢失了整段环节的责任内容，公布出去的清单是残缺的。"
    example = ("示例清单.yaml:33:16: STG004 [warning] 责任事项从句子中间开始（「的"
               "材料，依法受理或不予受……」）：前面的「受理」环节已丢失或残缺；请按原始文件补全 (序号 2)")

    def check_item(self, plist, item, reading, choice):
        entry = (template(choice.name) if choice else None) or {}
        head, tail = _lost(reading, entry)
        stages = [s for s in item.stages if s.text.value.strip()]
        severity = self.severity
        if reading.cut_start:
            first = stages[0].text
            lost = f"前面的「{'、'.join(head)}」环节已丢失或残缺" if head else "前面的内容已丢失"
            yield self.finding(plist, f"责任事项从句子中间开始（「{first.value.strip()[:12]}……」）：{lost}；请按原始文件补全",
                               item=item, value=first, field="stages", severity=severity,
                               evidence=first.value.strip()[:20])
        if reading.cut_end:
            last = stages[-1].text
            text = last.value.rstrip()
            lost = f"其后的「{'、'.join(tail)}」环节已丢失" if tail else "其后的内容已丢失"
            yield self.finding(plist, f"责任事项在句子中间结束（「……{text[-12:]}」）：{lost}；请按原始文件补全",
                               item=item, value=last, field="stages", offset=len(text) - 1, severity=severity,
                               evidence=text[-20:])


@register
class CatchAllMissing(_StageRule):
    code = "STG005"
    name = "catch-all-missing"
    severity = "info"
    summary = "缺少兜底环节（其他法律法规规章规定应履行的责任）"
    what = "除被截断的责任事项外，检查最后是否有兜底环节“其他法律法规规章规定应履行的责任”。"
    why = "兜底环节把清单未列举的法定责任纳入追责范围，编制规范普遍要求写明；缺了它，清单外的法定责任容易被推诿。"
    example = ("示例清单.yaml:32:5: STG005 [info] 缺少兜底环节：请在最后补写“其他法律"
               "法规规章规定应履行的责任” (序号 2)")

    def check_item(self, plist, item, reading, choice):
        entry = template(choice.name) if choice else None
        wanted = entry.get("catch_all") if entry else True
        if not wanted or reading.cut_end or any(p.catch_all for p in reading.parts):
            return
        yield self.finding(plist, "缺少兜底环节：请在最后补写“其他法律法规规章规定应履行的责任”", item=item,
                           field="stages", evidence=item.name[:40])
