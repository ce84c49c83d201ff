"""`powerlint import`: a published list (seed text layouts, .csv, .tsv, .xlsx, .xls, .docx, .pdf, a saved
web page) → a YAML list file."""

from __future__ import annotations

from ..analysis.divisions import level_of, region_of
from ..analysis.titles import split_title
from ..source import MAX_BYTES, InputError
from .columns import FIELDS
from .dump import Flow, dump
from .fields import build_item
from .layout import parse, title_kind
from .meta import build_meta
from .readers import read_source
from .recognise import Recogniser, report

LEVELS = ("省级", "市级", "县级", "乡级")  # 乡级: 乡镇、街道 (rules/departments.yaml township)


def import_path(src: str, sheet: str | None = None, columns: dict[str, tuple[str, str]] | None = None,
                meta: dict[str, str] | None = None, notes: list[str] | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a published list and return the YAML text of the list file.

    columns: original column name → (field or `extra`, where the mapping came from);
    meta: title/department/region/level given by the user; notes: receives the lines to show the user
    (the column mapping, what could not be inferred)."""
    return dump(*import_document(src, sheet, columns, meta, notes, max_bytes))


def import_document(src: str, sheet: str | None = None, columns: dict[str, tuple[str, str]] | None = None,
                    meta: dict[str, str] | None = None, notes: list[str] | None = None,
                    max_bytes: int = MAX_BYTES) -> tuple[dict, str]:
    """The list document of a published list (as `import_path`, before it is written as YAML) and the file's name;
    a file over `max_bytes` (unpacked, for .xlsx and .docx) is refused."""
    source = read_source(src, sheet, max_bytes)
    given = meta or {}
    kind = split_title(given["title"])[0] if given.get("title") else title_kind(source.rows)
    try:
        parsed = parse(source.rows, src, Recogniser(columns, kind))
    except InputError as exc:
        if source.sheet is None:
            raise
        raise InputError(src, f"{exc.message}（读的是工作表“{source.sheet}”，可用 --sheet 指定其他工作表）") from None
    if given.get("title"):
        parsed.title = given["title"]
    items = [build_item(raw, parsed.fields) for raw in parsed.items]
    document_meta = _given(build_meta(parsed, items, source.file, source.kind), given, src)
    document_meta = _with_columns(document_meta, [f for f in FIELDS if f in parsed.fields and f != "table"])
    if notes is not None:
        notes.extend(report(parsed))
        notes.extend(_unknown(document_meta))
    return {"format": "powerlist/1", "meta": document_meta, "items": items}, source.file


def _given(meta: dict, given: dict[str, str], src: str) -> dict:
    """The metadata the user gave (--department, --region, --level) over what was inferred."""
    if given.get("department"):
        meta["department"] = given["department"]
        if not any(meta["region"].values()):
            meta["region"] = region_of(given["department"])
            meta["level"] = level_of(meta["region"])
    if given.get("region"):
        region = region_of(given["region"])
        if not any(region.values()):
            raise InputError(src, f"认不出地区“{given['region']}”：请写行政区全称，如 广西壮族自治区桂林市资源县")
        meta["region"], meta["level"] = region, level_of(region)
    if given.get("level"):
        if given["level"] not in LEVELS:
            raise InputError(src, f"层级应为 {'、'.join(LEVELS)} 之一，而不是“{given['level']}”")
        meta["level"] = given["level"]
    return meta


def _with_columns(meta: dict, columns: list[str]) -> dict:
    """meta with `columns` (the fields the published table had) after `source`."""
    result = {}
    for key, value in meta.items():
        result[key] = value
        if key == "source":
            result["columns"] = Flow(columns)
    return result


def _unknown(meta: dict) -> list[str]:
    """What the import could not infer, with the option that sets it."""
    if not meta.get("title"):
        notes = ["原表没有标题行，未能推断清单标题；可用 --title 指定"]
    else:
        notes = []
    missing = [(meta.get("department"), "部门", "--department"), (any(meta["region"].values()), "地区", "--region"),
               (meta.get("level"), "层级", "--level")]
    return notes + [f"未能从标题推断{what}；可用 {option} 指定" for value, what, option in missing if not value]
