"""Document numbers (文号 国发〔1998〕44号) and order numbers (令号 国务院令第649号) in running text.

Every written form is recognised — brackets [] () （） 【】, full-width digits, mixed numerals,
order numbers written 令149号 or 第86号令 — and normalised to the standard form, keeping what was
written and the span of each part so a rule can point at, and fix, exactly the wrong characters.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .. import data
from .numerals import NUMERAL, kind, parse

OPEN, CLOSE = "〔[(（【［〖{", "〕])）】］〗}"
YEAR_DIGITS = "0123456789０１２３４５６７８９〇零○Ｏ一二三四五六七八九"
_YEAR_VALUE = str.maketrans("０１２３４５６７８９〇零○Ｏ一二三四五六七八九", "01234567890000123456789")
# 〔二〇22〕 (mixed numerals) and 〔2016〕第14号 (a stray 第) are read so that they can be reported and repaired;
# a run ending in 令 before the year (国务院令〔2014〕第649号) is an order number with a year inside
_DOC = re.compile(
    rf"(?P<run>[\u4e00-\u9fff]{{1,12}})\s*(?P<open>[{re.escape(OPEN)}])\s*(?P<year>[{YEAR_DIGITS}]{{1,6}})\s*"
    rf"(?P<close>[{re.escape(CLOSE)}])\s*(?P<di>第?)\s*(?P<num>{NUMERAL})\s*号"
)
_ORDER = re.compile(rf"令\s*(?P<di>第?)\s*(?P<num>{NUMERAL})\s*号|第\s*(?P<num2>{NUMERAL})\s*号令")
_ORDER_TAIL = re.compile(r"[\u4e00-\u9fff]*?(?:国务院|部|局|委员会|人民政府|主席)$")
_RUN_END = re.compile(r"[\u4e00-\u9fff]*$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_YEAR_ZERO = str.maketrans("○Ｏ", "〇〇")
FIRST_YEAR, LAST_YEAR = 1949, 2100


class DocNumber(NamedTuple):
    """One document or order number as written in a text, with its parts and their spans."""

    kind: str  # 'document' (文号) or 'order' (令号)
    written: str
    start: int
    end: int
    issuer: str
    year: int | None
    number: int | None
    number_text: str
    brackets: tuple[tuple[int, str], ...] = ()  # (offset, character) of the year's brackets
    order_form_ok: bool = True
    year_text: str = ""  # the year as written (〔二〇22〕 → 二〇22)
    stray_di: bool = False  # 国发〔2016〕第14号: a 第 that does not belong in a document number
    order_year: str = ""  # 国务院令〔2014〕第649号: the bracketed year written inside an order number
    # safe repairs (start, end, replacement), offsets into the text: each changes only the wrong characters
    repairs: tuple[tuple[int, int, str], ...] = ()

    @property
    def normalized(self) -> str:
        """The standard written form: 国发〔1998〕44号, 国务院令第649号 (主席令 keeps Chinese numerals)."""
        num = self.number_text if self.number is None else str(self.number)
        if self.kind == "order":
            if self.issuer.endswith("主席") and self.number is not None and kind(self.number_text) == "chinese":
                num = self.number_text
            return f"{self.issuer}令第{num}号"
        return f"{self.issuer}〔{self.year if self.year is not None else ''}〕{num}号"

    @property
    def key(self) -> tuple:
        """What identifies the document: kind, issuer (without 中华人民共和国), year, number."""
        return (self.kind, self.issuer.removeprefix("中华人民共和国"), self.year, self.number)

    def problems(self) -> list[str]:
        """What is malformed, in Chinese, one entry per defect (empty when well-formed)."""
        out = []
        if self.kind == "document":
            if any(ch not in "〔〕" for _, ch in self.brackets):
                out.append("年份应使用六角括号〔〕")
            year_kind = kind(self.year_text.translate(_YEAR_ZERO))
            if year_kind == "mixed":
                out.append("年份混用汉字和阿拉伯数字")
            elif year_kind == "chinese":
                out.append("年份应使用阿拉伯数字")
            if self.year is None or not FIRST_YEAR <= self.year <= LAST_YEAR:
                out.append("年份不可能")
            if self.stray_di:
                out.append("文号的序号前不应有“第”")
        elif self.order_year:
            out.append(f"令号中不应有年份“{self.order_year}”，令号写作“机关令第N号”")
        elif not self.order_form_ok:
            out.append("令号应写作“机关令第N号”")
        if kind(self.number_text) == "mixed":
            out.append("序号混用汉字和阿拉伯数字")
        return out


@functools.lru_cache(maxsize=1)
def _issuers() -> tuple[tuple[str, ...], tuple[str, ...]]:
    table = data.load("issuers.yaml")
    by_length = lambda xs: tuple(sorted(xs, key=len, reverse=True))  # noqa: E731
    return by_length(table["document_prefixes"]), by_length(table["order_issuers"])


def _doc_issuer(run: str) -> str:
    prefixes, _ = _issuers()
    for prefix in prefixes:
        if run.endswith(prefix):
            return prefix
    return run if len(run) <= 6 else run[-4:]


def _order_issuer(text: str, pos: int, end: int) -> str:
    """The issuer ending at `end` (not before `pos`); only the last characters of the CJK run can matter."""
    _, issuers = _issuers()
    window = max(12, len(issuers[0]) if issuers else 0)
    run = _RUN_END.search(text, max(pos, end - window), end).group()
    for issuer in issuers:
        if run.endswith(issuer):
            return issuer
    tail = _ORDER_TAIL.search(run[-12:])
    return tail.group() if tail else ""


def _order_with_year(text: str, pos: int, m: re.Match) -> DocNumber | None:
    """国务院令〔2014〕第649号: an order number with a bracketed year inside, repaired to 国务院令第649号
    when the issuer is a known order issuer (otherwise the run is not surely an issuer)."""
    issuer = _order_issuer(text, pos, m.start("run") + len(m.group("run")) - 1)
    if not issuer:
        return None
    start = m.start("run") + len(m.group("run")) - 1 - len(issuer)
    repairs = ((m.start("open"), m.start("num"), "第"),) if issuer in _issuers()[1] else ()
    return DocNumber("order", text[start:m.end()], start, m.end(), issuer.removeprefix("中华人民共和国"), None,
                     parse(m.group("num")), m.group("num"), (), False,
                     order_year=text[m.start("open"):m.end("close")], repairs=repairs)


def find(text: str, pos: int = 0, endpos: int | None = None) -> list[DocNumber]:
    """Every document and order number in `text[pos:endpos]`, in order of position (spans index `text`)."""
    if endpos is None:
        endpos = len(text)
    if text.find("号", pos, endpos) < 0:  # both forms end in 号
        return []
    found: list[DocNumber] = []
    for m in _DOC.finditer(text, pos, endpos):
        if m.group("run").endswith("令"):
            order = _order_with_year(text, pos, m)
            if order is not None:
                found.append(order)
            continue
        issuer = _doc_issuer(m.group("run"))
        start = m.start("run") + len(m.group("run")) - len(issuer)
        year_text = m.group("year")
        year = int(year_text.translate(_YEAR_VALUE))
        brackets = ((m.start("open"), m.group("open")), (m.start("close"), m.group("close")))
        repairs = [(at, at + 1, want) for (at, ch), want in zip(brackets, "〔〕") if ch != want]
        if year_text != str(year) and len(str(year)) == len(year_text) and FIRST_YEAR <= year <= LAST_YEAR:
            repairs.append((m.start("year"), m.end("year"), str(year)))  # 二〇22 → 2022, digit for digit
        if m.group("di"):
            repairs.append((m.start("di"), m.end("di"), ""))
        found.append(DocNumber(
            "document", text[start:m.end()], start, m.end(), issuer, year, parse(m.group("num")), m.group("num"),
            brackets, year_text=year_text, stray_di=bool(m.group("di")), repairs=tuple(sorted(repairs)),
        ))
    for m in _ORDER.finditer(text, pos, endpos):
        issuer = _order_issuer(text, pos, m.start())
        if not issuer:
            continue
        start = m.start() - len(issuer)
        num = m.group("num") or m.group("num2")
        form_ok = bool(m.group("num")) and bool(m.group("di"))
        found.append(DocNumber("order", text[start:m.end()], start, m.end(), issuer.removeprefix("中华人民共和国"),
                               None, parse(num), num, (), form_ok))
    return sorted(found, key=lambda d: d.start)
