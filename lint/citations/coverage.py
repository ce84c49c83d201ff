"""Knowledge coverage: every document the lists cite, and whether the tool can check those citations —
registered, status known, article texts available (law DB, imported, none) — most urgent first.

Citations and their documents come from the one resolver (lint.citations.resolve.citations); it lives with the
citations so that the knowledge base (lint.kb) never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from ..kb import lawdb, wording
from ..kb.directory import fits, index
from ..kb.store import default_dir
from ..kb.keys import title_key
from ..kb.texts import statute
from .perlist import ListCitations


@dataclass
class Row:
    title: str
    number: str
    citations: int = 0  # citations of the document
    articles: int = 0  # of which naming an article (checkable against the text)
    registered: bool = False  # in the shipped registry or the repository's documents file
    status: str = ""  # what is known of its status, "" when unknown
    texts: str = ""  # 法律数据库 / 已导入（版本） / "" (none)
    near: str = ""  # without texts: the imported statute(s) the title nearly matches, and why none was used

    @property
    def unchecked(self) -> int:
        """Citations of articles nobody can compare with the text."""
        return 0 if self.texts else self.articles

    @property
    def stale(self) -> bool:
        return self.status in STALE

    def advice(self) -> str:
        if self.stale:
            return "改引现行有效的文件（见 DOC 规则的提示）"
        if self.unchecked:
            return self.near or "导入条文：powerlint kb import 法规文件或文件夹"
        if not self.status:
            return "核实效力并登记到本仓库的文件登记表（配置项 documents）"
        return ""


STALE = ("已废止", "已被取代", "已到期")


def coverage(lists: list[ListCitations], knowledge_dir: Path | None, as_of) -> list[Row]:
    """One row per document the lists cite (lint.citations.perlist.list_citations of each), sorted so the
    maintainer sees what to import first: documents still in force (or of unknown status) with the most
    unchecked article citations, then unknown status, then the rest by number of citations; repealed, superseded
    and expired ones last (cite their successor instead)."""
    rows: dict[str, Row] = {}
    for cited in lists:
        for key, use in cited.cited.items():
            row = rows.get(key)
            if row is None:
                doc = cited.document(use.doc) if use.doc is not None else None
                row = rows[key] = _row(doc, use.title, knowledge_dir, as_of)
            row.citations += use.citations
            row.articles += use.articles
    return sorted(rows.values(), key=lambda r: (r.stale, -r.unchecked, bool(r.status), -r.citations, r.title))


def _row(doc, written: str, knowledge_dir: Path | None, as_of) -> Row:
    title = doc.title if doc is not None else written
    law = statute(title, knowledge_dir)
    texts = near = ""
    if law is not None:
        version = f"，{law.version.isoformat()} 版本" if law.version else ""
        used = f"（按《{law.title}》）" if title_key(law.title) != title_key(title) else ""
        texts = "法律数据库" if law.source == lawdb.SOURCE else f"已导入{version}{used}"
    else:
        near = _near(title, knowledge_dir)
    registered = doc is not None and not doc.id.startswith(("lawdb:", "repealed:"))
    status = ""
    if doc is not None and wording.verified(doc):
        status = wording.STATUS[doc.status(as_of)]
    return Row(title, doc.number if doc is not None else "", registered=registered, status=status, texts=texts,
               near=near)


NEAR = 85  # rapidfuzz ratio (0–100) of title keys from which an imported title is named as nearly matching


def _near(title: str, knowledge_dir: Path | None) -> str:
    """Why no imported text was used for a title that nearly matches one: several fit, or it is only similar."""
    folder = knowledge_dir or default_dir()
    titles = index(folder)["titles"]
    fitting = [titles[key] for key in fits(title, folder)]
    if len(fitting) > 1:
        return (f"导入的{''.join(f'《{t}》' for t in fitting)}都与此标题相符，无法确定是哪一部，未核对；"
                "请在清单中写全标题")
    best = process.extractOne(title_key(title), list(titles), scorer=fuzz.ratio, score_cutoff=NEAR) if titles else None
    if best is None:
        return ""
    return (f"导入的《{titles[best[0]]}》与此标题相近（相似度 {best[1] / 100:.2f}），但不是常见的简写形式，未用于核对；"
            "如确为同一法规，请在清单中写全标题，或在本仓库的文件登记表中登记别名")
