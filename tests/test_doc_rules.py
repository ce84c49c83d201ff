"""DOC rules: stale documents relative to the as-of date, on invented list items."""

from __future__ import annotations

import datetime as dt

from tests.test_cit_rules import one_item

D = dt.date


def run(lint_yaml, *basis, as_of, name="对骗取医保基金行为的处罚", select=("DOC",)):
    return lint_yaml(one_item(*basis, name=name), select=list(select), as_of=as_of)


def test_repealed_names_replacement_and_confidence(lint_yaml):
    text = "《人力资源社会保障部 财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知》（人社部发〔2016〕120号）"
    [found] = run(lint_yaml, text, as_of=D(2026, 11, 22), select=["DOC001"])
    assert (found.code, found.line, found.item) == ("DOC001", 9, "7")
    assert "已于2022年8月1日被" in found.message and "医保发〔2022〕22号" in found.message
    assert "登记表可信度：中，请核实" in found.message
    assert run(lint_yaml, text, as_of=D(2022, 7, 31), select=["DOC001"]) == []


def test_superseded_follows_the_chain_to_the_current_document(lint_yaml):
    [found] = run(lint_yaml, "《城镇职工基本医疗保险定点医疗机构管理暂行办法》（劳社部发〔1999〕14号）第七条",
                  as_of=D(2026, 11, 22), select=["DOC002"])
    assert "《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）" in found.message
    assert "效力状态可信度：中" in found.message or "登记表可信度：中" in found.message
    [chain] = run(lint_yaml, "《甘肃省欺诈骗取医疗保障基金行为举报奖励实施办法（暂行）》（甘医保发〔2019〕35号）",
                  as_of=D(2026, 11, 22), select=["DOC002"])
    assert "被甘医保发〔2021〕122号取代，后者又被《甘肃省违法违规使用医疗保障基金举报奖励实施办法》（甘医保发〔2023〕44号）取代：" in chain.message
    assert run(lint_yaml, "《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）", as_of=D(2026, 11, 22)) == []


def test_amended_since_the_cited_version(lint_yaml):
    old = "《社会救助暂行办法》（国务院令第649号，自2014年5月1日起施行）第三十条"
    [found] = run(lint_yaml, old, as_of=D(2026, 1, 1), select=["DOC003"])
    assert "2014年5月1日的版本，此后已修改：2019年3月2日（国务院令第709号）" in found.message
    assert "登记表可信度：中，请核实" in found.message
    current = "《社会救助暂行办法》（国务院令第649号，根据2019年3月2日《国务院关于修改部分行政法规的决定》修订）第三十条"
    assert run(lint_yaml, current, as_of=D(2026, 1, 1), select=["DOC003"]) == []
    # the original order number names the 2014 text; it is also how the current text is cited, so it is
    # reported only when the registry knows that the cited article was changed since (2019: 第三条、第三十条)
    [by_number] = run(lint_yaml, "《社会救助暂行办法》（国务院令第649号）第三十条", as_of=D(2026, 1, 1), select=["DOC003"])
    assert "2014年2月21日（按所写的国务院令第649号）的版本" in by_number.message
    assert "所引第三十条已在2019年3月2日的修改中改变" in by_number.message and by_number.severity == "warning"
    assert run(lint_yaml, "《社会救助暂行办法》（国务院令第649号）第二十八条", as_of=D(2026, 1, 1), select=["DOC003"]) == []


def test_expired_plan_period(lint_yaml):
    text = "《国务院关于印发社会信用体系建设规划纲要（2014—2020年）的通知》（国发〔2014〕21号）"
    [found] = run(lint_yaml, text, as_of=D(2021, 1, 1), select=["DOC004"])
    assert "已于2020年12月31日到期（规划期2014—2020年已结束）" in found.message
    assert run(lint_yaml, text, as_of=D(2020, 6, 1), select=["DOC004"]) == []


def test_newer_law_in_force(lint_yaml):
    text = "《社会救助暂行办法》（国务院令第649号，根据2019年3月2日《国务院关于修改部分行政法规的决定》修订）第二十八条"
    [found] = run(lint_yaml, text, as_of=D(2026, 7, 1), name="医疗救助", select=["DOC"])
    assert found.code == "DOC005" and "自2026年7月1日起由《中华人民共和国社会救助法》规范" in found.message
    [before] = run(lint_yaml, text, as_of=D(2026, 6, 30), name="医疗救助", select=["DOC"])
    assert (before.code, before.severity) == ("DOC006", "info")


def test_upcoming_law_only_on_its_subjects(lint_yaml):
    text = "《中华人民共和国社会保险法》第八十七条"
    [found] = run(lint_yaml, text, as_of=D(2026, 11, 22), select=["DOC"])
    assert (found.code, found.severity) == ("DOC006", "info")
    assert "《中华人民共和国医疗保障法》将于2027年1月1日施行" in found.message and "“医保基金”" in found.message
    assert run(lint_yaml, text, as_of=D(2026, 11, 22), name="工伤认定") == []
    [after] = run(lint_yaml, text, as_of=D(2027, 1, 2), select=["DOC"])
    assert after.code == "DOC005"


def test_unregistered_or_unknown_documents_ask_to_verify(lint_yaml):
    found = run(lint_yaml, "《示例县医疗救助实施办法》第三条", "《甘肃省社会救助条例》第二十五条",
                "制作《行政处罚告知书》送达当事人", as_of=D(2026, 11, 22))
    assert [(f.code, f.severity, f.line) for f in found] == [("DOC007", "info", 9), ("DOC007", "info", 10)]
    assert "不在文件登记表中" in found[0].message and "效力未经核实" in found[1].message


def test_one_finding_per_item_and_document(lint_yaml):
    text = "《社会保险基金财务制度》的通知”（财社字〔1999〕60号）"
    found = run(lint_yaml, text, text, as_of=D(2026, 11, 22), select=["DOC002"])
    assert len(found) == 1 and "财社〔2017〕144号" in found[0].message


def test_item_short_name_is_not_unverified(lint_yaml):
    text = "《甘肃省药品集中采购诚信管理办法（试行）》（甘卫药发〔2014〕521号）（以下简称《诚信管理办法》）；依据《诚信管理办法》处理"
    found = run(lint_yaml, text, as_of=D(2026, 11, 22), select=["DOC007"])
    assert len(found) == 1 and "甘卫药发〔2014〕521号" in found[0].message


def test_doc007_once_per_document_whatever_the_inner_brackets(lint_yaml):
    """《陕西省实施‹工伤保险条例>办法》 and 《陕西省实施〈工伤保险条例〉办法》 are one document: one DOC007 per item."""
    body = """
    format: powerlist/1
    meta: {title: 示例县医疗保障局权责清单, department: 示例县医疗保障局, level: 县级}
    items:
      - number: '1'
        name: 工伤保险待遇核定
        power_type: 行政确认
        body: 示例县医疗保障局
        basis:
          - 《陕西省实施‹工伤保险条例>办法》第十条
          - 《陕西省实施〈工伤保险条例〉办法》第十一条
      - number: '2'
        name: 工伤认定
        power_type: 行政确认
        body: 示例县医疗保障局
        basis:
          - 《陕西省实施<工伤保险条例>办法》第十二条
    """
    found = [(f.line, f.column, f.item) for f in lint_yaml(body, ["DOC007"])]
    assert found == [(9, 9, "1"), (16, 9, "2")]
