"""Lay out a report table in Word: its rows, which repeat as a header, and column widths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportlib.publish._html_tree import Element

# Times New Roman at 11 pt: an average letter's width, and a cell's padding, in millimetres.
CHAR_MM = 2.3
PADDING_MM = 4.0
# A head cell is bold and often in capitals ('TT', 'STT', 'ĐVT'): its letters are wider, and
# the province's 'TT' measured as plain text printed as 'T' over 'T'.
HEAD_SCALE = 1.3


def column_widths(rows: list[tuple[Element, bool]], count: int, total_mm: float) -> list[float]:
    """Share a table's width as a browser's auto layout does.

    Each column gets at least its longest word, then the rest of the width in proportion
    to how much more its longest text would take on one line.
    """
    least = [4.0] * count
    most = [4.0] * count
    for row, _ in rows:
        column = 0
        for cell in row.elements():
            if cell.tag not in ("td", "th"):
                continue
            text = cell.text()
            if cell.attrs.get("colspan", "1") == "1" and column < count:
                words = text.split() or [""]
                letter = CHAR_MM * (HEAD_SCALE if cell.tag == "th" else 1.0)
                least[column] = max(least[column], max(len(w) for w in words) * letter)
                most[column] = max(most[column], min(len(text), 60) * CHAR_MM)
            column += 1
    least = [w + PADDING_MM for w in least]
    most = [max(m + PADDING_MM, low) for m, low in zip(most, least, strict=True)]
    if sum(least) >= total_mm:
        return [total_mm * w / sum(least) for w in least]
    if sum(most) <= total_mm:
        return [total_mm * w / sum(most) for w in most]
    spare = total_mm - sum(least)
    wanted = sum(m - low for m, low in zip(most, least, strict=True))
    return [low + spare * (m - low) / wanted for m, low in zip(most, least, strict=True)]


def table_rows(element: Element) -> list[tuple[Element, bool]]:
    """Return a table's rows in order, each with whether it is in the table's head."""
    rows: list[tuple[Element, bool]] = []
    for part in element.elements():
        if part.tag == "tr":
            rows.append((part, False))
        elif part.tag in ("thead", "tbody", "tfoot"):
            rows.extend((row, part.tag == "thead") for row in part.elements() if row.tag == "tr")
    return rows


def colspan(cell: Element) -> int:
    """Return how many grid columns a cell spans (1 when its colspan is not a number)."""
    try:
        return max(1, int(cell.attrs.get("colspan", "1")))
    except ValueError:
        return 1


def mark_row(docx_row: Any, *, header: bool) -> None:
    """Keep a Word row on one page and, for a head row, repeat it on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = docx_row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")  # a row is read whole: never split across pages
    keep.set(qn("w:val"), "true")
    properties.append(keep)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        properties.append(repeat)
