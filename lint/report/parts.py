"""What the report needs of one list, computed where the list is checked (in a worker with `--jobs`) so that the
report, like `check`, never holds a province's models: the list's names, its items, how findings name their items,
and what it cites (lint.citations.perlist)."""

from __future__ import annotations

from dataclasses import dataclass

from ..citations.perlist import ListCitations, list_citations
from ..identity import item_ids
from ..model import PowerList
from .model import ItemRef, list_name


@dataclass
class ListPart:
    path: str
    name: str  # lint.report.model.list_name
    department: str
    level: str
    items: list[ItemRef]
    names: dict[str | None, str]  # 序号 as written (None: none) → the item's name, as finding rows name their item
    cited: ListCitations


def list_part(plist: PowerList) -> ListPart:
    """The report's part of `plist` (a digest for lint.engine.check_paths `keep`)."""
    name = list_name(plist)
    ids = item_ids(plist)
    items = [ItemRef(name, plist.path, item.label or "", item.name.strip(), ids[id(item)]) for item in plist.items]
    names = {item.label: ref.name for item, ref in zip(plist.items, items)}
    return ListPart(plist.path, name, plist.department, plist.level, items, names, list_citations(plist))
