"""What one list cites, as the knowledge coverage (`powerlint kb coverage`, the report's table) and the report's
document sections count it: small enough to keep for a province's lists, and computed where the list is checked
(in a worker with `--jobs`), from the one resolver (lint.citations.resolve)."""

from __future__ import annotations

import datetime as dt
from array import array
from dataclasses import dataclass, field

from ..kb.keys import title_key
from ..kb.registry import Document, by_id
from ..model import PowerList
from .resolve import citations, documents_cited


@dataclass
class Cited:
    """A document one list cites: its id (None when no document was found), the title as first written, how many
    citations and how many article numbers."""

    doc: str | None
    title: str
    citations: int = 0
    articles: int = 0


@dataclass
class ListCitations:
    """A list's citations by document (in the order first cited: `coverage`), each document each item cites with
    the latest version the citation names (`documents_cited`, one use a position in `items`, `documents` and
    `versions`: a province has 400,000), and the documents named here that are not the registry's by id (found in
    the law database, or known from a repeal)."""

    cited: dict[str, Cited] = field(default_factory=dict)  # by document id, else title key as written
    items: array = field(default_factory=lambda: array("I"))  # the item's index in the list
    documents: list[str] = field(default_factory=list)  # the document's id
    versions: list[dt.date | None] = field(default_factory=list)
    unregistered: dict[str, Document] = field(default_factory=dict)

    def uses(self):
        """(item index, document id, version) of each use."""
        return zip(self.items, self.documents, self.versions)

    def document(self, doc_id: str) -> Document:
        return self.unregistered.get(doc_id) or by_id(doc_id)


def list_citations(plist: PowerList) -> ListCitations:
    """What `plist` cites (see ListCitations)."""
    out = ListCitations()

    def named(doc: Document) -> str:
        if by_id(doc.id) is not doc:
            out.unregistered.setdefault(doc.id, doc)
        return doc.id

    for c in citations(plist):
        doc = named(c.document) if c.document is not None else None
        key = doc if doc is not None else title_key(c.citation.title)
        row = out.cited.get(key)
        if row is None:
            row = out.cited[key] = Cited(doc, c.citation.title)
        row.citations += 1
        row.articles += len(c.citation.articles)
    index = {id(item): k for k, item in enumerate(plist.items)}
    for item, doc, version in documents_cited(plist):
        out.items.append(index[id(item)])
        out.documents.append(named(doc))
        out.versions.append(version)
    return out
