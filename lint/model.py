"""The typed model of a power list, every value keeping where it stands in the YAML source."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

_BODY_SEPARATORS = re.compile(r"\s*[/／、，,；;]\s*")
EXTRA_PATH = "extra."  # the path of a published column the format has no field for: extra.<column name>
# the column each field stands for, as a published list names it (the importer's and the messages' labels)
COLUMN_LABELS = {"number": "序号", "table": "表号", "name": "事项名称", "sub_item": "子项名称", "power_type": "权力类型",
                 "power_code": "权力编码", "sub_item_code": "子项编码", "body": "行使主体", "unit": "承办机构",
                 "basis": "实施依据", "stages": "责任事项", "accountability": "追责情形",
                 "accountability_basis": "追责依据", "supervision": "监督方式", "remedy": "救济途径",
                 "service_level": "办事层级", "remarks": "备注"}


class Value(NamedTuple):
    """A scalar string of the list file and its place in the source text.

    `index`, `line` and `column` are those of the scalar's first character in the file
    (0-based index, 1-based line and column); `style` is the YAML scalar style
    ('' plain, "'" or '"' quoted, '|' or '>' block). Immutable; a named tuple rather than a frozen
    dataclass because the loader makes one per scalar (~30 per item): 0.25 µs each instead of 0.73 µs,
    and 136 bytes instead of 168 (timeit and tracemalloc, Python 3.11).
    """

    value: str
    index: int
    line: int
    column: int
    style: str = ""
    end_index: int = -1

    def __str__(self) -> str:
        return self.value

    def __bool__(self) -> bool:
        return self.value != "" and not self.value.isspace()  # bool(value.strip()) without copying a long text

    def locate(self, offset: int, source: str) -> tuple[int, int, int]:
        """(file index, line, column) of character `offset` of the value.

        Exact for plain and quoted one-line scalars without escapes and for literal blocks,
        the styles the importer writes; otherwise the start of the scalar.
        """
        offset = max(0, min(offset, len(self.value)))
        if self.style in ("", "'", '"'):
            start = self.index + (1 if self.style else 0)
            raw = source[start:start + offset]
            if raw == self.value[:offset]:
                return start + offset, self.line, self.column + offset + (1 if self.style else 0)
            return self.index, self.line, self.column
        if self.style == "|":
            return self._locate_literal(offset, source)
        return self.index, self.line, self.column

    def _locate_literal(self, offset: int, source: str) -> tuple[int, int, int]:
        # A literal block keeps the value's lines one to one, after the indicator line,
        # each indented by the block's indentation (that of its first non-blank line).
        body = source.find("\n", self.index) + 1
        if body <= 0:
            return self.index, self.line, self.column
        before = self.value[:offset]
        row = before.count("\n")
        col = offset - (before.rfind("\n") + 1)
        first = re.search(r"[^ \n]", source[body:])
        indent = 0
        if first is not None:
            line_start = source.rfind("\n", 0, body + first.start()) + 1
            indent = body + first.start() - line_start
        pos = body
        for _ in range(row):
            nxt = source.find("\n", pos)
            if nxt < 0:
                return self.index, self.line, self.column
            pos = nxt + 1
        return pos + indent + col, self.line + 1 + row, indent + col + 1


@dataclass
class Stage:
    """One responsibility stage: its label as written, its stage name and its text."""

    text: Value
    label: Value | None = None
    name: Value | None = None


@dataclass
class Item:
    """One row (事项) of a power list."""

    number: Value | None
    line: int
    column: int
    fields: dict[str, Value] = field(default_factory=dict)
    basis: list[Value] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    extra: dict[str, Value] = field(default_factory=dict)
    ignores: list[tuple[tuple[str, ...], Value | None, Value | None]] = field(default_factory=list)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def get(self, name: str) -> Value | None:
        return self.fields.get(name)

    def text(self, name: str) -> str:
        value = self.fields.get(name)
        return value.value if value is not None else ""

    @property
    def label(self) -> str | None:
        """The 序号 as printed, or None."""
        return self.number.value if self.number is not None else None

    @property
    def name(self) -> str:
        return self.text("name")

    @property
    def power_type(self) -> str:
        return self.text("power_type").strip()

    def bodies(self) -> list[str]:
        """The exercising bodies named in `body`: two joined by a slash or 、 (县人社局/县医保局) are two."""
        return [b for b in _BODY_SEPARATORS.split(self.text("body").strip()) if b]

    def free_texts(self) -> Iterator[tuple[str, Value]]:
        """Every free-text value of the item with its field path (basis, stages, …)."""
        for name, value in self.fields.items():
            yield name, value
        for i, value in enumerate(self.basis):
            yield f"basis[{i}]", value
        for i, stage in enumerate(self.stages):
            if stage.label is not None:
                yield f"stages[{i}].label", stage.label
            yield f"stages[{i}].text", stage.text
        for key, value in self.extra.items():
            yield f"{EXTRA_PATH}{key}", value


@dataclass
class PowerList:
    """One list file: its metadata and its items."""

    path: str
    source: str
    meta: dict[str, Value] = field(default_factory=dict)
    region: dict[str, Value] = field(default_factory=dict)
    items: list[Item] = field(default_factory=list)
    encoding: str = "utf-8"
    columns: list[str] | None = None  # meta.columns: the fields the published table had; None when not recorded
    meta_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: list = field(default_factory=list)  # lint.loader.SchemaProblem of the file (rule SCH001)

    @property
    def title(self) -> str:
        value = self.meta.get("title")
        return value.value if value is not None else ""

    @property
    def department(self) -> str:
        """meta.department, else the department the title names (…医疗保障局行政执法事项清单)."""
        value = self.meta.get("department")
        if value is not None and value.value.strip():
            return value.value
        return self._title.department or ""

    @property
    def kind(self) -> str | None:
        """meta.kind, else the kind the title names (权责清单, 行政执法事项清单 …); None when unknown."""
        value = self.meta.get("kind")
        if not value:
            return self._title.kind
        from .analysis.titles import canonical_kind

        return canonical_kind(value.value)

    def has_column(self, name: str) -> bool:
        """Whether the published table had a column for field `name` (always, when meta.columns is absent)."""
        return self.columns is None or name in self.columns

    def carries(self, name: str) -> bool | None:
        """Whether a list of this kind should have field `name` (rules/list_kinds.yaml); None for an unknown kind."""
        from .analysis.titles import carries

        fields = carries(self.kind)
        return None if fields is None else name in fields

    def inherited_body(self, item: Item) -> Value | None:
        """The department, standing for the body an item leaves blank in a single-department list.

        A list that never names its own department alone as a body, yet leaves bodies blank, means
        "this department" by the blank (the title names it); a list that writes it on other items
        has merely forgotten it here.
        """
        if item.get("body") or not self._blank_means_department:
            return None
        return self.meta.get("department") or self.meta.get("title")

    @functools.cached_property
    def _blank_means_department(self) -> bool:
        from .analysis.departments import same_department

        own = self.department
        return bool(own) and not any(
            len(item.bodies()) == 1 and same_department(item.bodies()[0], own) for item in self.items)

    @functools.cached_property
    def _title(self):
        from .analysis.titles import read_title

        return read_title(self.title)

    @property
    def level(self) -> str:
        value = self.meta.get("level")
        return value.value if value is not None else ""
