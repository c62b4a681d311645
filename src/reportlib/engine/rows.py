"""Read one indicator row into an `Indicator`, or say every problem of it (SPEC §3.1).

Cells: 'no data' markers are never zero; numbers in either format, as text or as Excel numbers
(a percent-formatted cell as shown); a value that does not fit its unit ('12,5%' or 12,5 for a
count of enterprises; '%' on a figure whose unit is not %) is an error naming the cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from reportlib.engine.kinds import Catalogue, decide
from reportlib.engine.layout import Column
from reportlib.engine.model import Direction, Indicator, Kind, Target, Verdict
from reportlib.engine.numbers import DecimalMark, parse_integer, parse_number
from reportlib.engine.sheets import MAX_CELL_CHARS, PercentNumber, Sheet, UncalculatedFormula
from reportlib.engine.targets import parse_target
from reportlib.engine.text import (
    CellError,
    as_cell_text,
    clean_text,
    fold,
    is_missing,
    legacy_encoding,
)
from reportlib.engine.words import parse_direction, parse_kind, parse_milestone, parse_verdict
from reportlib.errors import Problem

# Units of measure that count things: their figures are whole numbers, never percents.
COUNT_UNITS = frozenset(
    {
        "doanh nghiep",
        "san pham",
        "xa",
        "phuong",
        "xa, phuong",
        "vu",
        "ho",
        "nguoi",
        "hop tac xa",
        "htx",
        "du an",
        "tieu chi",
        "cong trinh",
        "truong",
        "thon",
        "ap",
        "khu pho",
        "cai",
        "chiec",
        "con",
        "can",
        "lao dong",
        "lop",
        "hoc sinh",
        "co so",
        "diem",
        "nha",
        "to chuc",
        "benh vien",
        "tram",
        "cho",
        "hop dong",
        "don vi",
        "lang",
    }
)
TEXT_FIELDS = frozenset({"province", "unit", "indicator", "group", "unit_of_measure", "note"})
FIGURES = ("actual", "estimate", "previous", "last_year")

PERIOD_WORDS = {
    "quy i": 3,
    "quy 1": 3,
    "3 thang": 3,
    "3 thang dau nam": 3,
    "6 thang": 6,
    "6 thang dau nam": 6,
    "nua nam": 6,
    "9 thang": 9,
    "9 thang dau nam": 9,
    "ca nam": 12,
    "nam": 12,
    "12 thang": 12,
}


@dataclass(frozen=True)
class RowContext:
    """What every row of one table shares: where it is, and what the params file says."""

    file: str
    sheet: str | None
    columns: Mapping[str, Column]
    unit: str | None = None
    year: int | None = None
    period_months: int | None = None
    decimal: DecimalMark | None = None
    catalogue: Catalogue | None = None


def parse_period(value: object) -> int:
    """Parse a period cell: 3, 6, 9, 12, 'Quý I', '6 tháng', '9 tháng đầu năm', 'Cả năm'."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value in (3, 6, 9, 12):
        return int(value)
    key = fold(str(value)).rstrip(".")
    if key.isdigit() and 1 <= int(key) <= 12:
        return int(key)
    if key in PERIOD_WORDS:
        return PERIOD_WORDS[key]
    raise CellError(
        "a period: 3, 6, 9, 12 (months from January) or Quý I, 6 tháng, 9 tháng, Cả năm "
        "(a later quarter alone is not a period from January: write 6 tháng, 9 tháng)"
    )


def is_count_unit(unit_of_measure: str) -> bool:
    """Tell whether a unit of measure counts things (doanh nghiệp, sản phẩm, xã, vụ, hộ)."""
    return fold(unit_of_measure) in COUNT_UNITS


def _figure(value: object, decimal: DecimalMark | None) -> tuple[Decimal, bool]:
    """Return a cell's number and whether it was written (or formatted) as a percent."""
    if isinstance(value, PercentNumber):
        return value.value, True
    percent = isinstance(value, str) and clean_text(value).endswith("%")
    return parse_number(value, decimal), percent


def parse_row(
    sheet: Sheet, number: int, indicator_id: str, context: RowContext
) -> tuple[Indicator | None, list[Problem], tuple[str, int] | None]:
    """Read one indicator row.

    Returns the indicator (None when the row has problems), its problems, and the (unit,
    year) the row belongs to when those cells read cleanly, so that a bad row blocks only
    its own report.
    """
    columns = context.columns
    problems: list[Problem] = []

    def raw(name: str) -> object:
        column = columns.get(name)
        return None if column is None else sheet.value(number, column.index)

    def problem(name: str, expected: str, value: object = None) -> None:
        shown = as_cell_text(raw(name) if value is None else value)
        header = columns[name].header if name in columns else None
        problems.append(Problem(context.file, number, header, shown, expected, context.sheet))

    for name in columns:
        value = raw(name)
        if isinstance(value, UncalculatedFormula):
            problem(
                name,
                "a value; the cell holds a formula whose result Excel never saved (open the "
                "file in Excel and save it, or paste the values)",
                value.formula,
            )
        elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            problem(name, f"a cell of at most {MAX_CELL_CHARS} characters", value[:40] + "...")
        elif (
            isinstance(value, str) and name in TEXT_FIELDS and (encoding := legacy_encoding(value))
        ):
            problem(
                name,
                f"Unicode text; this looks typed in the legacy {encoding} font encoding "
                "(convert the file to Unicode, e.g. with Unikey)",
            )
    if problems:
        return None, problems, _key(raw, context)

    def text(name: str, *, required: bool) -> str:
        value = clean_text(raw(name))
        if required and not value:
            problem(name, "a value; the cell is empty")
        return value

    unit = text("unit", required=True) if "unit" in columns else (context.unit or "")
    if "unit" not in columns and "province" in columns and not context.unit:
        unit = text("province", required=True)
    year: int | None = context.year
    if "year" in columns:
        try:
            year = parse_integer(raw("year"), low=1900, high=2200, what="a year")
        except CellError as error:
            problem("year", str(error))
            year = None
    period: int | None = context.period_months if "period" not in columns else None
    if "period" in columns:
        if is_missing(raw("period")):
            problem("period", "a period (3, 6, 9, 12, Quý I, 6 tháng, 9 tháng, Cả năm)")
        else:
            try:
                period = parse_period(raw("period"))
            except CellError as error:
                problem("period", str(error))
    key = (unit, year) if unit and year is not None else None
    if "indicator_id" in columns:
        indicator_id = text("indicator_id", required=True)
    elif not indicator_id:
        problems.append(
            Problem(
                context.file,
                number,
                columns["stt"].header if "stt" in columns else None,
                clean_text(raw("indicator")),
                "an STT (the indicator's number) or a 'Mã' column, to tell the indicators apart",
                context.sheet,
            )
        )
    name = text("indicator", required=True)
    unit_of_measure = text("unit_of_measure", required=False)

    stated_kind: Kind | None = None
    stated_direction: Direction | None = None
    if "kind" in columns and not is_missing(raw("kind")):
        try:
            stated_kind = parse_kind(raw("kind"))
        except CellError as error:
            problem("kind", str(error))
    if "direction" in columns and not is_missing(raw("direction")):
        try:
            stated_direction = parse_direction(raw("direction"))
        except CellError as error:
            problem("direction", str(error))

    target: Target | None = None
    target_failed = False
    if not is_missing(raw("target")):
        cell = raw("target")
        try:
            if isinstance(cell, PercentNumber):
                target = Target.number(cell.value, text=f"{as_cell_text(cell.value)}%")
            else:
                target = parse_target(cell, context.decimal)
        except CellError as error:
            problem("target", str(error))
            target_failed = True
    try:
        decided = decide(
            name,
            indicator_id,
            target,
            stated_kind=stated_kind,
            stated_direction=stated_direction,
            catalogue=context.catalogue,
        )
    except CellError as error:
        problem("target", str(error))
        return None, problems, key
    kind = decided.kind
    if kind == "milestone":
        if target is not None and target.form != "done":
            if target.form == "number" and target.low == 1:
                target = Target.done(target.text)
            else:
                problem("target", "a milestone's target: Hoàn thành (or empty)")
        target = target or Target.done("")
    elif target is None and not target_failed:
        problem(
            "target",
            "a target number, range or bound; only milestones may have none (a task to complete)",
        )
    if target is not None and target.change is not None and year is not None:
        base = target.change.base_year
        if base is not None and base != year - 1:
            problem(
                "target", f"a change from last year (năm {year - 1}); this one is from năm {base}"
            )
    if target is not None and kind != "milestone" and not target.is_relative:
        _check_target_fits(target, unit_of_measure, problem)

    figures: dict[str, Decimal | None] = dict.fromkeys(FIGURES)
    for field in FIGURES:
        if field not in columns or is_missing(raw(field)):
            continue
        try:
            if kind == "milestone":
                figures[field] = Decimal(1) if parse_milestone(raw(field)) else Decimal(0)
                continue
            value, percent = _figure(raw(field), context.decimal)
        except CellError as error:
            problem(field, str(error))
            continue
        if percent and unit_of_measure and unit_of_measure.strip() != "%":
            problem(field, f"a figure in {unit_of_measure}; '%' is for figures whose unit is %")
        elif is_count_unit(unit_of_measure) and value != value.to_integral_value():
            problem(field, f"a whole number of {unit_of_measure}")
        else:
            figures[field] = value

    verdicts: dict[str, Verdict | None] = {"assessment": None, "year_end_assessment": None}
    for field in verdicts:
        if field in columns and not is_missing(raw(field)):
            try:
                verdicts[field] = parse_verdict(raw(field))
            except CellError as error:
                problem(field, str(error))

    if problems or year is None or target is None:
        return None, problems, key
    return (
        Indicator(
            unit=unit,
            year=year,
            indicator_id=indicator_id,
            indicator=name,
            unit_of_measure=unit_of_measure,
            kind=kind,
            direction=decided.direction,
            target=target,
            actual=figures["actual"],
            estimate=figures["estimate"],
            previous=figures["previous"],
            last_year=figures["last_year"],
            assessment=verdicts["assessment"],
            year_end_assessment=verdicts["year_end_assessment"],
            period_months=period,
            province=clean_text(raw("province")),
            group=clean_text(raw("group")),
            note=clean_text(raw("note")),
            row=number,
            sheet=context.sheet,
            kind_source=decided.kind_source,
            direction_source=decided.direction_source,
            previous_source="table" if figures["previous"] is not None else "",
        ),
        problems,
        key,
    )


def _check_target_fits(target: Target, unit_of_measure: str, problem: object) -> None:
    report = problem  # a callable (field, expected): the row's problem collector
    assert callable(report)
    percent = target.text.strip().endswith("%") or "%" in target.text.split("(")[0]
    if percent and unit_of_measure and unit_of_measure.strip() != "%":
        report("target", f"a target in {unit_of_measure}; '%' is for targets whose unit is %")
        return
    if is_count_unit(unit_of_measure):
        for bound in (target.low, target.high):
            if bound is not None and bound != bound.to_integral_value():
                report("target", f"a whole number of {unit_of_measure}")
                return


def _key(raw: object, context: RowContext) -> tuple[str, int] | None:
    """Tie a bad row to its unit and year when both read cleanly."""
    assert callable(raw)
    columns = context.columns
    unit = clean_text(raw("unit")) if "unit" in columns else (context.unit or "")
    year = context.year
    if "year" in columns:
        try:
            year = parse_integer(raw("year"), low=1900, high=2200, what="a year")
        except CellError:
            return None
    if not unit or legacy_encoding(unit) or year is None:
        return None
    return unit, year
