"""Build worker processes: execution workers run reports, export workers print them to PDF.

An execution worker runs one report at a time, each in a fresh kernel, and converts the
executed notebook to HTML; as soon as a report has run, it starts the kernel for its next
report (a kernel that fails to start then is that next report's problem, never the finished
one's). A kernel is never reused. An export worker prints the HTML to PDF and writes the
report's files, while the execution workers' kernels already run the next reports.

Kernels are forked from the build's zygote when the build says so; a worker that cannot reach
it, or a fork that fails, falls back to launching kernels, with one warning, for the rest of
its reports.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass
from multiprocessing import util
from pathlib import Path
from typing import Any

from reportlib.build.atomic import write_bytes_atomic
from reportlib.build.kernels import shutdown_kernel, start_kernel
from reportlib.build.records import Executed, Job, OutputFile, WorkerResult
from reportlib.errors import ExecutionError, KernelStartError, ReportlibError


@dataclass(frozen=True)
class WorkerSettings:
    """What every worker needs to know, set once when it starts."""

    root: str
    outputs: str
    notebook: str
    formats: tuple[str, ...]
    timeout: float
    prestart: bool
    fork_kernels: bool = True
    zygote: str | None = None  # the build's zygote socket
    sockets: str | None = None  # the build's socket folder
    # The build's environment: workers forked from multiprocessing's fork server would
    # otherwise keep the one the server started with.
    environment: dict[str, str] | None = None


# What the build's fork server imports once, before it forks the workers.
PRELOAD = [
    "reportlib.build._fork_server",
    "reportlib.build.workers",
    "reportlib.build.kernels.provisioner",
    "reportlib.publish.execute",
    "reportlib.publish.html",
    "reportlib.publish.pdf",
    "papermill",
    "nbclient",
    "jupyter_client.manager",
    "nbconvert",
    "weasyprint",
]


@dataclass
class _State:
    settings: WorkerSettings | None = None
    forked: bool = False
    next_kernel: Any = None
    warnings: tuple[str, ...] = ()


_state = _State()


def _adopt(settings: WorkerSettings) -> WorkerSettings:
    _state.settings = settings
    if settings.environment is not None:
        os.environ.clear()
        os.environ.update(settings.environment)
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.chdir(settings.root)
    return settings


def _fall_back(reason: str) -> None:
    """Launch kernels from now on, and say so once in this worker's next result."""
    if _state.forked:
        _state.forked = False
        _state.warnings += (f"{reason}; launching kernels instead (slower, same report)",)


def initialize(settings: WorkerSettings) -> None:
    """Set an execution worker up: reach the zygote, import the converters, start a kernel."""
    _adopt(settings)
    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)
    _state.forked = settings.fork_kernels and settings.zygote is not None
    if _state.forked:
        from reportlib.build.kernels.zygote import connect_zygote, disconnect_zygote

        try:
            connect_zygote(str(settings.zygote))
            util.Finalize(None, disconnect_zygote, exitpriority=5)
        except KernelStartError as error:
            _fall_back(str(error))
    if settings.prestart:
        _prestart()
        util.Finalize(None, _shutdown_waiting, exitpriority=10)
    from reportlib.publish import html

    html.stylesheet()


def _new_kernel() -> Any:
    """Start a kernel; a forked one that fails is replaced by a launched one (once)."""
    settings = _state.settings
    assert settings is not None, "initialize() runs first"
    if _state.forked:
        try:
            return start_kernel(settings.root, forked=True, sockets=settings.sockets)
        except KernelStartError as error:
            _fall_back(str(error))
    return start_kernel(settings.root, forked=False, sockets=settings.sockets)


def _prestart() -> None:
    """Start the next report's kernel now; if that fails, the next report starts its own."""
    try:
        _state.next_kernel = _new_kernel()
    except KernelStartError:
        _state.next_kernel = None


def _shutdown_waiting() -> None:
    shutdown_kernel(_state.next_kernel)
    _state.next_kernel = None


def initialize_export(settings: WorkerSettings) -> None:
    """Set an export worker up: it prints HTML to PDF and writes a report's files."""
    _adopt(settings)
    if "pdf" in settings.formats:
        import weasyprint  # noqa: F401  (the fork server has it already; a spawned worker not)
    if "docx" in settings.formats or "xlsx" in settings.formats:
        from reportlib.publish.xlsx import warm_up

        warm_up()  # while the first reports run


def ready() -> bool:
    """Do nothing: submitted once per worker at the start, it makes the pool start them."""
    return True


def _paths(name: str) -> tuple[dict[str, Path], Path, Path]:
    from reportlib.build.plan import output_paths

    settings = _state.settings
    assert settings is not None, "initialize() runs first"
    paths = output_paths(Path(settings.outputs), name)
    running = paths["ipynb"].with_name(f".{paths['ipynb'].stem}.{os.getpid()}.running.ipynb")
    failed = paths["ipynb"].with_name(paths["ipynb"].stem + ".failed.ipynb")
    return paths, running, failed


def _under_outputs(path: Path) -> str:
    assert _state.settings is not None
    return path.relative_to(Path(_state.settings.outputs).resolve()).as_posix()


def _take_warnings() -> tuple[str, ...]:
    warnings, _state.warnings = _state.warnings, ()
    return warnings


def execute_one(job: Job) -> Executed | WorkerResult:
    """Run one report's notebook in a fresh kernel and convert it to HTML.

    Returns what `export_one` needs, or the failure the manifest records: the executed
    notebook of a failure is kept beside the outputs as '<name>.failed.ipynb'.
    """
    settings = _state.settings
    assert settings is not None, "initialize() runs first"
    from reportlib.publish.execute import execute_report
    from reportlib.publish.html import notebook_to_html

    started = time.monotonic()
    paths, running, failed_path = _paths(job.name)
    paths["ipynb"].parent.mkdir(parents=True, exist_ok=True)
    kernel, _state.next_kernel = _state.next_kernel, None
    try:
        for attempt in (1, 2):
            if kernel is None:
                kernel = _new_kernel()
            try:
                executed = execute_report(
                    Path(settings.notebook),
                    job.parameters,
                    cwd=Path(settings.root),
                    output_path=running,
                    timeout=settings.timeout,
                    kernel_manager=kernel,
                )
                break
            except KernelStartError as error:
                # A kernel that never came up ran none of the report: one more is safe.
                shutdown_kernel(kernel)
                kernel = None
                if attempt == 2:
                    raise
                if _state.forked:
                    _fall_back(str(error))
    except ExecutionError as error:
        shutdown_kernel(kernel)
        if settings.prestart:
            _prestart()
        kept = None
        if running.exists():
            os.replace(running, failed_path)
            kept = _under_outputs(failed_path)
        return WorkerResult.failure(
            str(error),
            time.monotonic() - started,
            cell=error.cell,
            failed_notebook=kept,
            warnings=_take_warnings(),
        )
    shutdown_kernel(kernel)
    if settings.prestart:
        _prestart()  # the next report's kernel starts while this one is converted
    try:
        html = notebook_to_html(executed.notebook, title=job.title, language=job.language)
    except ReportlibError as error:
        return _export_failure(str(error), started, running, failed_path, executed.warnings)
    return Executed(
        started=started,
        running=str(running),
        html=html,
        warnings=_take_warnings() + tuple(executed.warnings),
    )


def _export_failure(
    error: str, started: float, running: Path, failed_path: Path, warnings: tuple[str, ...]
) -> WorkerResult:
    if running.exists():
        os.replace(running, failed_path)
    return WorkerResult.failure(
        error,
        time.monotonic() - started,
        failed_notebook=_under_outputs(failed_path),
        warnings=warnings,
    )


def export_one(job: Job, executed: Executed) -> WorkerResult:
    """Print an executed report to PDF and write its files atomically; return its result.

    Runs in an export worker, while the execution workers' kernels run the next reports.
    """
    settings = _state.settings
    assert settings is not None, "initialize_export() runs first"
    from reportlib.publish.pdf import document_font, html_to_pdf

    paths, _, failed_path = _paths(job.name)
    running = Path(executed.running)
    try:
        contents: dict[str, bytes] = {"ipynb": running.read_bytes()}
        if "html" in job.formats:
            contents["html"] = executed.html.encode("utf-8")
        font = None
        if "pdf" in job.formats:
            family = document_font(executed.html)
            contents["pdf"] = html_to_pdf(executed.html, family=family)
            font = family.name
        if "docx" in job.formats or "xlsx" in job.formats:
            contents.update(_office_files(job, executed.html, Path(settings.root)))
    except ReportlibError as error:
        return _export_failure(
            str(error), executed.started, running, failed_path, executed.warnings
        )
    recorded = {}
    for fmt, data in contents.items():
        if fmt == "ipynb":
            os.replace(running, paths["ipynb"])
        else:
            write_bytes_atomic(paths[fmt], data)
        recorded[fmt] = OutputFile(_under_outputs(paths[fmt]), hashlib.sha256(data).hexdigest())
    failed_path.unlink(missing_ok=True)
    return WorkerResult(
        ok=True,
        duration_s=time.monotonic() - executed.started,
        outputs=recorded,
        warnings=executed.warnings,
        pdf_font=font,
    )


def _office_files(job: Job, html: str, root: Path) -> dict[str, bytes]:
    """Write the .docx (from the HTML) and the .xlsx appendix (from the engine's report)."""
    from reportlib.engine.report import prepare_report
    from reportlib.publish.docx import report_docx
    from reportlib.publish.xlsx import report_to_xlsx

    # The planner checked the data path against --allow-outside-data; this reads it again.
    report = prepare_report(job.parameters, root=root, allow_outside_data=True)
    files: dict[str, bytes] = {}
    if "docx" in job.formats:
        files["docx"] = report_docx(html, report, title=job.title)
    if "xlsx" in job.formats:
        files["xlsx"] = report_to_xlsx(report)
    return files


def build_one(job: Job) -> WorkerResult:
    """Execute one report and export it, in this process (a worker initialized both ways)."""
    executed = execute_one(job)
    return export_one(job, executed) if isinstance(executed, Executed) else executed
