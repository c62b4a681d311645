"""Resolve unit and province names against the official lists before and after 1 July 2025.

Since 1 July 2025 Vietnam has 34 provinces and 3,321 commune-level units (xã, phường, đặc khu);
districts are gone. A period that ends by 30 June 2025 is reported on the units of its time (63
provinces, districts, old communes), and the units after 1 July 2025 are accepted for it too
(reconstructed history). A legacy unit named for a later period is an error that says what
became of it (SPEC §8). Lookups are cached per process; the lists are in ``unit_lists``.
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from reportlib.engine import _vietnamadminunits as legacy_source
from reportlib.engine.handoff import handoff_folder
from reportlib.engine.unit_lists import (
    COMMUNE_LEVEL,
    LEVELS,
    PROVINCE,
    Level,
    UnitInfo,
    UnitList,
    current,
    find,
    is_legacy_period,
    key,
    legacy,
    same,
    scope,
)
from reportlib.errors import ParamsError

__all__ = [
    "Level",
    "LevelWords",
    "UnitInfo",
    "export_resolved",
    "level_words",
    "provinces",
    "resolve_province",
    "resolve_unit",
    "units_of_province",
]

Language = Literal["vi", "en"]

# Every message, in one place so that it can be translated.
MSG_PERIOD = "period_months {months!r}: expected a number of months from 1 to 12"
MSG_UNKNOWN = "{what} {name!r}{scope}: not an official {expected}{hint}"
MSG_DID_YOU_MEAN = "; did you mean {names}?"
MSG_HOW_TO_WRITE = (
    "; expected its name with or without the level word ('Xã Tháp Mười' or 'Tháp Mười')"
)
MSG_AMBIGUOUS = "{what} {name!r}{scope} fits {count} units: {names}; {advice}"
MSG_GONE = (
    "{what} {name!r} ({year}, {months} months): {story}. "
    "A period after 30 June 2025 needs a unit after 1 July 2025"
)
ADVICE_LEVEL_WORD = "write its level word"
ADVICE_PROVINCE = "give its province"
ADVICE_ACCENTS = "write it with its accents, as officially spelt"
ADVICE_DISTRICT = "write its district too, e.g. {example!r}"
STORY_DISTRICT = "{unit} was dissolved on 1 July 2025; its area is now {successors}"
STORY_MERGED = "{unit} was merged on 1 July 2025 into {successors}"
STORY_RENAMED = "{unit} became {successors} on 1 July 2025"
STORY_DIVIDED = "{unit} was divided on 1 July 2025 among {successors}"
STORY_GONE = "{unit} no longer exists after 1 July 2025"
IN_PROVINCE = " in {province}"
EXPECTED_PROVINCE = "province or centrally-run city"
EXPECTED_UNIT = "province, commune, ward or special zone"
EXPECTED_UNIT_BEFORE = "province, district, commune, ward or special zone"  # up to 30 June 2025


@dataclass(frozen=True)
class LevelWords:
    """How a report names its unit's level: 'xã', 'toàn xã', 'UBND xã', ..."""

    noun: str  # xã; the commune
    whole: str  # toàn xã; the whole commune
    committee_short: str  # UBND xã
    committee: str  # Ủy ban nhân dân xã; Commune People's Committee
    council_short: str  # HĐND xã
    council: str  # Hội đồng nhân dân xã; Commune People's Council


_USUAL_DIVISION: dict[Level, str] = {
    "province": "tỉnh", "commune": "xã", "ward": "phường", "special_zone": "đặc khu",
    "district": "huyện",
}  # fmt: skip
_ENGLISH = {
    "xã": ("commune", "Commune"), "phường": ("ward", "Ward"),
    "đặc khu": ("special zone", "Special Zone"), "tỉnh": ("province", "Provincial"),
    "thành phố": ("city", "City"), "huyện": ("district", "District"),
    "quận": ("district", "District"), "thị xã": ("town", "Town"),
    "thị trấn": ("township", "Township"),
}  # fmt: skip


def _check_period(period_months: int) -> None:
    if not 1 <= period_months <= 12:
        raise ParamsError(MSG_PERIOD.format(months=period_months))


@functools.cache
def resolve_province(name: str, *, year: int, period_months: int) -> UnitInfo:
    """Return the official province or centrally-run city `name` means for the period.

    Parameters
    ----------
    name
        'Đồng Tháp', 'Tỉnh Đồng Tháp', 'dong thap', 'TP Hồ Chí Minh'.
    year, period_months
        The report's period; one that ends by 30 June 2025 uses the 63 provinces of its time.

    Raises
    ------
    ParamsError
        For an unknown name (with the nearest official names), or a merged province named for a
        later period (saying which province it became part of).
    """
    return _resolve("province", name, None, year, period_months, PROVINCE)


def resolve_unit(name: str, *, province: str | None, year: int, period_months: int) -> UnitInfo:
    """Return the official unit `name` means for the period.

    Matching ignores accents and case, with or without the level word ('Tháp Mười', 'xã tháp
    mười', 'Xã Tháp Mười'); an exact accented match wins ('Tân Thành' over 'Tân Thạnh'). A bare
    name that fits several units means the district whose level word offices omit ('Cao Lãnh'
    is Huyện Cao Lãnh, not Thành phố Cao Lãnh); a legacy commune may carry its district
    ('Xã Mỹ Hòa, Huyện Tháp Mười').

    Parameters
    ----------
    name
        The unit as the params file names it; a province names the province's own report.
    province
        The province, to narrow the search; None searches the whole country.
    year, period_months
        The report's period. One that ends by 30 June 2025 looks in the units of its time first,
        then in the units after 1 July 2025; a later one only in the units after 1 July 2025.

    Raises
    ------
    ParamsError
        For an unknown name (with the nearest official names), a name that fits several units
        (naming them), or a legacy unit for a later period (saying what became of it).
    """
    wanted = (name, province, year, period_months)
    found = _handed_off().get(wanted) or _resolve_unit(*wanted)
    _RESOLVED[wanted] = found
    return found


@functools.cache
def _resolve_unit(name: str, province: str | None, year: int, period_months: int) -> UnitInfo:
    where = None
    if province is not None:
        where = resolve_province(province, year=year, period_months=period_months)
    return _resolve("unit", name, where, year, period_months, LEVELS)


# The units resolved in this process, which a build hands to its kernels (`export_resolved`):
# a kernel then never loads the official lists (0.7 s) for the unit its planner checked.
_RESOLVED: dict[tuple[str, str | None, int, int], UnitInfo] = {}
_HANDED_OFF: dict[tuple[str, str | None, int, int], UnitInfo] = {}
_HANDOFF_FILE = "units.pickle"


def export_resolved(folder: Path) -> None:
    """Write the units resolved so far into a build's hand-off folder, for its kernels."""
    import pickle

    partial = folder / f"{_HANDOFF_FILE}.partial"
    partial.write_bytes(pickle.dumps(dict(_RESOLVED), protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(partial, folder / _HANDOFF_FILE)


def _handed_off() -> Mapping[tuple[str, str | None, int, int], UnitInfo]:
    """Return the units the build's planner resolved, read once; empty outside a build.

    Until the file is there (a worker forked before planning ended) nothing is remembered, so
    a later call reads it.
    """
    if _HANDED_OFF:
        return _HANDED_OFF
    folder = handoff_folder()
    if folder is None:
        return _HANDED_OFF
    import pickle

    try:
        found = pickle.loads((folder / _HANDOFF_FILE).read_bytes())  # the build's own, 0700
    except Exception:  # missing or unreadable: resolve from the lists
        return _HANDED_OFF
    if isinstance(found, dict):
        _HANDED_OFF.update(
            (k, v) for k, v in found.items() if isinstance(v, UnitInfo) and isinstance(k, tuple)
        )
    return _HANDED_OFF


def provinces() -> list[UnitInfo]:
    """Return the 34 provinces and centrally-run cities after 1 July 2025, in official order."""
    return [u for u in current().units if u.level == "province"]


def units_of_province(province: str) -> list[UnitInfo]:
    """Return a province's communes, wards and special zones (after 1 July 2025) in official order.

    Raises
    ------
    ParamsError
        For a name that is not a province after 1 July 2025.
    """
    where = resolve_province(province, year=2025, period_months=12)
    return [u for u in current().units if u.province_code == where.code and u.level != "province"]


def level_words(unit: UnitInfo | Level, language: Language = "vi") -> LevelWords:
    """Return how a report names a unit's level ('xã', 'UBND xã'; 'the commune').

    Parameters
    ----------
    unit
        A resolved unit, whose own level word is used (a district may be a huyện, quận, thị xã or
        thành phố; a province a tỉnh or a centrally-run thành phố), or a bare level, which takes
        the usual word (district: huyện; province: tỉnh).
    language
        vi or en.
    """
    division = unit.division.casefold() if isinstance(unit, UnitInfo) else _USUAL_DIVISION[unit]
    if language == "vi":
        return LevelWords(
            division, f"toàn {division}", f"UBND {division}", f"Ủy ban nhân dân {division}",
            f"HĐND {division}", f"Hội đồng nhân dân {division}",
        )  # fmt: skip
    noun, adjective = _ENGLISH[division]
    committee, council = f"{adjective} People's Committee", f"{adjective} People's Council"
    return LevelWords(f"the {noun}", f"the whole {noun}", committee, committee, council, council)


def _resolve(
    what: str,
    name: str,
    province: UnitInfo | None,
    year: int,
    months: int,
    levels: frozenset[Level],
) -> UnitInfo:
    _check_period(months)
    old_period = is_legacy_period(year, months)
    # A list is built when first searched: a name of its period's own list needs no other.
    sources: tuple[Callable[[], UnitList], ...] = (legacy, current) if old_period else (current,)
    for source in sources:
        units = source()
        found = find(units, name, scope(units, province), levels)
        if len(found) == 1:
            return found[0]
        if found:
            raise ParamsError(_ambiguous(what, name, province, found))
    if not old_period:
        gone = find(legacy(), name, scope(legacy(), province), levels)
        if gone:
            story = "; ".join(_story(unit) for unit in gone)
            raise ParamsError(
                MSG_GONE.format(what=what, name=name, year=year, months=months, story=story)
            )
    lists = tuple(source() for source in sources)
    raise ParamsError(_unknown(what, name, province, lists, levels))


# --- messages ---------------------------------------------------------------------------------


def _label(unit: UnitInfo, province: UnitInfo | None) -> str:
    """Name a unit in a message, with its district and province where they tell it apart."""
    text = unit.name if unit.district is None else f"{unit.name} ({unit.district})"
    return text + (f", {unit.province}" if unit.level != "province" and province is None else "")


def _in(province: UnitInfo | None) -> str:
    return "" if province is None else IN_PROVINCE.format(province=province.name)


def _ambiguous(what: str, name: str, province: UnitInfo | None, found: list[UnitInfo]) -> str:
    districts = {u.district for u in found}
    if province is None and len({u.province for u in found}) > 1:
        advice = ADVICE_PROVINCE
    elif len({u.division for u in found}) > 1:
        advice = ADVICE_LEVEL_WORD
    elif len(districts) > 1 and None not in districts:
        advice = ADVICE_DISTRICT.format(example=f"{found[0].name}, {found[0].district}")
    else:
        advice = ADVICE_ACCENTS
    names = ", ".join(_label(u, province) for u in found)
    return MSG_AMBIGUOUS.format(
        what=what, name=name, scope=_in(province), count=len(found), names=names, advice=advice
    )


def _unknown(
    what: str,
    name: str,
    province: UnitInfo | None,
    lists: tuple[UnitList, ...],
    levels: frozenset[Level],
) -> str:
    candidates: dict[str, UnitInfo] = {}
    for units in lists:
        where = scope(units, province)
        for k, fits in units.by_key.items():
            for unit in fits:
                if unit.level in levels and (where is None or unit.province_code in where):
                    candidates.setdefault(k, unit)
    close = difflib.get_close_matches(key(name), list(candidates), n=6, cutoff=0.6)
    names = list(dict.fromkeys(_label(candidates[k], province) for k in close))[:3]
    if levels == PROVINCE:
        expected = EXPECTED_PROVINCE
    else:
        expected = EXPECTED_UNIT_BEFORE if len(lists) > 1 else EXPECTED_UNIT
    hint = MSG_DID_YOU_MEAN.format(names=" or ".join(names)) if names else MSG_HOW_TO_WRITE
    return MSG_UNKNOWN.format(
        what=what, name=name, scope=_in(province), expected=expected, hint=hint
    )


def _successors(names: Iterable[str], province: str) -> list[UnitInfo]:
    """Map vietnamadminunits' names of new units onto the official list, in official order."""
    units = current()
    where = frozenset(u.code for u in find(units, province, None, PROVINCE))
    found = {u for name in names for u in find(units, name, where, COMMUNE_LEVEL)[:1]}
    return [u for u in units.units if u in found]


def _story(unit: UnitInfo) -> str:
    """Tell what became of a legacy unit on 1 July 2025."""
    if unit.level == "province":
        into = legacy_source.province_successor(unit.name)
        return STORY_MERGED.format(unit=unit.name, successors=into)
    shares: dict[UnitInfo, int] = {}
    for row in legacy_source.legacy_communes():
        if (row.district_code if unit.level == "district" else row.code) == unit.code:
            after = legacy_source.successor(row)
            for new in _successors(after.units, after.province):
                shares[new] = shares.get(new, 0) + 1
    # The unit that took most of the old communes first, then the official order.
    official = {u: i for i, u in enumerate(current().units)}
    successors = sorted(shares, key=lambda u: (-shares[u], official[u]))
    if not successors:
        return STORY_GONE.format(unit=unit.name)
    one_province = len({u.province for u in successors}) == 1
    names = ", ".join(u.name if one_province else f"{u.name} ({u.province})" for u in successors)
    if unit.level == "district":
        tail = f" ({successors[0].province})" if one_province else ""
        return STORY_DISTRICT.format(unit=unit.name, successors=names + tail)
    label = f"{unit.name} ({unit.district})"
    names += f", {successors[0].province}" if one_province else ""
    if len(successors) > 1:
        return STORY_DIVIDED.format(unit=label, successors=names)
    story = STORY_MERGED if _predecessors(successors[0]) > 1 else STORY_RENAMED
    return story.format(unit=label, successors=names)


def _predecessors(new: UnitInfo) -> int:
    """Count the legacy communes that became part of `new`."""
    province = find(current(), new.province, None, PROVINCE)[0]
    where = scope(legacy(), province) or frozenset()
    count = 0
    for row in legacy_source.legacy_communes():
        if row.province_code in where and row.code is not None:
            after = legacy_source.successor(row)
            # Compare folded names first: mapping each name onto the list is the slow part.
            if any(same(name, new.name) for name in after.units):
                count += new in _successors(after.units, after.province)
    return count
