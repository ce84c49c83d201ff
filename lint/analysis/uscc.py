"""The check character of a unified social credit code (GB 32100-2015), as python-stdnum computes it.

Hand-written for plain-ASCII codes, every real list's case: importing ``stdnum.cn.uscc`` costs 10–12 ms
(``stdnum.util`` imports ssl, socket and pydoc; `python -X importtime`), a sixth of a one-list run's
checking. For ASCII, stdnum's ``compact`` only maps ` to ', deletes spaces and hyphens, upper-cases and strips,
so the steps below are stdnum's own on the same string; any other code (full-width digits and letters, other
dashes and spaces, which stdnum maps to ASCII first) is still given to stdnum. tests/test_uscc.py compares
both with hypothesis.
"""

from __future__ import annotations

import re

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_DIGITS = re.compile(r"^[0-9]+$")  # stdnum.util.isdigits


def _compact(number: str) -> str:
    """stdnum's ``uscc.compact`` for an ASCII string (its only ASCII mapping is ` to ')."""
    return number.replace("`", "'").replace(" ", "").replace("-", "").upper().strip()


def calc_check_digit(number: str) -> str:
    """The check character of a code's first 17 characters (``stdnum.cn.uscc.calc_check_digit``)."""
    if not number.isascii():
        from stdnum.cn import uscc

        return uscc.calc_check_digit(number)
    total = sum(_ALPHABET.index(n) * w for n, w in zip(_compact(number), _WEIGHTS))
    return _ALPHABET[(31 - total) % 31]


def is_valid(number: str) -> bool:
    """Whether a code is a well-formed credit code with the right check character (``stdnum.cn.uscc.is_valid``)."""
    if not number.isascii():
        from stdnum.cn import uscc

        return uscc.is_valid(number)
    number = _compact(number)
    if len(number) != 18 or not _DIGITS.match(number[:8]) or any(c not in _ALPHABET for c in number[8:]):
        return False
    return number[-1] == calc_check_digit(number)
