"""NUM006: the same item (name and sub-item) listed under two 序号; sub-items and continuation rows are not."""

from __future__ import annotations


def items_list(*rows: tuple[str, str, str]) -> str:
    text = "format: powerlist/1\nmeta:\n  title: 示例县医疗保障局权责清单\nitems:\n"
    for number, name, sub in rows:
        text += f"  - number: '{number}'\n    name: {name}\n    power_type: 行政检查\n"
        if sub:
            text += f"    sub_item: {sub}\n"
    return text


def test_second_listing_names_the_first(lint_yaml):
    found = lint_yaml(items_list(("1", "对定点医药机构的检查", ""), ("2", "对参保单位的检查", ""),
                                 ("3", "对定点医药机构的检查", "")), select=["NUM006"])
    assert [(f.code, f.line, f.column) for f in found] == [("NUM006", 12, 11)]
    assert "序号 1" in found[0].message and "第 5 行" in found[0].message


def test_sub_items_continuations_and_near_names_quiet(lint_yaml):
    found = lint_yaml(items_list(("1", "对定点医药机构的检查", "对医院的检查"), ("1", "对定点医药机构的检查", "对药店的检查"),
                                 ("2", "对参保单位的检查", ""), ("2", "对参保单位的检查", ""),
                                 ("3", "对参保单位的处罚", "")), select=["NUM006"])
    assert found == []
