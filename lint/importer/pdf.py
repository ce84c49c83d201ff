"""PDF with a text layer → rows, through pdfplumber: the text above the first table (the title), then every
ruled table of every page, merged cells spread over the rows and columns they cover."""

from __future__ import annotations

import logging
import re

from ..source import InputError
from .grid import Span, spread
from .grid import Row

# A line break inside a PDF cell is where the line was full, unless the line ends a sentence or clause or the next
# one starts a numbered paragraph (`2. 调查责任`, `（二）`, `第三条`): only those breaks are the text's own.
_OWN_BREAK = re.compile(r"(?<=[。；;：:！!？?])\n|\n(?=\s*(?:\d{1,2}[.．、]|[(（][\d一二三四五六七八九十]{1,3}[)）]|"
                        r"[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十百]+条|《))")
_SCANNED = ("PDF 没有文字层（多半是扫描件）：请先做文字识别（OCR），另存为带文字的 PDF、Excel 或 Word 后再导入；"
            "扫描识别的文字常有错字，导入后请用 powerlint check 核对")


def pdf_rows(path: str) -> list[Row]:
    import pdfplumber
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on damaged files are English noise
    rows: list[Row] = []
    has_text = False
    tables = 0
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                has_text = has_text or bool(page.chars)
                found = page.find_tables()
                if not tables:  # the title: text before the first table (a cover page, the lines above it)
                    top = found[0].bbox[1] if found else page.height
                    above = page.crop((0, 0, page.width, max(top, 1))).extract_text() or ""
                    rows += [Row([line], {}) for line in above.split("\n") if line.strip()]
                for table in found:
                    tables += 1
                    rows += _table_rows(table, tables)
    except (PdfminerException, MalformedPDFException, ValueError, KeyError, OSError):
        raise InputError(path, "不是有效的 PDF 文件，或文件已加密，无法读取") from None
    if not has_text:
        raise InputError(path, _SCANNED)
    if not tables:
        raise InputError(path, "PDF 中没有找到带表格线的表格：请从发布网站下载 Excel 或 Word 版本，"
                               "或把表格另存为 Excel 后导入")
    return rows


def _table_rows(table, number: int) -> list[Row]:
    """One table's rows: each cell rectangle placed on the grid of distinct column and row edges."""
    xs = sorted({round(c[0], 1) for c in table.cells})
    ys = sorted({round(c[1], 1) for c in table.cells})
    texts = table.extract()
    spans = []
    for bbox in table.cells:
        x0, top, x1, bottom = bbox
        col, row = xs.index(round(x0, 1)), ys.index(round(top, 1))
        cols = sum(1 for x in xs if x0 <= x < x1 - 0.5)
        rows = sum(1 for y in ys if top <= y < bottom - 0.5)
        text = texts[row][col] if row < len(texts) and col < len(texts[row]) else None
        spans.append(Span(row, col, unwrap(text or ""), max(rows, 1), max(cols, 1)))
    return [Row(cells, {"table": number, "row": r}, hcopies, vcopies)
            for r, (cells, hcopies, vcopies) in enumerate(spread(spans, len(ys), len(xs)), 1)]


def unwrap(text: str) -> str:
    """A cell's text with the PDF's line wrapping undone, its own line breaks kept."""
    parts = _OWN_BREAK.split(text)
    return "\n".join(part.replace("\n", "") for part in parts)
