"""Statute files a maintainer imports: LawRefBook/Laws Markdown, the official .docx of 国家法律法规数据库,
plain text — and what their own header says (title, issuing body, order number, dates).

LawRefBook/Laws layout: `# 标题`, then lines such as 「2021年1月15日 中华人民共和国国务院令第735号公布」,
「2021年5月1日 施行」, then `<!-- INFO END -->`, chapters `## 第一章`, articles 「第一条 ……」; the file name
carries the version date: 「工伤保险条例(2010-12-20).md」. The official .docx prints the title, then one
bracketed line 「（2003年4月27日中华人民共和国国务院令第375号公布　根据2010年12月20日《国务院关于修改〈工伤保险
条例〉的决定》修订）」, then the articles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..text.numerals import parse

SUFFIXES = (".md", ".markdown", ".txt", ".docx")
INFO_END = "<!-- INFO END -->"
_DIGIT = "0-9０-９〇零一二三四五六七八九"
DATE = re.compile(rf"(?P<y>[{_DIGIT}]{{4}})\s*年\s*(?P<m>[{_DIGIT}十]{{1,3}})\s*月\s*(?P<d>[{_DIGIT}十]{{1,3}})\s*日")
_FILE_DATE = re.compile(r"[(（](\d{4})-(\d{2})-(\d{2})[)）]\s*$")
_ORDER = re.compile(r"(?:中华人民共和国)?(?P<issuer>[一-龥]{2,20}?)令[（(]?第(?P<n>[0-9０-９〇零一二三四五六七八九十百千]+)号")
_ARTICLE_START = re.compile(r"^[#>*\s]*(?:\*\*)?第[〇零一二三四五六七八九十百千0-9０-９]+条", re.M)
_TITLE_SUFFIX = re.compile(r"[（(]\s*\d{4}\s*年?\s*(?:修订|修正|修改|版|本)?\s*[)）]$")
# 「经人力资源和社会保障部部务会议通过」, 「国务院常务会议」: the body is the ministry or the State Council
_MEETING = re.compile(r"^经|(?:[部局委署厅办]务|常务|全体|办公)会议$")
_SESSION = re.compile(r"第[〇零一二三四五六七八九十百千0-9]+(?:届|次)(?:常务)?(?:会议)?")
_KINDS = (("amended", ("修订", "修正", "修改")), ("published", ("公布", "发布", "颁布", "印发")),
          ("passed", ("通过",)), ("effective", ("施行",)))
_IN_FORCE = re.compile(rf"自\s*(?:(?P<date>{DATE.pattern})|(?P<publish>公布|发布|颁布)之日)\s*起\s*施行")


class SourceError(Exception):
    """A statute file that cannot be read (message in Chinese, names the file)."""


@dataclass
class Header:
    """What a statute file says about itself."""

    title: str = ""
    issuer: str = ""
    number: str = ""  # order number: 国务院令第735号
    passed: dt.date | None = None
    published: dt.date | None = None
    effective: dt.date | None = None
    amended: list[dt.date] = field(default_factory=list)
    version: dt.date | None = None  # the text's version date (file name, last amendment, else publication)


def to_date(match: re.Match) -> dt.date | None:
    """The date of a DATE match (Arabic or Chinese numerals: 二〇九九年一月一日), None if impossible."""
    year = "".join(str("〇一二三四五六七八九".find(c)) if c in "〇一二三四五六七八九" else c
                   for c in match.group("y").replace("零", "〇"))
    month, day = parse(match.group("m")), parse(match.group("d"))
    try:
        return dt.date(int(parse(year) or 0), month or 0, day or 0)
    except ValueError:
        return None


def read_text(path: Path) -> str:
    """The text of a statute file (.docx paragraphs, else UTF-8 or GB18030 text)."""
    if path.suffix.lower() == ".docx":
        import docx  # python-docx

        try:
            document = docx.Document(str(path))
        except Exception as exc:  # python-docx raises several types for a damaged or non-docx file
            raise SourceError(f"{path}：无法读取 .docx 文件（{type(exc).__name__}）；请确认文件完整") from None
        return "\n".join(p.text for p in document.paragraphs)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"{path}：既不是 UTF-8 也不是 GB18030 编码的文本；请另存为 UTF-8 后再导入")


def split(text: str) -> tuple[str, str]:
    """(header, body): the header ends at `<!-- INFO END -->`, else before the first article."""
    if INFO_END in text:
        head, _, body = text.partition(INFO_END)
        return head, body
    first = _ARTICLE_START.search(text)
    return (text[:first.start()], text[first.start():]) if first else (text, "")


def header(text: str, file_name: str = "", body: str = "") -> Header:
    """Title, issuing body, order number and dates from a statute's header (and its 施行 article)."""
    info = Header()
    lines = [line.strip().strip("#").strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("<!--")]
    if lines:
        info.title = _TITLE_SUFFIX.sub("", lines[0].strip("《》 　")).strip()
    rest = "\n".join(lines[1:])
    order = _latest_order(rest)
    if order:
        number = parse(order.group("n").translate(str.maketrans("０１２３４５６７８９", "0123456789")))
        issuer = re.split(r"日|中华人民共和国|\s", order.group("issuer"))[-1]
        info.number = f"{issuer}令第{number}号" if number and len(issuer) >= 2 else ""
        info.issuer = issuer if info.number else ""
    for clause in _clauses(rest):
        found = list(DATE.finditer(clause))
        for k, m in enumerate(found):
            day = to_date(m)
            tail = clause[m.end():found[k + 1].start() if k + 1 < len(found) else len(clause)]
            kind = next((k for k, words in _KINDS if any(w in tail for w in words)), "")
            if day is None or not kind:
                continue
            if kind == "amended":
                info.amended.append(day)
            elif getattr(info, kind) is None:
                setattr(info, kind, day)
            if kind == "passed" and not info.issuer:
                info.issuer = _MEETING.sub("", _SESSION.sub("", tail.split("通过")[0]).strip(" ，,"))
    if info.effective is None:
        info.effective = effective_from(body, info.published)
    named = _FILE_DATE.search(Path(file_name).stem) if file_name else None
    from_name = dt.date(*map(int, named.groups())) if named else None
    info.version = from_name or max(info.amended, default=None) or info.published or info.passed
    return info


def _clauses(header_text: str) -> list[str]:
    return re.split(r"[\n　；;]|根据", header_text)


def _latest_order(header_text: str) -> re.Match | None:
    """The order (令第N号) of the latest dated clause that names one: a header listing the 1997 and the 2012
    orders of a regulation belongs to its 2012 version."""
    dated = []
    for k, clause in enumerate(_clauses(header_text)):
        order = _ORDER.search(clause)
        if order:
            day = next((d for d in map(to_date, DATE.finditer(clause)) if d), None)
            dated.append((day or dt.date.min, -k, order))
    return max(dated, key=lambda x: x[:2])[2] if dated else None


def effective_from(text: str, published: dt.date | None) -> dt.date | None:
    """The date of the first 「本…自…起施行」 clause of a text (「自公布之日」 → `published`)."""
    m = _IN_FORCE.search(text)
    if not m:
        return None
    if m.group("publish"):
        return published
    return to_date(DATE.search(m.group("date")))


def files(paths: list[str]) -> list[Path]:
    """The statute files named or found (recursively, in name order) under the paths."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                              and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            out.append(path)
    return out
