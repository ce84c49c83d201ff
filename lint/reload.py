"""Re-loading a fixed text: only the items the edits touched are read again, the others are moved.

A fix edits a few values of some items. `reload` shifts the positions of every untouched item by what the edits
before it added or removed; a touched item whose edits stay in plain one-line values that remain such is moved
likewise with those values' new texts, any other is parsed alone, in the context the whole file gives it (under
a top-level `items:` key). The model and schema problems are those `load_text` gives the fixed text
(tests/test_reload.py compares them). Whenever that cannot be made sure of — an edit outside an item or in the
`- ` before it, items not one sequence of mappings last in the file, a document marker in a touched item,
a touched item that does not parse as exactly one mapping, lines moving an item with schema problems — the fixed
text is loaded in full.
"""

from __future__ import annotations

import bisect
import re

from .findings import Edit, edited
from .loader import _NULLS, Loaded, SchemaProblem, _Builder, _compose, load_text
from .model import Item, PowerList, Stage, Value

_HEAD = "items:\n"  # a touched item is parsed under this key: the nesting and indentation the whole file gives it
_MARKER = re.compile(r"(?:^|[\r\n\x85\u2028\u2029])(?:---|\.\.\.)")  # a document start or end inside an item


class _Unsure(Exception):
    """The touched items cannot be re-read on their own with certainty: load the whole text."""


Region = tuple[int, int, int, list[Edit]]  # (item index, start of its first line, end, its edits)
Span = tuple[int, int, int, int]  # (start, end) of a re-read item's lines in the text before the edits, then after


def reload(held: list[Loaded], before: str, after: str, edits: list[Edit], path: str,
           encoding: str = "utf-8") -> tuple[Loaded, list[Span] | None]:
    """The Loaded of `after` (`before` with the sorted, non-overlapping `edits` applied), and where each re-read
    item's lines are in `before` and in `after` (whole lines; the rest of the texts is the same); None instead of
    those when the whole text was loaded.

    `held` holds `before`'s Loaded and is emptied: that model's items are moved into the new one, or it is dropped
    before a full load (one model at a time: a big list's is ten times its text)."""
    old = held.pop()
    try:
        return _rebuilt(old, after, _regions(old, before, edits), path, encoding)
    except Exception:  # noqa: BLE001 - _Unsure, or an item's lines that do not load: the full load gives the model
        pass  # or the error (outside this block, whose exception would keep the old model alive)
    del old
    return load_text(after, path, encoding), None


def _regions(old: Loaded, text: str, edits: list[Edit]) -> list[Region]:
    """The touched items: each from the start of its first line to that of the next item (the last: to the end
    of the items), with the edits inside it."""
    starts = old.starts
    if not starts or not edits or old.items_end != len(text):
        raise _Unsure  # (with a BOM too: load_text drops it, so the model's positions are not the text's)
    regions: list[Region] = []
    for edit in edits:
        k = bisect.bisect_right(starts, edit.start) - 1
        if k < 0:
            raise _Unsure  # before the first item (meta)
        if regions and regions[-1][0] == k:
            end = regions[-1][2]
            regions[-1][3].append(edit)
        else:
            end = text.rfind("\n", 0, starts[k + 1]) + 1 if k + 1 < len(starts) else len(text)
            regions.append((k, text.rfind("\n", 0, starts[k]) + 1, end, [edit]))
        if not edit.start < end or edit.end > end:
            raise _Unsure  # (two items on a line too)
    return regions


def _rebuilt(old: Loaded, after: str, regions: list[Region], path: str,
             encoding: str) -> tuple[Loaded, list[Span]]:
    plist, source = old.plist, old.plist.source
    items, starts = plist.items, list(old.starts)
    own: list[list[SchemaProblem]] = [[] for _ in items]
    top: list[SchemaProblem] = []
    for problem in old.problems:  # the others stand before the items (they end the file), where no edit is
        where = problem.path
        (own[where[1]] if where[:1] == ("items",) and len(where) > 1 and isinstance(where[1], int) else top).append(
            problem)
    spans, shift, lines, done = [], 0, 0, 0
    for k, start, end, edits in regions:
        _move(items, own, starts, done, k, shift, lines)
        changes = None if own[k] else _in_plain_values(items[k], edits, source)
        if changes is not None:  # the edits stay inside one-line values: the item is moved, no need to parse it
            _shift_item(items[k], shift, lines, changes)
            starts[k] += shift
            grown = sum(delta for _, delta in changes.values())
            spans.append((start, end, start + shift, start + shift + end - start + grown))
            shift += grown
            done = k + 1
            continue
        was = source[start:end]
        now = edited(was, edits, start)
        if not (now.endswith("\n") or end == len(source)) or (("---" in now or "..." in now) and _MARKER.search(now)):
            raise _Unsure
        was_line = items[k].line
        offset = start + shift - len(_HEAD), was_line - 2 + lines  # from `_HEAD + now` to `after`
        item, problems, item_start, breaks = _parse(now, k, path, offset[1])
        _shift_item(item, *offset)
        items[k], starts[k] = item, item_start + offset[0]
        own[k] = [p._replace(line=p.line + offset[1]) for p in problems]
        if k + 1 < len(items):
            lines += breaks - (items[k + 1].line - was_line)
        spans.append((start, end, start + shift, start + shift + len(now)))
        shift += len(now) - len(was)
        done = k + 1
    _move(items, own, starts, done, len(items), shift, lines)
    fixed = PowerList(plist.path, after, plist.meta, plist.region, items, encoding, plist.columns,
                      plist.meta_positions)
    fixed.problems = [p for problems in own for p in problems] + top
    return Loaded(fixed, fixed.problems, starts, old.items_end + shift), spans


def _parse(text: str, k: int, path: str, lines: int) -> tuple[Item, list[SchemaProblem], int, int]:
    """Item `k` from its lines `text`: its model and schema problems (positions within `_HEAD + text`, the
    messages' line numbers those of the file, where `_HEAD` is on line `lines`), its start, and the number of line
    breaks in `text` (as the parser counts them)."""
    builder = _Builder(_HEAD + text, path)
    builder.first_line = lines
    root = _compose(_HEAD + text, path, lambda node, _: builder.take_item(node, k))
    if len(root.value) != 1 or len(builder.starts) != 1 or builder.starts[0] < 0:
        raise _Unsure  # not one mapping under `items:` and nothing else
    return builder.streamed[0], builder.problems, builder.starts[0], root.end_mark.line - 1


def _in_plain_values(item: Item, edits: list[Edit], source: str) -> dict[int, tuple[str, int]] | None:
    """{index of an edited value: (its new text, how much longer)} when every edit lies in a plain value that is one
    line as written and ends its line, and leaves it one (`_plain_line`); else None."""
    values = sorted(_values(item), key=lambda v: v.index)
    changes: dict[int, tuple[str, int]] = {}
    for edit in edits:
        at = bisect.bisect_right(values, edit.start, key=lambda v: v.index) - 1
        value = values[at] if at >= 0 else None
        if (value is None or edit.end > value.end_index or value.style or not edit.content.isprintable()
                or source[value.end_index:value.end_index + 1] not in ("\n", "\r")
                or source[value.index:value.end_index] != value.value):
            return None
        text, _ = changes.get(value.index, (value.value, 0))
        shift = len(text) - len(value.value)
        text = text[:edit.start - value.index + shift] + edit.content + text[edit.end - value.index + shift:]
        changes[value.index] = text, len(text) - len(value.value)
    return changes if all(_plain_line(text) for text, _ in changes.values()) else None


_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")  # a plain value beginning with one may be something else


def _plain_line(text: str) -> bool:
    """Whether `text` (printable), written after `key: ` at the end of a line, is read back as this text: not
    null, no indicator first, no blank at either end, no `: ` or ` #` (hand-written: YAML's plain scalar rules,
    kept to what is certain)."""
    return (text not in _NULLS and text[0] not in _INDICATORS and not text[0].isspace() and not text[-1].isspace()
            and text[-1] != ":" and not any(mark in text for mark in (": ", ":\t", " #", "\t#")))


def _values(item: Item):
    yield from (v for v in (item.number, *item.fields.values(), *item.basis, *item.extra.values()) if v is not None)
    for stage in item.stages:
        yield from (v for v in (stage.text, stage.label, stage.name) if v is not None)


def _move(items: list[Item], own: list[list[SchemaProblem]], starts: list[int], first: int, stop: int,
          shift: int, lines: int) -> None:
    """Items first…stop-1 (not touched) moved by `shift` characters and `lines` lines."""
    if not (shift or lines):
        return
    for k in range(first, stop):
        if own[k] and lines:
            raise _Unsure  # a message may name a line (of a key that is not a text)
        _shift_item(items[k], shift, lines)
        starts[k] += shift


def _shift_item(item: Item, shift: int, lines: int, changes: dict[int, tuple[str, int]] | None = None) -> None:
    """Move an item's positions in place (its values are immutable: each is made again); `changes`: the values
    edited inside (`_in_plain_values`), each later value moved by what those before it grew."""
    def moved(value: Value | None) -> Value | None:
        if value is None:
            return None
        text, index, line, column, style, end = value
        by = shift + sum(delta for at, (_, delta) in changes.items() if at < index) if changes else shift
        if changes and index in changes:
            text, grown = changes[index]
            end += grown
        return _new(Value, (text, index + by, line + lines, column, style, end + by if end >= 0 else end))

    item.line += lines
    item.number = moved(item.number)
    if changes:
        for fields in (item.fields, item.extra):
            for name, value in fields.items():
                fields[name] = moved(value)
        item.basis = [moved(value) for value in item.basis]
    else:
        for fields in (item.fields, item.extra):  # most values, made by the loader with an end: moved without a call
            for name, (text, index, line, column, style, end) in fields.items():
                fields[name] = _new(Value, (text, index + shift, line + lines, column, style, end + shift))
        item.basis = [_new(Value, (text, index + shift, line + lines, column, style, end + shift))
                      for text, index, line, column, style, end in item.basis]
    item.stages = [Stage(moved(s.text), moved(s.label), moved(s.name)) for s in item.stages]
    item.ignores = [(codes, moved(first), moved(reason)) for codes, first, reason in item.ignores]
    if lines:
        item.key_positions = {name: (line + lines, column) for name, (line, column) in item.key_positions.items()}


_new = tuple.__new__  # a Value without its generated __new__'s call (the values of every moved item are made again)
