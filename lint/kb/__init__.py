"""The knowledge base: the registry of normative documents and the texts of their articles.

Public API: `registry()` (every registered document), `lookup(title)`, `statute(title, directory)`,
`configure(config)` (the repository's documents file and knowledge directory), `successor(doc, as_of)` (the
document in force after a chain of replacements), `governing(doc)` (newer documents taking over its matter).
"""

from __future__ import annotations

from .registry import (Document, Event, by_id, by_number, configure, disagreements, documents_file, governing, lookup,
                       registry, short_names, successor, title_key)
from .texts import Statute, statute

__all__ = ["Document", "Event", "Statute", "by_id", "by_number", "configure", "disagreements", "documents_file",
           "governing", "lookup", "registry", "short_names", "statute", "successor", "title_key"]
