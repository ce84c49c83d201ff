"""The user knowledge directory: statutes a maintainer imports (`powerlint kb import PATH...`).

Each version of a statute is one YAML file `statutes/<title>(<version date>).yaml` {title, issuer, number,
published, effective, version, source, imported, articles: [{no, sub, label, text}]}; importing a newer
version of a statute adds a file and keeps the older ones. A repository may commit this directory
(configuration `knowledge-dir`) so that every maintainer's hook and CI read the same texts.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from pathlib import Path

import yaml

from ..text.numerals import NUMERAL, parse

_HEADING = re.compile(rf"^[#>*\s]*(?:\*\*)?第(?P<n>{NUMERAL})条(?:之(?P<sub>{NUMERAL}))?(?:\*\*)?[\s　:：]*", re.M)
# a chapter title written without 第N章 (「法律责任」, 「附　　则」, LawRefBook's 山东 texts): a short last line of
# Chinese characters alone, without the punctuation that ends a paragraph of an article
_TRAILING_HEADING = re.compile(r"(?:\n[ \t　]*[\u4e00-\u9fff][\u4e00-\u9fff 　]{0,18}[ \t　]*)+\s*$")
_TITLE = re.compile(r"^\s*#*\s*《?(?P<t>[^\n《》#]{2,80}?)》?\s*$", re.M)


@functools.lru_cache(maxsize=1)
def default_dir() -> Path:
    """The per-user data directory (XDG on Linux, APPDATA on Windows, Library on macOS), computed once.

    Hand-written: three platform rules do not justify a dependency (platformdirs)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "powerlint"


def parse_statute(text: str) -> list[dict]:
    """The articles of a statute text: [{no, sub, label, text}] in order (headings 第N条, 第N条之一)."""
    heads = list(_HEADING.finditer(text))
    out: list[dict] = []
    for k, m in enumerate(heads):
        number = parse(m.group("n"))
        if number is None or (out and number < out[-1]["no"]):
            continue  # a cross-reference that happens to start a line (「第二十条规定的……」), not a heading
        body = text[m.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        body = re.sub(r"^\s*#.*$", "", body, flags=re.M)  # chapter headings between articles
        body = re.sub(r"^\s*第[一二三四五六七八九十百]+[章节].*$", "", body, flags=re.M)
        body = _TRAILING_HEADING.sub("", body)
        label = m.group().strip(" \t\n#>*　:：")
        out.append({"no": number, "sub": (parse(m.group("sub")) or 0) if m.group("sub") else 0,
                    "label": label, "text": re.sub(r"\s*\n\s*", "\n", body.strip())})
    return out


def guess_title(text: str, fallback: str) -> str:
    first = _TITLE.search(text[: text.find("第") if "第" in text else 200])
    return first.group("t").strip() if first else fallback


def save(directory: Path, title: str, articles: list[dict], source: str, **meta) -> Path:
    """Write one version of a statute; `meta`: issuer, number, published, effective, version (dates)."""
    version = meta.get("version")
    name = re.sub(r"[\\/:*?<>|\s]+", "", title) + (f"({version.isoformat()})" if version else "")
    target = directory / "statutes" / f"{name}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    fields = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in meta.items() if v}
    doc = {"title": title, **fields, "source": source, "imported": dt.date.today().isoformat(), "articles": articles}
    target.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    forget()
    return target


_ON_CHANGE: list = []  # what forgets something read from knowledge directories (registered by its module)


def on_change(clear):
    """Register `clear` to be called when a knowledge directory changed (decorator)."""
    _ON_CHANGE.append(clear)
    return clear


def forget() -> None:
    """Drop what was read from knowledge directories (after an import)."""
    for clear in _ON_CHANGE:
        clear()


def _day(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def version(doc, path: Path) -> dict | None:
    """A statute file's fields as read (None when it is not one): dates as `datetime.date`, `path` its file."""
    if not (isinstance(doc, dict) and doc.get("title") and isinstance(doc.get("articles"), list)):
        return None
    doc["path"] = str(path)
    for key in ("published", "effective", "version"):
        doc[key] = _day(doc.get(key))
    return doc


def newest_first(doc: dict) -> tuple:
    """Sort key of the versions of a statute: the newest first, undated ones last."""
    return (-(doc["version"] or dt.date.min).toordinal(),)


def articles(doc: dict) -> dict[tuple[int, int], str]:
    """{(number, 之N): text} of a version as read."""
    return {(int(a["no"]), int(a.get("sub") or 0)): str(a.get("text", "")) for a in doc["articles"]
            if isinstance(a, dict) and str(a.get("no", "")).isdigit()}


def source(doc: dict) -> str:
    """Where a version's texts come from, as messages say it: 「用户导入：file」."""
    return f"用户导入：{Path(doc['path']).name}"
