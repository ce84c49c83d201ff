"""Reading a published file into rows of cells, each row knowing where it came from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..source import MAX_BYTES, InputError, read_text

UNSUPPORTED = {".xls": "旧版 Excel (.xls)", ".doc": "旧版 Word (.doc)", ".pdf": "PDF", ".wps": "WPS 文字",
               ".et": "WPS 表格", ".yaml": "YAML 清单", ".yml": "YAML 清单"}


@dataclass
class Row:
    """One row of a table, or one line of text (a single cell); `where` is its provenance."""

    cells: list[str]
    where: dict


@dataclass
class Source:
    file: str  # the file's name
    kind: str  # tsv, csv, xlsx or docx
    rows: list[Row]
    sheet: str | None = None  # the worksheet read, for .xlsx


def read_source(path: str, sheet: str | None = None) -> Source:
    """The rows of a published list, by file type (.xlsx, .docx, .csv, .tsv; text otherwise)."""
    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED:
        hint = "已是 YAML 清单，无需导入" if suffix in (".yaml", ".yml") else "请先另存为 .xlsx、.docx、.csv 或文本"
        raise InputError(path, f"不支持的文件类型：{UNSUPPORTED[suffix]}；{hint}")
    if suffix in (".xlsx", ".xlsm"):
        return Source(Path(path).name, "xlsx", *_xlsx_rows(path, sheet))
    if suffix == ".docx":
        return Source(Path(path).name, "docx", _docx_rows(path))
    text, _ = read_text(path)
    if suffix in (".csv", ".tsv"):
        return Source(Path(path).name, suffix[1:], _csv_rows(path, text, "," if suffix == ".csv" else "\t"))
    lines = text.split("\n")
    return Source(Path(path).name, "tsv", [Row(line.rstrip("\r").split("\t"), {"line": n})
                                           for n, line in enumerate(lines, 1)])


def _csv_rows(path: str, text: str, delimiter: str) -> list[Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    try:
        for cells in reader:
            rows.append(Row(cells, {"line": start}))
            start = reader.line_num + 1
    except csv.Error:
        raise InputError(path, f"CSV 格式错误（第 {reader.line_num} 行）：请检查引号是否成对、单元格是否过长") from None
    return rows


def _check_size(path: str) -> None:
    try:
        size = os.path.getsize(path)
    except OSError:
        raise InputError(path, "文件不存在或无法读取") from None
    if size > MAX_BYTES:
        raise InputError(path, f"文件过大（{size // 1024 // 1024} MB，上限 {MAX_BYTES // 1024 // 1024} MB），已跳过")


def _xlsx_rows(path: str, sheet: str | None) -> tuple[list[Row], str]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _check_size(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise InputError(path, "不是有效的 Excel (.xlsx) 文件，无法打开") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(path, f"工作表“{sheet}”不存在；现有工作表：{'、'.join(book.sheetnames)}")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        ws.reset_dimensions()  # some writers record a wrong used range; read every row
        return [Row([_xlsx_text(v) for v in values], {"sheet": ws.title, "row": n})
                for n, values in enumerate(ws.iter_rows(values_only=True), 1)], ws.title
    finally:
        book.close()


def _xlsx_text(value) -> str:
    """A cell's value as text; merged cells hold their value in the first cell only."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _docx_rows(path: str) -> list[Row]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table, _Cell

    _check_size(path)
    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError(path, "不是有效的 Word (.docx) 文件，无法打开") from None
    rows, tables = [], 0
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            rows.append(Row([block.text], {}))
            continue
        tables += 1
        for n, tr in enumerate(block._tbl.tr_lst, 1):
            cells = [""] * tr.grid_before
            for tc in tr.tc_lst:
                # a vertically merged cell's text stands in its first row only
                cells.append("" if tc.vMerge == "continue" else _Cell(tc, block).text)
                cells.extend([""] * (tc.grid_span - 1))
            rows.append(Row(cells, {"table": tables, "row": n}))
    return rows
