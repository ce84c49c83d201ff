"""The report's document sections, from the knowledge base (`lint.kb`): documents to update and
changes after the as-of date, each with the items that cite the document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import kb
from ..citations.docnum import find as find_numbers
from ..citations.extract import clean, extract
from ..kb import wording
from ..model import Item, PowerList
from .model import DocumentRow, ItemRef, UpcomingRow, list_name

HORIZON = 365  # days after the as-of date in which an expiry counts as upcoming
CITING_FIELDS = ("accountability_basis",)  # besides `basis`
STALE = ("repealed", "superseded", "expired")  # statuses that put a document in the update table


@dataclass
class Cited:
    """A registered document and every citation of it: (item, latest version date the citation names)."""

    doc: kb.Document
    uses: list[tuple[ItemRef, dt.date | None]] = field(default_factory=list)

    def refs(self, keep=lambda version: True) -> list[ItemRef]:
        return list(dict.fromkeys(ref for ref, version in self.uses if keep(version)))


def _texts(item: Item):
    yield from (v.value for v in item.basis)
    for name in CITING_FIELDS:
        if item.get(name) is not None:
            yield item.text(name)


def resolve(citation) -> kb.Document | None:
    """The registered document a citation means: the one its number names when that document has
    the cited title (two editions may share a title: 财社字〔1999〕60号, 财社〔2017〕144号), else by title."""
    numbered = [d for n in citation.numbers if (d := kb.by_number(n.key)) is not None]
    key = kb.title_key(citation.title)
    return (next((d for d in numbered if key in d.keys()), None) or kb.lookup(citation.title)
            or kb.lookup(citation.bare) or next(iter(numbered), None))


def cited_documents(lists: list[PowerList]) -> dict[str, Cited]:
    """Registered documents the lists cite (by title, or by number when the title is unknown), by id."""
    out: dict[str, Cited] = {}
    names = kb.short_names()
    for plist in lists:
        name = list_name(plist)
        for item in plist.items:
            ref = ItemRef(name, plist.path, item.label or "", item.name.strip())
            for text in _texts(item):
                text = clean(text)
                seen: set[str] = set()
                for citation in extract(text, names):
                    doc = resolve(citation)
                    if doc is not None:
                        version = citation.version.latest if citation.version else None
                        out.setdefault(doc.id, Cited(doc)).uses.append((ref, version))
                        seen.add(doc.id)
                for number in find_numbers(text):  # numbers cited without a registered title
                    doc = kb.by_number(number.key)
                    if doc is not None and doc.id not in seen:
                        out.setdefault(doc.id, Cited(doc)).uses.append((ref, None))
                        seen.add(doc.id)
    return out


def replacement(event: kb.Event, as_of: dt.date) -> str:
    """What replaces a document: the registry entry `by` names (followed to the document in force on
    `as_of`), else the instrument as written with its number."""
    doc, seen = kb.by_id(event.by) if event.by else None, set()
    while doc is not None and doc.id not in seen:
        seen.add(doc.id)
        nxt = doc.superseded if doc.status(as_of) == "superseded" else None
        if nxt is None or not nxt.by or kb.by_id(nxt.by) is None:
            return doc.display
        doc = kb.by_id(nxt.by)
    return "".join(p for p in (event.by, f"（{event.number}）" if event.number else "") if p)


def _conf(event: kb.Event | None, doc: kb.Document) -> str:
    level = event.confidence if event is not None else doc.status_confidence or doc.confidence
    return wording.confidence(level)


def _governing() -> dict[str, list[tuple[kb.Document, dict]]]:
    """Document id → the registered documents that take over its matter, with the governs entry."""
    out: dict[str, list] = {}
    for doc in kb.registry():
        for entry in doc.governs:
            out.setdefault(entry.get("id", ""), []).append((doc, entry))
    return out


def document_sections(lists: list[PowerList], as_of: dt.date) -> tuple[list[DocumentRow], list[UpcomingRow]]:
    """(documents to update, upcoming changes) for the lists as of `as_of`."""
    cited = cited_documents(lists)
    governing = _governing()
    rows: list[DocumentRow] = []
    upcoming: list[UpcomingRow] = []
    for use in sorted(cited.values(), key=lambda c: c.doc.title):
        doc = use.doc
        rows.extend(_update_rows(use, governing.get(doc.id, []), as_of))
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


def _governed_refs(use: Cited | None, entry: dict) -> list[ItemRef]:
    """Items citing a governed document, narrowed to the entry's subjects (words in the item name) when given."""
    if use is None:
        return []
    subjects = entry.get("subjects") or []
    return [r for r in use.refs() if not subjects or any(s in r.name for s in subjects)]


def _update_rows(use: Cited, governing, as_of: dt.date) -> list[DocumentRow]:
    doc = use.doc
    status = doc.status(as_of)
    rows = []
    if status in STALE:
        event = doc.repealed if status == "repealed" else doc.superseded if status == "superseded" else doc.expires
        instead = replacement(event, as_of) if event is not None else ""
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
