"""HTML fragments in published cells (`<p>`, `<ol>`, `<b>`) → plain text, with the stdlib parser.

Blocks become lines, `<ol>` items get their numbers unless they already carry one, entities
are unescaped, and the whitespace of HTML layout collapses; the characters of the text stay.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_TAG = re.compile(
    r"</?(?:p|ol|ul|li|br|b|strong|em|i|u|div|span|font|table|tr|td|th|h[1-6]|sup|sub|a)\b[^<>]*>",
    re.I,
)
_BLOCKS = {"p", "div", "br", "li", "ol", "ul", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "section", "article", "header", "footer"}
_SKIP = {"script", "style"}
_LAYOUT_SPACE = re.compile(r"[ \t\n\r\f]+")
_OWN_NUMBER = re.compile(r"(?:\d+|[一二三四五六七八九十]+)[ \t]*[.．、]|[(（](?:\d+|[一二三四五六七八九十]+)[)）]")
_EDGE = " \t\n\r\f"


def is_html(text: str) -> bool:
    """Whether a cell holds HTML markup (and not just a stray `<`)."""
    return "<" in text and _TAG.search(text) is not None


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment: one line per block, `<ol>` items numbered once."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return parser.text()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.lists: list[list] = []  # per open list: [ordered, next number]
        self.pending: str | None = None  # an <ol> item's number waiting for its first text
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skipping += 1
        if tag in _BLOCKS:
            self.breakline()
        if tag in ("ol", "ul"):
            start = dict(attrs).get("start") or "1"
            self.lists.append([tag == "ol", int(start) if start.isdigit() else 1])
        elif tag == "li" and self.lists and self.lists[-1][0]:
            self.pending = f"{self.lists[-1][1]}. "
            self.lists[-1][1] += 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        if tag in _BLOCKS:
            self.breakline()
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        if tag == "li":
            self.pending = None

    def handle_startendtag(self, tag, attrs):  # <br/>, <p/>: a break, nothing opened
        if tag in _BLOCKS:
            self.breakline()

    def handle_data(self, data):
        if self.skipping:
            return
        data = _LAYOUT_SPACE.sub(" ", data)
        if self.pending is not None and data.strip(_EDGE):
            if not _OWN_NUMBER.match(data.lstrip(_EDGE)):
                self.current.append(self.pending)
            self.pending = None
        self.current.append(data)

    def breakline(self):
        line = _LAYOUT_SPACE.sub(" ", "".join(self.current)).strip(_EDGE)
        if line:
            self.lines.append(line)
        self.current = []

    def text(self) -> str:
        self.breakline()
        return "\n".join(self.lines)
