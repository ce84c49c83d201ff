"""Title keys: a document title as compared (no spaces, no 中华人民共和国 prefix, one kind of dash and bracket)."""

from __future__ import annotations

import functools
import re

_DASHES = str.maketrans({c: "—" for c in "-–－~～"})
_INNER = str.maketrans("《》‹›<>＜＞", "〈〉〈〉〈〉〈〉")  # a title inside a title: 《陕西省实施〈工伤保险条例〉办法》
SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """A title for comparison: no spaces, no 中华人民共和国 prefix, one kind of dash and bracket (memoised)."""
    key = SPACES.sub("", title).translate(_DASHES).translate(_INNER).replace("(", "（").replace(")", "）")
    return key.removeprefix("中华人民共和国")
