"""Splitting 责任事项 into stages: the numbering and heading styles of the seeds, and the
round-trip property (labels and texts are the input, less whitespace between pieces)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lint.analysis.stagetext import split_stages


def names(text):
    return [s.name for s in split_stages(text)]


def labels(text):
    return [s.label for s in split_stages(text)]


def test_numbered_headings_and_numbered_catch_all():
    text = "1. 受理阶段责任：告知用人单位； 2. 审核阶段责任：医保局审核； 5. 其他法律法规规章文件规定应履行的责任。"
    stages = split_stages(text)
    assert [tuple(s) for s in stages] == [
        ("1. 受理阶段责任：", "受理", "告知用人单位；"),
        ("2. 审核阶段责任：", "审核", "医保局审核；"),
        ("5. ", None, "其他法律法规规章文件规定应履行的责任。"),
    ]


def test_numbering_styles():
    assert names("1、受理责任：甲。2、审查责任：乙。") == ["受理", "审查"]
    assert names("1．受理责任：甲。2．审查责任：乙。") == ["受理", "审查"]
    assert names("(1) 立案责任：甲。\n(2) 调查责任：乙。") == ["立案", "调查"]
    assert names("（1）立案责任：甲。（2）调查责任：乙。") == ["立案", "调查"]
    assert names("（一）受理责任：甲。（二）审查责任：乙。") == ["受理", "审查"]
    assert names("一、受理责任：甲。二、审查责任：乙。十一、送达责任：丙。") == ["受理", "审查", "送达"]


def test_heading_separators_full_and_half_width():
    assert names("1.受理责任;甲。2.审查责任；乙。3.决定责任:丙。4.送达阶段责任： 丁。") == ["受理", "审查", "决定", "送达"]
    assert labels("3. 审查阶段责任: 审查案件。")[0] == "3. 审查阶段责任: "


def test_unnumbered_headings():
    stages = split_stages("受理责任：甲。 审查责任：乙。 决定责任：丙。")
    assert [(s.label, s.name, s.text) for s in stages] == [
        ("受理责任：", "受理", "甲。"), ("审查责任：", "审查", "乙。"), ("决定责任：", "决定", "丙。")]


def test_stage_name_is_not_normalised():
    assert names("1. 事后监管阶段责任：甲。2. 不诚信行为的确定阶段：乙。") == ["事后监管", "不诚信行为的确定"]


def test_unnumbered_catch_all_at_the_end_is_its_own_stage():
    stages = split_stages("立案阶段责任：甲。 执行阶段责任：乙。 其他法律法规规章规定应履行的责任。")
    assert stages[-1] == (None, None, "其他法律法规规章规定应履行的责任。")
    assert stages[-2].text == "乙。"


def test_text_without_structure_is_one_stage():
    assert split_stages("  依法受理申请，作出决定。  ") == [(None, None, "依法受理申请，作出决定。")]
    assert split_stages("") == []
    assert split_stages(" \n ") == []


def test_text_before_the_first_stage_is_kept_unlabelled():
    stages = split_stages("查时应当出示执法证件。 3. 审查阶段责任: 审查案件。")
    assert stages[0] == (None, None, "查时应当出示执法证件。")
    assert stages[1].name == "审查"


def test_sub_lists_inside_a_stage_are_not_split():
    stages = split_stages("1. 确定阶段：（1）依据办法。（2）举报查实。\n2. 处罚阶段：核查。")
    assert [s.name for s in stages] == ["确定", "处罚"]
    assert stages[0].text == "（1）依据办法。（2）举报查实。"
    # the same style, numbers not going up: a list inside stage 3
    stages = split_stages("3. 决定责任：1.甲；2.乙。4. 送达责任：丙。")
    assert [s.label for s in stages] == ["3. 决定责任：", "4. 送达责任："]
    # numbers under an unnumbered heading belong to it
    stages = split_stages("直接实施责任: 1. 制定计划。 2. 联合检查。")
    assert len(stages) == 1 and stages[0].text == "1. 制定计划。 2. 联合检查。"


def test_numbering_defects_are_kept():
    # a gap (1, 2, 3, 5) and a duplicate stay visible in the labels
    assert labels("1. 受理责任：甲。2. 审查责任：乙。3. 决定责任：丙。5. 送达责任：丁。") == [
        "1. 受理责任：", "2. 审查责任：", "3. 决定责任：", "5. 送达责任："]
    assert labels("1. 受理责任：甲。1. 审查责任：乙。") == ["1. 受理责任：", "1. 审查责任："]


def test_numbers_inside_words_and_figures_are_not_stages():
    text = "1. 受理责任：第1.2项所列，不超过 7 个工作日，统一、规范，电话0825-5801815。2. 审查责任：乙。"
    assert names(text) == ["受理", "审查"]


def rebuilt_from(text, stages):
    """Whether the pieces are the text in order with only whitespace around them."""
    pos = 0
    for stage in stages:
        for piece in (stage.label, stage.text):
            if not piece:
                continue
            skipped = re.match(r"\s*", text[pos:]).end()
            if not text.startswith(piece, pos + skipped):
                return False
            pos += skipped + len(piece)
    return not text[pos:].strip()


_PIECES = st.sampled_from(["1.", "2、", "3．", "(1)", "（2）", "（一）", "二、", "受理", "阶段", "责任", "：", ":",
                           ";", "；", "。", " ", "\n", "其他", "法律", "甲", "5", "十", "（", ")"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_labels_and_texts_give_back_the_text(text):
    stages = split_stages(text)
    assert rebuilt_from(text, stages)
    for stage in stages:
        assert stage.text == stage.text.strip()
        if stage.name is not None:
            assert stage.label is not None and stage.name in stage.label
        if stage.label is not None:
            assert stage.label == stage.label.lstrip()
    assert (stages == []) == (text.strip() == "")
