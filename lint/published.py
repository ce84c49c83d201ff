"""Published lists (.xlsx, .xls, .docx, .pdf, saved web pages, .csv, .tsv) checked as they are: read in memory by
the importer of `powerlint import`, nothing written, and every finding placed on the cell of the published file
it is about (工作表!单元格 for spreadsheets; table, row and column for Word, PDF and web pages)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".docx", ".pdf", ".html", ".htm", ".csv", ".tsv")
SPREADSHEETS = ("xlsx", "xls")
IMPORT_META = ("title", "department", "region", "level")  # the import options check and report accept too
NOT_FIXED = "报送的原文件不自动修复（原文件保持不变）：请按检查结果在原表中修改，或先用 powerlint import 转为 YAML 清单再修复"
_FIELD_ROOT = re.compile(r"[\[.]")


def is_published(path: str) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


@dataclass
class Locator:
    """What places a finding of a published list: the file's kind (xlsx, docx …), each item's first line in the
    list's YAML text, the lines of its keys, and its source (sheet or table, row, cells)."""

    kind: str
    lines: list[int]
    keys: list[list[tuple[int, str]]]
    sources: list[dict]

    def place(self, finding) -> None:
        """Put `finding` on its cell: `place`, and line and column those of the cell (row, column) so that every
        format sorts and shows them in the order of the table; fixes dropped (they edit YAML text)."""
        where = self.where(finding.line, finding.field)
        finding.place = where
        finding.line, finding.column = where.get("row") or where.get("line") or 1, where.get("column") or 1
        finding.fix = None

    def where(self, line: int, field: str | None) -> dict:
        """The place of YAML line `line` (field `field`): {} for the list as a whole (title, metadata)."""
        index = bisect.bisect_right(self.lines, line) - 1
        if index < 0:
            return {}
        source = self.sources[index] or {}
        if "line" in source:  # a text table (.csv, .tsv): its line
            return {"line": source["line"]}
        key = _root(field) if field else next((k for at, k in reversed(self.keys[index]) if at <= line), None)
        cell = (source.get("cells") or {}).get(key) if key else None
        from .importer.places import row_and_column  # here: a run on YAML lists never loads the importer

        row, column = row_and_column(cell) if cell else (source.get("row"), None)
        if self.kind in SPREADSHEETS:
            where = {"sheet": source.get("sheet"), "cell": cell, "row": row, "column": column}
        else:
            where = {"table": source.get("table"), "row": row, "column": column}
        return {name: value for name, value in where.items() if value is not None}


def _root(field: str) -> str:
    """The item key a finding's field lies under: basis[2] → basis, stages[0].text → stages; extra.<列名> as is."""
    return field if field.startswith("extra.") else _FIELD_ROOT.split(field, maxsplit=1)[0]


def describe(place: dict) -> str:
    """Where a person finds it in the published file: 权责清单!I7, 表 2 第 5 行 第 3 列, 第 12 行; "" for the whole list."""
    if not place:
        return ""
    if "line" in place:
        return f"第 {place['line']} 行"
    if "sheet" in place:
        return f"{place['sheet']}!{place['cell']}" if place.get("cell") else f"{place['sheet']}!第 {place['row']} 行"
    table = f"表 {place['table']} " if place.get("table") else ""
    column = f" 第 {place['column']} 列" if place.get("column") else ""
    return f"{table}第 {place['row']} 行{column}"


def read_published(path: str, config) -> tuple[str, dict, list[dict]]:
    """The list's YAML text as `powerlint import` would write it, its file kind and the items' sources;
    InputError (the importer's reason) when the importer refuses the file."""
    from .importer import import_document
    from .importer.dump import dump
    from .importer.recognise import column_mapping

    options = config.imports
    columns = column_mapping(config.columns, tuple(options.get("column", ())), path)
    document, file = import_document(path, columns=columns, meta={k: options.get(k) for k in IMPORT_META},
                                     max_bytes=config.max_file_size)
    kind = document["meta"]["source"]["layout"].split("-")[0]
    return dump(document, file), kind, [item.get("source") or {} for item in document["items"]]


def locator(kind: str, sources: list[dict], plist) -> Locator:
    """The locator of a published list from its model (items in the order of `sources`)."""
    keys = [sorted((at[0], key) for key, at in item.key_positions.items()) for item in plist.items]
    return Locator(kind, [item.line for item in plist.items], keys, sources)
