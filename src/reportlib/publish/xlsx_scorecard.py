"""The province report's scorecard as an .xlsx sheet: one row per unit, one column per indicator.

The sheet shows what the HTML scorecard shows (`reportlib.render.overview.overview_view`
formats both): the unit's rank and name, its status in each indicator as a letter with the
appendix's fill for that status (so it reads in black and white too), its count and share met
or exceeded and its year-end estimate. The indicators are numbered 1..n in the header, their
names in a comment on each number and in a legend under the table.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportlib.publish.xlsx_formats import (
    font,
    number_format,
    print_setup,
    spreadsheet_text,
    style_status,
)

if TYPE_CHECKING:
    from reportlib.engine.overview import Overview
    from reportlib.engine.report import Report

SHEET_TITLE = {"vi": "Tổng hợp xã, phường", "en": "Units"}
WORDS = {
    "vi": {
        "title": "Bảng tổng hợp kết quả thực hiện chỉ tiêu theo {noun} ({period})",
        "rank": "Hạng",
        "unit": "Đơn vị",
        "met": "Đạt và vượt",
        "year_end": "Ước cả năm",
        "legend": "Ký hiệu: ",
        "columns": "Các chỉ tiêu:",
    },
    "en": {
        "title": "Scorecard of the {noun} ({period})",
        "rank": "Rank",
        "unit": "Unit",
        "met": "Met or exceeded",
        "year_end": "Year-end estimate",
        "legend": "Key: ",
        "columns": "The indicators:",
    },
}
HEAD = 3  # the header row: the title and the key to the letters above it
INDICATOR_WIDTH = 4.5


# About as many rows as LibreOffice and Excel print on an A4 landscape page of the scorecard.
ONE_PAGE_ROWS = 30


def add_scorecard(workbook: Any, report: Report) -> bool:
    """Add the scorecard sheet of a province's report to ``workbook``; False for any other."""
    from reportlib.engine.overview import province_overview

    found = province_overview(report)
    if found is None or not found.units:
        return False
    write_scorecard(workbook.create_sheet(SHEET_TITLE[report.params.language]), report, found)
    return True


def write_scorecard(sheet: Any, report: Report, found: Overview) -> None:
    """Write the scorecard of ``found`` into an empty sheet."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, PatternFill, Side
    from openpyxl.utils import get_column_letter

    from reportlib.render.overview import overview_view

    language = report.params.language
    words = WORDS[language]
    view = overview_view(report, found)
    indicators = view["columns"]
    first_indicator = 3
    after = first_indicator + len(indicators)  # the first column after the indicators
    count = after + 2
    last = get_column_letter(count)
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    middle = Alignment(horizontal="center", vertical="center", wrap_text=True)

    sheet.merge_cells(f"A1:{last}1")
    period = view["period"][0].lower() + view["period"][1:]
    title = words["title"].format(noun=view["noun"], period=period)
    cell = sheet.cell(row=1, column=1, value=spreadsheet_text(title))
    cell.font = font(bold=True, size=13)
    cell.alignment = middle
    sheet.row_dimensions[1].height = 36
    key = words["legend"] + "; ".join(f"{i['letter']} {i['label']}" for i in view["legend"])
    _note(sheet, 2, key, last, italic=True)

    headers = [words["rank"], words["unit"], *[c["number"] for c in indicators]]
    headers += [words["met"], "%", words["year_end"]]
    widths = [7, 24, *[INDICATOR_WIDTH] * len(indicators), 11, 9, 11]
    for index, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(row=HEAD, column=index, value=text)
        cell.font = font(bold=True)
        cell.alignment = middle
        cell.border = grid
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    for index, column in enumerate(indicators, start=first_indicator):
        comment = Comment(f"{column['number']}. {column['name']}", "reportlib")
        comment.width, comment.height = 240, 60
        sheet.cell(row=HEAD, column=index).comment = comment
    sheet.row_dimensions[HEAD].height = 33

    row = HEAD + 1
    for unit, shown in zip(found.units, view["units"], strict=True):
        values: list[Any] = [shown["rank"], spreadsheet_text(unit.unit)]
        values += [c["letter"] or None for c in shown["cells"]]
        share = unit.share_met() / 100
        values += [shown["met"], share, shown["year_end_met"]]
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=index, value=value)
            cell.font = font()
            cell.border = grid
            cell.alignment = Alignment(
                horizontal="left" if index == 2 else "center",
                vertical="center",
                indent=1 if index == 2 else 0,
            )
        percent = sheet.cell(row=row, column=after + 1)
        percent.number_format = number_format(
            Decimal(share), most=1, percent=True, language=language
        )
        percent.alignment = Alignment(horizontal="right", vertical="center", indent=1)
        for index, shown_cell in enumerate(shown["cells"], start=first_indicator):
            if shown_cell["status"] != "none":
                style_status(sheet.cell(row=row, column=index), shown_cell["status"])
        row += 1
    sheet.auto_filter.ref = f"A{HEAD}:{last}{row - 1}"

    if row + 1 + len(indicators) > ONE_PAGE_ROWS:
        # A table of more than a page: its list of indicators starts a page of its own (under
        # the repeated head, whose numbers it explains) rather than 'Các chỉ tiêu:' alone at
        # the foot of the table's last page and the list on the next.
        from openpyxl.worksheet.pagebreak import Break

        sheet.row_breaks.append(Break(id=row - 1))
    row += 1
    row = _note(sheet, row, words["columns"], last, bold=True)
    for column in indicators:
        row = _note(sheet, row, f"{column['number']}. {column['name']}", last)

    sheet.freeze_panes = sheet.cell(row=HEAD + 1, column=first_indicator).coordinate
    print_setup(sheet, title_rows=f"{HEAD}:{HEAD}")


def _note(sheet: Any, row: int, text: str, last: str, **style: Any) -> int:
    """Write a line under the table across its width; return the next row."""
    from openpyxl.styles import Alignment

    sheet.merge_cells(f"A{row}:{last}{row}")
    cell = sheet.cell(row=row, column=1, value=spreadsheet_text(text))
    cell.font = font(size=10, **style)
    cell.alignment = Alignment(horizontal="left", vertical="center")
    return row + 1
