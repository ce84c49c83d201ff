"""Checking what departments send as they sent it: findings on the cells of published .xlsx, .docx and PDF files,
annotated copies, the report over a folder of them; the originals never touched."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from lint.annotate import HEADER, SHEET
from lint.cli import main
from lint.importer import import_path

from .conftest import cli_runner

TITLE = "大姚县医疗保障局权责清单"
COLUMNS = ["序号", "事项名称", "权力类型", "行使主体", "实施依据", "责任事项"]
STAGES = "1.立案责任：发现违法行为线索的，予以立案。2.调查责任：调查取证。3.审查责任：审查案件材料。"
ITEMS = [
    ["1", "对定点医药机构骗取医保基金支出的处罚", "行政处罚", "大姚县医疗保障局", "《中华人民共和国社会保险法》第八十七条", STAGES],
    ["2", "对参保人骗取医保基金支出的处罚", "行处政罚", "大姚县医疗保障局", "《中华人民共和国社会保险法》第八十八条", STAGES],
]


def run(*args):
    result = cli_runner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_xlsx(path, county="大姚县", items=ITEMS):
    """The list on sheet 权责清单 (title merged over row 1, header row 2, items from row 3) and a sheet 说明."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "权责清单"
    sheet.append([TITLE.replace("大姚县", county)])
    sheet.merge_cells("A1:F1")
    sheet.append(COLUMNS)
    for row in items:
        sheet.append([cell.replace("大姚县", county) for cell in row])
    sheet.column_dimensions["E"].width = 40
    book.create_sheet("说明").append(["本表由大姚县医疗保障局填报"])
    book.save(path)
    return path


def make_docx(path):
    """A cover table (table 1), then the list (table 2: header row 1, items from row 2)."""
    document = docx.Document()
    document.add_paragraph(TITLE)
    cover = document.add_table(rows=1, cols=2)
    cover.cell(0, 0).text, cover.cell(0, 1).text = "填报单位", "大姚县医疗保障局"
    table = document.add_table(rows=1 + len(ITEMS), cols=len(COLUMNS))
    for r, values in enumerate([COLUMNS, *ITEMS]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(path)
    return path


def findings_json(path, *more):
    result = run("check", path, *more, "--format", "json", "--no-cache", "--as-of", "2026-11-22")
    return result, json.loads(result.stdout)


def test_a_finding_on_a_published_xlsx_names_its_sheet_and_cell(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    result, findings = findings_json(path)
    wrong_type = [f for f in findings if f["code"] == "OCR001"]
    assert len(wrong_type) == 1
    assert {k: wrong_type[0][k] for k in ("sheet", "cell", "row", "column", "item")} == {
        "sheet": "权责清单", "cell": "C4", "row": 4, "column": 3, "item": "2"}
    assert wrong_type[0]["path"] == str(path) and wrong_type[0]["fix"] is None  # fixes edit YAML, not the workbook
    text = run("check", path, "--no-cache", "--as-of", "2026-11-22").output
    assert f"{path}:权责清单!C4: OCR001 [错误]" in text


def test_a_published_file_gets_the_findings_of_its_imported_yaml(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    (tmp_path / "清单.yaml").write_text(import_path(str(path)), encoding="utf-8")
    _, published = findings_json(path)
    _, imported = findings_json(tmp_path / "清单.yaml")
    assert published  # the invented list has defects
    assert sorted((f["code"], f["message"], f["item"], f["field"]) for f in published) == sorted(
        (f["code"], f["message"], f["item"], f["field"]) for f in imported)
    assert all("cell" not in f for f in imported)  # a YAML list's findings keep the contract's keys


def test_a_finding_on_a_docx_names_table_row_and_column(tmp_path):
    path = make_docx(tmp_path / "清单.docx")
    _, findings = findings_json(path)
    wrong_type = next(f for f in findings if f["code"] == "OCR001")
    assert {k: wrong_type[k] for k in ("table", "row", "column")} == {"table": 2, "row": 3, "column": 3}
    assert "sheet" not in wrong_type and "cell" not in wrong_type
    text = run("check", path, "--no-cache", "--as-of", "2026-11-22").output
    assert f"{path}:表 2 第 3 行 第 3 列: OCR001" in text


def test_a_finding_on_a_pdf_names_table_row_and_column(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=8, leading=10)
    grid = Table([[Paragraph(c, style) for c in row] for row in [COLUMNS, *ITEMS]], colWidths=[30, 90, 50, 70, 100, 150])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    path = tmp_path / "清单.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph(TITLE, style), grid])
    _, findings = findings_json(path)
    wrong_type = next(f for f in findings if f["code"] == "OCR001")
    assert {k: wrong_type[k] for k in ("table", "row", "column")} == {"table": 1, "row": 3, "column": 3}


def test_sarif_and_github_carry_the_cell(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    sarif = json.loads(run("check", path, "--format", "sarif", "--no-cache").output)
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "OCR001")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"].endswith(".xlsx")
    assert location["region"]["properties"] == {"sheet": "权责清单", "cell": "C4", "row": 4, "column": 3}
    assert result["properties"]["cell"] == "C4" and "权责清单!C4" in result["message"]["text"]
    github = run("check", path, "--format", "github", "--no-cache").output
    assert any("title=OCR001" in line and "权责清单!C4" in line for line in github.splitlines())
    junit = run("check", path, "--format", "junit", "--no-cache").output
    assert "OCR001 序号 2 权责清单!C4" in junit


def test_an_annotated_copy_never_replaces_its_original(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    before = digest(path)
    result = run("check", path, "--annotate", tmp_path, "--no-cache")
    assert "不能写在原文件的位置" in result.stderr and digest(path) == before


def test_annotated_xlsx_has_the_comment_on_the_cell_and_every_original_value(tmp_path):
    source = tmp_path / "送审"
    source.mkdir()
    path = make_xlsx(source / "清单.xlsx")
    before = digest(path)
    result = run("check", source, "--annotate", tmp_path / "退回", "--no-cache", "--as-of", "2026-11-22")
    assert result.exit_code == 1 and "已写批注副本" in result.stderr
    assert digest(path) == before  # the original is never written
    original, copy = openpyxl.load_workbook(path), openpyxl.load_workbook(tmp_path / "退回" / "清单.xlsx")
    assert copy.sheetnames == [SHEET, "权责清单", "说明"]
    for name in original.sheetnames:
        assert [[c.value for c in row] for row in original[name].iter_rows()] == [
            [c.value for c in row] for row in copy[name].iter_rows()]
        assert {str(r) for r in original[name].merged_cells.ranges} == {str(r) for r in copy[name].merged_cells.ranges}
    assert copy["权责清单"].column_dimensions["E"].width == 40
    comment = copy["权责清单"]["C4"].comment
    assert comment is not None and "OCR001" in comment.text and "行处政罚" in comment.text
    assert copy["权责清单"]["C3"].comment is None  # a clean cell stays clean
    assert copy["权责清单"]["C4"].fill.fgColor.rgb.endswith("FFC7CE")  # an error
    review = copy[SHEET]
    assert [c.value for c in review[2]] == list(HEADER)
    links = [c.hyperlink.location for row in review.iter_rows(min_row=3) for c in row if c.hyperlink is not None]
    assert "'权责清单'!C4" in links
    assert review.max_row - 2 == len(json.loads(run("check", path, "--format", "json", "--no-cache",
                                                    "--as-of", "2026-11-22").output))


def test_annotated_docx_has_a_word_comment_and_the_closing_table(tmp_path):
    path = make_docx(tmp_path / "清单.docx")
    before = digest(path)
    run("check", path, "--annotate", tmp_path / "退回", "--no-cache", "--as-of", "2026-11-22")
    assert digest(path) == before
    copy = docx.Document(tmp_path / "退回" / "清单.docx")
    assert any("OCR001" in comment.text for comment in copy.comments)
    last = copy.tables[-1]
    assert [c.text for c in last.rows[0].cells] == list(HEADER)
    assert any(row.cells[1].text == "表 2 第 3 行 第 3 列" and row.cells[3].text == "OCR001" for row in last.rows)
    assert [c.text for c in copy.tables[1].rows[2].cells] == ITEMS[1]  # the list itself as sent


def test_a_refused_file_in_a_folder_exits_2_and_the_others_are_checked_and_annotated(tmp_path):
    source = tmp_path / "送审"
    source.mkdir()
    make_xlsx(source / "甲.xlsx")
    (source / "乙.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (source / "丙.csv").write_text("甲列,乙列\n一,二\n", encoding="utf-8")
    result = run("check", source, "--annotate", tmp_path / "退回", "--no-cache", "--as-of", "2026-11-22")
    assert result.exit_code == 2
    assert "乙.xlsx" in result.stderr and "不是有效的 Excel" in result.stderr
    assert "丙.csv" in result.stderr and "找不到表头行" in result.stderr
    assert "甲.xlsx:权责清单!C4: OCR001" in result.output and "2 个文件无法检查" in result.output
    assert [p.name for p in (tmp_path / "退回").iterdir()] == ["甲.xlsx"]


def test_fix_leaves_a_published_file_alone_and_says_so(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    before = digest(path)
    result = run("check", path, "--fix", "--no-cache")
    assert "不自动修复" in result.stderr and digest(path) == before


def test_import_options_apply_to_check(tmp_path):
    path = tmp_path / "清单.csv"
    path.write_text("序号,管理事项名,权力类型\n1,对甲的处罚,行处政罚\n", encoding="utf-8")
    # 管理事项名 is the name column by its place next to 序号; marked as kept text, the file has no name column
    assert run("check", path, "--no-cache", "--column", "管理事项名=extra").exit_code == 2
    result = run("check", path, "--no-cache", "--column", "管理事项名=name", "--department", "大姚县医疗保障局")
    assert f"{path}:第 2 行: OCR001" in result.output
    assert "SCH006" not in result.output  # department, region and level given


def test_report_over_a_folder_of_published_files_names_file_and_cell(tmp_path):
    source = tmp_path / "送审"
    source.mkdir()
    make_xlsx(source / "甲.xlsx")
    make_docx(source / "乙.docx")
    result = run("report", source, "-o", tmp_path / "审查报告.html", "--as-of", "2026-11-22")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "审查报告.html").read_text(encoding="utf-8")
    assert f"文件：{source / '甲.xlsx'}" in page and "甲.xlsx:权责清单!C4" in page
    assert "乙.docx:表 2 第 3 行 第 3 列" in page


def test_imported_yaml_says_where_each_value_came_from(tmp_path):
    items = yaml.safe_load(import_path(str(make_xlsx(tmp_path / "清单.xlsx"))))["items"]
    assert items[1]["source"] == {"sheet": "权责清单", "row": 4, "cells": {
        "number": "A4", "name": "B4", "power_type": "C4", "body": "D4", "basis": "E4", "stages": "F4"}}


def test_a_finding_is_placed_by_its_field_or_else_by_the_key_its_line_falls_under():
    from lint.findings import Finding
    from lint.published import Locator, describe

    sources = [{"sheet": "表一", "row": 3, "cells": {"name": "B3", "basis": "E3", "extra.联系人": "H3"}},
               {"table": 2, "row": 5, "cells": {"name": "B5"}}]
    sheet = Locator("xlsx", [10, 30], [[(10, "number"), (11, "name"), (12, "basis")], [(30, "number")]], sources[:1] * 2)
    assert sheet.where(13, "basis[1]") == {"sheet": "表一", "cell": "E3", "row": 3, "column": 5}
    assert sheet.where(11, None)["cell"] == "B3"  # no field: the key whose lines hold the finding
    assert sheet.where(14, "extra.联系人")["cell"] == "H3"
    assert sheet.where(12, "remarks") == {"sheet": "表一", "row": 3}  # no cell recorded: the row
    assert sheet.where(4, "meta.title") == {}  # before the first item: the list as a whole
    table = Locator("docx", [10], [[(10, "name")]], sources[1:])
    finding = Finding("OCR001", "garbled", "error", "甲", "x.docx", 11, 7, "1", "name")
    table.place(finding)
    assert (finding.line, finding.column, describe(finding.place)) == (5, 2, "表 2 第 5 行 第 2 列")
    assert describe({}) == "" and describe({"line": 4}) == "第 4 行"


def test_places_survive_parallel_workers_and_reach_cross_list_findings(tmp_path):
    source = tmp_path / "送审"
    source.mkdir()
    for county in ("大姚县", "姚安县", "永仁县"):
        make_xlsx(source / f"{county}.xlsx", county)
    odd = [["1", ITEMS[0][1], "行政检查", *ITEMS[0][3:]], ITEMS[1]]  # the one county typing item 1 otherwise
    make_xlsx(source / "南华县.xlsx", "南华县", odd)
    _, serial = findings_json(source)
    _, parallel = findings_json(source, "--jobs", "2")
    assert serial == parallel
    assert all("cell" in f or f["item"] is None for f in serial)
    differs = [f for f in serial if f["code"] == "XLS002"]
    assert [(Path(f["path"]).name, f["sheet"], f["cell"]) for f in differs] == [("南华县.xlsx", "权责清单", "C3")]


def test_an_annotated_copy_that_cannot_be_written_exits_2(tmp_path):
    path = make_xlsx(tmp_path / "清单.xlsx")
    (tmp_path / "退回").write_text("a file, not a folder", encoding="utf-8")
    result = run("check", path, "--annotate", tmp_path / "退回", "--no-cache")
    assert result.exit_code == 2 and "无法写入" in result.stderr


def test_a_finding_on_an_old_xls_names_its_sheet_and_cell_and_gets_no_copy(tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("清单")
    for r, values in enumerate([[TITLE], COLUMNS, *ITEMS]):
        for c, value in enumerate(values):
            sheet.write(r, c, value)
    path = tmp_path / "清单.xls"
    book.save(str(path))
    result, findings = findings_json(path, "--annotate", tmp_path / "退回")
    wrong_type = next(f for f in findings if f["code"] == "OCR001")
    assert (wrong_type["sheet"], wrong_type["cell"]) == ("清单", "C4")
    assert "只能为 .xlsx 和 .docx 写批注副本" in result.stderr and not (tmp_path / "退回").exists()
