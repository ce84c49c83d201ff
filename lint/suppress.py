"""Item-level suppressions: an item's `lint-ignore: [{codes: [...], reason: ...}]`."""

from __future__ import annotations

from .model import PowerList


def item_suppressions(lists: list[PowerList]) -> dict[tuple[str, str | None], tuple[str, ...]]:
    """(path, 序号) → the codes (or prefixes) suppressed on that item."""
    table: dict[tuple[str, str | None], tuple[str, ...]] = {}
    for plist in lists:
        for item in plist.items:
            codes = tuple(code for entry in item.ignores for code in entry[0] if code)
            if codes:
                table[(plist.path, item.label)] = table.get((plist.path, item.label), ()) + codes
    return table
