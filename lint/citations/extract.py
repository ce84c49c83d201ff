"""Clean → tokenize → extract, as eyecite does it: citations with spans into the original text.

Cleaning keeps every offset (HTML tags and odd spaces become spaces of the same length), so a
span found in the cleaned text is a span of the value as written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from ..text import docnum
from ..text.numerals import NUMERAL, parse

# a title may hold one inner title in angle brackets: 《陕西省实施《工伤保险条例》办法》 (〈〉 ‹› <> need no nesting)
_TITLE = re.compile(r"《((?:[^《》\n]|《[^《》\n]{1,60}》){1,120})》")
# a trailing parenthetical inside the 书名号 that qualifies the title rather than naming the document:
# an order or document number, a year or a date of a version, 试行/暂行/修订/修正/草案
_QUALIFIER = re.compile(r"[（(]([^（）()]{1,30})[)）]$")
_QUALIFIER_WORDS = re.compile(
    r"(?:\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:修正|修订|修改|通过|公布|发布|施行|版|本)?(?:版|本|文本)?"
    r"|试行|暂行|修订|修正|修正案|修订版|草案|[\u4e00-\u9fff]{0,12}令第?[\d〇零一二三四五六七八九十百千]+号)$")
DOC_SUFFIX = re.compile(
    r"(法|条例|办法|规定|决定|意见|通知|细则|规则|制度|纲要|规划|方案|规程|解释|准则|批复)"
    r"(?:[（(][^（）()]{1,20}[)）])?$")
_ARTICLE = re.compile(  # 第 first (not inside the optional chapter) so that re searches for it quickly
    rf"第(?:(?P<chap>{NUMERAL})章[\u4e00-\u9fff]{{0,12}}\s?第)?"
    rf"(?P<n>{NUMERAL})(?P<list>(?:、第?{NUMERAL})*)条(?:之(?P<sub>{NUMERAL}))?"
    rf"(?:(?:至|到|-|—|～|~)第(?P<to>{NUMERAL})条)?"
    rf"(?:第(?P<para>{NUMERAL})款)?(?:第[（(]?(?P<item>{NUMERAL})[)）]?项)?")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a version named by its year only: 劳动法(2009年修正), 社会保险法(2010年本), （2018年修正）
_YEAR_VERSION = re.compile(r"(?<![\d年])(\d{4})\s*年\s*(修正|修订|修改|本|版)")
_DATE_KIND = re.compile(r"通过|公布|发布|施行|实施|执行|修正|修订|修改")
_SEPARATOR = "：:“\"「 \u3000"
_STARTERS = "》）)。；;，,”\"」：: \u3000\t\n"
_NOT_AFTER = "的规之款项及和与、至或中"
# an unquoted quote ends at a closing quote mark, a line or cell break, a removed tag (2+ spaces)
# or the next numbered entry / title (“。 2.《”, “。 国务院规范性文件：《”)
# or a sentence that starts a new statement (“。根据1978年……的规定”, “。按照……”): without quotation marks
# the quote is what aligns with the article, and such a sentence is the list's own words
_QUOTE_END = re.compile(r"[”」\n\t]| {2,}|(?<=[。；;])\s*(?:\d{1,2}\s*[、.．]\s*)?"
                        r"(?:(?:[\u4e00-\u9fff]{2,12}：)?《|根据|按照|依照|依据|参照)")
# an enumerator opening the next entry of a numbered list: “……2、第二十五条……” continues the same document
_ENUM = r"(?:\d{1,2}\s*[、.．]|[（(]\d{1,2}[)）])"
_ENUM_BEFORE = re.compile(rf"(?:^|[。；;：:，,”」\s]){_ENUM}\s*$")
_ENUM_AFTER = re.compile(rf"\s*{_ENUM}\s*$")
_ENUM_VALUE = re.compile(r"(?:(\d{1,2})\s*[、.．]|[（(](\d{1,2})[)）])\s*$")


def _enumerator(text: str, at: int) -> int | None:
    """The N of an enumerator “N、” or “（N）” ending just before `at`, if any."""
    m = _ENUM_VALUE.search(text, max(0, at - 6), at)
    return int(m.group(1) or m.group(2)) if m else None
# HTML tags start with a letter, / or !: <工伤保险条例> inside a title is text, not a tag
_TAG = re.compile(r"</?[A-Za-z!][^<>\n]{0,200}>|&nbsp;|\u00a0|\u3000")
_SPACES = re.compile(r"\s+")
_UNCLOSED_END = re.compile(r"[：:“\"\n]")
_CLOSE_QUOTE = re.compile(r"[”\"」]")
_NEXT_PAREN = re.compile(r"\s*(?:的(?:通知|决定|意见|批复))?[”\"]?\s*(?=[（(])")
_NUMERALS = re.compile(NUMERAL)


@dataclass
class Article:
    """One article reference (第N条 …) and the text quoted after it."""

    number: int
    label: str
    start: int
    end: int
    sub: int = 0  # 第N条之一 → 1
    chapter: int | None = None
    paragraph: int | None = None
    item: int | None = None
    numbers: tuple[int, ...] = ()  # every article of a list or range (第六十六、第六十七条 / 第三条至第五条)
    quote: str = ""
    quote_start: int = -1
    enumerator: int | None = None  # the N of “N、第…条” opening an entry of a numbered list

    @property
    def single(self) -> bool:
        return len(self.numbers) <= 1


@dataclass
class Version:
    """A version qualifier （2011年7月1日施行,2018年12月29日修正）: its text and dated events."""

    text: str
    start: int
    dates: list[tuple[dt.date, str]] = field(default_factory=list)
    years_only: frozenset[dt.date] = frozenset()  # dates standing for a year-only note (2009年修正 → 2009-12-31)

    @property
    def latest(self) -> dt.date | None:
        return max((d for d, _ in self.dates), default=None)

    @property
    def latest_text(self) -> str:
        """The latest date as written: 2010年10月28日, or 2010年 for a year-only note."""
        day = self.latest
        if day is None:
            return ""
        return f"{day.year}年" if day in self.years_only else f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Citation:
    """A cited document in a text: its title as written, numbers, version and articles."""

    title: str
    start: int  # of the title (without 《)
    end: int
    bracketed: bool = True  # written in 《》
    qualifier: str = ""  # a trailing （…） inside the 书名号 that qualifies the title: （国家医疗保障局令第2号）, (2020年)
    numbers: list[docnum.DocNumber] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The title without spaces, for registry look-up."""
        return _SPACES.sub("", self.title)

    @property
    def bare(self) -> str:
        """The title without its qualifier (the title itself when it has none)."""
        return self.title[:len(self.title) - len(self.qualifier)] if self.qualifier else self.title

    @property
    def version(self) -> Version | None:
        dated = [v for v in self.versions if v.dates]
        return dated[-1] if dated else None


def clean(text: str) -> str:
    """Blank out HTML tags, entities and odd spaces without moving any character."""
    return _TAG.sub(lambda m: " " * len(m.group()), text)


def _parenthetical_end(text: str, pos: int) -> int:
    """End of the bracketed group opening at `pos` (nesting-aware); an unclosed group ends at a
    colon, a quote mark or 80 characters, whichever comes first."""
    depth = 0
    for i in range(pos, min(len(text), pos + 300)):
        ch = text[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
            if depth == 0:
                return i + 1
    stop = _UNCLOSED_END.search(text, pos, pos + 80)
    return stop.start() if stop else pos + min(80, len(text) - pos)


def _versions(text: str, start: int, end: int) -> Version:
    part = text[start:end]
    dates = []
    for m in _DATE.finditer(part):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        after = _DATE_KIND.search(part, m.end(), min(len(part), m.end() + 40))
        dates.append((day, after.group() if after else ""))
    years = []
    if not dates:  # a year-only note stands for the version of that year: after its last day, before the next
        for m in _YEAR_VERSION.finditer(part):
            years.append((dt.date(int(m.group(1)), 12, 31), m.group(2)))
    return Version(part, start, dates + years, frozenset(d for d, _ in years))


def _qualifier(title: str) -> str:
    """The trailing （…） of a title that qualifies it (order number, year, 试行 …), or ""."""
    m = _QUALIFIER.search(title)
    if not m:
        return ""
    inner = m.group(1).strip()
    numbers = docnum.find(inner)
    whole_number = len(numbers) == 1 and numbers[0].written == inner  # （国发〔2016〕3号）
    return m.group() if whole_number or _QUALIFIER_WORDS.fullmatch(inner) else ""


@functools.lru_cache(maxsize=8)
def _names_index(names: tuple[str, ...]) -> tuple[frozenset[str], tuple[int, ...], frozenset[str]]:
    """The names as a set, their lengths (longest first) and last characters, built once per name set."""
    return (frozenset(names), tuple(sorted({len(name) for name in names}, reverse=True)),
            frozenset(name[-1] for name in names))


@functools.lru_cache(maxsize=1)
def _lead_ins() -> tuple[str, ...]:
    from .. import data

    return tuple(data.load("bare_citations.yaml")["lead_ins"])


_BARE_ANCHOR = re.compile(r"\s*(?:第|[（(])")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」")


def _bare_titles(text: str, names: tuple[str, ...], taken: list[tuple[int, int]]) -> list[tuple[int, int, str, bool]]:
    """Known names written without 《》 and directly followed by an article (第N条) or a parenthetical: the
    longest name ending there, when what precedes it is no Han character or a lead-in word (依据, 违反 …,
    rules/bare_citations.yaml) — a name inside a longer word (失业保险法's 保险法) or a quotation is none. Looked up from each
    第 or bracket backwards (a set look-up per name length), not by an alternation of hundreds of names."""
    known, lengths, last = _names_index(names)
    found = []
    for m in _BARE_ANCHOR.finditer(text):
        end = m.start()
        if not end or text[end - 1] not in last:
            continue
        for length in lengths:
            start = end - length
            if start < 0 or text[start:end] not in known:
                continue
            if start == 0 or not _HAN.match(text[start - 1]) or text.endswith(_lead_ins(), 0, start):
                found.append((start, end, text[start:end], False))
            break
    if found and ("“" in text or "「" in text):
        # a name inside a quotation (“……按照社会保险法第八十六条的规定……”) is the quoted article's wording
        taken = taken + [m.span() for m in _QUOTED.finditer(text)]
    return [title for title in found if not any(s <= title[0] < e for s, e in taken)]


def _titles(text: str, names: tuple[str, ...]) -> list[tuple[int, int, str, bool]]:
    """(start, end, title, bracketed) of document titles: 《…》 with a document suffix, and known names
    written without 《》 (`_bare_titles`)."""
    found = [(m.start(1), m.end(1), m.group(1), True) for m in _TITLE.finditer(text)
             if DOC_SUFFIX.search(_SPACES.sub("", m.group(1)))]
    taken = [(s - 1, e + 1) for s, e, _, _ in found]
    if names:
        found.extend(_bare_titles(text, names, taken))
    return sorted(found)


def _article(m: re.Match) -> Article | None:
    n = parse(m.group("n"))
    if n is None:
        return None
    numbers = [n]
    for part in _NUMERALS.findall(m.group("list") or ""):
        value = parse(part)
        if value is not None:
            numbers.append(value)
    to = parse(m.group("to")) if m.group("to") else None
    if to is not None and n < to <= n + 200:
        numbers = list(range(n, to + 1))
    opt = lambda g: parse(m.group(g)) if m.group(g) else None  # noqa: E731
    return Article(n, m.group(), m.start(), m.end(), opt("sub") or 0, opt("chap"), opt("para"), opt("item"),
                   tuple(numbers))


def _starts_segment(text: str, m: re.Match) -> bool:
    """Whether an article reference labels what follows (rather than being referred to inside a quote)."""
    before = text[m.start() - 1] if m.start() else "\n"
    after = text[m.end()] if m.end() < len(text) else "\n"
    if after in _NOT_AFTER:
        return False
    return before in _STARTERS or bool(_ENUM_BEFORE.search(text, max(0, m.start() - 8), m.start()))


def _quote(text: str, start: int, limit: int) -> tuple[str, int]:
    """The quoted text after an article label: after a colon/quote/space, up to the closing ” or `limit`."""
    i = start
    while i < limit and text[i] in " \u3000":
        i += 1
    if i < limit and text[i] in "：:":
        i += 1
        while i < limit and text[i] in " \u3000":
            i += 1
    elif i == start and (i >= limit or not ("\u4e00" <= text[i] <= "\u9fff")):
        return "", -1
    if i < limit and text[i] in "“\"「":
        i += 1
        close = _CLOSE_QUOTE.search(text, i, limit)
        end = close.start() if close else limit
    else:
        close = _QUOTE_END.search(text, i, limit)
        end = close.start() if close else limit
    quote = _ENUM_AFTER.sub("", text[i:end]).rstrip(" ；;，,、\u3000")
    return quote, i


def extract(text: str, names: tuple[str, ...] = ()) -> list[Citation]:
    """Every cited document of `text` with its numbers, version qualifiers, articles and quotes.

    `names` are well-known short names recognised without 《》 (e.g. 社会保险法). Memoised per text: every
    county quotes the same articles (the citations are shared, and never changed after extraction)."""
    return list(_extract_once(text, names))


@functools.lru_cache(maxsize=1 << 13)
def _extract_once(text: str, names: tuple[str, ...]) -> tuple[Citation, ...]:
    return tuple(_extract(text, names))


def _extract(text: str, names: tuple[str, ...]) -> list[Citation]:
    if "《" not in text and not (names and _BARE_ANCHOR.search(text) and _bare_titles(text, names, [])):
        return []  # no title: cleaning only blanks characters, it cannot make one
    text = clean(text)
    citations: list[Citation] = []
    titles = _titles(text, names)
    inner: list[tuple[int, int]] = []  # parentheticals belonging to a citation
    for index, (start, end, title, bracketed) in enumerate(titles):
        if any(s <= start < e for s, e in inner):
            continue
        cit = Citation(title, start, end, bracketed, _qualifier(title) if bracketed else "")
        if cit.qualifier:  # 《…暂行办法（国家医疗保障局令第2号）》: the number and version inside the 书名号
            q_start = end - len(cit.qualifier)
            cit.numbers.extend(docnum.find(text, q_start, end))
            cit.versions.append(_versions(text, q_start, end))
        pos = end + (1 if bracketed else 0)
        while True:  # parentheticals, possibly after 的通知/的决定 and a closing quote mark
            m = _NEXT_PAREN.match(text, pos)
            if not m:
                break
            open_at = m.end()
            close_at = _parenthetical_end(text, open_at)
            cit.numbers.extend(docnum.find(text, open_at, close_at))
            cit.versions.append(_versions(text, open_at, close_at))
            inner.append((open_at, close_at))
            pos = close_at
        citations.append(cit)
    # articles, numbers and quotes outside the parentheticals belong to the citation before them
    bounds = [c.start for c in citations] + [len(text)]
    kept: list[Citation] = []
    j = 0
    while j < len(citations):
        cit = citations[j]
        region_start = max([e for s, e in inner if cit.start <= s < bounds[j + 1]] + [cit.end])
        after = _quoting_end(text, citations, bounds, j, region_start)  # titles named inside its quote are text
        nxt = bounds[after]
        kept.append(cit)
        j = after
        segment = [m for m in _ARTICLE.finditer(text, region_start, nxt)]
        # a bare title's own 第N条 (劳动法第89条) labels its text like one after 》
        labels = [m for m in segment if _starts_segment(text, m) or (not cit.bracketed and m.start() == cit.end)]
        quoted: list[tuple[int, int]] = []
        for k, m in enumerate(labels):
            art = _article(m)
            if art is None:
                continue
            limit = labels[k + 1].start() if k + 1 < len(labels) else nxt
            if art.single:
                art.quote, art.quote_start = _quote(text, m.end(), limit)
                quoted.append((art.quote_start, art.quote_start + len(art.quote)))
            art.enumerator = _enumerator(text, m.start())
            cit.articles.append(art)
        for m in segment:  # references outside any quote that do not label text (第四条、第五条)
            if m not in labels and not any(s <= m.start() < e for s, e in quoted) and (art := _article(m)):
                cit.articles.append(art)
        cit.articles.sort(key=lambda a: a.start)
        if not cit.numbers:
            gap_end = labels[0].start() if labels else min(nxt, region_start + 30)
            cit.numbers.extend(n for n in docnum.find(text, region_start, gap_end) if n.start < region_start + 30)
    _continue_lists(text, kept)
    return kept


def _quoting_end(text: str, citations: list[Citation], bounds: list[int], j: int, region_start: int) -> int:
    """The index of the citation that ends citation j's region: the next one, unless its title is named inside
    the quote of j's last article label (「第一条：为了实施《职工带薪年休假条例》……」 is the article's own text,
    not a citation of the list): then the quote is read through it, and so on. A title that starts the quote,
    or that labels an article itself (「，《Y》第五条：」), still starts a citation."""
    after = j + 1
    while after < len(citations):
        labels = [m for m in _ARTICLE.finditer(text, region_start, bounds[after]) if _starts_segment(text, m)]
        art = _article(labels[-1]) if labels else None
        if art is None or not art.single:
            break
        named = citations[after]
        opening = named.start - (1 if named.bracketed else 0)
        closing = named.end + (1 if named.bracketed else 0)
        quote, start = _quote(text, labels[-1].end(), bounds[after + 1])
        label = _ARTICLE.match(text, closing)
        if start < 0 or opening <= start or start + len(quote) < closing or (label and _starts_segment(text, label)):
            break
        after += 1
    return after


def _continue_lists(text: str, citations: list[Citation]) -> None:
    """「1、《X》第三条：……《Y》……2、第四条：……」: an entry “N、第…条” without a title continues the document of
    entry N−1, not a title named inside the previous quote; move such articles to that citation."""
    title_enum = [_enumerator(text, c.start - (1 if c.bracketed else 0)) for c in citations]
    for j, cit in enumerate(citations):
        for art in [a for a in cit.articles if a.enumerator and a.enumerator >= 2]:
            for i in range(j, -1, -1):
                owner = citations[i]
                if title_enum[i] == art.enumerator - 1 or any(a.enumerator == art.enumerator - 1
                                                              for a in owner.articles if a is not art):
                    if i != j:
                        cit.articles.remove(art)
                        owner.articles.append(art)
                    break

