"""Read an indicator table in either shape of SPEC §3 into an `IndicatorTable`.

The long table has a row per unit × year × indicator (optionally × period); the tables
offices keep have a title block, a merged header, group rows and a signature block, and take
their unit and year from the params file. `read_table` reads both: `sheets` gives the cells,
`layout` the header and each row's role, `columns` what each header means, `rows` each
indicator. Whole-file problems (unreadable, no header, a required column missing) raise
`DataError` at once; row problems are kept per unit and year, so that `select.select_report`
refuses the report whose rows are bad and still serves the other units of the same table.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reportlib.engine.columns import ALIASES, column_field
from reportlib.engine.kinds import Catalogue
from reportlib.engine.layout import (
    Column,
    Header,
    RowReading,
    classify_rows,
    find_header,
    indicator_ids,
)
from reportlib.engine.model import GUESSED_SOURCES, Indicator
from reportlib.engine.numbers import DecimalMark
from reportlib.engine.rows import RowContext, parse_row
from reportlib.engine.sheets import Sheet, column_letter, read_sheet
from reportlib.engine.text import as_cell_text, fold, legacy_encoding
from reportlib.engine.title import Title, read_title
from reportlib.errors import DataError, Problem

REQUIRED_COLUMNS = ("indicator", "target")
# The fields a `columns:` setting may name, and 'ignore' for a column not to read.
COLUMN_CHOICES = (*ALIASES, "last_year", "ignore")


@dataclass(frozen=True)
class ColumnReading:
    """How one header was read: the field its column feeds (None: not read) and why."""

    column: Column
    field: str | None
    note: str = ""


@dataclass(frozen=True)
class Guess:
    """An indicator whose kind or direction the table did not state (SPEC §3.2)."""

    indicator: str
    kind: str
    kind_source: str
    direction: str
    direction_source: str


@dataclass(frozen=True)
class IndicatorTable:
    """A read table: its good rows, its row problems keyed by (unit, year), and its reading."""

    path: str
    sha256: str
    indicators: tuple[Indicator, ...]
    problems: dict[tuple[str, int] | None, tuple[Problem, ...]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    sheet_names: tuple[str, ...] = ()
    shape: Literal["long", "office"] = "long"
    header: Header | None = None
    title: Title | None = None
    readings: tuple[RowReading, ...] = ()
    column_readings: tuple[ColumnReading, ...] = ()

    @property
    def all_problems(self) -> tuple[Problem, ...]:
        """Every row problem, in file order."""
        found = [p for group in self.problems.values() for p in group]
        return tuple(sorted(found, key=lambda p: p.row or 0))

    @property
    def has_periods(self) -> bool:
        """Tell whether the table has a period column (one table for several periods)."""
        return "period" in self.columns

    def units(self) -> list[str]:
        """The unit names in the table, in the order they first appear."""
        return list(dict.fromkeys(i.unit for i in self.indicators))

    def years(self, unit: str | None = None) -> list[int]:
        """The years in the table (for one unit, when given), sorted."""
        return sorted({i.year for i in self.indicators if unit in (None, i.unit)})

    def guesses(self) -> tuple[Guess, ...]:
        """Each indicator whose kind or direction is a guess, once (by name and guess)."""
        found: dict[tuple[str, str, str], Guess] = {}
        for i in self.indicators:
            if i.kind_source in GUESSED_SOURCES or (
                i.direction_source in GUESSED_SOURCES and i.kind != "milestone"
            ):
                guess = Guess(i.indicator, i.kind, i.kind_source, i.direction, i.direction_source)
                found.setdefault((fold(i.indicator), i.kind, i.direction), guess)
        return tuple(found.values())


def read_table(
    path: str | Path,
    *,
    decimal: DecimalMark | None = None,
    sheet: str | None = None,
    display_path: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    period_months: int | None = None,
    catalogue: Catalogue | None = None,
    columns: Mapping[str, str] | None = None,
) -> IndicatorTable:
    """Read and validate an indicator table from CSV or .xlsx.

    Parameters
    ----------
    path
        The file to read.
    decimal
        The decimal mark of numbers written as text; None means numbers that read two ways
        are errors.
    sheet
        The Excel sheet to read; else the unit's own sheet, else the first.
    display_path
        How to name the file in messages (the path as the params file wrote it).
    unit, year, period_months
        The report's, from the params file: a table without unit, year or period columns is
        about them.
    catalogue
        The project's catalogue of kinds and directions.
    columns
        Headers as written -> the field each feeds ('ignore' to leave a column out), for a
        header the reader cannot tell.

    Raises
    ------
    DataError
        For a problem with the whole file: unreadable, not a table, no header, a required
        column missing, two columns for one field. Row problems are returned instead.
    """
    path = Path(path)
    shown = display_path or str(path)
    grid = read_sheet(path, shown, sheet=sheet, unit=unit)
    if not any(any(as_cell_text(v) for v in row) for row in grid.rows):
        raise DataError(
            [Problem(shown, None, None, None, "a header row and data rows; the file is empty")]
        )
    header = find_header(grid)
    if header is None:
        _refuse_legacy_header(grid)
        first = next((row for row in grid.rows if any(as_cell_text(v) for v in row)), ())
        present = ", ".join(t for v in first if (t := as_cell_text(v)))
        raise DataError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    "a header row naming at least 'Chỉ tiêu' and 'Kế hoạch' (or the columns of "
                    f"SPEC §3) within the first 40 rows; the first row has: {present}",
                    grid.name,
                )
            ]
        )
    title = read_title(header)
    report_year = year or title.year or _latest_year(header)
    readings_of_columns, problems = _read_columns(grid, header, report_year, columns or {})
    mapped = {r.field: r.column for r in readings_of_columns if r.field is not None}
    for name in REQUIRED_COLUMNS:
        if name not in mapped:
            aliases = ALIASES[name]
            present = ", ".join(c.header for c in header.columns)
            problems.append(
                Problem(
                    shown,
                    header.top,
                    None,
                    None,
                    f"a column '{name}' (headers accepted: {', '.join(aliases[:6])}, ...); the "
                    f"header has: {present}",
                    grid.name,
                )
            )
    if problems:
        raise DataError(problems)
    readings = classify_rows(grid, header, {f: c.index for f, c in mapped.items()})
    if not any(r.role == "indicator" for r in readings):
        raise DataError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    None,
                    "at least one data row below the header (an indicator)",
                    grid.name,
                )
            ]
        )
    shape: Literal["long", "office"] = (
        "long" if ("unit" in mapped or "year" in mapped) else "office"
    )
    context = RowContext(
        file=shown,
        sheet=grid.name,
        columns=mapped,
        unit=unit,
        # Without a year column or a params file: the title's year, else the latest a header
        # names (inspecting an office's workbook on its own).
        year=year or title.year or _latest_year(header),
        period_months=None,
        decimal=decimal,
        catalogue=catalogue,
    )
    indicators, row_problems = _read_rows(grid, readings, context)
    return IndicatorTable(
        path=shown,
        sha256=grid.sha256,
        indicators=tuple(indicators),
        problems={k: tuple(v) for k, v in row_problems.items()},
        columns={f: c.header for f, c in mapped.items()},
        sheet=grid.name,
        sheet_names=grid.sheet_names,
        shape=shape,
        header=header,
        title=title,
        readings=readings,
        column_readings=tuple(readings_of_columns),
    )


def _refuse_legacy_header(grid: Sheet) -> None:
    """Name the legacy font encoding of a header that could not be read for it, and the
    first cell typed in it (its column letter: the header as written cannot be read)."""
    for number, row in enumerate(grid.rows[:40], start=1):
        for index, cell in enumerate(row):
            text = as_cell_text(cell)
            encoding = legacy_encoding(text) if text else None
            if encoding:
                raise DataError(
                    [
                        Problem(
                            grid.file,
                            number,
                            column_letter(index),
                            text[:80],
                            f"Unicode text; the header looks typed in the legacy {encoding} "
                            "font encoding (convert the file to Unicode, e.g. with Unikey)",
                            grid.name,
                        )
                    ]
                )


def _latest_year(header: Header) -> int | None:
    years = [c.meaning.year for c in header.columns if c.meaning.year is not None]
    return max(years) if years else None


def _read_columns(
    grid: Sheet, header: Header, report_year: int | None, overrides: Mapping[str, str]
) -> tuple[list[ColumnReading], list[Problem]]:
    problems: list[Problem] = []
    settled = {fold(k): v for k, v in overrides.items()}
    readings: list[ColumnReading] = []
    taken: dict[str, ColumnReading] = {}
    for column in header.columns:
        for part in column.parts:
            if encoding := legacy_encoding(part):
                problems.append(
                    Problem(
                        grid.file,
                        header.top,
                        column.header,
                        column.header,
                        f"Unicode text; the header looks typed in the legacy {encoding} font "
                        "encoding (convert the file to Unicode, e.g. with Unikey)",
                        grid.name,
                    )
                )
        override = settled.get(fold(column.header)) or settled.get(fold(column.parts[-1]))
        if override is not None:
            name: str | None = None if override == "ignore" else override
            note = "set by the params key 'columns'"
        else:
            name, note = column_field(column.meaning, report_year)
        reading = ColumnReading(column, name, note)
        if name is not None and name in taken:
            other = taken[name]
            merge = grid.merge_at(header.top, column.index)
            if merge is not None and merge is grid.merge_at(header.top, other.column.index):
                problems.append(
                    Problem(
                        grid.file,
                        header.top,
                        None,
                        merge.ref,
                        f"one header per column; cells {merge.ref} are merged, which leaves the "
                        f"columns under '{column.header}' without a header of their own "
                        "(unmerge them and write each column's header)",
                        grid.name,
                    )
                )
                readings.append(ColumnReading(column, None, f"under the merged {merge.ref}"))
                continue
            problems.append(
                Problem(
                    grid.file,
                    header.top,
                    column.header,
                    column.header,
                    f"one column for '{name}'; '{other.column.header}' (column "
                    f"{other.column.letter}) is that column too: say which one with the params "
                    f'key columns: {{"{column.header}": ignore}} or another field',
                    grid.name,
                )
            )
            reading = ColumnReading(column, None, f"a second column for '{name}'")
        elif name is not None:
            taken[name] = reading
        readings.append(reading)
    return readings, problems


def _read_rows(
    grid: Sheet, readings: tuple[RowReading, ...], context: RowContext
) -> tuple[list[Indicator], dict[tuple[str, int] | None, list[Problem]]]:
    if "indicator_id" in context.columns:
        ids: dict[int, str] = {}
    elif "stt" in context.columns:
        ids = indicator_ids(readings)
    else:
        # Neither a Mã nor an STT column: the indicators are numbered in order, as the office
        # would number them.
        rows = [r.row for r in readings if r.role == "indicator"]
        ids = {row: str(number) for number, row in enumerate(rows, start=1)}
    problems: dict[tuple[str, int] | None, list[Problem]] = defaultdict(list)
    indicators: list[Indicator] = []
    seen: dict[tuple[str, str, int, int | None, str], int] = {}
    for reading in readings:
        if reading.role != "indicator":
            continue
        parsed, found, key = parse_row(grid, reading.row, ids.get(reading.row, ""), context)
        if parsed is not None and not parsed.group and reading.group:
            from dataclasses import replace

            parsed = replace(parsed, group=reading.group)
        if parsed is not None:
            # Namesake units of two provinces (a table of several) are two units.
            identity = (
                fold(parsed.province),
                parsed.unit,
                parsed.year,
                parsed.period_months,
                parsed.indicator_id,
            )
            if identity in seen:
                column = context.columns.get("indicator_id") or context.columns.get("stt")
                found.append(
                    Problem(
                        context.file,
                        reading.row,
                        column.header if column else None,
                        parsed.indicator_id,
                        f"an id unique for {parsed.unit} {parsed.year}; row "
                        f"{seen[identity]} has it already",
                        context.sheet,
                    )
                )
            else:
                seen[identity] = reading.row
        if found:
            problems[key].extend(found)
        elif parsed is not None:
            indicators.append(parsed)
    return indicators, problems
