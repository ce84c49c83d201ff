"""Writing one table to an openpyxl worksheet: bold frozen header, autofilter, wrapped cells,
column widths measured in CJK display width, list text always stored as text (never a formula)."""

from __future__ import annotations

import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

MAX_WIDTH = 60  # characters of display width; longer text wraps
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def display_width(text: str) -> int:
    """Width in half-width columns of the longest line: CJK (wide/fullwidth) characters count 2."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def write_table(ws, headers: list[str], rows: list[list], *, fills: list[str | None] | None = None) -> None:
    """Headers and rows into `ws`; `fills` gives an optional background colour (hex) per row."""
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    widths = [display_width(h) for h in headers]
    wrap = Alignment(vertical="top", wrap_text=True)
    for k, row in enumerate(rows, start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=k, column=col)
            if isinstance(value, str):
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
                cell.data_type = "s"  # a list text starting with '=' stays text, never a formula
            else:
                cell.value = value
            cell.alignment = wrap
            widths[col - 1] = max(widths[col - 1], display_width(str(value if value is not None else "")))
            if fills and fills[k - 2]:
                cell.fill = PatternFill("solid", fgColor=fills[k - 2])
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, max(6, width + 2))
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = ws.dimensions
