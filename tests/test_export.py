"""`powerlint export`: lists written in the 权责清单 column layout, read back by `powerlint import`."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from lint.cli import main
from lint.export import table
from lint.export.cli import writers
from lint.importer import import_path
from lint.loader import load_file, load_text

from .conftest import ROOT, write_list

SEEDS = ["dayao-ybj", "guazhou-ybj", "tianshui-ybj", "suining-ybj"]
FIELDS = ("name", "sub_item", "power_type", "power_code", "sub_item_code", "body", "unit", "accountability",
          "accountability_basis", "supervision", "remedy", "service_level", "remarks")


def _stages(item):
    return [(s.label.value if s.label else None, s.name.value if s.name else None, s.text.value) for s in item.stages]


def _extra(item) -> dict:
    return {k: v.value for k, v in item.extra.items()}


def assert_same_items(original, back) -> None:
    """Field by field; the 表号 (table caption) comes back as the column 表号 under extra."""
    assert [i.label for i in back.items] == [i.label for i in original.items]
    for a, b in zip(original.items, back.items):
        where = f"序号 {a.label}"
        for name in FIELDS:
            assert b.text(name) == a.text(name), (where, name)
        assert [v.value for v in b.basis] == [v.value for v in a.basis], where
        assert _stages(b) == _stages(a), where
        extra = _extra(b)
        if a.get("table") is not None:
            assert extra.pop("表号") == a.text("table"), where
        assert extra == _extra(a), where


def _export(src: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(src), "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_round_trip(tmp_path, seed, ext):
    src = ROOT / "lists" / f"{seed}.yaml"
    if not src.is_file():
        pytest.skip(f"lists/{seed}.yaml 还没有导入")
    out = tmp_path / f"{seed}{ext}"
    _export(src, out)
    original = load_file(str(src)).plist
    back = load_text(import_path(str(out)), "back.yaml").plist
    assert back.meta["title"].value == original.meta["title"].value
    assert back.department == original.department
    assert_same_items(original, back)


INVENTED = """\
format: powerlist/1
meta:
  title: 示例县医疗保障局权责清单
  department: 示例县医疗保障局
  level: 县级
items:
  - number: '1'
    name: <script>alert(1)</script>对骗取医保基金的处罚
    power_type: 行政处罚
    body: 示例县医疗保障局
    basis:
      - 《中华人民共和国社会保险法》第八十八条：以欺诈、伪造证明材料或者其他手段骗取社会保险待遇的，由社会保险行政部门责令退回。
      - 《医疗保障基金使用监督管理条例》（国务院令第735号）第四十一条。
    stages:
      - {label: '1. 立案阶段责任：', name: 立案, text: <img src=x onerror=alert(2)>予以立案。}
      - {label: '2. 调查阶段责任：', name: 调查, text: 调查取证。}
    remarks: '=1+1'
    extra:
      联系人: 张三
  - number: '2'
    name: 医疗救助金给付
    power_type: 行政给付
    body: 示例县医疗保障局
"""


def test_columns_are_those_the_list_fills(tmp_path):
    plist = load_file(str(write_list(tmp_path, INVENTED))).plist
    headers, rows = table(plist)
    assert headers == ["序号", "事项名称", "权力类型", "行使主体", "实施依据", "责任事项", "备注", "联系人"]
    assert rows[0][4].split("\n")[1].startswith("《医疗保障基金使用监督管理条例》")
    assert rows[0][5] == "1. 立案阶段责任：<img src=x onerror=alert(2)>予以立案。\n2. 调查阶段责任：调查取证。"
    assert rows[1][4:] == ["", "", "", ""]


@pytest.mark.parametrize("ext", [".xlsx", ".docx"])
def test_invented_round_trip(tmp_path, ext):
    src = write_list(tmp_path, INVENTED)
    out = tmp_path / f"out{ext}"
    _export(src, out)
    assert_same_items(load_file(str(src)).plist, load_text(import_path(str(out)), "back.yaml").plist)


def test_xlsx_layout(tmp_path):
    out = tmp_path / "out.xlsx"
    _export(write_list(tmp_path, INVENTED), out)
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "示例县医疗保障局权责清单"
    assert [c.value for c in ws[2]][:3] == ["序号", "事项名称", "权力类型"]
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    remark = ws.cell(row=3, column=7)
    assert remark.value == "=1+1" and remark.data_type == "s"  # published text, never a formula


def test_docx_layout(tmp_path):
    out = tmp_path / "out.docx"
    _export(write_list(tmp_path, INVENTED), out)
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "示例县医疗保障局权责清单"
    grid = document.tables[0]
    assert [c.text for c in grid.rows[0].cells][:2] == ["序号", "事项名称"]
    assert len(grid.rows) == 3
    assert grid.rows[0]._tr.trPr.xpath("./w:tblHeader")  # header repeats on every page
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_html_escapes_and_keeps_lines(tmp_path):
    out = tmp_path / "out.html"
    _export(write_list(tmp_path, INVENTED), out)
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;对骗取医保基金的处罚" in page
    assert "1. 立案阶段责任：&lt;img src=x onerror=alert(2)&gt;予以立案。<br>2. 调查阶段责任：" in page


def test_unknown_format_and_missing_file(tmp_path):
    src = write_list(tmp_path, INVENTED)
    result = CliRunner().invoke(main, ["export", str(src), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 2 and "不支持的导出格式 .pdf" in result.output
    result = CliRunner().invoke(main, ["export", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o.xlsx")])
    assert result.exit_code == 2 and "不存在" in result.output, result.output
    assert set(writers()) == {".xlsx", ".docx", ".html", ".htm"}
