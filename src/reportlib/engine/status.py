"""The status engine (SPEC §5): pure functions from validated indicators to statuses and counts.

Values are compared after rounding to two decimals, half up, so that what the report prints
never contradicts its verdict. Counts are always derived from the statuses, never typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from reportlib.engine.tables import Indicator, Status

Pace = Literal["on_track", "at_risk", "behind"]
Comparison = Literal["exceeded", "met", "worse"]

STATUSES: tuple[Status, ...] = ("exceeded", "met", "not_met", "in_progress", "no_data")
PACES: tuple[Pace, ...] = ("on_track", "at_risk", "behind")
ON_TRACK = Decimal("0.95")
AT_RISK = Decimal("0.75")
_CENT = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Round to two decimals, half up: 71,995 -> 72,00 (not the banker's 71,99)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def compare(indicator: Indicator, value: Decimal) -> Comparison:
    """Place a value against the indicator's target: beyond it, on it, or short of it.

    For a range target, inside the range is met and beyond its better end is exceeded.
    For a milestone, done (1) is met and anything else is worse.
    """
    if indicator.kind == "milestone":
        return "met" if value == 1 else "worse"
    assert indicator.target_low is not None and indicator.target_high is not None
    shown = round2(value)
    low, high = round2(indicator.target_low), round2(indicator.target_high)
    if indicator.direction == "higher":
        if shown > high:
            return "exceeded"
        return "met" if shown >= low else "worse"
    if shown < low:
        return "exceeded"
    return "met" if shown <= high else "worse"


def pace(indicator: Indicator, period_months: int) -> Pace | None:
    """Return how fast a higher-is-better cumulative indicator moves towards its target.

    pace = (actual / target) / (period_months / 12); at least 0.95 is on track, at least 0.75
    at risk, below that behind. There is no pace for other kinds, for a lower-is-better ceiling
    (nothing to move towards), for a year-end report, or for a target that is not positive.
    """
    if (
        indicator.kind != "cumulative"
        or indicator.direction != "higher"
        or indicator.actual is None
        or indicator.target_low is None
        or round2(indicator.target_low) <= 0
        or not 1 <= period_months < 12
    ):
        return None
    ratio = (round2(indicator.actual) / round2(indicator.target_low)) / (
        Decimal(period_months) / 12
    )
    if ratio >= ON_TRACK:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK else "behind"


def period_status(indicator: Indicator, period_months: int) -> Status:
    """Return the status of an indicator at the end of the report period.

    An assessment from the table overrides the computed status (but not 'no data').
    """
    if indicator.actual is None:
        return "no_data"
    if indicator.assessment is not None:
        return indicator.assessment
    return computed_period_status(indicator, period_months)


def computed_period_status(indicator: Indicator, period_months: int) -> Status:
    """Return the period status from the figures alone, ignoring the office's assessment."""
    if indicator.actual is None:
        return "no_data"
    comparison = compare(indicator, indicator.actual)
    if period_months >= 12:
        return "not_met" if comparison == "worse" else comparison
    if indicator.kind == "cumulative" and indicator.direction == "lower":
        # A ceiling on a running total: once past it, it is missed for good; below it, the
        # year is not over and the total can still rise.
        return "not_met" if comparison == "worse" else "in_progress"
    return "in_progress" if comparison == "worse" else comparison


def year_end_status(indicator: Indicator, period_months: int) -> Status:
    """Return the status expected for the whole year: from the estimate in-year, else actual."""
    value = indicator.actual if period_months >= 12 else indicator.estimate
    if value is None:
        return "no_data"
    comparison = compare(indicator, value)
    return "not_met" if comparison == "worse" else comparison


def percent_of_target(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """Return value as a percent of a positive, single, higher-is-better target, else None."""
    if (
        value is None
        or indicator.kind == "milestone"
        or indicator.direction != "higher"
        or indicator.is_range
        or indicator.target_low is None
        or round2(indicator.target_low) <= 0
    ):
        return None
    return round2(value) / round2(indicator.target_low) * 100


def change_from_previous(indicator: Indicator) -> Decimal | None:
    """Return the change from the same period last year.

    For a rate (unit %) in percentage points; for anything else in percent of last year's
    figure (None when last year's figure is zero or missing).
    """
    if indicator.actual is None or indicator.previous is None or indicator.kind == "milestone":
        return None
    if indicator.is_rate:
        return round2(indicator.actual) - round2(indicator.previous)
    if round2(indicator.previous) == 0:
        return None
    return (
        (round2(indicator.actual) - round2(indicator.previous))
        / abs(round2(indicator.previous))
        * 100
    )


@dataclass(frozen=True)
class Assessed:
    """An indicator with everything the engine says about it."""

    indicator: Indicator
    period_status: Status
    assessed_by_office: bool
    computed_status: Status
    pace: Pace | None
    year_end_status: Status
    percent_of_target: Decimal | None
    estimate_percent_of_target: Decimal | None
    change: Decimal | None


def assess(indicator: Indicator, period_months: int) -> Assessed:
    """Return every status and comparison of one indicator at ``period_months``."""
    status = period_status(indicator, period_months)
    computed = computed_period_status(indicator, period_months)
    overridden = indicator.assessment is not None and indicator.actual is not None
    return Assessed(
        indicator=indicator,
        period_status=status,
        assessed_by_office=overridden,
        computed_status=computed,
        pace=pace(indicator, period_months) if status == "in_progress" else None,
        year_end_status=year_end_status(indicator, period_months),
        percent_of_target=percent_of_target(indicator, indicator.actual),
        estimate_percent_of_target=percent_of_target(
            indicator, indicator.actual if period_months >= 12 else indicator.estimate
        ),
        change=change_from_previous(indicator),
    )


def assess_all(indicators: Iterable[Indicator], period_months: int) -> tuple[Assessed, ...]:
    """Assess every indicator, keeping the table's order."""
    return tuple(assess(i, period_months) for i in indicators)


@dataclass(frozen=True)
class Counts:
    """How many indicators have each status, for the period and the year-end estimate."""

    total: int
    period: dict[Status, int]
    year_end: dict[Status, int]
    pace: dict[Pace, int]

    @property
    def period_met(self) -> int:
        """Met and exceeded in the period ('đạt và vượt')."""
        return self.period["met"] + self.period["exceeded"]

    @property
    def year_end_met(self) -> int:
        """Met and exceeded at year end."""
        return self.year_end["met"] + self.year_end["exceeded"]


def count_statuses(assessed: Sequence[Assessed]) -> Counts:
    """Count statuses; each mapping has every status and adds up to the number of indicators."""
    period: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    year_end: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    paces: dict[Pace, int] = dict.fromkeys(PACES, 0)
    for item in assessed:
        period[item.period_status] += 1
        year_end[item.year_end_status] += 1
        if item.pace is not None:
            paces[item.pace] += 1
    return Counts(total=len(assessed), period=period, year_end=year_end, pace=paces)
