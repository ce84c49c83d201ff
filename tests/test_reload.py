"""lint.reload: re-reading only the items a fix touched gives exactly what loading the fixed text gives."""

from __future__ import annotations

import pytest

from lint.config import Config
from lint.engine import lint_loaded
from lint.findings import Edit
from lint.fixer import _verify, apply_edits, chosen_edits
from lint.loader import load_text
from lint.reload import reload
from lint.source import InputError

from .conftest import ROOT

LISTS = sorted((ROOT / "lists").glob("*.yaml")) + sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.yaml"))


def reloaded(text: str, edits: list[Edit]):
    """(the reload of `text` with `edits`, whether only the touched items were parsed), after checking that it
    is the Loaded of the edited text loaded in full (or fails as that does)."""
    chosen = chosen_edits(text, edits)
    after = apply_edits(text, edits)[0]
    try:
        full = load_text(after, "x.yaml")
    except InputError as exc:
        with pytest.raises(InputError) as caught:
            reload(load_text(text, "x.yaml"), text, after, chosen, "x.yaml")
        assert (caught.value.message, caught.value.line) == (exc.message, exc.line)
        return None, False
    new, spans = reload(load_text(text, "x.yaml"), text, after, chosen, "x.yaml")
    assert new.plist == full.plist
    assert new.problems == full.problems
    assert (new.starts, new.items_end) == (full.starts, full.items_end)
    return new, spans is not None


def plain_values(text: str):
    """Per item, its plain one-line values as written (where an edit's position in the value is plain to see)."""
    items = load_text(text, "x.yaml").plist.items
    return [[v for _, v in item.free_texts() if v.style == "" and text[v.index:v.end_index] == v.value
             and len(v.value) > 2 and text[v.end_index:v.end_index + 1] in "\r\n"] for item in items]


def edits_in(text: str, which: list[int], kind: str) -> list[Edit]:
    """An edit of `kind` in the first plain value of each item of `which` (indices into the items)."""
    per_item = plain_values(text)
    edits = []
    for k in which:
        value = next(v for values in per_item[k:] + per_item[:k][::-1] for v in values)
        at = value.index + 1
        edits.append({
            "same length": Edit(at, at + 1, "改"),
            "longer": Edit(at, at, "加长的文字"),
            "shorter": Edit(at, at + 1, ""),
            "more lines": Edit(at, at, "\n" + " " * value.column + "续行"),  # a plain scalar folded over two lines
            "comment": Edit(value.end_index, value.end_index, "  # 注释"),
            "anchor": Edit(value.index, value.index, "&a "),
        }[kind])
    return edits


@pytest.mark.parametrize("path", LISTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["same length", "longer", "shorter", "more lines", "comment", "anchor"])
def test_touched_items_reread_others_moved_as_a_full_load(path, kind):
    text = path.read_text(encoding="utf-8")
    count = len(plain_values(text))
    for which in ([0], [count // 2], [count - 1], sorted({0, count // 2, count - 1})):
        assert reloaded(text, edits_in(text, which, kind))[1]


@pytest.mark.parametrize("path", LISTS[:4], ids=lambda p: p.stem)
def test_crlf_lines_and_findings_of_the_reloaded_model(path):
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    count = len(plain_values(text))
    edits = edits_in(text, [0, count // 2], "more lines") + edits_in(text, [count - 1], "longer")
    new, incremental = reloaded(text, edits)
    assert incremental
    full = load_text(apply_edits(text, edits)[0], "x.yaml")
    assert lint_loaded(new, Config()) == lint_loaded(full, Config())  # every finding, with its line and column


LITERAL = """\
meta:
  title: 示例县医疗保障局权责清单
items:
- number: '1'
  name: 对某某行为的处罚
  stages:
  - text: |
      第一行
      第二行

# 两项之间的注释
- number: '2'
  name: 对另一行为的处罚
  bogus: 未知字段
  remarks: |+
    保留末尾空行

- number: '3'
  name: 最后一项
  remarks: 没有换行结尾"""


@pytest.mark.parametrize("at, content", [
    ("第一行", "插入\n      新的一行\n      "),  # a literal block of the first item grows by a line
    ("保留末尾空行", "\n\n\n    "),  # a kept block's trailing lines, before the next item
    ("没有换行结尾", "\n  sub_item: 新增字段"),  # the last item, at the end of a file without a final line break
    ("未知字段", "另一个"),  # an item with a schema problem: its problem re-made, the later items' moved
])
def test_blocks_comments_problems_and_the_end_of_the_file(at, content):
    start = LITERAL.index(at)
    assert reloaded(LITERAL, [Edit(start, start, content)])[1]


def test_a_line_more_in_an_item_moves_the_later_items_problems():
    start = LITERAL.index("对某某")
    new, incremental = reloaded(LITERAL, [Edit(start, start, "两\n    行")])
    lines = [p.line for p in load_text(LITERAL, "x.yaml").problems]
    assert incremental and lines and [p.line for p in new.problems] == [line + 1 for line in lines]


@pytest.mark.parametrize("text, at, content", [
    (LITERAL, "对另一行为", "\n- number: '9'\n  name: "),  # one item made two
    (LITERAL, "对另一行为", "x\nmeta: {}\nother: "),  # a top-level key in the middle of the items
    (LITERAL, "没有换行结尾", "x\nmeta2: 在清单之后\nmeta3: "),  # top-level keys after the items
    (LITERAL.replace("\n", "\r"), "对另一行为", "某"),  # old Mac line breaks
    (LITERAL.replace("- number: '2'", "-\n  number: '2'"), "对另一行为", "某"),  # an item begins a line below its -
    (LITERAL, "对另一行为", "x\n...\n# "),  # a document ends inside an item
    (LITERAL, "对另一行为", "x\n---\n"),  # another document
    (LITERAL, "\n- number: '2'", "\n..."),  # a document ends after an item (the lines re-read would parse)
    (LITERAL, "对另一行为", "*a "),  # an alias
    (LITERAL, "对另一行为", "[未闭合 "),  # a syntax error
    (LITERAL, "number: '2'", "  "),  # the `- ` before an item
    (LITERAL, "示例县", "某"),  # meta
    ("\ufeff" + LITERAL, "对另一行为", "某"),  # a BOM (load_text drops it: the positions are not the text's)
    (LITERAL.replace("items:\n", "items2: []\nitems:\n").replace("meta:\n  title", "x: 1\nmeta:\n  title")
     + "\nmeta2: 在清单之后", "对另一行为", "某"),  # something after the items
    ("meta: {title: 示例}\nitems: [{number: '1', name: 甲}, {number: '2', name: 乙}]\n", "乙", "丙"),  # flow style
    ("meta: {title: 示例}\nitems:\n- number: '1'\n  name: 甲\n- 不是映射\n", "甲", "丙"),  # an item not a mapping
])
def test_when_unsure_the_whole_text_is_loaded(text, at, content):
    start = text.index(at)
    assert not reloaded(text, [Edit(start, start, content)])[1]


def test_an_item_whose_lines_no_longer_end_with_a_line_break_is_not_reread():
    start = LITERAL.index("\n- number: '2'")  # the comment before item 2 takes in its first line
    assert not reloaded(LITERAL, [Edit(start, start + 1, "")])[1]


def test_comments_of_the_reread_items_are_compared_and_the_whole_texts_when_they_differ():
    before = "# a\nitems:\n- name: 甲\n  # b\n- name: 乙\n# c\n"
    first, second = before.index("- name: 甲"), before.index("- name: 乙")
    shape = [({"name"}, 0, 0), ({"name"}, 0, 0)]
    changed = before.replace("# b", "# 改")
    with pytest.raises(InputError, match="注释"):
        _verify(shape, load_text(changed, "x.yaml").plist, before, changed, "x.yaml",
                [(first, second, first, second + 1)])
    moved = before.replace("  # b\n- name: 乙\n", "- name: 乙\n  # b\n")  # from one re-read item to the next: the file's
    spans = [(first, second, first, first + 9), (second, len(before), first + 9, len(before))]  # comments are alike
    _verify(shape, load_text(moved, "x.yaml").plist, before, moved, "x.yaml", spans)
