"""Render the report's text (SPEC §6) from the statuses, through Jinja2 templates.

The Python side builds a view of the facts, each figure already formatted for the report's
language; the templates (``templates/report/<language>.html.j2``) only phrase them. Templates
use ``StrictUndefined`` and autoescaping: a missing value fails the build, and no piece of
input text can become markup. The analysts' Markdown is rendered with raw HTML disabled and
then sanitised, keeping only plain formatting and http(s)/mailto links.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.engine.model import Target
from reportlib.engine.status import Assessed
from reportlib.render.document import document_view
from reportlib.render.formatting import (
    format_count,
    format_number,
    format_percent,
    format_target,
    format_value,
    pace_label,
    period_label,
    status_label,
)

if TYPE_CHECKING:
    import jinja2

    from reportlib.engine.report import Report

PARTS = (
    "frame",
    "results",
    "shortfalls",
    "shortcomings",
    "directions",
    "closing",
    "appendix",
    "provenance",
)


class Html(str):
    """A piece of rendered HTML that Jupyter displays as HTML."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)

    def __html__(self) -> str:
        # Jinja2 (markupsafe) inserts objects with __html__ as they are: already safe HTML.
        return str(self)

    def __repr__(self) -> str:
        # What Jupyter stores as text/plain next to the HTML: short, not the HTML twice.
        return f"<reportlib.Html: {len(self)} characters>"


@dataclass(frozen=True)
class IndicatorView:
    """One indicator's figures and verdicts, formatted for the report's language."""

    indicator_id: str
    name: str
    group: str
    unit_of_measure: str
    kind: str
    direction: str
    target: str
    year_target: str
    actual: str
    estimate: str
    previous: str
    target_number: str
    actual_number: str
    estimate_number: str
    previous_number: str
    percent_of_target: str
    estimate_percent_of_target: str
    change: str
    change_sign: str
    change_in_points: bool
    period_status: str
    period_label: str
    assessed_by_office: bool
    pace: str
    pace_label: str
    year_end_status: str
    year_end_label: str
    note: str
    is_milestone: bool
    done: bool
    estimate_done: bool
    verb: str = "đạt"


def indicator_view(item: Assessed, language: str, period_months: int) -> IndicatorView:
    """Format one assessed indicator for the templates."""
    i = item.indicator
    unit = i.unit_of_measure
    change_sign = ""
    change = ""
    if item.change is not None:
        change_sign = "up" if item.change > 0 else "down" if item.change < 0 else "same"
        amount = abs(item.change)
        change = format_number(amount, language, 2 if i.is_rate else 1)
    is_milestone = i.kind == "milestone"
    return IndicatorView(
        indicator_id=i.indicator_id,
        name=i.indicator,
        group=i.group,
        unit_of_measure=unit,
        kind=i.kind,
        direction=i.direction,
        target="" if is_milestone else target_text(i.target, item.period_target, unit, language),
        year_target=(
            "" if is_milestone else target_text(i.target, item.year_end_target, unit, language)
        ),
        actual=format_value(i.actual, unit, language) if not is_milestone else "",
        estimate=format_value(i.estimate, unit, language) if not is_milestone else "",
        previous=format_value(i.previous, unit, language) if not is_milestone else "",
        target_number=""
        if is_milestone
        else target_text(i.target, item.period_target, "", language),
        actual_number=_number(i.actual, language, is_milestone),
        estimate_number=_number(i.estimate, language, is_milestone),
        previous_number=_number(i.previous, language, is_milestone),
        percent_of_target=_percent(item.percent_of_target, language),
        estimate_percent_of_target=_percent(item.estimate_percent_of_target, language),
        change=change,
        change_sign=change_sign,
        change_in_points=i.is_rate,
        period_status=item.period_status,
        period_label=status_label(item.period_status, language),
        assessed_by_office=item.assessed_by_office,
        pace=item.pace or "",
        pace_label=pace_label(item.pace, language),
        year_end_status=item.year_end_status,
        year_end_label=status_label(item.year_end_status, language),
        note=i.note,
        is_milestone=is_milestone,
        done=i.actual == 1,
        estimate_done=(i.actual if period_months >= 12 else i.estimate) == 1,
        verb=value_verb(i.indicator, i.direction, change_sign),
    )


def value_verb(name: str, direction: str, change_sign: str) -> str:
    """The verb before a figure, as these reports write it: 'đạt 34,6 tỷ đồng', 'còn 1,15%'.

    'còn' says a lower-is-better figure came down; one that rose is stated with 'là' ('Số vụ
    tai nạn giao thông là 13 vụ, tăng ...'), as is the figure of a name that ends in 'đạt
    được' (never 'đạt được đạt').
    """
    from reportlib.engine.text import fold

    if direction == "lower":
        return "là" if change_sign == "up" else "còn"
    if fold(name).endswith(("dat duoc", " dat")):
        return "là"
    return "đạt"


def target_text(target: Target, resolved: Target | None, unit: str, language: str) -> str:
    """State a target: as the table wrote its form, and a relative one with what it came to.

    'tăng 10% so với năm 2023' against last year's 1.000 reads '1.100 (tăng 10% so với năm
    2023)'; without last year's figure it stays as written.
    """
    if not target.is_relative:
        return format_target(target, unit, language)
    if resolved is None or resolved.is_relative:
        return target.text
    return f"{format_target(resolved, unit, language)} ({target.text})"


def _number(value: Decimal | None, language: str, is_milestone: bool) -> str:
    return "" if is_milestone else format_number(value, language)


def _percent(value: Decimal | None, language: str) -> str:
    return format_percent(value, language) if value is not None else ""


def report_view(report: Report) -> dict[str, Any]:
    """Return everything the templates may use, formatted; no raw numbers."""
    language = report.params.language
    counts = report.counts
    views = [indicator_view(a, language, report.period_months) for a in report.assessed]
    total = counts.total
    params = report.params
    document = params.document
    sections = params.sections
    return {
        "language": language,
        "unit": report.unit,
        "district": report.unit,
        "province": params.province
        or next((a.indicator.province for a in report.assessed if a.indicator.province), ""),
        "year": report.year,
        "period_months": report.period_months,
        "is_year_end": report.period_months >= 12,
        "period": period_label(report.period_months, report.year, language),
        "total": total,
        "count": {
            "period": {k: format_count(v, total) for k, v in counts.period.items()},
            "period_n": dict(counts.period),
            "period_met": format_count(counts.period_met, total),
            "period_met_n": counts.period_met,
            "year_end": {k: format_count(v, total) for k, v in counts.year_end.items()},
            "year_end_n": dict(counts.year_end),
            "year_end_met": format_count(counts.year_end_met, total),
            "year_end_met_n": counts.year_end_met,
        },
        "indicators": views,
        "met": [v for v in views if v.period_status in ("met", "exceeded")],
        "shortfalls": [
            v
            for v in views
            if v.period_status in ("not_met", "no_data")
            or (v.period_status == "in_progress" and v.pace != "on_track")
        ],
        "on_track": [v for v in views if v.period_status == "in_progress" and v.pace == "on_track"],
        "year_end_not_met": [v for v in views if v.year_end_status == "not_met"],
        "year_end_no_data": [v for v in views if v.year_end_status == "no_data"],
        "assessed": [v for v in views if v.assessed_by_office],
        "document": document_view(document, language) if document is not None else None,
        "strengths": markdown(sections.strengths),
        "limitations": [markdown(t) for t in sections.limitations],
        "causes": [markdown(t) for t in sections.causes],
        "directions": [markdown(t) for t in sections.directions],
        "provenance": _provenance(report),
        "level": _level(report),
        # A province whose table holds other units: its overview is Phụ lục 2 (overview.py).
        "has_overview": bool(
            report.unit_info is not None
            and report.unit_info.level == "province"
            and report.table is not None
            and len(report.table.units()) > 1
        ),
    }


def _level(report: Report) -> dict[str, str] | None:
    """How the report names its unit's level: 'xã' and 'Tháp Mười'; 'Commune' in English."""
    info = report.unit_info
    if info is None:
        return None
    from reportlib.engine.units import level_words

    english = report.params.language == "en"
    words = level_words(info, "en" if english else "vi")
    title = words.committee.split(" People's")[0] if english else ""
    return {"noun": words.noun, "whole": words.whole, "place": info.short_name, "title": title}


def _provenance(report: Report) -> dict[str, str]:
    from reportlib.engine.provenance import provenance

    return provenance(report)


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("reportlib.render", "templates/report"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["number"] = format_number
    env.filters["count"] = format_count
    return env


def render_part(report: Report, part: str) -> Html:
    """Render one part of the report (see PARTS) as HTML.

    Raises
    ------
    ValueError
        For a part name that does not exist.
    """
    if part not in PARTS:
        raise ValueError(f"unknown report part {part!r}; the parts are: {', '.join(PARTS)}")
    template = _environment().get_template(f"{report.params.language}.html.j2")
    macro = getattr(template.module, part)
    return Html(str(macro(report_view(report))).strip())


def count_sentence(report: Report) -> str:
    """Return the count sentence for the period and the year-end estimate, as plain text."""
    template = _environment().get_template(f"{report.params.language}.html.j2")
    text = str(getattr(template.module, "count_sentence")(report_view(report)))  # noqa: B009
    return " ".join(text.split())


def markdown(text: str) -> Html:
    """Render the analysts' Markdown safely: no raw HTML, no images, only http(s)/mailto links."""
    if not text:
        return Html("")
    import nh3
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"html": False}).enable("table").render(text)
    cleaned = nh3.clean(
        rendered,
        tags={
            "p",
            "em",
            "strong",
            "ul",
            "ol",
            "li",
            "a",
            "br",
            "code",
            "blockquote",
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "h3",
            "h4",
            "h5",
            "h6",
        },
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Html(cleaned)
