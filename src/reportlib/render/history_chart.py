"""The history chart: each indicator over the years against its target, in small multiples.

`history_panels` works out what each panel shows (its figures, targets and scale); the wide
drawing here and the phone-width drawing in `reportlib.render.phone_charts` both draw from it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from reportlib.engine.status import Assessed
from reportlib.render.chart_style import WORDS, literal, new_figure
from reportlib.render.formatting import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportlib.engine.report import Report


@dataclass(frozen=True)
class HistoryPanel:
    """One indicator's panel: its figures and targets by year, and the panel's scale.

    ``low`` and ``high`` bound the panel's vertical scale (from zero when every figure is
    positive, then ``from_zero``); ``estimated``: the last point is this year's estimate.
    """

    title: str
    points: tuple[tuple[int, Decimal], ...]
    targets: tuple[tuple[int, Decimal], ...]
    low: Decimal
    high: Decimal
    from_zero: bool
    estimated: bool

    def position(self, value: Decimal) -> float:
        """Return where ``value`` sits on the panel's scale, from 0 (low) to 1 (high)."""
        return float((value - self.low) / (self.high - self.low))


def history_years(report: Report) -> list[int]:
    """Return the years the report's history covers, in order."""
    return sorted({a.indicator.year for a in report.history})


def history_panels(report: Report) -> list[HistoryPanel]:
    """Return a panel per indicator with figures in two years or more (no milestones).

    A year's figure is its actual, or this year's estimate in an in-year report; its target
    is the middle of a range, or the bound. Empty with one year only.
    """
    if len(history_years(report)) < 2:
        return []
    by_id: dict[str, list[Assessed]] = {}
    for item in report.history:
        if item.indicator.kind != "milestone":
            by_id.setdefault(item.indicator.indicator_id, []).append(item)
    panels = []
    for found in by_id.values():
        if len(found) < 2:
            continue
        items = sorted(found, key=lambda a: a.indicator.year)
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
        last = items[-1].indicator
        panels.append(
            HistoryPanel(
                title=textwrap.shorten(
                    f"{last.indicator} ({last.unit_of_measure})", 62, placeholder="…"
                ),
                points=tuple(points),
                targets=tuple(targets),
                low=Decimal(0) if from_zero else low - pad,
                high=high + pad,
                from_zero=from_zero,
                estimated=bool(
                    report.period_months < 12 and points and points[-1][0] == report.year
                ),
            )
        )
    return panels


def history_chart(report: Report) -> Figure | None:
    """Draw each indicator's path over the years against its target; None with one year only.

    Small multiples drawn as sparklines in one axes: a panel per indicator with its own scale,
    every figure written at its point, the target as a tick per year. A panel's scale starts
    at zero (a faint baseline) when its figures are all positive, so that 100 -> 94,6 reads
    as the small fall it is, not as a collapse. One axes instead of one per indicator: tick
    layout was most of a report's chart time.
    """
    words = WORDS[report.params.language]
    language = report.params.language
    years = history_years(report)
    panels = history_panels(report)
    if not panels:
        return None
    columns = 3
    rows = (len(panels) + columns - 1) // columns
    text_size = 6.5
    figure = new_figure(7.5, 1.55 * rows + 0.75, left=0.1, right=0.1, top=0.4, bottom=0.35)
    ax = figure.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, columns)
    ax.set_ylim(-rows, 0)
    span = max(years) - min(years)
    for number, panel in enumerate(panels):
        left, top = number % columns, -(number // columns)

        def x_of(year: int, left: float = left) -> float:
            return left + 0.1 + 0.8 * (year - min(years)) / span

        def y_of(value: Decimal, top: float = top, panel: HistoryPanel = panel) -> float:
            return top - 0.76 + 0.38 * panel.position(value)

        points, targets = panel.points, panel.targets
        ax.text(
            left + 0.04,
            top - 0.04,
            literal(textwrap.fill(panel.title, 34)),
            fontsize=text_size + 0.5,
            va="top",
        )
        if panel.from_zero:
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
        estimated = panel.estimated
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
        fontsize=8,
    )
    figure.suptitle(words["history_title"], fontsize=11, fontweight="bold", x=0.01, ha="left")
    return figure


def history_alt(report: Report) -> str:
    """Describe the history chart in words."""
    years = history_years(report)
    return WORDS[report.params.language]["history_alt"].format(
        years=", ".join(str(y) for y in years)
    )
