"""The list's `meta`: title as printed, and the department, region and level inferred from it."""

from __future__ import annotations

import re
from collections import Counter

from ..analysis.divisions import find_places, level_of, region_of
from ..analysis.titles import ORG, read_title, split_title
from .layout import Parsed

_FULL_NAME = re.compile(rf"^\S+{ORG}$")
_UNIT = re.compile(rf"^\s*(?:填报)?单位\s*[：:]\s*(?P<name>\S+?{ORG})\s*$")  # 「单位：X县医疗保障局」 under the title


def build_meta(parsed: Parsed, items: list[dict], file: str, kind: str) -> dict:
    """meta in the order of the format: title, department, region, level, kind, source, published, extra."""
    title = read_title(parsed.title)
    department = department_of(parsed.title, [item.get("body") for item in items]) or _unit_line(parsed.texts)
    region = region_of(department) if department else title.region
    meta = {
        "title": parsed.title,
        "department": department,
        "region": region,
        "level": level_of(region) or title.level,
        "kind": title.kind or next((k for k in (split_title(t)[0] for t in parsed.texts) if k), None),  # a sub-title
        "source": {"file": file, "layout": f"{kind}-{parsed.layout}"},
        "published": None,
    }
    extra = {}
    for key, value in parsed.preface:
        name, n = key, 2
        while name in extra:
            name, n = f"{key}（{n}）", n + 1
        extra[name] = value or None
    if parsed.texts:
        extra["表外文字"] = "\n".join(parsed.texts)
    if extra:
        meta["extra"] = extra
    return meta


def department_of(title: str | None, bodies: list[str | None]) -> str | None:
    """The department's full name: from the title (abbreviations expanded), else the exercising
    body when the list names one body in full (大姚县医疗保障局); None when unknown."""
    named = read_title(title).department
    if named:
        return named
    named = Counter(body for body in bodies if body and _FULL_NAME.match(body) and find_places(body))
    return named.most_common(1)[0][0] if named else None



def _unit_line(texts: list[str]) -> str | None:
    """The department a 「单位：…」 line under the title names, in full (with its place), or None."""
    for text in texts:
        m = _UNIT.match(text)
        if m and find_places(m.group("name")):
            return m.group("name")
    return None
