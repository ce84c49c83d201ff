"""Citation extraction: documents, document/order numbers, version qualifiers, articles and quotes.

Public API: `extract(text) -> list[Citation]` (spans are offsets into `text`), `citations(plist)`
(every citation of a list with its item, field and registry entry). Numerals, quote reduction and
document numbers are in `lint.text`.
"""

from __future__ import annotations

from .extract import Article, Citation, Version
from .extract import extract as _extract


def extract(text: str) -> list[Citation]:
    """Every citation of `text`, recognising known titles and short names (社会保险法) without 《》."""
    from .names import bare_names

    return _extract(text, bare_names())


def citations(plist):
    from .resolve import citations as _citations

    return _citations(plist)


__all__ = ["Article", "Citation", "Version", "citations", "extract"]
