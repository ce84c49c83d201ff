"""The index of a knowledge directory: which file holds which statute, the forms lists cite it by, and the
repeals the statutes announce — so that a check reads only the statutes its lists cite.

A province imports thousands of statutes (LawRefBook/Laws: 3,311); reading them all took 5 s of every check.
The index is built once per content of the directory (names, sizes and modification times of its files: an
import or an edit rebuilds it; `kb import` builds it at once) and kept in the data cache (lint.compiled).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

from .. import data
from ..compiled import compiled, contents
from . import repeals, store, variants
from .keys import title_key

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# only a statute whose file holds these is read whole while indexing (the others: their header alone)
_REPEALS, _DEFINES = "同时废止", ("以下简称", "以下称")


def read(path: Path) -> dict | None:
    """One imported version of a statute (None when unreadable): its fields, dates as `datetime.date`, `path`."""
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return store.version(doc, path)


def _listing(statutes: Path) -> list[tuple[str, int, int]]:
    try:
        entries = list(os.scandir(statutes))
    except OSError:
        return []
    out = []
    for entry in entries:
        if entry.name.endswith(".yaml"):
            try:
                info = entry.stat()
            except OSError:
                continue
            out.append((entry.name, info.st_size, info.st_mtime_ns))
    return sorted(out)


@functools.lru_cache(maxsize=8)
def index(directory: Path | None) -> dict:
    """{files: {title key: file names, newest version first}, titles: {title key: title},
    variants: {variants.reduce form: title keys}, repeals: (Repeal, …)} of the statutes in `directory`."""
    statutes = directory / "statutes" if directory is not None else None
    listing = _listing(statutes) if statutes is not None and statutes.is_dir() else []
    if not listing:
        return {"files": {}, "titles": {}, "variants": {}, "repeals": ()}
    code = contents(*(Path(m.__file__).resolve() for m in (store, repeals, variants)), Path(__file__).resolve())
    source = b"\0".join([str(statutes).encode(), repr(listing).encode(), code,
                         (data.rules_dir() / "title_variants.yaml").read_bytes()])
    return compiled("kb-index", source, lambda _: _build(statutes, [name for name, _, _ in listing]))


def _build(statutes: Path, names: list[str]) -> dict:
    versions: dict[str, list[dict]] = {}
    announced = []
    for name in names:
        doc = _header_or_whole(statutes / name)
        if doc is None:
            continue
        versions.setdefault(title_key(str(doc["title"])), []).append(doc)
        announced.extend(repeals.clauses(str(doc["title"]), store.articles(doc), doc.get("published"),
                                         doc.get("effective"), store.source(doc)))
    files, titles, forms = {}, {}, {}
    for key, docs in versions.items():
        docs.sort(key=store.newest_first)
        files[key] = tuple(Path(d["path"]).name for d in docs)
        title = titles[key] = str(docs[0]["title"])
        texts = [str(a.get("text", "")) for a in docs[0]["articles"] if isinstance(a, dict)]
        for form in {variants.reduce(title), *map(variants.reduce, variants.forms(title, texts))}:
            forms.setdefault(form, set()).add(key)
    return {"files": files, "titles": titles, "variants": {f: tuple(sorted(k)) for f, k in forms.items()},
            "repeals": tuple(announced)}


def _header_or_whole(path: Path) -> dict | None:
    """A statute file as the index needs it: whole when it announces repeals or defines short forms, else its
    fields before `articles:` alone (store.save writes them first; parsing 3,000 texts whole took seconds)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    whole = _REPEALS in text or any(word in text for word in _DEFINES)
    try:
        doc = yaml.load(text if whole else text.partition("\narticles:")[0], Loader=_LOADER)
    except yaml.YAMLError:
        return None
    if not whole and isinstance(doc, dict):
        doc["articles"] = []
    return store.version(doc, path)


def fits(title: str, directory: Path | None) -> tuple[str, ...]:
    """The title keys of the imported statutes a title as a list writes it fits (variants.reduce)."""
    return index(directory)["variants"].get(variants.reduce(title), ())


store.on_change(index.cache_clear)
