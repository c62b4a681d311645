"""What the charts share: status colours and hatches, their words, figure and text helpers.

Colours are the Okabe-Ito palette, which colour-blind readers can tell apart; each status has
the same colour everywhere, and hatching keeps the statuses apart in black-and-white print.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from reportlib.render.formatting import format_number, status_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

STATUS_COLORS = {
    "exceeded": "#0072B2",
    "met": "#009E73",
    "not_met": "#D55E00",
    "in_progress": "#E69F00",
    "no_data": "#BBBBBB",
}
STATUS_HATCHES = {
    "exceeded": "",
    "met": "",
    "not_met": "///",
    "in_progress": "...",
    "no_data": "xx",
}
DPI = 144
CAP = 160  # percent: longer bars are cut here and marked, so one outlier does not flatten the rest

WORDS = {
    "vi": {
        "period": "Kỳ báo cáo",
        "year_end": "Ước cả năm",
        "year_end_12": "Cả năm",
        "indicators": "Số chỉ tiêu",
        "status_title": "Số chỉ tiêu theo kết quả đánh giá",
        "target_title": "Mức độ thực hiện so với kế hoạch (%)",
        "target_axis": "% kế hoạch (chiều giảm: kế hoạch / thực hiện)",
        "expected": "tiến độ cần đạt",
        "history_title": "Diễn biến qua các năm",
        "target": "Kế hoạch",
        "actual": "Thực hiện",
        "estimate": "Ước",
        "status_alt": "Biểu đồ thanh: số chỉ tiêu theo kết quả. ",
        "target_alt": "Biểu đồ thanh: mức độ thực hiện từng chỉ tiêu so với kế hoạch. ",
        "history_alt": (
            "Biểu đồ đường: diễn biến từng chỉ tiêu qua các năm {years}, so với kế hoạch."
        ),
        "done": "hoàn thành",
        "not_done": "chưa hoàn thành",
    },
    "en": {
        "period": "Report period",
        "year_end": "Year-end estimate",
        "year_end_12": "Whole year",
        "indicators": "Indicators",
        "status_title": "Indicators by status",
        "target_title": "Achievement against the target (%)",
        "target_axis": "% of target (lower-is-better: target / actual)",
        "expected": "pace needed",
        "history_title": "Over the years",
        "target": "Target",
        "actual": "Actual",
        "estimate": "Estimate",
        "status_alt": "Bar chart: number of indicators by status. ",
        "target_alt": "Bar chart: each indicator's achievement against its target. ",
        "history_alt": "Line charts: each indicator over the years {years}, against its target.",
        "done": "completed",
        "not_done": "not completed",
    },
}


def new_figure(width: float, height: float, **margins: float) -> Figure:
    """Return a figure with fixed margins, in inches.

    Fixed margins, not matplotlib's constrained layout: the layout engine measures every
    label's extent and took half the time of a report's charts.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DPI)
    left, right = margins.get("left", 0.6), margins.get("right", 0.2)
    top, bottom = margins.get("top", 0.4), margins.get("bottom", 0.5)
    figure.subplots_adjust(
        left=left / width,
        right=1 - right / width,
        top=1 - top / height,
        bottom=bottom / height,
        hspace=margins.get("hspace", 0.2),
        wspace=margins.get("wspace", 0.2),
    )
    return figure


def literal(text: str) -> str:
    """Keep matplotlib from reading input text as mathtext: '$5 đến $10' stays as written."""
    return text.replace("$", r"\$")


def figure_of(ax: Axes) -> Figure:
    # ax.figure is typed Figure | SubFigure; the charts draw on whole figures only.
    return cast("Figure", ax.figure)


def number_formatter(language: str) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(
        lambda value, _pos: format_number(Decimal(repr(float(value))), language, 2)
    )


# Unhinted text: FreeType's auto-hinter (matplotlib's default, kept for its own image tests)
# took a fifth of a chart's drawing time, and at 144 dpi unhinted glyphs read as well.
RC: Any = {"text.hinting": "no_hinting"}


def stacked_status_bar(
    ax: Axes, position: float, counts: Mapping[Any, int], language: str, *, linewidth: float
) -> list[tuple[str, float, int]]:
    """Draw one horizontal bar of status segments, in the statuses' order, each labelled for
    the legend; return (status, left edge, count) of each segment drawn, for its figure."""
    from reportlib.engine.status import STATUSES

    drawn: list[tuple[str, float, int]] = []
    left = 0
    for status in STATUSES:
        value = counts.get(status, 0)
        if not value:
            continue
        ax.barh(
            position,
            value,
            left=left,
            color=STATUS_COLORS[status],
            hatch=STATUS_HATCHES[status],
            edgecolor="white",
            linewidth=linewidth,
            label=status_label(status, language),
        )
        drawn.append((status, left, value))
        left += value
    return drawn


def status_legend(ax: Axes, language: str) -> tuple[list[Any], list[str]]:
    """Return the legend's handles and labels: one per status drawn, in the statuses' order."""
    from reportlib.engine.status import STATUSES

    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ordered = [status_label(s, language) for s in STATUSES if status_label(s, language) in unique]
    return [unique[label] for label in ordered], ordered
