"""A list as a Word document: the title, then one table in the 权责清单 layout (A4 landscape,
header row repeated on every page)."""

from __future__ import annotations

import io

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..model import PowerList
from . import table, title

FONT = "宋体"


def _set_font(style) -> None:
    style.font.name = FONT
    style.font.size = Pt(9)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _fill(cell, text: str, bold: bool = False) -> None:
    """One paragraph per line (python-docx reads a cell back as its paragraphs joined by newlines)."""
    lines = text.split("\n")
    cell.paragraphs[0].add_run(lines[0]).bold = bold
    for line in lines[1:]:
        cell.add_paragraph().add_run(line).bold = bold


def render(plist: PowerList) -> bytes:
    headers, rows = table(plist)
    document = docx.Document()
    _set_font(document.styles["Normal"])
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title(plist))
    run.bold, run.font.size = True, Pt(16)
    grid = document.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for c, header in zip(grid.rows[0].cells, headers):
        _fill(c, header, bold=True)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        for c, text in zip(grid.add_row().cells, row):
            _fill(c, text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
