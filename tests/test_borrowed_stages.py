"""STG006: stages copied from another power type's template (rules/stages.yaml `signatures`)."""

from __future__ import annotations

LICENSING = """      - {name: 受理, text: 公示办理许可的条件、程序以及申请人所需提交的材料。}
      - {name: 审查, text: 对申请材料进行审查。}
      - {name: 决定, text: 作出准予许可或者不予许可的决定。}
      - {name: 送达, text: 送达决定书。}
"""


def _list(name: str, power_type: str, stages: str) -> str:
    type_line = f"\n    power_type: {power_type}" if power_type else ""
    return f"""
format: powerlist/1
meta: {{title: 示例县人力资源和社会保障局权责清单, department: 示例县人力资源和社会保障局, level: 县级}}
items:
  - number: '1'
    name: {name}{type_line}
    body: 示例县人力资源和社会保障局
    stages:
{stages}"""


def test_a_licensing_template_on_a_penalty_item(lint_yaml):
    [found] = lint_yaml(_list("对用人单位拒不出具证明的处罚", "行政处罚", LICENSING), select=["STG006"])
    assert found.severity == "warning" and found.message.startswith("责任事项像是行政许可的环节模板：含「许可」「准予」")


def test_the_late_fee_item_with_a_licensing_template_and_an_inferred_type(lint_yaml):
    [found] = lint_yaml(_list("对用人单位未按时足额缴纳社会保险费的征收", "", LICENSING), select=["STG006"])
    assert found.severity == "info" and "没有行政征收的程序用语（清单未写权力类型" in found.message


def test_own_words_or_a_mixed_template_stay_quiet(lint_yaml):
    own = LICENSING + "      - {name: 执行, text: 对逾期不缴纳的，依法申请强制执行，加收滞纳金。}\n"
    assert lint_yaml(_list("对用人单位未按时足额缴纳社会保险费的加收滞纳金", "行政征收", own), select=["STG006"]) == []
    assert lint_yaml(_list("人力资源服务许可", "行政许可", LICENSING), select=["STG006"]) == []
    one_word = "      - {name: 受理, text: 受理申请人的申请。}\n      - {name: 决定, text: 作出准予的决定。}\n"
    assert lint_yaml(_list("对用人单位拒不出具证明的处罚", "行政处罚", one_word), select=["STG006"]) == []
