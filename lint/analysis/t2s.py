"""OpenCC's traditional-to-simplified converter, made once a process for every module that converts.

Each `opencc.OpenCC("t2s")` reads its configuration and dictionaries again: the OCR rules (garbling.py) and
the reading of titles (titles.py) made one each, 0.4–0.7 ms for the second (timed in a fresh process).
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=1)
def converter():
    """The converter (opencc is imported on first use)."""
    import opencc

    return opencc.OpenCC("t2s")
