"""The facts a draft is checked against: one report's counts and its indicators' figures.

They are read from the object ``reportlib status --json`` prints (SPEC §7), the stable
contract between the engine and this checker, so that verify never depends on how the
engine keeps a report inside. Numbers become Decimals through their decimal text (7.62 stays
7.62, not 7.6200000000000001). A change from last year that the object does not carry is
computed as the engine states it: in percentage points for a rate (unit '%'), else in percent
of last year's figure, each figure rounded to two decimals first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from reportlib.errors import FactsError

STATUSES = ("exceeded", "met", "not_met", "in_progress", "no_data")


@dataclass(frozen=True)
class IndicatorFacts:
    """What the table says about one indicator.

    Parameters
    ----------
    indicator_id, name
        The indicator's id and its name as the table writes it.
    unit_of_measure
        Its ĐVT ('%', 'tỷ đồng'); '' when the table gives none.
    actual, estimate, previous
        The figure at the end of the period, the year-end estimate, the same period last year.
    percent_of_target
        The actual as a percent of the plan, where the report states one.
    change
        The change from last year: in points when ``change_in_points``, else in percent.
    change_in_points
        Whether ``change`` is in percentage points (the indicator is a rate).
    period_status, year_end_status
        One of exceeded, met, not_met, in_progress, no_data.
    """

    indicator_id: str
    name: str
    unit_of_measure: str
    actual: Decimal | None
    estimate: Decimal | None
    previous: Decimal | None
    percent_of_target: Decimal | None
    change: Decimal | None
    change_in_points: bool
    period_status: str
    year_end_status: str


@dataclass(frozen=True)
class Facts:
    """One report's facts: its unit, year and period, its counts, its indicators.

    Parameters
    ----------
    unit
        The unit reported on, as the table writes it.
    year, period_months
        The report's year and the months it covers (12: a year-end report).
    total
        The number of indicators.
    period_counts, year_end_counts
        Status -> number of indicators, for the period and for the year-end estimate; every
        status in ``STATUSES`` is present.
    indicators
        Each indicator's facts, in the table's order.
    """

    unit: str
    year: int
    period_months: int
    total: int
    period_counts: dict[str, int]
    year_end_counts: dict[str, int]
    indicators: tuple[IndicatorFacts, ...]


def facts_from_mapping(mapping: Mapping[str, Any]) -> Facts:
    """Read facts from the object of ``reportlib status --json``.

    Parameters
    ----------
    mapping
        Its keys: ``unit`` (or ``district``), ``year``, ``period_months``, ``counts``
        (``total``, ``period``, ``year_end``) and ``indicators``.

    Raises
    ------
    FactsError
        Naming the first key that is missing or holds a value of the wrong kind.
    """
    unit = mapping.get("unit", mapping.get("district"))
    if not isinstance(unit, str):
        raise FactsError("status object: expected 'unit' (or 'district') to be a name")
    counts = _mapping(mapping, "counts", "status object")
    indicators = mapping.get("indicators")
    if not isinstance(indicators, list):
        raise FactsError("status object: expected 'indicators' to be a list")
    return Facts(
        unit=unit,
        year=_integer(mapping, "year", "status object"),
        period_months=_integer(mapping, "period_months", "status object"),
        total=_integer(counts, "total", "counts"),
        period_counts=_counts(counts, "period"),
        year_end_counts=_counts(counts, "year_end"),
        indicators=tuple(_indicator(item, n) for n, item in enumerate(indicators, start=1)),
    )


def _indicator(item: object, number: int) -> IndicatorFacts:
    where = f"indicators[{number - 1}]"
    if not isinstance(item, Mapping):
        raise FactsError(f"status object: expected {where} to be an object")
    unit_of_measure = item.get("unit") or ""
    if not isinstance(unit_of_measure, str):
        raise FactsError(f"status object: expected {where}.unit to be text")
    actual = _decimal(item, "actual", where)
    previous = _decimal(item, "previous", where)
    is_rate = unit_of_measure.strip() == "%"
    points = item.get("change_in_points")
    if "change" in item:
        change = _decimal(item, "change", where)
        change_in_points = bool(points) if points is not None else is_rate
    else:
        change, change_in_points = _change(actual, previous, is_rate), is_rate
    return IndicatorFacts(
        indicator_id=str(item.get("indicator_id", number)),
        name=_text(item, "indicator", where),
        unit_of_measure=unit_of_measure,
        actual=actual,
        estimate=_decimal(item, "estimate", where),
        previous=previous,
        percent_of_target=_decimal(item, "percent_of_target", where),
        change=change,
        change_in_points=change_in_points,
        period_status=_status(item, "period_status", where),
        year_end_status=_status(item, "year_end_status", where),
    )


def _change(actual: Decimal | None, previous: Decimal | None, is_rate: bool) -> Decimal | None:
    """Return the change from last year as the engine states it (see the module's notes)."""
    if actual is None or previous is None:
        return None
    now, before = _round2(actual), _round2(previous)
    if is_rate:
        return now - before
    if before == 0:
        return None  # no percent of nothing
    return (now - before) / abs(before) * 100


def _round2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _mapping(mapping: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
    value = mapping.get(key)
    if not isinstance(value, Mapping):
        raise FactsError(f"{where}: expected '{key}' to be an object")
    return value


def _integer(mapping: Mapping[str, Any], key: str, where: str) -> int:
    value = mapping.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise FactsError(f"{where}: expected '{key}' to be a whole number, got {value!r}")
    return value


def _text(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FactsError(f"status object: expected {where}.{key} to be a name, got {value!r}")
    return value


def _counts(counts: Mapping[str, Any], key: str) -> dict[str, int]:
    given = _mapping(counts, key, "counts")
    unknown = sorted(set(given) - set(STATUSES))
    if unknown:
        raise FactsError(
            f"counts.{key}: unknown status {unknown[0]!r}; the statuses are {', '.join(STATUSES)}"
        )
    return {
        status: _integer(given, status, f"counts.{key}") if status in given else 0
        for status in STATUSES
    }


def _decimal(mapping: Mapping[str, Any], key: str, where: str) -> Decimal | None:
    value = mapping.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise FactsError(f"status object: expected {where}.{key} to be a number, got {value!r}")
    try:
        # Through str: a JSON float 7.62 is the decimal 7.62 the table holds.
        number = Decimal(str(value))
    except InvalidOperation:
        raise FactsError(
            f"status object: expected {where}.{key} to be a number, got {value!r}"
        ) from None
    if not number.is_finite():
        raise FactsError(f"status object: expected {where}.{key} to be a finite number")
    return number


def _status(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key)
    if value not in STATUSES:
        raise FactsError(
            f"status object: {where}.{key} is {value!r}; expected one of {', '.join(STATUSES)}"
        )
    assert isinstance(value, str)
    return value
