"""JUR rules: other jurisdictions named, scope words against the level, the exercising body,
one unit spelled two ways — what must be caught and what must stay quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def city_list(stage="对本市参保人员的申请进行审核。", body="市医保局", unit="基金监管科", basis="《中华人民共和国社会保险法》第八十七条",
              second_unit="基金监管科"):
    return f"""\
format: powerlist/1
meta:
  title: 天水市医保局权责清单
  department: 天水市医疗保障局
  region: {{province: 甘肃省, city: 天水市}}
  level: 市级
items:
  - number: '1'
    name: 本级城镇职工基本医疗保险特殊疾病门诊补助申请认定工作
    power_type: 其他行政权力
    body: {body}
    unit: {unit}
    basis: ['{basis}']
    stages:
      - text: {stage}
  - number: '2'
    name: 生育保险待遇支付
    power_type: 行政给付
    body: 天水市医疗保障局
    unit: {second_unit}
"""


def codes(findings):
    return [f.code for f in findings]


def test_other_city_form_reported(lint_yaml):
    found = lint_yaml(city_list(stage="填写《庆阳市城镇职工基本医疗保险特殊疾病鉴定表》，进行登记。"), select=["JUR001"])
    assert codes(found) == ["JUR001"]
    assert (found[0].line, found[0].column) == (15, 18) and "庆阳市" in found[0].message and "天水市" in found[0].message


@pytest.mark.parametrize("stage", [
    "由天水市医疗保障局和秦州区医疗保障局办理。",  # the city itself and one of its districts
    "依照《甘肃省社会救助条例》办理。",  # the province above
    "按照国务院和省政府的规定，对全市参保人员开展审核。",
])
def test_own_jurisdiction_quiet(lint_yaml, stage):
    assert lint_yaml(city_list(stage=stage), select=["JUR001", "JUR002"]) == []


def test_other_province_in_basis_reported(lint_yaml):
    found = lint_yaml(city_list(basis="《云南省城乡居民基本医疗保险试点实施办法》"), select=["JUR001"])
    assert codes(found) == ["JUR001"] and "云南省" in found[0].message


def county_list(stage, county="瓜州县", city="酒泉市"):
    return f"""\
format: powerlist/1
meta:
  department: {county}医疗保障局
  region: {{province: 甘肃省, city: {city}, county: {county}}}
  level: 县级
items:
  - number: '1'
    name: 医疗保障基金使用监督检查
    power_type: 行政检查
    body: {county}医疗保障局
    basis: ['《社会保险法》第七十九条：县级以上人民政府对全市、全省的基金进行监督。']
    stages:
      - text: {stage}
"""


def test_county_list_speaking_of_whole_city(lint_yaml):
    found = lint_yaml(county_list("对全市纳入医保支付范围的医疗服务行为开展监督检查。"), select=["JUR"])
    assert codes(found) == ["JUR002"] and (found[0].line, found[0].column) == (13, 16)


@pytest.mark.parametrize("stage", [
    "对全县纳入医保支付范围的医疗服务行为开展监督检查。",
    "建立健全县级医疗保障基金监管制度，规范全市场主体行为。",
])
def test_county_scope_quiet(lint_yaml, stage):
    assert lint_yaml(county_list(stage), select=["JUR002"]) == []


def test_county_level_city_may_say_whole_city(lint_yaml):
    body = county_list("对全市定点医药机构开展检查。", county="玉门市", city="酒泉市")
    assert lint_yaml(body, select=["JUR002"]) == []


def test_city_list_speaking_of_whole_county(lint_yaml):
    assert codes(lint_yaml(city_list(stage="对全县参保人员开展审核。"), select=["JUR002"])) == ["JUR002"]


def test_body_of_another_department(lint_yaml):
    found = lint_yaml(city_list(body="天水市民政局"), select=["JUR003"])
    assert codes(found) == ["JUR003"] and (found[0].line, found[0].column) == (11, 11)


@pytest.mark.parametrize("body", ["市医保局", "天水市医疗保障局", "基金和大数据科", "市医疗保障服务中心"])
def test_body_of_own_department_quiet(lint_yaml, body):
    assert lint_yaml(city_list(body=body), select=["JUR003"]) == []


def test_unit_spelled_two_ways(lint_yaml):
    found = lint_yaml(city_list(unit="市医疗保障中心", second_unit="市医疗保障服务中心", body="天水市医疗保障局"),
                      select=["JUR004"])
    assert len(found) == 1 and found[0].code == "JUR004" and found[0].field == "unit"
    assert "市医疗保障中心" in found[0].message and "市医疗保障服务中心" in found[0].message


@pytest.mark.parametrize("first, second", [("基金监管科", "基金征缴科"), ("待遇保障科", "待遇审核科")])
def test_different_units_quiet(lint_yaml, first, second):
    assert lint_yaml(city_list(unit=first, second_unit=second, body="天水市医疗保障局"), select=["JUR004"]) == []


def test_seed_tianshui_names_qingyang():
    from lint.config import Config
    from lint.engine import check_paths

    path = ROOT / "lists" / "tianshui-ybj.yaml"
    if not path.exists():
        pytest.skip("天水清单尚未导入")
    found = check_paths([str(path)], Config(select=["JUR001"])).findings
    assert [f.evidence for f in found] == ["庆阳市"]
