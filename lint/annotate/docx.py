"""The annotated copy of a published .docx: each finding a Word comment (python-docx ≥ 1.2) on the text of its
table cell, and the 「审查意见」 table of every finding at the end. The rest of the document is kept as is."""

from __future__ import annotations

import io
import zipfile
import zlib

from ..findings import Finding
from ..source import InputError
from .review import HEADER, comment_text, heading, rows


def annotate_docx(path: str, findings: list[Finding]) -> bytes:
    """The bytes of the annotated copy of the document at `path` (not modified)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        with open(path, "rb") as fh:
            document = docx.Document(io.BytesIO(fh.read()))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, KeyError, ValueError, OSError):
        raise InputError(path, "不是有效的 Word (.docx) 文件，无法写批注副本") from None
    # numbered as the importer numbers them (lint.importer.readers): the document's top-level tables in order
    tables = [block for block in document.iter_inner_content() if isinstance(block, Table)]
    by_cell: dict[tuple[int, int, int], list[Finding]] = {}
    for finding in findings:
        place = finding.place or {}
        if place.get("table") and place.get("row") and place["table"] <= len(tables):
            by_cell.setdefault((place["table"], place["row"], place.get("column") or 1), []).append(finding)
    for (table, row, column), found in by_cell.items():
        cell = _cell(tables[table - 1], row, column)
        if cell is not None:
            paragraph = cell.paragraphs[0]
            runs = paragraph.runs or [paragraph.add_run("")]
            document.add_comment(runs, text=comment_text(found), author="powerlint", initials="PL")
    document.add_paragraph(heading(path, findings), style="Heading 1" if _has_style(document, "Heading 1") else None)
    table = document.add_table(rows=1, cols=len(HEADER))
    if _has_style(document, "Table Grid"):
        table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, HEADER):
        cell.text = label
    for values in rows(findings):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = str(value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cell(table, row: int, column: int):
    """The cell at 1-based row and grid column (a merged cell: the one holding its text); None when outside."""
    try:
        return table.cell(row - 1, column - 1)
    except IndexError:
        return None


def _has_style(document, name: str) -> bool:
    return any(style.name == name for style in document.styles)

