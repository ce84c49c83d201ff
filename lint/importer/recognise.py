"""Which column is which field, for one import: the user's mapping (`--column`, `columns:` in the
configuration) first, then the column name, then the cells; and the refusal of a guess too weak to trust."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..source import InputError
from ..analysis.titles import kind_columns
from .columns import (FIELDS, JOINED, LABELS, Decision, by_content, by_name, by_place, closest, display, is_category,
                      normalise)

if TYPE_CHECKING:
    from .layout import Parsed

EXTRA = "extra"  # the target that keeps a column under `extra`
_SURE = ("列名表", "命令行", "配置")  # evidence that names the column, as against a likeness or the cells
BLANK = "无列名"  # the evidence of a column whose header cell is blank


class Recogniser:
    """Column decisions for one import; `mapping`: original column name → field (or `extra`), with where
    each entry came from (命令行 --column, 配置文件 columns)."""

    def __init__(self, mapping: dict[str, tuple[str, str]] | None = None, kind: str | None = None):
        self.mapping = {normalise(name): target for name, target in (mapping or {}).items()}
        self.kind = kind
        self.kind_columns = {normalise(name): target for name, target in kind_columns(kind).items()}
        self._cache: dict[str, Decision | None] = {}

    def decide(self, cell: str, label: str) -> Decision:
        """The decision for one header cell, shown under `label`."""
        if not cell.strip():
            return Decision(label, None, BLANK)
        found = self._decision(cell)
        return Decision(label, found.field, found.how) if found else Decision(label, None, "认不出")

    def field(self, cell: str) -> str | None:
        found = self._decision(cell)
        return found.field if found else None

    def knows(self, cell: str) -> bool:
        """Whether a label is a known column name (a field's, or one kept under `extra`)."""
        return self._decision(cell) is not None

    def _decision(self, cell: str) -> Decision | None:
        if cell not in self._cache:
            user = self.mapping.get(normalise(cell)) if cell.strip() else None
            by_kind = self.kind_columns.get(normalise(cell)) if cell.strip() else None
            if user:
                target, origin = user
                self._cache[cell] = Decision(display(cell), None if target == EXTRA else target, f"{origin}指定")
            elif by_kind:
                self._cache[cell] = Decision(display(cell), None if by_kind == EXTRA else by_kind,
                                             f"列名表（{self.kind}）" + ("：本格式没有此字段，原样保留" if by_kind == EXTRA else ""))
            else:
                self._cache[cell] = by_name(cell)
        return self._cache[cell]

    def settle(self, parsed: Parsed) -> None:
        """After the rows are read: category columns are no power type, unknown columns named by their cells
        (the name column also by its place next to 序号), blank columns without a name dropped."""
        self._categories(parsed)
        if parsed.layout == "table":
            self.by_content(parsed)
            self._name_by_place(parsed)
        self._drop_blank(parsed)

    def by_content(self, parsed: Parsed) -> None:
        """Name the columns still unknown by what their cells hold, among the fields no column has."""
        for decision in list(parsed.decisions):
            if not _guessable(decision):
                continue
            found = by_content(decision.column, _cells(parsed, decision), set(parsed.fields))
            if found:
                _retag(parsed, decision, found)

    def _categories(self, parsed: Parsed) -> None:
        """A column named like the power type whose cells are mostly categories (事项类别: 一般检查事项 /
        重点检查事项, rules/power_types.yaml) is no power type: kept under `extra`. Damaged power types (行处罚)
        stay power types, for OCR001 to report."""
        for decision in list(parsed.decisions):
            if decision.field != "power_type" or decision.how.endswith("指定"):
                continue
            cells = [c.strip() for c in _cells(parsed, decision) if c.strip()]
            categories = [c for c in cells if is_category(c)]
            if cells and len(categories) * 2 > len(cells):
                shown = "、".join(dict.fromkeys(categories))
                how = f"{decision.how}；但 {len(cells)} 格中 {len(categories)} 格为事项类别（{shown}），不是权力类型，原样保留"
                _retag(parsed, decision, Decision(decision.column, None, how))

    def _name_by_place(self, parsed: Parsed) -> None:
        """No column is named as the item's name: the first unknown column after 序号 is, when its cells are
        distinct short texts naming things (对…的检查, …登记), not bodies, types, citations or numbers."""
        if "name" in parsed.fields:
            return
        numbers = [n for n, d in enumerate(parsed.decisions) if d.field == "number"]
        after = [d for d in parsed.decisions[numbers[0] + 1 if numbers else 0:] if _guessable(d)]
        if not after:
            return
        found = by_place(after[0].column, _cells(parsed, after[0]))
        if found:
            _retag(parsed, after[0], found)

    def _drop_blank(self, parsed: Parsed) -> None:
        """A column with neither a name nor any text is no column (an empty column at the sheet's edge)."""
        for decision in list(parsed.decisions):
            if decision.how == BLANK and not any(c.strip() for c in _cells(parsed, decision)):
                parsed.decisions.remove(decision)
                for item in parsed.items:
                    item.cells = [cell for cell in item.cells if cell[0] != decision.column]

    def refuse_weak(self, parsed: Parsed, path: str) -> None:
        """Never a silent wrong import: no name column, a header resting on likenesses alone (fewer than two
        columns named for sure), most columns of key/value tables unknown, or most items without a name →
        InputError naming the headers found. A table whose header is certain keeps unknown columns under `extra`."""
        headers = [d.column for d in parsed.decisions]
        if "name" not in parsed.fields:
            raise InputError(path, "找不到事项名称列，无法确定每个事项。" + self.explain(headers))
        sure = [d for d in parsed.decisions if d.field and d.how.startswith(_SURE)]
        if parsed.layout == "table" and len(sure) < 2:
            raise InputError(path, "表头只是近似地像清单表头，版式判断不可靠。" + self.explain(headers))
        used = [d for d in parsed.decisions if any(label == d.column and value.strip()
                                                   for item in parsed.items for label, _, value in item.cells)]
        unknown = [d for d in used if d.field is None and not d.how.endswith("指定") and not d.how.startswith(_SURE)]
        # "most of the table" (issue 12): more than half of the columns that hold anything; a table whose header
        # names two columns for sure keeps its unknown columns under `extra` (issue 22); a detail page pairs each
        # label with its value
        if parsed.layout == "kv" and len(unknown) * 2 > len(used):
            raise InputError(path, f"大部分列认不出（{len(unknown)}/{len(used)} 列），导入结果不可信。"
                                   + self.explain(headers))
        unnamed = sum(1 for item in parsed.items if not item.value("name").strip())  # phantom items: most of them
        if unnamed * 2 > len(parsed.items):
            raise InputError(path, f"{unnamed}/{len(parsed.items)} 个事项没有名称，版式可能没有认对。"
                                   + self.explain(headers))

    def explain(self, headers: list[str]) -> str:
        """The headers found, the closest known names of those not recognised, and how to map them."""
        shown = "、".join(h for h in headers if h) or "（无）"
        hints = []
        for header in headers:
            if header and self._decision(header) is None:
                near = closest(header)
                hints.append(f"“{header}”" + (f"（最接近：{'、'.join(near)}）" if near else ""))
        fields = "、".join(f"{name}（{LABELS[name]}）" for name in FIELDS if name != "table")
        text = f"找到的列：{shown}。"
        if hints:
            text += f"认不出的列：{'；'.join(hints)}。"
        return text + (f"可用 --column 原列名=字段 指定列的含义（可多次使用；字段为 {fields} 或 extra），"
                       "或在配置文件 .powerlint.yaml 的 columns 中写明本部门的列名")


def one_per_field(columns: list[Decision]) -> list[Decision]:
    """The columns of one header, a column read as a field an earlier column already is (基本编码 after 序号)
    kept under `extra` and said so: only the first is written to the field (both, for the basis)."""
    first: dict[str, str] = {}
    kept = []
    for decision in columns:
        if decision.field in first and decision.field not in JOINED:
            decision = Decision(decision.column, None, f"{decision.how}；但“{first[decision.field]}”已是该字段，本列原样保留")
        elif decision.field:
            first[decision.field] = decision.column
        kept.append(decision)
    return kept


def _guessable(decision: Decision) -> bool:
    """A column neither named (by the table or the user) nor already read by its cells."""
    return not (decision.field or decision.how.endswith("指定") or decision.how.startswith(_SURE))


def _cells(parsed: Parsed, decision: Decision) -> list[str]:
    return [value for item in parsed.items for label, _, value in item.cells if label == decision.column]


def _retag(parsed: Parsed, old: Decision, new: Decision) -> None:
    """Column `old` is read as `new` from now on: its decision, the fields seen and every item's cells."""
    parsed.decisions[parsed.decisions.index(old)] = new
    if new.field and new.field not in parsed.fields:
        parsed.fields.append(new.field)
    if old.field and not any(d.field == old.field for d in parsed.decisions):
        parsed.fields.remove(old.field)
    for item in parsed.items:
        item.cells = [(label, new.field if label == old.column else f, value) for label, f, value in item.cells]


def column_mapping(configured: dict[str, str], given: tuple[str, ...], src: str) -> dict[str, tuple[str, str]]:
    """The user's column mapping: the configuration's `columns:`, then `--column 原列名=字段` over it."""
    mapping = {name: (target, "配置文件 columns ") for name, target in configured.items()}
    for entry in given:
        name, sep, target = entry.partition("=")
        if not sep or not name.strip():
            raise InputError(src, f"--column 应写成 原列名=字段，而不是“{entry}”")
        mapping[name.strip()] = (target.strip(), "命令行 --column ")
    for name, (target, origin) in mapping.items():
        if target not in FIELDS and target != EXTRA or target == "table":
            fields = "、".join(f for f in FIELDS if f != "table")
            raise InputError(src, f"{origin.strip()}：“{name}”对应的字段“{target}”不存在；可用的字段：{fields}、extra")
    return mapping


def report(parsed: Parsed) -> list[str]:
    """The mapping as printed by `powerlint import`: one line per column, and the columns kept in `extra`."""
    lines = ["列的识别："]
    for d in parsed.decisions:
        target = f"{d.field}（{LABELS[d.field]}）" if d.field else "extra（原样保留）"
        lines.append(f"  {d.column} → {target}　依据：{d.how}")
    kept = [d.column for d in parsed.decisions if d.field is None]
    if kept:
        lines.append(f"放入 extra 的列：{'、'.join(kept)}；如有误，可用 --column 原列名=字段 改正")
    return lines
