"""The list's `meta`: title as printed, and the department, region and level inferred from it."""

from __future__ import annotations

import re
from collections import Counter

from .. import data
from ..divisions import find_places, level_of, region_of
from .layout import Parsed

_ORG = r"(?:局|委员会|委|厅|办公室|办|中心|院|署|所|站|队|会|部|政府)"
# `大姚县医疗保障局` in `2023年大姚县医疗保障局权力清单和责任清单`
_TITLE_DEPT = re.compile(rf"^(?:\d{{4}}年度?)?(?P<dept>.+?{_ORG})(?:本级)?(?:行政)?(?:权责|权力|责任|清单)")
_FULL_NAME = re.compile(rf"^\S+{_ORG}$")


def build_meta(parsed: Parsed, items: list[dict], file: str, kind: str) -> dict:
    """meta in the order of the format: title, department, region, level, source, published, extra."""
    department = department_of(parsed.title, [item.get("body") for item in items])
    region = region_of(department or parsed.title)
    meta = {
        "title": parsed.title,
        "department": department,
        "region": region,
        "level": level_of(region),
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
    match = _TITLE_DEPT.match(title or "")
    if match:
        return expand(match.group("dept"))
    named = Counter(body for body in bodies if body and _FULL_NAME.match(body) and find_places(body))
    return named.most_common(1)[0][0] if named else None


def expand(department: str) -> str:
    """`天水市医保局` → `天水市医疗保障局`, by `rules/departments.yaml`."""
    abbreviations = data.load("departments.yaml")["abbreviations"]
    for short in sorted(abbreviations, key=len, reverse=True):
        full = abbreviations[short]
        if department.endswith(short) and not department.endswith(full):
            return department[: -len(short)] + full
    return department
