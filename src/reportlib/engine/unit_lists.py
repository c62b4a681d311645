"""The official lists of administrative units before and after 1 July 2025, and name matching.

The list after 1 July 2025 (34 provinces, 3,321 communes, wards and special zones) comes from
``vietnam-provinces`` and is cheap to load. The list before (63 provinces, districts, old
communes) comes from ``vietnamadminunits`` and loads only when a period or a name needs it.
Both are built once per process. ``reportlib.engine.units`` is the public face of this module.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from reportlib.engine import _vietnamadminunits as legacy_source
from reportlib.engine.text import clean_text, fold

Level = Literal["province", "commune", "ward", "special_zone", "district"]
LEVELS: frozenset[Level] = frozenset({"province", "commune", "ward", "special_zone", "district"})
PROVINCE: frozenset[Level] = frozenset({"province"})
COMMUNE_LEVEL: frozenset[Level] = frozenset({"commune", "ward", "special_zone"})


@dataclass(frozen=True)
class UnitInfo:
    """An administrative unit as the official list names it.

    Attributes
    ----------
    name
        The official full name: 'Xã Tháp Mười', 'Tỉnh Đồng Tháp', 'Huyện Tháp Mười'.
    short_name
        The name without its level word: 'Tháp Mười' (a number keeps it: 'Phường 1').
    code
        The official code: 2 digits for a province, 3 for a district, 5 for a commune.
    level
        province, commune, ward, special_zone or district.
    province
        The official name of its province ('Tỉnh Đồng Tháp'); a province's is its own.
    province_code
        The province's code; a legacy unit carries the legacy code (Đồng Tháp: 87, now 82).
    legacy
        True for a unit of the list before 1 July 2025: a district, an old commune or one of the
        63 provinces, with its old boundaries and code.
    division
        The level word of the name: 'Xã', 'Phường', 'Đặc khu', 'Tỉnh', 'Thành phố', 'Huyện',
        'Quận', 'Thị xã' or 'Thị trấn'.
    district
        The district a legacy commune belonged to, else None.
    """

    name: str
    short_name: str
    code: str
    level: Level
    province: str
    province_code: str
    legacy: bool
    division: str
    district: str | None = None


@dataclass(frozen=True)
class UnitList:
    """One official list, indexed by folded full name and short name."""

    units: tuple[UnitInfo, ...]
    by_key: Mapping[str, tuple[UnitInfo, ...]]
    legacy: bool


_LEVEL_OF_DIVISION: dict[str, Level] = {
    "xã": "commune",
    "phường": "ward",
    "đặc khu": "special_zone",
}
_ABBREVIATIONS = re.compile(r"^(?:(tp|tx|tt)\.?\s*|(x|p|h|q)\.\s*)")
_ABBREVIATED = {"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran", "x": "xa", "p": "phuong"}
_ABBREVIATED |= {"h": "huyen", "q": "quan"}


def key(text: str) -> str:
    """Fold a name for matching: no accents or case, one apostrophe and dash, 'TP.' spelt out."""
    folded = fold(text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-"))
    match = _ABBREVIATIONS.match(folded)
    if match:
        folded = _ABBREVIATED[match.group(1) or match.group(2)] + " " + folded[match.end() :]
    return folded


def _accented(text: str) -> str:
    return key(text) + "|" + " ".join(clean_text(text).casefold().split())


def short_name(name: str, division: str) -> str:
    """Drop the level word: 'Xã Tháp Mười' -> 'Tháp Mười'; 'Phường 1' stays whole."""
    word = division.casefold() + " "
    rest = name[len(word) :] if name.casefold().startswith(word) else name
    return name if rest.isdigit() else rest


def _unit(
    name: str,
    division: str,
    code: str,
    level: Level,
    province: UnitInfo | None,
    *,
    legacy: bool,
    district: str | None = None,
) -> UnitInfo:
    """Make a UnitInfo; a province passes None, being its own province."""
    own = (name, code) if province is None else (province.name, province.code)
    return UnitInfo(name, short_name(name, division), code, level, *own, legacy, division, district)


def _index(units: Iterable[UnitInfo], *, legacy: bool) -> UnitList:
    units = tuple(units)
    by_key: dict[str, list[UnitInfo]] = {}
    for unit in units:
        name_key = key(unit.name)
        by_key.setdefault(name_key, []).append(unit)
        short_key = key(unit.short_name)
        if short_key != name_key:  # 'Phường 1' is its own short name
            by_key.setdefault(short_key, []).append(unit)
    return UnitList(units, {k: tuple(v) for k, v in by_key.items()}, legacy)


def _collector_paused(build: Callable[[], UnitList]) -> Callable[[], UnitList]:
    """Build a list with the cyclic garbage collector paused.

    A list is tens of thousands of new objects and no cycles; the collector would walk them
    again and again while they are made (a third of the legacy list's time).
    """

    @functools.wraps(build)
    def paused() -> UnitList:
        if not gc.isenabled():
            return build()
        gc.disable()
        try:
            return build()
        finally:
            gc.enable()

    return paused


@functools.cache
@_collector_paused
def current() -> UnitList:
    """Return the units after 1 July 2025: provinces first, then the rest in official order."""
    from vietnam_provinces import Province, VietNamDivisionType, Ward

    units: list[UnitInfo] = []
    provinces: dict[int, UnitInfo] = {}
    for p in Province.iter_all():
        city = p.division_type is VietNamDivisionType.THANH_PHO_TRUNG_UONG
        division, name = ("Thành phố", p.name) if city else ("Tỉnh", f"Tỉnh {p.name}")
        code = f"{p.code.value:02d}"
        provinces[p.code.value] = _unit(name, division, code, "province", None, legacy=False)
        units.append(provinces[p.code.value])
    for w in Ward.iter_all():  # the package keeps the official list's order
        level = _LEVEL_OF_DIVISION[w.division_type.value]
        province = provinces[w.province_code.value]
        division = w.division_type.value.capitalize()
        units.append(_unit(w.name, division, f"{w.code.value:05d}", level, province, legacy=False))
    return _index(units, legacy=False)


@functools.cache
@_collector_paused
def legacy() -> UnitList:
    """Return the units before 1 July 2025: 63 provinces, their districts and communes."""
    units: dict[tuple[str, str], UnitInfo] = {}
    for row in legacy_source.legacy_communes():
        # A province or district is on every row of its communes: make its UnitInfo once.
        province = units.get(("province", row.province_code))
        if province is None:
            division = "Thành phố" if row.province.startswith("Thành phố ") else "Tỉnh"
            province = _unit(
                row.province, division, row.province_code, "province", None, legacy=True
            )
            units[("province", province.code)] = province
        if ("district", row.district_code) not in units:
            code, division = row.district_code, row.district_type
            units[("district", code)] = _unit(
                row.district, division, code, "district", province, legacy=True
            )
        if row.name and row.type and row.code:
            level: Level = "ward" if row.type == "Phường" else "commune"  # thị trấn: a commune
            units[("commune", row.code)] = _unit(
                row.name, row.type, row.code, level, province, legacy=True, district=row.district
            )
    return _index(units.values(), legacy=True)


def is_legacy_period(year: int, period_months: int) -> bool:
    """Tell whether a period ends by 30 June 2025, so its units are those before 1 July 2025."""
    return year < 2025 or (year == 2025 and period_months <= 6)


def same(a: str, b: str) -> bool:
    """Tell whether two names fold to the same key."""
    return key(a) == key(b)


def scope(units: UnitList, province: UnitInfo | None) -> frozenset[str] | None:
    """Return the codes of the provinces in `units` that cover `province` (None: everywhere).

    A current province covers the legacy provinces merged into it; a legacy province is covered
    by the current province it became part of.
    """
    if province is None:
        return None
    if units.legacy == province.legacy:
        return frozenset({province.code})
    provinces = [u for u in units.units if u.level == "province"]
    if units.legacy:
        merged = legacy_source.province_successor
        return frozenset(u.code for u in provinces if same(merged(u.name), province.name))
    successor = legacy_source.province_successor(province.name)
    return frozenset(u.code for u in provinces if same(u.name, successor))


def find(
    units: UnitList, name: str, where: frozenset[str] | None, levels: frozenset[Level]
) -> list[UnitInfo]:
    """Return the units of `units` that `name` fits, after the tie-breaks of resolve_unit.

    Parameters
    ----------
    units
        The list to search.
    name
        As written; a legacy commune may carry its district after a comma.
    where
        The province codes to search in, or None for the whole country.
    levels
        The levels wanted.
    """
    text, _, district = name.partition(",")
    found = [
        u
        for u in units.by_key.get(key(text), ())
        if u.level in levels
        and (where is None or u.province_code in where)
        and (not district.strip() or _in_district(u, district))
    ]
    exact = [u for u in found if _accented(text) in {_accented(u.name), _accented(u.short_name)}]
    found = exact or found  # 'Tân Thành' is not 'Tân Thạnh', though they fold alike
    if len(found) > 1 and key(text) not in {key(u.name) for u in found}:
        # A bare name means the district whose level word offices leave out: 'Cao Lãnh' is
        # Huyện Cao Lãnh, the city is written 'Thành phố Cao Lãnh'.
        found = [u for u in found if u.division == "Huyện"] or found
    return found


_DISTRICT_WORD = re.compile(r"^(?:huyen|quan|thi xa|thanh pho) ")


def _in_district(unit: UnitInfo, district: str) -> bool:
    if unit.district is None:
        return False
    full = key(unit.district)
    return key(district) in {full, _DISTRICT_WORD.sub("", full)}
