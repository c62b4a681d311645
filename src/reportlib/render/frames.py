"""A report's indicators as a pandas DataFrame, for the analyst's own cells.

`frame` gives one row per indicator: its id, name, unit of measure, kind and direction, the
figures as floats (NaN for none, so that ``df.plot`` and arithmetic work; the engine's own
Decimals stay exact in ``report.assessed``), and the verdicts (period status, pace, year-end
status) under the names of SPEC §5. ``frame(report, formatted=True)`` is the same table for
reading: figures and targets written in the report's language (4.850; 285,6), statuses named
in words ('Vượt', 'Đạt'), columns headed in the report's language. `table` displays any
DataFrame in the report's style (the appendix's table), in the notebook and in the HTML.

A cell that only helps the analyst (a plot to check a figure) can be kept out of the filed
report with the cell tag ``reportlib-hide`` (SPEC §4; the HTML and PDF leave it out).
"""

from __future__ import annotations

import html
import math
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.render.formatting import (
    format_number,
    format_target,
    pace_label,
    status_label,
)
from reportlib.render.narrative import Html

if TYPE_CHECKING:
    import pandas as pd

    from reportlib.engine.report import Report

LANGUAGE_ATTR = "reportlib_language"
# The columns of `frame`, in order; the figures are floats.
COLUMNS = (
    "indicator_id",
    "indicator",
    "group",
    "unit_of_measure",
    "kind",
    "direction",
    "target_low",
    "target_high",
    "actual",
    "estimate",
    "previous",
    "percent_of_target",
    "change",
    "period_status",
    "pace",
    "year_end_status",
)
FIGURES = (
    "target_low",
    "target_high",
    "actual",
    "estimate",
    "previous",
    "percent_of_target",
    "change",
)
# The headers of the formatted table, per report language.
HEADERS = {
    "vi": {
        "indicator_id": "Mã",
        "indicator": "Chỉ tiêu",
        "unit_of_measure": "ĐVT",
        "target": "Kế hoạch",
        "actual": "Thực hiện",
        "estimate": "Ước cả năm",
        "previous": "Cùng kỳ",
        "percent_of_target": "% kế hoạch",
        "period_status": "Đánh giá",
        "pace": "Tiến độ",
        "year_end_status": "Đánh giá cả năm",
    },
    "en": {
        "indicator_id": "ID",
        "indicator": "Indicator",
        "unit_of_measure": "Unit",
        "target": "Target",
        "actual": "Actual",
        "estimate": "Year-end estimate",
        "previous": "Same period last year",
        "percent_of_target": "% of target",
        "period_status": "Status",
        "pace": "Pace",
        "year_end_status": "Year-end status",
    },
}


def _float(value: Decimal | None) -> float:
    return float(value) if value is not None else math.nan


def frame(report: Report, *, formatted: bool = False) -> pd.DataFrame:
    """Return the report's indicators as a DataFrame: floats for plotting, or text to read.

    Parameters
    ----------
    report
        What `prepare_report` returned.
    formatted
        False: the figures as floats (NaN where there is none), statuses by their SPEC §5
        names, columns named as in `COLUMNS`. True: every figure and verdict written as the
        report writes it, in its language, under headers in its language.

    Returns
    -------
    A new DataFrame indexed by indicator id; the report is not changed.
    """
    import pandas as pd

    language = report.params.language
    rows: list[dict[str, Any]] = []
    for item in report.assessed:
        indicator = item.indicator
        target = item.period_target
        if not formatted:
            rows.append(
                {
                    "indicator_id": indicator.indicator_id,
                    "indicator": indicator.indicator,
                    "group": indicator.group,
                    "unit_of_measure": indicator.unit_of_measure,
                    "kind": indicator.kind,
                    "direction": indicator.direction,
                    "target_low": _float(target.low if target else None),
                    "target_high": _float(target.high if target else None),
                    "actual": _float(indicator.actual),
                    "estimate": _float(indicator.estimate),
                    "previous": _float(indicator.previous),
                    "percent_of_target": _float(item.percent_of_target),
                    "change": _float(item.change),
                    "period_status": item.period_status,
                    "pace": item.pace,
                    "year_end_status": item.year_end_status,
                }
            )
            continue
        percent = item.percent_of_target
        rows.append(
            {
                "indicator_id": indicator.indicator_id,
                "indicator": indicator.indicator,
                "unit_of_measure": indicator.unit_of_measure,
                "target": format_target(target, "", language) if target else "–",
                "actual": _figure(indicator.actual, language),
                "estimate": _figure(indicator.estimate, language),
                "previous": _figure(indicator.previous, language),
                "percent_of_target": (
                    format_number(percent, language, decimals=1) + "%" if percent else "–"
                ),
                "period_status": status_label(item.period_status, language),
                "pace": pace_label(item.pace, language),
                "year_end_status": status_label(item.year_end_status, language),
            }
        )
    if not formatted:
        result = pd.DataFrame(rows, columns=list(COLUMNS))
        result[list(FIGURES)] = result[list(FIGURES)].astype("float64")
        result = result.set_index("indicator_id", drop=False).rename_axis(None)
    else:
        headers = HEADERS.get(language, HEADERS["en"])
        result = pd.DataFrame(rows, columns=list(headers))
        result = result.rename(columns=headers).set_index(headers["indicator_id"])
    # `table` writes numbers in this language; pandas carries attrs through most operations.
    result.attrs[LANGUAGE_ATTR] = language
    return result


def _figure(value: Decimal | None, language: str) -> str:
    return format_number(value, language) if value is not None else "–"


def table(data: pd.DataFrame, *, language: str | None = None, index: bool = True) -> Html:
    """Display a DataFrame in the report's style: the appendix's table, numbers to the right.

    Numbers are written in ``language`` (default: the report's, for a frame `frame` made,
    else Vietnamese): 4.850 and 285,6; NaN shows as '–'. The HTML is built here, escaped,
    with no style or script of pandas' own.
    """
    language = language or str(data.attrs.get(LANGUAGE_ATTR, "vi"))
    columns = list(data.columns)
    head = "".join(f"<th>{html.escape(str(name))}</th>" for name in columns)
    if index:
        head = f"<th>{html.escape(str(data.index.name or ''))}</th>" + head
    body = []
    for label, row in zip(data.index, data.itertuples(index=False), strict=True):
        cells = [f'<td class="id">{html.escape(str(label))}</td>'] if index else []
        for value in row:
            text, numeric = _cell(value, language)
            css = ' class="num"' if numeric else ""
            cells.append(f"<td{css}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return Html(
        '<div class="reportlib-table"><table class="indicators">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _cell(value: Any, language: str) -> tuple[str, bool]:
    """Return a cell's text and whether it is a number (aligned right)."""
    if isinstance(value, bool):
        return str(value), False
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and math.isnan(value):
            return "–", True
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return format_number(number, language), True
    if value is None:
        return "–", False
    return str(value), False
