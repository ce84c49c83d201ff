"""Reading a published file into rows of cells, each row knowing where it came from."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..source import MAX_BYTES, InputError, read_text, too_large
from .xlsxparts import prepared, unsaved_formulas
from .columns import field_of
from .grid import Row, Span, spread
from .htmltext import html_to_text
from .webpage import read_page

UNSUPPORTED = {".doc": "旧版 Word (.doc)", ".wps": "WPS 文字", ".et": "WPS 表格",
               ".yaml": "YAML 清单", ".yml": "YAML 清单"}
_HINT = "请先用 WPS 或 Office 另存为 .xlsx、.docx 或 .csv"


@dataclass
class Source:
    file: str  # the file's name
    kind: str  # tsv, csv, xlsx, xls, docx, html or pdf
    rows: list[Row]
    sheet: str | None = None  # the worksheet(s) read, for .xlsx and .xls


def read_source(path: str, sheet: str | None = None, max_bytes: int = MAX_BYTES) -> Source:
    """The rows of a published list, by file type (.xlsx, .xls, .docx, .pdf, .html, .csv, .tsv; text otherwise);
    a file over `max_bytes` (unpacked, for .xlsx and .docx) is refused."""
    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED:
        hint = "已是 YAML 清单，无需导入" if suffix in (".yaml", ".yml") else _HINT
        raise InputError(path, f"不支持的文件类型：{UNSUPPORTED[suffix]}；{hint}")
    if suffix in (".xls", ".xlsx", ".xlsm"):
        suffix = _spreadsheet_kind(path, suffix)
    if suffix in (".xlsx", ".xlsm"):
        return Source(Path(path).name, "xlsx", *_xlsx_rows(path, sheet, max_bytes))
    if suffix == ".xls":
        return Source(Path(path).name, "xls", *_xls_rows(path, sheet, max_bytes))
    if suffix == ".docx":
        return Source(Path(path).name, "docx", _docx_rows(path, max_bytes))
    if suffix == ".pdf":
        from .pdf import pdf_rows

        _check_size(path, max_bytes)
        return Source(Path(path).name, "pdf", pdf_rows(path))
    text, _ = read_text(path, max_bytes)
    if suffix in (".html", ".htm", ".shtml") or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        return Source(Path(path).name, "html", _html_rows(path, text))
    if suffix in (".csv", ".tsv"):
        return Source(Path(path).name, suffix[1:], _csv_rows(path, text, "," if suffix == ".csv" else "\t"))
    lines = text.split("\n")
    return Source(Path(path).name, "tsv", [Row(line.rstrip("\r").split("\t"), {"line": n})
                                           for n, line in enumerate(lines, 1)])


def _spreadsheet_kind(path: str, suffix: str) -> str:
    """What a spreadsheet attachment really is: sites often serve an .xlsx, or an HTML table, named .xls."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        return suffix
    if head.startswith(b"PK\x03\x04"):
        return ".xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"
    if b"<table" in head.lower() or head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return ".html"
    return suffix


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


def _check_size(path: str, limit: int) -> None:
    """Refuse a file over `limit` bytes, and a zip container (.xlsx, .docx) whose parts unpack to more: a few
    megabytes of compressed XML can hold gigabytes of cells (zipfile never unpacks a part past the size its
    directory declares, so the declared sizes bound what the readers hold)."""
    try:
        size = os.path.getsize(path)
    except OSError:
        raise InputError(path, "文件不存在或无法读取") from None
    if size > limit:
        raise too_large(path, size, limit)
    try:
        with zipfile.ZipFile(path) as container:
            unpacked = sum(part.file_size for part in container.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip container, or a damaged one: its reader says what is wrong
    if unpacked > limit:
        raise too_large(path, unpacked, limit, "文件解压后")


def _xlsx_rows(path: str, sheet: str | None, max_bytes: int) -> tuple[list[Row], str]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _check_size(path, max_bytes)
    try:
        # not read-only: merged ranges are only known to a fully loaded sheet
        with open(path, "rb") as fh:  # a file object: openpyxl judges a path by its suffix
            data, unsaved = prepared(fh.read())  # merges clipped to the used cells (see xlsxparts)
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        refusal = unsaved and unsaved_formulas(openpyxl.load_workbook(io.BytesIO(data)), book, sheet)
        if refusal:
            raise InputError(path, refusal)
    except (zipfile.BadZipFile, zlib.error, InvalidFileException, KeyError, ValueError, OSError, NotImplementedError):
        raise InputError(path, "不是有效的 Excel (.xlsx) 文件，无法打开") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(path, f"工作表“{sheet}”不存在；现有工作表：{'、'.join(book.sheetnames)}")
        sheets = []
        for ws in [book[sheet]] if sheet is not None else book.worksheets:
            grid = [[_xlsx_text(v) for v in values] for values in ws.iter_rows(values_only=True)]
            merged = [(m.min_row - 1, m.min_col - 1, m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
                      for m in ws.merged_cells.ranges]
            sheets.append((ws.title, _sheet_rows(grid, merged, ws.title)))
        return _pick_sheets(sheets)
    finally:
        book.close()


def _xls_rows(path: str, sheet: str | None, max_bytes: int) -> tuple[list[Row], str]:
    import xlrd

    _check_size(path, max_bytes)
    try:
        # formatting_info: merged ranges; logfile: xlrd would print its warnings into our standard output
        book = xlrd.open_workbook(path, formatting_info=True, logfile=io.StringIO())
    except Exception:  # noqa: BLE001 - a damaged .xls fails anywhere inside xlrd's binary parser (struct, overflow …)
        raise InputError(path, "不是有效的旧版 Excel (.xls) 文件，无法打开；" + _HINT) from None
    names = book.sheet_names()
    if sheet is not None and sheet not in names:
        raise InputError(path, f"工作表“{sheet}”不存在；现有工作表：{'、'.join(names)}")
    sheets = []
    for ws in [book.sheet_by_name(sheet)] if sheet is not None else book.sheets():
        grid = [[_xls_text(ws.cell(r, c), book.datemode) for c in range(ws.ncols)] for r in range(ws.nrows)]
        merged = [(r0, c0, r1 - r0, c1 - c0) for r0, r1, c0, c1 in ws.merged_cells]
        sheets.append((ws.name, _sheet_rows(grid, merged, ws.name)))
    return _pick_sheets(sheets)


def _pick_sheets(sheets: list[tuple[str, list[Row]]]) -> tuple[list[Row], str]:
    """Every worksheet holding a list (one per power type is common), in order; else the first worksheet."""
    lists = [(name, rows) for name, rows in sheets if any(_names_a_list(row.cells) for row in rows)]
    chosen = lists or sheets[:1]
    return [row for _, rows in chosen for row in rows], "、".join(name for name, _ in chosen)


def _xls_text(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _xlsx_text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _xlsx_text(bool(cell.value))
    return _xlsx_text(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None)


def _sheet_rows(grid: list[list[str]], merged: list[tuple[int, int, int, int]], title: str) -> list[Row]:
    """A worksheet's rows, the text of each merged range spread over the cells it covers."""
    width = max((len(r) for r in grid), default=0)
    spans = [Span(r, c, text) for r, row in enumerate(grid) for c, text in enumerate(row) if text]
    covered = {(r, c) for r0, c0, h, w in merged for r in range(r0, r0 + h) for c in range(c0, c0 + w)}
    spans = [s for s in spans if (s.row, s.col) not in covered]
    spans += [Span(r0, c0, grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else "", h, w)
              for r0, c0, h, w in merged]
    return [Row(cells, {"sheet": title, "row": n}, hcopies, vcopies)
            for n, (cells, hcopies, vcopies) in enumerate(spread(spans, len(grid), width), 1)]


def _html_rows(path: str, text: str) -> list[Row]:
    """The heading of a saved page and its list: the leaf tables with a list header (and those of the same
    width that continue them), else a detail page's label/value table, else the biggest leaf table; site
    navigation and footers around them are left out. A page without tables whose paragraphs name an item
    (事项名称：…) is read line by line, as a detail page."""
    page = read_page(text)
    tables = [t for t in page.tables if not t.nests and t.height >= 2 and t.width >= 2]
    if not tables:
        lines = html_to_text(text).split("\n")
        if any(field_of(line.partition("：")[0]) == "name" for line in lines):
            return [Row([line], {"line": n}) for n, line in enumerate(lines, 1)]  # a detail page in paragraphs
        raise InputError(path, "网页中没有找到表格：请确认保存的是清单正文所在的页面（而不是目录页），"
                               "或把清单表格另存为 Excel 后导入")
    grids = {id(t): spread(t.spans, t.height, t.width) for t in tables}
    lists = [t for t in tables if any(_names_a_list(cells) for cells, _, _ in grids[id(t)])]
    details = [t for t in tables if any(field_of(cells[0]) == "name" for cells, _, _ in grids[id(t)] if cells)]
    chosen = lists or details[:1] or [max(tables, key=lambda t: len(t.spans))]
    width = max(chosen, key=lambda t: len(t.spans)).width
    named = [h for h in [*page.headings, page.title] if "清单" in h or "事项" in h]
    rows = [Row([heading], {}) for heading in (named or page.headings or [page.title])[:1] if heading]
    for n, table in enumerate(tables, 1):
        if table in chosen or lists and table.width == width:  # a list table continued without its header
            rows += [Row(cells, {"table": n, "row": r}, hcopies, vcopies)
                     for r, (cells, hcopies, vcopies) in enumerate(grids[id(table)], 1)]
    return rows


def _names_a_list(cells: list[str]) -> bool:
    """A header row of a list: two column names of the format, one of them 序号 or 事项名称."""
    found = {field_of(cell) for cell in cells} - {None}
    return len(found) >= 2 and bool(found & {"number", "name"})


def _xlsx_text(value) -> str:
    """A cell's value as text."""
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


def _docx_rows(path: str, max_bytes: int) -> list[Row]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table, _Cell

    _check_size(path, max_bytes)
    try:
        document = docx.Document(path)
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError, NotImplementedError):
        raise InputError(path, "不是有效的 Word (.docx) 文件，无法打开") from None
    rows, tables = [], 0
    for block in document.iter_inner_content():
        if not isinstance(block, Table):
            rows.append(Row([block.text], {}))
            continue
        tables += 1
        above: list[str] = []
        for n, tr in enumerate(block._tbl.tr_lst, 1):
            row = Row([""] * tr.grid_before, {"table": tables, "row": n})
            for tc in tr.tc_lst:
                col = len(row.cells)
                if tc.vMerge == "continue":  # a vertically merged cell belongs to every row it spans
                    text = above[col] if col < len(above) else ""
                    row.vcopies.update(range(col, col + tc.grid_span))
                else:
                    text = _Cell(tc, block).text
                row.cells.extend([text] * tc.grid_span)
                row.hcopies.update(range(col + 1, col + tc.grid_span))
            rows.append(row)
            above = row.cells
    return rows
