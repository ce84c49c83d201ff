"""`powerlint import`: a published list (seed text layouts, .csv, .tsv, .xlsx, .docx) → a YAML list file."""

from __future__ import annotations

from ..source import InputError
from .dump import dump
from .fields import build_item
from .layout import parse
from .meta import build_meta
from .readers import read_source


def import_path(src: str, sheet: str | None = None) -> str:
    """Read a published list (seed .txt layouts, .csv, .tsv, .xlsx, .docx) and return the YAML text of the list file."""
    source = read_source(src, sheet)
    try:
        parsed = parse(source.rows, src)
    except InputError as exc:
        if source.sheet is None:
            raise
        raise InputError(src, f"{exc.message}（读的是工作表“{source.sheet}”，可用 --sheet 指定其他工作表）") from None
    items = [build_item(raw, parsed.fields) for raw in parsed.items]
    meta = build_meta(parsed, items, source.file, source.kind)
    return dump({"format": "powerlist/1", "meta": meta, "items": items}, source.file)
