"""The index of a knowledge directory: which file holds which statute, the forms lists cite it by, and the
repeals the statutes announce — so that a check reads only the statutes its lists cite.

A province imports thousands of statutes (LawRefBook/Laws: 3,311); reading them all took 5 s of every check.
The index is kept in the data cache (lint.compiled) per state of the directory (names, sizes and modification
times of its files: an import or an edit rebuilds it). `kb import` also writes it beside the texts
(`index.json`, with a digest of every file), so that a repository committing its knowledge directory gives a
fresh clone — CI, a new maintainer, whose files all have new modification times — the index without reading
every statute: it is used when each file it describes has the same bytes, else rebuilt.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from pathlib import Path

import yaml

from .. import data
from ..compiled import compiled, contents
from ..digest import hexdigest
from . import repeals, store, variants
from .keys import title_key

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# only a statute whose file holds these is read whole while indexing (the others: their header alone)
_REPEALS, _DEFINES = "同时废止", ("以下简称", "以下称")
INDEX_FILE = "index.json"
FORMAT = 1  # of index.json: raise it when what the index holds, or how it is built, changes


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
    source = b"\0".join([str(statutes).encode(), repr(listing).encode(), code, _rules().encode()])
    names = [name for name, _, _ in listing]
    return compiled("kb-index", source, lambda _: _written(directory, names) or _build(statutes, names))


def _rules() -> str:
    return hexdigest((data.rules_dir() / "title_variants.yaml").read_bytes())


def _digests(statutes: Path, names: list[str]) -> dict[str, str] | None:
    try:
        return {name: hexdigest((statutes / name).read_bytes()) for name in names}
    except OSError:
        return None


def _written(directory: Path, names: list[str]) -> dict | None:
    """The index `kb import` wrote beside the texts, when it describes exactly the files there, byte for byte."""
    try:
        raw = json.loads((directory / INDEX_FILE).read_text(encoding="utf-8"))
        if (raw["format"], raw["rules"], sorted(raw["files"])) != (FORMAT, _rules(), names):
            return None
        if _digests(directory / "statutes", names) != raw["files"]:
            return None
        found = raw["index"]
        announced = tuple(repeals.Repeal(t, by, tuple(number), text, dt.date.fromisoformat(day) if day else None,
                                         source, confidence)
                          for t, by, number, text, day, source, confidence in found["repeals"])
        return {"files": {k: tuple(v) for k, v in found["files"].items()}, "titles": found["titles"],
                "variants": {k: tuple(v) for k, v in found["variants"].items()}, "repeals": announced}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write(directory: Path) -> Path:
    """Write `index.json` beside the statutes (after `kb import`): the index and a digest of every file."""
    built = index(directory)
    names = [name for name, _, _ in _listing(directory / "statutes")]
    found = {**built, "repeals": [[*r[:4], r.date.isoformat() if r.date else None, r.source, r.confidence]
                                  for r in built["repeals"]]}
    raw = {"format": FORMAT, "rules": _rules(), "files": _digests(directory / "statutes", names), "index": found}
    from ..writer import write_atomic  # only when writing (it imports tempfile and shutil)

    target = directory / INDEX_FILE
    write_atomic(target, json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=0).encode("utf-8"))
    return target


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
    """The title keys of the imported statutes a title as a list writes it fits (variants.reduce) — except a
    statute that repeals a document of that very title (河南省失业保险条例 repeals 《河南省企业职工失业保险条例》:
    an older, different regulation)."""
    found = index(directory)
    keys = found["variants"].get(variants.reduce(title), ())
    if not keys:
        return ()
    key = title_key(title)
    repealing = {title_key(r.by) for r in found["repeals"] if title_key(r.title) == key}
    return tuple(k for k in keys if k not in repealing)


store.on_change(index.cache_clear)
