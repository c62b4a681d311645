"""A province overview's charts drawn for a phone's width, as the unit charts are.

The wide overview charts (`overview_charts`) put a hundred units and a dozen indicators in one
matplotlib PNG; on a phone their text shrank to 4-5 px. Below 40rem the page shows these SVG
drawings instead (see `phone_charts`): one column, each band or indicator named on its own
line above its bar, the smallest text `SMALLEST_TEXT` pixels. The figures are the same ones
the wide charts and their alt texts use (`share_bands`, each indicator's status counts).
"""

from __future__ import annotations

import textwrap

from reportlib.engine.overview import Overview
from reportlib.engine.status import STATUSES
from reportlib.render.chart_style import STATUS_HATCHES
from reportlib.render.formatting import status_label
from reportlib.render.overview_data import (
    PERIOD_COLOUR,
    WORDS,
    YEAR_END_COLOUR,
    band_labels,
    share_bands,
    units_noun,
)
from reportlib.render.phone_charts import (
    DIAGONALS,
    INK,
    PAD,
    SMALLEST_TEXT,
    WIDTH,
    Drawing,
    count_axis,
    hatch_pattern,
    legend,
    status_segments,
    text_width,
)

# The wide chart's '//' hatch on the year-end bars, white on grey.
_YEAR_END_PATTERN = hatch_pattern("year-end", YEAR_END_COLOUR, DIAGONALS)


def _title(drawing: Drawing, text: str) -> float:
    """Write a bold title over as many lines as the width needs; return the y below it."""
    lines = textwrap.wrap(text, 40) or [""]
    for number, line in enumerate(lines):
        drawing.text(PAD, 20 + 18 * number, line, size=14, bold=True)
    return 20 + 18 * len(lines) + 8


def distribution_svg(found: Overview, language: str, *, year_end: bool) -> str:
    """Draw how many units meet 0-25 %, ..., all of their indicators: a band, then its bars."""
    words = WORDS[language]
    noun = units_noun(found, language)
    title = words["distribution"].format(noun=noun).capitalize()
    series = [(words["period"], share_bands(found), PERIOD_COLOUR)]
    if year_end:
        series.append((words["year_end"], share_bands(found, year_end=True), "url(#year-end)"))
    drawing = Drawing()
    if year_end:
        drawing.patterns["year-end"] = _YEAR_END_PATTERN
    y = _title(drawing, title) - 4
    # What the figures count, under the title (the wide chart's axis label).
    drawing.text(PAD, y + 10, words["units"].format(noun=noun), size=SMALLEST_TEXT, fill=INK)
    y += 20
    top = max(max(counts) for _, counts, _ in series) or 1
    span = WIDTH - 2 * PAD - 36  # room for the count after the longest bar
    for band, label in enumerate(band_labels(language)):
        drawing.text(PAD, y + 12, label, size=12)
        y += 18
        for _, counts, fill in series:
            width = span * counts[band] / top
            drawing.element("rect", x=PAD, y=y, width=width, height=14, fill=fill)
            drawing.text(PAD + width + 4, y + 11.5, str(counts[band]), size=12, bold=True)
            y += 17
        y += 6
    y += 4
    for number, (name, _, fill) in enumerate(series):
        x = PAD + number * (WIDTH - 2 * PAD) / 2
        drawing.element("rect", x=x, y=y, width=14, height=14, fill=fill)
        drawing.text(x + 20, y + 11.5, name, size=12)
    return drawing.render(y + 22, title)


def indicators_svg(found: Overview, language: str) -> str:
    """Draw each indicator's statuses across the units: its name, then its stacked bar."""
    noun = units_noun(found, language)
    title = WORDS[language]["across"].format(noun=noun)
    total = len(found.units)
    drawing = Drawing()
    y = _title(drawing, title)
    shown: set[str] = set()
    for column in found.indicators:
        lines = textwrap.wrap(column.name, 50) or [""]
        if len(lines) > 2:
            lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 50, placeholder="…")]
        for line in lines:
            drawing.text(PAD, y + 12, line, size=12)
            y += 15
        y += 3
        counts = {status: column.count(status) for status in STATUSES}
        for status, x, width, value in status_segments(drawing, y, 20, counts, total):
            shown.add(status)
            figure = str(value)
            if width >= text_width(figure, SMALLEST_TEXT) + 6:
                if STATUS_HATCHES[status]:
                    patch = text_width(figure, SMALLEST_TEXT) + 6
                    drawing.element(
                        "rect",
                        x=x + (width - patch) / 2,
                        y=y + 3,
                        width=patch,
                        height=14,
                        rx=3,
                        fill="white",
                    )
                colour = "black" if STATUS_HATCHES[status] else "white"
                drawing.text(
                    x + width / 2,
                    y + 14.5,
                    figure,
                    size=SMALLEST_TEXT,
                    anchor="middle",
                    bold=True,
                    fill=colour,
                )
        y += 28
    count_axis(drawing, y, total, WORDS[language]["units"].format(noun=noun))
    entries = [(s, status_label(s, language)) for s in STATUSES if s in shown]
    bottom = legend(drawing, y + 42, entries)
    return drawing.render(bottom + 4, title)
