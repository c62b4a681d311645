"""The province report's overview of its units, as HTML: sentences, charts, scorecard, tables.

Every count comes from `reportlib.engine.overview`, which assesses each unit's rows as the
unit's own report does. The scorecard shows one status per unit and indicator, as a colour and a
letter (so that it reads in black and white); in the HTML its columns sort and its rows filter,
in the PDF it prints on landscape pages with its header repeated on each.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reportlib.engine.overview import MET, IndicatorColumn, Overview, UnitResult, province_overview
from reportlib.engine.status import STATUSES
from reportlib.engine.text import fold
from reportlib.render.formatting import (
    format_count,
    format_number,
    period_label,
    status_label,
)
from reportlib.render.narrative import Html
from reportlib.render.overview_charts import overview_figures
from reportlib.render.overview_data import units_noun

if TYPE_CHECKING:
    import jinja2

    from reportlib.engine.report import Report

#: One letter per status, shown in each scorecard cell beside its colour.
STATUS_LETTERS: dict[str, dict[str, str]] = {
    "vi": {"exceeded": "V", "met": "Đ", "not_met": "K", "in_progress": "T", "no_data": "–"},
    "en": {"exceeded": "E", "met": "M", "not_met": "N", "in_progress": "P", "no_data": "–"},
}
#: How many indicators the sentences name at most, and how many units before "và N ... khác".
NAMED_AT_MOST = 3
UNITS_NAMED_AT_MOST = 8
#: The order a status column sorts in: the best result first.
STATUS_RANK = {"exceeded": 1, "met": 2, "in_progress": 3, "not_met": 4, "no_data": 5, "none": 6}


def overview(report: Report, links: Mapping[str, str] | None = None) -> Html:
    """Render the overview of a province's units; empty HTML for any other report.

    ``links`` maps a unit to its own report's address; by default the ones the build passed
    to the notebook (``Report.unit_reports``).
    """
    found = province_overview(report, links=report.unit_reports if links is None else links)
    if found is None:
        return Html("")
    template = _environment().get_template("overview.html.j2")
    view = overview_view(report, found)
    return Html(str(template.render(v=view, charts=overview_figures(report, found))).strip())


def overview_view(report: Report, found: Overview) -> dict[str, Any]:
    """Return what the overview template shows, formatted; every count from ``found``."""
    language = report.params.language
    total = len(found.units)
    letters = STATUS_LETTERS[language]
    columns = found.indicators
    year_end_columns = {c.key: c for c in found.year_end_indicators}
    is_year_end = report.period_months >= 12
    return {
        "language": language,
        "period": period_label(report.period_months, report.year, language),
        "is_year_end": is_year_end,
        "year": report.year,
        "noun": units_noun(found, language),
        "total": total,
        "sentences": _sentences(
            found, language, is_year_end, period_label(report.period_months, report.year, language)
        ),
        "skipped": list(found.skipped),
        "legend": [
            {"status": s, "letter": letters[s], "label": status_label(s, language)}
            for s in STATUSES
        ],
        "columns": [
            {"number": n, "name": c.name, "key": c.key} for n, c in enumerate(columns, start=1)
        ],
        "units": [_unit_row(found, u, columns, language) for u in found.units],
        "indicators": [
            _indicator_row(n, c, year_end_columns[c.key], language, is_year_end)
            for n, c in enumerate(columns, start=1)
        ],
    }


def _unit_row(
    found: Overview, unit: UnitResult, columns: tuple[IndicatorColumn, ...], language: str
) -> dict[str, Any]:
    letters = STATUS_LETTERS[language]
    cells = []
    for column in columns:
        status = unit.status_of(column.key)
        cells.append(
            {
                "status": status or "none",
                "rank": STATUS_RANK[status or "none"],
                "letter": letters[status] if status else "",
                "label": status_label(status, language) if status else "",
            }
        )
    counts = unit.counts
    return {
        "rank": found.rank(unit),
        "unit": unit.unit,
        "link": unit.link,
        "level": unit.info.level if unit.info is not None else "",
        "code": unit.info.code if unit.info is not None else "",
        "cells": cells,
        "met": format_count(counts.period_met, counts.total),
        "met_n": counts.period_met,
        "share": format_number(unit.share_met(), language, 1) + "%",
        "share_n": f"{unit.share_met():.4f}",
        "year_end_met": format_count(counts.year_end_met, counts.total),
        "year_end_met_n": counts.year_end_met,
        "year_end_share": format_number(unit.share_met(year_end=True), language, 1) + "%",
        "year_end_share_n": f"{unit.share_met(year_end=True):.4f}",
    }


def _indicator_row(
    number: int,
    column: IndicatorColumn,
    year_end: IndicatorColumn,
    language: str,
    is_year_end: bool,
) -> dict[str, Any]:
    assessed = column.assessed_units
    missing = year_end.units.get("not_met", ()) if not is_year_end else ()
    return {
        "number": number,
        "name": column.name,
        "met": format_count(column.count(*MET), assessed),
        "not_met": format_count(column.count("not_met"), assessed),
        "year_end_met": format_count(year_end.count(*MET), year_end.assessed_units),
        "missing": list(column.units.get("not_met", ())),
        "year_end_missing": list(missing),
    }


def _sentences(found: Overview, language: str, is_year_end: bool, period: str) -> list[str]:
    total = len(found.units)
    noun = units_noun(found, language)
    all_now = len(found.all_met())
    all_year = len(found.all_met(year_end=True))
    worst = sorted(
        found.year_end_indicators if not is_year_end else found.indicators,
        key=lambda c: (-c.count("not_met"), c.name),
    )
    worst = [c for c in worst if c.count("not_met")][:NAMED_AT_MOST]
    lowest = _lowest(found) if total > NAMED_AT_MOST else []
    more = len(lowest) - UNITS_NAMED_AT_MOST
    lowest = lowest[:UNITS_NAMED_AT_MOST]
    if language == "en":
        text = [
            f"{period}: {format_count(all_now, total)} {noun} met or exceeded every one of their "
            "indicators"
            + (
                "."
                if is_year_end
                else f"; by the year-end estimate, {format_count(all_year, total)} {noun} will."
            )
        ]
        if worst:
            text.append(
                "The indicators most often not met"
                + ("" if is_year_end else " by the year-end estimate")
                + ": "
                + "; ".join(
                    f"{c.name} ({format_count(c.count('not_met'), c.assessed_units)})"
                    for c in worst
                )
                + "."
            )
        if lowest:
            text.append(
                "The lowest shares met or exceeded: "
                + "; ".join(
                    f"{u.unit} ({format_count(u.counts.period_met, u.counts.total)})"
                    for u in lowest
                )
                + (f"; and {more} more {noun}" if more > 0 else "")
                + "."
            )
        return text
    text = [
        f"{period}, có {format_count(all_now, total)} {noun} đạt và vượt toàn bộ chỉ tiêu"
        + (
            "."
            if is_year_end
            else f"; ước cả năm có {format_count(all_year, total)} {noun} "
            "đạt và vượt toàn bộ chỉ tiêu."
        )
    ]
    if worst:
        text.append(
            "Các chỉ tiêu có nhiều "
            + noun
            + (" không đạt nhất: " if is_year_end else " ước cả năm không đạt nhất: ")
            + "; ".join(
                f"{c.name} ({format_count(c.count('not_met'), c.assessed_units)} {noun})"
                for c in worst
            )
            + "."
        )
    if lowest:
        text.append(
            "Các "
            + noun
            + " có tỷ lệ chỉ tiêu đạt và vượt thấp nhất: "
            + "; ".join(
                f"{u.unit} ({format_count(u.counts.period_met, u.counts.total)})" for u in lowest
            )
            + (f" và {more} {noun} khác" if more > 0 else "")
            + "."
        )
    return text


def _lowest(found: Overview) -> list[UnitResult]:
    """The units of the lowest shares met, ties included: the lowest share, and the next ones
    until NAMED_AT_MOST units are named (a share is never split between named and unnamed)."""
    by_share: dict[object, list[UnitResult]] = {}
    for unit in reversed(found.units):
        by_share.setdefault(unit.share_met(), []).append(unit)
    chosen: list[UnitResult] = []
    for share in sorted(by_share, key=lambda d: d):  # type: ignore[arg-type,return-value]
        if len(chosen) >= NAMED_AT_MOST:
            break
        chosen.extend(sorted(by_share[share], key=lambda u: fold(u.unit)))
    return chosen


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("reportlib.render", "templates/report"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
