"""COD rules on invented lists: layouts learned from the list's own codes."""

from __future__ import annotations

from stdnum.cn import uscc

HEAD = """\
format: powerlist/1
meta: {department: 示例市医疗保障局, level: 市级, region: {province: 甘肃省, city: 示例市}}
items:
"""
CREDIT = "11620500MB16170967"  # a valid credit code (check character 7)
TYPES = {"01": "行政许可", "02": "行政处罚", "03": "行政强制", "05": "行政给付", "07": "行政确认", "10": "其他行政权力"}


def tianshui_like(rows, credit=CREDIT):
    """Items with codes laid out as credit code + 362 + type + 36 + sequence + sub-item."""
    out = []
    for i, (type_code, seq, *override) in enumerate(rows):
        code = override[0] if override else f"{credit}362{type_code}36{seq:03d}000"
        out.append(f"  - number: '{100 + i}'\n    name: 事项{i}\n    power_type: {TYPES[type_code]}\n"
                   f"    power_code: '{code}'\n")
    return HEAD + "".join(out)


ROWS = [("02", 1), ("03", 1), ("05", 1), ("05", 2), ("07", 1), ("10", 1), ("10", 2), ("10", 3)]


def found(findings):
    return [(f.code, f.item) for f in findings if f.code.startswith("COD")]


def test_well_formed_codes_are_quiet(lint_yaml):
    assert found(lint_yaml(tianshui_like(ROWS), select=["COD"])) == []


def test_code_that_lost_characters(lint_yaml):
    rows = ROWS[:4] + [("07", 1, "11620500MB1673620736001000")] + ROWS[5:]
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD001", "104")]
    assert "为 26 位，本清单其他编码均为 31 位" in result[0].message
    assert "可能丢失了字符" in result[0].message
    assert (result[0].line, result[0].column) == (23, 18)


def test_letter_in_digit_position_and_spaces(lint_yaml):
    rows = ROWS[:2] + [("05", 1, f"{CREDIT}362053600I000"), ("05", 2, f"{CREDIT}3620536 02000")] + ROWS[4:]
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD001", "102"), ("COD001", "103"), ("COD001", "103")]
    assert "第 28 位「I」不是数字" in result[0].message
    assert "为 30 位" in result[1].message and "空格" in result[2].message  # checked without the space too


def test_codes_with_spaces_are_checked_without_them_and_repaired(lint_yaml, tmp_path):
    from lint.fixer import apply_edits

    spaced = [("02", 1, f"{CREDIT}362 0236 001000"), ("03", 1, f"{CREDIT}3620336001000 ")]
    rows = spaced + ROWS[2:] + [("05", 9, f"{CREDIT}362 02 36009000")]  # type 02 on a 行政给付 item
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD001", "100"), ("COD001", "108"), ("COD003", "108")]
    assert result[0].message.startswith(f"权力编码「{CREDIT}362 0236 001000」中有空格")
    assert result[0].fix.safe and len(result[0].fix.edits) == 2
    assert result[2].column == result[1].column + 1  # the type segment, found past the space, shown where written
    fixed, count = apply_edits(tianshui_like(rows), [e for f in result if f.fix for e in f.fix.edits])
    assert count == 4 and f"'{CREDIT}3620236001000'" in fixed and f"'{CREDIT}3620236009000'" in fixed
    assert found(lint_yaml(tianshui_like(rows[:2]), select=["COD"])) == [("COD001", "100")]  # too few codes to learn


def test_broken_credit_code_check_character(lint_yaml):
    bad = CREDIT[:17] + "8"
    assert not uscc.is_valid(bad)
    result = lint_yaml(tianshui_like(ROWS, credit=bad), select=["COD"])
    assert found(result) == [("COD002", "100")]
    assert "应为「7」" in result[0].message


def test_item_with_another_credit_code(lint_yaml):
    other = "11620500MB1617097" + uscc.calc_check_digit("11620500MB1617097")
    rows = ROWS[:6] + [("10", 2, f"{other}3621036002000")] + ROWS[7:]
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD002", "106")]
    assert "校验位正确，可能是另一部门的代码" in result[0].message


def test_type_segment_contradicts_power_type(lint_yaml):
    rows = ROWS[:1] + [("03", 1, f"{CREDIT}3620236002000")] + ROWS[2:]
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD003", "101")]
    assert "第 22–23 位为「02」（行政处罚），与权力类型「行政强制」（03）不符" in result[0].message
    assert result[0].column == 18 + 21


def test_duplicate_sequence(lint_yaml):
    rows = ROWS + [("10", 3)]
    result = lint_yaml(tianshui_like(rows), select=["COD"])
    assert found(result) == [("COD004", "108")]
    assert "序号 107" in result[0].message


def test_other_layout_is_learned(lint_yaml):
    """A province writing codes as region + type + sequence, 14 characters, no credit code."""
    codes = ["62050002000101", "62050002000201", "62050005000101", "62050007000101", "6205000700020"]
    types = ["行政处罚", "行政处罚", "行政给付", "行政确认", "行政确认"]
    body = HEAD + "".join(f"  - number: '{i + 1}'\n    name: 事项{i}\n    power_type: {t}\n    power_code: '{c}'\n"
                          for i, (c, t) in enumerate(zip(codes, types)))
    result = lint_yaml(body, select=["COD"])
    assert found(result) == [("COD001", "5")]
    assert "为 13 位，本清单其他编码均为 14 位" in result[0].message
    wrong_type = body.replace("62050005000101", "62050002000301")
    assert found(lint_yaml(wrong_type, select=["COD"])) == [("COD003", "3"), ("COD001", "5")]


def test_few_codes_teach_nothing(lint_yaml):
    body = tianshui_like(ROWS[:2] + [("05", 1, "X")])
    assert found(lint_yaml(body, select=["COD"])) == []


def test_sub_item_code_without_sub_item(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 事项一
    sub_item: 对定点医疗机构的检查
    power_code: 'A01'
    sub_item_code: 'A01001'
  - number: '2'
    name: 事项二
    power_code: 'A02'
    sub_item_code: 'A02001'
  - number: '3'
    name: 事项三
    sub_item: 对定点药店的检查
    power_code: 'A03'
"""
    result = lint_yaml(body, select=["COD005"])
    assert found(result) == [("COD005", "2"), ("COD005", "3")]
    assert "没有子项名称" in result[0].message and "没有子项编码" in result[1].message
