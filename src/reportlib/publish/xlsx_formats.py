"""Cell formats of the .xlsx sheets: fonts, number formats, status fills, page set-up.

Figures are stored as numbers with a number format that has as many decimals as the report
shows and the locale tag of the report's language (``[$-42A]`` for vi-VN), so LibreOffice
shows 1.234,5 on any machine and the office that consolidates a sheet can add it up.
Statuses carry a fill and a pattern that still tell them apart in black and white.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

FONT = "Times New Roman"
LOCALES = {"vi": "[$-42A]", "en": "[$-809]"}  # vi-VN, en-GB: the report's separators
SIZE = 11
LINE_POINTS = 14.5

# Fill colour and pattern per status: light grounds under black text, told apart in black
# and white by their grey level and pattern (as the charts do: hatched for not met, dotted
# for in progress); not met also has a heavy frame, since LibreOffice prints patterns as a
# flat tint.
STATUS_FILLS: dict[str, tuple[str, str]] = {
    "exceeded": ("solid", "9BC2E6"),
    "met": ("solid", "C6E0B4"),
    "not_met": ("lightUp", "C65911"),
    "in_progress": ("lightGray", "BF8F00"),
    "no_data": ("none", "FFFFFF"),
}


def _decimals(value: Decimal, most: int) -> int:
    """Count the decimals the report shows of a figure: at most ``most``, zeros dropped."""
    rounded = value.quantize(Decimal(1).scaleb(-most))
    text = f"{rounded:f}"
    fraction = text.partition(".")[2].rstrip("0")
    return len(fraction)


def number_format(
    value: Decimal, *, most: int = 2, percent: bool = False, language: str = "vi"
) -> str:
    """Return the display format of a figure: '[$-42A]#,##0.0' for 7,5; '...0.0%' for 101,6%."""
    places = _decimals(value * 100 if percent else value, most)
    body = "#,##0" + ("." + "0" * places if places else "")
    return f"{LOCALES[language]}{body}{'%' if percent else ''}"


def spreadsheet_text(text: str) -> str:
    """Keep a text from being read as a formula by the office that opens the sheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") and len(text) > 1 else text


def wrapped_lines(text: str, width: float) -> int:
    """Estimate how many lines a text wraps to in a column ``width`` characters wide."""
    fit = max(1, int(width * 1.35) - 1)  # Times New Roman is narrower than the width unit
    lines, length = 1, 0
    for word in text.split():
        if length and length + 1 + len(word) > fit:
            lines += 1
            length = len(word)
        else:
            length += len(word) + (1 if length else 0)
    return lines


def roman(number: int) -> str:
    """Write a group's number as these tables do: I, II, III, IV..."""
    numerals = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in numerals:
        while number >= value:
            text += letters
            number -= value
    return text


def font(**style: Any) -> Any:
    """Return the sheets' font (Times New Roman, 11 pt unless ``size`` says otherwise)."""
    from openpyxl.styles import Font

    return Font(name=FONT, size=style.pop("size", SIZE), **style)


def style_status(cell: Any, status: str) -> None:
    """Give a status cell its fill, pattern, weight and (for not met) its heavy frame."""
    from openpyxl.styles import Alignment, Border, PatternFill, Side

    pattern, colour = STATUS_FILLS[status]
    if pattern != "none":
        cell.fill = PatternFill(pattern, fgColor=colour, bgColor="FFFFFF")
    cell.font = font(bold=status in ("exceeded", "not_met"), italic=status == "no_data")
    if status == "not_met":
        # A reader that prints the hatching as a flat tint still shows the frame.
        thick = Side(style="medium", color="000000")
        cell.border = Border(left=thick, right=thick, top=thick, bottom=thick)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def print_setup(sheet: Any, *, title_rows: str) -> None:
    """Print a sheet on A4 landscape, fit to the page's width, its header on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.print_title_rows = title_rows
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left, margins.right, margins.top, margins.bottom = 0.6, 0.6, 0.8, 0.6
    sheet.oddFooter.center.text = "&P/&N"
    sheet.oddFooter.center.font = FONT
