"""A saved web page: its heading and its tables as grids of cell spans (colspan/rowspan kept).

Written on the standard library's HTML parser, as `htmltext` is: it tolerates the unclosed tags of
government CMS pages and adds no dependency; nested layout tables are kept apart from the tables inside them.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .grid import Span
from .htmltext import html_to_text


class PageTable:
    """One `<table>`: its cell spans and whether another table sits inside it (a layout table)."""

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.row = -1
        self.col = 0
        self.taken: set[tuple[int, int]] = set()  # positions covered by rowspans from above
        self.nests = False

    @property
    def height(self) -> int:
        return self.row + 1

    @property
    def width(self) -> int:
        return max((s.col + s.cols for s in self.spans), default=0)


class PageParser(HTMLParser):
    """Collects the tables (in document order), the first heading and the page title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[PageTable] = []
        self.open: list[PageTable] = []
        self.cell: list[str] | None = None  # raw fragment of the cell being read
        self.cell_span = (1, 1)
        self.headings: list[str] = []
        self.title = ""
        self.reading: str | None = None  # "title" or a heading tag
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            if self.open:
                self.open[-1].nests = True
            self._close_cell()
            table = PageTable()
            self.tables.append(table)
            self.open.append(table)
        elif tag == "tr" and self.open:
            self._close_cell()
            self.open[-1].row += 1
            self.open[-1].col = 0
        elif tag in ("td", "th") and self.open:
            self._close_cell()
            values = dict(attrs)
            self.cell = []
            self.cell_span = (_count(values.get("rowspan")), _count(values.get("colspan")))
        elif tag in ("h1", "h2", "h3", "title") and self.cell is None:
            self.reading, self.text = tag, []
        elif self.cell is not None:
            self.cell.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag == "table" and self.open:
            self._close_cell()
            self.open.pop()
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag == self.reading:
            text = "".join(self.text).strip()
            if tag == "title":
                self.title = text
            elif text:
                self.headings.append(text)
            self.reading = None
        elif self.cell is not None:
            self.cell.append(f"</{tag}>")

    def handle_startendtag(self, tag, attrs):
        if self.cell is not None:
            self.cell.append(f"<{tag}/>")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data.replace("&", "&amp;").replace("<", "&lt;"))
        elif self.reading:
            self.text.append(data)

    def _close_cell(self) -> None:
        if self.cell is None or not self.open:
            self.cell = None
            return
        table = self.open[-1]
        if table.row < 0:
            table.row = 0
        while (table.row, table.col) in table.taken:
            table.col += 1
        rows, cols = self.cell_span
        text = html_to_text("<p>" + "".join(self.cell) + "</p>")
        table.spans.append(Span(table.row, table.col, text, rows, cols))
        for r in range(table.row, table.row + rows):
            for c in range(table.col, table.col + cols):
                table.taken.add((r, c))
        table.col += cols
        self.cell = None


def _count(value: str | None) -> int:
    """A rowspan/colspan attribute as a count (1 when missing or malformed, at most 500)."""
    try:
        return min(max(int(str(value).strip()), 1), 500)
    except ValueError:
        return 1


def read_page(text: str) -> PageParser:
    """Parse a saved web page."""
    parser = PageParser()
    parser.feed(text)
    parser.close()
    parser._close_cell()
    return parser
