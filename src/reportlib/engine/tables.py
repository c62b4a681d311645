"""Read, clean and validate indicator tables (SPEC §3).

`read_table` reads a CSV or .xlsx file into an `IndicatorTable`: every row that parsed cleanly,
as an `Indicator`, plus every problem found, each naming file, row, column, value and what was
expected. Whole-file problems (unreadable, no header, a required column missing, no rows) raise
`DataError` at once. Row problems are kept per district and year, so that `select_report` can
refuse the report whose rows are bad and still serve the other districts of the same table.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from reportlib.engine.cells import (
    CellError,
    DecimalMark,
    as_cell_text,
    clean_text,
    fold,
    is_missing,
    legacy_encoding,
    parse_choice,
    parse_integer,
    parse_milestone,
    parse_number,
    parse_target,
)
from reportlib.errors import DataError, Problem

Kind = Literal["cumulative", "level", "milestone"]
Direction = Literal["higher", "lower"]
Status = Literal["exceeded", "met", "not_met", "in_progress", "no_data"]

# Every field, with the headers analysts write for it, folded (lower case, no accents).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "province": ("province", "tinh", "tinh/thanh pho", "tinh thanh"),
    "district": ("district", "huyen", "don vi", "dia phuong", "huyen/thanh pho", "unit name"),
    "year": ("year", "nam", "nam bao cao"),
    "indicator_id": ("indicator_id", "id", "code", "ma", "ma chi tieu", "stt", "ma so"),
    "indicator": ("indicator", "chi tieu", "ten chi tieu", "noi dung", "noi dung chi tieu"),
    "group": ("group", "nhom", "linh vuc", "nhom chi tieu"),
    "unit": ("unit", "dvt", "don vi tinh"),
    "kind": ("kind", "loai", "loai chi tieu", "tinh chat"),
    "direction": ("direction", "chieu", "xu huong", "huong"),
    "target": (
        "target",
        "plan",
        "ke hoach",
        "kh",
        "chi tieu nq",
        "chi tieu nghi quyet",
        "muc tieu",
        "ke hoach nam",
        "chi tieu ke hoach",
    ),
    "actual": (
        "actual",
        "thuc hien",
        "th",
        "th ky bao cao",
        "thuc hien ky bao cao",
        "ket qua thuc hien",
        "ket qua",
    ),
    "estimate": (
        "estimate",
        "uoc thuc hien ca nam",
        "uoc th",
        "uoc ca nam",
        "uoc thuc hien",
        "uoc th ca nam",
        "uoc thuc hien nam",
        "uoc th nam",
        "uoc",
    ),
    "previous": ("previous", "cung ky", "nam truoc", "cung ky nam truoc", "thuc hien cung ky"),
    "assessment": ("assessment", "danh gia", "tu danh gia", "ket qua danh gia"),
    "note": ("note", "notes", "ghi chu"),
}
REQUIRED_COLUMNS = ("district", "year", "indicator_id", "indicator", "unit", "target")

KIND_ALIASES = {
    "cumulative": "cumulative",
    "luy ke": "cumulative",
    "cong don": "cumulative",
    "level": "level",
    "thoi diem": "level",
    "muc": "level",
    "ty le": "level",
    "milestone": "milestone",
    "moc": "milestone",
    "nhiem vu": "milestone",
    "moc nhiem vu": "milestone",
}
DIRECTION_ALIASES = {
    "higher": "higher",
    "up": "higher",
    "tang": "higher",
    "cao hon": "higher",
    "lower": "lower",
    "down": "lower",
    "giam": "lower",
    "thap hon": "lower",
}
ASSESSMENT_ALIASES: dict[str, str] = {
    "exceeded": "exceeded",
    "vuot": "exceeded",
    "vuot ke hoach": "exceeded",
    "vuot chi tieu": "exceeded",
    "met": "met",
    "dat": "met",
    "hoan thanh": "met",
    "dat ke hoach": "met",
    "dat chi tieu": "met",
    "not_met": "not_met",
    "not met": "not_met",
    "khong dat": "not_met",
    "chua dat": "not_met",
    "khong hoan thanh": "not_met",
    "in_progress": "in_progress",
    "in progress": "in_progress",
    "dang thuc hien": "in_progress",
}

_YEAR_IN_HEADER = re.compile(r"\b(?:19|20)\d\d\b")
_MONTHS_IN_HEADER = re.compile(r"\b\d{1,2} thang(?: dau nam)?\b|\bquy [ivx1-4]+\b")
_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class Indicator:
    """One validated row of an indicator table: one indicator of one district and year."""

    district: str
    year: int
    indicator_id: str
    indicator: str
    unit: str
    kind: Kind
    direction: Direction
    target_low: Decimal | None
    target_high: Decimal | None
    actual: Decimal | None
    estimate: Decimal | None = None
    previous: Decimal | None = None
    assessment: Status | None = None
    province: str = ""
    group: str = ""
    note: str = ""
    row: int = 0

    @property
    def is_range(self) -> bool:
        """Tell whether the target is a range such as 7,5 - 8."""
        return self.target_low is not None and self.target_low != self.target_high

    @property
    def is_rate(self) -> bool:
        """Tell whether the indicator is a rate, whose changes are stated in percentage points."""
        return self.unit.strip() == "%"


@dataclass(frozen=True)
class IndicatorTable:
    """A read table: its good rows, and its row problems keyed by (district, year)."""

    path: str
    sha256: str
    indicators: tuple[Indicator, ...]
    problems: dict[tuple[str, int] | None, tuple[Problem, ...]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        """Every row problem, in file order."""
        found = [p for group in self.problems.values() for p in group]
        return tuple(sorted(found, key=lambda p: p.row or 0))

    def districts(self) -> list[str]:
        """The district names in the table, in the order they first appear."""
        return list(dict.fromkeys(i.district for i in self.indicators))

    def years(self, district: str | None = None) -> list[int]:
        """The years in the table (for one district, when given), sorted."""
        return sorted({i.year for i in self.indicators if district in (None, i.district)})


@dataclass(frozen=True)
class Selection:
    """The indicators of one district and year, with any warning the match gave."""

    district: str
    year: int
    indicators: tuple[Indicator, ...]
    history: tuple[Indicator, ...]
    warnings: tuple[str, ...] = ()


def sha256_file(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def match_column(header: str) -> str | None:
    """Return the field a header names ('Kế hoạch năm 2023' -> 'target'), or None."""
    key = fold(header)
    if not key:
        return None
    candidates = [key]
    simplified = _PARENTHESES.sub(" ", key)
    simplified = _YEAR_IN_HEADER.sub(" ", simplified)
    simplified = _MONTHS_IN_HEADER.sub(" ", simplified)
    simplified = re.sub(r"[^\w/ ]+", " ", simplified)
    simplified = re.sub(r"\s+", " ", simplified).strip()
    candidates.append(simplified)
    if simplified.endswith(" nam") and simplified != "nam":
        candidates.append(simplified.removesuffix(" nam"))
    for candidate in candidates:
        for name, aliases in COLUMN_ALIASES.items():
            if candidate in aliases:
                return name
    return None


def read_table(
    path: str | Path,
    *,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    display_path: str | None = None,
) -> IndicatorTable:
    """Read and validate an indicator table from CSV or .xlsx.

    Parameters
    ----------
    path
        The file to read.
    decimal
        The decimal mark of numbers written as text, from the params file; None means numbers
        that read two ways are errors.
    sheet
        The Excel sheet to read; the first sheet when None.
    display_path
        How to name the file in messages (the path as the params file wrote it).

    Raises
    ------
    DataError
        For a problem with the whole file: unreadable, not a table, no header, a required
        column missing, or no data rows. Row problems are returned in ``problems`` instead.
    """
    path = Path(path)
    shown = display_path or str(path)
    if not path.is_file():
        raise DataError([Problem(shown, None, None, None, "the file does not exist")])
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise DataError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    f"a table of at most {MAX_TABLE_BYTES >> 20} MB; this file has {size >> 20} MB",
                )
            ]
        )
    suffix = path.suffix.lower()
    merged: list[tuple[str, int, int]] = []
    if suffix in {".xlsx", ".xlsm"}:
        rows = list(_read_xlsx(path, shown, sheet, merged))
    elif suffix in {".csv", ".txt", ".tsv"}:
        if sheet is not None:
            raise DataError(
                [Problem(shown, None, None, sheet, "a sheet name only for an .xlsx file")]
            )
        rows = list(_read_csv(path, shown))
    else:
        raise DataError([Problem(shown, None, None, path.suffix, "a .csv or .xlsx file")])
    return _validate(rows, shown, sha256_file(path), decimal, merged)


MAX_TABLE_BYTES = 200 * 1024 * 1024
MAX_CELL_CHARS = 100_000


@dataclass(frozen=True)
class UncalculatedFormula:
    """A formula cell whose value Excel never stored (the file was not saved by Excel)."""

    formula: str


def _read_csv(path: Path, shown: str) -> Iterator[tuple[int, list[object]]]:
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
        encoding = _guess_legacy_encoding(raw)
        raise DataError(
            [
                Problem(
                    shown,
                    line,
                    None,
                    repr(raw[error.start : error.start + 8]),
                    f"UTF-8 text; this file is in {encoding} (in Excel: Save As, "
                    "'CSV UTF-8'; or convert it with Unikey's converter)",
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # Rows are numbered as a spreadsheet numbers them: one per record, even when a quoted
    # cell holds a line break.
    start = 1
    try:
        for start, record in enumerate(reader, start=1):
            yield start, list(record)
    except csv.Error as error:
        reason = (
            f"cells of at most {MAX_CELL_CHARS} characters; a cell here is longer"
            if "field larger" in str(error)
            else f"a well-formed CSV row ({error})"
        )
        raise DataError([Problem(shown, start + 1, None, None, reason)]) from None


def _guess_legacy_encoding(raw: bytes) -> str:
    """Name the 8-bit encoding a non-UTF-8 table is most likely in."""
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return "a legacy encoding (not UTF-8)"
    vietnamese = sum(1 for c in text if c in "ưƯơƠđĐăĂ\u0300\u0301\u0303\u0309\u0323")
    if vietnamese and not legacy_encoding(text):
        return "Windows-1258 (Vietnamese Windows)"
    if legacy_encoding(text):
        return f"a legacy Vietnamese font encoding ({legacy_encoding(text)})"
    return "a legacy 8-bit encoding such as Windows-1258"


def _read_xlsx(
    path: Path, shown: str, sheet: str | None, merged: list[tuple[str, int, int]]
) -> Iterator[tuple[int, list[object]]]:
    """Yield the sheet's rows; append its merged ranges (ref, first row, last row) to ``merged``."""
    import zipfile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        # The same workbook with formulas: a formula cell with no stored value reads as empty
        # above, and an empty cell means 'no data'; it must be an error instead.
        formulas = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataError(
            [Problem(shown, None, None, None, f"a readable .xlsx workbook ({error})")]
        ) from None
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        else:
            names = book.sheetnames
            match = next((n for n in names if fold(n) == fold(sheet)), None)
            if match is None:
                near = difflib.get_close_matches(sheet, names, n=1)
                hint = f"; did you mean '{near[0]}'?" if near else ""
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
            worksheet = book[match]
        formula_sheet = formulas[worksheet.title]
        merged.extend(_merged_ranges(worksheet))
        rows = zip(worksheet.iter_rows(), formula_sheet.iter_rows(values_only=True), strict=False)
        for number, (cells, written) in enumerate(rows, start=1):
            values = [_xlsx_value(cell) for cell in cells]
            for index, value in enumerate(values):
                source = written[index] if index < len(written) else None
                if value is None and isinstance(source, str) and source.startswith("="):
                    values[index] = UncalculatedFormula(source)
            yield number, values
    finally:
        book.close()
        formulas.close()


def _merged_ranges(worksheet: Any) -> list[tuple[str, int, int]]:
    """Return a sheet's merged cell ranges, read from its XML (read-only sheets hide them)."""
    from openpyxl.utils.cell import range_boundaries

    try:
        with worksheet._get_source() as source:
            xml = source.read()
    except (AttributeError, OSError, KeyError):
        return []
    ranges = []
    for match in re.finditer(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"', xml):
        ref = match.group(1).decode("ascii")
        _col1, row1, _col2, row2 = range_boundaries(ref)
        ranges.append((ref, int(row1), int(row2)))
    return ranges


def _xlsx_value(cell: object) -> object:
    """Return a cell's value as the analyst sees it: a cell formatted as 1,95% is 1.95."""
    value = getattr(cell, "value", None)
    number_format = str(getattr(cell, "number_format", "") or "")
    if (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and "%" in number_format.replace('"%"', "")
    ):
        return parse_number(value) * 100
    return value


def _find_header(non_blank: list[tuple[int, list[object]]]) -> int:
    """Return the index of the header row: the first with three known column names.

    Offices often put a title ('BIỂU TỔNG HỢP ...') in the rows above the header; those rows
    are skipped. Without such a row, the first row is the header (and its errors say so).
    """
    for index, (_number, values) in enumerate(non_blank[:30]):
        names = {match_column(as_cell_text(v)) for v in values if not is_blank(v)}
        if len(names - {None}) >= 3:
            return index
    return 0


def _validate(
    rows: Sequence[tuple[int, list[object]]],
    shown: str,
    sha256: str,
    decimal: DecimalMark | None,
    merged: Sequence[tuple[str, int, int]] = (),
) -> IndicatorTable:
    non_blank = [(n, r) for n, r in rows if any(not is_blank(v) for v in r)]
    if not non_blank:
        raise DataError(
            [Problem(shown, None, None, None, "a header row and data rows; the file is empty")]
        )
    start = _find_header(non_blank)
    header_row, header = non_blank[start]
    non_blank = non_blank[start:]
    merges = [
        Problem(
            shown,
            first,
            None,
            ref,
            f"one value per cell; cells {ref} are merged, which leaves every cell but the "
            "first empty (unmerge them and write the value in each cell)",
        )
        for ref, first, last in merged
        if last >= header_row
    ]
    if merges:
        raise DataError(merges)
    columns: dict[str, int] = {}
    written: dict[str, str] = {}
    structural: list[Problem] = []
    for index, cell in enumerate(header):
        title = as_cell_text(cell)
        name = match_column(title)
        if name is None:
            continue
        if name in columns:
            structural.append(
                Problem(
                    shown,
                    header_row,
                    title,
                    title,
                    f"one column for '{name}'; '{written[name]}' already is that column",
                )
            )
            continue
        columns[name] = index
        written[name] = title
    present = [as_cell_text(c) for c in header if not is_blank(c)]
    for title in present:
        encoding = legacy_encoding(title)
        if encoding:
            structural.append(
                Problem(
                    shown,
                    header_row,
                    title,
                    title,
                    f"Unicode text; the header looks typed in the legacy {encoding} font "
                    "encoding (convert the file to Unicode, e.g. with Unikey)",
                )
            )
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            aliases = COLUMN_ALIASES[name]
            structural.append(
                Problem(
                    shown,
                    header_row,
                    None,
                    None,
                    f"a column '{name}' (headers accepted: {', '.join(aliases[:6])}, ...); "
                    f"the header has: {', '.join(present)}",
                )
            )
    if structural:
        raise DataError(structural)
    data = non_blank[1:]
    if not data:
        raise DataError(
            [Problem(shown, None, None, None, "at least one data row below the header")]
        )

    problems: dict[tuple[str, int] | None, list[Problem]] = defaultdict(list)
    indicators: list[Indicator] = []
    seen: dict[tuple[str, int, str], int] = {}
    for number, values in data:
        parsed, row_problems, key = _parse_row(number, values, columns, written, shown, decimal)
        if key is not None and parsed is not None:
            identity = (key[0], key[1], parsed.indicator_id)
            if identity in seen:
                row_problems.append(
                    Problem(
                        shown,
                        number,
                        written["indicator_id"],
                        parsed.indicator_id,
                        f"an indicator_id unique for {key[0]} {key[1]}; row {seen[identity]} "
                        "has it already",
                    )
                )
            else:
                seen[identity] = number
        if row_problems:
            problems[key].extend(row_problems)
        elif parsed is not None:
            indicators.append(parsed)
    return IndicatorTable(
        path=shown,
        sha256=sha256,
        indicators=tuple(indicators),
        problems={k: tuple(v) for k, v in problems.items()},
        columns=written,
    )


def is_blank(value: object) -> bool:
    """Tell whether a raw cell is empty (None or only spaces)."""
    return value is None or clean_text(value) == ""


_TEXT_FIELDS = frozenset({"province", "district", "indicator", "group", "unit", "note"})


def _row_key(raw: Callable[[str], object]) -> tuple[str, int] | None:
    """Tie a bad row to its district and year when both cells read cleanly."""
    district = clean_text(raw("district"))
    try:
        year = parse_integer(raw("year"), low=1900, high=2200, what="a year")
    except CellError:
        return None
    if not district or legacy_encoding(district):
        return None
    return district, year


def _parse_row(
    number: int,
    values: list[object],
    columns: dict[str, int],
    written: dict[str, str],
    shown: str,
    decimal: DecimalMark | None,
) -> tuple[Indicator | None, list[Problem], tuple[str, int] | None]:
    problems: list[Problem] = []

    def raw(name: str) -> object:
        index = columns.get(name)
        if index is None or index >= len(values):
            return None
        return values[index]

    def problem(name: str, expected: str) -> None:
        problems.append(Problem(shown, number, written[name], as_cell_text(raw(name)), expected))

    for name in columns:
        value = raw(name)
        if isinstance(value, UncalculatedFormula):
            problems.append(
                Problem(
                    shown,
                    number,
                    written[name],
                    value.formula,
                    "a value; the cell holds a formula whose result Excel never saved (open "
                    "the file in Excel and save it, or paste the values)",
                )
            )
        elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    shown,
                    number,
                    written[name],
                    value[:40] + "...",
                    f"a cell of at most {MAX_CELL_CHARS} characters",
                )
            )
        elif isinstance(value, str) and name in _TEXT_FIELDS:
            encoding = legacy_encoding(value)
            if encoding:
                problems.append(
                    Problem(
                        shown,
                        number,
                        written[name],
                        clean_text(value),
                        f"Unicode text; this looks typed in the legacy {encoding} font "
                        "encoding (convert the file to Unicode, e.g. with Unikey)",
                    )
                )
    if problems:
        return None, problems, _row_key(raw)

    def text(name: str, *, required: bool) -> str:
        value = clean_text(raw(name))
        if required and not value:
            problem(name, "a value; the cell is empty")
        return value

    district = text("district", required=True)
    year: int | None = None
    try:
        year = parse_integer(raw("year"), low=1900, high=2200, what="a year")
    except CellError as error:
        problem("year", str(error))
    key = (district, year) if district and year is not None else None

    indicator_id = text("indicator_id", required=True)
    name = text("indicator", required=True)
    unit = text("unit", required=True)

    kind: str = "level"
    if "kind" in columns and not is_missing(raw("kind")):
        try:
            kind = parse_choice(raw("kind"), KIND_ALIASES, "a kind")
        except CellError as error:
            problem("kind", f"{error} (or lũy kế, thời điểm, mốc)")
    direction: str = "higher"
    if "direction" in columns and not is_missing(raw("direction")):
        try:
            direction = parse_choice(raw("direction"), DIRECTION_ALIASES, "a direction")
        except CellError as error:
            problem("direction", f"{error} (or tăng, giảm)")

    target_low: Decimal | None = None
    target_high: Decimal | None = None
    if kind == "milestone":
        if not is_missing(raw("target")):
            try:
                if not parse_milestone(raw("target")):
                    problem("target", "a milestone target meaning done (hoàn thành, 1), or empty")
            except CellError as error:
                problem("target", str(error))
        target_low = target_high = Decimal(1)
    elif is_missing(raw("target")):
        problem("target", "a target number or range; only milestones may have none")
    else:
        try:
            target_low, target_high = parse_target(raw("target"), decimal)
        except CellError as error:
            problem("target", str(error))

    def figure(cell: object) -> Decimal:
        if kind == "milestone":
            return Decimal(1) if parse_milestone(cell) else Decimal(0)
        return parse_number(cell, decimal)

    figures: dict[str, Decimal | None] = dict.fromkeys(("actual", "estimate", "previous"))
    for name_ in figures:
        if name_ in columns and not is_missing(raw(name_)):
            try:
                figures[name_] = figure(raw(name_))
            except CellError as error:
                problem(name_, str(error))
    actual, estimate, previous = figures["actual"], figures["estimate"], figures["previous"]

    assessment: str | None = None
    if "assessment" in columns and not is_missing(raw("assessment")):
        try:
            assessment = parse_choice(raw("assessment"), ASSESSMENT_ALIASES, "an assessment")
        except CellError as error:
            problem("assessment", f"{error} (or vượt, đạt, không đạt, đang thực hiện)")

    if problems or year is None:
        return None, problems, key
    return (
        Indicator(
            district=district,
            year=year,
            indicator_id=indicator_id,
            indicator=name,
            unit=unit,
            kind=kind,  # type: ignore[arg-type]
            direction=direction,  # type: ignore[arg-type]
            target_low=target_low,
            target_high=target_high,
            actual=actual,
            estimate=estimate,
            previous=previous,
            assessment=assessment,  # type: ignore[arg-type]
            province=clean_text(raw("province")),
            group=clean_text(raw("group")),
            note=clean_text(raw("note")),
            row=number,
        ),
        problems,
        key,
    )


def select_report(table: IndicatorTable, district: str, year: int) -> Selection:
    """Pick one district's indicators for one year, refusing the report if its rows are bad.

    The district matches exactly, or accent- and case-insensitively with a warning. Rows of the
    table that could not be tied to a district and year block every report from it.

    Raises
    ------
    DataError
        When the district or year is not in the table (naming what it has and the nearest
        match), or when rows of this district and year, or untied rows, have problems.
    """
    untied = table.problems.get(None, ())
    if untied:
        # Rows that name no readable district and year could belong to this report.
        raise DataError(sorted(untied, key=lambda p: p.row or 0))
    names = table.districts() + [k[0] for k in table.problems if k is not None]
    names = list(dict.fromkeys(names))
    warnings: list[str] = []
    chosen = district if district in names else None
    if chosen is None:
        folded = [n for n in names if fold(n) == fold(district)]
        if len(folded) == 1:
            chosen = folded[0]
            warnings.append(
                f"district '{district}' matched '{chosen}' in {table.path} ignoring accents and "
                "case; write it as the table does"
            )
    if chosen is None:
        near = difflib.get_close_matches(fold(district), [fold(n) for n in names], n=1, cutoff=0.5)
        nearest = next((n for n in names if near and fold(n) == near[0]), None)
        hint = f"; did you mean '{nearest}'?" if nearest else ""
        raise DataError(
            [
                Problem(
                    table.path,
                    None,
                    table.columns.get("district"),
                    district,
                    f"a district in the table: {', '.join(names)}{hint}",
                )
            ]
        )
    blocking = list(table.problems.get((chosen, year), ()))
    if blocking:
        raise DataError(sorted(blocking, key=lambda p: p.row or 0))
    years = sorted(
        {i.year for i in table.indicators if i.district == chosen}
        | {k[1] for k in table.problems if k is not None and k[0] == chosen}
    )
    if year not in years:
        nearest_year = min(years, key=lambda y: abs(y - year)) if years else None
        hint = f"; the nearest is {nearest_year}" if nearest_year is not None else ""
        raise DataError(
            [
                Problem(
                    table.path,
                    None,
                    table.columns.get("year"),
                    str(year),
                    f"a year the table has for {chosen}: {', '.join(str(y) for y in years)}{hint}",
                )
            ]
        )
    rows = tuple(i for i in table.indicators if i.district == chosen and i.year == year)
    history = tuple(
        sorted(
            (i for i in table.indicators if i.district == chosen and i.year <= year),
            key=lambda i: (i.indicator_id, i.year),
        )
    )
    return Selection(chosen, year, rows, history, tuple(warnings))
