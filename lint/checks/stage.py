"""STG: responsibility stages (责任事项) checked against the power type's template (`rules/stages.yaml`).

A stage is recognised from its name as written (受理, 审核阶段, 受理审查 …); a stage without a name is
split further with `lint.analysis.stagetext.split_stages`, and a text with no stage labels at all is read
leniently by keywords (only to decide which stages are present). Items without a usable power type
are checked against a type inferred from their name and stages (`rules/type_inference.yaml`), at
severity info, and the message says the type is inferred.
"""

from __future__ import annotations

from ..analysis import vocab
from ..analysis.stages import Reading, TypeChoice, borrowed_template, ranks, readings, template, template_text
from ..model import Item, PowerList
from ..registry import Rule, register
from .schema import absent_column, missing_everywhere


class _StageRule(Rule):
    category = "stage"

    def check(self, plist: PowerList):
        for item, reading, choice in readings(plist):
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
    example = ("示例清单.yaml:32:5: STG001 [错误] 责任事项为空：应按 行政处罚 的环"
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
    example = ("示例清单.yaml:32:5: STG002 [警告] 缺少必需的责任环节：送达、执行"
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
    example = ("示例清单.yaml:37:26: STG003 [警告] 「告知」环节写在「决定」之后"
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
    example = ("示例清单.yaml:33:16: STG004 [警告] 责任事项从句子中间开始（「的"
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
    example = ("示例清单.yaml:32:5: STG005 [提示] 缺少兜底环节：请在最后补写“其他法律"
               "法规规章规定应履行的责任” (序号 2)")

    def check_item(self, plist, item, reading, choice):
        entry = template(choice.name) if choice else None
        wanted = entry.get("catch_all") if entry else True
        if not wanted or reading.cut_end or any(p.catch_all for p in reading.parts):
            return
        yield self.finding(plist, "缺少兜底环节：请在最后补写“其他法律法规规章规定应履行的责任”", item=item,
                           field="stages", evidence=item.name[:40])


@register
class StagesFromAnotherType(_StageRule):
    code = "STG006"
    name = "stages-from-another-type"
    severity = "warning"
    summary = "责任事项套用了另一类权力的环节模板"
    what = ("责任事项（环节名称和内容）含另一类型模板特有的用语（rules/stages.yaml 的 signatures，如行政许可的「许可」「准予」，"
            "行政处罚的「立案」「调查取证」），达到 signature_min_words 个，却不含本类型的任何特有用语时报告，并说出环节像哪一类。"
            "清单没有权力类型时按推断的类型核对，结论降为提示。")
    why = "责任事项照抄了别类权力的模板，写的是另一种程序的责任（加收滞纳金的事项写着公示许可条件），本事项真正的程序责任没有写。"
    example = ("示例清单.yaml:23:5: STG006 [警告] 责任事项像是行政许可的环节模板：含「许可」「准予」「申请人所需提交的材料」，"
               "却没有行政处罚的程序用语：多半是从别的事项抄来的，本事项自己的程序责任没有写；请按行政处罚的环节"
               "（立案→调查→审查→告知→决定→送达→执行→事后监管→其他）重写责任事项 (序号 2)")

    def check_item(self, plist, item, reading, choice):
        if choice is None:
            return
        borrowed = borrowed_template(item, choice.name)
        if borrowed is None:
            return
        other, words = borrowed
        shown = "「" + "」「".join(words) + "」"
        yield self.finding(
            plist, f"责任事项像是{other}的环节模板：含{shown}，却没有{choice.name}的程序用语{choice.note}："
                   f"多半是从别的事项抄来的，本事项自己的程序责任没有写；请按{choice.name}的环节"
                   f"（{template_text(choice.name) or '本事项的法定程序'}）重写责任事项",
            item=item, field="stages", severity=self.severity_for(choice), evidence=other)
