"""Rows → items, for the layouts seen: horizontal tables under (repeated, one- or two-row) header rows,
vertical key/value tables, one per item, under captions like `表 2-1`, and single-item detail pages
(label/value pairs, no 序号)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..analysis.titles import split_title
from ..source import InputError
from .columns import LABELS, Decision, display, is_power_type
from .grid import Row
from .places import cell_ref
from .recognise import Recogniser, one_per_field

CAPTION = re.compile(r"^表\s*\d+(?:\s*[-－—.．]\s*\d+)?(?!\d)")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
_ITEM_NUMBER = re.compile(r"^[0-9０-９一二三四五六七八九十百]+(?:[-－—.．、（(][0-9]+[）)]?)*[.．、]?$")
_SUB_HEADER_LONGEST = 20  # a sub-header cell (主项, 子项, 设定依据) is a short name, never a paragraph
# Main-item cells a row of sub-items leaves blank in a flattened table (CSV, PDF): they belong to the item above.
INHERITED = ("number", "name", "power_type", "power_code", "body", "unit", "stages", "accountability",
             "accountability_basis", "supervision", "remedy", "service_level")


@dataclass
class RawItem:
    """An item's cells as read, with its provenance and the caption of its table."""

    where: dict
    table: str | None
    cells: list[tuple[str, str | None, str]] = field(default_factory=list)  # (column, field, raw text)
    places: dict[int, str] = field(default_factory=dict)  # index in `cells` → its cell in the source table (A1)

    def value(self, field_name: str) -> str:
        return next((v for _, f, v in self.cells if f == field_name), "")


@dataclass
class Parsed:
    """What a file holds: its layout, title, text outside the tables, preface and items."""

    layout: str  # "table", "kv" or "detail"
    title: str | None = None
    texts: list[str] = field(default_factory=list)  # lines outside the tables, title excepted
    preface: list[tuple[str, str]] = field(default_factory=list)  # key/value rows before the items
    items: list[RawItem] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # fields with a column in the source
    decisions: list[Decision] = field(default_factory=list)  # how each column was read


def parse(rows: list[Row], path: str, recogniser: Recogniser | None = None) -> Parsed:
    """Find the layout and cut the rows into items; InputError when there is no list to find."""
    known = recogniser or Recogniser()
    if not any(cell.strip() for row in rows for cell in row.cells):
        raise InputError(path, "文件为空：没有任何内容")
    if any(_is_header(row, known) for row in rows):
        parsed = _horizontal(rows, known)
    elif _is_vertical(rows, known):
        parsed = _vertical(rows, known)
    elif _is_detail(rows, known):
        parsed = _detail(rows, known)
    elif not any(len(_filled(row)) > 1 for row in rows):
        raise InputError(path, "无法识别清单版式：没有找到表格（应为制表符分隔的文本、CSV、Excel、Word、"
                               "带文字层的 PDF 或网页中的表格）")
    else:
        raise InputError(path, "找不到表头行：没有一行同时含有“序号”“事项名称”等列名。" + known.explain(_widest(rows)))
    if not parsed.items:
        raise InputError(path, "表头之后没有任何事项行")
    known.settle(parsed)
    known.refuse_weak(parsed, path)
    return parsed


def title_kind(rows: list[Row]) -> str | None:
    """The list kind a line above the first table names (the title, else a sub-title), for reading its columns."""
    for row in rows:
        filled = _filled(row)
        if len(set(filled)) > 1:
            return None
        kind = split_title(plain_line(filled[0]))[0] if filled else None
        if kind:
            return kind
    return None


def plain_line(text: str) -> str:
    """A text line without markup or Markdown heading/bold marks (`## **标题**` → `标题`)."""
    line = _HEADING.sub("", display(text))
    emphasis = _EMPHASIS.match(line)
    return (emphasis.group(2) if emphasis else line).strip()


def _filled(row: Row) -> list[str]:
    return [cell for i, cell in enumerate(row.cells) if cell.strip() and i not in row.hcopies]


def _widest(rows: list[Row]) -> list[str]:
    """The row with the most filled cells: the header the reader probably meant."""
    best = max(rows, key=lambda row: len(_filled(row)))
    return [display(cell) for cell in _filled(best)]


def _is_header(row: Row, known: Recogniser) -> bool:
    found = {known.field(cell) for i, cell in enumerate(row.cells) if i not in row.hcopies} - {None}
    return len(found) >= 2 and bool(found & {"number", "name"})


def _is_vertical(rows: list[Row], known: Recogniser) -> bool:
    """Key/value tables, one per item: 序号 and other column names down the first column."""
    keys = {known.field(row.cells[0]) for row in rows if len(row.cells) > 1} - {None}
    return "number" in keys and len(keys) >= 2


def _is_sub_header(row: Row, header: Row, known: Recogniser) -> bool:
    """A second header row refining merged or blank header cells (事项名称 over 主项 / 子项)."""
    refined = [i for i, cell in enumerate(row.cells)
               if cell.strip() and i not in row.vcopies and i not in row.hcopies
               and (i >= len(header.cells) or i in header.hcopies or not header.cells[i].strip()
                    or (i + 1 < len(header.cells) and i + 1 in header.hcopies))]
    if not refined:
        return False
    own = [row.cells[i].strip() for i in refined]
    return (all(len(c) <= _SUB_HEADER_LONGEST and not c.isdigit() and not is_power_type(c) for c in own)
            and any(known.field(c) for c in own))


class _Builder:
    """What the layouts share: lines of text, captions, the title and the fields seen."""

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

    def add(self, item: RawItem, label: str, field_name: str | None, value: str, place: str | None = None) -> None:
        if place is not None:
            item.places[len(item.cells)] = place
        item.cells.append((label, field_name, value))
        if field_name and field_name not in self.parsed.fields:
            self.parsed.fields.append(field_name)

    def decide(self, decision: Decision) -> None:
        if all(d.column != decision.column for d in self.parsed.decisions):
            self.parsed.decisions.append(decision)

    def label(self, cell: str, known: Recogniser) -> Decision:
        """A key/value label's decision: the one recorded for it, else a new one, one label per field."""
        recorded = next((d for d in self.parsed.decisions if d.column == display(cell)), None)
        if recorded is None:
            recorded = one_per_field([*self.parsed.decisions, known.decide(cell, display(cell))])[-1]
            self.parsed.decisions.append(recorded)
        return recorded

    def done(self) -> Parsed:
        titles = [line for line in self.lead if "清单" in line] or self.lead
        self.parsed.title = titles[0] if titles else None
        lead = [line for line in self.lead if line != self.parsed.title]
        self.parsed.texts = lead + self.parsed.texts
        return self.parsed


def _header_columns(header: Row, sub: Row | None, known: Recogniser) -> list[Decision]:
    """One decision per column, the second header row refining the first where it names a field; one column
    per field."""
    columns = []
    for i, cell in enumerate(header.cells):
        top = display(cell)
        bottom = display(sub.cells[i]) if sub is not None and i < len(sub.cells) else ""
        if sub is None or not bottom or bottom == top or i in sub.vcopies:
            columns.append(known.decide(cell, top or f"第{i + 1}列"))
            continue
        label = f"{top}/{bottom}" if top else bottom
        below = known.decide(bottom, label)
        columns.append(below if below.field else known.decide(top, label) if top else below)
    if sub is not None:
        for i in range(len(header.cells), len(sub.cells)):
            columns.append(known.decide(sub.cells[i], display(sub.cells[i]) or f"第{i + 1}列"))
    return one_per_field(columns)


def _horizontal(rows: list[Row], known: Recogniser) -> Parsed:
    build = _Builder("table")
    columns: list[Decision] | None = None
    header: Row | None = None
    pending = False  # columns not yet recorded: a second header row may still refine them
    for row in rows:
        filled = _filled(row)
        if not filled:
            continue
        if header is not None and _is_sub_header(row, header, known):
            columns = _header_columns(header, row, known)
            header = None
            continue
        if _is_header(row, known):
            header, columns, pending = row, _header_columns(row, None, known), True
            continue
        if pending:
            for column in columns or []:
                build.decide(column)
        header, pending = None, False
        if len(set(filled)) == 1 and not filled[0].strip().isdigit() and not _continues(row, columns):
            build.text(filled[0])  # a line of text, or a title merged across the sheet
        elif columns is None:
            build.preface(row.cells)
        elif _counts_columns(filled):
            continue  # the columns' numbers under the header: layout, not content
        elif _is_note(row, columns):
            build.text(" ".join(display(cell) for cell in filled))  # 填表人：…, 注：…
        elif not all(i in row.vcopies for i, c in enumerate(row.cells) if c.strip()):
            _table_row(build, row, columns)
    for column in columns if pending and columns else []:
        build.decide(column)
    return build.done()


def _counts_columns(filled: list[str]) -> bool:
    """A row numbering the columns (1 2 3 4 …) under the header: no item."""
    return len(filled) >= 3 and [cell.strip() for cell in filled] == [str(n) for n in range(1, len(filled) + 1)]


def _is_note(row: Row, columns: list[Decision]) -> bool:
    """A row with no item name whose 序号 cell holds words (填表人：…, 注：…): a note, not an item."""
    where = {d.field: i for i, d in reversed(list(enumerate(columns))) if d.field in ("number", "name")}
    if len(where) < 2:
        return False
    number, name = (_at(row.cells, where[f]).strip() for f in ("number", "name"))
    return bool(number) and not name and where["number"] not in row.vcopies and not _ITEM_NUMBER.match(number)


def _continues(row: Row, columns: list[Decision] | None) -> bool:
    """A lone cell under a column other than the first: the rest of a row broken across pages."""
    if columns is None or len(row.cells) < 2 or row.hcopies:
        return False
    filled = [i for i, cell in enumerate(row.cells) if cell.strip()]
    return len(filled) == 1 and 0 < filled[0] < len(columns) and columns[filled[0]].field not in ("number", "name")


def _table_row(build: _Builder, row: Row, columns: list[Decision]) -> None:
    """One data row: an item; or, under a 序号 merged from above or with 序号 and 事项名称 blank, one more
    sub-item of the item above (its blank main-item cells inherited) or the rest of that item (a row broken
    across pages, a second line of basis)."""
    cells = ["" if i in row.hcopies else cell for i, cell in enumerate(row.cells)]
    by_field = {d.field: i for i, d in reversed(list(enumerate(columns))) if d.field}
    previous = build.parsed.items[-1] if build.parsed.items else None
    blank = [f for f in ("number", "name") if f in by_field and not _at(cells, by_field[f]).strip()]
    merged_number = "number" in by_field and by_field["number"] in row.vcopies  # a 序号 merged over this row
    own_name = merged_number and _own_name(row, cells, by_field, previous)
    if previous is not None and (len(blank) == 2 or merged_number):
        if "sub_item" in by_field and _at(cells, by_field["sub_item"]).strip() and by_field["sub_item"] not in row.vcopies:
            for name in INHERITED:  # one more sub-item of the item above
                if name in by_field and not _at(cells, by_field[name]).strip():
                    cells[by_field[name]] = previous.value(name)
        elif own_name:  # one more sub-item, named in the name column: the row's name is the sub-item's
            _named_sub_items(build, previous, row, cells, columns, by_field)
            return
        else:  # more of the item above: what this row adds, merged cells aside
            _continue(previous, ["" if i in row.vcopies else cell for i, cell in enumerate(cells)], columns)
            return
    item = build.item(row.where)
    for i, column in enumerate(columns):
        build.add(item, column.column, column.field, _at(cells, i), cell_ref(row.where, i))
    for i, cell in enumerate(cells[len(columns):], len(columns) + 1):
        if cell.strip():  # a ragged row longer than its header: keep what overflows
            build.add(item, f"第{i}列", None, cell, cell_ref(row.where, i - 1))


def _own_name(row: Row, cells: list[str], by_field: dict[str, int], previous: RawItem | None) -> bool:
    """Under a merged 序号, a name cell of the row's own (not merged from above) other than the item's."""
    if previous is None or "name" not in by_field or by_field["name"] in row.vcopies:
        return False
    name = _at(cells, by_field["name"]).strip()
    sub_item = _at(cells, by_field["sub_item"]).strip() if "sub_item" in by_field else ""
    return bool(name) and name != previous.value("name").strip() and not sub_item


SUB_ITEM = LABELS["sub_item"]  # the column a row's own name goes to when rows under one 序号 are sub-items


def _named_sub_items(build: _Builder, previous: RawItem, row: Row, cells: list[str], columns: list[Decision],
                     by_field: dict[str, int]) -> None:
    """Rows under one merged 序号, each with a name of its own (an HTML rowspan, a merged cell in xlsx): sub-items
    of the item above, like rows with a 子项 column. The first row's name is the item's; each row's name is its
    sub-item's; main-item cells left blank or merged are inherited."""
    if not previous.value("sub_item").strip():
        _put(build, previous, "sub_item", previous.value("name"))
    item = build.item(row.where)
    for i, column in enumerate(columns):
        value, place = _at(cells, i), cell_ref(row.where, i)
        if column.field == "name":
            name, name_place, value = value, place, previous.value("name")
            place = previous.places.get(next((n for n, cell in enumerate(previous.cells) if cell[1] == "name"), -1))
        elif column.field in INHERITED and not value.strip():
            value = previous.value(column.field)
        build.add(item, column.column, column.field, value, place)
    _put(build, item, "sub_item", name, name_place)


def _put(build: _Builder, item: RawItem, field_name: str, value: str, place: str | None = None) -> None:
    """Set an item's field: in the cell of its column when the table has one, else in a cell of its own."""
    for n, (label, found, _) in enumerate(item.cells):
        if found == field_name:
            item.cells[n] = (label, found, value)
            if place is not None:
                item.places[n] = place
            return
    build.add(item, SUB_ITEM, field_name, value, place)


def _at(cells: list[str], i: int) -> str:
    return cells[i] if i < len(cells) else ""


def _continue(item: RawItem, cells: list[str], columns: list[Decision]) -> None:
    """Append a continuation row's cells to the item's cells of the same columns."""
    for i, column in enumerate(columns):
        extra = _at(cells, i).strip()
        if not extra:
            continue
        for n, (label, field_name, value) in enumerate(item.cells):
            if label == column.column:
                item.cells[n] = (label, field_name, f"{value}\n{extra}" if value.strip() else extra)
                break


def _vertical(rows: list[Row], known: Recogniser) -> Parsed:
    build = _Builder("kv")
    item: RawItem | None = None
    for row in rows:
        filled = _filled(row)
        if not filled:
            continue
        key = row.cells[0]
        field_name = known.field(key)
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
        decision = build.label(key, known)
        build.add(item, decision.column, decision.field, row.cells[1], cell_ref(row.where, 1))
        for i, cell in enumerate(row.cells[2:], 3):
            if cell.strip():
                build.add(item, f"{decision.column}（第{i}列）", None, cell, cell_ref(row.where, i - 1))
    return build.done()


_LABEL_LINE = re.compile(r"^\s*(?P<label>[^：:\s《》“”]{2,12})\s*[：:]\s*(?P<value>\S.*)$", re.S)


def _pairs(row: Row) -> list[tuple[str, str]]:
    """A detail page's row as (label, value) pairs: `标签 | 值` or `标签 | 值 | 标签 | 值`, merged copies dropped;
    a paragraph `标签：值` (a page written as paragraphs) is one pair."""
    cells = [cell for i, cell in enumerate(row.cells) if i not in row.hcopies]
    while cells and not cells[-1].strip():
        cells.pop()
    line = _LABEL_LINE.match(cells[0]) if len(cells) == 1 else None
    if line:
        return [(line.group("label"), line.group("value"))]
    if len(cells) % 2:
        cells.append("")  # a label whose value is blank
    return [(cells[i], cells[i + 1]) for i in range(0, len(cells), 2)]


def _is_detail(rows: list[Row], known: Recogniser) -> bool:
    """Label/value pairs naming the item (事项名称) and at least two more fields: one item's detail page."""
    found = {known.field(label) for row in rows for label, _ in _pairs(row)} - {None}
    return "name" in found and len(found) >= 3


def _detail(rows: list[Row], known: Recogniser) -> Parsed:
    build = _Builder("detail")
    item: RawItem | None = None
    for row in rows:
        pairs = _pairs(row)
        filled = _filled(row)
        if not filled:
            continue
        lone = len(filled) == 1 and not known.knows(pairs[0][0] if pairs else filled[0])
        if not pairs or lone or all(known.field(label) is None for label, _ in pairs) and item is None:
            build.text(" ".join(display(c) for c in filled))
            continue
        if item is None:
            item = build.item(row.where)
        kept = [i for i in range(len(row.cells)) if i not in row.hcopies]  # the columns `_pairs` read
        for n, (label, value) in enumerate(pairs):
            if not label.strip():
                continue
            decision = build.label(label, known)
            column = kept[2 * n + 1] if 2 * n + 1 < len(kept) else None
            build.add(item, decision.column, decision.field, value,
                      None if column is None else cell_ref(row.where, column))
    return build.done()
