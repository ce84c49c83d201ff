"""The annotated copy of a published .xlsx: each finding a comment on its cell, the cell filled by the most severe
finding, and a first sheet 「审查意见」 listing every finding with a link to its cell. Everything else of the
workbook (values, formulas, merges, widths, sheets) is written back as openpyxl read it."""

from __future__ import annotations

import io
import zipfile
import zlib

from ..findings import Finding, severity_rank
from ..source import InputError
from .review import HEADER, SHEET, comment_text, heading, rows

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}  # Excel's own "bad", "neutral" and a light blue
WIDTHS = (6, 22, 12, 9, 7, 80)


def annotate_xlsx(path: str, findings: list[Finding]) -> bytes:
    """The bytes of the annotated copy of the workbook at `path` (not modified)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with open(path, "rb") as fh:
            book = openpyxl.load_workbook(io.BytesIO(fh.read()), keep_vba=path.lower().endswith(".xlsm"))
    except (zipfile.BadZipFile, zlib.error, InvalidFileException, KeyError, ValueError, OSError):
        raise InputError(path, "不是有效的 Excel (.xlsx) 文件，无法写批注副本") from None
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        place = finding.place or {}
        if place.get("sheet") in book.sheetnames and place.get("row"):
            ws = book[place["sheet"]]
            by_cell.setdefault((ws.title, _anchor(ws, place.get("cell") or f"A{place['row']}")), []).append(finding)
    for (title, ref), found in by_cell.items():
        _comment(book[title][ref], found)
    _review_sheet(book, path, findings, by_cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _anchor(ws, ref: str) -> str:
    """The cell holding the value of `ref`: the top-left cell of a merged range covering it."""
    for merged in ws.merged_cells.ranges:
        if ref in merged:
            return merged.start_cell.coordinate
    return ref


def _comment(cell, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    text = comment_text(findings)
    if cell.comment is not None:  # the department's own comment stays, ours after it
        text = f"{cell.comment.text}\n\n{text}"
    lines = sum(len(part) // 30 + 1 for part in text.split("\n"))
    cell.comment = Comment(text, "powerlint", width=360, height=min(18 * lines + 20, 600))
    worst = max(findings, key=lambda f: severity_rank(f.severity)).severity
    cell.fill = PatternFill("solid", start_color=FILLS[worst], end_color=FILLS[worst])


def _review_sheet(book, path: str, findings: list[Finding], by_cell: dict) -> None:
    """The first sheet: the heading, then one row per finding, its place a link to the commented cell."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    title = SHEET if SHEET not in book.sheetnames else f"{SHEET}（powerlint）"
    ws = book.create_sheet(title, 0)
    ws.append([heading(path, findings)])
    ws.append(list(HEADER))
    cells = {id(f): key for key, found in by_cell.items() for f in found}
    link_font, top, wrapped = Font(color="0563C1", underline="single"), Alignment(vertical="top"), \
        Alignment(wrap_text=True, vertical="top")
    fills = {severity: PatternFill("solid", start_color=color, end_color=color) for severity, color in FILLS.items()}
    for r, (finding, values) in enumerate(zip(findings, rows(findings)), 3):  # rows counted here: max_row is a scan
        for c, value in enumerate(values, 1):
            cell = ws.cell(r, c, value)
            cell.alignment = wrapped if c == len(HEADER) else top
        key = cells.get(id(finding))
        if key is not None:
            link = ws.cell(r, 2)
            sheet, ref = key
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{sheet}'!{ref}", display=link.value)
            link.font = link_font
        ws.cell(r, 5).fill = fills[finding.severity]
        # a Chinese character is two width units: the lines the message takes, for viewers that do not fit rows
        ws.row_dimensions[r].height = 15 * (len(finding.message) * 2 // WIDTHS[-1] + 1)
    ws["A1"].font = Font(bold=True, size=13)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for n, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(n)].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"  # printed for the department: every column on the page
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    book.active = 0
    for sheet in book.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
