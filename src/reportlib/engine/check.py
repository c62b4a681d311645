"""Check params files and their tables without running any notebook (``reportlib check``).

For each params file: the params, the table's rows for its unit, year and period. For each
table: every row problem, also of units no params file asks for (someone will ask for them
next quarter), and each indicator whose kind or direction is a guess (SPEC §3.2), once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlib.engine.params import find_params_files, load_params, resolve_data
from reportlib.engine.plausibility import Finding
from reportlib.engine.report import (
    load_table,
    official_unit,
    params_catalogue,
    plausibility_findings,
    select_for_params,
)
from reportlib.engine.sheets import TABLE_SUFFIXES
from reportlib.engine.table import Guess, IndicatorTable, read_table
from reportlib.errors import DataError, ParamsError, Problem


@dataclass(frozen=True)
class CheckedReport:
    """One params file's check: ok (with its unit, year and count) or failed (with why)."""

    params_file: str
    ok: bool
    unit: str = ""
    year: int = 0
    period_months: int = 0
    indicators: int = 0
    error: str = ""
    problems: tuple[Problem, ...] = ()
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckedTable:
    """One table's check: its row problems and its guesses."""

    path: str
    problems: tuple[Problem, ...] = ()
    guesses: tuple[Guess, ...] = ()
    error: str = ""


@dataclass
class CheckResult:
    """What a check found, report by report and table by table."""

    reports: list[CheckedReport] = field(default_factory=list)
    tables: dict[str, CheckedTable] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """How many reports and tables failed."""
        return sum(not r.ok for r in self.reports) + sum(
            1 for t in self.tables.values() if t.problems or t.error
        )

    @property
    def ok(self) -> bool:
        """Tell whether nothing was wrong."""
        return self.failed == 0


def check_paths(
    paths: Sequence[str], root: Path, *, allow_outside_data: bool = False
) -> CheckResult:
    """Validate every params file (and table) named, reporting every problem at once.

    Raises
    ------
    ParamsError
        When a path names nothing (a bad command line, exit status 2).
    """
    result = CheckResult()
    tables: dict[str, IndicatorTable] = {}
    table_paths = [p for p in paths if Path(p).suffix.lower() in TABLE_SUFFIXES]
    params_paths = [p for p in paths if p not in table_paths]
    files = find_params_files(params_paths, root) if params_paths or not table_paths else []
    for table_path in table_paths:
        try:
            tables[table_path] = read_table(Path(table_path).resolve(), display_path=table_path)
        except DataError as error:
            result.tables[table_path] = CheckedTable(
                table_path, problems=error.problems, error=str(error)
            )
    for file in files:
        shown = _shown(file, root)
        try:
            params = load_params(file, display=shown)
            official_unit(params)
            path = resolve_data(params, root, allow_outside=allow_outside_data)
            catalogue = params_catalogue(params, root, allow_outside=allow_outside_data)
            table = load_table(path, params, display=params.data, catalogue=catalogue)
            tables.setdefault(params.data, table)
            selection = select_for_params(table, params)
        except ParamsError as error:
            result.reports.append(CheckedReport(shown, False, error=str(error)))
            continue
        except DataError as error:
            result.reports.append(
                CheckedReport(shown, False, error=str(error), problems=error.problems)
            )
            continue
        findings = plausibility_findings(selection, table)
        impossible = tuple(_problem(f) for f in findings if f.severity == "error")
        if impossible:
            refused = DataError(impossible)
            result.reports.append(
                CheckedReport(shown, False, error=str(refused), problems=refused.problems)
            )
            continue
        result.reports.append(
            CheckedReport(
                shown,
                True,
                unit=selection.unit,
                year=selection.year,
                period_months=selection.period_months,
                indicators=len(selection.indicators),
                notices=selection.warnings + tuple(str(f) for f in findings),
            )
        )
    for name, table in tables.items():
        result.tables[name] = CheckedTable(
            name, problems=table.all_problems, guesses=table.guesses()
        )
    return result


def _problem(finding: Finding) -> Problem:
    """An impossible figure, as a problem of the table (``reportlib check`` fails)."""
    return Problem(
        finding.file,
        finding.row,
        finding.column,
        None,
        f"{finding.indicator}: a possible figure; {finding.reason}",
        finding.sheet,
    )


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
