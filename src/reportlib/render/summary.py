"""Summarise one report's statuses for people (an aligned table) and programs (JSON, SPEC §7)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.i18n import gettext
from reportlib.render.formatting import format_number, format_target
from reportlib.render.narrative import count_sentence

if TYPE_CHECKING:
    from reportlib.engine.report import Report


def _json_number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def status_json(report: Report) -> dict[str, Any]:
    """Return the status object of SPEC §7: unit, year, period, counts and indicators.

    ``district`` repeats ``unit`` for the scripts written before 2026; inside an indicator,
    ``unit`` is its unit of measure (ĐVT), as before.
    """
    return {
        "unit": report.unit,
        "district": report.unit,
        "province": report.params.province,
        "unit_code": report.unit_info.code if report.unit_info else None,
        "unit_level": report.unit_info.level if report.unit_info else None,
        "year": report.year,
        "period_months": report.period_months,
        "counts": {
            "total": report.counts.total,
            "period": dict(report.counts.period),
            "year_end": dict(report.counts.year_end),
        },
        "indicators": [
            {
                "indicator_id": a.indicator.indicator_id,
                "indicator": a.indicator.indicator,
                "unit": a.indicator.unit_of_measure,
                "group": a.indicator.group,
                "kind": a.indicator.kind,
                "kind_source": a.indicator.kind_source,
                "direction": a.indicator.direction,
                "direction_source": a.indicator.direction_source,
                "target": [
                    _json_number(a.period_target.low if a.period_target else None),
                    _json_number(a.period_target.high if a.period_target else None),
                ]
                if a.indicator.kind != "milestone"
                else None,
                "target_text": a.indicator.target.text,
                "target_form": a.indicator.target.form,
                "actual": _json_number(a.indicator.actual),
                "estimate": _json_number(a.indicator.estimate),
                "previous": _json_number(a.indicator.previous),
                "percent_of_target": _json_number(a.percent_of_target.quantize(Decimal("0.01")))
                if a.percent_of_target is not None
                else None,
                "change": _json_number(a.change.quantize(Decimal("0.01")))
                if a.change is not None
                else None,
                "change_in_points": a.indicator.is_rate,
                "period_status": a.period_status,
                "assessed_by_office": a.assessed_by_office,
                "pace": a.pace,
                "year_end_status": a.year_end_status,
                "year_end_by_office": a.year_end_by_office,
            }
            for a in report.assessed
        ],
        "notices": list(report.notices),
    }


_FORMULA_STARTERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Keep a spreadsheet from reading a text cell as a formula: '=1+1' -> "'=1+1"."""
    return "'" + text if text.startswith(_FORMULA_STARTERS) else text


def status_csv(report: Report) -> str:
    """Return the indicators and their statuses as CSV, text cells made formula-safe."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "unit",
            "year",
            "period_months",
            "indicator_id",
            "indicator",
            "unit",
            "kind",
            "direction",
            "target_low",
            "target_high",
            "actual",
            "estimate",
            "previous",
            "percent_of_target",
            "period_status",
            "assessed_by_office",
            "pace",
            "year_end_status",
        ]
    )

    def number(value: Decimal | None) -> str:
        return "" if value is None else str(value)

    for a in report.assessed:
        i = a.indicator
        writer.writerow(
            [
                spreadsheet_safe(report.unit),
                report.year,
                report.period_months,
                spreadsheet_safe(i.indicator_id),
                spreadsheet_safe(i.indicator),
                spreadsheet_safe(i.unit_of_measure),
                i.kind,
                i.direction,
                number(i.target_low),
                number(i.target_high),
                number(i.actual),
                number(i.estimate),
                number(i.previous),
                number(a.percent_of_target.quantize(Decimal("0.01")))
                if a.percent_of_target is not None
                else "",
                a.period_status,
                "yes" if a.assessed_by_office else "no",
                a.pace or "",
                a.year_end_status,
            ]
        )
    return buffer.getvalue()


def _figure(value: Decimal | None, kind: str, language: str) -> str:
    """Show a figure in the status table: a milestone as done / not done, not as 1 / 0."""
    if kind == "milestone" and value is not None:
        return gettext("done") if value == 1 else gettext("not done")
    return format_number(value, language)


def _no_translation(message: str) -> str:
    """Mark a message for the catalogue, translated where it is shown."""
    return message


STATUS_HEADER = (
    _no_translation("id"),
    _no_translation("indicator"),
    _no_translation("unit"),
    _no_translation("target"),
    _no_translation("actual"),
    _no_translation("estimate"),
    _no_translation("period"),
    _no_translation("pace"),
    _no_translation("year end"),
)
# A status or a pace as the terminal shows it: the names of SPEC §5 in English.
STATUS_WORDS = {
    "exceeded": _no_translation("exceeded"),
    "met": _no_translation("met"),
    "not_met": _no_translation("not_met"),
    "in_progress": _no_translation("in_progress"),
    "no_data": _no_translation("no_data"),
}
PACE_WORDS = {
    "on_track": _no_translation("on_track"),
    "at_risk": _no_translation("at_risk"),
    "behind": _no_translation("behind"),
}


def status_word(status: str) -> str:
    """Return the catalogue's message for a status name (the name itself if it has none)."""
    return STATUS_WORDS.get(status, status)


def _count_line(label: str, counts: Any) -> str:
    words = ", ".join(f"{gettext(status_word(k))} {v}" for k, v in counts.items())
    return f"{label:<9} {words}"


def status_text(report: Report) -> str:
    """Return an aligned table of the indicators, then the counts and the count sentence.

    Numbers are in the report's language format: 4.850 and 285,6 for a Vietnamese report.
    """
    language = report.params.language
    header = tuple(gettext(word) for word in STATUS_HEADER)
    rows = [header]
    for a in report.assessed:
        i = a.indicator
        name = i.indicator if len(i.indicator) <= 42 else i.indicator[:41] + "…"
        status = a.period_status + ("*" if a.assessed_by_office else "")
        rows.append(
            (
                i.indicator_id,
                name,
                i.unit_of_measure,
                (
                    format_target(a.period_target, "", language)
                    if i.kind != "milestone"
                    else gettext("done")
                ),
                _figure(i.actual, i.kind, language),
                _figure(i.estimate, i.kind, language),
                gettext(status_word(a.period_status)) + status[len(a.period_status) :],
                gettext(PACE_WORDS[a.pace]) if a.pace else "",
                gettext(status_word(a.year_end_status)),
            )
        )
    widths = [max(len(r[c]) for r in rows) for c in range(len(header))]
    lines = [
        gettext("{unit} {year}, {months} months ({count} indicators)").format(
            unit=report.unit,
            year=report.year,
            months=report.period_months,
            count=format_number(Decimal(report.counts.total), language),
        ),
        "",
    ]
    for number, row in enumerate(rows):
        lines.append(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    c = report.counts
    lines += [
        "",
        _count_line(gettext("period:"), c.period),
        _count_line(gettext("year end:"), c.year_end),
    ]
    if any(a.assessed_by_office for a in report.assessed):
        lines.append(gettext("* the office's own assessment"))
    lines += ["", count_sentence(report)]
    return "\n".join(lines)
