"""The lists a department keeps beside its 权责清单 (§11 of DOMAIN.md), written by the tests in the formats and
with the column names departments publish: each imports without hints, with every item, name and basis in place,
and `check` finds nothing wrong in its clean content. Contents are invented; citations name real documents."""

from __future__ import annotations

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
from lint.source import InputError

from .test_layout_zoo import serious, write_csv

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "lint" / "schema" / "powerlist.schema.json").read_text(encoding="utf-8"))
DEPT = "湘阴县医疗保障局"
FUND = "《医疗保障基金使用监督管理条例》第二十二条"
SOCIAL = "《中华人民共和国社会保险法》第八十六条"
PENALTY = "《中华人民共和国行政处罚法》第三十三条第一款"


# --- the lists ---------------------------------------------------------------------------------

def inspection_xlsx(tmp: Path):
    """涉企行政检查事项清单: the name column headed 行政检查事项, an empty header over a filled column, and an
    empty column with no header."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([f"{DEPT}涉企行政检查事项清单"])
    sheet.merge_cells("A1:I1")
    sheet.append(["序号", "行政检查事项", "检查主体", "检查依据", "检查方式", "检查对象", "检查频次（上限）", None, None])
    sheet.append([1, "对定点医药机构使用医疗保障基金情况的检查", DEPT, FUND, "现场检查、非现场检查", "定点医药机构",
                  "每年不超过1次", "基金监管股", None])
    sheet.append([2, "对参保单位缴纳医疗保险费情况的检查", DEPT, "《中华人民共和国社会保险法》第七十九条", "书面检查",
                  "参保单位", "每年不超过1次", "基金监管股", None])
    book.save(tmp / "list.xlsx")
    names = ["对定点医药机构使用医疗保障基金情况的检查", "对参保单位缴纳医疗保险费情况的检查"]
    return tmp / "list.xlsx", "行政检查事项清单", names, [[FUND], ["《中华人民共和国社会保险法》第七十九条"]]


def random_checks_html(tmp: Path):
    """「双随机、一公开」抽查事项清单 as a web page: two rows under one 序号 merged by rowspan, a 抽查类别 column."""
    rows = (f"<tr><td rowspan='2'>1</td><td rowspan='2'>重点检查事项</td>"
            f"<td>对定点医疗机构医疗保障基金使用情况的抽查</td><td>定点医疗机构</td><td>{FUND}</td>"
            f"<td>比例不低于5%</td><td rowspan='2'>县医疗保障局</td></tr>"
            f"<tr><td>对定点零售药店医疗保障基金使用情况的抽查</td><td>定点零售药店</td><td>{FUND}</td>"
            f"<td>比例不低于5%</td></tr>"
            f"<tr><td>2</td><td>一般检查事项</td><td>对参保单位缴纳医疗保险费情况的抽查</td><td>参保单位</td>"
            f"<td>《中华人民共和国社会保险法》第七十九条</td><td>比例不低于3%</td><td>县医疗保障局</td></tr>")
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>湘阴县人民政府</title></head><body>
<h1>{DEPT}“双随机、一公开”抽查事项清单</h1>
<table border="1"><tr><th>序号</th><th>抽查类别</th><th>抽查事项</th><th>检查对象</th><th>抽查依据</th>
<th>抽查比例及频次</th><th>检查部门及实施层级</th></tr>{rows}</table></body></html>"""
    (tmp / "list.html").write_text(page, encoding="utf-8")
    names = ["对定点医疗机构医疗保障基金使用情况的抽查", "对定点零售药店医疗保障基金使用情况的抽查",
             "对参保单位缴纳医疗保险费情况的抽查"]
    return tmp / "list.html", "随机抽查事项清单", names, [[FUND], [FUND], ["《中华人民共和国社会保险法》第七十九条"]]


def random_check_plan_csv(tmp: Path):
    """The yearly 抽查工作计划: 事项类别 holds 一般/重点检查事项, a category and never a power type."""
    rows = [["序号", "事项类别", "抽查事项", "检查对象", "抽查依据", "抽查比例或数量", "起止时间"],
            ["1", "重点检查事项", "对定点医疗机构医疗保障基金使用情况的抽查", "定点医疗机构", FUND, "5家", "2026年3月至6月"],
            ["2", "一般检查事项", "对定点零售药店医疗保障基金使用情况的抽查", "定点零售药店", FUND, "3家", "2026年7月至9月"]]
    path = tmp / "plan.csv"
    write_csv(path, rows, title=f"{DEPT}2026年度“双随机、一公开”抽查工作计划")
    names = [rows[1][2], rows[2][2]]
    return path, "随机抽查工作计划", names, [[FUND], [FUND]]


def first_offence_docx(tmp: Path):
    """首违免罚事项清单 in Word: a 「单位：」 line, and a basis cell whose first paragraph is the label 「处罚依据：」."""
    document = docx.Document()
    document.add_paragraph(f"{DEPT}首违免罚事项清单")
    document.add_paragraph(f"单位：{DEPT}")
    headers = ["序号", "违法行为", "处罚依据", "首违免罚的情形", "首违免罚的依据", "配套监管措施"]
    items = [("1", "用人单位未按时足额缴纳医疗保险费", SOCIAL, "首次发现且在责令期限内补缴"),
             ("2", "定点医药机构未按规定保管财务账目", "《医疗保障基金使用监督管理条例》第三十八条",
              "首次发现且及时改正、没有造成危害后果")]
    grid = document.add_table(rows=1 + len(items), cols=len(headers))
    for col, name in enumerate(headers):
        grid.cell(0, col).text = name
    for row, (number, name, basis, case) in enumerate(items, 1):
        texts = [number, name, None, case, PENALTY, "约谈提醒、跟踪回访"]
        for col, text in enumerate(texts):
            if text is not None:
                grid.cell(row, col).text = text
        basis_cell = grid.cell(row, 2)
        basis_cell.text = "处罚依据："
        basis_cell.add_paragraph(basis)
    document.save(tmp / "list.docx")
    return tmp / "list.docx", "首违免罚事项清单", [i[1] for i in items], [[f"处罚依据：\n{i[2]}"] for i in items]


def exemption_pdf(tmp: Path):
    """行政执法减免责清单 in PDF: a 「单位：」 line, the sub-title 不予处罚清单, columns 处罚事项 / 违法行为."""
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=9, leading=11)
    rows = [["序号", "处罚事项", "违法行为", "处罚依据", "不予处罚条件"],
            ["1", "对用人单位未按时足额缴纳医疗保险费的处罚", "用人单位未按时足额缴纳医疗保险费", SOCIAL,
             "首次发现且在责令期限内补缴"],
            ["2", "对定点医药机构未按规定保管财务账目的处罚", "定点医药机构未按规定保管财务账目",
             "《医疗保障基金使用监督管理条例》第三十八条", "及时改正，没有造成危害后果"]]
    grid = Table([[Paragraph(text, style) for text in row] for row in rows], colWidths=[30, 170, 150, 190, 150])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    story = [Paragraph(f"{DEPT}行政执法减免责清单", style), Paragraph(f"单位：{DEPT}", style),
             Paragraph("一、不予处罚清单", style), grid]
    SimpleDocTemplate(str(tmp / "list.pdf"), pagesize=landscape(A4)).build(story)
    names = [rows[1][1], rows[2][1]]
    return tmp / "list.pdf", "行政执法减免责清单", names, [[SOCIAL], ["《医疗保障基金使用监督管理条例》第三十八条"]]


def licensing_xlsx(tmp: Path):
    """行政许可事项清单 with the national catalogue's columns: 主管部门, 实施机关, 设定和实施依据."""
    book = openpyxl.Workbook()
    sheet = book.active
    dept = "湘阴县卫生健康局"
    sheet.append([f"{dept}行政许可事项清单（2025年版）"])
    sheet.append(["序号", "事项名称", "主管部门", "实施机关", "设定和实施依据"])
    sheet.append([1, "医疗机构执业登记", "卫生健康部门", dept, "《医疗机构管理条例》第十五条"])
    book.save(tmp / "list.xlsx")
    return tmp / "list.xlsx", "行政许可事项清单", ["医疗机构执业登记"], [["《医疗机构管理条例》第十五条"]]


def public_service_csv(tmp: Path):
    """公共服务事项清单: 服务对象 and 办理时限 kept under extra, no basis column."""
    rows = [["序号", "事项名称", "实施部门", "服务对象", "办理时限"],
            ["1", "基本医疗保险参保信息查询", DEPT, "参保人员", "即时办结"],
            ["2", "医疗保障定点医药机构名单公布", DEPT, "社会公众", "即时办结"]]
    path = tmp / "list.csv"
    write_csv(path, rows, title=f"{DEPT}公共服务事项清单")
    return path, "公共服务事项清单", [rows[1][1], rows[2][1]], [None, None]


def detail_paragraphs_docx(tmp: Path):
    """A 政务服务事项 detail page written as paragraphs 「事项名称：…」「设定依据：…」, no table."""
    document = docx.Document()
    document.add_paragraph(f"{DEPT}行政许可事项清单")
    for line in ["事项名称：医疗保障定点医药机构协议管理确认", "事项类型：其他行政权力", f"实施主体：{DEPT}",
                 "设定依据：《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）第三条", "办理时限：20个工作日"]:
        document.add_paragraph(line)
    document.save(tmp / "detail.docx")
    return (tmp / "detail.docx", "行政许可事项清单", ["医疗保障定点医药机构协议管理确认"],
            [["《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）第三条"]])


LISTS = [inspection_xlsx, random_checks_html, random_check_plan_csv, first_offence_docx, exemption_pdf,
         licensing_xlsx, public_service_csv, detail_paragraphs_docx]


def imported(tmp_path: Path, layout) -> tuple[dict, list, list, str, list[str]]:
    path, kind, names, bases = layout(tmp_path)
    notes: list[str] = []
    text = import_path(str(path), notes=notes)
    document = yaml.safe_load(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    (tmp_path / "imported.yaml").write_text(text, encoding="utf-8")
    return document, names, bases, kind, notes


@pytest.mark.parametrize("layout", LISTS, ids=lambda f: f.__name__)
def test_every_item_name_and_basis_in_place_without_hints(tmp_path, layout):
    document, names, bases, kind, notes = imported(tmp_path, layout)
    items = document["items"]
    assert [item.get("sub_item") or item["name"] for item in items] == names, notes
    for item, basis in zip(items, bases):
        if basis is not None:
            assert item["basis"] == basis, notes
    assert document["meta"]["kind"] == kind


@pytest.mark.parametrize("layout", LISTS, ids=lambda f: f.__name__)
def test_check_finds_nothing_wrong_in_the_clean_content(tmp_path, layout):
    imported(tmp_path, layout)
    assert serious(tmp_path / "imported.yaml") == []


# --- how each piece is read ----------------------------------------------------------------------

def read(path: Path, text: str, **kwargs) -> tuple[dict, list[str]]:
    path.write_text(text, encoding="utf-8")
    notes: list[str] = []
    return yaml.safe_load(import_path(str(path), notes=notes, **kwargs)), notes


def test_the_name_column_by_its_place_next_to_the_number(tmp_path):
    document, notes = read(tmp_path / "list.csv", "序号,职权事项,检查依据\n1,对定点医药机构的检查,《甲条例》第五条\n"
                                                   "2,对参保单位的检查,《甲条例》第六条\n")
    assert [i["name"] for i in document["items"]] == ["对定点医药机构的检查", "对参保单位的检查"]
    assert any(n.startswith("  职权事项 → name（事项名称）　依据：按内容和位置") for n in notes)


@pytest.mark.parametrize("cells", [
    "1,甲,《甲条例》第五条\n2,乙,《甲条例》第六条\n",  # one-character cells name nothing
    "1,一般,《甲条例》第五条\n2,一般,《甲条例》第六条\n3,一般,《甲条例》第七条\n",  # a category: the same word
    "1,县医疗保障局,《甲条例》第五条\n2,县医疗保障局,《甲条例》第六条\n",  # bodies
])
def test_no_name_column_is_still_refused_with_the_closest_names(tmp_path, cells):
    path = tmp_path / "list.csv"
    path.write_text("序号,工作栏目,检查依据\n" + cells, encoding="utf-8")
    with pytest.raises(InputError, match="找不到事项名称列.*找到的列：序号、工作栏目、检查依据.*--column"):
        import_path(str(path))


def test_a_category_column_is_no_power_type_whatever_the_kind(tmp_path):
    document, notes = read(tmp_path / "list.csv", "序号,事项名称,事项类别,实施依据\n"
                                                   f"1,对定点医药机构的检查,重点检查事项,{FUND}\n"
                                                   f"2,对参保单位的检查,一般检查事项,{FUND}\n")
    assert "power_type" not in document["meta"]["columns"]
    assert [i["extra"]["事项类别"] for i in document["items"]] == ["重点检查事项", "一般检查事项"]
    assert any("事项类别 → extra" in n and "不是权力类型" in n for n in notes)


def test_damaged_power_types_stay_power_types(tmp_path):
    document, _ = read(tmp_path / "list.csv", "序号,事项名称,事项类别\n1,甲事项,行处罚\n2,乙事项,行政确\n")
    assert [i["power_type"] for i in document["items"]] == ["行处罚", "行政确"]  # OCR001 reports them


def test_what_the_import_says_is_what_it_writes(tmp_path):
    """A second column read as a field already taken (基本编码 after 序号) is said to go to extra, and does."""
    document, notes = read(tmp_path / "list.csv", "序号,基本编码,事项名称\n1,000106001000,甲事项\n")
    (item,) = document["items"]
    assert item["number"] == "1" and item["extra"] == {"基本编码": "000106001000"}
    line = next(n for n in notes if n.startswith("  基本编码 →"))
    assert "extra（原样保留）" in line and "“序号”已是该字段" in line
    assert "放入 extra 的列：基本编码；如有误，可用 --column 原列名=字段 改正" in notes


def test_a_blank_header_over_an_empty_column_is_dropped(tmp_path):
    document, *_, imported_notes = imported(tmp_path, inspection_xlsx)
    assert all(set(i["extra"]) == {"检查方式", "检查对象", "检查频次（上限）"} for i in document["items"])
    assert [i["unit"] for i in document["items"]] == ["基金监管股", "基金监管股"]  # the blank header over a filled column
    assert not any("第9列" in n for n in imported_notes)


def test_rows_under_one_merged_number_are_sub_items_never_one_joined_name(tmp_path):
    document, *_ = imported(tmp_path, random_checks_html)
    items = document["items"]
    assert [(i["number"], i["name"], i["sub_item"]) for i in items] == [
        ("1", "对定点医疗机构医疗保障基金使用情况的抽查", "对定点医疗机构医疗保障基金使用情况的抽查"),
        ("1", "对定点医疗机构医疗保障基金使用情况的抽查", "对定点零售药店医疗保障基金使用情况的抽查"),
        ("2", "对参保单位缴纳医疗保险费情况的抽查", None)]
    assert items[1]["extra"]["抽查类别"] == "重点检查事项" and items[1]["extra"]["检查对象"] == "定点零售药店"
    book = openpyxl.Workbook()  # the same rule for a merged 序号 in a spreadsheet
    sheet = book.active
    sheet.append(["序号", "事项名称", "实施依据"])
    sheet.append([1, "对甲的检查", "《甲法》第一条"])
    sheet.append([None, "对乙的检查", "《甲法》第二条"])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    items = yaml.safe_load(import_path(str(tmp_path / "merged.xlsx")))["items"]
    assert [(i["name"], i["sub_item"], i["basis"]) for i in items] == [
        ("对甲的检查", "对甲的检查", ["《甲法》第一条"]), ("对甲的检查", "对乙的检查", ["《甲法》第二条"])]


def test_a_label_line_stays_with_the_text_it_introduces(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "事项名称", "实施依据"])
    sheet.append([1, "对甲的处罚", "设定依据：\n《甲法》第一条\n实施依据：\n《甲条例》第二条"])
    book.save(tmp_path / "list.xlsx")
    (item,) = yaml.safe_load(import_path(str(tmp_path / "list.xlsx")))["items"]
    assert item["basis"] == ["设定依据：\n《甲法》第一条", "实施依据：\n《甲条例》第二条"]


def test_kind_from_a_sub_title_and_department_from_the_unit_line(tmp_path):
    document, _ = read(tmp_path / "list.csv", "行政执法清单汇编\n单位：湘阴县医疗保障局\n一、轻微违法行为不予处罚清单\n"
                                                   "序号,违法行为,处罚依据\n1,未按时足额缴纳医疗保险费,"
                                                   f"{SOCIAL}\n")
    meta = document["meta"]
    assert (meta["kind"], meta["department"], meta["level"]) == ("不予处罚事项清单", DEPT, "县级")
    assert document["items"][0]["name"] == "未按时足额缴纳医疗保险费"


def test_findings_in_a_kept_column_name_the_column(tmp_path):
    document, _ = read(tmp_path / "list.csv", f"{DEPT}首违免罚事项清单\n序号,违法行为,处罚依据,首违免罚的依据,配套监管措施\n"
                                                   f"1,未按时足额缴纳医疗保险费,{SOCIAL},"
                                                   "《中华人民共和国社会保险法》第九百条,约谈提醒提醒提醒提醒\n")
    (tmp_path / "list.yaml").write_text(import_path(str(tmp_path / "list.csv")), encoding="utf-8")
    result = check_paths([str(tmp_path / "list.yaml")], Config(as_of=dt.date(2026, 11, 22)))
    found = {(f.code, f.message.split("：")[0]) for f in result.findings}
    assert ("CIT003", "「首违免罚的依据」列") in found and ("OCR002", "「配套监管措施」列") in found
    assert ("SCH008", "原表有 2 列不是本格式的字段，已原样保留在 extra 中") in found


def test_a_detail_page_with_two_labels_for_one_field_says_what_it_writes(tmp_path):
    document, notes = read(tmp_path / "detail.txt", "事项名称\t参保登记\n项目名称\t城乡居民参保登记\n事项类型\t行政确认\n"
                                                     "设定依据\t《甲法》第一条\n")
    (item,) = document["items"]
    assert item["name"] == "参保登记" and item["extra"] == {"项目名称": "城乡居民参保登记"}
    assert any(n.startswith("  项目名称 → extra（原样保留）") and "“事项名称”已是该字段" in n for n in notes)


def test_merged_number_over_distinct_names_with_a_blank_sub_item_column(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "事项名称", "子项名称", "实施依据"])
    sheet.append([1, "对甲的检查", None, "《甲法》第一条"])
    sheet.append([None, "对乙的检查", None, "《甲法》第二条"])
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "list.xlsx")
    items = yaml.safe_load(import_path(str(tmp_path / "list.xlsx")))["items"]
    assert [(i["name"], i["sub_item"], i.get("extra")) for i in items] == [
        ("对甲的检查", "对甲的检查", None), ("对甲的检查", "对乙的检查", None)]


def test_a_web_page_written_as_paragraphs_is_one_item(tmp_path):
    page = (f"<html><head><title>湘阴县人民政府</title></head><body><h1>{DEPT}行政许可事项清单</h1>"
            "<p>事项名称：医疗保障定点医药机构协议管理确认</p><p>事项类型：其他行政权力</p>"
            f"<p>实施主体：{DEPT}</p><p>设定依据：《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）第三条</p>"
            "</body></html>")
    document, _ = read(tmp_path / "page.html", page)
    (item,) = document["items"]
    assert (item["name"], item["body"]) == ("医疗保障定点医药机构协议管理确认", DEPT)
    assert item["basis"] == ["《医疗机构医疗保障定点管理暂行办法》（国家医疗保障局令第2号）第三条"]
    assert document["meta"]["title"] == f"{DEPT}行政许可事项清单"


def test_the_kind_of_a_title_given_on_the_command_line_reads_the_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称,主管部门,实施机关\n1,医疗机构执业登记,卫生健康部门,湘阴县卫生健康局\n", encoding="utf-8")
    (item,) = yaml.safe_load(import_path(str(path)))["items"]
    assert item["body"] == "卫生健康部门"  # without a kind, 主管部门 is read as the body, as in a 权责清单 …
    (item,) = yaml.safe_load(import_path(str(path), meta={"title": "湘阴县卫生健康局行政许可事项清单"}))["items"]
    assert (item["body"], item["extra"]) == ("湘阴县卫生健康局", {"主管部门": "卫生健康部门"})  # … not in a 许可清单


@pytest.mark.parametrize("title, expected", [
    ("瓜州县医疗保障局首违免罚事项清单", []),  # the kind carries no 权力类型 and no 行使主体
    ("瓜州县医疗保障局行政检查事项清单", []),  # no 权力类型 either; its 行使主体 is the department of the title
    ("瓜州县医疗保障局权责清单", ["SCH003", "SCH003"]),
])
def test_a_hand_written_list_is_asked_only_for_the_fields_its_kind_carries(tmp_path, title, expected):
    path = tmp_path / "list.yaml"
    path.write_text(f"""format: powerlist/1
meta:
  title: {title}
items:
  - number: '1'
    name: 定点医药机构首次未按规定保管财务账目
    basis: ['《医疗保障基金使用监督管理条例》第三十八条']
  - number: '2'
    name: 定点医药机构首次未按规定报告信息
    basis: ['《医疗保障基金使用监督管理条例》第三十九条']
""", encoding="utf-8")
    found = check_paths([str(path)], Config(select=["SCH002", "SCH003", "SCH004", "SCH005"])).findings
    assert [f.code for f in found] == expected
