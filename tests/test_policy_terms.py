"""Policy terms of current administration (rules/policy_terms.yaml) are words: no text rule fires on them, in a
remark, in a column of their own or in a sentence; the character model still judges the text around them."""

from __future__ import annotations

import yaml

from lint import data
from lint.analysis import garbling

from .conftest import ROOT

TERMS = data.load("policy_terms.yaml")["terms"]


def terms_list() -> str:
    items = [{"number": str(i), "name": f"第{i}项事项", "power_type": "行政处罚", "body": "天水市医疗保障局",
              "basis": ["《中华人民共和国社会保险法》第八十七条"], "remarks": term,
              "extra": {"首违免罚的依据": f"{term}依据", "配套监管措施": f"按照{term}的要求，对当事人依法不予处罚。"}}
             for i, term in enumerate(TERMS, 1)]
    return yaml.safe_dump({"format": "powerlist/1",
                           "meta": {"title": "天水市医疗保障局首违免罚事项清单", "department": "天水市医疗保障局"},
                           "items": items}, allow_unicode=True, sort_keys=False)


def test_every_policy_term_quiet(lint_yaml):
    assert len(TERMS) >= 12
    assert lint_yaml(terms_list(), select=["OCR", "NUM", "JUR"]) == []


def test_text_around_a_term_still_judged():
    assert garbling.scrambled("首违免罚对支医为用办监纳付疗和及业督的无限医医务")


def test_registry_titles_quiet():
    titles = [entry["title"] for entry in yaml.safe_load((ROOT / "rules" / "documents.yaml").read_text("utf-8"))["documents"]]
    assert titles and [t for t in titles if garbling.scrambled(t)] == []


def test_law_database_titles_quiet():
    from lint.kb import lawdb

    assert [t for t in lawdb.names() if garbling.scrambled(t)] == []  # 367 titles when the database is installed
