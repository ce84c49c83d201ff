"""Departments abolished or renamed by the 2018 institutional reform, and powers it moved to another department
(rules/reform2018.yaml); names compared after the one department normaliser (lint/analysis/departments.py)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from .. import data
from .departments import department_kind, kind_matches


class Reform(NamedTuple):
    name: str
    decided: dt.date
    completed: dt.date


class Moved(NamedTuple):
    word: str
    to: str


def reform() -> Reform:
    """The reform's name and dates (YAML reads the dates as dates)."""
    entry = data.load("reform2018.yaml")["reform"]
    return Reform(entry["name"], entry["decided"], entry["completed"])


@functools.lru_cache(maxsize=1)
def _abolished() -> dict[str, str]:
    """The normalised name of every abolished department → its successor."""
    return {department_kind(name): entry["successor"]
            for entry in data.load("reform2018.yaml")["departments"] for name in entry["abolished"]}


@functools.lru_cache(maxsize=4096)  # a province's lists name the same few bodies on every item
def successor(name: str) -> str | None:
    """The successor of a department abolished by the reform (县卫计局 → 卫生健康委员会…), None for others."""
    kind = department_kind(name) if name.strip() else ""
    return next((by for old, by in _abolished().items() if kind and kind_matches(kind, old)), None)


def moved_power(department: str, item_name: str) -> Moved | None:
    """The word of an item name marking a power the reform moved away from `department` (人社局's 生育保险 …)."""
    for entry in _moved_from(department):
        word = next((w for w in entry["words"] if w in item_name), None)
        if word:
            return Moved(word, entry["to"])
    return None


@functools.lru_cache(maxsize=1024)
def _moved_from(department: str) -> tuple[dict, ...]:
    """The moved powers that left `department` (found once per department, not once per item)."""
    kind = department_kind(department)
    return tuple(entry for entry in data.load("reform2018.yaml")["moved_powers"]
                 if any(kind_matches(kind, department_kind(name)) for name in entry["from"]))
