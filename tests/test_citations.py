"""Citation extraction: numerals, document numbers, articles, quotes and version qualifiers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.citations import extract
from lint.text.docnum import find
from lint.text.numerals import chinese, kind, parse


def test_numerals():
    assert parse("八十七") == 87
    assert parse("87") == 87
    assert parse("８７") == 87
    assert parse("一千二百六十") == 1260
    assert parse("六49") == 649 and kind("六49") == "mixed"
    assert parse("十十") is None and parse("第") is None and parse("") is None


@given(st.integers(min_value=0, max_value=99999))
def test_numerals_round_trip(n):
    assert parse(chinese(n)) == n
    assert parse(str(n)) == n


@given(st.text())
def test_numerals_never_crash(text):
    assert parse(text) is None or isinstance(parse(text), int)


def test_document_number_forms():
    cases = {
        "（医保办发(2022)22号）": ("医保办发〔2022〕22号", ["年份应使用六角括号〔〕"]),
        "人社部[2016]120号": ("人社部〔2016〕120号", ["年份应使用六角括号〔〕"]),
        "【甘医保发【2023】44号": ("甘医保发〔2023〕44号", ["年份应使用六角括号〔〕"]),
        "民发〔20017〕101号": ("民发〔20017〕101号", ["年份不可能"]),
        "（国务院令第六49号，": ("国务院令第649号", ["序号混用汉字和阿拉伯数字"]),
        "国务院令149号": ("国务院令第149号", ["令号应写作“机关令第N号”"]),
        "国家医疗保障局第3号令": ("国家医疗保障局令第3号", ["令号应写作“机关令第N号”"]),
        "主席令第三十五号": ("主席令第三十五号", []),
        "(中华人民共和国国务院令第 735号)": ("国务院令第735号", []),
        "国发〔1998〕44号": ("国发〔1998〕44号", []),
    }
    for text, (normalized, problems) in cases.items():
        [number] = find(text)
        assert (number.normalized, number.problems()) == (normalized, problems), text
        assert text[number.start:number.end] == number.written


def test_document_number_issuer_is_cut_at_known_prefix():
    [number] = find("根据通知国办发〔2013〕14号")
    assert number.issuer == "国办发" and number.written == "国办发〔2013〕14号"


@given(st.sampled_from(["国发", "医保发", "甘医保发", "人社部发", "财社"]), st.integers(1949, 2100),
       st.integers(1, 9999), st.sampled_from(["〔〕", "[]", "()", "（）", "【】"]))
def test_document_number_round_trip(issuer, year, num, brackets):
    written = f"{issuer}{brackets[0]}{year}{brackets[1]}{num}号"
    [number] = find(f"（{written}）")
    assert number.written == written
    assert number.normalized == f"{issuer}〔{year}〕{num}号"
    assert number.key == ("document", issuer, year, num)
    assert bool(number.problems()) == (brackets != "〔〕")


@pytest.fixture(scope="module")
def names_loaded():
    """The registry and the names known without 书名号 loaded once, before any example is timed."""
    extract("劳动法第89条")


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("《》（）()〔〕[]第条款项之一二三十百号令发国务院年月日：:“”、；。 0123456789法办")) ),
       st.text())
def test_extraction_never_crashes(names_loaded, noise, anything):
    for text in (noise, anything, "《社会保险法》" + noise):
        for cit in extract(text):
            assert 0 <= cit.start <= cit.end <= len(text)
            for art in cit.articles:
                assert text[art.start:art.end] == art.label


def test_multi_article_cell_is_segmented():
    text = ("《中华人民共和国社会保险法》(2011年7月1日施行,2018年12月29日第十三届全国人民代表大会常务委员会第七次会议修正)"
            "第八十七条:以欺诈手段骗取社会保险基金支出的，依照本法第八十六条的规定处理。第八十八条:“以欺诈手段骗取社会保险待遇的，责令退回。”")
    [cit] = extract(text)
    assert cit.title == "中华人民共和国社会保险法"
    assert [a.number for a in cit.articles] == [87, 88]  # 第八十六条 inside the quote is not a label
    assert cit.articles[0].quote.endswith("的规定处理。")
    assert cit.articles[1].quote == "以欺诈手段骗取社会保险待遇的，责令退回。"
    assert cit.version.latest == dt.date(2018, 12, 29)


def test_article_lists_chapters_and_numbers():
    [cit] = extract("《社会救助暂行办法》（国务院令第649号）第六十六、第六十七、第六十九条。")
    assert cit.articles[0].numbers == (66, 67, 69)
    assert [n.normalized for n in cit.numbers] == ["国务院令第649号"]
    [cit] = extract("《示例办法》第五章第二十七条：国家建立制度。第3条之一第二款第（三）项")
    assert (cit.articles[0].chapter, cit.articles[0].number) == (5, 27)
    second = cit.articles[1]
    assert (second.number, second.sub, second.paragraph, second.item) == (3, 1, 2, 3)


def test_nested_title_in_version_qualifier_is_not_a_citation():
    text = "《社会救助暂行办法》(国务院令第649号,根据2019年3月2日《国务院关于修改部分行政法规的决定》修订)第三十条:申请医疗救助的。"
    [cit] = extract(text)
    assert cit.version.latest == dt.date(2019, 3, 2) and cit.articles[0].number == 30


def test_forms_are_not_documents_and_bare_short_names_are():
    assert extract("制作《行政处罚告知书》送达当事人") == []
    [cit] = extract("依据：社会保险法第八十八条")
    assert cit.title == "社会保险法" and not cit.bracketed and cit.articles[0].number == 88
    assert extract("遵守社会保险法律、法规") == []


def test_html_is_blanked_without_moving_offsets():
    text = "<p>《示例条例》第三条：“内容”</p>"
    [cit] = extract(text)
    assert text[cit.articles[0].start:cit.articles[0].end] == "第三条"
    assert cit.articles[0].quote == "内容"
