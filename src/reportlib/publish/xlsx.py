"""Write a report's appendix (Phụ lục) as an .xlsx sheet, as the offices' own tables look.

Title rows, a two-row merged header, a row per group and one per indicator, the provenance
line at the foot. Figures are stored as numbers, so the office that consolidates the sheet
can add them up; each cell's number format has as many decimals as the figure (at most two,
as the report writes it) and carries the Vietnamese locale tag ``[$-42A]``: LibreOffice then
shows 1.234,5 on any machine, and Excel shows the separators of the system it runs on
(1.234,5 on a Vietnamese Windows, the offices' own). Writing the separators as literal text
in the format would only work for whole numbers, and turning figures into text would break
the sums. Status words carry a fill and a pattern (solid, hatched, dotted) that still tell
them apart in black and white, with black text on light grounds (`xlsx_formats`). A
province's workbook adds its scorecard of communes and wards as a second sheet
(`xlsx_scorecard`).

openpyxl, not XlsxWriter: it is already a dependency (tables are read with it), and the same
library reads the sheet back in the tests.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.errors import ExportError
from reportlib.publish._zip import reproducible_zip
from reportlib.publish.xlsx_formats import (
    LINE_POINTS,
    font,
    number_format,
    print_setup,
    roman,
    spreadsheet_text,
    style_status,
    wrapped_lines,
)
from reportlib.publish.xlsx_scorecard import add_scorecard

if TYPE_CHECKING:
    from reportlib.engine.report import Report
    from reportlib.engine.status import Assessed

__all__ = ["columns", "number_format", "report_to_xlsx", "warm_up"]

SHEET_TITLE = {"vi": "Phụ lục", "en": "Appendix"}


@dataclass(frozen=True)
class Column:
    """One column of the appendix: its header (two rows), width and what it shows."""

    key: str
    top: str
    sub: str = ""  # the second header row; '' when the top header spans both rows
    width: float = 12


HEADERS: dict[str, dict[str, str]] = {
    "vi": {
        "id": "STT",
        "name": "Chỉ tiêu",
        "unit": "ĐVT",
        "target": "Kế hoạch năm {year}",
        "done": "Thực hiện {period}",
        "actual": "Số liệu",
        "percent": "% KH",
        "estimate": "Ước cả năm {year}",
        "previous": "Cùng kỳ năm {last}",
        "verdict": "Đánh giá",
        "period_status": "Kỳ báo cáo",
        "year_status": "Năm {year}",
        "pace": "Tiến độ",
        "year_end_status": "Dự kiến cả năm",
        "note": "Ghi chú",
        "appendix": "PHỤ LỤC",
        "attached": "(Kèm theo Báo cáo số {number}{date})",
        "attached_date": " ngày {date}",
        "completed": "Hoàn thành",
        "not_completed": "Chưa hoàn thành",
        "office": "Theo đánh giá của đơn vị",
    },
    "en": {
        "id": "No.",
        "name": "Indicator",
        "unit": "Unit",
        "target": "Target {year}",
        "done": "Actual, {period}",
        "actual": "Figure",
        "percent": "% of target",
        "estimate": "Estimate {year}",
        "previous": "Same period {last}",
        "verdict": "Assessment",
        "period_status": "Period",
        "year_status": "Year {year}",
        "pace": "Pace",
        "year_end_status": "Year-end estimate",
        "note": "Note",
        "appendix": "APPENDIX",
        "attached": "(Attached to report No. {number}{date})",
        "attached_date": " of {date}",
        "completed": "Completed",
        "not_completed": "Not completed",
        "office": "The office's assessment",
    },
}


def columns(report: Report) -> list[Column]:
    """Return the appendix's columns: the estimate and year-end verdicts only in-year."""
    from reportlib.render.formatting import period_label

    language = report.params.language
    words = HEADERS[language]
    year = report.year
    period = period_label(report.period_months, year, language)
    period = period[0].lower() + period[1:]  # 'Thực hiện 9 tháng...', 'Actual, the first...'
    in_year = report.period_months < 12
    done = words["done"].format(period=period)
    verdict = words["verdict"]
    chosen = [
        Column("id", words["id"], width=7),
        Column("name", words["name"], width=36),
        Column("unit", words["unit"], width=10),
        Column("target", words["target"].format(year=year), width=12),
        Column("actual", done, words["actual"], width=11),
        Column("percent", done, words["percent"], width=9),
    ]
    if in_year:
        chosen.append(Column("estimate", words["estimate"].format(year=year), width=12))
    chosen.append(Column("previous", words["previous"].format(last=year - 1), width=12))
    if in_year:
        chosen += [
            Column("period_status", verdict, words["period_status"], width=13),
            Column("pace", verdict, words["pace"], width=13),
            Column("year_end_status", verdict, words["year_end_status"], width=13),
        ]
    else:
        chosen.append(Column("period_status", verdict, words["year_status"].format(year=year)))
    chosen.append(Column("note", words["note"], width=26))
    return chosen


def _cell_values(item: Assessed, report: Report) -> dict[str, tuple[Any, str | None]]:
    """Return each column's value of an indicator's row, with its number format."""
    from reportlib.render.formatting import format_target, pace_label, status_label

    language = report.params.language
    words = HEADERS[language]
    indicator = item.indicator
    values: dict[str, tuple[Any, str | None]] = {
        "id": (indicator.indicator_id, None),
        "name": (indicator.indicator, None),
        "unit": (indicator.unit_of_measure, None),
    }

    def figure(value: Decimal | None) -> tuple[Any, str | None]:
        if value is None:
            return "–", None
        return value, number_format(value, language=language)

    if indicator.is_milestone:
        values["target"] = (words["completed"], None)

        def task(value: Decimal | None) -> tuple[Any, str | None]:
            if value is None:
                return "–", None
            return (words["completed"] if value == 1 else words["not_completed"]), None

        values["actual"] = task(indicator.actual)
        values["estimate"] = task(
            indicator.actual if report.period_months >= 12 else indicator.estimate
        )
        values["previous"] = ("–", None)
    else:
        target = item.period_target or indicator.target
        if target.form == "number" and target.low is not None and not target.approximate:
            values["target"] = figure(target.low)
        else:  # a range, a bound, 'khoảng 45': as the report writes it, words and all
            values["target"] = (format_target(target, "", language), None)
        values["actual"] = figure(indicator.actual)
        values["estimate"] = figure(indicator.estimate)
        values["previous"] = figure(indicator.previous)
    if item.percent_of_target is not None:
        share = item.percent_of_target / 100
        values["percent"] = (
            share,
            number_format(share, most=1, percent=True, language=language),
        )
    else:
        values["percent"] = ("–", None)
    values["period_status"] = (status_label(item.period_status, language), None)
    values["pace"] = (pace_label(item.pace, language), None)
    values["year_end_status"] = (status_label(item.year_end_status, language), None)
    notes = [indicator.note] if indicator.note else []
    if item.assessed_by_office:
        notes.insert(0, words["office"])
    values["note"] = ("; ".join(notes), None)
    return values


def _title_texts(report: Report) -> tuple[str, str]:
    """Return the appendix's title and provenance line, as the HTML page words them."""
    from reportlib.publish._html_tree import parse_html
    from reportlib.render.narrative import render_part

    appendix = parse_html(str(render_part(report, "appendix")))
    title = appendix.find("p", "appendix-title")
    provenance = parse_html(str(render_part(report, "provenance")))
    return (title.text() if title else ""), provenance.text()


def report_to_xlsx(report: Report) -> bytes:
    """Return the report's appendix as an .xlsx workbook; a province's adds its scorecard.

    Raises
    ------
    ExportError
        When openpyxl cannot write the workbook.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    language = report.params.language
    words = HEADERS[language]
    chosen = columns(report)
    count = len(chosen)
    last = get_column_letter(count)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE[language]
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def title_row(row: int, text: str, **style: Any) -> None:
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=spreadsheet_text(text))
        cell.font = font(**style)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    title, provenance = _title_texts(report)
    title_row(1, words["appendix"], bold=True, size=14)
    title_row(2, title, bold=True, size=13)
    document = report.params.document
    if document is not None and document.number:
        date = ""
        if document.date is not None:
            date = words["attached_date"].format(date=document.date.strftime("%d/%m/%Y"))
        title_row(3, words["attached"].format(number=document.number, date=date), italic=True)
    head = 5
    for index, column in enumerate(chosen, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        sheet.cell(row=head, column=index, value=column.top)
        if column.sub:
            sheet.cell(row=head + 1, column=index, value=column.sub)
        else:
            sheet.merge_cells(f"{letter}{head}:{letter}{head + 1}")
    # Merge the top header over its sub-columns: 'Thực hiện' over figure and % KH.
    start = 1
    while start <= count:
        end = start
        while (
            end + 1 <= count
            and chosen[start - 1].sub
            and chosen[end].sub
            and chosen[end].top == chosen[start - 1].top
        ):
            end += 1
        if end > start:
            sheet.merge_cells(f"{get_column_letter(start)}{head}:{get_column_letter(end)}{head}")
        start = end + 1
    for row in (head, head + 1):
        sheet.row_dimensions[row].height = 33
        for index in range(1, count + 1):
            cell = sheet.cell(row=row, column=index)
            cell.font = font(bold=True)
            cell.alignment = middle
            cell.border = grid
            cell.fill = PatternFill("solid", fgColor="F2F2F2")

    row = head + 2
    group = None
    groups = 0
    has_groups = any(item.indicator.group for item in report.assessed)
    # Rows of one group together, the groups in the order the table first names them.
    order = {
        name: index
        for index, name in reversed(
            list(enumerate(item.indicator.group for item in report.assessed))
        )
    }
    ordered = sorted(report.assessed, key=lambda item: order[item.indicator.group])
    for item in ordered if has_groups else report.assessed:
        if has_groups and item.indicator.group != group:
            group = item.indicator.group
            groups += 1
            sheet.cell(row=row, column=1, value=roman(groups))
            sheet.cell(row=row, column=2, value=spreadsheet_text(group or "–"))
            sheet.merge_cells(f"B{row}:{last}{row}")
            for index in range(1, count + 1):
                cell = sheet.cell(row=row, column=index)
                cell.font = font(bold=True)
                cell.border = grid
                cell.alignment = Alignment(
                    horizontal="center" if index == 1 else "left", vertical="center"
                )
            row += 1
        values = _cell_values(item, report)
        lines = 1
        for index, column in enumerate(chosen, start=1):
            value, shown = values[column.key]
            cell = sheet.cell(
                row=row,
                column=index,
                value=spreadsheet_text(value) if isinstance(value, str) else value,
            )
            cell.font = font()
            cell.border = grid
            numeric = isinstance(value, Decimal)
            if isinstance(value, str):
                lines = max(lines, wrapped_lines(value, column.width))
            if shown:
                cell.number_format = shown
            figure_column = column.key in ("target", "actual", "estimate", "previous", "percent")
            cell.alignment = Alignment(
                horizontal="right"
                if numeric or figure_column
                else "center"
                if column.key in ("id", "unit")
                else "left",
                vertical="center",
                wrap_text=True,
                indent=1 if numeric or figure_column or column.key in ("name", "note") else 0,
            )
            status = {
                "period_status": item.period_status,
                "year_end_status": item.year_end_status,
            }.get(column.key)
            if status is not None:
                style_status(cell, status)
        # Neither openpyxl nor every reader sizes a row to its wrapped text.
        sheet.row_dimensions[row].height = LINE_POINTS * lines + 3
        row += 1
    row += 1
    sheet.merge_cells(f"A{row}:{last}{row}")
    foot = sheet.cell(row=row, column=1, value=spreadsheet_text(provenance))
    foot.font = font(size=9, italic=True, color="404040")
    foot.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row].height = 30

    sheet.freeze_panes = f"C{head + 2}"
    print_setup(sheet, title_rows=f"{head}:{head + 1}")
    add_scorecard(workbook, report)

    when = (document.date if document is not None else None) or dt.date(report.year, 12, 31)
    moment = dt.datetime(when.year, when.month, when.day)
    properties = workbook.properties
    properties.title = title
    properties.creator = "reportlib"
    properties.created = moment
    properties.modified = moment
    properties.language = "vi-VN" if language == "vi" else "en-GB"
    buffer = io.BytesIO()
    try:
        workbook.save(buffer)
    except Exception as error:
        raise ExportError(f"xlsx: cannot write the appendix of {report.unit}: {error}") from error
    return reproducible_zip(buffer.getvalue(), when)


def warm_up() -> None:
    """Import what the .docx and .xlsx writers need and make the styled blank .docx, once.

    An export worker calls it while it waits for its first report. The lists of units that
    `prepare_report` looks the unit up in are loaded once by the build's fork server when the
    build writes .docx or .xlsx (`reportlib.build._fork_server`), else on first use.
    """
    import docx  # noqa: F401
    import openpyxl  # noqa: F401

    from reportlib.publish.docx import styled_blank

    styled_blank("vi")
    styled_blank("en")
