"""YAML list files → the typed model, keeping every value's position.

Safe by construction: only the parser's events are read (no object construction), aliases and deep
nesting are refused, items are built one at a time, and schema problems become findings rather than crashes.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import yaml

if TYPE_CHECKING:
    import jsonschema

from . import yamlerrors
from .model import Item, PowerList, Stage, Value
from .source import InputError, read_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # the format needs 5 levels; deeper documents are hostile or broken
_NULLS = {"", "~", "null", "Null", "NULL"}
_Scalar = yaml.ScalarEvent  # a scalar node is its parser event (see _nodes)
ITEM_TEXT_FIELDS = (
    "table", "name", "sub_item", "power_type", "power_code", "sub_item_code", "body", "unit",
    "accountability", "accountability_basis", "supervision", "remedy", "service_level", "remarks",
)
_RAW_TABLE = re.compile(r"^[^\n]*(序号|事项名称|职权名称)[^\n]*\t", re.M)


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    """The JSON Schema of the list format."""
    text = (Path(__file__).resolve().parent / "schema" / "powerlist.schema.json").read_text("utf-8")  # as data.rules_dir
    return json.loads(text)


@functools.lru_cache(maxsize=1)
def _validator():
    import jsonschema  # imported on first validation: a cached pre-commit run never needs it

    return jsonschema.Draft202012Validator(schema())


class SchemaProblem(NamedTuple):
    """A schema violation at a YAML node (reported by rule SCH001)."""

    message: str
    line: int
    column: int
    path: tuple
    evidence: str


@dataclass
class Loaded:
    plist: PowerList
    problems: list[SchemaProblem] = field(default_factory=list)
    # where each item's mapping starts in the text, and where the items end (the sequence's end mark), when the
    # items are the one top-level `items` sequence of mappings, streamed (lint.reload re-reads some of them)
    starts: list[int] | None = None
    items_end: int = -1


def load_file(path: str) -> Loaded:
    text, encoding = read_text(path)
    return load_text(text, path, encoding)


def load_text(text: str, path: str, encoding: str = "utf-8") -> Loaded:
    """Parse a list file; raise InputError when it is not a usable list."""
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = _Builder(text, path)
    try:
        root = _compose(text, path, builder.take_item if _items_by_shape() else None)
    except yaml.MarkedYAMLError as exc:
        if _RAW_TABLE.search(text[:20000]):
            raise InputError(path, "这是未导入的原始清单表格，不是 YAML 清单：请先运行 powerlint import 转换") from None
        raise InputError(path, *yamlerrors.describe(exc)) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        line = text.count("\n", 0, exc.position) + 1
        raise InputError(path, f"含有 YAML 不允许的控制字符 #x{char:04x}，请删除", line) from None
    except yaml.YAMLError as exc:
        raise InputError(path, *yamlerrors.describe(exc)) from None
    except RecursionError:
        raise InputError(path, yamlerrors.TOO_DEEP) from None
    if root is None:
        raise InputError(path, "文件为空，不是权责清单")
    if not isinstance(root, yaml.MappingNode) or not any(
        isinstance(k, _Scalar) and k.value == "items" for k, _ in root.value
    ):
        if _RAW_TABLE.search(text[:20000]):
            raise InputError(path, "这是未导入的原始清单表格，不是 YAML 清单：请先运行 powerlint import 转换")
        raise InputError(path, "不是权责清单：顶层应为包含 meta 和 items 的映射（见 powerlint schema）")
    data = builder.plain(root, ())
    problems = builder.problems
    for where, error in sorted(_schema_errors(data), key=lambda pe: list(map(str, pe[0]))):
        node = builder.node_at(where)
        problems.append(SchemaProblem(_schema_message(error, where, _number(data, where)), node.start_mark.line + 1,
                                      node.start_mark.column + 1, where, str(_at(data, where))[:80]))
    plist = builder.build(root, encoding)
    plist.items = builder.streamed + plist.items  # items streamed one by one, or (not a sequence) built here
    plist.problems = problems
    sequences = [node for key, node in root.value if key.__class__ is _Scalar and key.value == "items"]
    if len(sequences) == 1 and len(builder.starts) == len(plist.items) and -1 not in builder.starts:
        return Loaded(plist, problems, builder.starts, sequences[0].end_mark.index)
    return Loaded(plist, problems)


def _compose(text: str, path: str, on_item) -> yaml.Node | None:
    """The document's node tree, composed from the parser's events without recursion.

    Each item of the top-level `items` sequence goes to `on_item(node, index)` as soon as it is
    composed and is not kept, so a list of 100 MB is held as its model, not as its node tree
    (measured in bench/run.py --big). Aliases and nesting deeper than MAX_DEPTH are refused here.
    """
    parser = Loader(text)
    try:
        parser.get_event()  # stream start
        if parser.check_event(yaml.StreamEndEvent):
            return None
        start = parser.get_event().start_mark  # document start
        root = _nodes(parser, path, on_item)
        parser.get_event()  # document end
        if not parser.check_event(yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", start,
                                              "but found another document", parser.peek_event().start_mark)
        return root
    finally:
        parser.dispose()


def _nodes(parser, path: str, on_item) -> yaml.Node:
    """Compose one node from the events (an explicit stack: hostile nesting cannot exhaust Python's).

    A scalar's event is its node (`_Scalar`: the value, style and marks are all the builder reads), and the
    events are told apart by their exact class: this loop runs once per event, ~50 times per item, and
    building a node per scalar and testing each event's class chain cost a third of loading (measured with
    cProfile on 100 seed-like lists, bench/README.md "Issue 16").
    """
    get_event = parser.get_event
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    # [collection node, its value list, pending mapping key, index of the next streamed item or None, is a sequence]
    stack: list[list] = []
    while True:
        event = get_event()
        kind = event.__class__
        if kind is _Scalar:
            if len(stack) >= MAX_DEPTH:
                raise InputError(path, yamlerrors.TOO_DEEP, event.start_mark.line + 1)
            node = event
        elif kind is mapping_start or kind is sequence_start:
            if len(stack) >= MAX_DEPTH:
                raise InputError(path, yamlerrors.TOO_DEEP, event.start_mark.line + 1)
            sequence = kind is sequence_start
            node = (yaml.SequenceNode if sequence else yaml.MappingNode)(None, [], event.start_mark, event.end_mark,
                                                                         event.flow_style)
            key = stack[-1][2] if stack else None
            streamed = (sequence and len(stack) == 1 and on_item is not None and key.__class__ is _Scalar
                        and key.value == "items")
            stack.append([node, node.value, None, 0 if streamed else None, sequence])
            continue
        elif isinstance(event, yaml.AliasEvent):
            raise InputError(path, "清单中不允许使用 YAML 锚点/别名（& 和 *），请展开后再检查", event.start_mark.line + 1)
        else:  # the end of a collection
            node = stack.pop()[0]
            node.end_mark = event.end_mark
        if not stack:
            return node
        parent = stack[-1]
        if parent[4]:
            index = parent[3]
            if index is None:
                parent[1].append(node)
            else:  # an item of the top-level items: built now, not kept
                on_item(node, index)
                parent[3] = index + 1
        elif parent[2] is None:
            parent[2] = node
        else:
            parent[1].append((parent[2], node))
            parent[2] = None


_SHAPE_KEYWORDS = {"type", "properties", "additionalProperties", "required", "items", "$ref", "description", "title"}
_ITEM_ERRORS: dict = {}  # item shape → its schema errors (relative path, error), shared by every file of a run


@functools.lru_cache(maxsize=1)
def _item_validator():
    """A validator of one item, or None unless the item schema tests only keys and types.

    Then every item of one shape (keys and value types, strings blanked) has the same errors, so a
    list of a hundred items is validated a handful of times instead of a hundred: jsonschema is the
    slowest part of loading otherwise.
    """
    if not _items_by_shape():
        return None
    import jsonschema

    return jsonschema.Draft202012Validator({"$ref": "#/$defs/item", "$defs": schema()["$defs"]})


@functools.lru_cache(maxsize=1)
def _items_by_shape() -> bool:
    """Whether the item schema tests only keys and types (see `_item_validator`)."""
    defs = schema()["$defs"]
    stack, seen = [defs["item"]], set()
    while stack:
        node = stack.pop()
        if not isinstance(node, dict) or set(node) - _SHAPE_KEYWORDS:
            return None
        if "$ref" in node:
            name = node["$ref"].rpartition("/")[2]
            if not node["$ref"].startswith("#/$defs/") or name not in defs:
                return None
            if name not in seen:
                seen.add(name)
                stack.append(defs[name])
        stack.extend(node.get("properties", {}).values())
        stack.extend(node[k] for k in ("items", "additionalProperties") if isinstance(node.get(k), dict))
    return True


def _shape(value):
    kind = value.__class__  # plain data: exactly str, list, dict or None
    if kind is str:
        return ""
    if kind is list:
        return tuple([_shape(v) for v in value])
    if kind is dict:
        return tuple([(k, _shape(v)) for k, v in value.items()])
    return value


_JSON_TYPES = {"string": (str,), "array": (list,), "object": (dict,), "null": (type(None),)}
_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}


def _conforms(node: dict, value, defs: dict) -> bool:
    """True when `value` certainly satisfies the schema `node`; False when it may not.

    Covers the keywords the format uses (type, properties, additionalProperties, required, items,
    $ref, const, enum); anything else answers False. A list that conforms (nearly every one) then
    never imports or runs jsonschema (~0.1 s of a pre-commit run, measured with pyinstrument);
    the others are validated by jsonschema as before, so every message is still jsonschema's.
    """
    if set(node) - _SHAPE_KEYWORDS - _ANNOTATIONS - {"const", "enum"} or not isinstance(node.get("items", {}), dict):
        return False
    if "$ref" in node:
        ref = node["$ref"]
        if not ref.startswith("#/$defs/") or ref[8:] not in defs or not _conforms(defs[ref[8:]], value, defs):
            return False
    if "type" in node:
        kinds = [node["type"]] if isinstance(node["type"], str) else node["type"]
        if not any(k in _JSON_TYPES and isinstance(value, _JSON_TYPES[k]) for k in kinds):
            return False
    if "const" in node and not (type(value) is type(node["const"]) and value == node["const"]):
        return False
    if "enum" in node and not any(type(value) is type(v) and value == v for v in node["enum"]):
        return False
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value) or not all(k in value for k in node.get("required", ())):
            return False
        properties, extra = node.get("properties", {}), node.get("additionalProperties", True)
        for key, item in value.items():
            sub = properties.get(key, extra)
            if sub is False or (isinstance(sub, dict) and not _conforms(sub, item, defs)):
                return False
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        return all(_conforms(node["items"], item, defs) for item in value)
    return True


def _schema_errors(data) -> list[tuple[tuple, jsonschema.ValidationError]]:
    """(path, error) of every schema violation of `data`, items validated once per shape."""
    if _conforms(schema(), data, schema()["$defs"]):
        return []
    items = data.get("items") if isinstance(data, dict) else None
    item_validator = _item_validator()
    if item_validator is None or not isinstance(items, list):
        return [(tuple(e.absolute_path), e) for e in _validator().iter_errors(data)]
    found = [(tuple(e.absolute_path), e) for e in _validator().iter_errors({**data, "items": []})]
    for i, item in enumerate(items):
        found += [(("items", i, *where), error) for where, error in _item_errors(item)]
    return found


def _item_errors(item) -> list[tuple[tuple, jsonschema.ValidationError]]:
    """(path within the item, error) of one item, validated once per shape (by jsonschema only when it does not conform)."""
    shape = _shape(item)
    errors = _ITEM_ERRORS.get(shape)
    if errors is None:
        if len(_ITEM_ERRORS) > 4096:
            _ITEM_ERRORS.clear()
        defs = schema()["$defs"]
        errors = _ITEM_ERRORS[shape] = [] if _conforms(defs["item"], item, defs) else [
            (tuple(e.absolute_path), e) for e in _item_validator().iter_errors(item)]
    return errors


def _at(data, path: tuple):
    for key in path:
        data = data[key]
    return data


_KEYWORD_MESSAGES = {
    "additionalProperties": "未知字段",
    "type": "类型错误",
    "required": "缺少必需字段",
    "enum": "取值不在允许范围内",
    "const": "取值错误",
}


def _where(path: tuple, number=None) -> str:
    """A schema path for a clerk, counted from 1 and naming the item's 序号:
    ("items", 3, "lint-ignore", 0, "codes") → 第 4 个事项（序号 4）的 lint-ignore 第 1 条的 codes."""
    if not path:
        return "（顶层）"
    words, rest = [], path
    if path[0] == "items" and len(path) > 1 and isinstance(path[1], int):
        shown = isinstance(number, (str, int)) and str(number).strip()
        words.append(f"第 {path[1] + 1} 个事项" + (f"（序号 {str(number).strip()}）" if shown else ""))
        rest = path[2:]
    for key in rest:
        words.append(f" 第 {key + 1} 条" if isinstance(key, int) else f"{'的 ' if words else ''}{key}")
    return "".join(words)


def _number(data, path: tuple):
    """The 序号 of the item a schema path lies in (None outside items or when unreadable)."""
    try:
        item = data["items"][path[1]] if path[:1] == ("items",) and len(path) > 1 else None
    except (KeyError, IndexError, TypeError):
        return None
    return item.get("number") if isinstance(item, dict) else None


def _schema_message(error: jsonschema.ValidationError, path: tuple, number=None) -> str:
    where = _where(path, number)
    kind = _KEYWORD_MESSAGES.get(error.validator, "格式错误")
    if error.validator == "additionalProperties":
        extras = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return f"{where}：{kind}{''.join(f'「{x}」' for x in extras)}（不认识的原表列请放入 extra）"
    if error.validator == "type":
        wanted = error.validator_value
        names = {"string": "文本", "array": "列表", "object": "映射", "null": "空", "integer": "整数"}
        wanted = "或".join(names.get(w, w) for w in ([wanted] if isinstance(wanted, str) else wanted))
        return f"{where}：{kind}，应为{wanted}"
    if error.validator == "required":
        missing = [k for k in error.validator_value if not isinstance(error.instance, dict) or k not in error.instance]
        return f"{where}：{kind}（{'、'.join(missing)}）"
    if error.validator == "enum":
        allowed = "、".join(str(v) for v in error.validator_value if v is not None)
        return f"{where}：{kind}，应为 {allowed} 之一"
    if error.validator == "const":
        return f"{where}：{kind}，应为 {error.validator_value}"
    return f"{where}：{kind}"  # jsonschema's own message is English


class _Irregular(Exception):
    """A mapping with a repeated or non-text key: `_Builder.plain` walks it and reports the key."""


def _plain(node: yaml.Node):
    """`_Builder.plain` of a regular item (every key a text, once), without recording positions.

    Items are nearly always regular and nearly always conform, so their positions are rarely needed:
    recording one path per node took a quarter of loading (cProfile, 100 seed-like lists).
    """
    kind = node.__class__
    if kind is _Scalar:
        return None if not node.style and node.value in _NULLS else node.value
    if kind is yaml.SequenceNode:
        return [_plain(child) for child in node.value]
    result = {}
    for key, value in node.value:
        if key.__class__ is not _Scalar or key.value in result:
            raise _Irregular
        result[key.value] = _plain(value)
    return result


def _node_shape(node: yaml.Node):
    """`_shape(_plain(node))` in one walk (raises _Irregular as `_plain` does)."""
    kind = node.__class__
    if kind is _Scalar:
        return None if not node.style and node.value in _NULLS else ""
    if kind is yaml.SequenceNode:
        return tuple([(None if not child.style and child.value in _NULLS else "") if child.__class__ is _Scalar
                      else _node_shape(child) for child in node.value])
    result = {}
    for key, value in node.value:
        if key.__class__ is not _Scalar or key.value in result:
            raise _Irregular
        if value.__class__ is _Scalar:  # most values: no call
            result[key.value] = None if not value.style and value.value in _NULLS else ""
        else:
            result[key.value] = _node_shape(value)
    return tuple(result.items())


class _Builder:
    """Walks composed nodes: plain data for the schema, and the model with positions."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.nodes: dict[tuple, yaml.Node] = {}
        self.problems: list[SchemaProblem] = []
        self.streamed: list[Item] = []
        self.starts: list[int] = []  # each streamed item's start index (-1: not a mapping, so not in the model)
        self.first_line = 0  # the file's line the text begins on (lint.reload parses an item's lines alone)

    def take_item(self, node: yaml.Node, index: int) -> None:
        """One item of `items`, composed while the rest is still being parsed: its schema problems and model."""
        where = ("items", index)
        try:
            errors = _ITEM_ERRORS.get(_node_shape(node))
            if errors is None:
                errors = _item_errors(_plain(node))
        except _Irregular:
            errors = None
        if errors is None or errors:  # the walk that keeps positions and reports repeated keys
            data = self.plain(node, where)
            for sub, error in sorted(_item_errors(data), key=lambda pe: list(map(str, pe[0]))):
                at = self.node_at((*where, *sub))
                number = data.get("number") if isinstance(data, dict) else None
                self.problems.append(SchemaProblem(_schema_message(error, (*where, *sub), number),
                                                   at.start_mark.line + 1, at.start_mark.column + 1, (*where, *sub),
                                                   str(_at(data, sub))[:80]))
            self.nodes = {path: n for path, n in self.nodes.items() if path[:1] != ("items",)}
        if node.__class__ is yaml.MappingNode:
            self.streamed.append(self.item(node))
            self.starts.append(node.start_mark.index)
        else:
            self.starts.append(-1)

    def plain(self, node: yaml.Node, path: tuple):
        """Plain data with scalars kept as written (so 序号 10 stays the string "10")."""
        self.nodes[path] = node
        if isinstance(node, _Scalar):
            if not node.style and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(child, path + (i,)) for i, child in enumerate(node.value)]
        result = {}
        for key, value in node.value:
            name = (key.value if isinstance(key, _Scalar)
                    else f"（第 {key.start_mark.line + 1 + self.first_line} 行的非文本键）")
            if name in result:
                self.problems.append(SchemaProblem(f"字段 {name} 重复出现，后者会覆盖前者", key.start_mark.line + 1,
                                                   key.start_mark.column + 1, path + (name,), name))
            result[name] = self.plain(value, path + (name,))
        return result

    def node_at(self, path: tuple) -> yaml.Node:
        while path not in self.nodes:
            path = path[:-1]
        return self.nodes[path]

    @staticmethod
    def value(node: yaml.Node | None) -> Value | None:
        if node.__class__ is not _Scalar or (not node.style and node.value in _NULLS):
            return None
        mark = node.start_mark
        return Value(node.value, mark.index, mark.line + 1, mark.column + 1, node.style or "", node.end_mark.index)

    def build(self, root: yaml.MappingNode, encoding: str) -> PowerList:
        plist = PowerList(self.path, self.text, encoding=encoding)
        top = _mapping(root)
        meta = _mapping(top.get("meta"))
        meta_node = top.get("meta")
        for key, _ in meta_node.value if isinstance(meta_node, yaml.MappingNode) else ():
            if isinstance(key, _Scalar):
                plist.meta_positions[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
        for key, node in meta.items():
            if key == "columns" and isinstance(node, yaml.SequenceNode):
                plist.columns = [n.value.strip() for n in node.value if isinstance(n, _Scalar)]
            elif key == "region":
                plist.region = {k: v for k, n in _mapping(node).items() if (v := self.value(n)) is not None}
            elif (value := self.value(node)) is not None:
                plist.meta[key] = value
        items = top.get("items")
        if isinstance(items, yaml.SequenceNode):
            plist.items = [self.item(node) for node in items.value if isinstance(node, yaml.MappingNode)]
        return plist

    def item(self, node: yaml.MappingNode) -> Item:
        fields, positions = {}, {}
        for key, value in node.value:
            if key.__class__ is _Scalar:
                fields[key.value] = value
                positions[key.value] = (key.start_mark.line + 1, key.start_mark.column + 1)
        value_of = self.value
        item = Item(value_of(fields.get("number")), node.start_mark.line + 1, node.start_mark.column + 1,
                    key_positions=positions)
        texts = item.fields
        for name in ITEM_TEXT_FIELDS:
            field_node = fields.get(name)
            if field_node is not None and (value := value_of(field_node)) is not None:
                texts[name] = value
        item.basis = [v for v in map(value_of, _sequence(fields.get("basis"))) if v is not None]
        for stage_node in _sequence(fields.get("stages")):
            stage = _mapping(stage_node)
            text = value_of(stage.get("text"))
            if text is None:
                mark = stage_node.start_mark
                text = Value("", mark.index, mark.line + 1, mark.column + 1)
            label, name = stage.get("label"), stage.get("name")
            item.stages.append(Stage(text, None if label is None else value_of(label),
                                     None if name is None else value_of(name)))
        item.extra = {k: v for k, n in _mapping(fields.get("extra")).items() if (v := self.value(n)) is not None}
        for ignore_node in _sequence(fields.get("lint-ignore")):
            ignore = _mapping(ignore_node)
            codes = [self.value(n) for n in _sequence(ignore.get("codes"))]
            item.ignores.append((tuple(c.value.strip() for c in codes if c is not None),
                                 next((c for c in codes if c is not None), None), self.value(ignore.get("reason"))))
        return item


def _mapping(node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if k.__class__ is _Scalar}


def _sequence(node) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []
