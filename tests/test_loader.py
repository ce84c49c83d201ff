"""Loading list files: positions of values, schema problems, lenient scalars."""

from __future__ import annotations

from lint.loader import load_text
from lint.model import Value

DOC = """\
format: powerlist/1
meta:
  department: 示例县医疗保障局
items:
  - number: 10
    name: 对“骗保”行为的处罚
    power_type: '行政处罚'
    basis:
      - 《示例法》第三条：示例文字
    stages:
      - text: |-
          第一行
          第二行含错字
    bodyy: 多余
"""


def test_values_keep_positions_and_strings():
    plist = load_text(DOC, "x.yaml").plist
    item = plist.items[0]
    assert item.label == "10"  # written as a YAML int, kept as printed
    assert (item.get("name").line, item.get("name").column) == (6, 11)
    assert item.get("power_type").value == "行政处罚"


def test_locate_offsets_inside_plain_quoted_and_literal_scalars():
    plist = load_text(DOC, "x.yaml").plist
    item = plist.items[0]
    name = item.get("name")
    index, line, column = name.locate(name.value.index("骗保"), plist.source)
    assert (line, column) == (6, 11 + 2) and plist.source[index:index + 2] == "骗保"
    quoted = item.get("power_type")
    index, line, column = quoted.locate(2, plist.source)
    assert plist.source[index:index + 2] == "处罚" and column == 20
    block = item.stages[0].text
    offset = block.value.index("错字")
    index, line, column = block.locate(offset, plist.source)
    assert (line, column) == (13, 15) and plist.source[index:index + 2] == "错字"


def test_schema_problems_are_positioned():
    problems = load_text(DOC, "x.yaml").problems
    assert len(problems) == 1
    assert "未知字段「bodyy」" in problems[0].message
    assert (problems[0].line, problems[0].path) == (5, ("items", 0))


def test_duplicate_keys_are_reported():
    problems = load_text("meta: {}\nitems: []\nmeta: {}\n", "x.yaml").problems
    assert any("重复" in p.message and p.line == 3 for p in problems)


def test_escaped_double_quoted_value_falls_back_to_scalar_start():
    value = Value("a\tb", 10, 2, 5, '"')
    assert value.locate(2, "0123456789\"a\\tb\"") == (10, 2, 5)
