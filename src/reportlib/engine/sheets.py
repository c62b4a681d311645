"""Read a CSV file or an Excel sheet into a `Sheet`: its cells, merged ranges and shown values.

A `Sheet` holds the raw cells row by row (numbered as the spreadsheet numbers them) and the
sheet's merged ranges, read from the workbook itself with openpyxl's public API: a merged
header cell gives its text to every column it spans, a unit merged down a block gives its
name to every row it spans. An Excel number formatted as a percent is read as it is shown
(0,934 shown as 93,4% is `PercentNumber(93.4)`); a formula whose result Excel never stored is
an `UncalculatedFormula`, so that it is an error and not 'no data'.

openpyxl, not python-calamine: the reader needs the merged ranges and each cell's number
format, which openpyxl gives through its public API (calamine gives values only).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlib.engine.numbers import parse_number
from reportlib.engine.text import clean_text, fold, legacy_encoding
from reportlib.errors import DataError, Problem

MAX_TABLE_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 100_000
TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
# Sheets that sum up the units: never taken for a unit's own sheet.
SUMMARY_SHEET_WORDS = (
    "tong hop",
    "tong",
    "th",
    "summary",
    "toan tinh",
    "toan huyen",
    "chung",
    "huong dan",
    "danh muc",
)


@dataclass(frozen=True)
class UncalculatedFormula:
    """A formula cell whose value Excel never stored (the file was not saved by Excel)."""

    formula: str


@dataclass(frozen=True)
class PercentNumber:
    """An Excel number formatted as a percent, as it is shown: 0,934 -> 93,4."""

    value: Decimal


@dataclass(frozen=True)
class Merge:
    """A merged range: rows as the spreadsheet numbers them, columns from 0."""

    first_row: int
    last_row: int
    first_column: int
    last_column: int

    @property
    def ref(self) -> str:
        """The range as Excel writes it: 'A5:A9'."""
        return f"{column_letter(self.first_column)}{self.first_row}:" + (
            f"{column_letter(self.last_column)}{self.last_row}"
        )


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells: ``rows[i]`` is spreadsheet row ``i + 1``."""

    file: str
    name: str | None
    rows: tuple[tuple[object, ...], ...]
    merges: tuple[Merge, ...] = ()
    sha256: str = ""
    sheet_names: tuple[str, ...] = ()
    _at: dict[tuple[int, int], Merge] = field(default_factory=dict, repr=False, compare=False)
    _width: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._width.append(max((len(r) for r in self.rows), default=0))
        for merge in self.merges:
            for row in range(merge.first_row, merge.last_row + 1):
                for column in range(merge.first_column, merge.last_column + 1):
                    self._at[(row, column)] = merge

    @property
    def width(self) -> int:
        """The number of columns of the widest row."""
        return self._width[0]

    def raw(self, row: int, column: int) -> object:
        """Return the cell as stored (a merged range's cells but the first are empty)."""
        if not 1 <= row <= len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column] if 0 <= column < len(cells) else None

    def merge_at(self, row: int, column: int) -> Merge | None:
        """Return the merged range the cell belongs to, if any."""
        return self._at.get((row, column))

    def header_text(self, row: int, column: int) -> object:
        """Return the cell as a header reads it: a merged range's text in every cell of it."""
        merge = self.merge_at(row, column)
        if merge is not None:
            return self.raw(merge.first_row, merge.first_column)
        return self.raw(row, column)

    def value(self, row: int, column: int) -> object:
        """Return the cell as a data row reads it.

        A range merged down several rows gives its value to each row it spans, in its first
        column; the other columns of a merged range are empty, so that a group row merged
        across the table ('I. KINH TẾ') is not read as its own target and figures.
        """
        merge = self.merge_at(row, column)
        if merge is not None and merge.first_column == column:
            return self.raw(merge.first_row, merge.first_column)
        if merge is not None:
            return None
        return self.raw(row, column)


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a column counted from 0: 0 -> 'A', 27 -> 'AB'."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def is_blank(value: object) -> bool:
    """Tell whether a raw cell is empty (None or only spaces)."""
    return value is None or clean_text(value) == ""


def read_sheet(
    path: Path, shown: str, *, sheet: str | None = None, unit: str | None = None
) -> Sheet:
    """Read the table's sheet: a CSV file, or the sheet of a workbook chosen by `choose_sheet`.

    Raises
    ------
    DataError
        When the file is missing, too large, not UTF-8 (naming the encoding it is in), not a
        workbook, or has no such sheet.
    """
    if path.is_dir():
        raise DataError([Problem(shown, None, None, None, "a table file; this is a folder")])
    if not path.is_file():
        raise DataError([Problem(shown, None, None, None, "the file does not exist")])
    try:
        with path.open("rb"):
            pass
    except OSError as error:
        raise DataError(
            [Problem(shown, None, None, None, f"a readable file ({error.strerror})")]
        ) from None
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        limit = MAX_TABLE_BYTES >> 20
        raise DataError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    f"a table of at most {limit} MB; this file has {size >> 20} MB",
                )
            ]
        )
    suffix = path.suffix.lower()
    digest = sha256_file(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, shown, sheet, unit, digest)
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet is not None:
            raise DataError(
                [Problem(shown, None, None, sheet, "a sheet name only for an .xlsx file")]
            )
        return Sheet(file=shown, name=None, rows=tuple(_read_csv(path, shown)), sha256=digest)
    raise DataError([Problem(shown, None, None, path.suffix, "a .csv or .xlsx file")])


def _read_csv(path: Path, shown: str) -> Iterator[tuple[object, ...]]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(
            [
                Problem(
                    shown, None, None, None, "UTF-8 text; this file is UTF-16 (save as CSV UTF-8)"
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    None,
                    repr(raw[error.start : error.start + 8]),
                    f"UTF-8 text; this file is in {_guess_legacy_encoding(raw)} (in Excel: Save "
                    "As, 'CSV UTF-8'; or convert it with Unikey's converter)",
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Rows are numbered as a spreadsheet numbers them: one per record, even when a quoted
    # cell holds a line break.
    number = 0
    try:
        for number, record in enumerate(reader, start=1):  # noqa: B007 - used after the loop
            yield tuple(record)
    except csv.Error as error:
        reason = (
            f"cells of at most {MAX_CELL_CHARS} characters; a cell here is longer"
            if "field larger" in str(error)
            else f"a well-formed CSV row ({error})"
        )
        raise DataError([Problem(shown, number + 1, None, None, reason)]) from None


def _guess_legacy_encoding(raw: bytes) -> str:
    """Name the 8-bit encoding a non-UTF-8 table is most likely in."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "a legacy encoding (not UTF-8)"
    vietnamese = sum(1 for c in text if c in "ưƯơƠđĐăĂ\u0300\u0301\u0303\u0309\u0323")
    encoding = legacy_encoding(text)
    if vietnamese and not encoding:
        return "Windows-1258 (Vietnamese Windows)"
    if encoding:
        return f"a legacy Vietnamese font encoding ({encoding})"
    return "a legacy 8-bit encoding such as Windows-1258"


def choose_sheet(names: Sequence[str], shown: str, *, sheet: str | None, unit: str | None) -> str:
    """Return the sheet to read: ``sheet`` when given, else the unit's own, else the first.

    The unit's sheet is matched accent- and case-insensitively, with or without the level word
    ('Tháp Mười' for 'Xã Tháp Mười'); a summary sheet ('Tổng hợp') is never taken for a unit.
    Without ``unit`` (a table checked on its own) the first sheet is read.

    Raises
    ------
    DataError
        When ``sheet`` names no sheet of the workbook (with the nearest name), or when the
        workbook begins with a summary sheet and has no sheet for ``unit``.
    """
    if sheet is not None:
        match = next((n for n in names if fold(n) == fold(sheet)), None)
        if match is None:
            near = difflib.get_close_matches(fold(sheet), [fold(n) for n in names], n=1)
            nearest = next((n for n in names if near and fold(n) == near[0]), None)
            hint = f"; did you mean '{nearest}'?" if nearest else ""
            raise DataError(
                [
                    Problem(
                        shown,
                        None,
                        None,
                        sheet,
                        f"a sheet of the workbook: {', '.join(names)}{hint}",
                    )
                ]
            )
        return match
    if unit and len(names) > 1:
        from reportlib.engine.columns import bare_unit_name

        wanted = {fold(unit), bare_unit_name(unit)}
        for name in names:
            key = fold(name)
            if key in SUMMARY_SHEET_WORDS:
                continue
            if key in wanted or bare_unit_name(name) in wanted:
                return name
        if fold(names[0]) in SUMMARY_SHEET_WORDS:
            # A summary first and a sheet per unit after it: the summary is not this unit's
            # table, and another unit's sheet is not either.
            others = ", ".join(f"'{n}'" for n in names[1:])
            raise DataError(
                [
                    Problem(
                        shown,
                        None,
                        None,
                        unit,
                        f"a sheet for {unit}: the workbook has '{names[0]}' (a summary, not a "
                        f"unit's table) and {others}; name the sheet with the params key sheet:",
                    )
                ]
            )
    return names[0]


def _read_xlsx(path: Path, shown: str, sheet: str | None, unit: str | None, digest: str) -> Sheet:
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise DataError(
            [Problem(shown, None, None, None, f"a readable .xlsx workbook ({error})")]
        ) from None
    try:
        names = list(book.sheetnames)
        title = choose_sheet(names, shown, sheet=sheet, unit=unit)
        worksheet = book[title]
        merges = tuple(
            Merge(r.min_row, r.max_row, r.min_col - 1, r.max_col - 1)
            for r in worksheet.merged_cells.ranges
        )
        rows = [tuple(_xlsx_value(cell) for cell in row) for row in worksheet.iter_rows()]
    finally:
        book.close()
    if any(value is None for row in rows for value in row):
        rows = _mark_uncalculated(path, title, rows)
    return Sheet(
        file=shown,
        name=title,
        rows=tuple(rows),
        merges=merges,
        sha256=digest,
        sheet_names=tuple(names),
    )


def _mark_uncalculated(
    path: Path, title: str, rows: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    """Mark the empty cells that hold a formula whose result was never saved.

    The values above come from the cached results; a formula cell with none reads as empty,
    and an empty cell means 'no data': it must be an error instead.
    """
    import openpyxl

    formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        written = list(formulas[title].iter_rows(values_only=True))
    finally:
        formulas.close()
    marked = []
    for number, cells in enumerate(rows):
        source: Sequence[Any] = written[number] if number < len(written) else ()
        values = list(cells)
        for index, value in enumerate(values):
            formula = source[index] if index < len(source) else None
            if value is None and isinstance(formula, str) and formula.startswith("="):
                values[index] = UncalculatedFormula(formula)
        marked.append(tuple(values))
    return marked


def _xlsx_value(cell: object) -> object:
    """Return a cell's value as the analyst sees it: a cell formatted as 1,95% is 1,95."""
    value = getattr(cell, "value", None)
    number_format = str(getattr(cell, "number_format", "") or "")
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in number_format.replace('"%"', "").replace("\\%", "")
    ):
        return PercentNumber(parse_number(value) * 100)
    return value
