"""Plan a build: check each params file and its table, and describe the job it needs.

Everything here runs in the build's own process, before any kernel starts: a report whose
params or table rows are bad fails in planning, named with its reason, and the others go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlib.build.cache import cache_key, notebook_digest
from reportlib.build.records import Job, UnitFacts
from reportlib.engine.params import DEFAULT_FORMATS, load_params
from reportlib.engine.report import Report, prepare_report
from reportlib.engine.sheets import sha256_file
from reportlib.errors import ParamsError

DEFAULT_NOTEBOOK = Path("notebooks") / "district_report.ipynb"
FORMATS = DEFAULT_FORMATS
OUTPUT_SUFFIXES = ("ipynb", "html", "pdf", "docx", "xlsx")


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where, what formats, how many at once, which share."""

    root: Path
    outputs: Path
    # None: each report's own `formats:`, else FORMATS; a tuple (from --format) wins over both.
    formats: tuple[str, ...] | None = None
    force: bool = False
    jobs: int | None = None
    shard: str | None = None
    timeout: float = 600.0
    allow_outside_data: bool = False
    notebook: Path | None = None
    progress: bool | None = None
    prestart_kernels: bool = True
    fork_kernels: bool = True


def output_name(params_file: Path, root: Path) -> str:
    """Return the report's name: its params path under params/ without the suffix.

    params/2023/thap-muoi.yaml -> 2023/thap-muoi, whose outputs are outputs/2023/thap-muoi.*
    """
    resolved = params_file.resolve()
    for base in (root / "params", root):
        try:
            relative = resolved.relative_to(base.resolve())
        except ValueError:
            continue
        return relative.with_suffix("").as_posix()
    return resolved.stem


def output_paths(outputs: Path, name: str) -> dict[str, Path]:
    """Return where each output of a report goes, refusing any path outside ``outputs``."""
    paths = {fmt: (outputs / f"{name}.{fmt}").resolve() for fmt in OUTPUT_SUFFIXES}
    base = outputs.resolve()
    for path in paths.values():
        if not path.is_relative_to(base):
            raise ParamsError(f"{name}: its outputs would go outside {outputs}")
    return paths


def relative(path: Path, root: Path) -> str:
    """Name a path as the user knows it: relative to the project, else as it is."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def plan_job(params_file: Path, options: BuildOptions, notebook: Path) -> Job:
    """Check one params file and its table, and describe the build it needs.

    Raises
    ------
    ParamsError, DataError
        For bad params or bad rows of this report.
    """
    name = output_name(params_file, options.root)
    shown = relative(params_file, options.root)
    params = load_params(params_file, display=shown)
    report = prepare_report(
        params, root=options.root, allow_outside_data=options.allow_outside_data
    )
    output_paths(options.outputs, name)
    inputs = {
        # What the notebook computes, not its outputs or execution counts: running and
        # saving it in JupyterLab rebuilds nothing.
        "notebook": notebook_digest(notebook),
        "params": sha256_file(params_file),
        "data": params.data,
        "data_sha256": report.table_sha256,
        "rows_sha256": report.rows_sha256,
    }
    return Job(
        name=name,
        params_file=shown,
        parameters=params.as_parameters(),
        language=params.language,
        title=title(report),
        # The whole file's hash is recorded, not keyed: another unit's rows must not rebuild
        # this report; its own rows are keyed through rows_sha256.
        key=cache_key({k: v for k, v in inputs.items() if k != "data_sha256"}),
        inputs=inputs,
        counts={
            "total": report.counts.total,
            "period": dict(report.counts.period),
            "year_end": dict(report.counts.year_end),
        },
        facts=UnitFacts(
            unit=report.unit,
            province=params.province,
            year=report.year,
            period_months=report.period_months,
            language=params.language,
            unit_code=report.unit_info.code if report.unit_info else "",
            unit_level=report.unit_info.level if report.unit_info else "",
            province_code=report.unit_info.province_code if report.unit_info else "",
        ),
        notices=report.notices,
        formats=options.formats or params.formats or FORMATS,
    )


def title(report: Report) -> str:
    """Return the report page's title: 'Tháp Mười – 9 tháng đầu năm 2023'."""
    from reportlib.render.formatting import period_label

    label = period_label(report.period_months, report.year, report.params.language)
    return f"{report.unit} – {label}"
