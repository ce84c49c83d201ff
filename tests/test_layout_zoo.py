"""One clean list, rendered by the tests in the layouts departments publish (§9 of DOMAIN.md): each must
import with every item and every field in its place, and `check` must find nothing wrong in it."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import docx
import jsonschema
import openpyxl
import pytest
import yaml

from lint.config import Config
from lint.engine import check_paths
from lint.importer import import_path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "lint" / "schema" / "powerlist.schema.json").read_text(encoding="utf-8"))
DEPT = "湘阴县医疗保障局"
TITLE = f"{DEPT}权责清单"
OTHER = "其他法律法规规章文件规定应履行的责任。"
ITEMS = [
    {"number": "1", "name": "对定点医药机构骗取医疗保障基金支出的处罚", "power_type": "行政处罚",
     "basis": "《医疗保障基金使用监督管理条例》（国务院令第735号）第四十条。", "body": DEPT, "unit": "基金监管股",
     "stages": ["1. 立案责任：对发现的违法行为，予以审查，决定是否立案。",
                "2. 调查责任：对立案的案件，指定专人负责，及时组织调查取证。",
                "3. 审查责任：审理案件调查报告，提出处理意见。",
                "4. 告知责任：作出处罚决定前，书面告知当事人拟作出处罚决定的事实、理由及依据，并告知当事人依法享有的权利。",
                "5. 决定责任：制作行政处罚决定书，载明违法事实和证据、处罚依据和内容、救济途径等内容。",
                "6. 送达责任：行政处罚决定书按法律规定的方式送达当事人。",
                "7. 执行责任：依照生效的行政处罚决定，监督当事人履行。", f"8. {OTHER}"]},
    {"number": "2", "name": "对定点医药机构使用医疗保障基金情况的监督检查", "power_type": "行政检查",
     "basis": "《医疗保障基金使用监督管理条例》（国务院令第735号）第二十二条。", "body": DEPT, "unit": "基金监管股",
     "stages": ["1. 检查责任：按照年度检查计划，对定点医药机构开展检查。", "2. 处置责任：对检查中发现的问题，依法责令改正。",
                "3. 信息公开责任：依法公开检查结果。", f"4. {OTHER}"]},
    {"number": "3", "name": "城乡居民基本医疗保险参保登记", "power_type": "行政确认",
     "basis": "《中华人民共和国社会保险法》第二十五条。", "body": DEPT, "unit": "待遇保障股",
     "stages": ["1. 受理责任：公示应当提交的材料，一次性告知补正材料，依法受理或不予受理。",
                "2. 审查责任：对申请材料进行审查，提出审查意见。", "3. 决定责任：作出登记或者不予登记的决定。",
                "4. 送达责任：将登记结果告知申请人。", f"5. {OTHER}"]},
]
STAGE_NAMES = [["立案", "调查", "审查", "告知", "决定", "送达", "执行", None], ["检查", "处置", "信息公开", None],
               ["受理", "审查", "决定", "送达", None]]
FULL = ("number", "name", "power_type", "basis", "stages", "body", "unit")


def cell(item: dict, field: str, sep: str = "\n") -> str:
    return sep.join(item["stages"]) if field == "stages" else item[field]


def table(headers: dict[str, str], sep: str = "\n") -> list[list[str]]:
    """The header row (field → column name as published) and one row per item."""
    return [list(headers.values())] + [[cell(item, f, sep) for f in headers] for item in ITEMS]


def write_csv(path: Path, rows: list[list[str]], title: str | None = TITLE, delimiter: str = ",") -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        if title:
            fh.write(title + "\n")
        csv.writer(fh, delimiter=delimiter).writerows(rows)


# --- the layouts ---------------------------------------------------------------------------------

def csv_s9_headers(tmp: Path):
    headers = {"number": "序号", "name": "执法事项名称", "power_type": "执法类别", "basis": "职权依据",
               "stages": "责任事项", "body": "实施部门", "unit": "责任科室"}
    write_csv(tmp / "list.csv", table(headers))
    return tmp / "list.csv", FULL


def tsv_traditional_headers(tmp: Path):
    headers = {"number": "序號", "name": "事項名稱", "power_type": "權力類型", "basis": "實施依據",
               "stages": "責任事項", "body": "實施主體", "unit": "承辦科室"}
    write_csv(tmp / "list.tsv", table(headers, " "), delimiter="\t")
    return tmp / "list.tsv", FULL


def csv_brackets_spaces_suffixes(tmp: Path):
    headers = {"number": "序 号", "name": "事项名称（主项）", "power_type": "权力类型(必填)",
               "basis": "法律法规及规章依据", "stages": "责任事项\n内容", "body": "行使主体（责任主体）",
               "unit": "承办机构（科室）"}
    write_csv(tmp / "list.csv", table(headers))
    return tmp / "list.csv", FULL


def csv_unknown_headers_by_content(tmp: Path):
    headers = {"number": "序号", "name": "事项名称", "power_type": "类别说明", "basis": "法规条款",
               "stages": "工作环节", "body": "主办单位", "unit": "经办股室"}
    write_csv(tmp / "list.csv", table(headers))
    return tmp / "list.csv", FULL


def xlsx_two_row_merged_header(tmp: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells("A1:H1")
    sheet.append(["序号", "事项名称", None, "权力类型", "实施依据", "责任事项", "实施主体", "承办科室"])
    sheet.append([None, "主项", "子项"])
    for column in "ADEFGH":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells("B2:C2")
    for item in ITEMS:
        sheet.append([int(item["number"]), item["name"], None, item["power_type"], item["basis"],
                      "\n".join(item["stages"]), item["body"], item["unit"]])
    book.save(tmp / "list.xlsx")
    return tmp / "list.xlsx", FULL + ("sub_item",)


def xls_merged_title(tmp: Path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("清单")
    sheet.write_merge(0, 0, 0, 6, TITLE)
    fields = ("number", "name", "power_type", "basis", "stages", "body", "unit")
    for col, name in enumerate(["编号", "项目名称", "项目类别", "法律法规规章依据", "责任事项", "执法主体", "责任单位"]):
        sheet.write(1, col, name)
    for row, item in enumerate(ITEMS, 2):
        for col, field in enumerate(fields):
            sheet.write(row, col, int(item[field]) if field == "number" else cell(item, field))
    book.save(str(tmp / "list.xls"))
    return tmp / "list.xls", FULL


def docx_continued_tables(tmp: Path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    headers = ["序\n号", "权力\n名称", "权力\n类型", "设定依据", "责任事项", "行使主体", "承办机构"]
    for part in (ITEMS[:2], ITEMS[2:]):  # the table continues on the next page, its header repeated
        grid = document.add_table(rows=1 + len(part), cols=len(headers))
        for col, name in enumerate(headers):
            grid.cell(0, col).text = name
        for row, item in enumerate(part, 1):
            for col, field in enumerate(FULL):
                grid.cell(row, col).text = cell(item, field)
    document.save(tmp / "list.docx")
    return tmp / "list.docx", FULL


def html_page_in_site_navigation(tmp: Path):
    rows = "".join(
        f"<tr><td>{i['number']}</td><td>{i['name']}</td><td></td><td>{i['power_type']}</td><td>{i['basis']}</td>"
        f"<td>{'<br>'.join(i['stages'])}</td><td>{i['body']}</td><td>{i['unit']}</td></tr>" for i in ITEMS)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>湘阴县人民政府门户网站</title></head><body>
<table class="layout"><tr><td><table class="nav"><tr><td><a href="/">首页</a></td><td><a href="/zw">政务公开</a></td>
<td><a href="/bs">办事服务</a></td></tr></table></td></tr></table>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 权责清单</div>
<h1>{TITLE}</h1><p>发布时间：2025-03-01</p>
<table border="1"><tr><th rowspan="2">序号</th><th colspan="2">事项名称</th><th rowspan="2">权力类型</th>
<th rowspan="2">实施依据</th><th rowspan="2">责任事项</th><th rowspan="2">实施主体</th><th rowspan="2">承办科室</th></tr>
<tr><th>主项</th><th>子项</th></tr>{rows}</table>
<div class="footer"><table><tr><td>主办：湘阴县人民政府办公室</td></tr></table></div></body></html>"""
    (tmp / "list.html").write_text(page, encoding="utf-8")
    return tmp / "list.html", FULL + ("sub_item",)


def pdf_with_text_layer(tmp: Path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built into reportlab: no font file needed
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=8, leading=10)
    headers = {"number": "序号", "name": "事项名称", "power_type": "权力类型", "basis": "实施依据",
               "stages": "责任事项", "body": "实施主体", "unit": "承办科室"}
    rows = [[Paragraph(text.replace("\n", "<br/>"), style) for text in row] for row in table(headers)]
    grid = Table(rows, repeatRows=1, colWidths=[30, 110, 50, 150, 300, 80, 60])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(tmp / "list.pdf"), pagesize=landscape(A4)).build([Paragraph(TITLE, style), grid])
    return tmp / "list.pdf", FULL


def law_enforcement_list_without_stages(tmp: Path):
    headers = {"number": "序号", "name": "执法事项名称", "power_type": "执法类别", "basis": "执法依据",
               "body": "执法主体"}
    write_csv(tmp / "list.csv", table(headers), title=f"{DEPT}行政执法事项清单（2025年版）")
    return tmp / "list.csv", ("number", "name", "power_type", "basis", "body")


def power_list_without_stages(tmp: Path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"{DEPT}权力清单（第一批）"])
    sheet.merge_cells("A1:F1")
    headers = {"number": "序号", "name": "权力名称", "power_type": "权力类型", "basis": "设定依据",
               "body": "实施机关", "unit": "内设机构"}
    for row in table(headers):
        sheet.append(row)
    book.save(tmp / "list.xlsx")
    return tmp / "list.xlsx", ("number", "name", "power_type", "basis", "body", "unit")


def title_without_place(tmp: Path):
    headers = {"number": "序号", "name": "事项名称", "power_type": "事项类型", "basis": "法定依据",
               "stages": "责任事项", "unit": "承办科室"}
    write_csv(tmp / "list.csv", table(headers), title="县医疗保障局权责清单")
    return tmp / "list.csv", ("number", "name", "power_type", "basis", "stages", "unit")


LAYOUTS = [csv_s9_headers, tsv_traditional_headers, csv_brackets_spaces_suffixes, csv_unknown_headers_by_content,
           xlsx_two_row_merged_header, xls_merged_title, docx_continued_tables, html_page_in_site_navigation,
           pdf_with_text_layer, law_enforcement_list_without_stages, power_list_without_stages, title_without_place]
GIVEN = {title_without_place: {"department": DEPT, "region": "湖南省岳阳市湘阴县"}}


def imported(tmp_path: Path, layout) -> tuple[dict, tuple, list[str]]:
    path, fields = layout(tmp_path)
    notes: list[str] = []
    text = import_path(str(path), meta=GIVEN.get(layout), notes=notes)
    document = yaml.safe_load(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    (tmp_path / "imported.yaml").write_text(text, encoding="utf-8")
    return document, fields, notes


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_every_item_and_field_in_place(tmp_path, layout):
    document, fields, notes = imported(tmp_path, layout)
    items = document["items"]
    assert len(items) == len(ITEMS)
    assert set(document["meta"]["columns"]) == set(fields)
    for item, expected, stage_names in zip(items, ITEMS, STAGE_NAMES):
        assert "extra" not in item, notes
        for field in fields:
            if field == "basis":
                assert item["basis"] == [expected["basis"]]
            elif field == "stages":
                assert [s["name"] for s in item["stages"]] == stage_names
                assert item["stages"][-1]["text"] == OTHER
            elif field == "sub_item":
                assert item["sub_item"] is None
            else:
                assert item[field] == expected[field], (field, notes)
        assert set(item) - {"source"} == set(fields)
    meta = document["meta"]
    assert (meta["department"], meta["region"]["county"], meta["level"]) == (DEPT, "湘阴县", "县级")


def serious(path: Path) -> list[tuple[str, str]]:
    """The errors and warnings `check` reports in a list file (none, for clean content)."""
    result = check_paths([str(path)], Config(as_of=dt.date(2026, 11, 22)))
    assert not result.errors
    return [(f.code, f.message) for f in result.findings if f.severity in ("error", "warning")]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_check_finds_nothing_wrong_in_the_clean_content(tmp_path, layout):
    imported(tmp_path, layout)
    assert serious(tmp_path / "imported.yaml") == []


def test_the_mapping_is_shown_with_its_evidence(tmp_path):
    _, _, notes = imported(tmp_path, csv_unknown_headers_by_content)
    shown = "\n".join(notes)
    assert "类别说明 → power_type（权力类型）　依据：按内容：3 格中 3 格为权力类型用语" in shown
    assert "法规条款 → basis" in shown and "工作环节 → stages" in shown and "主办单位 → body" in shown
    assert "经办股室 → unit" in shown
    _, _, notes = imported(tmp_path, tsv_traditional_headers)
    assert "  事項名稱 → name（事项名称）　依据：列名表（繁体）" in notes
    _, _, notes = imported(tmp_path, csv_brackets_spaces_suffixes)
    assert any(n.startswith("  法律法规及规章依据 → basis（实施依据）　依据：近似列名“法律法规规章依据”") for n in notes)


def test_a_title_without_a_place_is_said_and_never_guessed(tmp_path):
    path, _ = title_without_place(tmp_path)
    notes: list[str] = []
    meta = yaml.safe_load(import_path(str(path), notes=notes))["meta"]
    # 「县医疗保障局…」 names no place: the region stays unknown (and is said), the level comes from the leading 县
    assert meta["region"] == {"province": None, "city": None, "county": None} and meta["level"] == "县级"
    assert any("--region" in note for note in notes) and not any("--level" in note for note in notes)
