"""Check params files and their tables without running any notebook (``reportlib check``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlib.engine.params import find_params_files, load_params, resolve_data
from reportlib.engine.report import load_table
from reportlib.engine.tables import IndicatorTable, select_report
from reportlib.errors import DataError, ParamsError

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".txt", ".tsv")


@dataclass
class CheckResult:
    """What a check found: lines for stdout, error blocks for stderr."""

    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed: int = 0

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
            tables[table_path] = load_table(
                Path(table_path).resolve(), decimal=None, sheet=None, display=table_path
            )
        except DataError as error:
            result.failed += 1
            result.errors.append(str(error).replace("the input table", table_path, 1))
    for file in files:
        shown = _shown(file, root)
        try:
            params = load_params(file, display=shown)
            path = resolve_data(params, root, allow_outside=allow_outside_data)
            table = load_table(
                path, decimal=params.decimal, sheet=params.sheet, display=params.data
            )
            tables.setdefault(params.data, table)
            selection = select_report(table, params.district, params.year)
            for message in selection.warnings:
                result.lines.append(f"warning {shown}: {message}")
        except ParamsError as error:
            result.failed += 1
            result.lines.append(f"FAILED  {shown}: bad params")
            result.errors.append(str(error))
            continue
        except DataError as error:
            result.failed += 1
            count = len(error.problems)
            result.lines.append(f"FAILED  {shown}: {count} problem{'s' if count != 1 else ''}")
            result.errors.append(f"{shown}:\n{error}")
            continue
        result.lines.append(
            f"ok      {shown} ({selection.district} {selection.year}, "
            f"{len(selection.indicators)} indicators)"
        )
    for name, table in tables.items():
        # Problems in rows that no params file asked for still fail the check: someone will
        # ask for that district next quarter.
        problems = table.all_problems
        if problems:
            result.failed += 1
            listed = "\n".join(f"  - {p}" for p in problems)
            count = len(problems)
            result.errors.append(
                f"{name}: {count} problem{'s' if count != 1 else ''} in the table:\n{listed}"
            )
    return result


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
