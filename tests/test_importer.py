"""`powerlint import`: the four seed layouts, .csv/.tsv/.xlsx/.docx, HTML cells, bad input, and the
administrative-division lookup used for meta.region."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import docx
import jsonschema
import openpyxl
import pytest
import yaml

from lint.analysis.divisions import find_places, region_of
from lint.importer import import_path
from lint.importer.fields import split_basis
from lint.importer.htmltext import html_to_text
from lint.source import InputError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).parents[1].parent / "shared" / "seeds"
SCHEMA = json.loads((ROOT / "lint" / "schema" / "powerlist.schema.json").read_text(encoding="utf-8"))
LISTS = {
    "000_85cb58951a3afd5b.txt": "dayao-ybj.yaml",
    "002_2aad9df2d6dfec76.txt": "guazhou-ybj.yaml",
    "003_225844e784cb10fe.txt": "tianshui-ybj.yaml",
    "004_e27ee1e627f47617.txt": "suining-ybj.yaml",
}
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds 不在本仓库旁边")


def parse(text: str) -> dict:
    """The YAML of an import, checked against the schema."""
    document = yaml.safe_load(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    return document


def imported(path, **kwargs) -> dict:
    return parse(import_path(str(path), **kwargs))


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip("shared/seeds 不在本仓库旁边")
    return {name: imported(SEEDS / name) for name in LISTS}


# --- the seeds ---------------------------------------------------------------------------------

@needs_seeds
@pytest.mark.parametrize("seed", sorted(LISTS))
def test_lists_are_the_seeds_imported_byte_for_byte(seed):
    assert import_path(str(SEEDS / seed)) == (ROOT / "lists" / LISTS[seed]).read_text(encoding="utf-8")


@needs_seeds
def test_item_counts_and_layouts(seeds):
    counts = {name: len(doc["items"]) for name, doc in seeds.items()}
    assert counts == {"000_85cb58951a3afd5b.txt": 7, "002_2aad9df2d6dfec76.txt": 8,
                      "003_225844e784cb10fe.txt": 16, "004_e27ee1e627f47617.txt": 9}
    layouts = {doc["meta"]["source"]["layout"] for name, doc in seeds.items() if not name.startswith("004")}
    assert layouts == {"tsv-table"}
    assert seeds["004_e27ee1e627f47617.txt"]["meta"]["source"]["layout"] == "tsv-kv"


@needs_seeds
def test_meta_of_the_seeds(seeds):
    metas = [seeds[name]["meta"] for name in LISTS]
    assert [(m["title"], m["department"], m["level"]) for m in metas] == [
        ("大姚县医疗保障局权力清单和责任清单", "大姚县医疗保障局", "县级"),
        ("瓜州县医疗保障局权责清单", "瓜州县医疗保障局", "县级"),
        ("天水市医保局权责清单", "天水市医疗保障局", "市级"),
        ("遂宁市医疗保障局权责清单", "遂宁市医疗保障局", "市级"),
    ]
    assert [m["region"] for m in metas] == [
        {"province": "云南省", "city": "楚雄彝族自治州", "county": "大姚县"},
        {"province": "甘肃省", "city": "酒泉市", "county": "瓜州县"},
        {"province": "甘肃省", "city": "天水市", "county": None},
        {"province": "四川省", "city": "遂宁市", "county": None},
    ]
    assert metas[2]["source"] == {"file": "003_225844e784cb10fe.txt", "layout": "tsv-table"}


@needs_seeds
def test_dayao_ragged_rows_keep_every_cell(seeds):
    items = seeds["000_85cb58951a3afd5b.txt"]["items"]
    third = items[2]  # a 9-field row under the 10-column header
    assert third["number"] == "3" and third["source"] == {"line": 9}
    assert "remarks" in third and third["remarks"] is None
    assert third["remedy"].startswith("公民、法人、或其他组织认为具体行政行为侵犯其合法权益的")
    assert "sub_item" not in third  # the list has no such column
    assert [item["source"]["line"] for item in items] == [6, 7, 9, 10, 11, 13, 14]


@needs_seeds
def test_dayao_cells_are_verbatim(seeds):
    items = seeds["000_85cb58951a3afd5b.txt"]["items"]
    assert len(items[0]["basis"]) == 3
    assert items[0]["basis"][2].startswith("省政府规章：《云南省城镇职工基本医疗保险暂行规定》")
    # a <p> citing no document continues the previous one
    assert items[5]["basis"][0].endswith("\n社会保险行政部门对社会保险基金实施监督检查，有权采取下列措施：查阅、记录、复制与社会保险基金收支、管理和投资运营相关的资料，对可能被转移、隐匿或者灭失的资料予以封存；询问与调查事项有关的单位和个人，要求其对与调查事项有关的问题作出说明、提供有关证明材料；对隐匿、转移、侵占、挪用社会保险基金的行为予以制止并责令改正。")
    assert items[5]["basis"][1].count("劳社部发〔1999〕14号") == 1 and items[5]["basis"][2].count("劳社部发〔1999〕14号") == 1
    # the skipped 4 in item 2's supervision and the cut-off accountability stay
    assert "通讯地址：大姚县政务中心，邮政编码：675400； 5. 网站" in items[1]["supervision"]
    assert items[3]["accountability"].endswith("7. 在社会保险管理、监督工作")
    assert items[0]["accountability"].splitlines()[1].startswith("1. 违反基本医疗保险基金管理规定")
    stages = items[0]["stages"]
    assert [s["name"] for s in stages] == ["受理", "审核", "决定", "事后监管", None]
    assert stages[4] == {"label": "5. ", "name": None, "text": "其他法律法规规章文件规定应履行的责任。"}


@needs_seeds
def test_guazhou_defects_are_kept(seeds):
    items = seeds["002_2aad9df2d6dfec76.txt"]["items"]
    assert [item["power_type"] for item in items] == ["行处政罚", "行处罚", "行处罚", "行给付", "行奖励", "行监督", "行确", "行确认"]
    assert [item["body"] for item in items][:4] == ["瓜州县医疗保障局", None, "瓜州县医疗保障 局", "瓜州县医疗保障 局"]
    assert items[7]["name"] == "基本零售電"
    assert items[2]["basis"] == [items[2]["basis"][0]] and items[2]["basis"][0].startswith("選; (三)")
    assert items[0]["sub_item"] is None and items[0]["remarks"] is None
    assert items[0]["stages"][0] == {"label": None, "name": None,
                                     "text": "查时应当出示执法证件,允许当事人辩解陈述。执法人员应当保守有关秘密。"}
    assert [s["label"] for s in items[0]["stages"][1:]] == ["3. 审查阶段责任: ", "4. 告知阶段责任: ", "5. 决定阶段责任: "]
    basis = items[3]["basis"]  # `1.《…》 2.《…》` numbering splits; the stray spaces stay
    assert len(basis) == 2 and basis[0].startswith("1.《社会教助暂行办法》") and "行政 法规" in basis[0]
    assert basis[1].startswith("2.《甘肃省社会教助条例》")
    assert [s["name"] for s in items[3]["stages"]] == ["救助", "保密"]
    assert items[6]["stages"][1]["label"] == "2. 审查阶段责任;"


@needs_seeds
def test_guazhou_markdown_debris_in_a_repeated_header_still_maps():
    text = (SEEDS / "002_2aad9df2d6dfec76.txt").read_text(encoding="utf-8")
    assert "\t- 行使主体\t" in text  # the seed really has it, on the header of items 3 and 4
    items = parse(import_path(str(SEEDS / "002_2aad9df2d6dfec76.txt")))["items"]
    assert all("extra" not in item for item in items)
    assert items[2]["source"] == {"line": 8}


@needs_seeds
def test_tianshui_fields_and_codes(seeds):
    items = seeds["003_225844e784cb10fe.txt"]["items"]
    assert [item["number"] for item in items] == [str(n) for n in range(4160, 4176)]
    first = items[0]
    assert (first["power_type"], first["power_code"], first["body"], first["unit"], first["service_level"]) == (
        "行政处罚", "11620500MB161709673620236001000", "市医保局", "基金监管科", "市级")
    assert first["sub_item_code"] is None
    assert first["basis"][0].startswith("《中华人民共和国社会保险法》第七十七条：")  # the mis-cited article stays
    assert items[6]["power_code"] == "11620500MB1673620836001000"  # the short code stays
    assert "国务院令第六49号" in items[2]["basis"][0]
    assert "〔20017〕" in items[9]["basis"][0]
    assert [s["name"] for s in first["stages"]] == ["立案", "调查", "审查", "告知", "决定", "送达", "执行", None]
    assert first["stages"][-1]["text"] == "其他法律法规规章规定应履行的责任。"
    assert [b[:2] for b in items[8]["basis"]] == ["1、", "2、", "3、"]
    assert any("庆阳市" in s["text"] for s in items[12]["stages"])


@needs_seeds
def test_suining_vertical_tables(seeds):
    document = seeds["004_e27ee1e627f47617.txt"]
    items = document["items"]
    assert [(item["table"], item["number"]) for item in items][-2:] == [("表 2-8", "8"), ("表 2-9", "10")]
    last = items[-1]
    assert list(last) == ["number", "table", "name", "power_type", "body", "stages", "accountability",
                          "supervision", "source"]
    assert last["source"] == {"line": 95} and last["supervision"] == "0825-5801815"
    assert [s["name"] for s in last["stages"]] == ["检查", "处置", "信息公开", "其他"]
    extra = document["meta"]["extra"]
    assert extra["主体责任"].startswith("(一) 贯彻落实医疗保险") and extra["主体责任"].count("\n") == 11
    assert extra["职责边界"].startswith("与市卫生健康委员会")
    assert extra["表外文字"] == "附件：\n主体责任表\n具体责任表"


@needs_seeds
def test_yaml_text_is_unwrapped_and_quotes_numbers(seeds):
    text = (ROOT / "lists" / "suining-ybj.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 由 powerlint import 从 004_e27ee1e627f47617.txt 导入；")
    assert "\n  - number: '10'\n    table: 表 2-9\n" in text
    assert "\n    主体责任: |-\n      (一) 贯彻落实" in text
    for name in LISTS.values():
        source = (ROOT / "lists" / name).read_text(encoding="utf-8")
        styles = {node.style for node in _scalars(yaml.compose(source))}
        assert '"' not in styles, name  # no double-quoted scalars, whose escapes would shift positions
    long_name = seeds["003_225844e784cb10fe.txt"]["items"][13]["name"]
    assert f"    name: {long_name}\n" in (ROOT / "lists" / "tianshui-ybj.yaml").read_text(encoding="utf-8")


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


# --- HTML cells and citations ------------------------------------------------------------------

def test_html_ol_items_are_numbered_once():
    assert html_to_text("<ol><li>甲</li><li>乙</li></ol>") == "1. 甲\n2. 乙"
    assert html_to_text("<ol><li>1. 甲</li><li>2、乙</li><li>（3）丙</li></ol>") == "1. 甲\n2、乙\n（3）丙"
    assert html_to_text('<ol start="4"><li>丁</li></ol><ul><li>戊</li></ul>') == "4. 丁\n戊"
    seed_style = '<ol style="list-style-type: none"> 1. 受理阶段责任：甲； 2. 审核阶段责任：乙。 '
    assert html_to_text(seed_style) == "1. 受理阶段责任：甲； 2. 审核阶段责任：乙。"


def test_html_paragraphs_entities_and_layout_whitespace():
    assert html_to_text("<p>甲：</p> <p>乙\n  丙</p>") == "甲：\n乙 丙"
    assert html_to_text("<p>A &lt; B &amp; C&nbsp;D</p>") == "A < B & C\xa0D"
    assert html_to_text("<b>主体责任表</b>") == "主体责任表"
    assert html_to_text("甲<br>乙<br/>丙") == "甲\n乙\n丙"
    assert html_to_text("<p>瓜州县医疗保障 局</p>") == "瓜州县医疗保障 局"  # a single space inside text stays


def test_basis_split_by_document_numbering_only_at_top_level():
    assert split_basis("1.《甲法》第一条：（一）…2.…。2、《乙条例》第三条") == ["1.《甲法》第一条：（一）…2.…。", "2、《乙条例》第三条"]
    assert split_basis("《甲法》第一条。2.《乙法》第二条") == ["《甲法》第一条。2.《乙法》第二条"]
    assert split_basis("《甲法》第一条\n《乙法》第二条\n第三条 续") == ["《甲法》第一条", "《乙法》第二条\n第三条 续"]


# --- other file types --------------------------------------------------------------------------

HEADER = ["序号", "事项名称", "权力类型", "实施依据", "责任事项", "联系人"]


def test_csv_utf8_with_quoted_multiline_cells_and_unknown_columns(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(
        "测试县医保局权责清单\n"
        + ",".join(HEADER) + "\n"
        + '01,对甲的处罚,行政处罚,"1.《甲法》第一条\n2.《乙法》第二条","1.立案责任：甲。2.调查责任：乙。",张三\n'
        + "02,乙事项,行政给付,,,\n", encoding="utf-8")
    document = imported(path)
    first, second = document["items"]
    assert first["number"] == "01" and first["extra"] == {"联系人": "张三"}
    assert first["basis"] == ["1.《甲法》第一条", "2.《乙法》第二条"]
    assert [s["name"] for s in first["stages"]] == ["立案", "调查"]
    assert (first["source"], second["source"]) == ({"line": 3}, {"line": 5})
    assert second["basis"] is None and second["stages"] is None and second["extra"] == {"联系人": None}
    assert document["meta"]["source"]["layout"] == "csv-table"
    assert "'01'" in import_path(str(path))


def test_csv_in_gb18030_and_tsv(tmp_path):
    rows = ["\t".join(HEADER[:3]), "1\t对甲的处罚\t行政处罚"]
    (tmp_path / "gbk.csv").write_bytes("\n".join(r.replace("\t", ",") for r in rows).encode("gb18030"))
    (tmp_path / "list.tsv").write_text("\n".join(rows) + '\n2\t"含\t制表符"\t行政给付\n', encoding="utf-8")
    assert imported(tmp_path / "gbk.csv")["items"][0]["name"] == "对甲的处罚"
    items = imported(tmp_path / "list.tsv")["items"]
    assert [item["name"] for item in items] == ["对甲的处罚", "含\t制表符"]


def test_xlsx_first_sheet_or_named_sheet_with_merged_cells(tmp_path):
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "说明"
    cover["A1"] = "本表为说明"
    sheet = book.create_sheet("清单")
    sheet["A1"] = "大姚县医保局权责清单"
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "事项名称", "权力类型", "备注"])
    sheet.append([1, "对甲的处罚", "行政处罚", None])
    sheet.append([2.0, "乙事项", None, "含\n两行"])
    sheet.merge_cells("C3:C4")  # one 权力类型 for both rows: it belongs to both
    sheet.append([])
    sheet.append(["序号", "事项名称", "权力类型", "备注"])  # a repeated header
    sheet.append([3, "丙事项", "行政确认", None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="没有找到表格（.*读的是工作表“说明”，可用 --sheet 指定其他工作表"):
        import_path(str(path), sheet="说明")  # that sheet has no list
    assert imported(path) == imported(path, sheet="清单")  # the sheet holding a list, found without asking
    document = imported(path, sheet="清单")
    items = document["items"]
    assert [(i["number"], i["power_type"]) for i in items] == [("1", "行政处罚"), ("2", "行政处罚"), ("3", "行政确认")]
    assert items[1]["remarks"] == "含\n两行"
    assert [(i["source"]["sheet"], i["source"]["row"]) for i in items] == [("清单", 3), ("清单", 4), ("清单", 7)]
    # each field keeps its cell: the merged 权力类型 of item 2 is the cell of its own row inside C3:C4
    assert items[1]["source"]["cells"] == {"number": "A4", "name": "B4", "power_type": "C4", "remarks": "D4"}
    assert items[2]["source"]["cells"]["name"] == "B7"
    meta = document["meta"]
    assert (meta["title"], meta["department"], meta["level"]) == ("大姚县医保局权责清单", "大姚县医疗保障局", "县级")
    assert meta["source"]["layout"] == "xlsx-table"
    with pytest.raises(InputError, match="工作表“无此表”不存在；现有工作表：说明、清单"):
        import_path(str(path), sheet="无此表")


def _xlsx_with_sheet_xml(path, book, edit) -> None:
    """Save `book` to `path` with its first sheet's XML passed through `edit` (merges and cached formula
    results openpyxl does not write, as Excel and other programs do)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def _small_list_sheet():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "大姚县医保局权责清单"
    sheet.append(["序号", "事项名称", "权力类型", "实施依据"])
    sheet.append([1, "对甲的处罚", "行政处罚", "《中华人民共和国社会保险法》第八十七条"])
    sheet.append([2, "对乙的检查", "行政检查", "《中华人民共和国社会保险法》第七十九条"])
    return book


def test_xlsx_merged_ranges_reaching_the_sheet_edge_are_clipped_to_the_used_cells(tmp_path):
    """A title merged over A1:XFD1 and a column merged down to row 1,048,576: read as the 4 columns and rows
    that hold something, in seconds (they took 25 s, and 19 GB before being killed)."""
    import time

    merges = '<mergeCells count="2"><mergeCell ref="A1:XFD1"/><mergeCell ref="E2:E1048576"/></mergeCells>'
    path = tmp_path / "edge.xlsx"
    _xlsx_with_sheet_xml(path, _small_list_sheet(), lambda xml: xml.replace("</sheetData>", "</sheetData>" + merges))
    start = time.perf_counter()
    document = imported(path)
    assert time.perf_counter() - start < 20
    assert [(i["number"], i["name"], i["power_type"]) for i in document["items"]] == [
        ("1", "对甲的处罚", "行政处罚"), ("2", "对乙的检查", "行政检查")]
    assert document["meta"]["title"] == "大姚县医保局权责清单"


def test_xlsx_formulas_read_as_saved_results_or_refused_naming_the_cells(tmp_path):
    book = _small_list_sheet()
    book.active["B4"] = '=B3&"（二）"'
    saved, unsaved = tmp_path / "saved.xlsx", tmp_path / "unsaved.xlsx"
    book.save(unsaved)  # openpyxl writes formulas without results, as programs that generate workbooks do
    result = "<v>对甲的处罚（二）</v></c>"  # a text result, as Excel saves it
    _xlsx_with_sheet_xml(saved, book, lambda xml: re.sub(r'<c r="B4"(.*?)</f>(<v></v>|<v/>)?</c>',
                                                         rf'<c r="B4" t="str"\1</f>{result}', xml))
    assert [i["name"] for i in imported(saved)["items"]] == ["对甲的处罚", "对甲的处罚（二）"]
    with pytest.raises(InputError, match=r"Sheet!B4 是公式，文件中没有保存计算结果.*请在 Excel 或 WPS 中打开并保存一次"):
        import_path(str(unsaved))


def test_docx_tables_with_merged_cells_and_repeated_headers(tmp_path):
    document = docx.Document()
    document.add_paragraph("遂宁市医疗保障局权责清单")
    cover = document.add_table(rows=1, cols=2)
    cover.cell(0, 0).text, cover.cell(0, 1).text = "填报单位", "遂宁市医疗保障局"
    first = document.add_table(rows=4, cols=4)
    first.cell(0, 0).merge(first.cell(0, 3)).text = "具体责任表"
    for col, label in enumerate(["序\n号", "权力项目名称", "权力类型", "责任主体"]):
        first.cell(1, col).text = label
    for row, values in ((2, ["1", "对甲的处罚", "行政处罚", "基金科"]), (3, ["2", "对乙的处罚", "", ""])):
        for col, value in enumerate(values):
            first.cell(row, col).text = value
    first.cell(2, 3).merge(first.cell(3, 3))  # one 责任主体 for both rows: it belongs to both
    document.add_paragraph("表 2-2")
    second = document.add_table(rows=3, cols=4)
    for row, values in ((0, ["序号", "权力项目名称", "权力类型", "责任主体"]), (1, ["3", "丙", "行政检查", "稽核科"]),
                        (2, ["序号", "权力项目名称", "权力类型", "责任主体"])):
        for col, value in enumerate(values):
            second.cell(row, col).text = value
    path = tmp_path / "list.docx"
    document.save(path)
    result = imported(path)
    items = result["items"]
    assert [(i["number"], i["name"], i["power_type"], i["body"]) for i in items] == [
        ("1", "对甲的处罚", "行政处罚", "基金科"), ("2", "对乙的处罚", None, "基金科"), ("3", "丙", "行政检查", "稽核科")]
    assert [(i["source"]["table"], i["source"]["row"]) for i in items] == [(2, 3), (2, 4), (3, 2)]
    assert items[2]["source"]["cells"] == {"number": "A2", "name": "B2", "power_type": "C2", "body": "D2"}
    assert [i.get("table") for i in items] == [None, None, "表 2-2"]
    meta = result["meta"]
    assert meta["title"] == "遂宁市医疗保障局权责清单" and meta["region"]["city"] == "遂宁市"
    assert meta["extra"] == {"填报单位": "遂宁市医疗保障局", "表外文字": "具体责任表"}
    assert meta["source"]["layout"] == "docx-table"


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, message", [
    ("junk.txt", bytes(range(256)) * 8, "二进制"),
    ("junk.xlsx", b"PK\x03\x04 not really a workbook", "不是有效的 Excel"),
    ("junk.docx", b"\x00\x01\x02 nothing", "不是有效的 Word"),
    ("prose.txt", "这是一段说明文字。\n没有任何表格。\n".encode(), "无法识别清单版式"),
    ("table.txt", "甲\t乙\t丙\n1\t2\t3\n".encode(), "找不到表头行"),
    ("empty.txt", b"", "文件为空"),
    ("blank.csv", b" \n\n \n", "文件为空"),
    ("header-only.tsv", "序号\t事项名称\n".encode(), "没有任何事项"),
    ("list.pdf", b"%PDF-1.4", "不是有效的 PDF"),
    ("list.doc", b"\xd0\xcf\x11\xe0", "不支持的文件类型：旧版 Word"),
])
def test_bad_input_is_an_input_error_in_chinese(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        import_path(str(path))
    assert caught.value.path == str(path)


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="不存在"):
        import_path(str(tmp_path / "none.xlsx"))


# --- administrative divisions ------------------------------------------------------------------

@pytest.mark.parametrize("text, region", [
    ("大姚医保局", {"province": "云南省", "city": "楚雄彝族自治州", "county": "大姚县"}),
    ("瓜州县医疗保障 局", {"province": "甘肃省", "city": "酒泉市", "county": "瓜州县"}),
    ("遂宁医保局", {"province": "四川省", "city": "遂宁市", "county": None}),
    ("天水市医保局", {"province": "甘肃省", "city": "天水市", "county": None}),
    ("朝阳区医保局", {"province": None, "city": None, "county": None}),  # Beijing's or Changchun's
    ("北京市朝阳区医保局", {"province": "北京市", "city": None, "county": "朝阳区"}),
    ("医疗保障局", {"province": None, "city": None, "county": None}),
])
def test_region_of(text, region):
    assert region_of(text) == region


def test_find_places_forms_and_positions():
    text = "向大姚县人民政府和楚雄州医疗保障局提出；填写《庆阳市城镇职工基本医疗保险特殊疾病鉴定表》"
    places = find_places(text)
    assert [(p.name, p.full_name, p.level, p.adcode) for p in places] == [
        ("大姚县", "大姚县", "县", "532326"), ("楚雄州", "楚雄彝族自治州", "市", "532300"),
        ("庆阳市", "庆阳市", "市", "621000")]
    assert all(text[p.start:p.end] == p.name for p in places)
    # bare names only when asked for, and ordinary words are not places by default
    assert find_places("天水医保局") == [] and find_places("天水医保局", short=True)[0].full_name == "天水市"
    assert find_places("中华人民共和国公安机关；省、市和县级人民政府；城区居民") == []
    assert find_places("省、市和县级人民政府", short=True) == []  # not 和县 (安徽)
    assert [p.full_name for p in find_places("天水市级财政")] == ["天水市"]


@needs_seeds
@pytest.mark.parametrize("seed", ["000_85cb58951a3afd5b.txt", "002_2aad9df2d6dfec76.txt", "003_225844e784cb10fe.txt"])
def test_nothing_published_is_dropped_or_added(seeds, seed):
    """Each item holds exactly the characters of its source row, markup and whitespace aside."""
    lines = (SEEDS / seed).read_text(encoding="utf-8").split("\n")
    for item in seeds[seed]["items"]:
        row = re.sub(r"<[^<>]+>", "", html.unescape(lines[item["source"]["line"] - 1]))
        assert Counter(_chars(row)) == Counter(_chars(_values(item))), item["number"]


def _values(node) -> str:
    if isinstance(node, dict):  # a stage's name repeats its label, so it is left out
        skip = {"source", "name"} if "label" in node else {"source"}
        return "".join(_values(v) for k, v in node.items() if k not in skip)
    if isinstance(node, list):
        return "".join(_values(v) for v in node)
    return node or ""


def _chars(text: str) -> str:
    return re.sub(r"\s", "", text)
