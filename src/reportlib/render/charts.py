"""Charts of a report (matplotlib): status counts, each indicator against its target, history.

Every chart function takes the report (and an optional ``ax``) and returns the Figure; none
calls ``plt.show()`` or touches pyplot's global state. The status and target charts are here,
the history chart in `reportlib.render.history_chart`, what they share (colours, hatches,
words, figure helpers) in `reportlib.render.chart_style`. `figure_html` embeds a figure as a
PNG with its alt text, so the HTML needs no other file.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.engine.status import STATUSES, Assessed, round2
from reportlib.render.chart_style import (
    CAP,
    RC,
    STATUS_COLORS,
    STATUS_HATCHES,
    WORDS,
    figure_of,
    literal,
    new_figure,
    stacked_status_bar,
    status_legend,
)
from reportlib.render.formatting import format_count, format_number, status_label
from reportlib.render.history_chart import history_alt, history_chart
from reportlib.render.narrative import Html

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from reportlib.engine.report import Report


def status_chart(report: Report, ax: Axes | None = None, *, narrow: bool = False) -> Figure:
    """Draw the status counts of the period beside those of the year-end estimate.

    ``narrow``: drawn for a phone's width, the legend on two rows.
    """
    words = WORDS[report.params.language]
    language = report.params.language
    # Room for the longer row label ('Year-end estimate' in English), at about 0.085 in a letter.
    label_room = 0.25 + 0.085 * max(len(words["period"]), len(words["year_end"]))
    figure = (
        figure_of(ax)
        if ax is not None
        else new_figure(
            3.9 if narrow else 7.5,
            2.7 if narrow else 2.4,
            left=max(1.15, label_room),
            bottom=1.25 if narrow else 1.0,
            top=0.5 if narrow else 0.4,
        )
    )
    ax = ax or figure.add_subplot()
    counts = report.counts
    rows = [(words["period"], counts.period)]
    if report.period_months < 12:
        rows.append((words["year_end"], counts.year_end))
    for position, (_label, mapping) in enumerate(reversed(rows)):
        for status, left, value in stacked_status_bar(
            ax, position, mapping, language, linewidth=1.2
        ):
            hatched = bool(STATUS_HATCHES[status])
            ax.text(
                left + value / 2,
                position,
                f"{value:02d}",
                ha="center",
                va="center",
                fontsize=10,
                fontweight="bold",
                color="black" if hatched else "white",
                # On a hatched bar the figure sits on a white patch, so the pattern
                # never runs through the digits.
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"}
                if hatched
                else None,
            )
    ax.set_yticks(range(len(rows)), [label for label, _ in reversed(rows)])
    ax.set_xlim(0, counts.total)
    ax.set_xlabel(words["indicators"])
    ax.spines[["top", "right"]].set_visible(False)
    handles, ordered = status_legend(ax, language)
    if narrow:
        # The title and the legend span the figure, not the axes beside the row labels.
        figure.suptitle(words["status_title"], x=0.03, ha="left", fontsize=11, fontweight="bold")
        figure.legend(
            handles,
            ordered,
            loc="lower center",
            ncol=2,
            frameon=False,
            fontsize=9,
        )
        return figure
    ax.set_title(words["status_title"], loc="left", fontsize=11, fontweight="bold")
    ax.legend(
        handles,
        ordered,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.42),
        ncol=len(ordered),
        frameon=False,
        fontsize=9,
    )
    return figure


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


def target_chart(report: Report, ax: Axes | None = None, *, narrow: bool = False) -> Figure:
    """Draw each indicator's value against its target, coloured by its period status.

    ``narrow``: drawn for a phone's width, each indicator's name above its bar instead of
    beside it.
    """
    words = WORDS[report.params.language]
    language = report.params.language
    items = list(report.assessed)
    height = (1.0 + 0.62 * len(items)) if narrow else (0.9 + 0.42 * len(items))
    figure = (
        figure_of(ax)
        if ax is not None
        else new_figure(
            3.9 if narrow else 7.5,
            height,
            left=0.15 if narrow else 3.0,
            right=0.15,
            bottom=0.55,
            top=0.35,
        )
    )
    ax = ax or figure.add_subplot()
    labels = []
    for position, item in enumerate(reversed(items)):
        i = item.indicator
        name = literal(textwrap.shorten(f"{i.indicator_id}. {i.indicator}", 48, placeholder="…"))
        labels.append(name)
        if narrow:
            ax.text(0, position + 0.36, name, fontsize=8, va="bottom")
        value = attainment(item)
        status = item.period_status
        if value is None:
            ax.text(2, position, status_label("no_data", language), va="center", fontsize=8)
            continue
        shown = float(min(value, Decimal(CAP)))
        ax.barh(
            position,
            shown,
            color=STATUS_COLORS[status],
            hatch=STATUS_HATCHES[status],
            edgecolor="white",
            height=0.45 if narrow else 0.7,
        )
        if i.kind == "milestone":
            caption = words["done"] if i.actual == 1 else words["not_done"]
        else:
            caption = f"{format_number(value, language, 1)}%"
        suffix = " ▸" if value > CAP else ""
        label_at = shown
        if i.kind == "cumulative" and i.direction == "higher" and report.period_months < 12:
            expected = 100 * report.period_months / 12
            ax.plot([expected, expected], [position - 0.38, position + 0.38], color="black", lw=1.2)
            label_at = max(shown, expected)
        ax.text(label_at + 1.5, position, caption + suffix, va="center", fontsize=8)
    ax.axvline(100, color="black", lw=1, ls="--")
    if narrow:
        ax.set_yticks([])
        ax.set_ylim(-0.5, len(items) - 0.1)
    else:
        ax.set_yticks(range(len(items)), labels, fontsize=8)
    ax.set_xlim(0, CAP + 22)
    ax.set_xlabel(words["target_axis"], fontsize=8)
    ax.set_title(words["target_title"], loc="left", fontsize=11, fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    if report.period_months < 12 and any(
        a.indicator.kind == "cumulative" and a.indicator.direction == "higher" for a in items
    ):
        from matplotlib.lines import Line2D

        ax.legend(
            [Line2D([0], [0], color="black", lw=1.2)],
            [f"{words['expected']} ({report.period_months}/12)"],
            loc="lower right",
            fontsize=8,
            frameon=False,
        )
    return figure


def status_alt(report: Report) -> str:
    """Describe the status chart in words, for readers who cannot see it."""
    words = WORDS[report.params.language]
    language = report.params.language
    total = report.counts.total

    def describe(mapping: Mapping[Any, int]) -> str:
        return ", ".join(
            f"{status_label(s, language)} {format_count(mapping[s], total)}"
            for s in STATUSES
            if mapping[s]
        )

    text = words["status_alt"] + f"{words['period']}: {describe(report.counts.period)}."
    if report.period_months < 12:
        text += f" {words['year_end']}: {describe(report.counts.year_end)}."
    return text


def target_alt(report: Report) -> str:
    """Describe the target chart in words."""
    words = WORDS[report.params.language]
    language = report.params.language
    parts = []
    for item in report.assessed:
        value = attainment(item)
        figure = f"{format_number(value, language, 1)}%" if value is not None else "–"
        parts.append(
            f"{item.indicator.indicator}: {figure} ({status_label(item.period_status, language)})"
        )
    return words["target_alt"] + "; ".join(parts) + "."


def png_bytes(figure: Figure) -> bytes:
    """Return the figure as an opaque RGB PNG at the charts' resolution.

    RGB, not matplotlib's RGBA: the charts have a white background, the file is smaller, and
    WeasyPrint embeds it in the PDF without splitting off an alpha mask. No timestamp or
    'Software' stamp: the same figure gives the same bytes.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with matplotlib.rc_context(RC):
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # type: ignore[no-untyped-call]
        rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    # zlib level 3: smaller and quicker than the default 6 on these flat-coloured images.
    image.convert("RGB").save(buffer, format="png", dpi=(figure.dpi, figure.dpi), compress_level=3)
    return buffer.getvalue()


# Below this width the page shows a chart's narrow drawing (the report's CSS breakpoint).
NARROW_MEDIA = "(max-width: 40rem)"


def figure_html(
    figure: Figure, alt: str, *, css_class: str = "chart", narrow: Figure | None = None
) -> Html:
    """Embed a figure as a PNG data URI in a <figure> with alt text; no file, no network.

    ``narrow``: a drawing of the same chart for a phone's width, which the browser shows
    below 40rem (a <picture> source); print and wide screens show ``figure``.
    """
    data = base64.b64encode(png_bytes(figure)).decode("ascii")
    safe_alt = html.escape(alt, quote=True)
    image = f'<img src="data:image/png;base64,{data}" alt="{safe_alt}">'
    if narrow is not None:
        small = base64.b64encode(png_bytes(narrow)).decode("ascii")
        image = (
            f'<picture><source media="{NARROW_MEDIA}" '
            f'srcset="data:image/png;base64,{small}">{image}</picture>'
        )
    return Html(f'<figure class="{css_class}">{image}</figure>')


def chart(report: Report, name: str) -> Html:
    """Render a named chart of the report ('status', 'target', 'history') as embedded HTML.

    The history chart is empty HTML when the table has one year only.
    """
    import matplotlib

    with matplotlib.rc_context(RC):
        return _chart(report, name)


def _chart(report: Report, name: str) -> Html:
    if name == "status":
        return figure_html(
            status_chart(report), status_alt(report), narrow=status_chart(report, narrow=True)
        )
    if name == "target":
        return figure_html(
            target_chart(report), target_alt(report), narrow=target_chart(report, narrow=True)
        )
    if name == "history":
        figure = history_chart(report)
        if figure is None:
            return Html("")
        return figure_html(figure, history_alt(report), narrow=history_chart(report, narrow=True))
    raise ValueError(f"unknown chart {name!r}; the charts are: status, target, history")
