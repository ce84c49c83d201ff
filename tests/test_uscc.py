"""lint/analysis/uscc.py gives python-stdnum's answers for credit codes without importing it for ASCII codes."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings, strategies as st
from stdnum.cn import uscc as stdnum_uscc

from lint.analysis import uscc

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ASCII = st.characters(max_codepoint=127)


def _answer(function, text):
    """What a function returns for a text, or the class of what it raises."""
    try:
        return function(text)
    except Exception as error:  # noqa: BLE001 - the comparison is of the exception's class
        return type(error)


@st.composite
def credit_like(draw):
    """Codes of the format (8 digits, 10 characters of the alphabet, any check character), sometimes
    lower-cased, with spaces, hyphens or backticks between the characters, or cut short."""
    chars = draw(st.text("0123456789", min_size=8, max_size=8)) + draw(st.text(ALPHABET, min_size=10, max_size=10))
    if draw(st.booleans()):
        chars = chars[:17] + stdnum_uscc.calc_check_digit(chars[:17])  # a valid code, half the time
    out = []
    for char in chars:
        out.append(char.lower() if draw(st.booleans()) else char)
        out.append(draw(st.sampled_from(["", "", "", " ", "-", "`", "\t"])))
    return "".join(out)[: draw(st.integers(10, 60))]


@settings(max_examples=500, deadline=None)
@given(credit_like())
def test_like_stdnum_on_codes_of_the_format(code):
    assert _answer(uscc.is_valid, code) == _answer(stdnum_uscc.is_valid, code)
    assert _answer(uscc.calc_check_digit, code[:17]) == _answer(stdnum_uscc.calc_check_digit, code[:17])


@settings(max_examples=500, deadline=None)
@given(st.text(ASCII, max_size=24))
def test_like_stdnum_on_any_ascii(text):
    assert _answer(uscc.is_valid, text) == _answer(stdnum_uscc.is_valid, text)
    assert _answer(uscc.calc_check_digit, text) == _answer(stdnum_uscc.calc_check_digit, text)


def test_known_codes():
    assert uscc.is_valid("91110000600037341L")
    assert uscc.is_valid("11620500MB16170967")
    assert not uscc.is_valid("11620500MB16170968")
    assert uscc.calc_check_digit("11620500MB1617096") == "7"


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("０１２３４５６７８９ＡＢＭ–—\u3000１１６２０５００MB16170967"), max_size=22))
def test_other_characters_go_to_stdnum(text):
    assert _answer(uscc.is_valid, text) == _answer(stdnum_uscc.is_valid, text)
    assert _answer(uscc.calc_check_digit, text) == _answer(stdnum_uscc.calc_check_digit, text)


def test_full_width_code_is_read_as_stdnum_reads_it():
    full_width = "１１６２０５００ＭＢ１６１７０９６７"
    assert not full_width.isascii()
    assert uscc.is_valid(full_width) == stdnum_uscc.is_valid(full_width)


def test_ascii_codes_do_not_import_stdnum():
    probe = ("import sys; from lint.analysis import uscc; uscc.is_valid('11620500MB16170967'); "
             "uscc.calc_check_digit('11620500MB1617096'); print('stdnum' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
