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
    """(the reload of `text` with `edits`, whether it did without a full load), after checking that it is the
    Loaded of the edited text loaded in full (or fails as that does)."""
    chosen = chosen_edits(text, edits)
    after = apply_edits(text, edits)[0]
    try:
        full = load_text(after, "x.yaml")
    except InputError as exc:
        with pytest.raises(InputError) as caught:
            reload([load_text(text, "x.yaml")], text, after, chosen, "x.yaml")
        assert (caught.value.message, caught.value.line) == (exc.message, exc.line)
        return None, False
    new, spans = reload([load_text(text, "x.yaml")], text, after, chosen, "x.yaml")
    assert new.plist == full.plist
    assert new.problems == full.problems
    assert (new.starts, new.items_end) == (full.starts, full.items_end)
    return new, spans is not None


def plain_values(text: str):
    """Per item, its plain one-line values as written (where an edit's position in the value is plain to see)."""
    items = load_text(text, "x.yaml").plist.items
    return [[v for _, v in item.free_texts() if v.style == "" and text[v.index:v.end_index] == v.value
             and len(v.value) > 2 and text[v.end_index:v.end_index + 1] in ("\r", "\n")] for item in items]


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
    moves_problems = kind == "more lines" and load_text(text, "x.yaml").problems  # then loaded in full (see below)
    for which in ([0], [count // 2], [count - 1], sorted({0, count // 2, count - 1})):
        assert reloaded(text, edits_in(text, which, kind))[1] or moves_problems


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


CLEAN = LITERAL.replace("  bogus: 未知字段\n", "")  # without a schema problem


@pytest.mark.parametrize("text, at, content", [
    (CLEAN, "第一行", "插入\n      新的一行\n      "),  # a literal block of the first item grows by a line
    (CLEAN, "保留末尾空行", "\n\n\n    "),  # a kept block's trailing lines, before the next item
    (LITERAL, "没有换行结尾", "\n  sub_item: 新增字段"),  # the last item, at the end of a file without a final break
    (LITERAL, "未知字段", "另一个"),  # an item with a schema problem: its problem made again
    (LITERAL.replace("未知字段\n", "未知字段\n  ? [非, 文本]\n  : 值\n"), "未知字段",
     "另一个\n    第二行"),  # a key that is not a text: its message names its line
])
def test_blocks_comments_problems_and_the_end_of_the_file(text, at, content):
    start = text.index(at)
    assert reloaded(text, [Edit(start, start, content)])[1]


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
    ("items:\n- number: '1'\n  name: 甲乙丙\nmeta:\n  title: 示例县医疗保障局权责清单\n", "乙", "乙乙"),  # meta after them
    ("meta: {title: 示例}\nitems: [{number: '1', name: 甲}, {number: '2', name: 乙}]\n", "乙", "丙"),  # flow style
    ("meta: {title: 示例}\nitems:\n- number: '1'\n  name: 甲\n- 不是映射\n", "甲", "丙"),  # an item not a mapping
])
def test_when_unsure_the_whole_text_is_loaded(text, at, content):
    start = text.index(at)
    assert not reloaded(text, [Edit(start, start, content)])[1]


def test_a_later_items_problems_stay_unless_lines_move_them():
    start = LITERAL.index("对某某")
    new, incremental = reloaded(LITERAL, [Edit(start, start, "更长")])
    assert incremental and new.problems == load_text(LITERAL, "x.yaml").problems != []
    assert not reloaded(LITERAL, [Edit(start, start, "两\n    行")])[1]  # a message may name a line: loaded in full


def test_an_edit_inside_a_plain_value_is_applied_without_parsing(monkeypatch):
    from lint import reload as module

    start = CLEAN.index("另一行为")
    with monkeypatch.context() as patch:
        patch.setattr(module, "_parse", lambda *args: pytest.fail("parsed"))
        assert reloaded(CLEAN, [Edit(start, start + 1, "某"), Edit(start + 2, start + 2, "种")])[1]
    odd = CLEAN.replace("对另一行为的处罚", "nuxl\n  basis: [《甲法》第一条, 《乙法》第二条]  # 注").replace(
        "对某某行为的处罚", "对某某\n    行为的处罚")  # a plain value folded over two lines
    for at, content in [("另一行为", ": "), ("另一行为", " #"), ("另一行为", "\t"), ("另一行为", "\u2028"),
                        ("xl", "l"), ("甲法", "丙丙"), ("乙法", "丁"), ("为的", "为之")]:  # null; in a flow list; folded
        text = odd if at in odd else CLEAN
        start = text.index(at)
        reloaded(text, [Edit(start, start + 1, content)])  # the model a full load gives, or its error
    tabs = CLEAN.replace("对另一行为的处罚", "甲\tx#乙:y\t丙")
    for at in ("x#", "y\t"):  # a tab and # or : brought together
        reloaded(tabs, [Edit(tabs.index(at), tabs.index(at) + 1, "")])
    start, end = CLEAN.index("对另一行为的处罚"), CLEAN.index("\n  remarks: |+")
    for content in ("- 甲", "&甲", "甲:", " 甲", "甲 ", "null", "'甲'", "甲：乙", "《甲》"):  # a whole value replaced
        reloaded(CLEAN, [Edit(start, end, content)])


def test_an_edit_before_the_next_item_after_one_inside_an_item():
    text = (ROOT / "lists" / "guazhou-ybj.yaml").read_text(encoding="utf-8")
    inside, before = text.index("医疗保障局\n", text.index("- number: '1'")), text.index("  - number: '2'")
    assert not reloaded(text, [Edit(inside, inside, "甲"), Edit(before, before + 2, "")])[1]


def test_random_edits():
    """Edits of every kind at random places (a fixed seed): the same model or the same error as a full load."""
    import random

    rng = random.Random(27)
    contents = ["", "改", "〔", "（", "中文", "l", " ", ":", "#", " #", ": ", "x\ny", "\u3000", "~", "null", "'", "- "]
    whole = ["-x", "&a", "'q", "null", "a:", " a", "a ", "甲乙", "#", "~", "甲 #乙", "甲:\t乙", "?", "《甲》", "1", ""]
    for path in LISTS:
        text = path.read_text(encoding="utf-8")
        text = text.replace("\n", "\r\n") if rng.random() < 0.3 else text
        values = [v for item in load_text(text, "x.yaml").plist.items for _, v in item.free_texts()]
        for _ in range(8):
            edits = []
            for value in rng.sample(values, min(len(values), rng.randint(1, 6))):
                start = value.index + rng.randint(0, len(value.value) + 2)
                edits.append(Edit(start, start + rng.randint(0, 2), rng.choice(contents)) if rng.random() < 0.7 else
                             Edit(value.index, value.index + len(value.value), rng.choice(whole)))
            reloaded(text, edits)


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
