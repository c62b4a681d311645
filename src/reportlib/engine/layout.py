"""Understand a sheet's layout: title block, header rows, column numbers, each row's role.

The tables offices keep (SPEC §3) put a title block above the header (quốc hiệu, the agency,
'BIỂU ... KẾT QUẢ THỰC HIỆN ... NĂM 2024'), a header of two or three merged rows, a row of
column numbers ('A | B | 1 | 2 | 3=2/1'), and rows that are not indicators: groups ('I. KINH
TẾ'), sub-rows ('- Trong đó: ...'), totals, footnotes and a signature block. This module finds
each; `rows.py` reads the indicator rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from reportlib.engine.columns import HeaderMeaning, header_meaning
from reportlib.engine.sheets import Sheet, column_letter, is_blank
from reportlib.engine.text import as_cell_text, clean_text, fold

Role = Literal["indicator", "group", "subrow", "total", "footnote", "signature", "blank"]
MAX_HEADER_SEARCH = 40
MAX_HEADER_ROWS = 3

_NUMBER_TOKEN = re.compile(
    r"^\(?(?:[A-Za-z]{1,2}|\d{1,2}|\d{1,2}\s*=\s*[\d\s/*+\-x().%]+|\d{1,2}[a-z]?)\)?$"
)
_ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_GROUP_NAME = re.compile(r"^(?P<label>[IVXLC]+|[A-Z])\s*[.)/-]\s*(?P<name>\S.*)$")
# A sub-row's mark is followed by a space: '- Trong đó: ...', '+ Thu nội địa'.
_SUB_MARKS = ("- ", "+ ", "– ", "— ", "• ", "* ", "· ", "o ", "-\t", "•")
_SUB_WORDS = ("trong do", "bao gom", "gom", "cu the", "chia ra", "chi tiet")
_TOTAL_WORDS = frozenset(
    {"tong cong", "cong", "tong so", "tong", "toan tinh", "toan huyen", "toan xa", "tong cong:"}
)
_FOOTNOTE_STARTS = (
    "(*)",
    "(**)",
    "(***)",
    "*",
    "ghi chu:",
    "ghi chu :",
    "nguon:",
    "nguon so lieu",
    "luu y",
    "chu thich",
    "chu y:",
)
_SIGNATURE_WORDS = (
    "nguoi lap bieu",
    "nguoi lap",
    "thu truong",
    "tm.",
    "t/m",
    "kt.",
    "k/t",
    "chu tich",
    "pho chu tich",
    "giam doc",
    "truong phong",
    "(ky",
    "ky ten",
    "ky, ghi ro",
    "ho va ten",
    "noi nhan",
    "xac nhan",
)
_DATE_LINE = re.compile(r"ngay\s*\S{0,6}\s*thang\s*\S{0,6}\s*nam")
# A figure as a cell holds it: a number, or a target that begins with one or with its sign.
_FIGURE = re.compile(r"^\s*[~≥≤<>=+\-]?\s*\d")


@dataclass(frozen=True)
class Column:
    """One column of the header: its parts from the merged parents down, and their meaning."""

    index: int
    parts: tuple[str, ...]
    meaning: HeaderMeaning

    @property
    def letter(self) -> str:
        """The column's spreadsheet letter."""
        return column_letter(self.index)

    @property
    def header(self) -> str:
        """The header as written, parents first: 'Năm 2024 | TH 9 tháng'."""
        return " | ".join(self.parts)


@dataclass(frozen=True)
class Header:
    """Where the header is, its columns, the column-number row and the title above it."""

    top: int
    bottom: int
    columns: tuple[Column, ...]
    numbers_row: int | None = None
    title: tuple[tuple[int, str], ...] = ()

    @property
    def data_start(self) -> int:
        """The first row below the header (and its column-number row)."""
        return (self.numbers_row or self.bottom) + 1

    @property
    def rows(self) -> tuple[int, ...]:
        """The header's rows as the spreadsheet numbers them."""
        return tuple(range(self.top, self.bottom + 1))


@dataclass(frozen=True)
class RowReading:
    """One row below the header: its role, its STT, its name, and the group it belongs to."""

    row: int
    role: Role
    text: str
    stt: str = ""
    group: str = ""
    group_label: str = ""


def _cell_fields(sheet: Sheet, row: int) -> list[str]:
    found = []
    for column in range(sheet.width):
        merge = sheet.merge_at(row, column)
        if merge is not None and merge.first_column != column:
            continue  # a merged header counts once
        text = as_cell_text(sheet.header_text(row, column))
        if text:
            meaning = header_meaning([text])
            if meaning.field is not None:
                found.append(meaning.field)
            elif meaning.year is not None:
                found.append("year-parent")
    return found


def find_header(sheet: Sheet) -> Header | None:
    """Return the sheet's header: the first row that names an indicator column and others.

    Returns None when no row within the first 40 looks like a header.
    """
    last = min(len(sheet.rows), MAX_HEADER_SEARCH)
    for top in range(1, last + 1):
        fields = _cell_fields(sheet, top)
        known = set(fields) - {"comparison", "year-parent"}
        if ("indicator" in known and len(fields) >= 2) or len(known) >= 3:
            bottom = _header_bottom(sheet, top)
            columns = _columns(sheet, top, bottom)
            numbers = bottom + 1 if _is_numbers_row(sheet, bottom + 1) else None
            title = tuple((row, text) for row in range(1, top) for text in _row_cells(sheet, row))
            return Header(top, bottom, columns, numbers, title)
    return None


def _header_bottom(sheet: Sheet, top: int) -> int:
    bottom = top
    changed = True
    while changed:
        changed = False
        for merge in sheet.merges:
            deeper = top <= merge.first_row <= bottom < merge.last_row
            if deeper and merge.last_row - top < MAX_HEADER_ROWS:
                bottom, changed = merge.last_row, True
            spans = merge.last_column > merge.first_column
            if (
                spans
                and merge.first_row == bottom == merge.last_row
                and bottom - top + 1 < (MAX_HEADER_ROWS)
                and _continues_header(sheet, bottom + 1)
            ):
                bottom, changed = bottom + 1, True
    if not sheet.merges:
        while bottom - top + 1 < MAX_HEADER_ROWS and _continues_header(sheet, bottom + 1):
            bottom += 1
    return bottom


def _continues_header(sheet: Sheet, row: int) -> bool:
    """Tell whether a row below a header is more header (a CSV keeps no merges to say so)."""
    if row > len(sheet.rows) or _is_numbers_row(sheet, row):
        return False
    texts = [as_cell_text(sheet.raw(row, c)) for c in range(sheet.width)]
    present = [t for t in texts if t]
    if not present:
        return False
    if any(_looks_numeric(t) for t in present):
        return False
    return any(header_meaning([t]).field is not None for t in present)


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+\-]?[\d.,\s]+%?", text))


def _columns(sheet: Sheet, top: int, bottom: int) -> tuple[Column, ...]:
    columns = []
    for index in range(sheet.width):
        parts: list[str] = []
        for row in range(top, bottom + 1):
            text = as_cell_text(sheet.header_text(row, index))
            if not text and not sheet.merges and row < bottom:
                text = _csv_parent(sheet, row, index)
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        if parts:
            columns.append(Column(index, tuple(parts), header_meaning(parts)))
    return tuple(columns)


def _csv_parent(sheet: Sheet, row: int, index: int) -> str:
    """Return the parent a CSV header cell inherits from its left: 'Năm 2024', , ,."""
    if is_blank(sheet.raw(row + 1, index)):
        return ""
    for left in range(index - 1, -1, -1):
        if is_blank(sheet.raw(row + 1, left)):
            return ""
        text = as_cell_text(sheet.raw(row, left))
        if text:
            return text
    return ""


def _is_numbers_row(sheet: Sheet, row: int) -> bool:
    if row > len(sheet.rows):
        return False
    texts = [as_cell_text(sheet.raw(row, c)) for c in range(sheet.width)]
    present = [t for t in texts if t]
    return len(present) >= 3 and all(_NUMBER_TOKEN.match(t) for t in present)


def _row_cells(sheet: Sheet, row: int) -> list[str]:
    """Return a title row's texts, cell by cell: the agency and the quốc hiệu often share one."""
    texts: list[str] = []
    for column in range(sheet.width):
        text = as_cell_text(sheet.value(row, column))
        if text and text not in texts:
            texts.append(text)
    return texts


def _is_roman_or_letter(stt: str) -> bool:
    bare = stt.rstrip(".)").strip()
    return bool(_ROMAN.match(bare)) or (len(bare) == 1 and bare.isalpha() and bare.isupper())


def classify_rows(
    sheet: Sheet, header: Header, columns: Mapping[str, int]
) -> tuple[RowReading, ...]:
    """Give each row below the header its role (SPEC §3: only indicators are counted).

    ``columns`` maps fields to column indexes: the name ('indicator'), the row's number
    ('stt') and the figures ('target', 'actual', ...) decide the roles.
    """
    name_at = columns.get("indicator")
    stt_at = columns.get("stt")
    figures = [columns[f] for f in ("target", "actual", "estimate", "previous") if f in columns]
    readings: list[RowReading] = []
    group = group_label = ""
    signed = False
    for row in range(header.data_start, len(sheet.rows) + 1):
        cells = [as_cell_text(sheet.value(row, c)) for c in range(sheet.width)]
        if not any(cells):
            readings.append(RowReading(row, "blank", ""))
            continue
        name = cells[name_at] if name_at is not None and name_at < len(cells) else ""
        stt = cells[stt_at] if stt_at is not None and stt_at < len(cells) else ""
        first = next(t for t in cells if t)
        figure_texts = [cells[i] for i in figures if i < len(cells) and cells[i]]
        has_figures = bool(figure_texts)
        key = fold(name or first)
        role: Role
        if signed or _is_signature(cells, name, figure_texts):
            signed = True
            role = "signature"
        elif not has_figures and fold(first).startswith(_FOOTNOTE_STARTS):
            role = "footnote"
        elif stt and _is_roman_or_letter(stt):
            role = "group"
            group, group_label = clean_text(name or first), stt.rstrip(".)").strip()
        elif not has_figures and (match := _GROUP_NAME.match(name or first)):
            # 'I. KINH TẾ' in the STT or the name column, or merged across the table.
            role = "group"
            group, group_label = match["name"].strip(), match["label"]
        elif key in _TOTAL_WORDS or key.startswith(("tong cong", "cong:")):
            role = "total"
        elif _is_subrow(name, stt):
            role = "subrow"
        elif not stt and not has_figures and name and name == name.upper() and len(name) > 3:
            role = "group"  # 'KINH TẾ' on a row of its own: an unnumbered group
            group, group_label = clean_text(name), ""
        elif not name and not has_figures:
            role = "footnote"
        else:
            role = "indicator"
        readings.append(RowReading(row, role, name or first, stt, group, group_label))
    return tuple(_trailing_notes(readings))


def _is_signature(cells: list[str], name: str, figure_texts: list[str]) -> bool:
    """Tell a signature block's row: 'NGƯỜI LẬP BIỂU', 'TM. ỦY BAN NHÂN DÂN', a date line.

    The block is laid out across the table, so its words may stand in any column, figure
    columns included ('TM. ỦY BAN NHÂN DÂN' under the plan): a row is a signature when a cell
    says so, its name cell is empty or says so too, and it holds no figure (a number in any
    cell, or a target such as '≥ 95' in a figure column).
    """
    if any(_looks_numeric(text) for text in cells if text):
        return False
    if any(_FIGURE.match(text) for text in figure_texts):
        return False
    if name and not _signature_text(name):
        return False
    return any(_signature_text(text) for text in cells)


def _signature_text(text: str) -> bool:
    key = fold(text)
    return key.startswith(_SIGNATURE_WORDS) or bool(_DATE_LINE.search(key))


def _is_subrow(name: str, stt: str) -> bool:
    if stt in ("-", "+", "*", "•", "–") or re.fullmatch(r"[a-zđ][.)]?", stt):
        return True
    if name.startswith(_SUB_MARKS):
        return True
    return fold(name).startswith(_SUB_WORDS)


def _trailing_notes(readings: list[RowReading]) -> list[RowReading]:
    """Rows of text after the last indicator, before any signature, are footnotes."""
    last = max((i for i, r in enumerate(readings) if r.role == "indicator"), default=-1)
    out = []
    for index, reading in enumerate(readings):
        if index > last and reading.role in ("group", "total") and not reading.stt:
            reading = RowReading(reading.row, "footnote", reading.text)
        out.append(reading)
    return out


def indicator_ids(readings: tuple[RowReading, ...]) -> dict[int, str]:
    """Return each indicator row's id from its STT, prefixed by its group where numbering
    restarts in each group ('A.1', 'B.1'); rows without an STT get none."""
    indicators = [r for r in readings if r.role == "indicator" and r.stt]
    restarts = False
    last_number: int | None = None
    last_group: str | None = None
    for reading in indicators:
        stt = reading.stt.rstrip(".")
        if not stt.isdigit():
            continue
        number = int(stt)
        new_group = last_group is not None and reading.group != last_group
        if new_group and last_number is not None and number <= last_number:
            restarts = True
        last_number, last_group = number, reading.group
    ids = {}
    ordinals: dict[str, int] = {}
    for reading in indicators:
        stt = reading.stt.rstrip(".")
        if restarts:
            label = reading.group_label or str(
                ordinals.setdefault(reading.group, len(ordinals) + 1)
            )
            ids[reading.row] = f"{label}.{stt}"
        else:
            ids[reading.row] = stt
    return ids
