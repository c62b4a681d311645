"""Charts of a report (matplotlib): status counts, each indicator against its target, history.

Every chart function takes the report (and an optional ``ax``) and returns the Figure; none
calls ``plt.show()`` or touches pyplot's global state. Colours are the Okabe-Ito palette, which
colour-blind readers can tell apart, each status has the same colour everywhere, and hatching
keeps the statuses apart in black-and-white print. `figure_html` embeds a figure as a PNG with
its alt text, so the HTML needs no other file.
"""

from __future__ import annotations

import base64
import html
import io
import textwrap
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from reportlib.engine.status import STATUSES, Assessed, round2
from reportlib.render.formatting import format_count, format_number, status_label
from reportlib.render.narrative import Html

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    from reportlib.engine.report import Report

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
_DPI = 144
_CAP = 160  # percent: longer bars are cut here and marked, so one outlier does not flatten the rest

_WORDS = {
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


def _new_figure(width: float, height: float, **margins: float) -> Figure:
    """Return a figure with fixed margins, in inches.

    Fixed margins, not matplotlib's constrained layout: the layout engine measures every
    label's extent and took half the time of a report's charts.
    """
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=_DPI)
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


def _figure_of(ax: Axes) -> Figure:
    # ax.figure is typed Figure | SubFigure; the charts draw on whole figures only.
    return cast("Figure", ax.figure)


def status_chart(report: Report, ax: Axes | None = None) -> Figure:
    """Draw the status counts of the period beside those of the year-end estimate."""
    words = _WORDS[report.params.language]
    language = report.params.language
    # Room for the longer row label ('Year-end estimate' in English), at about 0.085 in a letter.
    label_room = 0.25 + 0.085 * max(len(words["period"]), len(words["year_end"]))
    figure = (
        _figure_of(ax)
        if ax is not None
        else _new_figure(7.5, 2.4, left=max(1.15, label_room), bottom=1.0)
    )
    ax = ax or figure.add_subplot()
    counts = report.counts
    rows = [(words["period"], counts.period)]
    if report.period_months < 12:
        rows.append((words["year_end"], counts.year_end))
    for position, (_label, mapping) in enumerate(reversed(rows)):
        left = 0
        for status in STATUSES:
            value = mapping[status]
            if not value:
                continue
            ax.barh(
                position,
                value,
                left=left,
                color=STATUS_COLORS[status],
                hatch=STATUS_HATCHES[status],
                edgecolor="white",
                linewidth=1.2,
                label=status_label(status, language),
            )
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
            left += value
    ax.set_yticks(range(len(rows)), [label for label, _ in reversed(rows)])
    ax.set_xlim(0, counts.total)
    ax.set_xlabel(words["indicators"])
    ax.set_title(words["status_title"], loc="left", fontsize=11, fontweight="bold")
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    ordered = [status_label(s, language) for s in STATUSES if status_label(s, language) in unique]
    ax.legend(
        [unique[label] for label in ordered],
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


def target_chart(report: Report, ax: Axes | None = None) -> Figure:
    """Draw each indicator's value against its target, coloured by its period status."""
    words = _WORDS[report.params.language]
    language = report.params.language
    items = list(report.assessed)
    height = 0.9 + 0.42 * len(items)
    figure = (
        _figure_of(ax)
        if ax is not None
        else _new_figure(7.5, height, left=3.0, right=0.15, bottom=0.55, top=0.35)
    )
    ax = ax or figure.add_subplot()
    labels = []
    for position, item in enumerate(reversed(items)):
        i = item.indicator
        labels.append(
            literal(textwrap.shorten(f"{i.indicator_id}. {i.indicator}", 48, placeholder="…"))
        )
        value = attainment(item)
        status = item.period_status
        if value is None:
            ax.text(2, position, status_label("no_data", language), va="center", fontsize=8)
            continue
        shown = float(min(value, Decimal(_CAP)))
        ax.barh(
            position,
            shown,
            color=STATUS_COLORS[status],
            hatch=STATUS_HATCHES[status],
            edgecolor="white",
            height=0.7,
        )
        if i.kind == "milestone":
            caption = words["done"] if i.actual == 1 else words["not_done"]
        else:
            caption = f"{format_number(value, language, 1)}%"
        suffix = " ▸" if value > _CAP else ""
        label_at = shown
        if i.kind == "cumulative" and i.direction == "higher" and report.period_months < 12:
            expected = 100 * report.period_months / 12
            ax.plot([expected, expected], [position - 0.38, position + 0.38], color="black", lw=1.2)
            label_at = max(shown, expected)
        ax.text(label_at + 1.5, position, caption + suffix, va="center", fontsize=8)
    ax.axvline(100, color="black", lw=1, ls="--")
    ax.set_yticks(range(len(items)), labels, fontsize=8)
    ax.set_xlim(0, _CAP + 22)
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


def history_chart(report: Report) -> Figure | None:
    """Draw each indicator's path over the years against its target; None with one year only.

    Small multiples drawn as sparklines in one axes: a panel per indicator with its own scale,
    the first and last figures written at their points, the target as a tick per year. One
    axes instead of one per indicator: tick layout was most of a report's chart time.
    """
    words = _WORDS[report.params.language]
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
    columns = 3
    rows = (len(series) + columns - 1) // columns
    figure = _new_figure(7.5, 1.55 * rows + 0.75, left=0.1, right=0.1, top=0.4, bottom=0.35)
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
        low, high = low - pad, high + pad

        def y_of(
            value: Decimal, top: float = top, low: Decimal = low, high: Decimal = high
        ) -> float:
            return top - 0.72 + 0.42 * float((value - low) / (high - low))

        last = items[-1].indicator
        title = textwrap.shorten(f"{last.indicator} ({last.unit_of_measure})", 62, placeholder="…")
        ax.text(left + 0.04, top - 0.04, literal(textwrap.fill(title, 34)), fontsize=7, va="top")
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
        for year, value in (points[0], points[-1]) if points else ():
            ax.text(
                x_of(year),
                y_of(value) + 0.05,
                format_number(value, language, 2),
                fontsize=6.5,
                ha="center",
                va="bottom",
                color="#0b3d66",
            )
        for year in years:
            ax.text(x_of(year), top - 0.9, str(year), fontsize=6.5, ha="center", color="#444")
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
    figure.legend(handles, names, loc="lower center", ncol=len(names), frameon=False, fontsize=8)
    figure.suptitle(words["history_title"], fontsize=11, fontweight="bold", x=0.01, ha="left")
    return figure


def _number_formatter(language: str) -> FuncFormatter:
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(
        lambda value, _pos: format_number(Decimal(repr(float(value))), language, 2)
    )


def status_alt(report: Report) -> str:
    """Describe the status chart in words, for readers who cannot see it."""
    words = _WORDS[report.params.language]
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
    words = _WORDS[report.params.language]
    language = report.params.language
    parts = []
    for item in report.assessed:
        value = attainment(item)
        figure = f"{format_number(value, language, 1)}%" if value is not None else "–"
        parts.append(
            f"{item.indicator.indicator}: {figure} ({status_label(item.period_status, language)})"
        )
    return words["target_alt"] + "; ".join(parts) + "."


def history_alt(report: Report) -> str:
    """Describe the history chart in words."""
    years = sorted({a.indicator.year for a in report.history})
    return _WORDS[report.params.language]["history_alt"].format(
        years=", ".join(str(y) for y in years)
    )


# Unhinted text: FreeType's auto-hinter (matplotlib's default, kept for its own image tests)
# took a fifth of a chart's drawing time, and at 144 dpi unhinted glyphs read as well.
_RC: Any = {"text.hinting": "no_hinting"}


def png_bytes(figure: Figure) -> bytes:
    """Return the figure as an opaque RGB PNG at the charts' resolution.

    RGB, not matplotlib's RGBA: the charts have a white background, the file is smaller, and
    WeasyPrint embeds it in the PDF without splitting off an alpha mask. No timestamp or
    'Software' stamp: the same figure gives the same bytes.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with matplotlib.rc_context(_RC):
        canvas = FigureCanvasAgg(figure)
        canvas.draw()  # type: ignore[no-untyped-call]
        rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
        image = Image.frombuffer("RGBA", (rgba.shape[1], rgba.shape[0]), rgba, "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    # zlib level 3: smaller and quicker than the default 6 on these flat-coloured images.
    image.convert("RGB").save(buffer, format="png", dpi=(figure.dpi, figure.dpi), compress_level=3)
    return buffer.getvalue()


def figure_html(figure: Figure, alt: str, *, css_class: str = "chart") -> Html:
    """Embed a figure as a PNG data URI in a <figure> with alt text; no file, no network."""
    data = base64.b64encode(png_bytes(figure)).decode("ascii")
    safe_alt = html.escape(alt, quote=True)
    return Html(
        f'<figure class="{css_class}"><img src="data:image/png;base64,{data}" '
        f'alt="{safe_alt}"></figure>'
    )


def chart(report: Report, name: str) -> Html:
    """Render a named chart of the report ('status', 'target', 'history') as embedded HTML.

    The history chart is empty HTML when the table has one year only.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        return _chart(report, name)


def _chart(report: Report, name: str) -> Html:
    if name == "status":
        return figure_html(status_chart(report), status_alt(report))
    if name == "target":
        return figure_html(target_chart(report), target_alt(report))
    if name == "history":
        figure = history_chart(report)
        return Html("") if figure is None else figure_html(figure, history_alt(report))
    raise ValueError(f"unknown chart {name!r}; the charts are: status, target, history")
