"""`powerlint export`: a list written back out for publication in the usual 权责清单 column layout
(.xlsx, .docx, .html). `powerlint import` reads the .xlsx and .docx back to the same items."""

from __future__ import annotations

from pathlib import Path

from ..model import Item, PowerList

# (field, column header) in the usual order of published lists; headers are ones the importer knows.
LAYOUT = [
    ("number", "序号"), ("table", "表号"), ("name", "事项名称"), ("sub_item", "子项名称"),
    ("power_type", "权力类型"), ("power_code", "地方权力编码"), ("sub_item_code", "子项地方权力编码"),
    ("body", "行使主体"), ("unit", "承办机构"), ("basis", "实施依据"), ("stages", "责任事项"),
    ("accountability", "追责情形"), ("accountability_basis", "追责依据"), ("supervision", "监督方式"),
    ("remedy", "救济途径"), ("service_level", "办事层级"), ("remarks", "备注"),
]
ALWAYS = ("number", "name")


def cell(item: Item, field: str) -> str:
    """The text of one cell: basis entries one per line, stages as `label text` one per line."""
    if field == "number":
        return item.label or ""
    if field == "basis":
        return "\n".join(v.value for v in item.basis)
    if field == "stages":
        return "\n".join(f"{s.label.value if s.label else ''}{s.text.value}" for s in item.stages)
    return item.text(field)


def table(plist: PowerList) -> tuple[list[str], list[list[str]]]:
    """Headers and rows: the layout's columns the list fills (序号 and 事项名称 always), then its extra columns."""
    fields = [(f, h) for f, h in LAYOUT if f in ALWAYS or any(cell(i, f).strip() for i in plist.items)]
    extra = list(dict.fromkeys(key for item in plist.items for key in item.extra))
    headers = [h for _, h in fields] + extra
    rows = [[cell(item, f) for f, _ in fields] + [item.extra[k].value if k in item.extra else "" for k in extra]
            for item in plist.items]
    return headers, rows


def title(plist: PowerList) -> str:
    value = plist.meta.get("title")
    if value is not None and value.value.strip():
        return value.value.strip()
    return f"{plist.department}权责清单" if plist.department else Path(plist.path).stem
