"""Figures no office would sign if it saw them (issue 14, item 2): plausibility checks.

Pure functions of one report's indicators; each finding names the cell (file, sheet, row,
column) and the reason. ``reportlib check`` prints them and the notebook's notices cell and
the build log show them (`report.Report.notices`); the filed report never does.

- ``estimate_below_actual``: a running total's year-end estimate below what the period has
  already reached. Impossible: an error (``reportlib check`` fails).
- ``rest_of_year``: an estimate that needs the rest of the year to bring more, relative to
  the period's figure, than the table's own earlier years did, or without them than the run
  rate (actual × 12 / months) would, by `THRESHOLDS.rest_of_year_margin`.
- ``previous_disagrees``: a 'cùng kỳ' that is not last year's row of the same period (the
  reader calls it when it fills cùng kỳ from last year's rows, `select.py`: named once).
- ``rate_out_of_range``: a rate (ĐVT %) outside 0-100, except a rate of change ('Tốc độ tăng
  trưởng', which may be negative) and a ratio to a plan or to last year ('so với', 'so cùng
  kỳ'), which may pass 100.
- ``moved_tenfold``: a figure more than `THRESHOLDS.tenfold` times last year's, or less than
  a tenth of it: a misplaced separator (2.415 against 24,15).

A count that is not whole is already an error of the reader (`rows.py`: 'a whole number of
doanh nghiệp'), so it is not reported here again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from reportlib.engine.model import Indicator
from reportlib.engine.status import round2
from reportlib.engine.text import fold

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of the checks, in one place.

    rest_of_year_margin
        How many times more than the history (or the run rate) the rest of the year may
        bring before the estimate is doubted: 3, the issue's 'a last quarter three times
        larger than any before'. At 9 months the run rate has the last quarter bring a third
        of the 9 months' figure; the warning comes when the estimate needs more than the 9
        months brought together. Budget revenue, new businesses and public investment do
        rush in the last quarter (the sample lets it bring up to 80 % of the 9 months), which
        is why the margin is wide and why the table's earlier years, when it has them, are
        the measure rather than the run rate.
    rest_of_year_floor
        A period figure below this is not measured (2 OCOP products, 8 accidents: one more
        is a large share and says nothing).
    tenfold
        A figure moving more than this many times from last year's is doubted.
    tenfold_floor
        Both figures at most this are not compared: 1 accident against 12 is no separator.
    rate_low, rate_high
        The bounds of a rate in %.
    """

    rest_of_year_margin: Decimal = Decimal(3)
    rest_of_year_floor: Decimal = Decimal(20)
    tenfold: Decimal = Decimal(10)
    tenfold_floor: Decimal = Decimal(50)
    rate_low: Decimal = Decimal(0)
    rate_high: Decimal = Decimal(100)


THRESHOLDS = Thresholds()

# Rates that may be negative or pass 100: a rate of change, a ratio to a plan or a year.
_CHANGE_WORDS = ("toc do", "tang truong", "muc tang", "muc giam", "ty le tang", "ty le giam")
_RATIO_WORDS = ("so voi", "so cung ky", "so ke hoach", "so ky")
_DEFAULT_HEADERS = {
    "actual": "Thực hiện",
    "estimate": "Ước cả năm",
    "previous": "Cùng kỳ",
    "last_year": "Thực hiện năm trước",
}


@dataclass(frozen=True)
class Cells:
    """Where a report's figures are: its file, and the header of each field's column."""

    file: str
    columns: Mapping[str, str]

    def header(self, field: str) -> str:
        """The header of the column that holds ``field``."""
        return self.columns.get(field, _DEFAULT_HEADERS.get(field, field))


@dataclass(frozen=True)
class Finding:
    """One doubtful figure: its cell, the indicator, and why."""

    severity: Severity
    file: str
    sheet: str | None
    row: int
    column: str
    indicator: str
    reason: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        where += [f"row {self.row}", f"column '{self.column}'"]
        return f"{', '.join(where)}: {self.indicator}: {self.reason}"


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _finding(severity: Severity, item: Indicator, cells: Cells, field: str, reason: str) -> Finding:
    return Finding(
        severity, cells.file, item.sheet, item.row, cells.header(field), item.indicator, reason
    )


def estimate_below_actual(item: Indicator, months: int, cells: Cells) -> Finding | None:
    """A cumulative indicator's year-end estimate below its period actual: impossible."""
    if item.kind != "cumulative" or months >= 12 or item.estimate is None or item.actual is None:
        return None
    if round2(item.estimate) >= round2(item.actual):
        return None
    return _finding(
        "error",
        item,
        cells,
        "estimate",
        f"the year-end estimate {_plain(item.estimate)} is below the {months} months' "
        f"{_plain(item.actual)} already reached; a running total cannot fall",
    )


def rest_of_year(
    item: Indicator,
    months: int,
    cells: Cells,
    history: Sequence[tuple[Decimal, Decimal]] = (),
    thresholds: Thresholds = THRESHOLDS,
) -> Finding | None:
    """An estimate whose rest of the year is far beyond what earlier years (or the run rate) show.

    ``history`` holds earlier years' (figure of the same period, figure of the whole year).
    The rest of the year is measured against the period's figure: (estimate − actual) /
    actual, against the largest such share of the history, else (12 − months) / months.
    """
    if item.kind != "cumulative" or not 1 <= months < 12:
        return None
    if item.estimate is None or item.actual is None:
        return None
    if item.actual < thresholds.rest_of_year_floor:
        return None
    rest = item.estimate - item.actual
    if rest <= 0:
        return None
    share = rest / item.actual
    shares = [(year - period) / period for period, year in history if period > 0 and year >= 0]
    if shares:
        usual, basis = max(shares), "the table's earlier years show"
    else:
        usual, basis = Decimal(12 - months) / months, f"the run rate (actual × 12 / {months}) gives"
    # In percent to the cent: a third times 3 is 100 %, not 99,99...
    if usual <= 0 or round2(share * 100) <= round2(usual * thresholds.rest_of_year_margin * 100):
        return None
    return _finding(
        "warning",
        item,
        cells,
        "estimate",
        f"the estimate {_plain(item.estimate)} needs {_plain(round2(rest))} more in the last "
        f"{12 - months} months, {_plain(round2(share * 100))}% of the {months} months' "
        f"{_plain(item.actual)}; {basis} at most {_plain(round2(usual * 100))}% "
        f"(doubted beyond {_plain(thresholds.rest_of_year_margin)} times that)",
    )


def previous_disagrees(item: Indicator, last: Indicator, cells: Cells) -> Finding | None:
    """A 'cùng kỳ' figure that disagrees with last year's row of the same period."""
    if item.previous is None or last.actual is None:
        return None
    if round2(item.previous) == round2(last.actual):
        return None
    return _finding(
        "warning",
        item,
        cells,
        "previous",
        f"'{cells.header('previous')}' in row {item.row} is {_plain(item.previous)}, but last "
        f"year's row {last.row} of the same period ('{cells.header('actual')}') has "
        f"{_plain(last.actual)}",
    )


def _is_bounded_rate(item: Indicator) -> bool:
    key = fold(item.indicator)
    return item.is_rate and not any(w in key for w in _CHANGE_WORDS + _RATIO_WORDS)


def rate_out_of_range(
    item: Indicator, cells: Cells, thresholds: Thresholds = THRESHOLDS
) -> list[Finding]:
    """Each figure of a rate (ĐVT %) outside 0-100."""
    if not _is_bounded_rate(item):
        return []
    found = []
    for field in ("actual", "estimate", "previous", "last_year"):
        value = getattr(item, field)
        if value is not None and not thresholds.rate_low <= value <= thresholds.rate_high:
            found.append(
                _finding(
                    "warning",
                    item,
                    cells,
                    field,
                    f"{_plain(value)}% is outside {_plain(thresholds.rate_low)}-"
                    f"{_plain(thresholds.rate_high)}%, for a rate",
                )
            )
    return found


def moved_tenfold(
    item: Indicator, cells: Cells, thresholds: Thresholds = THRESHOLDS
) -> list[Finding]:
    """The period's figure against cùng kỳ, the estimate against last year's whole year."""
    found = []
    for field, base_field in (("actual", "previous"), ("estimate", "last_year")):
        value, base = getattr(item, field), getattr(item, base_field)
        if value is None or base is None or value <= 0 or base <= 0:
            continue
        if max(value, base) <= thresholds.tenfold_floor:
            continue
        ratio = value / base
        if 1 / thresholds.tenfold <= ratio <= thresholds.tenfold:
            continue
        found.append(
            _finding(
                "warning",
                item,
                cells,
                field,
                f"{_plain(value)} against {_plain(base)} in '{cells.header(base_field)}': "
                f"moved more than {_plain(thresholds.tenfold)}-fold from last year (a "
                "misplaced thousands or decimal mark?)",
            )
        )
    return found


def history_of(
    item: Indicator, rows: Iterable[Indicator], months: int
) -> list[tuple[Decimal, Decimal]]:
    """Earlier years' (same period, whole year) figures of ``item``: from its own row
    (cùng kỳ and last year's whole year) and from earlier years' rows of the table."""
    same = [r for r in rows if r.indicator_id == item.indicator_id or r.indicator == item.indicator]
    periods = {r.year: r.actual for r in same if r.year < item.year and r.period_months == months}
    years = {r.year: r.actual for r in same if r.year < item.year and r.period_months == 12}
    if item.previous is not None and item.last_year is not None:
        periods.setdefault(item.year - 1, item.previous)
        years.setdefault(item.year - 1, item.last_year)
    return [
        (period, year)
        for y, period in sorted(periods.items())
        if period is not None and (year := years.get(y)) is not None
    ]


def check_indicators(
    indicators: Sequence[Indicator],
    months: int,
    cells: Cells,
    rows: Sequence[Indicator] = (),
    thresholds: Thresholds = THRESHOLDS,
) -> tuple[Finding, ...]:
    """Every finding of one report's indicators, in table order (cùng kỳ is `select.py`'s).

    ``rows`` are the table's rows of the same unit, earlier years included: the history.
    """
    found: list[Finding] = []
    for item in indicators:
        if item.is_milestone:
            continue
        impossible = estimate_below_actual(item, months, cells)
        if impossible is not None:
            found.append(impossible)
        else:
            history = history_of(item, rows, months)
            rest = rest_of_year(item, months, cells, history, thresholds)
            if rest is not None:
                found.append(rest)
        found += rate_out_of_range(item, cells, thresholds)
        found += moved_tenfold(item, cells, thresholds)
    return tuple(found)
