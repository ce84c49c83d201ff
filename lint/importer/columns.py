"""Column names of published lists → the format's fields: recognised, not looked up.

A header is normalised (markup, spaces and line breaks, brackets, traditional characters), then looked up in
`rules/columns.yaml`, then matched fuzzily against the names there; `recognise_content` names a column still
unknown by what its cells hold. Every decision carries the evidence it was made on.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


from .. import data
from ..analysis.nearest import ranked
from ..analysis.stagetext import split_stages
from ..analysis.t2s import converter
from ..analysis.vocab import canonical_type
from ..model import COLUMN_LABELS as LABELS
from .htmltext import html_to_text, is_html

FIELDS = ("number", "table", "name", "sub_item", "power_type", "power_code", "sub_item_code", "body",
          "unit", "basis", "stages", "accountability", "accountability_basis", "supervision", "remedy",
          "service_level", "remarks")
KEPT = "extra"  # columns.yaml's list of names seen that are no field: kept under `extra` by name
JOINED = ("basis",)  # fields two columns may share (设定依据 and 实施依据: one basis, both texts)
_DEBRIS = re.compile(r"^(?:[-*+#>]+\s*)+|\*\*|__|[:：]$")
_SPACE = re.compile(r"\s+")
_PARENS = str.maketrans("()[]〔〕", "（）【】【】")
_SUFFIX = re.compile(r"^(?P<head>.+?)（(?P<inner>[^（）]{1,10})）$")
_LONGEST = 80  # a longer cell is content, not a column name (even with markup)
_FUZZY_LONGEST = 16  # fuzzy matching only for strings of a column name's length
# Fuzzy acceptance (rapidfuzz ratio, 0–100). Measured leave-one-out over rules/columns.yaml (102 names): each
# name is matched against the table without it, and 40 column names of real lists that are no field of the
# format (联系人, 办理时限, 责任事项依据 …) against the fields' names. At 85 no name lands on a wrong field and no
# non-field name is taken (10 names recovered); at 80 责任事项依据 becomes 责任事项 and 分序号 becomes 序号.
# Reproduce with `pytest tests/test_columns.py -k fuzzy_threshold -q`.
FUZZY_THRESHOLD = 85


@dataclass(frozen=True)
class Decision:
    """Which field a column became (None: kept under `extra`) and how that was decided."""

    column: str
    field: str | None
    how: str


def normalise(label: str) -> str:
    """A column name reduced for comparison: no markup, Markdown debris, spaces, line breaks or final
    colon; full-width brackets; simplified characters."""
    return converter().convert(_plain(label))


def _plain(label: str) -> str:
    """The normalised name before the traditional→simplified step (to tell when that step changed it)."""
    text = html_to_text(label) if is_html(label) else label
    text = _SPACE.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _DEBRIS.sub("", text)
    return text.translate(_PARENS)


@functools.lru_cache(maxsize=1)
def synonyms() -> dict[str, str]:
    """Normalised column name → field, from `rules/columns.yaml`."""
    table = {}
    for field, names in data.load("columns.yaml").items():
        if field not in FIELDS and field != KEPT:
            raise ValueError(f"rules/columns.yaml：未知字段 {field}")
        for name in names:
            table.setdefault(normalise(name), field)
    return table


def exact(key: str) -> tuple[str, str] | None:
    """(field, evidence) of a normalised name by the table alone, its bracketed suffix understood:
    `事项名称（子项）` is the sub-item, `实施依据（法律法规）` the basis."""
    table = synonyms()
    if key in table:
        return table[key], "列名表"
    suffix = _SUFFIX.match(key)
    if suffix:
        for part in (suffix.group("inner"), suffix.group("head")):
            if part in table:
                return table[part], f"列名表（按“{part}”）"
    return None


def by_name(label: str) -> Decision | None:
    """The field a column name stands for, by the table then by fuzzy matching; None when unknown."""
    if not label or len(label) > _LONGEST:
        return None
    table = synonyms()
    key = normalise(label)
    if not key:
        return None
    found = exact(key)
    if found:
        how = found[1] + ("（繁体）" if key != _plain(label) else "")
        if found[0] == KEPT:
            return Decision(display(label), None, how + "：本格式没有此字段，原样保留")
        return Decision(display(label), found[0], how)
    if len(key) > _FUZZY_LONGEST:
        return None
    found = ranked(key, fuzzy_candidates(key, table), limit=1, cutoff=FUZZY_THRESHOLD)
    if not found:
        return None
    best = found[0]
    field = table[best[0]]
    return Decision(display(label), None if field == KEPT else field, f"近似列名“{best[0]}”（相似度 {best[1]:.0f}）")


def fuzzy_candidates(key: str, table: dict[str, str]) -> list[str]:
    """The names a header may be fuzzily matched to: never across the sub-item mark (子项编码 is no 编码)."""
    return [name for name in table if ("子项" in name) == ("子项" in key)]


def field_of(label: str) -> str | None:
    """The format field a column name stands for, or None for a column the format does not know."""
    decision = by_name(label)
    return decision.field if decision else None


def closest(label: str, limit: int = 2) -> list[str]:
    """The known column names nearest to a header (for messages), best first."""
    key = normalise(label)
    if not key or len(key) > _LONGEST:
        return []
    names = [name for name, field in synonyms().items() if field != KEPT]
    return [name for name, score, _ in ranked(key, names, limit=limit) if score >= 40]


def display(label: str) -> str:
    """A column name as printed, for `extra` keys (markup removed, outer spaces trimmed)."""
    return (html_to_text(label) if is_html(label) else label).strip()


# --- recognition by content ------------------------------------------------------------------------

_ARTICLE = re.compile(r"《[^《》]{2,80}》[^《》]{0,40}?第[一二三四五六七八九十百零〇0-9]+条")
_ORG_END = re.compile(r"(?:局|委员会|委|厅|办公室|中心|政府|院|署|站|所|队)$")
_UNIT_END = re.compile(r"(?:科|股|处|室|组|大队|中队)$")
_NUMBER = re.compile(r"^[0-9０-９]{1,4}(?:[-－.．][0-9]{1,3})?$")
_CODE = re.compile(r"^[0-9A-Za-z]{12,40}$")
_LEVEL = re.compile(r"^(?:(?:省|市|县|区|乡|镇|州)级?[、/，,及和]?)+$")
# The share of a column's filled cells that must show one form. Measured on the four seeds' named columns read as
# if unnamed (`pytest tests/test_columns.py -k content_share`): right-field shares ≥ 0.86, wrong-field ≤ 0.14,
# OCR-damaged columns 0.25–0.75 (left unknown rather than guessed).
_SHARE = 0.8


def is_power_type(cell: str) -> bool:
    """`行政处罚`, also suffixed `行政处罚类`, `行政检查事项`, or in traditional characters."""
    return canonical_type(converter().convert(_SPACE.sub("", cell))) is not None


def is_category(cell: str) -> bool:
    """An item category (一般检查事项, 重点, 重点抽查事项 …; rules/power_types.yaml `categories`), which is no power type."""
    word = converter().convert(_SPACE.sub("", cell))
    vocabulary = data.load("power_types.yaml")
    for suffix in ["", *(vocabulary.get("suffixes") or ())]:
        if word.endswith(suffix) and word[:len(word) - len(suffix)] in (vocabulary.get("categories") or ()):
            return True
    return False


def _is_body(cell: str) -> bool:
    parts = [p for p in re.split(r"[/／、，,；;\s]+", cell) if p]
    return bool(parts) and len(cell) <= 60 and all(_ORG_END.search(p) for p in parts)


def _is_unit(cell: str) -> bool:
    parts = [p for p in re.split(r"[/／、，,；;\s]+", cell) if p]
    return bool(parts) and len(cell) <= 40 and all(_UNIT_END.search(p) for p in parts)


def _is_stages(cell: str) -> bool:
    return sum(1 for stage in split_stages(cell) if stage.name) >= 2


def _is_accountability(cell: str) -> bool:
    return "不履行或不正确履行" in cell or "追究" in cell and "责任" in cell


def _is_remedy(cell: str) -> bool:
    return "行政复议" in cell and "行政诉讼" in cell


def _counts_up(filled: list[str]) -> bool:
    """Numbers 1, 2, 3 … (or 1-1, 1-2 …) rising down the column: a 序号, not a count of days."""
    if len(filled) < 2 or not all(_NUMBER.match(c) for c in filled):
        return False
    mains = [int(re.split(r"[-－.．]", c.translate(_WIDE_DIGITS))[0]) for c in filled]
    return all(b in (a, a + 1) for a, b in zip(mains, mains[1:]))


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


# (field, test of one cell, what the evidence says the cells are), most specific first
_CONTENT_TESTS = (
    ("power_code", lambda c: bool(_CODE.match(c)), "编码"),
    ("power_type", is_power_type, "权力类型用语"),
    ("stages", _is_stages, "分环节的责任（“1. …责任：”）"),
    ("basis", lambda c: bool(_ARTICLE.search(c)), "《》法规名加“第N条”"),
    ("remedy", _is_remedy, "行政复议、行政诉讼途径"),
    ("accountability", _is_accountability, "追责情形"),
    ("service_level", lambda c: bool(_LEVEL.match(c)), "层级（省级/市级/县级）"),
    ("unit", _is_unit, "科室名称"),
    ("body", _is_body, "机关名称（…局/…中心）"),
)


def by_content(label: str, cells: list[str], taken: set[str]) -> Decision | None:
    """The field a column is, by what its filled cells hold, among the fields not yet taken; None when
    the cells show no single form."""
    filled = [c.strip() for c in cells if c and c.strip()]
    if not filled:
        return None
    if "number" not in taken and _counts_up(filled):
        return Decision(display(label), "number", f"按内容：{len(filled)} 格均为递增的序号")
    for field, test, what in _CONTENT_TESTS:
        if field in taken:
            continue
        hits = sum(1 for c in filled if test(c))
        if hits >= _SHARE * len(filled):
            return Decision(display(label), field, f"按内容：{len(filled)} 格中 {hits} 格为{what}")
    return None


# The name column by its place. Names run to 4–120 characters on one line (the seeds' longest is 82). Measured
# on the 4 seeds and the 20 layout tests (tests/test_list_kinds.py, tests/test_layout_zoo.py), every column read as if
# unnamed: all 24 name columns are taken (guazhou's with one damaged cell in 8); but content alone also takes 14 of
# the 146 other columns (short texts such as 检查对象, 违法行为), so only the first unknown column after 序号 is tried.
_NAME_LONGEST = 120
_DISTINCT = 0.6


def _names_a_thing(cell: str) -> bool:
    """A cell that reads like an item's name: one line of 4–120 characters with Chinese text, no citation, no
    body or unit, no power type, no number or code."""
    return (4 <= len(cell) <= _NAME_LONGEST and "\n" not in cell and "《" not in cell
            and re.search(r"[\u4e00-\u9fff]{2}", cell) is not None and not cell.endswith("。")
            and not any(test(cell) for field, test, _ in _CONTENT_TESTS if field != "basis"))


def by_place(label: str, cells: list[str]) -> Decision | None:
    """The item's name column, for the first unknown column after 序号: most filled cells read like a name and
    most are distinct (a category column repeats a few words); None otherwise."""
    filled = [c.strip() for c in cells if c and c.strip()]
    if not filled or len(filled) * 5 < len(cells) * 4:
        return None
    hits = sum(1 for c in filled if _names_a_thing(c))
    if hits < _SHARE * len(filled) or len(set(filled)) < _DISTINCT * len(filled):
        return None
    return Decision(display(label), "name",
                    f"按内容和位置：序号后第一个认不出的列，{len(filled)} 格为各不相同的事项名称式短句")
