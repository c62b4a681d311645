"""Every sentence `reportlib verify` says to a person, in one place so it can be translated.

English for now. The draft's own words (the claims as written) are quoted, never translated;
numbers the table gives are written the Vietnamese way (1.234,5), as the draft writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

CATEGORY = {
    "met_or_exceeded": "met or exceeded",
    "exceeded": "exceeded",
    "met": "met",
    "not_met": "not met",
    "in_progress": "in progress",
    "no_data": "without data",
    "total_only": "in all",
}
QUANTITY = {
    "value": "the value",
    "percent_of_plan": "the percent of plan",
    "change": "the change from last year",
}


def _no_translation(message: str) -> str:
    """Mark a message for the catalogue (reportlib.i18n), translated where it is shown."""
    return message


STATUS_HEADINGS = {
    "wrong": _no_translation("wrong"),
    "inconsistent": _no_translation("inconsistent"),
    "unchecked": _no_translation("unchecked"),
    "ok": _no_translation("ok"),
}
NO_FACTS = "no table to check it against (give --params)"
UNITS_NOT_CHECKED = "a count of units, not of this report's indicators"
SCOPE_UNKNOWN = "the draft does not say whether it means the period or the year-end estimate"
NO_TOTAL_AMONG_OTHERS = "no total written, and the draft counts other sets of indicators too"
NOT_COMPARED_AT_YEAR_END = "the table's facts hold this comparison for the period only"
POINTS = "percentage points"


def scope_name(scope: str, months: int) -> str:
    """Name the span a claim speaks of: 'the 9 months', 'the year-end estimate'."""
    if scope == "year_end":
        return "the year-end estimate"
    return "the year" if months == 12 else f"the {months} months"


def table_counts(category: str, scope: str, months: int, expected: str) -> str:
    """Say what the table counts for a count claim: '05/11 met or exceeded in the 9 months'."""
    return f"the table counts {expected} {CATEGORY[category]} in {scope_name(scope, months)}"


def different_set(total: int, table_total: int) -> str:
    """Say that a count is out of another total than this table's."""
    return f"a set of {total}, not this table's {table_total} indicators"


def other_period(months: int, table_months: int) -> str:
    """Say that a claim speaks of another period than the table's report."""
    return f"speaks of {months} months; the table's report covers {table_months}"


def other_year(year: int, table_year: int) -> str:
    """Say that a claim speaks of another year than the table's report."""
    return f"speaks of {year}; the table's report is for {table_year}"


def set_sum(parts: Sequence[str], total_written: int, parts_sum: int) -> str:
    """Show how a set's parts add up: '05 + 01 + 06 = 12, not 11'."""
    shown = " + ".join(parts)
    if parts_sum == total_written:
        return f"its parts add up to its total: {shown} = {total_written}"
    return f"its parts do not add up to its total: {shown} = {parts_sum}, not {total_written}"


def no_indicator(name: str) -> str:
    """Say that a figure names no indicator of the table."""
    return f"no indicator of the table is called {name!r}"


def ambiguous(names: Sequence[str]) -> str:
    """Say that a figure's name fits several indicators."""
    return "the name fits several indicators: " + "; ".join(names)


def not_in_table(quantity: str, scope: str, months: int) -> str:
    """Say that the table has no figure to compare with."""
    return f"the table gives nothing for {QUANTITY[quantity]} in {scope_name(scope, months)}"


def unit_differs(written: str, table: str) -> str:
    """Say that the draft writes a figure in another unit than the table."""
    return f"the draft writes it in {written!r}, the table in {table!r}"


def table_gives(quantity: str, expected: str) -> str:
    """Say what the table gives for a figure's quantity."""
    return f"the table gives {expected} for {QUANTITY[quantity]}"


def change_measure(points: bool) -> str:
    """Name what a change is measured in."""
    return POINTS if points else "percent"


def measure_wrong(written_points: bool, expected: str) -> str:
    """Say that a change is stated in the wrong measure (percent for a rate, or points)."""
    written = change_measure(written_points)
    return f"the draft states the change in {written}; the table gives {expected}"


def skipped(where: str, encoding: str) -> str:
    """Note a paragraph left out because it is typed in a legacy font."""
    return f"{where}: left out, it reads as {encoding} text (convert it to Unicode)"


def checked_against(unit: str, year: int, months: int) -> str:
    """Say which report's table the draft was checked against."""
    span = "year" if months == 12 else f"{months} months"
    return f"checked against the table of {unit}, {year}, {span}"


def summary(draft: str, counts: Mapping[str, int]) -> str:
    """Sum up: 'draft.docx: 14 claims: 2 wrong, 1 inconsistent, 9 ok, 2 unchecked'."""
    from reportlib.i18n import gettext, ngettext

    total = sum(counts.values())
    if not total:
        return f"{draft}: " + gettext("no count or figure claim found")
    parts = ", ".join(f"{counts.get(s, 0)} {gettext(STATUS_HEADINGS[s])}" for s in STATUS_HEADINGS)
    claims = ngettext("{count} claim", "{count} claims", total).format(count=total)
    return f"{draft}: {claims}: {parts}"
