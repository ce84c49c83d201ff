"""The knowledge base: the registry of normative documents and the texts of their articles.

Public API: `registry()` (every registered document), `lookup(title)`, `statute(title, directory)`.
"""

from __future__ import annotations

from .registry import Document, Event, by_id, by_number, lookup, registry, short_names, title_key
from .texts import Statute, statute

__all__ = ["Document", "Event", "Statute", "by_id", "by_number", "lookup", "registry", "short_names", "statute",
           "title_key"]
