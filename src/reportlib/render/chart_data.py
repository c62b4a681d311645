"""What a chart shows, worked out once for its wide drawing and its phone drawing.

The wide drawings (matplotlib, `reportlib.render.charts`) and the phone drawings (SVG,
`reportlib.render.phone_charts`) take their figures, labels and captions from here, so the
two never disagree.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlib.engine.model import Status
from reportlib.engine.status import Assessed, round2
from reportlib.render.chart_style import CAP, WORDS
from reportlib.render.formatting import format_number

if TYPE_CHECKING:
    from reportlib.engine.report import Report


def status_rows(report: Report) -> list[tuple[str, Mapping[Status, int]]]:
    """Return the status chart's rows: the period's counts, then the year-end estimate's."""
    words = WORDS[report.params.language]
    if report.period_months >= 12:  # a year-end report has one row: the whole year
        return [(words["year_end_12"], report.counts.period)]
    return [
        (words["period"], report.counts.period),
        (words["year_end"], report.counts.year_end),
    ]


def attainment(item: Assessed) -> Decimal | None:
    """Return how far an indicator has come against its target, in percent (100 = on target).

    Higher-is-better: actual / target; lower-is-better: target / actual, so that above 100 is
    better either way. A range counts from its near end. Milestones are 100 (done) or 0.
    """
    indicator = item.indicator
    actual = indicator.actual
    if actual is None:
        return None
    if indicator.kind == "milestone":
        return Decimal(100) if actual == 1 else Decimal(0)
    target = item.period_target
    if target is None:
        return None
    value = round2(actual)
    if indicator.direction == "higher":
        if target.low is None:
            return None
        reference = round2(target.low)
        return value / reference * 100 if reference > 0 else None
    if target.high is None or value <= 0:
        return None
    return round2(target.high) / value * 100


def target_label(item: Assessed) -> str:
    """Return an indicator's label on the target chart: its id and name, at most 48 letters."""
    indicator = item.indicator
    return textwrap.shorten(f"{indicator.indicator_id}. {indicator.indicator}", 48, placeholder="…")


def attainment_caption(item: Assessed, value: Decimal, language: str) -> str:
    """Return the figure written after a bar: '71,8%', 'hoàn thành', '▸' past the cap."""
    words = WORDS[language]
    if item.indicator.kind == "milestone":
        caption = words["done"] if item.indicator.actual == 1 else words["not_done"]
    else:
        caption = f"{format_number(value, language, 1)}%"
    return caption + (" ▸" if value > CAP else "")


def expected_pace(report: Report, item: Assessed) -> float | None:
    """Return the percent of the target a cumulative indicator needs by now, or None.

    Only for higher-is-better cumulative indicators in-year: 9 months in, 75 (%).
    """
    indicator = item.indicator
    if (
        indicator.kind == "cumulative"
        and indicator.direction == "higher"
        and report.period_months < 12
    ):
        return 100 * report.period_months / 12
    return None


def pace_legend(report: Report) -> str:
    """Return the legend of the pace tick: 'tiến độ cần đạt (9/12)'."""
    return f"{WORDS[report.params.language]['expected']} ({report.period_months}/12)"
