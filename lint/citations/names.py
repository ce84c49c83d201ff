"""Titles recognised without 书名号 (「劳动法第89条」): every title and short name the tool knows — the registry's
titles and aliases, the law database's laws and the statutes imported into the knowledge directory, each also
without its leading 中华人民共和国."""

from __future__ import annotations

import functools
from pathlib import Path

from .. import data
from .extract import DOC_SUFFIX

_COUNTRY = "中华人民共和国"


def bare_names() -> tuple[str, ...]:
    """The names, longest first (one order in every process)."""
    from ..kb.registry import knowledge_dir, short_names

    return _bare_names(short_names(), knowledge_dir())


@functools.lru_cache(maxsize=4)  # per registry (short_names is rebuilt when it reloads) and knowledge directory
def _bare_names(short: tuple[str, ...], directory: Path) -> tuple[str, ...]:
    from ..kb import lawdb
    from ..kb.registry import registry
    from ..kb.texts import imported

    titles = [*short, *lawdb.names(), *(s.title for s in imported(directory))]
    titles += [name for doc in registry() for name in (doc.title, *doc.aliases)]
    shortest = data.load("bare_citations.yaml")["min_length"]
    names = {form for title in titles for form in (title, title.removeprefix(_COUNTRY))
             if len(form) >= shortest and DOC_SUFFIX.search(form)}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))
