"""The province view: cross-list rules (XLS) and conformance to a standard catalogue (CAT), on a small
invented province — a catalogue and five county lists of 天水's counties with injected differences."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.config import Config, from_mapping
from lint.engine import check_paths

from .conftest import ROOT

# An invented provincial measure: no article texts anywhere, the lists themselves are the knowledge.
DOC = "《甘肃省医疗保障基金监督暂行办法》"
QUOTE = "定点医药机构以欺诈手段骗取医疗保障基金支出的，由医疗保障行政部门责令退回，并处罚款。"
DOC2 = "《甘肃省医疗救助实施细则》"
QUOTE2 = "医疗救助对象经审核符合条件的，由医疗保障部门按规定给予救助。"
CREDIT = {"省": "11620000MB0000001X", "秦安": "11620522MB0000001A", "甘谷": "11620523MB0000001B",
          "武山": "11620524MB0000001C", "清水": "11620521MB0000001D", "张家川": "11620525MB0000001E"}
COUNTY = {"秦安": "秦安县", "甘谷": "甘谷县", "武山": "武山县", "清水": "清水县", "张家川": "张家川回族自治县"}

PUNISH = "对定点医药机构骗取医保基金行为的处罚"
INSPECT = "对定点医药机构的监督检查"
AID = "医疗救助金给付"
PUNISH_STAGES = ["立案", "调查", "审查", "告知", "决定", "送达", "执行"]


def item(number, name, ptype, code, basis, stages):
    lines = [f"  - number: '{number}'", f"    name: {name}", f"    power_type: {ptype}",
             f"    power_code: '{code}'", "    body: 本局", "    basis:"]
    lines += [f"      - {b}" for b in basis] or ["      []"]
    lines += ["    stages:"] + [f"      - {{label: '{k}. {s}责任：', name: {s}, text: 依法{s}。}}"
                                 for k, s in enumerate(stages, 1)]
    return "\n".join(lines) + "\n"


def county_list(county, *, punish=PUNISH, label="第十条", inspect=(INSPECT, "行政检查"), aid=True, extra=False,
                aid_seq="001"):
    code = lambda t, seq: f"{CREDIT[county]}362{t}36{seq}000"  # noqa: E731
    head = textwrap.dedent(f"""\
        format: powerlist/1
        meta:
          title: {COUNTY[county]}医疗保障局权责清单
          department: {COUNTY[county]}医疗保障局
          region: {{province: 甘肃省, city: 天水市, county: {COUNTY[county]}}}
          level: 县级
        items:
        """)
    body = item(1, punish, "行政处罚", code("02", "001"), [f"{DOC}{label}：{QUOTE}"], PUNISH_STAGES)
    body += item(2, inspect[0], inspect[1], code("06", "001"), [f"{DOC}第三条：医疗保障行政部门负责本行政区域内的监督检查工作。"],
                 ["检查", "处置", "信息公开"])
    n = 3
    if aid:
        body += item(n, AID, "行政给付", code("05", aid_seq), [f"{DOC2}第八条：{QUOTE2}"], ["受理", "审查", "决定", "送达"])
        n += 1
    if extra:
        body += item(n, "医保政策宣传咨询", "其他行政权力", code("10", "001"), [], ["受理"])
    return head + body


CATALOGUE = textwrap.dedent("""\
    format: powerlist/1
    meta:
      title: 甘肃省县级医疗保障局权责清单通用目录
      department: 县级医疗保障局
      region: {province: 甘肃省}
      level: 县级
    items:
    """) + item(1, PUNISH, "行政处罚", f"{CREDIT['省']}3620236001000",
                [f"{DOC}第十条"], PUNISH_STAGES) \
    + item(2, INSPECT, "行政检查", f"{CREDIT['省']}3620636001000", [f"{DOC}第三条"], ["检查", "处置"]) \
    + item(3, AID, "行政给付", f"{CREDIT['省']}3620536001000", [f"{DOC2}第八条"], ["受理", "审查", "决定", "送达"])

# The injected differences, one or two per county:
LISTS = {
    "qinan.yaml": county_list("秦安", punish="定点医药机构骗取医保基金的处罚"),  # 「对…的处罚」 wording only
    "gangu.yaml": county_list("甘谷", inspect=(INSPECT + "（含专项检查）", "行政检查")),  # a bracketed note only
    "wushan.yaml": county_list("武山", label="第十二条", aid=False),  # minority article label; catalogue item missing
    "qingshui.yaml": county_list("清水", inspect=(INSPECT, "行政处罚"), extra=True),  # type outlier; extra item
    "zhangjiachuan.yaml": county_list("张家川", punish="对定点医药机构骗取医保基金支出行为的处罚",
                                      aid_seq="002"),  # drifted name; differing code
}


@pytest.fixture
def province(tmp_path):
    (tmp_path / "lists").mkdir()
    for name, text in LISTS.items():
        (tmp_path / "lists" / name).write_text(text, encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE, encoding="utf-8")
    return tmp_path


def run(province, select, **config):
    result = check_paths([str(province / "lists")], Config(select=select, **config))
    assert not result.errors, result.errors
    return result.findings


def locate(province, name, needle, occurrence=1):
    """(line, column) of the `occurrence`-th `needle` in a list file (1-based)."""
    text = (province / "lists" / name).read_text(encoding="utf-8")
    pos = -1
    for _ in range(occurrence):
        pos = text.index(needle, pos + 1)
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


# --- XLS001 citation consensus ---------------------------------------------------------------------

def test_minority_article_label_is_reported_at_its_label(province):
    found = run(province, ["XLS001"])
    assert [(Path(f.path).name, f.line, f.column, f.item) for f in found] == [
        ("wushan.yaml", *locate(province, "wushan.yaml", "第十二条"), "1")]
    assert "另有 4 份清单标为第十条" in found[0].message and "共 5 份清单" in found[0].message


@pytest.mark.parametrize("labels, reported", [
    (["第十条", "第十条", "第十二条"], False),  # two lists against one: no majority (MIN_AGREE)
    (["第十条", "第十条", "第十条", "第十二条", "第十二条"], False),  # 3 of 5 = 0.6 < SHARE
    (["第十条", "第十条", "第十条", "第十二条"], True),  # 3 of 4: the smallest clear majority
])
def test_consensus_thresholds(tmp_path, labels, reported):
    (tmp_path / "lists").mkdir()
    counties = list(COUNTY)
    for k, label in enumerate(labels):
        (tmp_path / "lists" / f"{k}.yaml").write_text(county_list(counties[k], label=label), encoding="utf-8")
    found = run(tmp_path, ["XLS001"])
    assert bool(found) is reported
    assert all(f.path.endswith(f"{labels.index('第十二条')}.yaml") for f in found)


def test_consensus_leaves_checkable_articles_to_cit001(tmp_path):
    """With the law's text known, the label is judged against the law (CIT001), not by a vote."""
    quote = "社会保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的"
    (tmp_path / "lists").mkdir()
    for k, label in enumerate(["第八十七条"] * 3 + ["第七十七条"]):
        text = county_list(list(COUNTY)[k]).replace(f"{DOC}第十条：{QUOTE}", f"《中华人民共和国社会保险法》{label}：{quote}")
        (tmp_path / "lists" / f"{k}.yaml").write_text(text, encoding="utf-8")
    assert run(tmp_path, ["XLS001"]) == []
    assert [f.path[-6:] for f in run(tmp_path, ["CIT001"])] == ["3.yaml"]


# --- XLS002 the same item, differently described -----------------------------------------------------

def test_power_type_outlier_is_reported_at_its_type(province):
    found = run(province, ["XLS002"])
    assert [(Path(f.path).name, f.line, f.column, f.item, f.field) for f in found] == [
        ("qingshui.yaml", *locate(province, "qingshui.yaml", "行政处罚", 2), "2", "power_type")]
    assert "有 3 份把事项“对定点医药机构的监督检查”定为“行政检查”，本清单定为“行政处罚”" in found[0].message


def test_missing_document_and_stage_outliers(tmp_path):
    (tmp_path / "lists").mkdir()
    counties = list(COUNTY)
    for k in range(4):
        text = county_list(counties[k])
        if k == 3:  # one county cites another measure for the aid, and writes no 信息公开 stage for the inspection
            text = text.replace(f"{DOC2}第八条：{QUOTE2}", "《甘肃省社会救助办法》第五条").replace(
                "      - {label: '3. 信息公开责任：', name: 信息公开, text: 依法信息公开。}\n", "")
        (tmp_path / "lists" / f"{k}.yaml").write_text(text, encoding="utf-8")
    found = run(tmp_path, ["XLS002"])
    text = (tmp_path / "lists" / "3.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    basis_line = [n for n, line in enumerate(lines, 1) if "《甘肃省社会救助办法》" in line][0] - 1
    stages_line = [n for n, line in enumerate(lines, 1) if line.strip() == "stages:"][1]
    assert sorted((Path(f.path).name, f.line, f.field) for f in found) == [
        ("3.yaml", stages_line, "stages"), ("3.yaml", basis_line, "basis")]
    assert any("《甘肃省医疗救助实施细则》" in f.message for f in found)
    assert any("“信息公开”环节" in f.message for f in found)


def test_same_item_is_quiet_without_a_clear_majority(tmp_path):
    (tmp_path / "lists").mkdir()
    for k, ptype in enumerate(["行政检查", "行政检查", "行政处罚"]):  # 2 against 1
        text = county_list(list(COUNTY)[k], inspect=(INSPECT, ptype))
        (tmp_path / "lists" / f"{k}.yaml").write_text(text, encoding="utf-8")
    assert run(tmp_path, ["XLS"]) == []


def test_other_departments_are_not_compared(tmp_path):
    (tmp_path / "lists").mkdir()
    for k, county in enumerate(list(COUNTY)[:4]):
        text = county_list(county, inspect=(INSPECT, "行政处罚" if k == 3 else "行政检查"))
        if k == 3:  # the outlier is another department's list: nothing to compare it with
            text = text.replace("医疗保障局", "人力资源和社会保障局")
        (tmp_path / "lists" / f"{k}.yaml").write_text(text, encoding="utf-8")
    assert run(tmp_path, ["XLS002"]) == []


# --- CAT: conformance to the catalogue ---------------------------------------------------------------

def test_catalogue_findings_each_at_its_place(province):
    found = run(province, ["CAT"], catalogue=province / "catalogue.yaml")
    got = sorted((Path(f.path).name, f.code, f.line, f.column, f.item) for f in found)
    expected = sorted([
        ("wushan.yaml", "CAT001", *locate(province, "wushan.yaml", "number: '2'"), None),  # after 序号 2
        ("qingshui.yaml", "CAT002", *locate(province, "qingshui.yaml", "医保政策宣传咨询"), "4"),
        ("qingshui.yaml", "CAT004", *locate(province, "qingshui.yaml", "行政处罚", 2), "2"),
        ("zhangjiachuan.yaml", "CAT003", *locate(province, "zhangjiachuan.yaml", "对定点医药机构骗取"), "1"),
        ("zhangjiachuan.yaml", "CAT005", *locate(province, "zhangjiachuan.yaml", CREDIT["张家川"] + "3620536"), "3"),
    ])
    assert got == expected
    messages = {f.code: f.message for f in found}
    assert "“医疗救助金给付”（目录序号 3，行政给付）" in messages["CAT001"] and "序号 2 之后" in messages["CAT001"]
    assert "“对定点医药机构骗取医保基金行为的处罚”" in messages["CAT003"] and "把握：高" in messages["CAT003"]
    assert "标准目录为“行政检查”" in messages["CAT004"]


def test_catalogue_variations_stay_quiet(province):
    """秦安 writes 「…的处罚」 without 对 and 行为, 甘谷 adds a bracketed note: both conform."""
    found = run(province, ["CAT"], catalogue=province / "catalogue.yaml")
    assert not [f for f in found if Path(f.path).name in ("qinan.yaml", "gangu.yaml")]


def test_sub_items_match_their_catalogue_entry(tmp_path):
    from lint.analysis.catalogue import conform
    from lint.analysis.crosslist import view
    from lint.loader import load_text

    catalogue = view(load_text(CATALOGUE.replace(f"    name: {AID}\n", f"    name: 医疗救助\n    sub_item: {AID}\n"),
                               "c.yaml").plist)
    result = conform(catalogue, view(load_text(LISTS["qinan.yaml"], "l.yaml").plist))
    assert not result.missing and not result.extra
    assert {m.level for m in result.matched} == {"wording", "same", "subitem"}


def test_catalogue_applies_to_its_department_kind_only(province):
    other = LISTS["qingshui.yaml"].replace("医疗保障局", "人力资源和社会保障局")
    (province / "lists" / "qingshui.yaml").write_text(other, encoding="utf-8")
    found = run(province, ["CAT"], catalogue=province / "catalogue.yaml")
    assert not [f for f in found if f.path.endswith("qingshui.yaml")]


def test_without_catalogue_cat_rules_say_nothing(province):
    assert run(province, ["CAT"]) == []


def test_catalogue_inside_the_checked_directory_is_not_a_county(province):
    (province / "catalogue.yaml").rename(province / "lists" / "catalogue.yaml")
    found = run(province, ["CAT", "XLS"], catalogue=province / "lists" / "catalogue.yaml")
    assert not [f for f in found if f.path.endswith("catalogue.yaml")]
    assert {f.code for f in found} == {"CAT001", "CAT002", "CAT003", "CAT004", "CAT005", "XLS001", "XLS002"}


# --- command line, configuration, cache, --changed-since --------------------------------------------

def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_catalogue_option_and_configuration_key(province):
    by_option = invoke("check", province / "lists", "--select", "CAT", "--catalogue", province / "catalogue.yaml",
                       "--format", "json", "--no-cache")
    assert by_option.exit_code == 1
    (province / ".powerlint.yaml").write_text("catalogue: catalogue.yaml\nselect: [CAT]\n", encoding="utf-8")
    assert from_mapping({"catalogue": "catalogue.yaml"}, province / ".powerlint.yaml").catalogue == \
        (province / "catalogue.yaml").resolve()
    by_config = invoke("check", province / "lists", "--format", "json", "--no-cache")
    assert json.loads(by_config.output) == json.loads(by_option.output)


def test_missing_catalogue_is_a_clear_error(province):
    result = invoke("check", province / "lists", "--catalogue", province / "nowhere.yaml")
    assert result.exit_code == 2 and "找不到标准目录文件" in result.output and "Traceback" not in result.output


def test_cache_stays_correct_when_another_list_changes(province, monkeypatch):
    """Per-list findings come from the cache; cross-list findings are recomputed against all lists."""
    monkeypatch.setenv("POWERLINT_CACHE_DIR", str(province / "cache"))
    first = invoke("check", province / "lists", "--select", "XLS,SCH", "--format", "json")
    assert [f["path"][-11:] for f in json.loads(first.output) if f["code"] == "XLS001"] == ["wushan.yaml"]
    for name in ("qinan.yaml", "gangu.yaml"):  # two others now agree with 武山: no majority any more
        path = province / "lists" / name
        path.write_text(path.read_text(encoding="utf-8").replace("第十条：", "第十二条："), encoding="utf-8")
    again = invoke("check", province / "lists", "--select", "XLS,SCH", "--format", "json")
    assert [f for f in json.loads(again.output) if f["code"] == "XLS001"] == []
    assert any(p.is_file() for p in (province / "cache").rglob("*") if p.name != ".gitignore")


def test_changed_since_reports_changed_lists_computed_against_all(province):
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "POWERLINT_CACHE_DIR": str(province / "cache")}
    for args in (["init", "-q"], ["add", "lists"], ["commit", "-qm", "init"]):
        subprocess.run(["git", *args], cwd=province, check=True, env=env)

    def changed():
        proc = subprocess.run([sys.executable, "-c", "from lint.cli import run; run()", "check", "lists",
                               "--select", "XLS", "--changed-since", "HEAD", "--format", "json"],
                              cwd=province, capture_output=True, text=True, env=env)
        return sorted((f["path"], f["code"]) for f in json.loads(proc.stdout))

    assert changed() == []  # nothing changed: nothing reported, though 武山 and 清水 depart from the majority
    path = province / "lists" / "qingshui.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert changed() == [("lists/qingshui.yaml", "XLS002")]  # only 清水 reported, its outlier seen against all


def test_rules_are_documented():
    from lint.registry import all_rules

    for code, rule in all_rules().items():
        if code.startswith(("XLS", "CAT")):
            assert rule.corpus and rule.what and rule.why and rule.example and rule.summary


def test_readme_lists_the_new_codes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("XLS001", "XLS002", "CAT001", "CAT002", "CAT003", "CAT004", "CAT005"):
        assert f"| {code} |" in readme


# --- the annual report -------------------------------------------------------------------------------

def test_report_shows_cross_list_and_catalogue_sections(province):
    import openpyxl

    from lint.report import make_report, render

    config = Config(catalogue=province / "catalogue.yaml")
    report = make_report([str(province / "lists")], config)
    sections = {Path(s.path).name: s for s in report.conformance}
    assert set(sections) == set(LISTS)
    assert [m.name for m in sections["wushan.yaml"].missing] == [AID]
    assert [x.name for x in sections["qingshui.yaml"].extra] == ["医保政策宣传咨询"]
    assert [(d.ref.item, d.name, d.sure) for d in sections["zhangjiachuan.yaml"].drifted] == [("1", PUNISH, "高")]
    assert not any((s.missing, s.extra, s.drifted, s.differs) != ([], [], [], [])
                   for name, s in sections.items() if name in ("qinan.yaml", "gangu.yaml"))
    assert [Path(f.path).name for f in report.consensus] == ["wushan.yaml"]
    inspect = [row for row in report.cross if row.power == INSPECT]
    assert len(inspect) == 1 and "权力类型" in inspect[0].differences[0]
    flagged = [c.ref.list for c in inspect[0].entries if c.notes]  # the rule's outlier, not every member
    assert flagged == ["清水县医疗保障局权责清单"]
    html = render(report, Path("r.html")).decode("utf-8")
    md = render(report, Path("r.md")).decode("utf-8")
    for text in (html, md):
        assert "六、与标准目录对照" in text and "医保政策宣传咨询" in text and "引文的条号与多数清单不同" in text
    data = json.loads(render(report, Path("r.json")))
    assert data["conformance"][0]["list"] and data["consensus"][0]["code"] == "XLS001"
    xlsx = province / "r.xlsx"
    xlsx.write_bytes(render(report, xlsx))
    book = openpyxl.load_workbook(xlsx)
    assert {"跨清单比对", "引文条号与多数不同", "与标准目录对照"} <= set(book.sheetnames)
    kinds = {row[1] for row in book["与标准目录对照"].iter_rows(min_row=2, values_only=True)}
    assert kinds == {"目录中有、本清单没有", "目录外的事项", "名称与目录不一致", "类型或编码不同"}


def test_report_command_takes_the_catalogue(province):
    out = province / "r.md"
    result = invoke("report", province / "lists", "-o", out, "--catalogue", province / "catalogue.yaml")
    assert result.exit_code == 0, result.output
    assert "以《甘肃省县级医疗保障局权责清单通用目录》为准" in out.read_text(encoding="utf-8")


def test_near_names_group_unless_one_list_has_both(tmp_path):
    from lint.analysis.crosslist import same_items, view
    from lint.loader import load_text

    def plist(county, names):
        text = county_list(county).replace(f"name: {AID}", f"name: {names[0]}")
        if len(names) > 1:
            text = text.replace(f"name: {INSPECT}", f"name: {names[1]}")
        return view(load_text(text, f"{county}.yaml").plist)

    lists = [plist("秦安", ["生育保险待遇给付"]), plist("甘谷", ["生育保险待遇支付"])]
    names = [sorted(i.name for _, i in g.members) for g in same_items(lists)]
    assert sorted(["生育保险待遇给付", "生育保险待遇支付"]) in names  # 给付 / 支付: one power (ratio 88)
    lists.append(plist("武山", ["生育保险待遇给付", "生育保险待遇支付"]))  # a list with both: two powers
    names = [sorted(i.name for _, i in g.members) for g in same_items(lists)]
    assert ["生育保险待遇给付", "生育保险待遇给付"] in names and ["生育保险待遇支付", "生育保险待遇支付"] in names


@pytest.mark.parametrize("votes, voters, expected", [
    ({"a": 2, "b": 1}, 3, None),  # two against one: no majority
    ({"a": 3, "b": 2}, 5, None),  # 0.6 < 3/4
    ({"a": 3, "b": 1}, 4, ("a", 3)),
    ({"a": 3}, 5, None),  # two lists say something else each: 3 of 5
    ({"a": 6, "b": 2}, 8, ("a", 6)),
])
def test_majority_thresholds(votes, voters, expected):
    from collections import Counter

    from lint.analysis.crosslist import majority

    assert majority(Counter(votes), voters) == expected


def test_one_list_hook_run_skips_cross_list_rules(province):
    """A pre-commit run on one file: nothing to compare, so no views are computed (lint/engine.py)."""
    from lint.registry import all_rules

    assert not all_rules()["XLS001"].active(Config(), 1) and all_rules()["XLS001"].active(Config(), 4)
    assert run(province, ["XLS"]) != [] and check_paths([str(province / "lists" / "wushan.yaml")],
                                                        Config(select=["XLS"])).findings == []


def test_a_single_type_list_owes_only_that_type(province):
    """A 行政处罚清单 lists punishments only: the catalogue's inspection and aid items are not missing from it."""
    text = county_list("武山", aid=False).split("  - number: '2'")[0].replace("权责清单", "行政处罚清单")
    (province / "lists" / "wushan.yaml").write_text(text, encoding="utf-8")
    found = run(province, ["CAT001"], catalogue=province / "catalogue.yaml")
    assert not [f for f in found if f.path.endswith("wushan.yaml")]


def test_two_established_near_names_stay_two_powers():
    """…的封存 (2 lists) and …的查封 (3 lists) are alike (ratio 94) but each established: not one power."""
    from lint.analysis.crosslist import same_items, view
    from lint.loader import load_text

    names = ["对定点医药机构有关资料的封存"] * 2 + ["对定点医药机构有关资料的查封"] * 3
    views = [view(load_text(county_list(list(COUNTY)[k]).replace(f"name: {AID}", f"name: {name}"),
                            f"{k}.yaml").plist) for k, name in enumerate(names)]
    groups = [sorted({e.name for _, e in g.members}) for g in same_items(views)]
    assert ["对定点医药机构有关资料的封存"] in groups and ["对定点医药机构有关资料的查封"] in groups


def test_parallel_run_gives_the_same_findings(province):
    """With --jobs the views are built in the workers and sent back: same findings as one process."""
    config = Config(select=["XLS", "CAT"], catalogue=province / "catalogue.yaml")
    one = check_paths([str(province / "lists")], config).findings
    two = check_paths([str(province / "lists")], config, jobs=2).findings
    assert [f.as_json() for f in one] == [f.as_json() for f in two] and len(one) == 7
