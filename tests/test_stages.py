"""STG rules on invented lists: what must be caught and what must stay quiet."""

from __future__ import annotations

from lint.analysis.stages import canonical_stages

HEAD = """\
format: powerlist/1
meta: {department: 示例市医疗保障局, level: 市级, region: {province: 甘肃省, city: 示例市}}
items:
"""

PENALTY_FULL = """\
  - number: '1'
    name: 对骗取医保基金支出的处罚
    power_type: 行政处罚
    stages:
      - {label: '(1) 立案责任：', name: 立案, text: 对发现的违法行为予以审查，决定是否立案。}
      - {label: '(2) 调查责任：', name: 调查, text: 及时组织调查取证，执法人员不得少于两人。}
      - {label: '(3) 审查责任：', name: 审查, text: 审理案件调查报告，提出处理意见。}
      - {label: '(4) 告知责任：', name: 告知, text: 作出决定前告知当事人陈述、申辩的权利。}
      - {label: '(5) 决定责任：', name: 决定, text: 制作《行政处罚决定书》。}
      - {label: '(6) 送达责任：', name: 送达, text: 按法律规定的方式送达当事人。}
      - {label: '(7) 执行责任：', name: 执行, text: 依照生效的行政处罚决定监督履行。}
      - {label: '(8) 其他责任：', name: 其他, text: 法律法规规章文件规定应履行的其他责任。}
"""

COERCION_FULL = """\
  - number: '2'
    name: 对可能被转移的基金资料予以封存
    power_type: 行政强制
    stages:
      - {label: '(1) 催告责任: ', name: 催告, text: 催告被调查单位。}
      - {label: '(2) 决定责任: ', name: 决定, text: 决定是否采取封存措施。}
      - {label: '(3) 执行责任: ', name: 执行, text: 送达封存通知书并采取封存措施。}
      - {label: '(4) 事后监管责任: ', name: 事后监管, text: 封存期满及时解除封存。}
      - {label: '(5) 其他责任: ', name: 其他, text: 法律法规规章文件规定应履行的其他责任。}
"""


def codes(findings, prefix="STG"):
    return [(f.code, f.item) for f in findings if f.code.startswith(prefix)]


def test_complete_penalty_and_coercion_lists_are_quiet(lint_yaml):
    assert codes(lint_yaml(HEAD + PENALTY_FULL + COERCION_FULL, select=["STG"])) == []


def test_canonical_names_merged_and_synonyms():
    assert canonical_stages("受理审查") == ["受理", "审查"]
    assert canonical_stages("审核阶段") == ["审查"]
    assert canonical_stages("事后监管") == ["事后监管"]
    assert canonical_stages("办理") == ["决定", "送达"]
    assert canonical_stages("信息保密") == []


def test_missing_required_stages_named(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 对骗取医保基金支出的处罚
    power_type: 行政处罚
    stages:
      - {label: '1. 立案阶段责任：', name: 立案, text: 予以立案。}
      - {label: '2. 调查阶段责任：', name: 调查, text: 调查取证。}
      - {label: '3. 审查阶段责任：', name: 审查, text: 审查调查报告。}
      - {label: '4. 决定阶段责任：', name: 决定, text: 作出决定。}
      - {label: '5. ', text: 其他法律法规规章规定应履行的责任。}
"""
    found = [f for f in lint_yaml(body, select=["STG"])]
    assert codes(found) == [("STG002", "1")]
    assert "缺少必需的责任环节：告知、送达、执行" in found[0].message
    assert found[0].severity == "warning" and found[0].line == 7


def test_merged_stage_counts_for_both(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 医疗费用报销
    power_type: 行政给付
    stages:
      - {label: '1. 受理审查责任：', name: 受理审查, text: 一次性告知应当准备的材料。}
      - {label: '2. 报销核准责任：', name: 报销核准, text: 复核后核准。}
      - {label: '3. ', text: 其他法律规章文件规定应履行的责任。}
"""
    assert codes(lint_yaml(body, select=["STG"])) == []


def test_unlabelled_stages_read_by_keywords(lint_yaml):
    quiet = HEAD + """\
  - number: '1'
    name: 参保单位登记
    power_type: 行政确认
    stages:
      - text: 依法受理申请，审核申报材料，作出确认决定并送达。其他法律法规规定应履行的责任。
"""
    assert codes(lint_yaml(quiet, select=["STG"])) == []
    loud = quiet.replace("依法受理申请，审核申报材料，", "")
    found = lint_yaml(loud, select=["STG"])
    assert codes(found) == [("STG002", "1")]
    assert "受理、审查" in found[0].message


def test_one_stage_holding_several_is_split(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 参保单位登记
    power_type: 行政确认
    stages:
      - text: 受理责任：依法受理申请。决定责任：作出确认决定。其他法律法规规定应履行的责任。
"""
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG002", "1")]
    assert "缺少必需的责任环节：审查（" in found[0].message


def test_stages_out_of_order(lint_yaml):
    body = HEAD + PENALTY_FULL.replace("(4) 告知责任：', name: 告知", "(4) X责任：', name: 决定").replace(
        "(5) 决定责任：', name: 决定", "(5) 告知责任：', name: 告知")
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG003", "1")]
    assert "「告知」环节写在「决定」之后" in found[0].message
    assert found[0].line == 12 and found[0].column == 18


def test_catch_all_not_last(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 医疗救助金给付
    power_type: 行政给付
    stages:
      - {label: '1. 受理责任：', name: 受理, text: 依法受理。}
      - {label: '2. 其他责任：', name: 其他, text: 法律法规规定应履行的其他责任。}
      - {label: '3. 审查责任：', name: 审查, text: 审查材料。}
      - {label: '4. 决定责任：', name: 决定, text: 作出决定。}
"""
    found = lint_yaml(body, select=["STG003"])
    assert codes(found) == [("STG003", "1")] and "兜底环节" in found[0].message


def test_cut_off_start_and_end(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 对骗取医保基金支出的处罚
    power_type: 行政处罚
    stages:
      - {text: 查时应当出示执法证件，允许当事人辩解陈述。}
      - {label: '3. 审查阶段责任: ', name: 审查, text: 审查案件调查报告。}
      - {label: '4. 告知阶段责任: ', name: 告知, text: 作出行政处罚决定前，应制作《行政处罚告知书》送达}
"""
    found = lint_yaml(body, select=["STG", "NUM"])
    assert codes(found, "") == [("STG004", "1"), ("STG004", "1")]
    assert "前面的「立案、调查」环节" in found[0].message and found[0].line == 8
    assert "其后的「决定、送达、执行、事后监管」环节已丢失" in found[1].message
    assert (found[1].line, found[1].column) == (10, 71)


def test_fragment_at_start_without_numbers(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 参保单位登记
    power_type: 行政确认
    stages:
      - {text: 的材料，依法受理或不予受理。}
      - {name: 审查, text: 审查材料。}
      - {name: 决定, text: 作出决定。}
      - {name: 其他, text: 其他法律法规规定应履行的责任。}
"""
    assert codes(lint_yaml(body, select=["STG"])) == [("STG004", "1")]


def test_complete_sentences_and_intro_are_not_cut(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 参保单位登记
    power_type: 行政确认
    stages:
      - {text: 本事项责任如下：}
      - {label: '1. 受理责任：', name: 受理, text: 依法受理。}
      - {label: '2. 审查责任：', name: 审查, text: 审查材料。}
      - {label: '3. 决定责任：', name: 决定, text: 作出决定；}
      - {label: '4. ', text: 其他法律法规规定应履行的责任}
"""
    assert codes(lint_yaml(body, select=["STG"])) == []


def test_no_stages(lint_yaml):
    body = HEAD + PENALTY_FULL + """\
  - number: '2'
    name: 对骗取医保基金支出的处罚
    power_type: 行政处罚
    stages: []
  - number: '3'
    name: 医疗救助金给付
    power_type: 行政给付
"""
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG001", "2"), ("STG001", "3")]
    assert "立案→调查" in found[0].message and found[0].severity == "error"


def test_list_without_any_stages_reported_once(lint_yaml):
    body = HEAD + """\
  - {number: '1', name: 事项一, power_type: 行政处罚}
  - {number: '2', name: 事项二, power_type: 行政给付}
"""
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG001", None)] and "2 个事项都没有责任事项" in found[0].message


def test_unpunctuated_style_is_not_cut(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 参保单位登记
    power_type: 行政确认
    stages:
      - {label: '1. 受理责任：', name: 受理, text: 依法受理}
      - {label: '2. 审查责任：', name: 审查, text: 审查材料}
      - {label: '3. 决定责任：', name: 决定, text: 送达《登记证》}
"""
    assert codes(lint_yaml(body, select=["STG004"])) == []
    assert codes(lint_yaml(body.replace("依法受理}", "依法受理。}").replace("审查材料}", "审查材料。}")
                           .replace("送达《登记证》}", "对符合条件的}"), select=["STG004"])) == [("STG004", "1")]


def test_stages_allowed_in_either_order(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 医疗救助金给付
    power_type: 行政给付
    stages:
      - {label: '1. 受理责任：', name: 受理, text: 依法受理。}
      - {label: '2. 审核责任：', name: 审核, text: 审核材料。}
      - {label: '3. 决定责任：', name: 决定, text: 作出决定。}
      - {label: '4. 拨付责任：', name: 拨付, text: 拨付资金。}
      - {label: '5. 送达责任：', name: 送达, text: 送达结算单。}
      - {label: '6. 其他责任：', name: 其他, text: 其他法律法规规定应履行的责任。}
"""
    assert codes(lint_yaml(body, select=["STG"])) == []


def test_catch_all_missing_is_info(lint_yaml):
    body = HEAD + PENALTY_FULL.replace(
        "      - {label: '(8) 其他责任：', name: 其他, text: 法律法规规章文件规定应履行的其他责任。}\n", "")
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG005", "1")] and found[0].severity == "info"


def test_type_inferred_from_name_at_info(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 城乡居民医疗保险参保核定征缴
    stages:
      - {label: '1. 受理阶段责任：', name: 受理, text: 告知参保人办理参保登记。}
      - {label: '2. 决定阶段责任：', name: 决定, text: 核定缴费数额。}
      - {label: '3. ', text: 其他法律法规规章文件规定应履行的责任。}
  - number: '2'
    name: 生育保险待遇给付
    stages:
      - {label: '1. 受理阶段责任：', name: 受理, text: 依法受理。}
      - {label: '2. 审查阶段责任：', name: 审查, text: 审查材料。}
      - {label: '3. 核定阶段责任：', name: 核定, text: 签署办理意见。}
      - {label: '4. ', text: 其他法律法规规章规范性文件规定应履行的责任。}
"""
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG002", "1")]
    assert found[0].severity == "info"
    assert "推断为行政征收" in found[0].message and "「征缴」" in found[0].message


def test_garbled_type_resolved(lint_yaml):
    body = HEAD + PENALTY_FULL.replace("power_type: 行政处罚", "power_type: 行处政罚").replace(
        "      - {label: '(7) 执行责任：', name: 执行, text: 依照生效的行政处罚决定监督履行。}\n", "")
    found = lint_yaml(body, select=["STG"])
    assert codes(found) == [("STG002", "1")]
    assert "按「行政处罚」核对" in found[0].message and found[0].severity == "warning"


def test_other_power_has_no_template(lint_yaml):
    body = HEAD + """\
  - number: '1'
    name: 基金预算草案编制
    power_type: 其他行政权力
    stages:
      - {label: '1.', name: 数据收集, text: 一次性告知需提交数据。}
      - {label: '2.', name: 归档整理, text: 存档。}
      - {label: '3. ', text: 法律法规规章规定的其他责任。}
"""
    assert codes(lint_yaml(body, select=["STG"])) == []


def test_empty_first_stage_is_not_a_fragment(lint_yaml):
    body = HEAD + PENALTY_FULL.replace("    stages:\n", "    stages:\n      - {text: ''}\n", 1)
    assert codes(lint_yaml(body, select=["STG"])) == []
