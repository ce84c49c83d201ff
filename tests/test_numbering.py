"""NUM rules on invented lists: what must be caught and what must stay quiet."""

from __future__ import annotations

import pytest

from lint.checks.numbering import parse_number

HEAD = """\
format: powerlist/1
meta: {department: 示例市医疗保障局, level: 市级, region: {province: 甘肃省, city: 示例市}}
items:
"""


def items(*numbers, table=None):
    out = []
    for i, number in enumerate(numbers):
        out.append(f"  - number: '{number}'\n    name: 事项{i}\n")
        if table:
            out.append(f"    table: {table[i]}\n")
    return HEAD + "".join(out)


def one(field_text, field="accountability"):
    return HEAD + f"  - number: '1'\n    name: 事项\n    {field}: '{field_text}'\n"


def found(findings, prefix="NUM"):
    return [(f.code, f.item) for f in findings if f.code.startswith(prefix)]


@pytest.mark.parametrize("label,expected", [
    ("12", (12, None)), ("3-1", (3, 1)), ("3.2", (3, 2)), ("3（1）", (3, 1)), ("十二", (12, None)), ("甲", None),
])
def test_parse_number(label, expected):
    assert parse_number(label) == expected


def test_sequence_from_any_start_with_sub_items_is_quiet(lint_yaml):
    assert found(lint_yaml(items(4160, 4161, 4162, "4163-1", "4163-2", 4164), select=["NUM"])) == []


def test_restart_per_table_is_quiet(lint_yaml):
    body = items(1, 2, 1, 2, table=["表1", "表1", "表2", "表2"])
    assert found(lint_yaml(body, select=["NUM"])) == []
    assert found(lint_yaml(items(1, 2, 3, 1, 2, 2), select=["NUM"])) == [("NUM001", "2")]


def test_gap_duplicate_and_order(lint_yaml):
    result = lint_yaml(items(1, 2, 4, 4, 3), select=["NUM001"])
    assert found(result) == [("NUM001", "4"), ("NUM001", "4"), ("NUM001", "3")]
    assert "缺少 3" in result[0].message
    assert "重复" in result[1].message and "第 8 行" in result[1].message
    assert "倒序" in result[2].message
    assert (result[0].line, result[0].column) == (8, 14)


def test_table_label_disagrees_with_number(lint_yaml):
    body = items(1, 2, 3, 10, table=["表 2-1", "表 2-2", "表 2-3", "表 2-4"])
    result = lint_yaml(body, select=["NUM"])
    assert found(result) == [("NUM002", "10")]
    assert "序号 10 与表号「表 2-4」不符：前一项序号为 3，本项应为 4" in result[0].message
    assert result[0].fix is not None and not result[0].fix.safe
    assert result[0].fix.edits[0].content == "4"


def test_shared_table_labels_are_not_item_numbers(lint_yaml):
    body = items(1, 2, 3, 4, table=["表1", "表1", "表1", "表1"])
    assert found(lint_yaml(body, select=["NUM"])) == []


def test_skipped_number_in_field(lint_yaml):
    result = lint_yaml(one("1. 服务窗口：电话0878—6222269； 2. 纪检监察投诉； 3. 信函投诉； 5. 网站。", "supervision"),
                       select=["NUM"])
    assert found(result) == [("NUM003", "1")]
    assert "监督方式中编号跳号：3 之后是「5.」，缺少 4" in result[0].message
    assert result[0].column == 19 + len("1. 服务窗口：电话0878—6222269； 2. 纪检监察投诉； 3. 信函投诉； ")


def test_repeated_and_backwards_numbers(lint_yaml):
    result = lint_yaml(one("有下列情形的：1.甲的；2.乙的；2.丙的；3.戊的。"), select=["NUM"])
    assert [f.code for f in result] == ["NUM003"]
    assert "重复" in result[0].message
    result = lint_yaml(one("有下列情形的：1.甲的；3.乙的；2.丙的。"), select=["NUM003"])
    assert ["跳号" in f.message or "倒序" in f.message for f in result] == [True, True]


def test_list_starting_at_two(lint_yaml):
    result = lint_yaml(one("或者超越法定职权的; 3. 不依法履行监督职责的; 4. 其他。"), select=["NUM"])
    assert found(result) == [("NUM004", "1")]
    assert "编号从「3.」开始，缺少第 1–2 项" in result[0].message


def test_mixed_styles(lint_yaml):
    result = lint_yaml(one("1. 甲的； 2. 乙的； (3) 丙的。"), select=["NUM"])
    assert found(result) == [("NUM005", "1")] and result[0].severity == "info"


@pytest.mark.parametrize("text", [
    "1. 甲：（1）子甲；（2）子乙。 2. 乙：（1）子丙；（2）子丁。 3. 其他。",  # nested lists restart
    "（一）甲。（二）乙：1.子甲；2.子乙。（三）丙。",
    "依据《社会保险法》第八十七条、第八十八条，按2018.12修正文本，缴费率为5—8%，电话0825-5801815。",
    "依照“（二）未按规定……”处理；缴费率为职工工资总额的2%。",
    "1、甲的；2、乙的；3、丙的。",
    "共3. 5万元，处2.5倍罚款。",
    "第一项：1.甲；2.乙。第二项：1.丙；2.丁。",
])
def test_legitimate_numbers_are_quiet(lint_yaml, text):
    assert found(lint_yaml(one(text), select=["NUM"])) == []


def test_stage_labels_are_one_enumeration(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 事项
    stages:
      - {label: '1. 受理阶段责任：', name: 受理, text: 依法受理。}
      - {label: '2. 审查阶段责任：', name: 审查, text: 审查：（1）书面审查；（2）实地核查。}
      - {label: '4. 决定阶段责任：', name: 决定, text: 作出决定。}
"""
    result = lint_yaml(body, select=["NUM"])
    assert found(result) == [("NUM003", "1")] and "责任事项中编号跳号：2 之后是「4.」" in result[0].message
    assert (result[0].line, result[0].column) == (9, 18)


def test_sub_list_inside_stage_text_is_its_own(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 事项
    stages:
      - {label: '1. 受理阶段责任：', name: 受理, text: 依法受理。}
      - {label: '2. 审查阶段责任：', name: 审查, text: 1. 书面审查；2. 实地核查；3. 听取意见。}
      - {label: '3. 决定阶段责任：', name: 决定, text: 作出决定。}
"""
    assert found(lint_yaml(body, select=["NUM"])) == []


def test_cut_stage_list_left_to_stg(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 事项
    stages:
      - {text: 查时应当出示执法证件。}
      - {label: '3. 审查阶段责任：', name: 审查, text: 审查。}
"""
    assert found(lint_yaml(body, select=["NUM"])) == []
