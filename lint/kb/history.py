"""A document's own history: the amendments after a cited version and whether a cited article changed since.

Three sources, each as far as it knows: the registry's versions (with the articles an amendment changed, where
recorded), the version dates of the article texts (the law database's current record and its 历史版本, a
maintainer's imported versions), and those texts themselves — the text in force on the cited day against the
text in force now tells whether an article changed, where both are held.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ..text.quotes import reduce
from .registry import Document, Event
from .texts import Statute

TEXT_NOTE = "据条文文本的版本日期"


class Verdict(NamedTuple):
    later: list[Event]  # the amendments after the cited version, oldest first
    changed: list[int]  # cited articles that changed since
    unchanged: list[int]  # cited articles known not to have changed
    unknown: list[int]  # cited articles nobody can tell about


def document(law: Statute) -> Document:
    """A stand-in registry entry for an imported text the registry lacks: its history is its versions."""
    return Document(id=f"text:{law.title}", title=law.title, source=law.source, confidence="high")


def amendments(doc: Document, law: Statute | None, day: dt.date, as_of: dt.date) -> list[Event]:
    """The amendments after `day` up to `as_of`: the registry's, and the version dates of the texts it lacks."""
    later = list(doc.amendments_after(day, as_of))
    dates = {e.date for e in later}
    for version in _versions(law):
        if version.version and day < version.version <= as_of and version.version not in dates:
            later.append(Event(version.version, note=TEXT_NOTE))
            dates.add(version.version)
    return sorted(later, key=lambda e: e.date)


def judge(doc: Document, law: Statute | None, day: dt.date, as_of: dt.date, cited: list[int]) -> Verdict:
    """Which cited articles changed after the version of `day`: from the registry's record of the articles each
    amendment changed, else from the texts in force then and now."""
    later = amendments(doc, law, day, as_of)
    changed, unchanged, unknown = [], [], []
    then = _in_force(law, day)
    for number in cited:
        if any(number in e.articles for e in later):
            changed.append(number)
        elif later and all(e.articles for e in later):
            unchanged.append(number)
        elif then is not None and law is not None and then is not law:
            old, new = then.articles.get((number, 0)), law.articles.get((number, 0))
            (changed if old is None or new is None or reduce(old) != reduce(new) else unchanged).append(number)
        else:
            unknown.append(number)
    return Verdict(later, changed, unchanged, unknown)


def _versions(law: Statute | None) -> list[Statute]:
    return [law, *law.older] if law is not None else []


def _in_force(law: Statute | None, day: dt.date) -> Statute | None:
    """The text version in force on `day` (the newest dated on or before it), None when no text is that old."""
    return next((v for v in _versions(law) if v.version and v.version <= day), None)
