"""Vietnamese (and English) formats of numbers, counts, periods and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from reportlib.render.formatting import (
    format_count,
    format_date,
    format_number,
    format_percent,
    format_range,
    format_value,
    period_label,
)


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (D("1234.5"), "1.234,5", "1,234.5"),
        (D("1234567.891"), "1.234.567,89", "1,234,567.89"),
        (D("0.125"), "0,13", "0.13"),  # half up, not the banker's 0,12
        (D("71.995"), "72", "72"),
        (D("38.50"), "38,5", "38.5"),
        (D("-0.85"), "-0,85", "-0.85"),
        (D("-0.001"), "0", "0"),  # no "-0"
        (D("100"), "100", "100"),
        (7, "7", "7"),
    ],
)
def test_format_number(value: D, vi: str, en: str) -> None:
    assert format_number(value, "vi") == vi
    assert format_number(value, "en") == en


def test_format_percent_and_value() -> None:
    assert format_percent(D("75.25"), "vi") == "75,3%"
    assert format_value(D("38.5"), "%", "vi") == "38,5%"
    assert format_value(D("1250"), "tỷ đồng", "vi") == "1.250 tỷ đồng"
    assert format_value(None, "%", "vi") == "–"


def test_counts_have_two_digits() -> None:
    assert format_count(5, 11) == "05/11"
    assert format_count(10, 11) == "10/11"
    assert format_count(0, 9) == "00/09"


def test_range() -> None:
    assert format_range(D("7.5"), D("8"), "vi") == "7,5 - 8"
    assert format_range(D("7.5"), D("7.5"), "vi") == "7,5"


@pytest.mark.parametrize(
    ("months", "vi", "en"),
    [
        (9, "9 tháng đầu năm 2023", "The first 9 months of 2023"),
        (6, "6 tháng đầu năm 2023", "The first 6 months of 2023"),
        (3, "Quý I năm 2023", "The first quarter of 2023"),
        (1, "Tháng 01 năm 2023", "January 2023"),
        (12, "Năm 2023", "The year 2023"),
    ],
)
def test_period_label(months: int, vi: str, en: str) -> None:
    assert period_label(months, 2023, "vi") == vi
    assert period_label(months, 2023, "en") == en


def test_dates_follow_decree_30() -> None:
    assert format_date(dt.date(2023, 10, 5), "vi") == "ngày 05 tháng 10 năm 2023"
    assert format_date(dt.date(2023, 2, 14), "vi") == "ngày 14 tháng 02 năm 2023"
    assert format_date(dt.date(2023, 3, 1), "vi") == "ngày 01 tháng 3 năm 2023"
    assert format_date(dt.date(2023, 10, 5), "en") == "5 October 2023"
