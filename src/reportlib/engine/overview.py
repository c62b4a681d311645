"""A province's overview of its units: each unit's statuses, counts, share met and rank.

A province's report is a unit whose table also holds its communes and wards (SPEC §6). Every
figure here comes from the same status engine as the units' own reports: each unit's rows are
selected and assessed exactly as its own report selects and assesses them, so the scorecard's
cells and each unit's report always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlib.engine.model import Status
from reportlib.engine.report import Report
from reportlib.engine.select import select_report
from reportlib.engine.status import Assessed, Counts, assess_all, count_statuses
from reportlib.engine.text import fold
from reportlib.engine.unit_lists import COMMUNE_LEVEL, UnitInfo
from reportlib.errors import DataError, ParamsError

MET: frozenset[Status] = frozenset({"met", "exceeded"})


@dataclass(frozen=True)
class UnitResult:
    """One unit of the province: its indicators' statuses and their counts."""

    unit: str
    info: UnitInfo | None
    assessed: tuple[Assessed, ...]
    counts: Counts
    link: str | None = None

    def status_of(self, key: str, *, year_end: bool = False) -> Status | None:
        """The status of the indicator whose folded name is ``key``; None if the unit has none."""
        for item in self.assessed:
            if indicator_key(item) == key:
                return item.year_end_status if year_end else item.period_status
        return None

    def share_met(self, *, year_end: bool = False) -> Decimal:
        """The percentage of the unit's indicators met or exceeded ('đạt và vượt')."""
        if not self.counts.total:
            return Decimal(0)
        met = self.counts.year_end_met if year_end else self.counts.period_met
        return Decimal(met) * 100 / self.counts.total


@dataclass(frozen=True)
class IndicatorColumn:
    """One indicator across the units: its name, and the units by status."""

    key: str
    name: str
    units: Mapping[Status, tuple[str, ...]]

    def count(self, *statuses: Status) -> int:
        """How many units have one of the statuses."""
        return sum(len(self.units.get(s, ())) for s in statuses)

    @property
    def assessed_units(self) -> int:
        """How many units report this indicator at all."""
        return sum(len(v) for v in self.units.values())


@dataclass(frozen=True)
class Overview:
    """The units of a province's report, ranked, and its indicators across them.

    ``units`` are ranked: by share met at the period, then at year end, then by name.
    ``year_end`` says which statuses the columns count: the period's (False) or the
    year-end estimate's (True, also for a year-end report).
    """

    province: str
    units: tuple[UnitResult, ...]
    indicators: tuple[IndicatorColumn, ...]
    year_end_indicators: tuple[IndicatorColumn, ...]
    skipped: tuple[str, ...] = ()

    def all_met(self, *, year_end: bool = False) -> tuple[UnitResult, ...]:
        """The units that meet or exceed every one of their indicators."""
        return tuple(
            u
            for u in self.units
            if u.counts.total
            and (u.counts.year_end_met if year_end else u.counts.period_met) == u.counts.total
        )

    def rank(self, unit: UnitResult) -> int:
        """The unit's rank, 1 for the best; units with the same shares share a rank."""
        key = _rank_key(unit)[:2]
        return 1 + sum(1 for u in self.units if _rank_key(u)[:2] < key)


def indicator_key(item: Assessed) -> str:
    """The key that ties one indicator across units: its name, folded (ids may differ)."""
    return fold(item.indicator.indicator)


def _rank_key(unit: UnitResult) -> tuple[Decimal, Decimal, str]:
    return (-unit.share_met(), -unit.share_met(year_end=True), fold(unit.unit))


def _in_province(info: UnitInfo | None, written: str, province: UnitInfo) -> bool:
    """Tell whether a unit of the table is one of the province's communes, wards, đặc khu.

    An official unit by its code; one off the list by the province its rows write.
    """
    if info is not None:
        return info.province_code == province.code and info.level in COMMUNE_LEVEL
    return bool(written) and fold(written) in (fold(province.name), fold(province.short_name))


def province_overview(report: Report, *, links: Mapping[str, str] | None = None) -> Overview | None:
    """Return the overview of the units a province's table holds, or None for other reports.

    A report has an overview when its unit is a province (by the official list) and its table
    holds rows of that province's communes, wards or special zones for the report's year and
    period. ``links`` maps a unit's name to its own report (a relative address), as the build
    gives them; a unit missing from it has no link.

    A unit whose rows cannot be read for the period (none for the year, or bad rows) is left
    out and named in ``skipped``, with the reason: the province's own report is not refused
    for one commune's table, which that commune's own report refuses.
    """
    info = report.unit_info
    table = report.table
    if info is None or info.level != "province" or table is None:
        return None
    from reportlib.engine.units import resolve_unit

    links = {fold(k): v for k, v in (links or {}).items()}
    results: list[UnitResult] = []
    skipped: list[str] = []
    for name in table.units():
        if fold(name) == fold(report.unit):
            continue
        try:
            unit_info: UnitInfo | None = resolve_unit(
                name, province=info.name, year=report.year, period_months=report.period_months
            )
        except ParamsError:  # not on the list: its rows say which province it is in
            unit_info = None
        written = next((i.province for i in table.indicators if i.unit == name), "")
        if not _in_province(unit_info, written, info):
            continue
        try:
            selection = select_report(
                table, name, report.year, report.period_months, province=report.params.province
            )
        except DataError as error:
            skipped.append(f"{name}: {error}".splitlines()[0])
            continue
        assessed = assess_all(selection.indicators, report.period_months)
        results.append(
            UnitResult(
                unit=selection.unit,
                info=unit_info,
                assessed=assessed,
                counts=count_statuses(assessed),
                link=links.get(fold(selection.unit)),
            )
        )
    if not results:
        return None
    results.sort(key=_rank_key)
    return Overview(
        province=report.unit,
        units=tuple(results),
        indicators=_columns(results, year_end=False),
        year_end_indicators=_columns(results, year_end=True),
        skipped=tuple(skipped),
    )


def _columns(results: Sequence[UnitResult], *, year_end: bool) -> tuple[IndicatorColumn, ...]:
    names: dict[str, str] = {}
    by_status: dict[str, dict[Status, list[str]]] = {}
    for unit in results:
        for item in unit.assessed:
            key = indicator_key(item)
            names.setdefault(key, item.indicator.indicator)
            status = item.year_end_status if year_end else item.period_status
            by_status.setdefault(key, {}).setdefault(status, []).append(unit.unit)
    return tuple(
        IndicatorColumn(key, names[key], {s: tuple(u) for s, u in by_status[key].items()})
        for key in names
    )
