"""Article texts of a statute: imported by the maintainer (user knowledge directory) or from the law database."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import lawdb, store
from .directory import fits, index, read
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
    meta = tuple((k, doc[k]) for k in ("issuer", "number", "published", "effective", "source") if doc.get(k))
    return Statute(str(doc["title"]), store.source(doc), store.articles(doc), doc.get("version"), older, meta)


@functools.lru_cache(maxsize=1024)
def _user(directory: Path, key: str) -> Statute | None:
    """The imported statute of a title key (its versions read from the files the index names), else None."""
    names = index(directory)["files"].get(key, ())
    versions = [doc for doc in (read(directory / "statutes" / name) for name in names) if doc is not None]
    if not versions:
        return None
    return _imported(versions[0], tuple(_imported(doc) for doc in versions[1:]))


def titles(directory: Path | None = None) -> list[str]:
    """The title of every statute imported into the knowledge directory (its newest version), from the index:
    reading each statute for its title took 4 s of every check with 3,000 imported (`lint.kb.directory`)."""
    return list(index(directory or store.default_dir())["titles"].values())


def statute(title: str, directory: Path | None = None) -> Statute | None:
    """The article texts of a document by title: the user's import first, then the law database, then the one
    imported statute the title fits as lists write titles (lint.kb.variants; its `title` says which)."""
    return _statute(title, directory or store.default_dir())


@functools.lru_cache(maxsize=1024)
def _statute(title: str, directory: Path) -> Statute | None:
    key = title_key(title)
    found = _user(directory, key)
    if found is not None:
        return found
    for name in (re.sub(r"\s+", "", title), f"中华人民共和国{key}"):
        articles = lawdb.articles(name)
        if articles:
            older = tuple(Statute(name, f"{lawdb.SOURCE}（{r.status}）", texts, _day(r.version_date))
                          for r, texts in lawdb.older(name))
            return Statute(name, lawdb.SOURCE, articles, _day(lawdb.law(name).version_date), older)
    fitting = fits(title, directory)  # a title as lists write it (暂行 left out, a short form the text defines)
    return _user(directory, fitting[0]) if len(fitting) == 1 else None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


store.on_change(_user.cache_clear)  # an import changes what the knowledge directory holds
store.on_change(_statute.cache_clear)
