"""The user knowledge directory: statutes a maintainer imports (`powerlint kb import FILE`).

Each statute is one YAML file `statutes/<title>.yaml` {title, source, imported, articles: [{no, sub,
label, text}]}, written from a plain-text or Markdown statute whose articles start with 第N条.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import sys
from pathlib import Path

import yaml

from ..citations.numerals import NUMERAL, parse

_HEADING = re.compile(rf"^[#>*\s]*(?:\*\*)?第(?P<n>{NUMERAL})条(?:之(?P<sub>{NUMERAL}))?(?:\*\*)?[\s　:：]*", re.M)
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
    out = []
    for k, m in enumerate(heads):
        number = parse(m.group("n"))
        if number is None:
            continue
        body = text[m.end():heads[k + 1].start() if k + 1 < len(heads) else len(text)]
        body = re.sub(r"^\s*#.*$", "", body, flags=re.M)  # chapter headings between articles
        body = re.sub(r"^\s*第[一二三四五六七八九十百]+[章节].*$", "", body, flags=re.M)
        label = m.group().strip(" \t\n#>*　:：")
        out.append({"no": number, "sub": (parse(m.group("sub")) or 0) if m.group("sub") else 0,
                    "label": label, "text": re.sub(r"\s*\n\s*", "\n", body.strip())})
    return out


def guess_title(text: str, fallback: str) -> str:
    first = _TITLE.search(text[: text.find("第") if "第" in text else 200])
    return first.group("t").strip() if first else fallback


def save(directory: Path, title: str, articles: list[dict], source: str) -> Path:
    target = directory / "statutes" / (re.sub(r"[\\/:*?<>|\s]+", "", title) + ".yaml")
    target.parent.mkdir(parents=True, exist_ok=True)
    doc = {"title": title, "source": source, "imported": dt.date.today().isoformat(), "articles": articles}
    target.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def load_all(directory: Path | None) -> dict[str, dict]:
    """{title: statute} of every imported statute in `directory` (unreadable files are skipped)."""
    if directory is None or not (directory / "statutes").is_dir():
        return {}
    out = {}
    for path in sorted((directory / "statutes").glob("*.yaml")):
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(doc, dict) and doc.get("title") and isinstance(doc.get("articles"), list):
            doc["path"] = str(path)
            out[doc["title"]] = doc
    return out
