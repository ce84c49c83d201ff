"""`powerlint report`: the report's sections on invented lists, its four formats, --compare, the seeds."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.config import Config
from lint.report import make_report, render

from .conftest import ROOT, write_list

AS_OF = dt.date(2026, 11, 22)

HEAD = """\
format: powerlist/1
meta:
  title: {title}
  department: 示例市医疗保障局
  level: 市级
items:
"""

# 1: cites a superseded document (same title as its successor) and 社会保险法 for a 骗取 matter;
# 2: cites the successor itself, and a document in force: nothing to update.
LIST_A = HEAD.format(title="示例市医疗保障局权责清单") + """\
  - number: '1'
    name: 对骗取医保基金支出的处罚
    power_type: 行政处罚
    body: 示例市医疗保障局
    basis:
      - 《中华人民共和国社会保险法》第八十八条：以欺诈、伪造证明材料或者其他手段骗取社会保险待遇的，由社会保险行政部门责令退回骗取的社会保险金。
      - 《社会保险基金财务制度》（财社字〔1999〕60号）第三条：基金实行收支两条线管理。
    stages:
      - {label: '1. 立案责任：', name: 立案, text: 予以立案。}
      - {label: '2. 调查责任：', name: 调查, text: 调查取证。}
  - number: '2'
    name: 本级基本医疗保险待遇结算
    power_type: 行政给付
    body: 示例市医疗保障局
    basis:
      - 《社会保险基金财务制度》（财社〔2017〕144号）第二条：本制度适用于各项社会保险基金。
      - 《医疗保障基金使用监督管理条例》（国务院令第735号）第二条。
    stages:
      - {label: '1. 受理责任：', name: 受理, text: 受理申请。}
"""


def _config(**kw) -> Config:
    return Config(as_of=kw.pop("as_of", AS_OF), **kw)


@pytest.fixture
def list_a(tmp_path) -> Path:
    return write_list(tmp_path, LIST_A, "a.yaml")


def test_documents_to_update_names_replacement_and_citing_items(list_a):
    report = make_report([str(list_a)], _config())
    rows = [d for d in report.documents if d.number == "财社字〔1999〕60号"]
    assert len(rows) == 1
    row = rows[0]
    assert row.status == "已被取代" and row.since == "2018-01-01"
    assert "财社〔2017〕144号" in row.replacement
    assert [(r.item, r.name) for r in row.items] == [("1", "对骗取医保基金支出的处罚")]
    assert row.confidence == "高"  # the supersession is certain; only its date is hedged (in the note)


def test_successor_with_the_same_title_is_not_reported(list_a):
    report = make_report([str(list_a)], _config())
    cited_by_2 = [d.document for d in report.documents if any(r.item == "2" for r in d.items)]
    assert cited_by_2 == []


def test_upcoming_law_lists_the_items_it_will_govern(list_a):
    report = make_report([str(list_a)], _config())
    law = [u for u in report.upcoming if "医疗保障法" in u.document]
    assert len(law) == 1
    assert law[0].date == "2027-01-01" and law[0].change == "施行"
    assert [r.item for r in law[0].items] == ["1"]  # 骗取 matter cites 社会保险法; item 2 does not cite it


def test_after_the_law_takes_effect_it_is_a_document_to_update(list_a):
    report = make_report([str(list_a)], _config(as_of=dt.date(2027, 3, 1)))
    assert not [u for u in report.upcoming if "医疗保障法" in u.document]
    governed = [d for d in report.documents if d.status == "已有新法调整同一事项" and "社会保险法" in d.document]
    assert len(governed) == 1 and "医疗保障法" in governed[0].replacement
    assert [r.item for r in governed[0].items] == ["1"]


def test_expiry_within_a_year_is_upcoming(tmp_path):
    body = HEAD.format(title="示例清单") + """\
  - number: '1'
    name: 对举报人的奖励
    power_type: 行政奖励
    basis:
      - 《甘肃省违法违规使用医疗保障基金举报奖励实施办法》（甘医保发〔2023〕44号）第三条。
"""
    path = write_list(tmp_path, body, "g.yaml")
    near = make_report([str(path)], _config(as_of=dt.date(2027, 6, 1)))
    far = make_report([str(path)], _config())
    assert [(u.date, u.change) for u in near.upcoming if "甘医保发" in u.document] == [("2028-05-07", "有效期届满")]
    assert not [u for u in far.upcoming if "甘医保发" in u.document]
    assert not far.documents


def test_amended_since_the_cited_version(tmp_path):
    body = HEAD.format(title="示例清单") + """\
  - number: '1'
    name: 参保登记
    power_type: 行政确认
    basis:
      - 《中华人民共和国社会保险法》（2010年10月28日通过）第五十七条。
  - number: '2'
    name: 参保登记变更
    power_type: 行政确认
    basis:
      - 《中华人民共和国社会保险法》（2011年7月1日施行，2018年12月29日修正）第五十七条。
"""
    report = make_report([str(write_list(tmp_path, body, "v.yaml"))], _config())
    rows = [d for d in report.documents if d.status.startswith("已修改")]
    assert [(d.document, [r.item for r in d.items]) for d in rows] == [("中华人民共和国社会保险法", ["1"])]
    assert rows[0].since == "2018-12-29"


def test_attention_ranks_items_by_severity(tmp_path):
    body = HEAD.format(title="示例清单") + """\
  - number: '1'
    name: 只有提示的事项
    power_type: 行政给付
    body: 示例市医疗保障局
  - number: '2'
    name: 有错误的事项
    power_type: 行处罚
    body:
"""
    report = make_report([str(write_list(tmp_path, body, "r.yaml"))], _config())
    assert report.attention, "the invented list has findings"
    ranks = [(a.errors, a.warnings, a.infos) for a in report.attention]
    assert ranks == sorted(ranks, reverse=True)
    assert report.attention[0].ref.item == "2" and report.attention[0].errors >= 1


def test_cross_list_comparison_shows_different_stages(tmp_path):
    one = HEAD.format(title="甲市医疗保障局权责清单") + """\
  - number: '1'
    name: 生育保险待遇给付
    power_type: 行政给付
    stages:
      - {label: '1. 受理责任：', name: 受理, text: 受理申请。}
      - {label: '2. 审查责任：', name: 审查, text: 审查材料。}
      - {label: '3. 决定责任：', name: 决定, text: 作出决定。}
"""
    two = one.replace("甲市", "乙市").replace("      - {label: '2. 审查责任：', name: 审查, text: 审查材料。}\n", "")
    a, b = write_list(tmp_path, one, "a.yaml"), write_list(tmp_path, two, "b.yaml")
    report = make_report([str(a), str(b)], _config())
    assert len(report.cross) == 1
    assert report.cross[0].differences == ["“审查”环节：甲市医疗保障局权责清单 写有，乙市医疗保障局权责清单 没有"]
    same = make_report([str(a), str(write_list(tmp_path, one.replace("甲市", "丙市"), "c.yaml"))], _config())
    assert same.cross == []


HOSTILE = HEAD.format(title="<script>alert(1)</script>清单") + """\
  - number: '1'
    name: <img src=x onerror=alert(2)>处罚|管道
    power_type: 行处罚
    body: <b onmouseover=alert(3)>示例</b>
    basis:
      - <p>《社会保险基金财务制度》（财社字〔1999〕60号）<script>alert(4)</script></p>
    stages:
      - text: <ol><li>立案责任：<iframe src=javascript:alert(5)></iframe></li></ol>
"""


def test_html_escapes_list_content_and_is_self_contained(tmp_path):
    path = write_list(tmp_path, HOSTILE, "x.yaml")
    page = render(make_report([str(path)], _config()), Path("r.html")).decode("utf-8")
    lowered = page.lower()
    for tag in ("<script", "<img", "<iframe", "<b onmouseover"):
        assert tag not in lowered, tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;清单" in page
    assert "&lt;img src=x onerror=alert(2)&gt;处罚|管道" in page
    tags = " ".join(re.findall(r"<[^<>]+>", lowered))  # the page's own markup
    for external in ("src=", "href=\"http", "href=\"//", "<link", "<script"):
        assert external not in tags, external
    assert "@import" not in lowered and "url(" not in lowered
    assert "<svg" in page and "@media print" in page and "page-break" in page


def test_markdown_escapes_html_and_pipes(tmp_path):
    path = write_list(tmp_path, HOSTILE, "x.yaml")
    text = render(make_report([str(path)], _config()), Path("r.md")).decode("utf-8")
    assert "<script" not in text and "<img" not in text
    cells = [line for line in text.splitlines() if line.startswith("| ") and "管道" in line]
    assert cells and all("&lt;img src=x onerror=alert(2)&gt;处罚\\|管道" in line for line in cells)
    header = next(line for line in text.splitlines() if line.startswith("| 文件 | 文号 | 状态"))
    assert all(len(re.split(r"(?<!\\)\|", line)) == len(header.split("|")) for line in cells)


def test_xlsx_one_sheet_per_section_with_filters(tmp_path, list_a):
    out = tmp_path / "r.xlsx"
    out.write_bytes(render(make_report([str(list_a)], _config()), out))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["报告信息", "总体情况", "需更新的依据文件", "之后的变化", "需关注的事项", "跨清单比对", "核对覆盖"]
    docs = book["需更新的依据文件"]
    assert docs.freeze_panes == "A2" and docs.auto_filter.ref
    assert [c.value for c in docs[1]][:3] == ["文件", "文号", "状态"]
    assert docs["B2"].value == "财社字〔1999〕60号"
    assert docs.column_dimensions["A"].width >= 2 * len("社会保险基金财务制度")  # CJK: two columns a character


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    body = HEAD.format(title="示例清单") + """\
  - number: '1'
    name: '=HYPERLINK("http://x.invalid","点击")'
    power_type: 行处罚
"""
    out = tmp_path / "r.xlsx"
    out.write_bytes(render(make_report([str(write_list(tmp_path, body, "f.yaml"))], _config()), out))
    sheet = openpyxl.load_workbook(out)["需关注的事项"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value and "HYPERLINK" in str(c.value)]
    assert cells and all(c.data_type == "s" for c in cells)


def _run(args, cwd=None):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cli_writes_json_and_compares_with_it(tmp_path):
    v1 = write_list(tmp_path, LIST_A, "a.yaml")
    before = tmp_path / "before.json"
    assert _run(["report", str(v1), "-o", str(before), "--as-of", "2026-11-22"]).exit_code == 0
    data = json.loads(before.read_text(encoding="utf-8"))
    assert data["format"] == "powerlint-report/1" and data["as_of"] == "2026-11-22"
    # fix the superseded citation, drop item 2, add item 3 with a wrong power type
    v2 = LIST_A.replace("（财社字〔1999〕60号）", "（财社〔2017〕144号）")
    v2 = v2[:v2.index("  - number: '2'")] + """\
  - number: '3'
    name: 新增的事项
    power_type: 行处罚
    body: 示例市医疗保障局
"""
    v1.write_text(v2, encoding="utf-8")
    out = tmp_path / "after.json"
    result = _run(["report", str(v1), "-o", str(out), "--as-of", "2026-11-22", "--compare", str(before)])
    assert result.exit_code == 0, result.output
    changes = json.loads(out.read_text(encoding="utf-8"))["changes"]
    assert [(i["item"], i["name"]) for i in changes["added"]] == [("3", "新增的事项")]
    assert [(i["item"], i["name"]) for i in changes["removed"]] == [("2", "本级基本医疗保险待遇结算")]
    assert {f["item"] for f in changes["new"]} == {"3"}
    assert all(f["item"] != "3" for f in changes["fixed"])


@pytest.mark.skipif(shutil.which("git") is None, reason="git 不可用")
def test_compare_with_a_git_ref(tmp_path):
    repo = tmp_path / "repo"
    (repo / "lists").mkdir(parents=True)
    path = write_list(repo / "lists", LIST_A, "a.yaml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x.invalid"}
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "v1"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env=env, capture_output=True)
    path.write_text(LIST_A[:LIST_A.index("  - number: '2'")], encoding="utf-8")
    report = make_report([str(path)], _config(), compare="HEAD")
    assert report.changes is not None and report.changes.previous == "git 版本 HEAD"
    assert [r.item for r in report.changes.removed] == ["2"] and not report.changes.added
    assert all(f.item == "2" for f in report.changes.fixed)
    with pytest.raises(Exception, match="不是仓库中的 git 版本"):
        make_report([str(path)], _config(), compare="no-such-ref")


def test_cli_rejects_unknown_extension(tmp_path, list_a):
    result = CliRunner().invoke(main, ["report", str(list_a), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and "不支持的报告格式 .pdf" in result.output


def test_cli_rejects_a_file_that_is_not_a_report(tmp_path, list_a):
    bogus = tmp_path / "old.json"
    bogus.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(list_a), "-o", str(tmp_path / "r.md"), "--compare", str(bogus)])
    assert result.exit_code == 2 and "不是 powerlint report 生成的 JSON 报告" in result.output


SEED_LISTS = sorted((ROOT / "lists").glob("*.yaml"))


@pytest.mark.skipif(len(SEED_LISTS) < 4, reason="lists/ 中还没有导入四份种子清单")
def test_seed_report_names_stale_documents_and_upcoming_law():
    report = make_report([str(ROOT / "lists")], _config())
    pairs = {(d.number, d.replacement) for d in report.documents}
    assert ("财社字〔1999〕60号", "《社会保险基金财务制度》（财社〔2017〕144号）") in pairs
    assert any(d.number == "劳社部发〔1999〕14号" and "国家医疗保障局令第2号" in d.replacement for d in report.documents)
    assert any(d.number == "国发〔2014〕21号" and d.status == "已到期" for d in report.documents)
    law = [u for u in report.upcoming if "医疗保障法" in u.document]
    assert law and law[0].date == "2027-01-01" and law[0].items
    md = render(report, Path("r.md")).decode("utf-8")
    assert "财社字〔1999〕60号" in md and "财社〔2017〕144号" in md and "医疗保障法" in md


# ---- the HTML in a real browser -----------------------------------------------------------------

def _browser() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


def _png_colours(data: bytes) -> tuple[int, int, int]:
    """Width, height and the number of distinct colours of an 8-bit RGB(A) PNG (stdlib decoder)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, header, idat = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and color in (2, 6)
    bpp = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, colours = bytearray(stride), set()
    for r in range(height):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):  # undo the PNG filter of the scanline
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if r % 25 == 0:
            colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return width, height, len(colours)


@pytest.mark.skipif(_browser() is None, reason="没有可用的 Chromium 浏览器（Debian 软件包 chromium），跳过浏览器渲染测试")
def test_html_renders_in_headless_chromium(tmp_path, list_a):
    hostile = write_list(tmp_path, HOSTILE, "x.yaml")
    page = tmp_path / "report.html"
    page.write_bytes(render(make_report([str(list_a), str(hostile)], _config()), page))
    shot = tmp_path / "shot.png"
    common = [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    run = subprocess.run([*common, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert shot.is_file() and shot.stat().st_size > 10_000, run.stderr[-2000:]
    width, height, colours = _png_colours(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    assert colours > 20, "the screenshot is (nearly) one colour: nothing was rendered"
    console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    dom = subprocess.run([*common, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    assert "二、需要更新的依据文件" in dom and "财社〔2017〕144号" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()


def test_default_as_of_is_today(list_a):
    assert make_report([str(list_a)], Config()).as_of == dt.date.today().isoformat()




def _many_items(count: int) -> str:
    """An invented list of `count` items, each with a garbled power type and no body (findings in every item)."""
    return HEAD.format(title="示例清单") + "".join(
        f"  - number: '{n}'\n    name: 第{n}项给付\n    power_type: 行处罚\n    body:\n" for n in range(1, count + 1))


def test_html_report_of_a_big_list_shows_the_first_findings_and_counts_the_rest(tmp_path, monkeypatch):
    from lint.report import html

    report = make_report([str(write_list(tmp_path, _many_items(40), "big.yaml"))], _config())
    rows = report.attention
    assert len(rows) >= 40
    first = len(rows[0].findings) + len(rows[1].findings)
    monkeypatch.setattr(html, "SHOWN_FINDINGS", {"min": 1, "max": first, "total": 1000})
    monkeypatch.setattr(html, "LISTED_ITEMS", {"min": 1, "max": 10, "total": 1000})
    page = html.render(report)
    assert page.count('<div class="item-block">') == 2  # whole items until the findings shown reach the share
    folded = page[page.index(f"其后的 10 项事项（{sum(len(a.findings) for a in rows[2:12])} 个问题）"):]
    assert folded[:folded.index("</details>")].count("<tr>") == 11  # the header and one line per item
    rest = rows[12:]
    assert f"本清单另有 {len(rest)} 项事项（{sum(len(a.findings) for a in rest)} 个问题）未在本页列出" in page
    assert f"{len(rows)} 项事项有问题，共 {len(report.findings)} 个问题" in page
    sheet = openpyxl.load_workbook(io.BytesIO(render(report, Path("r.xlsx"))))["需关注的事项"]
    assert sheet.max_row == 1 + len(report.findings)  # every finding is in the xlsx report


def test_html_report_of_small_lists_shows_every_finding(tmp_path):
    from lint.report import html

    report = make_report([str(write_list(tmp_path, _many_items(5), "small.yaml"))], _config())
    page = html.render(report)
    assert page.count('<div class="item-block">') == len(report.attention) >= 5
    assert "其后的" not in page and "未在本页列出" not in page


def test_html_shares_the_findings_shown_among_the_lists():
    from lint.report import html

    limits = {"min": 5, "max": 300, "total": 10_000}
    assert [html._share(limits, n) for n in (1, 40, 2000, 10**6)] == [300, 250, 5, 5]


def test_html_overview_and_cross_blocks_of_many_lists_stay_small(tmp_path, monkeypatch):
    """Beyond CHARTED_LISTS lists: a chart of the lists with most problems and one table row of categories a list
    (not a chart each); a cross-list block shows every entry that differs and CROSS_SAME of the others."""
    from lint.report import html

    paths = []
    for k in range(6):  # the same power in six lists; the last one types it otherwise
        kind = "行政强制" if k == 5 else "行政处罚"
        body = HEAD.format(title=f"示例{k}市医疗保障局权责清单") + "".join(
            f"  - number: '{n}'\n    name: 对骗取医疗保障基金行为的处罚\n    power_type: {kind}\n"
            f"    basis: ['《医疗保障基金使用监督管理条例》第四十条']\n" for n in range(1, 2 + k))
        paths.append(str(write_list(tmp_path, body, f"list{k}.yaml")))
    report = make_report(paths, _config())
    monkeypatch.setattr(html, "CHARTED_LISTS", 3)
    monkeypatch.setattr(html, "CROSS_SAME", 2)
    page = html.render(report)
    start = page.index("一、总体情况</h2>")
    overview = page[start:page.index("<h2", start)]
    assert "问题最多的 3 份清单（共 6 份，全部见下表）" in overview and '<div class="list-block">' not in overview
    chart = overview[overview.index("<svg"):overview.index("</svg>")]
    most = sorted(report.lists, key=lambda s: -s.total)[:3]
    assert chart.count("<title>示例") == 3 and all(f"<title>{s.name}</title>" in chart for s in most)
    categories = overview[overview.index("各清单的问题类别"):]
    assert categories.count("<tr>") == 1 + 6  # a header and a row a list
    [row] = [r for r in report.cross if len(r.entries) > 3]
    differing = [c for c in row.entries if c.notes]
    assert differing and f"另有 {len(row.entries) - len(differing) - 2} 项与多数清单相同" in page
    monkeypatch.setattr(html, "CHARTED_LISTS", 30)
    small = html.render(report)
    assert small.count('<div class="list-block">') == 6 and "各清单的问题类别" not in small
