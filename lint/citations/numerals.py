"""Numerals of article and document numbers: Chinese (八十七), Arabic (87, full-width ８７) or mixed (六49).

Conversion is cn2an's; this module only decides which kind a numeral is and never raises.
"""

from __future__ import annotations

import functools
import re

CN_DIGITS = "〇零一二三四五六七八九十百千万两"
AR_DIGITS = "0123456789０１２３４５６７８９"
NUMERAL = f"[{CN_DIGITS}{AR_DIGITS}]+"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_NUMERAL = re.compile(NUMERAL)


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
    import cn2an

    return cn2an.an2cn(number)


def article_label(number: int, sub: int = 0) -> str:
    """第三十条, 第十条之一."""
    return f"第{chinese(number)}条" + (f"之{chinese(sub)}" if sub else "")
