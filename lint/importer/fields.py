"""One raw item (its cells by column) → the item mapping of the list format, text kept verbatim."""

from __future__ import annotations

import re

from ..analysis.stagetext import split_stages
from .columns import FIELDS, JOINED
from .htmltext import html_to_text, is_html
from .layout import RawItem

# A document number opening a citation: `1.《…`, `2、“…` at the start of the text or after a sentence.
_DOC_NUMBER = re.compile(r"(?:^|(?<=[\s。；;]))(\d{1,2})[ \t]*[.．、][ \t]*(?=[《“\"])")
_LABEL = re.compile(r"^[^《》\n]{1,12}[：:]$")  # a line 「处罚依据：」 that introduces the next
_QUOTED = ("number", "power_code", "sub_item_code")


class Quoted(str):
    """A value always written in single quotes (序号 and codes, which YAML could read as numbers)."""


class Cells(dict):
    """An item's field → source cell map, written on one line (`cells: {number: A7, name: B7}`)."""


def cell_text(raw: str) -> str | None:
    """A cell as text: HTML turned into lines, otherwise as written less outer whitespace."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = html_to_text(text) if is_html(text) else text.strip()
    return text or None


def split_basis(text: str) -> list[str]:
    """One entry per cited document: per line (a `<p>` or a line of the cell), then per
    top-level document number (`1.《…》 2.《…》`); a line that cites no document continues the last, and a
    label line (「处罚依据：」) stays with the text it introduces."""
    entries: list[str] = []
    for line in text.split("\n"):
        for part in _numbered_parts(line):
            label = _LABEL.match(part)
            if entries and not label and ("《" not in part and not _DOC_NUMBER.match(part) or _LABEL.match(entries[-1])):
                entries[-1] += "\n" + part
            else:
                entries.append(part)
    return entries


def _numbered_parts(line: str) -> list[str]:
    """Cut a line at its document numbers 1, 2, 3 … when it starts with number 1."""
    cuts, expected = [], 1
    for match in _DOC_NUMBER.finditer(line):
        if int(match.group(1)) != expected or (expected == 1 and line[:match.start()].strip()):
            continue
        cuts.append(match.start())
        expected += 1
    if len(cuts) < 2:
        return [line.strip()]
    bounds = cuts[1:] + [len(line)]
    return [line[start:end].strip() for start, end in zip(cuts, bounds)]


def build_item(raw: RawItem, fields: list[str]) -> dict:
    """The item mapping: every field the source has a column for (null when its cell is empty),
    unknown columns under `extra`, and the provenance under `source`."""
    values: dict[str, str] = {}
    extra: dict[str, str | None] = {}
    places = Cells()  # field (or extra.<column>) → its cell in the source table
    for n, (label, field_name, value) in enumerate(raw.cells):
        if field_name and field_name not in values:
            values[field_name] = value
            key = field_name
        elif field_name in JOINED:
            values[field_name] = "\n".join(v for v in (values[field_name].strip(), value.strip()) if v)
            key = field_name
        else:
            key = _unique(label, extra)
            extra[key] = cell_text(value)
            key = f"extra.{key}"
        if n in raw.places:
            places.setdefault(key, raw.places[n])
    item: dict = {}
    for name in FIELDS:
        if name not in fields:
            continue
        if name == "table":
            item[name] = raw.table
        else:
            item[name] = _convert(name, values.get(name, ""))
    if extra:
        item["extra"] = extra
    item["source"] = {**raw.where, "cells": places} if places else raw.where
    return item


def _convert(name: str, raw: str):
    text = cell_text(raw)
    if text is None:
        return None
    if name in _QUOTED:
        return Quoted(text)
    if name == "basis":
        return split_basis(text)
    if name == "stages":
        return [{"label": s.label, "name": s.name, "text": s.text} for s in split_stages(text)]
    return text


def _unique(label: str, taken: dict) -> str:
    key, n = label, 2
    while key in taken:
        key, n = f"{label}（{n}）", n + 1
    return key
