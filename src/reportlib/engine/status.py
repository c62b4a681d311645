"""The status engine (SPEC §5): pure functions from validated indicators to statuses and counts.

Values are compared after rounding to two decimals, half up, so that what the report prints
never contradicts its verdict. Counts are always derived from the statuses, never typed.

Bounds: a number is met when equal and exceeded when better; a range is met inside it and
exceeded beyond its better end; 'at least' / 'at most' bounds are met on the bound and exceeded
beyond it; 'more than' / 'less than' bounds are strict: on the bound is not yet met, beyond it
is exceeded. A target relative to last year is resolved first: the period figure against the
same period of last year (cùng kỳ), the year-end figure against last year's whole-year figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from reportlib.engine.model import (
    PACES,
    STATUSES,
    Direction,
    Indicator,
    Pace,
    Status,
    Target,
    Verdict,
)

Comparison = Literal["exceeded", "met", "worse"]

__all__ = ["PACES", "STATUSES"]  # re-exported for the modules that count

ON_TRACK = Decimal("0.95")
AT_RISK = Decimal("0.75")
_CENT = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Round to two decimals, half up: 71,995 -> 72,00 (not the banker's 71,99)."""
    return value.quantize(_CENT, rounding=ROUND_HALF_UP)


def compare(target: Target, direction: Direction, value: Decimal) -> Comparison:
    """Place a value against a target: beyond it, on it, or short of it (SPEC §5, bounds).

    A milestone's value is 1 when done: met; anything else is worse. A relative target must be
    resolved first (`Target.resolved`).
    """
    if target.form == "done":
        return "met" if value == 1 else "worse"
    if target.is_relative:
        raise ValueError("a relative target is compared only once resolved")
    shown = round2(value)
    low = round2(target.low) if target.low is not None else None
    high = round2(target.high) if target.high is not None else None
    if direction == "higher":
        if low is not None and (shown < low or (shown == low and target.low_strict)):
            return "worse"
        if high is not None:
            return "exceeded" if shown > high else "met"
        # Open above: on an inclusive bound is met, anything past the bound is exceeded.
        return "exceeded" if low is not None and shown > low else "met"
    if high is not None and (shown > high or (shown == high and target.high_strict)):
        return "worse"
    if low is not None:
        return "exceeded" if shown < low else "met"
    return "exceeded" if high is not None and shown < high else "met"


def period_target(indicator: Indicator) -> Target | None:
    """Return the target the period figure is measured against; None if it cannot be known.

    A relative target resolves against the same period of last year (cùng kỳ).
    """
    target = indicator.target
    if not target.is_relative:
        return target
    if indicator.previous is None:
        return None
    return target.resolved(indicator.previous)


def year_end_target(indicator: Indicator, period_months: int) -> Target | None:
    """Return the target the year's figure is measured against; None if it cannot be known.

    A relative target resolves against last year's whole-year figure; in a year-end report
    that figure is the same period of last year (cùng kỳ) when the table has no other.
    """
    target = indicator.target
    if not target.is_relative:
        return target
    base = indicator.last_year
    if base is None and period_months >= 12:
        base = indicator.previous
    if base is None:
        return None
    return target.resolved(base)


def verdict_status(verdict: Verdict, *, year_end: bool) -> Status:
    """Turn the office's verdict into a status: 'chưa đạt' and 'khó đạt' wait for year end."""
    if verdict in ("exceeded", "met", "not_met"):
        return verdict
    return "not_met" if year_end else "in_progress"


def pace(indicator: Indicator, period_months: int) -> Pace | None:
    """Return how fast a higher-is-better cumulative indicator moves towards its target.

    pace = (actual / target) / (period_months / 12); at least 0.95 is on track, at least 0.75
    at risk, below that behind. A relative target, resolved against the same period of last
    year, is already a target for the period: pace = actual / target. There is no pace for
    other kinds, for a lower-is-better ceiling (nothing to move towards), for a year-end
    report, or for a target that is not positive.
    """
    target = period_target(indicator)
    reference = target.low if target is not None else None
    if (
        indicator.kind != "cumulative"
        or indicator.direction != "higher"
        or indicator.actual is None
        or reference is None
        or round2(reference) <= 0
        or not 1 <= period_months < 12
    ):
        return None
    ratio = round2(indicator.actual) / round2(reference)
    if not indicator.target.is_relative:
        ratio /= Decimal(period_months) / 12
    if ratio >= ON_TRACK:
        return "on_track"
    return "at_risk" if ratio >= AT_RISK else "behind"


def period_status(indicator: Indicator, period_months: int) -> Status:
    """Return the status of an indicator at the end of the report period.

    The office's verdict overrides the computed status (but not 'no data').
    """
    if indicator.actual is None:
        return "no_data"
    if indicator.assessment is not None:
        return verdict_status(indicator.assessment, year_end=period_months >= 12)
    return computed_period_status(indicator, period_months)


def computed_period_status(indicator: Indicator, period_months: int) -> Status:
    """Return the period status from the figures alone, ignoring the office's verdict."""
    target = period_target(indicator)
    if indicator.actual is None or target is None:
        return "no_data"
    comparison = compare(target, indicator.direction, indicator.actual)
    if period_months >= 12:
        return "not_met" if comparison == "worse" else comparison
    if indicator.kind == "cumulative" and indicator.direction == "lower":
        # A ceiling on a running total: once past it, it is missed for good; below it, the
        # year is not over and the total can still rise.
        return "not_met" if comparison == "worse" else "in_progress"
    return "in_progress" if comparison == "worse" else comparison


def year_end_status(indicator: Indicator, period_months: int) -> Status:
    """Return the status expected for the whole year.

    The office's year-end verdict when the table gives one; else the estimate in-year (the
    actual in a year-end report) against the year's target.
    """
    if indicator.year_end_assessment is not None:
        return verdict_status(indicator.year_end_assessment, year_end=True)
    value = indicator.actual if period_months >= 12 else indicator.estimate
    target = year_end_target(indicator, period_months)
    if value is None or target is None:
        return "no_data"
    comparison = compare(target, indicator.direction, value)
    return "not_met" if comparison == "worse" else comparison


def percent_of_target(
    target: Target | None, indicator: Indicator, value: Decimal | None
) -> Decimal | None:
    """Return value as a percent of a positive, higher-is-better target's one figure, else None.

    Only for a number or an 'at least' bound ('% kế hoạch'); a range, a ceiling, a milestone
    or a lower-is-better target has none.
    """
    reference = target.reference if target is not None else None
    if (
        value is None
        or indicator.kind == "milestone"
        or indicator.direction != "higher"
        or reference is None
        or round2(reference) <= 0
    ):
        return None
    return round2(value) / round2(reference) * 100


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
    """An indicator with everything the engine says about it.

    ``period_target`` and ``year_end_target`` are the targets the figures were measured
    against: the table's own, or a relative one resolved against last year (None when last
    year's figure is missing). ``notes`` say why a status could not be computed.
    """

    indicator: Indicator
    period_status: Status
    assessed_by_office: bool
    computed_status: Status
    pace: Pace | None
    year_end_status: Status
    percent_of_target: Decimal | None
    estimate_percent_of_target: Decimal | None
    change: Decimal | None
    period_target: Target | None = None
    year_end_target: Target | None = None
    year_end_by_office: bool = False
    notes: tuple[str, ...] = ()


def _notes(indicator: Indicator, period_months: int) -> tuple[str, ...]:
    if not indicator.target.is_relative:
        return ()
    notes = []
    if indicator.actual is not None and indicator.previous is None:
        notes.append(
            f"{indicator.indicator}: the target '{indicator.target.text}' is relative to last "
            "year, and the same period of last year (cùng kỳ) is missing: no data for the period"
        )
    has_year_figure = indicator.actual if period_months >= 12 else indicator.estimate
    if (
        has_year_figure is not None
        and indicator.year_end_assessment is None
        and year_end_target(indicator, period_months) is None
    ):
        notes.append(
            f"{indicator.indicator}: the target '{indicator.target.text}' is relative to last "
            "year, and last year's whole-year figure is missing: no data for the year"
        )
    return tuple(notes)


def assess(indicator: Indicator, period_months: int) -> Assessed:
    """Return every status and comparison of one indicator at ``period_months``."""
    status = period_status(indicator, period_months)
    computed = computed_period_status(indicator, period_months)
    overridden = indicator.assessment is not None and indicator.actual is not None
    in_year = period_months < 12
    if status != "in_progress":
        item_pace: Pace | None = None
    elif overridden and indicator.assessment == "at_risk" and in_year:
        item_pace = "at_risk"
    else:
        item_pace = pace(indicator, period_months)
    target_now = period_target(indicator)
    target_year = year_end_target(indicator, period_months)
    return Assessed(
        indicator=indicator,
        period_status=status,
        assessed_by_office=overridden,
        computed_status=computed,
        pace=item_pace,
        year_end_status=year_end_status(indicator, period_months),
        percent_of_target=percent_of_target(target_now, indicator, indicator.actual),
        estimate_percent_of_target=percent_of_target(
            target_year, indicator, indicator.actual if not in_year else indicator.estimate
        ),
        change=change_from_previous(indicator),
        period_target=target_now,
        year_end_target=target_year,
        year_end_by_office=indicator.year_end_assessment is not None,
        notes=_notes(indicator, period_months),
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
