"""The stage reader: an item's responsibility stages (责任事项) read against the power type's template
(`rules/stages.yaml`), and the type an item is checked as (declared, garbled or inferred from
`rules/type_inference.yaml`). Used by the STG rules and the cross-list view.

A stage is recognised from its name as written (受理, 审核阶段, 受理审查 …); a stage without a name is
split further with `lint.analysis.stagetext.split_stages`, and a text with no stage labels at all is read
leniently by keywords (only to decide which stages are present).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import data
from . import garbling, vocab
from ..model import Item, PowerList, Stage
from ..memo import per_list
from .stagetext import split_stages

_TERMINAL = "。！？!?；;」”』）)…．."
_FRAGMENT_START = "，,。；;、：:）)」”』的"
_DANGLING_END = "，,、：:的和及或与"
_LEADING_NUMBER = re.compile(r"^\s*(?:[(（]?[0-9一二三四五六七八九十]+[)）.．、]?\s*)")


@functools.lru_cache(maxsize=1)
def _table() -> dict:
    table = data.load("stages.yaml")
    words: dict[str, list[str]] = {}
    for canon, synonyms in table["stages"].items():
        for word in synonyms:
            words.setdefault(word, []).append(canon)
    return {
        "words": [(word, re.compile(re.escape(word)), canons)
                  for word, canons in sorted(words.items(), key=lambda kv: -len(kv[0]))],
        "keywords": table.get("keywords") or {},
        "catch_name": re.compile(table["catch_all_name"]),
        "catch_text": re.compile(table["catch_all_text"]),
        "templates": table["templates"],
    }


def canonical_stages(name: str) -> list[str]:
    """Standard stage names a written stage name stands for, in the order they appear in it."""
    return list(_canonical(name))


@functools.lru_cache(maxsize=4096)
def _canonical(name: str) -> tuple[str, ...]:
    hits: list[tuple[int, str]] = []
    taken = [False] * len(name)
    for word, pattern, canons in _table()["words"]:
        if word not in name:
            continue
        for m in pattern.finditer(name):
            if any(taken[m.start():m.end()]):
                continue
            taken[m.start():m.end()] = [True] * len(word)
            hits.extend((m.start(), canon) for canon in canons)
    return tuple(dict.fromkeys(canon for _, canon in sorted(hits, key=lambda h: h[0])))


def template(type_name: str) -> dict | None:
    templates = _table()["templates"]
    entry = templates.get(type_name)
    if entry and entry.get("same_as"):
        entry = templates.get(entry["same_as"])
    return entry


def ranks(entry: dict) -> dict[str, int]:
    """Stage → its rank in the template's order (stages listed together share a rank); computed once per
    template (asked for every item), not to be changed by the caller."""
    known = _RANKS.get(id(entry))
    if known is None or known[0] is not entry:
        known = _RANKS[id(entry)] = (entry, {stage: rank for rank, step in enumerate(entry.get("order") or ())
                                             for stage in (step if isinstance(step, list) else [step])})
    return known[1]


_RANKS: dict[int, tuple[dict, dict[str, int]]] = {}  # id(template) → (template, ranks)


def borrowed_template(item: Item, type_name: str) -> tuple[str, list[str]] | None:
    """(the other type, its words found) when the item's stages carry `signature_min_words` words of another type's
    template and none of `type_name`'s own (rules/stages.yaml `signatures`); None otherwise, or without signatures."""
    return _borrowed("".join((s.name.value if s.name else "") + s.text.value for s in item.stages if s.text), type_name)


@functools.lru_cache(maxsize=8192)  # a province's items repeat the same stage texts
def _borrowed(text: str, type_name: str) -> tuple[str, list[str]] | None:
    table = data.load("stages.yaml")
    signatures = table.get("signatures") or {}
    if type_name not in signatures:
        return None
    if any(w in text for w in signatures[type_name]):
        return None
    found = sorted(((other, [w for w in words if w in text]) for other, words in signatures.items() if other != type_name),
                   key=lambda kv: -len(kv[1]))
    best = found[0] if found and len(found[0][1]) >= table.get("signature_min_words", 2) else None
    if best is None or (len(found) > 1 and len(found[1][1]) == len(best[1])):
        return None  # no other type's template, or two alike: no telling which
    return best


def template_text(type_name: str) -> str:
    entry = template(type_name) or {}
    order = ["/".join(step) if isinstance(step, list) else step for step in entry.get("order") or ()]
    if entry.get("catch_all"):
        order.append("其他")
    return "→".join(order)


class Part(NamedTuple):
    """One recognised stage: the model stage it comes from and the standard stages it counts for."""

    stage: Stage
    canon: list[str]
    catch_all: bool
    named: bool  # recognised from a name (counts for order), not from keywords


@dataclass
class Reading:
    """An item's stages as read: the recognised parts and whether the list was cut off."""

    parts: list[Part] = field(default_factory=list)
    cut_start: bool = False
    cut_end: bool = False


def _is_catch_all(name: str, text: str) -> bool:
    table = _table()
    if name:
        return bool(table["catch_name"].search(name))
    return bool(table["catch_text"].search(_LEADING_NUMBER.sub("", text, count=1)))


def _last_sentence(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[。；;])", text.strip()) if s.strip()]
    return sentences[-1] if sentences else ""


def _keywords(text: str) -> list[str]:
    return [canon for canon, words in _table()["keywords"].items() if any(w in text for w in words)]


def _pieces(stage: Stage) -> list[tuple[str, str]]:
    """(name, text) of a stage; an unnamed stage is split further when its text holds several stages."""
    if stage.name and stage.name.value.strip():
        return [(stage.name.value.strip(), stage.text.value)]
    return list(_split(stage.text.value)) or [("", stage.text.value)]


@functools.lru_cache(maxsize=1 << 13)
def _split(text: str) -> tuple[tuple[str, str], ...]:
    """(name, text) of the stages an unnamed stage's text holds, remembered: every county writes the same stages."""
    return tuple((piece.name or "", piece.text) for piece in split_stages(text))


@functools.lru_cache(maxsize=1 << 13)
def _read_piece(name: str, text: str) -> tuple[tuple[str, ...], bool, bool]:
    """(standard stages, catch-all, named) of one stage's name and text, remembered as `_split`."""
    catch = _is_catch_all(name, text)
    canon = [] if catch else canonical_stages(name)
    named = bool(canon)
    if not canon and not catch:
        canon = _keywords(text)
        catch = not name and _is_catch_all("", _last_sentence(text))
    return tuple(canon), catch, named


def read_stages(item: Item) -> Reading:
    reading = Reading()
    for stage in item.stages:
        for name, text in _pieces(stage):
            canon, catch, named = _read_piece(name, text)
            reading.parts.append(Part(stage, list(canon), catch, named))
    texts = [s for s in item.stages if s.text]
    if texts:
        reading.cut_start = _starts_mid_sentence(item.stages)
        reading.cut_end = not reading.parts[-1].catch_all and _ends_mid_sentence(texts)
    return reading


def _ends_mid_sentence(stages: list[Stage]) -> bool:
    """The last text ends on a dangling word, unpunctuated where the item's other stages are
    punctuated, or in a way the text-shape detector of OCR007 calls cut (shared, not repeated)."""
    return _texts_end_mid_sentence(tuple(s.text.value for s in stages))


@functools.lru_cache(maxsize=1 << 13)
def _texts_end_mid_sentence(texts: tuple[str, ...]) -> bool:
    """`_ends_mid_sentence` of the stages' texts, remembered: items are copied from list to list."""
    ends = [t.rstrip()[-1] for t in texts]
    if ends[-1] in _DANGLING_END:
        return True
    others = ends[:-1]
    if ends[-1] not in _TERMINAL and bool(others) and all(e in _TERMINAL for e in others):
        return True
    sentences = sum(t.count(c) for t in texts for c in "。；;")
    return any(hit.offset > 0 for hit in garbling.truncated(texts[-1], sentences))


def _starts_mid_sentence(stages: list[Stage]) -> bool:
    first = stages[0]
    if first.label is not None or first.name is not None:
        return False
    text = first.text.value.lstrip()
    if text and text[0] in _FRAGMENT_START:
        return True
    numbers = [_label_number(s.label.value) for s in stages[1:] if s.label is not None]
    numbers = [n for n in numbers if n is not None]
    if numbers and numbers[0] >= 2:
        return True  # the unlabelled first stage is the tail of a lost stage 1
    return any(hit.offset == 0 for hit in garbling.truncated(text))


def _label_number(label: str) -> int | None:
    m = re.search(r"\d+", label)
    return int(m.group()) if m else None


class TypeChoice(NamedTuple):
    name: str  # standard type name the template comes from
    how: str  # declared | garbled | inferred
    note: str = ""


@functools.lru_cache(maxsize=1024)  # asked for every item of a type not in the vocabulary
def _garbled_type(written: str) -> str | None:
    """The one standard type whose name contains every character of a type that lost or swapped some."""
    if len(written) < 2:
        return None
    names = {entry["name"] for entry in vocab.power_types().values()}
    hits = [n for n in names if all(n.count(c) >= written.count(c) for c in set(written))
            and set(written) - set("行政")]
    return hits[0] if len(hits) == 1 else None


@functools.lru_cache(maxsize=1)
def _inference() -> dict:
    return data.load("type_inference.yaml")


def infer_type(item: Item, parts: list[Part]) -> tuple[str, str] | None:
    """(type, reason) inferred from the item's name, else from its stages."""
    by_name = _infer_from_name(item.name)
    if by_name:
        return by_name
    present = {c for p in parts if p.named for c in p.canon}
    for rule in _inference().get("stages") or ():
        if set(rule["all"]) <= present:
            return rule["type"], f"责任环节含 {'、'.join(rule['all'])}"
    return None


@functools.lru_cache(maxsize=4096)
def _infer_from_name(name: str) -> tuple[str, str] | None:
    """(type, reason) from the word of `rules/type_inference.yaml` ending last in the name, remembered per name."""
    best = None
    for type_name, words in _inference()["name"].items():
        for word in words:
            at = name.rfind(word)
            if at >= 0 and (best is None or at + len(word) > best[0]):
                best = (at + len(word), type_name, f"事项名称含「{word}」")
    return (best[1], best[2]) if best else None


def choose_type(item: Item, parts: list[Part]) -> TypeChoice | None:
    written = item.power_type
    if written:
        standard = vocab.canonical_type(written)
        if standard:
            return TypeChoice(standard, "declared")
        guess = _garbled_type(written)
        if guess:
            return TypeChoice(guess, "garbled", f"（权力类型写作「{written}」，按「{guess}」核对）")
        return None
    inferred = infer_type(item, parts)
    if inferred:
        return TypeChoice(inferred[0], "inferred", f"（清单未写权力类型，{inferred[1]}，推断为{inferred[0]}）")
    return None


@per_list
def readings(plist: PowerList) -> list[tuple[Item, Reading, TypeChoice | None]]:
    """Each item with stage text, its reading and its type (shared by the STG rules)."""
    readings = [(item, read_stages(item)) for item in plist.items if any(s.text for s in item.stages)]
    return [(item, reading, choose_type(item, reading.parts)) for item, reading in readings]
