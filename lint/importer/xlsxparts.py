""".xlsx files read as they are, before openpyxl builds a sheet: merged ranges clipped to the cells that hold
something, and whether formulas were saved without their results.

openpyxl gives every position of a merged range an object and makes the sheet as wide and as tall as the range:
a title merged over A1:XFD1 made 3 rows 16,384 columns wide (25 s), a column merged down to row 1,048,576 took
19 GB. It has no hook between reading a sheet's XML and spreading its merges, so the ranges are clipped in the
XML itself (the `<mergeCell ref>` attributes of xl/worksheets/*.xml, a format of ECMA-376 §18.3.1.55), which
leaves every cell and value as written.
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl.utils.cell import column_index_from_string, get_column_letter, range_boundaries

_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")
# a cell element with its reference, self-closing (only a style: holds nothing) or with content
_CELL = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*?(/?)>")
_MERGE = re.compile(rb"(<(?:\w+:)?mergeCell\s[^>]*?\bref=\")([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)(\")")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a cell's formula; its saved result follows as <v>…</v>
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")


def prepared(data: bytes) -> tuple[bytes, bool]:
    """The workbook with each sheet's merged ranges clipped to the last row and column holding a cell,
    and whether some formula has no saved result. The bytes are returned as given when nothing is clipped
    (and when the file is not a zip: openpyxl then says what is wrong)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in book.namelist() if _SHEET.fullmatch(n)]
        sheets = {name: book.read(name) for name in names}
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError):
        return data, False
    unsaved = any(_unsaved_formula(xml) for xml in sheets.values())
    clipped = {name: _clip(xml) for name, xml in sheets.items()}
    if all(clipped[name] is sheets[name] for name in names):
        return data, unsaved
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in book.infolist():
            target.writestr(info, clipped.get(info.filename) or book.read(info.filename))
    return out.getvalue(), unsaved


def _unsaved_formula(xml: bytes) -> bool:
    """Whether some cell of the sheet has a formula and no (or an empty) saved result."""
    for formula in _FORMULA.finditer(xml):
        end = _CELL_END.search(xml, formula.end())
        if not _VALUE.search(xml, formula.end(), end.start() if end else len(xml)):
            return True
    return False


def _clip(xml: bytes) -> bytes:
    """The sheet's XML with merged ranges ending at its last used row and column (ranges wholly beyond
    them left as one cell); the same object when no range reaches past them."""
    if b"mergeCell" not in xml:
        return xml
    last_row = last_col = 0
    for col, row, empty in _CELL.findall(xml):
        if not empty:
            last_row = max(last_row, int(row))
            last_col = max(last_col, column_index_from_string(col.decode()))
    if not last_row:
        return xml
    changed = False

    def clip(m: re.Match) -> bytes:
        nonlocal changed
        min_col, min_row, max_col, max_row = range_boundaries(m.group(2).decode())
        new_col, new_row = max(min_col, min(max_col, last_col)), max(min_row, min(max_row, last_row))
        if (new_col, new_row) == (max_col, max_row):
            return m.group(0)
        changed = True
        ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(new_col)}{new_row}"
        return m.group(1) + ref.encode() + m.group(3)

    result = _MERGE.sub(clip, xml)
    return result if changed else xml


SHOWN_CELLS = 10  # cells named in the message; the rest counted


def unsaved_formulas(formulas, values, sheet: str | None) -> str | None:
    """The refusal for a workbook whose formulas have no saved results, naming the cells (None when every
    formula has one after all): `formulas` and `values` are the workbook loaded with formulas and with values."""
    cells = [f"{ws.title}!{cell.coordinate}"
             for ws in ([formulas[sheet]] if sheet in formulas.sheetnames else formulas.worksheets)
             for row in ws.iter_rows() for cell in row
             if cell.data_type == "f" and values[ws.title][cell.coordinate].value is None]
    if not cells:
        return None
    shown = "、".join(cells[:SHOWN_CELLS]) + (f" 等 {len(cells)} 格" if len(cells) > SHOWN_CELLS else "")
    return (f"{shown} 是公式，文件中没有保存计算结果（多为程序生成、未在 Excel 或 WPS 中保存过的文件），"
            f"导入只会得到空白：请在 Excel 或 WPS 中打开并保存一次（会算出结果），或另存为 .csv 后再导入")
