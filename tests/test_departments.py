"""Department names as departments write them (rules/departments.yaml): one normaliser for JUR003, the title
reader and cross-list comparison — the short forms of DOMAIN §11 are the list's own department, never another."""

from __future__ import annotations

import pytest

from lint.analysis.departments import department_kind, same_department
from lint.analysis.titles import read_title


def own_list(department: str, body: str, title: str | None = None) -> str:
    return f"""\
format: powerlist/1
meta:
  title: {title or department + '权责清单'}
  department: {department}
items:
  - number: '1'
    name: 对违法行为的处罚
    power_type: 行政处罚
    body: {body}
    basis: ['《中华人民共和国社会保险法》第八十七条']
"""


# (the list's department, a short form it writes as the body of its own items): DOMAIN §11
SHORT_FORMS = [
    ("广西壮族自治区人力资源和社会保障厅", "自治区人力资源社会保障厅"),
    ("广西壮族自治区人力资源和社会保障厅", "自治区人社厅"),
    ("广西壮族自治区医疗保障局", "自治区医保局"),
    ("第一师阿拉尔市民政局", "师市民政局"),
    ("第一师阿拉尔市医疗保障局", "师市医保局"),
    ("第一师阿拉尔市医疗保障局", "一师医保局"),
    ("咸宁市卫生健康委员会", "市卫健委"),
    ("咸宁市卫生健康委员会", "市卫生健康委"),
    ("咸宁市人力资源和社会保障局", "市人社局"),
    ("通山县人力资源和社会保障局", "县人力社保局"),
    ("通山县人力资源和社会保障局", "县人力资源社会保障局"),
    ("天水市医疗保障局", "市医保局"),
    ("瓜州县医疗保障局", "县医保局"),
    ("天水市市场监督管理局", "市市场监管局"),
]


@pytest.mark.parametrize("department, body", SHORT_FORMS)
def test_own_short_form_is_no_other_department(lint_yaml, department, body):
    assert same_department(department, body)
    assert lint_yaml(own_list(department, body), select=["JUR003"]) == []


@pytest.mark.parametrize("department, body", [
    ("广西壮族自治区人力资源和社会保障厅", "自治区医保局"),
    ("第一师阿拉尔市医疗保障局", "师市民政局"),
    ("咸宁市卫生健康委员会", "市人社局"),
    ("天水市市场监督管理局", "市医保局"),
])
def test_another_department_reported_without_guessing(lint_yaml, department, body):
    found = lint_yaml(own_list(department, body), select=["JUR003"])
    assert [f.code for f in found] == ["JUR003"]
    assert "另一个部门" in found[0].message and "照抄" not in found[0].message


def test_level_word_is_not_read_out_of_a_word():
    assert department_kind("市场监督管理局") == department_kind("天水市市场监督管理局") == "市场监督管理局"


@pytest.mark.parametrize("title, department, level, county", [
    ("广西壮族自治区人力资源和社会保障厅权责清单", "广西壮族自治区人力资源和社会保障厅", "省级", None),
    ("咸宁市人社局权责清单", "咸宁市人力资源和社会保障局", "市级", None),
    ("咸宁市医疗保障局服务事项目录", "咸宁市医疗保障局", "市级", None),  # a kind not in the table
    ("城关镇人民政府权力清单", "城关镇人民政府", "乡级", None),
    ("东风乡人民政府权责清单", "东风乡人民政府", "乡级", None),  # 东风 is the township, not 东风区
    ("某某街道办事处权责清单", "某某街道办事处", "乡级", None),
    ("瓜州县渊泉镇人民政府权责清单", "瓜州县渊泉镇人民政府", "乡级", "瓜州县"),
])
def test_title_department_and_level(title, department, level, county):
    read = read_title(title)
    assert (read.department, read.level, read.region["county"]) == (department, level, county)


@pytest.mark.parametrize("title", ["城关镇人民政府权力清单", "某某街道办事处权责清单"])
def test_township_list_blank_bodies_are_its_own(lint_yaml, title):
    text = own_list("", "", title).replace("  department: \n", "").replace("    body: \n", "")
    found = lint_yaml(text, select=["SCH004", "SCH006"])
    assert [f.code for f in found if f.severity != "info"] == []
    assert all(f.code != "SCH004" for f in found)


def test_title_without_place_one_note(lint_yaml):
    text = own_list("", "", "市医疗保障局权责清单").replace("  department: \n", "").replace("    body: \n", "")
    text += text[text.index("  - number"):].replace("'1'", "'2'")
    found = lint_yaml(text, select=["SCH", "JUR"])
    assert [(f.code, f.severity) for f in found] == [("SCH006", "info")]


@pytest.mark.parametrize("department, body", SHORT_FORMS)
def test_short_forms_are_readable_text(department, body):
    # measured: no §11 short form needs masking from the character model (masking 医保 would hide real damage)
    from lint.analysis.garbling import scrambled

    assert scrambled(f"由{body}负责办理，{department}监督") == []


def test_township_level_is_valid_meta(lint_yaml):
    text = own_list("城关镇人民政府", "城关镇人民政府").replace("meta:\n", "meta:\n  level: 乡级\n")
    assert [f.code for f in lint_yaml(text, select=["SCH"]) if f.code == "SCH001"] == []
