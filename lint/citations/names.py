"""Titles recognised without 书名号 (「劳动法第89条」): every title and short name the tool knows — the registry's
titles and aliases, the law database's laws and the statutes imported into the knowledge directory, each also
without its leading 中华人民共和国."""

from __future__ import annotations

from pathlib import Path

from .. import data
from ..kb import store
from .extract import DOC_SUFFIX

_COUNTRY = "中华人民共和国"


class Names(tuple):
    """The names, with their hash remembered: every extraction is memoised on (text, names), and a tuple of
    some 700 names would otherwise be hashed again for every text."""

    def __hash__(self) -> int:
        try:
            return self._hash
        except AttributeError:
            self._hash = tuple.__hash__(self)
            return self._hash


_last: list = [None, None, Names()]  # the registry's short names and the knowledge directory they were built for


@store.on_change  # an import adds titles
def _forget() -> None:
    _last[:] = [None, None, Names()]


def bare_names() -> Names:
    """The names, longest first (one order in every process); rebuilt when the registry reloads (its short
    names are then a new tuple) or the knowledge directory changes."""
    from ..kb.registry import knowledge_dir, short_names

    short, directory = short_names(), knowledge_dir()
    if _last[0] is not short or _last[1] != directory:
        _last[:] = [short, directory, _build(short, directory)]
    return _last[2]


def _build(short: tuple[str, ...], directory: Path) -> Names:
    from ..kb import lawdb
    from ..kb.registry import registry
    from ..kb.texts import titles as imported_titles

    titles = [*short, *lawdb.names(), *imported_titles(directory)]
    titles += [name for doc in registry() for name in (doc.title, *doc.aliases)]
    shortest = data.load("bare_citations.yaml")["min_length"]
    names = {form for title in titles for form in (title, title.removeprefix(_COUNTRY))
             if len(form) >= shortest and DOC_SUFFIX.search(form)}
    return Names(sorted(names, key=lambda name: (-len(name), name)))
