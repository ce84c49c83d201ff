"""CAT: conformance to the province's standard catalogue (`check --catalogue FILE` or `catalogue:` in the
configuration): items missing, items not in the catalogue, drifted names, different power types and codes.

The matching is lint/analysis/catalogue.py's, shared with the annual report. A catalogue governs the lists of its
kind of department and level (when it says them); without a catalogue these rules say nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.listview import finding, view
from ..registry import Rule, register

if TYPE_CHECKING:
    from ..analysis import catalogue as cat
    from ..analysis.crosslist import Entry, ListView

WHY_MISSING = "目录中的事项各地应逐项认领；漏掉的事项无人行使、无人担责"


def _entry(entry: Entry) -> str:
    number = f"目录序号 {entry.label}，" if entry.label else ""
    sub = f"（{entry.sub_item}）" if entry.sub_item else ""
    return f"“{entry.name}{sub}”（{number}{entry.power_type.strip() or '未写类型'}）"


class _CatalogueRule(Rule):
    category = "catalogue"
    corpus = True
    digest = view

    @classmethod
    def active(cls, config, lists: int) -> bool:
        return config.catalogue is not None

    def check_corpus(self, views: list[ListView]):
        from ..analysis import catalogue as cat  # here: a run without a catalogue never needs it

        catalogue = cat.load(str(self.ctx.config.catalogue))
        for lv in views:
            if cat.applies(catalogue, lv):
                yield from self.check_list(catalogue, lv, cat.conformance(catalogue, lv))

    def check_list(self, catalogue: ListView, lv: ListView, found: cat.Conformance):
        return ()


@register
class CatalogueItemMissing(_CatalogueRule):
    code = "CAT001"
    name = "catalogue-item-missing"
    severity = "warning"
    summary = "标准目录中的事项本清单没有"
    what = ("标准目录（--catalogue）中的事项在本清单中找不到对应事项时报告（名称忽略空格、标点、“对…的处罚”措辞、"
            "括号内说明和子项写法；相近名称按 CAT003 对应）。位置是按目录顺序它应在的地方（前一个已对应事项）。"
            "只有一种权力类型的清单（如行政处罚清单）只要求目录中该类型的事项。")
    why = WHY_MISSING + "；确属本地不行使的，应在审查时说明理由。"
    example = ("qinan.yaml:24:5: CAT001 [警告] 标准目录中的事项“医疗救助金给付”（目录序号 3，行政给付）本清单没有："
               "目录中的事项各地应逐项认领；漏掉的事项无人行使、无人担责；请按目录在序号 2 之后补上，确属本地不行使的"
               "，请在审查时说明理由")

    def check_list(self, catalogue, lv, found):
        placed = {id(m.entry): m.item for m in found.matched}
        missing = {id(e) for e in found.missing}
        after = None
        for entry in catalogue.items:
            if id(entry) in placed:
                after = placed[id(entry)]
            elif id(entry) in missing:
                where = f"在序号 {after.label} 之后补上" if after is not None and after.label else "补上"
                anchor = after or (lv.items[0] if lv.items else None)
                yield finding(  # the list's finding, placed where the missing item belongs
                    self, lv, f"标准目录中的事项{_entry(entry)}本清单没有：{WHY_MISSING}；请按目录{where}，"
                              f"确属本地不行使的，请在审查时说明理由",
                    at=(anchor.line, anchor.column) if anchor else None, evidence=entry.name)


@register
class NotInCatalogue(_CatalogueRule):
    code = "CAT002"
    name = "not-in-catalogue"
    severity = "warning"
    summary = "本清单的事项不在标准目录中"
    what = "本清单中与标准目录任何事项都对不上（名称相似度低于 80）的事项。"
    why = "标准目录之外的事项需要有本地的法定依据；多半是自行增设、拆分或改名过多的事项。"
    example = ("qinan.yaml:48:11: CAT002 [警告] 事项“医保政策宣传咨询”不在标准目录（示例省县级医疗保障局权责清单通"
               "用目录）中：目录外的事项须有本地的法定依据；请核对是否为目录中某一事项改了名称（改回目录名称），否则在"
               "审查时说明设立依据 (序号 4)")

    def check_list(self, catalogue, lv, found):
        for item in found.extra:
            yield finding(
                self, lv, f"事项“{item.name}”不在标准目录（{catalogue.name}）中：目录外的事项须有本地的法定依据；"
                          f"请核对是否为目录中某一事项改了名称（改回目录名称），否则在审查时说明设立依据",
                entry=item, field="name", evidence=item.name)


@register
class NameDrifted(_CatalogueRule):
    code = "CAT003"
    name = "catalogue-name-drifted"
    severity = "warning"
    summary = "事项名称与标准目录的名称不一致"
    what = ("本清单事项与标准目录事项名称相近（相似度 80 以上）但不相同：报告目录名称、相似度和把握程度"
            "（90 以上为“高”，否则“中”，请核实是否为同一事项）。空格、标点、“对…的处罚”措辞和括号内说明的差别不报告。")
    why = "同一事项各地名称不一，就无法汇总、比对和对接政务服务事项；名称应与目录一致。"
    example = ("qinan.yaml:10:11: CAT003 [警告] 事项名称“对定点医药机构骗取医疗保障基金支出行为的处罚”与标准目录的“"
               "对定点医药机构骗取医疗保障基金行为的处罚”不一致（相似度 94，是同一事项的把握：高）：名称不一致就无法汇"
               "总比对；确为同一事项的，请改为目录名称；不是同一事项的，请忽略本条 (序号 1)")

    def check_list(self, catalogue, lv, found):
        for m in found.matched:
            if m.drifted:
                yield finding(
                    self, lv, f"事项名称“{m.item.name}”与标准目录的“{m.entry.name}”不一致（相似度 {m.score}，"
                              f"是同一事项的把握：{m.sure}）：名称不一致就无法汇总比对；确为同一事项的，请改为目录名称；"
                              f"不是同一事项的，请忽略本条", entry=m.item, field="name", evidence=m.entry.name)


@register
class TypeDiffersFromCatalogue(_CatalogueRule):
    code = "CAT004"
    name = "catalogue-type-differs"
    severity = "error"
    summary = "权力类型与标准目录不同"
    what = "本清单事项的权力类型与标准目录中对应事项的类型不同（两者都是规范的类型名称时）。"
    why = "权力类型决定办理程序、责任环节和权力编码；与目录不同，多为填错。"
    example = ("qinan.yaml:26:17: CAT004 [错误] 事项“对定点医药机构的监督检查”的权力类型为“行政处罚”，标准目录为“行政"
               "检查”：类型决定办理程序和责任环节；请按目录改为“行政检查”，并相应调整责任环节 (序号 2)")

    def check_list(self, catalogue, lv, found):
        from ..analysis import catalogue as cat

        for m in found.matched:
            differs = cat.type_difference(m)
            if differs:
                yield finding(
                    self, lv, f"事项“{m.item.name}”的权力类型为“{differs[1]}”，标准目录为“{differs[0]}”："
                              f"类型决定办理程序和责任环节；请按目录改为“{differs[0]}”，并相应调整责任环节",
                    entry=m.item, field="power_type", evidence=differs[0])


@register
class CodeDiffersFromCatalogue(_CatalogueRule):
    code = "CAT005"
    name = "catalogue-code-differs"
    severity = "warning"
    summary = "权力编码与标准目录不同"
    what = ("本清单事项的权力编码与标准目录中对应事项的编码不同。各清单编码开头的本部门部分（各文件所有编码共有的前缀）"
            "不比；编码长度不同（另一种编码规则）时不比。")
    why = "同一事项在全省应有同一编码（除本部门的部分外），否则无法对接政务服务平台和汇总统计。"
    example = ("qinan.yaml:38:18: CAT005 [警告] 事项“医疗救助金给付”的权力编码与标准目录不同：本清单为“11620522MB00"
               "00001A3620536002000”，目录为“11620000MB0000001X3620536001000”（本部门的编码前缀除外）：编码不一致无法"
               "对接政务服务平台；请按目录的编码规则改正 (序号 3)")

    def check_list(self, catalogue, lv, found):
        from ..analysis import catalogue as cat

        for m in found.matched:
            differs = cat.code_difference(catalogue, lv, m)
            if differs:
                yield finding(
                    self, lv, f"事项“{m.item.name}”的权力编码与标准目录不同：本清单为“{differs[1]}”，"
                              f"目录为“{differs[0]}”（本部门的编码前缀除外）：编码不一致无法对接政务服务平台；"
                              f"请按目录的编码规则改正", entry=m.item, field="power_code", evidence=differs[0])
