"""Pick one report's indicators from a table: its unit, year and period (SPEC §3, §4).

A table with a period column holds several periods: the report takes its own period's rows,
and 'cùng kỳ' comes from last year's row of the same period when its cell is blank (and is
checked against it, with a warning naming both cells, when both exist). A table without a
period column is about one period: a header or title that names another period than the
params file's is an error, and so is a title that names another unit or year.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reportlib.engine.columns import bare_unit_name
from reportlib.engine.model import Indicator
from reportlib.engine.plausibility import Cells, previous_disagrees
from reportlib.engine.table import IndicatorTable
from reportlib.engine.text import fold
from reportlib.errors import DataError, Problem


@dataclass(frozen=True)
class Selection:
    """The indicators of one unit, year and period, with any warning the match gave.

    ``history`` holds the unit's rows of the years up to the report's: earlier years at year
    end, the report's year at its period.
    """

    unit: str
    year: int
    period_months: int
    indicators: tuple[Indicator, ...]
    history: tuple[Indicator, ...]
    warnings: tuple[str, ...] = ()


def _period_name(months: int) -> str:
    return {3: "Quý I", 6: "6 tháng", 9: "9 tháng", 12: "cả năm"}.get(months, f"{months} tháng")


def match_unit(names: Iterable[str], unit: str) -> tuple[str | None, str]:
    """Return the table's name for ``unit`` and a warning when it matched only loosely.

    Exact first; then ignoring accents and case; then without the level word ('Tháp Mười'
    for 'Xã Tháp Mười').
    """
    names = list(names)
    if unit in names:
        return unit, ""
    for key in (fold, bare_unit_name):
        found = [n for n in names if key(n) == key(unit)]
        if len(found) == 1:
            return found[0], (
                f"unit '{unit}' matched '{found[0]}' ignoring accents, case or the level word; "
                "write it as the table does"
            )
    return None, ""


def _check_title(
    table: IndicatorTable, unit: str, province: str, year: int, months: int
) -> list[Problem]:
    problems: list[Problem] = []
    title = table.title
    if title is None or table.shape != "office":
        return problems
    first = title.lines[0][0] if title.lines else None
    if title.year is not None and title.year != year:
        problems.append(
            Problem(
                table.path,
                title.year_row or first,
                None,
                f"năm {title.year}",
                f"a table of năm {year}, as the params file says; its title names năm {title.year}",
                table.sheet,
            )
        )
    if title.period_months is not None and not table.has_periods and title.period_months != months:
        problems.append(
            Problem(
                table.path,
                title.period_row or first,
                None,
                _period_name(title.period_months),
                f"a table of {_period_name(months)} (period_months: {months}); its title names "
                f"{_period_name(title.period_months)}",
                table.sheet,
            )
        )
    allowed = {bare_unit_name(unit), bare_unit_name(province)} - {""}
    rows = title.unit_rows or (first,) * len(title.units)
    for mention, row in zip(title.units, rows, strict=True):
        if bare_unit_name(mention) not in allowed:
            problems.append(
                Problem(
                    table.path,
                    row,
                    None,
                    mention,
                    f"a table of {unit}, as the params file says; its title names another unit",
                    table.sheet,
                )
            )
    return problems


def _check_header_period(table: IndicatorTable, months: int) -> list[Problem]:
    if table.has_periods:
        return []
    problems = []
    for reading in table.column_readings:
        meaning = reading.column.meaning
        # 'Thực hiện năm 2025' names a year and no months: the whole year's figure.
        period = meaning.period_months or (12 if meaning.whole_year else None)
        if reading.field == "actual" and period is not None and period != months:
            problems.append(
                Problem(
                    table.path,
                    table.header.top if table.header else None,
                    reading.column.header,
                    reading.column.header,
                    f"figures of {_period_name(months)} (period_months: {months}); this column "
                    f"holds {_period_name(period)}: build the report for period_months: "
                    f"{period}, or give a table of the right period",
                    table.sheet,
                )
            )
    return problems


def select_report(
    table: IndicatorTable,
    unit: str,
    year: int,
    period_months: int | None = None,
    *,
    province: str = "",
) -> Selection:
    """Pick one unit's indicators for one year and period, refusing the report if its rows
    are bad.

    Raises
    ------
    DataError
        When the unit, year or period is not in the table (naming what it has and the
        nearest), when the title or a header names another unit, year or period, or when
        rows of this unit and year, or rows tied to none, have problems.
    """
    untied = table.problems.get(None, ())
    if untied:
        raise DataError(sorted(untied, key=lambda p: p.row or 0))
    names = list(dict.fromkeys(table.units() + [k[0] for k in table.problems if k is not None]))
    chosen, warning = match_unit(names, unit)
    warnings = [f"{warning} in {table.path}"] if warning else []
    if chosen is None:
        near = difflib.get_close_matches(fold(unit), [fold(n) for n in names], n=1, cutoff=0.5)
        nearest = next((n for n in names if near and fold(n) == near[0]), None)
        hint = f"; did you mean '{nearest}'?" if nearest else ""
        raise DataError(
            [
                Problem(
                    table.path,
                    None,
                    table.columns.get("unit"),
                    unit,
                    f"a unit in the table: {', '.join(names)}{hint}",
                    table.sheet,
                )
            ]
        )
    if period_months is None and table.has_periods:
        raise DataError(
            [
                Problem(
                    table.path,
                    None,
                    table.columns.get("period"),
                    None,
                    "a report period (period_months): the table holds several periods",
                    table.sheet,
                )
            ]
        )
    months = period_months or 12
    problems = _check_title(table, unit, province, year, months)
    if period_months is not None:
        problems += _check_header_period(table, period_months)
    problems += sorted(table.problems.get((chosen, year), ()), key=lambda p: p.row or 0)
    if problems:
        raise DataError(problems)
    own = _of_province([i for i in table.indicators if i.unit == chosen], province, table)
    years = sorted({i.year for i in own} | {k[1] for k in table.problems if k and k[0] == chosen})
    if year not in years:
        nearest_year = min(years, key=lambda y: abs(y - year)) if years else None
        hint = f"; the nearest is {nearest_year}" if nearest_year is not None else ""
        raise DataError(
            [
                Problem(
                    table.path,
                    None,
                    table.columns.get("year"),
                    str(year),
                    f"a year the table has for {chosen}: {', '.join(str(y) for y in years)}{hint}",
                    table.sheet,
                )
            ]
        )
    if table.has_periods:
        rows = [i for i in own if i.year == year and i.period_months == period_months]
        if not rows:
            periods = sorted({i.period_months for i in own if i.year == year and i.period_months})
            raise DataError(
                [
                    Problem(
                        table.path,
                        None,
                        table.columns.get("period"),
                        _period_name(months),
                        f"rows of {_period_name(months)} {year} for {chosen}; the table "
                        f"has {', '.join(_period_name(p) for p in periods)}",
                        table.sheet,
                    )
                ]
            )
        rows, found = _fill_from_last_year(rows, own, table, year, months)
        warnings += found
        history = [i for i in own if i.year < year and i.period_months == 12] + rows
    else:
        rows = [i for i in own if i.year == year]
        history = [i for i in own if i.year <= year]
    history.sort(key=lambda i: (i.indicator_id, i.year))
    return Selection(chosen, year, months, tuple(rows), tuple(history), tuple(warnings))


def _of_province(rows: list[Indicator], province: str, table: IndicatorTable) -> list[Indicator]:
    """Return a unit's rows; of the report's province where the table holds namesakes.

    A table of several provinces (a statistics office's) may hold two units of one name:
    'Xã Tân Phú' is in more than one province. Their rows are told apart by the table's
    province column, the report's by its params' province; a table of one province is as it
    was.
    """
    written = {bare_unit_name(i.province) for i in rows if i.province.strip()}
    if len(written) <= 1:
        return rows
    wanted = bare_unit_name(province)
    mine = [i for i in rows if bare_unit_name(i.province) == wanted]
    if mine:
        return mine
    provinces = ", ".join(sorted({i.province for i in rows if i.province.strip()}))
    unit = rows[0].unit
    expected = f"the province of one of the units named {unit}: the table has it in {provinces}"
    raise DataError(
        [Problem(table.path, None, table.columns.get("province"), province, expected, table.sheet)]
    )


def _same(a: Indicator, b: Indicator) -> bool:
    return a.indicator_id == b.indicator_id or fold(a.indicator) == fold(b.indicator)


def _fill_from_last_year(
    rows: list[Indicator],
    own: list[Indicator],
    table: IndicatorTable,
    year: int,
    months: int,
) -> tuple[list[Indicator], list[str]]:
    """Take 'cùng kỳ' and last year's whole-year figure from last year's rows, or check them."""
    same_period = [i for i in own if i.year == year - 1 and i.period_months == months]
    whole_year = [i for i in own if i.year == year - 1 and i.period_months == 12]
    warnings: list[str] = []
    filled = []
    cells = Cells(table.path, table.columns)
    for item in rows:
        last = next((i for i in same_period if _same(i, item)), None)
        year_row = next((i for i in whole_year if _same(i, item)), None)
        if last is not None and last.actual is not None:
            if item.previous is None:
                item = replace(item, previous=last.actual, previous_source="last_year_row")
            elif (finding := previous_disagrees(item, last, cells)) is not None:
                warnings.append(str(finding))
        if item.last_year is None and year_row is not None and year_row.actual is not None:
            item = replace(item, last_year=year_row.actual)
        filled.append(item)
    return filled, warnings
