"""Rows of cells, and merged cells spread over the grid they cover: each covered position gets the merged
cell's text and is marked as a horizontal or vertical copy, so a merged 序号 belongs to every row it spans and a
title merged across the sheet reads as one line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    """One row of a table, or one line of text (a single cell); `where` is its provenance.
    `hcopies`/`vcopies`: the columns whose text repeats a cell merged from the left / from above."""

    cells: list[str]
    where: dict
    hcopies: set[int] = field(default_factory=set)
    vcopies: set[int] = field(default_factory=set)


@dataclass
class Span:
    """A cell of a table: its top-left position, how far it spans, and its text."""

    row: int
    col: int
    text: str
    rows: int = 1
    cols: int = 1


def spread(spans: list[Span], height: int, width: int) -> list[tuple[list[str], set[int], set[int]]]:
    """Per row: the cells' texts, the columns copied from a merge to the left, and those copied from above."""
    cells = [[""] * width for _ in range(height)]
    hcopies: list[set[int]] = [set() for _ in range(height)]
    vcopies: list[set[int]] = [set() for _ in range(height)]
    for span in spans:
        for r in range(span.row, min(span.row + span.rows, height)):
            for c in range(span.col, min(span.col + span.cols, width)):
                cells[r][c] = span.text
                if r > span.row:
                    vcopies[r].add(c)
                elif c > span.col:
                    hcopies[r].add(c)
    return list(zip(cells, hcopies, vcopies))
