"""The report's province view: the same power in several lists (the groups the XLS002 rule compares,
lint/analysis/crosslist.py) with how they differ and the XLS findings on their items, and each list's
conformance to the standard catalogue (the CAT rules' matching, lint/analysis/catalogue.py)."""

from __future__ import annotations

from ..analysis import catalogue as cat
from ..analysis.crosslist import ListView, same_items
from .model import CatalogueRow, CatalogueSection, CrossEntry, CrossRow, FindingRow, ItemRef


def compare_lists(views: list[ListView], rows: list[FindingRow] = ()) -> list[CrossRow]:
    """Groups of matching items across lists whose power types, cited documents or stages differ."""
    notes: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        if row.category == "crosslist" and row.item:
            notes.setdefault((row.path, row.item), []).append(row.message)
    out = []
    for group in same_items(views):
        entries = [CrossEntry(ItemRef(views[li].name, views[li].path, e.label or "", e.name), list(e.documents), list(e.stages),
                              e.ptype or e.power_type.strip(), notes.get((views[li].path, e.label or ""), []))
                   for li, e in group.members]
        differences = _differences(entries)
        if differences:
            types = [e.power_type for e in entries if e.power_type]
            out.append(CrossRow(entries[0].ref.name, max(set(types), key=types.count) if types else "未写权力类型",
                                entries, differences))
    out.sort(key=lambda r: (r.power_type, r.power))
    return out


def _differences(entries: list[CrossEntry]) -> list[str]:
    out = []
    types: dict[str, list[str]] = {}
    for e in entries:
        if e.power_type:
            types.setdefault(e.power_type, []).append(e.ref.list)
    if len(types) > 1:
        out.append("权力类型：" + "；".join(f"{'、'.join(dict.fromkeys(names))} 为“{t}”" for t, names in types.items()))
    for what, attr, unit in (("依据", "documents", "引用"), ("环节", "stages", "写有")):
        present = [set(getattr(e, attr)) for e in entries]
        if not any(present):
            continue
        union = list(dict.fromkeys(x for e in entries for x in getattr(e, attr)))
        for thing in union:
            having = [e.ref.list for e, p in zip(entries, present) if thing in p]
            missing = [e.ref.list for e, p in zip(entries, present) if thing not in p]
            if missing:
                label = f"《{thing}》" if what == "依据" else f"“{thing}”环节"
                out.append(f"{label}：{'、'.join(dict.fromkeys(having))} {unit}，"
                           f"{'、'.join(dict.fromkeys(missing))} 没有")
    return out


def catalogue_sections(catalogue: ListView, views: list[ListView]) -> list[CatalogueSection]:
    """Per list the catalogue governs: catalogue items it lacks, its items outside the catalogue, drifted names,
    and types or codes that differ."""
    out = []
    for lv in views:
        if not cat.applies(catalogue, lv):
            continue
        found = cat.conformance(catalogue, lv)
        ref = lambda e: ItemRef(lv.name, lv.path, e.label or "", e.name)  # noqa: E731
        drifted = [CatalogueRow(ref(m.item), m.entry.label or "", m.entry.name, m.score, m.sure)
                   for m in found.matched if m.drifted]
        differs = []
        for m in found.matched:
            if (t := cat.type_difference(m)):
                differs.append(CatalogueRow(ref(m.item), m.entry.label or "", m.entry.name, m.score, m.sure,
                                            f"权力类型：本清单“{t[1]}”，目录“{t[0]}”"))
            if (c := cat.code_difference(catalogue, lv, m)):
                differs.append(CatalogueRow(ref(m.item), m.entry.label or "", m.entry.name, m.score, m.sure,
                                            f"权力编码：本清单 {c[1]}，目录 {c[0]}"))
        missing = [CatalogueRow(None, e.label or "", e.name + (f"（{e.sub_item}）" if e.sub_item else ""), 0, "",
                                e.power_type.strip()) for e in found.missing]
        out.append(CatalogueSection(lv.name, lv.path, len(found.matched), missing, [ref(i) for i in found.extra],
                                    drifted, differs))
    return out
