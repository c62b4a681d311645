"""Assemble one report's facts: checked params, its table's rows, statuses and counts.

`prepare_report` is what the notebook calls first and what `reportlib status` and
`reportlib check` call without a notebook: the same facts either way. What the reader had to
say about the table (a unit matched loosely, a cùng kỳ that disagrees with last year's row, a
relative target without last year's figure) is kept in ``Report.notices``: the notebook shows
them to the analyst and the build log records them, but they are not part of the filed report.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlib.engine.handoff import HANDOFF_ENV, handoff_folder
from reportlib.engine.kinds import Catalogue, load_catalogue
from reportlib.engine.params import (
    ReportParams,
    check_params,
    load_params,
    project_root,
    resolve_data,
    resolve_path,
)
from reportlib.engine.plausibility import Cells, Finding, check_indicators
from reportlib.engine.select import Selection, select_report
from reportlib.engine.status import Assessed, Counts, assess, assess_all, count_statuses
from reportlib.engine.table import IndicatorTable, read_table
from reportlib.engine.unit_lists import UnitInfo
from reportlib.errors import DataError


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
    notices: tuple[str, ...] = ()
    table: IndicatorTable | None = None
    unit_info: UnitInfo | None = None
    unit_reports: Mapping[str, str] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """The unit's name as the table writes it."""
        return self.selection.unit

    @property
    def district(self) -> str:
        """The unit, under its name before 2026."""
        return self.selection.unit

    @property
    def year(self) -> int:
        """The report's year."""
        return self.params.year

    @property
    def period_months(self) -> int:
        """The months of the year the report covers."""
        return self.params.period_months


_TABLES: dict[tuple[Any, ...], IndicatorTable] = {}
_CATALOGUES: dict[tuple[str, int, int], Catalogue] = {}
#: A folder of tables a build has already read (pickles, named by their reading's key): a
#: report's kernel loads its table from there in milliseconds instead of reading the file again.
#: The build creates the folder (private to the user) and removes it when it ends.
TABLE_CACHE_ENV = HANDOFF_ENV


def load_table(
    path: Path, params: ReportParams, *, display: str, catalogue: Catalogue | None = None
) -> IndicatorTable:
    """Read a params file's table, reusing the last reading while the file is unchanged.

    Raises
    ------
    DataError
        When the table is missing, unreadable or bad as a whole (see `read_table`).
    """
    try:
        stat = path.stat()
    except OSError:
        return read_table(path, display_path=display)  # raises the DataError that says why
    catalogue_key = next((k for k, c in _CATALOGUES.items() if c is catalogue), None)
    shared = (
        os.fspath(path),
        stat.st_mtime_ns,
        stat.st_size,
        params.decimal,
        params.sheet,
        tuple(sorted(params.columns.items())),
        # A catalogue read from a params file by its file; one passed as an object by identity,
        # which means nothing in another process.
        catalogue_key if catalogue is None or catalogue_key else ("object", id(catalogue)),
        display,
    )
    # A table with its own unit and year columns reads the same for every report: one reading
    # serves a province's hundred units. A table without them is read for its params.
    own = (*shared, params.unit, params.year)
    cached = _TABLES.get(shared) or _TABLES.get(own)
    if cached is None and _portable(shared):
        cached = _from_cache_folder(shared) or _from_cache_folder(own)
    if cached is not None:
        return cached
    table = read_table(
        path,
        decimal=params.decimal,
        sheet=params.sheet,
        display_path=display,
        unit=params.unit,
        year=params.year,
        period_months=params.period_months,
        catalogue=catalogue,
        columns=params.columns,
    )
    independent = "unit" in table.columns and "year" in table.columns
    chosen_by_unit = params.sheet is None and len(table.sheet_names) > 1
    if len(_TABLES) > 32:
        _TABLES.clear()
    _TABLES[shared if independent and not chosen_by_unit else own] = table
    return table


def _portable(key: tuple[Any, ...]) -> bool:
    part = key[6]
    return not (isinstance(part, tuple) and part[:1] == ("object",))


def _cache_name(key: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(key).encode("utf-8")).hexdigest() + ".pickle"


def _from_cache_folder(key: tuple[Any, ...]) -> IndicatorTable | None:
    folder = handoff_folder()
    if folder is None:
        return None
    import pickle

    try:
        data = (folder / _cache_name(key)).read_bytes()
        table = pickle.loads(data)  # written by this user's own build, in a 0700 folder
    except Exception:  # missing or unreadable (any unpickling error): read the table itself
        return None
    if not isinstance(table, IndicatorTable):
        return None
    _TABLES[key] = table
    return table


def export_tables(folder: Path) -> int:
    """Write every table read so far into ``folder`` for the kernels (see TABLE_CACHE_ENV).

    Only readings whose key holds no process-local identity (a catalogue passed by object)
    are written. Returns how many were written.
    """
    import pickle

    written = 0
    for key, table in list(_TABLES.items()):
        if not _portable(key):
            continue
        target = folder / _cache_name(key)
        if target.exists():
            continue
        partial = target.with_suffix(".partial")
        partial.write_bytes(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)
        written += 1
    return written


def params_catalogue(
    params: ReportParams, root: Path, *, allow_outside: bool = False
) -> Catalogue | None:
    """Read the params file's catalogue (``catalogue:``), reusing it while it is unchanged."""
    if not params.catalogue:
        return None
    path = resolve_path(
        params.catalogue, "catalogue", params.source, root, allow_outside=allow_outside
    )
    stat = path.stat() if path.is_file() else None
    key = (os.fspath(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)
    if key not in _CATALOGUES:
        _CATALOGUES.clear()
        _CATALOGUES[key] = load_catalogue(path, params.catalogue)
    return _CATALOGUES[key]


def prepare_report(
    params: ReportParams | Mapping[str, Any],
    *,
    root: Path | None = None,
    allow_outside_data: bool = False,
) -> Report:
    """Check the params, read the table, pick the unit, year and period, assess each indicator.

    Parameters
    ----------
    params
        Checked params, or the raw mapping of a notebook's parameters; a mapping whose
        ``params_file`` is set runs that params file, exactly as the build does.
    root
        The project root that paths are relative to; found from the working folder when None.
    allow_outside_data
        Accept files outside the project root.

    Raises
    ------
    ParamsError, DataError
        When the params or the table's rows for this unit, year and period are bad.
    """
    root = (root or project_root()).resolve()
    links: dict[str, str] = {}
    if not isinstance(params, ReportParams):
        links = unit_report_links(params.get("unit_reports"))
        params = {k: v for k, v in params.items() if k != "unit_reports"}
        file = params.get("params_file")
        if file:
            path = resolve_path(str(file), "params_file", "notebook", root)
            params = load_params(path, display=str(file))
        else:
            params = check_params(params, source="the notebook's parameters", notebook=True)
    unit_info = official_unit(params)
    path = resolve_data(params, root, allow_outside=allow_outside_data)
    catalogue = params_catalogue(params, root, allow_outside=allow_outside_data)
    table = load_table(path, params, display=params.data, catalogue=catalogue)
    selection = select_for_params(table, params)
    assessed = assess_all(selection.indicators, params.period_months)
    # Past years are year-end figures; the current year is at the report's period.
    history = tuple(
        assess(i, params.period_months if i.year == params.year else 12) for i in selection.history
    )
    notices = list(selection.warnings)
    for item in assessed:
        notices.extend(item.notes)
    notices += [f"{f.severity}: {f}" for f in plausibility_findings(selection, table)]
    return Report(
        params=params,
        selection=selection,
        assessed=assessed,
        counts=count_statuses(assessed),
        history=history,
        table_path=params.data,
        table_sha256=table.sha256,
        rows_sha256=rows_digest(selection),
        notices=tuple(notices),
        table=table,
        unit_info=unit_info,
        unit_reports=links,
    )


def unit_report_links(value: Any) -> dict[str, str]:
    """Check the ``unit_reports`` parameter: unit name -> relative address of its report.

    Raises
    ------
    ParamsError
        For anything but a mapping of names to relative paths (no scheme, no absolute path):
        the addresses become links in a report that people outside the project open.
    """
    from reportlib.errors import ParamsError

    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ParamsError(
            "the notebook's parameter 'unit_reports': expected a mapping of unit names to "
            f"report addresses, got {type(value).__name__}"
        )
    links: dict[str, str] = {}
    for name, href in value.items():
        text = str(href)
        scheme = text.split("/", 1)[0]
        if not isinstance(href, str) or ":" in scheme or text.startswith(("/", "\\")):
            raise ParamsError(
                f"the notebook's parameter 'unit_reports': {name!r}: expected a relative path "
                f"such as 'dong-thap/xa-thap-muoi.html', got {text!r}"
            )
        links[str(name)] = text
    return links


def plausibility_findings(selection: Selection, table: IndicatorTable) -> tuple[Finding, ...]:
    """Return the figures of a report no office would sign (`plausibility.py`), for the
    analyst and the build log: never part of the filed report."""
    rows = [i for i in table.indicators if i.unit == selection.unit]
    cells = Cells(table.path, table.columns)
    return check_indicators(selection.indicators, selection.period_months, cells, rows)


# The params key a selection problem is about, by the field of the table's column it names.
_SELECTION_KEYS = {"unit": "unit", "year": "year", "period": "period_months"}


def select_for_params(table: IndicatorTable, params: ReportParams) -> Selection:
    """Pick the params' unit, year and period from the table.

    A unit, year or period the table does not have is the params' mistake, not the table's:
    it is raised as a ParamsError naming the key (a typo in the notebook's parameters cell
    used to read as a problem "in the input table, column 'Huyện'").

    Raises
    ------
    ParamsError
        When the table has no rows for the unit, year or period asked for.
    DataError
        When the rows it has are bad.
    """
    from reportlib.errors import ParamsError

    try:
        return select_report(
            table, params.unit, params.year, params.period_months, province=params.province
        )
    except DataError as error:
        key = _selection_key(table, error)
        if key is None:
            raise
        (problem,) = error.problems
        value = f": value {problem.value!r}" if problem.value is not None else ""
        raise ParamsError(
            f"{params.source}: key '{key}'{value}: {problem.expected} "
            f"(the table {params.data} has no rows for it)"
        ) from None


def _selection_key(table: IndicatorTable, error: DataError) -> str | None:
    """Return the params key a one-problem selection error is about, or None."""
    problems = error.problems
    if len(problems) != 1 or problems[0].row is not None:
        return None
    for field_name, key in _SELECTION_KEYS.items():
        column = table.columns.get(field_name)
        if column is not None and problems[0].column == column:
            return key
    return None


def official_unit(params: ReportParams) -> UnitInfo | None:
    """Check the params' unit against the official list of its period (SPEC §8).

    None for a unit the params file says is not an administrative unit (``official:
    false``: a department, a programme).

    Raises
    ------
    ParamsError
        For a name not on the list (with the nearest names), or a unit that no longer
        existed in the report's period (saying what became of it).
    """
    if not params.official:
        return None
    from reportlib.engine.units import resolve_unit
    from reportlib.errors import ParamsError

    try:
        return resolve_unit(
            params.unit,
            province=params.province or None,
            year=params.year,
            period_months=params.period_months,
        )
    except ParamsError as error:
        raise ParamsError(
            f"{params.source}: key 'unit': {error} (a unit that is not an administrative "
            "unit, such as a department: write official: false)"
        ) from None


def rows_digest(selection: Selection) -> str:
    """Return a SHA-256 of the rows a report uses (its unit, its year and the years before).

    It changes when those rows change and only then, whatever happens to other units' rows
    of the same table.
    """
    rows = [
        {key: str(value) for key, value in vars(indicator).items() if key != "row"}
        for indicator in selection.history + selection.indicators
    ]
    canonical = json.dumps(rows, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def table_digest(path: Path) -> str:
    """Return the hex SHA-256 of a file (the table, the catalogue)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
