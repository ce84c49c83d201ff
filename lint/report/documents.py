"""The report's document sections, from the knowledge base (`lint.kb`): documents to update and
changes after the as-of date, each with the items that cite the document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import kb
from ..kb import wording
from .model import DocumentRow, ItemRef, UpcomingRow
from .parts import ListPart

HORIZON = 365  # days after the as-of date in which an expiry counts as upcoming
STALE = ("repealed", "superseded", "expired")  # statuses that put a document in the update table


@dataclass
class CitedDocument:
    """A registered document and every citation of it: (item, latest version date the citation names)."""

    doc: kb.Document
    uses: list[tuple[ItemRef, dt.date | None]] = field(default_factory=list)

    def refs(self, keep=lambda version: True) -> list[ItemRef]:
        return list(dict.fromkeys(ref for ref, version in self.uses if keep(version)))


def cited_documents(lists: list[ListPart]) -> dict[str, CitedDocument]:
    """Registered documents the lists cite (`lint.citations.resolve.documents_cited`, as the DOC rules read them,
    kept in each list's part), by id."""
    out: dict[str, CitedDocument] = {}
    for part in lists:
        refs: dict[int, ItemRef] = {}
        for index, doc_id, version in part.cited.uses():
            item = part.items[index]
            ref = refs.setdefault(index, ItemRef(item.list, item.path, item.item, item.name))
            use = out.get(doc_id)
            if use is None:
                use = out[doc_id] = CitedDocument(part.cited.document(doc_id))
            use.uses.append((ref, version))
    return out


def replacement(doc: kb.Document, event: kb.Event, as_of: dt.date) -> str:
    """What replaces a repealed or superseded document: the document in force after its chain of replacements
    (`lint.kb.successor`), else the instrument as written with its number."""
    instead = kb.successor(doc, as_of) if event is not doc.expires else None
    if instead is not None:
        return instead.display
    return "".join(p for p in (event.by, f"（{event.number}）" if event.number else "") if p)


def _conf(event: kb.Event | None, doc: kb.Document) -> str:
    level = event.confidence if event is not None else doc.status_confidence or doc.confidence
    return wording.confidence(level)


def document_sections(lists: list[ListPart], as_of: dt.date) -> tuple[list[DocumentRow], list[UpcomingRow]]:
    """(documents to update, upcoming changes) for the lists as of `as_of`."""
    cited = cited_documents(lists)
    rows: list[DocumentRow] = []
    upcoming: list[UpcomingRow] = []
    for use in sorted(cited.values(), key=lambda c: c.doc.title):
        doc = use.doc
        rows.extend(_update_rows(use, kb.governing(doc), as_of))
        if doc.expires and doc.expires.date and as_of < doc.expires.date <= as_of + dt.timedelta(days=HORIZON):
            upcoming.append(UpcomingRow(doc.expires.date.isoformat(), doc.display, "有效期届满",
                                        doc.expires.note or "到期前应确认是否延期或由新文件替代，并相应修改依据。",
                                        use.refs()))
    for doc in kb.registry():
        if doc.effective and doc.effective > as_of:
            affected = [ref for entry in doc.governs for ref in _governed_refs(cited.get(entry.get("id", "")), entry)]
            note = "；".join(e.get("note", "") for e in doc.governs if e.get("note")) or doc.status_note
            upcoming.append(UpcomingRow(doc.effective.isoformat(), doc.display, "施行",
                                        note or "新文件施行后应复核相关事项的依据。", list(dict.fromkeys(affected))))
    upcoming.sort(key=lambda u: (u.date, u.document))
    return rows, upcoming


def _governed_refs(use: CitedDocument | None, entry: dict) -> list[ItemRef]:
    """Items citing a governed document, narrowed to the entry's subjects (words in the item name) when given."""
    if use is None:
        return []
    subjects = entry.get("subjects") or []
    return [r for r in use.refs() if not subjects or any(s in r.name for s in subjects)]


def _update_rows(use: CitedDocument, governing, as_of: dt.date) -> list[DocumentRow]:
    doc = use.doc
    status = doc.status(as_of)
    rows = []
    if status in STALE:
        event = doc.repealed if status == "repealed" else doc.superseded if status == "superseded" else doc.expires
        instead = replacement(doc, event, as_of) if event is not None else ""
        action = (f"将依据改为{instead}的相应条款" if instead else
                  "删除该依据或改引现行有效的文件")
        rows.append(DocumentRow(doc.title, doc.number, wording.STATUS[status], _day(event.date), instead,
                                action + (f"；{event.note}" if event.note else ""), _conf(event, doc),
                                doc.source, use.refs()))
    else:
        latest = max((v for v in doc.versions if v.date and v.date <= as_of), key=lambda v: v.date, default=None)
        if latest is not None:
            old = use.refs(lambda version: version is not None and version < latest.date)
            if old:
                rows.append(DocumentRow(doc.title, doc.number, "已修改（引用的是旧版本）", _day(latest.date),
                                        f"{latest.date.isoformat()} 修改后的现行文本"
                                        + (f"（{latest.number or latest.by}）" if latest.number or latest.by else ""),
                                        "将版本说明和所引条文改为现行文本", _conf(latest, doc), doc.source, old))
    for newer, entry in governing:
        if newer.effective and newer.effective <= as_of and newer.status(as_of) == "in-force":
            rows.append(DocumentRow(doc.title, doc.number, "已有新法调整同一事项", _day(newer.effective),
                                    newer.display, entry.get("note") or f"复核依据，优先引用{newer.display}",
                                    _conf(None, newer), newer.source, _governed_refs(use, entry)))
    return rows


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""
