"""Article texts of a statute: imported by the maintainer (user knowledge directory) or from the law database."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from . import lawdb, store
from .registry import title_key


@dataclass(frozen=True, eq=False)
class Statute:
    """One statute's article texts (compared and hashed by identity: statutes are loaded once)."""

    title: str
    source: str
    articles: dict[tuple[int, int], str]  # (number, 之N) → text

    @functools.cached_property
    def last(self) -> int:
        return max((n for n, _ in self.articles), default=0)

    @functools.cached_property
    def reduced(self) -> dict[tuple[int, int], str]:
        """The article texts reduced for quote comparison (quotes.reduce), computed once per statute."""
        from ..citations.quotes import reduce

        return {key: reduce(text) for key, text in self.articles.items()}


@functools.lru_cache(maxsize=8)
def _user(directory: Path | None) -> dict[str, Statute]:
    out = {}
    for title, doc in store.load_all(directory).items():
        articles = {(int(a["no"]), int(a.get("sub") or 0)): str(a.get("text", "")) for a in doc["articles"]
                    if isinstance(a, dict) and str(a.get("no", "")).isdigit()}
        out[title_key(title)] = Statute(title, f"用户导入：{doc['path']}", articles)
    return out


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
            return Statute(name, lawdb.SOURCE, articles)
    return None
