"""Article texts of a statute: imported by the maintainer (user knowledge directory) or from the law database."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import lawdb, store
from .keys import title_key


@dataclass(frozen=True, eq=False)
class Statute:
    """One statute's article texts (compared and hashed by identity: statutes are loaded once)."""

    title: str
    source: str
    articles: dict[tuple[int, int], str]  # (number, 之N) → text
    version: dt.date | None = None  # the version date of this text, when known
    older: tuple["Statute", ...] = ()  # earlier versions, newest first (imported side by side)
    meta: tuple[tuple[str, object], ...] = ()  # issuer, number, published, effective read from the file

    @functools.cached_property
    def last(self) -> int:
        return max((n for n, _ in self.articles), default=0)

    @functools.cached_property
    def reduced(self) -> dict[tuple[int, int], str]:
        """The article texts reduced for quote comparison (quotes.reduce), computed once per statute."""
        from ..text.quotes import reduce

        return {key: reduce(text) for key, text in self.articles.items()}


def _imported(doc: dict, older: tuple[Statute, ...] = ()) -> Statute:
    articles = {(int(a["no"]), int(a.get("sub") or 0)): str(a.get("text", "")) for a in doc["articles"]
                if isinstance(a, dict) and str(a.get("no", "")).isdigit()}
    meta = tuple((k, doc[k]) for k in ("issuer", "number", "published", "effective", "source") if doc.get(k))
    return Statute(str(doc["title"]), f"用户导入：{Path(doc['path']).name}", articles, doc.get("version"), older, meta)


@functools.lru_cache(maxsize=8)
def _user(directory: Path | None) -> dict[str, Statute]:
    out = {}
    for title, versions in store.load_all(directory).items():
        older = tuple(_imported(doc) for doc in versions[1:])
        out[title_key(title)] = _imported(versions[0], older)
    return out


def imported(directory: Path | None = None) -> list[Statute]:
    """Every statute imported into the knowledge directory (its newest version; older ones in `older`)."""
    return list(_user(directory or store.default_dir()).values())


def statute(title: str, directory: Path | None = None) -> Statute | None:
    """The article texts of a document by title: the user's import first, then the law database."""
    return _statute(title, directory or store.default_dir())


@functools.lru_cache(maxsize=1024)
def _statute(title: str, directory: Path) -> Statute | None:
    key = title_key(title)
    found = _user(directory).get(key)
    if found is not None:
        return found
    for name in (re.sub(r"\s+", "", title), f"中华人民共和国{key}"):
        articles = lawdb.articles(name)
        if articles:
            older = tuple(Statute(name, f"{lawdb.SOURCE}（{r.status}）", texts, _day(r.version_date))
                          for r, texts in lawdb.older(name))
            return Statute(name, lawdb.SOURCE, articles, _day(lawdb.law(name).version_date), older)
    return None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


store.on_change(_user.cache_clear)  # an import changes what the knowledge directory holds
store.on_change(_statute.cache_clear)
