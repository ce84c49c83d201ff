"""DOC: cited documents that no longer stand on the as-of date (--as-of): repealed, superseded,
amended since the cited version, expired, overtaken by a newer law, about to be — and unverifiable ones.

One finding per item and document (at its first citation in the item): a document cited in the basis
and again in the accountability basis is one problem of the item, not two. DOC003 judges each version note
instead (one finding per item, document and cited version): the second citation may name another version.
"""

from __future__ import annotations

import datetime as dt
import functools

from ..citations.resolve import Cited, citations
from ..kb import Document, documents_file, governing, history, statute, title_key
from ..kb import successor as successor_of
from ..kb import wording
from ..model import PowerList
from ..registry import Rule, register


def _d(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "日期不详"


class _StaleRule(Rule):
    category = "stale"

    def per_item(self, plist: PowerList):
        """(Cited, Document) of each registered document, once per item (its first citation)."""
        seen = set()
        for c in citations(plist):
            if c.document is None:
                continue
            key = (id(c.item), c.document.id)
            if key not in seen:
                seen.add(key)
                yield c, c.document

    def at(self, plist: PowerList, c: Cited, message: str, severity: str | None = None):
        return self.finding(plist, message, item=c.item, value=c.value, field=c.field,
                            offset=max(0, c.citation.start - 1), severity=severity,
                            evidence=f"{c.document.id if c.document else c.citation.title}")


@register
class Repealed(_StaleRule):
    code = "DOC001"
    name = "repealed-document"
    severity = "warning"
    summary = "引用的文件已被废止"
    what = ("按登记表（国家法律按法律数据库），或按新法规自己的废止条款（「本法自……起施行。《X》同时废止。」），"
            "引用的文件在检查日期（--as-of）之前已被废止。")
    why = "已废止的文件不能再作为行使权力的依据；据此作出的决定缺乏法律依据。"
    example = ("示例清单.yaml:31:10: DOC001 [警告] 《人力资源社会保障部 财政部"
               "关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知》（人社部发〔2016〕120号）"
               "已于2022年8月1日被国家医保局 财政部文件 医保发〔2022〕22号废止（登记表可信度：中，"
               "请核实）：已废止的文件不能再作为依据；请改引现行有效的文件（来源：二手资料（发布日期只知年月）；"
               "可信度：中） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        for c, doc in self.per_item(plist):
            event = doc.repealed
            if event is None or (event.date is not None and event.date > as_of):
                continue
            by = successor_of(doc, as_of)
            what = by.display if by else " ".join(x for x in (event.by, event.number) if x)
            when = f"已于{_d(event.date)}" if event.date else "已"
            note = f"（{event.note}）" if event.note else ""
            instead = f"{by.display}的相应条款" if by else "现行有效的文件"
            yield self.at(plist, c,
                          f"{doc.display}{when}{'被' + what if what else ''}废止{note}{wording.hedge(event.confidence)}："
                          f"已废止的文件不能再作为依据；请改引{instead}（{doc.provenance}）")


@register
class Superseded(_StaleRule):
    code = "DOC002"
    name = "superseded-document"
    severity = "warning"
    summary = "引用的文件已被新文件取代"
    what = "按登记表，引用的文件在检查日期之前已被新文件取代（顺着取代链找到现行文件，给出其标题和文号）。"
    why = "被取代的文件规定的条件、程序和主体多已改变；依据它行使权力会与现行规定冲突。"
    example = ("示例清单.yaml:31:10: DOC002 [警告] 《城镇职工基本医疗保险定点医"
               "疗机构管理暂行办法》（劳社部发〔1999〕14号）已于2021年2月1日被《医疗机构医疗保障定点"
               "管理暂行办法》（国家医疗保障局令第2号）取代（定点资格审查已于2015年取消）（登记表可信度：中"
               "，请核实）：被取代文件的条件、程序和主体多已改变；请改引《医疗机构医疗保障定点管理暂行办法》（国"
               "家医疗保障局令第2号）的相应条款（来源：文号据原文；效力据二手资料（发布日期只知年份）；可信度："
               "高（效力状态可信度：中）） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        for c, doc in self.per_item(plist):
            event = doc.superseded
            if event is None or event.date is None or event.date > as_of:
                continue
            successor = successor_of(doc, as_of)
            what = successor.display if successor else " ".join(x for x in (event.by, event.number) if x)
            note = f"（{event.note}）" if event.note else ""
            if successor and event.number and event.number != successor.number:
                # replaced by an unregistered document, itself replaced since: the chain, step by step
                what = f"{event.number}取代，后者又被{successor.display}"
                if event.number in event.note and successor.number in event.note:
                    note = ""  # the note only tells the same chain
            yield self.at(plist, c,
                          f"{doc.display}已于{_d(event.date)}被{what}取代{note}{wording.hedge(event.confidence)}："
                          f"被取代文件的条件、程序和主体多已改变；请改引{successor.display if successor else what}的相应条款（{doc.provenance}）")


def _cited_articles(c: Cited) -> list[int]:
    """The article numbers the citation names, in order, without repeats."""
    return list(dict.fromkeys(n for a in c.citation.articles for n in (a.numbers or (a.number,))))


def _cited_version(c: Cited, doc: Document) -> tuple[dt.date | None, str, bool]:
    """(date, how it is written, named by number only) of the version a citation names: a version note
    (2010年10月28日通过, 2009年修正, 2010年本), else the order or document number of the original text or of an
    amendment (社会保险法（主席令第三十五号） names the 2010 text)."""
    version = c.citation.version
    if version is not None and version.latest is not None:
        return version.latest, version.latest_text, False
    cited = {n.key for n in c.citation.numbers}
    if doc.issued and any(key in cited for key in _number_keys(doc.number)):
        return doc.issued, f"{_d(doc.issued)}（按所写的{doc.number}）", True
    for event in doc.versions:
        if event.date and event.number and any(key in cited for key in _number_keys(event.number)):
            return event.date, f"{_d(event.date)}（按所写的{event.number}）", True
    return None, "", False


@functools.lru_cache(maxsize=4096)
def _number_keys(number: str) -> tuple:
    """The keys of the document numbers in a registry entry's number (read once: every list cites the same documents)."""
    from ..text.docnum import find

    return tuple(n.key for n in find(number))


def _labels(numbers) -> str:
    from ..text.numerals import chinese

    return "、".join(f"第{chinese(n)}条" for n in numbers)


@register
class AmendedSince(_StaleRule):
    code = "DOC003"
    name = "amended-since-cited-version"
    severity = "warning"
    summary = "引用的版本之后文件已经修改"
    what = ("引文写明了版本（“2010年10月28日通过”“自2014年5月1日起施行”“2009年修正”“2010年本”，或用原发布令号"
            "“主席令第三十五号”指称原文本），而该文件在这个日期之后、检查日期之前又修改过：修改据登记表，"
            "以及法律数据库和导入文本的各版本日期（法律数据库的历史版本、导入的旧版本）。所引的条是否被改动，按登记表记载的"
            "改动条号，或按引用的版本与现行版本的条文文本比较：被改动为警告，未被改动只需更新版本说明（提示），"
            "无从知道时也只作提示。只用令号指称版本时（这也是引用现行文本的常见写法），仅在所引的条确已被改动时报告。"
            "一个事项中每一处版本说明都分别核对（同一版本只报一次）。")
    why = "引用旧版本的条文，内容可能已被修改（如社会救助暂行办法第三十条 2019 年改为由医疗保障部门负责）。"
    example = ("示例清单.yaml:31:10: DOC003 [警告] 引用的是《中华人民共和国社会"
               "保险法》（主席令第三十五号）2010年10月28日的版本，此后已修改：2018年12月29日（修"
               "正，修改第六十四条、第六十六条）：所引第六十四条已在2018年12月29日的修改中改变；请核对现"
               "行条文，并把版本说明改为最新修改（来源：法律文本（主席令第三十五号及2018年修正）；法律数据库"
               "；可信度：高） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        seen = set()
        for c in citations(plist):  # every version note is judged, not only an item's first citation of the law
            law = statute(c.document.title if c.document else c.citation.title, self.ctx.config.knowledge_dir)
            doc = c.document or (history.document(law) if law is not None and law.older else None)
            day, written, by_number = _cited_version(c, doc) if doc is not None else (None, "", False)
            if day is None or (id(c.item), doc.id, day) in seen:
                continue
            seen.add((id(c.item), doc.id, day))
            verdict = history.judge(doc, law, day, as_of, _cited_articles(c))
            if not verdict.later or (by_number and not verdict.changed):
                continue  # the original's order number is also how the current text is cited
            changes = "；".join(
                f"{_d(e.date)}" + "".join(f"（{x}）" for x in (e.number, e.note) if x) + wording.hedge(e.confidence)
                for e in verdict.later)
            severity = None
            if verdict.changed:
                when = "、".join(_d(e.date) for e in verdict.later if set(verdict.changed) & set(e.articles)) \
                    or "、".join(_d(e.date) for e in verdict.later)
                verdict_text = f"所引{_labels(verdict.changed)}已在{when}的修改中改变；请核对现行条文"
            elif verdict.unchanged and not verdict.unknown:
                touched = sorted({n for e in verdict.later for n in e.articles})
                how = f"（改动的是{_labels(touched)}）" if touched else "（与该版本的条文文本相同）"
                verdict_text = f"所引{_labels(verdict.unchanged)}在此后的修改中没有改变{how}；只需把版本说明改为最新修改"
                severity = "info"
            else:  # which articles the amendments changed is not known: asserted by no source, so hedged
                verdict_text = "修改了哪些条文不详，所引条文可能已经改变；请核对现行文本"
                severity = "info"
            yield self.at(plist, c,
                          f"引用的是{doc.display}{written}的版本，此后已修改：{changes}：{verdict_text}，"
                          f"并把版本说明改为最新修改（{doc.provenance}）" if severity is None else
                          f"引用的是{doc.display}{written}的版本，此后已修改：{changes}：{verdict_text}（{doc.provenance}）",
                          severity=severity)


@register
class Expired(_StaleRule):
    code = "DOC004"
    name = "expired-document"
    severity = "warning"
    summary = "引用的文件已过有效期或规划期"
    what = "按登记表，引用的文件有有效期（如“有效期五年”）或规划期（如 2014—2020年），检查日期时已经届满。"
    why = "有效期届满的文件自动失效；规划期结束的规划不再是现行依据。"
    example = ("示例清单.yaml:31:10: DOC004 [警告] 《国务院关于印发社会信用体系"
               "建设规划纲要（2014—2020年）的通知》（国发〔2014〕21号）已于2020年12月31日"
               "到期（规划期2014—2020年已结束）：到期的文件不再是现行依据；请改引现行有效的文件（来源："
               "国发〔2014〕21号；可信度：高） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        for c, doc in self.per_item(plist):
            event = doc.expires
            if event is None or event.date is None or event.date > as_of:
                continue
            if doc.superseded and doc.superseded.date and doc.superseded.date <= as_of:
                continue  # DOC002 names the replacement
            yield self.at(plist, c,
                          f"{doc.display}已于{_d(event.date)}到期（{event.note or '有效期届满'}）{wording.hedge(event.confidence)}："
                          f"到期的文件不再是现行依据；请改引现行有效的文件（{doc.provenance}）")


def _in_scope(plist: PowerList, c: Cited, entry: dict) -> bool:
    """Whether the item lies inside the newer law's scope (`scope` of the governs entry): an item named after an
    insurance outside it (养老、失业、工伤) is outside unless its name also names the law's own matter; otherwise
    the item is inside when its name or quotes, or else the list's department and title, name that matter."""
    scope = entry.get("scope")
    if not scope:
        return True
    markers, outside = scope.get("markers") or [], scope.get("outside") or []
    name = c.item.name
    if any(w in name for w in outside) and not any(m in name for m in markers):
        return False
    text = name + "".join(a.quote for a in c.citation.articles)
    title = plist.meta.get("title")
    own = plist.department + (title.value if title is not None else "")
    return any(m in text for m in markers) or any(m in own for m in markers)


def _on_subject(c: Cited, entry: dict) -> str:
    """The first subject keyword of the item found in its name or the cited article's quote ("" if none)."""
    subjects = entry.get("subjects") or []
    if not subjects:
        return "*"
    text = c.item.name + "".join(a.quote for a in c.citation.articles)
    return next((s for s in subjects if s in text), "")


@register
class NewerLaw(_StaleRule):
    code = "DOC005"
    name = "newer-law-in-force"
    severity = "warning"
    summary = "同一事项已有新法施行"
    what = ("按登记表的 governs，一部新法（如 2026年7月1日施行的社会救助法）接管了所引文件规范的事项，"
            "且检查日期时新法已施行；事项主题词限定了适用范围。")
    why = "新法施行后，旧文件与新法不一致的部分不再适用；权责清单应以新法为依据。"
    example = ("示例清单.yaml:31:10: DOC005 [警告] 《社会救助暂行办法》（国务院"
               "令第649号）规范的事项自2026年7月1日起由《中华人民共和国社会救助法》规范（附则未废止社会"
               "救助暂行办法，但两者不一致的，适用社会救助法）：请以《中华人民共和国社会救助法》为主要依据，核对"
               "本事项的条件和程序（来源：法律数据库；可信度：高） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        for c, doc in self.per_item(plist):
            for law, entry in governing(doc):
                if law.effective is None or law.effective > as_of or not _on_subject(c, entry) \
                        or not _in_scope(plist, c, entry):
                    continue
                yield self.at(plist, c,
                              f"{doc.display}规范的事项自{_d(law.effective)}起由{law.display}规范"
                              f"（{entry.get('note', '')}）{wording.hedge(law.confidence)}：请以{law.display}为主要依据，"
                              f"核对本事项的条件和程序（{law.provenance}）")


@register
class UpcomingLaw(_StaleRule):
    code = "DOC006"
    name = "upcoming-law"
    severity = "info"
    summary = "新法即将施行，年度复核时需调整依据"
    what = ("按登记表的 governs，一部在检查日期之后施行的新法（如 2027年1月1日施行的医疗保障法）将接管所引文件的事项；"
            "只提示主题相关的事项（医保基金、欺诈骗保、征缴等），且事项在新法的适用范围内（登记表 governs 的 scope："
            "医疗保障法只管医疗保障，养老、失业、工伤保险的事项不在其内）。")
    why = "权责清单按年度调整：提前标出受新法影响的事项，复核时不会遗漏。"
    example = ("示例清单.yaml:31:10: DOC006 [提示] 《中华人民共和国医疗保障法》将于2"
               "027年1月1日施行（医疗保障法第二条：医疗保障事项优先适用本法），本事项涉及“征缴”：年度复核"
               "时请把依据《中华人民共和国社会保险法》（主席令第三十五号）调整为新法的相应条款（来源：法律数据库"
               "；可信度：高） (序号 2)")

    def check(self, plist: PowerList):
        as_of = self.ctx.config.as_of
        for c, doc in self.per_item(plist):
            for law, entry in governing(doc):
                subject = _on_subject(c, entry)
                if law.effective is None or law.effective <= as_of or not subject or not _in_scope(plist, c, entry):
                    continue
                about = "" if subject == "*" else f"，本事项涉及“{subject}”"
                yield self.at(plist, c,
                              f"{law.display}将于{_d(law.effective)}施行（{entry.get('note', '')}）{about}："
                              f"年度复核时请把依据{doc.display}调整为新法的相应条款（{law.provenance}）")


@register
class Unverified(Rule):
    code = "DOC007"
    name = "unverified-document"
    category = "stale"
    severity = "info"
    summary = "引用的文件不在登记表中或效力未知，请核实"
    what = ("引用的文件既不在登记表（自带的和配置项 documents 指定的）中、也不在法律数据库中，或登记表记其效力为 unknown，"
            "或登记表对其效力的判断可信度低（low、low-medium）。")
    why = "无法自动判断这些文件是否仍然有效；不核实就可能继续依据已失效的文件。"
    example = ("示例清单.yaml:31:10: DOC007 [提示] 《示例县医疗救助实施细则》不在文件"
               "登记表中：无法判断它是否仍然有效；请核实其现行效力，并在本仓库的文件登记表（配置项 docume"
               "nts 指定的 YAML 文件）中登记（含来源和可信度） (序号 2)")

    def check(self, plist: PowerList):
        seen = set()
        for c in citations(plist):
            doc = c.document
            doubtful = doc is not None and not wording.verified(doc)
            if c.alias or (doc is not None and not doubtful):
                continue
            key = (id(c.item), doc.id if doc else title_key(c.citation.title))  # 〈〉 ‹› <> 《》 inside alike
            if key in seen:
                continue
            seen.add(key)
            if doc is None:
                message = (f"《{c.citation.title}》不在文件登记表中：无法判断它是否仍然有效；请核实其现行效力，"
                           f"并在{_own_registry()}中登记（含来源和可信度）")
            else:
                note = f"（{doc.status_note}）" if doc.status_note else ""
                message = (f"{doc.display}的效力未经核实{note}：无法判断它是否仍然有效；请核实后在"
                           f"{_own_registry()}中补充其效力（{doc.provenance}）")
            yield self.finding(plist, message, item=c.item, value=c.value, field=c.field,
                               offset=max(0, c.citation.start - 1), evidence=doc.id if doc else c.citation.title)


def _own_registry() -> str:
    """Where a maintainer registers a document: the repository's documents file (configuration `documents`)."""
    own = documents_file()
    if own is not None:
        return f"本仓库的文件登记表 {own.name}"
    return "本仓库的文件登记表（配置项 documents 指定的 YAML 文件）"
