"""How the reader understood a table: what `reportlib inspect` shows, as plain data.

The header rows and the field each header became (or why it is not read), each row's role,
each indicator's parsed target, kind and direction with the source of each, and every problem.
It is what an analyst runs when a table does not read, and what tests assert on.
"""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlib.engine.kinds import Catalogue
from reportlib.engine.model import Target
from reportlib.engine.numbers import DecimalMark
from reportlib.engine.table import IndicatorTable, read_table


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def target_reading(target: Target) -> dict[str, Any]:
    """Return a target as the reader understood it: form, bounds, strictness, direction."""
    reading: dict[str, Any] = {
        "text": target.text,
        "form": target.form,
        "low": _number(target.low),
        "high": _number(target.high),
        "low_strict": target.low_strict,
        "high_strict": target.high_strict,
        "direction": target.direction,
        "approximate": target.approximate,
        "remark": target.remark,
    }
    if target.change is not None:
        change = asdict(target.change)
        change["low"], change["high"] = _number(target.change.low), _number(target.change.high)
        reading["change"] = change
    return reading


def describe(table: IndicatorTable) -> dict[str, Any]:
    """Return the reading of a table as a mapping of plain values (JSON-ready)."""
    header = table.header
    title = table.title
    return {
        "file": table.path,
        "sheet": table.sheet,
        "sheets": list(table.sheet_names),
        "shape": table.shape,
        "title": {
            "lines": [{"row": row, "text": text} for row, text in (title.lines if title else ())],
            "year": title.year if title else None,
            "period_months": title.period_months if title else None,
            "units": list(title.units) if title else [],
        },
        "header": {
            "rows": list(header.rows) if header else [],
            "numbers_row": header.numbers_row if header else None,
            "columns": [
                {
                    "column": r.column.letter,
                    "header": r.column.header,
                    "field": r.field,
                    "year": r.column.meaning.year,
                    "period_months": r.column.meaning.period_months,
                    "note": r.note,
                }
                for r in table.column_readings
            ],
        },
        "rows": [
            {
                "row": r.row,
                "role": r.role,
                "stt": r.stt,
                "text": r.text,
                "group": r.group,
            }
            for r in table.readings
            if r.role != "blank"
        ],
        "indicators": [
            {
                "row": i.row,
                "unit": i.unit,
                "year": i.year,
                "period_months": i.period_months,
                "indicator_id": i.indicator_id,
                "indicator": i.indicator,
                "group": i.group,
                "unit_of_measure": i.unit_of_measure,
                "target": target_reading(i.target),
                "kind": i.kind,
                "kind_source": i.kind_source,
                "direction": i.direction,
                "direction_source": i.direction_source,
                "actual": _number(i.actual),
                "estimate": _number(i.estimate),
                "previous": _number(i.previous),
                "last_year": _number(i.last_year),
                "assessment": i.assessment,
                "year_end_assessment": i.year_end_assessment,
            }
            for i in table.indicators
        ],
        "guesses": [asdict(g) for g in table.guesses()],
        "problems": [str(p) for p in table.all_problems],
    }


def inspect_table(
    path: str | Path,
    *,
    display: str | None = None,
    sheet: str | None = None,
    decimal: DecimalMark | None = None,
    unit: str | None = None,
    year: int | None = None,
    catalogue: Catalogue | None = None,
    columns: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Read a table and return how it was understood (see `describe`).

    Raises
    ------
    DataError
        When the table cannot be read at all (the error says why).
    """
    table = read_table(
        path,
        display_path=display,
        sheet=sheet,
        decimal=decimal,
        unit=unit,
        year=year,
        catalogue=catalogue,
        columns=columns,
    )
    return describe(table)
