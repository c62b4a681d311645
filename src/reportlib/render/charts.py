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
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.engine.status import STATUSES
from reportlib.render.chart_data import (
    attainment,
    attainment_caption,
    expected_pace,
    pace_legend,
    status_rows,
    target_label,
)
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


def status_chart(report: Report, ax: Axes | None = None) -> Figure:
    """Draw the status counts of the period beside those of the year-end estimate."""
    words = WORDS[report.params.language]
    language = report.params.language
    # Room for the longer row label ('Year-end estimate' in English), at about 0.085 in a letter.
    label_room = 0.25 + 0.085 * max(len(words["period"]), len(words["year_end"]))
    figure = (
        figure_of(ax)
        if ax is not None
        else new_figure(7.5, 2.4, left=max(1.15, label_room), bottom=1.0, top=0.4)
    )
    ax = ax or figure.add_subplot()
    counts = report.counts
    rows = status_rows(report)
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


def target_chart(report: Report, ax: Axes | None = None) -> Figure:
    """Draw each indicator's value against its target, coloured by its period status."""
    words = WORDS[report.params.language]
    language = report.params.language
    items = list(report.assessed)
    figure = (
        figure_of(ax)
        if ax is not None
        else new_figure(7.5, 0.9 + 0.42 * len(items), left=3.0, right=0.15, bottom=0.55, top=0.35)
    )
    ax = ax or figure.add_subplot()
    labels = []
    for position, item in enumerate(reversed(items)):
        labels.append(literal(target_label(item)))
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
            height=0.7,
        )
        label_at = shown
        expected = expected_pace(report, item)
        if expected is not None:
            ax.plot([expected, expected], [position - 0.38, position + 0.38], color="black", lw=1.2)
            label_at = max(shown, expected)
        ax.text(
            label_at + 1.5,
            position,
            attainment_caption(item, value, language),
            va="center",
            fontsize=8,
            # A white patch: the 100 % line never runs through a figure of 90-99 %.
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
            zorder=3,
        )
    ax.axvline(100, color="black", lw=1, ls="--")
    ax.set_yticks(range(len(items)), labels, fontsize=8)
    ax.set_xlim(0, CAP + 22)
    ax.set_xlabel(words["target_axis"], fontsize=8)
    ax.set_title(words["target_title"], loc="left", fontsize=11, fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    if any(expected_pace(report, a) is not None for a in items):
        from matplotlib.lines import Line2D

        # A band below the last bar, so that the legend never sits on a long bar.
        ax.set_ylim(-1.4, len(items) - 0.5)
        ax.legend(
            [Line2D([0], [0], color="black", lw=1.2)],
            [pace_legend(report)],
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

    rows = status_rows(report)
    return words["status_alt"] + " ".join(f"{label}: {describe(row)}." for label, row in rows)


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


# Below this width the page shows a chart's phone drawing (the report's CSS breakpoint).
NARROW_MEDIA = "(max-width: 40rem)"


def figure_html(
    figure: Figure, alt: str, *, css_class: str = "chart", phone: str | None = None
) -> Html:
    """Embed a figure as a PNG data URI in a <figure> with alt text; no file, no network.

    ``phone``: an SVG drawing of the same chart for a phone's width, which the browser shows
    below 40rem (a <picture> source); print, the .docx and wide screens show ``figure``.
    """
    data = base64.b64encode(png_bytes(figure)).decode("ascii")
    safe_alt = html.escape(alt, quote=True)
    image = f'<img src="data:image/png;base64,{data}" alt="{safe_alt}">'
    if phone is not None:
        small = base64.b64encode(phone.encode("utf-8")).decode("ascii")
        image = (
            f'<picture><source media="{NARROW_MEDIA}" type="image/svg+xml" '
            f'srcset="data:image/svg+xml;base64,{small}">{image}</picture>'
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
    from reportlib.render import phone_charts

    if name == "status":
        return figure_html(
            status_chart(report), status_alt(report), phone=phone_charts.status_svg(report)
        )
    if name == "target":
        return figure_html(
            target_chart(report), target_alt(report), phone=phone_charts.target_svg(report)
        )
    if name == "history":
        figure = history_chart(report)
        if figure is None:
            return Html("")
        return figure_html(figure, history_alt(report), phone=phone_charts.history_svg(report))
    raise ValueError(f"unknown chart {name!r}; the charts are: status, target, history")
