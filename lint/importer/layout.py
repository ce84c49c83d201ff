"""Rows → items, for the two layouts seen: horizontal tables under (repeated) header rows, and
vertical key/value tables, one per item, under captions like `表 2-1`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source import InputError
from .columns import display, field_of
from .readers import Row

CAPTION = re.compile(r"^表\s*\d+(?:\s*[-－—–.．]\s*\d+)?(?!\d)")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")


@dataclass
class RawItem:
    """An item's cells as read, with its provenance and the caption of its table."""

    where: dict
    table: str | None
    cells: list[tuple[str, str | None, str]] = field(default_factory=list)  # (column, field, raw text)


@dataclass
class Parsed:
    """What a file holds: its layout, title, text outside the tables, preface and items."""

    layout: str  # "table" or "kv"
    title: str | None = None
    texts: list[str] = field(default_factory=list)  # lines outside the tables, title excepted
    preface: list[tuple[str, str]] = field(default_factory=list)  # key/value rows before the items
    items: list[RawItem] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # fields with a column in the source


def parse(rows: list[Row], path: str) -> Parsed:
    """Find the layout and cut the rows into items; InputError when there is no list to find."""
    if not any(cell.strip() for row in rows for cell in row.cells):
        raise InputError(path, "文件为空：没有任何内容")
    if any(_is_header(row) for row in rows):
        parsed = _horizontal(rows)
    elif any(len(row.cells) > 1 and field_of(row.cells[0]) == "number" for row in rows):
        parsed = _vertical(rows)
    elif not any(len(_filled(row)) > 1 for row in rows):
        raise InputError(path, "无法识别清单版式：没有找到表格（应为制表符分隔的文本、CSV、.xlsx 或 .docx 中的表格）")
    else:
        raise InputError(path, "找不到表头行：没有一行同时含有“序号”“事项名称”等列名（列名同义词见 rules/columns.yaml）")
    if not parsed.items:
        raise InputError(path, "表头之后没有任何事项行")
    return parsed


def plain_line(text: str) -> str:
    """A text line without markup or Markdown heading/bold marks (`## **标题**` → `标题`)."""
    line = _HEADING.sub("", display(text))
    emphasis = _EMPHASIS.match(line)
    return (emphasis.group(2) if emphasis else line).strip()


def _filled(row: Row) -> list[str]:
    return [cell for cell in row.cells if cell.strip()]


def _is_header(row: Row) -> bool:
    known = {field_of(cell) for cell in row.cells} - {None}
    return len(known) >= 2 and bool(known & {"number", "name"})


class _Builder:
    """What both layouts share: lines of text, captions, the title and the fields seen."""

    def __init__(self, layout: str):
        self.parsed = Parsed(layout)
        self.caption: str | None = None
        self.lead: list[str] = []  # text lines before the first item: the title is among them

    def text(self, raw: str) -> bool:
        """Take a line of text; True when it is a table caption (`表 2-1`)."""
        line = plain_line(raw)
        if CAPTION.match(line):
            self.caption = line
            return True
        if not self.parsed.items:
            self.lead.append(line)
        else:
            self.parsed.texts.append(line)
        return False

    def preface(self, cells: list[str]) -> None:
        filled = [display(cell) for cell in cells if cell.strip()]
        self.parsed.preface.append((filled[0], "\n".join(filled[1:])))

    def item(self, where: dict) -> RawItem:
        item = RawItem(where, self.caption)
        if self.caption is not None and "table" not in self.parsed.fields:
            self.parsed.fields.append("table")
        self.parsed.items.append(item)
        return item

    def add(self, item: RawItem, label: str, field_name: str | None, value: str) -> None:
        item.cells.append((label, field_name, value))
        if field_name and field_name not in self.parsed.fields:
            self.parsed.fields.append(field_name)

    def done(self) -> Parsed:
        titles = [line for line in self.lead if "清单" in line] or self.lead
        self.parsed.title = titles[0] if titles else None
        lead = [line for line in self.lead if line != self.parsed.title]
        self.parsed.texts = lead + self.parsed.texts
        return self.parsed


def _horizontal(rows: list[Row]) -> Parsed:
    build = _Builder("table")
    columns: list[tuple[str, str | None]] | None = None
    for row in rows:
        filled = _filled(row)
        if not filled:
            continue
        if _is_header(row):
            columns = [(display(cell) or f"第{i}列", field_of(cell)) for i, cell in enumerate(row.cells, 1)]
            for _, field_name in columns:
                if field_name and field_name not in build.parsed.fields:
                    build.parsed.fields.append(field_name)
            continue
        if len(filled) == 1 and not filled[0].strip().isdigit():
            build.text(filled[0])
        elif columns is None:
            build.preface(row.cells)
        else:
            item = build.item(row.where)
            for i, (label, field_name) in enumerate(columns):
                build.add(item, label, field_name, row.cells[i] if i < len(row.cells) else "")
            for i, cell in enumerate(row.cells[len(columns):], len(columns) + 1):
                if cell.strip():  # a ragged row longer than its header: keep what overflows
                    build.add(item, f"第{i}列", None, cell)
    return build.done()


def _vertical(rows: list[Row]) -> Parsed:
    build = _Builder("kv")
    item: RawItem | None = None
    for row in rows:
        filled = _filled(row)
        if not filled:
            continue
        key = row.cells[0]
        field_name = field_of(key)
        if len(row.cells) == 1 or (len(filled) == 1 and item is None and field_name is None) or not key.strip():
            if build.text(filled[0]):
                item = None
            continue
        starts = field_name == "number" and (item is None or any(f == "number" for _, f, _ in item.cells))
        if starts or (item is None and build.caption is not None):
            item = build.item(row.where)
            build.caption = None
        if item is None:
            build.preface(row.cells)
            continue
        label = display(key)
        build.add(item, label, field_name, row.cells[1])
        for i, cell in enumerate(row.cells[2:], 3):
            if cell.strip():
                build.add(item, f"{label}（第{i}列）", None, cell)
    return build.done()
