"""Assemble one report's facts: checked params, its table's rows, statuses and counts.

`prepare_report` is what the notebook calls first and what `reportlib status` and
`reportlib check` call without a notebook: the same facts either way.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlib.engine.cells import DecimalMark
from reportlib.engine.params import ReportParams, check_params, project_root, resolve_data
from reportlib.engine.status import Assessed, Counts, assess, assess_all, count_statuses
from reportlib.engine.tables import IndicatorTable, Selection, read_table, select_report


class DistrictMatchWarning(UserWarning):
    """The district in the params file matched the table only ignoring accents or case."""


@dataclass(frozen=True)
class Report:
    """Everything a report shows, computed from its params and its table."""

    params: ReportParams
    selection: Selection
    assessed: tuple[Assessed, ...]
    counts: Counts
    history: tuple[Assessed, ...]
    table_path: str
    table_sha256: str
    rows_sha256: str

    @property
    def district(self) -> str:
        """The district's name as the table writes it."""
        return self.selection.district

    @property
    def year(self) -> int:
        """The report's year."""
        return self.params.year

    @property
    def period_months(self) -> int:
        """The months of the year the report covers."""
        return self.params.period_months


_TABLES: dict[tuple[str, int, int, str | None, str | None], IndicatorTable] = {}


def load_table(
    path: Path, *, decimal: DecimalMark | None, sheet: str | None, display: str
) -> IndicatorTable:
    """Read a table, reusing the last reading while the file is unchanged on disk."""
    stat = path.stat()
    key = (os.fspath(path), stat.st_mtime_ns, stat.st_size, decimal, sheet)
    cached = _TABLES.get(key)
    if cached is not None and cached.path == display:
        return cached
    table = read_table(path, decimal=decimal, sheet=sheet, display_path=display)
    if len(_TABLES) > 32:
        _TABLES.clear()
    _TABLES[key] = table
    return table


def prepare_report(
    params: ReportParams | Mapping[str, Any],
    *,
    root: Path | None = None,
    allow_outside_data: bool = False,
) -> Report:
    """Check the params, read the table, pick the district and year, and assess every indicator.

    Parameters
    ----------
    params
        Checked params, or the raw mapping (the notebook passes its parameters).
    root
        The project root that ``params.data`` is relative to; found from the working folder
        when None.
    allow_outside_data
        Accept a table outside the project root.

    Raises
    ------
    ParamsError, DataError
        When the params or the table's rows for this district and year are bad.
    """
    if not isinstance(params, ReportParams):
        params = check_params(params)
    root = root or project_root()
    path = resolve_data(params, root, allow_outside=allow_outside_data)
    table = load_table(path, decimal=params.decimal, sheet=params.sheet, display=params.data)
    selection = select_report(table, params.district, params.year)
    for message in selection.warnings:
        warnings.warn(message, DistrictMatchWarning, stacklevel=2)
    assessed = assess_all(selection.indicators, params.period_months)
    # Past years are year-end figures; the current year is at the report's period.
    history = tuple(
        assess(i, params.period_months if i.year == params.year else 12) for i in selection.history
    )
    return Report(
        params=params,
        selection=selection,
        assessed=assessed,
        counts=count_statuses(assessed),
        history=history,
        table_path=params.data,
        table_sha256=table.sha256,
        rows_sha256=rows_digest(selection),
    )


def rows_digest(selection: Selection) -> str:
    """Return a SHA-256 of the rows a report uses (its district, its year and the years before).

    It changes when those rows change and only then, whatever happens to other districts'
    rows of the same table.
    """
    import hashlib
    import json

    rows = [
        {key: str(value) for key, value in vars(indicator).items() if key != "row"}
        for indicator in selection.history
    ]
    canonical = json.dumps(rows, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
