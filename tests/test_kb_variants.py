"""Titles as lists write them, matched to imported texts (lint.kb.variants, rules/title_variants.yaml):
暂行/试行 and qualifiers left out, prefixes dropped, spellings swapped, short forms the statute defines —
used only when exactly one imported statute fits. Invented statutes throughout."""

from __future__ import annotations

import pytest

from lint.kb import statute, store
from lint.kb.directory import fits
from lint.kb.variants import forms, reduce

FIRST = "用人单位应当依法为职工办理登记手续，按时足额缴纳各项费用，不得拖欠或者克扣。"
SECOND = "监察机构对用人单位遵守本条例的情况实施监督检查，发现违法行为的，依法责令改正并予以处理。"


def save(directory, title, first=FIRST):
    store.save(directory, title, [{"no": 1, "sub": 0, "label": "第一条", "text": first},
                                  {"no": 2, "sub": 0, "label": "第二条", "text": SECOND}], "test")


def item(basis: str) -> str:
    return f"""
format: powerlist/1
meta: {{title: 示例清单, department: 示例县人力资源和社会保障局, level: 县级}}
items:
  - number: '1'
    name: 对用人单位违法行为的处罚
    power_type: 行政处罚
    body: 示例县人力资源和社会保障局
    basis:
      - '{basis}'
"""


VARIANTS = [  # (title imported, title as a list writes it)
    ("示例人力资源市场暂行条例", "示例人力资源市场条例"),
    ("示例劳动用工管理试行办法", "示例劳动用工管理办法"),
    ("示例企业职工带薪休假实施办法", "示例带薪休假实施办法"),
    ("示例市城镇职工医疗保险规定", "示例市医疗保险规定"),
    ("国务院关于示例职工工作时间的规定", "关于示例职工工作时间的规定"),
    ("示例省劳动和社会保障监察条例", "示例省劳动保障监察条例"),
]


@pytest.mark.parametrize("imported, written", VARIANTS)
def test_each_variant_form_is_checked_against_the_one_text_it_fits(lint_yaml, tmp_path, imported, written):
    directory = tmp_path / "knowledge"
    save(directory, imported)
    save(directory, "示例无关条例", first="本条例所称示例事项，是指与本清单无关的其他事项，由有关部门另行规定并公布。")
    assert statute(written, directory).title == imported
    swapped = lint_yaml(item(f"《{written}》第二条：{FIRST}"), select=["CIT"], knowledge_dir=directory)
    assert [f.code for f in swapped] == ["CIT001"]
    assert "所引内容实为第一条" in swapped[0].message and f"按《{imported}》核对" in swapped[0].message
    right = lint_yaml(item(f"《{written}》第一条：{FIRST}"), select=["CIT"], knowledge_dir=directory)
    assert right == []


def test_a_short_form_the_statute_defines_itself(lint_yaml, tmp_path):
    directory = tmp_path / "knowledge"
    defining = "为了加强职工权益保障监督（以下简称职工监督），维护职工合法权益，根据有关法律，结合本省实际，制定本条例。"
    save(directory, "示例省职工权益保障监督条例", first=defining)
    assert forms("示例省职工权益保障监督条例", [defining]) == {"示例省职工监督条例"}
    assert statute("示例省职工监督条例", directory).title == "示例省职工权益保障监督条例"
    found = lint_yaml(item(f"《示例省职工监督条例》第二条：{defining}"), select=["CIT"], knowledge_dir=directory)
    assert [f.code for f in found] == ["CIT001"] and "按《示例省职工权益保障监督条例》核对" in found[0].message


def test_an_ambiguous_short_title_is_not_guessed(lint_yaml, tmp_path):
    directory = tmp_path / "knowledge"
    save(directory, "示例市企业职工基本养老保险条例")
    save(directory, "示例市城镇职工基本养老保险条例")
    assert len(fits("示例市基本养老保险条例", directory)) == 2
    assert statute("示例市基本养老保险条例", directory) is None
    found = lint_yaml(item(f"《示例市基本养老保险条例》第二条：{FIRST}"), select=["CIT"], knowledge_dir=directory)
    assert found == []


def test_exact_titles_come_first_and_other_titles_do_not_fit(tmp_path):
    directory = tmp_path / "knowledge"
    save(directory, "示例人力资源市场暂行条例")
    save(directory, "示例人力资源市场条例", first="本条例自公布之日起施行，适用于本省行政区域内的人力资源市场活动及其管理。")
    assert statute("示例人力资源市场条例", directory).title == "示例人力资源市场条例"
    assert statute("示例人才市场条例", directory) is None  # a different title, not a variant
    assert statute("示例省人力资源市场条例", directory) is None  # a place is never left out
    assert reduce("《中华人民共和国示例法（试行）》".strip("《》")) == "示例法"


def test_coverage_says_why_a_nearly_matching_text_was_not_used(tmp_path):
    from lint.citations.coverage import coverage
    from lint.citations.perlist import list_citations
    from lint.loader import load_file

    directory = tmp_path / "knowledge"
    save(directory, "示例市企业职工基本养老保险条例")
    save(directory, "示例市城镇职工基本养老保险条例")
    save(directory, "示例省工伤保险条例")
    save(directory, "示例人力资源市场暂行条例")
    path = tmp_path / "list.yaml"
    path.write_text(item("《示例市基本养老保险条例》第二条；《示例省工伤保险实施条例》第二条；《示例人力资源市场条例》第二条"),
                    encoding="utf-8")
    rows = {r.title: r for r in coverage([list_citations(load_file(path).plist)], directory, None)}
    ambiguous, similar, variant = rows["示例市基本养老保险条例"], rows["示例省工伤保险实施条例"], rows["示例人力资源市场条例"]
    assert ambiguous.unchecked == 1 and "《示例市企业职工基本养老保险条例》《示例市城镇职工基本养老保险条例》都与此标题相符" in ambiguous.advice()
    assert similar.unchecked == 1 and "导入的《示例省工伤保险条例》与此标题相近" in similar.advice()
    assert variant.unchecked == 0 and variant.texts.endswith("（按《示例人力资源市场暂行条例》）")


def test_a_title_the_statute_itself_repeals_is_another_document(tmp_path):
    directory = tmp_path / "knowledge"
    save(directory, "示例省失业保险条例", first="本条例自2030年1月1日起施行。2001年公布的《示例省企业职工失业保险条例》同时废止。")
    assert statute("示例省企业职工失业保险条例", directory) is None  # the older regulation, not this one
    assert statute("示例省城镇职工失业保险条例", directory).title == "示例省失业保险条例"
