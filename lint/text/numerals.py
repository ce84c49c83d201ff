"""Numerals of article and document numbers: Chinese (八十七), Arabic (87, full-width ８７) or mixed (六49).

Conversion is cn2an's; this module only decides which kind a numeral is and never raises. Importing cn2an
costs ~0.17 s (`python -X importtime -c "import cn2an"`, 2026-11-30), more than checking a seed list, so the
canonical numerals below 10,000 (第八十七条, every article number in practice) are written and read by the
few lines of `_small`, checked against cn2an for every number below 10,000 in tests/test_numerals.py;
anything else still goes to cn2an.
"""

from __future__ import annotations

import functools
import re

CN_DIGITS = "〇零一二三四五六七八九十百千万两"
AR_DIGITS = "0123456789０１２３４５６７８９"
NUMERAL = f"[{CN_DIGITS}{AR_DIGITS}]+"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMERAL = re.compile(NUMERAL)
_DIGITS = "零一二三四五六七八九"


def _small(n: int) -> str:
    """The canonical Chinese numeral of 0 ≤ n < 10,000 as cn2an.an2cn writes it (一百一十, 一千零五, 十二)."""
    if n == 0:
        return _DIGITS[0]
    out: list[str] = []
    zero = False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(_DIGITS[0])
            zero = False
        out.append(("" if unit == "十" and digit == 1 and not out else _DIGITS[digit]) + unit)
    return "".join(out)


_UNITS = {"十": 10, "百": 100, "千": 1000}


def _read_small(text: str) -> int | None:
    """The value of a canonical numeral below 10,000 (one that `_small` writes back unchanged), else None."""
    value = digit = 0
    for char in text:
        if char in _UNITS:
            value += (digit or 1) * _UNITS[char]
            digit = 0
        elif char in _DIGITS:
            digit = _DIGITS.index(char)
        else:
            return None
    value += digit
    return value if value < 10000 and _small(value) == text else None


def kind(text: str) -> str:
    """'arabic', 'chinese', 'mixed' or '' (not a numeral)."""
    if not text or not _NUMERAL.fullmatch(text):
        return ""
    has_ar = any(c in AR_DIGITS for c in text)
    has_cn = any(c in CN_DIGITS for c in text)
    return "mixed" if has_ar and has_cn else ("arabic" if has_ar else "chinese")


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> int | None:
    """The value of a numeral, or None when it is not one (mixed numerals are read digit by digit
    when every Chinese character is a single digit: 六49 → 649); memoised, cn2an is slow."""
    k = kind(text)
    if k == "arabic":
        return int(text.translate(_FULLWIDTH))
    if k == "mixed":
        digits = "".join(str("〇一二三四五六七八九".find(c)) if c in "〇一二三四五六七八九" else c
                         for c in text.translate(_FULLWIDTH).replace("零", "〇"))
        return int(digits) if digits.isdigit() else None
    if k == "chinese":
        small = _read_small(text)
        if small is not None:
            return small
        import cn2an  # imported on first use: it costs ~0.2 s, which a cached pre-commit run need not pay

        try:
            value = cn2an.cn2an(text, "smart")
        except (ValueError, KeyError, IndexError, TypeError):
            return None
        return int(value) if value == int(value) else None
    return None


@functools.lru_cache(maxsize=1024)
def chinese(number: int) -> str:
    """The Chinese numeral of a non-negative integer as articles are numbered (八十七, 一百一十); memoised."""
    if 0 <= number < 10000:
        return _small(number)
    import cn2an

    return cn2an.an2cn(number)


def article_label(number: int, sub: int = 0) -> str:
    """第三十条, 第十条之一."""
    return f"第{chinese(number)}条" + (f"之{chinese(sub)}" if sub else "")
