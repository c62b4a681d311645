"""The history chart: each indicator over the years against its target, in small multiples."""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlib.engine.status import Assessed
from reportlib.render.chart_style import WORDS, literal, new_figure
from reportlib.render.formatting import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportlib.engine.report import Report


def history_chart(report: Report, *, narrow: bool = False) -> Figure | None:
    """Draw each indicator's path over the years against its target; None with one year only.

    Small multiples drawn as sparklines in one axes: a panel per indicator with its own scale,
    every figure written at its point, the target as a tick per year. A panel's scale starts
    at zero (a faint baseline) when its figures are all positive, so that 100 -> 94,6 reads
    as the small fall it is, not as a collapse. One axes instead of one per indicator: tick
    layout was most of a report's chart time. ``narrow``: one panel a row, for a phone.
    """
    words = WORDS[report.params.language]
    language = report.params.language
    years = sorted({a.indicator.year for a in report.history})
    if len(years) < 2:
        return None
    by_id: dict[str, list[Assessed]] = {}
    for item in report.history:
        if item.indicator.kind != "milestone":
            by_id.setdefault(item.indicator.indicator_id, []).append(item)
    series = [sorted(v, key=lambda a: a.indicator.year) for v in by_id.values() if len(v) >= 2]
    if not series:
        return None
    columns = 1 if narrow else 3
    rows = (len(series) + columns - 1) // columns
    width, panel = (3.9, 1.3) if narrow else (7.5, 1.55)
    text_size = 8 if narrow else 6.5
    figure = new_figure(width, panel * rows + 0.75, left=0.1, right=0.1, top=0.4, bottom=0.35)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, columns)
    ax.set_ylim(-rows, 0)
    span = max(years) - min(years)
    for number, items in enumerate(series):
        left, top = number % columns, -(number // columns)

        def x_of(year: int, left: float = left) -> float:
            return left + 0.1 + 0.8 * (year - min(years)) / span

        points = []
        targets = []
        for item in items:
            i = item.indicator
            value = i.actual if i.year < report.year or report.period_months >= 12 else i.estimate
            target = item.period_target
            if target is not None and target.low is not None and target.high is not None:
                targets.append((i.year, (target.low + target.high) / 2))
            elif target is not None:
                bound = target.low if target.low is not None else target.high
                if bound is not None:
                    targets.append((i.year, bound))
            if value is not None:
                points.append((i.year, value))
        values = [v for _, v in points] + [t for _, t in targets]
        low, high = (min(values), max(values)) if values else (Decimal(0), Decimal(1))
        pad = (high - low) * Decimal("0.1") or abs(high) * Decimal("0.1") or Decimal(1)
        from_zero = low >= 0
        low, high = (Decimal(0) if from_zero else low - pad), high + pad

        def y_of(
            value: Decimal, top: float = top, low: Decimal = low, high: Decimal = high
        ) -> float:
            return top - 0.76 + 0.38 * float((value - low) / (high - low))

        last = items[-1].indicator
        title = textwrap.shorten(f"{last.indicator} ({last.unit_of_measure})", 62, placeholder="…")
        ax.text(
            left + 0.04,
            top - 0.04,
            literal(textwrap.fill(title, 52 if narrow else 34)),
            fontsize=text_size + 0.5,
            va="top",
        )
        if from_zero:
            ax.plot(
                [x_of(min(years)) - 0.05, x_of(max(years)) + 0.05],
                [y_of(Decimal(0))] * 2,
                color="#bbbbbb",
                lw=0.6,
            )
            ax.text(
                x_of(min(years)) - 0.07,
                y_of(Decimal(0)),
                "0",
                fontsize=text_size - 0.5,
                ha="right",
                va="center",
                color="#777777",
            )
        xs = [x_of(y) for y, _ in points]
        ys = [y_of(v) for _, v in points]
        estimated = report.period_months < 12 and points and points[-1][0] == report.year
        solid = len(xs) - 1 if estimated else len(xs)
        ax.plot(xs[:solid], ys[:solid], color="#0072B2", lw=1.5, marker="o", ms=3.5)
        if estimated and len(xs) >= 2:
            ax.plot(xs[-2:], ys[-2:], color="#0072B2", lw=1.5, ls=":")
            ax.plot(xs[-1:], ys[-1:], color="#0072B2", marker="o", ms=3.5, mfc="white")
        if targets:
            ax.scatter(
                [x_of(y) for y, _ in targets],
                [y_of(t) for _, t in targets],
                marker="_",
                s=90,
                color="#D55E00",
                linewidths=2,
                zorder=3,
            )
        for year, value in points:
            ax.text(
                x_of(year),
                y_of(value) + 0.05,
                format_number(value, language, 2),
                fontsize=text_size,
                ha="center",
                va="bottom",
                color="#0b3d66",
            )
        for year in years:
            ax.text(x_of(year), top - 0.9, str(year), fontsize=text_size, ha="center", color="#444")
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], color="#0072B2", marker="o", ms=4, lw=1.5),
        Line2D([0], [0], color="#D55E00", marker="_", ms=12, lw=0, mew=2),
    ]
    names = [words["actual"], words["target"]]
    if report.period_months < 12:
        handles.append(
            Line2D([0], [0], color="#0072B2", lw=1.5, ls=":", marker="o", ms=4, mfc="white")
        )
        names.append(f"{words['estimate']} {report.year}")
    figure.legend(
        handles,
        names,
        loc="lower center",
        ncol=len(names),
        frameon=False,
        fontsize=9 if narrow else 8,
    )
    figure.suptitle(words["history_title"], fontsize=11, fontweight="bold", x=0.01, ha="left")
    return figure


def history_alt(report: Report) -> str:
    """Describe the history chart in words."""
    years = sorted({a.indicator.year for a in report.history})
    return WORDS[report.params.language]["history_alt"].format(
        years=", ".join(str(y) for y in years)
    )
