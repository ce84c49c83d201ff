"""XLS: rules across lists — what the other lists of the province agree on, and the list that departs.

They see every list given to `check` (`corpus = True`), as compact views (lint/analysis/crosslist.py `view`, built
where each list is checked); with --changed-since they are still computed against all lists and reported
for the changed ones only. The grouping and majorities are lint/analysis/crosslist.py's, shared with the report.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..analysis.listview import finding, view
from ..kb import statute
from ..registry import Rule, register
from ..text.numerals import article_label

if TYPE_CHECKING:
    from ..analysis.crosslist import ListView


class _ProvinceRule(Rule):
    category = "crosslist"
    corpus = True
    digest = view

    @classmethod
    def active(cls, config, lists: int) -> bool:
        from ..analysis.crosslist import MIN_AGREE  # here: a one-list run never imports the analysis

        return lists > MIN_AGREE  # a majority and one list departing from it (a one-list hook run skips them)


def province(views: list[ListView], config) -> list[ListView]:
    """The lists compared: all given to `check` but the standard catalogue (which CAT compares with)."""
    if config.catalogue is None:
        return views
    from ..analysis import catalogue as cat

    catalogue = cat.load(str(config.catalogue))
    return [v for v in views if not cat.is_catalogue(v, catalogue)]


@register
class CitationConsensus(_ProvinceRule):
    code = "XLS001"
    name = "citation-consensus"
    severity = "warning"
    summary = "同一段引文，多数清单标的是另一条"
    what = ("把所有清单中引用同一文件、引文相同（只比汉字和数字）的“第N条：……”归在一起：至少 3 份清单、且不少于"
            "引用这段文字的清单的四分之三标为同一条时，标成别的条的清单被报告，并说明多数清单标的条号和清单数。"
            "不需要条文原文：清单本身就是知识。知识库有该条原文时由 CIT001 按原文核对，本规则不再重复报告。")
    why = "条号标错会让依据指向无关的条文；各地清单互相参照编制，多数清单一致的条号最可能是对的。"
    example = ("wushan.yaml:14:27: XLS001 [警告] 《示例省医疗保障基金监督暂行办法》第十二条所引的这段文字，另有 3 "
               "份清单标为第十条（共 4 份清单引用同一段文字）：条号可能标错，依据会指向别的条文；请核对原文，多数清单"
               "无误时把条号改为第十条（如本清单引用的是修订前的版本，条号可能随修订变化，请按现行文本核对） (序号 1)")

    def check_corpus(self, views: list[ListView]):
        from ..analysis.crosslist import majority

        groups: dict[tuple[str, str], list] = {}
        for lv in province(views, self.ctx.config):
            for quote in lv.quotes:
                groups.setdefault((quote.doc, quote.text), []).append((lv, quote))
        for uses in groups.values():
            labels: dict[tuple[int, int], set[str]] = {}
            for lv, quote in uses:
                labels.setdefault((quote.number, quote.sub), set()).add(lv.path)
            if len(labels) < 2:
                continue
            voters = len({lv.path for lv, _ in uses})
            found = majority(Counter({label: len(paths) for label, paths in labels.items()}), voters)
            if found is None:
                continue
            (number, sub), agree = found
            for lv, quote in uses:
                if (quote.number, quote.sub) == (number, sub) or self._checkable(quote):
                    continue
                mine, theirs = article_label(quote.number, quote.sub), article_label(number, sub)
                yield finding(
                    self, lv,
                    f"《{quote.title}》{mine}所引的这段文字，另有 {agree} 份清单标为{theirs}（共 {voters} 份清单"
                    f"引用同一段文字）：条号可能标错，依据会指向别的条文；请核对原文，多数清单无误时把条号改为{theirs}"
                    f"（如本清单引用的是修订前的版本，条号可能随修订变化，请按现行文本核对）",
                    at=(quote.line, quote.column), item=quote.item, field=quote.field,
                    evidence=f"《{quote.title}》{mine}{quote.text.hex()[:8]}")

    def _checkable(self, quote) -> bool:
        """Whether the article's own text is known: then CIT001/CIT002 judge the quote against the law."""
        law = statute(quote.doc, self.ctx.config.knowledge_dir)
        return law is not None and (quote.number, quote.sub) in law.articles


ASPECTS = {
    "power_type": ("权力类型", "类型决定办理程序和责任环节，多半是填错了；请核对依据后改正，"
                             "确属本地不同的，请在备注中说明"),
    "basis": ("依据", "依据可能遗漏；请核对后补上，确属本地不适用的，请在备注中说明"),
    "stages": ("责任环节", "责任环节可能遗漏；请核对后补上，确属本地不需要的，请在备注中说明"),
}


@register
class SameItemDiffers(_ProvinceRule):
    code = "XLS002"
    name = "same-item-differs"
    severity = "warning"
    summary = "同一事项与多数同类清单的权力类型、依据或责任环节不同"
    what = ("在同类部门（去掉地名和层级后部门名称相同，如各县医疗保障局）的清单之间，找出名称相同（忽略空格和标点）"
            "或只是个别字不同的同一事项；至少 3 份清单、且不少于写了该项内容的清单的四分之三一致时，报告与之不同的那份："
            "权力类型不同，或没有引用多数清单都引用的文件，或缺少多数清单都有的责任环节（类型模板要求的环节由 STG001 报告）。"
            "只报告少数一方，不逐对报告。")
    why = "同一事项在同类部门应有相同的类型、依据和环节；与多数不同的，多半是漏填、错填或照抄了别的事项。"
    example = ("gangu.yaml:39:5: XLS002 [警告] 同类部门（医疗保障局）的 5 份清单中至少 4 份的事项“对定点医药机构医"
               "疗保障基金使用情况的专项检查”写有“信息公开”环节，本清单没有：责任环节与多数清单不一致，责任环节可能遗"
               "漏；请核对后补上，确属本地不需要的，请在备注中说明 (序号 3)")

    def check_corpus(self, views: list[ListView]):
        from ..analysis.crosslist import outliers, same_items

        views = province(views, self.ctx.config)
        for group in same_items(views):
            for o in outliers(group):
                lv = views[o.index]
                what, advice = ASPECTS[o.aspect]
                where = f"同类部门（{lv.kind}）的" if lv.kind else "同类部门的"
                name = o.entry.name
                if o.aspect == "power_type":
                    said = f"有 {o.agree} 份把事项“{name}”定为“{o.expected[0]}”，本清单定为“{o.mine}”"
                elif o.aspect == "basis":
                    said = (f"至少 {o.agree} 份为事项“{name}”引用了{'、'.join(f'《{d}》' for d in o.expected)}，"
                            f"本清单没有引用")
                else:
                    said = (f"至少 {o.agree} 份的事项“{name}”写有{'、'.join(f'“{s}”' for s in o.expected)}环节，"
                            f"本清单没有")
                yield finding(self, lv, f"{where} {o.voters} 份清单中{said}：{what}与多数清单不一致，{advice}",
                              entry=o.entry, field=o.aspect, evidence=f"{o.aspect}:{'、'.join(o.expected)}")
