"""Read vietnamadminunits' legacy list and 2025 crosswalk straight from its data files.

Why a shortcut: ``import vietnamadminunits`` loads its address parser (3.5 MB of JSON, shapely,
geopy) and costs 0.3-0.45 s, where the two files this module needs, ``data/dataset.db`` (the
63-province list, SQLite) and ``data/converter_2025.json`` (old unit -> new unit), read in about
30 ms. The report kernel resolves its unit, so legacy names stay cheap.

The shortcut trusts version 1.0.4's layout. It checks the version, the files, the tables' columns
and the JSON's mappings before use, and when any differs it falls back to the public API
(``database.get_data`` for the list, ``convert_address`` for the crosswalk, where a commune
divided among several new units gives only its default successor; it is never given a street,
which would send the address to an online geocoder). The list and the crosswalk are read and
checked each when first needed, so a report before July 2025, which needs only the list, does
not pay for the crosswalk. ``tests/test_units.py`` fails loudly when the files stop looking as
assumed.
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3

EXPECTED_VERSION = "1.0.4"
_LIST_COLUMNS = (
    "province", "provinceCode", "provinceKey",
    "district", "districtType", "districtCode", "districtKey",
    "ward", "wardType", "wardCode", "wardKey",
)  # fmt: skip
_LEGACY_COLUMNS = (*_LIST_COLUMNS, "wardLat", "wardLon", "wardBounds")  # places: the crosswalk's
_NEW_COLUMNS = ("province", "provinceKey", "ward", "wardKey")
_KM_PER_DEGREE = 111.0  # near enough at Vietnam's latitudes to tell a neighbour from a namesake
_MAPPINGS = ("DICT_PROVINCE", "DICT_PROVINCE_WARD_NO_DIVIDED", "DICT_PROVINCE_WARD_DIVIDED")


@dataclass(frozen=True)
class LegacyCommune:
    """One row of the list before 1 July 2025: a commune-level unit and its district and province.

    The five island districts had no communes; their row has ``name``, ``type`` and ``code`` None.
    """

    province: str
    province_code: str
    district: str
    district_type: str
    district_code: str
    name: str | None
    type: str | None
    code: str | None
    key: str  # vietnamadminunits' own key, 'tinhdongthap_huyenthapmuoi_xamyhoa'


@dataclass(frozen=True)
class Successor:
    """What a legacy commune became on 1 July 2025, in vietnamadminunits' spelling."""

    province: str  # 'Tỉnh Đồng Tháp'
    units: tuple[str, ...]  # 'Xã Tháp Mười'; the default successor first when it was divided


class _Changed(Exception):
    """The package no longer looks the way this module assumes."""


@dataclass(frozen=True)
class _Crosswalk:
    successors: Mapping[str, Successor]  # by LegacyCommune.key
    provinces: Mapping[str, str]  # legacy province -> new province, full names


class _Files:
    """The legacy list, read at once, and the crosswalk, read when first asked.

    Resolving a name before July 2025 needs only the list; the crosswalk (what each unit
    became) serves the later periods' messages and costs as much again to read and check.
    """

    def __init__(self, data: Path, communes: tuple[LegacyCommune, ...]) -> None:
        self.data = data
        self.communes = communes

    @functools.cached_property
    def crosswalk(self) -> _Crosswalk | None:
        """Return the crosswalk, or None if its files no longer look as assumed."""
        import sqlite3

        try:
            return _read_crosswalk(self.data)
        except (_Changed, OSError, sqlite3.Error, ValueError, KeyError, TypeError):
            return None

    @property
    def successors(self) -> Mapping[str, Successor]:
        """Return what each legacy commune became, by LegacyCommune.key."""
        return self._usable_crosswalk().successors

    @property
    def provinces(self) -> Mapping[str, str]:
        """Return the province each legacy province became, by full names."""
        return self._usable_crosswalk().provinces

    def _usable_crosswalk(self) -> _Crosswalk:
        if self.crosswalk is None:
            raise _Changed(f"{self.data}: the crosswalk does not look as assumed")
        return self.crosswalk


def _package_data() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")  # finds it without running its import
    if spec is None or spec.origin is None:
        raise _Changed("vietnamadminunits is not installed")
    version = importlib.metadata.version("vietnamadminunits")
    if version != EXPECTED_VERSION:
        raise _Changed(f"version {version}, expected {EXPECTED_VERSION}")
    return Path(spec.origin).parent / "data"


def _select(db: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> list[tuple[Any, ...]]:
    present = {row[1] for row in db.execute(f"PRAGMA table_info([{table}])")}
    if missing := set(columns) - present:
        raise _Changed(f"table {table} lacks {sorted(missing)}")
    return db.execute(f"SELECT {', '.join(columns)} FROM [{table}]").fetchall()


def _key(province_key: str, district_key: str, ward_key: str | None) -> str:
    return f"{province_key}_{district_key}_{ward_key or ''}"  # as converter_2025.py builds it


def _touches(old: tuple[float | None, float | None, str | None], part: Mapping[str, Any]) -> bool:
    """Tell whether a new unit can hold part of an old commune: they must be neighbours.

    Version 1.0.4 lists some impossible parts, from communes of the same name elsewhere
    (Phường 4 of Mỹ Tho, 80 km away, partly in Phường Cao Lãnh): 36 of its 562 secondary parts
    lie farther apart than 1.5 times the two units' radii plus 3 km, and are dropped. A
    commune's default successor is always kept.
    """
    lat, lon, bounds = old
    if lat is None or lon is None:
        return True
    old_radius = 0.0
    if bounds:  # 'lat,lon – lat,lon', the corners of the old commune's bounding box
        corners = [tuple(map(float, corner.split(","))) for corner in bounds.split("–")]
        old_radius = math.dist(*corners) * _KM_PER_DEGREE / 2
    new_radius = math.sqrt(float(part["newWardAreaKm2"]) / math.pi)
    away = math.dist((lat, lon), (part["newWardLat"], part["newWardLon"])) * _KM_PER_DEGREE
    return away <= 1.5 * (old_radius + new_radius) + 3


def _read_files() -> _Files:
    data = _package_data()
    database, converter = data / "dataset.db", data / "converter_2025.json"
    if not (database.is_file() and converter.is_file()):
        raise _Changed(f"{data} lacks dataset.db or converter_2025.json")
    with _connect(database) as db:
        legacy = _select(db, "admin_units_legacy", _LIST_COLUMNS)
    communes = tuple(
        LegacyCommune(p, pcode, d, dtype, dcode, w, wtype, wcode, _key(pkey, dkey, wkey))
        for p, pcode, pkey, d, dtype, dcode, dkey, w, wtype, wcode, wkey in legacy
    )
    return _Files(data, communes)


def _connect(database: Path) -> sqlite3.Connection:
    import sqlite3  # only when a legacy name is looked up: kernels of 2026 reports never do

    return sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)


def _read_crosswalk(data: Path) -> _Crosswalk:
    database, converter = data / "dataset.db", data / "converter_2025.json"
    with _connect(database) as db:
        legacy = _select(db, "admin_units_legacy", _LEGACY_COLUMNS)
        new = _select(db, "admin_units", _NEW_COLUMNS)
    mappings = json.loads(converter.read_text(encoding="utf-8"))
    if not isinstance(mappings, dict) or not all(
        isinstance(mappings.get(name), dict) for name in _MAPPINGS
    ):
        raise _Changed(f"{converter.name} lacks {', '.join(_MAPPINGS)}")
    old_provinces, merged, divided = (mappings[name] for name in _MAPPINGS)
    new_province = {row[1]: row[0] for row in new}
    new_unit = {(row[1], row[3]): row[2] for row in new}
    province_of = {old: key for key, olds in old_provinces.items() for old in olds}
    into: dict[str, tuple[str, tuple[str, ...]]] = {}
    for province_key, units in merged.items():
        for unit_key, olds in units.items():
            for old in olds:
                into[old] = (province_key, (unit_key,))
    places = {_key(r[2], r[6], r[10]): (r[11], r[12], r[13]) for r in legacy}  # key: lat, lon, box
    for province_key, olds in divided.items():
        for old, parts in olds.items():
            kept = [p for p in parts if p["isDefaultNewWard"] or _touches(places[old], p)]
            ordered = sorted(kept, key=lambda part: not part["isDefaultNewWard"])
            into[old] = (province_key, tuple(part["newWardKey"] for part in ordered))
    successors: dict[str, Successor] = {}
    provinces: dict[str, str] = {}
    for row in legacy:
        province, province_key, commune_key = row[0], row[2], _key(row[2], row[6], row[10])
        if commune_key not in into or province_key not in province_of:
            raise _Changed(f"no successor for {commune_key}")
        target, unit_keys = into[commune_key]
        try:
            names = tuple(new_unit[(target, unit_key)] for unit_key in unit_keys)
            successors[commune_key] = Successor(new_province[target], names)
            provinces[province] = new_province[province_of[province_key]]
        except KeyError as missing:
            raise _Changed(f"successor {missing} of {commune_key} is not a new unit") from None
    return _Crosswalk(successors, provinces)


@functools.cache
def _files() -> _Files | None:
    import sqlite3

    try:
        return _read_files()
    except (_Changed, OSError, sqlite3.Error, ValueError, KeyError, TypeError):
        return None  # the public API below still works, only slower


def _crosswalk() -> _Crosswalk | None:
    files = _files()
    return None if files is None else files.crosswalk


def uses_data_files() -> bool:
    """Tell whether the fast path is in use (False: the package changed; the public API serves)."""
    return _crosswalk() is not None  # the list's files, then the crosswalk's


@functools.cache
def legacy_communes() -> tuple[LegacyCommune, ...]:
    """Return every row of the list before 1 July 2025 (10,040 rows in version 1.0.4)."""
    files = _files()
    if files is not None:
        return files.communes
    from vietnamadminunits.database import get_data

    rows = get_data(fields=list(_LEGACY_COLUMNS), table="admin_units_legacy")
    return tuple(
        LegacyCommune(
            province=r["province"],
            province_code=r["provinceCode"],
            district=r["district"],
            district_type=r["districtType"],
            district_code=r["districtCode"],
            name=r["ward"],
            type=r["wardType"],
            code=r["wardCode"],
            key=_key(r["provinceKey"], r["districtKey"], r["wardKey"]),
        )
        for r in rows
    )


@functools.cache
def successor(commune: LegacyCommune) -> Successor:
    """Return what a legacy commune (or island district) became on 1 July 2025."""
    crosswalk = _crosswalk()
    if crosswalk is not None:
        return crosswalk.successors[commune.key]
    from vietnamadminunits import convert_address

    parts = (commune.name, commune.district, commune.province)
    new = convert_address(", ".join(part for part in parts if part))
    return Successor(str(new.province), (str(new.ward),) if new.ward else ())


@functools.cache
def province_successor(province: str) -> str:
    """Return the province a legacy province ('Tỉnh Tiền Giang') became ('Tỉnh Đồng Tháp')."""
    crosswalk = _crosswalk()
    if crosswalk is not None:
        return crosswalk.provinces[province]
    from vietnamadminunits import convert_address

    return str(convert_address(province).province)
