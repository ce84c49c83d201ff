"""JUR005: departments abolished by the 2018 reform (rules/reform2018.yaml), judged as of the checking date."""

from __future__ import annotations

import datetime as dt

import pytest

AFTER, BEFORE = dt.date(2026, 11, 22), dt.date(2018, 12, 31)


def dept_list(title: str, body: str, name: str = "对医疗机构的检查") -> str:
    return f"""\
format: powerlist/1
meta:
  title: {title}
items:
  - number: '1'
    name: {name}
    power_type: 行政检查
    body: {body}
"""


def test_title_department_reported_once_after_the_reform(lint_yaml):
    found = lint_yaml(dept_list("天水市卫生和计划生育委员会权责清单", "市卫计委"), select=["JUR005"], as_of=AFTER)
    assert [(f.line, f.column) for f in found] == [(3, 10)]
    assert "卫生健康委员会" in found[0].message and "2018年" in found[0].message


def test_list_before_the_reform_not_flagged(lint_yaml):
    assert lint_yaml(dept_list("天水市卫生和计划生育委员会权责清单", "市食品药品监督管理局"),
                     select=["JUR005"], as_of=BEFORE) == []


def test_abolished_body_names_successor(lint_yaml):
    found = lint_yaml(dept_list("天水市卫生健康委员会权责清单", "市卫健委/市安监局"), select=["JUR005"], as_of=AFTER)
    assert [(f.line, f.column, f.evidence) for f in found] == [(8, 16, "市安监局")] and "应急管理局" in found[0].message


@pytest.mark.parametrize("title, body", [
    ("天水市文化和旅游局权责清单", "市文化和旅游局"),
    ("天水市农业农村局权责清单", "市农业农村局"),
    ("天水市市场监督管理局权责清单", "市市场监管局"),
    ("天水市卫生健康委员会权责清单", "市卫健委"),
    ("天水市生态环境局权责清单", "市生态环境局"),
])
def test_successor_departments_quiet(lint_yaml, title, body):
    assert lint_yaml(dept_list(title, body), select=["JUR005"], as_of=AFTER) == []


def test_power_moved_to_medical_security(lint_yaml):
    text = dept_list("天水市人力资源和社会保障局权责清单", "市人社局", "生育保险待遇核定")
    found = lint_yaml(text, select=["JUR005"], as_of=AFTER)
    assert [(f.line, f.column, f.evidence) for f in found] == [(6, 11, "生育保险")] and "医疗保障局" in found[0].message
    assert lint_yaml(dept_list("天水市医疗保障局权责清单", "市医保局", "生育保险待遇核定"), select=["JUR005"], as_of=AFTER) == []
    assert lint_yaml(dept_list("天水市人力资源和社会保障局权责清单", "市人社局", "工伤保险待遇核定"),
                     select=["JUR005"], as_of=AFTER) == []
