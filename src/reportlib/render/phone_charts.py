"""The charts drawn for a phone's width, as SVG written here rather than by matplotlib.

The wide charts are matplotlib PNGs: the PDF and the .docx print them, wide screens show them.
Below 40rem the page shows these instead (a <picture> source, see `charts.figure_html`): the
same figures one column wide, each indicator's name on its own line, with text the phone draws
in its own font, sharp at any zoom. A second matplotlib drawing of each chart cost about 0.1 s
of a report's kernel time; these cost a millisecond (benchmarks/README.md).

Each drawing is a standalone SVG document with no script, no link and no reference outside
itself, embedded as a data URI, which the report's Content-Security-Policy allows. Every piece
of input text is XML-escaped. Sizes are in CSS pixels at the drawing's natural width, `WIDTH`;
the smallest text is `SMALLEST_TEXT` pixels.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from html import escape
from typing import Any

from reportlib.engine.model import STATUSES
from reportlib.engine.report import Report
from reportlib.engine.status import Assessed
from reportlib.render.chart_data import (
    attainment,
    attainment_caption,
    expected_pace,
    pace_legend,
    status_rows,
)
from reportlib.render.chart_style import CAP, STATUS_COLORS, STATUS_HATCHES, WORDS
from reportlib.render.formatting import format_number, status_label
from reportlib.render.history_chart import HistoryPanel, history_panels, history_years

WIDTH = 360
SMALLEST_TEXT = 11
PAD = 8
_FONT = "DejaVu Sans, Roboto, 'Noto Sans', 'Segoe UI', Arial, sans-serif"
INK = "#222222"
_LINE = "#0072B2"
_TARGET = "#D55E00"
_LABEL = "#0b3d66"


def text_width(text: str, size: float) -> float:
    """Estimate a text's width: 0.6 em a letter is wider than DejaVu Sans's and phones' fonts."""
    return 0.6 * size * len(text)


class Drawing:
    """An SVG document built element by element; every text and attribute value is escaped."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.hatches: set[str] = set()
        self.patterns: dict[str, str] = {}  # a drawing's own <pattern>s, by id

    def element(self, tag: str, **attributes: object) -> None:
        self.parts.append(f"<{tag}{_attributes(attributes)}/>")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 12,
        anchor: str = "start",
        bold: bool = False,
        fill: str = INK,
        halo: bool = False,
    ) -> None:
        """Write a line of text; ``halo``: outlined in white, so a line behind it breaks."""
        attributes: dict[str, object] = {"x": x, "y": y, "font_size": size, "fill": fill}
        if anchor != "start":
            attributes["text_anchor"] = anchor
        if bold:
            attributes["font_weight"] = "bold"
        if halo:
            attributes |= {"stroke": "white", "stroke_width": 3, "paint_order": "stroke"}
            attributes["stroke_linejoin"] = "round"
        self.parts.append(f"<text{_attributes(attributes)}>{escape(text, quote=False)}</text>")

    def status_box(self, x: float, y: float, width: float, height: float, status: str) -> None:
        """A rectangle in a status's colour, hatched as the wide charts hatch it."""
        fill = STATUS_COLORS[status]
        if STATUS_HATCHES[status]:
            self.hatches.add(status)
            fill = f"url(#hatch-{status})"
        self.element("rect", x=x, y=y, width=max(width, 0), height=height, fill=fill)

    def render(self, height: float, label: str) -> str:
        defs = "".join(_HATCH_PATTERNS[s] for s in STATUSES if s in self.hatches)
        defs += "".join(self.patterns[name] for name in sorted(self.patterns))
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{_n(height)}" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" role="img" aria-label="{escape(label)}" '
            f'font-family="{escape(_FONT)}">'
        )
        background = f'<rect width="{WIDTH}" height="{_n(height)}" fill="white"/>'
        return (
            head
            + (f"<defs>{defs}</defs>" if defs else "")
            + background
            + "".join(self.parts)
            + "</svg>"
        )


def _n(value: float) -> str:
    """Write a coordinate with at most one decimal: the same drawing, the same bytes."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attributes(attributes: Mapping[str, object]) -> str:
    out = []
    for name, value in attributes.items():
        written = _n(value) if isinstance(value, float | int) else str(value)
        out.append(f' {name.replace("_", "-")}="{escape(written)}"')
    return "".join(out)


def hatch_pattern(name: str, colour: str, marks: str) -> str:
    """Return a 6 px <pattern> with id ``name``: ``marks`` on ``colour``."""
    return (
        f'<pattern id="{name}" patternUnits="userSpaceOnUse" width="6" height="6">'
        f'<rect width="6" height="6" fill="{colour}"/>{marks}</pattern>'
    )


# The wide charts' '//' hatch, white, as a pattern's marks.
DIAGONALS = '<path d="M-1 1L1 -1M0 6L6 0M5 7L7 5" stroke="white" stroke-width="1.4"/>'

# The wide charts' hatches ('///', '...', 'xx'), white on the status colour.
_HATCH_PATTERNS = {
    status: hatch_pattern(f"hatch-{status}", STATUS_COLORS[status], marks)
    for status, marks in {
        "not_met": DIAGONALS,
        "in_progress": '<circle cx="3" cy="3" r="1.1" fill="white"/>',
        "no_data": '<path d="M0 0L6 6M6 0L0 6" stroke="white" stroke-width="1"/>',
    }.items()
}


def round_ticks(top: int) -> list[int]:
    """Return a few round tick values from 0 to at least ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 6:
            break
    else:
        step = max(1, top // 5)
    return list(range(0, top + 1, step))


def legend(
    drawing: Drawing, y: float, entries: Sequence[tuple[str, str]], *, columns: int = 2
) -> float:
    """Draw a legend of status swatches in columns from ``y``; return the y below it."""
    column_width = (WIDTH - 2 * PAD) / columns
    for number, (status, label) in enumerate(entries):
        x = PAD + (number % columns) * column_width
        row_y = y + (number // columns) * 20
        drawing.status_box(x, row_y, 14, 14, status)
        drawing.text(x + 20, row_y + 11.5, label, size=12)
    return y + ((len(entries) + columns - 1) // columns) * 20


def status_segments(
    drawing: Drawing, y: float, height: float, counts: Mapping[Any, int], total: int
) -> Iterator[tuple[str, float, float, int]]:
    """Draw one full-width bar of status segments, ``total`` wide, in the statuses' order;
    yield each segment as soon as it is drawn, as (status, x, width, count), for its caller
    to label before the next one."""
    span = WIDTH - 2 * PAD
    left = 0
    for status in STATUSES:
        value = counts.get(status, 0)
        if not value:
            continue
        x = PAD + span * left / max(total, 1)
        width = span * value / max(total, 1)
        drawing.status_box(x, y, width, height, status)
        yield status, x, width, value
        left += value


def count_axis(drawing: Drawing, y: float, total: int, label: str) -> None:
    """Draw the axis under full-width bars of ``total``: its ticks, their numbers, ``label``."""
    span = WIDTH - 2 * PAD
    drawing.element("line", x1=PAD, y1=y - 4, x2=WIDTH - PAD, y2=y - 4, stroke=INK)
    for tick in round_ticks(total):
        x = PAD + span * tick / max(total, 1)
        drawing.element("line", x1=x, y1=y - 4, x2=x, y2=y, stroke=INK)
        anchor = "start" if tick == 0 else ("end" if tick == total else "middle")
        drawing.text(x, y + 12, str(tick), size=SMALLEST_TEXT, anchor=anchor)
    drawing.text(WIDTH / 2, y + 28, label, size=SMALLEST_TEXT, anchor="middle")


def status_svg(report: Report) -> str:
    """Draw the status counts for a phone: a full-width bar for the period and the year end."""
    words = WORDS[report.params.language]
    language = report.params.language
    total = report.counts.total
    drawing = Drawing()
    drawing.text(PAD, 20, words["status_title"], size=14, bold=True)
    y = 34.0
    for label, counts in status_rows(report):
        drawing.text(PAD, y + 13, label, size=12)
        y += 19
        for status, x, width, value in status_segments(drawing, y, 26, counts, total):
            count = f"{value:02d}"
            if width >= text_width(count, 12) + 4:
                if STATUS_HATCHES[status]:
                    # The figure sits on a white patch, so the hatch never runs through it.
                    drawing.element(
                        "rect",
                        x=x + width / 2 - 10,
                        y=y + 5,
                        width=20,
                        height=16,
                        rx=3,
                        fill="white",
                    )
                colour = "black" if STATUS_HATCHES[status] else "white"
                drawing.text(
                    x + width / 2, y + 17.5, count, anchor="middle", bold=True, fill=colour
                )
        y += 34
    count_axis(drawing, y, total, words["indicators"])  # the number of indicators
    shown = {s for _, counts in status_rows(report) for s in STATUSES if counts.get(s, 0)}
    entries = [(s, status_label(s, language)) for s in STATUSES if s in shown]
    bottom = legend(drawing, y + 42, entries)
    return drawing.render(bottom + 4, words["status_title"])


def _name_lines(item: Assessed) -> list[str]:
    """Return an indicator's id and name in at most two lines of the phone's width."""
    indicator = item.indicator
    lines = textwrap.wrap(f"{indicator.indicator_id}. {indicator.indicator}", 46)
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 46, placeholder="…")]
    return lines


def target_svg(report: Report) -> str:
    """Draw each indicator against its target for a phone: its name, then its bar below."""
    words = WORDS[report.params.language]
    language = report.params.language
    drawing = Drawing()
    drawing.text(PAD, 20, words["target_title"], size=14, bold=True)
    span = WIDTH - 2 * PAD
    scale = CAP + 22  # as the wide chart: room after the longest bar for its figure

    def x_of(percent: float) -> float:
        return PAD + span * percent / scale

    y = 32.0
    for item in report.assessed:
        lines = _name_lines(item)
        for number, line in enumerate(lines):
            drawing.text(PAD, y + 12 + 15 * number, line, size=12)
        y += 15 * (len(lines) - 1)
        bar = y + 17
        # The target line at 100 %, beside each bar, never through the names.
        drawing.element(
            "line",
            x1=x_of(100),
            y1=bar - 3,
            x2=x_of(100),
            y2=bar + 17,
            stroke="black",
            stroke_dasharray="4 3",
        )
        value = attainment(item)
        if value is None:
            drawing.text(x_of(2), bar + 11, status_label("no_data", language), size=SMALLEST_TEXT)
            y += 40
            continue
        shown = float(min(value, Decimal(CAP)))
        drawing.status_box(PAD, bar, x_of(shown) - PAD, 14, item.period_status)
        label_at = shown
        expected = expected_pace(report, item)
        if expected is not None:
            drawing.element(
                "line",
                x1=x_of(expected),
                y1=bar - 3,
                x2=x_of(expected),
                y2=bar + 17,
                stroke="black",
                stroke_width=1.6,
            )
            label_at = max(shown, expected)
        caption = attainment_caption(item, value, language)
        x = x_of(label_at) + 4
        if x + text_width(caption, SMALLEST_TEXT) > WIDTH - 2:
            # No room after the bar: the figure goes inside its end, on a white patch.
            room = text_width(caption, SMALLEST_TEXT)
            x = x_of(shown) - 4
            drawing.element(
                "rect", x=x - room - 2, y=bar + 1, width=room + 4, height=12, rx=2, fill="white"
            )
            drawing.text(x, bar + 11, caption, size=SMALLEST_TEXT, anchor="end")
        else:
            drawing.text(x, bar + 11, caption, size=SMALLEST_TEXT, halo=True)
        y += 40
    drawing.element("line", x1=PAD, y1=y, x2=WIDTH - PAD, y2=y, stroke=INK)
    for tick in range(0, CAP + 1, 50):
        drawing.element("line", x1=x_of(tick), y1=y, x2=x_of(tick), y2=y + 4, stroke=INK)
        anchor = "start" if tick == 0 else "middle"
        drawing.text(x_of(tick), y + 16, str(tick), size=SMALLEST_TEXT, anchor=anchor)
    lines = textwrap.wrap(words["target_axis"], 52)
    for number, line in enumerate(lines):
        drawing.text(WIDTH / 2, y + 32 + 14 * number, line, size=SMALLEST_TEXT, anchor="middle")
    y += 32 + 14 * len(lines)
    if any(expected_pace(report, a) is not None for a in report.assessed):
        drawing.element(
            "line", x1=PAD + 6, y1=y - 2, x2=PAD + 6, y2=y + 14, stroke="black", stroke_width=1.6
        )
        drawing.text(PAD + 16, y + 11, pace_legend(report), size=12)
        y += 22
    return drawing.render(y + 4, words["target_title"])


def _history_panel(
    drawing: Drawing, panel: HistoryPanel, years: Sequence[int], top: float, language: str
) -> float:
    """Draw one indicator's panel from ``top``; return the y below it."""
    lines = textwrap.wrap(panel.title, 48)[:2]
    for number, line in enumerate(lines):
        drawing.text(PAD, top + 13 + 15 * number, line, size=12)
    plot_top = top + 15 * len(lines) + 22  # room for the figures written above the points
    plot_height = 44.0
    span = max(years) - min(years) or 1

    def x_of(year: int) -> float:
        return 40 + (WIDTH - 80) * (year - min(years)) / span

    def y_of(value: Decimal) -> float:
        return plot_top + plot_height * (1 - panel.position(value))

    if panel.from_zero:
        zero = y_of(Decimal(0))
        drawing.element(
            "line",
            x1=x_of(min(years)) - 18,
            y1=zero,
            x2=x_of(max(years)) + 18,
            y2=zero,
            stroke="#bbbbbb",
        )
        drawing.text(
            x_of(min(years)) - 22, zero + 4, "0", size=SMALLEST_TEXT, anchor="end", fill="#777777"
        )
    points = [(x_of(year), y_of(value)) for year, value in panel.points]
    solid = points[:-1] if panel.estimated else points
    if len(solid) >= 2:
        drawing.element(
            "polyline",
            points=" ".join(f"{_n(x)},{_n(y)}" for x, y in solid),
            fill="none",
            stroke=_LINE,
            stroke_width=2,
        )
    if panel.estimated and len(points) >= 2:
        (x1, y1), (x2, y2) = points[-2:]
        drawing.element(
            "line",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=_LINE,
            stroke_width=2,
            stroke_dasharray="2 3",
        )
    for number, (x, y) in enumerate(points):
        hollow = panel.estimated and number == len(points) - 1
        drawing.element(
            "circle",
            cx=x,
            cy=y,
            r=3.5,
            fill="white" if hollow else _LINE,
            stroke=_LINE,
            stroke_width=1.5,
        )
    for year, target in panel.targets:
        x, y = x_of(year), y_of(target)
        drawing.element("line", x1=x - 8, y1=y, x2=x + 8, y2=y, stroke=_TARGET, stroke_width=2.5)
    for (x, y), (_year, value) in zip(points, panel.points, strict=True):
        drawing.text(
            x,
            y - 7,
            format_number(value, language, 2),
            size=SMALLEST_TEXT,
            anchor="middle",
            fill=_LABEL,
            halo=True,  # over the target's tick when the two are close
        )
    bottom = plot_top + plot_height + 16
    for year in years:
        drawing.text(
            x_of(year), bottom, str(year), size=SMALLEST_TEXT, anchor="middle", fill="#444444"
        )
    return bottom + 14


def history_svg(report: Report) -> str | None:
    """Draw each indicator over the years for a phone, one panel a row; None with one year."""
    panels = history_panels(report)
    if not panels:
        return None
    words = WORDS[report.params.language]
    language = report.params.language
    years = history_years(report)
    drawing = Drawing()
    drawing.text(PAD, 20, words["history_title"], size=14, bold=True)
    y = 30.0
    for panel in panels:
        y = _history_panel(drawing, panel, years, y, language)
    # The legend: the line of figures, the target tick, this year's estimate.
    y += 6
    drawing.element("line", x1=PAD, y1=y, x2=PAD + 22, y2=y, stroke=_LINE, stroke_width=2)
    drawing.element("circle", cx=PAD + 11, cy=y, r=3.5, fill=_LINE)
    drawing.text(PAD + 28, y + 4, words["actual"], size=12)
    x = PAD + 28 + text_width(words["actual"], 12) + 12
    drawing.element("line", x1=x, y1=y, x2=x + 16, y2=y, stroke=_TARGET, stroke_width=2.5)
    drawing.text(x + 22, y + 4, words["target"], size=12)
    if report.period_months < 12:
        y += 20
        drawing.element(
            "line",
            x1=PAD,
            y1=y,
            x2=PAD + 22,
            y2=y,
            stroke=_LINE,
            stroke_width=2,
            stroke_dasharray="2 3",
        )
        drawing.element(
            "circle", cx=PAD + 11, cy=y, r=3.5, fill="white", stroke=_LINE, stroke_width=1.5
        )
        drawing.text(PAD + 28, y + 4, f"{words['estimate']} {report.year}", size=12)
    return drawing.render(y + 12, words["history_title"])
