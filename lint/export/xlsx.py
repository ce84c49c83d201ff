"""A list as an xlsx sheet: the title in the first row, then the table."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..model import PowerList
from . import table, title
from .sheet import write_table


def render(plist: PowerList) -> bytes:
    headers, rows = table(plist)
    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    write_table(ws, headers, rows)
    ws.insert_rows(1)
    ws["A1"] = title(plist)
    ws["A1"].font = Font(bold=True, size=14)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{ws.cell(row=ws.max_row, column=ws.max_column).coordinate}"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
