"""Every rule's messages, on the seeds (lists/) and on every rule fixture, read as a county clerk reads them:
no English words from us or from a library, no unfinished sentences."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from lint.config import Config
from lint.engine import check_paths

from .conftest import ROOT
from .test_rule_snapshots import FIXTURES, fixture_config

AS_OF = dt.date(2026, 11, 22)
# Text a message shows from the list or the registry (in 「」《》“” quotes) is data, not our wording.
QUOTED = re.compile(r"「[^「」]*」|《[^《》]*》|“[^“”]*”")
# ASCII a clerk meets as data: rule codes, file names, the list file's field names (config and YAML keys the
# message tells them to fill in), the command to run, standard numbers, the name of the public statute collection
# a registry entry was read from (LawRefBook/Laws, a proper name to look up); nothing else.
ALLOWED = re.compile(r"[A-Z]{3}\d{3}|LawRefBook/Laws|[\w./-]+\.(?:yaml|yml|md|txt|docx|xlsx|json)\b|meta\.\w+|lint-ignore|"
                     r"\b(?:powerlint|rules|kb|import|reason|codes|extra|documents|number|name|stages|basis|body|"
                     r"power_type|YAML|GB|YYYY-MM-DD)\b")
ENGLISH = re.compile(r"[A-Za-z]{2,}")
OPEN_CLOSE = ("（）", "《》", "“”", "「」", "〔〕")


def all_findings() -> list:
    seeds = check_paths([str(ROOT / "lists")], Config(as_of=AS_OF)).findings
    lists = sorted(str(p) for p in FIXTURES.glob("*.yaml"))
    fixtures = check_paths(lists, fixture_config(FIXTURES)).findings
    for directory in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):  # each a province of its own
        fixtures += check_paths([str(directory)], fixture_config(directory)).findings
    return seeds + fixtures


@pytest.fixture(scope="module")
def findings():
    return all_findings()


def english(message: str) -> list[str]:
    """ASCII words of a message outside quoted data and allowed tokens."""
    return ENGLISH.findall(ALLOWED.sub(" ", QUOTED.sub(" ", message)))


def unfinished(message: str) -> str:
    """Why the message reads as an unfinished sentence ("" when it does not)."""
    if message.rstrip()[-1:] in "，：、；（《“「":
        return "ends in the middle of a sentence"
    bare = QUOTED.sub("#", message)  # quoted text may carry the list's own unbalanced brackets
    for pair in OPEN_CLOSE:
        if bare.count(pair[0]) != bare.count(pair[1]):
            return f"unmatched {pair}"
    if re.search(r"被((?!取代)[^，；：。（）])*[，；]((?!被)[^，；：。])*取代", bare):
        return "「被…取代」 with its parts broken apart or missing"
    if re.search(r"([^；：（）]{2,})；\1[；）]", message):
        return "a part printed twice (来源：法律数据库；法律数据库)"
    return ""


def test_the_checks_themselves():
    assert english("lists/a.yaml 的 SCH007：lint-ignore 中写 reason；来源：法律数据库") == []
    assert english("二手资料（issued 只知年月）") == ["issued"]
    assert english("引文「U盘」《Foo》") == []
    assert unfinished("已于2021年12月22日被甘医保发〔2021〕122号，现行为《甲》取代")
    assert unfinished("标题不一致：") and unfinished("缺少（一")
    assert unfinished("（来源：法律数据库；法律数据库；可信度：高）")
    assert unfinished("已于2021年12月22日被甘医保发〔2021〕122号取代，后者又被《甲》取代：请改引《甲》") == ""


def test_no_english_words(findings):
    bad = sorted({f"{f.code}: {w} in {f.message}" for f in findings for w in english(f.message)})
    assert not bad, "\n".join(bad[:20])


def test_no_unfinished_sentences(findings):
    bad = sorted({f"{f.code}: {why}: {f.message}" for f in findings if (why := unfinished(f.message))})
    assert not bad, "\n".join(bad[:20])


def test_every_rule_is_read(findings):
    from lint.registry import all_rules

    assert set(all_rules()) <= {f.code for f in findings}
