"""Chinese numerals below 10,000 are read and written without cn2an, exactly as cn2an does."""

import cn2an

from lint.text import numerals


def test_small_numerals_agree_with_cn2an_both_ways():
    for n in range(10000):
        text = cn2an.an2cn(n)
        assert numerals.chinese(n) == text
        assert numerals._read_small(text) == n
        assert numerals.parse(text) == int(cn2an.cn2an(text, "smart"))


def test_other_forms_still_go_to_cn2an():
    for text in ("一百一", "两百", "一二三", "零五", "三万", "十万零一", "一千一"):
        assert numerals._read_small(text) is None
        assert numerals.parse(text) == int(cn2an.cn2an(text, "smart"))
    assert numerals._read_small("百") is None and numerals.parse("百") is None
    assert numerals.chinese(20000) == cn2an.an2cn(20000)
