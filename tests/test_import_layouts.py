"""`powerlint import` on published layouts beyond the zoo: items spanning rows, bad layouts refused,
the mapping shown and overridden, single-item detail pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml

from lint.cli import main
from lint.config import Config
from lint.engine import check_paths
from lint.importer import import_path
from lint.source import InputError

from .conftest import cli_runner, lint, working_directory

STAGES = "1. 受理责任：受理申请。\n2. 审查责任：审查材料。\n3. 决定责任：作出决定。"


def run(*args, cwd: Path | None = None):
    runner = cli_runner()
    if cwd is None:
        return runner.invoke(main, list(map(str, args)))
    with working_directory(cwd):
        return runner.invoke(main, list(map(str, args)))


def items_of(path: Path, **kwargs) -> list[dict]:
    return yaml.safe_load(import_path(str(path), **kwargs))["items"]


# --- items spanning several rows ------------------------------------------------------------------

def test_xlsx_merged_number_name_and_stages_belong_to_every_sub_item_row(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "事项名称", "子项名称", "权力类型", "实施依据", "责任事项"])
    sheet.append([1, "对定点医药机构违法行为的处罚", "骗取基金支出", "行政处罚", "《甲条例》第四十条", STAGES])
    sheet.append([None, None, "违反服务协议", None, "《甲条例》第三十八条", None])
    for column in "ABDF":
        sheet.merge_cells(f"{column}2:{column}3")
    sheet.append([2, "参保登记", None, "行政确认", "《乙法》第二十五条", STAGES])
    book.save(tmp_path / "list.xlsx")
    items = items_of(tmp_path / "list.xlsx")
    assert [(i["number"], i["name"], i["sub_item"], i["power_type"]) for i in items] == [
        ("1", "对定点医药机构违法行为的处罚", "骗取基金支出", "行政处罚"),
        ("1", "对定点医药机构违法行为的处罚", "违反服务协议", "行政处罚"), ("2", "参保登记", None, "行政确认")]
    assert items[1]["stages"] == items[0]["stages"] and items[1]["basis"] == ["《甲条例》第三十八条"]
    assert [i["source"]["row"] for i in items] == [2, 3, 4]


def test_a_merged_number_makes_its_rows_one_item_even_where_other_cells_were_left_blank(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "事项名称", "子项", "权力类型"])
    sheet.append([1, "甲事项", "子甲", "行政处罚"])
    sheet.append([None, None, "子乙", None])
    sheet.merge_cells("A2:A3")  # only 序号 merged; the publisher left the rest blank
    book.save(tmp_path / "list.xlsx")
    assert [(i["number"], i["name"], i["sub_item"], i["power_type"]) for i in items_of(tmp_path / "list.xlsx")] == [
        ("1", "甲事项", "子甲", "行政处罚"), ("1", "甲事项", "子乙", "行政处罚")]


def test_rows_under_a_merged_number_without_sub_items_continue_the_item(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "事项名称", "实施依据"])
    sheet.append([1, "甲事项", "《甲法》第一条"])
    sheet.append([None, None, "《乙条例》第二条"])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:B3")
    book.save(tmp_path / "list.xlsx")
    (item,) = items_of(tmp_path / "list.xlsx")
    assert (item["number"], item["name"], item["basis"]) == ("1", "甲事项", ["《甲法》第一条", "《乙条例》第二条"])


def test_docx_and_html_vertical_merges_are_spread(tmp_path):
    document = docx.Document()
    grid = document.add_table(rows=3, cols=3)
    for col, name in enumerate(["序号", "事项名称", "子项"]):
        grid.cell(0, col).text = name
    grid.cell(1, 0).text, grid.cell(1, 1).text, grid.cell(1, 2).text, grid.cell(2, 2).text = "1", "甲事项", "子甲", "子乙"
    grid.cell(1, 0).merge(grid.cell(2, 0))
    grid.cell(1, 1).merge(grid.cell(2, 1))
    document.save(tmp_path / "list.docx")
    assert [(i["number"], i["name"], i["sub_item"]) for i in items_of(tmp_path / "list.docx")] == [
        ("1", "甲事项", "子甲"), ("1", "甲事项", "子乙")]
    (tmp_path / "list.html").write_text(
        "<html><body><table><tr><td>序号</td><td>事项名称</td><td>子项</td></tr>"
        "<tr><td rowspan=2>1</td><td rowspan='2'>甲事项</td><td>子甲</td></tr><tr><td>子乙</td></tr></table>",
        encoding="utf-8")
    assert [(i["number"], i["name"], i["sub_item"]) for i in items_of(tmp_path / "list.html")] == [
        ("1", "甲事项", "子甲"), ("1", "甲事项", "子乙")]


def test_flattened_sub_item_rows_and_rows_broken_across_pages(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称,子项名称,权力类型,实施依据\n"
                    "1,甲事项,子甲,行政处罚,《甲法》第一条\n"
                    ",,子乙,,《甲法》第二条\n"
                    "2,乙事项,,行政确认,《乙法》第三条\n"
                    ",,,,《乙法》第四条\n", encoding="utf-8")
    items = items_of(path)
    assert [(i["number"], i["name"], i["sub_item"], i["power_type"]) for i in items] == [
        ("1", "甲事项", "子甲", "行政处罚"), ("1", "甲事项", "子乙", "行政处罚"), ("2", "乙事项", None, "行政确认")]
    assert items[2]["basis"] == ["《乙法》第三条", "《乙法》第四条"]  # the row continued on the next page


def test_num001_is_quiet_on_sub_item_rows_and_still_reports_a_repeated_number(tmp_path):
    body = """
    format: powerlist/1
    meta: {title: 甲县医疗保障局权责清单}
    items:
      - {number: '1', name: 甲事项, sub_item: 子甲}
      - {number: '1', name: 甲事项, sub_item: 子乙}
      - {number: '2', name: 乙事项, sub_item: null}
      - {number: '2', name: 丙事项, sub_item: null}
    """
    findings = lint(tmp_path, body, select=["NUM001"])
    assert [(f.code, f.item) for f in findings] == [("NUM001", "2")]


def test_two_basis_columns_make_one_basis(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称,设定依据,实施依据\n1,甲事项,《甲法》第一条,《甲条例》第五条\n", encoding="utf-8")
    assert items_of(path)[0]["basis"] == ["《甲法》第一条", "《甲条例》第五条"]


# --- bad layouts: refused, never a YAML with phantom items ---------------------------------------

def _scanned_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    page.rect(50, 50, 400, 300, fill=1)  # an image-like page: marks, no text layer
    page.save()


@pytest.mark.parametrize("name, content, message", [
    ("unknown.csv", "甲列,乙列,丙列\n一,二,三\n四,五,六\n", "找不到表头行.*找到的列：甲列、乙列、丙列"),
    ("noname.csv", "序号,权力类型,实施依据\n1,行政处罚,《甲法》第一条\n", "找不到事项名称列.*找到的列：序号、权力类型、实施依据"),
    ("weak.csv", "序号,行政权力事项名,法律法规及规章依据\n1,甲事项,《甲法》第一条\n", "版式判断不可靠"),
    ("uncertain.csv", "序号,行政权力事项名,法律法规及规章依据,工作方法\n1,对甲的检查,《甲法》第一条,现场检查\n",
     "版式判断不可靠.*认不出的列：“工作方法”"),  # data under an uncertain header: refused, unknown columns or not
    ("phantom.csv", "序号,事项名称,权力类型\n1,,行政处罚\n2,,行政确认\n3,丙,行政确认\n", "2/3 个事项没有名称"),
    ("page.html", "<html><head><title>湘阴县医疗保障局</title></head><body><h1>权责清单</h1><p>见附件。</p></body></html>",
     "网页中没有找到表格"),
])
def test_bad_layouts_are_refused_with_the_headers_found(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        import_path(str(path))
    result = run("import", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 2 and not (tmp_path / "out.yaml").exists()
    assert "Traceback" not in result.output + result.stderr


def test_a_plain_table_keeps_its_unknown_columns_under_extra_and_says_so(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称,甲栏,乙栏,丙栏,丁栏\n1,甲事项,张三,一楼,周一,电话\n", encoding="utf-8")
    notes: list[str] = []
    (item,) = yaml.safe_load(import_path(str(path), notes=notes))["items"]
    assert (item["number"], item["name"]) == ("1", "甲事项")
    assert item["extra"] == {"甲栏": "张三", "乙栏": "一楼", "丙栏": "周一", "丁栏": "电话"}
    assert "放入 extra 的列：甲栏、乙栏、丙栏、丁栏；如有误，可用 --column 原列名=字段 改正" in notes


def test_refusal_names_the_closest_known_names(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,管理事项名,权力类型\n1,甲,行政处罚\n", encoding="utf-8")
    with pytest.raises(InputError, match="“管理事项名”（最接近：.*事项名称.*）.*--column 原列名=字段"):
        import_path(str(path))


def test_a_scanned_pdf_needs_ocr_first(tmp_path):
    pytest.importorskip("reportlab")
    _scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(InputError, match="没有文字层.*OCR"):
        import_path(str(tmp_path / "scan.pdf"))


def test_a_pdf_without_ruled_tables_is_refused(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(tmp_path / "prose.pdf"))
    page.setFont("STSong-Light", 12)
    page.drawString(72, 720, "序号 事项名称 权力类型")
    page.drawString(72, 700, "1 对甲的处罚 行政处罚")
    page.save()
    with pytest.raises(InputError, match="没有找到带表格线的表格"):
        import_path(str(tmp_path / "prose.pdf"))


def test_a_broken_xls_is_an_input_error(tmp_path):
    (tmp_path / "list.xls").write_bytes(b"\xd0\xcf\x11\xe0 broken")
    with pytest.raises(InputError, match="不是有效的旧版 Excel"):
        import_path(str(tmp_path / "list.xls"))


# --- the mapping, shown and corrected -------------------------------------------------------------

def test_import_prints_the_mapping_and_the_extra_columns_to_stderr(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("湘阴县医疗保障局权责清单\n序号,执法事项名称,执法类别,联系人\n1,甲,行政处罚,张三\n", encoding="utf-8")
    result = run("import", path, "-o", tmp_path / "out.yaml")
    assert result.exit_code == 0
    assert "  执法类别 → power_type（权力类型）　依据：列名表" in result.stderr
    assert "放入 extra 的列：联系人" in result.stderr
    assert "列的识别" not in (tmp_path / "out.yaml").read_text(encoding="utf-8")


def test_column_option_and_configuration_override_the_mapping(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,管理事项名,权力类型,联系人\n1,甲,行政处罚,张三\n", encoding="utf-8")
    result = run("import", path, "--column", "管理事项名=name", "--column", "权力类型=extra")
    assert result.exit_code == 0, result.output
    item = yaml.safe_load(result.stdout)["items"][0]
    assert item["name"] == "甲" and "power_type" not in item and item["extra"] == {"权力类型": "行政处罚", "联系人": "张三"}
    assert "管理事项名 → name（事项名称）　依据：命令行 --column 指定" in result.stderr
    (tmp_path / ".powerlint.yaml").write_text("columns:\n  管理事项名: name\n  联系人: remarks\n", encoding="utf-8")
    result = run("import", path, cwd=tmp_path)  # found upward from the working directory, as for check
    assert result.exit_code == 0, result.output
    item = yaml.safe_load(result.stdout)["items"][0]
    assert (item["name"], item["remarks"]) == ("甲", "张三")
    assert "依据：配置文件 columns 指定" in result.stderr


@pytest.mark.parametrize("option, message", [("--column=管理事项名", "原列名=字段"),
                                             ("--column=管理事项名=名称", "字段“名称”不存在")])
def test_a_bad_column_option_is_exit_2(tmp_path, option, message):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称\n1,甲\n", encoding="utf-8")
    result = run("import", path, option)
    assert result.exit_code == 2 and message in result.stderr


def test_metadata_options_and_what_could_not_be_inferred(tmp_path):
    path = tmp_path / "bare.csv"
    path.write_text("序号,事项名称,权力类型\n1,甲,行政处罚\n", encoding="utf-8")
    result = run("import", path)
    assert result.exit_code == 0
    assert "未能推断清单标题" in result.stderr and "未能从标题推断部门；可用 --department 指定" in result.stderr
    result = run("import", path, "--title", "资源县人力资源和社会保障局权力清单", "--level", "县级")
    meta = yaml.safe_load(result.stdout)["meta"]
    assert meta["title"] == "资源县人力资源和社会保障局权力清单" and meta["level"] == "县级"
    assert meta["columns"] == ["number", "name", "power_type"]
    result = run("import", path, "--department", "湘阴县医疗保障局")
    meta = yaml.safe_load(result.stdout)["meta"]
    assert (meta["department"], meta["region"]["county"], meta["level"]) == ("湘阴县医疗保障局", "湘阴县", "县级")
    result = run("import", path, "--region", "无此地")
    assert result.exit_code == 2 and "认不出地区" in result.stderr


# --- single-item detail pages ---------------------------------------------------------------------

DETAIL = """<html><head><title>事项详情_湖南省政务服务网</title></head><body>
<div class="nav"><a href="/">首页</a> &gt; 事项详情</div><h2>基本信息</h2>
<table>
<tr><td>事项名称</td><td colspan="3">城乡居民基本医疗保险参保登记</td></tr>
<tr><td>事项类型</td><td>行政确认</td><td>实施主体</td><td>湘阴县医疗保障局</td></tr>
<tr><td>设定依据</td><td colspan="3">《中华人民共和国社会保险法》第二十五条。</td></tr>
<tr><td>办理时限</td><td>5个工作日</td><td>咨询电话</td><td>0730-1234567</td></tr>
<tr><td>办理地点</td><td>政务服务中心</td><td>是否收费</td><td>否</td></tr>
</table>
<h2>申请材料</h2>
<table><tr><th>材料名称</th><th>来源</th><th>份数</th></tr>
<tr><td>身份证</td><td>申请人</td><td>1</td></tr><tr><td>户口簿</td><td>申请人</td><td>1</td></tr>
<tr><td>参保登记表</td><td>经办机构</td><td>1</td></tr></table>
<table><tr><td>主办：湖南省人民政府办公厅</td><td>网站标识码</td></tr></table></body></html>"""


def test_a_detail_page_imports_as_one_item(tmp_path):
    path = tmp_path / "detail.html"
    path.write_text(DETAIL, encoding="utf-8")
    document = yaml.safe_load(import_path(str(path)))
    (item,) = document["items"]
    assert (item["name"], item["power_type"], item["body"]) == ("城乡居民基本医疗保险参保登记", "行政确认", "湘阴县医疗保障局")
    assert item["basis"] == ["《中华人民共和国社会保险法》第二十五条。"] and "number" not in item
    assert item["extra"] == {"办理时限": "5个工作日", "咨询电话": "0730-1234567", "办理地点": "政务服务中心",
                             "是否收费": "否"}  # most labels are no field of the format: a detail page still imports
    assert document["meta"]["source"]["layout"] == "html-detail"
    assert document["meta"]["columns"] == ["name", "power_type", "body", "basis"]


def test_a_detail_table_in_a_spreadsheet(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["事项名称", "参保登记"], ["权力类型", "行政确认"], ["实施依据", "《乙法》第二十五条"], ["备注", None]):
        sheet.append(row)
    book.save(tmp_path / "detail.xlsx")
    (item,) = items_of(tmp_path / "detail.xlsx")
    assert (item["name"], item["power_type"], item["remarks"]) == ("参保登记", "行政确认", None)


def test_a_detail_page_checks_clean(tmp_path):
    path = tmp_path / "detail.html"
    path.write_text(DETAIL, encoding="utf-8")
    out = tmp_path / "detail.yaml"
    out.write_text(import_path(str(path), meta={"title": "湘阴县医疗保障局事项详情"}), encoding="utf-8")
    result = check_paths([str(out)], Config(as_of=dt.date(2026, 11, 22)))
    assert not result.errors
    assert [f.code for f in result.findings if f.severity == "error"] == []


def test_a_phantom_key_value_reading_of_an_unknown_table_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,执法事由,处理方式\n1,甲,乙\n2,丙,丁\n", encoding="utf-8")
    with pytest.raises(InputError, match="找不到表头行.*找到的列：序号、执法事由、处理方式"):
        import_path(str(path))


def test_a_long_pdf_with_a_two_row_merged_header_repeated_on_every_page(tmp_path):
    pytest.importorskip("reportlab")
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=9, leading=11)
    rows = [["序号", "事项名称", "", "权力类型", "实施依据"], ["", "主项", "子项", "", ""]]
    rows += [[str(n), f"第{n}项事项", "", "行政检查", f"《甲条例》第{n}条"] for n in range(1, 61)]
    grid = Table([[Paragraph(c, style) for c in row] for row in rows], repeatRows=2, colWidths=[40, 120, 60, 70, 200])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (1, 0), (2, 0)),
                              ("SPAN", (0, 0), (0, 1)), ("SPAN", (3, 0), (3, 1)), ("SPAN", (4, 0), (4, 1))]))
    SimpleDocTemplate(str(tmp_path / "list.pdf"), pagesize=A4).build([Paragraph("甲县医疗保障局行政检查事项清单", style), grid])
    document = yaml.safe_load(import_path(str(tmp_path / "list.pdf")))
    items = document["items"]
    assert len({i["source"]["table"] for i in items}) >= 2  # it did run over several pages
    assert [(i["number"], i["name"], i["sub_item"], i["power_type"]) for i in items] == [
        (str(n), f"第{n}项事项", None, "行政检查") for n in range(1, 61)]
    assert items[-1]["basis"] == ["《甲条例》第60条"]
    assert document["meta"]["title"] == "甲县医疗保障局行政检查事项清单"
    assert document["meta"]["source"]["layout"] == "pdf-table"


def test_column_numbers_under_the_header_and_notes_below_are_no_items(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,事项名称,权力类型\n1,2,3\n1,甲事项,行政处罚\n2,乙事项,行政确认\n"
                    "填表人：张三,,审核人：李四\n", encoding="utf-8")
    document = yaml.safe_load(import_path(str(path)))
    assert [i["name"] for i in document["items"]] == ["甲事项", "乙事项"]
    assert document["meta"]["extra"]["表外文字"] == "填表人：张三 审核人：李四" and document["meta"]["title"] is None


def test_a_spreadsheet_attachment_is_read_as_what_it_really_is(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["序号", "事项名称", "权力类型"])
    book.active.append([1, "甲事项", "行政处罚"])
    book.save(tmp_path / "real.xlsx")
    (tmp_path / "named.xls").write_bytes((tmp_path / "real.xlsx").read_bytes())
    (tmp_path / "web.xls").write_text("<table><tr><td>序号</td><td>事项名称</td></tr><tr><td>1</td><td>乙事项</td></tr>"
                                      "</table>", encoding="utf-8")
    assert items_of(tmp_path / "named.xls")[0]["name"] == "甲事项"
    assert items_of(tmp_path / "web.xls")[0]["name"] == "乙事项"


def test_a_page_with_one_table_per_power_type(tmp_path):
    page = ("<html><body><h2>甲县医疗保障局权责清单</h2><h3>一、行政处罚</h3>"
            "<table><tr><th>序号</th><th>事项名称</th><th>实施依据</th></tr><tr><td>1</td><td>甲事项</td>"
            "<td>《甲法》第一条</td></tr></table><h3>二、行政检查</h3>"
            "<table><tr><th>序号</th><th>事项名称</th><th>检查方式</th><th>实施依据</th></tr>"
            "<tr><td>2</td><td>乙事项</td><td>现场检查</td><td>《乙法》第二条</td></tr></table>"
            "<table><tr><td>版权所有</td><td>网站地图</td></tr></table></body></html>")
    (tmp_path / "list.html").write_text(page, encoding="utf-8")
    document = yaml.safe_load(import_path(str(tmp_path / "list.html"), columns={"检查方式": ("extra", "命令行 ")}))
    assert [(i["name"], i["basis"]) for i in document["items"]] == [("甲事项", ["《甲法》第一条"]),
                                                                   ("乙事项", ["《乙法》第二条"])]
    assert document["meta"]["title"] == "甲县医疗保障局权责清单"


def test_every_worksheet_holding_a_list_is_read(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["本清单分行政处罚、行政检查两表"])
    for title, number, name in (("行政处罚", 1, "甲事项"), ("行政检查", 2, "乙事项")):
        sheet = book.create_sheet(title)
        sheet.append(["序号", "事项名称", "权力类型"])
        sheet.append([number, name, title])
    book.create_sheet("填报说明").append(["填表人", "张三"])
    book.save(tmp_path / "list.xlsx")
    items = items_of(tmp_path / "list.xlsx")
    assert [(i["name"], i["source"]["sheet"]) for i in items] == [("甲事项", "行政处罚"), ("乙事项", "行政检查")]
