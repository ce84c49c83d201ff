"""Where a value stands in the published table: its cell in the A1 notation of spreadsheets (column letters,
row number), for worksheets and for the tables of Word, PDF and web pages alike."""

from __future__ import annotations


def cell_ref(where: dict, column: int) -> str | None:
    """The A1 reference of 0-based `column` in the row `where` describes; None for a row of text (no table row)."""
    from openpyxl.utils import get_column_letter  # the spreadsheet library's own notation, not a hand-made one

    row = where.get("row")
    return f"{get_column_letter(column + 1)}{row}" if isinstance(row, int) else None


def row_and_column(ref: str) -> tuple[int, int]:
    """(row, column), both 1-based, of an A1 reference."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(ref)
    return row, column_index_from_string(letters)
