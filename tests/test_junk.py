"""OCR011: junk characters of a lost encoding are caught in any field; ordinary punctuation stays quiet."""

from __future__ import annotations

import pytest

from lint.analysis.junk import junk_runs


@pytest.mark.parametrize("text, run", [
    ("?????第七十七条", "?????"),
    ("依据？？？？条例", "？？？？"),
    ("开展■■■检查", "■■■"),
    ("文\ufffd件", "\ufffd"),
    ("锟斤拷锟斤拷规定", "锟斤拷锟斤拷"),
    ("烫烫烫烫", "烫烫烫烫"),
    ("å·¥ä½œäººå‘˜", "å·¥ä½œäººå‘˜"),
])
def test_junk_found(text, run):
    assert [j.run for j in junk_runs(text)] == [run]


@pytest.mark.parametrize("text", [
    "是否按规定使用医疗保障基金？",
    "□现场检查 □书面检查",
    "依据“社会保险法”第八十六条",
    "《社会保险法》第八十六条；《劳动法》第八十九条",
    "对医疗机构的行政检查（含“双随机、一公开”）",
])
def test_clean_text_quiet(text):
    assert junk_runs(text) == ()
