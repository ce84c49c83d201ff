"""Column names of published lists → the format's fields, through `rules/columns.yaml`."""

from __future__ import annotations

import functools
import re

from .. import data
from .htmltext import html_to_text, is_html

FIELDS = ("number", "table", "name", "sub_item", "power_type", "power_code", "sub_item_code", "body",
          "unit", "basis", "stages", "accountability", "accountability_basis", "supervision", "remedy",
          "service_level", "remarks")
_DEBRIS = re.compile(r"^(?:[-*+#>]+\s*)+|\*\*|__|[:：]$")
_SPACE = re.compile(r"\s+")
_PARENS = str.maketrans("()[]", "（）【】")
_LONGEST = 80  # a longer cell is content, not a column name (even with markup)


def normalise(label: str) -> str:
    """A column name reduced for comparison: no markup, Markdown debris, spaces or final colon."""
    text = html_to_text(label) if is_html(label) else label
    text = _SPACE.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _DEBRIS.sub("", text)
    return text.translate(_PARENS)


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    table = {}
    for field, names in data.load("columns.yaml").items():
        if field not in FIELDS:
            raise ValueError(f"rules/columns.yaml：未知字段 {field}")
        for name in names:
            table.setdefault(normalise(name), field)
    return table


def field_of(label: str) -> str | None:
    """The format field a column name stands for, or None for a column the format does not know."""
    if not label or len(label) > _LONGEST:
        return None
    return _synonyms().get(normalise(label))


def display(label: str) -> str:
    """A column name as printed, for `extra` keys (markup removed, outer spaces trimmed)."""
    return (html_to_text(label) if is_html(label) else label).strip()
