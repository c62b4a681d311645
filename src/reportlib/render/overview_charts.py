"""Charts of a province's overview: units by share met, each indicator's statuses across units.

The same colours and hatches as the unit reports' charts (`reportlib.render.charts`), so a
status looks the same everywhere and reads in black and white.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from reportlib.engine.overview import Overview, province_overview
from reportlib.engine.status import STATUSES
from reportlib.render.chart_style import new_figure, stacked_status_bar, status_legend
from reportlib.render.charts import figure_html
from reportlib.render.formatting import status_label
from reportlib.render.narrative import Html
from reportlib.render.overview_data import (
    PERIOD_COLOUR,
    WORDS,
    YEAR_END_COLOUR,
    band_labels,
    share_bands,
    units_noun,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reportlib.engine.report import Report


def overview_chart(report: Report, name: str) -> Html:
    """Render a named overview chart ('distribution', 'indicators'); empty for other reports.

    Raises
    ------
    ValueError
        For a chart name that does not exist.
    """
    if name not in ("distribution", "indicators"):
        raise ValueError(
            f"unknown overview chart {name!r}; the charts are: distribution, indicators"
        )
    found = province_overview(report, links=report.unit_reports)
    if found is None:
        return Html("")
    return overview_figures(report, found)[name]


def overview_figures(report: Report, found: Overview) -> dict[str, Html]:
    """Render both overview charts of ``found`` as embedded HTML, by name."""
    import matplotlib

    from reportlib.render.overview_phone import distribution_svg, indicators_svg

    language = report.params.language
    year_end = report.period_months < 12
    with matplotlib.rc_context({"text.hinting": "no_hinting"}):
        distribution = distribution_chart(found, language, year_end=year_end)
        indicators = indicators_chart(found, language)
        return {
            "distribution": figure_html(
                distribution,
                distribution_alt(found, language),
                css_class="chart overview-distribution",
                phone=distribution_svg(found, language, year_end=year_end),
            ),
            "indicators": figure_html(
                indicators,
                indicators_alt(found, language),
                phone=indicators_svg(found, language),
            ),
        }


def distribution_chart(found: Overview, language: str, *, year_end: bool) -> Figure:
    """Draw how many units meet or exceed 0–25 %, 25–50 %, ... and all of their indicators."""
    words = WORDS[language]
    noun = units_noun(found, language)
    labels = band_labels(language)
    series = [(words["period"], share_bands(found), PERIOD_COLOUR, "")]
    if year_end:
        counts = share_bands(found, year_end=True)
        series.append((words["year_end"], counts, YEAR_END_COLOUR, "//"))
    figure = new_figure(7.5, 3.0, left=0.7, bottom=0.9, top=0.45)
    ax = figure.add_subplot()
    width = 0.8 / len(series)
    for offset, (label, counts, color, hatch) in enumerate(series):
        xs = [i + (offset - (len(series) - 1) / 2) * width for i in range(len(counts))]
        bars = ax.bar(xs, counts, width, color=color, hatch=hatch, edgecolor="white", label=label)
        ax.bar_label(bars, labels=[str(c) for c in counts], fontsize=9, padding=2)
    ax.set_xticks(range(len(labels)), labels, fontsize=9)
    ax.set_ylabel(words["units"].format(noun=noun), fontsize=9)
    ax.set_ylim(0, max(max(s[1]) for s in series) * 1.2 + 1)
    ax.set_title(
        words["distribution"].format(noun=noun).capitalize(),
        loc="left",
        fontsize=11,
        fontweight="bold",
    )
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False, fontsize=9)
    return figure


def distribution_alt(found: Overview, language: str) -> str:
    """Say what the distribution chart shows, for readers who cannot see it."""
    pairs = zip(band_labels(language), share_bands(found), strict=True)
    shown = "; ".join(f"{label}: {count}" for label, count in pairs)
    title = WORDS[language]["distribution"].format(noun=units_noun(found, language))
    return f"{title.capitalize()}. {shown}."


def indicators_chart(found: Overview, language: str) -> Figure:
    """Draw, for each indicator, how many units have each status in the period."""
    noun = units_noun(found, language)
    columns = found.indicators
    names = [textwrap.shorten(c.name, 48, placeholder="…") for c in columns]
    height = 1.4 + 0.32 * len(columns)
    figure = new_figure(7.5, height, left=3.3, bottom=1.05, top=0.45)
    ax = figure.add_subplot()
    for position, column in enumerate(reversed(columns)):
        counts = {status: column.count(status) for status in STATUSES}
        for _status, left, value in stacked_status_bar(
            ax, position, counts, language, linewidth=0.8
        ):
            if value >= 4:
                ax.text(
                    left + value / 2,
                    position,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=7.5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"},
                )
    ax.set_yticks(range(len(columns)), list(reversed(names)), fontsize=8)
    ax.set_xlim(0, len(found.units))
    ax.set_xlabel(WORDS[language]["units"].format(noun=noun), fontsize=9)
    # The title spans the figure, not the axes: the indicator names take half its width.
    figure.text(
        0.02,
        1 - 0.12 / height,
        WORDS[language]["across"].format(noun=noun),
        ha="left",
        va="top",
        fontsize=11,
        fontweight="bold",
    )
    ax.spines[["top", "right"]].set_visible(False)
    handles, ordered = status_legend(ax, language)
    figure.legend(
        handles,
        ordered,
        loc="lower center",
        ncol=len(ordered),
        frameon=False,
        fontsize=8,
    )
    return figure


def indicators_alt(found: Overview, language: str) -> str:
    """Say what the per-indicator chart shows, indicator by indicator."""
    parts = []
    for column in found.indicators:
        counts = ", ".join(
            f"{status_label(s, language)} {column.count(s)}" for s in STATUSES if column.count(s)
        )
        parts.append(f"{column.name}: {counts}")
    title = WORDS[language]["across"].format(noun=units_noun(found, language))
    return f"{title}. " + "; ".join(parts) + "."
