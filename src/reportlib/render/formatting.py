"""Format numbers, counts, periods and dates the way Vietnamese (or English) reports write them.

Plain functions, registered as Jinja2 filters by the narrative. Rounding is half up, as the
report promises: 0,125 -> 0,13 (Babel and Python's format() would give the banker's 0,12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlib.engine.model import Target

# Fixed names: strftime('%B') follows the machine's locale, and reports must not.
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_number(value: Decimal | int | None, language: str = "vi", decimals: int = 2) -> str:
    """Format a number: 1.234,5 (vi) or 1,234.5 (en), at most ``decimals`` decimals, half up.

    Trailing zeros after the mark are dropped (72,00 -> 72; 38,50 -> 38,5), as these reports
    write figures.
    """
    if value is None:
        return "–"
    number = Decimal(value)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):f}"
    integer, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    thousands, mark = (".", ",") if language == "vi" else (",", ".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    body = thousands.join(groups)
    return f"{sign}{body}{mark}{fraction}" if fraction else f"{sign}{body}"


def format_percent(value: Decimal | None, language: str = "vi", decimals: int = 1) -> str:
    """Format a percentage with its sign: 75,3% (vi) or 75.3% (en)."""
    if value is None:
        return "–"
    return f"{format_number(value, language, decimals)}%"


def format_count(count: int, total: int) -> str:
    """Format a count out of a total with two digits, as these reports do: 05/11."""
    return f"{count:02d}/{total:02d}"


def format_range(low: Decimal | None, high: Decimal | None, language: str = "vi") -> str:
    """Format a target: one number, or a range '7,5 - 8'."""
    if low is None or high is None:
        return "–"
    if low == high:
        return format_number(low, language)
    return f"{format_number(low, language)} - {format_number(high, language)}"


def period_label(period_months: int, year: int, language: str = "vi") -> str:
    """Name a report period: '9 tháng đầu năm 2023', 'Quý I năm 2023', 'Năm 2023'."""
    if language == "vi":
        if period_months == 12:
            return f"Năm {year}"
        if period_months == 3:
            return f"Quý I năm {year}"
        if period_months == 1:
            return f"Tháng 01 năm {year}"
        return f"{period_months} tháng đầu năm {year}"
    if period_months == 12:
        return f"The year {year}"
    if period_months == 3:
        return f"The first quarter of {year}"
    if period_months == 1:
        return f"January {year}"
    return f"The first {period_months} months of {year}"


def format_date(date: dt.date | None, language: str = "vi") -> str:
    """Write a date as documents do: 'ngày 05 tháng 10 năm 2023' or '5 October 2023'."""
    if date is None:
        return ""
    if language == "vi":
        # Decree 30/2020: a leading zero for days below 10 and for months 1 and 2.
        month = f"{date.month:02d}" if date.month <= 2 else str(date.month)
        return f"ngày {date.day:02d} tháng {month} năm {date.year}"
    return f"{date.day} {_MONTHS_EN[date.month - 1]} {date.year}"


STATUS_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "exceeded": "Vượt",
        "met": "Đạt",
        "not_met": "Không đạt",
        "in_progress": "Đang thực hiện",
        "no_data": "Chưa có số liệu",
    },
    "en": {
        "exceeded": "Exceeded",
        "met": "Met",
        "not_met": "Not met",
        "in_progress": "In progress",
        "no_data": "No data",
    },
}
PACE_LABELS: dict[str, dict[str, str]] = {
    "vi": {"on_track": "đúng tiến độ", "at_risk": "có nguy cơ không đạt", "behind": "chậm tiến độ"},
    "en": {"on_track": "on track", "at_risk": "at risk", "behind": "behind schedule"},
}


def status_label(status: str, language: str = "vi") -> str:
    """Name a status in the report's language: 'met' -> 'Đạt'."""
    return STATUS_LABELS[language][status]


def pace_label(pace: str | None, language: str = "vi") -> str:
    """Name a pace in the report's language: 'behind' -> 'chậm tiến độ'; '' for None."""
    return PACE_LABELS[language][pace] if pace else ""


def format_value(value: Decimal | None, unit: str, language: str = "vi") -> str:
    """Format a figure with its unit: '38,5%', '1.250 tỷ đồng'."""
    if value is None:
        return "–"
    return with_unit(format_number(value, language), unit)


def with_unit(text: str, unit: str) -> str:
    """Write a unit after a figure: '38,5%' (no space before %), '1.250 tỷ đồng'."""
    unit = unit.strip()
    if not unit or text == "–":
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


_TARGET_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "at_least": "từ {n} trở lên",
        "more_than": "trên {n}",
        "at_most": "không quá {n}",
        "less_than": "dưới {n}",
        "about": "khoảng {n}",
        "done": "Hoàn thành",
    },
    "en": {
        "at_least": "at least {n}",
        "more_than": "more than {n}",
        "at_most": "at most {n}",
        "less_than": "less than {n}",
        "about": "about {n}",
        "done": "Completed",
    },
}


def format_target(target: Target | None, unit: str = "", language: str = "vi") -> str:
    """Write a target as the report states it: '7,5 - 8%', 'từ 405 trở lên', 'dưới 1,5%'.

    A relative target that was resolved shows the figures it resolved to; one that could not
    be resolved shows its words as the table wrote them.
    """
    if target is None:
        return "–"
    words = _TARGET_WORDS[language]
    if target.form == "done":
        return words["done"]
    if target.form == "relative":
        return target.text

    def number(value: Decimal | None) -> str:
        return format_value(value, unit, language)

    if target.form == "range":
        span = f"{format_number(target.low, language)} - {format_number(target.high, language)}"
        return with_unit(span, unit)
    if target.form in ("at_least", "more_than"):
        return words[target.form].format(n=number(target.low))
    if target.form in ("at_most", "less_than"):
        return words[target.form].format(n=number(target.high))
    if target.approximate:
        return words["about"].format(n=number(target.low))
    return number(target.low)


_LEVEL_NOUNS = {
    "vi": {"commune": "xã", "ward": "phường", "special_zone": "đặc khu"},
    "en": {"commune": "communes", "ward": "wards", "special_zone": "special zones"},
}


def level_nouns(levels: Sequence[str | None], language: str = "vi") -> str:
    """Name a set of units by their levels, as a province's report does: 'xã, phường',
    'xã, phường, đặc khu' ('communes and wards'); 'đơn vị' ('units') when any is off the
    official list (None) or not commune-level."""
    nouns = _LEVEL_NOUNS[language]
    present = [nouns[level] for level in nouns if level in levels]
    if not present or any(level not in nouns for level in levels):
        return "đơn vị" if language == "vi" else "units"
    if language == "en":
        return " and ".join(present) if len(present) < 3 else "communes, wards and special zones"
    return ", ".join(present)
