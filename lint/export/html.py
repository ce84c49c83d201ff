"""A list as one self-contained HTML page for publication; every cell escaped, lines kept."""

from __future__ import annotations

from html import escape

from ..model import PowerList
from . import table, title

CSS = """
body { margin: 24px; color: #1d2733; font: 13px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; }
h1 { text-align: center; font-size: 22px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #8a96a3; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #e8eef4; white-space: nowrap; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } thead { display: table-header-group; }
  tr { page-break-inside: avoid; break-inside: avoid; } }
"""


def _cell(text: str) -> str:
    return "<br>".join(escape(line, quote=True) for line in text.split("\n"))


def render(plist: PowerList) -> str:
    headers, rows = table(plist)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    name = escape(title(plist))
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{name}</title>'
            f"<style>{CSS}</style></head><body><h1>{name}</h1>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n")
